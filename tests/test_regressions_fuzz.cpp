// Regressions found by fuzzing (tests/fuzz/), each named after what it found, and the hostile
// sizes fuzzing cannot reach (100 000 and 1 000 000 levels of nesting, 1 MiB and 100 MiB inputs,
// tokens of 64 KiB and more, long header and parameter lists) for the ID token, JWKS and
// callback parsers; test_hostile.cpp covers the same for the two endpoint parsers.
// The minimized fuzz inputs themselves are kept in tests/fuzz/corpus/<target>/crash-*.
#include <string>
#include <vector>

#include "jwt_helpers.hpp"

using namespace test;

namespace {

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A payload whose "extra" claim is `depth` nested arrays, otherwise valid.
std::string deep_claims(std::size_t depth) {
    std::string c = good_claims().dump();
    c.pop_back();
    return c + ",\"extra\":" + nested(depth) + "}";
}

pl::checked_limits roomy() {
    pl::client_limits l;
    l.max_token_bytes = 16u << 20;
    l.max_body_bytes = 16u << 20;
    return pl::checked_limits::create(l).value();
}

}  // namespace

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

TEST_CASE("ID tokens of 64 KiB and larger: the size cap comes first") {
    const auto x = good_expectations();
    // A valid token padded by a claim to the largest size within 64 KiB, and one byte-step over.
    auto with_pad = [](std::size_t pad) {
        json c = good_claims();
        c["pad"] = std::string(pad, 'p');
        return make_jwt(good_header(), c);
    };
    std::size_t lo = 0;
    std::size_t hi = 64 * 1024;
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        (with_pad(mid).size() <= 64 * 1024 ? lo : hi) = mid;
    }
    const std::string at_cap = with_pad(lo);
    const std::string over = with_pad(hi);
    REQUIRE(at_cap.size() <= 64 * 1024);
    REQUIRE(at_cap.size() > 64 * 1024 - 8);
    REQUIRE(over.size() > 64 * 1024);
    CHECK(pl::verify_id_token(at_cap, x, stub_verifier_accepts, now).ok());
    for (const std::string& token : {over, std::string(1u << 20, 'a'), std::string(100u << 20, 'a')}) {
        CAPTURE(token.size());
        int calls = 0;
        auto r = pl::verify_id_token(token, x, [&](const pl::signature_input&) { return ++calls > 0; }, now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().reason == "malformed");
        CHECK(r.failure().description.find("size limit") != std::string::npos);
        CHECK(calls == 0);
        CHECK_FALSE(pl::decode_jwt(token).ok());
    }
    // A larger configured cap is honoured.
    pl::client_limits big;
    big.max_token_bytes = 1u << 20;
    CHECK(pl::verify_id_token(over, x, stub_verifier_accepts, now, pl::checked_limits::create(big).value()).ok());
}

TEST_CASE("ID tokens nested 100 000 and 1 000 000 levels deep are refused by the depth cap") {
    const auto x = good_expectations();
    for (std::size_t depth : {100000u, 1000000u}) {
        CAPTURE(depth);
        const std::string token = make_jwt_raw(good_header().dump(), deep_claims(depth));
        // Under the default 64 KiB cap it is refused for its size ...
        CHECK(pl::verify_id_token(token, x, stub_verifier_accepts, now).failure().reason == "malformed");
        // ... and with room for it, by the depth cap, after the signature check.
        auto r = pl::verify_id_token(token, x, stub_verifier_accepts, now, roomy());
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().reason == "malformed");
        CHECK(r.failure().description.find("deeper") != std::string::npos);
        auto header_deep = make_jwt_raw("{\"alg\":\"RS256\",\"kid\":\"k1\",\"x\":" + nested(depth) + "}", good_claims().dump());
        auto h = pl::verify_id_token(header_deep, x, stub_verifier_accepts, now, roomy());
        REQUIRE_FALSE(h.ok());
        CHECK(h.failure().description.find("header") != std::string::npos);
        CHECK_FALSE(pl::decode_jwt(token, roomy()).ok());
    }
}

