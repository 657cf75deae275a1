// passwordless: GET /userinfo, the user's profile for an access token (PROTOCOL.md 10.3; OIDC
// Core 5.3).
//
// build_userinfo_request sends `Authorization: Bearer <access_token>`, or for DPoP-bound tokens
// `Authorization: DPoP <access_token>` with a `DPoP` proof whose `ath` is the token's hash
// (dpop.hpp, dpop_resource_headers). Refused with invalid_argument before any request is built
// (the token never quoted): an access token that is empty, over max_token_bytes, or carries CR,
// LF, NUL, spaces or non-ASCII bytes ("access_token"); a token_type other than Bearer or DPoP, any
// case ("token_type"); DPoP without a proof ("dpop"); a proof the DPoP rules refuse ("dpop.*").
//
// parse_userinfo_response: a 2xx must be a JSON object (the success-body rules of start.hpp)
// with a non-empty string `sub`; `updated_at`, when present and not null, must be a string (ISO
// 8601 at Auth0) or a number (OIDC). Other claims are kept as sent, read with claim_set's
// accessors (claims.hpp, shared with the ID token). A non-2xx goes through
// classify_resource_error (www_authenticate.hpp): a 401 is invalid_access_token (action refresh)
// whatever its body, unless its challenge says use_dpop_nonce (dpop_nonce_required).
//
// userinfo_exchange does the DPoP nonce dance as the token endpoint's (dpop_refresh.hpp): the
// first use_dpop_nonce answer is resent once with a fresh proof carrying the server's nonce.
#ifndef PASSWORDLESS_USERINFO_HPP
#define PASSWORDLESS_USERINFO_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/claims.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/response_body.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/result.hpp"
#include "passwordless/time.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"
#include "passwordless/www_authenticate.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// The access token to present, and its token_type from the token response.
struct userinfo_params {
    std::string access_token;
    std::string token_type = "Bearer";  ///< "Bearer" or "DPoP" (any case)
};

/// One DPoP proof's inputs for a /userinfo request.
struct userinfo_proof {
    dpop_key key;
    unix_seconds now = 0;
    std::string jti;    ///< 12 to 64 fresh random bytes
    std::string nonce;  ///< the /userinfo server's latest DPoP-Nonce; empty: none
};

/// The claims /userinfo returned (sub is present and not empty).
using userinfo_claims = claim_set;

namespace detail {
// The checks of a /userinfo request that do not depend on the proof.
PASSWORDLESS_FUNC check check_userinfo_params(const client& c, const userinfo_params& p, bool with_proof);
}  // namespace detail

/// Builds GET {base}/userinfo. `proof` is required for DPoP tokens; with Bearer tokens a proof,
/// when given, is sent too.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_userinfo_request(const client& c, const userinfo_params& p,
                                                                       const std::optional<userinfo_proof>& proof = std::nullopt);

/// Reads the answer: the claims, or the error (see the header comment).
[[nodiscard]] PASSWORDLESS_FUNC result<userinfo_claims> parse_userinfo_response(const response& r, unix_seconds now,
                                                                                const checked_limits& limits = {});

/// The DPoP key and random source for /userinfo requests (the key the tokens are bound to).
struct userinfo_dpop {
    dpop_key key;
    dpop_jti_source jti;  ///< fresh random bytes for every proof
};

/// What an answer leads to: the claims, one more request to send (the nonce resend), or an error.
struct userinfo_step {
    std::optional<passwordless::request> request;
    std::optional<userinfo_claims> claims;
    std::optional<passwordless::error> error;
};

/// One /userinfo call: first_request(), send it, on_response(); send again if the step has a request.
class userinfo_exchange {
public:
    /// Checks everything build_userinfo_request checks. DPoP tokens need `dpop`. `nonce` is the
    /// newest DPoP nonce known for the /userinfo server; empty: none.
    [[nodiscard]] static result<userinfo_exchange> create(client c, userinfo_params p, std::optional<userinfo_dpop> dpop,
                                                          std::string_view nonce = {});

    /// The request to send (with a fresh proof when DPoP is on).
    [[nodiscard]] result<request> first_request(unix_seconds now);

    /// Feeds the answer: claims, or the one nonce resend, or the error (a second use_dpop_nonce
    /// is dpop_nonce_required).
    [[nodiscard]] userinfo_step on_response(const response& r, unix_seconds now);

    /// The newest DPoP nonce seen (keep it for the next request to this server).
    [[nodiscard]] const std::string& dpop_nonce() const noexcept;

private:
    userinfo_exchange(client c, userinfo_params p, std::optional<userinfo_dpop> d);

    result<request> build(unix_seconds now) const;

    client client_;
    userinfo_params params_;
    std::optional<userinfo_dpop> dpop_;
    dpop_nonce_store nonce_;
    bool resent_ = false;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC check check_userinfo_params(const client& c, const userinfo_params& p, bool with_proof) {
    if (auto e = check_header_text("access_token", p.access_token, c.limits().max_token_bytes(), false)) return e;
    const bool dpop_bound = is_dpop_token_type(p.token_type);
    if (!dpop_bound && !token_type_is(p.token_type, "Bearer"))
        return error::invalid_argument("token_type", "must be Bearer or DPoP");
    if (dpop_bound && !with_proof)
        return error::invalid_argument("dpop", "is required: DPoP-bound tokens are sent with a proof of their key");
    return std::nullopt;
}

}  // namespace detail

