// Direct tests of detail/validate.hpp: every input rule as a table of accepted and refused
// values, each refusal naming the field and never quoting the value.
#include <string>
#include <vector>

#include "../support/helpers.hpp"
#include <passwordless/detail/validate.hpp>

using namespace test;
namespace d = passwordless::detail;

namespace {

struct rule_case {
    const char* rule;
    std::string value;
    bool accepted;
};

d::check apply(const rule_case& c) {
    const std::string_view r = c.rule;
    if (r == "body") return d::check_body_text("f", c.value, 16);
    if (r == "header") return d::check_header_text("f", c.value, 16, false);
    if (r == "header_spaced") return d::check_header_text("f", c.value, 16, true);
    if (r == "email") return d::check_email("f", c.value);
    if (r == "phone") return d::check_phone("f", c.value);
    if (r == "connection") return d::check_connection_name("f", c.value);
    if (r == "otp") return d::check_otp("f", c.value);
    if (r == "scope") return d::check_scope("f", c.value, 64);
    return d::check_ip_literal("f", c.value);
}

}  // namespace

TEST_CASE("each input rule: accepted values pass, refused ones are invalid_argument naming the field, never the value") {
    const std::vector<rule_case> cases = {
        {"body", "héllo", true}, {"body", "", false}, {"body", std::string(17, 'a'), false}, {"body", "a\nb", false},
        {"body", "\xff\xfe", false}, {"body", std::string("a\0b", 3), false},
        {"header", "abc-123", true}, {"header", "a b", false}, {"header", " a", false}, {"header", "é", false},
        {"header", "a\r\nb", false}, {"header_spaced", "a b", true}, {"header_spaced", "a ", false},
        {"email", "alice@example.com", true}, {"email", "ålice@exämple.com", true}, {"email", "a@b@c", false},
        {"email", "@example.com", false}, {"email", "alice@", false}, {"email", "al ice@example.com", false},
        {"email", "\"a\"@example.com", false}, {"email", std::string(250, 'a') + "@b.co", false},
        {"phone", "+14155552671", true}, {"phone", "+1234567", true}, {"phone", "+0123456789", false},
        {"phone", "14155552671", false}, {"phone", "+1234567890123456", false}, {"phone", "+1415555267a", false},
        {"connection", "email", true}, {"connection", "my-conn_1.x", true}, {"connection", "sms!", false},
        {"connection", std::string(129, 'c'), false},
        {"otp", "1234", true}, {"otp", "0000000000000000", true}, {"otp", "123", false}, {"otp", "12345678901234567", false},
        {"otp", "12a4", false}, {"otp", "١٢٣٤", false},
        {"scope", "openid profile email", true}, {"scope", "openid  email", false}, {"scope", "openid \"x\"", false},
        {"scope", "openid\temail", false},
        {"ip", "192.0.2.1", true}, {"ip", "2001:db8::1", true}, {"ip", "::1", true}, {"ip", "::ffff:192.0.2.1", true},
        {"ip", "192.0.2", false}, {"ip", "192.0.2.256", false}, {"ip", "01.2.3.4", false}, {"ip", "2001:db8:::1", false},
        {"ip", "fe80::1%eth0", false}, {"ip", "localhost", false},
    };
    for (const rule_case& c : cases) {
        CAPTURE(c.rule);
        CAPTURE(c.value);
        const d::check e = apply(c);
        CHECK(e.has_value() != c.accepted);
        if (e) {
            CHECK(e->kind == pl::error_kind::invalid_argument);
            CHECK(e->field == "f");
            if (c.value.size() > 3) CHECK(e->description.find(c.value) == std::string::npos);
        }
    }
}

TEST_CASE("check_now: 0 to max_unix_seconds") {
    CHECK_FALSE(d::check_now(0).has_value());
    CHECK_FALSE(d::check_now(pl::max_unix_seconds).has_value());
    for (pl::unix_seconds bad : {pl::unix_seconds{-1}, pl::max_unix_seconds + 1}) {
        auto e = d::check_now(bad);
        REQUIRE(e.has_value());
        CHECK(e->field == "now");
    }
}

TEST_CASE("is_e164, parse_ipv4 and parse_ipv6 agree with the checks built on them") {
    CHECK(d::is_e164("+14155552671"));
    CHECK_FALSE(d::is_e164("+"));
    CHECK(d::parse_ipv4("0.0.0.0"));
    CHECK(d::parse_ipv4("255.255.255.255"));
    CHECK_FALSE(d::parse_ipv4("1.2.3.4.5"));
    CHECK(d::parse_ipv6("::"));
    CHECK(d::parse_ipv6("1:2:3:4:5:6:7:8"));
    CHECK_FALSE(d::parse_ipv6("1:2:3:4:5:6:7:8:9"));
    CHECK_FALSE(d::parse_ipv6(":1"));
}
