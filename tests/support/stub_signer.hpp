// A deterministic stand-in for a JWS signature, shared by the unit tests and the fuzz targets:
// not cryptography, only a tag that changes whenever the signing input does.
#ifndef PASSWORDLESS_TESTS_STUB_SIGNER_HPP
#define PASSWORDLESS_TESTS_STUB_SIGNER_HPP

#include <cstdint>
#include <string>
#include <string_view>

#include <passwordless.hpp>

namespace stub_jws {

inline std::string b64url(std::string_view bytes) {
    return passwordless::detail::base64_encode(bytes, passwordless::detail::base64_alphabet::url, false);
}

/// The 64-bit FNV-1a hash of `bytes` (also the fuzz targets' hash for verdicts).
inline std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// "SIG:" followed by fnv1a(signing input), big-endian.
inline std::string signature(std::string_view signing_input) {
    const std::uint64_t h = fnv1a(signing_input);
    std::string sig = "SIG:";
    for (int s = 56; s >= 0; s -= 8) sig.push_back(static_cast<char>((h >> s) & 0xFF));
    return sig;
}

/// A stand-in ES256 signature for DPoP proofs (the conformance driver's fnv-stub): the 8-byte
/// big-endian fnv1a(signing input), eight times over, so 64 bytes like a raw r||s.
inline std::string dpop_signature(std::string_view signing_input) {
    const std::uint64_t h = fnv1a(signing_input);
    std::string sig;
    for (int round = 0; round < 8; ++round)
        for (int s = 56; s >= 0; s -= 8) sig.push_back(static_cast<char>((h >> s) & 0xFF));
    return sig;
}

/// The P-256 public key (x, y) the tests pair with dpop_signature().
inline constexpr const char* dpop_key_x = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
inline constexpr const char* dpop_key_y = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";

/// Accepts exactly the tokens signed with signature() under key id "k1".
inline bool verifier_accepts(const passwordless::signature_input& in) {
    return in.key_id == "k1" && in.signature == signature(in.signing_input);
}

}  // namespace stub_jws

#endif
