// detail/json_writer.hpp: JSON strings and form encoding.
#include <string>

#include "../support/helpers.hpp"
#include <passwordless/detail/json_writer.hpp>

using namespace test;
namespace d = passwordless::detail;

TEST_CASE("JSON writer escapes what JSON requires and nothing else") {
    std::string out;
    d::append_json_string(out, std::string("a\"b\\c\n\x01\xc3\xa9", 9));
    CHECK(out == "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\"");
    json back = json::parse(out, nullptr, false);
    REQUIRE(back.is_string());
    CHECK(back.get<std::string>() == std::string("a\"b\\c\n\x01\xc3\xa9", 9));

    std::string form;
    d::append_form_encoded(form, "a b+c/\xc3\xa9~");
    CHECK(form == "a%20b%2Bc%2F%C3%A9~");
}

TEST_CASE("json_string_object writes the entries in order as JSON strings") {
    CHECK(d::json_string_object({}) == "{}");
    CHECK(d::json_string_object({{"a", "1"}, {"q\"", "x\ny"}}) == "{\"a\":\"1\",\"q\\\"\":\"x\\ny\"}");
}
