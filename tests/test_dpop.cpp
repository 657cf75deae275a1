// DPoP proofs (dpop.hpp): every header member and claim, htu normalisation, the refusals, the
// resource-request headers, and the token-endpoint pieces (kinds, DPoP-Nonce, token_type).
#include <string>
#include <vector>

#include "support/helpers.hpp"
#include "support/stub_signer.hpp"

using namespace test;

namespace {

const std::string jti_bytes = "0123456789abcdef";  // 16 bytes

pl::dpop_key stub_key() {
    return pl::dpop_key{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}, [](std::string_view in) { return stub_jws::dpop_signature(in); }};
}

struct decoded_proof {
    json header;
    json payload;
    std::string signing_input;
    std::string signature;
};

decoded_proof decode(const std::string& jws) {
    const std::size_t a = jws.find('.');
    const std::size_t b = jws.find('.', a + 1);
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    REQUIRE(jws.find('.', b + 1) == std::string::npos);
    auto h = pl::detail::base64url_decode_strict(std::string_view(jws).substr(0, a));
    auto p = pl::detail::base64url_decode_strict(std::string_view(jws).substr(a + 1, b - a - 1));
    auto s = pl::detail::base64url_decode_strict(std::string_view(jws).substr(b + 1));
    REQUIRE(h);
    REQUIRE(p);
    REQUIRE(s);
    decoded_proof out{json::parse(*h, nullptr, false), json::parse(*p, nullptr, false), jws.substr(0, b), *s};
    REQUIRE(out.header.is_object());
    REQUIRE(out.payload.is_object());
    return out;
}

decoded_proof proof_for(std::string_view method, std::string_view url, std::string_view nonce = {},
                        std::string_view access_token = {}) {
    auto r = pl::build_dpop_proof(stub_key(), {method, url, now, jti_bytes, nonce, access_token});
    REQUIRE(r.ok());
    return decode(r.value());
}

std::string htu_of(std::string_view url) {
    auto r = pl::dpop_htu(url);
    REQUIRE(r.ok());
    return r.value();
}

pl::error proof_error(const pl::dpop_key& key, const pl::dpop_proof_params& p) {
    auto r = pl::build_dpop_proof(key, p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::invalid_argument);
    return r.failure();
}

}  // namespace

TEST_CASE("dpop proof: header is typ, alg ES256 and the public jwk, nothing else") {
    const decoded_proof p = proof_for("POST", "https://example.auth0.com/oauth/token");
    CHECK(p.header == json{{"typ", "dpop+jwt"},
                           {"alg", "ES256"},
                           {"jwk", {{"kty", "EC"}, {"crv", "P-256"}, {"x", stub_jws::dpop_key_x}, {"y", stub_jws::dpop_key_y}}}});
}

TEST_CASE("dpop proof: claims jti, htm, htu, iat; no nonce or ath unless given") {
    const decoded_proof p = proof_for("POST", "https://example.auth0.com/oauth/token");
    CHECK(p.payload == json{{"jti", "MDEyMzQ1Njc4OWFiY2RlZg"},
                            {"htm", "POST"},
                            {"htu", "https://example.auth0.com/oauth/token"},
                            {"iat", now}});
    CHECK(p.payload["iat"].is_number_integer());
}

TEST_CASE("dpop proof: nonce and ath when given") {
    const decoded_proof p = proof_for("GET", "https://api.example.com/me", "eyJ7S_zG.nonce-1~", "eyJhbGciOiJSUzI1NiJ9.at-r2.sig");
    CHECK(p.payload["nonce"] == "eyJ7S_zG.nonce-1~");
    // base64url(SHA-256("eyJhbGciOiJSUzI1NiJ9.at-r2.sig")), as in the conformance vector.
    CHECK(p.payload["ath"] == "Jl2pyGA4lVwcC9yIVyPWFyGYnku32-UBEo6GJNndUIo");
    CHECK(p.payload["htm"] == "GET");
}

TEST_CASE("dpop proof: the signature is the signer's 64 bytes over header.payload") {
    const decoded_proof p = proof_for("POST", "https://example.auth0.com/oauth/token");
    CHECK(p.signature.size() == 64);
    CHECK(p.signature == stub_jws::dpop_signature(p.signing_input));
}

