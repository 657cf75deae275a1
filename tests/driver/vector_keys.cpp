// passwordless-cli vector: the key-set and discovery operations (DRIVER.md, Additions):
// parse_jwks and parse_discovery.
#include "vector_ops.hpp"

namespace cli {

json op_parse_jwks(const json& c) {
    const passwordless::unix_seconds now = optional_int(c, "now").value_or(0);
    passwordless::result<passwordless::jwks> parsed = c.contains("document")
                                                          ? passwordless::parse_jwks(require_string(c, "document"))
                                                          : passwordless::parse_jwks_response(read_response(require_object(c, "response")), now);
    if (!parsed.ok()) return failure(parsed.failure());
    json keys = json::array();
    for (const passwordless::jwk& k : parsed->keys) {
        json key{{"kty", k.kty}};
        if (!k.kid.empty()) key["kid"] = k.kid;
        if (!k.alg.empty()) key["alg"] = k.alg;
        if (!k.use.empty()) key["use"] = k.use;
        keys.push_back(std::move(key));
    }
    return json{{"ok", true}, {"keys", std::move(keys)}, {"skipped", parsed->skipped}};
}

json op_parse_discovery(const json& c) {
    const passwordless::response r = read_response(require_object(c, "response"));
    auto parsed = passwordless::parse_openid_configuration_response(r, require_string(c, "issuer"), optional_int(c, "now").value_or(0));
    if (!parsed.ok()) return failure(parsed.failure());
    const passwordless::openid_configuration& d = parsed.value();
    json result{{"issuer", d.issuer}, {"jwks_uri", d.jwks_uri}};
    if (!d.token_endpoint.empty()) result["token_endpoint"] = d.token_endpoint;
    if (d.id_token_signing_alg_values_supported) result["id_token_signing_alg_values_supported"] = *d.id_token_signing_alg_values_supported;
    if (d.dpop_signing_alg_values_supported) result["dpop_signing_alg_values_supported"] = *d.dpop_signing_alg_values_supported;
    return json{{"ok", true}, {"result", std::move(result)}};
}

}  // namespace cli
