// passwordless: POST /oauth/revoke, the refresh token's end (PROTOCOL.md 10.3; RFC 7009).
//
// build_revoke_request sends `client_id` and `token` (the refresh token) with the client's
// credentials exactly as /oauth/token takes them (secret in the body or HTTP Basic, or the
// caller's assertion; public apps send none), encoded per the client's token_encoding. The
// refresh token is refused (invalid_argument, field "refresh_token", its value never quoted)
// when empty, over max_token_bytes, or carrying CR, LF, NUL, spaces or non-ASCII bytes. No DPoP
// proof is sent: no Auth0 SDK sends one there.
//
// parse_revoke_response: any 2xx is success whatever its body (Auth0 answers an empty body or
// "OK"); anything else is classified as an /oauth/token answer (invalid_request, invalid_client,
// rate limits, server errors).
#ifndef PASSWORDLESS_REVOKE_HPP
#define PASSWORDLESS_REVOKE_HPP

#include <optional>
#include <string>
#include <utility>

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/result.hpp"
#include "passwordless/time.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// Inputs of a revocation: the refresh token to end (and with it its access tokens).
struct revoke_params {
    std::string refresh_token;
};

/// Builds POST {base}/oauth/revoke with client_id, token and the client's credentials.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_revoke_request(const client& c, const revoke_params& p);

/// Reads the answer: nullopt (success) for any 2xx whatever the body; otherwise the error as
/// classify_error_response gives it for /oauth/token. `now` (Unix seconds) dates retry_at.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<error> parse_revoke_response(const response& r, unix_seconds now,
                                                                           const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<request> build_revoke_request(const client& c, const revoke_params& p) {
    if (auto e = detail::check_header_text("refresh_token", p.refresh_token, c.limits().max_token_bytes(), false))
        return std::move(*e);
    const bool form = c.config().token_encoding == body_encoding::form;
    detail::body_writer w(form);
    w.add("client_id", c.client_id());
    w.add("token", p.refresh_token);
    // The credentials, encoding and Basic header are those of /oauth/token: only the path differs.
    result<request> r = detail::finish_token_request(c, w, form);
    if (r.ok()) r->url = c.endpoint_url("/oauth/revoke");
    return r;
}

PASSWORDLESS_FUNC std::optional<error> parse_revoke_response(const response& r, unix_seconds now,
                                                             const checked_limits& limits) {
    if (auto e = detail::check_now(now)) return e;
    if (r.is_success()) return std::nullopt;
    return classify_error_response(r, now, limits);
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
