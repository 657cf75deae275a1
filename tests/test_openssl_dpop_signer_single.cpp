// The OpenSSL DPoP signer add-on with the single header: it takes the library from there.
#include <doctest/doctest.h>

#include <single/passwordless.hpp>

#include <passwordless/addons/openssl_dpop_signer.hpp>

TEST_CASE("openssl dpop signer: works after the single header") {
    auto k = passwordless::openssl_dpop_key::generate();
    REQUIRE(k.ok());
    auto proof = passwordless::build_dpop_proof(
        k->key(), {"POST", "https://example.auth0.com/oauth/token", 1700000000, "0123456789abcdef", {}, {}});
    REQUIRE(proof.ok());
    CHECK(proof->size() > 100);
}
