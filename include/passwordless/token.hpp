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

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/flat_json.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/post.hpp"
#include "passwordless/detail/response_body.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

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
