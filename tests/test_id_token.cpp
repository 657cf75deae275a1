// ID token verification: every check and reason, their order, time edges, and known attacks.
#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

#include "support/jwt_helpers.hpp"

using namespace test;

namespace {

const pl::signature_verifier stub = stub_verifier_accepts;

pl::result<pl::id_token_claims> verify(const std::string& token, const pl::id_token_expectations& x = good_expectations(),
                                       pl::unix_seconds at = now) {
    return pl::verify_id_token(token, x, stub, at);
}

std::string refused(const std::string& token, const pl::id_token_expectations& x = good_expectations(), pl::unix_seconds at = now) {
    auto r = verify(token, x, at);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().kind == pl::error_kind::invalid_id_token);
    CHECK(r.failure().action == pl::error_action::give_up);
    // Never the whole token in a message.
    if (!token.empty()) CHECK(r.failure().description.find(token) == std::string::npos);
    return r.failure().reason;
}

std::string with_claim(const char* name, const json& value) {
    json c = good_claims();
    c[name] = value;
    return make_jwt(good_header(), c);
}

std::string without_claim(const char* name) {
    json c = good_claims();
    c.erase(name);
    return make_jwt(good_header(), c);
}

std::string with_header(const char* name, const json& value) {
    json h = good_header();
    h[name] = value;
    return make_jwt(h, good_claims());
}

}  // namespace

TEST_CASE("a good token verifies and exposes typed claims") {
    json c = good_claims();
    c["name"] = "Alice";
    c["nickname"] = "alice";
    c["picture"] = "https://s.gravatar.com/avatar/x.png";
    c["updated_at"] = "2023-11-14T22:13:20.000Z";
    c["phone_number"] = "+14155552671";
    c["sid"] = "sess-1";
    c["org_id"] = "org_123";
    c["org_name"] = "acme";
    c["auth_time"] = now - 100;
    c["custom"] = json{{"nested", {1, 2}}};
    auto r = verify(make_jwt(good_header(), c));
    REQUIRE(r.ok());
    const pl::id_token_claims& claims = r.value();
    CHECK(claims.iss() == "https://example.auth0.com/");
    CHECK(claims.sub() == "email|5f7c8ec7c33c6c004bbafe82");
    CHECK(claims.exp() == now + 36000);
    CHECK(claims.iat() == now - 10);
    CHECK(claims.email() == "user@example.com");
    CHECK(claims.email_verified() == true);
    CHECK(claims.name() == "Alice");
    CHECK(claims.nickname() == "alice");
    CHECK(claims.picture() == "https://s.gravatar.com/avatar/x.png");
    CHECK(claims.updated_at() == "2023-11-14T22:13:20.000Z");
    CHECK(claims.phone_number() == "+14155552671");
    CHECK(claims.sid() == "sess-1");
    CHECK(claims.org_id() == "org_123");
    CHECK(claims.org_name() == "acme");
    CHECK(claims.auth_time() == now - 100);
    CHECK_FALSE(claims.nonce().has_value());
    CHECK(claims.json()["custom"]["nested"][1] == 2);
    CHECK_FALSE(claims.string_claim("email_verified").has_value());
}

