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

#include "passwordless/claims.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/flat_json.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

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
