// Test helpers for ID tokens: build compact JWS strings and a deterministic stub verifier.
#ifndef PASSWORDLESS_TESTS_JWT_HELPERS_HPP
#define PASSWORDLESS_TESTS_JWT_HELPERS_HPP

#include <cstdint>
#include <string>

#include "helpers.hpp"

namespace test {

inline std::string b64url(std::string_view bytes) {
    return pl::detail::base64_encode(bytes, pl::detail::base64_alphabet::url, false);
}

/// A signature only stub_verifier accepts: "SIG:" + the signing input's length and first bytes
/// hashed with FNV-1a.
inline std::string stub_signature(std::string_view signing_input) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : signing_input) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    std::string sig = "SIG:";
    for (int s = 56; s >= 0; s -= 8) sig.push_back(static_cast<char>((h >> s) & 0xFF));
    return sig;
}

inline bool stub_verifier_accepts(const pl::signature_input& in) {
    return in.key_id == "k1" && in.signature == stub_signature(in.signing_input);
}

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
