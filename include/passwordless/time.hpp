// passwordless: time as the library sees it: Unix seconds, passed in by the caller, within one range.
#ifndef PASSWORDLESS_TIME_HPP
#define PASSWORDLESS_TIME_HPP

#include <cstdint>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// Seconds since the Unix epoch. Every call that depends on time takes one as a parameter; the
/// library never reads a clock.
using unix_seconds = std::int64_t;

/// The latest time accepted anywhere (a `now`, a token's exp/iat/nbf/auth_time, a max_age):
/// 9999-12-31T23:59:59Z. The earliest is 0.
inline constexpr unix_seconds max_unix_seconds = 253402300799;

/// The old name of max_unix_seconds.
inline constexpr unix_seconds max_now = max_unix_seconds;

/// True when `t` is between 0 and max_unix_seconds: the one range check on times. The error a
/// caller gets for a `now` outside it is detail::check_now (detail/validate.hpp).
[[nodiscard]] constexpr bool is_valid_time(unix_seconds t) noexcept { return t >= 0 && t <= max_unix_seconds; }

PASSWORDLESS_NAMESPACE_END

#endif
