// Hostile responses and inputs: sizes, depth, encodings, types, and secrets in messages, for every
// parser: the endpoint responses, ID tokens, JWKS documents and callback URLs, up to what fuzzing
// cannot reach (100 000 and 1 000 000 levels of nesting, 1 MiB and 100 MiB inputs, tokens of
// 64 KiB and more, long header and parameter lists).
#include <string>

#include "support/jwt_helpers.hpp"

using namespace test;

namespace {
std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A payload whose "extra" claim is `depth` nested arrays, otherwise valid.
std::string deep_claims(std::size_t depth) {
    std::string c = good_claims().dump();
    c.pop_back();
    return c + ",\"extra\":" + nested(depth) + "}";
}

// Caps far above the defaults, so that the depth cap is what refuses.
pl::checked_limits roomy() {
    pl::client_limits l;
    l.max_token_bytes = 16u << 20;
    l.max_body_bytes = 16u << 20;
    return pl::checked_limits::create(l).value();
}

std::string deep_token_body(std::size_t depth) {
    return R"({"access_token":"at","token_type":"Bearer","extra":)" + nested(depth) + "}";
}

// Every message and every other text member of an error, for secret scans.
std::string all_text(const pl::error& e) {
    return e.description + "|" + e.field + "|" + e.reason + "|" + e.code.value_or("");
}
}  // namespace

TEST_CASE("deep nesting is refused before any DOM work, at any depth") {
    for (std::size_t depth : {65u, 1000u, 100000u, 1000000u}) {
        CAPTURE(depth);
        auto t = pl::parse_token_response(make_response(200, deep_token_body(depth)), now);
        REQUIRE_FALSE(t.ok());
        CHECK(t.failure().kind == pl::error_kind::malformed_response);
        auto s = pl::parse_start_response(make_response(200, nested(depth)), now);
        REQUIRE_FALSE(s.ok());
        CHECK(s.failure().kind == pl::error_kind::malformed_response);
        pl::error e = pl::classify_error_response(make_response(400, R"({"error":"bad.email","x":)" + nested(depth) + "}"), now);
        CHECK(e.kind == pl::error_kind::unexpected_response);
    }
    // Depth 63 inside the top-level object is within the default cap of 64.
    CHECK(pl::parse_token_response(make_response(200, deep_token_body(63)), now).ok());
}

TEST_CASE("bodies over the size cap are refused unread") {
    const std::string padding_1m(1u << 20, ' ');
    auto big = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer"})" + padding_1m), now);
    REQUIRE_FALSE(big.ok());
    CHECK(big.failure().kind == pl::error_kind::malformed_response);
    CHECK(big.failure().description.find("limit") != std::string::npos);

    std::string huge(100u << 20, 'x');
    auto start = pl::parse_start_response(make_response(200, huge), now);
    REQUIRE_FALSE(start.ok());
    CHECK(start.failure().kind == pl::error_kind::malformed_response);
    pl::error err = pl::classify_error_response(make_response(500, huge, {{"content-type", "application/json"}}), now);
    CHECK(err.kind == pl::error_kind::server_error);

    // A larger cap is honoured.
    pl::client_limits roomy;
    roomy.max_body_bytes = 2u << 20;
    CHECK(pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"Bearer"})" + padding_1m), now, pl::checked_limits::create(roomy).value()).ok());
}

