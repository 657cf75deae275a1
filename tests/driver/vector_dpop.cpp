// passwordless-driver vector: the DPoP operations dpop_proof and jwk_thumbprint (DRIVER.md,
// Additions).
#include <cstdint>
#include <memory>
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

std::optional<passwordless::error> read_flow_dpop(const json& cfg, passwordless::flow_config& config) {
    auto d = cfg.find("dpop");
    if (d == cfg.end() || d->is_null()) return std::nullopt;
    if (!d->is_object()) invalid_case("config.dpop must be an object");
    auto key = passwordless::dpop_public_key::from_jwk(require_object(*d, "key").dump());
    if (!key.ok()) return key.failure();
    passwordless::flow_dpop fd;
    fd.key = passwordless::dpop_key{key.value(), read_dpop_signer(*d)};
    // Proof ids: a counter is enough for a scripted case (a real client uses a CSPRNG).
    auto counter = std::make_shared<unsigned>(0);
    fd.jti = [counter] {
        std::string id = "driver-jti-" + std::to_string(++*counter);
        id.resize(16, '.');
        return id;
    };
    if (auto b = d->find("require_binding"); b != d->end() && b->is_boolean()) fd.require_binding = b->get<bool>();
    config.dpop = std::move(fd);
    return std::nullopt;
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
