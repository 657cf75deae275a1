// Refresh with DPoP (dpop_refresh.hpp): bound tokens need their key, every request a fresh
// proof, one resend on use_dpop_nonce, invalid_grant is invalid_refresh_token.
#include <memory>
#include <string>

#include "support/helpers.hpp"
#include "support/stub_signer.hpp"

using namespace test;

namespace {

pl::refresh_dpop stub_dpop(bool require_binding = false) {
    auto n = std::make_shared<int>(0);
    pl::refresh_dpop d;
    d.key = pl::dpop_key{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y},
                         [](std::string_view in) { return stub_jws::dpop_signature(in); }};
    d.jti = [n] { return "refresh-jti-" + std::to_string(++*n) + "-xxxx"; };
    d.require_binding = require_binding;
    return d;
}

pl::refresh_grant_params rt() { return pl::refresh_grant_params{"rt-1", std::nullopt, std::nullopt}; }

}  // namespace

TEST_CASE("dpop refresh: DPoP-bound tokens are not refreshed without the key") {
    for (const char* type : {"DPoP", "dpop"}) {
        auto x = pl::refresh_exchange::create(make_client(), rt(), type, std::nullopt);
        REQUIRE_FALSE(x.ok());
        CHECK(x.failure().kind == pl::error_kind::invalid_argument);
        CHECK(x.failure().field == "dpop");
        CHECK(x.failure().description.find("rt-1") == std::string::npos);
    }
    // Bearer tokens refresh without DPoP: no proof header.
    auto plain = pl::refresh_exchange::create(make_client(), rt(), "Bearer", std::nullopt);
    REQUIRE(plain.ok());
    auto r = plain->first_request(now);
    REQUIRE(r.ok());
    CHECK_FALSE(r->find_header("dpop").has_value());
}

TEST_CASE("dpop refresh: a proof per request, the known nonce, one resend on use_dpop_nonce") {
    auto x = pl::refresh_exchange::create(make_client(), rt(), "DPoP", stub_dpop(), "known-nonce");
    REQUIRE(x.ok());
    auto first = x->first_request(now);
    REQUIRE(first.ok());
    const json p1 = proof_payload(first.value());
    CHECK(p1["htu"] == "https://example.auth0.com/oauth/token");
    CHECK(p1["nonce"] == "known-nonce");
    CHECK(body_of(first.value())["grant_type"] == "refresh_token");
    auto retry = x->first_request(now + 1);  // after a transport failure: a new proof
    REQUIRE(retry.ok());
    CHECK(proof_payload(retry.value())["jti"] != p1["jti"]);

    auto step = x->on_response(make_response(400, R"({"error":"use_dpop_nonce"})", {{"content-type", "application/json"}, {"DPoP-Nonce", "fresh"}}), now + 2);
    REQUIRE(step.request.has_value());
    CHECK_FALSE(step.error.has_value());
    CHECK(proof_payload(*step.request)["nonce"] == "fresh");
    auto second = x->on_response(make_response(400, R"({"error":"use_dpop_nonce"})", {{"content-type", "application/json"}, {"DPoP-Nonce", "fresher"}}), now + 2);
    CHECK_FALSE(second.request.has_value());
    REQUIRE(second.error.has_value());
    CHECK(second.error->kind == pl::error_kind::dpop_nonce_required);
    CHECK(second.error->dpop_nonce == "fresher");
    CHECK(x->dpop_nonce() == "fresher");
}

TEST_CASE("dpop refresh: answers") {
    auto x = pl::refresh_exchange::create(make_client(), rt(), "DPoP", stub_dpop(true));
    REQUIRE(x.ok());
    (void)x->first_request(now);
    auto ok = x->on_response(make_response(200, R"({"access_token":"at-2","token_type":"DPoP","expires_in":60})"), now);
    REQUIRE(ok.tokens.has_value());
    CHECK(ok.tokens->access_token == "at-2");
    auto bearer = x->on_response(make_response(200, R"({"access_token":"at-2","token_type":"Bearer"})"), now);
    REQUIRE(bearer.error.has_value());
    CHECK(bearer.error->kind == pl::error_kind::invalid_dpop_proof);
    // Another key or no proof: oidc-provider answers invalid_grant, which is terminal for this refresh token.
    auto other_key = x->on_response(make_response(400, R"({"error":"invalid_grant","error_description":"grant request is invalid"})"), now);
    REQUIRE(other_key.error.has_value());
    CHECK(other_key.error->kind == pl::error_kind::invalid_refresh_token);
    auto bad_proof = x->on_response(make_response(400, R"({"error":"invalid_dpop_proof"})"), now);
    CHECK(bad_proof.error->kind == pl::error_kind::invalid_dpop_proof);
}

TEST_CASE("dpop refresh: configuration refusals") {
    auto no_jti = stub_dpop();
    no_jti.jti = nullptr;
    CHECK(pl::refresh_exchange::create(make_client(), rt(), "DPoP", no_jti).failure().field == "dpop.jti");
    CHECK(pl::refresh_exchange::create(make_client(), rt(), "DPoP", stub_dpop(), "bad nonce").failure().field == "nonce");
    CHECK(pl::refresh_exchange::create(make_client(), pl::refresh_grant_params{"", std::nullopt, std::nullopt}, "DPoP", stub_dpop())
              .failure()
              .field == "refresh_token");
}
