// passwordless: a refresh-grant exchange that knows about DPoP (RFC 9449, PROTOCOL.md 9.8):
// DPoP-bound tokens are refreshed only with their key, every request carries a fresh proof, and
// a use_dpop_nonce answer is resent once with the nonce, as the login flow does.
//
// When the key is lost (app reinstalled, key store wiped, a different device), the tokens bound to
// it cannot be used or refreshed. refresh_exchange refuses DPoP-bound tokens without a key
// (invalid_argument, field `dpop`) instead of sending a refresh the server will refuse; a refresh
// with another key comes back invalid_refresh_token. Delete the stored tokens, make a new key and
// log in again; never fall back to sending the old tokens as `Bearer`.
#ifndef PASSWORDLESS_DPOP_REFRESH_HPP
#define PASSWORDLESS_DPOP_REFRESH_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/result.hpp"
#include "passwordless/time.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// The DPoP key and random source for a refresh (the same key the tokens were bound to).
struct refresh_dpop {
    dpop_key key;
    dpop_jti_source jti;          ///< fresh random bytes for every proof
    bool require_binding = false;  ///< refuse new tokens whose token_type is not DPoP
};

/// What an answer leads to: new tokens, one more request to send (the nonce resend), or an error.
struct refresh_step {
    std::optional<passwordless::request> request;
    std::optional<token_set> tokens;
    std::optional<passwordless::error> error;
};

/// One refresh: first_request(), send it, on_response(); send again if the step has a request.
class refresh_exchange {
public:
    /// `token_type` is that of the tokens being refreshed. DPoP-bound tokens ("DPoP", any case)
    /// without `dpop` are refused here, invalid_argument with field "dpop": the server refuses a
    /// refresh without the key's proof and may revoke the refresh token. `nonce` is the newest
    /// DPoP nonce known for this server (for example login_flow::dpop_nonce()); empty: none.
    [[nodiscard]] static result<refresh_exchange> create(client c, refresh_grant_params p, std::string_view token_type,
                                                         std::optional<refresh_dpop> dpop, std::string_view nonce = {});

    /// The request to send (with a fresh proof when DPoP is on). Each call makes a new proof, so
    /// call it again to retry after a transport failure.
    [[nodiscard]] result<request> first_request(unix_seconds now);

    /// Feeds the answer: tokens, or the one nonce resend, or the error (a second use_dpop_nonce
    /// is dpop_nonce_required; an invalid_grant is invalid_refresh_token).
    [[nodiscard]] refresh_step on_response(const response& r, unix_seconds now);

    /// The newest DPoP nonce seen (keep it for the next request to this server).
    [[nodiscard]] const std::string& dpop_nonce() const noexcept;

private:
    refresh_exchange(client c, request r, std::optional<refresh_dpop> d);

    result<request> proved(unix_seconds now) const;

    client client_;
    request request_;  // without a proof
    std::optional<refresh_dpop> dpop_;
    dpop_nonce_store nonce_;
    bool resent_ = false;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
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

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
