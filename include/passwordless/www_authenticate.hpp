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

#include "passwordless/classify.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

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
