// The C ABI (passwordless.h), clients, requests and responses, the refresh grant, token sets, OpenID Connect discovery.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "helpers.hpp"

namespace c_api_test::client_tests {

TEST_CASE("c api, client: refresh, JWKS and their errors through the client") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    passwordless_error* err = nullptr;
    CHECK(passwordless_client_refresh_request(c, s(""), passwordless_str{}, passwordless_str{}, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(req == nullptr);
    passwordless_error_free(err);
    REQUIRE(passwordless_client_refresh_request(c, s("rt-1"), s("openid"), passwordless_str{}, &req, nullptr) == PASSWORDLESS_OK);
    passwordless_bytes body{};
    REQUIRE(passwordless_request_body(req, &body) == PASSWORDLESS_OK);
    CHECK(json::parse(std::string(reinterpret_cast<const char*>(body.ptr), body.len))["grant_type"] == "refresh_token");
    passwordless_request_free(req);

    passwordless_response* r = make_response(429, R"({"error":"too_many_requests","error_description":"slow down"})");
    REQUIRE(passwordless_response_add_header(r, b("x-ratelimit-limit"), b("10")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_add_header(r, b("x-ratelimit-remaining"), b("0")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_add_header(r, b("x-ratelimit-reset"), b("1700000040")) == PASSWORDLESS_OK);
    passwordless_tokens* tokens = nullptr;
    CHECK(passwordless_client_token_response(c, r, test::now, &tokens, &err) == PASSWORDLESS_KIND_RATE_LIMITED);
    CHECK(tokens == nullptr);
    std::int64_t limit = 0, remaining = 0, reset = 0, retry = 0;
    REQUIRE(passwordless_error_rate_limit(err, &limit, &remaining, &reset) == PASSWORDLESS_OK);
    CHECK(limit == 10);
    CHECK(remaining == 0);
    CHECK(reset == 1700000040);
    REQUIRE(passwordless_error_retry_at(err, &retry) == PASSWORDLESS_OK);
    CHECK(retry == 1700000040);
    CHECK(passwordless_error_action(err) == PASSWORDLESS_ACTION_WAIT);
    passwordless_error_free(err);
    passwordless_response_free(r);

    r = make_response(200, R"({"access_token":"a2","token_type":"Bearer","refresh_token":"rt-2"})");
    REQUIRE(passwordless_client_token_response(c, r, test::now, &tokens, nullptr) == PASSWORDLESS_OK);
    passwordless_str rt{};
    REQUIRE(passwordless_tokens_str(tokens, PASSWORDLESS_TOKF_REFRESH_TOKEN, &rt) == PASSWORDLESS_OK);
    CHECK(str(rt) == "rt-2");
    passwordless_tokens_free(tokens);
    passwordless_response_free(r);

    REQUIRE(passwordless_client_jwks_request(c, &req) == PASSWORDLESS_OK);
    passwordless_str url{};
    REQUIRE(passwordless_request_url(req, &url) == PASSWORDLESS_OK);
    CHECK(str(url) == "https://example.auth0.com/.well-known/jwks.json");
    passwordless_request_free(req);
    // Keys may share a kid (RFC 7517 4.5) and unusable keys are skipped; only a document that is
    // not a JWK Set is refused, and then nothing is written.
    r = make_response(200, R"({"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"},{"kty":"EC","kid":"b"}]})");
    passwordless_keyset* keys = nullptr;
    REQUIRE(passwordless_client_jwks_response(c, r, test::now, &keys, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_keyset_count(keys) == 2);
    passwordless_keyset_free(keys);
    keys = nullptr;
    passwordless_response_free(r);
    r = make_response(200, R"({"keys":{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"}})");
    CHECK(passwordless_client_jwks_response(c, r, test::now, &keys, nullptr) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
    CHECK(keys == nullptr);
    passwordless_response_free(r);
    passwordless_str issuer{};
    REQUIRE(passwordless_client_expected_issuer(c, &issuer) == PASSWORDLESS_OK);
    CHECK(str(issuer) == "https://example.auth0.com/");
    passwordless_client_free(c);
}

TEST_CASE("c api, client: OpenID Connect discovery, checked against the issuer") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_discovery_request(c, &req) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/.well-known/openid-configuration");
    passwordless_request_free(req);
    const std::string doc = R"({"issuer":"https://example.auth0.com/","jwks_uri":"https://example.auth0.com/.well-known/jwks.json",)"
                            R"("id_token_signing_alg_values_supported":["HS256","RS256"],"dpop_signing_alg_values_supported":[]})";
    passwordless_response* r = make_response(200, doc);
    passwordless_discovery* d = nullptr;
    REQUIRE(passwordless_client_discovery_response(c, r, test::now, &d, nullptr) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    REQUIRE(passwordless_discovery_str(d, PASSWORDLESS_DISCF_JWKS_URI, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/.well-known/jwks.json");
    REQUIRE(passwordless_discovery_str(d, PASSWORDLESS_DISCF_ID_TOKEN_ALGS, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "HS256,RS256");
    REQUIRE(passwordless_discovery_str(d, PASSWORDLESS_DISCF_DPOP_ALGS, &v) == PASSWORDLESS_OK);
    CHECK(v.len == 0);
    CHECK(passwordless_discovery_str(d, PASSWORDLESS_DISCF_TOKEN_ENDPOINT, &v) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_discovery_str(d, 499, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_discovery_str(d, PASSWORDLESS_DISCF_ISSUER, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_discovery_free(d);
    // Another issuer, a 5xx, a non-object, and misuse.
    passwordless_error* err = nullptr;
    d = nullptr;
    CHECK(passwordless_discovery_parse(b(doc), s("https://evil.example.com/"), &d, &err) == PASSWORDLESS_KIND_ISSUER_MISMATCH);
    CHECK(d == nullptr);
    passwordless_error_free(err);
    CHECK(passwordless_discovery_parse(b(doc), s(""), &d, nullptr) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(passwordless_discovery_parse(b("[1]"), s("https://example.auth0.com/"), &d, nullptr) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
    CHECK(passwordless_discovery_parse(passwordless_bytes{nullptr, 3}, s("https://example.auth0.com/"), &d, nullptr) ==
          PASSWORDLESS_E_NULL_ARG);
    REQUIRE(passwordless_discovery_parse(b(doc), s("https://example.auth0.com/"), &d, nullptr) == PASSWORDLESS_OK);
    passwordless_discovery_free(d);
    r = make_response(503, "");
    CHECK(passwordless_client_discovery_response(c, r, test::now, &d, nullptr) == PASSWORDLESS_KIND_SERVER_ERROR);
    CHECK(passwordless_client_discovery_response(c, r, test::now, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_response_free(r);
    CHECK(passwordless_client_discovery_request(nullptr, &req) == PASSWORDLESS_E_NULL_ARG);
    passwordless_discovery_free(nullptr);
    passwordless_client_free(c);
}

}  // namespace c_api_test::client_tests
