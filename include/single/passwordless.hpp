// passwordless 0.1.0: the whole library in one header.
// GENERATED FILE, do not edit. It is include/passwordless.hpp with every passwordless/
// header inlined, made by .ci/amalgamate.py; after changing a header run `python3 .ci/amalgamate.py`.
// Needs nlohmann/json 3.11 (<nlohmann/json.hpp>) and C++17. MIT licence.
// passwordless: version macros, the configuration that feeds the ABI, and the versioned namespace.
//
// Everything the library declares lives in
//     namespace passwordless { inline namespace v<MAJOR>_<MINOR>_<PATCH><tags> { ... } }
// (for example passwordless::v0_1_0), opened and closed by PASSWORDLESS_NAMESPACE_BEGIN/_END.
// The inline namespace is invisible in source (passwordless::client names the same type) but
// part of every mangled name, so two copies of different versions, or of the same version built
// with a different ABI-relevant configuration, can be linked into one program without breaking
// the one-definition rule. They must still never exchange objects: a passwordless::v0_1_0::error
// is not a passwordless::v0_2_0::error, and the linker will not say so.
//
// Configuration macros (define them identically for every translation unit that includes one
// copy of the library, e.g. on the compiler command line):
//   PASSWORDLESS_SKIP_VERSION_CHECK    0 (default) or 1: 1 silences the warning below.
//   PASSWORDLESS_NAMESPACE_NO_VERSION  0 (default) or 1: 1 drops the version from the inline
//                                      namespace, which becomes passwordless::abi<tags>.
// ABI tags: every configuration macro that changes the layout or behaviour of the library's code
// appends a tag to the inline namespace name. The tags today:
//   JSON_DIAGNOSTICS (nlohmann/json)   1 -> "_jdiag". It changes the layout of nlohmann::json,
//                                      which the library's own (inline) types hold.
//   PASSWORDLESS_SEPARATE_COMPILATION  0 (default) or 1: the one-translation-unit mode. With 1, the
//                                      headers declare the library's functions and define none:
//                                      exactly one translation unit of the program defines
//                                      PASSWORDLESS_IMPLEMENTATION to 1 before its first
//                                      passwordless include and so compiles all the definitions
//                                      (README, "One-translation-unit mode"). 0: header-only.
//   PASSWORDLESS_IMPLEMENTATION        0 (default) or 1, in one translation unit only (it implies
//                                      the separate mode there): this unit defines the functions.
// PASSWORDLESS_FUNC (inline, or nothing in the separate mode) marks every function the library
// declares in a header and defines at that header's end, behind the one fence
// `#if PASSWORDLESS_DEFINE_FUNCTIONS` (1 or 0: whether this unit compiles the definitions). Neither changes layout or
// behaviour, so neither is an ABI tag. No PASSWORDLESS_ macro changes layout or behaviour yet; one that does must add a tag here
// (PASSWORDLESS_ABI_TAG_<NAME>, concatenated into PASSWORDLESS_ABI_TAGS) and a case to the
// two-copies test in tests/consumers/.

// The version check runs on every inclusion, outside the include guard: when a different copy's
// version macros are already defined, this translation unit has met two versions of the library,
// and only the first one included is in effect.
#ifndef PASSWORDLESS_SKIP_VERSION_CHECK
#define PASSWORDLESS_SKIP_VERSION_CHECK 0
#endif
#if !PASSWORDLESS_SKIP_VERSION_CHECK && defined(PASSWORDLESS_VERSION_MAJOR) && \
    defined(PASSWORDLESS_VERSION_MINOR) && defined(PASSWORDLESS_VERSION_PATCH)
#if PASSWORDLESS_VERSION_MAJOR != 0 || PASSWORDLESS_VERSION_MINOR != 1 || PASSWORDLESS_VERSION_PATCH != 0
#if defined(_MSC_VER) && !defined(__clang__)
#pragma message("warning: passwordless 0.1.0 met a different version already included; only the first is in effect (PASSWORDLESS_SKIP_VERSION_CHECK=1 silences this)")
#else
#pragma GCC warning "passwordless 0.1.0 met a different version already included; only the first is in effect (PASSWORDLESS_SKIP_VERSION_CHECK=1 silences this)"
#endif
#endif
#endif

// passwordless: a sans-IO protocol core for Auth0 passwordless login. Include this header for
// everything, or the one-concept headers under passwordless/ for less.
//
// The calls follow one pattern:
// - build_*_request(const client&, params): a request carries the client's id, credentials, base
//   URL and telemetry, so it takes the client that client::create validated.
// - parse_*(input, now, const checked_limits& = {}) and verify_id_token(token, expectations,
//   verifier, now, limits): reading an answer needs only the caps (limits.hpp) and, where the
//   answer involves time (retry_at, expires_at, exp), the caller's `now` (time.hpp); never the
//   client's identity, so they work where no client exists. The limits are the checked type, so
//   no parser sees an unchecked cap: pass client.limits(), or checked_limits::create(...).
//   parse_callback, parse_jwks and decode_jwt involve no time and take no `now`.

// Outside the guard, so that a second copy of the library (another version, another include
// directory) still runs version.hpp's check and warns.
// #include "passwordless/version.hpp"
// passwordless/version.hpp (its version check is at the top of this file)
#ifndef PASSWORDLESS_VERSION_HPP
#define PASSWORDLESS_VERSION_HPP

#include <nlohmann/json.hpp>  // JSON_DIAGNOSTICS, with nlohmann's default of 0 (json.hpp, the one file every
                               // nlohmann/json distribution has: the single-file one too)

/// The library's version (semantic versioning). The numbers above must match these.
#define PASSWORDLESS_VERSION_MAJOR 0
#define PASSWORDLESS_VERSION_MINOR 1
#define PASSWORDLESS_VERSION_PATCH 0
#define PASSWORDLESS_VERSION_STRING "0.1.0"

#ifndef PASSWORDLESS_NAMESPACE_NO_VERSION
#define PASSWORDLESS_NAMESPACE_NO_VERSION 0
#endif

#ifndef PASSWORDLESS_SEPARATE_COMPILATION
#define PASSWORDLESS_SEPARATE_COMPILATION 0
#endif
#ifndef PASSWORDLESS_IMPLEMENTATION
#define PASSWORDLESS_IMPLEMENTATION 0
#endif

/// Header-only (the default): every function is inline and defined in every unit. Separate
/// compilation: functions have external linkage and only the implementation unit defines them.
#if PASSWORDLESS_SEPARATE_COMPILATION || PASSWORDLESS_IMPLEMENTATION
#define PASSWORDLESS_FUNC
#if PASSWORDLESS_IMPLEMENTATION
#define PASSWORDLESS_DEFINE_FUNCTIONS 1
#else
#define PASSWORDLESS_DEFINE_FUNCTIONS 0
#endif
#else
#define PASSWORDLESS_FUNC inline
#define PASSWORDLESS_DEFINE_FUNCTIONS 1
#endif

// One tag per ABI-relevant configuration macro; empty when the macro has its default.
#if JSON_DIAGNOSTICS
#define PASSWORDLESS_ABI_TAG_JSON_DIAGNOSTICS _jdiag
#else
#define PASSWORDLESS_ABI_TAG_JSON_DIAGNOSTICS
#endif

/// All tags, in a fixed order (add new ones with PASSWORDLESS_DETAIL_CONCAT).
#define PASSWORDLESS_ABI_TAGS PASSWORDLESS_ABI_TAG_JSON_DIAGNOSTICS

#define PASSWORDLESS_DETAIL_CONCAT_EX(a, b) a##b
#define PASSWORDLESS_DETAIL_CONCAT(a, b) PASSWORDLESS_DETAIL_CONCAT_EX(a, b)
#define PASSWORDLESS_DETAIL_VERSION_NAME_EX(major, minor, patch) v##major##_##minor##_##patch
#define PASSWORDLESS_DETAIL_VERSION_NAME(major, minor, patch) PASSWORDLESS_DETAIL_VERSION_NAME_EX(major, minor, patch)

/// The version part of the inline namespace: v<MAJOR>_<MINOR>_<PATCH>, or abi when opted out.
#if PASSWORDLESS_NAMESPACE_NO_VERSION
#define PASSWORDLESS_NAMESPACE_VERSION abi
#else
#define PASSWORDLESS_NAMESPACE_VERSION \
    PASSWORDLESS_DETAIL_VERSION_NAME(PASSWORDLESS_VERSION_MAJOR, PASSWORDLESS_VERSION_MINOR, PASSWORDLESS_VERSION_PATCH)
#endif

/// The inline namespace's name (e.g. v0_1_0, v0_1_0_jdiag, abi) and the fully qualified name of
/// the namespace everything lives in (e.g. passwordless::v0_1_0).
#define PASSWORDLESS_NAMESPACE_INLINE PASSWORDLESS_DETAIL_CONCAT(PASSWORDLESS_NAMESPACE_VERSION, PASSWORDLESS_ABI_TAGS)
#define PASSWORDLESS_NAMESPACE passwordless::PASSWORDLESS_NAMESPACE_INLINE

/// Open and close the library's namespace; every header wraps its declarations in these.
#define PASSWORDLESS_NAMESPACE_BEGIN \
    namespace passwordless {         \
    inline namespace PASSWORDLESS_NAMESPACE_INLINE {
#define PASSWORDLESS_NAMESPACE_END \
    }                              \
    }

#endif

#ifndef PASSWORDLESS_HPP
#define PASSWORDLESS_HPP

// #include "passwordless/time.hpp"
// passwordless: time as the library sees it: Unix seconds, passed in by the caller, within one range.
#ifndef PASSWORDLESS_TIME_HPP
#define PASSWORDLESS_TIME_HPP

#include <cstdint>

// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// Seconds since the Unix epoch. Every call that depends on time takes one as a parameter; the
/// library never reads a clock.
using unix_seconds = std::int64_t;

/// The latest time accepted anywhere (a `now`, a token's exp/iat/nbf/auth_time, a max_age):
/// 9999-12-31T23:59:59Z. The earliest is 0.
inline constexpr unix_seconds max_unix_seconds = 253402300799;

/// The old name of max_unix_seconds.
inline constexpr unix_seconds max_now = max_unix_seconds;

/// True when `t` is between 0 and max_unix_seconds: the one range check on times. The error a
/// caller gets for a `now` outside it is detail::check_now (detail/validate.hpp).
[[nodiscard]] constexpr bool is_valid_time(unix_seconds t) noexcept { return t >= 0 && t <= max_unix_seconds; }

PASSWORDLESS_NAMESPACE_END

#endif
// #include "passwordless/error.hpp"
// passwordless: the one error value every call can return, with its kind and next action.
#ifndef PASSWORDLESS_ERROR_HPP
#define PASSWORDLESS_ERROR_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// #include "passwordless/time.hpp" (above)
// #include "passwordless/version.hpp" (above)

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
// #include "passwordless/result.hpp"
// passwordless: result<T>, a value or an error, without exceptions.
#ifndef PASSWORDLESS_RESULT_HPP
#define PASSWORDLESS_RESULT_HPP

#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

// #include "passwordless/error.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// Holds either a T or an error. Accessing the side that is not there is a programming error
/// and terminates the program (it never throws); check ok() first.
template <class T>
class [[nodiscard]] result {
    static_assert(!std::is_same_v<std::decay_t<T>, error>, "result<error> is ambiguous");

public:
    result(T value) : storage_(std::in_place_index<0>, std::move(value)) {}           // NOLINT
    result(error failure) : storage_(std::in_place_index<1>, std::move(failure)) {}  // NOLINT

    /// True when a value is held.
    [[nodiscard]] bool ok() const noexcept { return storage_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; requires ok().
    [[nodiscard]] T& value() & { return *checked(std::get_if<0>(&storage_)); }
    [[nodiscard]] const T& value() const& { return *checked(std::get_if<0>(&storage_)); }
    [[nodiscard]] T&& value() && { return std::move(*checked(std::get_if<0>(&storage_))); }

    /// The error; requires !ok().
    [[nodiscard]] error& failure() & { return *checked(std::get_if<1>(&storage_)); }
    [[nodiscard]] const error& failure() const& { return *checked(std::get_if<1>(&storage_)); }
    [[nodiscard]] error&& failure() && { return std::move(*checked(std::get_if<1>(&storage_))); }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    template <class P>
    static P* checked(P* p) noexcept {
        if (p == nullptr) std::abort();  // misuse: the other alternative is held
        return p;
    }

    std::variant<T, error> storage_;
};

PASSWORDLESS_NAMESPACE_END

#endif
// #include "passwordless/http.hpp"
// passwordless: HTTP requests and responses as plain values.
#ifndef PASSWORDLESS_HTTP_HPP
#define PASSWORDLESS_HTTP_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// One header field, in the order it was sent or received.
struct header {
    std::string name;
    std::string value;
};

/// True when two header names are equal ignoring ASCII case.
[[nodiscard]] constexpr bool header_name_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/// The value of the first header in `headers` named `name` (any case), if present.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<std::string_view> find_header(const std::vector<header>& headers,
                                                               std::string_view name);

/// A request the library asks the caller to send, exactly as described: the caller's HTTP client
/// sends `method` to `url` with every header in order and `body` as the entity.
/// Header names are lower-case; no value contains CR, LF or NUL.
struct request {
    std::string method;        ///< always "POST" for the two endpoints
    std::string url;           ///< absolute URL: https://domain/path or base_url + path
    std::vector<header> headers;
    std::string content_type;  ///< also present in `headers` as content-type
    std::string body;

    /// The value of the first header named `name` (any case), if present.
    [[nodiscard]] std::optional<std::string_view> find_header(std::string_view name) const;
};

/// A response the caller's HTTP client received: status, headers (any case, any order) and the
/// body bytes exactly as received (after any transfer decoding, before any content decoding).
struct response {
    int status = 0;
    std::vector<header> headers;
    std::string body;

    /// The value of the first header named `name` (any case), if present.
    [[nodiscard]] std::optional<std::string_view> find_header(std::string_view name) const;

    /// True for 200 to 299.
    [[nodiscard]] bool is_success() const noexcept;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
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

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/limits.hpp"
// passwordless: the caps applied before any work on untrusted or oversized data, their allowed
// ranges, and checked_limits, the validated form every parser reads.
#ifndef PASSWORDLESS_LIMITS_HPP
#define PASSWORDLESS_LIMITS_HPP

#include <cstddef>

// #include "passwordless/error.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// Caps applied before any work on untrusted or oversized data, as the caller writes them (see
/// limit_ranges for what is accepted). Parsers take checked_limits, never this type.
struct client_limits {
    std::size_t max_body_bytes = 256 * 1024;  ///< response bodies; larger ones are refused unread
    std::size_t max_json_depth = 64;          ///< nesting of any JSON the library parses
    std::size_t max_token_bytes = 64 * 1024;  ///< tokens and assertions
    std::size_t max_input_bytes = 4 * 1024;   ///< any other caller string
};

/// The allowed range of one member of client_limits.
struct limit_range {
    const char* name;
    std::size_t client_limits::*member;
    std::size_t least;
    std::size_t most;
};

/// The policy: each cap and its inclusive range.
inline constexpr limit_range limit_ranges[] = {
    {"max_body_bytes", &client_limits::max_body_bytes, 1024, std::size_t{1} << 30},
    {"max_json_depth", &client_limits::max_json_depth, 4, 512},
    {"max_token_bytes", &client_limits::max_token_bytes, 1024, std::size_t{1} << 24},
    {"max_input_bytes", &client_limits::max_input_bytes, 256, std::size_t{1} << 20},
};

/// True when every member of `l` is within its limit_ranges entry.
[[nodiscard]] constexpr bool limits_in_range(const client_limits& l) noexcept {
    for (const limit_range& r : limit_ranges)
        if (l.*r.member < r.least || l.*r.member > r.most) return false;
    return true;
}

static_assert(limits_in_range(client_limits{}), "the default limits must be within their ranges");

/// Limits that passed limits_in_range. Default-constructed, they hold the defaults. Every parser
/// takes one (or reads the client's, which client::create checked), so the recursive JSON
/// scanner never sees an unchecked depth.
class checked_limits {
public:
    checked_limits() noexcept = default;

    /// Checks `l`; invalid_argument (field "limits") when a member is outside its range.
    [[nodiscard]] static result<checked_limits> create(const client_limits& l);

    [[nodiscard]] std::size_t max_body_bytes() const noexcept;
    [[nodiscard]] std::size_t max_json_depth() const noexcept;
    [[nodiscard]] std::size_t max_token_bytes() const noexcept;
    [[nodiscard]] std::size_t max_input_bytes() const noexcept;
    [[nodiscard]] const client_limits& values() const noexcept;

private:
    explicit checked_limits(const client_limits& l) noexcept;

    client_limits values_;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<checked_limits> checked_limits::create(const client_limits& l) {
    if (!limits_in_range(l))
        return error::invalid_argument("limits", "are outside their allowed ranges (see client_limits)");
    return checked_limits(l);
}

PASSWORDLESS_FUNC std::size_t checked_limits::max_body_bytes() const noexcept { return values_.max_body_bytes; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_json_depth() const noexcept { return values_.max_json_depth; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_token_bytes() const noexcept { return values_.max_token_bytes; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_input_bytes() const noexcept { return values_.max_input_bytes; }

PASSWORDLESS_FUNC const client_limits& checked_limits::values() const noexcept { return values_; }

PASSWORDLESS_FUNC checked_limits::checked_limits(const client_limits& l) noexcept : values_(l) {}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/client.hpp"
// passwordless: the client configuration, validated once.
//
// client::create(config) checks every member of client_config; a refusal is invalid_argument
// with `field` naming the member. Every request builder takes the resulting client.
//
// | member | rule |
// |---|---|
// | `domain` | `host[:port]` (letters, digits, `-`, `.`; or `[IPv6]`); no scheme, user info or path. Requests go to `https://domain`. |
// | `base_url` | optional `https://host[:port]` instead of the domain, or `http://` for loopback hosts only (a local development tenant) |
// | `client_id` | required, printable ASCII |
// | `client_secret` | optional; sent in the body of both endpoints, or by HTTP Basic on `/oauth/token` with `token_auth = client_secret_basic` |
// | `client_assertion` | optional Private Key JWT you signed; sent with `client_assertion_type`; not together with a secret |
// | `token_encoding` | `/oauth/token` bodies as JSON (default) or form; `/passwordless/start` is always JSON |
// | `telemetry` | optional `Auth0-Client` header: base64url (no padding) of `{"name","version","env"}`; off by default |
// | `limits` | `max_body_bytes` 256 KiB, `max_json_depth` 64, `max_token_bytes` 64 KiB, `max_input_bytes` 4 KiB (allowed ranges: `limit_ranges` in limits.hpp) |
//
// Inputs are checked, never rewritten: every builder (this file's, start.hpp's, token.hpp's)
// returns invalid_argument with `field` naming the input (never quoting it) when a value is empty
// where required, too long, not valid UTF-8, or carries CR, LF, NUL or another control character.
// Nothing is trimmed. The rules of each endpoint's own inputs head start.hpp and token.hpp.
#ifndef PASSWORDLESS_CLIENT_HPP
#define PASSWORDLESS_CLIENT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/detail/base64.hpp"
// passwordless (private): base64 and base64url (RFC 4648), strict decoding.
#ifndef PASSWORDLESS_DETAIL_BASE64_HPP
#define PASSWORDLESS_DETAIL_BASE64_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

enum class base64_alphabet : std::uint8_t { standard, url };

/// Appends the encoding of `in` to `out`; `pad` adds '=' to a multiple of four characters.
PASSWORDLESS_FUNC void append_base64(std::string& out, std::string_view in, base64_alphabet alphabet, bool pad);

/// Encodes `in`; `pad` adds '=' to a multiple of four characters.
PASSWORDLESS_FUNC std::string base64_encode(std::string_view in, base64_alphabet alphabet, bool pad);

PASSWORDLESS_FUNC int base64_value(char c, base64_alphabet alphabet) noexcept;

/// Decodes unpadded base64url strictly: only the url alphabet, no '=', no whitespace, a length
/// that is not 1 mod 4, and zero trailing bits (the canonical encoding). Empty on any violation.
PASSWORDLESS_FUNC std::optional<std::string> base64url_decode_strict(std::string_view in);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC void append_base64(std::string& out, std::string_view in, base64_alphabet alphabet, bool pad) {
    const char* table = alphabet == base64_alphabet::url
                            ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                            : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const std::size_t rest = in.size() % 3;
    const std::size_t tail = rest == 0 ? 0 : (pad ? 4 : rest + 1);
    const std::size_t start = out.size();
    out.resize(start + in.size() / 3 * 4 + tail);  // written in place below: no per-character append
    // Local pointers: stores through char* could alias anything the loop reads from memory.
    char* w = &out[start];
    const unsigned char* src = reinterpret_cast<const unsigned char*>(in.data());
    const unsigned char* const end = src + (in.size() - rest);
    for (; src != end; src += 3, w += 4) {
        const std::uint32_t v = (std::uint32_t{src[0]} << 16) | (std::uint32_t{src[1]} << 8) | std::uint32_t{src[2]};
        w[0] = table[(v >> 18) & 63];
        w[1] = table[(v >> 12) & 63];
        w[2] = table[(v >> 6) & 63];
        w[3] = table[v & 63];
    }
    if (rest != 0) {
        const std::uint32_t v = (std::uint32_t{src[0]} << 16) | (rest == 2 ? std::uint32_t{src[1]} << 8 : 0u);
        *w++ = table[(v >> 18) & 63];
        *w++ = table[(v >> 12) & 63];
        if (rest == 2) *w++ = table[(v >> 6) & 63];
        if (pad) *w++ = '=';
        if (pad && rest == 1) *w = '=';
    }
}

PASSWORDLESS_FUNC std::string base64_encode(std::string_view in, base64_alphabet alphabet, bool pad) {
    std::string out;
    append_base64(out, in, alphabet, pad);
    return out;
}

PASSWORDLESS_FUNC int base64_value(char c, base64_alphabet alphabet) noexcept {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (alphabet == base64_alphabet::url) {
        if (c == '-') return 62;
        if (c == '_') return 63;
    } else {
        if (c == '+') return 62;
        if (c == '/') return 63;
    }
    return -1;
}

PASSWORDLESS_FUNC std::optional<std::string> base64url_decode_strict(std::string_view in) {
    if (in.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(in.size() / 4 * 3 + 2);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        const int v = base64_value(c, base64_alphabet::url);
        if (v < 0) return std::nullopt;
        acc = ((acc << 6) | static_cast<std::uint32_t>(v)) & 0xFFFFFFu;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    if (bits > 0 && (acc & ((1u << bits) - 1u)) != 0) return std::nullopt;  // non-canonical
    return out;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/json_writer.hpp"
// passwordless (private): writes request bodies directly as JSON text or form encoding.
// Callers validate UTF-8 first; the writer only escapes.
#ifndef PASSWORDLESS_DETAIL_JSON_WRITER_HPP
#define PASSWORDLESS_DETAIL_JSON_WRITER_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

/// Appends `s` as a JSON string literal (RFC 8259 escapes; UTF-8 passed through).
PASSWORDLESS_FUNC void append_json_string(std::string& out, std::string_view s);

/// Appends `s` percent-encoded for application/x-www-form-urlencoded (unreserved kept, space as %20).
/// {"name":"value",...}: the entries as a JSON object of strings, in order (names unique: see
/// first_repeated_name).
PASSWORDLESS_FUNC std::string json_string_object(const std::vector<std::pair<std::string, std::string>>& entries);

PASSWORDLESS_FUNC void append_form_encoded(std::string& out, std::string_view s);

/// Builds one flat body, as a JSON object or as form fields, member by member in call order.
class body_writer {
public:
    explicit body_writer(bool form);

    /// Adds a string member.
    void add(std::string_view name, std::string_view value);

    /// Adds a member whose value is already JSON text (JSON bodies only).
    void add_raw_json(std::string_view name, std::string_view json_text);

    /// The finished body.
    std::string finish() &&;

private:
    void separate();

    bool form_;
    bool first_ = true;
    std::string out_;
};

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    // Characters that need no escape are copied in runs (one append per run, not per character).
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                out.append("\\u00");
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
        }
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

PASSWORDLESS_FUNC std::string json_string_object(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string out = "{";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i != 0) out.push_back(',');
        append_json_string(out, entries[i].first);
        out.push_back(':');
        append_json_string(out, entries[i].second);
    }
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC void append_form_encoded(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
}

PASSWORDLESS_FUNC body_writer::body_writer(bool form) : form_(form) {
    if (!form_) out_.push_back('{');
}

PASSWORDLESS_FUNC void body_writer::add(std::string_view name, std::string_view value) {
    separate();
    if (form_) {
        append_form_encoded(out_, name);
        out_.push_back('=');
        append_form_encoded(out_, value);
    } else {
        append_json_string(out_, name);
        out_.push_back(':');
        append_json_string(out_, value);
    }
}

PASSWORDLESS_FUNC void body_writer::add_raw_json(std::string_view name, std::string_view json_text) {
    separate();
    append_json_string(out_, name);
    out_.push_back(':');
    out_.append(json_text);
}

PASSWORDLESS_FUNC std::string body_writer::finish() && {
    if (!form_) out_.push_back('}');
    return std::move(out_);
}

PASSWORDLESS_FUNC void body_writer::separate() {
    if (!first_) out_.push_back(form_ ? '&' : ',');
    first_ = false;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/text.hpp"
// passwordless (private): byte-level text checks shared by builders and parsers.
#ifndef PASSWORDLESS_DETAIL_TEXT_HPP
#define PASSWORDLESS_DETAIL_TEXT_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

PASSWORDLESS_FUNC unsigned char byte_at(std::string_view s, std::size_t i) noexcept;

/// Length of the strictly valid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF) that starts at `pos`, or 0 when none does. `pos < s.size()`.
PASSWORDLESS_FUNC std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) noexcept;

/// True when two of `values` are equal. Sorts them (n log n): names and ids come from untrusted
/// input in the tens of thousands, where comparing every pair would burn seconds of CPU.
template <class T>
bool has_repeated(std::vector<T>& values) {
    std::sort(values.begin(), values.end());
    return std::adjacent_find(values.begin(), values.end()) != values.end();
}

/// The position of the first entry whose name an earlier entry already has, or entries.size()
/// when the names are unique. For at most 64 entries (the callers refuse more first): it sorts
/// (name, position) pairs on the stack, so it neither allocates nor compares every pair.
PASSWORDLESS_FUNC std::size_t first_repeated_name(const std::vector<std::pair<std::string, std::string>>& entries);

/// The value of a hexadecimal digit (either case), or -1.
constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
PASSWORDLESS_FUNC bool is_valid_utf8(std::string_view s) noexcept;

/// True when `s` holds an ASCII control character (0x00-0x1F or 0x7F) or a C1 control
/// (U+0080-U+009F, encoded C2 80 to C2 9F).
PASSWORDLESS_FUNC bool has_control(std::string_view s) noexcept;

/// True when `s` is printable ASCII (0x21-0x7E) with single inner spaces allowed when
/// `allow_inner_space`; never leading or trailing whitespace.
PASSWORDLESS_FUNC bool is_visible_ascii(std::string_view s, bool allow_inner_space) noexcept;

PASSWORDLESS_FUNC bool is_digit(char c) noexcept;
PASSWORDLESS_FUNC bool is_alpha(char c) noexcept;

PASSWORDLESS_FUNC char ascii_lower(char c) noexcept;

PASSWORDLESS_FUNC std::string ascii_lowercase(std::string_view s);

/// Case-insensitive (ASCII) substring search.
PASSWORDLESS_FUNC bool contains_ignoring_case(std::string_view haystack, std::string_view needle) noexcept;

/// Parses `^[0-9]{1,18}$` (so the value always fits in int64); anything else is empty.
PASSWORDLESS_FUNC std::optional<std::int64_t> parse_small_decimal(std::string_view s) noexcept;

/// Compares two strings in time that depends only on their lengths, not on where they differ.
PASSWORDLESS_FUNC bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

/// Server-provided text made safe for messages and logs: control characters become spaces,
/// and text longer than `max_bytes` is cut at a UTF-8 boundary and marked with "...".
PASSWORDLESS_FUNC std::string sanitize_server_text(std::string_view s, std::size_t max_bytes = 1024);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC unsigned char byte_at(std::string_view s, std::size_t i) noexcept {
    return static_cast<unsigned char>(s[i]);
}

PASSWORDLESS_FUNC std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) noexcept {
    const unsigned char c = byte_at(s, pos);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (s.size() - pos < len) return 0;
    const unsigned char c1 = byte_at(s, pos + 1);
    if (c1 < lo || c1 > hi) return 0;
    for (std::size_t k = 2; k < len; ++k) {
        const unsigned char ck = byte_at(s, pos + k);
        if (ck < 0x80 || ck > 0xBF) return 0;
    }
    return len;
}

PASSWORDLESS_FUNC std::size_t first_repeated_name(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::array<std::pair<std::string_view, std::size_t>, 64> sorted{};
    const std::size_t n = entries.size() < sorted.size() ? entries.size() : sorted.size();
    for (std::size_t i = 0; i < n; ++i) sorted[i] = {entries[i].first, i};
    std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n));
    std::size_t first = entries.size();
    for (std::size_t k = 1; k < n; ++k)
        if (sorted[k].first == sorted[k - 1].first && sorted[k].second < first) first = sorted[k].second;
    return first;
}

PASSWORDLESS_FUNC bool is_valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

PASSWORDLESS_FUNC bool has_control(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = byte_at(s, i);
        if (c < 0x20 || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && byte_at(s, i + 1) >= 0x80 && byte_at(s, i + 1) <= 0x9F)
            return true;
    }
    return false;
}

PASSWORDLESS_FUNC bool is_visible_ascii(std::string_view s, bool allow_inner_space) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = byte_at(s, i);
        if (c == ' ' && allow_inner_space && i != 0 && i + 1 != s.size()) continue;
        if (c < 0x21 || c > 0x7E) return false;
    }
    return true;
}

PASSWORDLESS_FUNC bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

PASSWORDLESS_FUNC bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

PASSWORDLESS_FUNC char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

PASSWORDLESS_FUNC std::string ascii_lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

PASSWORDLESS_FUNC bool contains_ignoring_case(std::string_view haystack, std::string_view needle) noexcept {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(haystack[i + k]) == ascii_lower(needle[k])) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

PASSWORDLESS_FUNC std::optional<std::int64_t> parse_small_decimal(std::string_view s) noexcept {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

PASSWORDLESS_FUNC bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(diff | (byte_at(a, i) ^ byte_at(b, i)));
    return diff == 0;
}

PASSWORDLESS_FUNC std::string sanitize_server_text(std::string_view s, std::size_t max_bytes) {
    std::string out;
    std::size_t end = s.size();
    bool cut = false;
    if (end > max_bytes) {
        end = max_bytes;
        while (end > 0 && (byte_at(s, end) & 0xC0) == 0x80) --end;
        cut = true;
    }
    out.reserve(end + 3);
    for (std::size_t i = 0; i < end; ++i) {
        const unsigned char c = byte_at(s, i);
        if (c < 0x20 || c == 0x7F) {
            out.push_back(' ');
        } else if (c == 0xC2 && i + 1 < end && byte_at(s, i + 1) >= 0x80 && byte_at(s, i + 1) <= 0x9F) {
            out.push_back(' ');
            ++i;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    if (cut) out.append("...");
    return out;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/validate.hpp"
// passwordless (private): validation rules for caller inputs. Each returns an error naming the
// field, never quoting its value.
#ifndef PASSWORDLESS_DETAIL_VALIDATE_HPP
#define PASSWORDLESS_DETAIL_VALIDATE_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

using check = std::optional<error>;

/// A `now` from the caller: invalid_argument (field "now") outside 0 to max_unix_seconds.
PASSWORDLESS_FUNC check check_now(unix_seconds now);

/// A value that goes into a JSON body: non-empty, within `max_bytes`, valid UTF-8, no controls.
PASSWORDLESS_FUNC check check_body_text(std::string_view field, std::string_view v, std::size_t max_bytes);

/// A value that goes into a header or URL: non-empty, within `max_bytes`, visible ASCII,
/// single inner spaces only when `allow_inner_space`.
PASSWORDLESS_FUNC check check_header_text(std::string_view field, std::string_view v, std::size_t max_bytes, bool allow_inner_space);

/// An email address: exactly one '@' with text on both sides, at most 254 bytes, valid UTF-8,
/// no spaces, quotes, backslashes or control characters. Internationalised addresses pass.
PASSWORDLESS_FUNC check check_email(std::string_view field, std::string_view v);

/// True when `v` is an E.164 number: '+', a first digit 1-9, 7 to 15 digits in all.
PASSWORDLESS_FUNC bool is_e164(std::string_view v) noexcept;

PASSWORDLESS_FUNC check check_phone(std::string_view field, std::string_view v);

/// A connection or realm name: 1 to 128 characters from A-Z a-z 0-9 '-' '_' '.'.
PASSWORDLESS_FUNC check check_connection_name(std::string_view field, std::string_view v);

/// A one-time code: 4 to 16 ASCII digits, nothing else.
PASSWORDLESS_FUNC check check_otp(std::string_view field, std::string_view v);

/// An OAuth scope: scope tokens of printable ASCII (no '"' or '\\') separated by single spaces.
PASSWORDLESS_FUNC check check_scope(std::string_view field, std::string_view v, std::size_t max_bytes);

PASSWORDLESS_FUNC bool parse_ipv4(std::string_view v) noexcept;

/// RFC 4291 text form, with '::' compression and an optional trailing IPv4 part; no zone id.
PASSWORDLESS_FUNC bool parse_ipv6(std::string_view v) noexcept;

/// An end-user IP address literal (IPv4 dotted quad or IPv6 text form).
PASSWORDLESS_FUNC check check_ip_literal(std::string_view field, std::string_view v);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC check check_now(unix_seconds now) {
    if (is_valid_time(now)) return std::nullopt;
    return error::invalid_argument("now", "must be between 0 and " + std::to_string(max_unix_seconds));
}

PASSWORDLESS_FUNC check check_body_text(std::string_view field, std::string_view v, std::size_t max_bytes) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > max_bytes) return error::invalid_argument(std::string(field), "is longer than the input size limit");
    if (!is_valid_utf8(v)) return error::invalid_argument(std::string(field), "is not valid UTF-8");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters (CR, LF, NUL, ...)");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_header_text(std::string_view field, std::string_view v, std::size_t max_bytes, bool allow_inner_space) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > max_bytes) return error::invalid_argument(std::string(field), "is longer than the input size limit");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters (CR, LF, NUL, ...)");
    if (!is_visible_ascii(v, allow_inner_space))
        return error::invalid_argument(std::string(field), "must be printable ASCII without leading or trailing spaces");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_email(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > 254) return error::invalid_argument(std::string(field), "is longer than 254 bytes");
    if (!is_valid_utf8(v)) return error::invalid_argument(std::string(field), "is not valid UTF-8");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters");
    std::size_t ats = 0;
    for (char c : v) {
        if (c == '@') ++ats;
        if (c == ' ' || c == '"' || c == '\\' || c == '\t')
            return error::invalid_argument(std::string(field), "must not contain spaces, quotes or backslashes");
    }
    if (ats != 1) return error::invalid_argument(std::string(field), "must contain exactly one '@'");
    const std::size_t at = v.find('@');
    if (at == 0 || at + 1 == v.size())
        return error::invalid_argument(std::string(field), "needs text on both sides of '@'");
    return std::nullopt;
}

PASSWORDLESS_FUNC bool is_e164(std::string_view v) noexcept {
    if (v.size() < 8 || v.size() > 16 || v[0] != '+' || v[1] < '1' || v[1] > '9') return false;
    for (std::size_t i = 2; i < v.size(); ++i)
        if (!is_digit(v[i])) return false;
    return true;
}

PASSWORDLESS_FUNC check check_phone(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (!is_e164(v))
        return error::invalid_argument(std::string(field),
                                       "must be in E.164 form: '+', then 7 to 15 digits, the first not 0");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_connection_name(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > 128) return error::invalid_argument(std::string(field), "is longer than 128 characters");
    for (char c : v)
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.'))
            return error::invalid_argument(std::string(field), "may only contain letters, digits, '-', '_' and '.'");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_otp(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() < 4 || v.size() > 16) return error::invalid_argument(std::string(field), "must be 4 to 16 digits");
    for (char c : v)
        if (!is_digit(c)) return error::invalid_argument(std::string(field), "must contain digits only");
    return std::nullopt;
}

PASSWORDLESS_FUNC check check_scope(std::string_view field, std::string_view v, std::size_t max_bytes) {
    if (auto e = check_header_text(field, v, max_bytes, true)) return e;
    char prev = ' ';
    for (char c : v) {
        if (c == '"' || c == '\\') return error::invalid_argument(std::string(field), "must not contain '\"' or '\\'");
        if (c == ' ' && prev == ' ') return error::invalid_argument(std::string(field), "must separate scopes by single spaces");
        prev = c;
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC bool parse_ipv4(std::string_view v) noexcept {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        std::size_t start = i;
        int value = 0;
        while (i < v.size() && is_digit(v[i]) && i - start < 3) value = value * 10 + (v[i++] - '0');
        const std::size_t len = i - start;
        if (len == 0 || value > 255 || (len > 1 && v[start] == '0')) return false;
        ++parts;
        if (i == v.size()) break;
        if (v[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

PASSWORDLESS_FUNC bool parse_ipv6(std::string_view v) noexcept {
    if (v.size() < 2 || v.size() > 45) return false;
    int groups = 0;
    bool compressed = false;
    std::size_t i = 0;
    if (v[0] == ':') {
        if (v[1] != ':') return false;
        compressed = true;
        i = 2;
        if (i == v.size()) return true;
    }
    while (i < v.size()) {
        std::size_t start = i;
        while (i < v.size() && hex_digit_value(v[i]) >= 0 && i - start < 4) ++i;
        const std::size_t len = i - start;
        if (i < v.size() && v[i] == '.') {  // embedded IPv4 must be last
            if (!parse_ipv4(v.substr(start))) return false;
            groups += 2;
            i = v.size();
            break;
        }
        if (len == 0) return false;
        ++groups;
        if (i == v.size()) break;
        if (v[i] != ':') return false;
        ++i;
        if (i < v.size() && v[i] == ':') {
            if (compressed) return false;
            compressed = true;
            ++i;
            if (i == v.size()) break;
        } else if (i == v.size()) {
            return false;  // trailing single ':'
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

PASSWORDLESS_FUNC check check_ip_literal(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (parse_ipv4(v) || parse_ipv6(v)) return std::nullopt;
    return error::invalid_argument(std::string(field), "must be an IPv4 or IPv6 address literal");
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/error.hpp" (above)
// #include "passwordless/limits.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// How the client proves itself to /oauth/token when it has a secret. /passwordless/start always
/// takes the secret in the body.
enum class token_endpoint_auth : std::uint8_t {
    client_secret_post,   ///< client_secret in the body (Auth0's "Post"; the default)
    client_secret_basic,  ///< Authorization: Basic (Auth0's "Basic"); /oauth/token only
};

/// How /oauth/token request bodies are encoded. Auth0 accepts both; JSON is the default.
enum class body_encoding : std::uint8_t { json, form };

/// The optional Auth0-Client telemetry header: base64url (no padding) of
/// {"name": ..., "version": ..., "env": {...}}.
struct telemetry_info {
    std::string name;
    std::string version;
    std::vector<std::pair<std::string, std::string>> env;  ///< at most 64 entries, names unique
};

/// What the caller knows about the application. Empty strings mean "not set".
struct client_config {
    std::string domain;            ///< host[:port]; requests go to https://domain
    std::string base_url;          ///< optional scheme://host[:port] used instead of https://domain;
                                   ///< http is accepted for loopback hosts only
    std::string client_id;
    std::string client_secret;     ///< confidential applications
    std::string client_assertion;  ///< a signed JWT the caller made (Private Key JWT)
    token_endpoint_auth token_auth = token_endpoint_auth::client_secret_post;
    body_encoding token_encoding = body_encoding::json;
    std::optional<telemetry_info> telemetry;
    client_limits limits;
};

namespace detail {

PASSWORDLESS_FUNC bool is_dns_host(std::string_view host) noexcept;

PASSWORDLESS_FUNC bool is_port(std::string_view p) noexcept;

// Splits "host[:port]" / "[v6][:port]" and checks both parts; sets `host` on success.
PASSWORDLESS_FUNC bool split_authority(std::string_view authority, std::string_view& host) noexcept;

PASSWORDLESS_FUNC bool is_loopback_host(std::string_view host) noexcept;

}  // namespace detail

/// A validated client configuration. Build one with client::create; every request builder takes
/// it, so inputs are checked once.
class client {
public:
    /// Checks every member and prepares the endpoint base URL and telemetry header.
    /// Errors are invalid_argument naming the field (domain, base_url, client_id, client_secret,
    /// client_assertion, token_auth, telemetry, limits).
    [[nodiscard]] static result<client> create(client_config config);

    [[nodiscard]] const client_config& config() const noexcept;
    [[nodiscard]] const std::string& client_id() const noexcept;
    /// The limits of the configuration, checked: pass them to the parse_* functions.
    [[nodiscard]] const checked_limits& limits() const noexcept;

    /// The absolute URL of `path` (which starts with '/') on this tenant.
    [[nodiscard]] std::string endpoint_url(std::string_view path) const;

    /// The Auth0-Client header value, or empty when telemetry is off.
    [[nodiscard]] const std::string& telemetry_header() const noexcept;

private:
    client() = default;

    static detail::check check_domain(std::string_view domain, bool required);

    static detail::check check_base_url(std::string_view url);

    static detail::check check_assertion(std::string_view v, std::size_t max_bytes);

    static result<std::string> telemetry_header(const telemetry_info& t, std::size_t max_bytes);

    client_config config_;
    checked_limits limits_;
    std::string base_;
    std::string telemetry_header_;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC bool is_dns_host(std::string_view host) noexcept {
    if (host.empty() || host.size() > 253) return false;
    std::size_t label = 0;
    char prev = '.';
    for (char c : host) {
        if (c == '.') {
            if (label == 0 || prev == '-') return false;
            label = 0;
        } else if (is_alpha(c) || is_digit(c) || c == '-') {
            if (label == 0 && c == '-') return false;
            if (++label > 63) return false;
        } else {
            return false;
        }
        prev = c;
    }
    return label != 0 && prev != '-';
}

PASSWORDLESS_FUNC bool is_port(std::string_view p) noexcept {
    if (p.empty() || p.size() > 5) return false;
    long v = 0;
    for (char c : p) {
        if (!is_digit(c)) return false;
        v = v * 10 + (c - '0');
    }
    return v >= 1 && v <= 65535;
}

PASSWORDLESS_FUNC bool split_authority(std::string_view authority, std::string_view& host) noexcept {
    std::string_view port;
    if (!authority.empty() && authority[0] == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return false;
        host = authority.substr(0, close + 1);
        if (!parse_ipv6(authority.substr(1, close - 1))) return false;
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest[0] != ':') return false;
            port = rest.substr(1);
            if (!is_port(port)) return false;
        }
        return true;
    }
    const std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
        port = authority.substr(colon + 1);
        if (!is_port(port)) return false;
    }
    return is_dns_host(host);
}

PASSWORDLESS_FUNC bool is_loopback_host(std::string_view host) noexcept {
    if (host == "localhost" || host == "[::1]") return true;
    return host.size() > 4 && host.substr(0, 4) == "127." && parse_ipv4(host);
}

}  // namespace detail

PASSWORDLESS_FUNC result<client> client::create(client_config config) {
    using detail::check;
    result<checked_limits> checked = checked_limits::create(config.limits);
    if (!checked.ok()) return std::move(checked).failure();
    client c;
    c.limits_ = checked.value();
    const checked_limits& lim = c.limits_;
    if (auto e = check_domain(config.domain, config.base_url.empty())) return std::move(*e);
    if (!config.base_url.empty()) {
        if (auto e = check_base_url(config.base_url)) return std::move(*e);
        c.base_ = config.base_url;
        if (c.base_.back() == '/') c.base_.pop_back();
    } else {
        c.base_ = "https://" + config.domain;
    }
    if (auto e = detail::check_header_text("client_id", config.client_id, lim.max_input_bytes(), false))
        return std::move(*e);
    if (!config.client_secret.empty()) {
        if (auto e = detail::check_body_text("client_secret", config.client_secret, lim.max_input_bytes()))
            return std::move(*e);
    }
    if (!config.client_assertion.empty()) {
        if (!config.client_secret.empty())
            return error::invalid_argument("client_assertion", "cannot be combined with a client secret");
        if (auto e = check_assertion(config.client_assertion, lim.max_token_bytes())) return std::move(*e);
    }
    if (config.token_auth == token_endpoint_auth::client_secret_basic && config.client_secret.empty())
        return error::invalid_argument("token_auth", "basic needs a client secret");
    if (config.telemetry) {
        auto header = telemetry_header(*config.telemetry, lim.max_input_bytes());
        if (!header.ok()) return std::move(header).failure();
        c.telemetry_header_ = std::move(header).value();
    }
    c.config_ = std::move(config);
    return c;
}

PASSWORDLESS_FUNC const client_config& client::config() const noexcept { return config_; }

PASSWORDLESS_FUNC const std::string& client::client_id() const noexcept { return config_.client_id; }

PASSWORDLESS_FUNC const checked_limits& client::limits() const noexcept { return limits_; }

PASSWORDLESS_FUNC std::string client::endpoint_url(std::string_view path) const {
    std::string url = base_;
    url.append(path);
    return url;
}

PASSWORDLESS_FUNC const std::string& client::telemetry_header() const noexcept { return telemetry_header_; }

PASSWORDLESS_FUNC detail::check client::check_domain(std::string_view domain, bool required) {
    if (domain.empty()) {
        if (required) return error::invalid_argument("domain", "must not be empty (or set base_url)");
        return std::nullopt;
    }
    if (detail::has_control(domain)) return error::invalid_argument("domain", "must not contain control characters");
    if (domain.find("://") != std::string_view::npos)
        return error::invalid_argument("domain", "must be host[:port] without a scheme (use base_url for a full URL)");
    std::string_view host;
    if (!detail::split_authority(domain, host))
        return error::invalid_argument("domain", "must be host[:port]: letters, digits, '-' and '.', no user info or path");
    return std::nullopt;
}

PASSWORDLESS_FUNC detail::check client::check_base_url(std::string_view url) {
    if (detail::has_control(url)) return error::invalid_argument("base_url", "must not contain control characters");
    std::string_view rest;
    bool secure = false;
    if (url.substr(0, 8) == "https://") {
        rest = url.substr(8);
        secure = true;
    } else if (url.substr(0, 7) == "http://") {
        rest = url.substr(7);
    } else {
        return error::invalid_argument("base_url", "must start with https:// (or http:// for a loopback host)");
    }
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    std::string_view host;
    if (!detail::split_authority(rest, host))
        return error::invalid_argument("base_url", "must be scheme://host[:port] with no user info, path, query or fragment");
    if (!secure && !detail::is_loopback_host(host))
        return error::invalid_argument("base_url", "may use http:// only for a loopback host (127.x.x.x, localhost, [::1])");
    return std::nullopt;
}

PASSWORDLESS_FUNC detail::check client::check_assertion(std::string_view v, std::size_t max_bytes) {
    if (v.size() > max_bytes) return error::invalid_argument("client_assertion", "is longer than the token size limit");
    int dots = 0;
    for (char c : v) {
        if (c == '.') {
            ++dots;
        } else if (detail::base64_value(c, detail::base64_alphabet::url) < 0) {
            return error::invalid_argument("client_assertion", "must be a compact JWS (base64url segments and dots)");
        }
    }
    if (dots != 2) return error::invalid_argument("client_assertion", "must be a compact JWS with three segments");
    return std::nullopt;
}

PASSWORDLESS_FUNC result<std::string> client::telemetry_header(const telemetry_info& t, std::size_t max_bytes) {
    if (auto e = detail::check_body_text("telemetry", t.name, max_bytes)) return std::move(*e);
    if (auto e = detail::check_body_text("telemetry", t.version, max_bytes)) return std::move(*e);
    if (t.env.size() > 64) return error::invalid_argument("telemetry", "has more than 64 env entries");
    // A JSON object with a repeated name means different things to different readers.
    const std::size_t repeated = detail::first_repeated_name(t.env);
    for (std::size_t i = 0; i < t.env.size(); ++i) {
        const auto& [key, value] = t.env[i];
        if (auto e = detail::check_body_text("telemetry", key, max_bytes)) return std::move(*e);
        if (auto e = detail::check_body_text("telemetry", value, max_bytes)) return std::move(*e);
        if (i == repeated) return error::invalid_argument("telemetry", "repeats an env name");
    }
    const std::string env = detail::json_string_object(t.env);
    detail::body_writer w(false);
    w.add("name", t.name);
    w.add("version", t.version);
    w.add_raw_json("env", env);
    return detail::base64_encode(std::move(w).finish(), detail::base64_alphabet::url, false);
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/classify.hpp"
// passwordless: the one error classifier for every non-2xx response of both endpoints (and for
// error parameters of magic-link callbacks), driven by a table.
#ifndef PASSWORDLESS_CLASSIFY_HPP
#define PASSWORDLESS_CLASSIFY_HPP

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/flat_json.hpp"
// passwordless (private): a validating JSON scanner for the flat objects Auth0 returns. It
// accepts and rejects exactly what nlohmann/json's strict parser does (tests/fuzz checks this
// differentially), adds the library's policies (size and depth caps, no duplicate member names,
// no byte order mark), and records where each top-level member is instead of building a DOM.
#ifndef PASSWORDLESS_DETAIL_FLAT_JSON_HPP
#define PASSWORDLESS_DETAIL_FLAT_JSON_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <charconv>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

enum class json_read_status : std::uint8_t {
    ok,
    too_large,       ///< more bytes than the cap
    too_deep,        ///< nesting deeper than the cap
    duplicate_name,  ///< an object repeats a member name (after unescaping)
    byte_order_mark, ///< a leading UTF-8 BOM, which nlohmann/json would skip silently
    invalid,         ///< not one well-formed JSON text (syntax, encoding, number overflow)
};

/// A human phrase for a read failure, for error messages.
PASSWORDLESS_FUNC const char* describe(json_read_status s) noexcept;

enum class json_kind : std::uint8_t { null, boolean, number, string, object, array };

/// One top-level member: where its name and value are in the text (offsets, so the record stays
/// valid when the text is moved with its owner).
struct flat_member {
    std::uint32_t key_begin = 0, key_size = 0;      ///< the name between its quotes, escapes undecoded
    std::uint32_t value_begin = 0, value_size = 0;  ///< strings: between the quotes; others: the whole value
    json_kind kind = json_kind::null;
    bool key_escaped = false;    ///< the name contains a backslash escape
    bool value_escaped = false;  ///< a string value contains a backslash escape
};

/// Decodes the body of a JSON string that the scanner already validated.
PASSWORDLESS_FUNC std::string unescape_validated(std::string_view s);

/// A validated JSON text whose root is an object, with its top-level members recorded.
class flat_object {
public:
    flat_object() = default;

    /// Scans `text` (copied in). The status is ok only for one well-formed JSON object within
    /// the caps, without duplicate names at any level. `root_is_object` tells a valid non-object.
    [[nodiscard]] static json_read_status scan(std::string text, std::size_t max_bytes, std::size_t max_depth,
                                               flat_object& out, bool& root_is_object);

    /// Checks `text` as scan does, recording nothing.
    [[nodiscard]] static json_read_status validate(std::string_view t, std::size_t max_bytes, std::size_t max_depth);

    /// The empty object {}.
    [[nodiscard]] static flat_object empty();

    /// The strings of a validated array text such as ["a","b"]; empty if any element is not a
    /// string.
    [[nodiscard]] static std::optional<std::vector<std::string>> string_array(std::string_view validated);

    [[nodiscard]] const std::string& text() const noexcept;

    /// The member named `name` (names compared after unescaping), or nullptr.
    [[nodiscard]] const flat_member* find(std::string_view name) const;

    /// The decoded name of `m`.
    [[nodiscard]] std::string key(const flat_member& m) const;

    /// The decoded string value of `m` (which must be a string).
    [[nodiscard]] std::string string_value(const flat_member& m) const;

    /// The decoded value of the member named `name`, if it is present and a string.
    [[nodiscard]] std::optional<std::string> string_member(std::string_view name) const;

    /// The raw text of `m`'s value (strings include no quotes).
    [[nodiscard]] std::string_view raw_value(const flat_member& m) const;

    /// The boolean value of `m` (which must be a boolean).
    [[nodiscard]] bool bool_value(const flat_member& m) const;

    /// The value of a number member the way nlohmann/json stores it: written without fraction or
    /// exponent, an unsigned integer when non-negative and a signed one when negative, if it
    /// fits; otherwise a double.
    struct number {
        enum class type : std::uint8_t { integer, unsigned_integer, floating } kind = type::integer;
        std::int64_t i = 0;
        std::uint64_t u = 0;
        double d = 0;
    };
    [[nodiscard]] number number_value(const flat_member& m) const;

    /// The number `m` (which must be a number) as a double when it lies in [0, most], `most`
    /// below 2^53 so that every whole number in range is exact; -0 counts as 0. Fractions stay.
    /// The one reading of bounded non-negative numbers: expires_in and the NumericDate claims.
    [[nodiscard]] std::optional<double> number_within(const flat_member& m, std::int64_t most) const;

    static number parse_number(std::string_view raw);

    /// The nearest double to a JSON number's text (already checked against the grammar), the
    /// same in every locale: std::from_chars where the standard library has it for double (out
    /// of range: infinity or zero, as strtod), else the core's own reader (exact for up to 19
    /// significant digits and a power of ten up to 22, within a few ulp beyond).
    static double to_double(std::string_view raw) noexcept;

private:
    friend struct flat_object_access;  // declared for the tests (tests/detail/flat_json_access.hpp) only

    // The caps, the byte order mark, then one JSON value and nothing after it. Members of a root
    // object go to *top and root_is_object is set, when they are given.
    static json_read_status scan_text(std::string_view t, std::size_t max_bytes, std::size_t max_depth, std::vector<flat_member>* top,
                                  bool* root_is_object);

    std::string_view view(std::uint32_t begin, std::uint32_t size) const;

    bool key_equals(const flat_member& m, std::string_view name) const;

    struct scanner {
        std::string_view t;
        std::size_t pos;
        std::size_t max_depth;
        json_read_status status;
        std::vector<flat_member>* top;

        char peek() const;
        bool fail();
        bool too_deep();
        void skip_ws();
        bool literal(std::string_view word);

        bool hex4(std::size_t at, std::uint32_t& v) const;

        // A string at pos (on its opening quote); sets [begin, end) to its body and `escaped`.
        bool string(std::size_t& begin, std::size_t& end, bool& escaped);

        bool scan_number();

        // The name of a member of a nested object (top-level members are flat_members).
        struct name_ref {
            std::uint32_t key_begin, key_size;
            bool key_escaped;
        };

        // True when two of `names` (flat_members or name_refs) are equal after unescaping. Small
        // sets of plain names are compared pairwise; anything else is decoded and sorted, so
        // hostile inputs stay n log n.
        template <class Name>
        static bool duplicate_names(std::string_view text, const std::vector<Name>& names) {
            const std::size_t n = names.size();
            if (n < 2) return false;
            bool any_escaped = false;
            for (const Name& name : names) any_escaped = any_escaped || name.key_escaped;
            if (!any_escaped && n <= 32) {
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t k = 0; k < i; ++k)
                        if (text.substr(names[i].key_begin, names[i].key_size) == text.substr(names[k].key_begin, names[k].key_size))
                            return true;
                return false;
            }
            std::vector<std::string> decoded;
            decoded.reserve(n);
            for (const Name& name : names) {
                const std::string_view raw = text.substr(name.key_begin, name.key_size);
                decoded.push_back(name.key_escaped ? unescape_validated(raw) : std::string(raw));
            }
            return has_repeated(decoded);
        }

        // A value at pos; `depth` counts the containers around it. At depth 0 an object's
        // members are recorded in *top.
        bool value(std::size_t depth);

        bool object(std::size_t depth);
    };

    std::string text_;
    std::vector<flat_member> members_;
};

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC const char* describe(json_read_status s) noexcept {
    switch (s) {
        case json_read_status::ok: return "well-formed JSON";
        case json_read_status::too_large: return "larger than the configured body limit";
        case json_read_status::too_deep: return "nested deeper than the configured JSON depth limit";
        case json_read_status::duplicate_name: return "JSON with a duplicate member name";
        case json_read_status::byte_order_mark: return "JSON preceded by a byte order mark";
        case json_read_status::invalid: return "not well-formed JSON";
    }
    return "not well-formed JSON";
}

PASSWORDLESS_FUNC std::string unescape_validated(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out.push_back(s[i]);
            continue;
        }
        const char e = s[++i];
        switch (e) {
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                auto hex4 = [&](std::size_t at) {
                    std::uint32_t v = 0;
                    for (std::size_t k = 0; k < 4; ++k) {
                        v = v * 16 + static_cast<std::uint32_t>(hex_digit_value(s[at + k]));  // validated: a digit
                    }
                    return v;
                };
                std::uint32_t cp = hex4(i + 1);
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(i + 3) - 0xDC00);
                    i += 6;
                }
                if (cp < 0x80) {
                    out.push_back(static_cast<char>(cp));
                } else if (cp < 0x800) {
                    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
                    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                } else if (cp < 0x10000) {
                    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
                    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                } else {
                    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
                    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
                    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                }
                break;
            }
            default: out.push_back(e);  // '"', '\\', '/'
        }
    }
    return out;
}

PASSWORDLESS_FUNC json_read_status flat_object::scan(std::string text, std::size_t max_bytes, std::size_t max_depth,
                                           flat_object& out, bool& root_is_object) {
    out.text_ = std::move(text);
    out.members_.clear();
    out.members_.reserve(16);
    return scan_text(out.text_, max_bytes, max_depth, &out.members_, &root_is_object);
}

PASSWORDLESS_FUNC json_read_status flat_object::validate(std::string_view t, std::size_t max_bytes, std::size_t max_depth) {
    return scan_text(t, max_bytes, max_depth, nullptr, nullptr);
}

PASSWORDLESS_FUNC flat_object flat_object::empty() {
    flat_object out;
    out.text_ = "{}";
    return out;
}

PASSWORDLESS_FUNC std::optional<std::vector<std::string>> flat_object::string_array(std::string_view validated) {
    std::vector<std::string> out;
    scanner s{validated, 0, 2, json_read_status::ok, nullptr};
    s.skip_ws();
    if (s.peek() != '[') return std::nullopt;
    ++s.pos;
    s.skip_ws();
    if (s.peek() == ']') return out;
    while (true) {
        s.skip_ws();
        if (s.peek() != '"') return std::nullopt;
        std::size_t b = 0, e = 0;
        bool escaped = false;
        if (!s.string(b, e, escaped)) return std::nullopt;
        const std::string_view body = validated.substr(b, e - b);
        out.push_back(escaped ? unescape_validated(body) : std::string(body));
        s.skip_ws();
        if (s.peek() == ',') {
            ++s.pos;
            continue;
        }
        if (s.peek() == ']') return out;
        return std::nullopt;
    }
}

PASSWORDLESS_FUNC const std::string& flat_object::text() const noexcept { return text_; }

PASSWORDLESS_FUNC const flat_member* flat_object::find(std::string_view name) const {
    for (const flat_member& m : members_)
        if (key_equals(m, name)) return &m;
    return nullptr;
}

PASSWORDLESS_FUNC std::string flat_object::key(const flat_member& m) const {
    const std::string_view raw = view(m.key_begin, m.key_size);
    return m.key_escaped ? unescape_validated(raw) : std::string(raw);
}

PASSWORDLESS_FUNC std::string flat_object::string_value(const flat_member& m) const {
    const std::string_view raw = view(m.value_begin, m.value_size);
    return m.value_escaped ? unescape_validated(raw) : std::string(raw);
}

PASSWORDLESS_FUNC std::optional<std::string> flat_object::string_member(std::string_view name) const {
    const flat_member* m = find(name);
    if (m == nullptr || m->kind != json_kind::string) return std::nullopt;
    return string_value(*m);
}

PASSWORDLESS_FUNC std::string_view flat_object::raw_value(const flat_member& m) const { return view(m.value_begin, m.value_size); }

PASSWORDLESS_FUNC bool flat_object::bool_value(const flat_member& m) const { return text_[m.value_begin] == 't'; }

PASSWORDLESS_FUNC flat_object::number flat_object::number_value(const flat_member& m) const { return parse_number(view(m.value_begin, m.value_size)); }

PASSWORDLESS_FUNC std::optional<double> flat_object::number_within(const flat_member& m, std::int64_t most) const {
    const number n = number_value(m);
    switch (n.kind) {
        case number::type::unsigned_integer:
            if (n.u > static_cast<std::uint64_t>(most)) return std::nullopt;
            return static_cast<double>(n.u);
        case number::type::integer:  // negative, or -0
            if (n.i < 0 || n.i > most) return std::nullopt;
            return static_cast<double>(n.i);
        case number::type::floating:
            if (!std::isfinite(n.d) || n.d < 0 || n.d > static_cast<double>(most)) return std::nullopt;
            return n.d;
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC flat_object::number flat_object::parse_number(std::string_view raw) {
    number n;
    const bool negative = !raw.empty() && raw[0] == '-';
    bool integral = true;
    for (char c : raw) integral = integral && c != '.' && c != 'e' && c != 'E';
    if (integral) {
        std::uint64_t v = 0;
        bool overflow = false;
        for (std::size_t i = negative ? 1 : 0; i < raw.size(); ++i) {
            const auto digit = static_cast<std::uint64_t>(raw[i] - '0');
            if (v > ((std::numeric_limits<std::uint64_t>::max)() - digit) / 10) {
                overflow = true;
                break;
            }
            v = v * 10 + digit;
        }
        if (!overflow && !negative) {  // nlohmann/json keeps every non-negative integer unsigned
            n.kind = number::type::unsigned_integer;
            n.u = v;
            return n;
        }
        if (!overflow && v <= static_cast<std::uint64_t>((std::numeric_limits<std::int64_t>::max)()) + 1) {
            n.kind = number::type::integer;
            n.i = v == static_cast<std::uint64_t>((std::numeric_limits<std::int64_t>::max)()) + 1
                      ? (std::numeric_limits<std::int64_t>::min)()
                      : -static_cast<std::int64_t>(v);
            return n;
        }
    }
    n.kind = number::type::floating;
    n.d = to_double(raw);
    return n;
}

PASSWORDLESS_FUNC double flat_object::to_double(std::string_view raw) noexcept {
    // The decimal digits as mantissa * 10^exp10, at most 19 significant digits kept.
    const bool negative = !raw.empty() && raw[0] == '-';
    std::uint64_t mantissa = 0;
    int kept = 0;
    bool truncated = false;
    std::int64_t exp10 = 0;
    std::size_t i = negative ? 1 : 0;
    bool fraction = false;
    for (; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '.') {
            fraction = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (mantissa == 0 && digit == 0) {
            if (fraction) --exp10;
            continue;
        }
        if (kept < 19) {
            mantissa = mantissa * 10 + digit;
            ++kept;
            if (fraction) --exp10;
        } else {
            truncated = truncated || digit != 0;
            if (!fraction) ++exp10;
        }
    }
    if (i < raw.size()) {  // the exponent, saturated far beyond the double range
        ++i;
        const bool exp_negative = i < raw.size() && raw[i] == '-';
        if (i < raw.size() && (raw[i] == '-' || raw[i] == '+')) ++i;
        std::int64_t e = 0;
        for (; i < raw.size() && raw[i] >= '0' && raw[i] <= '9'; ++i)
            if (e < 100000) e = e * 10 + (raw[i] - '0');
        exp10 += exp_negative ? -e : e;
    }
    const double zero = negative ? -0.0 : 0.0;
    const double infinity = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (mantissa == 0) return zero;
    // The value lies in [10^(kept+exp10-1), 10^(kept+exp10)).
    if (kept + exp10 > 310) return infinity;
    if (kept + exp10 < -330) return zero;
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    (void)truncated;
    double v = 0;
    const auto r = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (r.ec == std::errc()) return v;
    return kept + exp10 > 0 ? infinity : zero;
#else
    static constexpr double exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double v = 0;
    if (!truncated && mantissa <= (std::uint64_t{1} << 53) && exp10 >= -22 && exp10 <= 22) {
        // Both factors are exact doubles, so one rounding gives the nearest double (Clinger).
        const auto m = static_cast<double>(mantissa);
        v = exp10 < 0 ? m / exact[-exp10] : m * exact[exp10];
    } else {
        long double x = static_cast<long double>(mantissa);
        std::int64_t e = exp10;
        long double step = 10.0L;
        const bool down = e < 0;
        for (std::int64_t k = down ? -e : e; k > 0; k >>= 1, step *= step)
            if ((k & 1) != 0) x = down ? x / step : x * step;
        v = static_cast<double>(x);
    }
    return negative ? -v : v;
#endif
}

PASSWORDLESS_FUNC json_read_status flat_object::scan_text(std::string_view t, std::size_t max_bytes, std::size_t max_depth, std::vector<flat_member>* top,
                              bool* root_is_object) {
    if (root_is_object != nullptr) *root_is_object = false;
    if (t.size() > max_bytes || t.size() > (std::numeric_limits<std::uint32_t>::max)() / 2) return json_read_status::too_large;
    if (t.size() >= 3 && static_cast<unsigned char>(t[0]) == 0xEF && static_cast<unsigned char>(t[1]) == 0xBB &&
        static_cast<unsigned char>(t[2]) == 0xBF)
        return json_read_status::byte_order_mark;
    scanner s{t, 0, max_depth, json_read_status::ok, top};
    s.skip_ws();
    if (root_is_object != nullptr) *root_is_object = s.peek() == '{';
    if (!s.value(0)) return s.status == json_read_status::ok ? json_read_status::invalid : s.status;
    s.skip_ws();
    return s.pos == t.size() ? json_read_status::ok : json_read_status::invalid;
}

PASSWORDLESS_FUNC std::string_view flat_object::view(std::uint32_t begin, std::uint32_t size) const { return std::string_view(text_).substr(begin, size); }

PASSWORDLESS_FUNC bool flat_object::key_equals(const flat_member& m, std::string_view name) const {
    const std::string_view raw = view(m.key_begin, m.key_size);
    if (!m.key_escaped) return raw == name;
    return unescape_validated(raw) == name;
}

PASSWORDLESS_FUNC char flat_object::scanner::peek() const { return pos < t.size() ? t[pos] : '\0'; }

PASSWORDLESS_FUNC bool flat_object::scanner::fail() {
    if (status == json_read_status::ok) status = json_read_status::invalid;
    return false;
}

PASSWORDLESS_FUNC bool flat_object::scanner::too_deep() {
    status = json_read_status::too_deep;
    return false;
}

PASSWORDLESS_FUNC void flat_object::scanner::skip_ws() {
    while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\t' || t[pos] == '\n' || t[pos] == '\r')) ++pos;
}

PASSWORDLESS_FUNC bool flat_object::scanner::literal(std::string_view word) {
    if (t.substr(pos, word.size()) != word) return fail();
    pos += word.size();
    return true;
}

PASSWORDLESS_FUNC bool flat_object::scanner::hex4(std::size_t at, std::uint32_t& v) const {
    if (at + 4 > t.size()) return false;
    v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const int h = hex_digit_value(t[at + k]);
        if (h < 0) return false;
        v = v * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
}

PASSWORDLESS_FUNC bool flat_object::scanner::string(std::size_t& begin, std::size_t& end, bool& escaped) {
    ++pos;
    begin = pos;
    escaped = false;
    while (true) {
        // Fast path: plain printable ASCII.
        while (pos < t.size()) {
            const auto c = static_cast<unsigned char>(t[pos]);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
            ++pos;
        }
        if (pos >= t.size()) return fail();
        const auto c = static_cast<unsigned char>(t[pos]);
        if (c == '"') {
            end = pos++;
            return true;
        }
        if (c < 0x20) return fail();
        if (c == '\\') {
            escaped = true;
            if (pos + 1 >= t.size()) return fail();
            const char e = t[pos + 1];
            if (e == 'u') {
                std::uint32_t cp = 0;
                if (!hex4(pos + 2, cp)) return fail();
                pos += 6;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return fail();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    std::uint32_t low = 0;
                    if (pos + 1 >= t.size() || t[pos] != '\\' || t[pos + 1] != 'u' || !hex4(pos + 2, low) || low < 0xDC00 ||
                        low > 0xDFFF)
                        return fail();
                    pos += 6;
                }
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') return fail();
            pos += 2;
            continue;
        }
        // Non-ASCII: one strictly valid UTF-8 sequence.
        const std::size_t len = utf8_sequence_length(t, pos);
        if (len == 0) return fail();
        pos += len;
    }
}

PASSWORDLESS_FUNC bool flat_object::scanner::scan_number() {
    const std::size_t begin = pos;
    if (peek() == '-') ++pos;
    if (peek() == '0') {
        ++pos;
    } else if (peek() >= '1' && peek() <= '9') {
        while (peek() >= '0' && peek() <= '9') ++pos;
    } else {
        return fail();
    }
    bool floating = false;
    if (peek() == '.') {
        ++pos;
        if (!(peek() >= '0' && peek() <= '9')) return fail();
        while (peek() >= '0' && peek() <= '9') ++pos;
        floating = true;
    }
    if (peek() == 'e' || peek() == 'E') {
        ++pos;
        if (peek() == '+' || peek() == '-') ++pos;
        if (!(peek() >= '0' && peek() <= '9')) return fail();
        while (peek() >= '0' && peek() <= '9') ++pos;
        floating = true;
    }
    const std::string_view raw = t.substr(begin, pos - begin);
    // nlohmann/json refuses numbers that overflow a double (out_of_range.406).
    if (floating || raw.size() > 19) {
        const flat_object::number n = parse_number(raw);
        if (n.kind == flat_object::number::type::floating && !std::isfinite(n.d)) return fail();
    }
    return true;
}

PASSWORDLESS_FUNC bool flat_object::scanner::value(std::size_t depth) {
    skip_ws();
    const char c = peek();
    if (c == '{') return object(depth);
    if (c == '[') {
        if (depth + 1 > max_depth) return too_deep();
        ++pos;
        skip_ws();
        if (peek() == ']') {
            ++pos;
            return true;
        }
        while (true) {
            if (!value(depth + 1)) return false;
            skip_ws();
            if (peek() == ',') {
                ++pos;
                continue;
            }
            if (peek() == ']') {
                ++pos;
                return true;
            }
            return fail();
        }
    }
    if (c == '"') {
        std::size_t b = 0, e = 0;
        bool esc = false;
        return string(b, e, esc);
    }
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return scan_number();
}

PASSWORDLESS_FUNC bool flat_object::scanner::object(std::size_t depth) {
    if (depth + 1 > max_depth) return too_deep();
    ++pos;
    std::vector<name_ref> nested;  // names of this object, unless recorded in *top
    skip_ws();
    if (peek() == '}') {
        ++pos;
        return true;
    }
    while (true) {
        skip_ws();
        if (peek() != '"') return fail();
        std::size_t kb = 0, ke = 0;
        bool kesc = false;
        if (!string(kb, ke, kesc)) return false;
        skip_ws();
        if (peek() != ':') return fail();
        ++pos;
        skip_ws();
        const std::size_t vb = pos;
        const char first = peek();
        if (depth == 0 && top != nullptr) {
            flat_member m;
            m.key_begin = static_cast<std::uint32_t>(kb);
            m.key_size = static_cast<std::uint32_t>(ke - kb);
            m.key_escaped = kesc;
            if (first == '"') {
                std::size_t sb = 0, se = 0;
                bool sesc = false;
                if (!string(sb, se, sesc)) return false;
                m.kind = json_kind::string;
                m.value_begin = static_cast<std::uint32_t>(sb);
                m.value_size = static_cast<std::uint32_t>(se - sb);
                m.value_escaped = sesc;
            } else {
                if (!value(depth + 1)) return false;
                m.kind = first == '{'                  ? json_kind::object
                         : first == '['                ? json_kind::array
                         : first == 't' || first == 'f' ? json_kind::boolean
                         : first == 'n'                ? json_kind::null
                                                       : json_kind::number;
                m.value_begin = static_cast<std::uint32_t>(vb);
                m.value_size = static_cast<std::uint32_t>(pos - vb);
            }
            top->push_back(m);
        } else {
            if (!value(depth + 1)) return false;
            nested.push_back({static_cast<std::uint32_t>(kb), static_cast<std::uint32_t>(ke - kb), kesc});
        }
        skip_ws();
        if (peek() == ',') {
            ++pos;
            continue;
        }
        if (peek() == '}') {
            ++pos;
            break;
        }
        return fail();
    }
    const bool duplicate = depth == 0 && top != nullptr ? duplicate_names(t, *top) : duplicate_names(t, nested);
    if (duplicate) {
        status = json_read_status::duplicate_name;
        return false;
    }
    return true;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/http_date.hpp"
// passwordless (private): HTTP-date (RFC 9110 section 5.6.7) to Unix seconds.
#ifndef PASSWORDLESS_DETAIL_HTTP_DATE_HPP
#define PASSWORDLESS_DETAIL_HTTP_DATE_HPP

#include <cstdint>
#include <optional>
#include <string_view>

// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

PASSWORDLESS_FUNC std::optional<unsigned> parse_digits(std::string_view s) noexcept;

PASSWORDLESS_FUNC unsigned month_number(std::string_view m) noexcept;

PASSWORDLESS_FUNC std::optional<std::int64_t> make_time(unsigned year, unsigned month, unsigned day, std::string_view hms);

/// Parses IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 form
/// ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994").
PASSWORDLESS_FUNC std::optional<std::int64_t> parse_http_date(std::string_view v);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::optional<unsigned> parse_digits(std::string_view s) noexcept {
    if (s.empty() || s.size() > 4) return std::nullopt;
    unsigned v = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    return v;
}

PASSWORDLESS_FUNC unsigned month_number(std::string_view m) noexcept {
    constexpr std::string_view names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (unsigned i = 0; i < 12; ++i)
        if (names[i] == m) return i + 1;
    return 0;
}

PASSWORDLESS_FUNC std::optional<std::int64_t> make_time(unsigned year, unsigned month, unsigned day, std::string_view hms) {
    if (hms.size() != 8 || hms[2] != ':' || hms[5] != ':') return std::nullopt;
    auto h = parse_digits(hms.substr(0, 2));
    auto mi = parse_digits(hms.substr(3, 2));
    auto s = parse_digits(hms.substr(6, 2));
    if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    if (month == 0 || day == 0 || day > 31 || year < 1900 || year > 9999) return std::nullopt;
    return days_from_civil(year, month, day) * 86400 + *h * 3600 + *mi * 60 + *s;
}

PASSWORDLESS_FUNC std::optional<std::int64_t> parse_http_date(std::string_view v) {
    const std::size_t comma = v.find(',');
    if (comma != std::string_view::npos) {
        std::string_view rest = v.substr(comma + 1);
        if (rest.size() == 25 && rest[0] == ' ' && rest[3] == ' ' && rest[7] == ' ' && rest[12] == ' ' &&
            rest.substr(21) == " GMT") {  // " 06 Nov 1994 08:49:37 GMT"
            auto day = parse_digits(rest.substr(1, 2));
            auto year = parse_digits(rest.substr(8, 4));
            if (!day || !year) return std::nullopt;
            return make_time(*year, month_number(rest.substr(4, 3)), *day, rest.substr(13, 8));
        }
        if (rest.size() == 23 && rest[0] == ' ' && rest[3] == '-' && rest[7] == '-' && rest[10] == ' ' &&
            rest.substr(19) == " GMT") {  // " 06-Nov-94 08:49:37 GMT"
            auto day = parse_digits(rest.substr(1, 2));
            auto yy = parse_digits(rest.substr(8, 2));
            if (!day || !yy) return std::nullopt;
            const unsigned year = *yy >= 70 ? 1900 + *yy : 2000 + *yy;
            return make_time(year, month_number(rest.substr(4, 3)), *day, rest.substr(11, 8));
        }
        return std::nullopt;
    }
    if (v.size() == 24 && v[3] == ' ' && v[7] == ' ' && v[10] == ' ' && v[19] == ' ') {
        std::string_view day_text = v.substr(8, 2);
        if (day_text[0] == ' ') day_text.remove_prefix(1);
        auto day = parse_digits(day_text);
        auto year = parse_digits(v.substr(20, 4));
        if (!day || !year) return std::nullopt;
        return make_time(*year, month_number(v.substr(4, 3)), *day, v.substr(11, 8));
    }
    return std::nullopt;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/json_reader.hpp"
// passwordless (private): builds a nlohmann/json DOM from untrusted text after the flat scanner
// has checked it (size and depth caps, duplicate names), using only non-throwing paths.
#ifndef PASSWORDLESS_DETAIL_JSON_READER_HPP
#define PASSWORDLESS_DETAIL_JSON_READER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

// #include "passwordless/detail/flat_json.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

using json = nlohmann::json;

struct json_read_result {
    json_read_status status = json_read_status::invalid;
    json value;  ///< the document when status is ok, else null
};

/// Parses `text` as exactly one JSON value within `max_bytes` and `max_depth`, refusing
/// duplicate names, a byte order mark and raw NUL bytes. The flat scanner validates first, so
/// nlohmann/json only ever builds a DOM from text already known to be well-formed and shallow.
PASSWORDLESS_FUNC json_read_result read_json(std::string_view text, std::size_t max_bytes, std::size_t max_depth);

/// The member `name` of `obj` if it is a string, else nullptr (JWKs given by the caller, saved
/// logins: documents read with read_json).
PASSWORDLESS_FUNC const std::string* find_string(const json& obj, std::string_view name);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC json_read_result read_json(std::string_view text, std::size_t max_bytes, std::size_t max_depth) {
    json_read_result out;
    out.status = flat_object::validate(text, max_bytes, max_depth);
    if (out.status != json_read_status::ok) return out;
    out.value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/false);
    if (out.value.is_discarded()) {
        out.value = nullptr;
        out.status = json_read_status::invalid;
    }
    return out;
}

PASSWORDLESS_FUNC const std::string* find_string(const json& obj, std::string_view name) {
    auto it = obj.find(name);
    if (it == obj.end()) return nullptr;
    return it->get_ptr<const std::string*>();
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/response_body.hpp"
// passwordless (private): deciding whether a response body is JSON, and reading it safely.
#ifndef PASSWORDLESS_DETAIL_RESPONSE_BODY_HPP
#define PASSWORDLESS_DETAIL_RESPONSE_BODY_HPP

#include <optional>
#include <string>
#include <string_view>

// #include "passwordless/detail/flat_json.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/limits.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

PASSWORDLESS_FUNC std::string_view trim_ows(std::string_view s) noexcept;

/// The media type of a Content-Type value, without parameters, lower-cased.
PASSWORDLESS_FUNC std::string media_type(std::string_view content_type);

/// A body may be read as JSON when it is not content-encoded (gzip and the like are the HTTP
/// client's job) and its Content-Type is absent, application/json or a +json type.
PASSWORDLESS_FUNC bool body_may_be_json(const response& r);

/// A short, safe label of the Content-Type for messages.
PASSWORDLESS_FUNC std::string content_type_label(const response& r);

PASSWORDLESS_FUNC bool is_blank(std::string_view s) noexcept;

PASSWORDLESS_FUNC error malformed(const response& r, std::string message);

/// Reads a 2xx body as one JSON object. An empty body yields an empty object when
/// `allow_empty`, else an error. Any other deviation is malformed_response naming what.
PASSWORDLESS_FUNC result<flat_object> read_success_object(const response& r, const checked_limits& lim, bool allow_empty,
                                               std::string_view what);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

PASSWORDLESS_FUNC std::string media_type(std::string_view content_type) {
    const std::size_t semi = content_type.find(';');
    return ascii_lowercase(trim_ows(content_type.substr(0, semi)));
}

PASSWORDLESS_FUNC bool body_may_be_json(const response& r) {
    if (auto enc = r.find_header("content-encoding")) {
        const std::string e = ascii_lowercase(trim_ows(*enc));
        if (!e.empty() && e != "identity") return false;
    }
    auto ct = r.find_header("content-type");
    if (!ct) return true;
    const std::string mt = media_type(*ct);
    return mt == "application/json" || (mt.size() > 5 && mt.compare(mt.size() - 5, 5, "+json") == 0);
}

PASSWORDLESS_FUNC std::string content_type_label(const response& r) {
    auto ct = r.find_header("content-type");
    if (!ct) return "no content type";
    return sanitize_server_text(media_type(*ct), 64);
}

PASSWORDLESS_FUNC bool is_blank(std::string_view s) noexcept {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    return true;
}

PASSWORDLESS_FUNC error malformed(const response& r, std::string message) {
    error e = error::make(error_kind::malformed_response, std::move(message));
    e.status = r.status;
    return e;
}

PASSWORDLESS_FUNC result<flat_object> read_success_object(const response& r, const checked_limits& lim, bool allow_empty,
                                               std::string_view what) {
    const std::string prefix = std::string(what) + " response ";
    if (r.body.size() > lim.max_body_bytes()) return malformed(r, prefix + "body is larger than the configured body limit");
    if (is_blank(r.body)) {
        if (!allow_empty) return malformed(r, prefix + "body is empty");
        return flat_object::empty();
    }
    if (!body_may_be_json(r))
        return malformed(r, prefix + "is not plain JSON (" + content_type_label(r) + " or a content encoding)");
    flat_object obj;
    bool is_object = false;
    const json_read_status status = flat_object::scan(r.body, lim.max_body_bytes(), lim.max_json_depth(), obj, is_object);
    if (status != json_read_status::ok) return malformed(r, prefix + "body is " + describe(status));
    if (!is_object) return malformed(r, prefix + "body is not a JSON object");
    if (obj.find("error") != nullptr) return malformed(r, prefix + "has a success status but carries an error member");
    return obj;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/dpop_nonce.hpp"
// passwordless: the DPoP-Nonce response header (RFC 9449 §8 and §9): reading it and keeping the
// newest one. The nonce is not a secret, but it is server data: it is checked before it is kept.
//
// login_flow keeps the newest nonce itself, and save() writes it into the saved login. Keep one
// dpop_nonce_store per server (the authorization server and each API), because nonces are per
// server and expire: every answer may carry a newer one.
#ifndef PASSWORDLESS_DPOP_NONCE_HPP
#define PASSWORDLESS_DPOP_NONCE_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// #include "passwordless/http.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// The longest DPoP nonce kept; a longer DPoP-Nonce header is ignored.
inline constexpr std::size_t max_dpop_nonce_bytes = 1024;

/// True when `s` is a nonce RFC 9449 §8.1 allows: 1*NQCHAR (%x21 / %x23-5B / %x5D-7E, so no
/// space, quote, backslash or control character) and at most max_dpop_nonce_bytes.
[[nodiscard]] constexpr bool is_valid_dpop_nonce(std::string_view s) noexcept {
    if (s.empty() || s.size() > max_dpop_nonce_bytes) return false;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') return false;
    }
    return true;
}

/// The response's DPoP-Nonce, when it has exactly one usable value: surrounding spaces and tabs
/// are dropped; a value that is not a valid nonce, or a header sent twice with different values,
/// counts as absent (a server never needs either).
[[nodiscard]] PASSWORDLESS_FUNC std::optional<std::string> read_dpop_nonce(const response& r);

/// The newest DPoP nonce a server gave: feed it every response from that server (success or
/// error, token endpoint or API); the latest usable DPoP-Nonce wins. Nonces are per server: keep
/// one of these for the authorization server and one per resource server.
class dpop_nonce_store {
public:
    /// Remembers the response's DPoP-Nonce, if it carries a usable one; true when it did.
    bool observe(const response& r);

    /// Sets the nonce directly (e.g. from a saved login); false, and nothing changes, when it is
    /// not a valid nonce. An empty string forgets the nonce.
    bool set(std::string_view nonce);

    /// The current nonce; empty when the server never sent one.
    [[nodiscard]] const std::string& current() const noexcept;

private:
    std::string nonce_;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
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

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// The grant a token response answers. It decides what an `invalid_grant` the description
/// does not refine means (PROTOCOL.md 9.1); `unspecified` leaves it to the description alone.
enum class token_grant : std::uint8_t { unspecified, otp, refresh, authorization_code, mfa_otp, mfa_oob, mfa_recovery };

/// The wire name of a grant as the conformance driver spells it ("" for unspecified).
[[nodiscard]] constexpr std::string_view to_string(token_grant g) noexcept {
    switch (g) {
        case token_grant::unspecified: return "";
        case token_grant::otp: return "otp";
        case token_grant::refresh: return "refresh";
        case token_grant::authorization_code: return "authorization_code";
        case token_grant::mfa_otp: return "mfa_otp";
        case token_grant::mfa_oob: return "mfa_oob";
        case token_grant::mfa_recovery: return "mfa_recovery";
    }
    return "";
}

/// A set of grants: one bit per token_grant.
using grant_set = std::uint8_t;

/// The set holding just `g`.
[[nodiscard]] constexpr grant_set grants(token_grant g) noexcept { return static_cast<grant_set>(1u << static_cast<unsigned>(g)); }

/// Every grant, `unspecified` included: for rows keyed on the server code (or status) alone.
inline constexpr grant_set every_grant = static_cast<grant_set>(
    grants(token_grant::unspecified) | grants(token_grant::otp) | grants(token_grant::refresh) |
    grants(token_grant::authorization_code) | grants(token_grant::mfa_otp) | grants(token_grant::mfa_oob) |
    grants(token_grant::mfa_recovery));

/// The three grants that finish a login after mfa_required (PROTOCOL.md 10.2).
inline constexpr grant_set mfa_grants =
    static_cast<grant_set>(grants(token_grant::mfa_otp) | grants(token_grant::mfa_oob) | grants(token_grant::mfa_recovery));

/// Every grant, for tests and checks that iterate them.
inline constexpr token_grant all_grants[] = {token_grant::unspecified, token_grant::otp,     token_grant::refresh,
                                             token_grant::authorization_code, token_grant::mfa_otp, token_grant::mfa_oob,
                                             token_grant::mfa_recovery};

/// The kinds that belong to one grant's family (PROTOCOL.md 9.1): a kind listed here may only come
/// from an answer to one of the grants it is listed with (or to an unspecified one). Kinds not
/// listed (configuration, rate limits, server errors...) may answer any grant.
struct grant_kind {
    error_kind kind;
    grant_set grants;
};

inline constexpr grant_kind grant_families[] = {
    {error_kind::wrong_code, static_cast<grant_set>(grants(token_grant::otp) | mfa_grants)},
    {error_kind::attempts_exhausted, grants(token_grant::otp)},
    {error_kind::code_expired, static_cast<grant_set>(grants(token_grant::otp) | grants(token_grant::authorization_code))},
    {error_kind::invalid_refresh_token, grants(token_grant::refresh)},
    {error_kind::authorization_pending, mfa_grants},
    {error_kind::slow_down, mfa_grants},
    {error_kind::mfa_rejected, mfa_grants},
    {error_kind::mfa_token_invalid, mfa_grants},
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
inline constexpr grant_set mfa_or_unspecified = static_cast<grant_set>(mfa_grants | grants(token_grant::unspecified));
}  // namespace detail

/// The whole taxonomy in one place, in match order. A response no row matches is unknown_error
/// when it carried a server code, and unexpected_response when it did not.
inline constexpr error_rule error_rules[] = {
    // invalid_grant: the grant decides what it means (PROTOCOL.md 9.1); the description only
    // refines it within the grant's family. On the refresh grant it is always a refresh token the
    // server will not take; a text that mentions a refresh token decides only when the grant is
    // not known.
    {"invalid_grant", "", 0, 0, error_kind::invalid_refresh_token, grants(token_grant::refresh)},
    // The MFA grants (PROTOCOL.md 10.2), and the /mfa/ API, answered without a grant: a rejected
    // push (invalid_grant in the docs, access_denied in the recording), an mfa_token that is
    // malformed or expired, else a wrong second-factor code ("Invalid otp_code.", "Invalid
    // binding_code.").
    {"invalid_grant", "MFA Authorization rejected", 0, 0, error_kind::mfa_rejected, detail::mfa_or_unspecified},
    {"access_denied", "MFA Authorization rejected", 0, 0, error_kind::mfa_rejected, detail::mfa_or_unspecified},
    {"invalid_grant", "mfa_token", 0, 0, error_kind::mfa_token_invalid, detail::mfa_or_unspecified},
    {"invalid_grant", "", 0, 0, error_kind::wrong_code, mfa_grants},
    {"expired_token", "", 0, 0, error_kind::mfa_token_invalid, detail::mfa_or_unspecified},
    {"authorization_pending", "", 0, 0, error_kind::authorization_pending, detail::mfa_or_unspecified},
    {"slow_down", "", 0, 0, error_kind::slow_down, detail::mfa_or_unspecified},
    // POST /mfa/challenge: nothing (usable) is enrolled for the challenge asked.
    {"association_required", "", 0, 0, error_kind::mfa_enrollment_required},
    {"unsupported_challenge_type", "", 0, 0, error_kind::mfa_enrollment_required},
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

/// The least wait of a polling answer: retry_at is now + `least`, or later when Retry-After says so.
struct poll_wait {
    error_kind kind;
    unix_seconds least;
};

/// Polling a pushed MFA approval (PROTOCOL.md 10.2; no interval is given, CIBA's defaults).
inline constexpr poll_wait poll_waits[] = {
    {error_kind::authorization_pending, 5},
    {error_kind::slow_down, 10},
};

/// At most this many factor types are kept per list of an mfa_requirements member.
inline constexpr std::size_t max_mfa_requirement_types = 16;

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
    std::optional<mfa_factor_requirements> mfa_requirements;
};

// An mfa_requirements value: an object with "challenge" and/or "enroll" lists of {"type": T}
// (a bare string T is taken too), or "challenge_types": [T...] (or one T); types kept as sent,
// at most max_mfa_requirement_types each, entries of other shapes skipped. Empty when the value
// is not an object or names no list.
PASSWORDLESS_FUNC std::optional<mfa_factor_requirements> read_mfa_requirements(std::string_view json_text, const checked_limits& limits);

// Reads the code and description from any of the body shapes Auth0 and its proxies use:
// code = errorCode > error (when it looks like a code) > code > error_code;
// description = error_description > description > message > error (when it was not the code).
PASSWORDLESS_FUNC error_body read_error_body(const flat_object& body, const checked_limits& limits = {});

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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC error_kind classify_error(const std::optional<std::string_view>& code,
                                               std::string_view description, int status,
                                               token_grant grant) noexcept {
    for (const error_rule& rule : error_rules) {
        if ((rule.grants & grants(grant)) == 0) continue;
        if (!rule.code.empty() && (!code || *code != rule.code)) continue;
        if (!rule.description.empty() && !detail::contains_ignoring_case(description, rule.description)) continue;
        if (rule.status_min != 0 && (status < rule.status_min || status > rule.status_max)) continue;
        return rule.kind;
    }
    return code ? error_kind::unknown_error : error_kind::unexpected_response;
}

namespace detail {

PASSWORDLESS_FUNC bool looks_like_code(std::string_view s) noexcept {
    if (s.empty() || s.size() > 256) return false;
    for (char c : s)
        if (c <= ' ' || c > '~' || c == '"' || c == '\\') return false;
    return true;
}

}  // namespace detail

PASSWORDLESS_FUNC error classify_error_code(std::string_view code, std::string_view description) {
    if (!detail::looks_like_code(code)) {
        error e = error::make(classify_error(std::nullopt, description, 0), detail::sanitize_server_text(description));
        if (e.description.empty()) e.description = "the server answered with an error that is not a well-formed error code";
        return e;
    }
    error e = error::make(classify_error(code, description, 0), detail::sanitize_server_text(description));
    e.code = std::string(code);
    if (e.description.empty()) e.description = "the server answered with error code " + std::string(code);
    return e;
}

PASSWORDLESS_FUNC std::optional<rate_limit_info> read_rate_limit(const response& r) {
    rate_limit_info info;
    auto number = [&](std::string_view name) -> std::optional<std::int64_t> {
        auto v = r.find_header(name);
        if (!v) return std::nullopt;
        return detail::parse_small_decimal(detail::trim_ows(*v));
    };
    info.limit = number("x-ratelimit-limit");
    info.remaining = number("x-ratelimit-remaining");
    info.reset = number("x-ratelimit-reset");
    if (!info.limit && !info.remaining && !info.reset) return std::nullopt;
    return info;
}

PASSWORDLESS_FUNC std::optional<unix_seconds> read_retry_after(const response& r, unix_seconds now) {
    auto v = r.find_header("retry-after");
    if (!v) return std::nullopt;
    const std::string_view text = detail::trim_ows(*v);
    if (auto delay = detail::parse_small_decimal(text)) {
        if (now > (std::numeric_limits<unix_seconds>::max)() - *delay) return (std::numeric_limits<unix_seconds>::max)();
        return now + *delay;
    }
    return detail::parse_http_date(text);
}

namespace detail {

PASSWORDLESS_FUNC std::optional<mfa_factor_requirements> read_mfa_requirements(std::string_view json_text, const checked_limits& limits) {
    const json_read_result parsed = read_json(json_text, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != json_read_status::ok || !parsed.value.is_object()) return std::nullopt;
    const json& root = parsed.value;
    bool named = false;
    auto collect = [&](const char* name, std::vector<std::string>& out) {
        auto it = root.find(name);
        if (it == root.end()) return;
        named = true;
        auto take = [&](const json& entry) {
            if (out.size() >= max_mfa_requirement_types) return;
            const std::string* t = entry.get_ptr<const std::string*>();
            if (t == nullptr && entry.is_object()) t = find_string(entry, "type");
            if (t != nullptr && !t->empty() && t->size() <= 64) out.push_back(*t);
        };
        if (it->is_array()) {
            for (const json& entry : *it) take(entry);
        } else if (it->is_string()) {
            take(*it);
        }
    };
    mfa_factor_requirements out;
    collect("challenge", out.challenge);
    collect("challenge_types", out.challenge);
    collect("enroll", out.enroll);
    if (!named) return std::nullopt;
    return out;
}

PASSWORDLESS_FUNC error_body read_error_body(const flat_object& body, const checked_limits& limits) {
    error_body out;
    const std::optional<std::string> error_member = body.string_member("error");
    bool error_is_code = false;
    if (auto c = body.string_member("errorCode"); c && looks_like_code(*c)) {
        out.code = std::move(c);
    } else if (error_member && looks_like_code(*error_member)) {
        out.code = error_member;
        error_is_code = true;
    } else if (auto c2 = body.string_member("code"); c2 && looks_like_code(*c2)) {
        out.code = std::move(c2);
    } else if (auto c3 = body.string_member("error_code"); c3 && looks_like_code(*c3)) {
        out.code = std::move(c3);
    }
    for (const char* name : {"error_description", "description", "message"}) {
        if (auto d = body.string_member(name)) {
            out.description = std::move(d);
            break;
        }
    }
    if (!out.description && error_member && !error_is_code) out.description = error_member;
    if (auto t = body.string_member("mfa_token")) out.mfa_token = std::move(*t);
    if (const flat_member* m = body.find("mfa_requirements"); m != nullptr && m->kind == json_kind::object)
        out.mfa_requirements = read_mfa_requirements(body.raw_value(*m), limits);
    return out;
}

}  // namespace detail

PASSWORDLESS_FUNC error classify_error_response(const response& r, unix_seconds now,
                                                   const checked_limits& limits,
                                                   token_grant grant) {
    if (r.status < 100 || r.status > 599) {
        error e = error::make(error_kind::unexpected_response,
                              "HTTP status " + std::to_string(r.status) + " is outside 100-599");
        e.status = r.status;
        return e;
    }
    detail::error_body body;
    bool have_body = false;
    if (r.body.size() <= limits.max_body_bytes() && !detail::is_blank(r.body) && detail::body_may_be_json(r)) {
        detail::flat_object parsed;
        bool is_object = false;
        if (detail::flat_object::scan(r.body, limits.max_body_bytes(), limits.max_json_depth(), parsed, is_object) ==
                detail::json_read_status::ok &&
            is_object) {
            body = detail::read_error_body(parsed, limits);
            have_body = body.code.has_value();
        }
    }

    std::optional<std::string_view> code;
    if (have_body) code = *body.code;
    const error_kind kind = classify_error(code, body.description.value_or(std::string()), r.status, grant);

    error e;
    if (have_body) {
        e = error::make(kind, detail::sanitize_server_text(body.description.value_or(std::string())));
        e.code = std::move(body.code);
        if (e.description.empty()) e.description = "the server answered with error code " + *e.code;
    } else {
        e = error::make(kind, "HTTP " + std::to_string(r.status) + " response without an Auth0 error body (" +
                                  detail::content_type_label(r) + ")");
    }
    e.status = r.status;
    e.rate_limit = read_rate_limit(r);
    if (kind == error_kind::rate_limited) {
        e.retry_at = read_retry_after(r, now);
        if (!e.retry_at && e.rate_limit && e.rate_limit->reset) e.retry_at = e.rate_limit->reset;
    } else if (kind == error_kind::server_error) {
        e.retry_at = read_retry_after(r, now);
    }
    for (const poll_wait& w : poll_waits) {
        if (w.kind != kind) continue;
        e.retry_at = now + w.least;
        if (auto later = read_retry_after(r, now); later && *later > *e.retry_at) e.retry_at = later;
    }
    if (kind == error_kind::mfa_required) {
        e.mfa_token = std::move(body.mfa_token);
        e.mfa_requirements = std::move(body.mfa_requirements);
    }
    if (kind == error_kind::dpop_nonce_required) e.dpop_nonce = read_dpop_nonce(r).value_or(std::string());
    return e;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/start.hpp"
// passwordless: POST /passwordless/start, which sends a one-time code or a magic link.
//
// build_start_request checks its inputs as client.hpp says (invalid_argument naming the field;
// nothing trimmed or rewritten), and in particular:
// - email: exactly one `@` with text on both sides, at most 254 bytes, no spaces, quotes,
//   backslashes or control characters; internationalised (UTF-8) addresses are fine;
// - phone number: E.164, `+` then 7 to 15 digits, the first not 0;
// - `language` (`x-request-language`): printable ASCII;
// - `forwarded_for` (`auth0-forwarded-for`): an IPv4 or IPv6 literal. Auth0 honours it only from a
//   confidential client that sends its secret and has "Trust Token Endpoint IP Header" on; from a
//   public client it is ignored.
//
// parse_start_response accepts any 2xx with an empty body or a JSON object (Auth0 treats the body
// as informational). What holds for the success bodies of both endpoints (token.hpp too): a body
// is read only when it is not content-encoded and its Content-Type is absent, `application/json`
// or `+json`; it is capped in size and depth before any DOM is built; a duplicate member name, a
// byte order mark or invalid UTF-8 makes it malformed_response, and so does a 2xx body carrying an
// `error` member. Optional members must have their JSON types when present (`null` counts as
// absent).
#ifndef PASSWORDLESS_START_HPP
#define PASSWORDLESS_START_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/post.hpp"
// passwordless (private): assembling a POST request with the headers every call shares.
#ifndef PASSWORDLESS_DETAIL_POST_HPP
#define PASSWORDLESS_DETAIL_POST_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::string_view assertion_type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A POST to `url` carrying `body`, with content-type and (when not empty) Auth0-Client. The
/// callers pass the client's endpoint_url() and telemetry_header(): this layer knows no client.
PASSWORDLESS_FUNC request make_post(std::string url, const std::string& telemetry_header, std::string body,
                         std::string_view content_type);

/// Adds a client secret (when set and `secret_in_body`; Basic is handled by the caller) or an
/// assertion (when set) to a body.
PASSWORDLESS_FUNC void add_client_credentials(body_writer& w, const std::string& client_secret, const std::string& client_assertion,
                                   bool secret_in_body);

/// Validates an optional forwarded-for IP and adds it as auth0-forwarded-for.
PASSWORDLESS_FUNC check add_forwarded_for(request& r, const std::optional<std::string>& ip);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC request make_post(std::string url, const std::string& telemetry_header, std::string body,
                         std::string_view content_type) {
    request r;
    r.method = "POST";
    r.url = std::move(url);
    r.content_type = std::string(content_type);
    r.headers.push_back({"content-type", r.content_type});
    if (!telemetry_header.empty()) r.headers.push_back({"auth0-client", telemetry_header});
    r.body = std::move(body);
    return r;
}

PASSWORDLESS_FUNC void add_client_credentials(body_writer& w, const std::string& client_secret, const std::string& client_assertion,
                                   bool secret_in_body) {
    if (!client_secret.empty() && secret_in_body) w.add("client_secret", client_secret);
    if (!client_assertion.empty()) {
        w.add("client_assertion", client_assertion);
        w.add("client_assertion_type", assertion_type);
    }
}

PASSWORDLESS_FUNC check add_forwarded_for(request& r, const std::optional<std::string>& ip) {
    if (!ip) return std::nullopt;
    if (auto e = check_ip_literal("forwarded_for", *ip)) return e;
    r.headers.push_back({"auth0-forwarded-for", *ip});
    return std::nullopt;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/response_body.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// What Auth0 sends: a code, or a link (web, or opening an iOS / Android app).
enum class send_method : std::uint8_t { code, link, link_ios, link_android };

/// The wire name of a send method.
[[nodiscard]] constexpr std::string_view to_string(send_method m) noexcept {
    switch (m) {
        case send_method::code: return "code";
        case send_method::link: return "link";
        case send_method::link_ios: return "link_ios";
        case send_method::link_android: return "link_android";
    }
    return "code";
}

/// The send method with wire name `name`, or invalid_argument (field "send").
[[nodiscard]] PASSWORDLESS_FUNC result<send_method> parse_send_method(std::string_view name);

/// Inputs of /passwordless/start. Unset optionals are left out of the request.
struct start_params {
    std::string connection;                   ///< "email", "sms", or a custom passwordless connection
    std::optional<std::string> email;         ///< required for "email"; for a custom connection,
    std::optional<std::string> phone_number;  ///< exactly one of email / phone_number (E.164)
    std::optional<send_method> send;          ///< absent: the server's default (a link)
    /// Parameters of the magic link's authorize request (scope, state, redirect_uri, ...);
    /// meaningful with a link. Names are unique; sent as the object "authParams".
    std::optional<std::vector<std::pair<std::string, std::string>>> auth_params;
    std::optional<std::string> language;       ///< x-request-language: the message's language
    /// auth0-forwarded-for: the end user's IP. Auth0 honours it only for a confidential client
    /// that sends its secret and has "Trust Token Endpoint IP Header" on.
    std::optional<std::string> forwarded_for;
};

/// What a successful start returned. Auth0 treats the body as informational; any member may be
/// missing (an empty 2xx body is a success).
struct start_result {
    std::optional<std::string> id;  ///< "_id"
    std::optional<std::string> email;
    std::optional<bool> email_verified;
    std::optional<std::string> phone_number;
    std::optional<bool> phone_verified;
};

/// Builds the request for /passwordless/start. Fails with invalid_argument naming the field when
/// an input is empty, malformed (email, E.164 number, IP literal), carries control characters,
/// is not valid UTF-8, or is over the input size limit. Nothing is trimmed or rewritten.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_start_request(const client& c, const start_params& p);

/// Parses the answer to /passwordless/start. A 2xx with an empty body or a JSON object is a
/// success (unknown members are ignored; known members must have their types). Anything else
/// goes through classify_error_response; `now` dates its retry_at.
[[nodiscard]] PASSWORDLESS_FUNC result<start_result> parse_start_response(const response& r, unix_seconds now,
                                                               const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<send_method> parse_send_method(std::string_view name) {
    for (send_method m : {send_method::code, send_method::link, send_method::link_ios, send_method::link_android})
        if (to_string(m) == name) return m;
    return error::invalid_argument("send", "must be one of code, link, link_ios, link_android");
}

PASSWORDLESS_FUNC result<request> build_start_request(const client& c, const start_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (auto e = detail::check_connection_name("connection", p.connection)) return std::move(*e);
    const bool is_email = p.connection == "email";
    const bool is_sms = p.connection == "sms";
    if (is_email && !p.email) return error::invalid_argument("email", "is required for the email connection");
    if (is_sms && !p.phone_number) return error::invalid_argument("phone_number", "is required for the sms connection");
    if (is_email && p.phone_number) return error::invalid_argument("phone_number", "must not be set for the email connection");
    if (is_sms && p.email) return error::invalid_argument("email", "must not be set for the sms connection");
    if (p.email && p.phone_number) return error::invalid_argument("phone_number", "cannot be combined with email");
    if (!p.email && !p.phone_number) return error::invalid_argument("email", "or phone_number is required");
    if (p.email) {
        if (auto e = detail::check_email("email", *p.email)) return std::move(*e);
    } else if (auto e = detail::check_phone("phone_number", *p.phone_number)) {
        return std::move(*e);
    }

    std::string auth_params_json;
    if (p.auth_params) {
        const auto& params = *p.auth_params;
        if (params.size() > 64) return error::invalid_argument("auth_params", "has more than 64 members");
        const std::size_t repeated = detail::first_repeated_name(params);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto& [name, value] = params[i];
            if (auto e = detail::check_body_text("auth_params", name, 128)) return std::move(*e);
            if (!value.empty())
                if (auto e = detail::check_body_text("auth_params", value, max)) return std::move(*e);
            if (i == repeated) return error::invalid_argument("auth_params", "repeats a parameter name");
        }
        auth_params_json = detail::json_string_object(params);
    }

    detail::body_writer w(false);
    w.add("client_id", c.client_id());
    detail::add_client_credentials(w, c.config().client_secret, c.config().client_assertion, true);
    w.add("connection", p.connection);
    if (p.email) w.add("email", *p.email);
    if (p.phone_number) w.add("phone_number", *p.phone_number);
    if (p.send) w.add("send", to_string(*p.send));
    if (p.auth_params) w.add_raw_json("authParams", auth_params_json);

    request r = detail::make_post(c.endpoint_url("/passwordless/start"), c.telemetry_header(), std::move(w).finish(),
                                   "application/json");
    if (p.language) {
        if (auto e = detail::check_header_text("language", *p.language, 256, false)) return std::move(*e);
        r.headers.push_back({"x-request-language", *p.language});
    }
    if (auto e = detail::add_forwarded_for(r, p.forwarded_for)) return std::move(*e);
    return r;
}

PASSWORDLESS_FUNC result<start_result> parse_start_response(const response& r, unix_seconds now,
                                                               const checked_limits& limits) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    result<detail::flat_object> body = detail::read_success_object(r, limits, true, "/passwordless/start");
    if (!body.ok()) return std::move(body).failure();
    const detail::flat_object& obj = body.value();

    start_result out;
    for (const auto& [name, target] : {std::pair<const char*, std::optional<std::string>*>{"_id", &out.id},
                                       {"email", &out.email},
                                       {"phone_number", &out.phone_number}}) {
        const detail::flat_member* m = obj.find(name);
        if (m == nullptr || m->kind == detail::json_kind::null) continue;
        if (m->kind != detail::json_kind::string)
            return detail::malformed(r, std::string("/passwordless/start response member ") + name + " is not a string");
        *target = obj.string_value(*m);
    }
    for (const auto& [name, target] : {std::pair<const char*, std::optional<bool>*>{"email_verified", &out.email_verified},
                                       {"phone_verified", &out.phone_verified}}) {
        const detail::flat_member* m = obj.find(name);
        if (m == nullptr || m->kind == detail::json_kind::null) continue;
        if (m->kind != detail::json_kind::boolean)
            return detail::malformed(r, std::string("/passwordless/start response member ") + name + " is not a boolean");
        *target = obj.bool_value(*m);
    }
    return out;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/token.hpp"
// passwordless: POST /oauth/token with the passwordless OTP grant, the refresh grant, the magic
// link's authorization-code grant, or one of the three MFA grants that finish a login after
// mfa_required (PROTOCOL.md 10.2; mfa.hpp lists and challenges the authenticators).
//
// build_token_request checks its inputs as client.hpp says (invalid_argument naming the field;
// nothing trimmed or rewritten), and in particular:
// - one-time code: 4 to 16 ASCII digits;
// - the OTP grant's username must suit its realm: an email address for `email`, an E.164 number
//   for `sms` (the rules of start.hpp), either for a custom connection;
// - MFA grants: `mfa_token` and `oob_code` are printable ASCII up to the token size limit,
//   `recovery_code` up to the input size limit; `otp` (the authenticator's code) and
//   `binding_code` are 4 to 16 digits, as the passwordless code; the field named is the member's
//   name, never its value;
// - scope: printable ASCII scope tokens separated by single spaces.
//
// parse_token_response wants a JSON object with non-empty string `access_token` and `token_type`
// (the success-body rules head start.hpp). `expires_in` must be a whole number of seconds from 0
// to ten years; like Auth0.swift, the parser also takes a decimal string such as `"3600"` or
// `"3600.0"`. `expires_at = now + expires_in`, with `now` your clock in Unix seconds.
#ifndef PASSWORDLESS_TOKEN_HPP
#define PASSWORDLESS_TOKEN_HPP

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/base64.hpp" (above)
// #include "passwordless/detail/flat_json.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/post.hpp" (above)
// #include "passwordless/detail/response_body.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// The grant_type of the passwordless one-time-code exchange.
inline constexpr std::string_view otp_grant_type = "http://auth0.com/oauth/grant-type/passwordless/otp";

/// Inputs of the OTP grant: trade the code the user received for tokens.
struct otp_grant_params {
    std::string realm;     ///< the connection used at start: "email", "sms" or a custom name
    std::string username;  ///< the email address or phone number used at start
    std::string otp;       ///< the code the user typed: 4 to 16 digits
    std::optional<std::string> audience;  ///< API identifier; absent: tokens for /userinfo only
    std::optional<std::string> scope;     ///< e.g. "openid profile email offline_access"
    std::optional<std::string> forwarded_for;  ///< auth0-forwarded-for (see start_params)
};

/// Inputs of the refresh grant.
struct refresh_grant_params {
    std::string refresh_token;
    std::optional<std::string> scope;     ///< down-scoping; absent: the original scopes
    std::optional<std::string> audience;
};

/// Inputs of the authorization-code grant: the exchange that ends a magic-link login with
/// response_type=code (see callback.hpp).
struct authorization_code_params {
    std::string code;          ///< from the callback
    std::string redirect_uri;  ///< exactly the redirect_uri of the link's authParams
    std::optional<std::string> code_verifier;  ///< PKCE, when a code_challenge was sent
};

/// The grant_types of the MFA grants (PROTOCOL.md 10.2).
inline constexpr std::string_view mfa_otp_grant_type = "http://auth0.com/oauth/grant-type/mfa-otp";
inline constexpr std::string_view mfa_oob_grant_type = "http://auth0.com/oauth/grant-type/mfa-oob";
inline constexpr std::string_view mfa_recovery_grant_type = "http://auth0.com/oauth/grant-type/mfa-recovery-code";

/// Inputs of the mfa-otp grant: the code of an OTP authenticator (an authenticator app).
struct mfa_otp_grant_params {
    std::string mfa_token;  ///< from the mfa_required error; a secret
    std::string otp;        ///< the authenticator's current code
};

/// Inputs of the mfa-oob grant: after POST /mfa/challenge sent a push, SMS, voice call or email.
struct mfa_oob_grant_params {
    std::string mfa_token;
    std::string oob_code;                     ///< from the challenge answer; a secret
    std::optional<std::string> binding_code;  ///< the code the user typed, when binding_method was "prompt"
};

/// Inputs of the mfa-recovery-code grant.
struct mfa_recovery_grant_params {
    std::string mfa_token;
    std::string recovery_code;  ///< the recovery code the user kept; a secret
};

/// A successful token response. Optional members are set only when the server sent them.
struct token_set {
    std::string access_token;
    std::string token_type;                ///< as sent ("Bearer"; compare ignoring case)
    std::optional<std::int64_t> expires_in;
    std::optional<unix_seconds> expires_at;  ///< now + expires_in
    std::optional<std::string> refresh_token;
    std::optional<std::string> id_token;   ///< not yet verified: see id_token.hpp
    std::optional<std::string> scope;
    /// mfa-recovery-code grant: a new recovery code the user must be shown once (a secret)
    std::optional<std::string> recovery_code;
};

/// Whether an access token should be refreshed before the next API call.
enum class token_freshness : std::uint8_t {
    fresh,           ///< expires_at is more than the margin away
    refresh_now,     ///< expired, within the margin, or no access token at all
    expiry_unknown,  ///< the server sent no expires_in: the library cannot tell (refresh on a 401)
};

/// The freshness of `t` at `now`: refresh_now when expires_at <= now + margin (a negative margin
/// counts as 0); expiry_unknown when expires_at is absent. Never guesses a lifetime.
[[nodiscard]] PASSWORDLESS_FUNC token_freshness access_token_freshness(const token_set& t, unix_seconds now,
                                                                       unix_seconds margin = 60) noexcept;

/// The longest expires_in accepted: ten years.
inline constexpr std::int64_t max_expires_in = 10LL * 366 * 86400;

namespace detail {

PASSWORDLESS_FUNC result<request> finish_token_request(const client& c, body_writer& w, bool form);

PASSWORDLESS_FUNC check check_optional_audience(const std::optional<std::string>& audience, std::size_t max);

PASSWORDLESS_FUNC check check_optional_scope(const std::optional<std::string>& scope, std::size_t max);

// expires_in: a non-negative whole number of seconds up to max_expires_in, sent as a JSON
// number, or (tolerated, as Auth0.swift does) as a decimal string such as "3600" or "3600.0".
PASSWORDLESS_FUNC std::optional<std::int64_t> read_expires_in(const flat_object& obj, const flat_member& m);

}  // namespace detail

/// Builds the OTP-grant request. The username must suit the realm: an email address for
/// "email", an E.164 number for "sms", either for a custom realm. Client authentication follows
/// the client: secret in the body or by HTTP Basic, or the caller's assertion.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const otp_grant_params& p);

/// Builds the refresh-grant request.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const refresh_grant_params& p);

/// Builds the authorization-code exchange for a magic-link callback.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const authorization_code_params& p);

/// Builds the mfa-otp grant request (client authentication as for the other grants).
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const mfa_otp_grant_params& p);

/// Builds the mfa-oob grant request; binding_code is sent only when set.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const mfa_oob_grant_params& p);

/// Builds the mfa-recovery-code grant request.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const mfa_recovery_grant_params& p);

/// True when `s` can be a token_type (RFC 6749 section 7.1 and appendix A.13: "Bearer", "DPoP",
/// "N_A", or a URI): 1 to 128 visible ASCII characters, no spaces, controls or NUL. Compare the
/// recognised names with token_type_is(), which ignores case.
[[nodiscard]] PASSWORDLESS_FUNC bool is_token_type_name(std::string_view s) noexcept;

/// True when the token_type `actual` names `expected` ("Bearer", "DPoP"), ignoring case.
[[nodiscard]] PASSWORDLESS_FUNC bool token_type_is(std::string_view actual, std::string_view expected) noexcept;

/// Parses the answer to /oauth/token. A 2xx must be a JSON object with a non-empty string
/// access_token and token_type; expires_in, refresh_token, id_token and scope are optional but
/// must have their types when present (null counts as absent). `now` (Unix seconds, 0 to
/// 9999-12-31) gives expires_at; recovery_code (mfa-recovery-code grant) is optional too.
/// Non-2xx answers go through classify_error_response with
/// `grant`, the grant of the request this answers: on the OTP grant an invalid_grant the text
/// does not refine is wrong_code, on the refresh grant invalid_refresh_token (PROTOCOL.md 9.1).
[[nodiscard]] PASSWORDLESS_FUNC result<token_set> parse_token_response(const response& r, token_grant grant, unix_seconds now,
                                                            const checked_limits& limits = {});

/// The same without knowing the grant: an invalid_grant is read from its description alone,
/// and one the description does not explain is unknown_error. Prefer the overload above.
[[nodiscard]] PASSWORDLESS_FUNC result<token_set> parse_token_response(const response& r, unix_seconds now,
                                                            const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC result<request> finish_token_request(const client& c, body_writer& w, bool form) {
    const client_config& cfg = c.config();
    const bool basic = cfg.token_auth == token_endpoint_auth::client_secret_basic;
    add_client_credentials(w, cfg.client_secret, cfg.client_assertion, !basic);
    request r = make_post(c.endpoint_url("/oauth/token"), c.telemetry_header(), std::move(w).finish(),
                          form ? "application/x-www-form-urlencoded" : "application/json");
    if (basic) {
        std::string credentials;
        append_form_encoded(credentials, cfg.client_id);
        credentials.push_back(':');
        append_form_encoded(credentials, cfg.client_secret);
        r.headers.push_back({"authorization", "Basic " + base64_encode(credentials, base64_alphabet::standard, true)});
    }
    return r;
}

PASSWORDLESS_FUNC check check_optional_audience(const std::optional<std::string>& audience, std::size_t max) {
    if (!audience) return std::nullopt;
    return check_header_text("audience", *audience, max, false);
}

PASSWORDLESS_FUNC check check_optional_scope(const std::optional<std::string>& scope, std::size_t max) {
    if (!scope) return std::nullopt;
    return check_scope("scope", *scope, max);
}

PASSWORDLESS_FUNC std::optional<std::int64_t> read_expires_in(const flat_object& obj, const flat_member& m) {
    if (m.kind == json_kind::number) {
        const std::optional<double> v = obj.number_within(m, max_expires_in);
        if (!v || std::floor(*v) != *v) return std::nullopt;
        return static_cast<std::int64_t>(*v);
    }
    if (m.kind != json_kind::string) return std::nullopt;
    // The string's value decides, not its spelling: "\u0033600" is "3600" to every JSON reader.
    const std::string decoded = m.value_escaped ? obj.string_value(m) : std::string();
    const std::string_view s = m.value_escaped ? std::string_view(decoded) : obj.raw_value(m);
    std::size_t i = 0;
    std::int64_t whole = 0;
    while (i < s.size() && is_digit(s[i]) && i < 12) whole = whole * 10 + (s[i++] - '0');
    if (i == 0) return std::nullopt;
    if (i < s.size()) {
        if (s[i] != '.' || i + 1 == s.size()) return std::nullopt;
        for (++i; i < s.size(); ++i)
            if (s[i] != '0') return std::nullopt;
    }
    return whole <= max_expires_in ? std::optional<std::int64_t>(whole) : std::nullopt;
}

}  // namespace detail

PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const otp_grant_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (auto e = detail::check_connection_name("realm", p.realm)) return std::move(*e);
    if (p.username.empty()) return error::invalid_argument("username", "must not be empty");
    if (p.realm == "email") {
        if (auto e = detail::check_email("username", p.username)) return std::move(*e);
    } else if (p.realm == "sms") {
        if (auto e = detail::check_phone("username", p.username)) return std::move(*e);
    } else if (detail::check_email("username", p.username) && !detail::is_e164(p.username)) {
        return error::invalid_argument("username", "must be an email address or an E.164 phone number");
    }
    if (auto e = detail::check_otp("otp", p.otp)) return std::move(*e);
    if (auto e = detail::check_optional_audience(p.audience, max)) return std::move(*e);
    if (auto e = detail::check_optional_scope(p.scope, max)) return std::move(*e);

    const bool form = c.config().token_encoding == body_encoding::form;
    detail::body_writer w(form);
    w.add("grant_type", otp_grant_type);
    w.add("client_id", c.client_id());
    w.add("username", p.username);
    w.add("otp", p.otp);
    w.add("realm", p.realm);
    if (p.audience) w.add("audience", *p.audience);
    if (p.scope) w.add("scope", *p.scope);
    result<request> r = detail::finish_token_request(c, w, form);
    if (r.ok())
        if (auto e = detail::add_forwarded_for(r.value(), p.forwarded_for)) return std::move(*e);
    return r;
}

PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const refresh_grant_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (auto e = detail::check_header_text("refresh_token", p.refresh_token, c.limits().max_token_bytes(), false))
        return std::move(*e);
    if (auto e = detail::check_optional_scope(p.scope, max)) return std::move(*e);
    if (auto e = detail::check_optional_audience(p.audience, max)) return std::move(*e);
    const bool form = c.config().token_encoding == body_encoding::form;
    detail::body_writer w(form);
    w.add("grant_type", "refresh_token");
    w.add("client_id", c.client_id());
    w.add("refresh_token", p.refresh_token);
    if (p.scope) w.add("scope", *p.scope);
    if (p.audience) w.add("audience", *p.audience);
    return detail::finish_token_request(c, w, form);
}

PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const authorization_code_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (auto e = detail::check_header_text("code", p.code, max, false)) return std::move(*e);
    if (auto e = detail::check_header_text("redirect_uri", p.redirect_uri, max, false)) return std::move(*e);
    if (p.code_verifier)
        if (auto e = detail::check_header_text("code_verifier", *p.code_verifier, 128, false)) return std::move(*e);
    const bool form = c.config().token_encoding == body_encoding::form;
    detail::body_writer w(form);
    w.add("grant_type", "authorization_code");
    w.add("client_id", c.client_id());
    w.add("code", p.code);
    w.add("redirect_uri", p.redirect_uri);
    if (p.code_verifier) w.add("code_verifier", *p.code_verifier);
    return detail::finish_token_request(c, w, form);
}

namespace detail {

// The mfa_token of every MFA grant, and the start of its body.
PASSWORDLESS_FUNC check begin_mfa_grant(const client& c, body_writer& w, std::string_view grant_type, const std::string& mfa_token) {
    if (auto e = check_header_text("mfa_token", mfa_token, c.limits().max_token_bytes(), false)) return e;
    w.add("grant_type", grant_type);
    w.add("client_id", c.client_id());
    w.add("mfa_token", mfa_token);
    return std::nullopt;
}

}  // namespace detail

PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const mfa_otp_grant_params& p) {
    const bool form = c.config().token_encoding == body_encoding::form;
    detail::body_writer w(form);
    if (auto e = detail::begin_mfa_grant(c, w, mfa_otp_grant_type, p.mfa_token)) return std::move(*e);
    if (auto e = detail::check_otp("otp", p.otp)) return std::move(*e);
    w.add("otp", p.otp);
    return detail::finish_token_request(c, w, form);
}

PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const mfa_oob_grant_params& p) {
    const bool form = c.config().token_encoding == body_encoding::form;
    detail::body_writer w(form);
    if (auto e = detail::begin_mfa_grant(c, w, mfa_oob_grant_type, p.mfa_token)) return std::move(*e);
    if (auto e = detail::check_header_text("oob_code", p.oob_code, c.limits().max_token_bytes(), false)) return std::move(*e);
    w.add("oob_code", p.oob_code);
    if (p.binding_code) {
        if (auto e = detail::check_otp("binding_code", *p.binding_code)) return std::move(*e);
        w.add("binding_code", *p.binding_code);
    }
    return detail::finish_token_request(c, w, form);
}

PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const mfa_recovery_grant_params& p) {
    const bool form = c.config().token_encoding == body_encoding::form;
    detail::body_writer w(form);
    if (auto e = detail::begin_mfa_grant(c, w, mfa_recovery_grant_type, p.mfa_token)) return std::move(*e);
    if (auto e = detail::check_header_text("recovery_code", p.recovery_code, c.limits().max_input_bytes(), false))
        return std::move(*e);
    w.add("recovery_code", p.recovery_code);
    return detail::finish_token_request(c, w, form);
}

PASSWORDLESS_FUNC bool is_token_type_name(std::string_view s) noexcept {
    return !s.empty() && s.size() <= 128 && detail::is_visible_ascii(s, false);
}

PASSWORDLESS_FUNC bool token_type_is(std::string_view actual, std::string_view expected) noexcept {
    return actual.size() == expected.size() && detail::contains_ignoring_case(actual, expected);
}

PASSWORDLESS_FUNC result<token_set> parse_token_response(const response& r, token_grant grant, unix_seconds now,
                                                            const checked_limits& limits) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (!r.is_success()) return classify_error_response(r, now, limits, grant);
    result<detail::flat_object> body = detail::read_success_object(r, limits, false, "/oauth/token");
    if (!body.ok()) return std::move(body).failure();
    const detail::flat_object& obj = body.value();
    auto bad = [&](const char* name, const char* problem) {
        return detail::malformed(r, std::string("/oauth/token response member ") + name + " " + problem);
    };
    auto text = [&](const char* name, bool required, bool allow_empty, std::string& out, bool& present) -> std::optional<error> {
        const detail::flat_member* m = obj.find(name);
        present = false;
        if (m == nullptr || m->kind == detail::json_kind::null) {
            if (required) return bad(name, "is missing");
            return std::nullopt;
        }
        if (m->kind != detail::json_kind::string) return bad(name, "is not a string");
        if (m->value_size > limits.max_token_bytes()) return bad(name, "is longer than the token size limit");
        out = obj.string_value(*m);
        if (out.empty() && !allow_empty) return bad(name, "is empty");
        present = true;
        return std::nullopt;
    };
    auto optional_text = [&](const char* name, bool allow_empty, std::optional<std::string>& out) -> std::optional<error> {
        std::string value;
        bool present = false;
        if (auto e = text(name, false, allow_empty, value, present)) return e;
        if (present) out = std::move(value);
        return std::nullopt;
    };

    token_set t;
    bool present = false;
    if (auto e = text("access_token", true, false, t.access_token, present)) return std::move(*e);
    if (auto e = text("token_type", true, false, t.token_type, present)) return std::move(*e);
    if (!is_token_type_name(t.token_type)) return bad("token_type", "is not a token type name");
    if (auto e = optional_text("refresh_token", false, t.refresh_token)) return std::move(*e);
    if (auto e = optional_text("id_token", false, t.id_token)) return std::move(*e);
    if (auto e = optional_text("scope", true, t.scope)) return std::move(*e);
    if (auto e = optional_text("recovery_code", false, t.recovery_code)) return std::move(*e);
    const detail::flat_member* exp = obj.find("expires_in");
    if (exp != nullptr && exp->kind != detail::json_kind::null) {
        t.expires_in = detail::read_expires_in(obj, *exp);
        if (!t.expires_in) return bad("expires_in", "is not a whole number of seconds between 0 and ten years");
        t.expires_at = now + *t.expires_in;
    }
    return t;
}

PASSWORDLESS_FUNC result<token_set> parse_token_response(const response& r, unix_seconds now,
                                                            const checked_limits& limits) {
    return parse_token_response(r, token_grant::unspecified, now, limits);
}

PASSWORDLESS_FUNC token_freshness access_token_freshness(const token_set& t, unix_seconds now, unix_seconds margin) noexcept {
    if (t.access_token.empty()) return token_freshness::refresh_now;
    if (!t.expires_at) return token_freshness::expiry_unknown;
    const unix_seconds at = *t.expires_at;
    if (at <= now) return token_freshness::refresh_now;
    constexpr unix_seconds most = INT64_MAX;
    const unix_seconds left = (now < 0 && at > most + now) ? most : at - now;
    return left <= (margin < 0 ? 0 : margin) ? token_freshness::refresh_now : token_freshness::fresh;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/mfa.hpp"
// passwordless: the MFA API that follows an mfa_required answer (PROTOCOL.md 10.2): list the
// user's authenticators (GET /mfa/authenticators) and challenge one (POST /mfa/challenge). The
// grants that finish the login (mfa-otp, mfa-oob, mfa-recovery-code) are in token.hpp; the login
// state machine drives all of it with flow_config::mfa (flow.hpp).
//
// The mfa_token (from error::mfa_token) is a secret: it goes into the Authorization header or the
// body, never into an error message. An authenticator list is untrusted input: an entry without a
// string `id` or `authenticator_type` is skipped and counted, as are entries beyond
// max_mfa_authenticators; `oob_channel` is read from `oob_channel` or, as the reference page and
// auth0-auth-js spell it, `oob_channels` (a string or an array: its first string). A 2xx body that
// is not a JSON array is malformed_response; bodies over the client's max_body_bytes are refused
// unread. Error answers go through classify_error_response: `association_required` and
// `unsupported_challenge_type` are mfa_enrollment_required, `expired_token` and an invalid_grant
// about the mfa_token are mfa_token_invalid.
#ifndef PASSWORDLESS_MFA_HPP
#define PASSWORDLESS_MFA_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/post.hpp" (above)
// #include "passwordless/detail/response_body.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/limits.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// One enrolled authenticator. Optional members are set only when the entry had them (with
/// their type); authenticator_type and oob_channel are kept as sent.
struct mfa_authenticator {
    std::string id;                  ///< pass to a challenge as authenticator_id
    std::string authenticator_type;  ///< "otp", "oob", "recovery-code", ...
    std::optional<bool> active;
    std::optional<std::string> oob_channel;  ///< "sms", "voice", "email", "auth0" (push), ...
    std::optional<std::string> name;         ///< e.g. a masked phone number
    std::optional<std::string> type;
};

/// The answer to GET /mfa/authenticators, in document order.
struct mfa_authenticator_list {
    std::vector<mfa_authenticator> authenticators;
    std::size_t skipped = 0;  ///< entries without a usable id or authenticator_type, or beyond the cap
};

/// At most this many authenticators are kept from one list; the rest are counted as skipped.
inline constexpr std::size_t max_mfa_authenticators = 64;

/// The challenge types POST /mfa/challenge takes (challenge_type is one, or several separated by
/// single spaces).
inline constexpr std::string_view mfa_challenge_types[] = {"otp", "oob"};

/// Inputs of POST /mfa/challenge.
struct mfa_challenge_params {
    std::string mfa_token;
    std::optional<std::string> challenge_type;    ///< "otp", "oob" or "otp oob"; absent: the server chooses
    std::optional<std::string> authenticator_id;  ///< an mfa_authenticator::id; absent: the default one
};

/// The answer to POST /mfa/challenge.
struct mfa_challenge {
    std::string challenge_type;                ///< "otp" or "oob", as sent
    std::optional<std::string> oob_code;       ///< oob: for the mfa-oob grant (a secret)
    std::optional<std::string> binding_method; ///< "prompt": the user must type the code sent (SMS, voice, email)
};

/// GET {base}/mfa/authenticators with `authorization: Bearer <mfa_token>`. An mfa_token that is
/// empty, too long or not printable ASCII is invalid_argument with field mfa_token.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_mfa_authenticators_request(const client& c, std::string_view mfa_token);

/// Reads the answer to GET /mfa/authenticators (see the opening comment). `now` (Unix seconds)
/// dates the retry_at of error answers.
[[nodiscard]] PASSWORDLESS_FUNC result<mfa_authenticator_list> parse_mfa_authenticators_response(const response& r, unix_seconds now,
                                                                                      const checked_limits& limits = {});

/// POST {base}/mfa/challenge, a JSON body with client_id, mfa_token, challenge_type and
/// authenticator_id (when set) and the client's secret or assertion. invalid_argument names the
/// member (mfa_token, challenge_type, authenticator_id).
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_mfa_challenge_request(const client& c, const mfa_challenge_params& p);

/// Reads the answer to POST /mfa/challenge: a JSON object with a string challenge_type; an oob
/// challenge without a string oob_code is malformed_response.
[[nodiscard]] PASSWORDLESS_FUNC result<mfa_challenge> parse_mfa_challenge_response(const response& r, unix_seconds now,
                                                                        const checked_limits& limits = {});

/// True when `s` is one challenge type of mfa_challenge_types, or several separated by single spaces.
[[nodiscard]] PASSWORDLESS_FUNC bool is_mfa_challenge_type_list(std::string_view s) noexcept;

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

// A member of an authenticator entry as a bounded string, if it is one.
PASSWORDLESS_FUNC std::optional<std::string> bounded_string(const json& entry, std::string_view name, std::size_t max) {
    const std::string* s = find_string(entry, name);
    if (s == nullptr || s->size() > max) return std::nullopt;
    return *s;
}

}  // namespace detail

PASSWORDLESS_FUNC result<request> build_mfa_authenticators_request(const client& c, std::string_view mfa_token) {
    if (auto e = detail::check_header_text("mfa_token", mfa_token, c.limits().max_token_bytes(), false)) return std::move(*e);
    request r;
    r.method = "GET";
    r.url = c.endpoint_url("/mfa/authenticators");
    r.headers.push_back({"accept", "application/json"});
    r.headers.push_back({"authorization", "Bearer " + std::string(mfa_token)});
    if (!c.telemetry_header().empty()) r.headers.push_back({"auth0-client", c.telemetry_header()});
    return r;
}

PASSWORDLESS_FUNC result<mfa_authenticator_list> parse_mfa_authenticators_response(const response& r, unix_seconds now,
                                                                                      const checked_limits& limits) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes())
        return detail::malformed(r, "the /mfa/authenticators response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the /mfa/authenticators response is not plain JSON");
    const detail::json_read_result parsed = detail::read_json(r.body, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok)
        return detail::malformed(r, std::string("the /mfa/authenticators response is ") + detail::describe(parsed.status));
    if (!parsed.value.is_array()) return detail::malformed(r, "the /mfa/authenticators response is not a JSON array");
    const std::size_t max = limits.max_input_bytes();
    mfa_authenticator_list out;
    for (const detail::json& entry : parsed.value) {
        std::optional<std::string> id, type;
        if (entry.is_object() && out.authenticators.size() < max_mfa_authenticators) {
            id = detail::bounded_string(entry, "id", max);
            type = detail::bounded_string(entry, "authenticator_type", max);
        }
        if (!id || id->empty() || !type || type->empty()) {
            ++out.skipped;
            continue;
        }
        mfa_authenticator a;
        a.id = std::move(*id);
        a.authenticator_type = std::move(*type);
        if (auto active = entry.find("active"); active != entry.end() && active->is_boolean())
            a.active = active->get_ref<const detail::json::boolean_t&>();
        a.oob_channel = detail::bounded_string(entry, "oob_channel", max);
        if (!a.oob_channel) {
            auto channels = entry.find("oob_channels");
            if (channels != entry.end() && channels->is_string()) {
                a.oob_channel = detail::bounded_string(entry, "oob_channels", max);
            } else if (channels != entry.end() && channels->is_array()) {
                for (const detail::json& ch : *channels) {
                    const std::string* s = ch.get_ptr<const std::string*>();
                    if (s == nullptr || s->size() > max) continue;
                    a.oob_channel = *s;
                    break;
                }
            }
        }
        a.name = detail::bounded_string(entry, "name", max);
        a.type = detail::bounded_string(entry, "type", max);
        out.authenticators.push_back(std::move(a));
    }
    return out;
}

PASSWORDLESS_FUNC bool is_mfa_challenge_type_list(std::string_view s) noexcept {
    if (s.empty()) return false;
    while (true) {
        const std::size_t space = s.find(' ');
        const std::string_view word = s.substr(0, space);
        bool known = false;
        for (std::string_view t : mfa_challenge_types) known = known || word == t;
        if (!known) return false;
        if (space == std::string_view::npos) return true;
        s.remove_prefix(space + 1);
    }
}

PASSWORDLESS_FUNC result<request> build_mfa_challenge_request(const client& c, const mfa_challenge_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (auto e = detail::check_header_text("mfa_token", p.mfa_token, c.limits().max_token_bytes(), false)) return std::move(*e);
    if (p.challenge_type) {
        if (auto e = detail::check_header_text("challenge_type", *p.challenge_type, max, true)) return std::move(*e);
        if (!is_mfa_challenge_type_list(*p.challenge_type))
            return error::invalid_argument("challenge_type", "must be otp, oob, or both separated by a space");
    }
    if (p.authenticator_id)
        if (auto e = detail::check_header_text("authenticator_id", *p.authenticator_id, max, false)) return std::move(*e);
    const client_config& cfg = c.config();
    detail::body_writer w(false);
    w.add("client_id", c.client_id());
    w.add("mfa_token", p.mfa_token);
    if (p.challenge_type) w.add("challenge_type", *p.challenge_type);
    if (p.authenticator_id) w.add("authenticator_id", *p.authenticator_id);
    detail::add_client_credentials(w, cfg.client_secret, cfg.client_assertion, true);
    return detail::make_post(c.endpoint_url("/mfa/challenge"), c.telemetry_header(), std::move(w).finish(), "application/json");
}

PASSWORDLESS_FUNC result<mfa_challenge> parse_mfa_challenge_response(const response& r, unix_seconds now, const checked_limits& limits) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (!r.is_success()) return classify_error_response(r, now, limits);
    result<detail::flat_object> body = detail::read_success_object(r, limits, false, "/mfa/challenge");
    if (!body.ok()) return std::move(body).failure();
    const detail::flat_object& obj = body.value();
    auto text = [&](const char* name, std::size_t max, std::optional<std::string>& out) -> std::optional<error> {
        const detail::flat_member* m = obj.find(name);
        if (m == nullptr || m->kind == detail::json_kind::null) return std::nullopt;
        if (m->kind != detail::json_kind::string || m->value_size > max)
            return detail::malformed(r, std::string("/mfa/challenge response member ") + name + " is not a string within the size limit");
        out = obj.string_value(*m);
        return std::nullopt;
    };
    std::optional<std::string> type;
    mfa_challenge c;
    if (auto e = text("challenge_type", limits.max_input_bytes(), type)) return std::move(*e);
    if (!type || type->empty()) return detail::malformed(r, "/mfa/challenge response has no challenge_type");
    c.challenge_type = std::move(*type);
    if (auto e = text("oob_code", limits.max_token_bytes(), c.oob_code)) return std::move(*e);
    if (auto e = text("binding_method", limits.max_input_bytes(), c.binding_method)) return std::move(*e);
    if (c.challenge_type == "oob" && (!c.oob_code || c.oob_code->empty()))
        return detail::malformed(r, "/mfa/challenge response is an oob challenge without an oob_code");
    return c;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/id_token.hpp"
// passwordless: ID token verification. The library does every check except the signature math,
// which a caller-supplied verifier performs (OpenSSL, jwt-cpp, an engine's crypto).
//
// verify_id_token(token, expectations, verifier, now) decides whether to trust an ID token. The
// verifier is a signature_verifier: a callable that gets the algorithm (already in the allow-list),
// the key id (`kid`, untrusted text), the signing input exactly as received and the decoded
// signature bytes, and answers yes or no. include/passwordless/addons/openssl_verifier.hpp is one
// (RS256/384/512 over a JWK Set).
//
// The checks run in this order; the first failure is invalid_id_token with error::reason naming it
// (tests/test_id_token.cpp reads this table and checks the reasons and their order against the code,
// and that every header member the `header` row names is refused):
//
// | reason | check |
// |---|---|
// | `malformed` | at most `max_token_bytes` (64 KiB); only base64url characters and dots; exactly three non-empty segments; strict base64url (no padding, no `+`/`/`, canonical trailing bits); the header is a JSON object within the depth cap, without duplicate member names (also when hidden by `\u` escapes) or a byte order mark |
// | `alg` | `alg` is a string in `expectations.algorithms` (default `{"RS256"}`; add `"HS256"` only on purpose); `none` in any case is always refused; the algorithm is never taken from the token |
// | `header` | no `crit`, `jku`, `jwk`, `x5u`, `x5c`, `x5t`, `x5t#S256`, `cty`, `b64`, `enc`, `zip`; `typ`, when present, is `JWT` or `application/jwt`, compared ignoring case (RFC 7515 4.1.9; `at+jwt`, `dpop+jwt`, `JOSE` are refused); `kid`, when present, is a non-empty printable string of at most 256 bytes |
// | `signature` | your verifier said no (it is never called before the header checks pass) |
// | `malformed` | the payload, read only after the signature was accepted: a JSON object within the depth cap, without duplicate member names or a byte order mark (so a forged token with a broken payload is `signature`) |
// | `iss` | a string exactly equal to `expectations.issuer` (`https://DOMAIN/`, trailing slash included; `expected_issuer(client)` builds it) |
// | `sub` | a string of 1 to 255 bytes |
// | `aud` | a string or a non-empty array of strings containing the client id; any other audience must be in `trusted_audiences` |
// | `azp` | equals the client id when present; required when `aud` has several values |
// | `exp` | a number (integer or not) from 0 to 9999-12-31, and `now < exp + leeway` (leeway default 60 s) |
// | `iat` | a number in the same range, not after `now + leeway` |
// | `nbf` | when present, a number not after `now + leeway` |
// | `nonce` | equal to `expectations.nonce` (compared in constant time) when you sent one; a token carrying a nonce you did not expect is refused |
// | `auth_time` | with `max_age`: a number, and `now <= auth_time + max_age + leeway` |
// | `org` | with `organization`: `org_...` must equal `org_id` exactly; any other value must equal `org_name` after lower-casing the expected value |
//
// On success: id_token_claims, typed accessors for sub, email, email_verified, phone_number, name,
// nickname, picture, updated_at, org_id, org_name, auth_time, nonce, sid, exp, iat, and json(), a
// read-only view of every claim. decode_jwt splits and decodes a token without verifying anything,
// for display.
//
// OpenID Connect lets a client skip the signature for an ID token it received directly from the
// token endpoint over TLS. That is available only through the overload taking
// dangerous_skip_signature_check; every other check still runs.
#ifndef PASSWORDLESS_ID_TOKEN_HPP
#define PASSWORDLESS_ID_TOKEN_HPP

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

// #include "passwordless/claims.hpp"
// passwordless: a user's claims as a server sent them (RFC 7519 claims; OIDC Core 5.1), read-only,
// shared by the ID token (id_token.hpp: id_token_claims adds iss, exp, iat, auth_time, nonce, sid)
// and /userinfo (userinfo.hpp). The object was checked when it arrived: a JSON object within the
// depth cap, without duplicate member names or a byte order mark.
//
// Accessors answer only when the claim has its type: a string claim that is a number is absent,
// never converted. The one exception is updated_at, a number of seconds per OIDC Core 5.1 but an
// ISO 8601 string at Auth0: updated_at() gives the string as sent, or a whole number as its
// decimal digits.
#ifndef PASSWORDLESS_CLAIMS_HPP
#define PASSWORDLESS_CLAIMS_HPP

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

// #include "passwordless/detail/flat_json.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// A checked JSON object of claims with typed access to the standard user claims.
class claim_set {
public:
    claim_set();
    explicit claim_set(detail::flat_object payload);

    /// Every claim as a JSON object (built on each call from the checked object; duplicate
    /// names were refused and the depth is capped, so copying and dumping it is safe).
    [[nodiscard]] nlohmann::json json() const;

    /// The object exactly as received.
    [[nodiscard]] const std::string& payload_json() const noexcept;

    /// A string claim, if present and a string.
    [[nodiscard]] std::optional<std::string> string_claim(std::string_view name) const;
    /// A boolean claim, if present and a boolean.
    [[nodiscard]] std::optional<bool> bool_claim(std::string_view name) const;
    /// A numeric claim as a whole number within int64 (fractions are dropped), if present.
    [[nodiscard]] std::optional<std::int64_t> integer_claim(std::string_view name) const;

    /// The subject; empty when absent (both producers require it).
    [[nodiscard]] std::string sub() const;
    [[nodiscard]] std::optional<std::string> email() const;
    [[nodiscard]] std::optional<bool> email_verified() const;
    [[nodiscard]] std::optional<std::string> phone_number() const;
    [[nodiscard]] std::optional<bool> phone_number_verified() const;
    [[nodiscard]] std::optional<std::string> name() const;
    [[nodiscard]] std::optional<std::string> nickname() const;
    [[nodiscard]] std::optional<std::string> picture() const;
    /// The string as sent, or a whole number of seconds as decimal digits.
    [[nodiscard]] std::optional<std::string> updated_at() const;
    [[nodiscard]] std::optional<std::string> org_id() const;
    [[nodiscard]] std::optional<std::string> org_name() const;

protected:
    detail::flat_object payload_;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC claim_set::claim_set() : payload_(detail::flat_object::empty()) {}

PASSWORDLESS_FUNC claim_set::claim_set(detail::flat_object payload) : payload_(std::move(payload)) {}

PASSWORDLESS_FUNC nlohmann::json claim_set::json() const {
    detail::json_read_result r = detail::read_json(payload_.text(), payload_.text().size(), 512);
    return r.status == detail::json_read_status::ok ? std::move(r.value) : nlohmann::json::object();
}

PASSWORDLESS_FUNC const std::string& claim_set::payload_json() const noexcept { return payload_.text(); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::string_claim(std::string_view name) const { return payload_.string_member(name); }

PASSWORDLESS_FUNC std::optional<bool> claim_set::bool_claim(std::string_view name) const {
    const detail::flat_member* m = payload_.find(name);
    if (m == nullptr || m->kind != detail::json_kind::boolean) return std::nullopt;
    return payload_.bool_value(*m);
}

PASSWORDLESS_FUNC std::optional<std::int64_t> claim_set::integer_claim(std::string_view name) const {
    const detail::flat_member* m = payload_.find(name);
    if (m == nullptr || m->kind != detail::json_kind::number) return std::nullopt;
    const detail::flat_object::number n = payload_.number_value(*m);
    switch (n.kind) {
        case detail::flat_object::number::type::integer: return n.i;
        case detail::flat_object::number::type::unsigned_integer:
            if (n.u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
            return static_cast<std::int64_t>(n.u);
        case detail::flat_object::number::type::floating:
            if (std::isfinite(n.d) && n.d >= -9.2e18 && n.d <= 9.2e18) return static_cast<std::int64_t>(std::floor(n.d));
            return std::nullopt;
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC std::string claim_set::sub() const { return string_claim("sub").value_or(std::string()); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::email() const { return string_claim("email"); }

PASSWORDLESS_FUNC std::optional<bool> claim_set::email_verified() const { return bool_claim("email_verified"); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::phone_number() const { return string_claim("phone_number"); }

PASSWORDLESS_FUNC std::optional<bool> claim_set::phone_number_verified() const { return bool_claim("phone_number_verified"); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::name() const { return string_claim("name"); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::nickname() const { return string_claim("nickname"); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::picture() const { return string_claim("picture"); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::updated_at() const {
    if (auto s = string_claim("updated_at")) return s;
    if (auto n = integer_claim("updated_at")) return std::to_string(*n);
    return std::nullopt;
}

PASSWORDLESS_FUNC std::optional<std::string> claim_set::org_id() const { return string_claim("org_id"); }

PASSWORDLESS_FUNC std::optional<std::string> claim_set::org_name() const { return string_claim("org_name"); }

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/base64.hpp" (above)
// #include "passwordless/detail/flat_json.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// Which check refused an ID token; its name is error::reason.
enum class id_token_check : std::uint8_t {
    malformed,  ///< not three strict base64url segments of JSON objects within the caps
    alg,        ///< alg is none, not a string, or not in the caller's allow-list
    header,     ///< crit, jku, jwk, x5u, x5c, x5t, x5t#S256, cty, b64, enc, zip, a typ other than JWT, or a bad kid
    signature,  ///< the caller's verifier said no
    iss,
    sub,
    aud,
    azp,
    exp,
    iat,
    nbf,
    nonce,
    auth_time,
    org,
    missing,  ///< an ID token was required but the response had none
};

[[nodiscard]] constexpr std::string_view to_string(id_token_check c) noexcept {
    switch (c) {
        case id_token_check::malformed: return "malformed";
        case id_token_check::alg: return "alg";
        case id_token_check::header: return "header";
        case id_token_check::signature: return "signature";
        case id_token_check::iss: return "iss";
        case id_token_check::sub: return "sub";
        case id_token_check::aud: return "aud";
        case id_token_check::azp: return "azp";
        case id_token_check::exp: return "exp";
        case id_token_check::iat: return "iat";
        case id_token_check::nbf: return "nbf";
        case id_token_check::nonce: return "nonce";
        case id_token_check::auth_time: return "auth_time";
        case id_token_check::org: return "org";
        case id_token_check::missing: return "missing";
    }
    return "malformed";
}

/// An invalid_id_token error for `check`.
[[nodiscard]] PASSWORDLESS_FUNC error id_token_error(id_token_check check, std::string message);

/// What the caller's verifier is given. Views are valid only during the call.
struct signature_input {
    std::string_view algorithm;      ///< the header's alg, already in the caller's allow-list
    std::string_view key_id;         ///< the header's kid: untrusted text; empty when absent
    std::string_view signing_input;  ///< "header.payload" exactly as received
    std::string_view signature;      ///< the decoded signature bytes
};

/// Answers whether `signature` is a valid signature by the issuer's key for `algorithm` over
/// `signing_input`. It must not throw.
using signature_verifier = std::function<bool(const signature_input&)>;

/// What a verifier that looks the key up itself answers (the login flow's, over its key cache):
/// the signature is valid, it is not, or no key it holds is the one the token names, which a
/// caller that can fetch the keys again treats differently from a bad signature.
enum class signature_verdict : std::uint8_t { verified, bad_signature, unknown_key };

[[nodiscard]] constexpr std::string_view to_string(signature_verdict v) noexcept {
    switch (v) {
        case signature_verdict::verified: return "verified";
        case signature_verdict::bad_signature: return "bad_signature";
        case signature_verdict::unknown_key: return "unknown_key";
    }
    return "bad_signature";
}

/// Selects the overload that skips the signature check. Allowed by OpenID Connect only for an
/// ID token received directly from the token endpoint over a TLS connection you verified.
struct dangerous_skip_signature_check_t {
    explicit constexpr dangerous_skip_signature_check_t() = default;
};
inline constexpr dangerous_skip_signature_check_t dangerous_skip_signature_check{};

/// What the caller expects of the token.
struct id_token_expectations {
    std::string issuer;     ///< exact, with the trailing slash: "https://example.auth0.com/"
    std::string client_id;  ///< must be in aud; must equal azp when azp is present
    unix_seconds leeway = 60;  ///< clock skew allowed on exp, iat, nbf and auth_time (0 to 600 s)
    std::optional<std::string> nonce;  ///< the nonce sent; absent: the token must carry none
    std::optional<unix_seconds> max_age;       ///< when set, auth_time is required and checked
    std::optional<std::string> organization;   ///< "org_..." checks org_id, else org_name
    std::vector<std::string> algorithms{"RS256"};  ///< allow-list; add "HS256" only on purpose
    std::vector<std::string> trusted_audiences;    ///< audiences besides client_id you accept
};

/// The issuer an Auth0 tenant uses for `c`: "https://<domain>/" or, with only a base URL,
/// "<base_url>/".
[[nodiscard]] PASSWORDLESS_FUNC std::string expected_issuer(const client& c);

/// The claims of a verified ID token: the user claims of claim_set (claims.hpp) and the token's
/// own (iss, exp, iat, auth_time, nonce, sid).
class id_token_claims : public claim_set {
public:
    id_token_claims();
    explicit id_token_claims(detail::flat_object payload);

    [[nodiscard]] std::string iss() const;
    [[nodiscard]] std::optional<std::int64_t> exp() const;
    [[nodiscard]] std::optional<std::int64_t> iat() const;
    [[nodiscard]] std::optional<std::int64_t> auth_time() const;
    [[nodiscard]] std::optional<std::string> nonce() const;
    [[nodiscard]] std::optional<std::string> sid() const;
};

/// A JWT split and decoded, nothing verified: for tools that show a token.
struct decoded_jwt {
    nlohmann::json header;   ///< a JSON object
    nlohmann::json payload;  ///< a JSON object
    std::string signing_input;
    std::string signature;   ///< decoded bytes
};

namespace detail {

struct jws_parts {
    std::string_view signing_input;
    std::string header;
    std::string payload;
    std::string signature;
};

// Size cap, alphabet, exactly three non-empty segments, strict base64url for each.
PASSWORDLESS_FUNC result<jws_parts> split_jws(std::string_view token, const checked_limits& limits);

PASSWORDLESS_FUNC result<flat_object> read_jwt_object(std::string bytes, const checked_limits& limits, const char* what);

PASSWORDLESS_FUNC result<json> read_jwt_dom(std::string_view bytes, const checked_limits& limits, const char* what);

PASSWORDLESS_FUNC bool is_known_jws_algorithm(std::string_view a) noexcept;

PASSWORDLESS_FUNC std::optional<error> check_expectations(const id_token_expectations& x, unix_seconds now);

PASSWORDLESS_FUNC std::optional<error> check_header(const flat_object& header, const id_token_expectations& x, std::string& alg,
                                         std::string& kid);

// A NumericDate between 0 and max_unix_seconds, integer or not.
PASSWORDLESS_FUNC std::optional<double> numeric_date(const flat_object& claims, const char* name);

PASSWORDLESS_FUNC std::string quote_for_message(std::string_view v);

PASSWORDLESS_FUNC std::optional<error> check_claims(const flat_object& c, const id_token_expectations& x, unix_seconds now);

/// A verifier that answers a verdict, by reference and without allocating: `call(object, in)`.
struct verdict_source {
    const void* object;
    signature_verdict (*call)(const void* object, const signature_input& in);
};

/// The outcome of a verification: the claims or the error, and what the verifier answered
/// (verified when it was never asked: the token failed before the signature or the check is skipped).
struct verification {
    result<id_token_claims> claims;
    signature_verdict verdict;
};

/// Every check of verify_id_token; `verifier` null skips the signature.
PASSWORDLESS_FUNC verification verify_token(std::string_view token, const id_token_expectations& x,
                                            const verdict_source* verifier, unix_seconds now, const checked_limits& limits);

}  // namespace detail

/// Verifies an ID token, in this order: the expectations themselves; structure (size cap, three
/// strict base64url segments, the header a JSON object without duplicate names within the depth
/// cap), header (alg in x.algorithms and never none in any case; no crit, jku, jwk, x5u, x5c,
/// x5t, x5t#S256, cty, b64, enc, zip; typ JWT or application/jwt ignoring case when present; kid
/// a short printable string), the caller's `verifier`, then the payload (a JSON object without
/// duplicate names), then the claims iss, sub, aud, azp, exp, iat, nbf, nonce, auth_time and org
/// with `now` and x.leeway. Failures are invalid_id_token with `reason` naming the check.
[[nodiscard]] PASSWORDLESS_FUNC result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             const signature_verifier& verifier, unix_seconds now,
                                                             const checked_limits& limits = {});

/// The same checks without the signature (see dangerous_skip_signature_check).
[[nodiscard]] PASSWORDLESS_FUNC result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             dangerous_skip_signature_check_t, unix_seconds now,
                                                             const checked_limits& limits = {});

/// Splits and decodes a JWT without verifying anything (for display and debugging).
[[nodiscard]] PASSWORDLESS_FUNC result<decoded_jwt> decode_jwt(std::string_view token, const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC error id_token_error(id_token_check check, std::string message) {
    error e = error::make(error_kind::invalid_id_token, std::move(message));
    e.reason = std::string(to_string(check));
    return e;
}

PASSWORDLESS_FUNC std::string expected_issuer(const client& c) {
    if (!c.config().domain.empty()) return "https://" + c.config().domain + "/";
    return c.endpoint_url("/");
}

PASSWORDLESS_FUNC id_token_claims::id_token_claims() = default;

PASSWORDLESS_FUNC id_token_claims::id_token_claims(detail::flat_object payload) : claim_set(std::move(payload)) {}

PASSWORDLESS_FUNC std::string id_token_claims::iss() const { return string_claim("iss").value_or(std::string()); }

PASSWORDLESS_FUNC std::optional<std::int64_t> id_token_claims::exp() const { return integer_claim("exp"); }

PASSWORDLESS_FUNC std::optional<std::int64_t> id_token_claims::iat() const { return integer_claim("iat"); }

PASSWORDLESS_FUNC std::optional<std::int64_t> id_token_claims::auth_time() const { return integer_claim("auth_time"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::nonce() const { return string_claim("nonce"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::sid() const { return string_claim("sid"); }

namespace detail {

PASSWORDLESS_FUNC result<jws_parts> split_jws(std::string_view token, const checked_limits& limits) {
    if (token.empty()) return id_token_error(id_token_check::malformed, "the ID token is empty");
    if (token.size() > limits.max_token_bytes())
        return id_token_error(id_token_check::malformed, "the ID token is larger than the token size limit");
    std::size_t dots[2] = {0, 0};
    int ndots = 0;
    for (std::size_t i = 0; i < token.size(); ++i) {
        const char c = token[i];
        if (c == '.') {
            if (ndots == 2)
                return id_token_error(id_token_check::malformed, "the ID token has more than three segments (JWE is not accepted)");
            dots[ndots++] = i;
        } else if (base64_value(c, base64_alphabet::url) < 0) {
            return id_token_error(id_token_check::malformed, "the ID token has a character outside base64url and '.'");
        }
    }
    if (ndots != 2) return id_token_error(id_token_check::malformed, "the ID token does not have three segments");
    const std::string_view h = token.substr(0, dots[0]);
    const std::string_view p = token.substr(dots[0] + 1, dots[1] - dots[0] - 1);
    const std::string_view s = token.substr(dots[1] + 1);
    if (h.empty() || p.empty() || s.empty())
        return id_token_error(id_token_check::malformed, "the ID token has an empty segment");
    auto hb = base64url_decode_strict(h);
    auto pb = base64url_decode_strict(p);
    auto sb = base64url_decode_strict(s);
    if (!hb || !pb || !sb)
        return id_token_error(id_token_check::malformed, "an ID token segment is not strict unpadded base64url");
    jws_parts parts;
    parts.signing_input = token.substr(0, dots[1]);
    parts.header = std::move(*hb);
    parts.payload = std::move(*pb);
    parts.signature = std::move(*sb);
    return parts;
}

PASSWORDLESS_FUNC result<flat_object> read_jwt_object(std::string bytes, const checked_limits& limits, const char* what) {
    flat_object obj;
    bool is_object = false;
    const json_read_status status = flat_object::scan(std::move(bytes), limits.max_token_bytes(), limits.max_json_depth(), obj, is_object);
    if (status != json_read_status::ok)
        return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is " + describe(status));
    if (!is_object) return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is not a JSON object");
    return obj;
}

PASSWORDLESS_FUNC result<json> read_jwt_dom(std::string_view bytes, const checked_limits& limits, const char* what) {
    json_read_result r = read_json(bytes, limits.max_token_bytes(), limits.max_json_depth());
    if (r.status != json_read_status::ok)
        return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is " + describe(r.status));
    if (!r.value.is_object())
        return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is not a JSON object");
    return std::move(r.value);
}

PASSWORDLESS_FUNC bool is_known_jws_algorithm(std::string_view a) noexcept {
    for (std::string_view k : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
                               "HS256", "HS384", "HS512"})
        if (a == k) return true;
    return false;
}

PASSWORDLESS_FUNC std::optional<error> check_expectations(const id_token_expectations& x, unix_seconds now) {
    if (x.issuer.empty() || !is_valid_utf8(x.issuer) || has_control(x.issuer))
        return error::invalid_argument("issuer", "must be a non-empty URL such as https://example.auth0.com/");
    if (x.client_id.empty() || has_control(x.client_id)) return error::invalid_argument("client_id", "must not be empty");
    if (x.leeway < 0 || x.leeway > 600) return error::invalid_argument("leeway", "must be between 0 and 600 seconds");
    if (auto e = check_now(now)) return e;
    if (x.nonce && (x.nonce->empty() || has_control(*x.nonce)))
        return error::invalid_argument("nonce", "must not be empty when set");
    if (x.max_age && !is_valid_time(*x.max_age))
        return error::invalid_argument("max_age", "must be a non-negative number of seconds");
    if (x.organization && (x.organization->empty() || has_control(*x.organization)))
        return error::invalid_argument("organization", "must not be empty when set");
    if (x.algorithms.empty()) return error::invalid_argument("algorithms", "must list at least one algorithm");
    for (const auto& a : x.algorithms)
        if (!is_known_jws_algorithm(a))
            return error::invalid_argument("algorithms", "may only list JWS algorithms such as RS256 (never none)");
    return std::nullopt;
}

PASSWORDLESS_FUNC std::optional<error> check_header(const flat_object& header, const id_token_expectations& x, std::string& alg,
                                         std::string& kid) {
    const std::optional<std::string> a = header.string_member("alg");
    if (!a) return id_token_error(id_token_check::alg, "the ID token header has no alg string");
    if (ascii_lowercase(*a) == "none") return id_token_error(id_token_check::alg, "the ID token is unsigned (alg none)");
    bool allowed = false;
    for (const auto& ok : x.algorithms) allowed = allowed || ok == *a;
    if (!allowed) return id_token_error(id_token_check::alg, "the ID token's alg is not in the allowed algorithms");
    alg = *a;
    for (const char* refused : {"crit", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "cty", "b64", "enc", "zip"})
        if (header.find(refused) != nullptr)
            return id_token_error(id_token_check::header, std::string("the ID token header member ") + refused + " is not accepted");
    if (header.find("typ") != nullptr) {
        const std::optional<std::string> t = header.string_member("typ");
        // RFC 7515 4.1.9: a media type, compared ignoring case, "application/" optional.
        const std::string type = t ? ascii_lowercase(*t) : std::string();
        if (type != "jwt" && type != "application/jwt")
            return id_token_error(id_token_check::header, "the ID token header typ is not JWT");
    }
    if (header.find("kid") != nullptr) {
        std::optional<std::string> k = header.string_member("kid");
        if (!k || k->empty() || k->size() > 256 || has_control(*k))
            return id_token_error(id_token_check::header, "the ID token header kid is not a short printable string");
        kid = std::move(*k);
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC std::optional<double> numeric_date(const flat_object& claims, const char* name) {
    const flat_member* m = claims.find(name);
    if (m == nullptr || m->kind != json_kind::number) return std::nullopt;
    return claims.number_within(*m, max_unix_seconds);
}

PASSWORDLESS_FUNC std::string quote_for_message(std::string_view v) { return "\"" + sanitize_server_text(v, 256) + "\""; }

PASSWORDLESS_FUNC std::optional<error> check_claims(const flat_object& c, const id_token_expectations& x, unix_seconds now) {
    using ck = id_token_check;
    const double t = static_cast<double>(now);
    const double leeway = static_cast<double>(x.leeway);

    const std::optional<std::string> iss = c.string_member("iss");
    if (!iss || *iss != x.issuer) return id_token_error(ck::iss, "the iss claim must be the string " + quote_for_message(x.issuer));

    const std::optional<std::string> sub = c.string_member("sub");
    if (!sub || sub->empty() || sub->size() > 255) return id_token_error(ck::sub, "the sub claim must be a string of 1 to 255 bytes");

    std::vector<std::string> audiences;
    const flat_member* aud = c.find("aud");
    if (aud != nullptr && aud->kind == json_kind::string) {
        audiences.push_back(c.string_value(*aud));
    } else if (aud != nullptr && aud->kind == json_kind::array) {
        std::optional<std::vector<std::string>> list = flat_object::string_array(c.raw_value(*aud));
        if (!list || list->empty())
            return id_token_error(ck::aud, "the aud claim must be a string or a non-empty array of strings");
        audiences = std::move(*list);
    } else {
        return id_token_error(ck::aud, "the aud claim must be a string or a non-empty array of strings");
    }
    bool has_client = false;
    for (const std::string& a : audiences) {
        if (a == x.client_id) {
            has_client = true;
            continue;
        }
        bool trusted = false;
        for (const auto& tr : x.trusted_audiences) trusted = trusted || tr == a;
        if (!trusted) return id_token_error(ck::aud, "the aud claim lists an audience that is not trusted");
    }
    if (!has_client) return id_token_error(ck::aud, "the aud claim must contain " + quote_for_message(x.client_id));

    if (c.find("azp") != nullptr) {
        const std::optional<std::string> z = c.string_member("azp");
        if (!z || *z != x.client_id) return id_token_error(ck::azp, "the azp claim must be " + quote_for_message(x.client_id));
    } else if (audiences.size() > 1) {
        return id_token_error(ck::azp, "the azp claim is required when aud has several values");
    }

    auto exp = numeric_date(c, "exp");
    if (!exp) return id_token_error(ck::exp, "the exp claim must be a number between 0 and " + std::to_string(max_unix_seconds));
    if (!(t < *exp + leeway)) return id_token_error(ck::exp, "the ID token has expired (exp plus leeway is not after now)");

    auto iat = numeric_date(c, "iat");
    if (!iat) return id_token_error(ck::iat, "the iat claim must be a number between 0 and " + std::to_string(max_unix_seconds));
    if (*iat > t + leeway) return id_token_error(ck::iat, "the iat claim is in the future beyond the leeway");

    if (c.find("nbf") != nullptr) {
        auto nbf = numeric_date(c, "nbf");
        if (!nbf) return id_token_error(ck::nbf, "the nbf claim must be a number between 0 and " + std::to_string(max_unix_seconds));
        if (*nbf > t + leeway) return id_token_error(ck::nbf, "the ID token is not valid yet (nbf)");
    }

    const bool has_nonce = c.find("nonce") != nullptr;
    if (x.nonce) {
        const std::optional<std::string> n = c.string_member("nonce");
        if (!n || !constant_time_equals(*n, *x.nonce))
            return id_token_error(ck::nonce, "the nonce claim does not match the nonce that was sent");
    } else if (has_nonce) {
        return id_token_error(ck::nonce, "the ID token carries a nonce but none was expected");
    }

    if (x.max_age) {
        auto at = numeric_date(c, "auth_time");
        if (!at) return id_token_error(ck::auth_time, "the auth_time claim must be a number when max_age is set");
        if (t > *at + static_cast<double>(*x.max_age) + leeway)
            return id_token_error(ck::auth_time, "too much time has passed since the user authenticated (max_age)");
    }

    if (x.organization) {
        const std::string& org = *x.organization;
        if (org.size() > 4 && org.compare(0, 4, "org_") == 0) {
            const std::optional<std::string> id = c.string_member("org_id");
            if (!id || *id != org) return id_token_error(ck::org, "the org_id claim must be " + quote_for_message(org));
        } else {
            const std::optional<std::string> on = c.string_member("org_name");
            if (!on || *on != ascii_lowercase(org))
                return id_token_error(ck::org, "the org_name claim must be " + quote_for_message(ascii_lowercase(org)));
        }
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC verification verify_token(std::string_view token, const id_token_expectations& x,
                                            const verdict_source* verifier, unix_seconds now, const checked_limits& limits) {
    const auto failed = [](error e, signature_verdict v = signature_verdict::verified) { return verification{std::move(e), v}; };
    if (auto e = check_expectations(x, now)) return failed(std::move(*e));
    auto parts = split_jws(token, limits);
    if (!parts.ok()) return failed(std::move(parts).failure());
    auto header = read_jwt_object(std::move(parts->header), limits, "header");
    if (!header.ok()) return failed(std::move(header).failure());
    std::string alg;
    std::string kid;
    if (auto e = check_header(header.value(), x, alg, kid)) return failed(std::move(*e));
    if (verifier != nullptr) {
        const signature_input in{alg, kid, parts->signing_input, parts->signature};
        const signature_verdict v = verifier->call(verifier->object, in);
        if (v == signature_verdict::unknown_key)
            return failed(id_token_error(id_token_check::signature, "no key the verifier holds is the one the ID token names"), v);
        if (v != signature_verdict::verified)
            return failed(id_token_error(id_token_check::signature, "the ID token signature was not accepted"), v);
    }
    auto payload = read_jwt_object(std::move(parts->payload), limits, "payload");
    if (!payload.ok()) return failed(std::move(payload).failure());
    if (auto e = check_claims(payload.value(), x, now)) return failed(std::move(*e));
    return verification{id_token_claims(std::move(payload).value()), signature_verdict::verified};
}

}  // namespace detail

PASSWORDLESS_FUNC result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             const signature_verifier& verifier, unix_seconds now,
                                                             const checked_limits& limits) {
    if (auto e = detail::check_expectations(x, now)) return std::move(*e);
    if (!verifier) return error::invalid_argument("verifier", "must be set");
    const detail::verdict_source source{&verifier, [](const void* f, const signature_input& in) {
                                            return (*static_cast<const signature_verifier*>(f))(in) ? signature_verdict::verified
                                                                                                     : signature_verdict::bad_signature;
                                        }};
    return std::move(detail::verify_token(token, x, &source, now, limits).claims);
}

PASSWORDLESS_FUNC result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             dangerous_skip_signature_check_t, unix_seconds now,
                                                             const checked_limits& limits) {
    return std::move(detail::verify_token(token, x, nullptr, now, limits).claims);
}

PASSWORDLESS_FUNC result<decoded_jwt> decode_jwt(std::string_view token, const checked_limits& limits) {
    auto parts = detail::split_jws(token, limits);
    if (!parts.ok()) return std::move(parts).failure();
    auto header = detail::read_jwt_dom(parts->header, limits, "header");
    if (!header.ok()) return std::move(header).failure();
    auto payload = detail::read_jwt_dom(parts->payload, limits, "payload");
    if (!payload.ok()) return std::move(payload).failure();
    decoded_jwt out;
    out.header = std::move(header).value();
    out.payload = std::move(payload).value();
    out.signing_input = std::string(parts->signing_input);
    out.signature = std::move(parts->signature);
    return out;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/jwks.hpp"
// passwordless: JSON Web Key Sets (https://DOMAIN/.well-known/jwks.json), parsed without any
// cryptography, and a small cache that tells when an unknown kid justifies one refetch.
//
// parse_jwks / parse_jwks_response read the set into the keys the library can use, in document
// order: `jwk` values (`kid`, `kty`, `alg`, `use`, RSA `n` and `e` as big-endian bytes, `x5c`).
// As RFC 7517 section 5 asks, a key it cannot use is skipped and counted in `jwks::skipped`,
// never fatal to the set: another `kty` (EC, OKP, oct, unknown or missing), `n` or `e` that is not
// strict base64url (standard base64, padding), a `kid`, `alg` or `use` that is not a string, `use`
// other than `sig` (`enc`, `null`), `key_ops` without `verify` (RFC 7517 4.3), an x5c-only RSA
// key, an exponent below 3 or even. A set that publishes private key members
// (`private_jwk_members`: `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, or `k` outside a symmetric `oct`
// entry, which is skipped) is refused whole, naming the member, never its value;
// is_verification_key is the same rule for a key you hold, and the OpenSSL add-on applies it.
// Otherwise only a document that is not a JWK Set is refused (not an object, no `keys` array, an
// entry that is not an object, invalid JSON or UTF-8, over the caps).
//
// Keys may share a `kid` (RFC 7517 4.5): `jwks::candidates(kid, alg)` gives every key of that kid
// whose `alg` is absent or the token's; for a token without `kid`, the one key that could have
// signed it (none when several could). jwks_cache holds the set and when it was fetched:
// `find(kid, now)` answers `found`, `refetch` (unknown kid and the set is older than the minimum
// interval, 60 s by default: fetch once more) or `unknown` (refuse the token), so forged `kid`s
// cannot make you hammer the endpoint. login_flow uses it with key_source::fetch (flow.hpp).
#ifndef PASSWORDLESS_JWKS_HPP
#define PASSWORDLESS_JWKS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/base64.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/response_body.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// One usable key of a set: an RSA signature key, modulus and exponent as big-endian bytes.
struct jwk {
    std::string kid;  ///< empty when the key has none
    std::string kty;  ///< "RSA" (other key types are skipped when a set is parsed)
    std::string alg;  ///< empty when absent: the key serves any RSA algorithm in the allow-list
    std::string use;  ///< "sig" or empty
    std::string n;    ///< RSA modulus bytes
    std::string e;    ///< RSA public exponent bytes (odd, at least 3)
    std::vector<std::string> x5c;  ///< certificate chain, base64 DER, as published (may be empty)
    std::optional<std::vector<std::string>> key_ops;  ///< the operations the key may serve, when it says (RFC 7517 4.3)
};

/// The members of a private or symmetric JWK (RFC 7518 6.3.2, 6.4): a set that publishes any of
/// them is refused whole (RFC 7517 section 5 is for public keys; a server that leaks its private
/// key must not be trusted). One exception, pinned by the conformance vectors and matching jose:
/// "k" on a kty "oct" entry is a symmetric key, a type this library never verifies with, so that
/// entry is skipped like any other unusable key; "k" on any other key type refuses the set.
inline constexpr std::string_view private_jwk_members[] = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};

/// True when `key` may verify signatures: an RSA key whose use is absent or "sig", whose key_ops
/// (when present) include "verify" (RFC 7517 4.3), and whose exponent is usable. parse_jwks skips
/// every other key, and a verifier handed keys applies the same rule.
[[nodiscard]] PASSWORDLESS_FUNC bool is_verification_key(const jwk& key) noexcept;

/// A parsed key set: the keys the library can use, in document order, and how many entries it
/// skipped (RFC 7517 section 5: keys that are not understood are ignored, never fatal).
struct jwks {
    std::vector<jwk> keys;
    std::size_t skipped = 0;

    /// The first key with this kid, or nullptr. A kid is a hint (RFC 7517 section 4.5): keys may
    /// share one, so verifiers should try every match (see candidates()).
    [[nodiscard]] const jwk* find(std::string_view kid) const noexcept;

    /// The keys that may have signed a token with this `kid` (empty: the token has none) and
    /// `alg`: with a kid, every key of that kid whose alg is absent or equal; without one, the
    /// only key whose alg is absent or equal, or nothing when several could be meant.
    [[nodiscard]] std::vector<const jwk*> candidates(std::string_view kid, std::string_view alg) const;
};

/// True when `e` (big-endian bytes) is an RSA public exponent a verifier may use: odd and at
/// least 3 (e = 1 makes any padded "signature" verify). Leading zero bytes are ignored.
[[nodiscard]] PASSWORDLESS_FUNC bool is_usable_rsa_exponent(std::string_view e) noexcept;

namespace detail {

PASSWORDLESS_FUNC error bad_jwks(const std::string& what);

// The key as the library can use it, or nothing: a key of another type, with a member of the
// wrong type, n or e not strict base64url, key_ops not an array of distinct strings, or one
// that is_verification_key refuses.
PASSWORDLESS_FUNC std::optional<jwk> read_usable_jwk(const json& k);

}  // namespace detail

/// Parses a JWKS document. Refuses (malformed_response) what is not a JWK Set (invalid JSON or
/// UTF-8, over the caps, not an object, no "keys" array, an entry that is not an object) and a set
/// that publishes private key members (private_jwk_members) in any entry. Keys the library cannot
/// use (not RSA, n or e not strict base64url, use other than sig, key_ops without "verify", a kid,
/// alg or use that is not a string, an exponent below 3 or even) are skipped and counted.
[[nodiscard]] PASSWORDLESS_FUNC result<jwks> parse_jwks(std::string_view document, const checked_limits& limits = {});

/// Parses the response to GET /.well-known/jwks.json (errors classified like any other answer).
[[nodiscard]] PASSWORDLESS_FUNC result<jwks> parse_jwks_response(const response& r, unix_seconds now, const checked_limits& limits = {});

/// What a key lookup found.
enum class key_lookup_status : std::uint8_t {
    found,    ///< the key is in the set
    refetch,  ///< unknown kid: the set may be stale; fetch it once more, then look again
    unknown,  ///< unknown kid, and the set is fresh: refuse the token
};

struct key_lookup {
    key_lookup_status status = key_lookup_status::unknown;
    const jwk* key = nullptr;  ///< set when found; valid until the cache is replaced
};

/// Keeps the current key set and when it was fetched. An unknown kid asks for a refetch only if
/// the set is older than `min_refetch_interval`, so a stream of forged kids cannot make the
/// caller hammer the JWKS endpoint.
class jwks_cache {
public:
    explicit jwks_cache(unix_seconds min_refetch_interval = 60);

    /// Installs a freshly fetched set.
    void replace(jwks set, unix_seconds fetched_at);

    /// Looks `kid` up at time `now`.
    [[nodiscard]] key_lookup find(std::string_view kid, unix_seconds now) const;

    [[nodiscard]] const jwks& keys() const noexcept;

private:
    unix_seconds min_refetch_interval_;
    std::optional<unix_seconds> fetched_at_;
    jwks set_;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC const jwk* jwks::find(std::string_view kid) const noexcept {
    for (const jwk& k : keys)
        if (k.kid == kid) return &k;
    return nullptr;
}

PASSWORDLESS_FUNC std::vector<const jwk*> jwks::candidates(std::string_view kid, std::string_view alg) const {
    std::vector<const jwk*> out;
    for (const jwk& k : keys)
        if ((kid.empty() || k.kid == kid) && (k.alg.empty() || k.alg == alg)) out.push_back(&k);
    if (kid.empty() && out.size() > 1) out.clear();
    return out;
}

PASSWORDLESS_FUNC bool is_usable_rsa_exponent(std::string_view e) noexcept {
    std::size_t i = 0;
    while (i < e.size() && e[i] == '\0') ++i;
    if (i == e.size()) return false;
    const auto last = static_cast<unsigned char>(e.back());
    if ((last & 1U) == 0) return false;
    return !(i + 1 == e.size() && last < 3);
}

PASSWORDLESS_FUNC bool is_verification_key(const jwk& key) noexcept {
    if (key.kty != "RSA" || (!key.use.empty() && key.use != "sig") || !is_usable_rsa_exponent(key.e)) return false;
    if (!key.key_ops) return true;
    for (const std::string& op : *key.key_ops)
        if (op == "verify") return true;
    return false;
}

namespace detail {

PASSWORDLESS_FUNC error bad_jwks(const std::string& what) {
    return error::make(error_kind::malformed_response, "the JWKS document " + what);
}

PASSWORDLESS_FUNC std::optional<jwk> read_usable_jwk(const json& k) {
    jwk out;
    auto text = [&](const char* name, std::string& into) -> bool {
        auto it = k.find(name);
        if (it == k.end()) return true;
        const std::string* s = it->get_ptr<const std::string*>();
        if (s == nullptr) return false;
        into = *s;
        return true;
    };
    if (!text("kid", out.kid) || !text("kty", out.kty) || !text("alg", out.alg) || !text("use", out.use)) return std::nullopt;
    if (out.kty != "RSA" || (k.find("use") != k.end() && out.use != "sig")) return std::nullopt;
    auto ops = k.find("key_ops");
    if (ops != k.end()) {
        if (!ops->is_array() || ops->size() > 16) return std::nullopt;
        std::vector<std::string> list;
        for (const auto& op : *ops) {
            const std::string* s = op.get_ptr<const std::string*>();
            if (s == nullptr) return std::nullopt;
            for (const std::string& seen : list)
                if (seen == *s) return std::nullopt;  // RFC 7517 4.3: no duplicates
            list.push_back(*s);
        }
        out.key_ops = std::move(list);
    }
    std::string n64;
    std::string e64;
    if (!text("n", n64) || !text("e", e64) || n64.empty() || e64.empty()) return std::nullopt;
    auto n = base64url_decode_strict(n64);
    auto e = base64url_decode_strict(e64);
    if (!n || !e) return std::nullopt;
    out.n = std::move(*n);
    out.e = std::move(*e);
    if (!is_verification_key(out)) return std::nullopt;
    auto x5c = k.find("x5c");
    if (x5c != k.end()) {
        if (!x5c->is_array()) return std::nullopt;
        for (const auto& cert : *x5c) {
            const std::string* s = cert.get_ptr<const std::string*>();
            if (s == nullptr) return std::nullopt;
            out.x5c.push_back(*s);
        }
    }
    return out;
}

}  // namespace detail

PASSWORDLESS_FUNC result<jwks> parse_jwks(std::string_view document, const checked_limits& limits) {
    detail::json_read_result parsed = detail::read_json(document, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok) return detail::bad_jwks(std::string("is ") + detail::describe(parsed.status));
    const detail::json& root = parsed.value;
    if (!root.is_object()) return detail::bad_jwks("is not a JSON object");
    auto keys = root.find("keys");
    if (keys == root.end() || !keys->is_array()) return detail::bad_jwks("has no keys array");
    jwks out;
    std::size_t index = 0;
    for (const auto& k : *keys) {
        if (!k.is_object()) return detail::bad_jwks("has a key that is not an object");
        auto kty = k.find("kty");
        const bool symmetric = kty != k.end() && kty->is_string() && kty->get_ref<const std::string&>() == "oct";
        for (std::string_view member : private_jwk_members)
            if (k.find(std::string(member)) != k.end() && !(symmetric && member == "k"))
                return detail::bad_jwks("publishes private key material (member \"" + std::string(member) + "\" of key " +
                                        std::to_string(index) + "): a server that leaks its private key is not trusted");
        ++index;
        std::optional<jwk> key = detail::read_usable_jwk(k);
        if (key)
            out.keys.push_back(std::move(*key));
        else
            ++out.skipped;
    }
    return out;
}

PASSWORDLESS_FUNC result<jwks> parse_jwks_response(const response& r, unix_seconds now, const checked_limits& limits) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes()) return detail::malformed(r, "the JWKS response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the JWKS response is not plain JSON");
    auto set = parse_jwks(r.body, limits);
    if (!set.ok()) set.failure().status = r.status;
    return set;
}

PASSWORDLESS_FUNC jwks_cache::jwks_cache(unix_seconds min_refetch_interval)
    : min_refetch_interval_(min_refetch_interval < 0 ? 0 : min_refetch_interval) {}

PASSWORDLESS_FUNC void jwks_cache::replace(jwks set, unix_seconds fetched_at) {
    set_ = std::move(set);
    fetched_at_ = fetched_at;
}

PASSWORDLESS_FUNC key_lookup jwks_cache::find(std::string_view kid, unix_seconds now) const {
    if (fetched_at_) {
        if (const jwk* k = set_.find(kid)) return {key_lookup_status::found, k};
        const bool fresh = now < *fetched_at_ || static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(*fetched_at_) <
                                                     static_cast<std::uint64_t>(min_refetch_interval_);
        if (fresh) return {key_lookup_status::unknown, nullptr};
    }
    return {key_lookup_status::refetch, nullptr};
}

PASSWORDLESS_FUNC const jwks& jwks_cache::keys() const noexcept { return set_; }

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/discovery.hpp"
// passwordless: OpenID Connect discovery (https://DOMAIN/.well-known/openid-configuration),
// parsed without any I/O. The issuer must be exactly the one the caller expects (OIDC Discovery
// 1.0 section 4.3), so a document cannot redirect keys or tokens to another issuer.
//
// parse_openid_configuration(document, issuer) and parse_openid_configuration_response(response,
// issuer, now) read the document at discovery_url(issuer) into `issuer`, `jwks_uri`,
// `token_endpoint`, `id_token_signing_alg_values_supported` and
// `dpop_signing_alg_values_supported`. The document's `issuer` must equal the expected one byte
// for byte (Auth0's ends with `/`; a custom domain changes it); `jwks_uri` is required; URLs must
// be `https` (`http` only when the expected issuer is), without spaces, controls or fragments;
// algorithm lists must be arrays of short names. A document for another issuer is
// issuer_mismatch (fix_config: retrying cannot help), its message naming both issuers. Anything
// else is malformed_response. Servers that are not Auth0 publish their keys elsewhere
// (oidc-provider at `/jwks`), which is what discovery is for.
#ifndef PASSWORDLESS_DISCOVERY_HPP
#define PASSWORDLESS_DISCOVERY_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/response_body.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/limits.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// The members of a discovery document the library uses (PROTOCOL.md 9.6). Absent optional
/// members stay empty / nullopt.
struct openid_configuration {
    std::string issuer;          ///< equal to the expected issuer
    std::string jwks_uri;        ///< required: where the signing keys are
    std::string token_endpoint;  ///< empty when absent
    std::optional<std::vector<std::string>> id_token_signing_alg_values_supported;
    std::optional<std::vector<std::string>> dpop_signing_alg_values_supported;
};

/// Where the discovery document of `issuer` is: the issuer without its trailing slash, then
/// "/.well-known/openid-configuration".
[[nodiscard]] PASSWORDLESS_FUNC std::string discovery_url(std::string_view issuer);

namespace detail {

PASSWORDLESS_FUNC error bad_discovery(const std::string& what);

// An absolute URL a client may fetch: https (http only when the issuer is http, as on a loopback
// test server), a host, no whitespace, controls or fragment, at most 2048 bytes.
PASSWORDLESS_FUNC bool is_fetchable_url(std::string_view url, bool allow_http) noexcept;

}  // namespace detail

/// Parses a discovery document. Refuses (malformed_response) invalid JSON or UTF-8, documents
/// over the caps, anything but an object, an issuer that is not exactly `expected_issuer`, a
/// missing or unfetchable jwks_uri, a token_endpoint that is not a fetchable URL, and algorithm
/// lists that are not arrays of short strings. Other members are ignored. `expected_issuer`
/// empty or with control characters is invalid_argument.
[[nodiscard]] PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration(std::string_view document,
                                                                             std::string_view expected_issuer,
                                                                             const checked_limits& limits = {});

/// Parses the response to GET discovery_url(issuer) (errors classified like any other answer).
[[nodiscard]] PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration_response(const response& r,
                                                                                      std::string_view expected_issuer,
                                                                                      unix_seconds now,
                                                                                      const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::string discovery_url(std::string_view issuer) {
    while (!issuer.empty() && issuer.back() == '/') issuer.remove_suffix(1);
    return std::string(issuer) + "/.well-known/openid-configuration";
}

namespace detail {

PASSWORDLESS_FUNC error bad_discovery(const std::string& what) {
    return error::make(error_kind::malformed_response, "the OpenID configuration " + what);
}

PASSWORDLESS_FUNC bool is_fetchable_url(std::string_view url, bool allow_http) noexcept {
    if (url.size() > 2048 || !is_visible_ascii(url, false) || url.find('#') != std::string_view::npos) return false;
    std::string_view rest;
    if (url.substr(0, 8) == "https://")
        rest = url.substr(8);
    else if (allow_http && url.substr(0, 7) == "http://")
        rest = url.substr(7);
    else
        return false;
    return !rest.empty() && rest.front() != '/' && rest.front() != ':' && rest.front() != '@';
}

}  // namespace detail

PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration(std::string_view document,
                                                                             std::string_view expected_issuer,
                                                                             const checked_limits& limits) {
    if (expected_issuer.empty() || expected_issuer.size() > 2048 || !detail::is_visible_ascii(expected_issuer, false))
        return error::invalid_argument("issuer", "must be the issuer URL, such as https://example.auth0.com/");
    detail::json_read_result parsed = detail::read_json(document, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok)
        return detail::bad_discovery(std::string("is ") + detail::describe(parsed.status));
    const detail::json& root = parsed.value;
    if (!root.is_object()) return detail::bad_discovery("is not a JSON object");
    const bool allow_http = expected_issuer.substr(0, 7) == "http://";
    openid_configuration out;
    auto string_member = [&](const char* name) -> const std::string* {
        auto it = root.find(name);
        return it == root.end() ? nullptr : it->get_ptr<const std::string*>();
    };
    const std::string* issuer = string_member("issuer");
    if (issuer == nullptr) return detail::bad_discovery("has no issuer string");
    if (*issuer != expected_issuer)
        return error::make(error_kind::issuer_mismatch,
                           "the OpenID configuration names the issuer \"" + detail::sanitize_server_text(*issuer, 256) +
                               "\", not the configured \"" + detail::sanitize_server_text(expected_issuer, 256) +
                               "\": configure the issuer the tenant publishes (a custom domain has its own)");
    out.issuer = *issuer;
    const std::string* jwks_uri = string_member("jwks_uri");
    if (jwks_uri == nullptr || !detail::is_fetchable_url(*jwks_uri, allow_http))
        return detail::bad_discovery("has no jwks_uri that is an https URL");
    out.jwks_uri = *jwks_uri;
    auto token = root.find("token_endpoint");
    if (token != root.end() && !token->is_null()) {
        const std::string* t = token->get_ptr<const std::string*>();
        if (t == nullptr || !detail::is_fetchable_url(*t, allow_http))
            return detail::bad_discovery("has a token_endpoint that is not an https URL");
        out.token_endpoint = *t;
    }
    auto algorithms = [&](const char* name, std::optional<std::vector<std::string>>& into) -> bool {
        auto it = root.find(name);
        if (it == root.end() || it->is_null()) return true;
        if (!it->is_array() || it->size() > 64) return false;
        std::vector<std::string> list;
        for (const auto& a : *it) {
            const std::string* s = a.get_ptr<const std::string*>();
            if (s == nullptr || s->empty() || s->size() > 64 || !detail::is_visible_ascii(*s, false)) return false;
            list.push_back(*s);
        }
        into = std::move(list);
        return true;
    };
    if (!algorithms("id_token_signing_alg_values_supported", out.id_token_signing_alg_values_supported))
        return detail::bad_discovery("has an id_token_signing_alg_values_supported that is not a list of algorithm names");
    if (!algorithms("dpop_signing_alg_values_supported", out.dpop_signing_alg_values_supported))
        return detail::bad_discovery("has a dpop_signing_alg_values_supported that is not a list of algorithm names");
    return out;
}

PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration_response(const response& r,
                                                                                      std::string_view expected_issuer,
                                                                                      unix_seconds now,
                                                                                      const checked_limits& limits) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes())
        return detail::malformed(r, "the OpenID configuration response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the OpenID configuration response is not plain JSON");
    auto config = parse_openid_configuration(r.body, expected_issuer, limits);
    if (!config.ok() && (config.failure().kind == error_kind::malformed_response || config.failure().kind == error_kind::issuer_mismatch))
        config.failure().status = r.status;
    return config;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/callback.hpp"
// passwordless: the magic-link callback, the URL Auth0 redirects the browser (or app) to.
//
// With `send = link`, Auth0 emails a link that ends at your callback URL. parse_callback(url,
// expected_state) reads it: the `state` is compared with the one you sent, in constant time and
// before anything else (state_mismatch otherwise; an empty expected state is invalid_argument);
// then an `error` parameter is classified by the same table as the endpoints' errors
// (classify.hpp); otherwise you get the authorization `code` (query, `response_type=code`; trade
// it with token.hpp's authorization_code_params) or the tokens (fragment, implicit response
// types). Parameters are percent-decoded (`+` is a space); broken escapes, invalid UTF-8, control
// characters, repeated parameters, or a response in both query and fragment are invalid_argument
// with field `url`. Native links (`link_ios`, `link_android`) carry the one-time code for
// login_flow::submit_code.
#ifndef PASSWORDLESS_CALLBACK_HPP
#define PASSWORDLESS_CALLBACK_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// What a successful callback carried: an authorization code (response_type=code, in the
/// query), tokens (implicit response types, in the fragment), or both.
struct callback_result {
    std::optional<std::string> code;
    std::optional<std::string> access_token;
    std::optional<std::string> id_token;
    std::optional<std::string> token_type;
    std::optional<std::int64_t> expires_in;
    std::optional<std::string> scope;
    std::string state;  ///< equal to the expected state
};

namespace detail {

/// Percent-decodes a form-encoded component ('+' is a space). Empty on a broken escape.
PASSWORDLESS_FUNC std::optional<std::string> percent_decode(std::string_view s);

using url_params = std::vector<std::pair<std::string, std::string>>;

// A URL can carry tens of thousands of parameters (see has_repeated).
PASSWORDLESS_FUNC bool has_repeated_name(const url_params& params);

PASSWORDLESS_FUNC std::optional<error> bad_callback(std::string_view problem);

// Splits "a=1&b=2" into decoded pairs; refuses broken escapes, invalid UTF-8, control
// characters and repeated names.
PASSWORDLESS_FUNC std::optional<error> parse_params(std::string_view text, url_params& out);

PASSWORDLESS_FUNC const std::string* find_param(const url_params& params, std::string_view name);

PASSWORDLESS_FUNC bool has_response_param(const url_params& params);

}  // namespace detail

/// Parses the callback URL and checks its state against `expected_state` in constant time
/// before anything else. Parameters come from the fragment when it carries a response, else
/// from the query. Fails with invalid_argument (field "url": broken escapes, invalid UTF-8,
/// repeated or missing parameters, a response in both query and fragment; field
/// "expected_state": empty), state_mismatch, or the classified `error` parameter.
[[nodiscard]] PASSWORDLESS_FUNC result<callback_result> parse_callback(std::string_view url, std::string_view expected_state,
                                                            const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_digit_value(s[i + 1]);
            const int lo = hex_digit_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

PASSWORDLESS_FUNC bool has_repeated_name(const url_params& params) {
    std::vector<std::string_view> names;
    names.reserve(params.size());
    for (const auto& p : params) names.emplace_back(p.first);
    return has_repeated(names);
}

PASSWORDLESS_FUNC std::optional<error> bad_callback(std::string_view problem) {
    return error::invalid_argument("url", problem);
}

PASSWORDLESS_FUNC std::optional<error> parse_params(std::string_view text, url_params& out) {
    while (!text.empty()) {
        const std::size_t amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq));
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!name || !value) return bad_callback("has a broken percent-encoding");
        if (!is_valid_utf8(*name) || !is_valid_utf8(*value) || has_control(*name) || has_control(*value))
            return bad_callback("has a parameter that is not valid UTF-8 text");
        out.emplace_back(std::move(*name), std::move(*value));
    }
    if (has_repeated_name(out)) return bad_callback("repeats a parameter");
    return std::nullopt;
}

PASSWORDLESS_FUNC const std::string* find_param(const url_params& params, std::string_view name) {
    for (const auto& p : params)
        if (p.first == name) return &p.second;
    return nullptr;
}

PASSWORDLESS_FUNC bool has_response_param(const url_params& params) {
    for (const char* n : {"code", "access_token", "id_token", "error", "state"})
        if (find_param(params, n) != nullptr) return true;
    return false;
}

}  // namespace detail

PASSWORDLESS_FUNC result<callback_result> parse_callback(std::string_view url, std::string_view expected_state,
                                                            const checked_limits& limits) {
    if (expected_state.empty()) return error::invalid_argument("expected_state", "must not be empty");
    if (url.size() > limits.max_token_bytes() * 4) return *detail::bad_callback("is longer than the callback size limit");
    const std::size_t hash = url.find('#');
    const std::string_view before_fragment = url.substr(0, hash);
    const std::size_t question = before_fragment.find('?');
    detail::url_params query;
    detail::url_params fragment;
    if (question != std::string_view::npos)
        if (auto e = detail::parse_params(before_fragment.substr(question + 1), query)) return std::move(*e);
    if (hash != std::string_view::npos)
        if (auto e = detail::parse_params(url.substr(hash + 1), fragment)) return std::move(*e);
    const bool in_query = detail::has_response_param(query);
    const bool in_fragment = detail::has_response_param(fragment);
    if (in_query && in_fragment) return *detail::bad_callback("carries a response in both the query and the fragment");
    const detail::url_params& params = in_fragment ? fragment : query;

    const std::string* state = detail::find_param(params, "state");
    if (state == nullptr || !detail::constant_time_equals(*state, expected_state)) {
        error e = error::make(error_kind::state_mismatch, "the callback's state is missing or differs from the state sent");
        return e;
    }
    if (const std::string* code = detail::find_param(params, "error")) {
        const std::string* description = detail::find_param(params, "error_description");
        return classify_error_code(*code, description ? std::string_view(*description) : std::string_view());
    }
    callback_result out;
    out.state = *state;
    auto take = [&](const char* name, std::optional<std::string>& into) -> bool {
        const std::string* v = detail::find_param(params, name);
        if (v == nullptr) return true;
        if (v->empty()) return false;
        into = *v;
        return true;
    };
    if (!take("code", out.code) || !take("access_token", out.access_token) || !take("id_token", out.id_token) ||
        !take("token_type", out.token_type) || !take("scope", out.scope))
        return *detail::bad_callback("has an empty code, token, token_type or scope");
    if (const std::string* e = detail::find_param(params, "expires_in")) {
        auto seconds = detail::parse_small_decimal(*e);
        if (!seconds) return *detail::bad_callback("has an expires_in that is not a whole number of seconds");
        out.expires_in = *seconds;
    }
    if (!out.code && !out.access_token && !out.id_token)
        return *detail::bad_callback("carries neither a code nor tokens");
    return out;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/flow_tables.hpp"
// passwordless: every rule of the login state machine, as tables a test can iterate.
//
// Where each rule lives (read this before changing the machine):
// - Which call is allowed in which state, and where it leads: `flow_transitions` (state x input x
//   outcome -> next state). A (state, input) pair that no row names is misuse: invalid_state,
//   nothing changes. The state diagram below is drawn from it (`flow_state_diagram`).
// - What a server answer means for the login: `flow_answer_rules`, one row per error kind, one
//   column per request answered (first start, new code, token, keys), plus the effect on the code
//   outstanding. What the kind is comes from the one classifier table (`error_rules` in
//   classify.hpp), where the grant is a column: this file never reads response text.
// - What the machine refuses by itself, before sending anything: `flow_guards` (the table) and
//   `check_flow_guards` (the one function that applies it) for start, resend and submit alike:
//   rate-limit waits, the resend cooldown, the attempt limit, and the code's lifetime (only when
//   the application configured its tenant's OTP Expiry; otherwise the server decides).
// - What the application does next: `flow_next_for` (a flow_next for every step), whose mapping
//   from error_action is spelled out beside it.
// - `login_flow` (flow.hpp) only keeps the facts (times, attempts, held tokens) and looks every
//   decision up here.
//
// The calls (login_flow in flow.hpp; each takes `now` and returns a flow_step):
//
// | call | allowed in | what it does |
// |---|---|---|
// | `start(params, now)` | `idle`, `awaiting_code` | builds `/passwordless/start` |
// | `on_response(response, now)` | a state with a request out | reads the answer to the request out |
// | `submit_code(code, now)` | `awaiting_code` | builds the OTP-grant `/oauth/token` request |
// | `resend(now)` | `awaiting_code` | asks for a new code with the same parameters |
// | `on_transport_failure(now)` | a state with a request out | the request never completed: back to the state before it |
// | `retry(now)` | `fetching_keys`, `listing_authenticators` | sends the key fetch (or authenticator list) that failed again |
// | `choose_authenticator(id, now)` | `choosing_authenticator` | otp / recovery-code: no request; oob: builds `/mfa/challenge` |
// | `submit_mfa_code(code, now)` | `choosing_authenticator`, `awaiting_mfa_code` | the mfa-otp grant, or mfa-oob with the binding code |
// | `submit_recovery_code(code, now)` | `choosing_authenticator`, `awaiting_mfa_code` | the mfa-recovery-code grant |
// | `poll(now)` | `awaiting_approval` (from `poll_at`) | the mfa-oob grant for a push |
// | `cancel(now)` | every state | back to `idle` |
// | `save()` / `login_flow::restore(client, config, text, now)` | every state | see login_flow::save in flow.hpp |
//
// Any other call is misuse: invalid_state (action none), and nothing changes. `next` speaks of the
// login, `error->action` of one error; flow_next_for (below) spells out how one maps to the other.
//
// The state diagram, drawn from flow_transitions (`passwordless-cli state-diagram` prints it;
// tests/test_flow_tables.cpp fails when this copy differs). Refusals, which change nothing, are left
// out.
//
// ```mermaid
// stateDiagram-v2
//     [*] --> idle
//     idle --> sending_code : start / accepted
//     idle --> idle : cancel / cancelled
//     sending_code --> awaiting_code : response / code_sent
//     sending_code --> idle : response / no_code_yet
//     sending_code --> awaiting_code : response / previous_code_stands
//     sending_code --> failed : response / fatal
//     sending_code --> idle : transport_failed / no_code_yet
//     sending_code --> awaiting_code : transport_failed / previous_code_stands
//     sending_code --> idle : cancel / cancelled
//     awaiting_code --> verifying_code : submit_code / accepted
//     awaiting_code --> sending_code : resend / accepted
//     awaiting_code --> sending_code : start / accepted
//     awaiting_code --> idle : cancel / cancelled
//     verifying_code --> authenticated : response / authenticated
//     verifying_code --> fetching_keys : response / keys_needed
//     verifying_code --> awaiting_code : response / code_refused
//     verifying_code --> awaiting_code : response / no_verdict
//     verifying_code --> verifying_code : response / dpop_nonce_resend
//     verifying_code --> listing_authenticators : response / mfa_needed
//     verifying_code --> failed : response / fatal
//     verifying_code --> awaiting_code : transport_failed / no_verdict
//     verifying_code --> idle : cancel / cancelled
//     fetching_keys --> authenticated : response / authenticated
//     fetching_keys --> fetching_keys : response / keys_needed
//     fetching_keys --> fetching_keys : response / keys_unavailable
//     fetching_keys --> failed : response / fatal
//     fetching_keys --> fetching_keys : transport_failed / keys_unavailable
//     fetching_keys --> fetching_keys : retry / accepted
//     fetching_keys --> idle : cancel / cancelled
//     listing_authenticators --> choosing_authenticator : response / authenticators_listed
//     listing_authenticators --> listing_authenticators : response / no_verdict
//     listing_authenticators --> failed : response / fatal
//     listing_authenticators --> listing_authenticators : transport_failed / no_verdict
//     listing_authenticators --> listing_authenticators : retry / accepted
//     listing_authenticators --> idle : cancel / cancelled
//     choosing_authenticator --> challenging : choose_authenticator / accepted
//     choosing_authenticator --> awaiting_mfa_code : choose_authenticator / mfa_code_needed
//     choosing_authenticator --> verifying_mfa : submit_mfa_code / accepted
//     choosing_authenticator --> verifying_mfa : submit_recovery_code / accepted
//     choosing_authenticator --> idle : cancel / cancelled
//     challenging --> awaiting_mfa_code : response / mfa_code_needed
//     challenging --> awaiting_approval : response / approval_pending
//     challenging --> choosing_authenticator : response / no_verdict
//     challenging --> failed : response / fatal
//     challenging --> choosing_authenticator : transport_failed / no_verdict
//     challenging --> idle : cancel / cancelled
//     awaiting_mfa_code --> verifying_mfa : submit_mfa_code / accepted
//     awaiting_mfa_code --> verifying_mfa : submit_recovery_code / accepted
//     awaiting_mfa_code --> idle : cancel / cancelled
//     awaiting_approval --> verifying_mfa : poll / accepted
//     awaiting_approval --> idle : cancel / cancelled
//     verifying_mfa --> authenticated : response / authenticated
//     verifying_mfa --> fetching_keys : response / keys_needed
//     verifying_mfa --> awaiting_mfa_code : response / code_refused
//     verifying_mfa --> awaiting_approval : response / approval_pending
//     verifying_mfa --> listing_authenticators : response / mfa_needed
//     verifying_mfa --> awaiting_mfa_code : response / no_verdict
//     verifying_mfa --> verifying_mfa : response / dpop_nonce_resend
//     verifying_mfa --> failed : response / fatal
//     verifying_mfa --> awaiting_mfa_code : transport_failed / no_verdict
//     verifying_mfa --> awaiting_approval : transport_failed / approval_pending
//     verifying_mfa --> idle : cancel / cancelled
//     authenticated --> idle : cancel / cancelled
//     failed --> idle : cancel / cancelled
// ```
//
// What an error answer (or a lost request) leads to, by the request it answers: a first start, a new
// code (resend, or a new start while a code is outstanding), the token request, the key fetch, and
// with flow_config::mfa the authenticator list, the challenge and the MFA grant (mfa_needed follows
// mfa_required to the list; without flow_config::mfa, or after max_mfa_rounds, it is fatal). The
// outcome names say what happened to the login: no_code_yet (back to idle), previous_code_stands
// (back to awaiting_code, the old code still counts), code_refused (the server judged the code),
// no_verdict (it did not: send the same code again), keys_unavailable (tokens held; retry). Below,
// the local guards in the order they are checked. Both tables are drawn from flow_answer_rules and
// flow_guards; tests/test_flow_tables.cpp fails when this copy differs.
//
// <!-- outcome table: drawn from flow_answer_rules and flow_guards; a test compares -->
// | error kind | first start | new code | token | keys | mfa list | mfa challenge | mfa grant | effect |
// |---|---|---|---|---|---|---|---|---|
// | `invalid_argument` | no_code_yet | previous_code_stands | fatal | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_state` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `wrong_code` | fatal | fatal | code_refused | keys_unavailable | fatal | fatal | code_refused | count_attempt |
// | `code_expired` | fatal | fatal | code_refused | keys_unavailable | fatal | fatal | fatal | expire_code |
// | `attempts_exhausted` | fatal | fatal | code_refused | keys_unavailable | fatal | fatal | fatal | use_up_code |
// | `rate_limited` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | wait |
// | `blocked` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `mfa_required` | fatal | fatal | mfa_needed | keys_unavailable | fatal | fatal | mfa_needed | none |
// | `grant_not_allowed` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_client` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_connection` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_request` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_email` | no_code_yet | previous_code_stands | fatal | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_phone_number` | no_code_yet | previous_code_stands | fatal | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `delivery_failed` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `access_denied` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `verification_required` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_refresh_token` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `server_error` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `unknown_error` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `unexpected_response` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `malformed_response` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_id_token` | fatal | fatal | fatal | fatal | fatal | fatal | fatal | none |
// | `state_mismatch` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `transport_failed` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_dpop_proof` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `dpop_nonce_required` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `issuer_mismatch` | fatal | fatal | fatal | fatal | fatal | fatal | fatal | none |
// | `authorization_pending` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | approval_pending | wait |
// | `slow_down` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | approval_pending | wait |
// | `mfa_rejected` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `mfa_token_invalid` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `mfa_enrollment_required` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_access_token` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `insufficient_scope` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
//
// | call | guard, in order | refused with |
// |---|---|---|
// | `start` | rate_limit_wait | `rate_limited` |
// | `start` | resend_cooldown | `rate_limited` |
// | `resend` | rate_limit_wait | `rate_limited` |
// | `resend` | resend_cooldown | `rate_limited` |
// | `submit_code` | attempts_used_up | `attempts_exhausted` |
// | `submit_code` | code_dead | `code_expired` |
// | `submit_code` | rate_limit_wait | `rate_limited` |
// <!-- end of outcome table -->
#ifndef PASSWORDLESS_FLOW_TABLES_HPP
#define PASSWORDLESS_FLOW_TABLES_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// #include "passwordless/error.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// Where a login stands.
enum class flow_state : std::uint8_t {
    idle,            ///< nothing under way
    sending_code,    ///< a /passwordless/start request is out
    awaiting_code,   ///< the code (or link) was sent; waiting for the user
    verifying_code,  ///< an /oauth/token request is out
    fetching_keys,   ///< tokens are held until the ID token is verified: a JWKS request is out, or
                     ///< the last one failed and retry() sends it again
    authenticated,   ///< done: tokens (and verified claims) were delivered
    failed,          ///< a failure that makes continuing meaningless; only cancel leaves it
    // MFA after the code (flow_config::mfa; PROTOCOL.md 10): the code was right, a second factor is due.
    listing_authenticators,  ///< the GET /mfa/authenticators is out (or failed: retry() sends it again)
    choosing_authenticator,  ///< the app must pick one: choose_authenticator (or submit a code)
    challenging,             ///< the POST /mfa/challenge is out
    awaiting_mfa_code,       ///< the user must type the authenticator's code, the binding code or a recovery code
    awaiting_approval,       ///< a push is out; poll() from step.poll_at
    verifying_mfa,           ///< an MFA grant (/oauth/token) is out
};

/// The calls the machine takes.
enum class flow_input : std::uint8_t {
    start,
    response,
    submit_code,
    resend,
    transport_failed,
    retry,
    cancel,
    choose_authenticator,
    submit_mfa_code,
    submit_recovery_code,
    poll,
};

/// How a call ended; together with the state and input it selects a transition.
enum class flow_outcome : std::uint8_t {
    accepted,              ///< a request to send
    refused,               ///< refused locally (bad input, a guard); nothing changed
    code_sent,             ///< the code or link is on its way
    no_code_yet,           ///< a first start did not succeed (fix the input, wait or retry)
    previous_code_stands,  ///< a resend or new start did not succeed; the code outstanding still counts
    code_refused,          ///< the server refused this code (wrong, expired, used up)
    no_verdict,            ///< the code was not judged (transport loss, server failure, rate limit): send it again
    dpop_nonce_resend,     ///< use_dpop_nonce: the token request goes again, its new proof carrying the nonce (once)
    keys_needed,           ///< tokens held; the ID token's keys must be fetched first
    keys_unavailable,      ///< the key fetch failed; tokens still held; retry() fetches again
    authenticated,         ///< tokens accepted (and the ID token verified when configured)
    fatal,                 ///< continuing is meaningless
    cancelled,             ///< back to the start
    mfa_needed,            ///< mfa_required (flow_config::mfa): list the authenticators with the mfa_token
    authenticators_listed, ///< the list arrived: the app chooses
    mfa_code_needed,       ///< the user must type a code (otp authenticator, binding code)
    approval_pending,      ///< a push waits for the user; poll at step.poll_at
};

[[nodiscard]] constexpr std::string_view to_string(flow_state s) noexcept {
    switch (s) {
        case flow_state::idle: return "idle";
        case flow_state::sending_code: return "sending_code";
        case flow_state::awaiting_code: return "awaiting_code";
        case flow_state::verifying_code: return "verifying_code";
        case flow_state::fetching_keys: return "fetching_keys";
        case flow_state::authenticated: return "authenticated";
        case flow_state::failed: return "failed";
        case flow_state::listing_authenticators: return "listing_authenticators";
        case flow_state::choosing_authenticator: return "choosing_authenticator";
        case flow_state::challenging: return "challenging";
        case flow_state::awaiting_mfa_code: return "awaiting_mfa_code";
        case flow_state::awaiting_approval: return "awaiting_approval";
        case flow_state::verifying_mfa: return "verifying_mfa";
    }
    return "failed";
}

[[nodiscard]] constexpr std::string_view to_string(flow_input i) noexcept {
    switch (i) {
        case flow_input::start: return "start";
        case flow_input::response: return "response";
        case flow_input::submit_code: return "submit_code";
        case flow_input::resend: return "resend";
        case flow_input::transport_failed: return "transport_failed";
        case flow_input::retry: return "retry";
        case flow_input::cancel: return "cancel";
        case flow_input::choose_authenticator: return "choose_authenticator";
        case flow_input::submit_mfa_code: return "submit_mfa_code";
        case flow_input::submit_recovery_code: return "submit_recovery_code";
        case flow_input::poll: return "poll";
    }
    return "cancel";
}

[[nodiscard]] constexpr std::string_view to_string(flow_outcome o) noexcept {
    switch (o) {
        case flow_outcome::accepted: return "accepted";
        case flow_outcome::refused: return "refused";
        case flow_outcome::code_sent: return "code_sent";
        case flow_outcome::no_code_yet: return "no_code_yet";
        case flow_outcome::previous_code_stands: return "previous_code_stands";
        case flow_outcome::code_refused: return "code_refused";
        case flow_outcome::no_verdict: return "no_verdict";
        case flow_outcome::dpop_nonce_resend: return "dpop_nonce_resend";
        case flow_outcome::keys_needed: return "keys_needed";
        case flow_outcome::keys_unavailable: return "keys_unavailable";
        case flow_outcome::authenticated: return "authenticated";
        case flow_outcome::fatal: return "fatal";
        case flow_outcome::cancelled: return "cancelled";
        case flow_outcome::mfa_needed: return "mfa_needed";
        case flow_outcome::authenticators_listed: return "authenticators_listed";
        case flow_outcome::mfa_code_needed: return "mfa_code_needed";
        case flow_outcome::approval_pending: return "approval_pending";
    }
    return "fatal";
}

/// One transition: in state `from`, input `input` ending in `outcome` leads to `to` and produces
/// `output`.
struct flow_transition {
    flow_state from;
    flow_input input;
    flow_outcome outcome;
    flow_state to;
    std::string_view output;
};

/// Every transition of the machine. A (state, input) pair that appears in no row is misuse:
/// the call returns invalid_state and changes nothing. The state diagram in this header's opening comment is drawn from it (test_flow_tables.cpp).
inline constexpr flow_transition flow_transitions[] = {
    {flow_state::idle, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start"},
    {flow_state::idle, flow_input::start, flow_outcome::refused, flow_state::idle, "error: invalid input, or rate limited until retry_at"},
    {flow_state::idle, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::sending_code, flow_input::response, flow_outcome::code_sent, flow_state::awaiting_code, "event: code_sent or link_sent"},
    {flow_state::sending_code, flow_input::response, flow_outcome::no_code_yet, flow_state::idle, "error: fix input, wait or retry"},
    {flow_state::sending_code, flow_input::response, flow_outcome::previous_code_stands, flow_state::awaiting_code, "error: wait or retry; the previous code stands"},
    {flow_state::sending_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::sending_code, flow_input::response, flow_outcome::refused, flow_state::sending_code, "error: invalid now"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::no_code_yet, flow_state::idle, "error: transport_failed"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::previous_code_stands, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::sending_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::accepted, flow_state::verifying_code, "request: /oauth/token"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::refused, flow_state::awaiting_code, "error: invalid code, a guard (used up, expired, rate limited)"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (a new code)"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::refused, flow_state::awaiting_code, "error: rate_limited (cooldown or wait)"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (new parameters)"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::refused, flow_state::awaiting_code, "error: invalid input, rate_limited (cooldown or wait)"},
    {flow_state::awaiting_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::keys_needed, flow_state::fetching_keys, "request: GET the JWKS"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::code_refused, flow_state::awaiting_code, "error: wrong_code, code_expired, attempts_exhausted"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::no_verdict, flow_state::awaiting_code, "error: wait or retry with the same code"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::dpop_nonce_resend, flow_state::verifying_code, "request: /oauth/token again with a DPoP proof carrying the server's nonce (once)"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::mfa_needed, flow_state::listing_authenticators, "request: GET /mfa/authenticators (flow_config::mfa; without it mfa_required is fatal)"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::refused, flow_state::verifying_code, "error: invalid now"},
    {flow_state::verifying_code, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::verifying_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::keys_needed, flow_state::fetching_keys, "request: GET the JWKS once more (unknown kid)"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::keys_unavailable, flow_state::fetching_keys, "error: retry later; tokens held"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: invalid_id_token"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::refused, flow_state::fetching_keys, "error: invalid now, or no request out"},
    {flow_state::fetching_keys, flow_input::transport_failed, flow_outcome::keys_unavailable, flow_state::fetching_keys, "error: transport_failed; tokens held"},
    {flow_state::fetching_keys, flow_input::transport_failed, flow_outcome::refused, flow_state::fetching_keys, "error: no request out"},
    {flow_state::fetching_keys, flow_input::retry, flow_outcome::accepted, flow_state::fetching_keys, "request: GET the JWKS again"},
    {flow_state::fetching_keys, flow_input::retry, flow_outcome::refused, flow_state::fetching_keys, "error: a request is out, or invalid now"},
    {flow_state::fetching_keys, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::authenticators_listed, flow_state::choosing_authenticator, "event: mfa_required with the authenticators"},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::no_verdict, flow_state::listing_authenticators, "error: retry() sends the list request again"},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: mfa_token_invalid, nothing enrolled, ..."},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::refused, flow_state::listing_authenticators, "error: invalid now, or no request out"},
    {flow_state::listing_authenticators, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::listing_authenticators, "error: transport_failed; retry()"},
    {flow_state::listing_authenticators, flow_input::transport_failed, flow_outcome::refused, flow_state::listing_authenticators, "error: no request out"},
    {flow_state::listing_authenticators, flow_input::retry, flow_outcome::accepted, flow_state::listing_authenticators, "request: GET /mfa/authenticators again"},
    {flow_state::listing_authenticators, flow_input::retry, flow_outcome::refused, flow_state::listing_authenticators, "error: a request is out, or invalid now"},
    {flow_state::listing_authenticators, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::choosing_authenticator, flow_input::choose_authenticator, flow_outcome::accepted, flow_state::challenging, "request: POST /mfa/challenge (an oob authenticator)"},
    {flow_state::choosing_authenticator, flow_input::choose_authenticator, flow_outcome::mfa_code_needed, flow_state::awaiting_mfa_code, "nothing: an otp or recovery-code authenticator needs no challenge"},
    {flow_state::choosing_authenticator, flow_input::choose_authenticator, flow_outcome::refused, flow_state::choosing_authenticator, "error: unknown or unusable authenticator"},
    {flow_state::choosing_authenticator, flow_input::submit_mfa_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-otp"},
    {flow_state::choosing_authenticator, flow_input::submit_mfa_code, flow_outcome::refused, flow_state::choosing_authenticator, "error: invalid code"},
    {flow_state::choosing_authenticator, flow_input::submit_recovery_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-recovery-code"},
    {flow_state::choosing_authenticator, flow_input::submit_recovery_code, flow_outcome::refused, flow_state::choosing_authenticator, "error: invalid code"},
    {flow_state::choosing_authenticator, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::challenging, flow_input::response, flow_outcome::mfa_code_needed, flow_state::awaiting_mfa_code, "nothing: the user types the code sent (binding_method prompt)"},
    {flow_state::challenging, flow_input::response, flow_outcome::approval_pending, flow_state::awaiting_approval, "poll_at: a push waits for the user"},
    {flow_state::challenging, flow_input::response, flow_outcome::no_verdict, flow_state::choosing_authenticator, "error: choose again (the same or another)"},
    {flow_state::challenging, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: mfa_enrollment_required, mfa_token_invalid, ..."},
    {flow_state::challenging, flow_input::response, flow_outcome::refused, flow_state::challenging, "error: invalid now, or no request out"},
    {flow_state::challenging, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::choosing_authenticator, "error: transport_failed"},
    {flow_state::challenging, flow_input::transport_failed, flow_outcome::refused, flow_state::challenging, "error: no request out"},
    {flow_state::challenging, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_mfa_code, flow_input::submit_mfa_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-otp or mfa-oob with the binding code"},
    {flow_state::awaiting_mfa_code, flow_input::submit_mfa_code, flow_outcome::refused, flow_state::awaiting_mfa_code, "error: invalid code"},
    {flow_state::awaiting_mfa_code, flow_input::submit_recovery_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-recovery-code"},
    {flow_state::awaiting_mfa_code, flow_input::submit_recovery_code, flow_outcome::refused, flow_state::awaiting_mfa_code, "error: invalid code"},
    {flow_state::awaiting_mfa_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_approval, flow_input::poll, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-oob"},
    {flow_state::awaiting_approval, flow_input::poll, flow_outcome::refused, flow_state::awaiting_approval, "error: invalid_state before poll_at"},
    {flow_state::awaiting_approval, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated (recovery_code when the server sent one)"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::keys_needed, flow_state::fetching_keys, "request: GET the JWKS"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::code_refused, flow_state::awaiting_mfa_code, "error: wrong_code"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::approval_pending, flow_state::awaiting_approval, "error: authorization_pending, slow_down; a later poll_at"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::mfa_needed, flow_state::listing_authenticators, "request: GET /mfa/authenticators with the new mfa_token (at most max_mfa_rounds)"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::no_verdict, flow_state::awaiting_mfa_code, "error: wait or retry with the same code"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::dpop_nonce_resend, flow_state::verifying_mfa, "request: /oauth/token again with a DPoP proof carrying the server's nonce (once)"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: mfa_rejected, mfa_token_invalid, blocked, ..."},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::refused, flow_state::verifying_mfa, "error: invalid now, or no request out"},
    {flow_state::verifying_mfa, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::awaiting_mfa_code, "error: transport_failed"},
    {flow_state::verifying_mfa, flow_input::transport_failed, flow_outcome::approval_pending, flow_state::awaiting_approval, "error: transport_failed; poll again"},
    {flow_state::verifying_mfa, flow_input::transport_failed, flow_outcome::refused, flow_state::verifying_mfa, "error: no request out"},
    {flow_state::verifying_mfa, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::authenticated, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::failed, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
};

/// The transition for (from, input, outcome), or nullptr.
[[nodiscard]] constexpr const flow_transition* find_transition(flow_state from, flow_input input, flow_outcome outcome) noexcept {
    for (const flow_transition& t : flow_transitions)
        if (t.from == from && t.input == input && t.outcome == outcome) return &t;
    return nullptr;
}

/// True when `input` is allowed at all in `from`.
[[nodiscard]] constexpr bool input_allowed(flow_state from, flow_input input) noexcept {
    for (const flow_transition& t : flow_transitions)
        if (t.from == from && t.input == input) return true;
    return false;
}

/// The state diagram (Mermaid) drawn from flow_transitions; refusals that change nothing are
/// left out of the drawing.
[[nodiscard]] PASSWORDLESS_FUNC std::string flow_state_diagram();

/// What an answer does to the code outstanding (besides the outcome).
enum class flow_effect : std::uint8_t {
    none,
    count_attempt,  ///< one more wrong code for this code
    use_up_code,    ///< the server says this code may not be tried again
    expire_code,    ///< the server says this code expired
    wait,           ///< remember retry_at: the same endpoint is refused locally until then
};

[[nodiscard]] constexpr std::string_view to_string(flow_effect e) noexcept {
    switch (e) {
        case flow_effect::none: return "none";
        case flow_effect::count_attempt: return "count_attempt";
        case flow_effect::use_up_code: return "use_up_code";
        case flow_effect::expire_code: return "expire_code";
        case flow_effect::wait: return "wait";
    }
    return "none";
}

/// The request an answer (or a transport failure) belongs to.
enum class flow_request : std::uint8_t {
    first_start,  ///< /passwordless/start with no code outstanding
    new_code,     ///< /passwordless/start while a code is outstanding (resend, or start anew)
    token,        ///< /oauth/token with the OTP grant
    keys,         ///< GET of the JWKS
    mfa_list,     ///< GET /mfa/authenticators
    mfa_challenge,///< POST /mfa/challenge
    mfa_grant,    ///< /oauth/token with an MFA grant
};

/// One row of the answer table: what an error of `kind` means, per request answered.
struct flow_answer_rule {
    error_kind kind;
    flow_outcome first_start;
    flow_outcome new_code;
    flow_outcome token;
    flow_outcome keys;
    flow_outcome mfa_list;
    flow_outcome mfa_challenge;
    flow_outcome mfa_grant;
    flow_effect effect;

    [[nodiscard]] constexpr flow_outcome outcome(flow_request r) const noexcept {
        switch (r) {
            case flow_request::first_start: return first_start;
            case flow_request::new_code: return new_code;
            case flow_request::token: return token;
            case flow_request::keys: return keys;
            case flow_request::mfa_list: return mfa_list;
            case flow_request::mfa_challenge: return mfa_challenge;
            case flow_request::mfa_grant: return mfa_grant;
        }
        return flow_outcome::fatal;
    }
};

namespace detail {
// Short names for the answer table only.
inline constexpr flow_outcome fo_nocode = flow_outcome::no_code_yet;
inline constexpr flow_outcome fo_prev = flow_outcome::previous_code_stands;
inline constexpr flow_outcome fo_refused = flow_outcome::code_refused;
inline constexpr flow_outcome fo_again = flow_outcome::no_verdict;
inline constexpr flow_outcome fo_keys = flow_outcome::keys_unavailable;
inline constexpr flow_outcome fo_fatal = flow_outcome::fatal;
inline constexpr flow_outcome fo_mfa = flow_outcome::mfa_needed;
inline constexpr flow_outcome fo_pending = flow_outcome::approval_pending;
}  // namespace detail

/// Every error kind (in error_kind order), and what it means for the login per request answered.
/// Success is not in the table: a start answered with 2xx is code_sent; a token answer is
/// authenticated, or keys_needed when the keys must be fetched to verify the ID token; an ID
/// token that fails verification is invalid_id_token (fatal: the tokens are discarded).
/// A transport failure is the kind transport_failed, read from the same table.
inline constexpr flow_answer_rule flow_answer_rules[] = {
    //  kind                             first_start       new_code         token             keys             mfa_list          mfa_challenge     mfa_grant         effect
    {error_kind::invalid_argument,         detail::fo_nocode, detail::fo_prev, detail::fo_fatal, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::invalid_state,            detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::wrong_code,               detail::fo_fatal, detail::fo_fatal, detail::fo_refused, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_refused, flow_effect::count_attempt},
    {error_kind::code_expired,             detail::fo_fatal, detail::fo_fatal, detail::fo_refused, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::expire_code},
    {error_kind::attempts_exhausted,       detail::fo_fatal, detail::fo_fatal, detail::fo_refused, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::use_up_code},
    {error_kind::rate_limited,             detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::wait},
    {error_kind::blocked,                  detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::mfa_required,             detail::fo_fatal, detail::fo_fatal, detail::fo_mfa, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_mfa, flow_effect::none},
    {error_kind::grant_not_allowed,        detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_client,           detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_connection,       detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_request,          detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_email,            detail::fo_nocode, detail::fo_prev, detail::fo_fatal, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::invalid_phone_number,     detail::fo_nocode, detail::fo_prev, detail::fo_fatal, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::delivery_failed,          detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::access_denied,            detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::verification_required,    detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_refresh_token,    detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::server_error,             detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::unknown_error,            detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::unexpected_response,      detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::malformed_response,       detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::invalid_id_token,         detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::state_mismatch,           detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::transport_failed,         detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    // DPoP (token request only): a refused proof is a configuration problem; a nonce demanded
    // again after the flow's one resend leaves the code unjudged (submit it again).
    {error_kind::invalid_dpop_proof,       detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::dpop_nonce_required,      detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    // Discovery only (the flow does not fetch it): listed so that every kind has a row.
    {error_kind::issuer_mismatch,          detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    // MFA grants and APIs only (the code and refresh grants never classify to these): a push not
    // yet approved keeps the login waiting for the next poll (retry_at is the poll time).
    {error_kind::authorization_pending,    detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_pending, flow_effect::wait},
    {error_kind::slow_down,                detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_pending, flow_effect::wait},
    {error_kind::mfa_rejected,             detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::mfa_token_invalid,        detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::mfa_enrollment_required,  detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_access_token,     detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::insufficient_scope,       detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
};

/// The row for `kind` (the table has one per kind, in order).
[[nodiscard]] constexpr const flow_answer_rule& flow_answer_rule_for(error_kind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < sizeof(flow_answer_rules) / sizeof(flow_answer_rules[0]) ? flow_answer_rules[i]
                                                                       : flow_answer_rules[static_cast<std::size_t>(error_kind::unknown_error)];
}

/// How many mfa_required answers one login follows (the first, and further factors asked for by
/// an MFA grant): one more ends the login in failed, so a server that asks forever cannot keep it.
inline constexpr int max_mfa_rounds = 3;

/// The local refusals, checked before start, resend and submit_code send anything.
enum class flow_guard : std::uint8_t {
    attempts_used_up,  ///< max_attempts wrong codes were entered, or the server said the code is used up
    code_dead,         ///< the code expired: code_lifetime (when configured) passed, or the server said so
    rate_limit_wait,   ///< a 429 from the same endpoint named a time not reached yet
    resend_cooldown,   ///< a code is outstanding and resend_cooldown has not passed since it was requested
};

[[nodiscard]] constexpr std::string_view to_string(flow_guard g) noexcept {
    switch (g) {
        case flow_guard::attempts_used_up: return "attempts_used_up";
        case flow_guard::code_dead: return "code_dead";
        case flow_guard::rate_limit_wait: return "rate_limit_wait";
        case flow_guard::resend_cooldown: return "resend_cooldown";
    }
    return "rate_limit_wait";
}

/// One guard applied to one call, and the error kind of its refusal.
struct flow_guard_rule {
    flow_input input;
    flow_guard guard;
    error_kind kind;
};

/// Which guard applies to which call, in the order they are checked. Start, resend and submit
/// share the policy: a wait the server asked for holds every call to that endpoint.
inline constexpr flow_guard_rule flow_guards[] = {
    {flow_input::start, flow_guard::rate_limit_wait, error_kind::rate_limited},
    {flow_input::start, flow_guard::resend_cooldown, error_kind::rate_limited},
    {flow_input::resend, flow_guard::rate_limit_wait, error_kind::rate_limited},
    {flow_input::resend, flow_guard::resend_cooldown, error_kind::rate_limited},
    {flow_input::submit_code, flow_guard::attempts_used_up, error_kind::attempts_exhausted},
    {flow_input::submit_code, flow_guard::code_dead, error_kind::code_expired},
    {flow_input::submit_code, flow_guard::rate_limit_wait, error_kind::rate_limited},
};

/// What the guards look at: the machine's facts at the time of the call.
struct flow_guard_facts {
    bool code_outstanding = false;               ///< a code was sent and not yet exchanged
    std::optional<unix_seconds> code_sent_at;    ///< when the code outstanding was requested
    std::optional<unix_seconds> code_expires_at; ///< only when code_lifetime is configured
    bool code_expired = false;                   ///< the server said so, or the code was exchanged
    int attempts = 0;                            ///< wrong codes so far for this code
    int max_attempts = 3;
    unix_seconds resend_cooldown = 30;
    std::optional<unix_seconds> start_retry_at;  ///< 429 from /passwordless/start
    std::optional<unix_seconds> token_retry_at;  ///< 429 from /oauth/token
};

/// The first guard (in flow_guards order) that refuses `input` at `now`, as its error; none when
/// the call may go ahead. Refusals carry retry_at when waiting helps.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<error> check_flow_guards(flow_input input, const flow_guard_facts& f, unix_seconds now);

/// What the application should do after a step.
enum class flow_next : std::uint8_t {
    send_request,      ///< send step.request, then call on_response or on_transport_failure
    ask_for_code,      ///< show the code prompt, then call submit_code (or resend)
    request_new_code,  ///< the code is expired or used up: offer resend (or start)
    wait_until,        ///< nothing may be sent before step.error->retry_at
    retry,             ///< call retry() (after a backoff) to send the failed key fetch again
    start_over,        ///< call start (with corrected input)
    done,              ///< step.event carries the tokens
    stop,              ///< the login failed; show step.error; cancel to begin again
    none,              ///< a call that was not allowed changed nothing
    choose_authenticator,  ///< MFA: show step.event's authenticators; call choose_authenticator (or submit a code)
    ask_for_mfa_code,      ///< MFA: ask for the second-factor code (or a recovery code)
    poll,                  ///< MFA: a push waits for the user; call poll() at step.poll_at
};

[[nodiscard]] constexpr std::string_view to_string(flow_next n) noexcept {
    switch (n) {
        case flow_next::send_request: return "send_request";
        case flow_next::ask_for_code: return "ask_for_code";
        case flow_next::request_new_code: return "request_new_code";
        case flow_next::wait_until: return "wait_until";
        case flow_next::retry: return "retry";
        case flow_next::start_over: return "start_over";
        case flow_next::done: return "done";
        case flow_next::stop: return "stop";
        case flow_next::none: return "none";
        case flow_next::choose_authenticator: return "choose_authenticator";
        case flow_next::ask_for_mfa_code: return "ask_for_mfa_code";
        case flow_next::poll: return "poll";
    }
    return "none";
}

/// The next thing to do after a step that left the machine in `state`, with or without a request
/// out, and with the step's error (if any). flow_next speaks of the login; error_action of one
/// error. The mapping, first match wins:
///   a request to send                          -> send_request
///   state authenticated / failed               -> done / stop (failed: whatever the action)
///   action none (misuse: invalid_state)        -> none
///   state awaiting_approval                    -> poll             (action wait: poll at step.poll_at)
///   action wait with retry_at                  -> wait_until
///   state fetching_keys, nothing out           -> retry            (action retry)
///   state awaiting_code, the code is dead      -> request_new_code (action restart)
///   state awaiting_code                        -> ask_for_code     (retry_code, retry, fix_input)
///   state idle                                 -> start_over       (fix_input, retry, restart)
///   state listing_authenticators, nothing out  -> retry            (action retry)
///   state choosing_authenticator               -> choose_authenticator
///   state awaiting_mfa_code                    -> ask_for_mfa_code (retry_code, retry, fix_input)
[[nodiscard]] constexpr flow_next flow_next_for(flow_state state, bool request_out, const error* e, bool code_dead) noexcept {
    if (request_out) return flow_next::send_request;
    if (state == flow_state::authenticated) return flow_next::done;
    if (state == flow_state::failed) return flow_next::stop;
    if (e != nullptr && e->action == error_action::none) return flow_next::none;
    if (state == flow_state::awaiting_approval) return flow_next::poll;
    if (e != nullptr && e->action == error_action::wait && e->retry_at) return flow_next::wait_until;
    switch (state) {
        case flow_state::fetching_keys: return flow_next::retry;
        case flow_state::listing_authenticators: return flow_next::retry;
        case flow_state::choosing_authenticator: return flow_next::choose_authenticator;
        case flow_state::awaiting_mfa_code: return flow_next::ask_for_mfa_code;
        case flow_state::awaiting_code: return code_dead ? flow_next::request_new_code : flow_next::ask_for_code;
        case flow_state::idle: return flow_next::start_over;
        default: return flow_next::none;
    }
}

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::string flow_state_diagram() {
    std::string out = "stateDiagram-v2\n    [*] --> idle\n";
    for (const flow_transition& t : flow_transitions) {
        if (t.outcome == flow_outcome::refused) continue;
        out.append("    ").append(to_string(t.from)).append(" --> ").append(to_string(t.to)).append(" : ");
        out.append(to_string(t.input)).append(" / ").append(to_string(t.outcome)).append("\n");
    }
    return out;
}

PASSWORDLESS_FUNC std::optional<error> check_flow_guards(flow_input input, const flow_guard_facts& f, unix_seconds now) {
    for (const flow_guard_rule& rule : flow_guards) {
        if (rule.input != input) continue;
        std::optional<unix_seconds> until;
        std::string_view why;
        switch (rule.guard) {
            case flow_guard::attempts_used_up:
                if (f.attempts < f.max_attempts) continue;
                why = "this code was entered wrongly too often; request a new code";
                break;
            case flow_guard::code_dead:
                if (!f.code_expired && !(f.code_expires_at && now >= *f.code_expires_at)) continue;
                why = "the code has expired; request a new code";
                break;
            case flow_guard::rate_limit_wait: {
                const std::optional<unix_seconds>& at = input == flow_input::submit_code ? f.token_retry_at : f.start_retry_at;
                if (!at || now >= *at) continue;
                until = at;
                why = "rate limited: wait until retry_at before trying again";
                break;
            }
            case flow_guard::resend_cooldown:
                if (!f.code_outstanding || !f.code_sent_at || now - *f.code_sent_at >= f.resend_cooldown) continue;
                until = *f.code_sent_at + f.resend_cooldown;
                why = "a new code can be requested only after the resend cooldown";
                break;
        }
        error e = error::make(rule.kind, std::string(why));
        e.retry_at = until;
        return e;
    }
    return std::nullopt;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/flow.hpp"
// passwordless: the login state machine. It knows where a passwordless login stands and what the
// application must do next; the application keeps the sockets, clocks and UI. Every rule it
// follows (transitions, what each answer means, local guards) is a table in flow_tables.hpp.
//
// Keys as steps. With `keys = key_source::fetch` the flow verifies the ID token with the tenant's
// own keys and asks for them itself: after a successful token answer it holds the tokens, moves
// to fetching_keys and returns a GET of `https://DOMAIN/.well-known/jwks.json` (or `jwks_uri`) as
// an ordinary request step. When the keys arrive it verifies (your `key_verifier` does the math
// for the one key whose `kid` the token names; the flow has matched the kid) and delivers the
// tokens. When the token names a kid the cache lacks (the tenant rotated its key), it fetches once
// more if the cache allows (jwks_cache's minimum interval), so a rotation mid-login is not a
// failed login. A fetch that fails is not a spent code: the state stays fetching_keys, the tokens
// are held, `next` is retry. Pass your own jwks_cache in `key_cache` to share the keys between
// logins (then most logins fetch nothing). `key_source::caller` (the default): your `verifier`
// does the whole signature check.
//
// MFA after the code (flow_config::mfa, PROTOCOL.md 10). Without the option an mfa_required answer
// ends the login in failed, as before. With it the login goes on: listing_authenticators (a GET
// /mfa/authenticators with the mfa_token as Bearer token), choosing_authenticator (the step's
// event is mfa_required with the authenticators and the server's requirements), then
// choose_authenticator(id): an otp or recovery-code authenticator needs no challenge
// (awaiting_mfa_code), an oob one is challenged (challenging) and then waits for the code the
// user was sent (binding_method "prompt": awaiting_mfa_code) or for a push approval
// (awaiting_approval: poll() from step.poll_at, 5 s after the challenge; authorization_pending
// and slow_down move poll_at to retry_at, now + 5 / now + 10 or later by Retry-After; an earlier
// poll is invalid_state). submit_mfa_code / submit_recovery_code send the MFA grant
// (verifying_mfa; DPoP proofs as on the code's grant, never on /mfa/). A wrong code returns to
// awaiting_mfa_code with wrong_code; mfa_rejected, mfa_token_invalid, blocked and
// mfa_enrollment_required end in failed; a further mfa_required continues with the new token, at
// most max_mfa_rounds times. The authenticated event's tokens may carry a new recovery_code (show
// it to the user once). The mfa_token, the oob_code and every code are secrets: they stay in the
// machine only while it is in an MFA state and never appear in a message.
//
// Saving a login. save() turns a login into versioned text (a JSON object,
// `"format":"passwordless-login"`, `"version":2`) and login_flow::restore(client, config, text,
// now) continues it, for apps that are killed while the user reads the email. The text holds the
// tenant's base URL and client id, the state (idle or awaiting_code), the start parameters
// (connection, email or phone number, `send`, authParams, language, forwarded-for IP), when the
// code was requested, wrong attempts so far, whether the server said the code expired, the
// rate-limit waits and the newest DPoP nonce (not a secret). It never holds the one-time code, the
// client secret or a token. A login saved with a request out comes back as it was before that
// request (as after a transport failure); one saved while fetching keys comes back in
// awaiting_code with its code marked used (tokens are never saved), so the user asks for a new
// code. A login saved during MFA is written as state "mfa" and nothing of the MFA step (no
// mfa_token, oob_code or code): restore() gives it back failed (failure() is mfa_token_invalid:
// log in again), restore_with_mfa_token() with the token the caller kept in its secure store
// gives it back in listing_authenticators, where retry() lists the authenticators again.
//
// The email address or phone number is personal data, and a magic link's `state` and `nonce` (in
// authParams) are secrets that protect the callback: keep the text where the app keeps its
// session (the platform's keychain or keystore, or private app storage), not in logs or URLs.
// restore treats the text as hostile: anything malformed, from another format version (version 1
// texts included: start a new login), for another client or domain, or with values out of range
// (attempts over `max_attempts`, a request time after `now`, start parameters the client refuses)
// is invalid_argument with field `saved_state`, and it never crashes (tests/fuzz/fuzz_restore.cpp).
//
// A saved login remembers what it was promised: the text carries digests (no secrets) of the
// client (domain, client id, how it authenticates), the ID-token checks, the DPoP settings and the
// login rules (scope, audience, code lifetime, cooldown, attempts). restore under other options
// is refused with field `saved_state`, naming what differs ("other ID-token checks"): restore
// with the client and options you saved with. If others can write where you keep the text, seal
// it with a key of at least 16 bytes that only your app has: save(key) appends an HMAC-SHA256 tag
// and restore(client, config, text, now, key) refuses any edit (attempt count, cooldown, address),
// another key or an unsealed text with field `saved_state`; a short key is refused with field
// `seal_key`. A sealed text restored without a key is refused too. C:
// passwordless_login_save_sealed, passwordless_login_restore_sealed; Python:
// `login.save(seal_key=key)`, `Login.restore(client, text, ..., seal_key=key)`.
#ifndef PASSWORDLESS_FLOW_HPP
#define PASSWORDLESS_FLOW_HPP

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/saved_login.hpp"
// passwordless (private): the text a pending login is saved as (PROTOCOL.md 9.9), written and
// read without exceptions, with the digests of the configuration it was made with and an optional
// HMAC-SHA256 seal. Only the shape is checked here; login_flow::restore checks the values against
// the client, the configuration and the clock.
#ifndef PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP
#define PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/sha256.hpp"
// passwordless (private): SHA-256 (FIPS 180-4), for DPoP's ath claim, JWK thumbprints and the
// saved login's digests; HMAC-SHA256 (RFC 2104) for the saved login's seal.
// Plain portable code: no tables outside the function, no allocation beyond the result.
#ifndef PASSWORDLESS_DETAIL_SHA256_HPP
#define PASSWORDLESS_DETAIL_SHA256_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

/// Incremental SHA-256: update() any number of times, then digest() once.
class sha256_state {
public:
    /// Feeds more bytes.
    void update(std::string_view data) noexcept;

    /// The 32-byte digest of everything fed so far (the state is spent afterwards).
    [[nodiscard]] std::string digest() noexcept;

private:
    static constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) noexcept { return (x >> n) | (x << (32u - n)); }

    void compress() noexcept;

    std::array<std::uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<std::uint8_t, 64> block_{};
    std::size_t fill_ = 0;
    std::uint64_t length_ = 0;
};

/// The SHA-256 digest of `data`: 32 raw bytes.
[[nodiscard]] PASSWORDLESS_FUNC std::string sha256(std::string_view data);

/// HMAC-SHA256 (RFC 2104, RFC 4231) of `message` under `key` (any length): 32 raw bytes.
[[nodiscard]] PASSWORDLESS_FUNC std::string hmac_sha256(std::string_view key, std::string_view message);

/// Lower-case hexadecimal of `bytes`.
[[nodiscard]] PASSWORDLESS_FUNC std::string hex_lower(std::string_view bytes);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC void sha256_state::update(std::string_view data) noexcept {
    for (char c : data) {
        block_[fill_++] = static_cast<std::uint8_t>(c);
        if (fill_ == 64) {
            compress();
            fill_ = 0;
        }
    }
    length_ += static_cast<std::uint64_t>(data.size());
}

PASSWORDLESS_FUNC std::string sha256_state::digest() noexcept {
    const std::uint64_t bits = length_ * 8u;
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
        while (fill_ < 64) block_[fill_++] = 0;
        compress();
        fill_ = 0;
    }
    while (fill_ < 56) block_[fill_++] = 0;
    for (int i = 7; i >= 0; --i) block_[fill_++] = static_cast<std::uint8_t>(bits >> (i * 8));
    compress();
    fill_ = 0;
    std::string out(32, '\0');
    for (std::size_t i = 0; i < 8; ++i)
        for (std::size_t k = 0; k < 4; ++k)
            out[i * 4 + k] = static_cast<char>(static_cast<std::uint8_t>(h_[i] >> (24 - 8 * k)));
    return out;
}

PASSWORDLESS_FUNC void sha256_state::compress() noexcept {
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::uint32_t w[64];
    for (std::size_t i = 0; i < 16; ++i)
        w[i] = (std::uint32_t{block_[i * 4]} << 24) | (std::uint32_t{block_[i * 4 + 1]} << 16) |
               (std::uint32_t{block_[i * 4 + 2]} << 8) | std::uint32_t{block_[i * 4 + 3]};
    for (std::size_t i = 16; i < 64; ++i) {
        const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (std::size_t i = 0; i < 64; ++i) {
        const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
        const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
    h_[5] += f;
    h_[6] += g;
    h_[7] += h;
}

PASSWORDLESS_FUNC std::string sha256(std::string_view data) {
    sha256_state s;
    s.update(data);
    return s.digest();
}

PASSWORDLESS_FUNC std::string hmac_sha256(std::string_view key, std::string_view message) {
    std::string block(64, '\0');
    if (key.size() > block.size()) {
        const std::string hashed = sha256(key);
        block.replace(0, hashed.size(), hashed);
    } else {
        block.replace(0, key.size(), key.data(), key.size());
    }
    std::string pad(64, '\0');
    for (std::size_t i = 0; i < 64; ++i) pad[i] = static_cast<char>(static_cast<unsigned char>(block[i]) ^ 0x36u);
    sha256_state inner;
    inner.update(pad);
    inner.update(message);
    const std::string inner_digest = inner.digest();
    for (std::size_t i = 0; i < 64; ++i) pad[i] = static_cast<char>(static_cast<unsigned char>(block[i]) ^ 0x5cu);
    sha256_state outer;
    outer.update(pad);
    outer.update(inner_digest);
    return outer.digest();
}

PASSWORDLESS_FUNC std::string hex_lower(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15u]);
    }
    return out;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/dpop_nonce.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/start.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::string_view saved_login_format = "passwordless-login";
/// Version 2 added the configuration digests and the seal; version 1 texts cannot be checked.
inline constexpr std::int64_t saved_login_version = 2;

/// The shortest seal key accepted, in bytes.
inline constexpr std::size_t min_seal_key_bytes = 16;
/// A sealed text ends with this, 64 hex digits and "}.
inline constexpr std::string_view saved_login_seal_member = ",\"seal\":\"";
inline constexpr std::size_t saved_login_seal_digits = 64;

/// What a login was configured with, one digest per group a refusal names (32 lower-case hex
/// digits each: SHA-256 cut to 128 bits). No secret goes into any of them.
struct saved_login_digests {
    std::string client;    ///< base URL, client_id, client authentication method
    std::string id_token;  ///< every ID-token expectation and how the signature is checked
    std::string dpop;      ///< on or off, key thumbprint, require_binding
    std::string flow;      ///< code_lifetime, resend_cooldown, max_attempts, audience, scope
};

/// Builds one group's digest from its fields, each length-prefixed so no two lists collide.
class digest_builder {
public:
    explicit digest_builder(std::string_view group);
    digest_builder& add(std::string_view field);
    digest_builder& add(const std::string& field);
    digest_builder& add(std::int64_t number);
    digest_builder& add(const std::optional<std::string>& field);
    digest_builder& add(const std::optional<std::int64_t>& number);
    [[nodiscard]] std::string hex() const;

private:
    std::string fields_;
};

/// The groups of `saved` that differ from `now`, named for a message ("" when none differs).
PASSWORDLESS_FUNC std::string describe_digest_differences(const saved_login_digests& saved, const saved_login_digests& now);

/// A pending login as saved: never the code, a client secret or a token.
struct saved_login {
    std::string endpoint;   ///< the client's base URL ("https://example.auth0.com")
    std::string client_id;
    saved_login_digests config;     ///< what the login was configured with
    bool code_outstanding = false;  ///< awaiting_code; else idle (or mfa)
    /// state "mfa": saved during MFA (flow_config::mfa), after the code was used. Nothing of the
    /// MFA step is written (no mfa_token, oob_code or code): it continues only with the mfa_token
    /// the caller kept (login_flow::restore_with_mfa_token).
    bool mfa = false;
    start_params params;            ///< of the code outstanding
    unix_seconds code_sent_at = 0;  ///< when it was requested
    std::int64_t attempts = 0;      ///< wrong codes so far
    bool code_expired = false;      ///< the server said so, or the code was exchanged
    std::optional<unix_seconds> start_retry_at;
    std::optional<unix_seconds> token_retry_at;
    std::string dpop_nonce;  ///< the newest DPoP nonce the server gave (PROTOCOL.md 9.9); empty: none
};

PASSWORDLESS_FUNC void append_saved_member(std::string& out, std::string_view name);

/// The saved text: one JSON object, members in a fixed order.
PASSWORDLESS_FUNC std::string write_saved_login(const saved_login& s);

PASSWORDLESS_FUNC error bad_saved_state(std::string_view problem);

/// `text` (written by write_saved_login) with a last member "seal": lower-case hex of
/// HMAC-SHA256 under `key` of every byte before `,"seal":"`.
PASSWORDLESS_FUNC std::string seal_saved_login(std::string_view text, std::string_view key);

/// The text without its seal, when the seal is the last member and matches `key` (compared in
/// constant time); else invalid_argument with field saved_state.
PASSWORDLESS_FUNC result<std::string> unseal_saved_login(std::string_view text, std::string_view key);

/// Reads a saved text's shape: a JSON object of this format and version, every member known and
/// of its type, numbers whole and between 0 and 9999-12-31. Anything else is invalid_argument
/// with field saved_state (a newer version, an older one, and a seal each say so).
PASSWORDLESS_FUNC result<saved_login> read_saved_login(std::string_view text, std::size_t max_bytes, std::size_t max_depth);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC digest_builder::digest_builder(std::string_view group) { add(group); }

PASSWORDLESS_FUNC digest_builder& digest_builder::add(std::string_view field) {
    fields_.append(std::to_string(field.size())).push_back(':');
    fields_.append(field.data(), field.size());
    return *this;
}

PASSWORDLESS_FUNC digest_builder& digest_builder::add(const std::string& field) { return add(std::string_view(field)); }

PASSWORDLESS_FUNC digest_builder& digest_builder::add(std::int64_t number) { return add(std::string_view(std::to_string(number))); }

PASSWORDLESS_FUNC digest_builder& digest_builder::add(const std::optional<std::string>& field) {
    if (!field) return add(std::string_view("-"));
    add(std::string_view("+"));
    return add(std::string_view(*field));
}

PASSWORDLESS_FUNC digest_builder& digest_builder::add(const std::optional<std::int64_t>& number) {
    if (!number) return add(std::string_view("-"));
    add(std::string_view("+"));
    return add(*number);
}

PASSWORDLESS_FUNC std::string digest_builder::hex() const { return hex_lower(sha256(fields_).substr(0, 16)); }

PASSWORDLESS_FUNC std::string describe_digest_differences(const saved_login_digests& saved, const saved_login_digests& now) {
    std::string out;
    auto differs = [&](const std::string& a, const std::string& b, std::string_view what) {
        if (constant_time_equals(a, b)) return;
        if (!out.empty()) out.append("; ");
        out.append(what.data(), what.size());
    };
    differs(saved.client, now.client, "another client (domain or base URL, client_id, client authentication)");
    differs(saved.id_token, now.id_token,
            "other ID-token checks (issuer, audiences, algorithms, nonce, max_age, organization, leeway, keys)");
    differs(saved.dpop, now.dpop, "other DPoP settings (on or off, key, require_binding)");
    differs(saved.flow, now.flow, "other login rules (scope, audience, code_lifetime, resend_cooldown, max_attempts)");
    return out;
}

PASSWORDLESS_FUNC void append_saved_member(std::string& out, std::string_view name) {
    out.push_back(',');
    append_json_string(out, name);
    out.push_back(':');
}

PASSWORDLESS_FUNC std::string write_saved_login(const saved_login& s) {
    std::string out = "{\"format\":";
    append_json_string(out, saved_login_format);
    append_saved_member(out, "version");
    out.append(std::to_string(saved_login_version));
    append_saved_member(out, "endpoint");
    append_json_string(out, s.endpoint);
    append_saved_member(out, "client_id");
    append_json_string(out, s.client_id);
    append_saved_member(out, "config");
    out.append("{\"client\":");
    append_json_string(out, s.config.client);
    append_saved_member(out, "id_token");
    append_json_string(out, s.config.id_token);
    append_saved_member(out, "dpop");
    append_json_string(out, s.config.dpop);
    append_saved_member(out, "flow");
    append_json_string(out, s.config.flow);
    out.push_back('}');
    append_saved_member(out, "state");
    append_json_string(out, s.code_outstanding ? "awaiting_code" : s.mfa ? "mfa" : "idle");
    auto text = [&](std::string_view name, const std::optional<std::string>& v) {
        if (!v) return;
        append_saved_member(out, name);
        append_json_string(out, *v);
    };
    auto number = [&](std::string_view name, const std::optional<std::int64_t>& v) {
        if (!v) return;
        append_saved_member(out, name);
        out.append(std::to_string(*v));
    };
    if (s.code_outstanding) {
        append_saved_member(out, "connection");
        append_json_string(out, s.params.connection);
        text("email", s.params.email);
        text("phone_number", s.params.phone_number);
        if (s.params.send) text("send", std::string(to_string(*s.params.send)));
        if (s.params.auth_params) {
            append_saved_member(out, "auth_params");
            out.push_back('[');
            for (std::size_t i = 0; i < s.params.auth_params->size(); ++i) {
                if (i != 0) out.push_back(',');
                out.push_back('[');
                append_json_string(out, (*s.params.auth_params)[i].first);
                out.push_back(',');
                append_json_string(out, (*s.params.auth_params)[i].second);
                out.push_back(']');
            }
            out.push_back(']');
        }
        text("language", s.params.language);
        text("forwarded_for", s.params.forwarded_for);
        number("code_sent_at", s.code_sent_at);
        number("attempts", s.attempts);
        append_saved_member(out, "code_expired");
        out.append(s.code_expired ? "true" : "false");
    }
    number("start_retry_at", s.start_retry_at);
    number("token_retry_at", s.token_retry_at);
    if (!s.dpop_nonce.empty()) {
        append_saved_member(out, "dpop_nonce");
        append_json_string(out, s.dpop_nonce);
    }
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC error bad_saved_state(std::string_view problem) { return error::invalid_argument("saved_state", problem); }

PASSWORDLESS_FUNC std::string seal_saved_login(std::string_view text, std::string_view key) {
    std::string out(text.substr(0, text.empty() ? 0 : text.size() - 1));  // without the closing brace
    const std::string tag = hex_lower(hmac_sha256(key, out));
    out.append(saved_login_seal_member.data(), saved_login_seal_member.size()).append(tag).append("\"}");
    return out;
}

PASSWORDLESS_FUNC result<std::string> unseal_saved_login(std::string_view text, std::string_view key) {
    const std::size_t tail = saved_login_seal_member.size() + saved_login_seal_digits + 2;
    if (text.size() < tail || text.substr(text.size() - 2) != "\"}" ||
        text.substr(text.size() - tail, saved_login_seal_member.size()) != saved_login_seal_member)
        return bad_saved_state("is not sealed, but a seal key was given");
    const std::string_view body = text.substr(0, text.size() - tail);
    const std::string expected = hex_lower(hmac_sha256(key, body));
    if (!constant_time_equals(expected, text.substr(body.size() + saved_login_seal_member.size(), saved_login_seal_digits)))
        return bad_saved_state("was changed since it was saved, or sealed with another key (the seal does not match)");
    std::string out(body);
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC result<saved_login> read_saved_login(std::string_view text, std::size_t max_bytes, std::size_t max_depth) {
    if (text.size() > max_bytes) return bad_saved_state("is longer than the body size limit");
    json_read_result parsed = read_json(text, max_bytes, max_depth);
    if (parsed.status != json_read_status::ok || !parsed.value.is_object())
        return bad_saved_state("is not a saved login (not a JSON object)");
    const json& o = parsed.value;
    auto format = o.find("format");
    if (format == o.end() || !format->is_string() || *format->get_ptr<const std::string*>() != saved_login_format) return bad_saved_state("is not a saved login (format)");
    auto version = o.find("version");
    if (version == o.end() || !version->is_number_unsigned()) return bad_saved_state("has no valid version");
    if (*version->get_ptr<const json::number_unsigned_t*>() > static_cast<std::uint64_t>(saved_login_version))
        return bad_saved_state("was saved by a newer version of the library");
    if (*version->get_ptr<const json::number_unsigned_t*>() == 1)
        return bad_saved_state("was saved by an older version without the options it was made with; start a new login");
    if (*version->get_ptr<const json::number_unsigned_t*>() != static_cast<std::uint64_t>(saved_login_version))
        return bad_saved_state("has an unknown version");
    if (o.find("seal") != o.end()) return bad_saved_state("is sealed: restore it with the key it was sealed with");

    static constexpr std::string_view known[] = {"format", "version", "endpoint", "client_id", "config", "state", "connection",
                                                 "email", "phone_number", "send", "auth_params", "language",
                                                 "forwarded_for", "code_sent_at", "attempts", "code_expired",
                                                 "start_retry_at", "token_retry_at", "dpop_nonce"};
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool ok = false;
        for (std::string_view k : known) ok = ok || it.key() == k;
        if (!ok) return bad_saved_state("has a member this version does not know");
    }

    saved_login s;
    bool bad = false;
    auto text_member = [&](const char* name, bool required) -> std::optional<std::string> {
        auto it = o.find(name);
        if (it == o.end()) {
            bad = bad || required;
            return std::nullopt;
        }
        const std::string* v = it->get_ptr<const std::string*>();
        if (v == nullptr) {
            bad = true;
            return std::nullopt;
        }
        return *v;
    };
    auto time_member = [&](const char* name, bool required) -> std::optional<std::int64_t> {
        auto it = o.find(name);
        if (it == o.end()) {
            bad = bad || required;
            return std::nullopt;
        }
        if (!it->is_number_unsigned() || *it->get_ptr<const json::number_unsigned_t*>() > static_cast<std::uint64_t>(max_unix_seconds)) {
            bad = true;
            return std::nullopt;
        }
        return static_cast<std::int64_t>(*it->get_ptr<const json::number_unsigned_t*>());
    };

    s.endpoint = text_member("endpoint", true).value_or(std::string());
    s.client_id = text_member("client_id", true).value_or(std::string());
    const std::string state = text_member("state", true).value_or(std::string());
    if (bad) return bad_saved_state("lacks the endpoint, client_id or state, or one is not a string");
    auto config = o.find("config");
    if (config == o.end() || !config->is_object() || config->size() != 4)
        return bad_saved_state("lacks the digests of the options it was made with (config)");
    auto digest = [&](const char* name, std::string& to) {
        auto it = config->find(name);
        const std::string* v = it == config->end() ? nullptr : it->get_ptr<const std::string*>();
        if (v == nullptr || v->size() != 32) return false;
        for (char c : *v)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        to = *v;
        return true;
    };
    if (!digest("client", s.config.client) || !digest("id_token", s.config.id_token) || !digest("dpop", s.config.dpop) ||
        !digest("flow", s.config.flow))
        return bad_saved_state("has a config member that is not four digests (client, id_token, dpop, flow)");
    if (state != "idle" && state != "awaiting_code" && state != "mfa") return bad_saved_state("names a state a login is not saved in");
    s.code_outstanding = state == "awaiting_code";
    s.mfa = state == "mfa";
    s.start_retry_at = time_member("start_retry_at", false);
    s.token_retry_at = time_member("token_retry_at", false);
    if (bad) return bad_saved_state("has a retry time that is not a whole number of seconds in range");
    s.dpop_nonce = text_member("dpop_nonce", false).value_or(std::string());
    if (bad || (!s.dpop_nonce.empty() && !is_valid_dpop_nonce(s.dpop_nonce)))
        return bad_saved_state("has a dpop_nonce that is not a valid DPoP nonce");

    static constexpr std::string_view code_members[] = {"connection", "email", "phone_number", "send", "auth_params",
                                                        "language", "forwarded_for", "code_sent_at", "attempts",
                                                        "code_expired"};
    if (!s.code_outstanding) {
        for (std::string_view k : code_members)
            if (o.find(k) != o.end()) return bad_saved_state("has code members in a state without a code");
        return s;
    }
    s.params.connection = text_member("connection", true).value_or(std::string());
    s.params.email = text_member("email", false);
    s.params.phone_number = text_member("phone_number", false);
    if (auto send = text_member("send", false)) {
        auto m = parse_send_method(*send);
        if (!m.ok()) return bad_saved_state("has an unknown send method");
        s.params.send = m.value();
    }
    s.params.language = text_member("language", false);
    s.params.forwarded_for = text_member("forwarded_for", false);
    if (bad) return bad_saved_state("has a start parameter that is missing or not a string");
    auto ap = o.find("auth_params");
    if (ap != o.end()) {
        if (!ap->is_array() || ap->size() > 64) return bad_saved_state("has auth_params that are not a short array");
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const json& pair : *ap) {
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
                return bad_saved_state("has an auth_params entry that is not a pair of strings");
            pairs.emplace_back(*pair[0].get_ptr<const std::string*>(), *pair[1].get_ptr<const std::string*>());
        }
        s.params.auth_params = std::move(pairs);
    }
    s.code_sent_at = time_member("code_sent_at", true).value_or(0);
    s.attempts = time_member("attempts", true).value_or(0);
    auto expired = o.find("code_expired");
    if (expired == o.end() || !expired->is_boolean()) bad = true;
    else s.code_expired = *expired->get_ptr<const json::boolean_t*>();
    if (bad) return bad_saved_state("lacks code_sent_at, attempts or code_expired, or one has the wrong type");
    return s;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/dpop.hpp"
// passwordless: DPoP proofs (RFC 9449) without cryptography in the core. The caller holds an
// ES256 (P-256) key pair wherever it likes (Secure Enclave, Android KeyStore, TPM, OpenSSL) and
// passes its public coordinates and a signer; the library builds the proof around it.
//
// With DPoP, Auth0 binds the tokens to a key pair the app holds: a stolen refresh token is useless
// without the private key. The signer is a callable that gets the signing input and returns the
// raw 64-byte `r||s`, so the private key never leaves its store; proof ids (`jti`) come from your
// random source. With `flow_config::dpop` set, every /oauth/token request of the login carries a
// fresh proof (never /passwordless/start), the newest DPoP-Nonce of any answer is kept, and the
// `use_dpop_nonce` challenge Auth0 gives public clients is answered once by the flow itself; a
// second one reaches you as dpop_nonce_required. `require_binding` refuses a `Bearer` answer.
//
//     auto key = passwordless::openssl_dpop_key::generate();  // addons/openssl_dpop_signer.hpp, or your key store; once per install
//     passwordless::flow_config config;
//     config.dpop = passwordless::flow_dpop{key->key(), [] { return random_bytes(16); }, /*require_binding=*/true};
//     // ... drive login_flow as usual: tokens->token_type is "DPoP" ...
//     auto refresh = passwordless::refresh_exchange::create(client, {tokens->refresh_token.value(), {}, {}}, tokens->token_type,
//                                                           passwordless::refresh_dpop{key->key(), [] { return random_bytes(16); }},
//                                                           flow->dpop_nonce());
//     // API calls: Authorization: DPoP <token> and a proof with ath, answered 401 with a nonce at most once.
//     auto headers = passwordless::dpop_resource_headers(key->key(), {"GET", api_url, tokens->access_token, now, random_bytes(16), api_nonce});
//     if (response.status == 401) { auto e = passwordless::classify_resource_error(response, now); /* dpop_nonce_required: retry with e.dpop_nonce */ }
//
// What is stored where. The private key: in your key store, never in the library, never in a
// message (the OpenSSL add-on's to_pem() exists for a file you protect; passwordless-cli writes it
// mode 0600). The public key and its RFC 7638 thumbprint (dpop_public_key::thumbprint(),
// jwk_thumbprint() for any RSA, EC or OKP key): wherever you like; the access token's `cnf.jkt` is
// that thumbprint. Check the thumbprint of the key you load against the one you saved with the
// tokens to find a mismatch before a request does. The nonce: dpop_nonce.hpp. A lost key:
// dpop_refresh.hpp.
//
// The pieces: build_dpop_proof (header `typ`/`alg`/`jwk`, claims `jti`/`htm`/`htu`/`iat`/`nonce`/
// `ath`; `htu` normalised by dpop_htu: no query or fragment, lower-case scheme and host, no default
// port, path as sent); add_dpop_proof for a request the library built; dpop_resource_headers for
// API calls; parse_www_authenticate and find_dpop_challenge (www_authenticate.hpp: several
// challenges, quoted commas, escaped quotes); read_dpop_nonce and dpop_nonce_store. Everything
// unusable is invalid_argument before anything is signed: a key with private members, a signature
// that is not 64 bytes, a `jti` under 12 bytes, a URL that is not `https` (or loopback `http`). The
// kinds invalid_dpop_proof (fix_config) and dpop_nonce_required (retry, with error::dpop_nonce)
// are in the classifier's table. passwordless-cli `login --dpop` (a key for the run) or
// `--dpop-key FILE` and `refresh --dpop-key FILE` use all of it against a real tenant or the
// development tenant, which checks proofs (signature, `htm`, `htu`, `iat` within 300 s, `jti`
// replay, its nonce for public clients), issues `token_type: DPoP` and binds refresh tokens to the
// key. tests/interop/README.md runs it against oidc-provider with DPoP on; tests/bench/README.md
// gives its cost.
#ifndef PASSWORDLESS_DPOP_HPP
#define PASSWORDLESS_DPOP_HPP

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/client.hpp" (above)
// #include "passwordless/limits.hpp" (above)
// #include "passwordless/detail/base64.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/sha256.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/dpop_nonce.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/jwk_thumbprint.hpp"
// passwordless: JWK thumbprints (RFC 7638): SHA-256 over the key's required public members,
// sorted, without whitespace, as base64url. What Auth0 and oidc-provider put in cnf.jkt.
#ifndef PASSWORDLESS_JWK_THUMBPRINT_HPP
#define PASSWORDLESS_JWK_THUMBPRINT_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

// #include "passwordless/detail/base64.hpp" (above)
// #include "passwordless/detail/json_reader.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/sha256.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/limits.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

/// The coordinate size in bytes of a NIST curve JWKs name, or 0 for any other curve.
constexpr std::size_t ec_coordinate_bytes(std::string_view crv) noexcept {
    if (crv == "P-256") return 32;
    if (crv == "P-384") return 48;
    if (crv == "P-521") return 66;
    return 0;
}

/// base64url SHA-256 of `text` without padding.
PASSWORDLESS_FUNC std::string sha256_base64url(std::string_view text);

}  // namespace detail

/// The RFC 7638 thumbprint (SHA-256, base64url) of a public key given as JWK JSON text.
/// Supported: RSA (members e, kty, n), EC (crv, kty, x, y; for P-256/-384/-521 the coordinates
/// must have the curve's size) and OKP (crv, kty, x). Other members (kid, alg, use, and the
/// private members of a private key, which RFC 7638 §3.2.1 leaves out) do not change it.
/// A document that is not such a key (not JSON, no kty, another kty, a required member missing,
/// not a string or not strict base64url) is invalid_argument with field "key".
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> jwk_thumbprint(std::string_view jwk_json, const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::string sha256_base64url(std::string_view text) {
    return base64_encode(sha256(text), base64_alphabet::url, false);
}

}  // namespace detail

PASSWORDLESS_FUNC result<std::string> jwk_thumbprint(std::string_view jwk_json, const checked_limits& limits) {
    auto bad = [](std::string_view problem) { return error::invalid_argument("key", problem); };
    detail::json_read_result doc = detail::read_json(jwk_json, limits.max_token_bytes(), limits.max_json_depth());
    if (doc.status != detail::json_read_status::ok || !doc.value.is_object())
        return bad("is not a JSON object within the size and depth limits");
    const std::string* kty = detail::find_string(doc.value, "kty");
    if (kty == nullptr) return bad("has no string kty");
    auto member = [&](const char* name, bool base64url, std::string& out) -> bool {
        const std::string* v = detail::find_string(doc.value, name);
        if (v == nullptr || v->empty() || !detail::is_visible_ascii(*v, false)) return false;
        if (base64url && !detail::base64url_decode_strict(*v)) return false;
        out = *v;
        return true;
    };
    std::string canonical;
    auto add = [&](const char* name, const std::string& value) {
        canonical.push_back(canonical.empty() ? '{' : ',');
        detail::append_json_string(canonical, name);
        canonical.push_back(':');
        detail::append_json_string(canonical, value);
    };
    std::string a;
    std::string b;
    std::string crv;
    if (*kty == "RSA") {
        if (!member("e", true, a) || !member("n", true, b)) return bad("is an RSA key without base64url n and e");
        add("e", a);
        add("kty", *kty);
        add("n", b);
    } else if (*kty == "EC") {
        if (!member("crv", false, crv) || !member("x", true, a) || !member("y", true, b))
            return bad("is an EC key without crv and base64url x and y");
        const std::size_t size = detail::ec_coordinate_bytes(crv);
        if (size != 0 && (detail::base64url_decode_strict(a)->size() != size ||
                          detail::base64url_decode_strict(b)->size() != size))
            return bad("has EC coordinates of the wrong size for its curve");
        add("crv", crv);
        add("kty", *kty);
        add("x", a);
        add("y", b);
    } else if (*kty == "OKP") {
        if (!member("crv", false, crv) || !member("x", true, a)) return bad("is an OKP key without crv and base64url x");
        add("crv", crv);
        add("kty", *kty);
        add("x", a);
    } else {
        return bad("has a kty other than RSA, EC or OKP");
    }
    canonical.push_back('}');
    return detail::sha256_base64url(canonical);
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/result.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// The public half of an ES256 (P-256) key: the coordinates x and y as base64url of their 32
/// big-endian bytes each (the JWK's "x" and "y"). Build it with from_jwk or from_coordinates.
struct dpop_public_key {
    std::string x;
    std::string y;

    /// Reads a public JWK {"kty":"EC","crv":"P-256","x":...,"y":...}. Refused (invalid_argument,
    /// field "key"): another kty, crv or alg than ES256, coordinates that are not 32 bytes of
    /// strict base64url, and any private member (d, or RSA/oct ones): a proof's jwk must never
    /// carry them, so a key that has them is refused rather than trimmed.
    [[nodiscard]] static result<dpop_public_key> from_jwk(std::string_view jwk_json, const checked_limits& limits = {});

    /// From the raw 32-byte big-endian coordinates (as a platform key store exports them).
    [[nodiscard]] static result<dpop_public_key> from_coordinates(std::string_view x_bytes, std::string_view y_bytes);

    /// Empty when x and y are each strict base64url of 32 bytes; else the invalid_argument error.
    [[nodiscard]] std::optional<error> validate() const;

    /// The public JWK with the required members in RFC 7638 order:
    /// {"crv":"P-256","kty":"EC","x":"...","y":"..."}.
    [[nodiscard]] std::string jwk_json() const;

    /// The key's RFC 7638 thumbprint (what a DPoP-bound token's cnf.jkt holds).
    [[nodiscard]] std::string thumbprint() const;
};

/// Signs a proof: given the JWS signing input (ASCII header.payload), returns the ES256
/// signature as raw r||s, exactly 64 bytes (not DER). Anything else (e.g. an empty string when
/// the key store failed) makes the proof fail with invalid_argument, field "signature".
using dpop_signer = std::function<std::string(std::string_view signing_input)>;

/// The caller's random source for proof ids: returns fresh random bytes (12 to 64, e.g. 16 from
/// a CSPRNG) on every call. The library calls it once per proof and never keeps the bytes.
using dpop_jti_source = std::function<std::string()>;

/// A DPoP key as the library sees it: the public key and a way to sign with the private one.
struct dpop_key {
    dpop_public_key public_key;
    dpop_signer signer;
};

/// Everything one proof depends on besides the key.
struct dpop_proof_params {
    std::string_view method;        ///< the request's method, upper case ("POST")
    std::string_view url;           ///< the request's absolute URL (query and fragment are dropped)
    unix_seconds now = 0;           ///< iat
    std::string_view jti;           ///< at least 12 fresh random bytes; a new value for every proof
    std::string_view nonce;         ///< the server's latest DPoP-Nonce; empty: none
    std::string_view access_token;  ///< resource requests only (gives ath); empty on /oauth/token
};

/// The shortest and longest jti byte strings accepted (RFC 9449 §4.2: at least 96 random bits).
inline constexpr std::size_t min_dpop_jti_bytes = 12;
inline constexpr std::size_t max_dpop_jti_bytes = 64;

/// The htu claim for `url` (RFC 9449 §4.2, RFC 3986 §6.2.2-6.2.3): query and fragment dropped,
/// scheme and host lower case, the default port dropped, an empty path made "/", the path
/// otherwise exactly as given. The URL must be absolute https, or http to a loopback host
/// (127.x.x.x, localhost, [::1]), without user info, controls, spaces or non-ASCII bytes;
/// anything else is invalid_argument with field "url".
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> dpop_htu(std::string_view url);

/// Builds a DPoP proof (the value of the DPoP header) exactly as RFC 9449 §4.2 and Auth0 want:
/// header {"typ":"dpop+jwt","alg":"ES256","jwk":{public key}}, claims jti (base64url of the
/// given bytes), htm, htu (dpop_htu), iat, then nonce and ath (base64url SHA-256 of the access
/// token) when given. Refused with invalid_argument: a key that fails validate() (field "key"), no
/// signer ("signer"), a method that is not an upper-case token ("method"), a URL dpop_htu
/// refuses ("url"), `now` outside 0 to 9999-12-31 ("now"), a jti under 12 or over 64 bytes
/// ("jti"), a nonce that is not a valid DPoP nonce ("nonce"), an access token that is not
/// printable ASCII up to 64 KiB ("access_token"), a signature that is not 64 bytes ("signature").
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> build_dpop_proof(const dpop_key& key, const dpop_proof_params& p);

/// A resource (API) request with a DPoP-bound access token.
struct dpop_resource_params {
    std::string_view method;        ///< e.g. "GET"
    std::string_view url;           ///< the API URL, as it will be sent
    std::string_view access_token;  ///< a DPoP-bound access token (token_type DPoP)
    unix_seconds now = 0;
    std::string_view jti;           ///< fresh random bytes, as for build_dpop_proof
    std::string_view nonce;         ///< the resource server's latest DPoP-Nonce; empty: none
};

/// The two headers a DPoP-bound API call carries, in order: authorization "DPoP <token>" and
/// dpop with a proof whose ath is the token's hash. Errors as build_dpop_proof (an empty access
/// token is invalid_argument, field "access_token").
[[nodiscard]] PASSWORDLESS_FUNC result<std::vector<header>> dpop_resource_headers(const dpop_key& key, const dpop_resource_params& p);

/// Adds a DPoP header with a fresh proof for `r` (its method and URL) to a request the library
/// built, e.g. a token request. Any DPoP header already there is replaced.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<error> add_dpop_proof(request& r, const dpop_key& key, unix_seconds now,
                                                  std::string_view jti, std::string_view nonce);

/// True when a token response's token_type says the tokens are DPoP-bound (ignoring case).
[[nodiscard]] PASSWORDLESS_FUNC bool is_dpop_token_type(std::string_view token_type) noexcept;

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<dpop_public_key> dpop_public_key::from_jwk(std::string_view jwk_json, const checked_limits& limits) {
    auto bad = [](std::string_view problem) { return error::invalid_argument("key", problem); };
    detail::json_read_result doc = detail::read_json(jwk_json, limits.max_input_bytes(), limits.max_json_depth());
    if (doc.status != detail::json_read_status::ok || !doc.value.is_object())
        return bad("is not a JSON object within the size and depth limits");
    for (const char* secret : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
        if (doc.value.contains(secret)) return bad("has private key members; pass the public key only");
    const std::string* kty = detail::find_string(doc.value, "kty");
    const std::string* crv = detail::find_string(doc.value, "crv");
    if (kty == nullptr || *kty != "EC" || crv == nullptr || *crv != "P-256")
        return bad("must be an EC key on curve P-256 (DPoP uses ES256)");
    if (doc.value.contains("alg")) {
        const std::string* alg = detail::find_string(doc.value, "alg");
        if (alg == nullptr || *alg != "ES256") return bad("has an alg other than ES256");
    }
    const std::string* x = detail::find_string(doc.value, "x");
    const std::string* y = detail::find_string(doc.value, "y");
    if (x == nullptr || y == nullptr) return bad("needs string members x and y");
    dpop_public_key k{*x, *y};
    if (auto e = k.validate()) return std::move(*e);
    return k;
}

PASSWORDLESS_FUNC result<dpop_public_key> dpop_public_key::from_coordinates(std::string_view x_bytes, std::string_view y_bytes) {
    if (x_bytes.size() != 32 || y_bytes.size() != 32)
        return error::invalid_argument("key", "coordinates must be 32 bytes each (P-256)");
    return dpop_public_key{detail::base64_encode(x_bytes, detail::base64_alphabet::url, false),
                           detail::base64_encode(y_bytes, detail::base64_alphabet::url, false)};
}

PASSWORDLESS_FUNC std::optional<error> dpop_public_key::validate() const {
    // 32 bytes are 43 base64url characters whose last one carries 4 bits and 2 zero bits.
    for (const std::string* c : {&x, &y}) {
        bool ok = c->size() == 43;
        for (std::size_t i = 0; ok && i < c->size(); ++i) {
            const int v = detail::base64_value((*c)[i], detail::base64_alphabet::url);
            ok = v >= 0 && (i != 42 || (v & 3) == 0);
        }
        if (!ok) return error::invalid_argument("key", "coordinates x and y must be base64url of 32 bytes each (P-256)");
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC std::string dpop_public_key::jwk_json() const {
    std::string out = R"({"crv":"P-256","kty":"EC","x":)";
    detail::append_json_string(out, x);
    out.append(R"(,"y":)");
    detail::append_json_string(out, y);
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC std::string dpop_public_key::thumbprint() const { return detail::sha256_base64url(jwk_json()); }

PASSWORDLESS_FUNC result<std::string> dpop_htu(std::string_view url) {
    auto bad = [](std::string_view problem) { return error::invalid_argument("url", problem); };
    if (url.size() > 8 * 1024) return bad("is longer than 8 KiB");
    if (!detail::is_visible_ascii(url, false)) return bad("must be printable ASCII without spaces");
    const std::size_t colon = url.find("://");
    if (colon == std::string_view::npos) return bad("must be an absolute https URL");
    const std::string_view scheme_in = url.substr(0, colon);
    auto scheme_is = [&](std::string_view want) {
        if (scheme_in.size() != want.size()) return false;
        for (std::size_t i = 0; i < want.size(); ++i)
            if (detail::ascii_lower(scheme_in[i]) != want[i]) return false;
        return true;
    };
    const bool https = scheme_is("https");
    if (!https && !scheme_is("http")) return bad("must use https (or http for a loopback host)");
    const std::string_view rest = url.substr(colon + 3);
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != '?' && rest[end] != '#') ++end;
    const std::string_view before_query = rest.substr(0, end);
    const std::size_t slash = before_query.find('/');
    const std::string_view authority = before_query.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? std::string_view("/") : before_query.substr(slash);
    if (authority.find('@') != std::string_view::npos) return bad("must not contain user info");
    // The port: digits after the last ':' that is not inside an IPv6 literal.
    std::string_view host = authority;
    std::string_view port;
    const std::size_t bracket = authority.rfind(']');
    const std::size_t port_colon = authority.rfind(':');
    if (port_colon != std::string_view::npos && (bracket == std::string_view::npos || port_colon > bracket)) {
        host = authority.substr(0, port_colon);
        port = authority.substr(port_colon + 1);
    }
    std::string out;
    out.reserve(8 + host.size() + 6 + path.size());
    out.append(https ? "https://" : "http://");
    for (char c : host) out.push_back(detail::ascii_lower(c));
    const std::string_view lower_host = std::string_view(out).substr(https ? 8 : 7);
    const bool literal6 = lower_host.size() > 2 && lower_host.front() == '[' && lower_host.back() == ']';
    if (literal6 ? !detail::parse_ipv6(lower_host.substr(1, lower_host.size() - 2)) : !detail::is_dns_host(lower_host))
        return bad("must name a valid host");
    if (!https && !detail::is_loopback_host(lower_host))
        return bad("may use http only for a loopback host (127.x.x.x, localhost, [::1])");
    if (!port.empty()) {
        if (!detail::is_port(port)) return bad("has a port outside 1-65535");
        long value = 0;
        for (char c : port) value = value * 10 + (c - '0');
        if (value != (https ? 443 : 80)) out.append(":").append(std::to_string(value));
    }
    out.append(path);
    return out;
}

PASSWORDLESS_FUNC result<std::string> build_dpop_proof(const dpop_key& key, const dpop_proof_params& p) {
    if (auto e = key.public_key.validate()) return std::move(*e);
    if (!key.signer) return error::invalid_argument("signer", "must be set");
    if (p.method.empty() || p.method.size() > 32) return error::invalid_argument("method", "must be 1 to 32 characters");
    for (char c : p.method)
        if (!(c >= 'A' && c <= 'Z') && c != '-' && c != '_')
            return error::invalid_argument("method", "must be an upper-case HTTP method such as POST");
    result<std::string> htu = dpop_htu(p.url);
    if (!htu.ok()) return std::move(htu).failure();
    if (auto e = detail::check_now(p.now)) return std::move(*e);
    if (p.jti.size() < min_dpop_jti_bytes || p.jti.size() > max_dpop_jti_bytes)
        return error::invalid_argument("jti", "must be 12 to 64 random bytes");
    if (!p.nonce.empty() && !is_valid_dpop_nonce(p.nonce))
        return error::invalid_argument("nonce", "is not a valid DPoP nonce");
    if (!p.access_token.empty())
        if (auto e = detail::check_header_text("access_token", p.access_token, 64 * 1024, false)) return std::move(*e);

    // The header and the payload are written into one buffer, then base64url-encoded into the JWS.
    std::string json;
    json.reserve(256 + htu.value().size() + p.nonce.size());
    json.append(R"({"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":")");
    json.append(key.public_key.x).append(R"(","y":")").append(key.public_key.y).append("\"}}");  // validated: no escapes
    const std::size_t header_size = json.size();
    json.append(R"({"jti":")");
    detail::append_base64(json, p.jti, detail::base64_alphabet::url, false);
    json.append(R"(","htm":")").append(p.method);  // upper-case letters, '-' and '_' only
    json.append(R"(","htu":)");
    bool plain = true;
    for (char c : htu.value()) plain = plain && c != '"' && c != '\\';
    if (plain)
        json.append("\"").append(htu.value()).append("\"");  // printable ASCII: nothing to escape
    else
        detail::append_json_string(json, htu.value());
    json.append(R"(,"iat":)").append(std::to_string(p.now));
    if (!p.nonce.empty()) json.append(R"(,"nonce":")").append(p.nonce).append("\"");  // NQCHAR: no escapes needed
    if (!p.access_token.empty()) {
        json.append(R"(,"ath":")");
        detail::append_base64(json, detail::sha256(p.access_token), detail::base64_alphabet::url, false);
        json.push_back('"');
    }
    json.push_back('}');

    std::string jws;
    jws.reserve((json.size() + 64) / 3 * 4 + 8);
    detail::append_base64(jws, std::string_view(json).substr(0, header_size), detail::base64_alphabet::url, false);
    jws.push_back('.');
    detail::append_base64(jws, std::string_view(json).substr(header_size), detail::base64_alphabet::url, false);
    const std::string signature = key.signer(jws);
    if (signature.size() != 64)
        return error::invalid_argument("signature", "the signer must return the raw 64-byte r||s of an ES256 signature");
    jws.push_back('.');
    detail::append_base64(jws, signature, detail::base64_alphabet::url, false);
    return jws;
}

PASSWORDLESS_FUNC result<std::vector<header>> dpop_resource_headers(const dpop_key& key, const dpop_resource_params& p) {
    if (p.access_token.empty()) return error::invalid_argument("access_token", "must not be empty");
    result<std::string> proof = build_dpop_proof(key, {p.method, p.url, p.now, p.jti, p.nonce, p.access_token});
    if (!proof.ok()) return std::move(proof).failure();
    std::vector<header> out;
    out.push_back({"authorization", "DPoP " + std::string(p.access_token)});
    out.push_back({"dpop", std::move(proof).value()});
    return out;
}

PASSWORDLESS_FUNC std::optional<error> add_dpop_proof(request& r, const dpop_key& key, unix_seconds now,
                                                  std::string_view jti, std::string_view nonce) {
    result<std::string> proof = build_dpop_proof(key, {r.method, r.url, now, jti, nonce, {}});
    if (!proof.ok()) return std::move(proof).failure();
    for (auto it = r.headers.begin(); it != r.headers.end();) {
        if (header_name_equals(it->name, "dpop"))
            it = r.headers.erase(it);
        else
            ++it;
    }
    r.headers.push_back({"dpop", std::move(proof).value()});
    return std::nullopt;
}

PASSWORDLESS_FUNC bool is_dpop_token_type(std::string_view token_type) noexcept {
    return token_type.size() == 4 && detail::ascii_lower(token_type[0]) == 'd' && detail::ascii_lower(token_type[1]) == 'p' &&
           detail::ascii_lower(token_type[2]) == 'o' && detail::ascii_lower(token_type[3]) == 'p';
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/dpop_nonce.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/flow_tables.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/id_token.hpp" (above)
// #include "passwordless/jwks.hpp" (above)
// #include "passwordless/mfa.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/start.hpp" (above)
// #include "passwordless/token.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// What a step reports besides requests and errors.
struct flow_event {
    enum class type : std::uint8_t { code_sent, link_sent, authenticated, mfa_required };
    type kind = type::code_sent;
    std::optional<unix_seconds> resend_after;      ///< code_sent / link_sent: when resend is allowed
    std::optional<unix_seconds> code_expires_at;   ///< code_sent / link_sent, only when code_lifetime is set
    std::optional<token_set> tokens;               ///< authenticated
    std::optional<id_token_claims> claims;         ///< authenticated, when an ID token was verified
    std::vector<mfa_authenticator> authenticators; ///< mfa_required: the user's authenticators, to choose from
    std::optional<mfa_factor_requirements> requirements;  ///< mfa_required: the server's mfa_requirements, if any
};

[[nodiscard]] constexpr std::string_view to_string(flow_event::type t) noexcept {
    switch (t) {
        case flow_event::type::code_sent: return "code_sent";
        case flow_event::type::link_sent: return "link_sent";
        case flow_event::type::authenticated: return "authenticated";
        case flow_event::type::mfa_required: return "mfa_required";
    }
    return "code_sent";
}

/// The result of one call: the state after it, and at most one request, event and error.
struct [[nodiscard]] flow_step {
    flow_state state = flow_state::idle;
    flow_next next = flow_next::none;
    std::optional<passwordless::request> request;   ///< send this
    std::optional<flow_event> event;                ///< something happened
    std::optional<passwordless::error> error;       ///< something failed or was refused
    std::optional<unix_seconds> poll_at;            ///< awaiting_approval: poll() is allowed from this time
};

/// Where the flow finds the keys that sign ID tokens.
enum class key_source : std::uint8_t {
    caller,  ///< flow_config::verifier does the whole signature check, keys included
    fetch,   ///< the flow fetches the tenant's JWKS as a request step; key_verifier does the math
};

/// The signature math for one key the flow fetched (key_source::fetch): true when
/// `in.signature` is a valid signature over `in.signing_input` by `key` for `in.algorithm`.
/// The flow has already matched `in.key_id` to `key`. It must not throw.
using key_signature_verifier = std::function<bool(const signature_input&, const jwk&)>;

/// DPoP (RFC 9449, PROTOCOL.md 9.8) for a login: every /oauth/token request carries a fresh
/// proof by `key` (never /passwordless/start), the newest DPoP-Nonce of any answer is kept, and
/// a use_dpop_nonce answer makes the flow send the token request once more by itself.
struct flow_dpop {
    dpop_key key;         ///< the public key and the signer (the private key stays with the caller)
    dpop_jti_source jti;  ///< fresh random bytes for every proof, resends included
    /// Refuse tokens the server did not bind (token_type other than DPoP) with invalid_dpop_proof.
    bool require_binding = false;
};

/// Rules and options of a login. login_flow::create checks every member.
struct flow_config {
    /// Your tenant's OTP Expiry in seconds (1 to 86400). Unset (the default): the server decides
    /// when a code expired (PROTOCOL.md 9.2) and events carry no code_expires_at.
    std::optional<unix_seconds> code_lifetime;
    unix_seconds resend_cooldown = 30;  ///< minimum time between two codes (0 to 86400)
    int max_attempts = 3;               ///< wrong codes before a code is used up (1 to 100)
    std::optional<std::string> audience;  ///< for the token request
    std::optional<std::string> scope;     ///< for the token request
    /// When set, the ID token is required and verified; issuer and client_id must match the
    /// client (issuer: expected_issuer(client), with or without its trailing slash).
    std::optional<id_token_expectations> id_token;
    /// key_source::caller: the whole signature check (see id_token.hpp).
    signature_verifier verifier;
    /// Where the keys come from; with fetch, `key_verifier` is required and `verifier` unused.
    key_source keys = key_source::caller;
    key_signature_verifier key_verifier;
    /// key_source::fetch: the JWKS URL; unset: the tenant's /.well-known/jwks.json.
    std::optional<std::string> jwks_uri;
    /// key_source::fetch: the caller's key cache, shared between logins (it must outlive the flow);
    /// null: the flow keeps its own for this login.
    jwks_cache* key_cache = nullptr;
    /// Verify the ID token's claims but not its signature (see dangerous_skip_signature_check).
    bool dangerous_skip_signature_check = false;
    /// DPoP-bound tokens; unset: Bearer tokens, no proofs.
    std::optional<flow_dpop> dpop;
    /// Continue after mfa_required (PROTOCOL.md 10) instead of failing with it: list the
    /// authenticators, let the app choose, challenge, and finish with an MFA grant. Off by default.
    bool mfa = false;
};

/// One passwordless login. Every call takes `now` (Unix seconds) and returns a flow_step; calls
/// that are not allowed in the current state return invalid_state and change nothing.
class login_flow {
public:
    /// Validates the client-dependent configuration now, so nothing is found wrong after the user
    /// typed the code (invalid_argument naming the field).
    [[nodiscard]] static result<login_flow> create(client c, flow_config config);

    /// Continues a login saved by save(): validates `config` as create does, then the text, which
    /// is untrusted input: malformed, from another version, sealed, for another client or domain,
    /// made under other options (the message names the groups that differ: client, ID-token
    /// checks, DPoP, login rules), or with values out of range is invalid_argument with field
    /// saved_state. The machine is in idle or awaiting_code afterwards (a login saved with a
    /// request out is back before that request), or failed with failure() mfa_token_invalid for
    /// a login saved during MFA (see restore_with_mfa_token).
    [[nodiscard]] static result<login_flow> restore(client c, flow_config config, std::string_view saved, unix_seconds now);

    /// restore() of a text sealed by save(seal_key): a key under 16 bytes is invalid_argument
    /// with field seal_key; a text without a seal, or whose seal does not match, is refused with
    /// field saved_state.
    [[nodiscard]] static result<login_flow> restore(client c, flow_config config, std::string_view saved, unix_seconds now,
                                                    std::string_view seal_key);

    /// The pending login as versioned text for restore() (see README, "Saving a login"): the
    /// start parameters (a link's state and nonce are sensitive), when the code was requested,
    /// attempts, rate-limit waits, and digests of the client and options (no secret) that restore
    /// compares. Never the code, a client secret or a token. A login with a request out is saved
    /// as it was before that request; one that ended is saved as idle.
    [[nodiscard]] std::string save() const;

    /// save() with an HMAC-SHA256 seal under `seal_key` (at least 16 bytes, else invalid_argument
    /// with field seal_key), for storage others can write: restore then refuses any edit.
    [[nodiscard]] result<std::string> save(std::string_view seal_key) const;

    [[nodiscard]] flow_state state() const noexcept;

    /// The newest DPoP nonce the server gave (empty: none, or DPoP not configured). save() keeps it.
    [[nodiscard]] const std::string& dpop_nonce() const noexcept;

    /// When the code outstanding stops being accepted: known only when code_lifetime is set.
    [[nodiscard]] std::optional<unix_seconds> code_expires_at() const noexcept;

    /// The earliest time something changes by itself: the code's expiry, the end of a wait, or
    /// (awaiting_approval) poll_at.
    [[nodiscard]] std::optional<unix_seconds> next_deadline() const noexcept;

    /// Asks Auth0 to send a code or link (allowed in idle, and in awaiting_code to start over).
    flow_step start(const start_params& params, unix_seconds now);

    /// Asks for a new code with the same parameters (allowed in awaiting_code, after the cooldown).
    flow_step resend(unix_seconds now);

    /// Trades the code the user typed for tokens (allowed in awaiting_code). Refused locally,
    /// without a request, when the code is malformed or a guard says no (check_flow_guards).
    flow_step submit_code(std::string_view code, unix_seconds now);

    /// Feeds the response to the request out (allowed in sending_code, verifying_code and
    /// fetching_keys).
    flow_step on_response(const response& r, unix_seconds now);

    /// Reports that the request out never completed; the machine returns to the state before it
    /// (or, fetching keys, keeps the tokens for retry()).
    flow_step on_transport_failure(unix_seconds /*now*/);

    /// Sends the failed key fetch again (allowed in fetching_keys when no request is out).
    flow_step retry(unix_seconds now);

    /// MFA: picks an authenticator of the mfa_required event by id (allowed in
    /// choosing_authenticator). otp and recovery-code need no challenge (awaiting_mfa_code); oob
    /// is challenged (a POST /mfa/challenge to send). An unknown id, or a type the flow cannot use,
    /// is invalid_argument with field authenticator_id.
    flow_step choose_authenticator(std::string_view authenticator_id, unix_seconds now);

    /// MFA: the code the user typed (allowed in choosing_authenticator and awaiting_mfa_code): the
    /// binding code of an oob challenge that asked for one, else an OTP authenticator's code.
    flow_step submit_mfa_code(std::string_view code, unix_seconds now);

    /// MFA: a recovery code (allowed in choosing_authenticator and awaiting_mfa_code).
    flow_step submit_recovery_code(std::string_view code, unix_seconds now);

    /// MFA: asks whether the push was approved (allowed in awaiting_approval from step.poll_at;
    /// earlier is invalid_state with retry_at = poll_at).
    flow_step poll(unix_seconds now);

    /// When poll() is allowed (awaiting_approval only).
    [[nodiscard]] std::optional<unix_seconds> poll_at() const noexcept;

    /// The mfa_token the login holds while it is in an MFA state (empty otherwise): a secret. Keep
    /// it in your secure store beside a save() made during MFA, for restore_with_mfa_token.
    [[nodiscard]] std::string_view mfa_token() const noexcept;

    /// The error that ended the login, while the state is failed (for a login restored from a
    /// text saved during MFA without its mfa_token: mfa_token_invalid).
    [[nodiscard]] const std::optional<error>& failure() const noexcept;

    /// restore() of a text saved during MFA, with the mfa_token the caller kept in its secure
    /// store (save() never writes it): the login continues in listing_authenticators, and retry()
    /// sends the list request. Without it (plain restore) such a login is failed with
    /// mfa_token_invalid. `seal_key` empty: the text is not sealed.
    [[nodiscard]] static result<login_flow> restore_with_mfa_token(client c, flow_config config, std::string_view saved,
                                                                   unix_seconds now, std::string_view mfa_token,
                                                                   std::string_view seal_key = {});

    /// Abandons the login (allowed in every state); what the server said about rate limits is kept.
    flow_step cancel(unix_seconds /*now*/);

private:
    login_flow(client c, flow_config config);

    static result<login_flow> restore_text(client c, flow_config config, std::string_view saved, unix_seconds now,
                                           const std::string_view* seal_key, const std::string_view* mfa_token = nullptr);

    /// The digests of the client and configuration that save() writes and restore() compares.
    detail::saved_login_digests promised() const;

    static error nothing_out();

    /// A copy of the token request `r` with a fresh DPoP proof (new jti, the newest nonce), or `r`
    /// itself without DPoP.
    result<request> with_dpop_proof(const request& r, unix_seconds now) const;

    jwks_cache& cache() noexcept;

    flow_guard_facts facts() const;

    // The OTP grant for the code outstanding, but for the code itself.
    void set_grant();

    flow_request answering() const;

    flow_step send_start(flow_input input, const start_params& params, unix_seconds now);

    /// The GET of the JWKS.
    request keys_request() const;

    /// Every request the flow asks for leaves through here (the one place to add a header, such
    /// as a DPoP proof, to all of them).
    flow_step send(flow_input input, request req, flow_outcome outcome = flow_outcome::accepted);

    /// A failed answer (or a lost request): the answer table decides the outcome and effect.
    flow_step answered(flow_input input, error e);

    flow_step start_answered(const response& r, unix_seconds now);

    flow_step token_answered(const response& r, unix_seconds now);

    flow_step keys_answered(const response& r, unix_seconds now);

    // MFA: the list of authenticators, the challenge, and the MFA grant answered.
    flow_step list_answered(const response& r, unix_seconds now);
    flow_step challenge_answered(const response& r, unix_seconds now);
    flow_step mfa_answered(const response& r, unix_seconds now);

    // mfa_required after a code or an MFA grant: list the authenticators with the new token.
    flow_step mfa_needed(flow_input input, error e);

    // An MFA grant request, with its DPoP proof, sent from the current state.
    flow_step send_mfa_grant(flow_input input, token_grant grant, result<request> req, unix_seconds now);

    // The GET /mfa/authenticators for the mfa_token held.
    request list_request() const;

    // Forgets every MFA secret and fact.
    void clear_mfa();

    // Verifies the held ID token (when configured) and delivers the tokens; with fetched keys, an
    // unknown kid asks for the JWKS while the cache allows it (at most twice per token response).
    flow_step verify_held(unix_seconds now);

    flow_step misuse(flow_input input) const;

    flow_step refuse(flow_input input, error e);

    flow_step go(flow_input input, flow_outcome outcome, std::optional<request> req, std::optional<flow_event> ev,
                 std::optional<error> e);

    client client_;
    flow_config config_;
    jwks_cache own_cache_;                  // when config_.key_cache is null
    flow_state state_ = flow_state::idle;
    flow_state origin_ = flow_state::idle;  // the state before the request out
    bool request_out_ = false;
    start_params params_;                   // of the code outstanding
    start_params pending_;                  // of the start request out
    unix_seconds pending_at_ = 0;
    std::optional<unix_seconds> code_sent_at_;  // of the code outstanding
    bool code_expired_ = false;             // the server said so
    std::optional<unix_seconds> start_retry_at_;
    std::optional<unix_seconds> token_retry_at_;
    int attempts_ = 0;
    otp_grant_params grant_;                // for the code outstanding (otp set per submit)
    std::optional<token_set> held_;         // tokens waiting for their ID token's keys
    int key_fetches_ = 0;                   // for the held tokens
    dpop_nonce_store nonce_;                // DPoP: the newest nonce any answer carried
    std::optional<request> token_request_;  // DPoP: the token request out, without its proof
    bool nonce_resent_ = false;             // DPoP: the one use_dpop_nonce resend was made
    // MFA (flow_config::mfa): the secrets live here only while the login is in an MFA state.
    std::string mfa_token_;
    std::optional<mfa_factor_requirements> mfa_requirements_;
    std::vector<mfa_authenticator> authenticators_;
    std::optional<mfa_authenticator> chosen_;
    std::string oob_code_;                  // of the oob challenge answered
    bool binding_prompt_ = false;           // the challenge asked the user to type a code
    std::optional<unix_seconds> poll_at_;   // awaiting_approval
    int mfa_rounds_ = 0;                    // mfa_required answers followed
    token_grant mfa_grant_ = token_grant::unspecified;  // of the MFA grant out
    flow_state mfa_origin_ = flow_state::idle;          // the MFA state the grant was sent from
    std::optional<error> failure_;          // the error that ended the login (state failed)
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<login_flow> login_flow::create(client c, flow_config config) {
    const std::size_t max = c.limits().max_input_bytes();
    if (config.code_lifetime && (*config.code_lifetime < 1 || *config.code_lifetime > 86400))
        return error::invalid_argument("code_lifetime", "must be between 1 and 86400 seconds when set");
    if (config.resend_cooldown < 0 || config.resend_cooldown > 86400)
        return error::invalid_argument("resend_cooldown", "must be between 0 and 86400 seconds");
    if (config.max_attempts < 1 || config.max_attempts > 100)
        return error::invalid_argument("max_attempts", "must be between 1 and 100");
    if (auto e = detail::check_optional_audience(config.audience, max)) return std::move(*e);
    if (auto e = detail::check_optional_scope(config.scope, max)) return std::move(*e);
    const bool fetch = config.keys == key_source::fetch;
    if (config.keys != key_source::caller && !fetch) return error::invalid_argument("keys", "must be caller or fetch");
    if (config.id_token) {
        if (auto e = detail::check_expectations(*config.id_token, 0)) {
            e->field = "id_token." + e->field;
            e->description = "id_token." + e->description;
            return std::move(*e);
        }
        const std::string issuer = expected_issuer(c);
        if (config.id_token->issuer != issuer && config.id_token->issuer != issuer.substr(0, issuer.size() - 1))
            return error::invalid_argument("id_token.issuer", "must be the client's issuer (see expected_issuer)");
        if (config.id_token->client_id != c.client_id())
            return error::invalid_argument("id_token.client_id", "must be the client's client_id");
        if (config.dangerous_skip_signature_check && fetch)
            return error::invalid_argument("keys", "cannot be fetch when the signature check is skipped");
        if (!fetch && !config.verifier && !config.dangerous_skip_signature_check)
            return error::invalid_argument("verifier", "is required to verify ID tokens");
        if (fetch && !config.key_verifier)
            return error::invalid_argument("key_verifier", "is required when the flow fetches the keys");
    }
    if (config.jwks_uri) {
        const std::string& u = *config.jwks_uri;
        if (auto e = detail::check_header_text("jwks_uri", u, max, false)) return std::move(*e);
        if (u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0)
            return error::invalid_argument("jwks_uri", "must be an http(s) URL");
    }
    if (config.dpop) {
        if (auto e = config.dpop->key.public_key.validate()) {
            e->field = "dpop.key";
            return std::move(*e);
        }
        if (!config.dpop->key.signer) return error::invalid_argument("dpop.signer", "is required with DPoP");
        if (!config.dpop->jti) return error::invalid_argument("dpop.jti", "is required with DPoP (a random source)");
    }
    return login_flow(std::move(c), std::move(config));
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore(client c, flow_config config, std::string_view saved, unix_seconds now) {
    return restore_text(std::move(c), std::move(config), saved, now, nullptr);
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore(client c, flow_config config, std::string_view saved, unix_seconds now,
                                                         std::string_view seal_key) {
    return restore_text(std::move(c), std::move(config), saved, now, &seal_key);
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore_with_mfa_token(client c, flow_config config, std::string_view saved,
                                                                        unix_seconds now, std::string_view mfa_token,
                                                                        std::string_view seal_key) {
    return restore_text(std::move(c), std::move(config), saved, now, seal_key.empty() ? nullptr : &seal_key, &mfa_token);
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore_text(client c, flow_config config, std::string_view saved,
                                                              unix_seconds now, const std::string_view* seal_key,
                                                              const std::string_view* mfa_token) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (seal_key != nullptr && seal_key->size() < detail::min_seal_key_bytes)
        return error::invalid_argument("seal_key", "must be at least 16 bytes");
    auto created = create(std::move(c), std::move(config));
    if (!created.ok()) return created;
    login_flow& f = created.value();
    const std::size_t max_bytes = f.client_.limits().max_body_bytes();
    if (saved.size() > max_bytes) return detail::bad_saved_state("is longer than the body size limit");
    std::string unsealed;
    if (seal_key != nullptr) {
        auto opened = detail::unseal_saved_login(saved, *seal_key);
        if (!opened.ok()) return std::move(opened).failure();
        unsealed = std::move(opened).value();
        saved = unsealed;
    }
    auto s = detail::read_saved_login(saved, max_bytes, f.client_.limits().max_json_depth());
    if (!s.ok()) return std::move(s).failure();
    if (s->endpoint != f.client_.endpoint_url("") || s->client_id != f.client_.client_id())
        return detail::bad_saved_state("belongs to another client or domain");
    const std::string differs = detail::describe_digest_differences(s->config, f.promised());
    if (!differs.empty()) return detail::bad_saved_state("was made with " + differs + "; restore it with the options it was saved with");
    f.start_retry_at_ = s->start_retry_at;
    f.token_retry_at_ = s->token_retry_at;
    (void)f.nonce_.set(s->dpop_nonce);  // checked by read_saved_login
    if (s->code_outstanding) {
        if (!build_start_request(f.client_, s->params).ok())
            return detail::bad_saved_state("holds start parameters this client refuses");
        if (s->code_sent_at > now) return detail::bad_saved_state("says the code was requested after now");
        if (s->attempts > f.config_.max_attempts) return detail::bad_saved_state("counts more attempts than max_attempts");
        f.state_ = flow_state::awaiting_code;
        f.params_ = std::move(s->params);
        f.set_grant();
        f.code_sent_at_ = s->code_sent_at;
        f.attempts_ = static_cast<int>(s->attempts);
        f.code_expired_ = s->code_expired;
    }
    if (s->mfa) {
        // Saved during MFA: nothing of it was written. With the caller's mfa_token the login lists
        // the authenticators again (retry() sends the request); without it, it cannot continue.
        if (mfa_token != nullptr && !mfa_token->empty()) {
            if (auto e = detail::check_header_text("mfa_token", *mfa_token, f.client_.limits().max_token_bytes(), false))
                return std::move(*e);
            f.mfa_token_.assign(mfa_token->data(), mfa_token->size());
            f.mfa_rounds_ = 1;
            f.state_ = flow_state::listing_authenticators;
        } else {
            f.state_ = flow_state::failed;
            f.failure_ = error::make(error_kind::mfa_token_invalid,
                                     "the login was saved during MFA and the mfa_token is not saved; log in again");
        }
    }
    f.origin_ = f.state_;
    return created;
}

PASSWORDLESS_FUNC std::string login_flow::save() const {
    detail::saved_login s;
    s.endpoint = client_.endpoint_url("");
    s.client_id = client_.client_id();
    switch (state_) {
        case flow_state::awaiting_code:
        case flow_state::verifying_code:
        case flow_state::fetching_keys: s.code_outstanding = true; break;
        case flow_state::sending_code: s.code_outstanding = origin_ == flow_state::awaiting_code; break;
        default: break;
    }
    s.code_outstanding = s.code_outstanding && code_sent_at_.has_value();
    switch (state_) {
        case flow_state::listing_authenticators:
        case flow_state::choosing_authenticator:
        case flow_state::challenging:
        case flow_state::awaiting_mfa_code:
        case flow_state::awaiting_approval:
        case flow_state::verifying_mfa: s.mfa = true; break;
        case flow_state::fetching_keys: s.mfa = mfa_rounds_ > 0; break;
        default: break;
    }
    if (s.mfa) s.code_outstanding = false;  // the code was used; MFA secrets are never written
    if (s.code_outstanding) {
        s.params = params_;
        s.code_sent_at = *code_sent_at_;
        s.attempts = attempts_;
        s.code_expired = code_expired_ || state_ == flow_state::fetching_keys;  // the code was exchanged
    }
    s.start_retry_at = start_retry_at_;
    s.token_retry_at = token_retry_at_;
    s.dpop_nonce = nonce_.current();
    s.config = promised();
    return detail::write_saved_login(s);
}

PASSWORDLESS_FUNC result<std::string> login_flow::save(std::string_view seal_key) const {
    if (seal_key.size() < detail::min_seal_key_bytes) return error::invalid_argument("seal_key", "must be at least 16 bytes");
    return detail::seal_saved_login(save(), seal_key);
}

PASSWORDLESS_FUNC detail::saved_login_digests login_flow::promised() const {
    using detail::digest_builder;
    detail::saved_login_digests d;
    const client_config& cc = client_.config();
    const char* credential = !cc.client_assertion.empty() ? "assertion" : !cc.client_secret.empty() ? "secret" : "none";
    d.client = digest_builder("client")
                   .add(client_.endpoint_url(""))
                   .add(client_.client_id())
                   .add(std::string_view(credential))
                   .add(std::string_view(cc.token_auth == token_endpoint_auth::client_secret_basic ? "basic" : "post"))
                   .hex();
    digest_builder id("id_token");
    if (const auto& x = config_.id_token) {
        auto sorted = [](std::vector<std::string> v) {
            std::sort(v.begin(), v.end());
            std::string joined;
            for (const std::string& one : v) joined.append(std::to_string(one.size())).append(":").append(one);
            return joined;
        };
        id.add(std::string_view("on")).add(x->issuer).add(x->client_id).add(x->leeway).add(x->nonce).add(x->max_age);
        id.add(x->organization).add(sorted(x->algorithms)).add(sorted(x->trusted_audiences));
        if (config_.dangerous_skip_signature_check) id.add(std::string_view("signature not checked"));
        else if (config_.keys == key_source::fetch) id.add(std::string_view("fetched keys")).add(config_.jwks_uri);
        else id.add(std::string_view("caller's verifier"));
    } else {
        id.add(std::string_view("off"));
    }
    d.id_token = id.hex();
    digest_builder dp("dpop");
    if (config_.dpop) dp.add(std::string_view("on")).add(config_.dpop->key.public_key.thumbprint()).add(config_.dpop->require_binding ? 1 : 0);
    else dp.add(std::string_view("off"));
    d.dpop = dp.hex();
    d.flow = digest_builder("flow")
                 .add(config_.code_lifetime)
                 .add(config_.resend_cooldown)
                 .add(static_cast<std::int64_t>(config_.max_attempts))
                 .add(config_.audience)
                 .add(config_.scope)
                 .hex();
    // MFA changes the digest only when on, so texts saved before the option existed still restore.
    if (config_.mfa) d.flow = digest_builder("flow").add(d.flow).add(std::string_view("mfa")).hex();
    return d;
}

PASSWORDLESS_FUNC flow_state login_flow::state() const noexcept { return state_; }

PASSWORDLESS_FUNC const std::string& login_flow::dpop_nonce() const noexcept { return nonce_.current(); }

PASSWORDLESS_FUNC std::optional<unix_seconds> login_flow::code_expires_at() const noexcept {
    if (!config_.code_lifetime || !code_sent_at_ || state_ != flow_state::awaiting_code) return std::nullopt;
    return *code_sent_at_ + *config_.code_lifetime;
}

PASSWORDLESS_FUNC std::optional<unix_seconds> login_flow::next_deadline() const noexcept {
    std::optional<unix_seconds> d;
    auto consider = [&](const std::optional<unix_seconds>& t) {
        if (t && (!d || *t < *d)) d = t;
    };
    if (state_ == flow_state::awaiting_code) {
        consider(code_expires_at());
        consider(token_retry_at_);
    }
    if (state_ == flow_state::idle || state_ == flow_state::awaiting_code) consider(start_retry_at_);
    if (state_ == flow_state::awaiting_approval) consider(poll_at_);
    return d;
}

PASSWORDLESS_FUNC flow_step login_flow::start(const start_params& params, unix_seconds now) { return send_start(flow_input::start, params, now); }

PASSWORDLESS_FUNC flow_step login_flow::resend(unix_seconds now) { return send_start(flow_input::resend, params_, now); }

PASSWORDLESS_FUNC flow_step login_flow::submit_code(std::string_view code, unix_seconds now) {
    if (!input_allowed(state_, flow_input::submit_code)) return misuse(flow_input::submit_code);
    if (auto e = detail::check_now(now)) return refuse(flow_input::submit_code, std::move(*e));
    if (auto e = check_flow_guards(flow_input::submit_code, facts(), now)) return refuse(flow_input::submit_code, std::move(*e));
    // The grant's other members were set when the code was sent; only the code changes.
    grant_.otp.assign(code.data(), code.size());
    auto req = build_token_request(client_, grant_);
    grant_.otp.assign(grant_.otp.size(), '0');  // the code does not stay in memory longer than needed
    if (!req.ok()) return refuse(flow_input::submit_code, std::move(req).failure());
    auto proved = with_dpop_proof(req.value(), now);
    if (!proved.ok()) return refuse(flow_input::submit_code, std::move(proved).failure());
    // DPoP only: the request (with the code) is kept while it is out, for the one nonce resend.
    if (config_.dpop) token_request_ = std::move(req).value();
    nonce_resent_ = false;
    return send(flow_input::submit_code, std::move(proved).value());
}

PASSWORDLESS_FUNC flow_step login_flow::on_response(const response& r, unix_seconds now) {
    if (!input_allowed(state_, flow_input::response)) return misuse(flow_input::response);
    if (auto e = detail::check_now(now)) return refuse(flow_input::response, std::move(*e));
    if (!request_out_) return refuse(flow_input::response, nothing_out());
    request_out_ = false;
    if (config_.dpop) nonce_.observe(r);  // any answer may carry a newer nonce; the newest wins
    switch (state_) {
        case flow_state::sending_code: return start_answered(r, now);
        case flow_state::verifying_code: return token_answered(r, now);
        case flow_state::listing_authenticators: return list_answered(r, now);
        case flow_state::challenging: return challenge_answered(r, now);
        case flow_state::verifying_mfa: return mfa_answered(r, now);
        default: return keys_answered(r, now);
    }
}

PASSWORDLESS_FUNC flow_step login_flow::choose_authenticator(std::string_view authenticator_id, unix_seconds now) {
    constexpr flow_input input = flow_input::choose_authenticator;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    const mfa_authenticator* found = nullptr;
    for (const mfa_authenticator& a : authenticators_)
        if (a.id == authenticator_id) found = &a;
    if (found == nullptr) return refuse(input, error::invalid_argument("authenticator_id", "is not one of the authenticators listed"));
    const std::string& type = found->authenticator_type;
    if (type == "otp" || type == "recovery-code") {
        chosen_ = *found;
        binding_prompt_ = false;
        oob_code_.clear();
        return go(input, flow_outcome::mfa_code_needed, std::nullopt, std::nullopt, std::nullopt);
    }
    if (type != "oob")
        return refuse(input, error::invalid_argument("authenticator_id", "names an authenticator type this login cannot use"));
    mfa_challenge_params p;
    p.mfa_token = mfa_token_;
    p.challenge_type = "oob";
    p.authenticator_id = found->id;
    auto req = build_mfa_challenge_request(client_, p);
    if (!req.ok()) return refuse(input, std::move(req).failure());
    chosen_ = *found;
    return send(input, std::move(req).value());
}

PASSWORDLESS_FUNC flow_step login_flow::submit_mfa_code(std::string_view code, unix_seconds now) {
    constexpr flow_input input = flow_input::submit_mfa_code;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    if (chosen_ && chosen_->authenticator_type == "recovery-code") return submit_recovery_code(code, now);
    if (chosen_ && chosen_->authenticator_type == "oob" && !oob_code_.empty()) {
        mfa_oob_grant_params p{mfa_token_, oob_code_, std::string(code)};
        return send_mfa_grant(input, token_grant::mfa_oob, build_token_request(client_, p), now);
    }
    mfa_otp_grant_params p{mfa_token_, std::string(code)};
    return send_mfa_grant(input, token_grant::mfa_otp, build_token_request(client_, p), now);
}

PASSWORDLESS_FUNC flow_step login_flow::submit_recovery_code(std::string_view code, unix_seconds now) {
    constexpr flow_input input = flow_input::submit_recovery_code;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    mfa_recovery_grant_params p{mfa_token_, std::string(code)};
    return send_mfa_grant(input, token_grant::mfa_recovery, build_token_request(client_, p), now);
}

PASSWORDLESS_FUNC flow_step login_flow::poll(unix_seconds now) {
    constexpr flow_input input = flow_input::poll;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    if (poll_at_ && now < *poll_at_) {
        error e = error::make(error_kind::invalid_state, "the push was polled before poll_at; poll again then");
        e.retry_at = poll_at_;
        return refuse(input, std::move(e));
    }
    mfa_oob_grant_params p{mfa_token_, oob_code_, std::nullopt};
    return send_mfa_grant(input, token_grant::mfa_oob, build_token_request(client_, p), now);
}

PASSWORDLESS_FUNC std::optional<unix_seconds> login_flow::poll_at() const noexcept {
    return state_ == flow_state::awaiting_approval ? poll_at_ : std::nullopt;
}

PASSWORDLESS_FUNC std::string_view login_flow::mfa_token() const noexcept { return mfa_token_; }

PASSWORDLESS_FUNC const std::optional<error>& login_flow::failure() const noexcept { return failure_; }

PASSWORDLESS_FUNC flow_step login_flow::send_mfa_grant(flow_input input, token_grant grant, result<request> req, unix_seconds now) {
    if (!req.ok()) return refuse(input, std::move(req).failure());
    auto proved = with_dpop_proof(req.value(), now);
    if (!proved.ok()) return refuse(input, std::move(proved).failure());
    if (config_.dpop) token_request_ = std::move(req).value();
    nonce_resent_ = false;
    mfa_grant_ = grant;
    mfa_origin_ = state_;
    return send(input, std::move(proved).value());
}

PASSWORDLESS_FUNC request login_flow::list_request() const {
    auto r = build_mfa_authenticators_request(client_, mfa_token_);
    return r.ok() ? std::move(r).value() : request{};
}

PASSWORDLESS_FUNC void login_flow::clear_mfa() {
    mfa_token_.assign(mfa_token_.size(), '0');
    mfa_token_.clear();
    oob_code_.assign(oob_code_.size(), '0');
    oob_code_.clear();
    mfa_requirements_.reset();
    authenticators_.clear();
    chosen_.reset();
    binding_prompt_ = false;
    poll_at_.reset();
    mfa_rounds_ = 0;
    mfa_grant_ = token_grant::unspecified;
}

PASSWORDLESS_FUNC flow_step login_flow::mfa_needed(flow_input input, error e) {
    // A server that keeps asking for factors cannot keep the login: max_mfa_rounds, then failed.
    if (!config_.mfa || mfa_rounds_ >= max_mfa_rounds || e.mfa_token.empty() ||
        detail::check_header_text("mfa_token", e.mfa_token, client_.limits().max_token_bytes(), false)) {
        clear_mfa();
        held_.reset();
        return go(input, flow_outcome::fatal, std::nullopt, std::nullopt, std::move(e));
    }
    ++mfa_rounds_;
    mfa_token_ = std::move(e.mfa_token);
    mfa_requirements_ = std::move(e.mfa_requirements);
    authenticators_.clear();
    chosen_.reset();
    oob_code_.clear();
    binding_prompt_ = false;
    poll_at_.reset();
    token_request_.reset();
    return send(input, list_request(), flow_outcome::mfa_needed);
}

PASSWORDLESS_FUNC flow_step login_flow::list_answered(const response& r, unix_seconds now) {
    auto parsed = parse_mfa_authenticators_response(r, now, client_.limits());
    if (!parsed.ok()) return answered(flow_input::response, std::move(parsed).failure());
    if (parsed->authenticators.empty())
        return answered(flow_input::response, error::make(error_kind::mfa_enrollment_required,
                                                          "no usable MFA authenticator is enrolled for this user"));
    authenticators_ = std::move(parsed->authenticators);
    flow_event ev;
    ev.kind = flow_event::type::mfa_required;
    ev.authenticators = authenticators_;
    ev.requirements = mfa_requirements_;
    return go(flow_input::response, flow_outcome::authenticators_listed, std::nullopt, std::move(ev), std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::challenge_answered(const response& r, unix_seconds now) {
    auto parsed = parse_mfa_challenge_response(r, now, client_.limits());
    if (!parsed.ok()) return answered(flow_input::response, std::move(parsed).failure());
    if (parsed->challenge_type != "oob")
        return answered(flow_input::response, detail::malformed(r, "/mfa/challenge answered an oob challenge with another type"));
    oob_code_ = std::move(*parsed->oob_code);
    binding_prompt_ = parsed->binding_method == std::string("prompt");
    if (binding_prompt_) return go(flow_input::response, flow_outcome::mfa_code_needed, std::nullopt, std::nullopt, std::nullopt);
    poll_at_ = now + poll_waits[0].least;
    return go(flow_input::response, flow_outcome::approval_pending, std::nullopt, std::nullopt, std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::mfa_answered(const response& r, unix_seconds now) {
    auto parsed = parse_token_response(r, mfa_grant_, now, client_.limits());
    if (!parsed.ok()) {
        if (parsed.failure().kind == error_kind::dpop_nonce_required && config_.dpop && !nonce_resent_ &&
            !nonce_.current().empty() && token_request_) {
            nonce_resent_ = true;
            auto again = with_dpop_proof(*token_request_, now);
            if (!again.ok()) return answered(flow_input::response, std::move(again).failure());
            request_out_ = true;
            return go(flow_input::response, flow_outcome::dpop_nonce_resend, std::move(again).value(), std::nullopt, std::nullopt);
        }
        return answered(flow_input::response, std::move(parsed).failure());
    }
    token_request_.reset();
    if (config_.dpop && config_.dpop->require_binding && !is_dpop_token_type(parsed->token_type))
        return answered(flow_input::response,
                        error::make(error_kind::invalid_dpop_proof,
                                    "the server answered with unbound tokens (token_type is not DPoP); is DPoP enabled "
                                    "for this application?"));
    held_ = std::move(parsed).value();
    key_fetches_ = 0;
    clear_mfa();
    mfa_rounds_ = 1;  // for save() while the keys are fetched: the code was used
    if (config_.id_token && !held_->id_token)
        return answered(flow_input::response, id_token_error(id_token_check::missing,
                                                             "the token response has no ID token (is openid in the scope?)"));
    return verify_held(now);
}

PASSWORDLESS_FUNC flow_step login_flow::on_transport_failure(unix_seconds /*now*/) {
    if (!input_allowed(state_, flow_input::transport_failed)) return misuse(flow_input::transport_failed);
    if (!request_out_) return refuse(flow_input::transport_failed, nothing_out());
    request_out_ = false;
    return answered(flow_input::transport_failed,
                    error::make(error_kind::transport_failed, "the request did not complete; it can be sent again"));
}

PASSWORDLESS_FUNC flow_step login_flow::retry(unix_seconds now) {
    if (!input_allowed(state_, flow_input::retry)) return misuse(flow_input::retry);
    if (auto e = detail::check_now(now)) return refuse(flow_input::retry, std::move(*e));
    if (request_out_) return refuse(flow_input::retry, error::make(error_kind::invalid_state, "a request is out"));
    if (state_ == flow_state::listing_authenticators) return send(flow_input::retry, list_request());
    return send(flow_input::retry, keys_request());
}

PASSWORDLESS_FUNC flow_step login_flow::cancel(unix_seconds /*now*/) {
    params_ = start_params{};
    pending_ = start_params{};
    attempts_ = 0;
    code_expired_ = false;
    code_sent_at_.reset();
    held_.reset();
    token_request_.reset();
    request_out_ = false;
    clear_mfa();
    failure_.reset();
    return go(flow_input::cancel, flow_outcome::cancelled, std::nullopt, std::nullopt, std::nullopt);
}

PASSWORDLESS_FUNC login_flow::login_flow(client c, flow_config config) : client_(std::move(c)), config_(std::move(config)) {}

PASSWORDLESS_FUNC error login_flow::nothing_out() { return error::make(error_kind::invalid_state, "no request is out"); }

PASSWORDLESS_FUNC result<request> login_flow::with_dpop_proof(const request& r, unix_seconds now) const {
    request out = r;
    if (!config_.dpop) return out;
    const std::string jti = config_.dpop->jti();
    if (auto e = add_dpop_proof(out, config_.dpop->key, now, jti, nonce_.current())) {
        if (e->field == "jti") e->field = "dpop.jti";
        return std::move(*e);
    }
    return out;
}

PASSWORDLESS_FUNC jwks_cache& login_flow::cache() noexcept { return config_.key_cache != nullptr ? *config_.key_cache : own_cache_; }

PASSWORDLESS_FUNC flow_guard_facts login_flow::facts() const {
    flow_guard_facts f;
    f.code_outstanding = state_ == flow_state::awaiting_code;
    f.code_sent_at = code_sent_at_;
    f.code_expires_at = code_expires_at();
    f.code_expired = code_expired_;
    f.attempts = attempts_;
    f.max_attempts = config_.max_attempts;
    f.resend_cooldown = config_.resend_cooldown;
    f.start_retry_at = start_retry_at_;
    f.token_retry_at = token_retry_at_;
    return f;
}

PASSWORDLESS_FUNC void login_flow::set_grant() {
    grant_.realm = params_.connection;
    grant_.username = params_.email ? *params_.email : params_.phone_number.value_or(std::string());
    grant_.audience = config_.audience;
    grant_.scope = config_.scope;
    grant_.forwarded_for = params_.forwarded_for;
}

PASSWORDLESS_FUNC flow_request login_flow::answering() const {
    switch (state_) {
        case flow_state::sending_code:
            return origin_ == flow_state::awaiting_code ? flow_request::new_code : flow_request::first_start;
        case flow_state::verifying_code: return flow_request::token;
        case flow_state::listing_authenticators: return flow_request::mfa_list;
        case flow_state::challenging: return flow_request::mfa_challenge;
        case flow_state::verifying_mfa: return flow_request::mfa_grant;
        default: return flow_request::keys;
    }
}

PASSWORDLESS_FUNC flow_step login_flow::send_start(flow_input input, const start_params& params, unix_seconds now) {
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    if (auto e = check_flow_guards(input, facts(), now)) return refuse(input, std::move(*e));
    auto req = build_start_request(client_, params);
    if (!req.ok()) return refuse(input, std::move(req).failure());
    pending_ = params;
    pending_at_ = now;
    return send(input, std::move(req).value());
}

PASSWORDLESS_FUNC request login_flow::keys_request() const {
    request r;
    r.method = "GET";
    r.url = config_.jwks_uri ? *config_.jwks_uri : client_.endpoint_url("/.well-known/jwks.json");
    r.headers.push_back({"accept", "application/json"});
    return r;
}

PASSWORDLESS_FUNC flow_step login_flow::send(flow_input input, request req, flow_outcome outcome) {
    if (state_ == flow_state::idle || state_ == flow_state::awaiting_code) origin_ = state_;
    request_out_ = true;
    return go(input, outcome, std::move(req), std::nullopt, std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::answered(flow_input input, error e) {
    token_request_.reset();  // a new submit_code builds the next one
    const flow_request req = answering();
    const flow_answer_rule& rule = flow_answer_rule_for(e.kind);
    flow_outcome outcome = rule.outcome(req);
    if (outcome == flow_outcome::mfa_needed) return mfa_needed(input, std::move(e));
    const bool mfa_request = req == flow_request::mfa_list || req == flow_request::mfa_challenge || req == flow_request::mfa_grant;
    if (mfa_request) {
        // The passwordless code's facts stay as they were; only a wait matters, as the next poll.
        if (rule.effect == flow_effect::wait && e.retry_at) poll_at_ = e.retry_at;
        // A grant sent from awaiting_approval (a poll) goes back there when it got no verdict.
        if (req == flow_request::mfa_grant && mfa_origin_ == flow_state::awaiting_approval && outcome == flow_outcome::no_verdict)
            outcome = flow_outcome::approval_pending;
        if (outcome == flow_outcome::approval_pending && !poll_at_) poll_at_ = e.retry_at;
        if (outcome == flow_outcome::fatal) {
            clear_mfa();
            held_.reset();
        }
        return go(input, outcome, std::nullopt, std::nullopt, std::move(e));
    }
    switch (rule.effect) {
        case flow_effect::none: break;
        case flow_effect::count_attempt: ++attempts_; break;
        case flow_effect::use_up_code: attempts_ = config_.max_attempts; break;
        case flow_effect::expire_code: code_expired_ = true; break;
        case flow_effect::wait:
            if (e.retry_at && req == flow_request::token) token_retry_at_ = e.retry_at;
            if (e.retry_at && (req == flow_request::first_start || req == flow_request::new_code)) start_retry_at_ = e.retry_at;
            break;
    }
    if (outcome == flow_outcome::fatal) held_.reset();
    return go(input, outcome, std::nullopt, std::nullopt, std::move(e));
}

PASSWORDLESS_FUNC flow_step login_flow::start_answered(const response& r, unix_seconds now) {
    auto parsed = parse_start_response(r, now, client_.limits());
    if (!parsed.ok()) return answered(flow_input::response, std::move(parsed).failure());
    std::swap(params_, pending_);
    set_grant();
    code_sent_at_ = pending_at_;
    attempts_ = 0;
    code_expired_ = false;
    token_retry_at_.reset();
    flow_event ev;
    const bool link = !params_.send || *params_.send != send_method::code;
    ev.kind = link ? flow_event::type::link_sent : flow_event::type::code_sent;
    ev.resend_after = pending_at_ + config_.resend_cooldown;
    if (config_.code_lifetime) ev.code_expires_at = pending_at_ + *config_.code_lifetime;
    return go(flow_input::response, flow_outcome::code_sent, std::nullopt, std::move(ev), std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::token_answered(const response& r, unix_seconds now) {
    auto parsed = parse_token_response(r, token_grant::otp, now, client_.limits());
    if (!parsed.ok()) {
        // use_dpop_nonce: send the same token request once more, with a new proof carrying the
        // nonce; a second refusal reaches the caller as dpop_nonce_required.
        if (parsed.failure().kind == error_kind::dpop_nonce_required && config_.dpop && !nonce_resent_ &&
            !nonce_.current().empty() && token_request_) {
            nonce_resent_ = true;
            auto again = with_dpop_proof(*token_request_, now);
            if (!again.ok()) return answered(flow_input::response, std::move(again).failure());
            request_out_ = true;
            return go(flow_input::response, flow_outcome::dpop_nonce_resend, std::move(again).value(), std::nullopt, std::nullopt);
        }
        return answered(flow_input::response, std::move(parsed).failure());
    }
    token_request_.reset();
    if (config_.dpop && config_.dpop->require_binding && !is_dpop_token_type(parsed->token_type))
        return answered(flow_input::response,
                        error::make(error_kind::invalid_dpop_proof,
                                    "the server answered with unbound tokens (token_type is not DPoP); is DPoP enabled "
                                    "for this application?"));
    held_ = std::move(parsed).value();
    key_fetches_ = 0;
    if (config_.id_token && !held_->id_token)
        return answered(flow_input::response, id_token_error(id_token_check::missing,
                                                             "the token response has no ID token (is openid in the scope?)"));
    return verify_held(now);
}

PASSWORDLESS_FUNC flow_step login_flow::keys_answered(const response& r, unix_seconds now) {
    auto set = parse_jwks_response(r, now, client_.limits());
    if (!set.ok()) return answered(flow_input::response, std::move(set).failure());
    cache().replace(std::move(set).value(), now);
    return verify_held(now);
}

PASSWORDLESS_FUNC flow_step login_flow::verify_held(unix_seconds now) {
    flow_event ev;
    ev.kind = flow_event::type::authenticated;
    if (config_.id_token) {
        result<id_token_claims> claims = error::make(error_kind::invalid_state, "");
        if (config_.dangerous_skip_signature_check) {
            claims = verify_id_token(*held_->id_token, *config_.id_token, dangerous_skip_signature_check, now, client_.limits());
        } else if (config_.keys == key_source::caller) {
            claims = verify_id_token(*held_->id_token, *config_.id_token, config_.verifier, now, client_.limits());
        } else {
            // The key the token names, from the cache: verified or not by key_verifier, or unknown.
            struct lookup {
                login_flow* flow;
                unix_seconds now;
            } ctx{this, now};
            const detail::verdict_source with_keys{&ctx, [](const void* object, const signature_input& in) {
                const auto* c = static_cast<const lookup*>(object);
                const key_lookup k = c->flow->cache().find(in.key_id, c->now);
                if (k.status == key_lookup_status::found)
                    return c->flow->config_.key_verifier(in, *k.key) ? signature_verdict::verified : signature_verdict::bad_signature;
                return k.status == key_lookup_status::refetch ? signature_verdict::unknown_key : signature_verdict::bad_signature;
            }};
            detail::verification checked = detail::verify_token(*held_->id_token, *config_.id_token, &with_keys, now, client_.limits());
            if (checked.verdict == signature_verdict::unknown_key && key_fetches_ < 2) {
                ++key_fetches_;
                return send(flow_input::response, keys_request(), flow_outcome::keys_needed);
            }
            claims = std::move(checked.claims);
        }
        if (!claims.ok()) return answered(flow_input::response, std::move(claims).failure());
        ev.claims = std::move(claims).value();
    }
    ev.tokens = std::move(held_);
    held_.reset();
    code_sent_at_.reset();
    clear_mfa();
    return go(flow_input::response, flow_outcome::authenticated, std::nullopt, std::move(ev), std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::misuse(flow_input input) const {
    flow_step s;
    s.state = state_;
    s.next = flow_next::none;
    if (state_ == flow_state::awaiting_approval) s.poll_at = poll_at_;  // a refused call still says when to poll
    s.error = error::make(error_kind::invalid_state, std::string(to_string(input)) + " is not allowed in state " +
                                                         std::string(to_string(state_)));
    return s;
}

PASSWORDLESS_FUNC flow_step login_flow::refuse(flow_input input, error e) { return go(input, flow_outcome::refused, std::nullopt, std::nullopt, std::move(e)); }

PASSWORDLESS_FUNC flow_step login_flow::go(flow_input input, flow_outcome outcome, std::optional<request> req, std::optional<flow_event> ev,
             std::optional<error> e) {
    const flow_transition* t = find_transition(state_, input, outcome);
    if (t == nullptr) return misuse(input);  // unreachable while the table and the code agree
    state_ = t->to;
    flow_step s;
    s.state = state_;
    if (state_ == flow_state::awaiting_approval) s.poll_at = poll_at_;
    if (state_ == flow_state::failed && e) failure_ = *e;
    s.request = std::move(req);
    s.event = std::move(ev);
    s.error = std::move(e);
    const bool code_dead = attempts_ >= config_.max_attempts || code_expired_ ||
                           (s.error && s.error->kind == error_kind::code_expired);
    s.next = flow_next_for(state_, s.request.has_value(), s.error ? &*s.error : nullptr, code_dead);
    return s;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/dpop_nonce.hpp" (above)
// #include "passwordless/jwk_thumbprint.hpp" (above)
// #include "passwordless/dpop.hpp" (above)
// #include "passwordless/www_authenticate.hpp"
// passwordless: WWW-Authenticate challenges (RFC 9110 §11.6.1) and an API's error answers: the
// Bearer (RFC 6750 §3) and DPoP (RFC 9449 §7.1) challenges a resource server sends when it refuses
// an access token, a proof or a scope.
//
// classify_resource_error reads an API's non-2xx answer in this order (PROTOCOL.md 9.8, 10.3):
// 1. the first Bearer or DPoP challenge (any case; several challenges per header and several
//    headers allowed; quoted strings with escapes and commas) whose `error` resource_error_rules
//    knows decides:
//
// | challenge `error` | kind | action |
// |---|---|---|
// | `invalid_token` (expired, revoked, bound to another key) | `invalid_access_token` | `refresh` |
// | `insufficient_scope` | `insufficient_scope` | `fix_config` |
// | `use_dpop_nonce` | `dpop_nonce_required` (error::dpop_nonce = the answer's DPoP-Nonce) | `retry` |
// | `invalid_dpop_proof` | `invalid_dpop_proof` | `fix_config` |
// | `invalid_request` | `invalid_request` | `fix_config` |
//
// 2. otherwise a 401 is invalid_access_token, whatever its body (APIs answer plain text);
// 3. otherwise the answer is classified as an /oauth/token answer (rate limits, server errors,
//    Auth0 error bodies), except that a body whose code is in the table above gets that row's kind.
// A header value that is malformed or over the caps is ignored (the others still count).
#ifndef PASSWORDLESS_WWW_AUTHENTICATE_HPP
#define PASSWORDLESS_WWW_AUTHENTICATE_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/dpop_nonce.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/limits.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// One challenge: an auth scheme with either a token68 or name=value parameters.
struct auth_challenge {
    std::string scheme;  ///< as sent; compare ignoring case
    std::string token68;  ///< empty unless the challenge carried one
    std::vector<std::pair<std::string, std::string>> params;  ///< names lower-cased, values unquoted

    /// The value of parameter `name` (lower case), if present.
    [[nodiscard]] std::optional<std::string_view> param(std::string_view name) const;
};

/// Caps for parsing: longer headers or more challenges or parameters make the parse fail.
inline constexpr std::size_t max_www_authenticate_bytes = 16 * 1024;
inline constexpr std::size_t max_auth_challenges = 32;
inline constexpr std::size_t max_auth_params = 32;

namespace detail {

PASSWORDLESS_FUNC bool is_tchar(char c) noexcept;

PASSWORDLESS_FUNC bool is_token68_char(char c) noexcept;

/// A cursor over one header value; every method leaves `i` after what it consumed.
struct challenge_reader {
    std::string_view s;
    std::size_t i = 0;

    [[nodiscard]] bool at_end() const noexcept;
    [[nodiscard]] char peek() const noexcept;
    std::size_t skip_ws() noexcept;
    std::string_view token() noexcept;
    // quoted-string with quoted-pairs (RFC 9110 §5.6.4); false when malformed.
    bool quoted(std::string& out);
    // After a list element: optional whitespace, then a comma or the end.
    bool element_end() noexcept;
};

// Parses one header value's challenges into `out`; false when malformed or over the caps.
PASSWORDLESS_FUNC bool parse_challenges(std::string_view value, std::vector<auth_challenge>& out);

}  // namespace detail

/// Every challenge in the response's WWW-Authenticate headers (all of them, in order), or empty
/// when there are none; nullopt when any of them is malformed or over the caps (a client then
/// knows nothing more than the status).
[[nodiscard]] PASSWORDLESS_FUNC std::optional<std::vector<auth_challenge>> parse_www_authenticate(const response& r);

/// What a DPoP challenge says (RFC 9449 §7.1): error code, description and accepted algorithms
/// (each empty when absent).
struct dpop_challenge {
    std::string error;
    std::string error_description;
    std::string algs;
};

/// The first challenge whose scheme is DPoP (any case), if the response has a well-formed one.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<dpop_challenge> find_dpop_challenge(const response& r);

/// One row of the resource-server table: an error code (challenge `error`, or a body's code)
/// and the kind it means.
struct resource_error_rule {
    std::string_view code;
    error_kind kind;
};

/// The table of classify_resource_error (the header comment shows it), in match order.
inline constexpr resource_error_rule resource_error_rules[] = {
    {"invalid_token", error_kind::invalid_access_token},
    {"insufficient_scope", error_kind::insufficient_scope},
    {"use_dpop_nonce", error_kind::dpop_nonce_required},
    {"invalid_dpop_proof", error_kind::invalid_dpop_proof},
    {"invalid_request", error_kind::invalid_request},
};

/// The kind resource_error_rules gives an error code (exact, case-sensitive), if any.
[[nodiscard]] constexpr std::optional<error_kind> resource_error_kind(std::string_view code) noexcept {
    for (const resource_error_rule& rule : resource_error_rules)
        if (rule.code == code) return rule.kind;
    return std::nullopt;
}

/// A Bearer or DPoP challenge that says why an API refused a request.
struct resource_challenge {
    std::string scheme;  ///< "Bearer" or "DPoP", as sent
    std::string error;   ///< a code resource_error_rules knows
    std::string error_description;
    std::string scope;   ///< the scope the API wants (insufficient_scope), when given
};

/// The first Bearer or DPoP challenge (any case) whose `error` resource_error_rules knows, among
/// the well-formed WWW-Authenticate values of the response (malformed ones are skipped).
[[nodiscard]] PASSWORDLESS_FUNC std::optional<resource_challenge> find_resource_challenge(const response& r);

/// Classifies an API's non-2xx answer (the header comment gives the order and the table).
/// Status is always set; error::code is the challenge's or body's code; error::dpop_nonce is set
/// exactly for dpop_nonce_required. A 2xx answer is unexpected_response (call only on failures).
[[nodiscard]] PASSWORDLESS_FUNC error classify_resource_error(const response& r, unix_seconds now, const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::optional<std::string_view> auth_challenge::param(std::string_view name) const {
    for (const auto& p : params)
        if (p.first == name) return std::string_view(p.second);
    return std::nullopt;
}

namespace detail {

PASSWORDLESS_FUNC bool is_tchar(char c) noexcept {
    if (is_alpha(c) || is_digit(c)) return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
        case '-': case '.': case '^': case '_': case '`': case '|': case '~': return true;
        default: return false;
    }
}

PASSWORDLESS_FUNC bool is_token68_char(char c) noexcept {
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

PASSWORDLESS_FUNC bool challenge_reader::at_end() const noexcept { return i >= s.size(); }

PASSWORDLESS_FUNC char challenge_reader::peek() const noexcept { return at_end() ? '\0' : s[i]; }

PASSWORDLESS_FUNC std::size_t challenge_reader::skip_ws() noexcept {
    const std::size_t from = i;
    while (!at_end() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return i - from;
}

PASSWORDLESS_FUNC std::string_view challenge_reader::token() noexcept {
    const std::size_t from = i;
    while (!at_end() && is_tchar(s[i])) ++i;
    return s.substr(from, i - from);
}

PASSWORDLESS_FUNC bool challenge_reader::quoted(std::string& out) {
    if (peek() != '"') return false;
    ++i;
    while (!at_end()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"') {
            ++i;
            return true;
        }
        if (c == '\\') {
            if (i + 1 >= s.size()) return false;
            const auto n = static_cast<unsigned char>(s[i + 1]);
            if (n != '\t' && (n < 0x20 || n == 0x7F)) return false;
            out.push_back(static_cast<char>(n));
            i += 2;
            continue;
        }
        if (c != '\t' && (c < 0x20 || c == 0x7F)) return false;
        out.push_back(static_cast<char>(c));
        ++i;
    }
    return false;
}

PASSWORDLESS_FUNC bool challenge_reader::element_end() noexcept {
    skip_ws();
    return at_end() || peek() == ',';
}

PASSWORDLESS_FUNC bool parse_challenges(std::string_view value, std::vector<auth_challenge>& out) {
    challenge_reader r{value};
    bool in_challenge = false;
    while (true) {
        while (!r.at_end() && (r.peek() == ',' || r.peek() == ' ' || r.peek() == '\t')) ++r.i;
        if (r.at_end()) return true;
        const std::string_view name = r.token();
        if (name.empty()) return false;
        const std::size_t spaces = r.skip_ws();
        if (in_challenge && r.peek() == '=') {
            // name=value: a parameter of the current challenge.
            ++r.i;
            r.skip_ws();
            std::string v;
            if (r.peek() == '"') {
                if (!r.quoted(v)) return false;
            } else {
                const std::string_view t = r.token();
                if (t.empty()) return false;
                v.assign(t.data(), t.size());
            }
            if (!r.element_end()) return false;
            // A challenge has a token68 or parameters, never both.
            if (!out.back().token68.empty() || out.back().params.size() >= max_auth_params) return false;
            out.back().params.emplace_back(ascii_lowercase(name), std::move(v));
            continue;
        }
        // A new challenge: the scheme, then (after at least one space) a token68 or parameters.
        if (out.size() >= max_auth_challenges) return false;
        out.push_back(auth_challenge{std::string(name), {}, {}});
        in_challenge = true;
        if (r.at_end() || r.peek() == ',') continue;
        if (spaces == 0) return false;
        // token68 when what follows is token68 characters, then only '='s, then the element's end.
        challenge_reader look = r;
        const std::size_t from = look.i;
        while (!look.at_end() && is_token68_char(look.peek())) ++look.i;
        const bool some = look.i > from;
        while (!look.at_end() && look.peek() == '=') ++look.i;
        if (some && look.element_end()) {
            out.back().token68 = std::string(value.substr(from, look.i - from));
            r = look;
            continue;
        }
        // Otherwise the first auth-param follows; the loop reads it.
    }
}

}  // namespace detail

PASSWORDLESS_FUNC std::optional<std::vector<auth_challenge>> parse_www_authenticate(const response& r) {
    std::vector<auth_challenge> out;
    std::size_t total = 0;
    for (const header& h : r.headers) {
        if (!header_name_equals(h.name, "www-authenticate")) continue;
        total += h.value.size();
        if (total > max_www_authenticate_bytes) return std::nullopt;
        if (!detail::parse_challenges(h.value, out)) return std::nullopt;
    }
    return out;
}

PASSWORDLESS_FUNC std::optional<dpop_challenge> find_dpop_challenge(const response& r) {
    auto all = parse_www_authenticate(r);
    if (!all) return std::nullopt;
    for (const auth_challenge& c : *all) {
        if (!header_name_equals(c.scheme, "dpop")) continue;
        dpop_challenge out;
        out.error = std::string(c.param("error").value_or(""));
        out.error_description = std::string(c.param("error_description").value_or(""));
        out.algs = std::string(c.param("algs").value_or(""));
        return out;
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC std::optional<resource_challenge> find_resource_challenge(const response& r) {
    std::size_t total = 0;
    for (const header& h : r.headers) {
        if (!header_name_equals(h.name, "www-authenticate")) continue;
        total += h.value.size();
        if (total > max_www_authenticate_bytes) return std::nullopt;
        std::vector<auth_challenge> parsed;
        if (!detail::parse_challenges(h.value, parsed)) continue;
        for (const auth_challenge& c : parsed) {
            if (!header_name_equals(c.scheme, "bearer") && !header_name_equals(c.scheme, "dpop")) continue;
            const std::optional<std::string_view> code = c.param("error");
            if (!code || !resource_error_kind(*code)) continue;
            resource_challenge out;
            out.scheme = c.scheme;
            out.error = std::string(*code);
            out.error_description = std::string(c.param("error_description").value_or(""));
            out.scope = std::string(c.param("scope").value_or(""));
            return out;
        }
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC error classify_resource_error(const response& r, unix_seconds now, const checked_limits& limits) {
    if (r.is_success()) {
        error e = error::make(error_kind::unexpected_response, "a 2xx answer is not an error");
        e.status = r.status;
        return e;
    }
    // The kind `kind` with everything else the /oauth/token reading found (text, code, figures).
    auto as_kind = [&](error base, error_kind kind) {
        error e = error::make(kind, std::move(base.description));
        e.status = base.status;
        e.code = std::move(base.code);
        e.rate_limit = std::move(base.rate_limit);
        if (kind == error_kind::dpop_nonce_required) e.dpop_nonce = read_dpop_nonce(r).value_or(std::string());
        return e;
    };
    if (r.status >= 100 && r.status <= 599) {
        if (auto ch = find_resource_challenge(r)) {
            const error_kind kind = *resource_error_kind(ch->error);
            std::string text = detail::sanitize_server_text(ch->error_description);
            if (text.empty()) text = "the API answered with error code " + ch->error;
            if (kind == error_kind::insufficient_scope && !ch->scope.empty())
                text += " (scope wanted: " + detail::sanitize_server_text(ch->scope, 256) + ")";
            error base = error::make(kind, std::move(text));
            base.status = r.status;
            base.code = ch->error;
            base.rate_limit = read_rate_limit(r);
            return as_kind(std::move(base), kind);
        }
    }
    error e = classify_error_response(r, now, limits);
    if (r.status == 401) return as_kind(std::move(e), error_kind::invalid_access_token);
    if (e.code)
        if (auto kind = resource_error_kind(*e.code); kind && *kind != e.kind) return as_kind(std::move(e), *kind);
    return e;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
// #include "passwordless/dpop_refresh.hpp"
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

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/dpop.hpp" (above)
// #include "passwordless/dpop_nonce.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/token.hpp" (above)
// #include "passwordless/version.hpp" (above)

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
// #include "passwordless/claims.hpp" (above)
// #include "passwordless/revoke.hpp"
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

// #include "passwordless/classify.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/token.hpp" (above)
// #include "passwordless/version.hpp" (above)

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
// #include "passwordless/userinfo.hpp"
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

// #include "passwordless/claims.hpp" (above)
// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/response_body.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/dpop.hpp" (above)
// #include "passwordless/dpop_nonce.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/time.hpp" (above)
// #include "passwordless/token.hpp" (above)
// #include "passwordless/version.hpp" (above)
// #include "passwordless/www_authenticate.hpp" (above)

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
// #include "passwordless/logout.hpp"
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

// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/json_writer.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/dpop.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/version.hpp" (above)

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

#endif
