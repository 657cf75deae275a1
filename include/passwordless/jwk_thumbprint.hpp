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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::string sha256_base64url(std::string_view text) {
    return base64_encode(sha256(text), base64_alphabet::url, false);
}

}  // namespace detail

PASSWORDLESS_FUNC result<std::string> jwk_thumbprint(std::string_view jwk_json, const checked_limits& limits) {
    auto bad = [](std::string_view problem) { return error::invalid_argument("key", problem); };
    detail::json_read_result doc = detail::read_json(jwk_json, limits.max_token_bytes(), limits.max_json_depth());
    if (doc.status != detail::json_read_status::ok || !doc.value.is_object())
        return bad("is not a JSON object within the size and depth limits");
    const std::string* kty = detail::find_string(doc.value, "kty");
    if (kty == nullptr) return bad("has no string kty");
    auto member = [&](const char* name, bool base64url, std::string& out) -> bool {
        const std::string* v = detail::find_string(doc.value, name);
        if (v == nullptr || v->empty() || !detail::is_visible_ascii(*v, false)) return false;
        if (base64url && !detail::base64url_decode_strict(*v)) return false;
        out = *v;
        return true;
    };
    std::string canonical;
    auto add = [&](const char* name, const std::string& value) {
        canonical.push_back(canonical.empty() ? '{' : ',');
        detail::append_json_string(canonical, name);
        canonical.push_back(':');
        detail::append_json_string(canonical, value);
    };
    std::string a;
    std::string b;
    std::string crv;
    if (*kty == "RSA") {
        if (!member("e", true, a) || !member("n", true, b)) return bad("is an RSA key without base64url n and e");
        add("e", a);
        add("kty", *kty);
        add("n", b);
    } else if (*kty == "EC") {
        if (!member("crv", false, crv) || !member("x", true, a) || !member("y", true, b))
            return bad("is an EC key without crv and base64url x and y");
        const std::size_t size = detail::ec_coordinate_bytes(crv);
        if (size != 0 && (detail::base64url_decode_strict(a)->size() != size ||
                          detail::base64url_decode_strict(b)->size() != size))
            return bad("has EC coordinates of the wrong size for its curve");
        add("crv", crv);
        add("kty", *kty);
        add("x", a);
        add("y", b);
    } else if (*kty == "OKP") {
        if (!member("crv", false, crv) || !member("x", true, a)) return bad("is an OKP key without crv and base64url x");
        add("crv", crv);
        add("kty", *kty);
        add("x", a);
    } else {
        return bad("has a kty other than RSA, EC or OKP");
    }
    canonical.push_back('}');
    return detail::sha256_base64url(canonical);
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
