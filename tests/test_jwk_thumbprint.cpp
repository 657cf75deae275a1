// JWK thumbprints (jwk_thumbprint.hpp): RFC 7638's worked example, EC and OKP keys, refusals.
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {

const char* const rfc7638_n =
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjh"
    "Mstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvR"
    "L5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

const char* const ec_key =
    R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})";

}  // namespace

TEST_CASE("jwk_thumbprint: RFC 7638 section 3.1 example") {
    const std::string key = std::string(R"({"kty":"RSA","n":")") + rfc7638_n + R"(","e":"AQAB","alg":"RS256","kid":"2011-04-29"})";
    auto t = pl::jwk_thumbprint(key);
    REQUIRE(t.ok());
    CHECK(t.value() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    // Member order, whitespace and extra members do not matter.
    const std::string reordered = std::string("{ \"e\" : \"AQAB\",\n \"use\":\"sig\", \"kty\":\"RSA\", \"n\":\"") + rfc7638_n + "\" }";
    CHECK(pl::jwk_thumbprint(reordered).value() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

TEST_CASE("jwk_thumbprint: EC keys use crv, kty, x, y; private members are left out") {
    CHECK(pl::jwk_thumbprint(ec_key).value() == "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s");
    const std::string with_private =
        R"({"kty":"EC","crv":"P-256","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE","kid":"x","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})";
    CHECK(pl::jwk_thumbprint(with_private).value() == "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s");
    // The DPoP key type gives the same thumbprint.
    auto k = pl::dpop_public_key::from_jwk(ec_key);
    REQUIRE(k.ok());
    CHECK(k->thumbprint() == "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s");
}

TEST_CASE("jwk_thumbprint: OKP keys use crv, kty, x") {
    // RFC 8037 appendix A.3: the Ed25519 example key's thumbprint.
    auto t = pl::jwk_thumbprint(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
    REQUIRE(t.ok());
    CHECK(t.value() == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

TEST_CASE("jwk_thumbprint: what is not a usable public key is invalid_argument") {
    const char* const bad[] = {
        "",
        "not json",
        "[]",
        R"({"kty":"RSA","n":"AQAB"})",
        R"({"kty":"RSA","e":"AQAB","n":""})",
        R"({"kty":"RSA","e":"AQAB","n":"a+b/"})",
        R"({"kty":"RSA","e":1,"n":"AQAB"})",
        R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"})",
        R"({"kty":"EC","crv":"P-256","x":"AQAB","y":"AQAB"})",
        R"({"kty":"oct","k":"c2VjcmV0"})",
        R"({"kty":"XYZ"})",
        R"({"n":"AQAB","e":"AQAB"})",
        R"({"kty":"RSA","kty":"RSA","e":"AQAB","n":"AQAB"})",
    };
    for (const char* doc : bad) {
        CAPTURE(doc);
        auto t = pl::jwk_thumbprint(doc);
        REQUIRE_FALSE(t.ok());
        CHECK(t.failure().kind == pl::error_kind::invalid_argument);
        CHECK(t.failure().field == "key");
    }
}
