// passwordless-driver vector: the session operations build_revoke, parse_revoke, build_userinfo,
// parse_userinfo, parse_resource_error and build_logout_url (DRIVER.md, Additions (2026-12-07)).
#include <string>
#include <string_view>
#include <utility>

#include "vector_ops.hpp"

namespace cli {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// RFC 3986 percent-decoding of one query component ('+' stays '+': the library never writes it
// for a space). A broken escape is kept as written, so a comparison shows it.
std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

// The URL's query as an object of decoded strings (a bare name is "").
json query_object(std::string_view query) {
    json out = json::object();
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const std::size_t eq = pair.find('=');
        out[percent_decode(pair.substr(0, eq))] = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
    return out;
}

}  // namespace

json op_build_revoke(const json& c) {
    auto client = read_client(require_object(c, "client"));
    passwordless::revoke_params p;
    p.refresh_token = optional_string(require_object(c, "params"), "refresh_token").value_or("");
    if (!client.ok()) return failure(client.failure());
    return request_result(passwordless::build_revoke_request(client.value(), p));
}

json op_parse_revoke(const json& c) {
    auto e = passwordless::parse_revoke_response(read_response(require_object(c, "response")), read_now(c));
    if (e) return failure(*e);
    return json{{"ok", true}};
}

json op_build_userinfo(const json& c) {
    auto client = read_client(require_object(c, "client"));
    const json& params = require_object(c, "params");
    passwordless::userinfo_params p;
    p.access_token = optional_string(params, "access_token").value_or("");
    p.token_type = optional_string(params, "token_type").value_or("Bearer");
    std::optional<passwordless::userinfo_proof> proof;
    if (auto d = c.find("dpop"); d != c.end() && !d->is_null()) {
        if (!d->is_object()) invalid_case("\"dpop\" must be an object");
        auto key = passwordless::dpop_public_key::from_jwk(require_object(*d, "key").dump());
        if (!key.ok()) return failure(key.failure());
        auto jti = passwordless::detail::base64url_decode_strict(require_string(*d, "jti"));
        if (!jti) invalid_case("dpop.jti must be base64url");
        proof = passwordless::userinfo_proof{passwordless::dpop_key{key.value(), read_dpop_signer(*d)}, read_now(*d),
                                             std::move(*jti), optional_string(*d, "nonce").value_or("")};
    }
    if (!client.ok()) return failure(client.failure());
    return request_result(passwordless::build_userinfo_request(client.value(), p, proof));
}

json op_parse_userinfo(const json& c) {
    auto claims = passwordless::parse_userinfo_response(read_response(require_object(c, "response")), read_now(c));
    if (!claims.ok()) return failure(claims.failure());
    return json{{"ok", true}, {"claims", claims->json()}};
}

json op_parse_resource_error(const json& c) {
    return failure(passwordless::classify_resource_error(read_response(require_object(c, "response")), read_now(c)));
}

json op_build_logout_url(const json& c) {
    auto client = read_client(require_object(c, "client"));
    const json& params = require_object(c, "params");
    const std::string kind = require_string(params, "kind");
    if (!client.ok()) return failure(client.failure());
    passwordless::result<std::string> url = std::string();
    if (kind == "v2") {
        passwordless::v2_logout_params p;
        p.return_to = optional_string(params, "return_to");
        if (auto f = params.find("federated"); f != params.end() && !f->is_null()) {
            if (!f->is_boolean()) invalid_case("\"federated\" must be a boolean");
            p.federated = f->get<bool>();
        }
        url = passwordless::build_logout_url(client.value(), p);
    } else if (kind == "oidc") {
        passwordless::oidc_logout_params p;
        p.id_token_hint = optional_string(params, "id_token_hint");
        p.post_logout_redirect_uri = optional_string(params, "post_logout_redirect_uri");
        p.state = optional_string(params, "state");
        url = passwordless::build_logout_url(client.value(), p);
    } else {
        invalid_case("\"kind\" must be \"v2\" or \"oidc\"");
    }
    if (!url.ok()) return failure(url.failure());
    const std::string& u = url.value();
    const std::size_t q = u.find('?');
    return json{{"ok", true},
                {"url", u},
                {"base", u.substr(0, q)},
                {"query", query_object(q == std::string::npos ? std::string_view() : std::string_view(u).substr(q + 1))}};
}

}  // namespace cli
