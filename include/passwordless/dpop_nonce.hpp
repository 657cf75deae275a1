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

#include "passwordless/http.hpp"
#include "passwordless/version.hpp"

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
