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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/validate.hpp"
#endif

#endif
