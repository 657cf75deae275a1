// passwordless: the definitions of passwordless/limits.hpp's functions. passwordless/limits.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_LIMITS_HPP
#define PASSWORDLESS_IMPL_LIMITS_HPP

#include "passwordless/limits.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<checked_limits> checked_limits::create(const client_limits& l) {
    if (!limits_in_range(l))
        return error::invalid_argument("limits", "are outside their allowed ranges (see client_limits)");
    return checked_limits(l);
}

PASSWORDLESS_FUNC std::size_t checked_limits::max_body_bytes() const noexcept { return values_.max_body_bytes; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_json_depth() const noexcept { return values_.max_json_depth; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_token_bytes() const noexcept { return values_.max_token_bytes; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_input_bytes() const noexcept { return values_.max_input_bytes; }

PASSWORDLESS_FUNC const client_limits& checked_limits::values() const noexcept { return values_; }

PASSWORDLESS_FUNC checked_limits::checked_limits(const client_limits& l) noexcept : values_(l) {}

PASSWORDLESS_NAMESPACE_END

#endif

#endif
