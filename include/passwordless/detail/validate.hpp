// passwordless (private): validation rules for caller inputs. Each returns an error naming the
// field, never quoting its value.
#ifndef PASSWORDLESS_DETAIL_VALIDATE_HPP
#define PASSWORDLESS_DETAIL_VALIDATE_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

using check = std::optional<error>;

/// A `now` from the caller: invalid_argument (field "now") outside 0 to max_unix_seconds.
PASSWORDLESS_FUNC check check_now(unix_seconds now);

/// A value that goes into a JSON body: non-empty, within `max_bytes`, valid UTF-8, no controls.
PASSWORDLESS_FUNC check check_body_text(std::string_view field, std::string_view v, std::size_t max_bytes);

/// A value that goes into a header or URL: non-empty, within `max_bytes`, visible ASCII,
/// single inner spaces only when `allow_inner_space`.
PASSWORDLESS_FUNC check check_header_text(std::string_view field, std::string_view v, std::size_t max_bytes, bool allow_inner_space);

/// An email address: exactly one '@' with text on both sides, at most 254 bytes, valid UTF-8,
/// no spaces, quotes, backslashes or control characters. Internationalised addresses pass.
PASSWORDLESS_FUNC check check_email(std::string_view field, std::string_view v);

/// True when `v` is an E.164 number: '+', a first digit 1-9, 7 to 15 digits in all.
PASSWORDLESS_FUNC bool is_e164(std::string_view v) noexcept;

PASSWORDLESS_FUNC check check_phone(std::string_view field, std::string_view v);

/// A connection or realm name: 1 to 128 characters from A-Z a-z 0-9 '-' '_' '.'.
PASSWORDLESS_FUNC check check_connection_name(std::string_view field, std::string_view v);

/// A one-time code: 4 to 16 ASCII digits, nothing else.
PASSWORDLESS_FUNC check check_otp(std::string_view field, std::string_view v);

/// An OAuth scope: scope tokens of printable ASCII (no '"' or '\\') separated by single spaces.
PASSWORDLESS_FUNC check check_scope(std::string_view field, std::string_view v, std::size_t max_bytes);

PASSWORDLESS_FUNC bool parse_ipv4(std::string_view v) noexcept;

/// RFC 4291 text form, with '::' compression and an optional trailing IPv4 part; no zone id.
PASSWORDLESS_FUNC bool parse_ipv6(std::string_view v) noexcept;

/// An end-user IP address literal (IPv4 dotted quad or IPv6 text form).
PASSWORDLESS_FUNC check check_ip_literal(std::string_view field, std::string_view v);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC check check_now(unix_seconds now) {
    if (is_valid_time(now)) return std::nullopt;
    return error::invalid_argument("now", "must be between 0 and " + std::to_string(max_unix_seconds));
}

PASSWORDLESS_FUNC check check_body_text(std::string_view field, std::string_view v, std::size_t max_bytes) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > max_bytes) return error::invalid_argument(std::string(field), "is longer than the input size limit");
    if (!is_valid_utf8(v)) return error::invalid_argument(std::string(field), "is not valid UTF-8");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters (CR, LF, NUL, ...)");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_header_text(std::string_view field, std::string_view v, std::size_t max_bytes, bool allow_inner_space) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > max_bytes) return error::invalid_argument(std::string(field), "is longer than the input size limit");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters (CR, LF, NUL, ...)");
    if (!is_visible_ascii(v, allow_inner_space))
        return error::invalid_argument(std::string(field), "must be printable ASCII without leading or trailing spaces");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_email(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > 254) return error::invalid_argument(std::string(field), "is longer than 254 bytes");
    if (!is_valid_utf8(v)) return error::invalid_argument(std::string(field), "is not valid UTF-8");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters");
    std::size_t ats = 0;
    for (char c : v) {
        if (c == '@') ++ats;
        if (c == ' ' || c == '"' || c == '\\' || c == '\t')
            return error::invalid_argument(std::string(field), "must not contain spaces, quotes or backslashes");
    }
    if (ats != 1) return error::invalid_argument(std::string(field), "must contain exactly one '@'");
    const std::size_t at = v.find('@');
    if (at == 0 || at + 1 == v.size())
        return error::invalid_argument(std::string(field), "needs text on both sides of '@'");
    return std::nullopt;
}

PASSWORDLESS_FUNC bool is_e164(std::string_view v) noexcept {
    if (v.size() < 8 || v.size() > 16 || v[0] != '+' || v[1] < '1' || v[1] > '9') return false;
    for (std::size_t i = 2; i < v.size(); ++i)
        if (!is_digit(v[i])) return false;
    return true;
}

PASSWORDLESS_FUNC check check_phone(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (!is_e164(v))
        return error::invalid_argument(std::string(field),
                                       "must be in E.164 form: '+', then 7 to 15 digits, the first not 0");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_connection_name(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > 128) return error::invalid_argument(std::string(field), "is longer than 128 characters");
    for (char c : v)
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.'))
            return error::invalid_argument(std::string(field), "may only contain letters, digits, '-', '_' and '.'");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_otp(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() < 4 || v.size() > 16) return error::invalid_argument(std::string(field), "must be 4 to 16 digits");
    for (char c : v)
        if (!is_digit(c)) return error::invalid_argument(std::string(field), "must contain digits only");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_scope(std::string_view field, std::string_view v, std::size_t max_bytes) {
    if (auto e = check_header_text(field, v, max_bytes, true)) return e;
    char prev = ' ';
    for (char c : v) {
        if (c == '"' || c == '\\') return error::invalid_argument(std::string(field), "must not contain '\"' or '\\'");
        if (c == ' ' && prev == ' ') return error::invalid_argument(std::string(field), "must separate scopes by single spaces");
        prev = c;
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC bool parse_ipv4(std::string_view v) noexcept {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        std::size_t start = i;
        int value = 0;
        while (i < v.size() && is_digit(v[i]) && i - start < 3) value = value * 10 + (v[i++] - '0');
        const std::size_t len = i - start;
        if (len == 0 || value > 255 || (len > 1 && v[start] == '0')) return false;
        ++parts;
        if (i == v.size()) break;
        if (v[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

PASSWORDLESS_FUNC bool parse_ipv6(std::string_view v) noexcept {
    if (v.size() < 2 || v.size() > 45) return false;
    int groups = 0;
    bool compressed = false;
    std::size_t i = 0;
    if (v[0] == ':') {
        if (v[1] != ':') return false;
        compressed = true;
        i = 2;
        if (i == v.size()) return true;
    }
    while (i < v.size()) {
        std::size_t start = i;
        while (i < v.size() && hex_digit_value(v[i]) >= 0 && i - start < 4) ++i;
        const std::size_t len = i - start;
        if (i < v.size() && v[i] == '.') {  // embedded IPv4 must be last
            if (!parse_ipv4(v.substr(start))) return false;
            groups += 2;
            i = v.size();
            break;
        }
        if (len == 0) return false;
        ++groups;
        if (i == v.size()) break;
        if (v[i] != ':') return false;
        ++i;
        if (i < v.size() && v[i] == ':') {
            if (compressed) return false;
            compressed = true;
            ++i;
            if (i == v.size()) break;
        } else if (i == v.size()) {
            return false;  // trailing single ':'
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

PASSWORDLESS_FUNC check check_ip_literal(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (parse_ipv4(v) || parse_ipv6(v)) return std::nullopt;
    return error::invalid_argument(std::string(field), "must be an IPv4 or IPv6 address literal");
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
