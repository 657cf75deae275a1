// The C ABI of passwordless.h (implementation: passwordless/c_api/): misuse of every kind gives a
// status and never a crash, the tables agree with the C++ enums, and a whole login runs through it.
// This translation unit is the one that holds the implementation for the unit tests.
#define PASSWORDLESS_C_IMPLEMENTATION
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "support/helpers.hpp"
#include "support/jwt_helpers.hpp"

// A namespace of its own, so that its helpers (C handles) never meet helpers.hpp's or another
// file's in a unity build.
namespace c_api_tests {

namespace {

using test::json;
namespace pl = passwordless;

passwordless_str s(const char* text) { return passwordless_str{text, std::strlen(text)}; }
passwordless_bytes b(const std::string& bytes) {
    return passwordless_bytes{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}
std::string str(passwordless_str v) { return std::string(v.ptr, v.len); }

passwordless_client* make_client() {
    passwordless_client_options* o = nullptr;
    REQUIRE(passwordless_client_options_new(&o) == PASSWORDLESS_OK);
    REQUIRE(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_DOMAIN, s("example.auth0.com")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, s("abc123")) == PASSWORDLESS_OK);
    passwordless_client* c = nullptr;
    REQUIRE(passwordless_client_new(o, &c, nullptr) == PASSWORDLESS_OK);
    passwordless_client_options_free(o);
    return c;
}

passwordless_response* make_response(int status, const std::string& body) {
    passwordless_response* r = nullptr;
    REQUIRE(passwordless_response_new(status, &r) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_add_header(r, b("content-type"), b("application/json")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_set_body(r, b(body)) == PASSWORDLESS_OK);
    return r;
}

struct verifier_log {
    int calls = 0;
    int frees = 0;
    std::string last_jwk;
};

int32_t stub_verify(void* ud, passwordless_str alg, passwordless_str kid, passwordless_bytes input, passwordless_bytes sig,
                    passwordless_str jwk) {
    auto* log = static_cast<verifier_log*>(ud);
    ++log->calls;
    log->last_jwk = str(jwk);
    pl::signature_input in;
    in.algorithm = std::string_view(alg.ptr, alg.len);
    in.key_id = std::string_view(kid.ptr, kid.len);
    in.signing_input = std::string_view(reinterpret_cast<const char*>(input.ptr), input.len);
    in.signature = std::string_view(reinterpret_cast<const char*>(sig.ptr), sig.len);
    return test::stub_verifier_accepts(in) ? 0 : 1;
}

void count_free(void* ud) { ++static_cast<verifier_log*>(ud)->frees; }

/// Runs one login call and returns its step (the call itself must succeed).
template <class F>
passwordless_step* step_of(F call) {
    passwordless_step* st = nullptr;
    REQUIRE(call(&st) == PASSWORDLESS_OK);
    REQUIRE(st != nullptr);
    return st;
}

}  // namespace

TEST_CASE("c api: the version functions agree with the header's macros") {
    CHECK(passwordless_abi_version() == PASSWORDLESS_ABI_VERSION);
    CHECK(passwordless_version_number() == PASSWORDLESS_C_VERSION_NUMBER);
    CHECK(PASSWORDLESS_C_VERSION_NUMBER == PASSWORDLESS_VERSION_MAJOR * 10000 + PASSWORDLESS_VERSION_MINOR * 100 + PASSWORDLESS_VERSION_PATCH);
    CHECK(std::string(passwordless_version_string()) == PASSWORDLESS_VERSION_STRING);
}

TEST_CASE("c api: every kind, action, state and next has its C value and name, in table order") {
    for (std::size_t i = 0; i < std::size(pl::c_api::kinds); ++i) {
        const auto c = static_cast<std::int32_t>(i) + 1;
        CHECK(std::string(passwordless_status_str(c)) == pl::to_string(pl::c_api::kinds[i]));
        CHECK(pl::c_api::c_kind(pl::c_api::kinds[i]) == c);
    }
    CHECK(pl::c_api::c_kind(pl::last_error_kind) == PASSWORDLESS_KIND_ISSUER_MISMATCH);
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
    for (std::int32_t v : {-1000, -8, 29, 1000, INT32_MIN, INT32_MAX}) CHECK(std::string(passwordless_status_str(v)) == "unknown");
    CHECK(std::string(passwordless_action_str(9)) == "unknown");
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

TEST_CASE("c api: NULL arguments give E_NULL_ARG and write nothing") {
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

TEST_CASE("c api: hostile lengths, invalid UTF-8 and handles of the wrong type are refused") {
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
TEST_CASE("c api: a handle used right after its free is refused (outside AddressSanitizer, which reports it)") {
    // Reading freed memory is what the tag check is for; the allocator keeps this block until the
    // next allocation of its size, so the dead tag is still there.
    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    passwordless_start_params_free(p);
    CHECK(passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, s("a@b.co")) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_start_params_free(p);  // a double free is ignored too
}
#endif

TEST_CASE("c api: a whole login with a verified ID token, through the C functions only") {
    passwordless_client* c = make_client();
    verifier_log log;
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN, 1) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_SCOPE, s("openid email")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_CODE_LIFETIME, 180) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, count_free) == PASSWORDLESS_OK);
    passwordless_keyset* keys = nullptr;
    REQUIRE(passwordless_keyset_parse(b(R"({"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]})"), &keys, nullptr) ==
            PASSWORDLESS_OK);
    CHECK(passwordless_keyset_count(keys) == 1);
    REQUIRE(passwordless_login_options_set_keyset(lo, keys) == PASSWORDLESS_OK);
    passwordless_keyset_free(keys);  // the options hold their own reference
    passwordless_login* login = nullptr;
    REQUIRE(passwordless_login_new(c, lo, &login, nullptr) == PASSWORDLESS_OK);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
    CHECK(log.frees == 0);  // the login still holds the verifier
    CHECK(passwordless_login_state(login) == PASSWORDLESS_STATE_IDLE);

    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_CONNECTION, s("email")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, s("user@example.com")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_SEND, s("code")) == PASSWORDLESS_OK);
    CHECK(passwordless_start_params_set(p, PASSWORDLESS_START_SEND, s("pigeon")) == PASSWORDLESS_E_INVALID_ARG);
    passwordless_step* st = step_of([&](passwordless_step** o) { return passwordless_login_start(login, p, test::now, o); });
    passwordless_start_params_free(p);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_SEND_REQUEST);
    const passwordless_request* req = nullptr;
    REQUIRE(passwordless_step_request(st, &req) == PASSWORDLESS_OK);
    passwordless_str method{}, url{};
    REQUIRE(passwordless_request_method(req, &method) == PASSWORDLESS_OK);
    REQUIRE(passwordless_request_url(req, &url) == PASSWORDLESS_OK);
    CHECK(str(method) == "POST");
    CHECK(str(url) == "https://example.auth0.com/passwordless/start");
    const std::int32_t n = passwordless_request_header_count(req);
    CHECK(n >= 1);
    passwordless_str hn{}, hv{};
    CHECK(passwordless_request_header_at(req, static_cast<std::size_t>(n), &hn, &hv) == PASSWORDLESS_E_INVALID_ARG);
    REQUIRE(passwordless_request_header_at(req, 0, &hn, &hv) == PASSWORDLESS_OK);
    passwordless_bytes body{};
    REQUIRE(passwordless_request_body(req, &body) == PASSWORDLESS_OK);
    CHECK(json::parse(std::string(reinterpret_cast<const char*>(body.ptr), body.len))["email"] == "user@example.com");
    passwordless_request_free(const_cast<passwordless_request*>(req));  // owned by the step: ignored
    passwordless_step_free(st);

    passwordless_response* r = make_response(200, R"({"_id":"x","email":"user@example.com"})");
    st = step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, test::now, o); });
    passwordless_response_free(r);
    CHECK(passwordless_step_event(st) == PASSWORDLESS_EVENT_CODE_SENT);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_ASK_FOR_CODE);
    std::int64_t t = 0;
    REQUIRE(passwordless_step_time(st, PASSWORDLESS_STEPT_CODE_EXPIRES_AT, &t) == PASSWORDLESS_OK);
    CHECK(t == test::now + 180);
    passwordless_step_free(st);

    // A wrong code: the step carries the error, with its kind and action.
    st = step_of([&](passwordless_step** o) { return passwordless_login_submit_code(login, s("000000"), test::now, o); });
    passwordless_step_free(st);
    r = make_response(403, R"({"error":"invalid_grant","error_description":"Wrong email or verification code."})");
    st = step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, test::now, o); });
    passwordless_response_free(r);
    const passwordless_error* e = nullptr;
    REQUIRE(passwordless_step_error(st, &e) == PASSWORDLESS_OK);
    CHECK(passwordless_error_kind(e) == PASSWORDLESS_KIND_WRONG_CODE);
    CHECK(passwordless_error_action(e) == PASSWORDLESS_ACTION_RETRY_CODE);
    CHECK(passwordless_error_status(e) == 403);
    passwordless_str code{};
    REQUIRE(passwordless_error_field(e, PASSWORDLESS_ERRF_CODE, &code) == PASSWORDLESS_OK);
    CHECK(str(code) == "invalid_grant");
    CHECK(passwordless_error_field(e, PASSWORDLESS_ERRF_MFA_TOKEN, &code) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_error_retry_at(e, &t) == PASSWORDLESS_E_ABSENT);
    passwordless_error* kept = nullptr;
    REQUIRE(passwordless_error_clone(e, &kept) == PASSWORDLESS_OK);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_ASK_FOR_CODE);
    passwordless_step_free(st);
    CHECK(passwordless_error_kind(kept) == PASSWORDLESS_KIND_WRONG_CODE);  // the copy outlives the step
    passwordless_error_free(kept);

    st = step_of([&](passwordless_step** o) { return passwordless_login_submit_code(login, s("123456"), test::now, o); });
    passwordless_step_free(st);
    json claims = test::good_claims();
    claims["aud"] = "abc123";
    const std::string id_token = test::make_jwt(test::good_header(), claims);
    json tokens = {{"access_token", "at"}, {"token_type", "Bearer"}, {"expires_in", 86400}, {"id_token", id_token}};
    r = make_response(200, tokens.dump());
    st = step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, test::now, o); });
    passwordless_response_free(r);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_DONE);
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AUTHENTICATED);
    CHECK(log.calls == 1);
    CHECK(json::parse(log.last_jwk)["kid"] == "k1");
    const passwordless_tokens* tk = nullptr;
    REQUIRE(passwordless_step_tokens(st, &tk) == PASSWORDLESS_OK);
    passwordless_str at{};
    REQUIRE(passwordless_tokens_str(tk, PASSWORDLESS_TOKF_ACCESS_TOKEN, &at) == PASSWORDLESS_OK);
    CHECK(str(at) == "at");
    CHECK(passwordless_tokens_str(tk, PASSWORDLESS_TOKF_REFRESH_TOKEN, &at) == PASSWORDLESS_E_ABSENT);
    REQUIRE(passwordless_tokens_int(tk, PASSWORDLESS_TOKF_EXPIRES_AT, &t) == PASSWORDLESS_OK);
    CHECK(t == test::now + 86400);
    const passwordless_claims* cl = nullptr;
    REQUIRE(passwordless_step_claims(st, &cl) == PASSWORDLESS_OK);
    passwordless_str email{};
    REQUIRE(passwordless_claims_str(cl, s("email"), &email) == PASSWORDLESS_OK);
    passwordless_str again{};
    REQUIRE(passwordless_claims_str(cl, s("email"), &again) == PASSWORDLESS_OK);
    CHECK(str(email) == "user@example.com");
    CHECK(email.ptr == again.ptr);  // the first view is still valid
    passwordless_str sub{}, iss{};
    REQUIRE(passwordless_claims_str(cl, s("sub"), &sub) == PASSWORDLESS_OK);
    REQUIRE(passwordless_claims_str(cl, s("iss"), &iss) == PASSWORDLESS_OK);
    CHECK(str(email) == "user@example.com");  // still valid after more answers (short strings too)
    CHECK(str(sub) == "email|5f7c8ec7c33c6c004bbafe82");
    bool verified = false;
    REQUIRE(passwordless_claims_bool(cl, s("email_verified"), &verified) == PASSWORDLESS_OK);
    CHECK(verified);
    REQUIRE(passwordless_claims_int(cl, s("exp"), &t) == PASSWORDLESS_OK);
    CHECK(t == test::now + 36000);
    CHECK(passwordless_claims_str(cl, s("nope"), &email) == PASSWORDLESS_E_ABSENT);
    passwordless_step_free(st);

    // Not allowed now: a step with invalid_state, nothing changed.
    st = step_of([&](passwordless_step** o) { return passwordless_login_resend(login, test::now, o); });
    REQUIRE(passwordless_step_error(st, &e) == PASSWORDLESS_OK);
    CHECK(passwordless_error_kind(e) == PASSWORDLESS_KIND_INVALID_STATE);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_NONE);
    passwordless_step_free(st);
    passwordless_login_free(login);
    CHECK(log.frees == 1);
}

