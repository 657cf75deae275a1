// passwordless (private): byte-level text checks shared by builders and parsers.
#ifndef PASSWORDLESS_DETAIL_TEXT_HPP
#define PASSWORDLESS_DETAIL_TEXT_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

PASSWORDLESS_FUNC unsigned char byte_at(std::string_view s, std::size_t i) noexcept;

/// Length of the strictly valid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF) that starts at `pos`, or 0 when none does. `pos < s.size()`.
PASSWORDLESS_FUNC std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) noexcept;

/// True when two of `values` are equal. Sorts them (n log n): names and ids come from untrusted
/// input in the tens of thousands, where comparing every pair would burn seconds of CPU.
template <class T>
bool has_repeated(std::vector<T>& values) {
    std::sort(values.begin(), values.end());
    return std::adjacent_find(values.begin(), values.end()) != values.end();
}

/// The position of the first entry whose name an earlier entry already has, or entries.size()
/// when the names are unique. For at most 64 entries (the callers refuse more first): it sorts
/// (name, position) pairs on the stack, so it neither allocates nor compares every pair.
PASSWORDLESS_FUNC std::size_t first_repeated_name(const std::vector<std::pair<std::string, std::string>>& entries);

/// The value of a hexadecimal digit (either case), or -1.
constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
PASSWORDLESS_FUNC bool is_valid_utf8(std::string_view s) noexcept;

/// True when `s` holds an ASCII control character (0x00-0x1F or 0x7F) or a C1 control
/// (U+0080-U+009F, encoded C2 80 to C2 9F).
PASSWORDLESS_FUNC bool has_control(std::string_view s) noexcept;

/// True when `s` is printable ASCII (0x21-0x7E) with single inner spaces allowed when
/// `allow_inner_space`; never leading or trailing whitespace.
PASSWORDLESS_FUNC bool is_visible_ascii(std::string_view s, bool allow_inner_space) noexcept;

PASSWORDLESS_FUNC bool is_digit(char c) noexcept;
PASSWORDLESS_FUNC bool is_alpha(char c) noexcept;

PASSWORDLESS_FUNC char ascii_lower(char c) noexcept;

PASSWORDLESS_FUNC std::string ascii_lowercase(std::string_view s);

/// Case-insensitive (ASCII) substring search.
PASSWORDLESS_FUNC bool contains_ignoring_case(std::string_view haystack, std::string_view needle) noexcept;

/// Parses `^[0-9]{1,18}$` (so the value always fits in int64); anything else is empty.
PASSWORDLESS_FUNC std::optional<std::int64_t> parse_small_decimal(std::string_view s) noexcept;

/// Compares two strings in time that depends only on their lengths, not on where they differ.
PASSWORDLESS_FUNC bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

/// Server-provided text made safe for messages and logs: control characters become spaces,
/// and text longer than `max_bytes` is cut at a UTF-8 boundary and marked with "...".
PASSWORDLESS_FUNC std::string sanitize_server_text(std::string_view s, std::size_t max_bytes = 1024);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC unsigned char byte_at(std::string_view s, std::size_t i) noexcept {
    return static_cast<unsigned char>(s[i]);
}

PASSWORDLESS_FUNC std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) noexcept {
    const unsigned char c = byte_at(s, pos);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (s.size() - pos < len) return 0;
    const unsigned char c1 = byte_at(s, pos + 1);
    if (c1 < lo || c1 > hi) return 0;
    for (std::size_t k = 2; k < len; ++k) {
        const unsigned char ck = byte_at(s, pos + k);
        if (ck < 0x80 || ck > 0xBF) return 0;
    }
    return len;
}

PASSWORDLESS_FUNC std::size_t first_repeated_name(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::array<std::pair<std::string_view, std::size_t>, 64> sorted{};
    const std::size_t n = entries.size() < sorted.size() ? entries.size() : sorted.size();
    for (std::size_t i = 0; i < n; ++i) sorted[i] = {entries[i].first, i};
    std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n));
    std::size_t first = entries.size();
    for (std::size_t k = 1; k < n; ++k)
        if (sorted[k].first == sorted[k - 1].first && sorted[k].second < first) first = sorted[k].second;
    return first;
}

PASSWORDLESS_FUNC bool is_valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

PASSWORDLESS_FUNC bool has_control(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = byte_at(s, i);
        if (c < 0x20 || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && byte_at(s, i + 1) >= 0x80 && byte_at(s, i + 1) <= 0x9F)
            return true;
    }
    return false;
}

PASSWORDLESS_FUNC bool is_visible_ascii(std::string_view s, bool allow_inner_space) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = byte_at(s, i);
        if (c == ' ' && allow_inner_space && i != 0 && i + 1 != s.size()) continue;
        if (c < 0x21 || c > 0x7E) return false;
    }
    return true;
}

PASSWORDLESS_FUNC bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

PASSWORDLESS_FUNC bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

PASSWORDLESS_FUNC char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

PASSWORDLESS_FUNC std::string ascii_lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

PASSWORDLESS_FUNC bool contains_ignoring_case(std::string_view haystack, std::string_view needle) noexcept {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(haystack[i + k]) == ascii_lower(needle[k])) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

PASSWORDLESS_FUNC std::optional<std::int64_t> parse_small_decimal(std::string_view s) noexcept {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

PASSWORDLESS_FUNC bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(diff | (byte_at(a, i) ^ byte_at(b, i)));
    return diff == 0;
}

PASSWORDLESS_FUNC std::string sanitize_server_text(std::string_view s, std::size_t max_bytes) {
    std::string out;
    std::size_t end = s.size();
    bool cut = false;
    if (end > max_bytes) {
        end = max_bytes;
        while (end > 0 && (byte_at(s, end) & 0xC0) == 0x80) --end;
        cut = true;
    }
    out.reserve(end + 3);
    for (std::size_t i = 0; i < end; ++i) {
        const unsigned char c = byte_at(s, i);
        if (c < 0x20 || c == 0x7F) {
            out.push_back(' ');
        } else if (c == 0xC2 && i + 1 < end && byte_at(s, i + 1) >= 0x80 && byte_at(s, i + 1) <= 0x9F) {
            out.push_back(' ');
            ++i;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    if (cut) out.append("...");
    return out;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
