// passwordless (private): base64 and base64url (RFC 4648), strict decoding.
#ifndef PASSWORDLESS_DETAIL_BASE64_HPP
#define PASSWORDLESS_DETAIL_BASE64_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

enum class base64_alphabet : std::uint8_t { standard, url };

/// Appends the encoding of `in` to `out`; `pad` adds '=' to a multiple of four characters.
PASSWORDLESS_FUNC void append_base64(std::string& out, std::string_view in, base64_alphabet alphabet, bool pad);

/// Encodes `in`; `pad` adds '=' to a multiple of four characters.
PASSWORDLESS_FUNC std::string base64_encode(std::string_view in, base64_alphabet alphabet, bool pad);

PASSWORDLESS_FUNC int base64_value(char c, base64_alphabet alphabet) noexcept;

/// Decodes unpadded base64url strictly: only the url alphabet, no '=', no whitespace, a length
/// that is not 1 mod 4, and zero trailing bits (the canonical encoding). Empty on any violation.
PASSWORDLESS_FUNC std::optional<std::string> base64url_decode_strict(std::string_view in);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC void append_base64(std::string& out, std::string_view in, base64_alphabet alphabet, bool pad) {
    const char* table = alphabet == base64_alphabet::url
                            ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                            : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const std::size_t rest = in.size() % 3;
    const std::size_t tail = rest == 0 ? 0 : (pad ? 4 : rest + 1);
    const std::size_t start = out.size();
    out.resize(start + in.size() / 3 * 4 + tail);  // written in place below: no per-character append
    // Local pointers: stores through char* could alias anything the loop reads from memory.
    char* w = &out[start];
    const unsigned char* src = reinterpret_cast<const unsigned char*>(in.data());
    const unsigned char* const end = src + (in.size() - rest);
    for (; src != end; src += 3, w += 4) {
        const std::uint32_t v = (std::uint32_t{src[0]} << 16) | (std::uint32_t{src[1]} << 8) | std::uint32_t{src[2]};
        w[0] = table[(v >> 18) & 63];
        w[1] = table[(v >> 12) & 63];
        w[2] = table[(v >> 6) & 63];
        w[3] = table[v & 63];
    }
    if (rest != 0) {
        const std::uint32_t v = (std::uint32_t{src[0]} << 16) | (rest == 2 ? std::uint32_t{src[1]} << 8 : 0u);
        *w++ = table[(v >> 18) & 63];
        *w++ = table[(v >> 12) & 63];
        if (rest == 2) *w++ = table[(v >> 6) & 63];
        if (pad) *w++ = '=';
        if (pad && rest == 1) *w = '=';
    }
}

PASSWORDLESS_FUNC std::string base64_encode(std::string_view in, base64_alphabet alphabet, bool pad) {
    std::string out;
    append_base64(out, in, alphabet, pad);
    return out;
}

PASSWORDLESS_FUNC int base64_value(char c, base64_alphabet alphabet) noexcept {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (alphabet == base64_alphabet::url) {
        if (c == '-') return 62;
        if (c == '_') return 63;
    } else {
        if (c == '+') return 62;
        if (c == '/') return 63;
    }
    return -1;
}

PASSWORDLESS_FUNC std::optional<std::string> base64url_decode_strict(std::string_view in) {
    if (in.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(in.size() / 4 * 3 + 2);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        const int v = base64_value(c, base64_alphabet::url);
        if (v < 0) return std::nullopt;
        acc = ((acc << 6) | static_cast<std::uint32_t>(v)) & 0xFFFFFFu;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    if (bits > 0 && (acc & ((1u << bits) - 1u)) != 0) return std::nullopt;  // non-canonical
    return out;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