TEST_CASE("the verifier gets the configured alg, the kid, the exact signing input and the signature bytes") {
    const std::string token = make_jwt(good_header(), good_claims());
    pl::signature_input seen{};
    std::string signing_input;
    std::string signature;
    int calls = 0;
    pl::signature_verifier spy = [&](const pl::signature_input& in) {
        ++calls;
        seen = in;
        signing_input = std::string(in.signing_input);
        signature = std::string(in.signature);
        return true;
    };
    auto r = pl::verify_id_token(token, good_expectations(), spy, now);
    REQUIRE(r.ok());
    CHECK(calls == 1);
    CHECK(seen.algorithm == "RS256");
    CHECK(seen.key_id == "k1");
    CHECK(signing_input == token.substr(0, token.rfind('.')));
    CHECK(signature == stub_signature(signing_input));

    // Never called before the header checks pass.
    calls = 0;
    json h = good_header();
    h["alg"] = "none";
    CHECK_FALSE(pl::verify_id_token(make_jwt(h, good_claims()), good_expectations(), spy, now).ok());
    CHECK(calls == 0);
    CHECK_FALSE(pl::verify_id_token("a.b", good_expectations(), spy, now).ok());
    CHECK(calls == 0);

    // A rejecting verifier stops everything after it.
    pl::signature_verifier no = [](const pl::signature_input&) { return false; };
    auto rejected = pl::verify_id_token(make_jwt(good_header(), json{{"not", "checked"}}), good_expectations(), no, now);
    REQUIRE_FALSE(rejected.ok());
    CHECK(rejected.failure().reason == "signature");

    // An empty verifier is a caller error, never a call through an empty std::function.
    auto empty = pl::verify_id_token(token, good_expectations(), pl::signature_verifier{}, now);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.failure().kind == pl::error_kind::invalid_argument);
    CHECK(empty.failure().field == "verifier");
}

TEST_CASE("skipping the signature needs the loudly named option") {
    json h = good_header();
    const std::string input = b64url(h.dump()) + "." + b64url(good_claims().dump());
    const std::string unsigned_token = input + "." + b64url("whatever");
    CHECK(refused(unsigned_token) == "signature");
    auto r = pl::verify_id_token(unsigned_token, good_expectations(), pl::dangerous_skip_signature_check, now);
    CHECK(r.ok());
    // The other checks still run.
    json c = good_claims();
    c["iss"] = "https://evil.example/";
    auto bad = pl::verify_id_token(make_jwt(h, c), good_expectations(), pl::dangerous_skip_signature_check, now);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.failure().reason == "iss");
}

TEST_CASE("structure: three strict base64url segments of JSON objects") {
    const std::string good = make_jwt(good_header(), good_claims());
    const std::string h = good.substr(0, good.find('.'));
    for (const std::string& t : {std::string(""), std::string(".."), std::string("a.b"), good + ".x", good + "." + h + ".x",
                                 " " + good, good + "\n", good + "=", h + "..sig", "." + good.substr(good.find('.') + 1),
                                 std::string("e30.e30.e30=")}) {
        CAPTURE(t);
        CHECK(refused(t) == "malformed");
    }
    // Padding, the standard alphabet and non-canonical trailing bits are refused.
    CHECK(refused(make_jwt_raw(good_header().dump(), good_claims().dump()) + "==") == "malformed");
    std::string plus = good;
    plus[plus.size() - 2] = '+';
    CHECK(refused(plus) == "malformed");
    // "e30" is "{}"; "e31" decodes to the same bytes with non-zero trailing bits.
    const std::string input = b64url(good_header().dump()) + ".e31";
    CHECK(refused(input + "." + b64url(stub_signature(input))) == "malformed");
    // Non-ASCII and whitespace inside.
    CHECK(refused(h + "\xc3\xa9." + good.substr(good.find('.') + 1)) == "malformed");
    // Header or payload not a JSON object, invalid JSON, BOM, duplicates, depth.
    CHECK(refused(make_jwt_raw("[]", good_claims().dump())) == "malformed");
    CHECK(refused(make_jwt_raw("{\"alg\":\"RS256\"", good_claims().dump())) == "malformed");
    CHECK(refused(make_jwt_raw("\xef\xbb\xbf" + good_header().dump(), good_claims().dump())) == "malformed");
    CHECK(refused(make_jwt_raw(R"({"alg":"none","alg":"RS256","kid":"k1"})", good_claims().dump())) == "malformed");
    CHECK(refused(make_jwt_raw(good_header().dump(), "\"x\"")) == "malformed");
    CHECK(refused(make_jwt_raw(good_header().dump(), "/*c*/{}")) == "malformed");
    CHECK(refused(make_jwt_raw(good_header().dump(), "{\"iss\":\"a\xff\"}")) == "malformed");
    CHECK(refused(make_jwt_raw(good_header().dump(), R"({"x":NaN})")) == "malformed");
    CHECK(refused(make_jwt_raw(good_header().dump(), R"({"x":1e400})")) == "malformed");
    CHECK(refused(make_jwt_raw(good_header().dump(), std::string(100, '[') + std::string(100, ']'))) == "malformed");
}

