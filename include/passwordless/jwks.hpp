// passwordless: JSON Web Key Sets (https://DOMAIN/.well-known/jwks.json), parsed without any
// cryptography, and a small cache that tells when an unknown kid justifies one refetch.
//
// parse_jwks / parse_jwks_response read the set into the keys the library can use, in document
// order: `jwk` values (`kid`, `kty`, `alg`, `use`, RSA `n` and `e` as big-endian bytes, `x5c`).
// As RFC 7517 section 5 asks, a key it cannot use is skipped and counted in `jwks::skipped`,
// never fatal to the set: another `kty` (EC, OKP, oct, unknown or missing), `n` or `e` that is not
// strict base64url (standard base64, padding), a `kid`, `alg` or `use` that is not a string, `use`
// other than `sig` (`enc`, `null`), `key_ops` without `verify` (RFC 7517 4.3), an x5c-only RSA
// key, an exponent below 3 or even. A set that publishes private key members
// (`private_jwk_members`: `d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, or `k` outside a symmetric `oct`
// entry, which is skipped) is refused whole, naming the member, never its value;
// is_verification_key is the same rule for a key you hold, and the OpenSSL add-on applies it.
// Otherwise only a document that is not a JWK Set is refused (not an object, no `keys` array, an
// entry that is not an object, invalid JSON or UTF-8, over the caps).
//
// Keys may share a `kid` (RFC 7517 4.5): `jwks::candidates(kid, alg)` gives every key of that kid
// whose `alg` is absent or the token's; for a token without `kid`, the one key that could have
// signed it (none when several could). jwks_cache holds the set and when it was fetched:
// `find(kid, now)` answers `found`, `refetch` (unknown kid and the set is older than the minimum
// interval, 60 s by default: fetch once more) or `unknown` (refuse the token), so forged `kid`s
// cannot make you hammer the endpoint. login_flow uses it with key_source::fetch (flow.hpp).
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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC const jwk* jwks::find(std::string_view kid) const noexcept {
    for (const jwk& k : keys)
        if (k.kid == kid) return &k;
    return nullptr;
}

PASSWORDLESS_FUNC std::vector<const jwk*> jwks::candidates(std::string_view kid, std::string_view alg) const {
    std::vector<const jwk*> out;
    for (const jwk& k : keys)
        if ((kid.empty() || k.kid == kid) && (k.alg.empty() || k.alg == alg)) out.push_back(&k);
    if (kid.empty() && out.size() > 1) out.clear();
    return out;
}

PASSWORDLESS_FUNC bool is_usable_rsa_exponent(std::string_view e) noexcept {
    std::size_t i = 0;
    while (i < e.size() && e[i] == '\0') ++i;
    if (i == e.size()) return false;
    const auto last = static_cast<unsigned char>(e.back());
    if ((last & 1U) == 0) return false;
    return !(i + 1 == e.size() && last < 3);
}

PASSWORDLESS_FUNC bool is_verification_key(const jwk& key) noexcept {
    if (key.kty != "RSA" || (!key.use.empty() && key.use != "sig") || !is_usable_rsa_exponent(key.e)) return false;
    if (!key.key_ops) return true;
    for (const std::string& op : *key.key_ops)
        if (op == "verify") return true;
    return false;
}