TEST_CASE("dpop proof: the jti is the caller's bytes, so every proof can differ") {
    auto a = pl::build_dpop_proof(stub_key(), {"POST", "https://example.auth0.com/oauth/token", now, "aaaaaaaaaaaa", {}, {}});
    auto b = pl::build_dpop_proof(stub_key(), {"POST", "https://example.auth0.com/oauth/token", now, "aaaaaaaaaaab", {}, {}});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.value() != b.value());
    CHECK(decode(a.value()).payload["jti"] == "YWFhYWFhYWFhYWFh");
}

TEST_CASE("dpop htu: query and fragment dropped, scheme and host lower case, default port dropped, path as sent") {
    struct row {
        const char* url;
        const char* htu;
    };
    const row rows[] = {
        {"https://example.auth0.com/oauth/token", "https://example.auth0.com/oauth/token"},
        {"https://example.auth0.com/oauth/token?x=1", "https://example.auth0.com/oauth/token"},
        {"https://example.auth0.com/oauth/token#frag", "https://example.auth0.com/oauth/token"},
        {"https://example.auth0.com/oauth/token?a=b#c", "https://example.auth0.com/oauth/token"},
        {"HTTPS://Example.AUTH0.com/oauth/token", "https://example.auth0.com/oauth/token"},
        {"https://example.auth0.com/OAuth/Token", "https://example.auth0.com/OAuth/Token"},
        {"https://example.auth0.com:443/oauth/token", "https://example.auth0.com/oauth/token"},
        {"https://example.auth0.com:0443/oauth/token", "https://example.auth0.com/oauth/token"},
        {"https://example.auth0.com:8443/oauth/token", "https://example.auth0.com:8443/oauth/token"},
        {"https://example.auth0.com/oauth/token/", "https://example.auth0.com/oauth/token/"},
        {"https://example.auth0.com/a%2Fb/%7euser", "https://example.auth0.com/a%2Fb/%7euser"},
        {"https://example.auth0.com", "https://example.auth0.com/"},
        {"https://example.auth0.com?q", "https://example.auth0.com/"},
        {"https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"},
        {"https://[2001:db8::1]:8443/x", "https://[2001:db8::1]:8443/x"},
        {"http://127.0.0.1:80/oauth/token", "http://127.0.0.1/oauth/token"},
        {"http://127.0.0.1:8080/oauth/token", "http://127.0.0.1:8080/oauth/token"},
        {"http://LOCALHOST:3000/me", "http://localhost:3000/me"},
        {"http://[::1]/me", "http://[::1]/me"},
    };
    for (const row& r : rows) {
        CAPTURE(r.url);
        CHECK(htu_of(r.url) == r.htu);
        CHECK(proof_for("GET", r.url).payload["htu"] == r.htu);
    }
}

TEST_CASE("dpop htu: URLs that are not absolute https (or loopback http) are refused") {
    const char* const bad[] = {
        "",
        "/oauth/token",
        "example.auth0.com/oauth/token",
        "ftp://example.auth0.com/x",
        "http://example.auth0.com/oauth/token",
        "http://10.0.0.1/oauth/token",
        "https://user:pw@example.auth0.com/x",
        "https:///x",
        "https://exa mple.com/x",
        "https://example.com/a b",
        "https://example.com/\r\nx",
        "https://example.com:0/x",
        "https://example.com:65536/x",
        "https://example.com:12a/x",
        "https://[zz::1]/x",
        "https://ex_ample.com/x",
        "https://example.com/\xc3\xa9",
    };
    for (const char* url : bad) {
        CAPTURE(url);
        auto r = pl::dpop_htu(url);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "url");
        CHECK(proof_error(stub_key(), {"POST", url, now, jti_bytes, {}, {}}).field == "url");
    }
}

