// POST /oauth/token: the OTP grant, the refresh grant, client authentication, and the parser.
#include "support/helpers.hpp"

using namespace test;

namespace {
pl::otp_grant_params otp(std::string realm = "email", std::string username = "user@example.com") {
    pl::otp_grant_params p;
    p.realm = std::move(realm);
    p.username = std::move(username);
    p.otp = "123456";
    return p;
}

pl::error token_error(const pl::otp_grant_params& p, const pl::client& c = make_client()) {
    auto r = pl::build_token_request(c, p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::invalid_argument);
    return r.failure();
}

pl::token_set parse_ok(const std::string& body) {
    auto r = pl::parse_token_response(make_response(200, body), now);
    REQUIRE(r.ok());
    return r.value();
}

pl::error parse_bad(const std::string& body) {
    auto r = pl::parse_token_response(make_response(200, body), now);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::malformed_response);
    CHECK(r.failure().action == pl::error_action::retry);
    return r.failure();
}
}  // namespace

TEST_CASE("OTP grant: exactly the grant members, JSON by default") {
    auto r = pl::build_token_request(make_client(), otp());
    REQUIRE(r.ok());
    CHECK(r->method == "POST");
    CHECK(r->url == "https://example.auth0.com/oauth/token");
    CHECK(r->content_type == "application/json");
    CHECK(body_of(*r) == json{{"grant_type", "http://auth0.com/oauth/grant-type/passwordless/otp"},
                              {"client_id", "abc123"},
                              {"username", "user@example.com"},
                              {"otp", "123456"},
                              {"realm", "email"}});
    auto p = otp("sms", "+14155552671");
    p.audience = "https://api.example.com/v1";
    p.scope = "openid profile email offline_access";
    p.forwarded_for = "198.51.100.4";
    auto s = pl::build_token_request(make_client(), p);
    REQUIRE(s.ok());
    CHECK(body_of(*s)["audience"] == "https://api.example.com/v1");
    CHECK(body_of(*s)["scope"] == "openid profile email offline_access");
    CHECK(body_of(*s)["realm"] == "sms");
    CHECK(header_of(*s, "auth0-forwarded-for") == "198.51.100.4");
}

