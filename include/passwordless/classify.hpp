// passwordless: the one error classifier for every non-2xx response of both endpoints (and for
// error parameters of magic-link callbacks), driven by a table.
#ifndef PASSWORDLESS_CLASSIFY_HPP
#define PASSWORDLESS_CLASSIFY_HPP

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "passwordless/client.hpp"
#include "passwordless/detail/flat_json.hpp"
#include "passwordless/detail/http_date.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/response_body.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// The grant a token response answers. It decides what an `invalid_grant` the description
/// does not refine means (PROTOCOL.md 9.1); `unspecified` leaves it to the description alone.
enum class token_grant : std::uint8_t { unspecified, otp, refresh, authorization_code };

/// The wire name of a grant as the conformance driver spells it ("" for unspecified).
[[nodiscard]] constexpr std::string_view to_string(token_grant g) noexcept {
    switch (g) {
        case token_grant::unspecified: return "";
        case token_grant::otp: return "otp";
        case token_grant::refresh: return "refresh";
        case token_grant::authorization_code: return "authorization_code";
    }
    return "";
}

/// A set of grants: one bit per token_grant.
using grant_set = std::uint8_t;

/// The set holding just `g`.
[[nodiscard]] constexpr grant_set grants(token_grant g) noexcept { return static_cast<grant_set>(1u << static_cast<unsigned>(g)); }

/// Every grant, `unspecified` included: for rows keyed on the server code (or status) alone.
inline constexpr grant_set every_grant = static_cast<grant_set>(grants(token_grant::unspecified) | grants(token_grant::otp) |
                                                               grants(token_grant::refresh) |
                                                               grants(token_grant::authorization_code));

/// Every grant, for tests and checks that iterate them.
inline constexpr token_grant all_grants[] = {token_grant::unspecified, token_grant::otp, token_grant::refresh,
                                             token_grant::authorization_code};

/// The kinds that belong to one grant's family (PROTOCOL.md 9.1): a kind listed here may only come
/// from an answer to one of the grants it is listed with (or to an unspecified one). Kinds not
/// listed (configuration, rate limits, server errors...) may answer any grant.
struct grant_kind {
    error_kind kind;
    grant_set grants;
};

inline constexpr grant_kind grant_families[] = {
    {error_kind::wrong_code, grants(token_grant::otp)},
    {error_kind::attempts_exhausted, grants(token_grant::otp)},
    {error_kind::code_expired, static_cast<grant_set>(grants(token_grant::otp) | grants(token_grant::authorization_code))},
    {error_kind::invalid_refresh_token, grants(token_grant::refresh)},
};

/// Whether an answer to grant `g` may be of kind `k`: always for an unspecified grant; otherwise
/// when `k` is not in grant_families or is listed with `g`.
[[nodiscard]] constexpr bool kind_fits_grant(error_kind k, token_grant g) noexcept {
    if (g == token_grant::unspecified) return true;
    for (const grant_kind& f : grant_families)
        if (f.kind == k) return (f.grants & grants(g)) != 0;
    return true;
}

/// One row of the classification table. A row matches when every condition it sets holds:
/// `code` equals the server's code (empty: any code, or none), `description` occurs in the
/// server's description ignoring ASCII case (empty: any), the status lies in
/// [status_min, status_max] (0: any) and the grant answered is one of `grants`. A row whose
/// description is set names the grants it refines (never every_grant), so a wording can only
/// refine an answer within the family of the grant it answered (checked below, at compile time).
/// The first matching row decides the kind.
struct error_rule {
    std::string_view code;
    std::string_view description;
    int status_min;
    int status_max;
    error_kind kind;
    grant_set grants = every_grant;
};

namespace detail {
inline constexpr grant_set otp_or_unspecified = static_cast<grant_set>(grants(token_grant::otp) | grants(token_grant::unspecified));
}  // namespace detail