TEST_CASE("dpop proof: refusals are invalid_argument naming the input") {
    const std::string url = "https://example.auth0.com/oauth/token";
    CHECK(proof_error(stub_key(), {"POST", url, now, "12345678901", {}, {}}).field == "jti");  // 11 bytes
    CHECK(proof_error(stub_key(), {"POST", url, now, "", {}, {}}).field == "jti");
    CHECK(proof_error(stub_key(), {"POST", url, now, std::string(65, 'j'), {}, {}}).field == "jti");
    CHECK(pl::build_dpop_proof(stub_key(), {"POST", url, now, "123456789012", {}, {}}).ok());  // 12 bytes
    CHECK(proof_error(stub_key(), {"post", url, now, jti_bytes, {}, {}}).field == "method");
    CHECK(proof_error(stub_key(), {"", url, now, jti_bytes, {}, {}}).field == "method");
    CHECK(proof_error(stub_key(), {"PO ST", url, now, jti_bytes, {}, {}}).field == "method");
    CHECK(proof_error(stub_key(), {"POST", url, -1, jti_bytes, {}, {}}).field == "now");
    CHECK(proof_error(stub_key(), {"POST", url, now, jti_bytes, "has space", {}}).field == "nonce");
    CHECK(proof_error(stub_key(), {"POST", url, now, jti_bytes, "quote\"", {}}).field == "nonce");
    CHECK(proof_error(stub_key(), {"GET", url, now, jti_bytes, {}, "tok\r\nen"}).field == "access_token");

    pl::dpop_key short_sig{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}, [](std::string_view) { return std::string(63, 's'); }};
    pl::dpop_key der_sig{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}, [](std::string_view) { return std::string(71, 's'); }};
    pl::dpop_key failed{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}, [](std::string_view) { return std::string(); }};
    for (const pl::dpop_key* k : {&short_sig, &der_sig, &failed}) CHECK(proof_error(*k, {"POST", url, now, jti_bytes, {}, {}}).field == "signature");
    pl::dpop_key no_signer{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}, nullptr};
    CHECK(proof_error(no_signer, {"POST", url, now, jti_bytes, {}, {}}).field == "signer");
    pl::dpop_key bad_key{pl::dpop_public_key{"AQAB", stub_jws::dpop_key_y}, stub_key().signer};
    CHECK(proof_error(bad_key, {"POST", url, now, jti_bytes, {}, {}}).field == "key");
}

