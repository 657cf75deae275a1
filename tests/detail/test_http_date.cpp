// detail/http_date.hpp: the three HTTP date forms.
#include "../support/helpers.hpp"
#include <passwordless/detail/http_date.hpp>

using namespace test;
namespace d = passwordless::detail;

TEST_CASE("HTTP dates in all three forms") {
    CHECK(d::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    CHECK(d::parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == 784111777);
    CHECK(d::parse_http_date("Sun Nov  6 08:49:37 1994") == 784111777);
    CHECK(d::parse_http_date("Tue, 14 Nov 2023 22:14:20 GMT") == 1700000060);
    CHECK_FALSE(d::parse_http_date("Sun, 06 Nov 1994 08:49:37 PST").has_value());
    CHECK_FALSE(d::parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT").has_value());
    CHECK_FALSE(d::parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT").has_value());
    CHECK_FALSE(d::parse_http_date("yesterday").has_value());
}
