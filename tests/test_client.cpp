// Client configuration: validated once, at construction.
#include "support/helpers.hpp"

using namespace test;

namespace {
pl::client_config base() {
    pl::client_config c;
    c.domain = "example.auth0.com";
    c.client_id = "abc123";
    return c;
}
}  // namespace

TEST_CASE("domain: host[:port] and nothing else") {
    for (const char* good : {"example.auth0.com", "tenant.eu.auth0.com", "login.example.com:8443", "localhost",
                             "127.0.0.1:3000", "[::1]:8080", "a-b.example"}) {
        CAPTURE(good);
        auto cfg = base();
        cfg.domain = good;
        auto c = pl::client::create(cfg);
        REQUIRE(c.ok());
        CHECK(c->endpoint_url("/oauth/token") == std::string("https://") + good + "/oauth/token");
    }
    for (const char* bad : {"", "https://example.auth0.com", "evil.example@example.auth0.com", "example.auth0.com/path",
                            "example.auth0.com:0", "example.auth0.com:65536", "example.auth0.com:", "-bad.example",
                            "bad-.example", "a..b", "exa mple.com", "example.com.", "ex\xc3\xa4mple.com",
                            "example.auth0.com?x", "[::1", "[zz::1]:80"}) {
        CAPTURE(bad);
        auto cfg = base();
        cfg.domain = bad;
        pl::error e = client_error(cfg);
        CHECK(e.kind == pl::error_kind::invalid_argument);
        CHECK(e.field == "domain");
    }
    auto cfg = base();
    cfg.domain = std::string("example.auth0.com\0.evil", 23);
    CHECK(client_error(cfg).field == "domain");
    cfg.domain = "example.auth0.com\r\nX: y";
    CHECK(client_error(cfg).field == "domain");
}

TEST_CASE("base_url: https anywhere, http only on loopback, no path") {
    for (const char* good : {"http://127.0.0.1:8080", "http://localhost:3000/", "http://[::1]:9000", "https://auth.example.com",
                             "https://auth.example.com:8443", "http://127.5.6.7"}) {
        CAPTURE(good);
        auto cfg = base();
        cfg.base_url = good;
        auto c = pl::client::create(cfg);
        REQUIRE(c.ok());
        std::string expected = good;
        if (expected.back() == '/') expected.pop_back();
        CHECK(c->endpoint_url("/passwordless/start") == expected + "/passwordless/start");
    }
    for (const char* bad : {"http://example.com", "http://10.0.0.1:8080", "ftp://127.0.0.1", "127.0.0.1:8080",
                            "https://user@auth.example.com", "https://auth.example.com/base", "https://auth.example.com?q",
                            "https://", "http://127.0.0.1:99999"}) {
        CAPTURE(bad);
        auto cfg = base();
        cfg.base_url = bad;
        CHECK(client_error(cfg).field == "base_url");
    }
    auto cfg = base();
    cfg.domain.clear();
    cfg.base_url = "http://127.0.0.1:8080";
    CHECK(pl::client::create(cfg).ok());
    cfg.base_url.clear();
    CHECK(client_error(cfg).field == "domain");
}

TEST_CASE("client_id, secret and assertion") {
    auto cfg = base();
    cfg.client_id = "";
    CHECK(client_error(cfg).field == "client_id");
    cfg.client_id = "abc 123";
    CHECK(client_error(cfg).field == "client_id");
    cfg.client_id = "abc123\r\nX: y";
    CHECK(client_error(cfg).field == "client_id");
    cfg.client_id = std::string(5000, 'a');
    CHECK(client_error(cfg).field == "client_id");

    cfg = base();
    cfg.client_secret = "CANARY-SECRET-1f2e3d\r\nX: y";
    pl::error e = client_error(cfg);
    CHECK(e.field == "client_secret");
    CHECK(e.description.find("CANARY") == std::string::npos);
    cfg.client_secret = "\xff\xfe";
    CHECK(client_error(cfg).field == "client_secret");

    cfg = base();
    cfg.client_assertion = "aaa.bbb.ccc";
    CHECK(pl::client::create(cfg).ok());
    cfg.client_assertion = "aaa.bbb";
    CHECK(client_error(cfg).field == "client_assertion");
    cfg.client_assertion = "aaa.b b.ccc";
    CHECK(client_error(cfg).field == "client_assertion");
    cfg.client_assertion = "aaa.bbb.ccc";
    cfg.client_secret = "s3cr3t";
    CHECK(client_error(cfg).field == "client_assertion");

    cfg = base();
    cfg.token_auth = pl::token_endpoint_auth::client_secret_basic;
    CHECK(client_error(cfg).field == "token_auth");
    cfg.client_secret = "s3cr3t";
    CHECK(pl::client::create(cfg).ok());
}

TEST_CASE("telemetry header is base64url without padding of name, version and env") {
    auto cfg = base();
    cfg.telemetry = pl::telemetry_info{"my-sdk", "1.2.3", {{"cpp", "17"}, {"os", "linux"}}};
    pl::client c = make_client(cfg);
    const std::string& h = c.telemetry_header();
    REQUIRE_FALSE(h.empty());
    CHECK(h.find_first_of("+/=") == std::string::npos);
    auto decoded = pl::detail::base64url_decode_strict(h);
    REQUIRE(decoded.has_value());
    json j = json::parse(*decoded, nullptr, false);
    CHECK(j == json{{"name", "my-sdk"}, {"version", "1.2.3"}, {"env", {{"cpp", "17"}, {"os", "linux"}}}});

    cfg.telemetry = pl::telemetry_info{"", "1", {}};
    CHECK(client_error(cfg).field == "telemetry");
    cfg.telemetry = pl::telemetry_info{"x", "1", {{"k", "v\n"}}};
    CHECK(client_error(cfg).field == "telemetry");
    CHECK(make_client(base()).telemetry_header().empty());
}

TEST_CASE("limits have allowed ranges") {
    auto cfg = base();
    cfg.limits.max_json_depth = 2;
    CHECK(client_error(cfg).field == "limits");
    cfg = base();
    cfg.limits.max_body_bytes = 10;
    CHECK(client_error(cfg).field == "limits");
    cfg = base();
    cfg.limits.max_body_bytes = 1 << 20;
    cfg.limits.max_json_depth = 16;
    CHECK(pl::client::create(cfg).ok());
}