TEST_CASE("dpop key: from_jwk takes public P-256 keys only") {
    const std::string pub = std::string(R"({"kty":"EC","crv":"P-256","x":")") + stub_jws::dpop_key_x + R"(","y":")" + stub_jws::dpop_key_y + R"("})";
    auto k = pl::dpop_public_key::from_jwk(pub);
    REQUIRE(k.ok());
    CHECK(k->x == stub_jws::dpop_key_x);
    CHECK(k->y == stub_jws::dpop_key_y);
    CHECK(k->jwk_json() == std::string(R"({"crv":"P-256","kty":"EC","x":")") + stub_jws::dpop_key_x + R"(","y":")" + stub_jws::dpop_key_y + R"("})");
    CHECK(pl::dpop_public_key::from_jwk(std::string(R"({"kty":"EC","crv":"P-256","alg":"ES256","kid":"k","x":")") + stub_jws::dpop_key_x +
                                        R"(","y":")" + stub_jws::dpop_key_y + R"("})")
              .ok());
    const std::string bad[] = {
        std::string(R"({"kty":"EC","crv":"P-256","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE","x":")") + stub_jws::dpop_key_x + R"(","y":")" + stub_jws::dpop_key_y + R"("})",
        std::string(R"({"kty":"EC","crv":"P-384","x":")") + stub_jws::dpop_key_x + R"(","y":")" + stub_jws::dpop_key_y + R"("})",
        std::string(R"({"kty":"EC","crv":"P-256","alg":"ES384","x":")") + stub_jws::dpop_key_x + R"(","y":")" + stub_jws::dpop_key_y + R"("})",
        std::string(R"({"kty":"RSA","n":"AQAB","e":"AQAB"})"),
        std::string(R"({"kty":"EC","crv":"P-256","x":"AQAB","y":")") + stub_jws::dpop_key_y + R"("})",
        std::string(R"({"kty":"EC","crv":"P-256","x":")") + stub_jws::dpop_key_x + R"(="," y":")" + stub_jws::dpop_key_y + R"("})",
        std::string(R"({"kty":"EC","crv":"P-256","x":")") + stub_jws::dpop_key_x + R"("})",
        std::string("{}"),
        std::string("nope"),
    };
    for (const std::string& doc : bad) {
        CAPTURE(doc);
        auto r = pl::dpop_public_key::from_jwk(doc);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "key");
        CHECK(r.failure().description.find("870MB6") == std::string::npos);
    }
    auto c = pl::dpop_public_key::from_coordinates(std::string(32, '\x01'), std::string(32, '\x02'));
    REQUIRE(c.ok());
    CHECK_FALSE(c->validate().has_value());
    CHECK_FALSE(pl::dpop_public_key::from_coordinates(std::string(31, '\x01'), std::string(32, '\x02')).ok());
}

TEST_CASE("dpop resource headers: Authorization DPoP and a proof with ath") {
    auto h = pl::dpop_resource_headers(stub_key(), {"GET", "https://api.example.com/me?x=1", "at-123", now, jti_bytes, "n-1"});
    REQUIRE(h.ok());
    REQUIRE(h->size() == 2);
    CHECK((*h)[0].name == "authorization");
    CHECK((*h)[0].value == "DPoP at-123");
    CHECK((*h)[1].name == "dpop");
    const decoded_proof p = decode((*h)[1].value);
    CHECK(p.payload["htu"] == "https://api.example.com/me");
    CHECK(p.payload["nonce"] == "n-1");
    CHECK(p.payload["ath"] == pl::detail::sha256_base64url("at-123"));
    auto none = pl::dpop_resource_headers(stub_key(), {"GET", "https://api.example.com/me", "", now, jti_bytes, {}});
    REQUIRE_FALSE(none.ok());
    CHECK(none.failure().field == "access_token");
}

TEST_CASE("dpop on a token request: add_dpop_proof uses the request's method and URL, never ath") {
    const pl::client c = make_client();
    auto r = pl::build_token_request(c, pl::refresh_grant_params{"rt-1", std::nullopt, std::nullopt});
    REQUIRE(r.ok());
    REQUIRE_FALSE(pl::add_dpop_proof(r.value(), stub_key(), now, jti_bytes, "n-2").has_value());
    const decoded_proof p = decode(header_of(r.value(), "dpop"));
    CHECK(p.payload["htm"] == "POST");
    CHECK(p.payload["htu"] == "https://example.auth0.com/oauth/token");
    CHECK(p.payload["nonce"] == "n-2");
    CHECK_FALSE(p.payload.contains("ath"));
    // A second proof replaces the first.
    REQUIRE_FALSE(pl::add_dpop_proof(r.value(), stub_key(), now + 1, "another-jti-bytes", {}).has_value());
    int count = 0;
    for (const pl::header& h : r->headers) count += pl::header_name_equals(h.name, "dpop") ? 1 : 0;
    CHECK(count == 1);
    CHECK(decode(header_of(r.value(), "dpop")).payload["iat"] == now + 1);
    // A refused proof leaves the request as it was.
    const std::string before = header_of(r.value(), "dpop");
    CHECK(pl::add_dpop_proof(r.value(), stub_key(), now, "short", {}).has_value());
    CHECK(header_of(r.value(), "dpop") == before);
}

TEST_CASE("dpop at the token endpoint: use_dpop_nonce and invalid_dpop_proof are their own kinds") {
    auto nonce = pl::parse_token_response(
        make_response(400, R"({"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"})",
                      {{"content-type", "application/json"}, {"DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"}}),
        now);
    REQUIRE_FALSE(nonce.ok());
    CHECK(nonce.failure().kind == pl::error_kind::dpop_nonce_required);
    CHECK(nonce.failure().action == pl::error_action::retry);
    CHECK(nonce.failure().dpop_nonce == "eyJ7S_zG.eyJH0-Z.HX4w-7v");
    CHECK(nonce.failure().code == "use_dpop_nonce");

    auto invalid = pl::parse_token_response(
        make_response(400, R"({"error":"invalid_dpop_proof","error_description":"DPoP proof signature is invalid"})"), now);
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.failure().kind == pl::error_kind::invalid_dpop_proof);
    CHECK(invalid.failure().action == pl::error_action::fix_config);
    CHECK(invalid.failure().dpop_nonce.empty());
}

TEST_CASE("dpop token_type is surfaced as sent and recognised ignoring case") {
    auto t = pl::parse_token_response(make_response(200, R"({"access_token":"at","token_type":"DPoP","expires_in":86400})"), now);
    REQUIRE(t.ok());
    CHECK(t->token_type == "DPoP");
    CHECK(pl::is_dpop_token_type(t->token_type));
    CHECK(pl::is_dpop_token_type("dpop"));
    CHECK_FALSE(pl::is_dpop_token_type("Bearer"));
    CHECK_FALSE(pl::is_dpop_token_type("DPoP "));
    CHECK_FALSE(pl::is_dpop_token_type(""));
}
