// result.hpp: a value or an error.
#include "support/helpers.hpp"

using namespace test;

TEST_CASE("result holds a value or an error") {
    pl::result<int> good = 42;
    REQUIRE(good.ok());
    CHECK(static_cast<bool>(good));
    CHECK(good.value() == 42);
    CHECK(*good == 42);

    pl::result<int> bad = pl::error::invalid_argument("email", "must not be empty");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.failure().kind == pl::error_kind::invalid_argument);
    CHECK(bad.failure().action == pl::error_action::fix_input);
    CHECK(bad.failure().field == "email");
    CHECK(bad.failure().description == "email must not be empty");
}
