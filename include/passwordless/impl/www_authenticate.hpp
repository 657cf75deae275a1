// passwordless: the definitions of passwordless/www_authenticate.hpp's functions. passwordless/www_authenticate.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_WWW_AUTHENTICATE_HPP
#define PASSWORDLESS_IMPL_WWW_AUTHENTICATE_HPP

#include "passwordless/www_authenticate.hpp"

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

#endif

#endif
