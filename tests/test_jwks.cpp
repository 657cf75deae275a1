// JWKS documents and the refetch-once cache.
#include "support/jwt_helpers.hpp"

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
    REQUIRE(set->keys.size() == 2);
    CHECK(set->skipped == 1);  // the EC key
    const pl::jwk* k1 = set->find("k1");
    REQUIRE(k1 != nullptr);
    CHECK(k1->kty == "RSA");
    CHECK(k1->alg == "RS256");
    CHECK(k1->use == "sig");
    CHECK(k1->n == std::string("\x01\x00\x01", 3));
    CHECK(k1->e == std::string("\x01\x00\x01", 3));
    CHECK(k1->x5c == std::vector<std::string>{"MIIC...=="});
    CHECK(set->find("ec1") == nullptr);
    CHECK(set->find("nope") == nullptr);
}

TEST_CASE("documents that are not a JWK Set are refused") {
    for (const char* bad : {"", "[]", "{}", "null", R"({"keys":{}})", R"({"keys":null})", R"({"keys":[5]})",
                            R"({"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"},"x"]})", R"({"keys":[],"keys":[]})",
                            "{\"keys\":[{\"kid\":\"\xff\"}]}"}) {
        CAPTURE(bad);
        auto r = pl::parse_jwks(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::malformed_response);
    }
    auto deep = pl::parse_jwks(R"({"keys":)" + std::string(100000, '[') + std::string(100000, ']') + "}");
    CHECK_FALSE(deep.ok());
}

// RFC 7517 section 5 (PROTOCOL.md 9.3): keys the library cannot use are skipped, never fatal.
TEST_CASE("keys the library cannot use are skipped and counted, the usable ones kept") {
    const char* good = R"({"kty":"RSA","kid":"good","use":"sig","n":"AQAB","e":"AQAB"})";
    struct row {
        const char* what;
        const char* key;
    };
    const row unusable[] = {
        {"unknown kty", R"({"kty":"XYZ","kid":"a"})"},
        {"missing kty", R"({"kid":"a","n":"AQAB","e":"AQAB"})"},
        {"kty in lower case", R"({"kty":"rsa","kid":"a","n":"AQAB","e":"AQAB"})"},
        {"EC key", R"({"kty":"EC","crv":"P-256","x":"AQAB","y":"AQAB","kid":"a"})"},
        {"oct key without its secret", R"({"kty":"oct","kid":"a"})"},
        {"key_ops without verify", R"({"kty":"RSA","kid":"good","key_ops":["encrypt","wrapKey"],"n":"AQAB","e":"AQAB"})"},
        {"key_ops sign only", R"({"kty":"RSA","kid":"a","key_ops":["sign"],"n":"AQAB","e":"AQAB"})"},
        {"key_ops empty", R"({"kty":"RSA","kid":"a","key_ops":[],"n":"AQAB","e":"AQAB"})"},
        {"key_ops not an array", R"({"kty":"RSA","kid":"a","key_ops":"verify","n":"AQAB","e":"AQAB"})"},
        {"key_ops with a number", R"({"kty":"RSA","kid":"a","key_ops":["verify",1],"n":"AQAB","e":"AQAB"})"},
        {"key_ops repeated", R"({"kty":"RSA","kid":"a","key_ops":["verify","verify"],"n":"AQAB","e":"AQAB"})"},
        {"n in standard base64", R"({"kty":"RSA","kid":"a","n":"+/AB","e":"AQAB"})"},
        {"n padded", R"({"kty":"RSA","kid":"a","n":"AQ==","e":"AQAB"})"},
        {"e padded", R"({"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB="})"},
        {"n missing", R"({"kty":"RSA","kid":"a","e":"AQAB"})"},
        {"n empty", R"({"kty":"RSA","kid":"a","n":"","e":"AQAB"})"},
        {"n a number", R"({"kty":"RSA","kid":"a","n":5,"e":"AQAB"})"},
        {"numeric kid", R"({"kty":"RSA","kid":5,"n":"AQAB","e":"AQAB"})"},
        {"null kid", R"({"kty":"RSA","kid":null,"n":"AQAB","e":"AQAB"})"},
        {"use null", R"({"kty":"RSA","kid":"a","use":null,"n":"AQAB","e":"AQAB"})"},
        {"use enc", R"({"kty":"RSA","kid":"good","use":"enc","n":"AQAB","e":"AQAB"})"},
        {"alg a number", R"({"kty":"RSA","kid":"a","alg":1,"n":"AQAB","e":"AQAB"})"},
        {"x5c only", R"({"kty":"RSA","kid":"a","x5c":["MIIC"]})"},
        {"x5c not an array", R"({"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB","x5c":"x"})"},
        {"x5c entry not a string", R"({"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB","x5c":[1]})"},
        {"e = 1", R"({"kty":"RSA","kid":"a","n":"AQAB","e":"AQ"})"},
        {"e even", R"({"kty":"RSA","kid":"a","n":"AQAB","e":"AQAA"})"},
        {"e zero", R"({"kty":"RSA","kid":"a","n":"AQAB","e":"AA"})"},
    };
    for (const row& r : unusable) {
        CAPTURE(r.what);
        for (const std::string& doc : {std::string(R"({"keys":[)") + r.key + "]}",
                                       std::string(R"({"keys":[)") + good + "," + r.key + "]}",
                                       std::string(R"({"keys":[)") + r.key + "," + good + "]}"}) {
            CAPTURE(doc);
            auto set = pl::parse_jwks(doc);
            REQUIRE(set.ok());
            CHECK(set->skipped == 1);
            const bool with_good = doc.find("\"good\",\"use\":\"sig\"") != std::string::npos;
            REQUIRE(set->keys.size() == (with_good ? 1U : 0U));
            if (with_good) CHECK(set->find("good")->use == "sig");
        }
    }
    // Keys may share a kid (RFC 7517 4.5): both usable keys are kept.
    auto twins = pl::parse_jwks(std::string(R"({"keys":[)") + good + "," + good + "]}");
    REQUIRE(twins.ok());
    CHECK(twins->keys.size() == 2);
    CHECK(twins->skipped == 0);
    CHECK(twins->candidates("good", "RS256").size() == 2);
    CHECK(twins->candidates("", "RS256").empty());  // no kid, two keys: ambiguous
}

