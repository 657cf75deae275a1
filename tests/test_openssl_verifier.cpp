// The OpenSSL verifier example against a key pair made here: real RS256 signatures through the
// whole pipeline (JWKS parse, header checks, verifier, claims).
#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <passwordless/addons/openssl_verifier.hpp>
#include "support/jwt_helpers.hpp"

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

std::string rs256_sign(EVP_PKEY* key, const std::string& input, const EVP_MD* md = EVP_sha256()) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) == 1);
    std::size_t len = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) == 1);
    std::string sig(len, '\0');
    REQUIRE(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data, input.size()) == 1);
    sig.resize(len);
    return sig;
}

std::string signed_token(EVP_PKEY* key, const json& header, const json& claims, const EVP_MD* md = EVP_sha256()) {
    const std::string input = b64url(header.dump()) + "." + b64url(claims.dump());
    return input + "." + b64url(rs256_sign(key, input, md));
}

pl::jwk rsa_jwk(const EVP_PKEY* key, const std::string& kid, const std::string& alg) {
    pl::jwk k;
    k.kid = kid;
    k.kty = "RSA";
    k.alg = alg;
    k.n = bn_param(key, "n");
    k.e = bn_param(key, "e");
    return k;
}

}  // namespace

TEST_CASE("RS256 tokens signed by a fresh key verify through the OpenSSL example") {
    pkey_ptr key = make_rsa_key(2048);
    REQUIRE(key);
    auto keys = pl::parse_jwks(jwks_for(key.get(), "k1"));
    REQUIRE(keys.ok());
    const pl::signature_verifier verifier = pl::openssl_verifier(keys.value());

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
    const pl::signature_verifier verifier = pl::openssl_verifier(keys.value());
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
    const pl::signature_verifier verifier = pl::openssl_verifier(keys.value());
    CHECK(pl::verify_id_token(signed_token(weak_key.get(), good_header(), good_claims()), good_expectations(), verifier, now)
              .failure()
              .reason == "signature");
}

TEST_CASE("RS384 and RS512 verify when the caller allows them; a key's alg binds it") {
    pkey_ptr key = make_rsa_key(2048);
    REQUIRE(key);
    pl::jwks set;
    set.keys.push_back(rsa_jwk(key.get(), "k1", ""));
    const pl::signature_verifier verifier = pl::openssl_verifier(set);
    auto x = good_expectations();
    x.algorithms = pl::openssl_verifier::algorithms();
    struct row {
        const char* alg;
        const EVP_MD* md;
    };
    for (const row& r : {row{"RS256", EVP_sha256()}, row{"RS384", EVP_sha384()}, row{"RS512", EVP_sha512()}}) {
        CAPTURE(r.alg);
        json h = good_header();
        h["alg"] = r.alg;
        CHECK(pl::verify_id_token(signed_token(key.get(), h, good_claims(), r.md), x, verifier, now).ok());
        // Signed with another hash than the header names: refused.
        CHECK(pl::verify_id_token(signed_token(key.get(), h, good_claims(), r.md == EVP_sha256() ? EVP_sha512() : EVP_sha256()), x,
                                  verifier, now)
                  .failure()
                  .reason == "signature");
    }
    pl::jwks bound;
    bound.keys.push_back(rsa_jwk(key.get(), "k1", "RS256"));
    const pl::signature_verifier rs256_only = pl::openssl_verifier(bound);
    json h = good_header();
    h["alg"] = "RS512";
    CHECK(pl::verify_id_token(signed_token(key.get(), h, good_claims(), EVP_sha512()), x, rs256_only, now).failure().reason ==
          "signature");
}

TEST_CASE("a token without kid verifies when exactly one key could have signed it") {
    pkey_ptr key = make_rsa_key(2048);
    pkey_ptr other = make_rsa_key(2048);
    json h = good_header();
    h.erase("kid");
    const std::string token = signed_token(key.get(), h, good_claims());
    pl::jwks one;
    one.keys.push_back(rsa_jwk(key.get(), "k1", "RS256"));
    CHECK(pl::verify_id_token(token, good_expectations(), pl::signature_verifier(pl::openssl_verifier(one)), now).ok());
    pl::jwks two = one;
    two.keys.push_back(rsa_jwk(other.get(), "k2", ""));
    CHECK(pl::verify_id_token(token, good_expectations(), pl::signature_verifier(pl::openssl_verifier(two)), now)
              .failure()
              .reason == "signature");  // ambiguous: two keys serve RS256
    pl::jwks other_alg = one;
    other_alg.keys.push_back(rsa_jwk(other.get(), "k2", "RS512"));
    CHECK(pl::verify_id_token(token, good_expectations(), pl::signature_verifier(pl::openssl_verifier(other_alg)), now).ok());
}

TEST_CASE("keys sharing a kid are each tried") {
    pkey_ptr key = make_rsa_key(2048);
    pkey_ptr other = make_rsa_key(2048);
    pl::jwks set;
    set.keys.push_back(rsa_jwk(other.get(), "k1", ""));
    set.keys.push_back(rsa_jwk(key.get(), "k1", ""));
    const pl::signature_verifier verifier = pl::openssl_verifier(set);
    CHECK(pl::verify_id_token(signed_token(key.get(), good_header(), good_claims()), good_expectations(), verifier, now).ok());
}

TEST_CASE("an exponent below 3 or even is refused: e = 1 would make a forged signature verify") {
    pkey_ptr key = make_rsa_key(2048);
    pl::jwk forged = rsa_jwk(key.get(), "k1", "");
    forged.e = std::string("\x01", 1);
    // With e = 1 the "signature" is the padded digest itself, which anyone can compute.
    const std::string input = b64url(good_header().dump()) + "." + b64url(good_claims().dump());
    unsigned char digest[32];
    unsigned int len = 0;
    REQUIRE(EVP_Digest(input.data(), input.size(), digest, &len, EVP_sha256(), nullptr) == 1);
    static const unsigned char prefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                           0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    std::string em(forged.n.size(), '\xff');
    em[0] = '\0';
    em[1] = '\x01';
    const std::size_t t_len = sizeof prefix + 32;
    em[em.size() - t_len - 1] = '\0';
    em.replace(em.size() - t_len, sizeof prefix, reinterpret_cast<const char*>(prefix), sizeof prefix);
    em.replace(em.size() - 32, 32, reinterpret_cast<const char*>(digest), 32);
    const std::string token = input + "." + b64url(em);
    pl::jwks set;
    set.keys.push_back(forged);
    CHECK(pl::verify_id_token(token, good_expectations(), pl::signature_verifier(pl::openssl_verifier(set)), now).failure().reason ==
          "signature");
    using namespace std::string_literals;
    for (const std::string& e : {""s, "\x00"s, "\x01"s, "\x02"s, "\x00\x01"s, "\x01\x00\x00"s, "\x00\x02"s, "\x01\x00\x00\x00"s})
        CHECK_FALSE(pl::is_usable_rsa_exponent(e));
    for (const std::string& e : {"\x03"s, "\x01\x00\x01"s, "\x01\x01"s, "\x00\x03"s, "\x00\x01\x00\x01"s})
        CHECK(pl::is_usable_rsa_exponent(e));
    // parse_jwks skips such a key instead of keeping it.
    auto parsed = pl::parse_jwks(R"({"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQ"}]})");
    REQUIRE(parsed.ok());
    CHECK(parsed->keys.empty());
    CHECK(parsed->skipped == 1);
}
