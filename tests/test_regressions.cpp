// Regressions: each named finding (most from fuzzing, tests/fuzz/) with the input that showed it.
// The minimized fuzz inputs themselves are kept in tests/fuzz/corpus/<target>/crash-*. Hostile
// sizes and shapes in general are test_hostile.cpp.
#include <string>
#include <vector>

#include "support/jwt_helpers.hpp"

using namespace test;

// fuzz_request_builders (crash-telemetry-repeated-env): {"engine":"godot","engine":"linux"} went
// out in the Auth0-Client header, a JSON object with a repeated name, which readers resolve
// differently and which the library's own reader refuses.
TEST_CASE("fuzz regression: telemetry env names must be unique, and at most 64") {
    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    cfg.telemetry = pl::telemetry_info{"auth0-cpp", "1.0.0", {{"engine", "godot"}, {"engine", "linux"}}};
    pl::error e = client_error(cfg);
    CHECK(e.kind == pl::error_kind::invalid_argument);
    CHECK(e.field == "telemetry");

    pl::client_config many = cfg;
    many.telemetry = pl::telemetry_info{"auth0-cpp", "1.0.0", {}};
    for (int i = 0; i < 65; ++i) many.telemetry->env.emplace_back("k" + std::to_string(i), "v");
    CHECK(client_error(many).field == "telemetry");
    many.telemetry->env.pop_back();
    pl::client c = make_client(many);
    auto bytes = pl::detail::base64url_decode_strict(c.telemetry_header());
    REQUIRE(bytes.has_value());
    CHECK(pl::detail::read_json(*bytes, 1u << 20, 8).status == pl::detail::json_read_status::ok);
}

// fuzz_token_response (crash-expires-in-minus-zero, crash-expires-in-escaped-digits): after the
// switch to the flat JSON scanner, "expires_in": -0 was refused as negative and "\u0033600" as
// escaped, although both are the number and the string they spell (nlohmann/json reads -0 as the
// integer 0). The secret-scrambling oracle caught it: re-serialised, the same body was accepted.
TEST_CASE("fuzz regression: expires_in -0 and escaped digits mean what they spell") {
    auto t = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":-0})"), now);
    REQUIRE(t.ok());
    CHECK(t->expires_in == 0);
    CHECK(t->expires_at == now);
    auto e = pl::parse_token_response(
        make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":"\u0033600.\u0030"})"), now);
    REQUIRE(e.ok());
    CHECK(e->expires_in == 3600);
    CHECK_FALSE(pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":-1})"), now).ok());
    CHECK_FALSE(
        pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":"\u002d1"})"), now).ok());
}

// The same reading of -0 in the ID token's NumericDate claims.
TEST_CASE("fuzz regression: a NumericDate of -0 is 0") {
    json claims = good_claims();
    std::string text = claims.dump();
    const std::string iat = "\"iat\":" + std::to_string(now - 10);
    REQUIRE(text.find(iat) != std::string::npos);
    text.replace(text.find(iat), iat.size(), "\"iat\":-0");
    CHECK(pl::verify_id_token(make_jwt_raw(good_header().dump(), text), good_expectations(), stub_verifier_accepts, now).ok());
    text.replace(text.find("\"iat\":-0"), 8, "\"iat\":-1");
    auto r = pl::verify_id_token(make_jwt_raw(good_header().dump(), text), good_expectations(), stub_verifier_accepts, now);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().reason == "iat");
}

// fuzz_callback (crash-error-parameter-not-a-code): a callback's "error" parameter became
// error::code verbatim, whatever it held: a sentence, quotes, or 200 KiB of text, which then also
// went into the description. HTTP error bodies only ever report a code that looks like one; the
// callback classifier now applies the same rule.
TEST_CASE("fuzz regression: a callback error parameter counts as a code only when it looks like one") {
    const std::string junk(200000, 'g');
    auto r = pl::parse_callback("https://app.example.com/cb?error=" + junk + "&state=s", "s");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::unexpected_response);
    CHECK_FALSE(r.failure().code.has_value());
    CHECK(r.failure().description.size() < 200);
    auto sentence = pl::parse_callback("https://app.example.com/cb?error=Access+denied&error_description=No&state=s", "s");
    REQUIRE_FALSE(sentence.ok());
    CHECK_FALSE(sentence.failure().code.has_value());
    CHECK(sentence.failure().description == "No");
    pl::error e = pl::classify_error_code("access_denied", "");
    CHECK(e.kind == pl::error_kind::access_denied);
    CHECK(e.code == "access_denied");
}

