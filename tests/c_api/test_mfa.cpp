// The C ABI (passwordless.h), MFA without a login: the authenticators list, the challenge, the
// three MFA grants, the new recovery code on tokens and an mfa_required error's requirements.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash; no
// mfa_token, oob_code or code is quoted in an error.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <string>

#include "helpers.hpp"

namespace c_api_test::mfa_tests {

namespace {

constexpr passwordless_str none{nullptr, 0};

/// The JSON body of a request.
json body_of(const passwordless_request* req) {
    passwordless_bytes body{};
    REQUIRE(passwordless_request_body(req, &body) == PASSWORDLESS_OK);
    return json::parse(std::string(reinterpret_cast<const char*>(body.ptr), body.len));
}

}  // namespace

TEST_CASE("c api, mfa: the authenticators request and its answer, by count and index") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_mfa_authenticators_request(c, s("mfa-tok-1"), &req, nullptr) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_request_method(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "GET");
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/mfa/authenticators");
    CHECK(header_value(req, "authorization") == "Bearer mfa-tok-1");
    passwordless_request_free(req);

    passwordless_error* err = nullptr;
    req = nullptr;
    CHECK(passwordless_client_mfa_authenticators_request(c, s("mfa-SECRET\r\nx"), &req, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(req == nullptr);
    auto e = take_error(err);
    CHECK(e.first == "mfa_token");
    CHECK(e.second.find("mfa-SECRET") == std::string::npos);
    CHECK(passwordless_client_mfa_authenticators_request(c, s("\xff\xfe"), &req, &err) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(take_error(err).first == "mfa_token");
    CHECK(passwordless_client_mfa_authenticators_request(c, passwordless_str{nullptr, 3}, &req, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_mfa_authenticators_request(nullptr, s("t"), &req, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_mfa_authenticators_request(c, s("t"), nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);

    passwordless_response* r = make_response(
        200, R"([{"id":"totp|1","authenticator_type":"otp","active":true},)"
             R"({"id":"sms|2","authenticator_type":"oob","oob_channel":"sms","name":"+1555***0100","active":false},)"
             R"({"authenticator_type":"otp"}])");
    passwordless_authenticators* list = nullptr;
    REQUIRE(passwordless_client_mfa_authenticators_response(c, r, test::now, &list, nullptr) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    CHECK(passwordless_authenticators_count(list) == 2);
    CHECK(passwordless_authenticators_skipped(list) == 1);
    REQUIRE(passwordless_authenticators_str(list, 0, PASSWORDLESS_AUTHF_ID, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "totp|1");
    REQUIRE(passwordless_authenticators_str(list, 0, PASSWORDLESS_AUTHF_TYPE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "otp");
    CHECK(passwordless_authenticators_str(list, 0, PASSWORDLESS_AUTHF_OOB_CHANNEL, &v) == PASSWORDLESS_E_ABSENT);
    REQUIRE(passwordless_authenticators_str(list, 1, PASSWORDLESS_AUTHF_OOB_CHANNEL, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "sms");
    REQUIRE(passwordless_authenticators_str(list, 1, PASSWORDLESS_AUTHF_NAME, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "+1555***0100");
    bool active = false;
    REQUIRE(passwordless_authenticators_active(list, 0, &active) == PASSWORDLESS_OK);
    CHECK(active);
    REQUIRE(passwordless_authenticators_active(list, 1, &active) == PASSWORDLESS_OK);
    CHECK_FALSE(active);
    CHECK(passwordless_authenticators_str(list, 2, PASSWORDLESS_AUTHF_ID, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_authenticators_active(list, 2, &active) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_authenticators_str(list, 0, 9999, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_authenticators_str(list, 0, PASSWORDLESS_AUTHF_ID, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_authenticators_active(list, 0, nullptr) == PASSWORDLESS_E_NULL_ARG);
    // A handle of another type is refused, not read.
    CHECK(passwordless_authenticators_count(reinterpret_cast<const passwordless_authenticators*>(c)) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_authenticators_free(list);
    passwordless_authenticators_free(nullptr);
    CHECK(passwordless_authenticators_count(nullptr) == PASSWORDLESS_E_NULL_ARG);

    r = make_response(200, R"({"not":"an array"})");
    list = nullptr;
    CHECK(passwordless_client_mfa_authenticators_response(c, r, test::now, &list, &err) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
    CHECK(list == nullptr);
    passwordless_error_free(err);
    passwordless_response_free(r);
    r = make_response(403, R"({"error":"association_required","error_description":"enroll first"})");
    CHECK(passwordless_client_mfa_authenticators_response(c, r, test::now, &list, &err) == PASSWORDLESS_KIND_MFA_ENROLLMENT_REQUIRED);
    passwordless_error_free(err);
    CHECK(passwordless_client_mfa_authenticators_response(c, r, test::now, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_response_free(r);
    passwordless_client_free(c);
}

TEST_CASE("c api, mfa: the challenge request and its answer") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_mfa_challenge_request(c, s("mfa-tok-1"), s("oob"), s("sms|2"), &req, nullptr) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/mfa/challenge");
    const json body = body_of(req);
    CHECK(body["mfa_token"] == "mfa-tok-1");
    CHECK(body["challenge_type"] == "oob");
    CHECK(body["authenticator_id"] == "sms|2");
    passwordless_request_free(req);
    REQUIRE(passwordless_client_mfa_challenge_request(c, s("mfa-tok-1"), none, none, &req, nullptr) == PASSWORDLESS_OK);
    CHECK_FALSE(body_of(req).contains("challenge_type"));
    passwordless_request_free(req);

    passwordless_error* err = nullptr;
    req = nullptr;
    CHECK(passwordless_client_mfa_challenge_request(c, s("mfa-SECRET"), s("sms"), none, &req, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    auto e = take_error(err);
    CHECK(e.first == "challenge_type");
    CHECK(e.second.find("mfa-SECRET") == std::string::npos);
    CHECK(passwordless_client_mfa_challenge_request(c, s("t"), s("oob"), s(std::string("a\0b", 3)), &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(take_error(err).first == "authenticator_id");
    CHECK(passwordless_client_mfa_challenge_request(c, s("t"), passwordless_str{nullptr, 1}, none, &req, &err) == PASSWORDLESS_E_NULL_ARG);
    CHECK(take_error(err).first == "challenge_type");
    CHECK(req == nullptr);

    passwordless_response* r = make_response(200, R"({"challenge_type":"oob","oob_code":"oob-SECRET","binding_method":"prompt"})");
    passwordless_mfa_challenge* ch = nullptr;
    REQUIRE(passwordless_client_mfa_challenge_response(c, r, test::now, &ch, nullptr) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    REQUIRE(passwordless_mfa_challenge_str(ch, PASSWORDLESS_MFAF_CHALLENGE_TYPE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "oob");
    REQUIRE(passwordless_mfa_challenge_str(ch, PASSWORDLESS_MFAF_OOB_CODE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "oob-SECRET");
    REQUIRE(passwordless_mfa_challenge_str(ch, PASSWORDLESS_MFAF_BINDING_METHOD, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "prompt");
    CHECK(passwordless_mfa_challenge_str(ch, 1, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_mfa_challenge_str(ch, PASSWORDLESS_MFAF_OOB_CODE, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_mfa_challenge_free(ch);

    r = make_response(200, R"({"challenge_type":"otp"})");
    REQUIRE(passwordless_client_mfa_challenge_response(c, r, test::now, &ch, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_mfa_challenge_str(ch, PASSWORDLESS_MFAF_OOB_CODE, &v) == PASSWORDLESS_E_ABSENT);
    passwordless_mfa_challenge_free(ch);
    passwordless_response_free(r);
    r = make_response(200, R"({"challenge_type":"oob"})");
    ch = nullptr;
    CHECK(passwordless_client_mfa_challenge_response(c, r, test::now, &ch, &err) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
    CHECK(ch == nullptr);
    passwordless_error_free(err);
    passwordless_response_free(r);
    r = make_response(401, R"({"error":"expired_token","error_description":"mfa_token expired"})");
    CHECK(passwordless_client_mfa_challenge_response(c, r, test::now, &ch, &err) == PASSWORDLESS_KIND_MFA_TOKEN_INVALID);
    CHECK(passwordless_error_action(err) == PASSWORDLESS_ACTION_RESTART);
    passwordless_error_free(err);
    passwordless_response_free(r);
    passwordless_client_free(c);
}

TEST_CASE("c api, mfa: the three MFA grants, and the new recovery code on the tokens") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_mfa_otp_request(c, s("mfa-tok"), s("123456"), &req, nullptr) == PASSWORDLESS_OK);
    json body = body_of(req);
    CHECK(body["grant_type"] == "http://auth0.com/oauth/grant-type/mfa-otp");
    CHECK(body["mfa_token"] == "mfa-tok");
    CHECK(body["otp"] == "123456");
    passwordless_request_free(req);
    REQUIRE(passwordless_client_mfa_oob_request(c, s("mfa-tok"), s("oob-1"), s("4711"), &req, nullptr) == PASSWORDLESS_OK);
    body = body_of(req);
    CHECK(body["grant_type"] == "http://auth0.com/oauth/grant-type/mfa-oob");
    CHECK(body["oob_code"] == "oob-1");
    CHECK(body["binding_code"] == "4711");
    passwordless_request_free(req);
    REQUIRE(passwordless_client_mfa_oob_request(c, s("mfa-tok"), s("oob-1"), none, &req, nullptr) == PASSWORDLESS_OK);
    CHECK_FALSE(body_of(req).contains("binding_code"));
    passwordless_request_free(req);
    REQUIRE(passwordless_client_mfa_recovery_request(c, s("mfa-tok"), s("RECOVERY1"), &req, nullptr) == PASSWORDLESS_OK);
    body = body_of(req);
    CHECK(body["grant_type"] == "http://auth0.com/oauth/grant-type/mfa-recovery-code");
    CHECK(body["recovery_code"] == "RECOVERY1");
    passwordless_request_free(req);

    passwordless_error* err = nullptr;
    req = nullptr;
    CHECK(passwordless_client_mfa_otp_request(c, none, s("123456"), &req, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(take_error(err).first == "mfa_token");
    CHECK(passwordless_client_mfa_oob_request(c, s("mfa-tok"), s("oob-SECRET\n"), none, &req, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    auto e = take_error(err);
    CHECK(e.first == "oob_code");
    CHECK(e.second.find("oob-SECRET") == std::string::npos);
    CHECK(passwordless_client_mfa_recovery_request(c, s("mfa-tok"), s("\xc3"), &req, &err) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(take_error(err).first == "recovery_code");
    CHECK(passwordless_client_mfa_otp_request(c, s("mfa-tok"), s("1"), nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_client_mfa_oob_request(nullptr, s("mfa-tok"), s("o"), none, &req, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(req == nullptr);

    passwordless_response* r = make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":60,"recovery_code":"NEWCODE2"})");
    passwordless_tokens* t = nullptr;
    REQUIRE(passwordless_client_token_response(c, r, test::now, &t, nullptr) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_tokens_str(t, PASSWORDLESS_TOKF_RECOVERY_CODE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "NEWCODE2");
    passwordless_tokens_free(t);
    passwordless_response_free(r);
    r = make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":60})");
    REQUIRE(passwordless_client_token_response(c, r, test::now, &t, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_tokens_str(t, PASSWORDLESS_TOKF_RECOVERY_CODE, &v) == PASSWORDLESS_E_ABSENT);
    passwordless_tokens_free(t);
    passwordless_response_free(r);
    passwordless_client_free(c);
}

TEST_CASE("c api, mfa: an mfa_required error's requirements and token") {
    passwordless_client* c = make_client();
    passwordless_response* r = make_response(
        403, R"({"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"mfa-SECRET",)"
             R"("mfa_requirements":{"challenge":[{"type":"otp"},{"type":"push-notification"}]}})");
    passwordless_tokens* t = nullptr;
    passwordless_error* err = nullptr;
    REQUIRE(passwordless_client_token_response(c, r, test::now, &t, &err) == PASSWORDLESS_KIND_MFA_REQUIRED);
    passwordless_response_free(r);
    CHECK(passwordless_error_action(err) == PASSWORDLESS_ACTION_MFA);
    CHECK(field(err, PASSWORDLESS_ERRF_MFA_TOKEN) == "mfa-SECRET");
    CHECK(field(err, PASSWORDLESS_ERRF_DESCRIPTION).find("mfa-SECRET") == std::string::npos);
    CHECK(passwordless_error_mfa_requirement_count(err, PASSWORDLESS_MFAREQ_CHALLENGE) == 2);
    CHECK(passwordless_error_mfa_requirement_count(err, PASSWORDLESS_MFAREQ_ENROLL) == 0);
    passwordless_str v{};
    REQUIRE(passwordless_error_mfa_requirement_at(err, PASSWORDLESS_MFAREQ_CHALLENGE, 1, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "push-notification");
    CHECK(passwordless_error_mfa_requirement_at(err, PASSWORDLESS_MFAREQ_CHALLENGE, 2, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_error_mfa_requirement_at(err, 0, 0, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_error_mfa_requirement_count(err, 3) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_error_mfa_requirement_at(err, PASSWORDLESS_MFAREQ_CHALLENGE, 0, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_error_free(err);

    r = make_response(403, R"({"error":"mfa_required","error_description":"x","mfa_token":"m"})");
    REQUIRE(passwordless_client_token_response(c, r, test::now, &t, &err) == PASSWORDLESS_KIND_MFA_REQUIRED);
    CHECK(passwordless_error_mfa_requirement_count(err, PASSWORDLESS_MFAREQ_CHALLENGE) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_error_mfa_requirement_at(err, PASSWORDLESS_MFAREQ_CHALLENGE, 0, &v) == PASSWORDLESS_E_ABSENT);
    passwordless_error_free(err);
    passwordless_response_free(r);
    CHECK(passwordless_error_mfa_requirement_count(nullptr, PASSWORDLESS_MFAREQ_CHALLENGE) == PASSWORDLESS_E_NULL_ARG);
    passwordless_client_free(c);
}

}  // namespace c_api_test::mfa_tests
