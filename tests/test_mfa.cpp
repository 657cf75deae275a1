// The MFA API: GET /mfa/authenticators and POST /mfa/challenge, builders and parsers, hostile
// answers included.
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {
constexpr const char* mfa_secret = "Fe26.2**mfa-token-secret";

const char* recorded_list =
    R"([{"id":"totp|dev_AbC1","authenticator_type":"otp","active":true},)"
    R"({"id":"sms|dev_XyZ2","authenticator_type":"oob","active":true,"oob_channel":"sms","name":"XXXXXXXX8899"},)"
    R"({"id":"push|dev_Pu3","authenticator_type":"oob","active":false,"oob_channel":"auth0","name":"My Phone"},)"
    R"({"id":"recovery-code|dev_Rc4","authenticator_type":"recovery-code","active":true}])";

pl::mfa_authenticator_list list_ok(const std::string& body, const pl::checked_limits& limits = {}) {
    auto r = pl::parse_mfa_authenticators_response(make_response(200, body), now, limits);
    REQUIRE(r.ok());
    return r.value();
}

pl::error list_error(int status, const std::string& body) {
    auto r = pl::parse_mfa_authenticators_response(make_response(status, body), now);
    REQUIRE_FALSE(r.ok());
    return r.failure();
}

pl::error challenge_error(int status, const std::string& body) {
    auto r = pl::parse_mfa_challenge_response(make_response(status, body), now);
    REQUIRE_FALSE(r.ok());
    return r.failure();
}
}  // namespace

TEST_CASE("GET /mfa/authenticators carries the mfa_token as a Bearer token") {
    auto r = pl::build_mfa_authenticators_request(make_client(), mfa_secret);
    REQUIRE(r.ok());
    CHECK(r->method == "GET");
    CHECK(r->url == "https://example.auth0.com/mfa/authenticators");
    CHECK(header_of(*r, "authorization") == std::string("Bearer ") + mfa_secret);
    CHECK(r->body.empty());
    for (const std::string& bad : {std::string(), std::string("a\r\nb"), std::string("a\0b", 3), std::string("two words")}) {
        auto e = pl::build_mfa_authenticators_request(make_client(), bad);
        REQUIRE_FALSE(e.ok());
        CHECK(e.failure().kind == pl::error_kind::invalid_argument);
        CHECK(e.failure().field == "mfa_token");
    }
}

TEST_CASE("the recorded tenant's list, in document order, members as sent") {
    const pl::mfa_authenticator_list l = list_ok(recorded_list);
    REQUIRE(l.authenticators.size() == 4);
    CHECK(l.skipped == 0);
    CHECK(l.authenticators[0].id == "totp|dev_AbC1");
    CHECK(l.authenticators[0].authenticator_type == "otp");
    CHECK(l.authenticators[0].active == true);
    CHECK_FALSE(l.authenticators[0].oob_channel.has_value());
    CHECK(l.authenticators[1].oob_channel == "sms");
    CHECK(l.authenticators[1].name == "XXXXXXXX8899");
    CHECK(l.authenticators[2].active == false);
    CHECK(l.authenticators[3].authenticator_type == "recovery-code");
    CHECK(list_ok("[]").authenticators.empty());
}

TEST_CASE("oob_channel or oob_channels, a string or an array") {
    const pl::mfa_authenticator_list l = list_ok(
        R"([{"id":"a","authenticator_type":"oob","oob_channels":["email","sms"]},)"
        R"({"id":"b","authenticator_type":"oob","oob_channels":"voice"},)"
        R"({"id":"c","authenticator_type":"oob","oob_channel":"sms","oob_channels":["email"]},)"
        R"({"id":"d","authenticator_type":"oob","oob_channels":[1,"auth0"]},)"
        R"({"id":"e","authenticator_type":"oob","oob_channels":{"x":1}}])");
    REQUIRE(l.authenticators.size() == 5);
    CHECK(l.authenticators[0].oob_channel == "email");
    CHECK(l.authenticators[1].oob_channel == "voice");
    CHECK(l.authenticators[2].oob_channel == "sms");
    CHECK(l.authenticators[3].oob_channel == "auth0");
    CHECK_FALSE(l.authenticators[4].oob_channel.has_value());
}