TEST_CASE("duplicate claims are refused, including names hidden by escapes") {
    std::string payload = good_claims().dump();
    payload.insert(payload.size() - 1, R"(,"aud":"evil")");
    CHECK(refused(make_jwt_raw(good_header().dump(), payload)) == "malformed");
    std::string escaped = good_claims().dump();
    escaped.insert(escaped.size() - 1, R"(,"\u0069ss":"https://evil.example/")");
    CHECK(refused(make_jwt_raw(good_header().dump(), escaped)) == "malformed");
}

TEST_CASE("size cap on the token") {
    json c = good_claims();
    c["pad"] = std::string(70000, 'x');
    CHECK(refused(make_jwt(good_header(), c)) == "malformed");
    pl::client_limits roomy;
    roomy.max_token_bytes = 1u << 20;
    CHECK(pl::verify_id_token(make_jwt(good_header(), c), good_expectations(), stub, now, pl::checked_limits::create(roomy).value()).ok());
    json ok = good_claims();
    ok["pad"] = std::string(40000, 'x');  // about 53 KiB once encoded
    CHECK(verify(make_jwt(good_header(), ok)).ok());
}

TEST_CASE("alg: an allow-list from the caller, never none, never from the token") {
    for (const char* alg : {"none", "None", "NONE", "nOnE", "rs256", "HS256", "RS256 ", "ES256", ""}) {
        CAPTURE(alg);
        json h = good_header();
        h["alg"] = alg;
        CHECK(refused(make_jwt(h, good_claims())) == "alg");
    }
    json nul = good_header();
    nul["alg"] = std::string("RS256\0", 6);
    CHECK(refused(make_jwt(nul, good_claims())) == "alg");
    for (const json& bad : {json(nullptr), json(256), json::object({{"name", "RS256"}}), json::array({"RS256"})}) {
        json h = good_header();
        h["alg"] = bad;
        CHECK(refused(make_jwt(h, good_claims())) == "alg");
    }
    json no_alg = good_header();
    no_alg.erase("alg");
    CHECK(refused(make_jwt(no_alg, good_claims())) == "alg");

    // RS/HS confusion: HS256 only when the caller lists it, and then the verifier sees HS256.
    json hs = good_header();
    hs["alg"] = "HS256";
    auto x = good_expectations();
    x.algorithms = {"RS256", "HS256"};
    std::string seen;
    pl::signature_verifier spy = [&](const pl::signature_input& in) {
        seen = std::string(in.algorithm);
        return stub_verifier_accepts(in);
    };
    CHECK(pl::verify_id_token(make_jwt(hs, good_claims()), x, spy, now).ok());
    CHECK(seen == "HS256");

    // The caller's list is checked too.
    for (const std::vector<std::string>& bad : {std::vector<std::string>{}, std::vector<std::string>{"none"},
                                                std::vector<std::string>{"RS256", "rs256"}}) {
        auto y = good_expectations();
        y.algorithms = bad;
        auto r = verify(make_jwt(good_header(), good_claims()), y);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "algorithms");
    }
}

