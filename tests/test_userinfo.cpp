// GET /userinfo (userinfo.hpp): Bearer and DPoP requests, hostile tokens, the claims, the 401s
// and the DPoP nonce resend.
#include <memory>
#include <string>

#include "support/helpers.hpp"
#include "support/stub_signer.hpp"

using namespace test;

namespace {

pl::dpop_key userinfo_stub_key() {
    return pl::dpop_key{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y},
                        [](std::string_view in) { return stub_jws::dpop_signature(in); }};
}

pl::userinfo_dpop userinfo_stub_dpop() {
    auto n = std::make_shared<int>(0);
    return pl::userinfo_dpop{userinfo_stub_key(), [n] { return "userinfo-jti-" + std::to_string(++*n) + "-xxxx"; }};
}

pl::userinfo_params at(std::string token = "at-1", std::string type = "Bearer") {
    return pl::userinfo_params{std::move(token), std::move(type)};
}

pl::response nonce_challenge(const std::string& nonce) {
    return make_response(401, "", {{"WWW-Authenticate", R"(DPoP error="use_dpop_nonce", error_description="nonce please")"},
                                   {"DPoP-Nonce", nonce}});
}

const char* const claims_body =
    R"({"sub":"email|5f7c","email":"user@example.com","email_verified":true,"name":"U","updated_at":"2026-11-30T10:00:00.000Z","custom":{"a":[1,2]}})";

}  // namespace

TEST_CASE("userinfo: a Bearer GET with the token and nothing else") {
    auto r = pl::build_userinfo_request(make_client(), at());
    REQUIRE(r.ok());
    CHECK(r->method == "GET");
    CHECK(r->url == "https://example.auth0.com/userinfo");
    CHECK(header_of(r.value(), "authorization") == "Bearer at-1");
    CHECK(r->body.empty());
    CHECK_FALSE(r->find_header("dpop").has_value());
    auto lower = pl::build_userinfo_request(make_client(), at("at-1", "bearer"));
    REQUIRE(lower.ok());
    CHECK(header_of(lower.value(), "authorization") == "Bearer at-1");
}

TEST_CASE("userinfo: DPoP tokens go with a proof carrying ath and the nonce") {
    pl::userinfo_proof proof{userinfo_stub_key(), now, "0123456789abcdef", "n-1"};
    auto r = pl::build_userinfo_request(make_client(), at("at-1", "DPoP"), proof);
    REQUIRE(r.ok());
    CHECK(header_of(r.value(), "authorization") == "DPoP at-1");
    const json claims = proof_payload(r.value());
    CHECK(claims["htm"] == "GET");
    CHECK(claims["htu"] == "https://example.auth0.com/userinfo");
    CHECK(claims["nonce"] == "n-1");
    CHECK(claims["ath"] == pl::detail::sha256_base64url("at-1"));
    CHECK(claims["iat"] == now);

    auto missing = pl::build_userinfo_request(make_client(), at("at-1", "dpop"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.failure().field == "dpop");

    pl::userinfo_proof short_jti{userinfo_stub_key(), now, "short", ""};
    auto bad = pl::build_userinfo_request(make_client(), at("at-1", "DPoP"), short_jti);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.failure().field == "dpop.jti");
}

TEST_CASE("userinfo: hostile tokens and token types are refused before any request, never quoted") {
    for (std::string bad : {std::string(), std::string("at\r\nx: y"), std::string("at\n"), std::string("at\0z", 4),
                            std::string("at-SECRET x"), std::string("\xC3\xA9t\xC3\xA9"), std::string(70 * 1024, 'a')}) {
        for (const char* type : {"Bearer", "DPoP"}) {
            std::optional<pl::userinfo_proof> proof;
            if (std::string(type) == "DPoP") proof = pl::userinfo_proof{userinfo_stub_key(), now, "0123456789abcdef", ""};
            auto r = pl::build_userinfo_request(make_client(), at(bad, type), proof);
            REQUIRE_FALSE(r.ok());
            CHECK(r.failure().kind == pl::error_kind::invalid_argument);
            CHECK(r.failure().field == "access_token");
            if (bad.size() > 2) CHECK(r.failure().description.find(bad) == std::string::npos);
        }
    }
    for (const char* type : {"", "Basic", "MAC", "Bearer ", "N_A"}) {
        auto r = pl::build_userinfo_request(make_client(), at("at-1", type));
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().field == "token_type");
    }
}

TEST_CASE("userinfo: the claims, with the ID token's accessors") {
    auto c = pl::parse_userinfo_response(make_response(200, claims_body), now);
    REQUIRE(c.ok());
    CHECK(c->sub() == "email|5f7c");
    CHECK(c->email() == std::optional<std::string>("user@example.com"));
    CHECK(c->email_verified() == std::optional<bool>(true));
    CHECK(c->name() == std::optional<std::string>("U"));
    CHECK(c->updated_at() == std::optional<std::string>("2026-11-30T10:00:00.000Z"));
    CHECK(c->json()["custom"]["a"][1] == 2);

    auto numeric = pl::parse_userinfo_response(make_response(200, R"({"sub":"s","updated_at":1700000000})"), now);
    REQUIRE(numeric.ok());
    CHECK(numeric->updated_at() == std::optional<std::string>("1700000000"));
    CHECK(numeric->json()["updated_at"] == 1700000000);
    CHECK(pl::parse_userinfo_response(make_response(200, R"({"sub":"s","updated_at":null})"), now).ok());
}