TEST_CASE("hostile lists: unusable entries are skipped and counted, unknown types kept as sent") {
    const pl::mfa_authenticator_list l = list_ok(
        R"([{"authenticator_type":"otp"},{"id":5,"authenticator_type":"otp"},{"id":"x"},{"id":"y","authenticator_type":null},)"
        R"("text",7,null,[],{"id":"","authenticator_type":"otp"},)"
        R"({"id":"w","authenticator_type":"webauthn-roaming","active":"yes","name":3,"type":"x"}])");
    REQUIRE(l.authenticators.size() == 1);
    CHECK(l.skipped == 9);
    CHECK(l.authenticators[0].authenticator_type == "webauthn-roaming");
    CHECK_FALSE(l.authenticators[0].active.has_value());
    CHECK_FALSE(l.authenticators[0].name.has_value());
    CHECK(l.authenticators[0].type == "x");
}

TEST_CASE("a body that is not an array, or not JSON, is malformed_response") {
    for (const char* body : {R"({"authenticators":[]})", "\"x\"", "null", "[", "", "<html></html>", "[1,]"}) {
        CAPTURE(body);
        CHECK(list_error(200, body).kind == pl::error_kind::malformed_response);
    }
    pl::response html = make_response(200, "[]", {{"content-type", "text/html"}});
    auto r = pl::parse_mfa_authenticators_response(html, now);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::malformed_response);
}

TEST_CASE("a 1 MB list is refused by the body limit, and bounded when the limit allows it") {
    std::string big = "[";
    while (big.size() < 1024 * 1024) big += R"({"id":"sms|dev_0123456789","authenticator_type":"oob","oob_channel":"sms"},)";
    big.back() = ']';
    CHECK(list_error(200, big).kind == pl::error_kind::malformed_response);
    pl::client_limits wide;
    wide.max_body_bytes = 2 * 1024 * 1024;
    auto limits = pl::checked_limits::create(wide);
    REQUIRE(limits.ok());
    const pl::mfa_authenticator_list l = list_ok(big, limits.value());
    CHECK(l.authenticators.size() == pl::max_mfa_authenticators);
    CHECK(l.skipped > 10000);
}

TEST_CASE("error answers of the MFA API") {
    CHECK(list_error(401, R"({"error":"expired_token","error_description":"mfa_token is expired"})").kind == pl::error_kind::mfa_token_invalid);
    CHECK(list_error(403, R"({"error":"invalid_grant","error_description":"Malformed mfa_token"})").kind == pl::error_kind::mfa_token_invalid);
    CHECK(list_error(429, R"({"error":"too_many_requests"})").kind == pl::error_kind::rate_limited);
    CHECK(list_error(503, "").kind == pl::error_kind::server_error);
    CHECK(challenge_error(400, R"({"error":"association_required","error_description":"User is not enrolled."})").kind ==
          pl::error_kind::mfa_enrollment_required);
    CHECK(challenge_error(400, R"({"error":"unsupported_challenge_type"})").kind == pl::error_kind::mfa_enrollment_required);
    CHECK(challenge_error(401, R"({"error":"expired_token"})").kind == pl::error_kind::mfa_token_invalid);
    CHECK(challenge_error(401, R"({"error":"invalid_client"})").kind == pl::error_kind::invalid_client);
}

