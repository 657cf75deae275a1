// passwordless (private): SHA-256 (FIPS 180-4), for DPoP's ath claim, JWK thumbprints and the
// saved login's digests; HMAC-SHA256 (RFC 2104) for the saved login's seal.
// Plain portable code: no tables outside the function, no allocation beyond the result.
#ifndef PASSWORDLESS_DETAIL_SHA256_HPP
#define PASSWORDLESS_DETAIL_SHA256_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

/// Incremental SHA-256: update() any number of times, then digest() once.
class sha256_state {
public:
    /// Feeds more bytes.
    void update(std::string_view data) noexcept;

    /// The 32-byte digest of everything fed so far (the state is spent afterwards).
    [[nodiscard]] std::string digest() noexcept;

private:
    static constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) noexcept { return (x >> n) | (x << (32u - n)); }

    void compress() noexcept;

    std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<std::uint8_t, 64> block_{};
    std::size_t fill_ = 0;
    std::uint64_t length_ = 0;
};

/// The SHA-256 digest of `data`: 32 raw bytes.
[[nodiscard]] PASSWORDLESS_FUNC std::string sha256(std::string_view data);

/// HMAC-SHA256 (RFC 2104, RFC 4231) of `message` under `key` (any length): 32 raw bytes.
[[nodiscard]] PASSWORDLESS_FUNC std::string hmac_sha256(std::string_view key, std::string_view message);

/// Lower-case hexadecimal of `bytes`.
[[nodiscard]] PASSWORDLESS_FUNC std::string hex_lower(std::string_view bytes);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC void sha256_state::update(std::string_view data) noexcept {
    for (char c : data) {
        block_[fill_++] = static_cast<std::uint8_t>(c);
        if (fill_ == 64) {
            compress();
            fill_ = 0;
        }
    }
    length_ += static_cast<std::uint64_t>(data.size());
}

PASSWORDLESS_FUNC std::string sha256_state::digest() noexcept {
    const std::uint64_t bits = length_ * 8u;
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
        while (fill_ < 64) block_[fill_++] = 0;
        compress();
        fill_ = 0;
    }
    while (fill_ < 56) block_[fill_++] = 0;
    for (int i = 7; i >= 0; --i) block_[fill_++] = static_cast<std::uint8_t>(bits >> (i * 8));
    compress();
    fill_ = 0;
    std::string out(32, '\0');
    for (std::size_t i = 0; i < 8; ++i)
        for (std::size_t k = 0; k < 4; ++k)
            out[i * 4 + k] = static_cast<char>(static_cast<std::uint8_t>(h_[i] >> (24 - 8 * k)));
    return out;
}

PASSWORDLESS_FUNC void sha256_state::compress() noexcept {
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::uint32_t w[64];
    for (std::size_t i = 0; i < 16; ++i)
        w[i] = (std::uint32_t{block_[i * 4]} << 24) | (std::uint32_t{block_[i * 4 + 1]} << 16) |
               (std::uint32_t{block_[i * 4 + 2]} << 8) | std::uint32_t{block_[i * 4 + 3]};
    for (std::size_t i = 16; i < 64; ++i) {
        const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (std::size_t i = 0; i < 64; ++i) {
        const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
        const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
    h_[5] += f;
    h_[6] += g;
    h_[7] += h;
}

PASSWORDLESS_FUNC std::string sha256(std::string_view data) {
    sha256_state s;
    s.update(data);
    return s.digest();
}

PASSWORDLESS_FUNC std::string hmac_sha256(std::string_view key, std::string_view message) {
    std::string block(64, '\0');
    if (key.size() > block.size()) {
        const std::string hashed = sha256(key);
        block.replace(0, hashed.size(), hashed);
    } else {
        block.replace(0, key.size(), key.data(), key.size());
    }
    std::string pad(64, '\0');
    for (std::size_t i = 0; i < 64; ++i) pad[i] = static_cast<char>(static_cast<unsigned char>(block[i]) ^ 0x36u);
    sha256_state inner;
    inner.update(pad);
    inner.update(message);
    const std::string inner_digest = inner.digest();
    for (std::size_t i = 0; i < 64; ++i) pad[i] = static_cast<char>(static_cast<unsigned char>(block[i]) ^ 0x5cu);
    sha256_state outer;
    outer.update(pad);
    outer.update(inner_digest);
    return outer.digest();
}

PASSWORDLESS_FUNC std::string hex_lower(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15u]);
    }
    return out;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
