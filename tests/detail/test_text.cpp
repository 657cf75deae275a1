// detail/text.hpp: UTF-8, control characters and the other text helpers.
#include <string>
#include <utility>
#include <vector>

#include "../support/helpers.hpp"
#include <passwordless/detail/text.hpp>

using namespace test;
namespace d = passwordless::detail;

TEST_CASE("UTF-8 validation is strict") {
    CHECK(d::is_valid_utf8("plain"));
    CHECK(d::is_valid_utf8("\xe7\x94\xa8\xe6\x88\xb7"));      // 用户
    CHECK(d::is_valid_utf8("\xf0\x9f\x98\x80"));              // U+1F600
    CHECK_FALSE(d::is_valid_utf8("\xc0\xaf"));                // overlong '/'
    CHECK_FALSE(d::is_valid_utf8("\xe0\x80\xaf"));            // overlong, 3 bytes
    CHECK_FALSE(d::is_valid_utf8("\xed\xa0\x80"));            // surrogate U+D800
    CHECK_FALSE(d::is_valid_utf8("\xf4\x90\x80\x80"));        // above U+10FFFF
    CHECK_FALSE(d::is_valid_utf8("\xff"));
    CHECK_FALSE(d::is_valid_utf8("abc\xe7\x94"));             // truncated
}

TEST_CASE("control characters include C1 controls") {
    CHECK(d::has_control(std::string("a\0b", 3)));
    CHECK(d::has_control("a\rb"));
    CHECK(d::has_control("a\x7f"));
    CHECK(d::has_control("a\xc2\x85"));   // NEL
    CHECK_FALSE(d::has_control("caf\xc3\xa9"));
}

TEST_CASE("first_repeated_name: the position of the first entry whose name came before") {
    using entries = std::vector<std::pair<std::string, std::string>>;
    CHECK(d::first_repeated_name(entries{}) == 0);
    CHECK(d::first_repeated_name(entries{{"a", "1"}, {"b", "1"}}) == 2);
    CHECK(d::first_repeated_name(entries{{"b", ""}, {"a", ""}, {"c", ""}, {"a", ""}, {"b", ""}}) == 3);
    CHECK(d::first_repeated_name(entries{{"x", ""}, {"y", ""}, {"y", ""}, {"x", ""}}) == 2);
    entries many;
    for (int i = 0; i < 64; ++i) many.emplace_back("k" + std::to_string(i), "v");
    CHECK(d::first_repeated_name(many) == 64);
    many.back().first = "k0";
    CHECK(d::first_repeated_name(many) == 63);
}

TEST_CASE("hex_digit_value: both cases, -1 otherwise") {
    CHECK(d::hex_digit_value('0') == 0);
    CHECK(d::hex_digit_value('9') == 9);
    CHECK(d::hex_digit_value('a') == 10);
    CHECK(d::hex_digit_value('F') == 15);
    for (char c : {'g', 'G', '/', ':', '@', '`', ' ', '\0'}) CHECK(d::hex_digit_value(c) == -1);
}