TEST_CASE("client authentication on the token endpoint: post, basic, assertion") {
    pl::client_config cfg;
    cfg.client_secret = "s3cr3t:v@lue";
    auto post = pl::build_token_request(make_client(cfg), otp());
    REQUIRE(post.ok());
    CHECK(body_of(*post)["client_secret"] == "s3cr3t:v@lue");
    CHECK_FALSE(post->find_header("authorization").has_value());

    cfg.token_auth = pl::token_endpoint_auth::client_secret_basic;
    auto basic = pl::build_token_request(make_client(cfg), otp());
    REQUIRE(basic.ok());
    CHECK_FALSE(body_of(*basic).contains("client_secret"));
    // RFC 6749 2.3.1: form-encode id and secret, then base64 "id:secret".
    CHECK(header_of(*basic, "authorization") ==
          "Basic " + pl::detail::base64_encode("abc123:s3cr3t%3Av%40lue", pl::detail::base64_alphabet::standard, true));

    pl::client_config acfg;
    acfg.client_assertion = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhYmMxMjMifQ.c2ln";
    auto a = pl::build_token_request(make_client(acfg), otp());
    REQUIRE(a.ok());
    CHECK(body_of(*a)["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    CHECK(body_of(*a)["client_assertion"] == acfg.client_assertion);
}

TEST_CASE("form encoding when configured") {
    pl::client_config cfg;
    cfg.token_encoding = pl::body_encoding::form;
    cfg.client_secret = "a b&c";
    auto r = pl::build_token_request(make_client(cfg), otp());
    REQUIRE(r.ok());
    CHECK(r->content_type == "application/x-www-form-urlencoded");
    CHECK(r->body ==
          "grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpasswordless%2Fotp&client_id=abc123"
          "&username=user%40example.com&otp=123456&realm=email&client_secret=a%20b%26c");
}

TEST_CASE("refresh grant") {
    pl::refresh_grant_params p;
    p.refresh_token = "v1.MRrT-refresh-token_abc";
    auto r = pl::build_token_request(make_client(), p);
    REQUIRE(r.ok());
    CHECK(body_of(*r) == json{{"grant_type", "refresh_token"}, {"client_id", "abc123"}, {"refresh_token", "v1.MRrT-refresh-token_abc"}});
    p.scope = "openid";
    p.audience = "urn:my-api";
    auto s = pl::build_token_request(make_client(), p);
    REQUIRE(s.ok());
    CHECK(body_of(*s)["scope"] == "openid");
    CHECK(body_of(*s)["audience"] == "urn:my-api");
    p.refresh_token = "";
    auto e = pl::build_token_request(make_client(), p);
    REQUIRE_FALSE(e.ok());
    CHECK(e.failure().field == "refresh_token");
    p.refresh_token = "abc\r\n";
    REQUIRE_FALSE(pl::build_token_request(make_client(), p).ok());
}

TEST_CASE("OTP grant inputs are checked, never trimmed") {
    for (const char* bad : {"", " 123456", "123456 ", "123456\r\n", "12a456", "123", "11111111111111111", "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94"}) {
        CAPTURE(bad);
        auto p = otp();
        p.otp = bad;
        CHECK(token_error(p).field == "otp");
    }
    CHECK(token_error(otp("sms", "user@example.com")).field == "username");
    CHECK(token_error(otp("email", "+14155552671")).field == "username");
    CHECK(token_error(otp("email", "")).field == "username");
    CHECK(token_error(otp("", "user@example.com")).field == "realm");
    CHECK(token_error(otp("em ail", "user@example.com")).field == "realm");
    CHECK(pl::build_token_request(make_client(), otp("custom-email", "user@example.com")).ok());
    CHECK(pl::build_token_request(make_client(), otp("custom-sms", "+14155552671")).ok());
    CHECK(token_error(otp("custom", "nobody")).field == "username");

    auto p = otp();
    p.audience = "https://api.example.com/\r\nX: y";
    CHECK(token_error(p).field == "audience");
    p.audience = "";
    CHECK(token_error(p).field == "audience");
    p = otp();
    for (const char* bad : {"", "openid  email", " openid", "openid\n", "open\"id"}) {
        CAPTURE(bad);
        p.scope = bad;
        CHECK(token_error(p).field == "scope");
    }
}

TEST_CASE("token responses: members, types and expires_at") {
    pl::token_set t = parse_ok(R"({"access_token":"at","token_type":"Bearer","expires_in":86400,"refresh_token":"rt","id_token":"a.b.c","scope":"openid offline_access"})");
    CHECK(t.access_token == "at");
    CHECK(t.token_type == "Bearer");
    CHECK(t.expires_in == 86400);
    CHECK(t.expires_at == now + 86400);
    CHECK(t.refresh_token == "rt");
    CHECK(t.id_token == "a.b.c");
    CHECK(t.scope == "openid offline_access");

    for (const char* type : {"Bearer", "bearer", "BEARER", "DPoP", "dpop", "N_A", "urn:ietf:params:oauth:token-type:jwt"})
        CHECK(parse_ok(std::string(R"({"access_token":"at","token_type":")") + type + "\"}").token_type == type);
    CHECK(pl::token_type_is("bEaReR", "Bearer"));
    CHECK(pl::token_type_is("DPOP", "DPoP"));
    CHECK_FALSE(pl::token_type_is("Bearer2", "Bearer"));
    CHECK_FALSE(pl::token_type_is("DPoP", "Bearer"));
    pl::token_set minimal = parse_ok(R"({"access_token":"at","token_type":"bearer"})");
    CHECK_FALSE(minimal.expires_in.has_value());
    CHECK_FALSE(minimal.expires_at.has_value());
    CHECK_FALSE(minimal.refresh_token.has_value());
    CHECK_FALSE(minimal.id_token.has_value());
    CHECK_FALSE(minimal.scope.has_value());
    CHECK(parse_ok(R"({"access_token":"at","token_type":"Bearer","refresh_token":null})").refresh_token == std::nullopt);

    // Numeric strings are tolerated the way Auth0.swift does; anything fractional or out of range is not.
    CHECK(parse_ok(R"({"access_token":"at","token_type":"Bearer","expires_in":"3600.0"})").expires_in == 3600);
    CHECK(parse_ok(R"({"access_token":"at","token_type":"Bearer","expires_in":"86400"})").expires_in == 86400);
    CHECK(parse_ok(R"({"access_token":"at","token_type":"Bearer","expires_in":60.0})").expires_in == 60);
    CHECK(parse_ok(R"({"access_token":"at","token_type":"Bearer","expires_in":0})").expires_at == now);
    for (const char* e : {"-1", "1e300", "1.5", "\"-1\"", "\"1e3\"", "\"\"", "\"3600.5\"", "true", "[]", "{}", "316224001",
                          "18446744073709551615", "\"99999999999999\""}) {
        CAPTURE(e);
        pl::error err = parse_bad(std::string(R"({"access_token":"at","token_type":"Bearer","expires_in":)") + e + "}");
        CHECK(err.description.find("expires_in") != std::string::npos);
    }
    parse_bad(R"({"token_type":"Bearer"})");
    // token_type is a name (RFC 6749 7.1, PROTOCOL.md 9.5): no spaces, controls or NUL.
    for (const char* type : {R"("Bearer ")", R"(" Bearer")", R"("Bear er")", R"("Bearer\u0000")", R"("Bearer\n")", R"("\t")",
                          R"("Bearer\u007f")", R"("B\u00e9arer")", "5", "null", "true"}) {
        CAPTURE(type);
        pl::error err = parse_bad(std::string(R"({"access_token":"at","token_type":)") + type + "}");
        CHECK(err.description.find("token_type") != std::string::npos);
    }
    parse_bad(std::string(R"({"access_token":"at","token_type":")") + std::string(129, 'B') + "\"}");
    parse_bad(R"({"access_token":"","token_type":"Bearer"})");
    parse_bad(R"({"access_token":1,"token_type":"Bearer"})");
    parse_bad(R"({"access_token":"at"})");
    parse_bad(R"({"access_token":"at","token_type":"Bearer","id_token":["x"]})");
    parse_bad(R"({"access_token":"at","token_type":"Bearer","id_token":{"jwt":"x"}})");
    parse_bad(R"({"access_token":"at","token_type":"Bearer","id_token":""})");
    parse_bad(R"({"access_token":"at","token_type":"Bearer","scope":5})");
    parse_bad(R"({"access_token":"a","access_token":"b","token_type":"Bearer"})");
    parse_bad("");
    parse_bad("null");
    parse_bad(R"({"access_token":"at","token_type":"Bearer")");
}

TEST_CASE("now must be a sane time") {
    auto r = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":1})"), -1);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().field == "now");
    auto big = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":1})"),
                                        std::numeric_limits<pl::unix_seconds>::max());
    REQUIRE_FALSE(big.ok());
    CHECK(big.failure().field == "now");
    auto edge = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":316224000})"),
                                         pl::max_unix_seconds);
    REQUIRE(edge.ok());
    CHECK(edge->expires_at == pl::max_unix_seconds + 316224000);
}

