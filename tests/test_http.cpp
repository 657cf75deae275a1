// http.hpp: requests, responses and header lookup.
#include "support/helpers.hpp"

using namespace test;

TEST_CASE("header lookup ignores ASCII case and returns the first match") {
    pl::response r = make_response(200, "", {{"X-RateLimit-Limit", "10"}, {"x-ratelimit-limit", "20"}});
    REQUIRE(r.find_header("x-ratelimit-limit").has_value());
    CHECK(*r.find_header("X-RATELIMIT-LIMIT") == "10");
    CHECK_FALSE(r.find_header("x-ratelimit-limi").has_value());
    CHECK(pl::header_name_equals("Content-Type", "content-type"));
    CHECK_FALSE(pl::header_name_equals("Content-Type", "content-typ"));
}
