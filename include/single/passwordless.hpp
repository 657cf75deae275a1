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
// No PASSWORDLESS_ macro changes layout or behaviour yet; one that does must add a tag here
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

#include <nlohmann/json_fwd.hpp>  // JSON_DIAGNOSTICS, with nlohmann's default of 0

/// The library's version (semantic versioning). The numbers above must match these.
#define PASSWORDLESS_VERSION_MAJOR 0
#define PASSWORDLESS_VERSION_MINOR 1
#define PASSWORDLESS_VERSION_PATCH 0
#define PASSWORDLESS_VERSION_STRING "0.1.0"

#ifndef PASSWORDLESS_NAMESPACE_NO_VERSION
#define PASSWORDLESS_NAMESPACE_NO_VERSION 0
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
    }
    return "give_up";
}

/// The last error kind, for code that iterates every kind.
inline constexpr error_kind last_error_kind = error_kind::transport_failed;

/// Rate-limit figures from the x-ratelimit-* headers; a member is empty when its header was
/// absent or not a plain decimal number.
struct rate_limit_info {
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> remaining;
    std::optional<unix_seconds> reset;  ///< when the bucket refills
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

    /// An error of `kind` with its fixed action and a message.
    [[nodiscard]] static error make(error_kind kind, std::string description) {
        error e;
        e.kind = kind;
        e.action = action_for(kind);
        e.description = std::move(description);
        return e;
    }

    /// An invalid_argument error naming the offending input (never its value).
    [[nodiscard]] static error invalid_argument(std::string field_name, std::string_view problem) {
        error e = make(error_kind::invalid_argument, std::string());
        e.description.reserve(field_name.size() + problem.size() + 1);
        e.description.append(field_name).append(" ").append(problem);
        e.field = std::move(field_name);
        return e;
    }
};

PASSWORDLESS_NAMESPACE_END

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
[[nodiscard]] inline std::optional<std::string_view> find_header(const std::vector<header>& headers,
                                                               std::string_view name) {
    for (const auto& h : headers)
        if (header_name_equals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
}

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
    [[nodiscard]] std::optional<std::string_view> find_header(std::string_view name) const {
        return passwordless::find_header(headers, name);
    }
};

/// A response the caller's HTTP client received: status, headers (any case, any order) and the
/// body bytes exactly as received (after any transfer decoding, before any content decoding).
struct response {
    int status = 0;
    std::vector<header> headers;
    std::string body;

    /// The value of the first header named `name` (any case), if present.
    [[nodiscard]] std::optional<std::string_view> find_header(std::string_view name) const {
        return passwordless::find_header(headers, name);
    }

    /// True for 200 to 299.
    [[nodiscard]] bool is_success() const noexcept { return status >= 200 && status <= 299; }
};

PASSWORDLESS_NAMESPACE_END

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
    [[nodiscard]] static result<checked_limits> create(const client_limits& l) {
        if (!limits_in_range(l))
            return error::invalid_argument("limits", "are outside their allowed ranges (see client_limits)");
        return checked_limits(l);
    }

    [[nodiscard]] std::size_t max_body_bytes() const noexcept { return values_.max_body_bytes; }
    [[nodiscard]] std::size_t max_json_depth() const noexcept { return values_.max_json_depth; }
    [[nodiscard]] std::size_t max_token_bytes() const noexcept { return values_.max_token_bytes; }
    [[nodiscard]] std::size_t max_input_bytes() const noexcept { return values_.max_input_bytes; }
    [[nodiscard]] const client_limits& values() const noexcept { return values_; }

private:
    explicit checked_limits(const client_limits& l) noexcept : values_(l) {}

    client_limits values_;
};

PASSWORDLESS_NAMESPACE_END

#endif
// #include "passwordless/client.hpp"
// passwordless: the client configuration, validated once.
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

/// Encodes `in`; `pad` adds '=' to a multiple of four characters.
inline std::string base64_encode(std::string_view in, base64_alphabet alphabet, bool pad) {
    const char* table = alphabet == base64_alphabet::url
                            ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                            : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(in[k])); };
    for (; i + 3 <= in.size(); i += 3) {
        const std::uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out.push_back(table[(v >> 18) & 63]);
        out.push_back(table[(v >> 12) & 63]);
        out.push_back(table[(v >> 6) & 63]);
        out.push_back(table[v & 63]);
    }
    const std::size_t rest = in.size() - i;
    if (rest == 1) {
        const std::uint32_t v = byte(i) << 16;
        out.push_back(table[(v >> 18) & 63]);
        out.push_back(table[(v >> 12) & 63]);
        if (pad) out.append("==");
    } else if (rest == 2) {
        const std::uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8);
        out.push_back(table[(v >> 18) & 63]);
        out.push_back(table[(v >> 12) & 63]);
        out.push_back(table[(v >> 6) & 63]);
        if (pad) out.push_back('=');
    }
    return out;
}

inline int base64_value(char c, base64_alphabet alphabet) noexcept {
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

/// Decodes unpadded base64url strictly: only the url alphabet, no '=', no whitespace, a length
/// that is not 1 mod 4, and zero trailing bits (the canonical encoding). Empty on any violation.
inline std::optional<std::string> base64url_decode_strict(std::string_view in) {
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
inline void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                if (c < 0x20) {
                    out.append("\\u00");
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
                } else {
                    out.push_back(ch);
                }
        }
    }
    out.push_back('"');
}

/// Appends `s` percent-encoded for application/x-www-form-urlencoded (unreserved kept, space as %20).
/// {"name":"value",...}: the entries as a JSON object of strings, in order (names unique: see
/// first_repeated_name).
inline std::string json_string_object(const std::vector<std::pair<std::string, std::string>>& entries) {
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

inline void append_form_encoded(std::string& out, std::string_view s) {
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

/// Builds one flat body, as a JSON object or as form fields, member by member in call order.
class body_writer {
public:
    explicit body_writer(bool form) : form_(form) {
        if (!form_) out_.push_back('{');
    }

    /// Adds a string member.
    void add(std::string_view name, std::string_view value) {
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

    /// Adds a member whose value is already JSON text (JSON bodies only).
    void add_raw_json(std::string_view name, std::string_view json_text) {
        separate();
        append_json_string(out_, name);
        out_.push_back(':');
        out_.append(json_text);
    }

    /// The finished body.
    std::string finish() && {
        if (!form_) out_.push_back('}');
        return std::move(out_);
    }

private:
    void separate() {
        if (!first_) out_.push_back(form_ ? '&' : ',');
        first_ = false;
    }

    bool form_;
    bool first_ = true;
    std::string out_;
};

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

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

inline unsigned char byte_at(std::string_view s, std::size_t i) noexcept {
    return static_cast<unsigned char>(s[i]);
}

/// Length of the strictly valid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF) that starts at `pos`, or 0 when none does. `pos < s.size()`.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) noexcept {
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
inline std::size_t first_repeated_name(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::array<std::pair<std::string_view, std::size_t>, 64> sorted{};
    const std::size_t n = entries.size() < sorted.size() ? entries.size() : sorted.size();
    for (std::size_t i = 0; i < n; ++i) sorted[i] = {entries[i].first, i};
    std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n));
    std::size_t first = entries.size();
    for (std::size_t k = 1; k < n; ++k)
        if (sorted[k].first == sorted[k - 1].first && sorted[k].second < first) first = sorted[k].second;
    return first;
}

/// The value of a hexadecimal digit (either case), or -1.
constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
inline bool is_valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

/// True when `s` holds an ASCII control character (0x00-0x1F or 0x7F) or a C1 control
/// (U+0080-U+009F, encoded C2 80 to C2 9F).
inline bool has_control(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = byte_at(s, i);
        if (c < 0x20 || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && byte_at(s, i + 1) >= 0x80 && byte_at(s, i + 1) <= 0x9F)
            return true;
    }
    return false;
}

/// True when `s` is printable ASCII (0x21-0x7E) with single inner spaces allowed when
/// `allow_inner_space`; never leading or trailing whitespace.
inline bool is_visible_ascii(std::string_view s, bool allow_inner_space) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = byte_at(s, i);
        if (c == ' ' && allow_inner_space && i != 0 && i + 1 != s.size()) continue;
        if (c < 0x21 || c > 0x7E) return false;
    }
    return true;
}

inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

inline char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

/// Case-insensitive (ASCII) substring search.
inline bool contains_ignoring_case(std::string_view haystack, std::string_view needle) noexcept {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(haystack[i + k]) == ascii_lower(needle[k])) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