namespace detail {

PASSWORDLESS_FUNC error bad_jwks(const std::string& what) {
    return error::make(error_kind::malformed_response, "the JWKS document " + what);
}

PASSWORDLESS_FUNC std::optional<jwk> read_usable_jwk(const json& k) {
    jwk out;
    auto text = [&](const char* name, std::string& into) -> bool {
        auto it = k.find(name);
        if (it == k.end()) return true;
        const std::string* s = it->get_ptr<const std::string*>();
        if (s == nullptr) return false;
        into = *s;
        return true;
    };
    if (!text("kid", out.kid) || !text("kty", out.kty) || !text("alg", out.alg) || !text("use", out.use)) return std::nullopt;
    if (out.kty != "RSA" || (k.find("use") != k.end() && out.use != "sig")) return std::nullopt;
    auto ops = k.find("key_ops");
    if (ops != k.end()) {
        if (!ops->is_array() || ops->size() > 16) return std::nullopt;
        std::vector<std::string> list;
        for (const auto& op : *ops) {
            const std::string* s = op.get_ptr<const std::string*>();
            if (s == nullptr) return std::nullopt;
            for (const std::string& seen : list)
                if (seen == *s) return std::nullopt;  // RFC 7517 4.3: no duplicates
            list.push_back(*s);
        }
        out.key_ops = std::move(list);
    }
    std::string n64;
    std::string e64;
    if (!text("n", n64) || !text("e", e64) || n64.empty() || e64.empty()) return std::nullopt;
    auto n = base64url_decode_strict(n64);
    auto e = base64url_decode_strict(e64);
    if (!n || !e) return std::nullopt;
    out.n = std::move(*n);
    out.e = std::move(*e);
    if (!is_verification_key(out)) return std::nullopt;
    auto x5c = k.find("x5c");
    if (x5c != k.end()) {
        if (!x5c->is_array()) return std::nullopt;
        for (const auto& cert : *x5c) {
            const std::string* s = cert.get_ptr<const std::string*>();
            if (s == nullptr) return std::nullopt;
            out.x5c.push_back(*s);
        }
    }
    return out;
}

}  // namespace detail

PASSWORDLESS_FUNC result<jwks> parse_jwks(std::string_view document, const checked_limits& limits) {
    detail::json_read_result parsed = detail::read_json(document, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok) return detail::bad_jwks(std::string("is ") + detail::describe(parsed.status));
    const detail::json& root = parsed.value;
    if (!root.is_object()) return detail::bad_jwks("is not a JSON object");
    auto keys = root.find("keys");
    if (keys == root.end() || !keys->is_array()) return detail::bad_jwks("has no keys array");
    jwks out;
    std::size_t index = 0;
    for (const auto& k : *keys) {
        if (!k.is_object()) return detail::bad_jwks("has a key that is not an object");
        auto kty = k.find("kty");
        const bool symmetric = kty != k.end() && kty->is_string() && kty->get_ref<const std::string&>() == "oct";
        for (std::string_view member : private_jwk_members)
            if (k.find(std::string(member)) != k.end() && !(symmetric && member == "k"))
                return detail::bad_jwks("publishes private key material (member \"" + std::string(member) + "\" of key " +
                                        std::to_string(index) + "): a server that leaks its private key is not trusted");
        ++index;
        std::optional<jwk> key = detail::read_usable_jwk(k);
        if (key)
            out.keys.push_back(std::move(*key));
        else
            ++out.skipped;
    }
    return out;
}

PASSWORDLESS_FUNC result<jwks> parse_jwks_response(const response& r, unix_seconds now, const checked_limits& limits) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes()) return detail::malformed(r, "the JWKS response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the JWKS response is not plain JSON");
    auto set = parse_jwks(r.body, limits);
    if (!set.ok()) set.failure().status = r.status;
    return set;
}

PASSWORDLESS_FUNC jwks_cache::jwks_cache(unix_seconds min_refetch_interval)
    : min_refetch_interval_(min_refetch_interval < 0 ? 0 : min_refetch_interval) {}

PASSWORDLESS_FUNC void jwks_cache::replace(jwks set, unix_seconds fetched_at) {
    set_ = std::move(set);
    fetched_at_ = fetched_at;
}

PASSWORDLESS_FUNC key_lookup jwks_cache::find(std::string_view kid, unix_seconds now) const {
    if (fetched_at_) {
        if (const jwk* k = set_.find(kid)) return {key_lookup_status::found, k};
        const bool fresh = now < *fetched_at_ || static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(*fetched_at_) <
                                                     static_cast<std::uint64_t>(min_refetch_interval_);
        if (fresh) return {key_lookup_status::unknown, nullptr};
    }
    return {key_lookup_status::refetch, nullptr};
}

PASSWORDLESS_FUNC const jwks& jwks_cache::keys() const noexcept { return set_; }

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
