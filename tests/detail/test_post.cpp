// Direct tests of detail/post.hpp: the POST every endpoint builder sends, the client credentials
// in a body, and the forwarded-for header.
#include <string>

#include "../support/helpers.hpp"
#include <passwordless/detail/post.hpp>

using namespace test;
namespace d = passwordless::detail;

TEST_CASE("make_post: method, URL, content type, body, and Auth0-Client only when given") {
    pl::request r = d::make_post("https://example.auth0.com/oauth/token", "", "{\"a\":\"b\"}", "application/json");
    CHECK(r.method == "POST");
    CHECK(r.url == "https://example.auth0.com/oauth/token");
    CHECK(r.content_type == "application/json");
    CHECK(r.body == "{\"a\":\"b\"}");
    REQUIRE(r.headers.size() == 1);
    CHECK(r.headers[0].name == "content-type");
    CHECK(r.headers[0].value == "application/json");

    pl::request t = d::make_post("https://x.example/p", "eyJuYW1lIjoieCJ9", "a=b", "application/x-www-form-urlencoded");
    REQUIRE(t.headers.size() == 2);
    CHECK(t.headers[1].name == "auth0-client");
    CHECK(t.headers[1].value == "eyJuYW1lIjoieCJ9");
    CHECK(t.find_header("Content-Type") == std::optional<std::string_view>("application/x-www-form-urlencoded"));
}

TEST_CASE("add_client_credentials: the secret only in the body when asked, the assertion with its type") {
    struct row {
        const char* secret;
        const char* assertion;
        bool in_body;
        const char* expected;
    };
    const row rows[] = {
        {"", "", true, "{}"},
        {"s3cret", "", true, R"({"client_secret":"s3cret"})"},
        {"s3cret", "", false, "{}"},  // Basic: the caller sends it in a header
        {"", "eyJ.a.b", true,
         R"({"client_assertion":"eyJ.a.b","client_assertion_type":"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"})"},
    };
    for (const row& r : rows) {
        CAPTURE(r.expected);
        d::body_writer w(false);
        d::add_client_credentials(w, r.secret, r.assertion, r.in_body);
        CHECK(json::parse(std::move(w).finish()) == json::parse(r.expected));
    }
    d::body_writer form(true);
    d::add_client_credentials(form, "a b&c", "", true);
    CHECK(std::move(form).finish() == "client_secret=a%20b%26c");
}

TEST_CASE("add_forwarded_for: absent adds nothing, an IP literal is added, anything else is refused by field") {
    pl::request r = d::make_post("https://x.example/p", "", "", "application/json");
    CHECK_FALSE(d::add_forwarded_for(r, std::nullopt).has_value());
    CHECK(r.headers.size() == 1);
    for (const char* ip : {"203.0.113.7", "2001:db8::1", "::ffff:192.0.2.1"}) {
        pl::request q = r;
        CHECK_FALSE(d::add_forwarded_for(q, std::string(ip)).has_value());
        CHECK(q.find_header("auth0-forwarded-for") == std::optional<std::string_view>(ip));
    }
    for (const char* bad : {"", "example.com", "203.0.113.7\r\nx: y", "256.1.1.1", "fe80::1%eth0"}) {
        pl::request q = r;
        auto e = d::add_forwarded_for(q, std::string(bad));
        REQUIRE(e.has_value());
        CHECK(e->kind == pl::error_kind::invalid_argument);
        CHECK(e->field == "forwarded_for");
        CHECK(q.headers.size() == 1);  // nothing added on refusal
    }
}
