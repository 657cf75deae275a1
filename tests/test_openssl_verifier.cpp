// The OpenSSL verifier example against a key pair made here: real RS256 signatures through the
// whole pipeline (JWKS parse, header checks, verifier, claims).
#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "../examples/openssl-verifier/openssl_verifier.hpp"
#include "jwt_helpers.hpp"

using namespace test;

namespace {

using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

pkey_ptr make_rsa_key(unsigned bits) { return pkey_ptr(EVP_RSA_gen(bits), EVP_PKEY_free); }

std::string bn_param(const EVP_PKEY* key, const char* name) {
    BIGNUM* bn = nullptr;
    REQUIRE(EVP_PKEY_get_bn_param(key, name, &bn) == 1);
    std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
}

std::string jwks_for(const EVP_PKEY* key, const std::string& kid) {
    return json{{"keys", {{{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"}, {"kid", kid},
                           {"n", b64url(bn_param(key, "n"))}, {"e", b64url(bn_param(key, "e"))}}}}}
        .dump();
}

std::string rs256_sign(EVP_PKEY* key, const std::string& input) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1);
    std::size_t len = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) == 1);
    std::string sig(len, '\0');
    REQUIRE(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data, input.size()) == 1);
    sig.resize(len);
    return sig;
}

std::string signed_token(EVP_PKEY* key, const json& header, const json& claims) {
    const std::string input = b64url(header.dump()) + "." + b64url(claims.dump());
    return input + "." + b64url(rs256_sign(key, input));
}

}  // namespace

TEST_CASE("RS256 tokens signed by a fresh key verify through the OpenSSL example") {
    pkey_ptr key = make_rsa_key(2048);
    REQUIRE(key);
    auto keys = pl::parse_jwks(jwks_for(key.get(), "k1"));
    REQUIRE(keys.ok());
    const pl::signature_verifier verifier = example::openssl_verifier(keys.value());

    const std::string token = signed_token(key.get(), good_header(), good_claims());
    auto ok = pl::verify_id_token(token, good_expectations(), verifier, now);
    REQUIRE(ok.ok());
    CHECK(ok->email() == "user@example.com");

    // A changed payload keeps its old signature: refused.
    const std::string forged_payload = b64url(json{{"iss", "https://example.auth0.com/"}, {"sub", "admin"}, {"aud", "abc123"},
                                                   {"iat", now}, {"exp", now + 3600}}.dump());
    const std::size_t first = token.find('.');
    const std::size_t second = token.find('.', first + 1);
    const std::string tampered = token.substr(0, first + 1) + forged_payload + token.substr(second);
    auto bad = pl::verify_id_token(tampered, good_expectations(), verifier, now);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.failure().reason == "signature");

    // Another key's signature, an unknown kid: refused.
    pkey_ptr other = make_rsa_key(2048);
    auto wrong_key = pl::verify_id_token(signed_token(other.get(), good_header(), good_claims()), good_expectations(), verifier, now);
    CHECK(wrong_key.failure().reason == "signature");
    json unknown_kid = good_header();
    unknown_kid["kid"] = "k2";
    CHECK(pl::verify_id_token(signed_token(key.get(), unknown_kid, good_claims()), good_expectations(), verifier, now)
              .failure()
              .reason == "signature");
}

TEST_CASE("RS/HS confusion: an HMAC over the public key never passes") {
    pkey_ptr key = make_rsa_key(2048);
    auto keys = pl::parse_jwks(jwks_for(key.get(), "k1"));
    const pl::signature_verifier verifier = example::openssl_verifier(keys.value());
    json hs = good_header();
    hs["alg"] = "HS256";
    const std::string input = b64url(hs.dump()) + "." + b64url(good_claims().dump());
    const std::string token = input + "." + b64url("an hmac made with the public key as secret");
    // Refused by the allow-list before any crypto...
    CHECK(pl::verify_id_token(token, good_expectations(), verifier, now).failure().reason == "alg");
    // ...and even when a careless caller allows HS256, this RSA verifier says no.
    auto careless = good_expectations();
    careless.algorithms = {"RS256", "HS256"};
    CHECK(pl::verify_id_token(token, careless, verifier, now).failure().reason == "signature");
}

TEST_CASE("short RSA keys are refused by the example verifier") {
    pkey_ptr weak_key = make_rsa_key(1024);
    REQUIRE(weak_key);
    auto keys = pl::parse_jwks(jwks_for(weak_key.get(), "k1"));
    const pl::signature_verifier verifier = example::openssl_verifier(keys.value());
    CHECK(pl::verify_id_token(signed_token(weak_key.get(), good_header(), good_claims()), good_expectations(), verifier, now)
              .failure()
              .reason == "signature");
}
