// POST /passwordless/start: every request member, every input rule, and the response parser.
#include "support/helpers.hpp"

using namespace test;

namespace {
pl::start_params email_code(std::string email = "user@example.com") {
    pl::start_params p;
    p.connection = "email";
    p.email = std::move(email);
    p.send = pl::send_method::code;
    return p;
}

pl::error start_error(const pl::start_params& p, const pl::client& c = make_client()) {
    auto r = pl::build_start_request(c, p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::invalid_argument);
    CHECK(r.failure().action == pl::error_action::fix_input);
    return r.failure();
}
}  // namespace

TEST_CASE("email code start: method, URL, headers and exactly the allowed members") {
    auto r = pl::build_start_request(make_client(), email_code());
    REQUIRE(r.ok());
    CHECK(r->method == "POST");
    CHECK(r->url == "https://example.auth0.com/passwordless/start");
    CHECK(r->content_type == "application/json");
    CHECK(header_of(*r, "Content-Type") == "application/json");
    CHECK(r->headers.size() == 1);
    CHECK(body_of(*r) == json{{"client_id", "abc123"}, {"connection", "email"}, {"email", "user@example.com"}, {"send", "code"}});
}

TEST_CASE("sms start, send methods, and absent members stay absent") {
    pl::start_params p;
    p.connection = "sms";
    p.phone_number = "+442071838750";
    auto r = pl::build_start_request(make_client(), p);
    REQUIRE(r.ok());
    CHECK(body_of(*r) == json{{"client_id", "abc123"}, {"connection", "sms"}, {"phone_number", "+442071838750"}});
    for (auto m : {pl::send_method::code, pl::send_method::link, pl::send_method::link_ios, pl::send_method::link_android}) {
        p.send = m;
        auto rr = pl::build_start_request(make_client(), p);
        REQUIRE(rr.ok());
        CHECK(body_of(*rr)["send"] == std::string(pl::to_string(m)));
        CHECK(pl::parse_send_method(pl::to_string(m)).value() == m);
    }
    auto unknown = pl::parse_send_method("sms");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.failure().field == "send");
}

