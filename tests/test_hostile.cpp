// Hostile responses and inputs: sizes, depth, encodings, types, and secrets in messages.
#include <string>

#include "helpers.hpp"

using namespace test;

namespace {
std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

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
