// The C ABI (passwordless.h), DPoP keys over the signer and random callbacks, DPoP for a login, API requests, proofs
// on the caller's requests, thumbprints, a refresh with DPoP.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "helpers.hpp"

namespace c_api_test::dpop_tests {

TEST_CASE("c api, dpop: DPoP through the signer and random callbacks; a bad key is refused and its hook runs once") {
    key_log log;
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    CHECK(passwordless_login_options_set_dpop(lo, s(R"({"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"})"), stub_sign,
                                              fixed_random, &log, count_key_free) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(log.frees == 1);
    CHECK(passwordless_login_options_set_dpop(lo, s(public_jwk), nullptr, fixed_random, &log, count_key_free) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(log.frees == 2);
    REQUIRE(passwordless_login_options_set_dpop(lo, s(public_jwk), stub_sign, fixed_random, &log, count_key_free) ==
            PASSWORDLESS_OK);
    passwordless_client* c = make_client();
    passwordless_login* login = nullptr;
    REQUIRE(passwordless_login_new(c, lo, &login, nullptr) == PASSWORDLESS_OK);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_CONNECTION, s("email")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, s("user@example.com")) == PASSWORDLESS_OK);
    passwordless_step* st = step_of([&](passwordless_step** o) { return passwordless_login_start(login, p, test::now, o); });
    passwordless_step_free(st);
    passwordless_start_params_free(p);
    passwordless_response* r = make_response(200, "{}");
    st = step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, test::now, o); });
    passwordless_response_free(r);
    passwordless_step_free(st);
    CHECK(log.signs == 0);  // never a proof for /passwordless/start
    st = step_of([&](passwordless_step** o) { return passwordless_login_submit_code(login, s("123456"), test::now, o); });
    const passwordless_request* req = nullptr;
    REQUIRE(passwordless_step_request(st, &req) == PASSWORDLESS_OK);
    bool has_proof = false;
    for (std::int32_t i = 0; i < passwordless_request_header_count(req); ++i) {
        passwordless_str n{}, v{};
        REQUIRE(passwordless_request_header_at(req, static_cast<std::size_t>(i), &n, &v) == PASSWORDLESS_OK);
        if (str(n) == "dpop") has_proof = std::count(v.ptr, v.ptr + v.len, '.') == 2;
    }
    CHECK(has_proof);
    CHECK(log.signs == 1);
    passwordless_step_free(st);
    // use_dpop_nonce: the login sends the token request again by itself, with a new proof.
    r = make_response(400, R"({"error":"use_dpop_nonce","error_description":"nonce required"})");
    REQUIRE(passwordless_response_add_header(r, b("dpop-nonce"), b("n-1")) == PASSWORDLESS_OK);
    st = step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, test::now, o); });
    passwordless_response_free(r);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_SEND_REQUEST);
    CHECK(log.signs == 2);
    passwordless_step_free(st);
    passwordless_login_free(login);
    CHECK(log.frees == 3);
}

