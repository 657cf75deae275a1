// The C ABI (passwordless.h), a resource server's answer: WWW-Authenticate challenges and its refusal as an error.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "helpers.hpp"

namespace c_api_test::resource_tests {

TEST_CASE("c api, resource: WWW-Authenticate challenges and a resource server's refusal") {
    passwordless_response* r = make_response(401, "", {{"WWW-Authenticate", R"(Bearer realm="api, v2", Negotiate abc+/def==)"},
                                                      {"www-authenticate", R"(DPoP error="use_dpop_nonce", algs="ES256")"},
                                                      {"DPoP-Nonce", "rs-nonce-1"}});
    passwordless_challenges* ch = nullptr;
    REQUIRE(passwordless_response_challenges(r, &ch, nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_challenges_count(ch) == 3);
    passwordless_str v{}, n{};
    REQUIRE(passwordless_challenges_scheme(ch, 0, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "Bearer");
    REQUIRE(passwordless_challenges_param(ch, 0, s("REALM"), &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "api, v2");
    CHECK(passwordless_challenges_token68(ch, 0, &v) == PASSWORDLESS_E_ABSENT);
    REQUIRE(passwordless_challenges_token68(ch, 1, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "abc+/def==");
    CHECK(passwordless_challenges_param_count(ch, 1) == 0);
    REQUIRE(passwordless_challenges_param_count(ch, 2) == 2);
    REQUIRE(passwordless_challenges_param_at(ch, 2, 1, &n, &v) == PASSWORDLESS_OK);
    CHECK(str(n) == "algs");
    CHECK(str(v) == "ES256");
    CHECK(passwordless_challenges_param(ch, 2, s("realm"), &v) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_challenges_param_at(ch, 2, 2, &n, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_challenges_scheme(ch, 3, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_challenges_scheme(ch, static_cast<std::size_t>(-1), &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_challenges_param(ch, 0, passwordless_str{nullptr, 2}, &v) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_challenges_param_at(ch, 0, 0, nullptr, &v) == PASSWORDLESS_E_NULL_ARG);
    passwordless_challenges_free(ch);

    passwordless_error* e = nullptr;
    REQUIRE(passwordless_resource_error(r, test::now, &e) == PASSWORDLESS_OK);
    CHECK(passwordless_error_kind(e) == PASSWORDLESS_KIND_DPOP_NONCE_REQUIRED);
    CHECK(passwordless_error_action(e) == PASSWORDLESS_ACTION_RETRY);
    CHECK(passwordless_error_status(e) == 401);
    CHECK(field(e, PASSWORDLESS_ERRF_DPOP_NONCE) == "rs-nonce-1");
    passwordless_error_free(e);
    passwordless_response_free(r);

    // Malformed headers are refused whole; 2xx is not a refusal; no header is no challenge.
    for (const char* bad : {"DPoP error=\"unterminated", "realm=\"x\"", "DPoP error=\"a\\"}) {
        r = make_response(401, "", {{"WWW-Authenticate", bad}});
        ch = nullptr;
        passwordless_error* err = nullptr;
        CHECK(passwordless_response_challenges(r, &ch, &err) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
        CHECK(ch == nullptr);
        CHECK(passwordless_error_kind(err) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
        passwordless_error_free(err);
        passwordless_response_free(r);
    }
    r = make_response(200, "{}");
    CHECK(passwordless_resource_error(r, test::now, &e) == PASSWORDLESS_E_INVALID_ARG);
    REQUIRE(passwordless_response_challenges(r, &ch, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_challenges_count(ch) == 0);
    passwordless_challenges_free(ch);
    CHECK(passwordless_response_challenges(r, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_resource_error(r, test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_response_free(r);
    CHECK(passwordless_response_challenges(nullptr, &ch, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_challenges_count(nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_challenges_free(nullptr);
}

}  // namespace c_api_test::resource_tests
