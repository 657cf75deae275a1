// passwordless: the definitions of passwordless/jwks.hpp's functions. passwordless/jwks.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_JWKS_HPP
#define PASSWORDLESS_IMPL_JWKS_HPP

#include "passwordless/jwks.hpp"

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

#endif

#endif
