// A login that meets MFA, for README.md ("Usage", "MFA after the code"): the tenant answers the
// right one-time code with mfa_required; the flow lists the authenticators, the app picks the push
// one, the flow challenges it and polls until the user approves. The network is canned answers;
// the clock is a counter that sleep_until moves, so the program checks the flow's poll times too.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <passwordless.hpp>

namespace pl = passwordless;

namespace {
pl::unix_seconds clock_now = 1700000000;
pl::unix_seconds now() { return clock_now; }
void sleep_until(pl::unix_seconds t) { clock_now = t > clock_now ? t : clock_now; }
int polls = 0;

// Stands for your HTTP client and the tenant: mfa_required after the code, one push authenticator,
// "not yet" on the first poll, tokens on the second.
pl::response http_send(const pl::request& r) {
    const std::vector<pl::header> json_type{{"content-type", "application/json"}};
    if (r.url == "https://example.auth0.com/passwordless/start") return {200, json_type, "{}"};
    if (r.url == "https://example.auth0.com/mfa/authenticators")
        return {200, json_type, R"([{"id":"push|dev_1","authenticator_type":"oob","oob_channel":"auth0","active":true}])"};
    if (r.url == "https://example.auth0.com/mfa/challenge")
        return {200, json_type, R"({"challenge_type":"oob","oob_code":"oob-1"})"};
    if (r.body.find("passwordless/otp") != std::string::npos)
        return {403, json_type, R"({"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"mt-1"})"};
    if (++polls == 1)
        return {400, json_type, R"({"error":"authorization_pending","error_description":"Authorization pending: please repeat the request in a few seconds."})"};
    return {200, json_type, R"({"access_token":"at-1","token_type":"Bearer","expires_in":86400})"};
}
std::string ask_user(const char*) { return "123456"; }
std::string pick(const std::vector<pl::mfa_authenticator>& list) { return list.front().id; }
int give_up(const pl::flow_step& step) {
    std::printf("failed: %s\n", step.error ? std::string(pl::to_string(step.error->kind)).c_str() : "no error");
    return 1;
}
}  // namespace

int main() {
    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    auto client = pl::client::create(cfg);
    if (!client) return 1;
    pl::flow_config rules;
    rules.mfa = true;  // continue after mfa_required instead of failing with it
    auto flow = pl::login_flow::create(*client, rules);
    if (!flow) return 1;
    pl::start_params start;
    start.connection = "email";
    start.email = "alice@example.com";
    pl::flow_step step = flow->start(start, now());
    // README: begin
    for (int turn = 0; turn < 40 && step.next != pl::flow_next::done; ++turn) {
        if (step.next == pl::flow_next::send_request) {
            step = flow->on_response(http_send(*step.request), now());
        } else if (step.next == pl::flow_next::ask_for_code) {
            step = flow->submit_code(ask_user("code"), now());
        } else if (step.next == pl::flow_next::choose_authenticator) {  // list: step.event->authenticators
            step = flow->choose_authenticator(pick(step.event->authenticators), now());
        } else if (step.next == pl::flow_next::ask_for_mfa_code) {  // the app's code, or the SMS/email one
            step = flow->submit_mfa_code(ask_user("second factor"), now());  // or submit_recovery_code
        } else if (step.next == pl::flow_next::poll) {  // a push is out: poll() before poll_at is refused
            sleep_until(*step.poll_at);
            step = flow->poll(now());
        } else {
            return give_up(step);  // step.error: mfa_rejected, mfa_token_invalid, blocked, ...
        }
    }
    // README: end
    if (step.next != pl::flow_next::done || !step.event || !step.event->tokens) return give_up(step);
    if (step.event->tokens->access_token != "at-1" || polls != 2 || clock_now < 1700000005) return give_up(step);
    std::printf("logged in through MFA after %d polls\n", polls);
    return 0;
}