TEST_CASE("c api: the verifier's free hook runs once, also when the registration fails") {
    verifier_log log;
    CHECK(passwordless_login_options_set_verifier(nullptr, stub_verify, &log, count_free) == PASSWORDLESS_E_NULL_ARG);
    CHECK(log.frees == 1);
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, count_free) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, count_free) == PASSWORDLESS_OK);  // replaces
    CHECK(log.frees == 2);
    passwordless_login_options_free(lo);
    CHECK(log.frees == 3);
}

TEST_CASE("c api: refresh, JWKS and their errors through the client") {
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

TEST_CASE("c api: a login saved after the code was sent continues in a new login; hostile saved text is refused") {
    passwordless_client* c = make_client();
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    passwordless_login* login = nullptr;
    REQUIRE(passwordless_login_new(c, lo, &login, nullptr) == PASSWORDLESS_OK);
    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_CONNECTION, s("sms")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_PHONE_NUMBER, s("+15550100")) == PASSWORDLESS_OK);
    passwordless_step* st = step_of([&](passwordless_step** o) { return passwordless_login_start(login, p, test::now, o); });
    passwordless_step_free(st);
    passwordless_start_params_free(p);
    passwordless_response* r = make_response(200, R"({"_id":"x","phone_number":"+15550100"})");
    st = step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, test::now, o); });
    passwordless_response_free(r);
    passwordless_step_free(st);
    passwordless_str saved{};
    REQUIRE(passwordless_login_save(login, &saved) == PASSWORDLESS_OK);
    const std::string text = str(saved);
    CHECK(text.find("+15550100") != std::string::npos);
    passwordless_login_free(login);

    passwordless_login* again = nullptr;
    REQUIRE(passwordless_login_restore(c, lo, s(text.c_str()), test::now + 5, &again, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_login_state(again) == PASSWORDLESS_STATE_AWAITING_CODE);
    st = step_of([&](passwordless_step** o) { return passwordless_login_submit_code(again, s("123456"), test::now + 5, o); });
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_SEND_REQUEST);
    passwordless_step_free(st);
    CHECK(passwordless_login_retry(again, test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_login_free(again);

    passwordless_error* err = nullptr;
    for (const char* bad : {"", "{}", "not json", "{\"v\":99}"}) {
        passwordless_login* none = nullptr;
        CHECK(passwordless_login_restore(c, lo, s(bad), test::now, &none, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
        CHECK(none == nullptr);
        passwordless_str field{};
        REQUIRE(passwordless_error_field(err, PASSWORDLESS_ERRF_FIELD, &field) == PASSWORDLESS_OK);
        CHECK(str(field) == "saved_state");
        passwordless_error_free(err);
    }
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
}

namespace {

/// Options that check the ID token (a verifier, the issuer, a nonce) and ask for a refresh token.
passwordless_login_options* checking_options(verifier_log& log, const char* nonce = "n-1") {
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN, 1) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_ISSUER, s("https://example.auth0.com/")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_NONCE, s(nonce)) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_SCOPE, s("openid email offline_access")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, nullptr) == PASSWORDLESS_OK);
    return lo;
}