TEST_CASE("authorization-code grant for magic-link callbacks") {
    pl::authorization_code_params p;
    p.code = "SplxlOBeZQQYbYS6WxSbIA";
    p.redirect_uri = "https://app.example.com/callback";
    auto r = pl::build_token_request(make_client(), p);
    REQUIRE(r.ok());
    CHECK(body_of(*r) == json{{"grant_type", "authorization_code"}, {"client_id", "abc123"}, {"code", "SplxlOBeZQQYbYS6WxSbIA"},
                              {"redirect_uri", "https://app.example.com/callback"}});
    p.code_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    CHECK(body_of(pl::build_token_request(make_client(), p).value())["code_verifier"] == *p.code_verifier);
    p.code = "a\r\nb";
    auto bad = pl::build_token_request(make_client(), p);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.failure().field == "code");
    CHECK(bad.failure().description.find("a\r") == std::string::npos);
    p.code = "x";
    p.redirect_uri = "";
    CHECK(pl::build_token_request(make_client(), p).failure().field == "redirect_uri");
}

TEST_CASE("token freshness: expired, within the margin, fresh, or unknown said explicitly") {
    pl::token_set t;
    t.access_token = "at";
    CHECK(pl::access_token_freshness(t, now) == pl::token_freshness::expiry_unknown);
    t.expires_at = now + 3600;
    CHECK(pl::access_token_freshness(t, now) == pl::token_freshness::fresh);
    CHECK(pl::access_token_freshness(t, now, 3599) == pl::token_freshness::fresh);
    CHECK(pl::access_token_freshness(t, now, 3600) == pl::token_freshness::refresh_now);
    CHECK(pl::access_token_freshness(t, now + 3540) == pl::token_freshness::refresh_now);
    CHECK(pl::access_token_freshness(t, now + 3539) == pl::token_freshness::fresh);
    CHECK(pl::access_token_freshness(t, now + 3600, 0) == pl::token_freshness::refresh_now);
    CHECK(pl::access_token_freshness(t, now + 3599, -100) == pl::token_freshness::fresh);
    CHECK(pl::access_token_freshness(t, now + 7200, -100) == pl::token_freshness::refresh_now);
    t.expires_at = INT64_MAX;
    CHECK(pl::access_token_freshness(t, INT64_MIN, INT64_MAX) == pl::token_freshness::refresh_now);
    CHECK(pl::access_token_freshness(t, INT64_MIN, 5) == pl::token_freshness::fresh);
    t.access_token.clear();
    CHECK(pl::access_token_freshness(t, now) == pl::token_freshness::refresh_now);
    // From a parsed response: expires_in gives expires_at; without it the expiry is unknown.
    auto parsed = pl::parse_token_response(make_response(200, R"({"access_token":"a","token_type":"Bearer","expires_in":120})"), now);
    REQUIRE(parsed.ok());
    CHECK(pl::access_token_freshness(parsed.value(), now + 59) == pl::token_freshness::fresh);
    CHECK(pl::access_token_freshness(parsed.value(), now + 60) == pl::token_freshness::refresh_now);
}

