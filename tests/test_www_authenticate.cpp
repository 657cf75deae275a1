// WWW-Authenticate challenges (www_authenticate.hpp): several challenges, quoted commas, escaped
// quotes, token68, the DPoP challenge and how a resource server's refusal is classified.
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {

pl::response challenge_response(std::vector<std::string> values, int status = 401) {
    std::vector<pl::header> headers;
    for (auto& v : values) headers.push_back({"WWW-Authenticate", std::move(v)});
    return make_response(status, "", std::move(headers));
}

std::vector<pl::auth_challenge> parse(std::string value) {
    auto r = pl::parse_www_authenticate(challenge_response({std::move(value)}));
    REQUIRE(r.has_value());
    return *r;
}

}  // namespace

TEST_CASE("www-authenticate: the RFC 9449 nonce challenge") {
    auto c = parse(R"(DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof")");
    REQUIRE(c.size() == 1);
    CHECK(c[0].scheme == "DPoP");
    CHECK(c[0].param("error") == std::optional<std::string_view>("use_dpop_nonce"));
    CHECK(c[0].param("error_description") == std::optional<std::string_view>("Resource server requires nonce in DPoP proof"));
}

TEST_CASE("www-authenticate: several challenges, quoted commas and escaped quotes") {
    auto c = parse(R"(Bearer realm="api, v2", error="invalid_token", DPoP algs="ES256 PS256", error="use_dpop_nonce", error_description="say \"nonce\", then \\ retry", Basic realm="x")");
    REQUIRE(c.size() == 3);
    CHECK(c[0].scheme == "Bearer");
    CHECK(c[0].param("realm") == std::optional<std::string_view>("api, v2"));
    CHECK(c[0].param("error") == std::optional<std::string_view>("invalid_token"));
    CHECK(c[1].scheme == "DPoP");
    CHECK(c[1].param("algs") == std::optional<std::string_view>("ES256 PS256"));
    CHECK(c[1].param("error") == std::optional<std::string_view>("use_dpop_nonce"));
    CHECK(c[1].param("error_description") == std::optional<std::string_view>("say \"nonce\", then \\ retry"));
    CHECK(c[2].scheme == "Basic");
    CHECK(c[2].params.size() == 1);
}

TEST_CASE("www-authenticate: token68, bare schemes, empty elements, spacing and case") {
    auto c = parse("Negotiate abc+/def==, NTLM ,, Newauth realm=apps , type = 1 ,title=\"Login to \\\"apps\\\"\", dpop ERROR=use_dpop_nonce");
    REQUIRE(c.size() == 4);
    CHECK(c[0].scheme == "Negotiate");
    CHECK(c[0].token68 == "abc+/def==");
    CHECK(c[1].scheme == "NTLM");
    CHECK(c[1].params.empty());
    CHECK(c[2].param("realm") == std::optional<std::string_view>("apps"));
    CHECK(c[2].param("type") == std::optional<std::string_view>("1"));
    CHECK(c[2].param("title") == std::optional<std::string_view>("Login to \"apps\""));
    CHECK(c[3].param("error") == std::optional<std::string_view>("use_dpop_nonce"));
    // Several headers are one list.
    auto two = pl::parse_www_authenticate(challenge_response({"Bearer realm=\"a\"", "DPoP error=\"use_dpop_nonce\""}));
    REQUIRE(two.has_value());
    CHECK(two->size() == 2);
    CHECK(parse("").empty());
}

TEST_CASE("www-authenticate: malformed values are refused, never half-read") {
    const char* const bad[] = {
        "DPoP error=\"unterminated",
        "DPoP error=\"bad\x01control\"",
        "DPoP a=b, error=",
        "DPoP error=\"a\" junk",
        "realm=\"x\"",
        "DPoP\"x\"",
        "=x",
        "DPoP error=\"a\\",
        "DPoP abc=def=",
        "DPoP error=\"a\" \"b\"",
        "Negotiate abc==, realm=x",
    };
    for (const char* v : bad) {
        const std::string value = v;
        CAPTURE(value);
        CHECK_FALSE(pl::parse_www_authenticate(challenge_response({v})).has_value());
        CHECK_FALSE(pl::find_dpop_challenge(challenge_response({v})).has_value());
    }
    std::string many;
    for (int i = 0; i < 40; ++i) many += "S" + std::to_string(i) + ", ";
    CHECK_FALSE(pl::parse_www_authenticate(challenge_response({many})).has_value());
    CHECK_FALSE(pl::parse_www_authenticate(challenge_response({"DPoP realm=\"" + std::string(20000, 'a') + "\""})).has_value());
}