/// The whole taxonomy in one place, in match order. A response no row matches is unknown_error
/// when it carried a server code, and unexpected_response when it did not.
inline constexpr error_rule error_rules[] = {
    // invalid_grant: the grant decides what it means (PROTOCOL.md 9.1); the description only
    // refines it within the grant's family. On the refresh grant it is always a refresh token the
    // server will not take; a text that mentions a refresh token decides only when the grant is
    // not known.
    {"invalid_grant", "", 0, 0, error_kind::invalid_refresh_token, grants(token_grant::refresh)},
    {"invalid_grant", "maximum number of attempts", 0, 0, error_kind::attempts_exhausted, detail::otp_or_unspecified},
    {"invalid_grant", "refresh", 0, 0, error_kind::invalid_refresh_token, grants(token_grant::unspecified)},
    {"invalid_grant", "expired", 0, 0, error_kind::code_expired,
     static_cast<grant_set>(detail::otp_or_unspecified | grants(token_grant::authorization_code))},
    {"invalid_grant", "verification code", 0, 0, error_kind::wrong_code, detail::otp_or_unspecified},
    {"invalid_grant", "otp", 0, 0, error_kind::wrong_code, detail::otp_or_unspecified},
    {"invalid_grant", "", 0, 0, error_kind::wrong_code, grants(token_grant::otp)},
    // A magic link's authorization code that is used up or expired: start a new login.
    {"invalid_grant", "", 0, 0, error_kind::code_expired, grants(token_grant::authorization_code)},
    // Configuration problems.
    {"unauthorized_client", "", 0, 0, error_kind::grant_not_allowed},
    {"invalid_client", "", 0, 0, error_kind::invalid_client},
    {"bad.connection", "", 0, 0, error_kind::invalid_connection},
    {"invalid_request", "", 0, 0, error_kind::invalid_request},
    {"bad.request", "", 0, 0, error_kind::invalid_request},
    {"bad.authParams", "", 0, 0, error_kind::invalid_request},
    {"bad.client_id", "", 0, 0, error_kind::invalid_request},
    {"bad.tenant", "", 0, 0, error_kind::invalid_request},
    {"bad.send", "", 0, 0, error_kind::invalid_request},
    {"invalid_scope", "", 0, 0, error_kind::invalid_request},
    {"unsupported_grant_type", "", 0, 0, error_kind::invalid_request},
    // The user's address or number. Twilio's "invalid To number" refines an SMS failure; start
    // answers carry no grant, and a token answer that says it is read the same way.
    {"bad.email", "", 0, 0, error_kind::invalid_email},
    {"bad.phone_number", "", 0, 0, error_kind::invalid_phone_number},
    {"sms_provider_error", "(Code: 21211)", 0, 0, error_kind::invalid_phone_number, every_grant},
    {"sms_provider_error", "", 0, 0, error_kind::delivery_failed},
    // Refusals.
    {"access_denied", "", 0, 0, error_kind::access_denied},
    {"unauthorized", "", 0, 0, error_kind::access_denied},
    {"blocked_user", "", 0, 0, error_kind::access_denied},
    {"requires_verification", "", 0, 0, error_kind::verification_required},
    {"too_many_attempts", "", 0, 0, error_kind::blocked},
    {"too_many_requests", "", 0, 0, error_kind::rate_limited},
    {"mfa_required", "", 0, 0, error_kind::mfa_required},
    {"server_error", "", 0, 0, error_kind::server_error},
    {"temporarily_unavailable", "", 0, 0, error_kind::server_error},
    // DPoP (RFC 9449): the proof was refused, or the server wants its nonce in the proof.
    {"invalid_dpop_proof", "", 0, 0, error_kind::invalid_dpop_proof},
    {"use_dpop_nonce", "", 0, 0, error_kind::dpop_nonce_required},
    // By status alone, whatever the body said.
    {"", "", 429, 429, error_kind::rate_limited},
    {"", "", 500, 599, error_kind::server_error},
};

namespace detail {
/// The table's construction rules: a row with a description names the grants it refines (the
/// one exception, a start-endpoint refinement into a kind of no grant's family, says so with
/// every_grant and a kind that fits every grant), and no row gives a kind outside the family of
/// a grant it applies to.
[[nodiscard]] constexpr bool error_rules_keep_grant_families() noexcept {
    for (const error_rule& rule : error_rules)
        for (token_grant g : all_grants)
            if ((rule.grants & grants(g)) != 0 && !kind_fits_grant(rule.kind, g)) return false;
    return true;
}
}  // namespace detail
static_assert(detail::error_rules_keep_grant_families(), "an error_rules row gives a kind outside its grant's family");

/// The kind the table gives for a server code (if any), description, status and grant.
[[nodiscard]] PASSWORDLESS_FUNC error_kind classify_error(const std::optional<std::string_view>& code,
                                               std::string_view description, int status,
                                               token_grant grant = token_grant::unspecified) noexcept;

namespace detail {

/// A server code looks like a code: 1 to 256 printable ASCII characters, no spaces, quotes or
/// backslashes. (Some bodies put a sentence or an HTTP reason phrase in "error".)
PASSWORDLESS_FUNC bool looks_like_code(std::string_view s) noexcept;

}  // namespace detail

/// An error for a server code and description that arrived without an HTTP response (for
/// example in a magic-link callback URL), classified by the same table. As in a response body,
/// a code counts only when it looks like one (detail::looks_like_code); anything else (a
/// sentence, 100 KiB of text) gives unexpected_response without a code.
[[nodiscard]] PASSWORDLESS_FUNC error classify_error_code(std::string_view code, std::string_view description);

/// The x-ratelimit-limit, -remaining and -reset headers, each read only when it is 1 to 18
/// decimal digits; empty when none of the three is usable.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<rate_limit_info> read_rate_limit(const response& r);

/// The time named by Retry-After (delay in seconds, or an HTTP-date), if the header is usable.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<unix_seconds> read_retry_after(const response& r, unix_seconds now);

namespace detail {

struct error_body {
    std::optional<std::string> code;
    std::optional<std::string> description;
    std::string mfa_token;
};

// Reads the code and description from any of the body shapes Auth0 and its proxies use:
// code = errorCode > error (when it looks like a code) > code > error_code;
// description = error_description > description > message > error (when it was not the code).
PASSWORDLESS_FUNC error_body read_error_body(const flat_object& body);

}  // namespace detail

/// Classifies any response that is not a success (status outside 200-299; a status outside
/// 100-599 is always unexpected_response): an Auth0 error body
/// in any known shape is matched against error_rules; HTML, text, empty, oversized or malformed
/// bodies are classified by status alone. Fills status, code, description (sanitised, capped),
/// rate_limit, retry_at (rate_limited: Retry-After, else x-ratelimit-reset; server_error:
/// Retry-After), mfa_token (mfa_required) and dpop_nonce (dpop_nonce_required: the response's
/// DPoP-Nonce, when usable). `grant` is the grant of the request answered (token endpoint only;
/// see token_grant).
[[nodiscard]] PASSWORDLESS_FUNC error classify_error_response(const response& r, unix_seconds now,
                                                   const checked_limits& limits = {},
                                                   token_grant grant = token_grant::unspecified);

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/classify.hpp"
#endif

#endif
