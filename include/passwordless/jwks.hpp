// passwordless: JSON Web Key Sets (https://DOMAIN/.well-known/jwks.json), parsed without any
// cryptography, and a small cache that tells when an unknown kid justifies one refetch.
#ifndef PASSWORDLESS_JWKS_HPP
#define PASSWORDLESS_JWKS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/response_body.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// One usable key of a set: an RSA signature key, modulus and exponent as big-endian bytes.
struct jwk {
    std::string kid;  ///< empty when the key has none
    std::string kty;  ///< "RSA" (other key types are skipped when a set is parsed)
    std::string alg;  ///< empty when absent: the key serves any RSA algorithm in the allow-list
    std::string use;  ///< "sig" or empty
    std::string n;    ///< RSA modulus bytes
    std::string e;    ///< RSA public exponent bytes (odd, at least 3)
    std::vector<std::string> x5c;  ///< certificate chain, base64 DER, as published (may be empty)
    std::optional<std::vector<std::string>> key_ops;  ///< the operations the key may serve, when it says (RFC 7517 4.3)
};

/// The members of a private or symmetric JWK (RFC 7518 6.3.2, 6.4): a set that publishes any of
/// them is refused whole (RFC 7517 section 5 is for public keys; a server that leaks its private
/// key must not be trusted). One exception, pinned by the conformance vectors and matching jose:
/// "k" on a kty "oct" entry is a symmetric key, a type this library never verifies with, so that
/// entry is skipped like any other unusable key; "k" on any other key type refuses the set.
inline constexpr std::string_view private_jwk_members[] = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};

/// True when `key` may verify signatures: an RSA key whose use is absent or "sig", whose key_ops
/// (when present) include "verify" (RFC 7517 4.3), and whose exponent is usable. parse_jwks skips
/// every other key, and a verifier handed keys applies the same rule.
[[nodiscard]] PASSWORDLESS_FUNC bool is_verification_key(const jwk& key) noexcept;

/// A parsed key set: the keys the library can use, in document order, and how many entries it
/// skipped (RFC 7517 section 5: keys that are not understood are ignored, never fatal).
struct jwks {
    std::vector<jwk> keys;
    std::size_t skipped = 0;

    /// The first key with this kid, or nullptr. A kid is a hint (RFC 7517 section 4.5): keys may
    /// share one, so verifiers should try every match (see candidates()).
    [[nodiscard]] const jwk* find(std::string_view kid) const noexcept;

    /// The keys that may have signed a token with this `kid` (empty: the token has none) and
    /// `alg`: with a kid, every key of that kid whose alg is absent or equal; without one, the
    /// only key whose alg is absent or equal, or nothing when several could be meant.
    [[nodiscard]] std::vector<const jwk*> candidates(std::string_view kid, std::string_view alg) const;
};

/// True when `e` (big-endian bytes) is an RSA public exponent a verifier may use: odd and at
/// least 3 (e = 1 makes any padded "signature" verify). Leading zero bytes are ignored.
[[nodiscard]] PASSWORDLESS_FUNC bool is_usable_rsa_exponent(std::string_view e) noexcept;

namespace detail {

PASSWORDLESS_FUNC error bad_jwks(const std::string& what);

// The key as the library can use it, or nothing: a key of another type, with a member of the
// wrong type, n or e not strict base64url, key_ops not an array of distinct strings, or one
// that is_verification_key refuses.
PASSWORDLESS_FUNC std::optional<jwk> read_usable_jwk(const json& k);

}  // namespace detail

/// Parses a JWKS document. Refuses (malformed_response) what is not a JWK Set (invalid JSON or
/// UTF-8, over the caps, not an object, no "keys" array, an entry that is not an object) and a set
/// that publishes private key members (private_jwk_members) in any entry. Keys the library cannot
/// use (not RSA, n or e not strict base64url, use other than sig, key_ops without "verify", a kid,
/// alg or use that is not a string, an exponent below 3 or even) are skipped and counted.
[[nodiscard]] PASSWORDLESS_FUNC result<jwks> parse_jwks(std::string_view document, const checked_limits& limits = {});

/// Parses the response to GET /.well-known/jwks.json (errors classified like any other answer).
[[nodiscard]] PASSWORDLESS_FUNC result<jwks> parse_jwks_response(const response& r, unix_seconds now, const checked_limits& limits = {});

/// What a key lookup found.
enum class key_lookup_status : std::uint8_t {
    found,    ///< the key is in the set
    refetch,  ///< unknown kid: the set may be stale; fetch it once more, then look again
    unknown,  ///< unknown kid, and the set is fresh: refuse the token
};

struct key_lookup {
    key_lookup_status status = key_lookup_status::unknown;
    const jwk* key = nullptr;  ///< set when found; valid until the cache is replaced
};

/// Keeps the current key set and when it was fetched. An unknown kid asks for a refetch only if
/// the set is older than `min_refetch_interval`, so a stream of forged kids cannot make the
/// caller hammer the JWKS endpoint.
class jwks_cache {
public:
    explicit jwks_cache(unix_seconds min_refetch_interval = 60);

    /// Installs a freshly fetched set.
    void replace(jwks set, unix_seconds fetched_at);

    /// Looks `kid` up at time `now`.
    [[nodiscard]] key_lookup find(std::string_view kid, unix_seconds now) const;

    [[nodiscard]] const jwks& keys() const noexcept;

private:
    unix_seconds min_refetch_interval_;
    std::optional<unix_seconds> fetched_at_;
    jwks set_;
};

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/jwks.hpp"
#endif

#endif
