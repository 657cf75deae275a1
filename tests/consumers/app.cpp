// The program every packaging consumer builds (find_package, pkg-config, add_subdirectory,
// FetchContent, Meson subproject, single header): it includes <passwordless.hpp> the way a user
// would, runs one request/response round through the public API, and prints the namespace it got.
#include <cstdio>
#include <string>

#include <passwordless.hpp>

#define APP_STR2(x) #x
#define APP_STR(x) APP_STR2(x)

namespace pl = passwordless;

int main() {
    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    auto client = pl::client::create(cfg);
    if (!client) return 1;

    pl::start_params start;
    start.connection = "email";
    start.email = "alice@example.com";
    start.send = pl::send_method::code;
    auto req = pl::build_start_request(*client, start);
    if (!req || req->url != "https://example.auth0.com/passwordless/start") return 2;

    pl::response res;
    res.status = 200;
    res.headers = {{"Content-Type", "application/json"}};
    res.body = R"({"access_token":"at","token_type":"Bearer","expires_in":60})";
    auto tokens = pl::parse_token_response(res, 1700000000);
    if (!tokens || tokens->access_token != "at" || tokens->expires_at != pl::unix_seconds{1700000060}) return 3;

    res.status = 429;
    res.body = R"({"error":"too_many_requests","error_description":"Too many requests"})";
    auto limited = pl::parse_token_response(res, 1700000000);
    if (limited || limited.failure().kind != pl::error_kind::rate_limited) return 4;

    std::printf("ok: passwordless %s in %s\n", PASSWORDLESS_VERSION_STRING, APP_STR(PASSWORDLESS_NAMESPACE));
    return 0;
}
