// Magic-link callbacks: query and fragment responses, percent-decoding, state, errors.
#include "support/helpers.hpp"

using namespace test;

namespace {
const char* const state = "st-Qx7Zp2af0ifjsldkj";

pl::error callback_error(const std::string& url, std::string_view expected = state) {
    auto r = pl::parse_callback(url, expected);
    REQUIRE_FALSE(r.ok());
    return r.failure();
}
}  // namespace

TEST_CASE("authorization code in the query") {
    auto r = pl::parse_callback("https://app.example.com/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=st-Qx7Zp2af0ifjsldkj", state);
    REQUIRE(r.ok());
    CHECK(r->code == "SplxlOBeZQQYbYS6WxSbIA");
    CHECK(r->state == state);
    CHECK_FALSE(r->access_token.has_value());
}

TEST_CASE("tokens in the fragment") {
    auto r = pl::parse_callback("http://localhost:3000/callback#access_token=7Cl7_LLrW&id_token=a.b.c&scope=openid%20email"
                                "&expires_in=7200&token_type=Bearer&state=st-Qx7Zp2af0ifjsldkj",
                                state);
    REQUIRE(r.ok());
    CHECK(r->access_token == "7Cl7_LLrW");
    CHECK(r->id_token == "a.b.c");
    CHECK(r->scope == "openid email");
    CHECK(r->expires_in == 7200);
    CHECK(r->token_type == "Bearer");
    CHECK_FALSE(r->code.has_value());
    // A query on the same URL that carries no response is ignored.
    CHECK(pl::parse_callback("https://app.example.com/cb?lang=fr#access_token=x&state=st-Qx7Zp2af0ifjsldkj", state).ok());
}

TEST_CASE("percent-decoding in either case, plus as space") {
    auto r = pl::parse_callback("https://app.example.com/callback?code=a%2Fb%3Dc%26d&state=st%20a%2fb%2Bc+d", "st a/b+c d");
    REQUIRE(r.ok());
    CHECK(r->code == "a/b=c&d");
    for (const char* bad : {"?code=a%2&state=s", "?code=a%zz&state=s", "?code=a%&state=s", "?code=%00&state=s", "?code=a%0D%0A&state=s",
                            "?code=a%FF&state=s", "?code=a%C0%AF&state=s"}) {
        CAPTURE(bad);
        pl::error e = callback_error(std::string("https://app.example.com/callback") + bad, "s");
        CHECK(e.kind == pl::error_kind::invalid_argument);
        CHECK(e.field == "url");
    }
}

TEST_CASE("state: compared whole, in constant time, before anything else") {
    for (const char* url : {"https://app.example.com/callback?code=x&state=st-attacker", "https://app.example.com/callback?code=x&state=st-Qx7Zp2af0ifjsldk",
                            "https://app.example.com/callback?code=x&state=st-Qx7Zp2af0ifjsldkjX", "https://app.example.com/callback?code=x",
                            "https://app.example.com/callback?code=x&state=", "https://app.example.com/callback?error=access_denied&state=evil",
                            "http://localhost:3000/callback#access_token=7Cl7&token_type=Bearer"}) {
        CAPTURE(url);
        pl::error e = callback_error(url);
        CHECK(e.kind == pl::error_kind::state_mismatch);
        CHECK(e.action == pl::error_action::restart);
    }
    pl::error empty = callback_error("https://app.example.com/callback?code=x&state=", "");
    CHECK(empty.kind == pl::error_kind::invalid_argument);
    CHECK(empty.field == "expected_state");
}

TEST_CASE("error parameters are classified by the same table") {
    pl::error denied = callback_error("https://app.example.com/callback#error=access_denied&error_description=Access%20denied.&state=st-Qx7Zp2af0ifjsldkj");
    CHECK(denied.kind == pl::error_kind::access_denied);
    CHECK(denied.code == "access_denied");
    CHECK(denied.description == "Access denied.");
    CHECK_FALSE(denied.status.has_value());
    CHECK(callback_error("https://app.example.com/callback?error=server_error&state=st-Qx7Zp2af0ifjsldkj").kind == pl::error_kind::server_error);
    CHECK(callback_error("https://app.example.com/callback?error=login_required&state=st-Qx7Zp2af0ifjsldkj").kind == pl::error_kind::unknown_error);
    CHECK(callback_error("https://app.example.com/callback?error=unauthorized_client&state=st-Qx7Zp2af0ifjsldkj").kind == pl::error_kind::grant_not_allowed);
}

TEST_CASE("malformed callbacks") {
    const std::string base = "https://app.example.com/callback";
    for (const std::string& url : {base + "?code=&state=st-Qx7Zp2af0ifjsldkj", base + "?state=st-Qx7Zp2af0ifjsldkj",
                                   base + "?code=a&code=b&state=st-Qx7Zp2af0ifjsldkj", base + "?code=a&state=st-Qx7Zp2af0ifjsldkj&state=st-Qx7Zp2af0ifjsldkj",
                                   base + "?code=a&state=st-Qx7Zp2af0ifjsldkj#access_token=b&state=st-Qx7Zp2af0ifjsldkj",
                                   base + "#access_token=a&expires_in=soon&state=st-Qx7Zp2af0ifjsldkj",
                                   base + "#access_token=a&expires_in=-1&state=st-Qx7Zp2af0ifjsldkj"}) {
        CAPTURE(url);
        pl::error e = callback_error(url);
        CHECK(e.kind == pl::error_kind::invalid_argument);
        CHECK(e.field == "url");
    }
    CHECK(callback_error(base + "?code=x&state=" + std::string(300000, 'a')).field == "url");
}