/// A login of `lo` awaiting the code sent to user@example.com.
passwordless_login* awaiting_code(passwordless_client* c, passwordless_login_options* lo) {
    passwordless_login* login = nullptr;
    REQUIRE(passwordless_login_new(c, lo, &login, nullptr) == PASSWORDLESS_OK);
    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_CONNECTION, s("email")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, s("user@example.com")) == PASSWORDLESS_OK);
    passwordless_step_free(step_of([&](passwordless_step** o) { return passwordless_login_start(login, p, test::now, o); }));
    passwordless_start_params_free(p);
    passwordless_response* r = make_response(200, R"({"_id":"x","email":"user@example.com"})");
    passwordless_step_free(step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, test::now, o); }));
    passwordless_response_free(r);
    REQUIRE(passwordless_login_state(login) == PASSWORDLESS_STATE_AWAITING_CODE);
    return login;
}

/// The field and description of `err`, which is freed.
std::pair<std::string, std::string> take_error(passwordless_error*& err) {
    REQUIRE(err != nullptr);
    passwordless_str field{}, text{};
    REQUIRE(passwordless_error_field(err, PASSWORDLESS_ERRF_FIELD, &field) == PASSWORDLESS_OK);
    REQUIRE(passwordless_error_field(err, PASSWORDLESS_ERRF_DESCRIPTION, &text) == PASSWORDLESS_OK);
    std::pair<std::string, std::string> out{str(field), str(text)};
    passwordless_error_free(err);
    err = nullptr;
    return out;
}

}  // namespace