TEST_CASE("www-authenticate: find_dpop_challenge picks the DPoP one among others") {
    auto d = pl::find_dpop_challenge(challenge_response({R"(Bearer realm="a, DPoP error=\"fake\"", DPoP error="invalid_dpop_proof", error_description="bad \"sig\"", algs="ES256")"}));
    REQUIRE(d.has_value());
    CHECK(d->error == "invalid_dpop_proof");
    CHECK(d->error_description == "bad \"sig\"");
    CHECK(d->algs == "ES256");
    CHECK_FALSE(pl::find_dpop_challenge(challenge_response({R"(Bearer realm="DPoP error=use_dpop_nonce")"})).has_value());
}

TEST_CASE("www-authenticate: a resource server's refusal classified") {
    pl::response nonce = challenge_response({R"(DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof")"});
    nonce.headers.push_back({"DPoP-Nonce", "rs-nonce-1"});
    pl::error e = pl::classify_resource_error(nonce, now);
    CHECK(e.kind == pl::error_kind::dpop_nonce_required);
    CHECK(e.action == pl::error_action::retry);
    CHECK(e.dpop_nonce == "rs-nonce-1");
    CHECK(e.status == 401);

    e = pl::classify_resource_error(challenge_response({R"(Bearer, DPoP error="invalid_dpop_proof", algs="ES256")"}), now);
    CHECK(e.kind == pl::error_kind::invalid_dpop_proof);
    CHECK(e.action == pl::error_action::fix_config);
    CHECK(e.status == 401);

    e = pl::classify_resource_error(challenge_response({R"(DPoP error="invalid_token")"}), now);
    CHECK(e.kind == pl::error_kind::invalid_access_token);
    CHECK(e.code == "invalid_token");
    // No DPoP challenge: the status decides, as for any response.
    e = pl::classify_resource_error(challenge_response({"Bearer"}, 503), now);
    CHECK(e.kind == pl::error_kind::server_error);
}

TEST_CASE("www-authenticate: every row of the resource-error table, in both schemes and at 401, 400 and 403") {
    for (const pl::resource_error_rule& rule : pl::resource_error_rules) {
        CHECK(pl::resource_error_kind(rule.code) == std::optional<pl::error_kind>(rule.kind));
        for (const char* scheme : {"Bearer", "DPoP", "bearer", "DPOP"})
            for (int status : {401, 400, 403}) {
                pl::response r = challenge_response(
                    {std::string(scheme) + R"( realm="api", error=")" + std::string(rule.code) + R"(", error_description="why, \"so\"")"},
                    status);
                r.headers.push_back({"DPoP-Nonce", "rs-nonce"});
                const pl::error e = pl::classify_resource_error(r, now);
                CAPTURE(rule.code);
                CHECK(e.kind == rule.kind);
                CHECK(e.action == pl::action_for(rule.kind));
                CHECK(e.status == status);
                CHECK(e.code == std::optional<std::string>(std::string(rule.code)));
                CHECK(e.description == "why, \"so\"");
                CHECK(e.dpop_nonce == (rule.kind == pl::error_kind::dpop_nonce_required ? "rs-nonce" : ""));
            }
    }
    CHECK_FALSE(pl::resource_error_kind("INVALID_TOKEN").has_value());
    CHECK_FALSE(pl::resource_error_kind("").has_value());
}

TEST_CASE("www-authenticate: the new kinds' actions") {
    CHECK(pl::classify_resource_error(challenge_response({R"(Bearer error="invalid_token")"}), now).action == pl::error_action::refresh);
    pl::error e = pl::classify_resource_error(challenge_response({R"(Bearer error="insufficient_scope", scope="read:things")"}, 403), now);
    CHECK(e.kind == pl::error_kind::insufficient_scope);
    CHECK(e.action == pl::error_action::fix_config);
    CHECK(e.description.find("read:things") != std::string::npos);
}

TEST_CASE("www-authenticate: which challenge decides among several") {
    // A Basic challenge and an unknown code do not count; the first known Bearer/DPoP error does.
    auto e = pl::classify_resource_error(
        challenge_response({R"(Basic error="invalid_token", DPoP error="weird", Bearer error="insufficient_scope")"}, 403), now);
    CHECK(e.kind == pl::error_kind::insufficient_scope);
    e = pl::classify_resource_error(challenge_response({R"(DPoP algs="ES256", error="use_dpop_nonce", Bearer error="invalid_token")"}), now);
    CHECK(e.kind == pl::error_kind::dpop_nonce_required);
    // A comma inside a quoted value does not start a challenge.
    e = pl::classify_resource_error(challenge_response({R"(Bearer realm="a, DPoP error=\"use_dpop_nonce\"", error="invalid_token")"}), now);
    CHECK(e.kind == pl::error_kind::invalid_access_token);
    // Two headers: a malformed one is skipped, the other still counts.
    e = pl::classify_resource_error(challenge_response({R"(Bearer error="unterminated)", R"(DPoP error="invalid_dpop_proof")"}, 400), now);
    CHECK(e.kind == pl::error_kind::invalid_dpop_proof);
}

TEST_CASE("www-authenticate: without a usable challenge, a 401 is invalid_access_token, the rest by body and status") {
    for (const char* v : {"", "Bearer", R"(Bearer realm="api")", R"(Bearer error="weird")", R"(Basic realm="x")", "Bearer error=\"", ",,,"}) {
        const pl::error e = pl::classify_resource_error(challenge_response({v}, 401), now);
        CHECK(e.kind == pl::error_kind::invalid_access_token);
        CHECK(e.status == 401);
        for (const char* body : {"", "Unauthorized", R"({"error":"server_error"})", R"({"error":"use_dpop_nonce"})"}) {
            pl::response with_body = challenge_response({v}, 401);
            with_body.body = body;
            with_body.headers.push_back({"content-type", "application/json"});
            const pl::error b = pl::classify_resource_error(with_body, now);
            CHECK(b.kind == pl::error_kind::invalid_access_token);
            CHECK(b.dpop_nonce.empty());
        }
    }
    pl::response limited = make_response(429, "", {{"retry-after", "12"}});
    pl::error e = pl::classify_resource_error(limited, now);
    CHECK(e.kind == pl::error_kind::rate_limited);
    CHECK(e.retry_at == now + 12);
    e = pl::classify_resource_error(make_response(502, "<html>bad gateway</html>", {{"content-type", "text/html"}}), now);
    CHECK(e.kind == pl::error_kind::server_error);
    e = pl::classify_resource_error(make_response(403, R"({"error":"insufficient_scope","error_description":"needs read"})"), now);
    CHECK(e.kind == pl::error_kind::insufficient_scope);
    CHECK(e.description == "needs read");
    e = pl::classify_resource_error(make_response(400, R"({"error":"invalid_token"})"), now);
    CHECK(e.kind == pl::error_kind::invalid_access_token);
    e = pl::classify_resource_error(make_response(403, R"({"error":"access_denied"})"), now);
    CHECK(e.kind == pl::error_kind::access_denied);
    e = pl::classify_resource_error(make_response(200, "{}"), now);
    CHECK(e.kind == pl::error_kind::unexpected_response);
    e = pl::classify_resource_error(make_response(700, ""), now);
    CHECK(e.kind == pl::error_kind::unexpected_response);
}

TEST_CASE("www-authenticate: an oversized header counts as no challenge") {
    pl::response r = challenge_response({R"(Bearer error="insufficient_scope", realm=")" + std::string(pl::max_www_authenticate_bytes, 'a') + "\""}, 403);
    CHECK_FALSE(pl::find_resource_challenge(r).has_value());
    CHECK(pl::classify_resource_error(r, now).kind != pl::error_kind::insufficient_scope);
}
