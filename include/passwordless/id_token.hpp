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

/// The claims of a verified ID token: typed access to the standard claims, and every claim as
/// JSON on request.
class id_token_claims {
public:
    id_token_claims();
    explicit id_token_claims(detail::flat_object payload);

    /// Every claim as a JSON object (built on each call from the verified payload; duplicate
    /// names were refused and the depth is capped, so copying and dumping it is safe).
    [[nodiscard]] nlohmann::json json() const;

    /// The payload exactly as decoded from the token.
    [[nodiscard]] const std::string& payload_json() const noexcept;

    /// A string claim, if present and a string.
    [[nodiscard]] std::optional<std::string> string_claim(std::string_view name) const;
    /// A boolean claim, if present and a boolean.
    [[nodiscard]] std::optional<bool> bool_claim(std::string_view name) const;
    /// A numeric claim as a whole number within int64 (fractions are dropped), if present.
    [[nodiscard]] std::optional<std::int64_t> integer_claim(std::string_view name) const;

    [[nodiscard]] std::string iss() const;
    [[nodiscard]] std::string sub() const;
    [[nodiscard]] std::optional<std::int64_t> exp() const;
    [[nodiscard]] std::optional<std::int64_t> iat() const;
    [[nodiscard]] std::optional<std::string> email() const;
    [[nodiscard]] std::optional<bool> email_verified() const;
    [[nodiscard]] std::optional<std::string> phone_number() const;
    [[nodiscard]] std::optional<bool> phone_number_verified() const;
    [[nodiscard]] std::optional<std::string> name() const;
    [[nodiscard]] std::optional<std::string> nickname() const;
    [[nodiscard]] std::optional<std::string> picture() const;
    [[nodiscard]] std::optional<std::string> updated_at() const;
    [[nodiscard]] std::optional<std::string> org_id() const;
    [[nodiscard]] std::optional<std::string> org_name() const;
    [[nodiscard]] std::optional<std::int64_t> auth_time() const;
    [[nodiscard]] std::optional<std::string> nonce() const;
    [[nodiscard]] std::optional<std::string> sid() const;

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

PASSWORDLESS_FUNC result<id_token_claims> verify_token(std::string_view token, const id_token_expectations& x,
                                      const signature_verifier* verifier, unix_seconds now, const checked_limits& limits);

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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/id_token.hpp"
#endif

#endif