// ---- The MFA grants (PROTOCOL.md 10.2).

namespace {
constexpr const char* mfa_grant_secret = "Fe26.2**mfa-token-secret";

// The answers of DRIVER.md's MFA error table, for every MFA grant: the kind (and the wait).
struct mfa_answer {
    const char* code;
    const char* description;
    pl::error_kind kind;
    std::optional<pl::unix_seconds> wait;
};
const mfa_answer mfa_answers[] = {
    {"authorization_pending", "Authorization pending: please repeat the request in a few seconds.", pl::error_kind::authorization_pending, 5},
    {"slow_down", "", pl::error_kind::slow_down, 10},
    {"invalid_grant", "Invalid otp_code.", pl::error_kind::wrong_code, std::nullopt},
    {"invalid_grant", "Invalid binding_code.", pl::error_kind::wrong_code, std::nullopt},
    {"invalid_grant", "grant request is invalid", pl::error_kind::wrong_code, std::nullopt},
    {"invalid_grant", "That code expired; refresh the page", pl::error_kind::wrong_code, std::nullopt},
    {"invalid_grant", "MFA Authorization rejected.", pl::error_kind::mfa_rejected, std::nullopt},
    {"access_denied", "MFA Authorization rejected.", pl::error_kind::mfa_rejected, std::nullopt},
    {"access_denied", "denied by a rule", pl::error_kind::access_denied, std::nullopt},
    {"expired_token", "mfa_token is expired", pl::error_kind::mfa_token_invalid, std::nullopt},
    {"invalid_grant", "Malformed mfa_token", pl::error_kind::mfa_token_invalid, std::nullopt},
    {"mfa_required", "Multifactor authentication required", pl::error_kind::mfa_required, std::nullopt},
    {"too_many_attempts", "", pl::error_kind::blocked, std::nullopt},
    {"use_dpop_nonce", "", pl::error_kind::dpop_nonce_required, std::nullopt},
};
constexpr pl::token_grant the_mfa_grants[] = {pl::token_grant::mfa_otp, pl::token_grant::mfa_oob, pl::token_grant::mfa_recovery};

pl::error mfa_grant_error(const pl::result<pl::request>& r) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::invalid_argument);
    return r.failure();
}
}  // namespace

