// Values: result, error kinds and actions, headers, and the private text, base64, date and JSON
// helpers everything else stands on.
#include <set>
#include <string>

#include "helpers.hpp"
#include <passwordless/detail/base64.hpp>
#include <passwordless/detail/flat_json.hpp>
#include <passwordless/detail/http_date.hpp>
#include <passwordless/detail/json_reader.hpp>
#include <passwordless/detail/json_writer.hpp>
#include <passwordless/detail/text.hpp>

using namespace test;
namespace d = passwordless::detail;

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

TEST_CASE("every kind has the action DRIVER.md gives it, and a unique name") {
    const std::pair<const char*, const char*> expected[] = {
        {"invalid_argument", "fix_input"},      {"invalid_state", "none"},
        {"wrong_code", "retry_code"},           {"code_expired", "restart"},
        {"attempts_exhausted", "restart"},      {"rate_limited", "wait"},
        {"blocked", "give_up"},                 {"mfa_required", "mfa"},
        {"grant_not_allowed", "fix_config"},    {"invalid_client", "fix_config"},
        {"invalid_connection", "fix_config"},   {"invalid_request", "fix_config"},
        {"invalid_email", "fix_input"},         {"invalid_phone_number", "fix_input"},
        {"delivery_failed", "retry"},           {"access_denied", "give_up"},
        {"verification_required", "give_up"},   {"invalid_refresh_token", "restart"},
        {"server_error", "retry"},              {"unknown_error", "give_up"},
        {"unexpected_response", "retry"},       {"malformed_response", "retry"},
        {"invalid_id_token", "give_up"},        {"state_mismatch", "restart"},
        {"transport_failed", "retry"},
        {"invalid_dpop_proof", "fix_config"},   {"dpop_nonce_required", "retry"},
    };
    std::set<std::string> names;
    int i = 0;
    for (const auto& pair : expected) {
        const char* kind = pair.first;
        const char* action = pair.second;
        const auto k = static_cast<pl::error_kind>(i++);
        CAPTURE(kind);
        CHECK(pl::to_string(k) == kind);
        CHECK(pl::to_string(pl::action_for(k)) == action);
        names.insert(std::string(pl::to_string(k)));
    }
    CHECK(static_cast<int>(pl::last_error_kind) == i - 1);
    CHECK(names.size() == static_cast<std::size_t>(i));
}

TEST_CASE("header lookup ignores ASCII case and returns the first match") {
    pl::response r = make_response(200, "", {{"X-RateLimit-Limit", "10"}, {"x-ratelimit-limit", "20"}});
    REQUIRE(r.find_header("x-ratelimit-limit").has_value());
    CHECK(*r.find_header("X-RATELIMIT-LIMIT") == "10");
    CHECK_FALSE(r.find_header("x-ratelimit-limi").has_value());
    CHECK(pl::header_name_equals("Content-Type", "content-type"));
    CHECK_FALSE(pl::header_name_equals("Content-Type", "content-typ"));
}

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

