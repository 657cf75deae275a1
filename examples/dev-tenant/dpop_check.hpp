// dev-tenant: checking DPoP proofs (RFC 9449 §4.3) as an authorization server does, on OpenSSL:
// the JWS shape and header, the ES256 signature by the proof's own key, htm, htu, the iat window,
// jti replay, and the server's nonce. An example program's code, not the library's.
#ifndef PASSWORDLESS_EXAMPLES_DEV_TENANT_DPOP_CHECK_HPP
#define PASSWORDLESS_EXAMPLES_DEV_TENANT_DPOP_CHECK_HPP

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <passwordless/dpop.hpp>
#include <passwordless/id_token.hpp>
#include <passwordless/jwk_thumbprint.hpp>

namespace devtenant {

/// A proof's verdict: accepted (with the key's thumbprint), or the OAuth error to answer with.
struct dpop_verdict {
    bool ok = false;
    std::string error;        ///< invalid_dpop_proof or use_dpop_nonce
    std::string description;
    std::string jkt;          ///< RFC 7638 thumbprint of the proof's key, when ok
};

/// The bytes of a P-256 coordinate as dpop_public_key holds it (base64url of 32 bytes, already
/// checked by from_jwk), through OpenSSL's base64 decoder.
inline std::string coordinate_bytes(std::string_view b64url) {
    std::string standard(b64url);
    for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (standard.size() % 4 != 0) standard.push_back('=');
    std::string out(standard.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(standard.data()),
                                  static_cast<int>(standard.size()));
    if (n < 0) return std::string();
    out.resize(std::min<std::size_t>(32, static_cast<std::size_t>(n)));  // EVP_DecodeBlock counts the padding bytes too
    return out;
}

/// ES256 over `input` with raw r||s `sig` by the P-256 point (x, y).
inline bool es256_verifies(const std::string& x, const std::string& y, std::string_view input, const std::string& sig) {
    if (x.size() != 32 || y.size() != 32 || sig.size() != 64) return false;
    const std::string point = "\x04" + x + y;
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
    char group[] = "prime256v1";
    if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
        return false;
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()), OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> pctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr),
                                                                     EVP_PKEY_CTX_free);
    EVP_PKEY* raw = nullptr;
    if (!params || !pctx || EVP_PKEY_fromdata_init(pctx.get()) != 1 ||
        EVP_PKEY_fromdata(pctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return false;
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> s(ECDSA_SIG_new(), ECDSA_SIG_free);
    BIGNUM* r_bn = BN_bin2bn(reinterpret_cast<const unsigned char*>(sig.data()), 32, nullptr);
    BIGNUM* s_bn = BN_bin2bn(reinterpret_cast<const unsigned char*>(sig.data()) + 32, 32, nullptr);
    if (!s || r_bn == nullptr || s_bn == nullptr || ECDSA_SIG_set0(s.get(), r_bn, s_bn) != 1) {
        BN_free(r_bn);
        BN_free(s_bn);
        return false;
    }
    unsigned char* der = nullptr;
    const int der_len = i2d_ECDSA_SIG(s.get(), &der);
    if (der_len <= 0) return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
                    EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(der_len),
                                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    OPENSSL_free(der);
    return ok;
}

/// A string member, or "" when absent or not a string.
inline std::string text_of(const nlohmann::json& obj, const char* name) {
    auto it = obj.find(name);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The tenant's DPoP state: its current nonce and the jti values already seen.
class dpop_checker {
public:
    explicit dpop_checker(std::string nonce) : nonce_(std::move(nonce)) {}

    const std::string& nonce() const { return nonce_; }

    /// Checks `proof` for a request `method` `url` at `now`; `require_nonce` demands the current nonce.
    /// `ath`: for a resource request, the base64url SHA-256 of the access token the proof must name;
    /// null for the token endpoint, where a proof must carry no ath.
    dpop_verdict check(const std::string& proof, std::string_view method, std::string_view url, std::int64_t now,
                       bool require_nonce, std::int64_t window = 300, const std::string* ath = nullptr) {
        auto refuse = [](std::string code, std::string why) { return dpop_verdict{false, std::move(code), std::move(why), {}}; };
        if (proof.size() > 8192) return refuse("invalid_dpop_proof", "not a compact JWS");
        auto decoded = passwordless::decode_jwt(proof);  // three strict base64url segments, JSON objects
        if (!decoded) return refuse("invalid_dpop_proof", "not a compact JWS of JSON objects");
        const nlohmann::json& header = decoded->header;
        const nlohmann::json& claims = decoded->payload;
        if (text_of(header, "typ") != "dpop+jwt") return refuse("invalid_dpop_proof", "typ must be dpop+jwt");
        if (text_of(header, "alg") != "ES256") return refuse("invalid_dpop_proof", "alg must be ES256");
        if (!header.contains("jwk") || !header["jwk"].is_object()) return refuse("invalid_dpop_proof", "no jwk");
        const nlohmann::json& jwk = header["jwk"];
        if (jwk.contains("d")) return refuse("invalid_dpop_proof", "the jwk holds a private key");
        auto pub = passwordless::dpop_public_key::from_jwk(jwk.dump());
        if (!pub) return refuse("invalid_dpop_proof", "the jwk is not a P-256 public key");
        if (!es256_verifies(coordinate_bytes(pub->x), coordinate_bytes(pub->y), decoded->signing_input, decoded->signature))
            return refuse("invalid_dpop_proof", "invalid signature");
        if (text_of(claims, "htm") != method)
            return refuse("invalid_dpop_proof", "htm mismatch");
        auto expected = passwordless::dpop_htu(url);
        auto claimed = passwordless::dpop_htu(text_of(claims, "htu"));
        if (!expected || !claimed || *expected != *claimed)
            return refuse("invalid_dpop_proof", "htu mismatch");
        if (!claims.contains("iat") || !claims["iat"].is_number_integer()) return refuse("invalid_dpop_proof", "iat missing");
        const std::int64_t iat = claims["iat"].get<std::int64_t>();
        if (iat < now - window || iat > now + window) return refuse("invalid_dpop_proof", "iat outside the accepted window");
        const std::string jti = text_of(claims, "jti");
        if (jti.size() < 12)
            return refuse("invalid_dpop_proof", "jti missing or short");
        if (ath == nullptr && claims.contains("ath")) return refuse("invalid_dpop_proof", "ath is for resource requests");
        if (ath != nullptr && text_of(claims, "ath") != *ath) return refuse("invalid_dpop_proof", "ath mismatch");
        if (require_nonce && text_of(claims, "nonce") != nonce_)
            return refuse("use_dpop_nonce", ath == nullptr ? "Authorization server requires nonce in DPoP proof"
                                                           : "Resource server requires nonce in DPoP proof");
        if (!seen_.insert(jti).second) return refuse("invalid_dpop_proof", "jti reused");
        return dpop_verdict{true, {}, {}, passwordless::jwk_thumbprint(pub->jwk_json()).value()};
    }

private:
    std::string nonce_;
    std::set<std::string> seen_;
};

}  // namespace devtenant

#endif