/// Parses `^[0-9]{1,18}$` (so the value always fits in int64); anything else is empty.
inline std::optional<std::int64_t> parse_small_decimal(std::string_view s) noexcept {
    if (s.empty() || s.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

/// Compares two strings in time that depends only on their lengths, not on where they differ.
inline bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(diff | (byte_at(a, i) ^ byte_at(b, i)));
    return diff == 0;
}

/// Server-provided text made safe for messages and logs: control characters become spaces,
/// and text longer than `max_bytes` is cut at a UTF-8 boundary and marked with "...".
inline std::string sanitize_server_text(std::string_view s, std::size_t max_bytes = 1024) {
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
inline check check_now(unix_seconds now) {
    if (is_valid_time(now)) return std::nullopt;
    return error::invalid_argument("now", "must be between 0 and " + std::to_string(max_unix_seconds));
}

/// A value that goes into a JSON body: non-empty, within `max_bytes`, valid UTF-8, no controls.
inline check check_body_text(std::string_view field, std::string_view v, std::size_t max_bytes) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > max_bytes) return error::invalid_argument(std::string(field), "is longer than the input size limit");
    if (!is_valid_utf8(v)) return error::invalid_argument(std::string(field), "is not valid UTF-8");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters (CR, LF, NUL, ...)");
    return std::nullopt;
}

/// A value that goes into a header or URL: non-empty, within `max_bytes`, visible ASCII,
/// single inner spaces only when `allow_inner_space`.
inline check check_header_text(std::string_view field, std::string_view v, std::size_t max_bytes, bool allow_inner_space) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > max_bytes) return error::invalid_argument(std::string(field), "is longer than the input size limit");
    if (has_control(v)) return error::invalid_argument(std::string(field), "must not contain control characters (CR, LF, NUL, ...)");
    if (!is_visible_ascii(v, allow_inner_space))
        return error::invalid_argument(std::string(field), "must be printable ASCII without leading or trailing spaces");
    return std::nullopt;
}

/// An email address: exactly one '@' with text on both sides, at most 254 bytes, valid UTF-8,
/// no spaces, quotes, backslashes or control characters. Internationalised addresses pass.
inline check check_email(std::string_view field, std::string_view v) {
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

/// True when `v` is an E.164 number: '+', a first digit 1-9, 7 to 15 digits in all.
inline bool is_e164(std::string_view v) noexcept {
    if (v.size() < 8 || v.size() > 16 || v[0] != '+' || v[1] < '1' || v[1] > '9') return false;
    for (std::size_t i = 2; i < v.size(); ++i)
        if (!is_digit(v[i])) return false;
    return true;
}

inline check check_phone(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (!is_e164(v))
        return error::invalid_argument(std::string(field),
                                       "must be in E.164 form: '+', then 7 to 15 digits, the first not 0");
    return std::nullopt;
}

/// A connection or realm name: 1 to 128 characters from A-Z a-z 0-9 '-' '_' '.'.
inline check check_connection_name(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() > 128) return error::invalid_argument(std::string(field), "is longer than 128 characters");
    for (char c : v)
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.'))
            return error::invalid_argument(std::string(field), "may only contain letters, digits, '-', '_' and '.'");
    return std::nullopt;
}

/// A one-time code: 4 to 16 ASCII digits, nothing else.
inline check check_otp(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (v.size() < 4 || v.size() > 16) return error::invalid_argument(std::string(field), "must be 4 to 16 digits");
    for (char c : v)
        if (!is_digit(c)) return error::invalid_argument(std::string(field), "must contain digits only");
    return std::nullopt;
}

/// An OAuth scope: scope tokens of printable ASCII (no '"' or '\\') separated by single spaces.
inline check check_scope(std::string_view field, std::string_view v, std::size_t max_bytes) {
    if (auto e = check_header_text(field, v, max_bytes, true)) return e;
    char prev = ' ';
    for (char c : v) {
        if (c == '"' || c == '\\') return error::invalid_argument(std::string(field), "must not contain '\"' or '\\'");
        if (c == ' ' && prev == ' ') return error::invalid_argument(std::string(field), "must separate scopes by single spaces");
        prev = c;
    }
    return std::nullopt;
}

