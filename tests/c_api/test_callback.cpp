// The C ABI (passwordless.h), magic-link callbacks, their refusals, and the code exchange.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "helpers.hpp"

namespace c_api_test::callback_tests {

TEST_CASE("c api, callback: a magic-link callback, its refusals, and the code exchange") {
    const char* const state = "st-Qx7Zp2af0ifjsldkj";
    passwordless_callback* cb = nullptr;
    REQUIRE(passwordless_callback_parse(s("http://localhost:3000/cb#access_token=at&id_token=a.b.c&scope=openid%20email"
                                          "&expires_in=7200&token_type=Bearer&state=st-Qx7Zp2af0ifjsldkj"),
                                        s(state), &cb, nullptr) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_callback_str(cb, PASSWORDLESS_CBF_SCOPE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "openid email");
    REQUIRE(passwordless_callback_str(cb, PASSWORDLESS_CBF_STATE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == state);
    CHECK(passwordless_callback_str(cb, PASSWORDLESS_CBF_CODE, &v) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_callback_str(cb, PASSWORDLESS_CBF_EXPIRES_IN, &v) == PASSWORDLESS_E_INVALID_ARG);
    std::int64_t n = 0;
    REQUIRE(passwordless_callback_int(cb, PASSWORDLESS_CBF_EXPIRES_IN, &n) == PASSWORDLESS_OK);
    CHECK(n == 7200);
    CHECK(passwordless_callback_int(cb, PASSWORDLESS_CBF_SCOPE, &n) == PASSWORDLESS_E_INVALID_ARG);
    passwordless_callback_free(cb);

    struct refusal {
        const char* url;
        const char* expected;
        int32_t status;
    };
    const refusal refusals[] = {
        {"https://app.example.com/cb?code=x&state=other", state, PASSWORDLESS_KIND_STATE_MISMATCH},
        {"https://app.example.com/cb?code=x", state, PASSWORDLESS_KIND_STATE_MISMATCH},
        {"https://app.example.com/cb?code=x&state=st-Qx7Zp2af0ifjsldkj", "", PASSWORDLESS_KIND_INVALID_ARGUMENT},
        {"https://app.example.com/cb?code=%zz&state=st-Qx7Zp2af0ifjsldkj", state, PASSWORDLESS_KIND_INVALID_ARGUMENT},
        {"https://app.example.com/cb?code=a&code=b&state=st-Qx7Zp2af0ifjsldkj", state, PASSWORDLESS_KIND_INVALID_ARGUMENT},
        {"https://app.example.com/cb?error=access_denied&error_description=no&state=st-Qx7Zp2af0ifjsldkj", state,
         PASSWORDLESS_KIND_ACCESS_DENIED},
    };
    for (const refusal& r : refusals) {
        CAPTURE(r.url);
        cb = nullptr;
        passwordless_error* err = nullptr;
        CHECK(passwordless_callback_parse(s(r.url), s(r.expected), &cb, &err) == r.status);
        CHECK(cb == nullptr);
        CHECK(passwordless_error_kind(err) == r.status);
        passwordless_error_free(err);
    }
    const std::string not_utf8 = "https://app.example.com/cb?code=\xff&state=x";
    CHECK(passwordless_callback_parse(s(not_utf8), s(state), &cb, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_callback_parse(passwordless_str{nullptr, 4}, s(state), &cb, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_callback_parse(s("https://a/?code=x&state=y"), s("y"), nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_callback_str(nullptr, PASSWORDLESS_CBF_CODE, &v) == PASSWORDLESS_E_NULL_ARG);
    passwordless_callback_free(nullptr);

    // The code exchange: the request's body, then the answer.
    REQUIRE(passwordless_callback_parse(s("https://app.example.com/cb?code=the-code&state=st-Qx7Zp2af0ifjsldkj"), s(state), &cb,
                                        nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_callback_str(cb, PASSWORDLESS_CBF_CODE, &v) == PASSWORDLESS_OK);
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_code_request(c, v, s("https://app.example.com/cb"), s("verifier-0123456789012345678901234567890123"),
                                             &req, nullptr) == PASSWORDLESS_OK);
    passwordless_callback_free(cb);
    passwordless_bytes body{};
    REQUIRE(passwordless_request_body(req, &body) == PASSWORDLESS_OK);
    const auto sent = test::json::parse(std::string(reinterpret_cast<const char*>(body.ptr), body.len));
    CHECK(sent["grant_type"] == "authorization_code");
    CHECK(sent["code"] == "the-code");
    CHECK(sent["redirect_uri"] == "https://app.example.com/cb");
    passwordless_request_free(req);
    passwordless_error* err = nullptr;
    CHECK(passwordless_client_code_request(c, s(""), s("https://app.example.com/cb"), s(""), &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    passwordless_error_free(err);
    passwordless_response* r = make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":60})");
    passwordless_tokens* t = nullptr;
    REQUIRE(passwordless_client_code_response(c, r, test::now, &t, nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_tokens_str(t, PASSWORDLESS_TOKF_ACCESS_TOKEN, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "at");
    passwordless_tokens_free(t);
    passwordless_response_free(r);
    r = make_response(403, R"({"error":"invalid_grant","error_description":"Invalid authorization code"})");
    t = nullptr;
    CHECK(passwordless_client_code_response(c, r, test::now, &t, nullptr) > 0);
    CHECK(t == nullptr);
    passwordless_response_free(r);
    passwordless_client_free(c);
}

}  // namespace c_api_test::callback_tests
