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

/// One key of a set. RSA keys carry their modulus and exponent as big-endian bytes.
struct jwk {
    std::string kid;  ///< empty when the key has none
    std::string kty;  ///< "RSA", "EC", "oct", ...
    std::string alg;  ///< empty when absent
    std::string use;  ///< "sig", "enc", or empty
    std::string n;    ///< RSA modulus bytes (kty RSA)
    std::string e;    ///< RSA public exponent bytes (kty RSA)
    std::vector<std::string> x5c;  ///< certificate chain, base64 DER, as published
};

/// A parsed key set.
struct jwks {
    std::vector<jwk> keys;

    /// The key with this kid, or nullptr.
    [[nodiscard]] const jwk* find(std::string_view kid) const noexcept {
        for (const jwk& k : keys)
            if (k.kid == kid) return &k;
        return nullptr;
    }
};

namespace detail {

inline error bad_jwks(const std::string& what) {
    return error::make(error_kind::malformed_response, "the JWKS document " + what);
}

inline result<jwk> read_jwk(const json& k) {
    if (!k.is_object()) return bad_jwks("has a key that is not an object");
    jwk out;
    auto text = [&](const char* name, std::string& into) -> bool {
        auto it = k.find(name);
        if (it == k.end()) return true;
        const std::string* s = it->get_ptr<const std::string*>();
        if (s == nullptr) return false;
        into = *s;
        return true;
    };
    if (!text("kid", out.kid) || !text("kty", out.kty) || !text("alg", out.alg) || !text("use", out.use))
        return bad_jwks("has a key member kid, kty, alg or use that is not a string");
    if (out.kty.empty()) return bad_jwks("has a key without kty");
    if (out.kty == "RSA") {
        std::string n64;
        std::string e64;
        if (!text("n", n64) || !text("e", e64) || n64.empty() || e64.empty())
            return bad_jwks("has an RSA key without string n and e");
        auto n = base64url_decode_strict(n64);
        auto e = base64url_decode_strict(e64);
        if (!n || !e) return bad_jwks("has an RSA key whose n or e is not strict base64url");
        out.n = std::move(*n);
        out.e = std::move(*e);
    }
    auto x5c = k.find("x5c");
    if (x5c != k.end()) {
        if (!x5c->is_array()) return bad_jwks("has an x5c that is not an array");
        for (const auto& cert : *x5c) {
            const std::string* s = cert.get_ptr<const std::string*>();
            if (s == nullptr) return bad_jwks("has an x5c entry that is not a string");
            out.x5c.push_back(*s);
        }
    }
    return out;
}

}  // namespace detail

/// Parses a JWKS document. Refuses (malformed_response) anything but an object with a "keys"
/// array of key objects, RSA keys without strict base64url n and e, and two keys sharing a kid.
[[nodiscard]] inline result<jwks> parse_jwks(std::string_view document, const checked_limits& limits = {}) {
    detail::json_read_result parsed = detail::read_json(document, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok) return detail::bad_jwks(std::string("is ") + detail::describe(parsed.status));
    const detail::json& root = parsed.value;
    if (!root.is_object()) return detail::bad_jwks("is not a JSON object");
    auto keys = root.find("keys");
    if (keys == root.end() || !keys->is_array()) return detail::bad_jwks("has no keys array");
    jwks out;
    for (const auto& k : *keys) {
        auto key = detail::read_jwk(k);
        if (!key.ok()) return std::move(key).failure();
        out.keys.push_back(std::move(key).value());
    }
    // A document within the body cap can hold ten thousand keys (see has_repeated).
    std::vector<std::string_view> kids;
    kids.reserve(out.keys.size());
    for (const jwk& key : out.keys)
        if (!key.kid.empty()) kids.emplace_back(key.kid);
    if (detail::has_repeated(kids)) return detail::bad_jwks("has two keys with the same kid");
    return out;
}

/// Parses the response to GET /.well-known/jwks.json (errors classified like any other answer).
[[nodiscard]] inline result<jwks> parse_jwks_response(const response& r, unix_seconds now, const checked_limits& limits = {}) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes()) return detail::malformed(r, "the JWKS response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the JWKS response is not plain JSON");
    auto set = parse_jwks(r.body, limits);
    if (!set.ok()) set.failure().status = r.status;
    return set;
}

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
    explicit jwks_cache(unix_seconds min_refetch_interval = 60)
        : min_refetch_interval_(min_refetch_interval < 0 ? 0 : min_refetch_interval) {}

    /// Installs a freshly fetched set.
    void replace(jwks set, unix_seconds fetched_at) {
        set_ = std::move(set);
        fetched_at_ = fetched_at;
    }

    /// Looks `kid` up at time `now`.
    [[nodiscard]] key_lookup find(std::string_view kid, unix_seconds now) const {
        if (fetched_at_) {
            if (const jwk* k = set_.find(kid)) return {key_lookup_status::found, k};
            const bool fresh = now < *fetched_at_ || static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(*fetched_at_) <
                                                         static_cast<std::uint64_t>(min_refetch_interval_);
            if (fresh) return {key_lookup_status::unknown, nullptr};
        }
        return {key_lookup_status::refetch, nullptr};
    }

    [[nodiscard]] const jwks& keys() const noexcept { return set_; }

private:
    unix_seconds min_refetch_interval_;
    std::optional<unix_seconds> fetched_at_;
    jwks set_;
};

PASSWORDLESS_NAMESPACE_END

#endif
