// The OpenSSL DPoP signer add-on (addons/openssl_dpop_signer.hpp): keys generated and loaded,
// proofs whose raw r||s signature OpenSSL itself verifies against the proof's own jwk.
#include <memory>
#include <string>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "support/helpers.hpp"

#include <passwordless/addons/openssl_dpop_signer.hpp>

using namespace test;

namespace {

std::string b64d(std::string_view s) {
    auto r = pl::detail::base64url_decode_strict(s);
    REQUIRE(r.has_value());
    return *r;
}

// OpenSSL's verdict on an ES256 JWS, with the public key taken from the JWS header's jwk.
bool openssl_verifies(const std::string& jws) {
    const std::size_t a = jws.find('.');
    const std::size_t b = jws.rfind('.');
    const json header = json::parse(b64d(std::string_view(jws).substr(0, a)));
    const std::string point = "\x04" + b64d(header["jwk"]["x"].get<std::string>()) + b64d(header["jwk"]["y"].get<std::string>());
    const std::string raw = b64d(std::string_view(jws).substr(b + 1));
    REQUIRE(raw.size() == 64);

    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
    char group[] = "prime256v1";
    REQUIRE(OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) == 1);
    REQUIRE(OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1);
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()), OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> pctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* raw_key = nullptr;
    REQUIRE(EVP_PKEY_fromdata_init(pctx.get()) == 1);
    REQUIRE(EVP_PKEY_fromdata(pctx.get(), &raw_key, EVP_PKEY_PUBLIC_KEY, params.get()) == 1);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw_key, EVP_PKEY_free);

    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
    REQUIRE(ECDSA_SIG_set0(sig.get(), r, s) == 1);
    unsigned char* der = nullptr;
    const int der_len = i2d_ECDSA_SIG(sig.get(), &der);
    REQUIRE(der_len > 0);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    REQUIRE(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1);
    const int ok = EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(der_len),
                                    reinterpret_cast<const unsigned char*>(jws.data()), b);
    OPENSSL_free(der);
    return ok == 1;
}

const pl::dpop_proof_params token_proof{"POST", "https://example.auth0.com/oauth/token", now, "0123456789abcdef", {}, {}};

}  // namespace

TEST_CASE("openssl dpop signer: generated keys make proofs OpenSSL verifies") {
    auto k = pl::openssl_dpop_key::generate();
    REQUIRE(k.ok());
    CHECK_FALSE(k->public_key().validate().has_value());
    for (int i = 0; i < 20; ++i) {  // r and s with leading zero bytes come up now and then
        const std::string jti = "jti-number-" + std::to_string(i);
        auto proof = pl::build_dpop_proof(k->key(), {"POST", "https://example.auth0.com/oauth/token", now, jti, {}, {}});
        REQUIRE(proof.ok());
        CHECK(openssl_verifies(proof.value()));
        // A changed signing input does not verify.
        std::string tampered = proof.value();
        tampered[tampered.find('.') + 2] ^= 1;
        CHECK_FALSE(openssl_verifies(tampered));
    }
    CHECK(k->sign("abc").size() == 64);
}

TEST_CASE("openssl dpop signer: PEM round trip keeps the key; the thumbprint is the jwk's") {
    auto k = pl::openssl_dpop_key::generate();
    REQUIRE(k.ok());
    auto pem = k->to_pem();
    REQUIRE(pem.ok());
    CHECK(pem->find("-----BEGIN PRIVATE KEY-----") == 0);
    auto again = pl::openssl_dpop_key::from_pem(pem.value());
    REQUIRE(again.ok());
    CHECK(again->public_key().x == k->public_key().x);
    CHECK(again->public_key().y == k->public_key().y);
    auto proof = pl::build_dpop_proof(again->key(), token_proof);
    REQUIRE(proof.ok());
    CHECK(openssl_verifies(proof.value()));
    CHECK(pl::jwk_thumbprint(again->public_key().jwk_json()).value() == k->public_key().thumbprint());
}

TEST_CASE("openssl dpop signer: only unencrypted P-256 private keys load") {
    EVP_PKEY* rsa = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048));
    REQUIRE(rsa != nullptr);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    REQUIRE(PEM_write_bio_PrivateKey(bio.get(), rsa, nullptr, nullptr, 0, nullptr, nullptr) == 1);
    std::string rsa_pem(BIO_ctrl_pending(bio.get()), '\0');
    REQUIRE(BIO_read(bio.get(), &rsa_pem[0], static_cast<int>(rsa_pem.size())) == static_cast<int>(rsa_pem.size()));
    EVP_PKEY_free(rsa);
    EVP_PKEY* p384 = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
    REQUIRE(p384 != nullptr);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio2(BIO_new(BIO_s_mem()), BIO_free);
    REQUIRE(PEM_write_bio_PrivateKey(bio2.get(), p384, nullptr, nullptr, 0, nullptr, nullptr) == 1);
    std::string p384_pem(BIO_ctrl_pending(bio2.get()), '\0');
    REQUIRE(BIO_read(bio2.get(), &p384_pem[0], static_cast<int>(p384_pem.size())) == static_cast<int>(p384_pem.size()));
    EVP_PKEY_free(p384);

    for (const std::string& pem : {rsa_pem, p384_pem, std::string(), std::string("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")}) {
        auto r = pl::openssl_dpop_key::from_pem(pem);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "key");
        CHECK(r.failure().description.find("BEGIN") == std::string::npos);
    }
}