TEST_CASE("header: crit, key and URL members, cty, b64, typ and kid") {
    for (const char* member : {"crit", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "cty", "b64", "enc", "zip"}) {
        CAPTURE(member);
        CHECK(refused(with_header(member, "x")) == "header");
    }
    CHECK(refused(with_header("crit", json::array({"b64"}))) == "header");
    CHECK(refused(with_header("cty", "JWT")) == "header");
    CHECK(refused(with_header("typ", "at+jwt")) == "header");
    CHECK(refused(with_header("typ", 5)) == "header");
    // RFC 7515 4.1.9: typ is a media type, compared ignoring case, "application/" optional.
    for (const char* same : {"JWT", "jwt", "Jwt", "application/jwt", "APPLICATION/JWT", "Application/JWT"}) {
        CAPTURE(same);
        CHECK(verify(with_header("typ", same)).ok());
    }
    for (const char* other : {"at+jwt", "application/at+jwt", "dpop+jwt", "JOSE", "JOSE+JSON", "application/jose", "", " JWT",
                              "JWT ", "application/", "text/jwt", "application/jwt;charset=utf-8"}) {
        CAPTURE(other);
        CHECK(refused(with_header("typ", other)) == "header");
    }
    CHECK(refused(with_header("typ", std::string("JWT\0", 4))) == "header");
    json no_typ = good_header();
    no_typ.erase("typ");
    CHECK(verify(make_jwt(no_typ, good_claims())).ok());
    CHECK(refused(with_header("kid", json{{"id", "k1"}})) == "header");
    CHECK(refused(with_header("kid", "k1\r\nX-Injected: 1")) == "header");
    CHECK(refused(with_header("kid", "")) == "header");
    CHECK(refused(with_header("kid", std::string(300, 'k'))) == "header");
    // An unknown kid is the verifier's business.
    CHECK(refused(with_header("kid", "../../etc/passwd")) == "signature");
}

TEST_CASE("iss: exact string, trailing slash included") {
    for (const json& v : {json("https://example.auth0.com"), json("https://EXAMPLE.auth0.com/"), json("https://example.auth0.com/evil"),
                          json(std::string("https://example.auth0.com/\0evil", 31)), json(true), json(nullptr), json::array({"https://example.auth0.com/"})}) {
        CAPTURE(v.dump());
        CHECK(refused(with_claim("iss", v)) == "iss");
    }
    CHECK(refused(without_claim("iss")) == "iss");
    CHECK(verify(make_jwt_raw(good_header().dump(), R"({"iss":"https:\/\/example.auth0.com\/","sub":"s","aud":"abc123","iat":1699999990,"exp":1700036000})")).ok());
}

TEST_CASE("sub: a non-empty string of at most 255 bytes") {
    CHECK(refused(without_claim("sub")) == "sub");
    CHECK(refused(with_claim("sub", "")) == "sub");
    CHECK(refused(with_claim("sub", 5)) == "sub");
    CHECK(refused(with_claim("sub", std::string(256, 'a'))) == "sub");
    CHECK(verify(with_claim("sub", std::string(255, 'a'))).ok());
}

TEST_CASE("aud: contains the client id and nothing untrusted") {
    CHECK(verify(with_claim("aud", json::array({"abc123"}))).ok());
    for (const json& v : {json("abc123 "), json("ABC123"), json::array({"evil"}), json::array(), json(nullptr), json(5),
                          json::object({{"aud", "abc123"}}), json::array({"abc123", 5}), json::array({json::array({"abc123"})})}) {
        CAPTURE(v.dump());
        CHECK(refused(with_claim("aud", v)) == "aud");
    }
    CHECK(refused(without_claim("aud")) == "aud");
    json extra = good_claims();
    extra["aud"] = json::array({"abc123", "https://api.example.com"});
    extra["azp"] = "abc123";
    CHECK(refused(make_jwt(good_header(), extra)) == "aud");
    auto x = good_expectations();
    x.trusted_audiences = {"https://api.example.com"};
    CHECK(verify(make_jwt(good_header(), extra), x).ok());
}

TEST_CASE("azp: equals the client id when present, required with several audiences") {
    CHECK(verify(with_claim("azp", "abc123")).ok());
    CHECK(refused(with_claim("azp", "other")) == "azp");
    CHECK(refused(with_claim("azp", 5)) == "azp");
    json several = good_claims();
    several["aud"] = json::array({"abc123", "https://api.example.com"});
    auto x = good_expectations();
    x.trusted_audiences = {"https://api.example.com"};
    CHECK(refused(make_jwt(good_header(), several), x) == "azp");
}

