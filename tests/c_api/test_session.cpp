// The C ABI (passwordless.h), the session after the login: revoke, /userinfo, logout URLs and
// token freshness. Each call gives what its C++ counterpart gives; misuse gives a status, never a
// crash; no token is quoted in an error.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <string>

#include "helpers.hpp"

namespace c_api_test::session_tests {

TEST_CASE("c api, session: revoke request and answer") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_revoke_request(c, s("rt-1"), &req, nullptr) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/oauth/revoke");
    passwordless_bytes body{};
    REQUIRE(passwordless_request_body(req, &body) == PASSWORDLESS_OK);
    CHECK(json::parse(std::string(reinterpret_cast<const char*>(body.ptr), body.len)) == json{{"client_id", "abc123"}, {"token", "rt-1"}});
    passwordless_request_free(req);

    passwordless_error* err = nullptr;
    req = nullptr;
    CHECK(passwordless_client_revoke_request(c, s("rt-SECRET\r\nx"), &req, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(req == nullptr);
    const auto e = take_error(err);
    CHECK(e.first == "refresh_token");
    CHECK(e.second.find("rt-SECRET") == std::string::npos);
    CHECK(passwordless_client_revoke_request(c, passwordless_str{nullptr, 3}, &req, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_revoke_request(nullptr, s("rt"), &req, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_revoke_request(c, s("rt"), nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);

    passwordless_response* ok = make_response(200, "OK");
    CHECK(passwordless_client_revoke_response(c, ok, test::now, nullptr) == PASSWORDLESS_OK);
    passwordless_response_free(ok);
    passwordless_response* bad = make_response(401, R"({"error":"invalid_client"})");
    CHECK(passwordless_client_revoke_response(c, bad, test::now, &err) == PASSWORDLESS_KIND_INVALID_CLIENT);
    CHECK(passwordless_error_action(err) == PASSWORDLESS_ACTION_FIX_CONFIG);
    passwordless_error_free(err);
    passwordless_response_free(bad);
    CHECK(passwordless_client_revoke_response(c, nullptr, test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_client_free(c);
}

TEST_CASE("c api, session: userinfo with Bearer and DPoP, claims and the 401") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_userinfo_request(c, s("at-1"), passwordless_str{nullptr, 0}, nullptr, passwordless_str{nullptr, 0},
                                                 test::now, &req, nullptr) == PASSWORDLESS_OK);
    CHECK(header_value(req, "authorization") == "Bearer at-1");
    passwordless_str v{};
    REQUIRE(passwordless_request_method(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "GET");
    passwordless_request_free(req);

    key_log log;
    passwordless_dpop_key* k = make_key(log);
    REQUIRE(passwordless_client_userinfo_request(c, s("at-1"), s("DPoP"), k, s("n-1"), test::now, &req, nullptr) == PASSWORDLESS_OK);
    auto want = pl::build_userinfo_request(test::make_client(), pl::userinfo_params{"at-1", "DPoP"},
                                           pl::userinfo_proof{core_key(), test::now, jti_bytes, "n-1"});
    REQUIRE(want.ok());
    CHECK(header_value(req, "authorization") == "DPoP at-1");
    CHECK(header_value(req, "dpop") == std::string(*want->find_header("dpop")));
    passwordless_request_free(req);

    passwordless_error* err = nullptr;
    req = nullptr;
    CHECK(passwordless_client_userinfo_request(c, s("at-1"), s("DPoP"), nullptr, passwordless_str{nullptr, 0}, test::now, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(take_error(err).first == "dpop");
    CHECK(passwordless_client_userinfo_request(c, s("at-SECRET\n"), s("Bearer"), nullptr, passwordless_str{nullptr, 0}, test::now, &req,
                                               &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    const auto e = take_error(err);
    CHECK(e.first == "access_token");
    CHECK(e.second.find("at-SECRET") == std::string::npos);
    CHECK(req == nullptr);
    passwordless_dpop_key_free(k);

    passwordless_response* r = make_response(200, R"({"sub":"auth0|1","email":"a@b.co","updated_at":1700000000})");
    passwordless_claims* claims = nullptr;
    REQUIRE(passwordless_client_userinfo_response(c, r, test::now, &claims, nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_claims_str(claims, s("sub"), &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "auth0|1");
    int64_t n = 0;
    REQUIRE(passwordless_claims_int(claims, s("updated_at"), &n) == PASSWORDLESS_OK);
    CHECK(n == 1700000000);
    passwordless_claims_free(claims);
    passwordless_response_free(r);

    r = make_response(401, "Unauthorized");
    claims = nullptr;
    CHECK(passwordless_client_userinfo_response(c, r, test::now, &claims, &err) == PASSWORDLESS_KIND_INVALID_ACCESS_TOKEN);
    CHECK(claims == nullptr);
    CHECK(passwordless_error_action(err) == PASSWORDLESS_ACTION_REFRESH);
    passwordless_error_free(err);
    passwordless_response_free(r);
    passwordless_client_free(c);
}

TEST_CASE("c api, session: logout URLs and their refusals") {
    passwordless_client* c = make_client();
    const passwordless_str none{nullptr, 0};
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_V2, s("https://app.example.com/bye"), none, none, 1, &req, nullptr) ==
            PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/v2/logout?client_id=abc123&returnTo=https%3A%2F%2Fapp.example.com%2Fbye&federated");
    CHECK(passwordless_request_header_count(req) == 0);
    passwordless_request_free(req);
    REQUIRE(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_OIDC, s("http://localhost:3000/"), s("h.p.s"), s("st 1"), 0, &req,
                                           nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/oidc/logout?client_id=abc123&id_token_hint=h.p.s"
                    "&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&state=st%201");
    passwordless_request_free(req);

    passwordless_error* err = nullptr;
    req = nullptr;
    CHECK(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_V2, s("http://app.example.com/"), none, none, 0, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(take_error(err).first == "return_to");
    CHECK(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_OIDC, s("ftp://x/"), none, none, 0, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(take_error(err).first == "post_logout_redirect_uri");
    CHECK(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_V2, none, s("h.p.s"), none, 0, &req, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_OIDC, none, none, none, 1, &req, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_V2, none, none, none, 2, &req, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_logout_url(c, 3, none, none, none, 0, &req, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_V2, passwordless_str{nullptr, 4}, none, none, 0, &req, nullptr) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_logout_url(c, PASSWORDLESS_LOGOUT_V2, none, none, none, 0, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(req == nullptr);
    passwordless_client_free(c);
}

TEST_CASE("c api, session: token freshness") {
    passwordless_client* c = make_client();
    passwordless_response* r = make_response(200, R"({"access_token":"a","token_type":"Bearer","expires_in":120})");
    passwordless_tokens* t = nullptr;
    REQUIRE(passwordless_client_token_response(c, r, test::now, &t, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_tokens_freshness(t, test::now, 60) == PASSWORDLESS_TOKENS_FRESH);
    CHECK(passwordless_tokens_freshness(t, test::now + 60, 60) == PASSWORDLESS_TOKENS_REFRESH_NOW);
    CHECK(passwordless_tokens_freshness(t, test::now + 200, -5) == PASSWORDLESS_TOKENS_REFRESH_NOW);
    passwordless_tokens_free(t);
    passwordless_response_free(r);
    r = make_response(200, R"({"access_token":"a","token_type":"Bearer"})");
    REQUIRE(passwordless_client_token_response(c, r, test::now, &t, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_tokens_freshness(t, test::now, 60) == PASSWORDLESS_TOKENS_EXPIRY_UNKNOWN);
    passwordless_tokens_free(t);
    passwordless_response_free(r);
    CHECK(passwordless_tokens_freshness(nullptr, test::now, 60) == PASSWORDLESS_E_NULL_ARG);
    passwordless_client_free(c);
}

}  // namespace c_api_test::session_tests
