// passwordless: the logout URLs (PROTOCOL.md 10.3). Logout at Auth0 is a browser redirect: the
// core builds the URL, the app opens it (and forgets its tokens; revoke.hpp ends a refresh token).
//
// | kind | URL | query members |
// |---|---|---|
// | Auth0 logout | `{base}/v2/logout` | `client_id`; `returnTo` (optional); `federated` (a bare flag, optional: also ends the identity provider's session) |
// | OIDC RP-initiated logout | `{base}/oidc/logout` | `client_id`; `id_token_hint`, `post_logout_redirect_uri`, `state` (each optional) |
//
// Every value is percent-encoded: everything but RFC 3986 unreserved characters (letters,
// digits, `-`, `.`, `_`, `~`), UTF-8 bytes as %XX. The redirect target (`return_to`,
// `post_logout_redirect_uri`) must be an absolute `https` URL, or `http` on a loopback host
// (`localhost`, 127.0.0.0/8, `[::1]`), printable ASCII, without user info; `id_token_hint`
// printable ASCII up to max_token_bytes; `state` UTF-8 without control characters. Anything else
// is invalid_argument naming the field (its value never quoted).
#ifndef PASSWORDLESS_LOGOUT_HPP
#define PASSWORDLESS_LOGOUT_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/client.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// Inputs of Auth0's /v2/logout.
struct v2_logout_params {
    std::optional<std::string> return_to;  ///< where Auth0 sends the browser afterwards (an Allowed Logout URL)
    bool federated = false;                ///< also log out of the identity provider
};

/// Inputs of OIDC RP-initiated logout (/oidc/logout).
struct oidc_logout_params {
    std::optional<std::string> id_token_hint;             ///< the ID token the login gave
    std::optional<std::string> post_logout_redirect_uri;  ///< where to send the browser afterwards
    std::optional<std::string> state;                     ///< echoed back to that URI
};

/// The /v2/logout URL for `c`.
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> build_logout_url(const client& c, const v2_logout_params& p);

/// The /oidc/logout URL for `c`.
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> build_logout_url(const client& c, const oidc_logout_params& p);

namespace detail {

/// A logout redirect target: absolute https, or http on a loopback host (see the header comment).
PASSWORDLESS_FUNC check check_redirect_target(std::string_view field, std::string_view url, std::size_t max_bytes);

/// Appends "&name=value" (or "?name=value" for the first) with the value percent-encoded.
PASSWORDLESS_FUNC void append_query(std::string& url, std::string_view name, std::string_view value);

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC check check_redirect_target(std::string_view field, std::string_view url, std::size_t max_bytes) {
    if (auto e = check_header_text(field, url, max_bytes, false)) return e;
    // dpop_htu holds the one URL check of the library: absolute, https or loopback http, a valid
    // host, no user info, printable ASCII.
    result<std::string> checked = dpop_htu(url);
    if (!checked.ok()) {
        std::string_view problem = checked.failure().description;
        if (problem.substr(0, 4) == "url ") problem.remove_prefix(4);
        return error::invalid_argument(std::string(field), problem);
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC void append_query(std::string& url, std::string_view name, std::string_view value) {
    url.push_back(url.find('?') == std::string::npos ? '?' : '&');
    url.append(name).push_back('=');
    append_form_encoded(url, value);
}

}  // namespace detail

PASSWORDLESS_FUNC result<std::string> build_logout_url(const client& c, const v2_logout_params& p) {
    if (p.return_to)
        if (auto e = detail::check_redirect_target("return_to", *p.return_to, c.limits().max_input_bytes())) return std::move(*e);
    std::string url = c.endpoint_url("/v2/logout");
    detail::append_query(url, "client_id", c.client_id());
    if (p.return_to) detail::append_query(url, "returnTo", *p.return_to);
    if (p.federated) url.append("&federated");
    return url;
}

PASSWORDLESS_FUNC result<std::string> build_logout_url(const client& c, const oidc_logout_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (p.id_token_hint)
        if (auto e = detail::check_header_text("id_token_hint", *p.id_token_hint, c.limits().max_token_bytes(), false))
            return std::move(*e);
    if (p.post_logout_redirect_uri)
        if (auto e = detail::check_redirect_target("post_logout_redirect_uri", *p.post_logout_redirect_uri, max))
            return std::move(*e);
    if (p.state)
        if (auto e = detail::check_body_text("state", *p.state, max)) return std::move(*e);
    std::string url = c.endpoint_url("/oidc/logout");
    detail::append_query(url, "client_id", c.client_id());
    if (p.id_token_hint) detail::append_query(url, "id_token_hint", *p.id_token_hint);
    if (p.post_logout_redirect_uri) detail::append_query(url, "post_logout_redirect_uri", *p.post_logout_redirect_uri);
    if (p.state) detail::append_query(url, "state", *p.state);
    return url;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
