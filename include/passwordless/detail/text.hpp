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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/text.hpp"
#endif

#endif
