// The C ABI (passwordless.h), a whole login through the C functions, the verifier's free hook, saving and restoring
// (plain and sealed) a login.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "helpers.hpp"

namespace c_api_test::login_tests {

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

}  // namespace

TEST_CASE("c api, login: a whole login with a verified ID token, through the C functions only") {
    passwordless_client* c = make_client();
    verifier_log log;
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN, 1) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_SCOPE, s("openid email")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_CODE_LIFETIME, 180) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, count_verifier_free) == PASSWORDLESS_OK);
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

TEST_CASE("c api, login: the verifier's free hook runs once, also when the registration fails") {
    verifier_log log;
    CHECK(passwordless_login_options_set_verifier(nullptr, stub_verify, &log, count_verifier_free) == PASSWORDLESS_E_NULL_ARG);
    CHECK(log.frees == 1);
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, count_verifier_free) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, count_verifier_free) == PASSWORDLESS_OK);  // replaces
    CHECK(log.frees == 2);
    passwordless_login_options_free(lo);
    CHECK(log.frees == 3);
}

TEST_CASE("c api, login: a login saved after the code was sent continues in a new login; hostile saved text is refused") {
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

TEST_CASE("c api, login: a login restored under other options is refused with field saved_state, naming what differs") {
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

TEST_CASE("c api, login: a sealed login; edits, other keys, short keys and misuse are refused") {
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

/// Options with MFA on and no ID-token check.
passwordless_login_options* mfa_options() {
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_MFA, 1) == PASSWORDLESS_OK);
    return lo;
}

/// Feeds `r` to the login and returns the step.
passwordless_step* answer(passwordless_login* login, int status, const std::string& body, std::int64_t now = test::now) {
    passwordless_response* r = make_response(status, body);
    passwordless_step* st = step_of([&](passwordless_step** o) { return passwordless_login_on_response(login, r, now, o); });
    passwordless_response_free(r);
    return st;
}

const char* const mfa_required_body =
    R"({"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"mfa-SECRET-1",)"
    R"("mfa_requirements":{"challenge":[{"type":"otp"}]}})";
const char* const authenticators_body =
    R"([{"id":"totp|1","authenticator_type":"otp","active":true},)"
    R"({"id":"push|2","authenticator_type":"oob","oob_channel":"auth0","active":true},)"
    R"({"id":"recovery-code|3","authenticator_type":"recovery-code","active":true}])";

/// A login of mfa_options() past the code, in choosing_authenticator (the list answered).
passwordless_login* choosing(passwordless_client* c, passwordless_login_options* lo) {
    passwordless_login* login = awaiting_code(c, lo);
    passwordless_step_free(step_of([&](passwordless_step** o) { return passwordless_login_submit_code(login, s("123456"), test::now, o); }));
    passwordless_step* st = answer(login, 403, mfa_required_body);
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_LISTING_AUTHENTICATORS);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_SEND_REQUEST);
    const passwordless_request* req = nullptr;
    REQUIRE(passwordless_step_request(st, &req) == PASSWORDLESS_OK);
    CHECK(header_value(req, "authorization") == "Bearer mfa-SECRET-1");
    passwordless_step_free(st);
    st = answer(login, 200, authenticators_body);
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_CHOOSING_AUTHENTICATOR);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_CHOOSE_AUTHENTICATOR);
    CHECK(passwordless_step_event(st) == PASSWORDLESS_EVENT_MFA_REQUIRED);
    const passwordless_authenticators* list = nullptr;
    REQUIRE(passwordless_step_authenticators(st, &list) == PASSWORDLESS_OK);
    CHECK(passwordless_authenticators_count(list) == 3);
    passwordless_str v{};
    REQUIRE(passwordless_authenticators_str(list, 1, PASSWORDLESS_AUTHF_OOB_CHANNEL, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "auth0");
    passwordless_authenticators_free(const_cast<passwordless_authenticators*>(list));  // lent: ignored
    CHECK(passwordless_authenticators_count(list) == 3);
    passwordless_step_free(st);
    return login;
}

}  // namespace

