// passwordless: the definitions of passwordless/http.hpp's functions. passwordless/http.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_HTTP_HPP
#define PASSWORDLESS_IMPL_HTTP_HPP

#include "passwordless/http.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::optional<std::string_view> find_header(const std::vector<header>& headers,
                                                               std::string_view name) {
    for (const auto& h : headers)
        if (header_name_equals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
}

PASSWORDLESS_FUNC std::optional<std::string_view> request::find_header(std::string_view name) const {
    return passwordless::find_header(headers, name);
}

PASSWORDLESS_FUNC std::optional<std::string_view> response::find_header(std::string_view name) const {
    return passwordless::find_header(headers, name);
}

PASSWORDLESS_FUNC bool response::is_success() const noexcept { return status >= 200 && status <= 299; }

PASSWORDLESS_NAMESPACE_END

#endif

#endif