TEST_CASE("MFA grants: exactly the grant members, per grant") {
    pl::mfa_otp_grant_params otp_p{mfa_grant_secret, "654321"};
    auto otp_r = pl::build_token_request(make_client(), otp_p);
    REQUIRE(otp_r.ok());
    CHECK(otp_r->url == "https://example.auth0.com/oauth/token");
    CHECK(body_of(*otp_r) == json{{"grant_type", "http://auth0.com/oauth/grant-type/mfa-otp"}, {"client_id", "abc123"},
                                  {"mfa_token", mfa_grant_secret}, {"otp", "654321"}});

    pl::mfa_oob_grant_params oob_p{mfa_grant_secret, "Fe26.oob", std::nullopt};
    auto oob_r = pl::build_token_request(make_client(), oob_p);
    REQUIRE(oob_r.ok());
    CHECK(body_of(*oob_r) == json{{"grant_type", "http://auth0.com/oauth/grant-type/mfa-oob"}, {"client_id", "abc123"},
                                  {"mfa_token", mfa_grant_secret}, {"oob_code", "Fe26.oob"}});
    oob_p.binding_code = "1234";
    oob_r = pl::build_token_request(make_client(), oob_p);
    REQUIRE(oob_r.ok());
    CHECK(body_of(*oob_r).value("binding_code", "") == "1234");

    pl::mfa_recovery_grant_params rec_p{mfa_grant_secret, "ABCDEF1234567890ABCDEF12"};
    auto rec_r = pl::build_token_request(make_client(), rec_p);
    REQUIRE(rec_r.ok());
    CHECK(body_of(*rec_r) == json{{"grant_type", "http://auth0.com/oauth/grant-type/mfa-recovery-code"}, {"client_id", "abc123"},
                                  {"mfa_token", mfa_grant_secret}, {"recovery_code", "ABCDEF1234567890ABCDEF12"}});
}

TEST_CASE("MFA grants: client authentication and encoding as the other grants") {
    pl::client_config cfg;
    cfg.client_secret = "s3cr3t";
    cfg.token_auth = pl::token_endpoint_auth::client_secret_basic;
    cfg.token_encoding = pl::body_encoding::form;
    auto r = pl::build_token_request(make_client(cfg), pl::mfa_otp_grant_params{mfa_grant_secret, "654321"});
    REQUIRE(r.ok());
    CHECK(r->content_type == "application/x-www-form-urlencoded");
    CHECK(header_of(*r, "authorization").rfind("Basic ", 0) == 0);
    CHECK(r->body.find("client_secret") == std::string::npos);
    CHECK(r->body.find("grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fmfa-otp") != std::string::npos);
    pl::client_config post;
    post.client_secret = "s3cr3t";
    auto p = pl::build_token_request(make_client(post), pl::mfa_recovery_grant_params{mfa_grant_secret, "RC1"});
    REQUIRE(p.ok());
    CHECK(body_of(*p).value("client_secret", "") == "s3cr3t");
}

TEST_CASE("MFA grants: invalid inputs name the member, never its value") {
    const pl::client c = make_client();
    const std::string bad_values[] = {"", std::string("a\r\nb"), std::string("a\nb"), std::string("a\0b", 3), "has space"};
    for (const std::string& bad : bad_values) {
        CAPTURE(bad);
        CHECK(mfa_grant_error(pl::build_token_request(c, pl::mfa_otp_grant_params{bad, "123456"})).field == "mfa_token");
        CHECK(mfa_grant_error(pl::build_token_request(c, pl::mfa_otp_grant_params{mfa_grant_secret, bad})).field == "otp");
        CHECK(mfa_grant_error(pl::build_token_request(c, pl::mfa_oob_grant_params{mfa_grant_secret, bad, std::nullopt})).field == "oob_code");
        CHECK(mfa_grant_error(pl::build_token_request(c, pl::mfa_oob_grant_params{mfa_grant_secret, "oob", bad})).field == "binding_code");
        CHECK(mfa_grant_error(pl::build_token_request(c, pl::mfa_recovery_grant_params{mfa_grant_secret, bad})).field == "recovery_code");
    }
    CHECK(mfa_grant_error(pl::build_token_request(c, pl::mfa_otp_grant_params{mfa_grant_secret, "12ab56"})).field == "otp");
    const pl::error e = mfa_grant_error(pl::build_token_request(c, pl::mfa_otp_grant_params{"secret\rvalue", "123456"}));
    CHECK(e.description.find("secret") == std::string::npos);
    const pl::error too_long =
        mfa_grant_error(pl::build_token_request(c, pl::mfa_otp_grant_params{std::string(70 * 1024, 'x'), "123456"}));
    CHECK(too_long.field == "mfa_token");
}

