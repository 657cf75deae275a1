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