TEST_CASE("c api: a login restored under other options is refused with field saved_state, naming what differs") {
    passwordless_client* c = make_client();
    verifier_log log;
    passwordless_login_options* lo = checking_options(log);
    passwordless_login* login = awaiting_code(c, lo);
    passwordless_str view{};
    REQUIRE(passwordless_login_save(login, &view) == PASSWORDLESS_OK);
    const std::string saved = str(view);
    passwordless_login_free(login);

    passwordless_login_options* bare = nullptr;  // the issue's case: no options at all
    REQUIRE(passwordless_login_options_new(&bare) == PASSWORDLESS_OK);
    passwordless_login_options* other_nonce = checking_options(log, "n-2");
    passwordless_login_options* more_attempts = checking_options(log);
    REQUIRE(passwordless_login_options_set_int(more_attempts, PASSWORDLESS_LOGIN_MAX_ATTEMPTS, 5) == PASSWORDLESS_OK);
    struct row {
        passwordless_login_options* opts;
        bool id_token, rules;
    };
    for (const row& r : {row{bare, true, true}, row{other_nonce, true, false}, row{more_attempts, false, true}}) {
        passwordless_login* none = nullptr;
        passwordless_error* err = nullptr;
        CHECK(passwordless_login_restore(c, r.opts, s(saved.c_str()), test::now, &none, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
        CHECK(none == nullptr);
        const std::pair<std::string, std::string> got = take_error(err);
        const std::string& field = got.first;
        const std::string& text = got.second;
        CAPTURE(text);
        CHECK(field == "saved_state");
        CHECK((text.find("other ID-token checks") != std::string::npos) == r.id_token);
        CHECK((text.find("other login rules") != std::string::npos) == r.rules);
        CHECK(text.find("another client") == std::string::npos);
    }
    passwordless_login_options_free(bare);
    passwordless_login_options_free(other_nonce);
    passwordless_login_options_free(more_attempts);

    // The same options (a new handle, another verifier function) restore it.
    verifier_log log2;
    passwordless_login_options* again_opts = checking_options(log2);
    passwordless_login* again = nullptr;
    REQUIRE(passwordless_login_restore(c, again_opts, s(saved.c_str()), test::now, &again, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_login_state(again) == PASSWORDLESS_STATE_AWAITING_CODE);
    passwordless_login_free(again);
    passwordless_login_options_free(again_opts);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
}

TEST_CASE("c api: a sealed login; edits, other keys, short keys and misuse are refused") {
    passwordless_client* c = make_client();
    verifier_log log;
    passwordless_login_options* lo = checking_options(log);
    passwordless_login* login = awaiting_code(c, lo);
    passwordless_step_free(step_of([&](passwordless_step** o) { return passwordless_login_submit_code(login, s("000001"), test::now, o); }));
    passwordless_response* wrong = make_response(403, R"({"error":"invalid_grant","error_description":"Wrong email or verification code."})");
    passwordless_step_free(step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, wrong, test::now, o); }));
    passwordless_response_free(wrong);

    const std::string key = "a storage key of 32 bytes.......";
    passwordless_str view{};
    REQUIRE(passwordless_login_save(login, &view) == PASSWORDLESS_OK);
    const std::string plain = str(view);
    REQUIRE(plain.find("\"attempts\":1") != std::string::npos);
    passwordless_error* err = nullptr;
    REQUIRE(passwordless_login_save_sealed(login, b(key), &view, &err) == PASSWORDLESS_OK);
    CHECK(err == nullptr);
    const std::string sealed = str(view);
    CHECK(view.ptr[view.len] == '\0');
    CHECK(sealed.rfind(plain.substr(0, plain.size() - 1) + ",\"seal\":\"", 0) == 0);
    CHECK(sealed.size() == plain.size() - 1 + 9 + 64 + 2);

    // A refused save leaves the last view as it was; the key never shows in a message.
    CHECK(passwordless_login_save_sealed(login, b("fifteen bytes!!"), &view, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(take_error(err).first == "seal_key");
    CHECK(str(view) == sealed);
    CHECK(passwordless_login_save_sealed(nullptr, b(key), &view, &err) == PASSWORDLESS_E_NULL_ARG);
    CHECK(take_error(err).first == "login");
    CHECK(passwordless_login_save_sealed(login, passwordless_bytes{nullptr, 16}, &view, &err) == PASSWORDLESS_E_NULL_ARG);
    CHECK(take_error(err).first == "seal_key");
    CHECK(passwordless_login_save_sealed(login, b(key), nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_save_sealed(reinterpret_cast<passwordless_login*>(c), b(key), &view, nullptr) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_login_free(login);

    passwordless_login* again = nullptr;
    REQUIRE(passwordless_login_restore_sealed(c, lo, s(sealed.c_str()), b(key), test::now, &again, &err) == PASSWORDLESS_OK);
    CHECK(passwordless_login_state(again) == PASSWORDLESS_STATE_AWAITING_CODE);
    REQUIRE(passwordless_login_save_sealed(again, b(key), &view, nullptr) == PASSWORDLESS_OK);
    CHECK(str(view) == sealed);
    passwordless_login_free(again);

    auto edit = [](std::string t, const std::string& from, const std::string& to) {
        const std::size_t at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    struct refusal {
        std::string text, key;
        bool with_key;
        const char* field;
        const char* words;
    };
    const refusal refusals[] = {
        {edit(sealed, "\"attempts\":1", "\"attempts\":0"), key, true, "saved_state", "does not match"},
        {edit(sealed, "user@example.com", "eve@example.com"), key, true, "saved_state", "does not match"},
        {sealed, "another key of 16 bytes or more", true, "saved_state", "does not match"},
        {plain, key, true, "saved_state", "not sealed"},
        {sealed, "", false, "saved_state", "is sealed"},
        {sealed, "short", true, "seal_key", "16 bytes"},
    };
    for (const refusal& r : refusals) {
        CAPTURE(r.words);
        passwordless_login* none = nullptr;
        const int32_t st = r.with_key ? passwordless_login_restore_sealed(c, lo, s(r.text.c_str()), b(r.key), test::now, &none, &err)
                                      : passwordless_login_restore(c, lo, s(r.text.c_str()), test::now, &none, &err);
        CHECK(st == PASSWORDLESS_KIND_INVALID_ARGUMENT);
        CHECK(none == nullptr);
        const auto [field, text] = take_error(err);
        CHECK(field == r.field);
        CHECK(text.find(r.words) != std::string::npos);
        CHECK(text.find(key) == std::string::npos);
    }
    // Without a seal, the same edits are accepted: that is what the seal is for.
    REQUIRE(passwordless_login_restore(c, lo, s(edit(plain, "\"attempts\":1", "\"attempts\":0").c_str()), test::now, &again, nullptr) ==
            PASSWORDLESS_OK);
    passwordless_login_free(again);

    passwordless_login* none = nullptr;
    CHECK(passwordless_login_restore_sealed(nullptr, lo, s(sealed.c_str()), b(key), test::now, &none, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_restore_sealed(c, nullptr, s(sealed.c_str()), b(key), test::now, &none, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_restore_sealed(c, lo, s(sealed.c_str()), passwordless_bytes{nullptr, 3}, test::now, &none, &err) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(take_error(err).first == "seal_key");
    CHECK(passwordless_login_restore_sealed(c, lo, s(sealed.c_str()), b(key), test::now, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_restore_sealed(c, lo, passwordless_str{"\xff", 1}, b(key), test::now, &none, nullptr) ==
          PASSWORDLESS_E_INVALID_ARG);
    CHECK(none == nullptr);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
}

namespace {

struct dpop_log {
    int signs = 0;
    int frees = 0;
};

int32_t zero_signer(void* ud, passwordless_bytes input, std::uint8_t* out, std::size_t cap, std::size_t* len) {
    ++static_cast<dpop_log*>(ud)->signs;
    if (input.len == 0 || cap < 64) return 1;
    std::memset(out, 7, 64);
    *len = 64;
    return 0;
}

int32_t counter_random(void*, std::uint8_t* out, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(i * 31 + 1);
    return 0;
}

void count_dpop_free(void* ud) { ++static_cast<dpop_log*>(ud)->frees; }

}  // namespace

TEST_CASE("c api: DPoP through the signer and random callbacks; a bad key is refused and its hook runs once") {
    const std::string jwk = R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";
    dpop_log log;
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    CHECK(passwordless_login_options_set_dpop(lo, s(R"({"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"})"), zero_signer,
                                              counter_random, &log, count_dpop_free) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(log.frees == 1);
    CHECK(passwordless_login_options_set_dpop(lo, s(jwk.c_str()), nullptr, counter_random, &log, count_dpop_free) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(log.frees == 2);
    REQUIRE(passwordless_login_options_set_dpop(lo, s(jwk.c_str()), zero_signer, counter_random, &log, count_dpop_free) ==
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

}  // namespace c_api_tests
