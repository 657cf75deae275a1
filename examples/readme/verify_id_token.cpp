// Verifying an ID token with the OpenSSL add-on as the signature verifier (README.md, "The API on
// one page"). The library does every check but the signature math; the verifier does that.
// Run by ctest/meson test readme_verify_id_token: a token no key of the set signed is refused
// with reason "signature".
#include <cstdio>
#include <string>
#include <utility>

#include <passwordless.hpp>
#include <passwordless/addons/openssl_verifier.hpp>

namespace pl = passwordless;

int refused(const pl::error& e) {
    std::printf("refused: %s (%s), reason %s\n", std::string(pl::to_string(e.kind)).c_str(),
                std::string(pl::to_string(e.action)).c_str(), e.reason.c_str());
    return e.kind == pl::error_kind::invalid_id_token && e.reason == "signature" ? 0 : 1;
}

int main() {
    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    auto client = pl::client::create(cfg);
    if (!client) return 1;
    const std::string jwks_json = R"({"keys":[]})";  // the tenant's /.well-known/jwks.json, fetched by you
    const std::string id_token =  // {"alg":"RS256","kid":"k1"} . {"sub":"email|1"} . "sig"
        "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJlbWFpbHwxIn0.c2ln";
    const pl::unix_seconds now = 1700000000;

    // README: begin
    auto keys = pl::parse_jwks(jwks_json);  // RSA signing keys; the others are skipped and counted
    if (!keys) return refused(keys.failure());
    const pl::signature_verifier verifier = pl::openssl_verifier(std::move(keys).value());
    pl::id_token_expectations expect;
    expect.issuer = pl::expected_issuer(*client);  // "https://example.auth0.com/"
    expect.client_id = cfg.client_id;
    auto claims = pl::verify_id_token(id_token, expect, verifier, now);
    if (!claims) return refused(claims.failure());  // invalid_id_token; e.reason names the check
    std::printf("%s\n", claims->sub().c_str());
    // README: end
    return 1;  // this token is signed by no key of the set
}
