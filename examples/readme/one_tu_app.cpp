// A unit of a program in the one-translation-unit mode (README.md, "One-translation-unit mode"):
// built with PASSWORDLESS_SEPARATE_COMPILATION=1, it sees declarations only; one_tu_impl.cpp
// compiles the definitions once. It builds a /passwordless/start request and prints it.
#include <cstdio>

#include <passwordless.hpp>

int main() {
    passwordless::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    auto client = passwordless::client::create(cfg);
    if (!client) return 1;
    passwordless::start_params start;
    start.connection = "email";
    start.email = "alice@example.com";
    auto req = passwordless::build_start_request(*client, start);
    if (!req) return 1;
    std::printf("%s %s\n%s\n", req->method.c_str(), req->url.c_str(), req->body.c_str());
    return req->url == "https://example.auth0.com/passwordless/start" ? 0 : 1;
}