TEST_CASE("exp: numeric, finite, in range, and now < exp + leeway exactly") {
    CHECK(verify(with_claim("exp", now - 59)).ok());
    CHECK(refused(with_claim("exp", now - 60)) == "exp");  // now == exp + leeway: expired
    CHECK(refused(with_claim("exp", now - 61)) == "exp");
    CHECK(verify(with_claim("exp", static_cast<double>(now) - 59.5)).ok());
    CHECK(refused(with_claim("exp", static_cast<double>(now) - 60.0)) == "exp");
    auto strict = good_expectations();
    strict.leeway = 0;
    CHECK(refused(with_claim("exp", now), strict) == "exp");
    CHECK(verify(with_claim("exp", now + 1), strict).ok());
    for (const json& v : {json("1700036000"), json(nullptr), json(true), json::object({{"t", 1}}), json(-1), json(1e300), json(1e-9),
                          json(std::numeric_limits<std::int64_t>::max()), json(std::numeric_limits<std::uint64_t>::max()), json(253402300800LL)}) {
        CAPTURE(v.dump());
        CHECK(refused(with_claim("exp", v)) == "exp");
    }
    CHECK(refused(without_claim("exp")) == "exp");
}

TEST_CASE("32-bit and 64-bit time edges") {
    const pl::unix_seconds y2038 = 2147483647;
    json c = good_claims();
    c["iat"] = y2038 + 10;
    c["exp"] = y2038 + 3600;
    CHECK(verify(make_jwt(good_header(), c), good_expectations(), y2038 + 20).ok());
    CHECK(refused(make_jwt(good_header(), c), good_expectations(), y2038 + 3660) == "exp");
    c["exp"] = 253402300799LL;
    CHECK(verify(make_jwt(good_header(), c), good_expectations(), y2038 + 20).ok());
    auto r = pl::verify_id_token(make_jwt(good_header(), good_claims()), good_expectations(), stub,
                                 std::numeric_limits<pl::unix_seconds>::max());
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().field == "now");
}

TEST_CASE("iat: numeric and not in the future beyond the leeway; nbf when present") {
    CHECK(refused(with_claim("iat", "1700000000")) == "iat");
    CHECK(refused(without_claim("iat")) == "iat");
    CHECK(verify(with_claim("iat", now + 60)).ok());
    CHECK(refused(with_claim("iat", now + 61)) == "iat");
    CHECK(verify(with_claim("nbf", now + 60)).ok());
    CHECK(refused(with_claim("nbf", now + 61)) == "nbf");
    CHECK(refused(with_claim("nbf", "soon")) == "nbf");
}

TEST_CASE("nonce: equal when sent, absent when not") {
    auto x = good_expectations();
    x.nonce = "n-0S6_WzA2Mj";
    CHECK(verify(with_claim("nonce", "n-0S6_WzA2Mj"), x).ok());
    for (const json& v : {json(""), json("n-0S6_WzA2M"), json("n-0S6_WzA2Mj "), json(std::string("n-0S6_WzA2Mj\0", 13)), json(5)}) {
        CAPTURE(v.dump());
        CHECK(refused(with_claim("nonce", v), x) == "nonce");
    }
    CHECK(refused(make_jwt(good_header(), good_claims()), x) == "nonce");
    CHECK(refused(with_claim("nonce", "unexpected")) == "nonce");
    x.nonce = "";
    auto r = verify(make_jwt(good_header(), good_claims()), x);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().field == "nonce");
}

TEST_CASE("auth_time with max_age") {
    auto x = good_expectations();
    x.max_age = 300;
    CHECK(verify(with_claim("auth_time", now - 360), x).ok());
    CHECK(refused(with_claim("auth_time", now - 361), x) == "auth_time");
    CHECK(refused(with_claim("auth_time", "recently"), x) == "auth_time");
    CHECK(refused(make_jwt(good_header(), good_claims()), x) == "auth_time");
    CHECK(verify(with_claim("auth_time", "not checked without max_age")).ok());
}