TEST_CASE("c api, login: MFA with an authenticator app's code, and the states' names") {
    passwordless_client* c = make_client();
    passwordless_login_options* lo = mfa_options();
    passwordless_login* login = choosing(c, lo);
    passwordless_step* st = step_of([&](passwordless_step** o) { return passwordless_login_choose_authenticator(login, s("nope"), test::now, o); });
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_CHOOSING_AUTHENTICATOR);
    const passwordless_error* e = nullptr;
    REQUIRE(passwordless_step_error(st, &e) == PASSWORDLESS_OK);
    CHECK(field(e, PASSWORDLESS_ERRF_FIELD) == "authenticator_id");
    passwordless_step_free(st);
    st = step_of([&](passwordless_step** o) { return passwordless_login_choose_authenticator(login, s("totp|1"), test::now, o); });
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AWAITING_MFA_CODE);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_ASK_FOR_MFA_CODE);
    CHECK(std::string(passwordless_state_str(PASSWORDLESS_STATE_AWAITING_MFA_CODE)) == "awaiting_mfa_code");
    CHECK(std::string(passwordless_next_str(PASSWORDLESS_NEXT_POLL)) == "poll");
    passwordless_step_free(st);
    st = step_of([&](passwordless_step** o) { return passwordless_login_submit_mfa_code(login, s("654321"), test::now, o); });
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_VERIFYING_MFA);
    const passwordless_request* req = nullptr;
    REQUIRE(passwordless_step_request(st, &req) == PASSWORDLESS_OK);
    passwordless_bytes body{};
    REQUIRE(passwordless_request_body(req, &body) == PASSWORDLESS_OK);
    const json sent = json::parse(std::string(reinterpret_cast<const char*>(body.ptr), body.len));
    CHECK(sent["grant_type"] == "http://auth0.com/oauth/grant-type/mfa-otp");
    CHECK(sent["otp"] == "654321");
    passwordless_step_free(st);
    st = answer(login, 403, R"({"error":"invalid_grant","error_description":"Invalid otp_code."})");
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AWAITING_MFA_CODE);
    REQUIRE(passwordless_step_error(st, &e) == PASSWORDLESS_OK);
    CHECK(passwordless_error_kind(e) == PASSWORDLESS_KIND_WRONG_CODE);
    passwordless_step_free(st);
    passwordless_step_free(step_of([&](passwordless_step** o) { return passwordless_login_submit_mfa_code(login, s("111111"), test::now, o); }));
    st = answer(login, 200, R"({"access_token":"at","token_type":"Bearer","expires_in":60})");
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AUTHENTICATED);
    CHECK(passwordless_step_event(st) == PASSWORDLESS_EVENT_AUTHENTICATED);
    passwordless_step_free(st);
    // Misuse of the MFA calls: a status, nothing changes.
    CHECK(passwordless_login_submit_mfa_code(login, s("1"), test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_submit_recovery_code(nullptr, s("1"), test::now, &st) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_choose_authenticator(login, passwordless_str{nullptr, 2}, test::now, &st) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_choose_authenticator(login, s("\xff"), test::now, &st) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_login_poll(reinterpret_cast<passwordless_login*>(c), test::now, &st) == PASSWORDLESS_E_BAD_HANDLE);
    CHECK(passwordless_login_state(login) == PASSWORDLESS_STATE_AUTHENTICATED);
    passwordless_login_free(login);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
}

TEST_CASE("c api, login: MFA by push, polled from poll_at; and by recovery code, with the new one") {
    passwordless_client* c = make_client();
    passwordless_login_options* lo = mfa_options();
    passwordless_login* login = choosing(c, lo);
    passwordless_step* st = step_of([&](passwordless_step** o) { return passwordless_login_choose_authenticator(login, s("push|2"), test::now, o); });
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_CHALLENGING);
    passwordless_step_free(st);
    st = answer(login, 200, R"({"challenge_type":"oob","oob_code":"oob-SECRET"})");
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AWAITING_APPROVAL);
    CHECK(passwordless_step_next(st) == PASSWORDLESS_NEXT_POLL);
    std::int64_t poll_at = 0;
    REQUIRE(passwordless_step_time(st, PASSWORDLESS_STEPT_POLL_AT, &poll_at) == PASSWORDLESS_OK);
    CHECK(poll_at == test::now + 5);
    passwordless_step_free(st);
    st = step_of([&](passwordless_step** o) { return passwordless_login_poll(login, test::now + 1, o); });
    const passwordless_error* e = nullptr;
    REQUIRE(passwordless_step_error(st, &e) == PASSWORDLESS_OK);
    CHECK(passwordless_error_kind(e) == PASSWORDLESS_KIND_INVALID_STATE);
    std::int64_t retry_at = 0;
    REQUIRE(passwordless_error_retry_at(e, &retry_at) == PASSWORDLESS_OK);
    CHECK(retry_at == poll_at);
    CHECK(passwordless_step_request(st, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_step_free(st);
    st = step_of([&](passwordless_step** o) { return passwordless_login_poll(login, poll_at, o); });
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_VERIFYING_MFA);
    passwordless_step_free(st);
    st = answer(login, 400, R"({"error":"authorization_pending","error_description":"pending"})", poll_at);
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AWAITING_APPROVAL);
    REQUIRE(passwordless_step_time(st, PASSWORDLESS_STEPT_POLL_AT, &poll_at) == PASSWORDLESS_OK);
    CHECK(poll_at == test::now + 10);
    passwordless_step_free(st);
    passwordless_step_free(step_of([&](passwordless_step** o) { return passwordless_login_poll(login, poll_at, o); }));
    st = answer(login, 200, R"({"access_token":"at","token_type":"Bearer","expires_in":60})", poll_at);
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AUTHENTICATED);
    passwordless_step_free(st);
    passwordless_login_free(login);

    login = choosing(c, lo);
    st = step_of([&](passwordless_step** o) { return passwordless_login_submit_recovery_code(login, s("OLDCODE1"), test::now, o); });
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_VERIFYING_MFA);
    passwordless_step_free(st);
    st = answer(login, 200, R"({"access_token":"at","token_type":"Bearer","expires_in":60,"recovery_code":"NEWCODE2"})");
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_AUTHENTICATED);
    const passwordless_tokens* t = nullptr;
    REQUIRE(passwordless_step_tokens(st, &t) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_tokens_str(t, PASSWORDLESS_TOKF_RECOVERY_CODE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "NEWCODE2");
    passwordless_step_free(st);
    passwordless_login_free(login);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
}

