// The session after the login, for README.md ("Beyond the login"): an API call that refreshes the
// access token on a 401 and tries once more, then logout (revoke the refresh token, open Auth0's
// logout URL). The network is canned answers: the API refuses the first token.
#include <cstdio>
#include <string>

#include <passwordless.hpp>

namespace pl = passwordless;

namespace {
const pl::unix_seconds now = 1700000000;

// Stands for your HTTP client: the API wants "Bearer at-2"; /oauth/token and /oauth/revoke answer.
pl::response send(const pl::request& r) {
    if (r.url == "https://example.auth0.com/oauth/token")
        return {200, {{"content-type", "application/json"}},
                R"({"access_token":"at-2","token_type":"Bearer","expires_in":86400,"refresh_token":"rt-2"})"};
    if (r.url == "https://example.auth0.com/oauth/revoke") return {200, {}, ""};
    if (r.find_header("authorization") == std::optional<std::string_view>("Bearer at-2")) return {200, {}, R"({"me":1})"};
    return {401, {{"www-authenticate", R"(Bearer error="invalid_token", error_description="expired")"}}, ""};
}
}  // namespace

int main() {
    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    const pl::client client = pl::client::create(cfg).value();
    pl::token_set tokens;
    tokens.access_token = "at-1";
    tokens.token_type = "Bearer";
    tokens.expires_at = now + 86400;
    tokens.refresh_token = "rt-1";

    // README: begin
    auto call_api = [&] {
        return send({"GET", "https://api.example.com/me", {{"authorization", "Bearer " + tokens.access_token}}, "", ""});
    };
    pl::response answer = call_api();
    if (!answer.is_success() && pl::classify_resource_error(answer, now).action == pl::error_action::refresh) {
        auto req = pl::build_token_request(client, pl::refresh_grant_params{*tokens.refresh_token, {}, {}});
        auto fresh = pl::parse_token_response(send(req.value()), pl::token_grant::refresh, now);
        if (!fresh.ok()) return 1;  // invalid_refresh_token: log in again
        tokens = fresh.value();
        answer = call_api();
    }
    // Before a call, access_token_freshness(tokens, now) says fresh, refresh_now or expiry_unknown.
    // Logout: end the refresh token, then send the browser to Auth0's logout page.
    auto revoke = pl::build_revoke_request(client, {*tokens.refresh_token});
    if (auto e = pl::parse_revoke_response(send(revoke.value()), now)) return 1;
    auto url = pl::build_logout_url(client, pl::v2_logout_params{"https://app.example.com/bye", false});
    // README: end
    std::printf("%d %s\n", answer.status, url.value().c_str());
    return answer.status == 200 && url.value() ==
                                      "https://example.auth0.com/v2/logout?client_id=abc123&returnTo=https%3A%2F%2Fapp.example.com%2Fbye"
               ? 0
               : 1;
}