TEST_CASE("userinfo: bodies that break the contract are malformed_response") {
    for (const char* body : {"", "[]", "\"sub\"", "{}", R"({"sub":""})", R"({"sub":12})", R"({"sub":null})",
                             R"({"sub":"s","updated_at":true})", R"({"sub":"s","updated_at":{}})", R"({"sub":"a","sub":"b"})",
                             R"({"sub":"s")", "<html></html>"}) {
        auto c = pl::parse_userinfo_response(make_response(200, body), now);
        REQUIRE_FALSE(c.ok());
        CHECK(c.failure().kind == pl::error_kind::malformed_response);
    }
}

TEST_CASE("userinfo: a 401 is invalid_access_token whatever its body; other errors as for an API") {
    for (const char* body : {"Unauthorized", "", R"({"error":"invalid_request"})", R"({"error":"server_error"})"}) {
        auto c = pl::parse_userinfo_response(make_response(401, body, {{"content-type", "text/plain"}}), now);
        REQUIRE_FALSE(c.ok());
        CHECK(c.failure().kind == pl::error_kind::invalid_access_token);
        CHECK(c.failure().action == pl::error_action::refresh);
        CHECK(c.failure().status == 401);
    }
    auto nonce = pl::parse_userinfo_response(nonce_challenge("n-2"), now);
    REQUIRE_FALSE(nonce.ok());
    CHECK(nonce.failure().kind == pl::error_kind::dpop_nonce_required);
    CHECK(nonce.failure().dpop_nonce == "n-2");
    auto limited = pl::parse_userinfo_response(make_response(429, "", {{"retry-after", "7"}}), now);
    REQUIRE_FALSE(limited.ok());
    CHECK(limited.failure().kind == pl::error_kind::rate_limited);
    CHECK(limited.failure().retry_at == now + 7);
}

TEST_CASE("userinfo exchange: one resend with the nonce, a second nonce demand is the error") {
    auto x = pl::userinfo_exchange::create(make_client(), at("at-1", "DPoP"), userinfo_stub_dpop());
    REQUIRE(x.ok());
    auto first = x->first_request(now);
    REQUIRE(first.ok());
    CHECK_FALSE(proof_payload(first.value()).contains("nonce"));
    auto step = x->on_response(nonce_challenge("n-1"), now);
    REQUIRE(step.request.has_value());
    CHECK(proof_payload(*step.request)["nonce"] == "n-1");
    CHECK(proof_payload(*step.request)["jti"] != proof_payload(first.value())["jti"]);
    CHECK(x->dpop_nonce() == "n-1");
    step = x->on_response(nonce_challenge("n-2"), now);
    CHECK_FALSE(step.request.has_value());
    REQUIRE(step.error.has_value());
    CHECK(step.error->kind == pl::error_kind::dpop_nonce_required);
    CHECK(x->dpop_nonce() == "n-2");

    auto again = x->first_request(now);
    REQUIRE(again.ok());
    step = x->on_response(make_response(200, claims_body, {{"content-type", "application/json"}, {"DPoP-Nonce", "n-3"}}), now);
    REQUIRE(step.claims.has_value());
    CHECK(step.claims->sub() == "email|5f7c");
    CHECK(x->dpop_nonce() == "n-3");
}

TEST_CASE("userinfo exchange: refusals at creation and Bearer without a nonce dance") {
    auto no_key = pl::userinfo_exchange::create(make_client(), at("at-1", "DPoP"), std::nullopt);
    REQUIRE_FALSE(no_key.ok());
    CHECK(no_key.failure().field == "dpop");
    auto bad_token = pl::userinfo_exchange::create(make_client(), at("at\n", "Bearer"), std::nullopt);
    REQUIRE_FALSE(bad_token.ok());
    CHECK(bad_token.failure().field == "access_token");
    pl::userinfo_dpop no_jti = userinfo_stub_dpop();
    no_jti.jti = nullptr;
    auto refused = pl::userinfo_exchange::create(make_client(), at("at-1", "DPoP"), no_jti);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.failure().field == "dpop.jti");
    auto bad_nonce = pl::userinfo_exchange::create(make_client(), at("at-1", "DPoP"), userinfo_stub_dpop(), "a b");
    REQUIRE_FALSE(bad_nonce.ok());
    CHECK(bad_nonce.failure().field == "nonce");

    auto bearer = pl::userinfo_exchange::create(make_client(), at(), std::nullopt);
    REQUIRE(bearer.ok());
    REQUIRE(bearer->first_request(now).ok());
    auto step = bearer->on_response(nonce_challenge("n-1"), now);
    CHECK_FALSE(step.request.has_value());
    REQUIRE(step.error.has_value());
    CHECK(step.error->kind == pl::error_kind::dpop_nonce_required);
}
