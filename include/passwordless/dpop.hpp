// passwordless: DPoP proofs (RFC 9449) without cryptography in the core. The caller holds an
// ES256 (P-256) key pair wherever it likes (Secure Enclave, Android KeyStore, TPM, OpenSSL) and
// passes its public coordinates and a signer; the library builds the proof around it.
#ifndef PASSWORDLESS_DPOP_HPP
#define PASSWORDLESS_DPOP_HPP

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/client.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/sha256.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/jwk_thumbprint.hpp"
#include "passwordless/result.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// The public half of an ES256 (P-256) key: the coordinates x and y as base64url of their 32
/// big-endian bytes each (the JWK's "x" and "y"). Build it with from_jwk or from_coordinates.
struct dpop_public_key {
    std::string x;
    std::string y;

    /// Reads a public JWK {"kty":"EC","crv":"P-256","x":...,"y":...}. Refused (invalid_argument,
    /// field "key"): another kty, crv or alg than ES256, coordinates that are not 32 bytes of
    /// strict base64url, and any private member (d, or RSA/oct ones): a proof's jwk must never
    /// carry them, so a key that has them is refused rather than trimmed.
    [[nodiscard]] static result<dpop_public_key> from_jwk(std::string_view jwk_json, const checked_limits& limits = {});

    /// From the raw 32-byte big-endian coordinates (as a platform key store exports them).
    [[nodiscard]] static result<dpop_public_key> from_coordinates(std::string_view x_bytes, std::string_view y_bytes);

    /// Empty when x and y are each strict base64url of 32 bytes; else the invalid_argument error.
    [[nodiscard]] std::optional<error> validate() const;

    /// The public JWK with the required members in RFC 7638 order:
    /// {"crv":"P-256","kty":"EC","x":"...","y":"..."}.
    [[nodiscard]] std::string jwk_json() const;

    /// The key's RFC 7638 thumbprint (what a DPoP-bound token's cnf.jkt holds).
    [[nodiscard]] std::string thumbprint() const;
};

/// Signs a proof: given the JWS signing input (ASCII header.payload), returns the ES256
/// signature as raw r||s, exactly 64 bytes (not DER). Anything else (e.g. an empty string when
/// the key store failed) makes the proof fail with invalid_argument, field "signature".
using dpop_signer = std::function<std::string(std::string_view signing_input)>;

/// The caller's random source for proof ids: returns fresh random bytes (12 to 64, e.g. 16 from
/// a CSPRNG) on every call. The library calls it once per proof and never keeps the bytes.
using dpop_jti_source = std::function<std::string()>;

/// A DPoP key as the library sees it: the public key and a way to sign with the private one.
struct dpop_key {
    dpop_public_key public_key;
    dpop_signer signer;
};

/// Everything one proof depends on besides the key.
struct dpop_proof_params {
    std::string_view method;        ///< the request's method, upper case ("POST")
    std::string_view url;           ///< the request's absolute URL (query and fragment are dropped)
    unix_seconds now = 0;           ///< iat
    std::string_view jti;           ///< at least 12 fresh random bytes; a new value for every proof
    std::string_view nonce;         ///< the server's latest DPoP-Nonce; empty: none
    std::string_view access_token;  ///< resource requests only (gives ath); empty on /oauth/token
};

/// The shortest and longest jti byte strings accepted (RFC 9449 §4.2: at least 96 random bits).
inline constexpr std::size_t min_dpop_jti_bytes = 12;
inline constexpr std::size_t max_dpop_jti_bytes = 64;

/// The htu claim for `url` (RFC 9449 §4.2, RFC 3986 §6.2.2-6.2.3): query and fragment dropped,
/// scheme and host lower case, the default port dropped, an empty path made "/", the path
/// otherwise exactly as given. The URL must be absolute https, or http to a loopback host
/// (127.x.x.x, localhost, [::1]), without user info, controls, spaces or non-ASCII bytes;
/// anything else is invalid_argument with field "url".
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> dpop_htu(std::string_view url);

/// Builds a DPoP proof (the value of the DPoP header) exactly as RFC 9449 §4.2 and Auth0 want:
/// header {"typ":"dpop+jwt","alg":"ES256","jwk":{public key}}, claims jti (base64url of the
/// given bytes), htm, htu (dpop_htu), iat, then nonce and ath (base64url SHA-256 of the access
/// token) when given. Refused with invalid_argument: a key that fails validate() (field "key"), no
/// signer ("signer"), a method that is not an upper-case token ("method"), a URL dpop_htu
/// refuses ("url"), `now` outside 0 to 9999-12-31 ("now"), a jti under 12 or over 64 bytes
/// ("jti"), a nonce that is not a valid DPoP nonce ("nonce"), an access token that is not
/// printable ASCII up to 64 KiB ("access_token"), a signature that is not 64 bytes ("signature").
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> build_dpop_proof(const dpop_key& key, const dpop_proof_params& p);

/// A resource (API) request with a DPoP-bound access token.
struct dpop_resource_params {
    std::string_view method;        ///< e.g. "GET"
    std::string_view url;           ///< the API URL, as it will be sent
    std::string_view access_token;  ///< a DPoP-bound access token (token_type DPoP)
    unix_seconds now = 0;
    std::string_view jti;           ///< fresh random bytes, as for build_dpop_proof
    std::string_view nonce;         ///< the resource server's latest DPoP-Nonce; empty: none
};

/// The two headers a DPoP-bound API call carries, in order: authorization "DPoP <token>" and
/// dpop with a proof whose ath is the token's hash. Errors as build_dpop_proof (an empty access
/// token is invalid_argument, field "access_token").
[[nodiscard]] PASSWORDLESS_FUNC result<std::vector<header>> dpop_resource_headers(const dpop_key& key, const dpop_resource_params& p);

/// Adds a DPoP header with a fresh proof for `r` (its method and URL) to a request the library
/// built, e.g. a token request. Any DPoP header already there is replaced.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<error> add_dpop_proof(request& r, const dpop_key& key, unix_seconds now,
                                                  std::string_view jti, std::string_view nonce);

/// True when a token response's token_type says the tokens are DPoP-bound (ignoring case).
[[nodiscard]] PASSWORDLESS_FUNC bool is_dpop_token_type(std::string_view token_type) noexcept;

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/dpop.hpp"
#endif

#endif