TEST_CASE("candidates: a kid selects keys of that kid, an alg keeps keys without alg or with that alg") {
    auto set = pl::parse_jwks(R"({"keys":[{"kty":"RSA","kid":"a","alg":"RS256","n":"AQAB","e":"AQAB"},
        {"kty":"RSA","kid":"b","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"c","alg":"RS512","n":"AQAB","e":"AQAB"}]})");
    REQUIRE(set.ok());
    CHECK(set->candidates("a", "RS256").size() == 1);
    CHECK(set->candidates("a", "RS384").empty());
    CHECK(set->candidates("b", "RS384").size() == 1);
    CHECK(set->candidates("x", "RS256").empty());
    CHECK(set->candidates("", "RS512").empty());  // b and c could both be meant
    CHECK(set->candidates("", "RS384").size() == 1);  // only b
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

TEST_CASE("key_ops with verify keeps a key; the flag travels with it and verifiers apply the same rule") {
    auto set = pl::parse_jwks(R"({"keys":[{"kty":"RSA","kid":"a","key_ops":["sign","verify"],"n":"AQAB","e":"AQAB"}]})");
    REQUIRE(set.ok());
    REQUIRE(set->keys.size() == 1);
    REQUIRE(set->keys[0].key_ops.has_value());
    CHECK(set->keys[0].key_ops->size() == 2);
    CHECK(pl::is_verification_key(set->keys[0]));
    pl::jwk k = set->keys[0];
    k.key_ops = std::vector<std::string>{"encrypt"};
    CHECK_FALSE(pl::is_verification_key(k));
    k.key_ops.reset();
    CHECK(pl::is_verification_key(k));
    k.use = "enc";
    CHECK_FALSE(pl::is_verification_key(k));
}

TEST_CASE("a set that publishes private key members is refused whole (RFC 7517 section 5)") {
    const char* good = R"({"kty":"RSA","kid":"good","use":"sig","n":"AQAB","e":"AQAB"})";
    for (std::string_view member : pl::private_jwk_members) {
        CAPTURE(member);
        const std::string leaking = R"({"kty":"RSA","kid":"leak","n":"AQAB","e":"AQAB",")" + std::string(member) + R"(":"c2VjcmV0LXZhbHVl"})";
        for (const std::string& doc : {"{\"keys\":[" + leaking + "]}", "{\"keys\":[" + std::string(good) + "," + leaking + "]}"}) {
            auto set = pl::parse_jwks(doc);
            REQUIRE_FALSE(set.ok());
            CHECK(set.failure().kind == pl::error_kind::malformed_response);
            CHECK(set.failure().description.find("private key") != std::string::npos);
            CHECK(set.failure().description.find("c2VjcmV0LXZhbHVl") == std::string::npos);  // never the key material
            auto resp = pl::parse_jwks_response(make_response(200, doc), now);
            REQUIRE_FALSE(resp.ok());
            CHECK(resp.failure().status == 200);
        }
    }
    // Whatever the member's value or the key's type, and even in a key the library would skip.
    for (const char* doc : {R"({"keys":[{"kty":"oct","k":"AQAB","d":"AQAB"}]})", R"({"keys":[{"kty":"EC","d":null}]})",
                            R"({"keys":[{"kty":"XYZ","p":1}]})", R"({"keys":[{"kty":"RSA","k":"AQAB"}]})",
                            R"({"keys":[{"kty":["oct"],"k":"AQAB"}]})"})
        CHECK_FALSE(pl::parse_jwks(doc).ok());
}

TEST_CASE("an oct key's k is a symmetric key the library skips, not a leaked private key") {
    // Pinned by vectors-next (hand_r2_mixed_key_types) and what jose does.
    auto set = pl::parse_jwks(R"({"keys":[{"kty":"oct","k":"AQAB","kid":"hmac"},{"kty":"RSA","kid":"good","n":"AQAB","e":"AQAB"}]})");
    REQUIRE(set.ok());
    CHECK(set.value().skipped == 1);
    REQUIRE(set.value().keys.size() == 1);
    CHECK(set.value().keys[0].kid == "good");
}
