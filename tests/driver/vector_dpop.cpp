// passwordless-driver vector: the DPoP operations dpop_proof and jwk_thumbprint (DRIVER.md,
// Additions).
#include <cstdint>
#include <string>
#include <string_view>

#include "vector_ops.hpp"

namespace cli {

namespace {

// The fnv-stub DPoP signer: the 8-byte big-endian FNV-1a 64 of the signing input, eight times.
std::string fnv_stub_dpop_signature(std::string_view signing_input) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char ch : signing_input) {
        h ^= static_cast<unsigned char>(ch);
        h *= 0x100000001b3ULL;
    }
    std::string sig;
    for (int round = 0; round < 8; ++round)
        for (int shift = 56; shift >= 0; shift -= 8) sig.push_back(static_cast<char>((h >> shift) & 0xFF));
    return sig;
}

// One compact-JWS segment as JSON (the proof was just built, so it decodes).
json segment_json(std::string_view segment) {
    auto bytes = passwordless::detail::base64url_decode_strict(segment);
    if (!bytes) return nullptr;
    json j = json::parse(*bytes, nullptr, false);
    return j.is_discarded() ? json(nullptr) : j;
}

}  // namespace

passwordless::dpop_signer read_dpop_signer(const json& c) {
    const std::string name = optional_string(c, "signer").value_or("fnv-stub");
    if (name != "fnv-stub") invalid_case("signer must be \"fnv-stub\"");
    return fnv_stub_dpop_signature;
}

json op_dpop_proof(const json& c) {
    const std::string key_text = require_object(c, "key").dump();
    const std::string method = require_string(c, "method");
    const std::string url = require_string(c, "url");
    const passwordless::unix_seconds now = read_now(c);
    auto jti = passwordless::detail::base64url_decode_strict(require_string(c, "jti"));
    if (!jti) invalid_case("jti must be base64url");
    const std::string nonce = optional_string(c, "nonce").value_or("");
    const std::string access_token = optional_string(c, "access_token").value_or("");
    passwordless::dpop_signer signer = read_dpop_signer(c);

    auto key = passwordless::dpop_public_key::from_jwk(key_text);
    if (!key.ok()) return failure(key.failure());
    const passwordless::dpop_key dk{key.value(), std::move(signer)};
    auto proof = passwordless::build_dpop_proof(dk, {method, url, now, *jti, nonce, access_token});
    if (!proof.ok()) return failure(proof.failure());
    const std::string& jws = proof.value();
    const std::size_t a = jws.find('.');
    const std::size_t b = jws.rfind('.');
    return json{{"ok", true},
                {"proof", jws},
                {"header", segment_json(std::string_view(jws).substr(0, a))},
                {"payload", segment_json(std::string_view(jws).substr(a + 1, b - a - 1))}};
}

json op_jwk_thumbprint(const json& c) {
    auto t = passwordless::jwk_thumbprint(require_object(c, "key").dump());
    if (!t.ok()) return failure(t.failure());
    return json{{"ok", true}, {"thumbprint", t.value()}};
}

}  // namespace cli
