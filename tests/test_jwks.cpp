// JWKS documents and the refetch-once cache.
#include "jwt_helpers.hpp"

using namespace test;

namespace {
const char* const auth0_like = R"({"keys":[
 {"kty":"RSA","use":"sig","n":"AQAB","e":"AQAB","kid":"k1","x5t":"t","x5c":["MIIC...=="],"alg":"RS256"},
 {"kty":"RSA","use":"sig","n":"AQAC","e":"AQAB","kid":"k2","alg":"RS256"},
 {"kty":"EC","crv":"P-256","x":"x","y":"y","kid":"ec1"}]})";
}  // namespace

TEST_CASE("parse a JWKS and find keys by kid") {
    auto set = pl::parse_jwks(auth0_like);
    REQUIRE(set.ok());
    REQUIRE(set->keys.size() == 3);
    const pl::jwk* k1 = set->find("k1");
    REQUIRE(k1 != nullptr);
    CHECK(k1->kty == "RSA");
    CHECK(k1->alg == "RS256");
    CHECK(k1->use == "sig");
    CHECK(k1->n == std::string("\x01\x00\x01", 3));
    CHECK(k1->e == std::string("\x01\x00\x01", 3));
    CHECK(k1->x5c == std::vector<std::string>{"MIIC...=="});
    CHECK(set->find("ec1")->kty == "EC");
    CHECK(set->find("ec1")->n.empty());
    CHECK(set->find("nope") == nullptr);
}

TEST_CASE("malformed key sets are refused") {
    for (const char* bad : {"", "[]", "{}", R"({"keys":{}})", R"({"keys":[5]})", R"({"keys":[{"kid":"a"}]})",
                            R"({"keys":[{"kty":"RSA","kid":"a","e":"AQAB"}]})", R"({"keys":[{"kty":"RSA","kid":"a","n":"AQ==","e":"AQAB"}]})",
                            R"({"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"}]})",
                            R"({"keys":[{"kty":"RSA","kid":5,"n":"AQAB","e":"AQAB"}]})", R"({"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","x5c":"x"}]})",
                            R"({"keys":[],"keys":[]})"}) {
        CAPTURE(bad);
        auto r = pl::parse_jwks(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::malformed_response);
    }
    auto deep = pl::parse_jwks(R"({"keys":)" + std::string(100000, '[') + std::string(100000, ']') + "}");
    CHECK_FALSE(deep.ok());
}

TEST_CASE("JWKS responses go through the classifier when not 2xx") {
    auto ok = pl::parse_jwks_response(make_response(200, auth0_like), now);
    CHECK(ok.ok());
    auto down = pl::parse_jwks_response(make_response(503, "<html/>", {{"content-type", "text/html"}, {"retry-after", "5"}}), now);
    REQUIRE_FALSE(down.ok());
    CHECK(down.failure().kind == pl::error_kind::server_error);
    CHECK(down.failure().retry_at == now + 5);
    auto html = pl::parse_jwks_response(make_response(200, "<html/>", {{"content-type", "text/html"}}), now);
    REQUIRE_FALSE(html.ok());
    CHECK(html.failure().kind == pl::error_kind::malformed_response);
    CHECK(html.failure().status == 200);
}

TEST_CASE("the cache asks for one refetch on an unknown kid, not a stream of them") {
    pl::jwks_cache cache(60);
    CHECK(cache.find("k1", now).status == pl::key_lookup_status::refetch);  // nothing fetched yet
    cache.replace(pl::parse_jwks(auth0_like).value(), now);
    auto found = cache.find("k2", now + 1);
    CHECK(found.status == pl::key_lookup_status::found);
    REQUIRE(found.key != nullptr);
    CHECK(found.key->kid == "k2");
    CHECK(cache.find("rotated", now + 59).status == pl::key_lookup_status::unknown);
    CHECK(cache.find("rotated", now + 60).status == pl::key_lookup_status::refetch);
    CHECK(cache.find("rotated", now - 100).status == pl::key_lookup_status::unknown);  // clock went back
    CHECK(cache.find("rotated", std::numeric_limits<pl::unix_seconds>::max()).status == pl::key_lookup_status::refetch);
}
