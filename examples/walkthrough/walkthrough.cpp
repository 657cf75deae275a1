// walkthrough: one passwordless email login, step by step, against canned Auth0 answers.
// The HTTP client is a stand-in (fake_send); everything else is what an SDK would write.
#include <cstdio>
#include <string>

#include <passwordless.hpp>

namespace pl = passwordless;

namespace {

// Stands in for the caller's HTTP stack: answers like an Auth0 tenant would.
pl::response fake_send(const pl::request& req) {
    std::printf("   -> %s %s\n      %s\n", req.method.c_str(), req.url.c_str(), req.body.c_str());
    pl::response r;
    r.status = 200;
    r.headers = {{"Content-Type", "application/json"}};
    if (req.url.find("/passwordless/start") != std::string::npos) {
        r.body = R"({"_id":"6553f0c0ffee000000abcd12","email":"alice@example.com","email_verified":false})";
    } else if (req.body.find("\"otp\":\"000000\"") != std::string::npos) {
        r.status = 403;
        r.body = R"({"error":"invalid_grant","error_description":"Wrong email or verification code."})";
    } else {
        r.body = R"({"access_token":"eyJ...at","id_token":"eyJ...id","token_type":"Bearer","expires_in":86400})";
    }
    std::printf("   <- HTTP %d %s\n", r.status, r.body.c_str());
    return r;
}

int fail(const pl::error& e) {
    std::printf("failed: %s (next: %s): %s\n", std::string(pl::to_string(e.kind)).c_str(),
                std::string(pl::to_string(e.action)).c_str(), e.description.c_str());
    return 1;
}

}  // namespace

int main() {
    const pl::unix_seconds now = 1700000000;  // the caller's clock
    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    auto client = pl::client::create(cfg);
    if (!client) return fail(client.failure());

    std::puts("1. Ask Auth0 to email a one-time code");
    pl::start_params start;
    start.connection = "email";
    start.email = "alice@example.com";
    start.send = pl::send_method::code;
    auto start_req = pl::build_start_request(*client, start);
    if (!start_req) return fail(start_req.failure());
    auto sent = pl::parse_start_response(fake_send(*start_req), now);
    if (!sent) return fail(sent.failure());
    std::printf("   code sent to %s\n", sent->email.value_or("?").c_str());

    for (const char* typed : {"000000", "482913"}) {
        std::printf("2. The user types %s; trade it for tokens\n", typed);
        pl::otp_grant_params grant;
        grant.realm = "email";
        grant.username = "alice@example.com";
        grant.otp = typed;
        grant.scope = "openid profile email";
        auto token_req = pl::build_token_request(*client, grant);
        if (!token_req) return fail(token_req.failure());
        auto tokens = pl::parse_token_response(fake_send(*token_req), now);
        if (tokens) {
            std::printf("3. Logged in: %s token, expires at %lld\n", tokens->token_type.c_str(),
                        static_cast<long long>(tokens->expires_at.value_or(0)));
            return 0;
        }
        if (tokens.failure().action != pl::error_action::retry_code) return fail(tokens.failure());
        std::printf("   %s: %s -> ask for the code again\n", std::string(pl::to_string(tokens.failure().kind)).c_str(),
                    tokens.failure().description.c_str());
    }
    return 1;
}
