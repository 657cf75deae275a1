// passwordless: the definitions of passwordless/dpop_nonce.hpp's functions. passwordless/dpop_nonce.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_DPOP_NONCE_HPP
#define PASSWORDLESS_IMPL_DPOP_NONCE_HPP

#include "passwordless/dpop_nonce.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::optional<std::string> read_dpop_nonce(const response& r) {
    std::optional<std::string_view> found;
    for (const header& h : r.headers) {
        if (!header_name_equals(h.name, "dpop-nonce")) continue;
        std::string_view v = h.value;
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
        if (!is_valid_dpop_nonce(v)) return std::nullopt;
        if (found && *found != v) return std::nullopt;
        found = v;
    }
    if (!found) return std::nullopt;
    return std::string(*found);
}

PASSWORDLESS_FUNC bool dpop_nonce_store::observe(const response& r) {
    auto n = read_dpop_nonce(r);
    if (!n) return false;
    nonce_ = std::move(*n);
    return true;
}

PASSWORDLESS_FUNC bool dpop_nonce_store::set(std::string_view nonce) {
    if (nonce.empty()) {
        nonce_.clear();
        return true;
    }
    if (!is_valid_dpop_nonce(nonce)) return false;
    nonce_.assign(nonce.data(), nonce.size());
    return true;
}

PASSWORDLESS_FUNC const std::string& dpop_nonce_store::current() const noexcept { return nonce_; }

PASSWORDLESS_NAMESPACE_END

#endif

#endif