// Found while sizing the callback cases: the repeated-parameter check compared every pair, so a
// 256 KiB callback URL of 45 000 short parameters took seconds (minutes under sanitizers). The
// check now sorts once; tests/bench/scaling.cpp measures how the time grows with the input
// (tests/bench/run.sh prints it). Here: the answers at that size.
TEST_CASE("fuzz regression: a callback with tens of thousands of parameters, one repeated") {
    std::string url = "https://app.example.com/cb?state=s&code=c";
    int n = 0;
    for (; url.size() < 256 * 1024 - 16; ++n) url += "&p" + std::to_string(n);
    CHECK(n > 30000);
    auto ok = pl::parse_callback(url, "s");
    REQUIRE(ok.ok());
    CHECK(ok->code == "c");
    for (const std::string& repeated : {std::string("&p7"), "&p" + std::to_string(n - 1), std::string("&state=s")}) {
        CAPTURE(repeated);
        auto r = pl::parse_callback(url + repeated, "s");
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().description.find("repeats") != std::string::npos);
    }
}

// Thousands of keys near the body cap, one kid repeated: every key is kept (kids may repeat,
// RFC 7517 4.5) and looking a kid up finds both, in linear time.
TEST_CASE("fuzz regression: a JWKS document with thousands of keys, one kid repeated") {
    std::string doc = "{\"keys\":[";
    int n = 0;
    auto key = [](int kid) { return std::string("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"kid\":\"") + std::to_string(kid) + "\"}"; };
    for (; doc.size() < 256 * 1024 - 128; ++n) doc += (n ? "," : "") + key(n);
    CHECK(n > 4000);
    auto set = pl::parse_jwks(doc + "]}");
    REQUIRE(set.ok());
    CHECK(set->keys.size() == static_cast<std::size_t>(n));
    CHECK(set->find(std::to_string(n - 1)) != nullptr);
    for (int repeated : {17, 0, n - 1}) {
        CAPTURE(repeated);
        auto dup = pl::parse_jwks(doc + "," + key(repeated) + "]}");
        REQUIRE(dup.ok());
        CHECK(dup->candidates(std::to_string(repeated), "RS256").size() == 2);
    }
}

// fuzz_flat_json (crash-raw-nul-after-document): nlohmann/json stops reading at a raw NUL byte,
// so {"a":1} followed by NUL and anything at all parsed as {"a":1}. Every reader of the library
// now reads the whole text and refuses a raw NUL wherever it stands.
TEST_CASE("fuzz regression: a raw NUL byte never ends a JSON text early") {
    const std::string token_body = R"({"access_token":"at","token_type":"Bearer"})";
    for (const std::string& tail : {std::string("\0", 1), std::string("\0{\"access_token\":\"other\"}", 25),
                                    std::string("\0garbage", 8)}) {
        CAPTURE(tail.size());
        auto t = pl::parse_token_response(make_response(200, token_body + tail), now);
        REQUIRE_FALSE(t.ok());
        CHECK(t.failure().kind == pl::error_kind::malformed_response);
        auto s = pl::parse_start_response(make_response(200, "{}" + tail), now);
        REQUIRE_FALSE(s.ok());
        CHECK(s.failure().kind == pl::error_kind::malformed_response);
        CHECK_FALSE(pl::parse_jwks(R"({"keys":[]})" + tail).ok());
        auto v = pl::verify_id_token(make_jwt_raw(good_header().dump() + tail, good_claims().dump()), good_expectations(),
                                     stub_verifier_accepts, now);
        REQUIRE_FALSE(v.ok());
        CHECK(v.failure().kind == pl::error_kind::invalid_id_token);
    }
    // Inside a string a raw NUL is a control character, refused as JSON requires; escaped, it is data.
    CHECK_FALSE(pl::parse_token_response(make_response(200, std::string("{\"access_token\":\"a\0b\",\"token_type\":\"Bearer\"}", 44)), now).ok());
    CHECK(pl::parse_token_response(make_response(200, R"({"access_token":"a\u0000b","token_type":"Bearer"})"), now).ok());
}
