// Test helpers for ID tokens: build compact JWS strings and a deterministic stub verifier.
#ifndef PASSWORDLESS_TESTS_JWT_HELPERS_HPP
#define PASSWORDLESS_TESTS_JWT_HELPERS_HPP

#include <string>
#include <string_view>

#include "helpers.hpp"
#include "stub_signer.hpp"

namespace test {

using stub_jws::b64url;

inline std::string stub_signature(std::string_view signing_input) { return stub_jws::signature(signing_input); }

inline bool stub_verifier_accepts(const pl::signature_input& in) { return stub_jws::verifier_accepts(in); }

/// A token from raw header and payload JSON text, signed for stub_verifier_accepts.
inline std::string make_jwt_raw(std::string_view header_json, std::string_view payload_json) {
    std::string input = b64url(header_json) + "." + b64url(payload_json);
    return input + "." + b64url(stub_signature(input));
}

inline std::string make_jwt(const json& header, const json& payload) { return make_jwt_raw(header.dump(), payload.dump()); }

inline json good_header() { return json{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "k1"}}; }

inline json good_claims() {
    return json{{"iss", "https://example.auth0.com/"}, {"sub", "email|5f7c8ec7c33c6c004bbafe82"}, {"aud", "abc123"},
                {"iat", now - 10},  {"exp", now + 36000},  {"email", "user@example.com"}, {"email_verified", true}};
}

inline pl::id_token_expectations good_expectations() {
    pl::id_token_expectations x;
    x.issuer = "https://example.auth0.com/";
    x.client_id = "abc123";
    return x;
}

}  // namespace test

#endif
