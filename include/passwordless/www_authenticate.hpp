// passwordless: WWW-Authenticate challenges (RFC 9110 §11.6.1) and the DPoP ones among them
// (RFC 9449 §7.1): how a resource server says "use my nonce" or "your proof was refused".
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

/// Classifies a resource server's failed answer to a DPoP request: a DPoP challenge with an
/// error code goes through the shared table (use_dpop_nonce: dpop_nonce_required with the
/// response's DPoP-Nonce in error::dpop_nonce, so the caller retries once with a new proof
/// carrying it; invalid_dpop_proof: invalid_dpop_proof); anything else as
/// classify_error_response. Status is always set. Call only for non-2xx responses.
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

PASSWORDLESS_FUNC error classify_resource_error(const response& r, unix_seconds now, const checked_limits& limits) {
    auto challenge = find_dpop_challenge(r);
    if (!challenge || challenge->error.empty()) return classify_error_response(r, now, limits);
    error e = classify_error_code(challenge->error, challenge->error_description);
    e.status = r.status;
    if (e.kind == error_kind::dpop_nonce_required) e.dpop_nonce = read_dpop_nonce(r).value_or(std::string());
    return e;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
