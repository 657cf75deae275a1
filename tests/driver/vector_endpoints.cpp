// passwordless-cli vector: the endpoint operations build_start, build_token, parse_start and
// parse_token.
#include <utility>
#include <vector>

#include "vector_ops.hpp"

namespace cli {

namespace {

// auth_params must be an object of strings; anything else is the caller's invalid argument.
std::optional<passwordless::error> read_auth_params(const json& params, passwordless::start_params& p) {
    auto it = params.find("auth_params");
    if (it == params.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) return passwordless::error::invalid_argument("auth_params", "must be an object of strings");
    std::vector<std::pair<std::string, std::string>> list;
    for (auto m = it->begin(); m != it->end(); ++m) {
        const std::string* v = m->get_ptr<const std::string*>();
        if (v == nullptr) return passwordless::error::invalid_argument("auth_params", "must be an object of strings");
        list.emplace_back(m.key(), *v);
    }
    p.auth_params = std::move(list);
    return std::nullopt;
}

}  // namespace

std::optional<passwordless::error> read_start_params(const json& params, passwordless::start_params& p) {
    p.connection = optional_string(params, "connection").value_or("");
    p.email = optional_string(params, "email");
    p.phone_number = optional_string(params, "phone_number");
    p.language = optional_string(params, "language");
    p.forwarded_for = optional_string(params, "forwarded_for");
    if (auto send = optional_string(params, "send")) {
        auto method = passwordless::parse_send_method(*send);
        if (!method.ok()) return method.failure();
        p.send = method.value();
    }
    return read_auth_params(params, p);
}

json op_build_start(const json& c) {
    auto client = read_client(require_object(c, "client"));
    passwordless::start_params p;
    auto input_error = read_start_params(require_object(c, "params"), p);
    if (!client.ok()) return failure(client.failure());
    if (input_error) return failure(*input_error);
    return request_result(passwordless::build_start_request(client.value(), p));
}

json op_build_token(const json& c) {
    auto client = read_client(require_object(c, "client"));
    const json& params = require_object(c, "params");
    const std::string grant = optional_string(params, "grant").value_or("otp");
    if (grant == "otp") {
        passwordless::otp_grant_params p;
        p.realm = optional_string(params, "realm").value_or("");
        p.username = optional_string(params, "username").value_or("");
        p.otp = optional_string(params, "otp").value_or("");
        p.audience = optional_string(params, "audience");
        p.scope = optional_string(params, "scope");
        p.forwarded_for = optional_string(params, "forwarded_for");
        if (!client.ok()) return failure(client.failure());
        return request_result(passwordless::build_token_request(client.value(), p));
    }
    if (grant == "refresh") {
        passwordless::refresh_grant_params p;
        p.refresh_token = optional_string(params, "refresh_token").value_or("");
        p.scope = optional_string(params, "scope");
        p.audience = optional_string(params, "audience");
        if (!client.ok()) return failure(client.failure());
        return request_result(passwordless::build_token_request(client.value(), p));
    }
    if (grant == "mfa_otp") {
        passwordless::mfa_otp_grant_params p;
        p.mfa_token = optional_string(params, "mfa_token").value_or("");
        p.otp = optional_string(params, "otp").value_or("");
        if (!client.ok()) return failure(client.failure());
        return request_result(passwordless::build_token_request(client.value(), p));
    }
    if (grant == "mfa_oob") {
        passwordless::mfa_oob_grant_params p;
        p.mfa_token = optional_string(params, "mfa_token").value_or("");
        p.oob_code = optional_string(params, "oob_code").value_or("");
        p.binding_code = optional_string(params, "binding_code");
        if (!client.ok()) return failure(client.failure());
        return request_result(passwordless::build_token_request(client.value(), p));
    }
    if (grant == "mfa_recovery") {
        passwordless::mfa_recovery_grant_params p;
        p.mfa_token = optional_string(params, "mfa_token").value_or("");
        p.recovery_code = optional_string(params, "recovery_code").value_or("");
        if (!client.ok()) return failure(client.failure());
        return request_result(passwordless::build_token_request(client.value(), p));
    }
    invalid_case("params.grant must be otp, refresh, mfa_otp, mfa_oob or mfa_recovery");
}

json op_parse_start(const json& c) {
    const passwordless::response r = read_response(require_object(c, "response"));
    const passwordless::unix_seconds now = optional_int(c, "now").value_or(0);
    auto parsed = passwordless::parse_start_response(r, now);
    if (!parsed.ok()) return failure(parsed.failure());
    const passwordless::start_result& s = parsed.value();
    json result = json::object();
    if (s.id) result["id"] = *s.id;
    if (s.email) result["email"] = *s.email;
    if (s.email_verified) result["email_verified"] = *s.email_verified;
    if (s.phone_number) result["phone_number"] = *s.phone_number;
    if (s.phone_verified) result["phone_verified"] = *s.phone_verified;
    return json{{"ok", true}, {"result", std::move(result)}};
}

json op_parse_token(const json& c) {
    const passwordless::response r = read_response(require_object(c, "response"));
    passwordless::token_grant grant = passwordless::token_grant::unspecified;
    if (auto g = optional_string(c, "grant")) {
        bool known = false;
        for (auto candidate : passwordless::all_grants)
            if (*g == passwordless::to_string(candidate)) {
                grant = candidate;
                known = true;
            }
        if (!known || g->empty()) invalid_case("grant must be otp, refresh, authorization_code, mfa_otp, mfa_oob or mfa_recovery");
    }
    auto parsed = passwordless::parse_token_response(r, grant, read_now(c));
    if (!parsed.ok()) return failure(parsed.failure());
    return json{{"ok", true}, {"result", token_set_to_json(parsed.value())}};
}

json token_set_to_json(const passwordless::token_set& t) {
    json out{{"access_token", t.access_token}, {"token_type", t.token_type}};
    if (t.expires_in) out["expires_in"] = *t.expires_in;
    if (t.expires_at) out["expires_at"] = *t.expires_at;
    if (t.refresh_token) out["refresh_token"] = *t.refresh_token;
    if (t.id_token) out["id_token"] = *t.id_token;
    if (t.scope) out["scope"] = *t.scope;
    if (t.recovery_code) out["recovery_code"] = *t.recovery_code;
    return out;
}

}  // namespace cli