TEST_CASE("invalid UTF-8, overlong forms, NaN, truncation, comments and trailing data") {
    for (const std::string& body : {std::string("{\"access_token\":\"a\xff\",\"token_type\":\"Bearer\"}"),
                                    std::string("{\"access_token\":\"a\xc0\xaf\",\"token_type\":\"Bearer\"}"),
                                    std::string("{\"access_token\":\"\\ud800\",\"token_type\":\"Bearer\"}"),
                                    std::string("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":NaN}"),
                                    std::string("{\"access_token\":\"at\",\"token_type\":\"Bearer\"} {}"),
                                    std::string("{\"access_token\":\"at\",/*x*/\"token_type\":\"Bearer\"}"),
                                    std::string("{\"access_token\":\"at\",\"token_type\":\"Bea"),
                                    std::string("\xef\xbb\xbf{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"),
                                    std::string("{\"access_token\":\"a\nb\",\"token_type\":\"Bearer\"}")}) {
        CAPTURE(body);
        auto r = pl::parse_token_response(make_response(200, body), now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::malformed_response);
    }
    // A NUL escape is legal JSON and is kept, not truncated.
    auto nul = pl::parse_token_response(make_response(200, R"({"access_token":"a\u0000b","token_type":"Bearer"})"), now);
    REQUIRE(nul.ok());
    CHECK(nul->access_token == std::string("a\0b", 3));
}

TEST_CASE("long header lists and odd header values do not disturb parsing") {
    std::vector<pl::header> headers;
    for (int i = 0; i < 10000; ++i) headers.push_back({"x-filler-" + std::to_string(i), std::string(100, 'v')});
    headers.push_back({"Content-Type", "application/json"});
    headers.push_back({"x-ratelimit-reset", "1700000060"});
    pl::error e = pl::classify_error_response(make_response(429, R"({"error":"too_many_requests"})", headers), now);
    CHECK(e.kind == pl::error_kind::rate_limited);
    CHECK(e.retry_at == 1700000060);
    auto weird = pl::parse_start_response(make_response(200, "{}", {{"content-type", std::string("application/json\0x", 18)}}), now);
    CHECK_FALSE(weird.ok());
}

TEST_CASE("secrets, codes and tokens never appear in error messages") {
    const std::string secret = "CANARY-SECRET-1f2e3d";
    const std::string assertion = "CANARYASSERTION.CANARYPAYLOAD.CANARYSIG";
    const std::string code = "987654";
    // Builders: every failure after the secret is configured.
    pl::client_config cfg;
    cfg.client_secret = secret;
    pl::client c = make_client(cfg);
    pl::otp_grant_params p;
    p.realm = "email";
    p.username = "user@example.com";
    p.otp = code + "\r\n";
    auto r = pl::build_token_request(c, p);
    REQUIRE_FALSE(r.ok());
    CHECK(all_text(r.failure()).find(code) == std::string::npos);
    CHECK(all_text(r.failure()).find(secret) == std::string::npos);

    pl::client_config bad_secret;
    bad_secret.client_secret = secret + "\n";
    CHECK(all_text(client_error(bad_secret)).find(secret) == std::string::npos);
    pl::client_config bad_assertion;
    bad_assertion.client_assertion = assertion + " ";
    CHECK(all_text(client_error(bad_assertion)).find("CANARY") == std::string::npos);

    pl::refresh_grant_params rp;
    rp.refresh_token = "CANARY-REFRESH\x01";
    auto rr = pl::build_token_request(c, rp);
    REQUIRE_FALSE(rr.ok());
    CHECK(all_text(rr.failure()).find("CANARY") == std::string::npos);

    // Parsers: tokens in a broken success body are never echoed.
    for (const char* body : {R"({"access_token":"CANARY-AT","token_type":5})", R"({"access_token":"CANARY-AT","token_type":"Bearer","expires_in":"CANARY"})",
                             R"({"access_token":"CANARY-AT","id_token":["CANARY-ID"],"token_type":"Bearer"})"}) {
        auto t = pl::parse_token_response(make_response(200, body), now);
        REQUIRE_FALSE(t.ok());
        CHECK(all_text(t.failure()).find("CANARY") == std::string::npos);
    }
    pl::error mfa = pl::classify_error_response(
        make_response(403, R"({"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"CANARY-MFA"})"), now);
    CHECK(mfa.mfa_token == "CANARY-MFA");
    CHECK(all_text(mfa).find("CANARY") == std::string::npos);
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