TEST_CASE("organization: org_id exactly, or org_name lower-cased") {
    auto x = good_expectations();
    x.organization = "org_9ybsU1dN2dKfDkBi";
    CHECK(verify(with_claim("org_id", "org_9ybsU1dN2dKfDkBi"), x).ok());
    CHECK(refused(with_claim("org_id", "org_9ybsu1dn2dkfdkbi"), x) == "org");
    CHECK(refused(with_claim("org_id", "org_other"), x) == "org");
    CHECK(refused(make_jwt(good_header(), good_claims()), x) == "org");
    x.organization = "Acme-Corp";
    CHECK(verify(with_claim("org_name", "acme-corp"), x).ok());
    CHECK(refused(with_claim("org_name", "Acme-Corp"), x) == "org");
}

TEST_CASE("checks run in order: header, signature, iss, sub, aud, azp, exp, iat, nbf, nonce, auth_time, org") {
    json h = good_header();
    json c = good_claims();
    c["nbf"] = now + 1000;
    c["nonce"] = "wrong";
    c["azp"] = "other";
    c["exp"] = now - 1000;
    c["iat"] = now + 1000;
    c["aud"] = "other";
    c["sub"] = "";
    c["iss"] = "https://evil.example/";
    auto x = good_expectations();
    x.nonce = "right";
    x.max_age = 1;
    x.organization = "org_x";
    const char* order[] = {"iss", "sub", "aud", "azp", "exp", "iat", "nbf", "nonce", "auth_time", "org"};
    for (const char* expected : order) {
        CAPTURE(expected);
        CHECK(refused(make_jwt(h, c), x) == expected);
        const std::string e = expected;
        if (e == "iss") c["iss"] = "https://example.auth0.com/";
        if (e == "sub") c["sub"] = "email|1";
        if (e == "aud") c["aud"] = "abc123";
        if (e == "azp") c["azp"] = "abc123";
        if (e == "exp") c["exp"] = now + 1000;
        if (e == "iat") c["iat"] = now;
        if (e == "nbf") c["nbf"] = now;
        if (e == "nonce") c["nonce"] = "right";
        if (e == "auth_time") c["auth_time"] = now;
        if (e == "org") c["org_id"] = "org_x";
    }
    CHECK(verify(make_jwt(h, c), x).ok());
    // The header comes before the signature, the signature before the claims.
    h["crit"] = json::array({"exp"});
    CHECK(refused(b64url(h.dump()) + "." + b64url(c.dump()) + "." + b64url("junk")) == "header");
    h.erase("crit");
    CHECK(refused(b64url(h.dump()) + "." + b64url(json{{"iss", 5}}.dump()) + "." + b64url("junk")) == "signature");
}

TEST_CASE("decode_jwt shows a token without verifying it") {
    auto d = pl::decode_jwt(make_jwt(good_header(), good_claims()));
    REQUIRE(d.ok());
    CHECK(d->header["alg"] == "RS256");
    CHECK(d->payload["sub"] == "email|5f7c8ec7c33c6c004bbafe82");
    CHECK_FALSE(pl::decode_jwt("not a token").ok());
    CHECK(pl::decode_jwt("not a token").failure().reason == "malformed");
}

TEST_CASE("expected issuer of a client") {
    CHECK(pl::expected_issuer(make_client()) == "https://example.auth0.com/");
    pl::client_config cfg;
    cfg.base_url = "http://127.0.0.1:8080";
    CHECK(pl::expected_issuer(make_client(cfg)) == "http://127.0.0.1:8080/");
}

TEST_CASE("the payload is read after the signature: a forged token with a broken payload is a signature failure") {
    const std::string dup_payload = make_jwt_raw(good_header().dump(), R"({"sub":"a","sub":"b"})");
    const pl::signature_verifier says_no = [](const pl::signature_input&) { return false; };
    CHECK(pl::verify_id_token(dup_payload, good_expectations(), says_no, now).failure().reason == "signature");
    CHECK(refused(dup_payload) == "malformed");  // a genuine signature over it: the payload check refuses
    const std::string dup_header = make_jwt_raw(R"({"alg":"RS256","alg":"none","kid":"k1"})", good_claims().dump());
    CHECK(pl::verify_id_token(dup_header, good_expectations(), says_no, now).failure().reason == "malformed");
}

