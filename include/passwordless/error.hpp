// passwordless: the one error value every call can return, with its kind and next action.
#ifndef PASSWORDLESS_ERROR_HPP
#define PASSWORDLESS_ERROR_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// What went wrong. Open set: new kinds may be added in a minor version, so keep a default case.
enum class error_kind : std::uint8_t {
    invalid_argument,       ///< a caller input is unusable (see error::field)
    invalid_state,          ///< a state-machine call that is not allowed now; nothing changed
    wrong_code,             ///< the one-time code was wrong
    code_expired,           ///< the one-time code is no longer valid
    attempts_exhausted,     ///< too many wrong codes for this code
    rate_limited,           ///< too many requests; see retry_at and rate_limit
    blocked,                ///< brute-force protection blocked the user or IP
    mfa_required,           ///< multi-factor authentication must follow (see mfa_token)
    grant_not_allowed,      ///< the application may not use this grant
    invalid_client,         ///< client authentication failed
    invalid_connection,     ///< the connection does not exist or is disabled
    invalid_request,        ///< the request was refused as malformed or not allowed
    invalid_email,          ///< the server refused the email address
    invalid_phone_number,   ///< the server refused the phone number
    delivery_failed,        ///< the code or link could not be delivered
    access_denied,          ///< a rule, action or block denied the login
    verification_required,  ///< bot detection demands a verification step
    invalid_refresh_token,  ///< the refresh token is unknown, revoked or orphaned
    server_error,           ///< the server failed (5xx, server_error, temporarily_unavailable)
    unknown_error,          ///< a well-formed error body with a code not covered above
    unexpected_response,    ///< a non-2xx response that is not an error body
    malformed_response,     ///< a 2xx response that breaks the contract
    invalid_id_token,       ///< an ID token check failed (see error::reason)
    state_mismatch,         ///< a magic-link callback's state differs from the one sent
    transport_failed,       ///< the caller reported that a request never completed
    invalid_dpop_proof,     ///< the server refused the DPoP proof (invalid_dpop_proof)
    dpop_nonce_required,    ///< the server wants a DPoP proof with its nonce (see dpop_nonce)
    issuer_mismatch,        ///< a discovery document names another issuer than the configured one
    authorization_pending,  ///< a pushed MFA approval is not given yet; poll again at retry_at
    slow_down,              ///< MFA polling was too fast; poll again no earlier than retry_at
    mfa_rejected,           ///< the user rejected the MFA push
    mfa_token_invalid,      ///< the mfa_token is expired, malformed or was not kept; log in again
    mfa_enrollment_required,///< no usable MFA authenticator is enrolled for the challenge
    invalid_access_token,   ///< an API refused the access token (expired, revoked, other key)
    insufficient_scope,     ///< an API wants a scope the access token lacks
};

/// What the application should do next.
enum class error_action : std::uint8_t {
    none,        ///< nothing to do; the call was refused and nothing changed
    fix_input,   ///< ask the user (or caller) for a corrected value
    fix_config,  ///< the application or tenant is misconfigured; a developer must act
    retry_code,  ///< ask the user for the code again
    restart,     ///< start a new login (a new code)
    wait,        ///< wait until retry_at, then try again
    retry,       ///< try the same request again, with backoff
    give_up,     ///< show the failure; retrying will not help
    mfa,         ///< continue with multi-factor authentication using mfa_token
    refresh,     ///< get a new access token with the refresh token, then retry; without one, log in again
};

/// The action that goes with each kind; the mapping is fixed.
[[nodiscard]] constexpr error_action action_for(error_kind kind) noexcept {
    switch (kind) {
        case error_kind::invalid_argument: return error_action::fix_input;
        case error_kind::invalid_state: return error_action::none;
        case error_kind::wrong_code: return error_action::retry_code;
        case error_kind::code_expired: return error_action::restart;
        case error_kind::attempts_exhausted: return error_action::restart;
        case error_kind::rate_limited: return error_action::wait;
        case error_kind::blocked: return error_action::give_up;
        case error_kind::mfa_required: return error_action::mfa;
        case error_kind::grant_not_allowed: return error_action::fix_config;
        case error_kind::invalid_client: return error_action::fix_config;
        case error_kind::invalid_connection: return error_action::fix_config;
        case error_kind::invalid_request: return error_action::fix_config;
        case error_kind::invalid_email: return error_action::fix_input;
        case error_kind::invalid_phone_number: return error_action::fix_input;
        case error_kind::delivery_failed: return error_action::retry;
        case error_kind::access_denied: return error_action::give_up;
        case error_kind::verification_required: return error_action::give_up;
        case error_kind::invalid_refresh_token: return error_action::restart;
        case error_kind::server_error: return error_action::retry;
        case error_kind::unknown_error: return error_action::give_up;
        case error_kind::unexpected_response: return error_action::retry;
        case error_kind::malformed_response: return error_action::retry;
        case error_kind::invalid_id_token: return error_action::give_up;
        case error_kind::state_mismatch: return error_action::restart;
        case error_kind::transport_failed: return error_action::retry;
        case error_kind::invalid_dpop_proof: return error_action::fix_config;
        case error_kind::dpop_nonce_required: return error_action::retry;
        case error_kind::issuer_mismatch: return error_action::fix_config;
        case error_kind::authorization_pending: return error_action::wait;
        case error_kind::slow_down: return error_action::wait;
        case error_kind::mfa_rejected: return error_action::give_up;
        case error_kind::mfa_token_invalid: return error_action::restart;
        case error_kind::mfa_enrollment_required: return error_action::give_up;
        case error_kind::invalid_access_token: return error_action::refresh;
        case error_kind::insufficient_scope: return error_action::fix_config;
    }
    return error_action::give_up;
}