TEST_CASE("JWKS documents: 1 MiB and 100 MiB bodies, 100 000 and 1 000 000 levels, long header lists") {
    const std::string keys = R"({"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]})";
    for (std::size_t size : {std::size_t{1} << 20, std::size_t{100} << 20}) {
        CAPTURE(size);
        std::string big = keys;
        big.append(size - big.size(), ' ');
        auto r = pl::parse_jwks(big);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::malformed_response);
        CHECK(r.failure().description.find("limit") != std::string::npos);
        auto resp = pl::parse_jwks_response(make_response(200, big), now);
        REQUIRE_FALSE(resp.ok());
        CHECK(resp.failure().status == 200);
    }
    for (std::size_t depth : {100000u, 1000000u}) {
        CAPTURE(depth);
        auto r = pl::parse_jwks(R"({"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB","x":)" + nested(depth) + "}]}", roomy());
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().description.find("deeper") != std::string::npos);
    }
    std::vector<pl::header> headers;
    for (int i = 0; i < 10000; ++i) headers.push_back({"x-filler-" + std::to_string(i), std::string(100, 'v')});
    headers.push_back({"Content-Type", "application/json"});
    auto ok = pl::parse_jwks_response(make_response(200, keys, headers), now);
    REQUIRE(ok.ok());
    CHECK(ok->find("k1") != nullptr);
    headers.back() = {"Content-Type", "text/html"};
    CHECK_FALSE(pl::parse_jwks_response(make_response(200, keys, headers), now).ok());
}

TEST_CASE("callback URLs: 1 MiB and 100 MiB, 64 KiB tokens, deep percent-encoding") {
    for (std::size_t size : {std::size_t{1} << 20, std::size_t{100} << 20}) {
        CAPTURE(size);
        std::string url = "https://app.example.com/cb?state=s&code=";
        url.append(size - url.size(), 'c');
        auto r = pl::parse_callback(url, "s");
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().field == "url");
        CHECK(r.failure().description.find("size limit") != std::string::npos);
    }
    // A 64 KiB ID token in a fragment fits, and comes back byte for byte.
    const std::string token(64 * 1024, 't');
    auto r = pl::parse_callback("myapp://cb#id_token=" + token + "&state=s", "s");
    REQUIRE(r.ok());
    CHECK(r->id_token == token);
    // The same with every byte percent-encoded (192 KiB) still fits; 96 KiB encoded does not.
    std::string encoded;
    for (std::size_t i = 0; i < token.size(); ++i) encoded += "%74";
    auto e = pl::parse_callback("myapp://cb#id_token=" + encoded + "&state=s", "s");
    REQUIRE(e.ok());
    CHECK(e->id_token == token);
    for (std::size_t i = 0; i < 32 * 1024; ++i) encoded += "%74";
    CHECK(pl::parse_callback("myapp://cb#id_token=" + encoded + "&state=s", "s").failure().field == "url");
    // "[[[...]]]" is only text here: no JSON is parsed from a callback.
    auto nested_text = pl::parse_callback("https://app.example.com/cb?state=s&code=" + nested(100000), "s");
    REQUIRE(nested_text.ok());
    CHECK(nested_text->code->size() == 200000);
}

TEST_CASE("token responses carrying tokens of 64 KiB and larger") {
    const std::string at_cap(64 * 1024, 'a');
    const std::string over(64 * 1024 + 1, 'a');
    auto body = [](const std::string& access, const std::string& id) {
        return R"({"access_token":")" + access + R"(","token_type":"Bearer","id_token":")" + id + "\"}";
    };
    auto ok = pl::parse_token_response(make_response(200, body(at_cap, at_cap)), now);
    REQUIRE(ok.ok());
    CHECK(ok->access_token.size() == 64 * 1024);
    for (const std::string& b : {body(over, "x"), body("x", over)}) {
        auto r = pl::parse_token_response(make_response(200, b), now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::malformed_response);
        CHECK(r.failure().description.find("token size limit") != std::string::npos);
        CHECK(r.failure().description.find("aaaa") == std::string::npos);
    }
    // A 1 MiB token is over the 256 KiB body cap before any token is looked at.
    auto big = pl::parse_token_response(make_response(200, body(std::string(1u << 20, 'a'), "x")), now);
    REQUIRE_FALSE(big.ok());
    CHECK(big.failure().description.find("body limit") != std::string::npos);
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
