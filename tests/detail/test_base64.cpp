// detail/base64.hpp: base64 and strict base64url.
#include <string>

#include "../support/helpers.hpp"
#include <passwordless/detail/base64.hpp>

using namespace test;
namespace d = passwordless::detail;

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
