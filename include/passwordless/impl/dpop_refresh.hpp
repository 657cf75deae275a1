// passwordless: the definitions of passwordless/dpop_refresh.hpp's functions. passwordless/dpop_refresh.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_DPOP_REFRESH_HPP
#define PASSWORDLESS_IMPL_DPOP_REFRESH_HPP

#include "passwordless/dpop_refresh.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<refresh_exchange> refresh_exchange::create(client c, refresh_grant_params p, std::string_view token_type,
                                                     std::optional<refresh_dpop> dpop, std::string_view nonce) {
    if (is_dpop_token_type(token_type) && !dpop)
        return error::invalid_argument("dpop", "is required: these tokens are bound to a DPoP key; refresh them with that key");
    if (dpop) {
        if (auto e = dpop->key.public_key.validate()) {
            e->field = "dpop.key";
            return std::move(*e);
        }
        if (!dpop->key.signer) return error::invalid_argument("dpop.signer", "is required with DPoP");
        if (!dpop->jti) return error::invalid_argument("dpop.jti", "is required with DPoP (a random source)");
    }
    auto req = build_token_request(c, p);
    if (!req.ok()) return std::move(req).failure();
    refresh_exchange x(std::move(c), std::move(req).value(), std::move(dpop));
    if (!x.nonce_.set(nonce)) return error::invalid_argument("nonce", "is not a valid DPoP nonce");
    return x;
}

PASSWORDLESS_FUNC result<request> refresh_exchange::first_request(unix_seconds now) {
    resent_ = false;
    return proved(now);
}

PASSWORDLESS_FUNC refresh_step refresh_exchange::on_response(const response& r, unix_seconds now) {
    refresh_step out;
    if (dpop_) nonce_.observe(r);
    auto parsed = parse_token_response(r, token_grant::refresh, now, client_.limits());
    if (!parsed.ok()) {
        if (parsed.failure().kind == error_kind::dpop_nonce_required && dpop_ && !resent_ && !nonce_.current().empty()) {
            resent_ = true;
            auto again = proved(now);
            if (again.ok()) {
                out.request = std::move(again).value();
                return out;
            }
            out.error = std::move(again).failure();
            return out;
        }
        out.error = std::move(parsed).failure();
        return out;
    }
    if (dpop_ && dpop_->require_binding && !is_dpop_token_type(parsed->token_type)) {
        out.error = error::make(error_kind::invalid_dpop_proof,
                                "the server answered with unbound tokens (token_type is not DPoP)");
        return out;
    }
    out.tokens = std::move(parsed).value();
    return out;
}

PASSWORDLESS_FUNC const std::string& refresh_exchange::dpop_nonce() const noexcept { return nonce_.current(); }

PASSWORDLESS_FUNC refresh_exchange::refresh_exchange(client c, request r, std::optional<refresh_dpop> d)
    : client_(std::move(c)), request_(std::move(r)), dpop_(std::move(d)) {}

PASSWORDLESS_FUNC result<request> refresh_exchange::proved(unix_seconds now) const {
    request r = request_;
    if (!dpop_) return r;
    const std::string jti = dpop_->jti();
    if (auto e = add_dpop_proof(r, dpop_->key, now, jti, nonce_.current())) {
        if (e->field == "jti") e->field = "dpop.jti";
        return std::move(*e);
    }
    return r;
}

PASSWORDLESS_NAMESPACE_END

#endif

#endif