TEST_CASE("POST /mfa/challenge: JSON, client_id and the client's credentials in the body") {
    pl::mfa_challenge_params p;
    p.mfa_token = mfa_secret;
    p.challenge_type = "oob";
    p.authenticator_id = "sms|dev_XyZ2";
    auto r = pl::build_mfa_challenge_request(make_client(), p);
    REQUIRE(r.ok());
    CHECK(r->method == "POST");
    CHECK(r->url == "https://example.auth0.com/mfa/challenge");
    CHECK(r->content_type == "application/json");
    CHECK(body_of(*r) == json{{"client_id", "abc123"}, {"mfa_token", mfa_secret}, {"challenge_type", "oob"}, {"authenticator_id", "sms|dev_XyZ2"}});

    pl::client_config cfg;
    cfg.client_secret = "s3cr3t";
    cfg.token_auth = pl::token_endpoint_auth::client_secret_basic;
    cfg.token_encoding = pl::body_encoding::form;
    p.challenge_type = "otp oob";
    p.authenticator_id.reset();
    auto secret = pl::build_mfa_challenge_request(make_client(cfg), p);
    REQUIRE(secret.ok());
    CHECK(secret->content_type == "application/json");
    CHECK(body_of(*secret) == json{{"client_id", "abc123"}, {"mfa_token", mfa_secret}, {"challenge_type", "otp oob"}, {"client_secret", "s3cr3t"}});
    p.challenge_type.reset();
    auto bare = pl::build_mfa_challenge_request(make_client(), p);
    REQUIRE(bare.ok());
    CHECK_FALSE(body_of(*bare).contains("challenge_type"));
}

TEST_CASE("POST /mfa/challenge: invalid inputs name the member") {
    struct row {
        std::string mfa_token;
        std::optional<std::string> challenge_type;
        std::optional<std::string> authenticator_id;
        const char* field;
    };
    const row rows[] = {
        {"", "otp", std::nullopt, "mfa_token"},
        {"a\nb", "otp", std::nullopt, "mfa_token"},
        {mfa_secret, "push", std::nullopt, "challenge_type"},
        {mfa_secret, "otp  oob", std::nullopt, "challenge_type"},
        {mfa_secret, "otp ", std::nullopt, "challenge_type"},
        {mfa_secret, "", std::nullopt, "challenge_type"},
        {mfa_secret, std::string("otp\0", 4), std::nullopt, "challenge_type"},
        {mfa_secret, "oob", "", "authenticator_id"},
        {mfa_secret, "oob", "sms|dev\r\nx", "authenticator_id"},
    };
    for (const row& r : rows) {
        CAPTURE(r.field);
        pl::mfa_challenge_params p{r.mfa_token, r.challenge_type, r.authenticator_id};
        auto built = pl::build_mfa_challenge_request(make_client(), p);
        REQUIRE_FALSE(built.ok());
        CHECK(built.failure().kind == pl::error_kind::invalid_argument);
        CHECK(built.failure().field == r.field);
        CHECK(built.failure().description.find("Fe26") == std::string::npos);
    }
    for (std::string_view t : pl::mfa_challenge_types) CHECK(pl::is_mfa_challenge_type_list(t));
}

TEST_CASE("the challenge answer: oob needs its oob_code; binding_method when sent") {
    auto prompt = pl::parse_mfa_challenge_response(
        make_response(200, R"({"challenge_type":"oob","oob_code":"Fe26.oob","binding_method":"prompt"})"), now);
    REQUIRE(prompt.ok());
    CHECK(prompt->challenge_type == "oob");
    CHECK(prompt->oob_code == "Fe26.oob");
    CHECK(prompt->binding_method == "prompt");
    auto push = pl::parse_mfa_challenge_response(make_response(200, R"({"challenge_type":"oob","oob_code":"Fe26.oob"})"), now);
    REQUIRE(push.ok());
    CHECK_FALSE(push->binding_method.has_value());
    auto otp = pl::parse_mfa_challenge_response(make_response(200, R"({"challenge_type":"otp"})"), now);
    REQUIRE(otp.ok());
    CHECK_FALSE(otp->oob_code.has_value());
    for (const char* body : {R"({"challenge_type":"oob"})", R"({"challenge_type":"oob","oob_code":""})", R"({"challenge_type":"oob","oob_code":5})",
                             R"({})", R"({"challenge_type":7})", "[]", "", R"({"challenge_type":"otp","binding_method":["prompt"]})"}) {
        CAPTURE(body);
        const pl::error e = challenge_error(200, body);
        CHECK(e.kind == pl::error_kind::malformed_response);
        CHECK(e.description.find("Fe26") == std::string::npos);
    }
}
