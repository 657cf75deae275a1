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