TEST_CASE("c api, login: a login saved during MFA holds no secret; restored without its mfa_token it is failed, with it it lists again") {
    passwordless_client* c = make_client();
    passwordless_login_options* lo = mfa_options();
    passwordless_login* login = choosing(c, lo);
    passwordless_str saved{};
    REQUIRE(passwordless_login_save(login, &saved) == PASSWORDLESS_OK);
    const std::string text = str(saved);
    CHECK(text.find("mfa-SECRET") == std::string::npos);
    passwordless_str kept{};  // what the app keeps in its secure store
    REQUIRE(passwordless_login_mfa_token(login, &kept) == PASSWORDLESS_OK);
    const std::string mfa_token = str(kept);
    CHECK(passwordless_login_mfa_token(login, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_mfa_token(nullptr, &kept) != PASSWORDLESS_OK);
    passwordless_login_free(login);

    passwordless_login* back = nullptr;
    REQUIRE(passwordless_login_restore(c, lo, s(text), test::now, &back, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_login_state(back) == PASSWORDLESS_STATE_FAILED);
    const passwordless_error* failure = nullptr;
    REQUIRE(passwordless_login_failure(back, &failure) == PASSWORDLESS_OK);
    CHECK(passwordless_error_kind(failure) == PASSWORDLESS_KIND_MFA_TOKEN_INVALID);
    CHECK(passwordless_error_action(failure) == PASSWORDLESS_ACTION_RESTART);
    passwordless_error_free(const_cast<passwordless_error*>(failure));  // lent: ignored
    CHECK(passwordless_login_failure(back, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_login_mfa_token(back, &kept) == PASSWORDLESS_E_ABSENT);  // failed: no token
    passwordless_login_free(back);

    constexpr passwordless_bytes no_key{nullptr, 0};
    back = nullptr;
    REQUIRE(passwordless_login_restore_with_mfa_token(c, lo, s(text), s(mfa_token), no_key, test::now, &back, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_login_state(back) == PASSWORDLESS_STATE_LISTING_AUTHENTICATORS);
    CHECK(passwordless_login_failure(back, &failure) == PASSWORDLESS_E_ABSENT);
    passwordless_step* st = step_of([&](passwordless_step** o) { return passwordless_login_retry(back, test::now, o); });
    const passwordless_request* req = nullptr;
    REQUIRE(passwordless_step_request(st, &req) == PASSWORDLESS_OK);
    CHECK(header_value(req, "authorization") == "Bearer mfa-SECRET-1");
    passwordless_step_free(st);
    st = answer(back, 200, authenticators_body);
    CHECK(passwordless_step_state(st) == PASSWORDLESS_STATE_CHOOSING_AUTHENTICATOR);
    passwordless_step_free(st);
    passwordless_login_free(back);

    passwordless_error* err = nullptr;
    back = nullptr;
    CHECK(passwordless_login_restore_with_mfa_token(c, lo, s(text), s("mfa-SECRET\r\n"), no_key, test::now, &back, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    auto e = take_error(err);
    CHECK(e.first == "mfa_token");
    CHECK(e.second.find("mfa-SECRET") == std::string::npos);
    CHECK(passwordless_login_restore_with_mfa_token(c, lo, s(text), passwordless_str{nullptr, 0}, no_key, test::now, &back, &err) ==
          PASSWORDLESS_E_INVALID_ARG);
    CHECK(take_error(err).first == "mfa_token");
    CHECK(passwordless_login_restore_with_mfa_token(c, lo, s(text), s("\xff"), no_key, test::now, &back, &err) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(take_error(err).first == "mfa_token");
    CHECK(passwordless_login_restore_with_mfa_token(c, lo, s(text), s("t"), passwordless_bytes{nullptr, 4}, test::now, &back, &err) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(take_error(err).first == "seal_key");
    CHECK(passwordless_login_restore_with_mfa_token(c, lo, s(text), s("t"), no_key, test::now, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(back == nullptr);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
}

}  // namespace c_api_test::login_tests
