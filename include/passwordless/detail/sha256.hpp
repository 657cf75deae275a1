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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/sha256.hpp"
#endif

#endif
