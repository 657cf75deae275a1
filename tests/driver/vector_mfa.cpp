// passwordless-cli vector: the MFA API operations build_mfa_authenticators,
// parse_mfa_authenticators, build_mfa_challenge and parse_mfa_challenge.
#include <string>
#include <utility>

#include "vector_ops.hpp"

namespace cli {

json authenticator_to_json(const passwordless::mfa_authenticator& a) {
    json out{{"id", a.id}, {"authenticator_type", a.authenticator_type}};
    if (a.active) out["active"] = *a.active;
    if (a.oob_channel) out["oob_channel"] = *a.oob_channel;
    if (a.name) out["name"] = *a.name;
    if (a.type) out["type"] = *a.type;
    return out;
}

json op_build_mfa_authenticators(const json& c) {
    auto client = read_client(require_object(c, "client"));
    if (!client.ok()) return failure(client.failure());
    auto r = passwordless::build_mfa_authenticators_request(client.value(), optional_string(c, "mfa_token").value_or(""));
    if (!r.ok()) return failure(r.failure());
    return json{{"ok", true}, {"request", request_to_json(r.value())}};
}

json op_parse_mfa_authenticators(const json& c) {
    const passwordless::response r = read_response(require_object(c, "response"));
    auto parsed = passwordless::parse_mfa_authenticators_response(r, read_now(c));
    if (!parsed.ok()) return failure(parsed.failure());
    json list = json::array();
    for (const passwordless::mfa_authenticator& a : parsed->authenticators) list.push_back(authenticator_to_json(a));
    return json{{"ok", true}, {"authenticators", std::move(list)}, {"skipped", parsed->skipped}};
}

json op_build_mfa_challenge(const json& c) {
    auto client = read_client(require_object(c, "client"));
    const json& params = require_object(c, "params");
    passwordless::mfa_challenge_params p;
    p.mfa_token = optional_string(params, "mfa_token").value_or("");
    p.challenge_type = optional_string(params, "challenge_type");
    p.authenticator_id = optional_string(params, "authenticator_id");
    if (!client.ok()) return failure(client.failure());
    auto r = passwordless::build_mfa_challenge_request(client.value(), p);
    if (!r.ok()) return failure(r.failure());
    return json{{"ok", true}, {"request", request_to_json(r.value())}};
}

json op_parse_mfa_challenge(const json& c) {
    const passwordless::response r = read_response(require_object(c, "response"));
    auto parsed = passwordless::parse_mfa_challenge_response(r, read_now(c));
    if (!parsed.ok()) return failure(parsed.failure());
    json result{{"challenge_type", parsed->challenge_type}};
    if (parsed->oob_code) result["oob_code"] = *parsed->oob_code;
    if (parsed->binding_method) result["binding_method"] = *parsed->binding_method;
    return json{{"ok", true}, {"result", std::move(result)}};
}

}  // namespace cli