TEST_CASE("base64url round trip and strict decoding") {
    const std::string samples[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\xfe", 3)};
    for (const auto& s : samples) {
        const std::string enc = d::base64_encode(s, d::base64_alphabet::url, false);
        CHECK(enc.find('=') == std::string::npos);
        auto dec = d::base64url_decode_strict(enc);
        REQUIRE(dec.has_value());
        CHECK(*dec == s);
    }
    CHECK(d::base64_encode("foob", d::base64_alphabet::standard, true) == "Zm9vYg==");
    CHECK(d::base64_encode("\xfb\xff", d::base64_alphabet::url, false) == "-_8");
    CHECK(d::base64_encode("\xfb\xff", d::base64_alphabet::standard, true) == "+/8=");
    CHECK_FALSE(d::base64url_decode_strict("Zm9vYg==").has_value());  // padding
    CHECK_FALSE(d::base64url_decode_strict("+/8").has_value());       // standard alphabet
    CHECK_FALSE(d::base64url_decode_strict("Zm9vY").has_value());     // length 1 mod 4
    CHECK_FALSE(d::base64url_decode_strict("Zh").has_value());        // non-canonical trailing bits
    CHECK_FALSE(d::base64url_decode_strict("Zm 9v").has_value());     // whitespace
}

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

TEST_CASE("the flat scanner records top-level members and decodes like nlohmann/json") {
    d::flat_object o;
    bool is_object = false;
    REQUIRE(d::flat_object::scan(R"({"s":"a\u00e9\ud83d\ude00\n","e":"plain","n":-5,"u":7,"f":1.5,"big":18446744073709551616,)"
                                 R"("b":false,"z":null,"o":{"x":[1,2]},"a":[],"\u006b":"escaped name"})",
                                 1 << 20, 8, o, is_object) == d::json_read_status::ok);
    CHECK(is_object);
    REQUIRE(o.members().size() == 11);
    CHECK(o.string_value(*o.find("s")) == "a\xc3\xa9\xf0\x9f\x98\x80\n");
    CHECK_FALSE(o.plain_string(*o.find("s")).has_value());
    CHECK(o.plain_string(*o.find("e")) == std::string_view("plain"));
    CHECK(o.number_value(*o.find("n")).kind == d::flat_object::number::type::integer);
    CHECK(o.number_value(*o.find("n")).i == -5);
    CHECK(o.number_value(*o.find("u")).kind == d::flat_object::number::type::unsigned_integer);
    CHECK(o.number_value(*o.find("u")).u == 7);
    CHECK(o.number_value(*o.find("f")).d == 1.5);
    CHECK(o.number_value(*o.find("big")).kind == d::flat_object::number::type::floating);
    CHECK(o.find("b")->kind == d::json_kind::boolean);
    CHECK_FALSE(o.bool_value(*o.find("b")));
    CHECK(o.find("z")->kind == d::json_kind::null);
    CHECK(o.raw_value(*o.find("o")) == R"({"x":[1,2]})");
    CHECK(o.find("a")->kind == d::json_kind::array);
    REQUIRE(o.find("k") != nullptr);
    CHECK(o.key(*o.find("k")) == "k");
    CHECK(o.find("missing") == nullptr);

    // Duplicates at any level, also among many names and behind escapes.
    std::string many = "{";
    for (int i = 0; i < 100; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    CHECK(d::flat_object::scan(many + "\"k7\":0}", 1 << 20, 8, o, is_object) == d::json_read_status::duplicate_name);
    CHECK(d::flat_object::scan(many + "\"k100\":0}", 1 << 20, 8, o, is_object) == d::json_read_status::ok);
    CHECK(d::flat_object::scan(R"({"a":{"x":1,"\u0078":2}})", 1 << 20, 8, o, is_object) == d::json_read_status::duplicate_name);
    // Caps, BOM, NUL and what nlohmann/json refuses.
    CHECK(d::flat_object::scan("[[[[1]]]]", 1 << 20, 3, o, is_object) == d::json_read_status::too_deep);
    CHECK(d::flat_object::scan("\xef\xbb\xbf{}", 1 << 20, 8, o, is_object) == d::json_read_status::byte_order_mark);
    CHECK(d::flat_object::scan(std::string("{}\0x", 4), 1 << 20, 8, o, is_object) == d::json_read_status::invalid);
    CHECK(d::flat_object::scan("{}", 1, 8, o, is_object) == d::json_read_status::too_large);
    for (const char* bad : {"", "{", "{\"a\"}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e400}", "{\"a\":\"\\ud800\"}",
                            "{\"a\":\"\\udc00\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\x01\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":tru}", "{,}",
                            "{\"a\":1,}", "[1,]", "nul"}) {
        CAPTURE(bad);
        CHECK(d::flat_object::scan(bad, 1 << 20, 8, o, is_object) == d::json_read_status::invalid);
        CHECK(d::read_json(bad, 1 << 20, 8).status == d::json_read_status::invalid);
    }
    CHECK(d::flat_object::scan("\"just a string\"", 1 << 20, 8, o, is_object) == d::json_read_status::ok);
    CHECK_FALSE(is_object);
}
