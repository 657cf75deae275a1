// The C ABI (passwordless.h), versions, the names of constants, errors, and the rules every function keeps: NULL
// arguments, hostile lengths, invalid UTF-8, handles of the wrong type or used after their free.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash.
#include <passwordless.h>
// The tables behind the names, and the error handle (implementation details the test compares
// with the C++ enums; the functions themselves are compiled in implementation.cpp).
#include <passwordless/c_api/enums.hpp>
#include <passwordless/c_api/handles.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "helpers.hpp"

namespace c_api_test::errors_tests {

TEST_CASE("c api, errors: the version functions agree with the header's macros") {
    CHECK(passwordless_abi_version() == PASSWORDLESS_ABI_VERSION);
    CHECK(passwordless_version_number() == PASSWORDLESS_C_VERSION_NUMBER);
    CHECK(PASSWORDLESS_C_VERSION_NUMBER == PASSWORDLESS_VERSION_MAJOR * 10000 + PASSWORDLESS_VERSION_MINOR * 100 + PASSWORDLESS_VERSION_PATCH);
    CHECK(std::string(passwordless_version_string()) == PASSWORDLESS_VERSION_STRING);
}

TEST_CASE("c api, errors: every kind, action, state and next has its C value and name, in table order") {
    for (std::size_t i = 0; i < std::size(pl::c_api::kinds); ++i) {
        const auto c = static_cast<std::int32_t>(i) + 1;
        CHECK(std::string(passwordless_status_str(c)) == pl::to_string(pl::c_api::kinds[i]));
        CHECK(pl::c_api::c_kind(pl::c_api::kinds[i]) == c);
    }
    CHECK(pl::c_api::c_kind(pl::last_error_kind) == PASSWORDLESS_KIND_INSUFFICIENT_SCOPE);
    CHECK(std::size(pl::c_api::kinds) == static_cast<std::size_t>(pl::last_error_kind) + 1);  // no kind left out
    for (std::size_t i = 0; i < std::size(pl::c_api::actions); ++i)
        CHECK(std::string(passwordless_action_str(static_cast<std::int32_t>(i))) == pl::to_string(pl::c_api::actions[i]));
    for (std::size_t i = 0; i < std::size(pl::c_api::states); ++i)
        CHECK(std::string(passwordless_state_str(static_cast<std::int32_t>(i))) == pl::to_string(pl::c_api::states[i]));
    for (std::size_t i = 0; i < std::size(pl::c_api::nexts); ++i)
        CHECK(std::string(passwordless_next_str(static_cast<std::int32_t>(i))) == pl::to_string(pl::c_api::nexts[i]));
    CHECK(pl::c_api::c_state(pl::flow_state::fetching_keys) == PASSWORDLESS_STATE_FETCHING_KEYS);
    CHECK(pl::c_api::c_next(pl::flow_next::retry) == PASSWORDLESS_NEXT_RETRY);
    CHECK(std::string(passwordless_status_str(PASSWORDLESS_OK)) == "ok");
    CHECK(std::string(passwordless_status_str(PASSWORDLESS_E_UNSUPPORTED)) == "e_unsupported");
    for (std::int32_t v : {-1000, -8, static_cast<std::int32_t>(std::size(pl::c_api::kinds)) + 1, 1000, INT32_MIN, INT32_MAX}) CHECK(std::string(passwordless_status_str(v)) == "unknown");
    CHECK(std::string(passwordless_action_str(static_cast<std::int32_t>(std::size(pl::c_api::actions)))) == "unknown");
    CHECK(std::string(passwordless_state_str(-1)) == "unknown");
    for (pl::error_kind k : pl::c_api::kinds) {
        const pl::error e = pl::error::make(k, "x");
        pl::c_api::error_h h;
        h.value = e;
        const auto* c = reinterpret_cast<const passwordless_error*>(&h);
        CHECK(passwordless_error_kind(c) == pl::c_api::c_kind(k));
        CHECK(std::string(passwordless_action_str(passwordless_error_action(c))) == pl::to_string(pl::action_for(k)));
    }
}

TEST_CASE("c api, errors: NULL arguments give E_NULL_ARG and write nothing") {
    passwordless_client* c = make_client();
    passwordless_str out{"unchanged", 9};
    CHECK(passwordless_client_new(nullptr, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_error* err = nullptr;
    CHECK(passwordless_client_new(nullptr, nullptr, &err) == PASSWORDLESS_E_NULL_ARG);
    REQUIRE(err != nullptr);
    CHECK(passwordless_error_kind(err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    REQUIRE(passwordless_error_field(err, PASSWORDLESS_ERRF_FIELD, &out) == PASSWORDLESS_OK);
    CHECK(str(out) == "opts");
    passwordless_error_free(err);  // out pointed into err: point it at our own text again
    out = passwordless_str{"unchanged", 9};
    CHECK(passwordless_client_expected_issuer(c, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_expected_issuer(nullptr, &out) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_error_kind(nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_error_action(nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_error_status(nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_request_header_count(nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_step_next(nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_state(nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_keyset_count(nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_response_new(200, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_resend(nullptr, test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_jwks_request(c, nullptr) == PASSWORDLESS_E_NULL_ARG);
    // {NULL, n > 0} is a lie about a string.
    passwordless_request* req = nullptr;
    CHECK(passwordless_client_refresh_request(c, passwordless_str{nullptr, 5}, passwordless_str{}, passwordless_str{}, &req,
                                              nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(req == nullptr);
    // Every free accepts NULL.
    passwordless_error_free(nullptr);
    passwordless_client_options_free(nullptr);
    passwordless_client_free(nullptr);
    passwordless_keyset_free(nullptr);
    passwordless_request_free(nullptr);
    passwordless_response_free(nullptr);
    passwordless_login_options_free(nullptr);
    passwordless_login_free(nullptr);
    passwordless_start_params_free(nullptr);
    passwordless_step_free(nullptr);
    passwordless_tokens_free(nullptr);
    CHECK(str(out) == "unchanged");
    passwordless_client_free(c);
}

TEST_CASE("c api, errors: hostile lengths, invalid UTF-8 and handles of the wrong type are refused") {
    passwordless_client_options* o = nullptr;
    REQUIRE(passwordless_client_options_new(&o) == PASSWORDLESS_OK);
    CHECK(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, passwordless_str{"x", PASSWORDLESS_MAX_INPUT + 1}) ==
          PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, passwordless_str{"a\xff", 2}) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, passwordless_str{"\xed\xa0\x80", 3}) ==
          PASSWORDLESS_E_INVALID_ARG);  // a surrogate
    CHECK(passwordless_client_options_set_str(o, 9999, s("x")) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_options_set_str(o, PASSWORDLESS_LOGIN_SCOPE, s("x")) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_options_set_int(o, PASSWORDLESS_CLIENT_TOKEN_FORM, 2) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_client_options_set_int(o, PASSWORDLESS_CLIENT_MAX_BODY_BYTES, -1) == PASSWORDLESS_E_INVALID_ARG);
    // An embedded NUL is text the core refuses (control character), not a truncation.
    CHECK(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, passwordless_str{"ab\0cd", 5}) == PASSWORDLESS_OK);
    CHECK(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_DOMAIN, s("example.auth0.com")) == PASSWORDLESS_OK);
    passwordless_client* c = nullptr;
    passwordless_error* err = nullptr;
    CHECK(passwordless_client_new(o, &c, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(c == nullptr);
    passwordless_str field{};
    REQUIRE(passwordless_error_field(err, PASSWORDLESS_ERRF_FIELD, &field) == PASSWORDLESS_OK);
    CHECK(str(field) == "client_id");
    CHECK(field.ptr[field.len] == '\0');
    passwordless_error_free(err);

    // A handle of another type is caught by its tag.
    auto* as_client = reinterpret_cast<const passwordless_client*>(o);
    passwordless_str issuer{};
    CHECK(passwordless_client_expected_issuer(as_client, &issuer) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_client_free(reinterpret_cast<passwordless_client*>(o));  // ignored: not a client
    CHECK(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, s("abc123")) == PASSWORDLESS_OK);
    passwordless_client_options_free(o);

    passwordless_response* r = nullptr;
    CHECK(passwordless_response_new(99, &r) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_response_new(1000, &r) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(r == nullptr);
    REQUIRE(passwordless_response_new(200, &r) == PASSWORDLESS_OK);
    for (int i = 0; i < 1000; ++i) REQUIRE(passwordless_response_add_header(r, b("x"), b("y")) == PASSWORDLESS_OK);
    CHECK(passwordless_response_add_header(r, b("x"), b("y")) == PASSWORDLESS_E_INVALID_ARG);
    passwordless_response_free(r);
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__has_feature)
#define PASSWORDLESS_TEST_USE_AFTER_FREE 1
#elif defined(__has_feature)
#if !__has_feature(address_sanitizer) && !defined(__SANITIZE_ADDRESS__)
#define PASSWORDLESS_TEST_USE_AFTER_FREE 1
#endif
#endif
#ifdef PASSWORDLESS_TEST_USE_AFTER_FREE
TEST_CASE("c api, errors: a handle used right after its free is refused (outside AddressSanitizer, which reports it)") {
    // Reading freed memory is what the tag check is for; the allocator keeps this block until the
    // next allocation of its size, so the dead tag is still there.
    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    passwordless_start_params_free(p);
    CHECK(passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, s("a@b.co")) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_start_params_free(p);  // a double free is ignored too
}
#endif

}  // namespace c_api_test::errors_tests
