// passwordless: the definitions of passwordless/error.hpp's functions. passwordless/error.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_ERROR_HPP
#define PASSWORDLESS_IMPL_ERROR_HPP

#include "passwordless/error.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC error error::make(error_kind kind, std::string description) {
    error e;
    e.kind = kind;
    e.action = action_for(kind);
    e.description = std::move(description);
    return e;
}

PASSWORDLESS_FUNC error error::invalid_argument(std::string field_name, std::string_view problem) {
    error e = make(error_kind::invalid_argument, std::string());
    e.description.reserve(field_name.size() + problem.size() + 1);
    e.description.append(field_name).append(" ").append(problem);
    e.field = std::move(field_name);
    return e;
}

PASSWORDLESS_NAMESPACE_END

#endif

#endif
