// passwordless: the definitions of passwordless/detail/text.hpp's functions. passwordless/detail/text.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_DETAIL_TEXT_HPP
#define PASSWORDLESS_IMPL_DETAIL_TEXT_HPP

#include "passwordless/detail/text.hpp"

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

#endif

#endif
