// OpenID Connect discovery documents (PROTOCOL.md 9.6): strict about the issuer, safe on hostile input.
#include "support/jwt_helpers.hpp"

using namespace test;

namespace {
const char* const issuer = "https://example.auth0.com/";

json auth0_discovery() {
    return json{{"issuer", issuer},
                {"authorization_endpoint", "https://example.auth0.com/authorize"},
                {"token_endpoint", "https://example.auth0.com/oauth/token"},
                {"jwks_uri", "https://example.auth0.com/.well-known/jwks.json"},
                {"id_token_signing_alg_values_supported", {"HS256", "RS256", "PS256"}},
                {"dpop_signing_alg_values_supported", {"ES256"}},
                {"scopes_supported", {"openid", "profile"}}};
}
}  // namespace

TEST_CASE("an Auth0-shaped discovery document gives the members the library uses") {
    auto c = pl::parse_openid_configuration(auth0_discovery().dump(), issuer);
    REQUIRE(c.ok());
    CHECK(c->issuer == issuer);
    CHECK(c->jwks_uri == "https://example.auth0.com/.well-known/jwks.json");
    CHECK(c->token_endpoint == "https://example.auth0.com/oauth/token");
    CHECK(c->id_token_signing_alg_values_supported == std::vector<std::string>{"HS256", "RS256", "PS256"});
    CHECK(c->dpop_signing_alg_values_supported == std::vector<std::string>{"ES256"});
    json minimal{{"issuer", issuer}, {"jwks_uri", "https://example.auth0.com/jwks"}};
    auto m = pl::parse_openid_configuration(minimal.dump(), issuer);
    REQUIRE(m.ok());
    CHECK(m->token_endpoint.empty());
    CHECK_FALSE(m->id_token_signing_alg_values_supported.has_value());
    CHECK(pl::discovery_url(issuer) == "https://example.auth0.com/.well-known/openid-configuration");
    CHECK(pl::discovery_url("http://127.0.0.1:3000") == "http://127.0.0.1:3000/.well-known/openid-configuration");
}

TEST_CASE("the issuer must be exactly the expected one") {
    for (const char* other : {"https://example.auth0.com", "https://EXAMPLE.auth0.com/", "https://evil.example/",
                              "https://example.auth0.com//", "https://example.auth0.com/ "}) {
        CAPTURE(other);
        json d = auth0_discovery();
        d["issuer"] = other;
        auto r = pl::parse_openid_configuration(d.dump(), issuer);
        REQUIRE_FALSE(r.ok());
        // Retrying cannot help: the configuration names another issuer than the tenant publishes.
        CHECK(r.failure().kind == pl::error_kind::issuer_mismatch);
        CHECK(r.failure().action == pl::error_action::fix_config);
        // Both issuers are named (neither is a secret); the received one sanitised.
        CHECK(r.failure().description.find(issuer) != std::string::npos);
        if (std::string_view(other).find('\n') == std::string_view::npos && std::string_view(other).back() != ' ')
            CHECK(r.failure().description.find(other) != std::string::npos);
        auto resp = pl::parse_openid_configuration_response(make_response(200, d.dump()), issuer, now);
        REQUIRE_FALSE(resp.ok());
        CHECK(resp.failure().kind == pl::error_kind::issuer_mismatch);
        CHECK(resp.failure().status == 200);
    }
    json d = auth0_discovery();
    d.erase("issuer");
    CHECK_FALSE(pl::parse_openid_configuration(d.dump(), issuer).ok());
    for (const char* bad_expected : {"", "https://x/\n", "https://x/ y"}) {
        auto r = pl::parse_openid_configuration(auth0_discovery().dump(), bad_expected);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
    }
}

TEST_CASE("hostile or malformed documents are malformed_response, never a crash") {
    struct row {
        const char* member;
        json value;
    };
    const row bad[] = {
        {"jwks_uri", nullptr},
        {"jwks_uri", 5},
        {"jwks_uri", "http://example.auth0.com/jwks"},  // http for an https issuer
        {"jwks_uri", "file:///etc/passwd"},
        {"jwks_uri", "https://"},
        {"jwks_uri", "https:///path"},
        {"jwks_uri", "https://example.auth0.com/jwks\r\nX: y"},
        {"jwks_uri", "https://example.auth0.com/a b"},
        {"jwks_uri", "https://example.auth0.com/#frag"},
        {"jwks_uri", "https://example.auth0.com/" + std::string(3000, 'a')},
        {"token_endpoint", 1},
        {"token_endpoint", "javascript:alert(1)"},
        {"id_token_signing_alg_values_supported", "RS256"},
        {"id_token_signing_alg_values_supported", json::array({1})},
        {"id_token_signing_alg_values_supported", json::array({""})},
        {"id_token_signing_alg_values_supported", json::array({"RS 256"})},
        {"dpop_signing_alg_values_supported", json::object()},
        {"dpop_signing_alg_values_supported", json(std::vector<std::string>(65, "ES256"))},
    };
    for (const row& r : bad) {
        json d = auth0_discovery();
        if (r.value.is_null())
            d.erase(r.member);
        else
            d[r.member] = r.value;
        CAPTURE(d.dump());
        auto c = pl::parse_openid_configuration(d.dump(), issuer);
        REQUIRE_FALSE(c.ok());
        CHECK(c.failure().kind == pl::error_kind::malformed_response);
    }
    for (const std::string& doc : {std::string(), std::string("[]"), std::string("null"), std::string("{"),
                                   std::string(R"({"issuer":"a","issuer":"b"})"), std::string("{\"issuer\":\"\xff\"}"),
                                   std::string(R"({"x":)") + std::string(100000, '[') + std::string(100000, ']') + "}",
                                   auth0_discovery().dump() + std::string(300 * 1024, ' ')}) {
        auto c = pl::parse_openid_configuration(doc, issuer);
        REQUIRE_FALSE(c.ok());
        CHECK(c.failure().kind == pl::error_kind::malformed_response);
    }
    // null counts as absent for the optional members.
    json nulls = auth0_discovery();
    nulls["token_endpoint"] = nullptr;
    nulls["dpop_signing_alg_values_supported"] = nullptr;
    CHECK(pl::parse_openid_configuration(nulls.dump(), issuer).ok());
}

TEST_CASE("a loopback http issuer may use http URLs; responses go through the classifier") {
    json d{{"issuer", "http://127.0.0.1:4000/"}, {"jwks_uri", "http://127.0.0.1:4000/jwks"},
           {"token_endpoint", "http://127.0.0.1:4000/oauth/token"}};
    CHECK(pl::parse_openid_configuration(d.dump(), "http://127.0.0.1:4000/").ok());
    auto ok = pl::parse_openid_configuration_response(make_response(200, auth0_discovery().dump()), issuer, now);
    CHECK(ok.ok());
    auto down = pl::parse_openid_configuration_response(make_response(503, "<html/>", {{"content-type", "text/html"}}), issuer, now);
    REQUIRE_FALSE(down.ok());
    CHECK(down.failure().kind == pl::error_kind::server_error);
    auto html = pl::parse_openid_configuration_response(make_response(200, "<html/>", {{"content-type", "text/html"}}), issuer, now);
    REQUIRE_FALSE(html.ok());
    CHECK(html.failure().kind == pl::error_kind::malformed_response);
    CHECK(html.failure().status == 200);
    json other = auth0_discovery();
    other["issuer"] = "https://evil.example/";
    auto wrong = pl::parse_openid_configuration_response(make_response(200, other.dump()), issuer, now);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.failure().status == 200);
}
