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

#include "passwordless/detail/flat_json.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/version.hpp"

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
