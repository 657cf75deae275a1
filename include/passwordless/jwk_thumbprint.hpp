// passwordless: JWK thumbprints (RFC 7638): SHA-256 over the key's required public members,
// sorted, without whitespace, as base64url. What Auth0 and oidc-provider put in cnf.jkt.
#ifndef PASSWORDLESS_JWK_THUMBPRINT_HPP
#define PASSWORDLESS_JWK_THUMBPRINT_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/sha256.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

/// The coordinate size in bytes of a NIST curve JWKs name, or 0 for any other curve.
constexpr std::size_t ec_coordinate_bytes(std::string_view crv) noexcept {
    if (crv == "P-256") return 32;
    if (crv == "P-384") return 48;
    if (crv == "P-521") return 66;
    return 0;
}

/// base64url SHA-256 of `text` without padding.
PASSWORDLESS_FUNC std::string sha256_base64url(std::string_view text);

}  // namespace detail

/// The RFC 7638 thumbprint (SHA-256, base64url) of a public key given as JWK JSON text.
/// Supported: RSA (members e, kty, n), EC (crv, kty, x, y; for P-256/-384/-521 the coordinates
/// must have the curve's size) and OKP (crv, kty, x). Other members (kid, alg, use, and the
/// private members of a private key, which RFC 7638 §3.2.1 leaves out) do not change it.
/// A document that is not such a key (not JSON, no kty, another kty, a required member missing,
/// not a string or not strict base64url) is invalid_argument with field "key".
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> jwk_thumbprint(std::string_view jwk_json, const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/jwk_thumbprint.hpp"
#endif

#endif