inline bool parse_ipv4(std::string_view v) noexcept {
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

/// RFC 4291 text form, with '::' compression and an optional trailing IPv4 part; no zone id.
inline bool parse_ipv6(std::string_view v) noexcept {
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

/// An end-user IP address literal (IPv4 dotted quad or IPv6 text form).
inline check check_ip_literal(std::string_view field, std::string_view v) {
    if (v.empty()) return error::invalid_argument(std::string(field), "must not be empty");
    if (parse_ipv4(v) || parse_ipv6(v)) return std::nullopt;
    return error::invalid_argument(std::string(field), "must be an IPv4 or IPv6 address literal");
}

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

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

inline bool is_dns_host(std::string_view host) noexcept {
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

inline bool is_port(std::string_view p) noexcept {
    if (p.empty() || p.size() > 5) return false;
    long v = 0;
    for (char c : p) {
        if (!is_digit(c)) return false;
        v = v * 10 + (c - '0');
    }
    return v >= 1 && v <= 65535;
}

// Splits "host[:port]" / "[v6][:port]" and checks both parts; sets `host` on success.
inline bool split_authority(std::string_view authority, std::string_view& host) noexcept {
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

inline bool is_loopback_host(std::string_view host) noexcept {
    if (host == "localhost" || host == "[::1]") return true;
    return host.size() > 4 && host.substr(0, 4) == "127." && parse_ipv4(host);
}

}  // namespace detail

/// A validated client configuration. Build one with client::create; every request builder takes
/// it, so inputs are checked once.
class client {
public:
    /// Checks every member and prepares the endpoint base URL and telemetry header.
    /// Errors are invalid_argument naming the field (domain, base_url, client_id, client_secret,
    /// client_assertion, token_auth, telemetry, limits).
    [[nodiscard]] static result<client> create(client_config config) {
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

    [[nodiscard]] const client_config& config() const noexcept { return config_; }
    [[nodiscard]] const std::string& client_id() const noexcept { return config_.client_id; }
    /// The limits of the configuration, checked: pass them to the parse_* functions.
    [[nodiscard]] const checked_limits& limits() const noexcept { return limits_; }

    /// The absolute URL of `path` (which starts with '/') on this tenant.
    [[nodiscard]] std::string endpoint_url(std::string_view path) const {
        std::string url = base_;
        url.append(path);
        return url;
    }

    /// The Auth0-Client header value, or empty when telemetry is off.
    [[nodiscard]] const std::string& telemetry_header() const noexcept { return telemetry_header_; }

private:
    client() = default;

    static detail::check check_domain(std::string_view domain, bool required) {
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

    static detail::check check_base_url(std::string_view url) {
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

    static detail::check check_assertion(std::string_view v, std::size_t max_bytes) {
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

    static result<std::string> telemetry_header(const telemetry_info& t, std::size_t max_bytes) {
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

    client_config config_;
    checked_limits limits_;
    std::string base_;
    std::string telemetry_header_;
};

PASSWORDLESS_NAMESPACE_END

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
#include <cstdlib>
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
inline const char* describe(json_read_status s) noexcept {
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
inline std::string unescape_validated(std::string_view s) {
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

/// A validated JSON text whose root is an object, with its top-level members recorded.
class flat_object {
public:
    flat_object() = default;

    /// Scans `text` (copied in). The status is ok only for one well-formed JSON object within
    /// the caps, without duplicate names at any level. `root_is_object` tells a valid non-object.
    [[nodiscard]] static json_read_status scan(std::string text, std::size_t max_bytes, std::size_t max_depth,
                                               flat_object& out, bool& root_is_object) {
        out.text_ = std::move(text);
        out.members_.clear();
        out.members_.reserve(16);
        return scan_text(out.text_, max_bytes, max_depth, &out.members_, &root_is_object);
    }

    /// Checks `text` as scan does, recording nothing.
    [[nodiscard]] static json_read_status validate(std::string_view t, std::size_t max_bytes, std::size_t max_depth) {
        return scan_text(t, max_bytes, max_depth, nullptr, nullptr);
    }

    /// The empty object {}.
    [[nodiscard]] static flat_object empty() {
        flat_object out;
        out.text_ = "{}";
        return out;
    }

    /// The strings of a validated array text such as ["a","b"]; empty if any element is not a
    /// string.
    [[nodiscard]] static std::optional<std::vector<std::string>> string_array(std::string_view validated) {
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

    [[nodiscard]] const std::string& text() const noexcept { return text_; }

    /// The member named `name` (names compared after unescaping), or nullptr.
    [[nodiscard]] const flat_member* find(std::string_view name) const {
        for (const flat_member& m : members_)
            if (key_equals(m, name)) return &m;
        return nullptr;
    }

    /// The decoded name of `m`.
    [[nodiscard]] std::string key(const flat_member& m) const {
        const std::string_view raw = view(m.key_begin, m.key_size);
        return m.key_escaped ? unescape_validated(raw) : std::string(raw);
    }

    /// The decoded string value of `m` (which must be a string).
    [[nodiscard]] std::string string_value(const flat_member& m) const {
        const std::string_view raw = view(m.value_begin, m.value_size);
        return m.value_escaped ? unescape_validated(raw) : std::string(raw);
    }

    /// The decoded value of the member named `name`, if it is present and a string.
    [[nodiscard]] std::optional<std::string> string_member(std::string_view name) const {
        const flat_member* m = find(name);
        if (m == nullptr || m->kind != json_kind::string) return std::nullopt;
        return string_value(*m);
    }

    /// The raw text of `m`'s value (strings include no quotes).
    [[nodiscard]] std::string_view raw_value(const flat_member& m) const { return view(m.value_begin, m.value_size); }

    /// The boolean value of `m` (which must be a boolean).
    [[nodiscard]] bool bool_value(const flat_member& m) const { return text_[m.value_begin] == 't'; }

    /// The value of a number member the way nlohmann/json stores it: written without fraction or
    /// exponent, an unsigned integer when non-negative and a signed one when negative, if it
    /// fits; otherwise a double.
    struct number {
        enum class type : std::uint8_t { integer, unsigned_integer, floating } kind = type::integer;
        std::int64_t i = 0;
        std::uint64_t u = 0;
        double d = 0;
    };
    [[nodiscard]] number number_value(const flat_member& m) const { return parse_number(view(m.value_begin, m.value_size)); }

    /// The number `m` (which must be a number) as a double when it lies in [0, most], `most`
    /// below 2^53 so that every whole number in range is exact; -0 counts as 0. Fractions stay.
    /// The one reading of bounded non-negative numbers: expires_in and the NumericDate claims.
    [[nodiscard]] std::optional<double> number_within(const flat_member& m, std::int64_t most) const {
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

    static number parse_number(std::string_view raw) {
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

    static double to_double(std::string_view raw) {
        char short_copy[64];
        std::string long_copy;
        const char* p = nullptr;
        if (raw.size() < sizeof short_copy) {
            std::memcpy(short_copy, raw.data(), raw.size());
            short_copy[raw.size()] = '\0';
            p = short_copy;
        } else {
            long_copy.assign(raw);
            p = long_copy.c_str();
        }
        return std::strtod(p, nullptr);
    }

private:
    friend struct flat_object_access;  // declared for the tests (tests/detail/flat_json_access.hpp) only

    // The caps, the byte order mark, then one JSON value and nothing after it. Members of a root
    // object go to *top and root_is_object is set, when they are given.
    static json_read_status scan_text(std::string_view t, std::size_t max_bytes, std::size_t max_depth, std::vector<flat_member>* top,
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

    std::string_view view(std::uint32_t begin, std::uint32_t size) const { return std::string_view(text_).substr(begin, size); }

    bool key_equals(const flat_member& m, std::string_view name) const {
        const std::string_view raw = view(m.key_begin, m.key_size);
        if (!m.key_escaped) return raw == name;
        return unescape_validated(raw) == name;
    }

    struct scanner {
        std::string_view t;
        std::size_t pos;
        std::size_t max_depth;
        json_read_status status;
        std::vector<flat_member>* top;

        char peek() const { return pos < t.size() ? t[pos] : '\0'; }
        bool fail() {
            if (status == json_read_status::ok) status = json_read_status::invalid;
            return false;
        }
        bool too_deep() {
            status = json_read_status::too_deep;
            return false;
        }
        void skip_ws() {
            while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\t' || t[pos] == '\n' || t[pos] == '\r')) ++pos;
        }
        bool literal(std::string_view word) {
            if (t.substr(pos, word.size()) != word) return fail();
            pos += word.size();
            return true;
        }

        bool hex4(std::size_t at, std::uint32_t& v) const {
            if (at + 4 > t.size()) return false;
            v = 0;
            for (std::size_t k = 0; k < 4; ++k) {
                const int h = hex_digit_value(t[at + k]);
                if (h < 0) return false;
                v = v * 16 + static_cast<std::uint32_t>(h);
            }
            return true;
        }

        // A string at pos (on its opening quote); sets [begin, end) to its body and `escaped`.
        bool string(std::size_t& begin, std::size_t& end, bool& escaped) {
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

        bool scan_number() {
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
        bool value(std::size_t depth) {
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

        bool object(std::size_t depth) {
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
    };

    std::string text_;
    std::vector<flat_member> members_;
};

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

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

inline std::optional<unsigned> parse_digits(std::string_view s) noexcept {
    if (s.empty() || s.size() > 4) return std::nullopt;
    unsigned v = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    return v;
}

inline unsigned month_number(std::string_view m) noexcept {
    constexpr std::string_view names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (unsigned i = 0; i < 12; ++i)
        if (names[i] == m) return i + 1;
    return 0;
}

inline std::optional<std::int64_t> make_time(unsigned year, unsigned month, unsigned day, std::string_view hms) {
    if (hms.size() != 8 || hms[2] != ':' || hms[5] != ':') return std::nullopt;
    auto h = parse_digits(hms.substr(0, 2));
    auto mi = parse_digits(hms.substr(3, 2));
    auto s = parse_digits(hms.substr(6, 2));
    if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    if (month == 0 || day == 0 || day > 31 || year < 1900 || year > 9999) return std::nullopt;
    return days_from_civil(year, month, day) * 86400 + *h * 3600 + *mi * 60 + *s;
}

/// Parses IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 form
/// ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994").
inline std::optional<std::int64_t> parse_http_date(std::string_view v) {
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
inline json_read_result read_json(std::string_view text, std::size_t max_bytes, std::size_t max_depth) {
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

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

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

inline std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// The media type of a Content-Type value, without parameters, lower-cased.
inline std::string media_type(std::string_view content_type) {
    const std::size_t semi = content_type.find(';');
    return ascii_lowercase(trim_ows(content_type.substr(0, semi)));
}

/// A body may be read as JSON when it is not content-encoded (gzip and the like are the HTTP
/// client's job) and its Content-Type is absent, application/json or a +json type.
inline bool body_may_be_json(const response& r) {
    if (auto enc = r.find_header("content-encoding")) {
        const std::string e = ascii_lowercase(trim_ows(*enc));
        if (!e.empty() && e != "identity") return false;
    }
    auto ct = r.find_header("content-type");
    if (!ct) return true;
    const std::string mt = media_type(*ct);
    return mt == "application/json" || (mt.size() > 5 && mt.compare(mt.size() - 5, 5, "+json") == 0);
}

/// A short, safe label of the Content-Type for messages.
inline std::string content_type_label(const response& r) {
    auto ct = r.find_header("content-type");
    if (!ct) return "no content type";
    return sanitize_server_text(media_type(*ct), 64);
}

inline bool is_blank(std::string_view s) noexcept {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    return true;
}

inline error malformed(const response& r, std::string message) {
    error e = error::make(error_kind::malformed_response, std::move(message));
    e.status = r.status;
    return e;
}

/// Reads a 2xx body as one JSON object. An empty body yields an empty object when
/// `allow_empty`, else an error. Any other deviation is malformed_response naming what.
inline result<flat_object> read_success_object(const response& r, const checked_limits& lim, bool allow_empty,
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

#endif
// #include "passwordless/detail/text.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// One row of the classification table. A row matches when every condition it sets holds:
/// `code` equals the server's code (empty: any code, or none), `description` occurs in the
/// server's description ignoring ASCII case (empty: any), and the status lies in
/// [status_min, status_max] (0: any). The first matching row decides the kind.
struct error_rule {
    std::string_view code;
    std::string_view description;
    int status_min;
    int status_max;
    error_kind kind;
};

/// The whole taxonomy in one place, in match order. A response no row matches is unknown_error
/// when it carried a server code, and unexpected_response when it did not.
inline constexpr error_rule error_rules[] = {
    // invalid_grant: the description tells a wrong, used-up or expired code from a bad refresh token.
    {"invalid_grant", "maximum number of attempts", 0, 0, error_kind::attempts_exhausted},
    {"invalid_grant", "refresh", 0, 0, error_kind::invalid_refresh_token},
    {"invalid_grant", "expired", 0, 0, error_kind::code_expired},
    {"invalid_grant", "verification code", 0, 0, error_kind::wrong_code},
    {"invalid_grant", "otp", 0, 0, error_kind::wrong_code},
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
    // By status alone, whatever the body said.
    {"", "", 429, 429, error_kind::rate_limited},
    {"", "", 500, 599, error_kind::server_error},
};

/// The kind the table gives for a server code (if any), description and status.
[[nodiscard]] inline error_kind classify_error(const std::optional<std::string_view>& code,
                                               std::string_view description, int status) noexcept {
    for (const error_rule& rule : error_rules) {
        if (!rule.code.empty() && (!code || *code != rule.code)) continue;
        if (!rule.description.empty() && !detail::contains_ignoring_case(description, rule.description)) continue;
        if (rule.status_min != 0 && (status < rule.status_min || status > rule.status_max)) continue;
        return rule.kind;
    }
    return code ? error_kind::unknown_error : error_kind::unexpected_response;
}

namespace detail {

/// A server code looks like a code: 1 to 256 printable ASCII characters, no spaces, quotes or
/// backslashes. (Some bodies put a sentence or an HTTP reason phrase in "error".)
inline bool looks_like_code(std::string_view s) noexcept {
    if (s.empty() || s.size() > 256) return false;
    for (char c : s)
        if (c <= ' ' || c > '~' || c == '"' || c == '\\') return false;
    return true;
}

}  // namespace detail

/// An error for a server code and description that arrived without an HTTP response (for
/// example in a magic-link callback URL), classified by the same table. As in a response body,
/// a code counts only when it looks like one (detail::looks_like_code); anything else (a
/// sentence, 100 KiB of text) gives unexpected_response without a code.
[[nodiscard]] inline error classify_error_code(std::string_view code, std::string_view description) {
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

/// The x-ratelimit-limit, -remaining and -reset headers, each read only when it is 1 to 18
/// decimal digits; empty when none of the three is usable.
[[nodiscard]] inline std::optional<rate_limit_info> read_rate_limit(const response& r) {
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

/// The time named by Retry-After (delay in seconds, or an HTTP-date), if the header is usable.
[[nodiscard]] inline std::optional<unix_seconds> read_retry_after(const response& r, unix_seconds now) {
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

struct error_body {
    std::optional<std::string> code;
    std::optional<std::string> description;
    std::string mfa_token;
};

// Reads the code and description from any of the body shapes Auth0 and its proxies use:
// code = errorCode > error (when it looks like a code) > code > error_code;
// description = error_description > description > message > error (when it was not the code).
inline error_body read_error_body(const flat_object& body) {
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
    return out;
}

}  // namespace detail

/// Classifies any response that is not a success (status outside 200-299; a status outside
/// 100-599 is always unexpected_response): an Auth0 error body
/// in any known shape is matched against error_rules; HTML, text, empty, oversized or malformed
/// bodies are classified by status alone. Fills status, code, description (sanitised, capped),
/// rate_limit, retry_at (rate_limited: Retry-After, else x-ratelimit-reset; server_error:
/// Retry-After) and mfa_token (mfa_required).
[[nodiscard]] inline error classify_error_response(const response& r, unix_seconds now,
                                                   const checked_limits& limits = {}) {
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
            body = detail::read_error_body(parsed);
            have_body = body.code.has_value();
        }
    }

    std::optional<std::string_view> code;
    if (have_body) code = *body.code;
    const error_kind kind = classify_error(code, body.description.value_or(std::string()), r.status);

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
    if (kind == error_kind::mfa_required) e.mfa_token = std::move(body.mfa_token);
    return e;
}

PASSWORDLESS_NAMESPACE_END

#endif
// #include "passwordless/start.hpp"
// passwordless: POST /passwordless/start, which sends a one-time code or a magic link.
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
inline request make_post(std::string url, const std::string& telemetry_header, std::string body,
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

/// Adds a client secret (when set and `secret_in_body`; Basic is handled by the caller) or an
/// assertion (when set) to a body.
inline void add_client_credentials(body_writer& w, const std::string& client_secret, const std::string& client_assertion,
                                   bool secret_in_body) {
    if (!client_secret.empty() && secret_in_body) w.add("client_secret", client_secret);
    if (!client_assertion.empty()) {
        w.add("client_assertion", client_assertion);
        w.add("client_assertion_type", assertion_type);
    }
}

/// Validates an optional forwarded-for IP and adds it as auth0-forwarded-for.
inline check add_forwarded_for(request& r, const std::optional<std::string>& ip) {
    if (!ip) return std::nullopt;
    if (auto e = check_ip_literal("forwarded_for", *ip)) return e;
    r.headers.push_back({"auth0-forwarded-for", *ip});
    return std::nullopt;
}

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

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
[[nodiscard]] inline result<send_method> parse_send_method(std::string_view name) {
    for (send_method m : {send_method::code, send_method::link, send_method::link_ios, send_method::link_android})
        if (to_string(m) == name) return m;
    return error::invalid_argument("send", "must be one of code, link, link_ios, link_android");
}

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
[[nodiscard]] inline result<request> build_start_request(const client& c, const start_params& p) {
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

/// Parses the answer to /passwordless/start. A 2xx with an empty body or a JSON object is a
/// success (unknown members are ignored; known members must have their types). Anything else
/// goes through classify_error_response; `now` dates its retry_at.
[[nodiscard]] inline result<start_result> parse_start_response(const response& r, unix_seconds now,
                                                               const checked_limits& limits = {}) {
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

#endif
// #include "passwordless/token.hpp"
// passwordless: POST /oauth/token with the passwordless OTP grant or the refresh grant.
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

/// A successful token response. Optional members are set only when the server sent them.
struct token_set {
    std::string access_token;
    std::string token_type;                ///< as sent ("Bearer"; compare ignoring case)
    std::optional<std::int64_t> expires_in;
    std::optional<unix_seconds> expires_at;  ///< now + expires_in
    std::optional<std::string> refresh_token;
    std::optional<std::string> id_token;   ///< not yet verified: see id_token.hpp
    std::optional<std::string> scope;
};

/// The longest expires_in accepted: ten years.
inline constexpr std::int64_t max_expires_in = 10LL * 366 * 86400;

namespace detail {

inline result<request> finish_token_request(const client& c, body_writer& w, bool form) {
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

inline check check_optional_audience(const std::optional<std::string>& audience, std::size_t max) {
    if (!audience) return std::nullopt;
    return check_header_text("audience", *audience, max, false);
}

inline check check_optional_scope(const std::optional<std::string>& scope, std::size_t max) {
    if (!scope) return std::nullopt;
    return check_scope("scope", *scope, max);
}

// expires_in: a non-negative whole number of seconds up to max_expires_in, sent as a JSON
// number, or (tolerated, as Auth0.swift does) as a decimal string such as "3600" or "3600.0".
inline std::optional<std::int64_t> read_expires_in(const flat_object& obj, const flat_member& m) {
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

/// Builds the OTP-grant request. The username must suit the realm: an email address for
/// "email", an E.164 number for "sms", either for a custom realm. Client authentication follows
/// the client: secret in the body or by HTTP Basic, or the caller's assertion.
[[nodiscard]] inline result<request> build_token_request(const client& c, const otp_grant_params& p) {
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

/// Builds the refresh-grant request.
[[nodiscard]] inline result<request> build_token_request(const client& c, const refresh_grant_params& p) {
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

/// Builds the authorization-code exchange for a magic-link callback.
[[nodiscard]] inline result<request> build_token_request(const client& c, const authorization_code_params& p) {
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

/// Parses the answer to /oauth/token. A 2xx must be a JSON object with a non-empty string
/// access_token and token_type; expires_in, refresh_token, id_token and scope are optional but
/// must have their types when present (null counts as absent). `now` (Unix seconds, 0 to
/// 9999-12-31) gives expires_at. Non-2xx answers go through classify_error_response.
[[nodiscard]] inline result<token_set> parse_token_response(const response& r, unix_seconds now,
                                                            const checked_limits& limits = {}) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (!r.is_success()) return classify_error_response(r, now, limits);
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
    if (auto e = optional_text("refresh_token", false, t.refresh_token)) return std::move(*e);
    if (auto e = optional_text("id_token", false, t.id_token)) return std::move(*e);
    if (auto e = optional_text("scope", true, t.scope)) return std::move(*e);
    const detail::flat_member* exp = obj.find("expires_in");
    if (exp != nullptr && exp->kind != detail::json_kind::null) {
        t.expires_in = detail::read_expires_in(obj, *exp);
        if (!t.expires_in) return bad("expires_in", "is not a whole number of seconds between 0 and ten years");
        t.expires_at = now + *t.expires_in;
    }
    return t;
}

PASSWORDLESS_NAMESPACE_END

#endif
// #include "passwordless/id_token.hpp"
// passwordless: ID token verification. The library does every check except the signature math,
// which a caller-supplied verifier performs (OpenSSL, jwt-cpp, an engine's crypto).
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
    header,     ///< crit, jku, jwk, x5u, x5c, cty, b64, enc, zip, a typ other than JWT, or a bad kid
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
[[nodiscard]] inline error id_token_error(id_token_check check, std::string message) {
    error e = error::make(error_kind::invalid_id_token, std::move(message));
    e.reason = std::string(to_string(check));
    return e;
}

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
[[nodiscard]] inline std::string expected_issuer(const client& c) {
    if (!c.config().domain.empty()) return "https://" + c.config().domain + "/";
    return c.endpoint_url("/");
}

/// The claims of a verified ID token: typed access to the standard claims, and every claim as
/// JSON on request.
class id_token_claims {
public:
    id_token_claims() : payload_(detail::flat_object::empty()) {}
    explicit id_token_claims(detail::flat_object payload) : payload_(std::move(payload)) {}

    /// Every claim as a JSON object (built on each call from the verified payload; duplicate
    /// names were refused and the depth is capped, so copying and dumping it is safe).
    [[nodiscard]] nlohmann::json json() const {
        detail::json_read_result r = detail::read_json(payload_.text(), payload_.text().size(), 512);
        return r.status == detail::json_read_status::ok ? std::move(r.value) : nlohmann::json::object();
    }

    /// The payload exactly as decoded from the token.
    [[nodiscard]] const std::string& payload_json() const noexcept { return payload_.text(); }

    /// A string claim, if present and a string.
    [[nodiscard]] std::optional<std::string> string_claim(std::string_view name) const { return payload_.string_member(name); }
    /// A boolean claim, if present and a boolean.
    [[nodiscard]] std::optional<bool> bool_claim(std::string_view name) const {
        const detail::flat_member* m = payload_.find(name);
        if (m == nullptr || m->kind != detail::json_kind::boolean) return std::nullopt;
        return payload_.bool_value(*m);
    }
    /// A numeric claim as a whole number within int64 (fractions are dropped), if present.
    [[nodiscard]] std::optional<std::int64_t> integer_claim(std::string_view name) const {
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

    [[nodiscard]] std::string iss() const { return string_claim("iss").value_or(std::string()); }
    [[nodiscard]] std::string sub() const { return string_claim("sub").value_or(std::string()); }
    [[nodiscard]] std::optional<std::int64_t> exp() const { return integer_claim("exp"); }
    [[nodiscard]] std::optional<std::int64_t> iat() const { return integer_claim("iat"); }
    [[nodiscard]] std::optional<std::string> email() const { return string_claim("email"); }
    [[nodiscard]] std::optional<bool> email_verified() const { return bool_claim("email_verified"); }
    [[nodiscard]] std::optional<std::string> phone_number() const { return string_claim("phone_number"); }
    [[nodiscard]] std::optional<bool> phone_number_verified() const { return bool_claim("phone_number_verified"); }
    [[nodiscard]] std::optional<std::string> name() const { return string_claim("name"); }
    [[nodiscard]] std::optional<std::string> nickname() const { return string_claim("nickname"); }
    [[nodiscard]] std::optional<std::string> picture() const { return string_claim("picture"); }
    [[nodiscard]] std::optional<std::string> updated_at() const { return string_claim("updated_at"); }
    [[nodiscard]] std::optional<std::string> org_id() const { return string_claim("org_id"); }
    [[nodiscard]] std::optional<std::string> org_name() const { return string_claim("org_name"); }
    [[nodiscard]] std::optional<std::int64_t> auth_time() const { return integer_claim("auth_time"); }
    [[nodiscard]] std::optional<std::string> nonce() const { return string_claim("nonce"); }
    [[nodiscard]] std::optional<std::string> sid() const { return string_claim("sid"); }

private:
    detail::flat_object payload_;
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
inline result<jws_parts> split_jws(std::string_view token, const checked_limits& limits) {
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

inline result<flat_object> read_jwt_object(std::string bytes, const checked_limits& limits, const char* what) {
    flat_object obj;
    bool is_object = false;
    const json_read_status status = flat_object::scan(std::move(bytes), limits.max_token_bytes(), limits.max_json_depth(), obj, is_object);
    if (status != json_read_status::ok)
        return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is " + describe(status));
    if (!is_object) return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is not a JSON object");
    return obj;
}

inline result<json> read_jwt_dom(std::string_view bytes, const checked_limits& limits, const char* what) {
    json_read_result r = read_json(bytes, limits.max_token_bytes(), limits.max_json_depth());
    if (r.status != json_read_status::ok)
        return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is " + describe(r.status));
    if (!r.value.is_object())
        return id_token_error(id_token_check::malformed, std::string("the ID token ") + what + " is not a JSON object");
    return std::move(r.value);
}

inline bool is_known_jws_algorithm(std::string_view a) noexcept {
    for (std::string_view k : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
                               "HS256", "HS384", "HS512"})
        if (a == k) return true;
    return false;
}

inline std::optional<error> check_expectations(const id_token_expectations& x, unix_seconds now) {
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

inline std::optional<error> check_header(const flat_object& header, const id_token_expectations& x, std::string& alg,
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
        if (!t || ascii_lowercase(*t) != "jwt") return id_token_error(id_token_check::header, "the ID token header typ is not JWT");
    }
    if (header.find("kid") != nullptr) {
        std::optional<std::string> k = header.string_member("kid");
        if (!k || k->empty() || k->size() > 256 || has_control(*k))
            return id_token_error(id_token_check::header, "the ID token header kid is not a short printable string");
        kid = std::move(*k);
    }
    return std::nullopt;
}

// A NumericDate between 0 and max_unix_seconds, integer or not.
inline std::optional<double> numeric_date(const flat_object& claims, const char* name) {
    const flat_member* m = claims.find(name);
    if (m == nullptr || m->kind != json_kind::number) return std::nullopt;
    return claims.number_within(*m, max_unix_seconds);
}

inline std::string quote_for_message(std::string_view v) { return "\"" + sanitize_server_text(v, 256) + "\""; }

inline std::optional<error> check_claims(const flat_object& c, const id_token_expectations& x, unix_seconds now) {
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

inline result<id_token_claims> verify_token(std::string_view token, const id_token_expectations& x,
                                      const signature_verifier* verifier, unix_seconds now, const checked_limits& limits) {
    if (auto e = check_expectations(x, now)) return std::move(*e);
    if (verifier != nullptr && !*verifier) return error::invalid_argument("verifier", "must be set");
    auto parts = split_jws(token, limits);
    if (!parts.ok()) return std::move(parts).failure();
    auto header = read_jwt_object(std::move(parts->header), limits, "header");
    if (!header.ok()) return std::move(header).failure();
    std::string alg;
    std::string kid;
    if (auto e = check_header(header.value(), x, alg, kid)) return std::move(*e);
    if (verifier != nullptr) {
        const signature_input in{alg, kid, parts->signing_input, parts->signature};
        if (!(*verifier)(in)) return id_token_error(id_token_check::signature, "the ID token signature was not accepted");
    }
    auto payload = read_jwt_object(std::move(parts->payload), limits, "payload");
    if (!payload.ok()) return std::move(payload).failure();
    if (auto e = check_claims(payload.value(), x, now)) return std::move(*e);
    return id_token_claims(std::move(payload).value());
}

}  // namespace detail

/// Verifies an ID token, in this order: structure (size cap, three strict base64url segments,
/// JSON objects without duplicate names, depth cap), header (alg in x.algorithms and never none;
/// no crit, jku, jwk, x5u, x5c, cty, b64; typ JWT when present; kid a short printable string),
/// the caller's `verifier`, then the claims iss, sub, aud, azp, exp, iat, nbf, nonce, auth_time
/// and org with `now` and x.leeway. Failures are invalid_id_token with `reason` naming the check.
[[nodiscard]] inline result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             const signature_verifier& verifier, unix_seconds now,
                                                             const checked_limits& limits = {}) {
    return detail::verify_token(token, x, &verifier, now, limits);
}

/// The same checks without the signature (see dangerous_skip_signature_check).
[[nodiscard]] inline result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             dangerous_skip_signature_check_t, unix_seconds now,
                                                             const checked_limits& limits = {}) {
    return detail::verify_token(token, x, nullptr, now, limits);
}

/// Splits and decodes a JWT without verifying anything (for display and debugging).
[[nodiscard]] inline result<decoded_jwt> decode_jwt(std::string_view token, const checked_limits& limits = {}) {
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

#endif
// #include "passwordless/jwks.hpp"
// passwordless: JSON Web Key Sets (https://DOMAIN/.well-known/jwks.json), parsed without any
// cryptography, and a small cache that tells when an unknown kid justifies one refetch.
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

/// One key of a set. RSA keys carry their modulus and exponent as big-endian bytes.
struct jwk {
    std::string kid;  ///< empty when the key has none
    std::string kty;  ///< "RSA", "EC", "oct", ...
    std::string alg;  ///< empty when absent
    std::string use;  ///< "sig", "enc", or empty
    std::string n;    ///< RSA modulus bytes (kty RSA)
    std::string e;    ///< RSA public exponent bytes (kty RSA)
    std::vector<std::string> x5c;  ///< certificate chain, base64 DER, as published
};

/// A parsed key set.
struct jwks {
    std::vector<jwk> keys;

    /// The key with this kid, or nullptr.
    [[nodiscard]] const jwk* find(std::string_view kid) const noexcept {
        for (const jwk& k : keys)
            if (k.kid == kid) return &k;
        return nullptr;
    }
};

namespace detail {

inline error bad_jwks(const std::string& what) {
    return error::make(error_kind::malformed_response, "the JWKS document " + what);
}

inline result<jwk> read_jwk(const json& k) {
    if (!k.is_object()) return bad_jwks("has a key that is not an object");
    jwk out;
    auto text = [&](const char* name, std::string& into) -> bool {
        auto it = k.find(name);
        if (it == k.end()) return true;
        const std::string* s = it->get_ptr<const std::string*>();
        if (s == nullptr) return false;
        into = *s;
        return true;
    };
    if (!text("kid", out.kid) || !text("kty", out.kty) || !text("alg", out.alg) || !text("use", out.use))
        return bad_jwks("has a key member kid, kty, alg or use that is not a string");
    if (out.kty.empty()) return bad_jwks("has a key without kty");
    if (out.kty == "RSA") {
        std::string n64;
        std::string e64;
        if (!text("n", n64) || !text("e", e64) || n64.empty() || e64.empty())
            return bad_jwks("has an RSA key without string n and e");
        auto n = base64url_decode_strict(n64);
        auto e = base64url_decode_strict(e64);
        if (!n || !e) return bad_jwks("has an RSA key whose n or e is not strict base64url");
        out.n = std::move(*n);
        out.e = std::move(*e);
    }
    auto x5c = k.find("x5c");
    if (x5c != k.end()) {
        if (!x5c->is_array()) return bad_jwks("has an x5c that is not an array");
        for (const auto& cert : *x5c) {
            const std::string* s = cert.get_ptr<const std::string*>();
            if (s == nullptr) return bad_jwks("has an x5c entry that is not a string");
            out.x5c.push_back(*s);
        }
    }
    return out;
}

}  // namespace detail

/// Parses a JWKS document. Refuses (malformed_response) anything but an object with a "keys"
/// array of key objects, RSA keys without strict base64url n and e, and two keys sharing a kid.
[[nodiscard]] inline result<jwks> parse_jwks(std::string_view document, const checked_limits& limits = {}) {
    detail::json_read_result parsed = detail::read_json(document, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok) return detail::bad_jwks(std::string("is ") + detail::describe(parsed.status));
    const detail::json& root = parsed.value;
    if (!root.is_object()) return detail::bad_jwks("is not a JSON object");
    auto keys = root.find("keys");
    if (keys == root.end() || !keys->is_array()) return detail::bad_jwks("has no keys array");
    jwks out;
    for (const auto& k : *keys) {
        auto key = detail::read_jwk(k);
        if (!key.ok()) return std::move(key).failure();
        out.keys.push_back(std::move(key).value());
    }
    // A document within the body cap can hold ten thousand keys (see has_repeated).
    std::vector<std::string_view> kids;
    kids.reserve(out.keys.size());
    for (const jwk& key : out.keys)
        if (!key.kid.empty()) kids.emplace_back(key.kid);
    if (detail::has_repeated(kids)) return detail::bad_jwks("has two keys with the same kid");
    return out;
}

/// Parses the response to GET /.well-known/jwks.json (errors classified like any other answer).
[[nodiscard]] inline result<jwks> parse_jwks_response(const response& r, unix_seconds now, const checked_limits& limits = {}) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes()) return detail::malformed(r, "the JWKS response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the JWKS response is not plain JSON");
    auto set = parse_jwks(r.body, limits);
    if (!set.ok()) set.failure().status = r.status;
    return set;
}

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
    explicit jwks_cache(unix_seconds min_refetch_interval = 60)
        : min_refetch_interval_(min_refetch_interval < 0 ? 0 : min_refetch_interval) {}

    /// Installs a freshly fetched set.
    void replace(jwks set, unix_seconds fetched_at) {
        set_ = std::move(set);
        fetched_at_ = fetched_at;
    }

    /// Looks `kid` up at time `now`.
    [[nodiscard]] key_lookup find(std::string_view kid, unix_seconds now) const {
        if (fetched_at_) {
            if (const jwk* k = set_.find(kid)) return {key_lookup_status::found, k};
            const bool fresh = now < *fetched_at_ || static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(*fetched_at_) <
                                                         static_cast<std::uint64_t>(min_refetch_interval_);
            if (fresh) return {key_lookup_status::unknown, nullptr};
        }
        return {key_lookup_status::refetch, nullptr};
    }

    [[nodiscard]] const jwks& keys() const noexcept { return set_; }

private:
    unix_seconds min_refetch_interval_;
    std::optional<unix_seconds> fetched_at_;
    jwks set_;
};

PASSWORDLESS_NAMESPACE_END

#endif
// #include "passwordless/callback.hpp"
// passwordless: the magic-link callback, the URL Auth0 redirects the browser (or app) to.
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
inline std::optional<std::string> percent_decode(std::string_view s) {
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

using url_params = std::vector<std::pair<std::string, std::string>>;

// A URL can carry tens of thousands of parameters (see has_repeated).
inline bool has_repeated_name(const url_params& params) {
    std::vector<std::string_view> names;
    names.reserve(params.size());
    for (const auto& p : params) names.emplace_back(p.first);
    return has_repeated(names);
}

inline std::optional<error> bad_callback(std::string_view problem) {
    return error::invalid_argument("url", problem);
}

// Splits "a=1&b=2" into decoded pairs; refuses broken escapes, invalid UTF-8, control
// characters and repeated names.
inline std::optional<error> parse_params(std::string_view text, url_params& out) {
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

inline const std::string* find_param(const url_params& params, std::string_view name) {
    for (const auto& p : params)
        if (p.first == name) return &p.second;
    return nullptr;
}

inline bool has_response_param(const url_params& params) {
    for (const char* n : {"code", "access_token", "id_token", "error", "state"})
        if (find_param(params, n) != nullptr) return true;
    return false;
}

}  // namespace detail

/// Parses the callback URL and checks its state against `expected_state` in constant time
/// before anything else. Parameters come from the fragment when it carries a response, else
/// from the query. Fails with invalid_argument (field "url": broken escapes, invalid UTF-8,
/// repeated or missing parameters, a response in both query and fragment; field
/// "expected_state": empty), state_mismatch, or the classified `error` parameter.
[[nodiscard]] inline result<callback_result> parse_callback(std::string_view url, std::string_view expected_state,
                                                            const checked_limits& limits = {}) {
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

#endif
// #include "passwordless/flow.hpp"
// passwordless: the login state machine. It knows where a passwordless login stands and what the
// application must do next; the application keeps the sockets, clocks and UI.
#ifndef PASSWORDLESS_FLOW_HPP
#define PASSWORDLESS_FLOW_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

// #include "passwordless/client.hpp" (above)
// #include "passwordless/detail/validate.hpp" (above)
// #include "passwordless/error.hpp" (above)
// #include "passwordless/http.hpp" (above)
// #include "passwordless/id_token.hpp" (above)
// #include "passwordless/result.hpp" (above)
// #include "passwordless/start.hpp" (above)
// #include "passwordless/token.hpp" (above)
// #include "passwordless/version.hpp" (above)

PASSWORDLESS_NAMESPACE_BEGIN

/// Where a login stands.
enum class flow_state : std::uint8_t {
    idle,            ///< nothing under way
    sending_code,    ///< a /passwordless/start request is out
    awaiting_code,   ///< the code (or link) was sent; waiting for the user
    verifying_code,  ///< an /oauth/token request is out
    authenticated,   ///< done: tokens (and verified claims) were delivered
    failed,          ///< a failure that makes continuing meaningless; only cancel leaves it
};

/// The calls the machine takes.
enum class flow_input : std::uint8_t { start, response, submit_code, resend, transport_failed, cancel };

/// How a call ended; together with the state and input it selects a transition.
enum class flow_outcome : std::uint8_t {
    accepted,       ///< a request to send
    refused,        ///< refused locally (bad input, cooldown, expiry, rate limit); nothing changed
    code_sent,      ///< the code or link is on its way
    start_failed,   ///< a first start failed in a way the caller can fix, wait out or retry
    resend_failed,  ///< a resend failed likewise; the previous code stands
    code_rejected,  ///< the token request failed, but the login can go on (another code, a wait)
    authenticated,  ///< tokens accepted (and the ID token verified when configured)
    fatal,          ///< continuing is meaningless
    cancelled,      ///< back to the start
};

[[nodiscard]] constexpr std::string_view to_string(flow_state s) noexcept {
    switch (s) {
        case flow_state::idle: return "idle";
        case flow_state::sending_code: return "sending_code";
        case flow_state::awaiting_code: return "awaiting_code";
        case flow_state::verifying_code: return "verifying_code";
        case flow_state::authenticated: return "authenticated";
        case flow_state::failed: return "failed";
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
        case flow_input::cancel: return "cancel";
    }
    return "cancel";
}

[[nodiscard]] constexpr std::string_view to_string(flow_outcome o) noexcept {
    switch (o) {
        case flow_outcome::accepted: return "accepted";
        case flow_outcome::refused: return "refused";
        case flow_outcome::code_sent: return "code_sent";
        case flow_outcome::start_failed: return "start_failed";
        case flow_outcome::resend_failed: return "resend_failed";
        case flow_outcome::code_rejected: return "code_rejected";
        case flow_outcome::authenticated: return "authenticated";
        case flow_outcome::fatal: return "fatal";
        case flow_outcome::cancelled: return "cancelled";
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
/// the call returns invalid_state and changes nothing. The README's diagram is made from this.
inline constexpr flow_transition flow_transitions[] = {
    {flow_state::idle, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start"},
    {flow_state::idle, flow_input::start, flow_outcome::refused, flow_state::idle, "error: invalid input, or rate limited until retry_at"},
    {flow_state::idle, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::sending_code, flow_input::response, flow_outcome::code_sent, flow_state::awaiting_code, "event: code_sent or link_sent"},
    {flow_state::sending_code, flow_input::response, flow_outcome::start_failed, flow_state::idle, "error: fix input, wait or retry"},
    {flow_state::sending_code, flow_input::response, flow_outcome::resend_failed, flow_state::awaiting_code, "error: wait or retry; the previous code stands"},
    {flow_state::sending_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::sending_code, flow_input::response, flow_outcome::refused, flow_state::sending_code, "error: invalid now"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::start_failed, flow_state::idle, "error: transport_failed"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::resend_failed, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::sending_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::accepted, flow_state::verifying_code, "request: /oauth/token"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::refused, flow_state::awaiting_code, "error: invalid code, code expired or used up, rate limited"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (a new code)"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::refused, flow_state::awaiting_code, "error: rate_limited during the cooldown"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (new parameters)"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::refused, flow_state::awaiting_code, "error: invalid input, cooldown or rate limit"},
    {flow_state::awaiting_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::code_rejected, flow_state::awaiting_code, "error: wrong_code, code_expired, attempts_exhausted, wait or retry"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::refused, flow_state::verifying_code, "error: invalid now"},
    {flow_state::verifying_code, flow_input::transport_failed, flow_outcome::code_rejected, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::verifying_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
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
[[nodiscard]] inline std::string flow_state_diagram() {
    std::string out = "stateDiagram-v2\n    [*] --> idle\n";
    for (const flow_transition& t : flow_transitions) {
        if (t.outcome == flow_outcome::refused) continue;
        out.append("    ").append(to_string(t.from)).append(" --> ").append(to_string(t.to)).append(" : ");
        out.append(to_string(t.input)).append(" / ").append(to_string(t.outcome)).append("\n");
    }
    return out;
}

/// What a step reports besides requests and errors.
struct flow_event {
    enum class type : std::uint8_t { code_sent, link_sent, authenticated };
    type kind = type::code_sent;
    std::optional<unix_seconds> resend_after;      ///< code_sent / link_sent: when resend is allowed
    std::optional<unix_seconds> code_expires_at;   ///< code_sent / link_sent
    std::optional<token_set> tokens;               ///< authenticated
    std::optional<id_token_claims> claims;         ///< authenticated, when an ID token was verified
};

[[nodiscard]] constexpr std::string_view to_string(flow_event::type t) noexcept {
    switch (t) {
        case flow_event::type::code_sent: return "code_sent";
        case flow_event::type::link_sent: return "link_sent";
        case flow_event::type::authenticated: return "authenticated";
    }
    return "code_sent";
}

/// What the application should do after a step.
enum class flow_next : std::uint8_t {
    send_request,      ///< send step.request, then call on_response or on_transport_failure
    ask_for_code,      ///< show the code prompt, then call submit_code (or resend)
    request_new_code,  ///< the code is expired or used up: offer resend (or start)
    wait_until,        ///< nothing may be sent before step.error->retry_at
    start_over,        ///< call start (with corrected input)
    done,              ///< step.event carries the tokens
    stop,              ///< the login failed; show step.error; cancel to begin again
    none,              ///< a call that was not allowed changed nothing
};

/// The result of one call: the state after it, and at most one request, event and error.
struct [[nodiscard]] flow_step {
    flow_state state = flow_state::idle;
    flow_next next = flow_next::none;
    std::optional<passwordless::request> request;   ///< send this
    std::optional<flow_event> event;                ///< something happened
    std::optional<passwordless::error> error;       ///< something failed or was refused
};

/// Rules and options of a login.
struct flow_config {
    unix_seconds code_lifetime = 180;   ///< Auth0's default OTP expiry ("OTP Expiry")
    unix_seconds resend_cooldown = 30;  ///< minimum time between two codes
    int max_attempts = 3;               ///< wrong codes before a code is used up
    std::optional<std::string> audience;  ///< for the token request
    std::optional<std::string> scope;     ///< for the token request
    /// When set, the ID token is required and verified with `verifier`.
    std::optional<id_token_expectations> id_token;
    signature_verifier verifier;
    /// Verify the ID token's claims but not its signature (see dangerous_skip_signature_check).
    bool dangerous_skip_signature_check = false;
};

/// One passwordless login. Every call takes `now` (Unix seconds) and returns a flow_step; calls
/// that are not allowed in the current state return invalid_state and change nothing.
class login_flow {
public:
    /// Validates the configuration (invalid_argument naming the field).
    [[nodiscard]] static result<login_flow> create(client c, flow_config config) {
        if (config.code_lifetime < 1 || config.code_lifetime > 86400)
            return error::invalid_argument("code_lifetime", "must be between 1 and 86400 seconds");
        if (config.resend_cooldown < 0 || config.resend_cooldown > 86400)
            return error::invalid_argument("resend_cooldown", "must be between 0 and 86400 seconds");
        if (config.max_attempts < 1 || config.max_attempts > 100)
            return error::invalid_argument("max_attempts", "must be between 1 and 100");
        if (auto e = detail::check_optional_audience(config.audience, c.limits().max_input_bytes())) return std::move(*e);
        if (auto e = detail::check_optional_scope(config.scope, c.limits().max_input_bytes())) return std::move(*e);
        if (config.id_token && !config.verifier && !config.dangerous_skip_signature_check)
            return error::invalid_argument("verifier", "is required to verify ID tokens");
        return login_flow(std::move(c), std::move(config));
    }

    [[nodiscard]] flow_state state() const noexcept { return state_; }

    /// When the current code stops being accepted (while one is outstanding).
    [[nodiscard]] std::optional<unix_seconds> code_expires_at() const noexcept { return code_expires_at_; }

    /// The earliest time something changes by itself: the code's expiry or the end of a wait.
    [[nodiscard]] std::optional<unix_seconds> next_deadline() const noexcept {
        std::optional<unix_seconds> d;
        auto consider = [&](const std::optional<unix_seconds>& t) {
            if (t && (!d || *t < *d)) d = t;
        };
        if (state_ == flow_state::awaiting_code) {
            consider(code_expires_at_);
            consider(token_retry_at_);
        }
        if (state_ == flow_state::idle || state_ == flow_state::awaiting_code) consider(start_retry_at_);
        return d;
    }

    /// Asks Auth0 to send a code or link (allowed in idle, and in awaiting_code to start over).
    flow_step start(const start_params& params, unix_seconds now) {
        if (!input_allowed(state_, flow_input::start)) return misuse(flow_input::start);
        if (auto e = detail::check_now(now)) return refuse(flow_input::start, std::move(*e));
        if (auto e = check_start_allowed(now)) return refuse(flow_input::start, std::move(*e));
        auto req = build_start_request(client_, params);
        if (!req.ok()) return refuse(flow_input::start, std::move(req).failure());
        pending_ = params;
        return send_start(flow_input::start, std::move(req).value(), now);
    }

    /// Asks for a new code with the same parameters (allowed in awaiting_code, after the cooldown).
    flow_step resend(unix_seconds now) {
        if (!input_allowed(state_, flow_input::resend)) return misuse(flow_input::resend);
        if (auto e = detail::check_now(now)) return refuse(flow_input::resend, std::move(*e));
        if (auto e = check_start_allowed(now)) return refuse(flow_input::resend, std::move(*e));
        auto req = build_start_request(client_, params_);
        if (!req.ok()) return refuse(flow_input::resend, std::move(req).failure());
        pending_ = params_;
        return send_start(flow_input::resend, std::move(req).value(), now);
    }

    /// Trades the code the user typed for tokens (allowed in awaiting_code). Refused locally,
    /// without a request, when the code is malformed, expired or used up, or during a rate limit.
    flow_step submit_code(std::string_view code, unix_seconds now) {
        if (!input_allowed(state_, flow_input::submit_code)) return misuse(flow_input::submit_code);
        if (auto e = detail::check_now(now)) return refuse(flow_input::submit_code, std::move(*e));
        if (attempts_ >= config_.max_attempts)
            return refuse(flow_input::submit_code,
                          error::make(error_kind::attempts_exhausted, "this code was entered wrongly too often; request a new code"));
        if (code_expires_at_ && now >= *code_expires_at_)
            return refuse(flow_input::submit_code, error::make(error_kind::code_expired, "the code has expired; request a new code"));
        if (token_retry_at_ && now < *token_retry_at_) return refuse(flow_input::submit_code, wait_error(*token_retry_at_));
        otp_grant_params grant;
        grant.realm = params_.connection;
        grant.username = params_.email ? *params_.email : params_.phone_number.value_or(std::string());
        grant.otp = std::string(code);
        grant.audience = config_.audience;
        grant.scope = config_.scope;
        grant.forwarded_for = params_.forwarded_for;
        auto req = build_token_request(client_, grant);
        if (!req.ok()) return refuse(flow_input::submit_code, std::move(req).failure());
        origin_ = state_;
        return go(flow_input::submit_code, flow_outcome::accepted, std::move(req).value(), std::nullopt, std::nullopt);
    }

    /// Feeds the response to the request out (allowed in sending_code and verifying_code).
    flow_step on_response(const response& r, unix_seconds now) {
        if (!input_allowed(state_, flow_input::response)) return misuse(flow_input::response);
        if (auto e = detail::check_now(now)) return refuse(flow_input::response, std::move(*e));
        return state_ == flow_state::sending_code ? start_answered(r, now) : token_answered(r, now);
    }

    /// Reports that the request out never completed; the machine returns to the state before it.
    flow_step on_transport_failure(unix_seconds /*now*/) {
        if (!input_allowed(state_, flow_input::transport_failed)) return misuse(flow_input::transport_failed);
        error e = error::make(error_kind::transport_failed, "the request did not complete; it can be sent again");
        if (state_ == flow_state::sending_code) return go(flow_input::transport_failed, back_from_start(), std::nullopt, std::nullopt, std::move(e));
        return go(flow_input::transport_failed, flow_outcome::code_rejected, std::nullopt, std::nullopt, std::move(e));
    }

    /// Abandons the login (allowed in every state); what the server said about rate limits is kept.
    flow_step cancel(unix_seconds /*now*/) {
        params_ = start_params{};
        pending_ = start_params{};
        attempts_ = 0;
        code_expires_at_.reset();
        last_start_at_.reset();
        return go(flow_input::cancel, flow_outcome::cancelled, std::nullopt, std::nullopt, std::nullopt);
    }

private:
    login_flow(client c, flow_config config) : client_(std::move(c)), config_(std::move(config)) {}

    static error wait_error(unix_seconds until) {
        error e = error::make(error_kind::rate_limited, "rate limited: wait until retry_at before trying again");
        e.retry_at = until;
        return e;
    }

    std::optional<error> check_start_allowed(unix_seconds now) const {
        if (start_retry_at_ && now < *start_retry_at_) return wait_error(*start_retry_at_);
        if (state_ == flow_state::awaiting_code && last_start_at_ && now - *last_start_at_ < config_.resend_cooldown) {
            error e = wait_error(*last_start_at_ + config_.resend_cooldown);
            e.description = "a new code can be requested only after the resend cooldown";
            return e;
        }
        return std::nullopt;
    }

    flow_step send_start(flow_input input, request req, unix_seconds now) {
        origin_ = state_;
        pending_at_ = now;
        return go(input, flow_outcome::accepted, std::move(req), std::nullopt, std::nullopt);
    }

    flow_outcome back_from_start() const {
        return origin_ == flow_state::awaiting_code ? flow_outcome::resend_failed : flow_outcome::start_failed;
    }

    flow_step start_answered(const response& r, unix_seconds now) {
        auto parsed = parse_start_response(r, now, client_.limits());
        if (parsed.ok()) {
            params_ = pending_;
            last_start_at_ = pending_at_;
            attempts_ = 0;
            token_retry_at_.reset();
            code_expires_at_ = pending_at_ + config_.code_lifetime;
            flow_event ev;
            const bool link = !params_.send || *params_.send != send_method::code;
            ev.kind = link ? flow_event::type::link_sent : flow_event::type::code_sent;
            ev.resend_after = pending_at_ + config_.resend_cooldown;
            ev.code_expires_at = code_expires_at_;
            return go(flow_input::response, flow_outcome::code_sent, std::nullopt, std::move(ev), std::nullopt);
        }
        error e = std::move(parsed).failure();
        if (e.kind == error_kind::rate_limited && e.retry_at) start_retry_at_ = e.retry_at;
        const bool recoverable =
            e.action == error_action::wait || e.action == error_action::retry || e.action == error_action::fix_input;
        return go(flow_input::response, recoverable ? back_from_start() : flow_outcome::fatal, std::nullopt, std::nullopt,
                  std::move(e));
    }

    flow_step token_answered(const response& r, unix_seconds now) {
        auto parsed = parse_token_response(r, now, client_.limits());
        if (!parsed.ok()) {
            error e = std::move(parsed).failure();
            bool recoverable = true;
            switch (e.kind) {
                case error_kind::wrong_code: ++attempts_; break;
                case error_kind::attempts_exhausted: attempts_ = config_.max_attempts; break;
                case error_kind::code_expired: code_expires_at_ = now; break;
                case error_kind::rate_limited:
                    if (e.retry_at) token_retry_at_ = e.retry_at;
                    break;
                default: recoverable = e.action == error_action::retry;
            }
            return go(flow_input::response, recoverable ? flow_outcome::code_rejected : flow_outcome::fatal, std::nullopt,
                      std::nullopt, std::move(e));
        }
        flow_event ev;
        ev.kind = flow_event::type::authenticated;
        if (config_.id_token) {
            if (!parsed->id_token)
                return go(flow_input::response, flow_outcome::fatal, std::nullopt, std::nullopt,
                          id_token_error(id_token_check::missing, "the token response has no ID token (is openid in the scope?)"));
            auto claims = config_.dangerous_skip_signature_check
                              ? verify_id_token(*parsed->id_token, *config_.id_token, dangerous_skip_signature_check, now,
                                                client_.limits())
                              : verify_id_token(*parsed->id_token, *config_.id_token, config_.verifier, now, client_.limits());
            if (!claims.ok())
                return go(flow_input::response, flow_outcome::fatal, std::nullopt, std::nullopt, std::move(claims).failure());
            ev.claims = std::move(claims).value();
        }
        ev.tokens = std::move(parsed).value();
        code_expires_at_.reset();
        return go(flow_input::response, flow_outcome::authenticated, std::nullopt, std::move(ev), std::nullopt);
    }

    flow_step misuse(flow_input input) const {
        flow_step s;
        s.state = state_;
        s.next = flow_next::none;
        s.error = error::make(error_kind::invalid_state, std::string(to_string(input)) + " is not allowed in state " +
                                                             std::string(to_string(state_)));
        return s;
    }

    flow_step refuse(flow_input input, error e) { return go(input, flow_outcome::refused, std::nullopt, std::nullopt, std::move(e)); }

    flow_step go(flow_input input, flow_outcome outcome, std::optional<request> req, std::optional<flow_event> ev,
                 std::optional<error> e) {
        const flow_transition* t = find_transition(state_, input, outcome);
        if (t == nullptr) return misuse(input);  // unreachable while the table and the code agree
        state_ = t->to;
        flow_step s;
        s.state = state_;
        s.request = std::move(req);
        s.event = std::move(ev);
        s.error = std::move(e);
        s.next = next_for(s);
        return s;
    }

    flow_next next_for(const flow_step& s) const {
        if (s.request) return flow_next::send_request;
        if (state_ == flow_state::authenticated) return flow_next::done;
        if (state_ == flow_state::failed) return flow_next::stop;
        if (s.error && s.error->kind == error_kind::rate_limited && s.error->retry_at) return flow_next::wait_until;
        if (state_ == flow_state::awaiting_code) {
            const bool dead = attempts_ >= config_.max_attempts || (s.error && s.error->kind == error_kind::code_expired);
            return dead ? flow_next::request_new_code : flow_next::ask_for_code;
        }
        if (state_ == flow_state::idle) return flow_next::start_over;
        return flow_next::none;
    }

    client client_;
    flow_config config_;
    flow_state state_ = flow_state::idle;
    flow_state origin_ = flow_state::idle;  // the state before the request out
    start_params params_;                   // of the code outstanding
    start_params pending_;                  // of the start request out
    unix_seconds pending_at_ = 0;
    std::optional<unix_seconds> last_start_at_;
    std::optional<unix_seconds> code_expires_at_;
    std::optional<unix_seconds> start_retry_at_;
    std::optional<unix_seconds> token_retry_at_;
    int attempts_ = 0;
};

PASSWORDLESS_NAMESPACE_END

#endif

#endif
