// time.hpp: the one range of times, and the `now` check every time-taking call applies.
#include "support/helpers.hpp"

using namespace test;

TEST_CASE("is_valid_time: 0 to 9999-12-31T23:59:59Z") {
    CHECK(pl::max_unix_seconds == 253402300799);
    CHECK(pl::max_now == pl::max_unix_seconds);
    CHECK(pl::is_valid_time(0));
    CHECK(pl::is_valid_time(pl::max_unix_seconds));
    CHECK_FALSE(pl::is_valid_time(-1));
    CHECK_FALSE(pl::is_valid_time(pl::max_unix_seconds + 1));
}

TEST_CASE("a now outside the range is refused the same way by every call that checks it") {
    const pl::response ok = make_response(200, R"({"access_token":"at","token_type":"Bearer"})");
    for (pl::unix_seconds bad : {pl::unix_seconds{-1}, pl::max_unix_seconds + 1}) {
        CAPTURE(bad);
        auto t = pl::parse_token_response(ok, bad);
        REQUIRE_FALSE(t.ok());
        CHECK(t.failure().field == "now");
        CHECK(t.failure().description == "now must be between 0 and 253402300799");
    }
    CHECK(pl::parse_token_response(ok, pl::max_unix_seconds).ok());
}
