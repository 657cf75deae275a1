// passwordless: the definitions of passwordless/id_token.hpp's functions. passwordless/id_token.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_ID_TOKEN_HPP
#define PASSWORDLESS_IMPL_ID_TOKEN_HPP

#include "passwordless/id_token.hpp"

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

PASSWORDLESS_FUNC id_token_claims::id_token_claims() : payload_(detail::flat_object::empty()) {}

PASSWORDLESS_FUNC id_token_claims::id_token_claims(detail::flat_object payload) : payload_(std::move(payload)) {}

PASSWORDLESS_FUNC nlohmann::json id_token_claims::json() const {
    detail::json_read_result r = detail::read_json(payload_.text(), payload_.text().size(), 512);
    return r.status == detail::json_read_status::ok ? std::move(r.value) : nlohmann::json::object();
}

PASSWORDLESS_FUNC const std::string& id_token_claims::payload_json() const noexcept { return payload_.text(); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::string_claim(std::string_view name) const { return payload_.string_member(name); }

PASSWORDLESS_FUNC std::optional<bool> id_token_claims::bool_claim(std::string_view name) const {
    const detail::flat_member* m = payload_.find(name);
    if (m == nullptr || m->kind != detail::json_kind::boolean) return std::nullopt;
    return payload_.bool_value(*m);
}

PASSWORDLESS_FUNC std::optional<std::int64_t> id_token_claims::integer_claim(std::string_view name) const {
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

PASSWORDLESS_FUNC std::string id_token_claims::iss() const { return string_claim("iss").value_or(std::string()); }

PASSWORDLESS_FUNC std::string id_token_claims::sub() const { return string_claim("sub").value_or(std::string()); }

PASSWORDLESS_FUNC std::optional<std::int64_t> id_token_claims::exp() const { return integer_claim("exp"); }

PASSWORDLESS_FUNC std::optional<std::int64_t> id_token_claims::iat() const { return integer_claim("iat"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::email() const { return string_claim("email"); }

PASSWORDLESS_FUNC std::optional<bool> id_token_claims::email_verified() const { return bool_claim("email_verified"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::phone_number() const { return string_claim("phone_number"); }

PASSWORDLESS_FUNC std::optional<bool> id_token_claims::phone_number_verified() const { return bool_claim("phone_number_verified"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::name() const { return string_claim("name"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::nickname() const { return string_claim("nickname"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::picture() const { return string_claim("picture"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::updated_at() const { return string_claim("updated_at"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::org_id() const { return string_claim("org_id"); }

PASSWORDLESS_FUNC std::optional<std::string> id_token_claims::org_name() const { return string_claim("org_name"); }

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

PASSWORDLESS_FUNC result<id_token_claims> verify_token(std::string_view token, const id_token_expectations& x,
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

PASSWORDLESS_FUNC result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             const signature_verifier& verifier, unix_seconds now,
                                                             const checked_limits& limits) {
    return detail::verify_token(token, x, &verifier, now, limits);
}

PASSWORDLESS_FUNC result<id_token_claims> verify_id_token(std::string_view token, const id_token_expectations& x,
                                                             dangerous_skip_signature_check_t, unix_seconds now,
                                                             const checked_limits& limits) {
    return detail::verify_token(token, x, nullptr, now, limits);
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

#endif

#endif
