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

/// One row of the classification table. A row matches when every condition it sets holds:
/// `code` equals the server's code (empty: any code, or none), `description` occurs in the
/// server's description ignoring ASCII case (empty: any), the status lies in
/// [status_min, status_max] (0: any) and `grant` is the grant answered (unspecified: any).
/// The first matching row decides the kind.
struct error_rule {
    std::string_view code;
    std::string_view description;
    int status_min;
    int status_max;
    error_kind kind;
    token_grant grant = token_grant::unspecified;
};

/// The whole taxonomy in one place, in match order. A response no row matches is unknown_error
/// when it carried a server code, and unexpected_response when it did not.
inline constexpr error_rule error_rules[] = {
    // invalid_grant: the grant decides what it means (PROTOCOL.md 9.1); the description only
    // refines it. On the refresh grant it is always a refresh token the server will not take.
    {"invalid_grant", "", 0, 0, error_kind::invalid_refresh_token, token_grant::refresh},
    {"invalid_grant", "maximum number of attempts", 0, 0, error_kind::attempts_exhausted},
    {"invalid_grant", "refresh", 0, 0, error_kind::invalid_refresh_token},
    {"invalid_grant", "expired", 0, 0, error_kind::code_expired},
    {"invalid_grant", "verification code", 0, 0, error_kind::wrong_code},
    {"invalid_grant", "otp", 0, 0, error_kind::wrong_code},
    {"invalid_grant", "", 0, 0, error_kind::wrong_code, token_grant::otp},
    // A magic link's authorization code that is used up or expired: start a new login.
    {"invalid_grant", "", 0, 0, error_kind::code_expired, token_grant::authorization_code},
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
    // The user's address or number.
    {"bad.email", "", 0, 0, error_kind::invalid_email},
    {"bad.phone_number", "", 0, 0, error_kind::invalid_phone_number},
    {"sms_provider_error", "(Code: 21211)", 0, 0, error_kind::invalid_phone_number},
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
