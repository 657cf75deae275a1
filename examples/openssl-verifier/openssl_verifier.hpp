// openssl_verifier: a passwordless::signature_verifier for RS256/RS384/RS512 ID tokens, backed by
// OpenSSL 3 and the tenant's JWKS. An example: the library itself has no crypto.
#ifndef PASSWORDLESS_EXAMPLES_OPENSSL_VERIFIER_HPP
#define PASSWORDLESS_EXAMPLES_OPENSSL_VERIFIER_HPP

#include <memory>
#include <string>
#include <utility>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <passwordless/id_token.hpp>
#include <passwordless/jwks.hpp>

namespace example {

/// Verifies signatures with the RSA key of the JWKS whose kid the token names.
class openssl_verifier {
public:
    explicit openssl_verifier(passwordless::jwks keys) : keys_(std::move(keys)) {}

    /// True only for a valid PKCS#1 v1.5 signature by a 2048-bit-or-larger RSA signing key whose
    /// kid matches and whose alg (if the key names one) is the token's.
    bool operator()(const passwordless::signature_input& in) const {
        if (in.key_id.empty()) return false;
        const passwordless::jwk* key = keys_.find(in.key_id);
        return key != nullptr && with_key(in, *key);
    }

    /// The same check with one given key: a passwordless::key_signature_verifier for a
    /// login_flow that fetches the keys itself (flow_config::keys = key_source::fetch).
    static bool with_key(const passwordless::signature_input& in, const passwordless::jwk& k) {
        const passwordless::jwk* key = &k;
        const EVP_MD* md = digest_for(in.algorithm);
        if (md == nullptr) return false;
        if (key->kty != "RSA" || (!key->use.empty() && key->use != "sig")) return false;
        if (!key->alg.empty() && key->alg != in.algorithm) return false;
        pkey_ptr pkey = rsa_public_key(key->n, key->e);
        if (!pkey || EVP_PKEY_get_bits(pkey.get()) < 2048) return false;
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
        if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, pkey.get()) != 1) return false;
        return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(in.signature.data()), in.signature.size(),
                                reinterpret_cast<const unsigned char*>(in.signing_input.data()), in.signing_input.size()) == 1;
    }

private:
    using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

    static const EVP_MD* digest_for(std::string_view alg) {
        if (alg == "RS256") return EVP_sha256();
        if (alg == "RS384") return EVP_sha384();
        if (alg == "RS512") return EVP_sha512();
        return nullptr;  // HS*, ES*, PS*: not this verifier's job
    }

    static pkey_ptr rsa_public_key(const std::string& n, const std::string& e) {
        pkey_ptr none(nullptr, EVP_PKEY_free);
        std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_n(
            BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr), BN_free);
        std::unique_ptr<BIGNUM, decltype(&BN_free)> bn_e(
            BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr), BN_free);
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

    passwordless::jwks keys_;
};

}  // namespace example

#endif