TEST_CASE("MFA grant answers: keyed on error, the description only refines (DRIVER.md table)") {
    for (pl::token_grant g : the_mfa_grants) {
        for (const mfa_answer& a : mfa_answers) {
            CAPTURE(pl::to_string(g));
            CAPTURE(a.code);
            CAPTURE(a.description);
            for (int status : {400, 401, 403}) {
                json body{{"error", a.code}};
                if (*a.description != '\0') body["error_description"] = a.description;
                if (std::string_view(a.code) == "mfa_required") body["mfa_token"] = "Fe26.2**next";
                auto r = pl::parse_token_response(make_response(status, body.dump()), g, now);
                REQUIRE_FALSE(r.ok());
                CHECK(r.failure().kind == a.kind);
                CHECK(r.failure().action == pl::action_for(a.kind));
                if (a.wait) CHECK(r.failure().retry_at == now + *a.wait);
                if (a.kind == pl::error_kind::mfa_required) CHECK(r.failure().mfa_token == "Fe26.2**next");
            }
        }
    }
}

TEST_CASE("MFA polling answers: Retry-After can only make the wait longer") {
    const std::vector<pl::header> later{{"content-type", "application/json"}, {"retry-after", "30"}};
    const std::vector<pl::header> sooner{{"content-type", "application/json"}, {"retry-after", "1"}};
    auto pending = pl::parse_token_response(make_response(400, R"({"error":"authorization_pending"})", later), pl::token_grant::mfa_oob, now);
    REQUIRE_FALSE(pending.ok());
    CHECK(pending.failure().retry_at == now + 30);
    auto slow = pl::parse_token_response(make_response(400, R"({"error":"slow_down"})", sooner), pl::token_grant::mfa_oob, now);
    REQUIRE_FALSE(slow.ok());
    CHECK(slow.failure().retry_at == now + 10);
}

TEST_CASE("MFA grant answers never move into another grant's family, nor the other grants' into theirs") {
    // The refresh and OTP grants keep their kinds for the same texts.
    auto refresh = pl::parse_token_response(make_response(400, R"({"error":"invalid_grant","error_description":"MFA Authorization rejected."})"),
                                            pl::token_grant::refresh, now);
    REQUIRE_FALSE(refresh.ok());
    CHECK(refresh.failure().kind == pl::error_kind::invalid_refresh_token);
    auto otp = pl::parse_token_response(make_response(400, R"({"error":"access_denied","error_description":"MFA Authorization rejected."})"),
                                        pl::token_grant::otp, now);
    REQUIRE_FALSE(otp.ok());
    CHECK(otp.failure().kind == pl::error_kind::access_denied);
    auto expired = pl::parse_token_response(make_response(400, R"({"error":"expired_token"})"), pl::token_grant::otp, now);
    REQUIRE_FALSE(expired.ok());
    CHECK(expired.failure().kind == pl::error_kind::unknown_error);
    auto pending = pl::parse_token_response(make_response(400, R"({"error":"authorization_pending"})"), pl::token_grant::refresh, now);
    REQUIRE_FALSE(pending.ok());
    CHECK(pending.failure().kind == pl::error_kind::unknown_error);
}

TEST_CASE("MFA grant success: an ordinary token set, recovery_code when sent") {
    auto r = pl::parse_token_response(
        make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":86400,"recovery_code":"NEWCODE123"})"),
        pl::token_grant::mfa_recovery, now);
    REQUIRE(r.ok());
    CHECK(r->recovery_code == "NEWCODE123");
    CHECK(r->expires_at == now + 86400);
    auto plain = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer"})"), pl::token_grant::mfa_otp, now);
    REQUIRE(plain.ok());
    CHECK_FALSE(plain->recovery_code.has_value());
    auto bad = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer","recovery_code":7})"),
                                        pl::token_grant::mfa_recovery, now);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.failure().kind == pl::error_kind::malformed_response);
}
