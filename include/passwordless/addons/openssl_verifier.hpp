// passwordless add-on: a signature_verifier for RS256, RS384 and RS512 ID tokens backed by
// OpenSSL 3 and the issuer's JWKS. Optional: the umbrella header never includes it, and it is not
// part of the single header. Include it after <passwordless.hpp>, after the single header
// <passwordless.hpp> from include/single, or on its own (it then includes the two headers it
// needs from the multi-header tree). Link with OpenSSL's libcrypto.
//
// A supported add-on, not part of the core: it needs OpenSSL 3 (Debian's libssl-dev). With the
// single header, copy passwordless/addons/openssl_verifier.hpp beside it. Use it as the
// signature_verifier of verify_id_token (examples/readme/verify_id_token.cpp, shown in README.md)
// or, through openssl_verifier::with_key, as a login_flow's key_verifier. It applies
// is_verification_key to every key. tests/test_openssl_verifier.cpp runs it against key pairs it
// generates; the interop suite (tests/interop/README.md) against Wycheproof, jose and PyJWT.
// verify-id-token (examples/openssl-verifier) is a small program around it.
//
// Another crypto library plugs in the same way. A sketch for jwt-cpp, which throws and needs
// OpenSSL, so it belongs in your translation unit, never in include/:
//
//     auto b64url = [](const std::string& bytes) {
//         return jwt::base::trim<jwt::alphabet::base64url>(jwt::base::encode<jwt::alphabet::base64url>(bytes));
//     };
//     passwordless::signature_verifier verifier = [&](const passwordless::signature_input& in) {
//         const passwordless::jwk* k = keys.find(in.key_id);       // keys: passwordless::jwks
//         if (k == nullptr || in.algorithm != "RS256") return false;
//         const std::string token = std::string(in.signing_input) + "." + b64url(std::string(in.signature));
//         const auto pem = jwt::helper::create_public_key_from_rsa_components(b64url(k->n), b64url(k->e));
//         std::error_code ec;                                      // jwt-cpp's own claim checks use its clock;
//         jwt::verify().allow_algorithm(jwt::algorithm::rs256(pem)).verify(jwt::decode(token), ec);
//         return !ec;                                              // passwordless's checks are the ones that count
//     };
#ifndef PASSWORDLESS_ADDONS_OPENSSL_VERIFIER_HPP
#define PASSWORDLESS_ADDONS_OPENSSL_VERIFIER_HPP

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

// The single header defines these guards too, so a program that included it gets no second copy.
#if !defined(PASSWORDLESS_ID_TOKEN_HPP)
#include <passwordless/id_token.hpp>
#endif
#if !defined(PASSWORDLESS_JWKS_HPP)
#include <passwordless/jwks.hpp>
#endif

PASSWORDLESS_NAMESPACE_BEGIN

/// Verifies RSASSA-PKCS1-v1_5 signatures (RS256, RS384, RS512) with the keys of a JWKS.
/// A token with a kid is checked against every key of that kid (kids may repeat, RFC 7517 4.5);
/// a token without one against the only key that could have signed it (none when several could).
/// A key is used only when is_verification_key accepts it (RSA, use absent or "sig", key_ops
/// absent or with "verify", exponent odd and at least 3), its alg is absent or the token's, and
/// its modulus is at least `min_modulus_bits` (2048 by default, never less).
class openssl_verifier {
public:
    explicit openssl_verifier(jwks keys, int min_modulus_bits = 2048)
        : keys_(std::move(keys)), min_bits_(min_modulus_bits < 2048 ? 2048 : min_modulus_bits) {}

    /// True only for a valid signature by a usable key (see the class comment). Never throws.
    bool operator()(const signature_input& in) const {
        const EVP_MD* md = digest_for(in.algorithm);
        if (md == nullptr) return false;
        for (const jwk* key : keys_.candidates(in.key_id, in.algorithm))
            if (verify_with(*key, md, in, min_bits_)) return true;
        return false;
    }

    /// The same check with one given key (2048-bit minimum): a key_signature_verifier for a
    /// login_flow that fetches the keys itself (flow_config::keys = key_source::fetch).
    static bool with_key(const signature_input& in, const jwk& key) {
        const EVP_MD* md = digest_for(in.algorithm);
        if (md == nullptr || (!key.alg.empty() && key.alg != in.algorithm)) return false;
        return verify_with(key, md, in, 2048);
    }

    /// The algorithms this verifier can check, for id_token_expectations::algorithms.
    static std::vector<std::string> algorithms() { return {"RS256", "RS384", "RS512"}; }

private:
    using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
    using bn_ptr = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

    static const EVP_MD* digest_for(std::string_view alg) {
        if (alg == "RS256") return EVP_sha256();
        if (alg == "RS384") return EVP_sha384();
        if (alg == "RS512") return EVP_sha512();
        return nullptr;  // HS*, ES*, PS*: not this verifier's job
    }

    static bool verify_with(const jwk& key, const EVP_MD* md, const signature_input& in, int min_bits) {
        if (!is_verification_key(key)) return false;
        pkey_ptr pkey = rsa_public_key(key.n, key.e);
        if (!pkey || EVP_PKEY_get_bits(pkey.get()) < min_bits) return false;
        // PKCS#1 v1.5 signatures are exactly as long as the modulus.
        if (static_cast<int>(in.signature.size()) != EVP_PKEY_get_size(pkey.get())) return false;
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
        if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, pkey.get()) != 1) return false;
        return EVP_DigestVerify(ctx.get(), bytes(in.signature), in.signature.size(), bytes(in.signing_input),
                                in.signing_input.size()) == 1;
    }

    static const unsigned char* bytes(std::string_view s) noexcept {
        return reinterpret_cast<const unsigned char*>(s.data());
    }

    static pkey_ptr rsa_public_key(const std::string& n, const std::string& e) {
        pkey_ptr none(nullptr, EVP_PKEY_free);
        if (n.size() > 2048 || e.size() > 64) return none;  // 16384-bit moduli at most
        bn_ptr bn_n(BN_bin2bn(bytes(n), static_cast<int>(n.size()), nullptr), BN_free);
        bn_ptr bn_e(BN_bin2bn(bytes(e), static_cast<int>(e.size()), nullptr), BN_free);
        std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
        if (!bn_n || !bn_e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1)
            return none;
        std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()), OSSL_PARAM_free);
        std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                                                         EVP_PKEY_CTX_free);
        EVP_PKEY* raw = nullptr;
        if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
            EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
            return none;
        return pkey_ptr(raw, EVP_PKEY_free);
    }

    jwks keys_;
    int min_bits_;
};

PASSWORDLESS_NAMESPACE_END

#endif
