// POST /oauth/revoke: the request (credentials as for /oauth/token) and its answer.
#include "support/helpers.hpp"

using namespace test;

namespace {
pl::revoke_params revoke_rt(std::string token = "rt-1") { return pl::revoke_params{std::move(token)}; }
}  // namespace

TEST_CASE("revoke: a public client sends client_id and token as JSON, nothing else") {
    auto r = pl::build_revoke_request(make_client(), revoke_rt());
    REQUIRE(r.ok());
    CHECK(r->method == "POST");
    CHECK(r->url == "https://example.auth0.com/oauth/revoke");
    CHECK(r->content_type == "application/json");
    CHECK(body_of(r.value()) == json{{"client_id", "abc123"}, {"token", "rt-1"}});
    CHECK_FALSE(r->find_header("authorization").has_value());
    CHECK_FALSE(r->find_header("dpop").has_value());
}

TEST_CASE("revoke: credentials as for /oauth/token (secret, Basic, assertion) and form encoding") {
    pl::client_config cfg;
    cfg.client_secret = "s3cret";
    auto r = pl::build_revoke_request(make_client(cfg), revoke_rt());
    REQUIRE(r.ok());
    CHECK(body_of(r.value())["client_secret"] == "s3cret");

    cfg.token_auth = pl::token_endpoint_auth::client_secret_basic;
    r = pl::build_revoke_request(make_client(cfg), revoke_rt());
    REQUIRE(r.ok());
    CHECK_FALSE(body_of(r.value()).contains("client_secret"));
    CHECK(header_of(r.value(), "authorization") == "Basic YWJjMTIzOnMzY3JldA==");

    pl::client_config assertion;
    assertion.client_assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMxMjMifQ.c2ln";
    r = pl::build_revoke_request(make_client(assertion), revoke_rt());
    REQUIRE(r.ok());
    CHECK(body_of(r.value())["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

    pl::client_config form;
    form.token_encoding = pl::body_encoding::form;
    r = pl::build_revoke_request(make_client(form), revoke_rt("a+b/c"));
    REQUIRE(r.ok());
    CHECK(r->content_type == "application/x-www-form-urlencoded");
    CHECK(r->body == "client_id=abc123&token=a%2Bb%2Fc");
    CHECK(r->url == "https://example.auth0.com/oauth/revoke");
}

TEST_CASE("revoke: a hostile refresh token is refused before any request, never quoted") {
    for (std::string bad : {std::string(), std::string("rt\r\nx-evil: 1"), std::string("rt\n"), std::string("rt\0x", 4),
                            std::string("rt-SECRET x"), std::string("r\xC3\xA9t"), std::string(70 * 1024, 'a')}) {
        auto r = pl::build_revoke_request(make_client(), revoke_rt(bad));
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "refresh_token");
        if (bad.size() > 2) CHECK(r.failure().description.find(bad) == std::string::npos);
    }
}

TEST_CASE("revoke: any 2xx is success whatever the body; errors as for /oauth/token") {
    for (const char* body : {"", "OK", "{}", "<html>", "{\"error\":\"invalid_request\"}"})
        for (int status : {200, 204, 299}) CHECK_FALSE(pl::parse_revoke_response(make_response(status, body), now).has_value());

    auto e = pl::parse_revoke_response(make_response(401, R"({"error":"invalid_client","error_description":"Client authentication failed"})"), now);
    REQUIRE(e.has_value());
    CHECK(e->kind == pl::error_kind::invalid_client);
    CHECK(e->action == pl::error_action::fix_config);
    CHECK(e->status == 401);
    e = pl::parse_revoke_response(make_response(400, R"({"error":"invalid_request"})"), now);
    REQUIRE(e.has_value());
    CHECK(e->kind == pl::error_kind::invalid_request);
    e = pl::parse_revoke_response(make_response(429, "", {{"retry-after", "30"}}), now);
    REQUIRE(e.has_value());
    CHECK(e->kind == pl::error_kind::rate_limited);
    CHECK(e->retry_at == now + 30);
    e = pl::parse_revoke_response(make_response(503, "busy", {{"content-type", "text/plain"}}), now);
    REQUIRE(e.has_value());
    CHECK(e->kind == pl::error_kind::server_error);
    e = pl::parse_revoke_response(make_response(200, ""), -1);
    REQUIRE(e.has_value());
    CHECK(e->field == "now");
}
