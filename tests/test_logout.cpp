// Logout URLs (logout.hpp): both endpoints, percent-encoding of everything but unreserved
// characters, and the redirect-target rule.
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {

// The redirect targets the rule accepts and refuses, iterated by the tests below.
struct target_case {
    const char* url;
    bool ok;
};

constexpr target_case redirect_targets[] = {
    {"https://app.example.com/bye?a=1&b=2", true},
    {"https://app.example.com", true},
    {"HTTPS://APP.example.com:8443/x#frag", true},
    {"http://localhost:3000/done", true},
    {"http://127.0.0.1/done", true},
    {"http://127.255.0.9:80/", true},
    {"http://[::1]:8080/cb", true},
    {"http://app.example.com/bye", false},
    {"http://localhost.evil.com/", false},
    {"http://128.0.0.1/", false},
    {"http://[::2]/", false},
    {"ftp://app.example.com/", false},
    {"javascript:alert(1)", false},
    {"//app.example.com/bye", false},
    {"/relative", false},
    {"https://user:pw@app.example.com/", false},
    {"https://app.example.com/a b", false},
    {"https://app.example.com/\r\nx", false},
    {"https://", false},
    {"", false},
};

std::string encoded(std::string_view s) {
    std::string out;
    pl::detail::append_form_encoded(out, s);
    return out;
}

}  // namespace

TEST_CASE("logout: /v2/logout with client_id, returnTo and federated") {
    pl::v2_logout_params p;
    auto u = pl::build_logout_url(make_client(), p);
    REQUIRE(u.ok());
    CHECK(u.value() == "https://example.auth0.com/v2/logout?client_id=abc123");
    p.return_to = "https://app.example.com/bye?a=1&b=2";
    p.federated = true;
    u = pl::build_logout_url(make_client(), p);
    REQUIRE(u.ok());
    CHECK(u.value() ==
          "https://example.auth0.com/v2/logout?client_id=abc123&returnTo=https%3A%2F%2Fapp.example.com%2Fbye%3Fa%3D1%26b%3D2&federated");
}

TEST_CASE("logout: /oidc/logout with every member, percent-encoded") {
    pl::oidc_logout_params p;
    p.id_token_hint = "x.y.z";
    p.post_logout_redirect_uri = "https://app.example.com/done?next=/a&b=c";
    p.state = "st 1/\xC3\xA9+&=~";
    auto u = pl::build_logout_url(make_client(), p);
    REQUIRE(u.ok());
    CHECK(u.value() ==
          "https://example.auth0.com/oidc/logout?client_id=abc123&id_token_hint=x.y.z"
          "&post_logout_redirect_uri=https%3A%2F%2Fapp.example.com%2Fdone%3Fnext%3D%2Fa%26b%3Dc&state=st%201%2F%C3%A9%2B%26%3D~");
    auto bare = pl::build_logout_url(make_client(), pl::oidc_logout_params{});
    REQUIRE(bare.ok());
    CHECK(bare.value() == "https://example.auth0.com/oidc/logout?client_id=abc123");
}

TEST_CASE("logout: every byte but the unreserved ones is encoded") {
    for (int b = 1; b < 256; ++b) {
        const char ch = static_cast<char>(b);
        const bool unreserved = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                                ch == '-' || ch == '.' || ch == '_' || ch == '~';
        CHECK((encoded(std::string(1, ch)).size() == 1) == unreserved);
    }
}

TEST_CASE("logout: the redirect-target table, for both endpoints") {
    for (const target_case& t : redirect_targets) {
        CAPTURE(t.url);
        pl::v2_logout_params v2;
        v2.return_to = t.url;
        auto a = pl::build_logout_url(make_client(), v2);
        CHECK(a.ok() == t.ok);
        if (!a.ok()) {
            CHECK(a.failure().kind == pl::error_kind::invalid_argument);
            CHECK(a.failure().field == "return_to");
        }
        pl::oidc_logout_params oidc;
        oidc.post_logout_redirect_uri = t.url;
        auto b = pl::build_logout_url(make_client(), oidc);
        CHECK(b.ok() == t.ok);
        if (!b.ok()) CHECK(b.failure().field == "post_logout_redirect_uri");
    }
}

TEST_CASE("logout: hostile hints and states are refused, never quoted") {
    for (std::string bad : {std::string(), std::string("x.y\r\n.z"), std::string("x\0y", 3), std::string("hint-SECRET x")}) {
        pl::oidc_logout_params p;
        p.id_token_hint = bad;
        auto u = pl::build_logout_url(make_client(), p);
        REQUIRE_FALSE(u.ok());
        CHECK(u.failure().field == "id_token_hint");
        if (bad.size() > 2) CHECK(u.failure().description.find(bad) == std::string::npos);
    }
    for (std::string bad : {std::string(), std::string("s\n"), std::string("s\0", 2), std::string("\xFF\xFE"), std::string(5000, 's')}) {
        pl::oidc_logout_params p;
        p.state = bad;
        auto u = pl::build_logout_url(make_client(), p);
        REQUIRE_FALSE(u.ok());
        CHECK(u.failure().field == "state");
    }
}

TEST_CASE("logout: a base_url client logs out on its own host") {
    pl::client_config cfg;
    cfg.base_url = "http://127.0.0.1:3000";
    auto u = pl::build_logout_url(make_client(cfg), pl::v2_logout_params{std::string("http://localhost:5173/"), false});
    REQUIRE(u.ok());
    CHECK(u.value() == "http://127.0.0.1:3000/v2/logout?client_id=abc123&returnTo=http%3A%2F%2Flocalhost%3A5173%2F");
}