#ifdef PASSWORDLESS_TEST_SOURCE_DIR
// The check-order table in id_token.hpp's opening comment is the one the code follows: its reasons
// in order, and every header member its `header` row names is refused.
TEST_CASE("id_token.hpp: the comment's check table matches the code") {
    std::ifstream in(PASSWORDLESS_TEST_SOURCE_DIR "/include/passwordless/id_token.hpp");
    REQUIRE(in.good());
    std::string comment, text;  // the file's first lines that start with "//", without the "// "
    while (std::getline(in, text) && text.rfind("//", 0) == 0)
        comment.append(text.compare(0, 3, "// ") == 0 ? text.substr(3) : text.substr(2)).append("\n");
    const std::size_t table = comment.find("| reason | check |");
    REQUIRE(table != std::string::npos);
    std::vector<std::string> reasons;
    std::string header_row;
    for (std::size_t line = comment.find('\n', table) + 1; comment.compare(line, 1, "|") == 0; line = comment.find('\n', line) + 1) {
        const std::string row = comment.substr(line, comment.find('\n', line) - line);
        if (row.rfind("|---", 0) == 0) continue;
        const std::size_t open = row.find('`');
        reasons.push_back(row.substr(open + 1, row.find('`', open + 1) - open - 1));
        if (reasons.back() == "header") header_row = row;
    }
    CHECK(reasons == std::vector<std::string>{"malformed", "alg", "header", "signature", "malformed", "iss", "sub", "aud", "azp", "exp",
                                              "iat", "nbf", "nonce", "auth_time", "org"});
    // "no `crit`, `jku`, ...;": each named member is refused.
    const std::size_t no = header_row.find("no `");
    REQUIRE(no != std::string::npos);
    const std::string listed = header_row.substr(no, header_row.find(';', no) - no);
    int members = 0;
    for (std::size_t at = listed.find('`'); at != std::string::npos; at = listed.find('`', listed.find('`', at + 1) + 1)) {
        const std::string member = listed.substr(at + 1, listed.find('`', at + 1) - at - 1);
        CAPTURE(member);
        CHECK(refused(with_header(member.c_str(), "x")) == "header");
        ++members;
    }
    CHECK(members == 11);
    CHECK(header_row.find("`application/jwt`") != std::string::npos);
    CHECK(verify(with_header("typ", "Application/JWT")).ok());
}
#endif

TEST_CASE("a verifier that looks keys up answers a verdict, and an unknown key is told apart") {
    const std::string token = make_jwt(good_header(), good_claims());
    for (pl::signature_verdict answer : {pl::signature_verdict::verified, pl::signature_verdict::bad_signature,
                                         pl::signature_verdict::unknown_key}) {
        CAPTURE(pl::to_string(answer));
        int calls = 0;
        struct ctx_t {
            pl::signature_verdict answer;
            int* calls;
        } ctx{answer, &calls};
        const pl::detail::verdict_source source{&ctx, [](const void* object, const pl::signature_input& in) {
                                                    const auto* c = static_cast<const ctx_t*>(object);
                                                    ++*c->calls;
                                                    CHECK(in.algorithm == "RS256");
                                                    return c->answer;
                                                }};
        pl::detail::verification v = pl::detail::verify_token(token, good_expectations(), &source, now, {});
        CHECK(calls == 1);
        CHECK(v.verdict == answer);
        CHECK(v.claims.ok() == (answer == pl::signature_verdict::verified));
        if (!v.claims.ok()) {
            CHECK(v.claims.failure().reason == "signature");
            CHECK((v.claims.failure().description.find("no key") != std::string::npos) ==
                  (answer == pl::signature_verdict::unknown_key));
        }
    }
    // A token refused before its signature never asks the verifier, and says so: verified, not unknown.
    const pl::detail::verdict_source never{nullptr, [](const void*, const pl::signature_input&) {
                                               FAIL("the verifier must not be asked");
                                               return pl::signature_verdict::unknown_key;
                                           }};
    pl::detail::verification early = pl::detail::verify_token("not.a.token", good_expectations(), &never, now, {});
    CHECK_FALSE(early.claims.ok());
    CHECK(early.verdict == pl::signature_verdict::verified);
}
