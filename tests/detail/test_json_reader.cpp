// detail/json_reader.hpp: nlohmann/json behind caps, without duplicates, BOMs or overflow.
#include <string>

#include "../support/helpers.hpp"
#include <passwordless/detail/json_reader.hpp>

using namespace test;
namespace d = passwordless::detail;

TEST_CASE("JSON reader enforces caps, rejects duplicates, BOMs and overflow") {
    CHECK(d::read_json(R"({"a":[1,{"b":null}]})", 1024, 8).status == d::json_read_status::ok);
    CHECK(d::read_json(R"({"a":1,"a":2})", 1024, 8).status == d::json_read_status::duplicate_name);
    CHECK(d::read_json(R"({"a":1,"\u0061":2})", 1024, 8).status == d::json_read_status::duplicate_name);
    CHECK(d::read_json(R"({"a":{"x":1},"b":{"x":1}})", 1024, 8).status == d::json_read_status::ok);
    CHECK(d::read_json("\xef\xbb\xbf{}", 1024, 8).status == d::json_read_status::byte_order_mark);
    CHECK(d::read_json(R"({"n":1e400})", 1024, 8).status == d::json_read_status::invalid);
    CHECK(d::read_json(R"({"n":NaN})", 1024, 8).status == d::json_read_status::invalid);
    CHECK(d::read_json("{} {}", 1024, 8).status == d::json_read_status::invalid);
    // Regression (found by the flat_json differential fuzz target): nlohmann/json stops at a NUL
    // byte and ignores the rest, so a raw NUL anywhere is refused.
    CHECK(d::read_json(std::string("{\"a\":1}\0{\"a\":2}", 15), 1024, 8).status == d::json_read_status::invalid);
    CHECK(d::read_json(std::string("\"sTr\"\n\0\0\0", 9), 1024, 8).status == d::json_read_status::invalid);
    CHECK(d::read_json("{/*c*/}", 1024, 8).status == d::json_read_status::invalid);
    CHECK(d::read_json("\"\xc0\xaf\"", 1024, 8).status == d::json_read_status::invalid);
    CHECK(d::read_json("[[[[1]]]]", 1024, 4).status == d::json_read_status::ok);
    CHECK(d::read_json("[[[[[1]]]]]", 1024, 4).status == d::json_read_status::too_deep);
    CHECK(d::read_json(std::string(2000, ' ') + "{}", 1024, 8).status == d::json_read_status::too_large);
    auto parsed = d::read_json(R"({"s":"x","n":-5,"u":7,"f":1.5,"b":true,"z":null,"a":[1,2]})", 1024, 8);
    REQUIRE(parsed.status == d::json_read_status::ok);
    CHECK(parsed.value["s"] == "x");
    CHECK(parsed.value["n"] == -5);
    CHECK(parsed.value["u"] == 7);
    CHECK(parsed.value["f"] == 1.5);
    CHECK(parsed.value["b"] == true);
    CHECK(parsed.value["z"].is_null());
    CHECK(parsed.value["a"].size() == 2);
}