TEST_CASE("client credentials, authParams, language and forwarded-for") {
    pl::client_config cfg;
    cfg.client_secret = "s3cr3t-value";
    cfg.telemetry = pl::telemetry_info{"sdk", "1.0", {}};
    pl::client c = make_client(cfg);
    auto p = email_code();
    p.send = pl::send_method::link;
    p.auth_params = std::vector<std::pair<std::string, std::string>>{{"scope", "openid email"}, {"state", "af0ifjsldkj"}};
    p.language = "fr-CA";
    p.forwarded_for = "203.0.113.7";
    auto r = pl::build_start_request(c, p);
    REQUIRE(r.ok());
    json b = body_of(*r);
    CHECK(b["client_secret"] == "s3cr3t-value");
    CHECK(b["authParams"] == json{{"scope", "openid email"}, {"state", "af0ifjsldkj"}});
    CHECK(b.size() == 6);
    CHECK(header_of(*r, "x-request-language") == "fr-CA");
    CHECK(header_of(*r, "auth0-forwarded-for") == "203.0.113.7");
    CHECK(header_of(*r, "auth0-client") == c.telemetry_header());
    CHECK_FALSE(r->find_header("authorization").has_value());

    // Basic applies to /oauth/token only: the start body still carries the secret.
    cfg.token_auth = pl::token_endpoint_auth::client_secret_basic;
    auto rb = pl::build_start_request(make_client(cfg), email_code());
    REQUIRE(rb.ok());
    CHECK(body_of(*rb)["client_secret"] == "s3cr3t-value");
    CHECK_FALSE(rb->find_header("authorization").has_value());

    pl::client_config acfg;
    acfg.client_assertion = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhYmMxMjMifQ.c2ln";
    auto ra = pl::build_start_request(make_client(acfg), email_code());
    REQUIRE(ra.ok());
    CHECK(body_of(*ra)["client_assertion"] == acfg.client_assertion);
    CHECK(body_of(*ra)["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    CHECK_FALSE(body_of(*ra).contains("client_secret"));

    p.auth_params = std::vector<std::pair<std::string, std::string>>{};
    auto empty = pl::build_start_request(c, p);
    REQUIRE(empty.ok());
    CHECK(body_of(*empty)["authParams"] == json::object());
}

TEST_CASE("custom connections take either identifier") {
    pl::start_params p;
    p.connection = "my-email-conn";
    p.email = "user@example.com";
    auto r = pl::build_start_request(make_client(), p);
    REQUIRE(r.ok());
    CHECK(body_of(*r)["connection"] == "my-email-conn");
    p.email.reset();
    p.phone_number = "+14155552671";
    CHECK(pl::build_start_request(make_client(), p).ok());
    p.email = "user@example.com";
    CHECK(start_error(p).field == "phone_number");
    p.email.reset();
    p.phone_number.reset();
    CHECK(start_error(p).field == "email");
}

TEST_CASE("email addresses: exactly one @ with text around it, no spaces, quotes, backslashes or controls") {
    for (const char* good : {"user@example.com", "user+tag@example.com", "u@localhost", "\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.\xe5\xb9\xbf\xe5\x91\x8a",
                             "o'brien@example.ie"}) {
        CAPTURE(good);
        CHECK(pl::build_start_request(make_client(), email_code(good)).ok());
    }
    const std::string bad[] = {"", " user@example.com", "user@example.com ", "user@evil.example@example.com",
                               "userexample.com", "@example.com", "user@", "us er@example.com", "\"user\"@example.com",
                               "us\\er@example.com", "user@example.com\rX: y", "user@example.com\n",
                               std::string("user@exa\0mple.com", 17), "user@ex\xc2\x85.com", "user@\xff.com",
                               std::string(243, 'a') + "@example.com"};
    for (const auto& b : bad) {
        CAPTURE(b);
        CHECK(start_error(email_code(b)).field == "email");
    }
    CHECK(pl::build_start_request(make_client(), email_code(std::string(242, 'a') + "@example.com")).ok());
}

TEST_CASE("phone numbers: E.164 only") {
    pl::start_params p;
    p.connection = "sms";
    for (const char* good : {"+14155552671", "+442071838750", "+1234567", "+123456789012345"}) {
        CAPTURE(good);
        p.phone_number = good;
        CHECK(pl::build_start_request(make_client(), p).ok());
    }
    for (const char* bad : {"", "14155552671", "+1-415-555-2671", "+14155552671ext12", "+1415555CALL", "+1234567890123456",
                            "+123456", "+04155552671", "+1 415 555 2671", "+"}) {
        CAPTURE(bad);
        p.phone_number = bad;
        CHECK(start_error(p).field == "phone_number");
    }
    p.phone_number.reset();
    CHECK(start_error(p).field == "phone_number");
    p.phone_number = "+14155552671";
    p.email = "user@example.com";
    CHECK(start_error(p).field == "email");
}

TEST_CASE("connection, language, forwarded-for and authParams are checked") {
    auto p = email_code();
    p.connection = "email\r\nX: y";
    CHECK(start_error(p).field == "connection");
    p.connection = "";
    CHECK(start_error(p).field == "connection");
    p.connection = "email";
    p.phone_number = "+14155552671";
    CHECK(start_error(p).field == "phone_number");

    for (const std::string& bad : {std::string("app\r\nX-Injected: 1"), std::string("app\rX: y"), std::string("app\0x", 5),
                                  std::string("app\x1bx"), std::string("fr\xc3\xa9"), std::string(""), std::string(" fr")}) {
        auto q = email_code();
        q.language = bad;
        CHECK(start_error(q).field == "language");
    }
    for (const char* good : {"203.0.113.7", "2001:db8::1", "::1", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8"}) {
        auto q = email_code();
        q.forwarded_for = good;
        CAPTURE(good);
        CHECK(pl::build_start_request(make_client(), q).ok());
    }
    for (const char* bad : {"app-\xc3\xa9", "203.0.113.256", "203.0.113", "01.2.3.4", "1:2:3:4:5:6:7:8:9", "1::2::3",
                            "203.0.113.7\r\n", "", "example.com"}) {
        auto q = email_code();
        q.forwarded_for = bad;
        CAPTURE(bad);
        CHECK(start_error(q).field == "forwarded_for");
    }
    auto q = email_code();
    q.auth_params = std::vector<std::pair<std::string, std::string>>{{"state", "a"}, {"state", "b"}};
    CHECK(start_error(q).field == "auth_params");
    q.auth_params = std::vector<std::pair<std::string, std::string>>{{"", "a"}};
    CHECK(start_error(q).field == "auth_params");
    q.auth_params = std::vector<std::pair<std::string, std::string>>{{"redirect_uri", "https://x\n"}};
    CHECK(start_error(q).field == "auth_params");
    // Entries are checked in order: the first problem is the one reported.
    q.auth_params = std::vector<std::pair<std::string, std::string>>{{"a", "1"}, {"b", "2"}, {"a", "3"}, {"c", "\n"}};
    CHECK(start_error(q).description == "auth_params repeats a parameter name");
    q.auth_params = std::vector<std::pair<std::string, std::string>>{{"a", "1"}, {"c", "\n"}, {"a", "3"}};
    CHECK(start_error(q).description.find("control") != std::string::npos);
}

TEST_CASE("start responses: informational bodies, strict known members") {
    auto ok = pl::parse_start_response(make_response(200, R"({"_id":"5f7c","email":"user@example.com","email_verified":false})"), now);
    REQUIRE(ok.ok());
    CHECK(ok->id == "5f7c");
    CHECK(ok->email == "user@example.com");
    CHECK(ok->email_verified == false);
    CHECK_FALSE(ok->phone_number.has_value());

    auto sms = pl::parse_start_response(make_response(200, R"({"_id":"x","phone_number":"+14155552671","phone_verified":true,"request_language":null})"), now);
    REQUIRE(sms.ok());
    CHECK(sms->phone_number == "+14155552671");
    CHECK(sms->phone_verified == true);

    CHECK(pl::parse_start_response(make_response(200, "", {}), now).ok());
    CHECK(pl::parse_start_response(make_response(204, "", {}), now).ok());
    CHECK(pl::parse_start_response(make_response(200, R"({"email":"a@b","verified":"true"})"), now).ok());

    for (const char* bad : {R"({"email_verified":"false"})", R"({"_id":5})", R"("ok")", "[]", "{", R"({"error":"bad.connection"})",
                            R"({"email":"a","email":"b"})"}) {
        CAPTURE(bad);
        auto r = pl::parse_start_response(make_response(200, bad), now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::malformed_response);
        CHECK(r.failure().action == pl::error_action::retry);
        CHECK(r.failure().status == 200);
    }
    auto gz = pl::parse_start_response(make_response(200, "\x1f\x8b\x08", {{"content-type", "application/json"}, {"content-encoding", "gzip"}}), now);
    REQUIRE_FALSE(gz.ok());
    CHECK(gz.failure().kind == pl::error_kind::malformed_response);
    auto html = pl::parse_start_response(make_response(200, "<html></html>", {{"content-type", "text/html"}}), now);
    REQUIRE_FALSE(html.ok());
    CHECK(html.failure().kind == pl::error_kind::malformed_response);

    auto err = pl::parse_start_response(make_response(400, R"({"error":"bad.email","error_description":"Invalid email address"})"), now);
    REQUIRE_FALSE(err.ok());
    CHECK(err.failure().kind == pl::error_kind::invalid_email);
    CHECK(err.failure().code == "bad.email");
    CHECK(err.failure().description == "Invalid email address");
}