TEST_CASE("c api, dpop: a DPoP key; its thumbprint and JWK; a bad key is refused and the hook runs once") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_str v{};
    REQUIRE(passwordless_dpop_key_thumbprint(k, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}.thumbprint());
    REQUIRE(passwordless_dpop_key_public_jwk(k, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}.jwk_json());
    CHECK(v.ptr[v.len] == '\0');
    passwordless_dpop_key_free(k);
    CHECK(log.frees == 1);

    passwordless_dpop_key* bad = nullptr;
    const std::string with_private = R"({"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"})";
    const std::string not_utf8 = "{\"kty\":\"\xff\"}";
    CHECK(passwordless_dpop_key_new(s(with_private), stub_sign, fixed_random, &log, count_key_free, &bad) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_dpop_key_new(s(not_utf8), stub_sign, fixed_random, &log, count_key_free, &bad) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_dpop_key_new(passwordless_str{nullptr, 3}, stub_sign, fixed_random, &log, count_key_free, &bad) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_key_new(s(public_jwk), nullptr, fixed_random, &log, count_key_free, &bad) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_key_new(s(public_jwk), stub_sign, nullptr, &log, count_key_free, &bad) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_key_new(s(public_jwk), stub_sign, fixed_random, &log, count_key_free, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(bad == nullptr);
    CHECK(log.frees == 7);
    CHECK(passwordless_dpop_key_thumbprint(nullptr, &v) == PASSWORDLESS_E_NULL_ARG);
    passwordless_dpop_key_free(nullptr);

    // Any public JWK's thumbprint (RFC 7638 section 3.1's example).
    const std::string rsa = R"({"kty":"RSA","e":"AQAB","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"})";
    std::uint8_t out[64];
    std::size_t len = 0;
    REQUIRE(passwordless_jwk_thumbprint(s(rsa), out, sizeof out, &len) == PASSWORDLESS_OK);
    CHECK(std::string(reinterpret_cast<const char*>(out), len) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    CHECK(passwordless_jwk_thumbprint(s(rsa), out, 10, &len) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_jwk_thumbprint(s("{\"kty\":\"oct\"}"), out, sizeof out, &len) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_jwk_thumbprint(s("not json"), out, sizeof out, &len) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_jwk_thumbprint(s(rsa), nullptr, sizeof out, &len) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_jwk_thumbprint(passwordless_str{nullptr, 0}, out, sizeof out, &len) == PASSWORDLESS_E_NULL_ARG);
}

TEST_CASE("c api, dpop: a DPoP-bound API request carries exactly the C++ headers; refusals name their field") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_dpop_resource_request(k, s("GET"), s("https://api.example.com/v1/me?x=1"), s("at-123"), s("rs-nonce"),
                                               test::now, &req, nullptr) == PASSWORDLESS_OK);
    auto want = pl::dpop_resource_headers(core_key(), {"GET", "https://api.example.com/v1/me?x=1", "at-123", test::now,
                                                       jti_bytes, "rs-nonce"});
    REQUIRE(want.ok());
    const auto got = headers_of(req);
    REQUIRE(got.size() == 2);
    CHECK(got[0].name == "authorization");
    CHECK(got[0].value == "DPoP at-123");
    CHECK(got[1].name == "dpop");
    CHECK(got[1].value == want.value()[1].value);
    passwordless_str v{};
    REQUIRE(passwordless_request_method(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "GET");
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://api.example.com/v1/me?x=1");
    passwordless_request_free(req);

    struct refusal {
        const char* method;
        const char* url;
        const char* token;
        const char* nonce;
        const char* field;
    };
    const refusal refusals[] = {
        {"get", "https://api.example.com/", "at", "", "method"},
        {"GET", "http://api.example.com/", "at", "", "url"},
        {"GET", "https://api.example.com/", "", "", "access_token"},
        {"GET", "https://api.example.com/", "at", "bad nonce\x01", "nonce"},
    };
    for (const refusal& r : refusals) {
        CAPTURE(r.field);
        passwordless_error* err = nullptr;
        req = nullptr;
        CHECK(passwordless_dpop_resource_request(k, s(r.method), s(r.url), s(r.token), s(r.nonce), test::now, &req, &err) ==
              PASSWORDLESS_KIND_INVALID_ARGUMENT);
        CHECK(req == nullptr);
        CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == r.field);
        passwordless_error_free(err);
    }
    log.fail_random = true;
    passwordless_error* err = nullptr;
    CHECK(passwordless_dpop_resource_request(k, s("GET"), s("https://api.example.com/"), s("at"), s(""), test::now, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "jti");
    passwordless_error_free(err);
    log.fail_random = false;
    log.fail_sign = true;
    CHECK(passwordless_dpop_resource_request(k, s("GET"), s("https://api.example.com/"), s("at"), s(""), test::now, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "signature");
    passwordless_error_free(err);
    log.fail_sign = false;
    // Misuse: a status and an error naming the parameter.
    CHECK(passwordless_dpop_resource_request(nullptr, s("GET"), s("https://a.example/"), s("at"), s(""), 0, &req, &err) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "key");
    passwordless_error_free(err);
    CHECK(passwordless_dpop_resource_request(k, s("GET"), passwordless_str{nullptr, 5}, s("at"), s(""), 0, &req, nullptr) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_resource_request(k, s("GET"), s("https://a.example/"), s("at"), s(""), 0, nullptr, nullptr) ==
          PASSWORDLESS_E_NULL_ARG);
    const passwordless_dpop_key* wrong = reinterpret_cast<const passwordless_dpop_key*>(make_client());
    CHECK(passwordless_dpop_resource_request(wrong, s("GET"), s("https://a.example/"), s("at"), s(""), 0, &req, nullptr) ==
          PASSWORDLESS_E_BAD_HANDLE);
    passwordless_client_free(reinterpret_cast<passwordless_client*>(const_cast<passwordless_dpop_key*>(wrong)));
    passwordless_dpop_key_free(k);
    CHECK(log.frees == 1);
}

TEST_CASE("c api, dpop: a proof added to a library request; a step's request is read-only") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_code_request(c, s("the-code"), s("https://app.example.com/cb"), s(""), &req, nullptr) ==
            PASSWORDLESS_OK);
    CHECK(header_value(req, "dpop").empty());
    REQUIRE(passwordless_request_add_dpop_proof(req, k, s("n-1"), test::now, nullptr) == PASSWORDLESS_OK);
    const std::string first = header_value(req, "dpop");
    CHECK(std::count(first.begin(), first.end(), '.') == 2);
    REQUIRE(passwordless_request_add_dpop_proof(req, k, s(""), test::now + 1, nullptr) == PASSWORDLESS_OK);
    std::size_t proofs = 0;
    for (const auto& h : headers_of(req))
        if (h.name == "dpop") ++proofs;
    CHECK(proofs == 1);  // replaced, not added
    CHECK(header_value(req, "dpop") != first);
    log.fail_sign = true;
    const std::string before = header_value(req, "dpop");
    passwordless_error* err = nullptr;
    CHECK(passwordless_request_add_dpop_proof(req, k, s(""), test::now, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(header_value(req, "dpop") == before);  // nothing changes on failure
    passwordless_error_free(err);
    CHECK(passwordless_request_add_dpop_proof(req, nullptr, s(""), test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_request_add_dpop_proof(nullptr, k, s(""), test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_request_free(req);
    passwordless_client_free(c);
    passwordless_dpop_key_free(k);
}

TEST_CASE("c api, dpop: a refresh with DPoP: proof, nonce resend, tokens; bound tokens need the key") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_client* c = make_client();
    passwordless_refresh* x = nullptr;
    passwordless_error* err = nullptr;
    CHECK(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), nullptr, 0, s(""), &x, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "dpop");
    passwordless_error_free(err);
    CHECK(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), k, 2, s(""), &x, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), k, 1, s("bad nonce\x01"), &x, nullptr) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    REQUIRE(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), k, 1, s("known"), &x, nullptr) == PASSWORDLESS_OK);
    passwordless_dpop_key_free(k);  // the refresh holds the key
    passwordless_client_free(c);
    CHECK(log.frees == 0);
    passwordless_str v{};
    REQUIRE(passwordless_refresh_dpop_nonce(x, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "known");

    passwordless_request* req = nullptr;
    REQUIRE(passwordless_refresh_request(x, test::now, &req, nullptr) == PASSWORDLESS_OK);
    CHECK_FALSE(header_value(req, "dpop").empty());
    passwordless_request_free(req);
    CHECK(log.signs == 1);

    passwordless_response* r = make_response(400, R"({"error":"use_dpop_nonce"})", {{"DPoP-Nonce", "fresh"}});
    passwordless_request* again = nullptr;
    passwordless_tokens* tokens = reinterpret_cast<passwordless_tokens*>(&log);  // must be overwritten
    REQUIRE(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, nullptr) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    REQUIRE(again != nullptr);
    CHECK(tokens == nullptr);
    CHECK(log.signs == 2);
    passwordless_request_free(again);
    REQUIRE(passwordless_refresh_dpop_nonce(x, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "fresh");

    // require_binding: Bearer tokens are refused.
    r = make_response(200, R"({"access_token":"at-2","token_type":"Bearer","expires_in":60})");
    again = nullptr;
    tokens = nullptr;
    CHECK(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, &err) == PASSWORDLESS_KIND_INVALID_DPOP_PROOF);
    CHECK(again == nullptr);
    CHECK(tokens == nullptr);
    passwordless_error_free(err);
    passwordless_response_free(r);

    r = make_response(200, R"({"access_token":"at-3","token_type":"DPoP","expires_in":60,"refresh_token":"rt-2"})");
    REQUIRE(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, nullptr) == PASSWORDLESS_OK);
    CHECK(again == nullptr);
    REQUIRE(tokens != nullptr);
    REQUIRE(passwordless_tokens_str(tokens, PASSWORDLESS_TOKF_ACCESS_TOKEN, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "at-3");
    passwordless_tokens_free(tokens);
    CHECK(passwordless_refresh_on_response(x, r, test::now, nullptr, &tokens, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_refresh_on_response(x, nullptr, test::now, &again, &tokens, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_response_free(r);
    passwordless_refresh_free(x);
    CHECK(log.frees == 1);

    // Without DPoP: a plain refresh; no nonce.
    c = make_client();
    REQUIRE(passwordless_refresh_new(c, s("rt-1"), s("openid"), s(""), s("Bearer"), nullptr, 0, s(""), &x, nullptr) ==
            PASSWORDLESS_OK);
    REQUIRE(passwordless_refresh_request(x, test::now, &req, nullptr) == PASSWORDLESS_OK);
    CHECK(header_value(req, "dpop").empty());
    passwordless_request_free(req);
    CHECK(passwordless_refresh_dpop_nonce(x, &v) == PASSWORDLESS_E_ABSENT);
    r = make_response(400, R"({"error":"invalid_grant","error_description":"Unknown or invalid refresh token."})");
    CHECK(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, nullptr) == PASSWORDLESS_KIND_INVALID_REFRESH_TOKEN);
    passwordless_response_free(r);
    passwordless_refresh_free(x);
    CHECK(passwordless_refresh_new(c, s("rt"), s(""), s(""), s(""), reinterpret_cast<const passwordless_dpop_key*>(c), 0, s(""),
                                   &x, nullptr) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_client_free(c);
    CHECK(passwordless_refresh_request(nullptr, test::now, &req, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_refresh_free(nullptr);
    CHECK(passwordless_login_dpop_nonce(nullptr, &v) == PASSWORDLESS_E_NULL_ARG);
}

TEST_CASE("c api, dpop: a DPoP key given to a login; the login's nonce") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_dpop_key(lo, k) == PASSWORDLESS_OK);
    CHECK(passwordless_login_options_set_dpop_key(lo, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_dpop_key_free(k);
    passwordless_client* c = make_client();
    passwordless_login* login = nullptr;
    REQUIRE(passwordless_login_new(c, lo, &login, nullptr) == PASSWORDLESS_OK);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
    passwordless_str v{};
    CHECK(passwordless_login_dpop_nonce(login, &v) == PASSWORDLESS_E_ABSENT);
    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_CONNECTION, s("email")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, s("user@example.com")) == PASSWORDLESS_OK);
    passwordless_step* st = nullptr;
    REQUIRE(passwordless_login_start(login, p, test::now, &st) == PASSWORDLESS_OK);
    passwordless_step_free(st);
    passwordless_start_params_free(p);
    passwordless_response* r = make_response(200, "{}");
    REQUIRE(passwordless_login_on_response(login, r, test::now, &st) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    passwordless_step_free(st);
    REQUIRE(passwordless_login_submit_code(login, s("123456"), test::now, &st) == PASSWORDLESS_OK);
    const passwordless_request* req = nullptr;
    REQUIRE(passwordless_step_request(st, &req) == PASSWORDLESS_OK);
    CHECK_FALSE(header_value(req, "dpop").empty());
    CHECK(log.signs == 1);
    // A step's request belongs to the step: no proof may be added to it.
    passwordless_dpop_key* k2 = make_key(log);
    CHECK(passwordless_request_add_dpop_proof(const_cast<passwordless_request*>(req), k2, s(""), test::now, nullptr) ==
          PASSWORDLESS_E_INVALID_ARG);
    passwordless_dpop_key_free(k2);
    passwordless_step_free(st);
    r = make_response(400, R"({"error":"use_dpop_nonce"})", {{"dpop-nonce", "n-1"}});
    REQUIRE(passwordless_login_on_response(login, r, test::now, &st) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    passwordless_step_free(st);
    REQUIRE(passwordless_login_dpop_nonce(login, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "n-1");
    passwordless_login_free(login);
    CHECK(log.frees == 2);
}

}  // namespace c_api_test::dpop_tests