/// The stable snake_case name of a kind (the vocabulary of the conformance driver).
[[nodiscard]] constexpr std::string_view to_string(error_kind kind) noexcept {
    switch (kind) {
        case error_kind::invalid_argument: return "invalid_argument";
        case error_kind::invalid_state: return "invalid_state";
        case error_kind::wrong_code: return "wrong_code";
        case error_kind::code_expired: return "code_expired";
        case error_kind::attempts_exhausted: return "attempts_exhausted";
        case error_kind::rate_limited: return "rate_limited";
        case error_kind::blocked: return "blocked";
        case error_kind::mfa_required: return "mfa_required";
        case error_kind::grant_not_allowed: return "grant_not_allowed";
        case error_kind::invalid_client: return "invalid_client";
        case error_kind::invalid_connection: return "invalid_connection";
        case error_kind::invalid_request: return "invalid_request";
        case error_kind::invalid_email: return "invalid_email";
        case error_kind::invalid_phone_number: return "invalid_phone_number";
        case error_kind::delivery_failed: return "delivery_failed";
        case error_kind::access_denied: return "access_denied";
        case error_kind::verification_required: return "verification_required";
        case error_kind::invalid_refresh_token: return "invalid_refresh_token";
        case error_kind::server_error: return "server_error";
        case error_kind::unknown_error: return "unknown_error";
        case error_kind::unexpected_response: return "unexpected_response";
        case error_kind::malformed_response: return "malformed_response";
        case error_kind::invalid_id_token: return "invalid_id_token";
        case error_kind::state_mismatch: return "state_mismatch";
        case error_kind::transport_failed: return "transport_failed";
        case error_kind::invalid_dpop_proof: return "invalid_dpop_proof";
        case error_kind::dpop_nonce_required: return "dpop_nonce_required";
        case error_kind::issuer_mismatch: return "issuer_mismatch";
        case error_kind::authorization_pending: return "authorization_pending";
        case error_kind::slow_down: return "slow_down";
        case error_kind::mfa_rejected: return "mfa_rejected";
        case error_kind::mfa_token_invalid: return "mfa_token_invalid";
        case error_kind::mfa_enrollment_required: return "mfa_enrollment_required";
        case error_kind::invalid_access_token: return "invalid_access_token";
        case error_kind::insufficient_scope: return "insufficient_scope";
    }
    return "unknown_error";
}

/// The stable snake_case name of an action.
[[nodiscard]] constexpr std::string_view to_string(error_action action) noexcept {
    switch (action) {
        case error_action::none: return "none";
        case error_action::fix_input: return "fix_input";
        case error_action::fix_config: return "fix_config";
        case error_action::retry_code: return "retry_code";
        case error_action::restart: return "restart";
        case error_action::wait: return "wait";
        case error_action::retry: return "retry";
        case error_action::give_up: return "give_up";
        case error_action::mfa: return "mfa";
        case error_action::refresh: return "refresh";
    }
    return "give_up";
}

/// The last error kind, for code that iterates every kind.
inline constexpr error_kind last_error_kind = error_kind::insufficient_scope;

/// Rate-limit figures from the x-ratelimit-* headers; a member is empty when its header was
/// absent or not a plain decimal number.
struct rate_limit_info {
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> remaining;
    std::optional<unix_seconds> reset;  ///< when the bucket refills
};

/// The factors an mfa_required answer names (`mfa_requirements`), types as the server sent them
/// ("otp", "phone", "email", "push-notification", "recovery-code", "oob", ...). The
/// `{"challenge_types": [...]}` shape fills `challenge`.
struct mfa_factor_requirements {
    std::vector<std::string> challenge;  ///< factors the user may be challenged with
    std::vector<std::string> enroll;     ///< factors the user must enroll first (out of scope for a login)
};

/// A failure, as a value. Messages never contain a secret, a one-time code or a token.
struct error {
    error_kind kind = error_kind::unknown_error;
    error_action action = error_action::give_up;
    std::optional<int> status;          ///< HTTP status, when a response caused the error
    std::optional<std::string> code;    ///< the server's own error code, verbatim
    std::string description;            ///< the server's text (sanitised) or the library's message
    std::string field;                  ///< for invalid_argument: which input was wrong
    std::string reason;                 ///< for invalid_id_token: which check failed
    std::optional<unix_seconds> retry_at;       ///< before this time a retry is pointless
    std::optional<rate_limit_info> rate_limit;  ///< figures the server sent, if any
    std::string mfa_token;  ///< for mfa_required: a secret; never shown or logged by the library
    /// for mfa_required: the body's mfa_requirements, when it had a usable one
    std::optional<mfa_factor_requirements> mfa_requirements;
    std::string dpop_nonce;  ///< for dpop_nonce_required: the server's DPoP-Nonce, when it sent one

    /// An error of `kind` with its fixed action and a message.
    [[nodiscard]] static error make(error_kind kind, std::string description);

    /// An invalid_argument error naming the offending input (never its value).
    [[nodiscard]] static error invalid_argument(std::string field_name, std::string_view problem);
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
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

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
