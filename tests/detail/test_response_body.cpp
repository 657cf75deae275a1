// Direct tests of detail/response_body.hpp: which success bodies are read as JSON, and how each
// deviation is named.
#include <string>

#include "../support/helpers.hpp"
#include <passwordless/detail/response_body.hpp>

using namespace test;
namespace d = passwordless::detail;

TEST_CASE("trim_ows, media_type, is_blank") {
    CHECK(d::trim_ows(" \t a b \t") == "a b");
    CHECK(d::trim_ows("") == "");
    CHECK(d::media_type("Application/JSON; charset=utf-8") == "application/json");
    CHECK(d::media_type("  text/html ") == "text/html");
    CHECK(d::is_blank(" \r\n\t"));
    CHECK_FALSE(d::is_blank(" {} "));
}

TEST_CASE("body_may_be_json: absent, application/json or +json, and no content encoding") {
    struct row {
        std::vector<pl::header> headers;
        bool json;
    };
    const row rows[] = {
        {{}, true},
        {{{"content-type", "application/json"}}, true},
        {{{"Content-Type", "application/json; charset=utf-8"}}, true},
        {{{"content-type", "application/problem+json"}}, true},
        {{{"content-type", "text/html"}}, false},
        {{{"content-type", "text/plain"}}, false},
        {{{"content-type", "application/json"}, {"content-encoding", "gzip"}}, false},
        {{{"content-type", "application/json"}, {"content-encoding", "identity"}}, true},
    };
    for (const row& r : rows) {
        CAPTURE(r.headers.size());
        CHECK(d::body_may_be_json(make_response(200, "{}", r.headers)) == r.json);
    }
}

TEST_CASE("read_success_object: one JSON object, each deviation malformed_response with the status") {
    const pl::checked_limits lim;
    auto ok = d::read_success_object(make_response(200, R"({"access_token":"x"})"), lim, false, "token");
    REQUIRE(ok.ok());
    REQUIRE(ok.value().find("access_token") != nullptr);
    CHECK(ok.value().string_value(*ok.value().find("access_token")) == "x");
    CHECK(d::read_success_object(make_response(204, ""), lim, true, "start").ok());

    struct row {
        pl::response r;
        const char* says;
    };
    const row rows[] = {
        {make_response(200, ""), "body is empty"},
        {make_response(200, "<html></html>", {{"content-type", "text/html"}}), "is not plain JSON (text/html"},
        {make_response(200, "[1]"), "not a JSON object"},
        {make_response(200, "{\"a\":1,\"a\":2}"), "token response body is"},
        {make_response(200, R"({"error":"invalid_grant"})"), "carries an error member"},
        {make_response(200, std::string(pl::checked_limits().max_body_bytes() + 1, ' ')), "larger than"},
    };
    for (const row& r : rows) {
        CAPTURE(r.says);
        auto got = d::read_success_object(r.r, lim, false, "token");
        REQUIRE_FALSE(got.ok());
        CHECK(got.failure().kind == pl::error_kind::malformed_response);
        CHECK(got.failure().status == 200);
        CHECK(got.failure().description.find(r.says) != std::string::npos);
    }
}