PASSWORDLESS_FUNC result<request> build_userinfo_request(const client& c, const userinfo_params& p,
                                                          const std::optional<userinfo_proof>& proof) {
    if (auto e = detail::check_userinfo_params(c, p, proof.has_value())) return std::move(*e);
    const bool dpop_bound = is_dpop_token_type(p.token_type);
    request r;
    r.method = "GET";
    r.url = c.endpoint_url("/userinfo");
    if (proof) {
        auto headers = dpop_resource_headers(proof->key, {r.method, r.url, p.access_token, proof->now, proof->jti, proof->nonce});
        if (!headers.ok()) {
            error e = std::move(headers).failure();
            if (e.field != "access_token") e.field = "dpop." + e.field;
            return e;
        }
        for (header& h : headers.value()) {
            if (h.name == "authorization" && !dpop_bound) h.value = "Bearer " + p.access_token;
            r.headers.push_back(std::move(h));
        }
    } else {
        r.headers.push_back({"authorization", "Bearer " + p.access_token});
    }
    if (!c.telemetry_header().empty()) r.headers.push_back({"auth0-client", c.telemetry_header()});
    return r;
}

PASSWORDLESS_FUNC result<userinfo_claims> parse_userinfo_response(const response& r, unix_seconds now,
                                                                   const checked_limits& limits) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (!r.is_success()) return classify_resource_error(r, now, limits);
    result<detail::flat_object> body = detail::read_success_object(r, limits, false, "/userinfo");
    if (!body.ok()) return std::move(body).failure();
    const detail::flat_object& obj = body.value();
    const detail::flat_member* sub = obj.find("sub");
    if (sub == nullptr || sub->kind != detail::json_kind::string || sub->value_size == 0)
        return detail::malformed(r, "/userinfo response member sub is missing, empty or not a string");
    const detail::flat_member* updated = obj.find("updated_at");
    if (updated != nullptr && updated->kind != detail::json_kind::null && updated->kind != detail::json_kind::string &&
        updated->kind != detail::json_kind::number)
        return detail::malformed(r, "/userinfo response member updated_at is neither a string nor a number");
    userinfo_claims claims(std::move(body).value());
    if (claims.sub().empty()) return detail::malformed(r, "/userinfo response member sub is empty");
    return claims;
}

PASSWORDLESS_FUNC result<userinfo_exchange> userinfo_exchange::create(client c, userinfo_params p, std::optional<userinfo_dpop> dpop,
                                                                   std::string_view nonce) {
    if (dpop) {
        if (!dpop->jti) return error::invalid_argument("dpop.jti", "is required with DPoP (a random source)");
        if (auto e = dpop->key.public_key.validate()) {
            e->field = "dpop.key";
            return std::move(*e);
        }
        if (!dpop->key.signer) return error::invalid_argument("dpop.signer", "is required with DPoP");
    }
    if (auto e = detail::check_userinfo_params(c, p, dpop.has_value())) return std::move(*e);
    userinfo_exchange x(std::move(c), std::move(p), std::move(dpop));
    if (!x.nonce_.set(nonce)) return error::invalid_argument("nonce", "is not a valid DPoP nonce");
    return x;
}

PASSWORDLESS_FUNC result<request> userinfo_exchange::first_request(unix_seconds now) {
    resent_ = false;
    return build(now);
}

PASSWORDLESS_FUNC userinfo_step userinfo_exchange::on_response(const response& r, unix_seconds now) {
    userinfo_step out;
    if (dpop_) nonce_.observe(r);
    auto parsed = parse_userinfo_response(r, now, client_.limits());
    if (parsed.ok()) {
        out.claims = std::move(parsed).value();
        return out;
    }
    if (parsed.failure().kind == error_kind::dpop_nonce_required && dpop_ && !resent_ && !nonce_.current().empty()) {
        resent_ = true;
        auto again = build(now);
        if (again.ok())
            out.request = std::move(again).value();
        else
            out.error = std::move(again).failure();
        return out;
    }
    out.error = std::move(parsed).failure();
    return out;
}

PASSWORDLESS_FUNC const std::string& userinfo_exchange::dpop_nonce() const noexcept { return nonce_.current(); }

PASSWORDLESS_FUNC userinfo_exchange::userinfo_exchange(client c, userinfo_params p, std::optional<userinfo_dpop> d)
    : client_(std::move(c)), params_(std::move(p)), dpop_(std::move(d)) {}

PASSWORDLESS_FUNC result<request> userinfo_exchange::build(unix_seconds now) const {
    if (!dpop_) return build_userinfo_request(client_, params_);
    return build_userinfo_request(client_, params_, userinfo_proof{dpop_->key, now, dpop_->jti(), nonce_.current()});
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
