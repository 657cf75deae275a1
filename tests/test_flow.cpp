// The login state machine: the transition table (every state and input), whole logins against a
// scripted fake tenant with a test clock (the state diagram is checked by test_flow_tables.cpp).
#include <cctype>
#include <cstdlib>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "support/fake_tenant.hpp"

using namespace test;

namespace {

const pl::flow_state all_states[] = {pl::flow_state::idle, pl::flow_state::sending_code, pl::flow_state::awaiting_code,
                                     pl::flow_state::verifying_code, pl::flow_state::fetching_keys,
                                     pl::flow_state::authenticated, pl::flow_state::failed,
                                     pl::flow_state::listing_authenticators, pl::flow_state::choosing_authenticator,
                                     pl::flow_state::challenging, pl::flow_state::awaiting_mfa_code,
                                     pl::flow_state::awaiting_approval, pl::flow_state::verifying_mfa};
const pl::flow_input all_inputs[] = {pl::flow_input::start, pl::flow_input::response, pl::flow_input::submit_code,
                                     pl::flow_input::resend, pl::flow_input::transport_failed, pl::flow_input::retry,
                                     pl::flow_input::cancel, pl::flow_input::choose_authenticator,
                                     pl::flow_input::submit_mfa_code, pl::flow_input::submit_recovery_code,
                                     pl::flow_input::poll};

const char* mfa_token = "Fe26.2**mfa-token-one";
const char* authenticator_list =
    R"([{"id":"totp|dev_AbC1","authenticator_type":"otp","active":true},)"
    R"({"id":"sms|dev_XyZ2","authenticator_type":"oob","active":true,"oob_channel":"sms","name":"XXXXXXXX8899"},)"
    R"({"id":"push|dev_Pu3","authenticator_type":"oob","active":true,"oob_channel":"auth0"},)"
    R"({"id":"recovery-code|dev_Rc4","authenticator_type":"recovery-code","active":true}])";

pl::response mfa_required_answer(const std::string& token = mfa_token) {
    return make_response(403, json{{"error", "mfa_required"}, {"error_description", "Multifactor authentication required"},
                                   {"mfa_token", token}, {"mfa_requirements", {{"challenge", {{{"type", "otp"}}}}}}}.dump());
}

pl::flow_config mfa_config() {
    pl::flow_config cfg;
    cfg.mfa = true;
    return cfg;
}

pl::start_params email_params(std::string email = "user@example.com") {
    pl::start_params p;
    p.connection = "email";
    p.email = std::move(email);
    p.send = pl::send_method::code;
    return p;
}

pl::start_params sms_params() {
    pl::start_params p;
    p.connection = "sms";
    p.phone_number = "+14155552671";
    p.send = pl::send_method::code;
    return p;
}

pl::flow_config verifying_config() {
    pl::flow_config cfg;
    cfg.id_token = good_expectations();
    cfg.verifier = stub_verifier_accepts;
    return cfg;
}

// The flow fetches the tenant's keys; the signature math is the stub's.
pl::flow_config fetching_config(pl::jwks_cache* cache = nullptr) {
    pl::flow_config cfg;
    cfg.id_token = good_expectations();
    cfg.keys = pl::key_source::fetch;
    cfg.key_verifier = [](const pl::signature_input& in, const pl::jwk& key) {
        return key.kid == in.key_id && key.kty == "RSA" && in.signature == stub_signature(in.signing_input);
    };
    cfg.key_cache = cache;
    return cfg;
}

struct harness {
    fake_tenant tenant;
    pl::unix_seconds clock = now;
    pl::login_flow flow;

    explicit harness(pl::flow_config cfg = verifying_config())
        : flow(pl::login_flow::create(make_client(), std::move(cfg)).value()) {}

    // Sends the step's request to the fake tenant and feeds the answer back.
    pl::flow_step deliver(const pl::flow_step& s) {
        REQUIRE(s.request.has_value());
        CHECK(s.next == pl::flow_next::send_request);
        return flow.on_response(tenant.answer(*s.request, clock), clock);
    }

    pl::flow_step start(pl::start_params p = email_params()) { return deliver(flow.start(p, clock)); }
    pl::flow_step submit(const std::string& code) { return deliver(flow.submit_code(code, clock)); }

    void to_awaiting_code() {
        auto s = start();
        REQUIRE(s.state == pl::flow_state::awaiting_code);
    }
};

// A machine driven into `s` by ordinary calls.
harness in_state(pl::flow_state s) {
    const bool mfa = s >= pl::flow_state::listing_authenticators;
    harness h(s == pl::flow_state::fetching_keys ? fetching_config() : mfa ? mfa_config() : verifying_config());
    if (mfa) {
        h.to_awaiting_code();
        REQUIRE(h.flow.submit_code(h.tenant.last_code, h.clock).request);
        REQUIRE(h.flow.on_response(mfa_required_answer(), h.clock).request);
        if (s != pl::flow_state::listing_authenticators)
            REQUIRE(h.flow.on_response(make_response(200, authenticator_list), h.clock).state == pl::flow_state::choosing_authenticator);
        if (s == pl::flow_state::challenging || s == pl::flow_state::awaiting_approval)
            REQUIRE(h.flow.choose_authenticator("push|dev_Pu3", h.clock).request);
        if (s == pl::flow_state::awaiting_approval)
            REQUIRE(h.flow.on_response(make_response(200, R"({"challenge_type":"oob","oob_code":"Fe26.oob"})"), h.clock).poll_at);
        if (s == pl::flow_state::awaiting_mfa_code || s == pl::flow_state::verifying_mfa)
            REQUIRE(h.flow.choose_authenticator("totp|dev_AbC1", h.clock).state == pl::flow_state::awaiting_mfa_code);
        if (s == pl::flow_state::verifying_mfa) REQUIRE(h.flow.submit_mfa_code("654321", h.clock).request);
        REQUIRE(h.flow.state() == s);
        return h;
    }
    switch (s) {
        case pl::flow_state::idle: break;
        case pl::flow_state::sending_code: REQUIRE(h.flow.start(email_params(), h.clock).request); break;
        case pl::flow_state::awaiting_code: h.to_awaiting_code(); break;
        case pl::flow_state::verifying_code:
            h.to_awaiting_code();
            REQUIRE(h.flow.submit_code(h.tenant.last_code, h.clock).request);
            break;
        case pl::flow_state::fetching_keys: {
            h.to_awaiting_code();
            auto held = h.submit(h.tenant.last_code);
            REQUIRE(held.request);
            REQUIRE(held.request->method == "GET");
            REQUIRE(h.flow.on_transport_failure(h.clock).state == pl::flow_state::fetching_keys);  // nothing out now
            break;
        }
        case pl::flow_state::authenticated:
            h.to_awaiting_code();
            REQUIRE(h.submit(h.tenant.last_code).state == pl::flow_state::authenticated);
            break;
        case pl::flow_state::failed: {
            auto sent = h.flow.start(email_params(), h.clock);
            REQUIRE(sent.request);
            auto f = h.flow.on_response(make_response(400, R"({"error":"bad.connection","error_description":"Connection does not exist"})"), h.clock);
            REQUIRE(f.state == pl::flow_state::failed);
            break;
        }
        default: break;  // the MFA states, above
    }
    REQUIRE(h.flow.state() == s);
    return h;
}

pl::flow_step apply(harness& h, pl::flow_input input) {
    switch (input) {
        case pl::flow_input::start: return h.flow.start(email_params(), h.clock);
        case pl::flow_input::response: return h.flow.on_response(make_response(200, R"({"_id":"x"})"), h.clock);
        case pl::flow_input::submit_code: return h.flow.submit_code(h.tenant.last_code.empty() ? "123456" : h.tenant.last_code, h.clock);
        case pl::flow_input::resend: return h.flow.resend(h.clock + 31);
        case pl::flow_input::transport_failed: return h.flow.on_transport_failure(h.clock);
        case pl::flow_input::retry: return h.flow.retry(h.clock);
        case pl::flow_input::cancel: return h.flow.cancel(h.clock);
        case pl::flow_input::choose_authenticator: return h.flow.choose_authenticator("totp|dev_AbC1", h.clock);
        case pl::flow_input::submit_mfa_code: return h.flow.submit_mfa_code("654321", h.clock);
        case pl::flow_input::submit_recovery_code: return h.flow.submit_recovery_code("RECOVERY0123456789", h.clock);
        case pl::flow_input::poll: return h.flow.poll(h.clock + 10);
    }
    return h.flow.cancel(h.clock);
}

}  // namespace

TEST_CASE("the transition table is well formed") {
    std::set<std::tuple<int, int, int>> seen;
    std::set<pl::flow_state> targets{pl::flow_state::idle};
    for (const pl::flow_transition& t : pl::flow_transitions) {
        CHECK(seen.insert({static_cast<int>(t.from), static_cast<int>(t.input), static_cast<int>(t.outcome)}).second);
        CHECK_FALSE(t.output.empty());
        if (t.outcome == pl::flow_outcome::refused) CHECK(t.to == t.from);
        if (t.input == pl::flow_input::cancel) CHECK(t.to == pl::flow_state::idle);
        targets.insert(t.to);
    }
    CHECK(targets.size() == std::size(all_states));  // every state is reachable
    for (pl::flow_state s : all_states) CHECK(pl::input_allowed(s, pl::flow_input::cancel));
}

TEST_CASE("every state and input: the table's next state, or invalid_state with nothing changed") {
    for (pl::flow_state s : all_states) {
        for (pl::flow_input input : all_inputs) {
            CAPTURE(pl::to_string(s));
            CAPTURE(pl::to_string(input));
            harness h = in_state(s);
            const pl::flow_step step = apply(h, input);
            if (!pl::input_allowed(s, input)) {
                REQUIRE(step.error.has_value());
                CHECK(step.error->kind == pl::error_kind::invalid_state);
                CHECK(step.error->action == pl::error_action::none);
                CHECK(step.state == s);
                CHECK(h.flow.state() == s);
                CHECK_FALSE(step.request.has_value());
                CHECK_FALSE(step.event.has_value());
                CHECK(step.next == pl::flow_next::none);
            } else {
                bool matches_a_row = false;
                for (const pl::flow_transition& t : pl::flow_transitions)
                    matches_a_row = matches_a_row || (t.from == s && t.input == input && t.to == step.state);
                CHECK(matches_a_row);
                CHECK(h.flow.state() == step.state);
                // Allowed in the state, but with no request out (fetching_keys after a failed
                // fetch): invalid_state, nothing changed.
                if (step.error && step.error->kind == pl::error_kind::invalid_state) {
                    CHECK((s == pl::flow_state::fetching_keys || s == pl::flow_state::listing_authenticators));
                    CHECK(step.state == s);
                    CHECK_FALSE(step.request.has_value());
                }
            }
        }
    }
}

TEST_CASE("happy path by email: code sent, code accepted, ID token verified") {
    harness h;
    auto sent = h.flow.start(email_params(), h.clock);
    CHECK(sent.state == pl::flow_state::sending_code);
    REQUIRE(sent.request);
    CHECK(sent.request->url == "https://example.auth0.com/passwordless/start");
    auto awaiting = h.flow.on_response(h.tenant.answer(*sent.request, h.clock), h.clock + 1);
    CHECK(awaiting.state == pl::flow_state::awaiting_code);
    CHECK(awaiting.next == pl::flow_next::ask_for_code);
    REQUIRE(awaiting.event);
    CHECK(awaiting.event->kind == pl::flow_event::type::code_sent);
    CHECK(awaiting.event->resend_after == now + 30);
    CHECK_FALSE(awaiting.event->code_expires_at.has_value());  // the server decides (no code_lifetime)
    CHECK_FALSE(h.flow.next_deadline().has_value());
    h.clock += 40;
    auto verifying = h.flow.submit_code(h.tenant.last_code, h.clock);
    CHECK(verifying.state == pl::flow_state::verifying_code);
    REQUIRE(verifying.request);
    json body = body_of(*verifying.request);
    CHECK(body["grant_type"] == "http://auth0.com/oauth/grant-type/passwordless/otp");
    CHECK(body["realm"] == "email");
    CHECK(body["username"] == "user@example.com");
    CHECK(body["otp"] == h.tenant.last_code);
    auto done = h.flow.on_response(h.tenant.answer(*verifying.request, h.clock), h.clock + 1);
    CHECK(done.state == pl::flow_state::authenticated);
    CHECK(done.next == pl::flow_next::done);
    REQUIRE(done.event);
    CHECK(done.event->kind == pl::flow_event::type::authenticated);
    REQUIRE(done.event->tokens);
    CHECK(done.event->tokens->access_token == "at-1");
    REQUIRE(done.event->claims);
    CHECK(done.event->claims->email() == "user@example.com");
    CHECK_FALSE(done.error.has_value());
}

TEST_CASE("happy path by SMS, with audience and scope from the configuration") {
    pl::flow_config cfg = verifying_config();
    cfg.audience = "https://api.example.com";
    cfg.scope = "openid profile";
    harness h(cfg);
    REQUIRE(h.start(sms_params()).state == pl::flow_state::awaiting_code);
    auto verifying = h.flow.submit_code(h.tenant.last_code, h.clock);
    REQUIRE(verifying.request);
    json body = body_of(*verifying.request);
    CHECK(body["realm"] == "sms");
    CHECK(body["username"] == "+14155552671");
    CHECK(body["audience"] == "https://api.example.com");
    CHECK(body["scope"] == "openid profile");
    CHECK(h.deliver(verifying).state == pl::flow_state::authenticated);
}

TEST_CASE("links report link_sent") {
    harness h;
    auto p = email_params();
    p.send = pl::send_method::link;
    auto s = h.start(p);
    REQUIRE(s.event);
    CHECK(s.event->kind == pl::flow_event::type::link_sent);
    p.send.reset();  // the server's default is a link
    harness h2;
    CHECK(h2.start(p).event->kind == pl::flow_event::type::link_sent);
}

TEST_CASE("wrong code, then the right code") {
    harness h;
    h.to_awaiting_code();
    auto wrong = h.submit("000000");
    CHECK(wrong.state == pl::flow_state::awaiting_code);
    REQUIRE(wrong.error);
    CHECK(wrong.error->kind == pl::error_kind::wrong_code);
    CHECK(wrong.error->action == pl::error_action::retry_code);
    CHECK(wrong.next == pl::flow_next::ask_for_code);
    CHECK(h.submit(h.tenant.last_code).state == pl::flow_state::authenticated);
}

TEST_CASE("three wrong codes use the code up; a resend brings a new one") {
    harness h;
    h.to_awaiting_code();
    CHECK(h.submit("000001").error->kind == pl::error_kind::wrong_code);
    CHECK(h.submit("000002").error->kind == pl::error_kind::wrong_code);
    auto third = h.submit("000003");
    REQUIRE(third.error);
    CHECK(third.error->kind == pl::error_kind::attempts_exhausted);
    CHECK(third.state == pl::flow_state::awaiting_code);
    CHECK(third.next == pl::flow_next::request_new_code);
    // The machine knows: no fourth request goes out, even with the right code.
    const int sent = h.tenant.token_requests;
    auto fourth = h.flow.submit_code(h.tenant.last_code, h.clock);
    CHECK_FALSE(fourth.request.has_value());
    CHECK(fourth.error->kind == pl::error_kind::attempts_exhausted);
    CHECK(fourth.error->action == pl::error_action::restart);
    CHECK(h.tenant.token_requests == sent);
    h.clock += 30;
    auto resent = h.deliver(h.flow.resend(h.clock));
    CHECK(resent.state == pl::flow_state::awaiting_code);
    CHECK(h.submit(h.tenant.last_code).state == pl::flow_state::authenticated);
}

TEST_CASE("the machine counts wrong codes itself when the server does not say max attempts") {
    pl::flow_config cfg = verifying_config();
    cfg.max_attempts = 2;
    harness h(cfg);
    h.to_awaiting_code();
    CHECK(h.submit("000001").error->kind == pl::error_kind::wrong_code);
    auto second = h.submit("000002");
    CHECK(second.error->kind == pl::error_kind::wrong_code);
    CHECK(second.next == pl::flow_next::request_new_code);
    CHECK(h.flow.submit_code("123456", h.clock).error->kind == pl::error_kind::attempts_exhausted);
}

TEST_CASE("with code_lifetime set, an expired code is refused before a doomed request is sent") {
    pl::flow_config cfg = verifying_config();
    cfg.code_lifetime = 180;
    harness h(cfg);
    auto sent = h.start();
    CHECK(sent.event->code_expires_at == now + 180);
    CHECK(h.flow.next_deadline() == now + 180);
    h.clock += 180;
    auto late = h.flow.submit_code(h.tenant.last_code, h.clock);
    CHECK_FALSE(late.request.has_value());
    REQUIRE(late.error);
    CHECK(late.error->kind == pl::error_kind::code_expired);
    CHECK(late.state == pl::flow_state::awaiting_code);
    CHECK(late.next == pl::flow_next::request_new_code);
    CHECK(h.tenant.token_requests == 0);
    auto just_in_time = harness(cfg);
    just_in_time.to_awaiting_code();
    just_in_time.clock += 179;
    CHECK(just_in_time.submit(just_in_time.tenant.last_code).state == pl::flow_state::authenticated);
}

TEST_CASE("without code_lifetime the server decides expiry (PROTOCOL.md 9.2)") {
    harness h;
    h.to_awaiting_code();
    h.clock += 179;
    h.tenant.expiry = 600;  // a tenant whose OTP Expiry is longer than Auth0's default
    h.clock += 300;
    CHECK(h.submit(h.tenant.last_code).state == pl::flow_state::authenticated);
    harness late;
    late.to_awaiting_code();
    late.clock += 200;
    auto expired = late.submit(late.tenant.last_code);
    CHECK(late.tenant.token_requests == 1);  // sent: only the server knows
    CHECK(expired.error->kind == pl::error_kind::code_expired);
    CHECK(expired.next == pl::flow_next::request_new_code);
}

TEST_CASE("the server's expiry verdict is remembered") {
    pl::flow_config cfg = verifying_config();
    cfg.code_lifetime = 600;  // the app believes longer than the tenant's 180 s
    harness h(cfg);
    h.to_awaiting_code();
    h.clock += 200;
    auto expired = h.submit(h.tenant.last_code);
    CHECK(expired.error->kind == pl::error_kind::code_expired);
    CHECK(expired.next == pl::flow_next::request_new_code);
    CHECK(h.flow.submit_code(h.tenant.last_code, h.clock).error->kind == pl::error_kind::code_expired);
}

TEST_CASE("resend cooldown and the newest code") {
    harness h;
    h.to_awaiting_code();
    const std::string first = h.tenant.last_code;
    auto early = h.flow.resend(h.clock + 29);
    CHECK(early.state == pl::flow_state::awaiting_code);
    REQUIRE(early.error);
    CHECK(early.error->kind == pl::error_kind::rate_limited);
    CHECK(early.error->retry_at == now + 30);
    CHECK(early.next == pl::flow_next::wait_until);
    CHECK_FALSE(early.request.has_value());
    h.clock += 30;
    REQUIRE(h.deliver(h.flow.resend(h.clock)).state == pl::flow_state::awaiting_code);
    CHECK(h.tenant.last_code != first);
    CHECK(h.submit(first).error->kind == pl::error_kind::wrong_code);  // only the newest code counts
    CHECK(h.submit(h.tenant.last_code).state == pl::flow_state::authenticated);
}

TEST_CASE("429 on start: wait until the reset, then start again") {
    harness h;
    h.tenant.start_limited_until = now + 60;
    auto limited = h.start();
    CHECK(limited.state == pl::flow_state::idle);
    REQUIRE(limited.error);
    CHECK(limited.error->kind == pl::error_kind::rate_limited);
    CHECK(limited.error->retry_at == now + 60);
    CHECK(limited.next == pl::flow_next::wait_until);
    CHECK(h.flow.next_deadline() == now + 60);
    const int starts = h.tenant.starts;
    auto refused = h.flow.start(email_params(), now + 59);
    CHECK_FALSE(refused.request.has_value());
    CHECK(refused.error->kind == pl::error_kind::rate_limited);
    CHECK(h.tenant.starts == starts);
    h.clock = now + 60;
    CHECK(h.start().state == pl::flow_state::awaiting_code);
}

TEST_CASE("429 on the token request: the code stands, submit waits") {
    harness h;
    h.to_awaiting_code();
    h.tenant.token_limited_until = h.clock + 20;
    auto limited = h.submit(h.tenant.last_code);
    CHECK(limited.state == pl::flow_state::awaiting_code);
    CHECK(limited.error->kind == pl::error_kind::rate_limited);
    CHECK(limited.error->retry_at == h.clock + 20);
    CHECK(limited.next == pl::flow_next::wait_until);
    CHECK(h.flow.submit_code(h.tenant.last_code, h.clock + 19).error->kind == pl::error_kind::rate_limited);
    h.clock += 20;
    CHECK(h.submit(h.tenant.last_code).state == pl::flow_state::authenticated);
}

TEST_CASE("transport failures return to the state before the request") {
    harness h;
    auto s = h.flow.start(email_params(), h.clock);
    REQUIRE(s.request);
    auto lost = h.flow.on_transport_failure(h.clock);
    CHECK(lost.state == pl::flow_state::idle);
    CHECK(lost.error->kind == pl::error_kind::transport_failed);
    CHECK(lost.error->action == pl::error_action::retry);
    h.to_awaiting_code();
    h.clock += 30;
    REQUIRE(h.flow.resend(h.clock).request);
    auto lost_resend = h.flow.on_transport_failure(h.clock);
    CHECK(lost_resend.state == pl::flow_state::awaiting_code);
    // The old code still works after a resend that never left.
    REQUIRE(h.flow.submit_code(h.tenant.last_code, h.clock).request);
    auto lost_token = h.flow.on_transport_failure(h.clock);
    CHECK(lost_token.state == pl::flow_state::awaiting_code);
    CHECK(lost_token.next == pl::flow_next::ask_for_code);
    CHECK(h.submit(h.tenant.last_code).state == pl::flow_state::authenticated);
}

TEST_CASE("cancel from anywhere, and a late response is misuse") {
    harness h;
    auto s = h.flow.start(email_params(), h.clock);
    REQUIRE(s.request);
    CHECK(h.flow.cancel(h.clock).state == pl::flow_state::idle);
    auto late = h.flow.on_response(h.tenant.answer(*s.request, h.clock), h.clock);
    CHECK(late.error->kind == pl::error_kind::invalid_state);
    CHECK(late.state == pl::flow_state::idle);
    CHECK(h.start().state == pl::flow_state::awaiting_code);
    CHECK(h.flow.cancel(h.clock).state == pl::flow_state::idle);
    CHECK(h.flow.resend(h.clock + 100).error->kind == pl::error_kind::invalid_state);
}

TEST_CASE("invalid inputs are refused and change nothing") {
    harness h;
    auto bad = h.flow.start(email_params("not-an-email"), h.clock);
    CHECK(bad.state == pl::flow_state::idle);
    CHECK(bad.error->kind == pl::error_kind::invalid_argument);
    CHECK(bad.error->field == "email");
    CHECK(bad.next == pl::flow_next::start_over);
    h.to_awaiting_code();
    auto code = h.flow.submit_code("12ab56", h.clock);
    CHECK(code.state == pl::flow_state::awaiting_code);
    CHECK(code.error->field == "otp");
    auto past = h.flow.submit_code(h.tenant.last_code, -5);
    CHECK(past.error->field == "now");
    CHECK(h.flow.state() == pl::flow_state::awaiting_code);
    CHECK(h.tenant.token_requests == 0);
}

TEST_CASE("fatal answers end in failed; only cancel leaves it") {
    harness h;
    h.tenant.mfa = true;
    h.to_awaiting_code();
    auto mfa = h.submit(h.tenant.last_code);
    CHECK(mfa.state == pl::flow_state::failed);
    CHECK(mfa.next == pl::flow_next::stop);
    CHECK(mfa.error->kind == pl::error_kind::mfa_required);
    CHECK(mfa.error->mfa_token == "mfa-tok");
    CHECK(h.flow.start(email_params(), h.clock).error->kind == pl::error_kind::invalid_state);
    CHECK(h.flow.cancel(h.clock).state == pl::flow_state::idle);

    harness grant;
    grant.to_awaiting_code();
    auto refused = grant.flow.on_response(
        make_response(403, R"({"error":"unauthorized_client","error_description":"Grant type not allowed"})"), grant.clock);
    CHECK(refused.error->kind == pl::error_kind::invalid_state);  // no request was out
    REQUIRE(grant.flow.submit_code(grant.tenant.last_code, grant.clock).request);
    auto not_allowed = grant.flow.on_response(
        make_response(403, R"({"error":"unauthorized_client","error_description":"Grant type not allowed"})"), grant.clock);
    CHECK(not_allowed.state == pl::flow_state::failed);
    CHECK(not_allowed.error->kind == pl::error_kind::grant_not_allowed);
}

TEST_CASE("ID token problems fail the login") {
    harness missing;
    missing.tenant.omit_id_token = true;
    missing.to_awaiting_code();
    auto m = missing.submit(missing.tenant.last_code);
    CHECK(m.state == pl::flow_state::failed);
    CHECK(m.error->kind == pl::error_kind::invalid_id_token);
    CHECK(m.error->reason == "missing");

    pl::flow_config cfg = verifying_config();
    cfg.verifier = [](const pl::signature_input&) { return false; };
    harness rejected(cfg);
    rejected.to_awaiting_code();
    auto r = rejected.submit(rejected.tenant.last_code);
    CHECK(r.state == pl::flow_state::failed);
    CHECK(r.error->reason == "signature");

    pl::flow_config plain;  // no verification configured: tokens only, claims absent
    harness h(plain);
    h.tenant.omit_id_token = true;
    h.to_awaiting_code();
    auto done = h.submit(h.tenant.last_code);
    CHECK(done.state == pl::flow_state::authenticated);
    CHECK_FALSE(done.event->claims.has_value());
}

TEST_CASE("keys as steps: the flow fetches the JWKS, holds the tokens, then verifies") {
    harness h(fetching_config());
    h.to_awaiting_code();
    auto held = h.submit(h.tenant.last_code);
    CHECK(held.state == pl::flow_state::fetching_keys);
    REQUIRE(held.request);
    CHECK(held.request->method == "GET");
    CHECK(held.request->url == "https://example.auth0.com/.well-known/jwks.json");
    CHECK(held.next == pl::flow_next::send_request);
    CHECK_FALSE(held.event.has_value());
    auto done = h.deliver(held);
    CHECK(done.state == pl::flow_state::authenticated);
    REQUIRE(done.event);
    CHECK(done.event->tokens->access_token == "at-1");
    CHECK(done.event->claims->email() == "user@example.com");
    CHECK(h.tenant.key_fetches == 1);
}

TEST_CASE("keys as steps: a shared cache skips the fetch; a rotated key is fetched once more") {
    pl::jwks_cache cache(60);
    {
        harness first(fetching_config(&cache));
        first.to_awaiting_code();
        CHECK(first.deliver(first.submit(first.tenant.last_code)).state == pl::flow_state::authenticated);
    }
    harness second(fetching_config(&cache));
    second.to_awaiting_code();
    CHECK(second.submit(second.tenant.last_code).state == pl::flow_state::authenticated);  // no fetch
    CHECK(second.tenant.key_fetches == 0);

    // The tenant rotates its key during a login: the token names a kid the cache lacks.
    harness rotated(fetching_config(&cache));
    rotated.tenant.signing_kid = "k2";
    rotated.tenant.published_kids = "k1 k2";
    rotated.to_awaiting_code();
    rotated.clock += 61;  // the cache is old enough to justify a refetch
    auto held = rotated.submit(rotated.tenant.last_code);
    REQUIRE(held.state == pl::flow_state::fetching_keys);
    CHECK(rotated.deliver(held).state == pl::flow_state::authenticated);
    CHECK(rotated.tenant.key_fetches == 1);
}

TEST_CASE("keys as steps: a kid the fresh key set lacks is an invalid token; a failed fetch keeps the tokens") {
    harness forged(fetching_config());
    forged.tenant.signing_kid = "nobody";
    forged.to_awaiting_code();
    auto bad = forged.deliver(forged.submit(forged.tenant.last_code));
    CHECK(bad.state == pl::flow_state::failed);
    CHECK(bad.error->kind == pl::error_kind::invalid_id_token);
    CHECK(bad.error->reason == "signature");
    CHECK(forged.tenant.key_fetches == 1);

    harness down(fetching_config());
    down.tenant.keys_down = true;
    down.to_awaiting_code();
    auto held = down.submit(down.tenant.last_code);
    auto failed_fetch = down.deliver(held);
    CHECK(failed_fetch.state == pl::flow_state::fetching_keys);
    CHECK(failed_fetch.error->kind == pl::error_kind::server_error);
    CHECK(failed_fetch.error->action == pl::error_action::retry);
    CHECK(failed_fetch.next == pl::flow_next::retry);
    CHECK(down.flow.on_response(make_response(200, "{}"), down.clock).error->kind == pl::error_kind::invalid_state);
    auto again = down.flow.retry(down.clock);
    REQUIRE(again.request);
    CHECK(down.flow.on_transport_failure(down.clock).next == pl::flow_next::retry);
    down.tenant.keys_down = false;
    auto done = down.deliver(down.flow.retry(down.clock));
    CHECK(done.state == pl::flow_state::authenticated);
    CHECK(done.event->tokens->access_token == "at-1");
    CHECK(down.tenant.token_requests == 1);  // the code was spent once
}

namespace {

/// `text` with its "config" member (the option digests) taken from `from`.
std::string with_config_of(std::string text, const std::string& from) {
    auto member = [](const std::string& t) {
        const std::size_t at = t.find(",\"config\":{");
        REQUIRE(at != std::string::npos);
        return std::make_pair(at, t.find('}', at) + 1 - at);
    };
    const auto [at, size] = member(text);
    const auto [from_at, from_size] = member(from);
    return text.replace(at, size, from.substr(from_at, from_size));
}

/// Writes the fuzz target restore's seeds into `dir`: each state's text with the digests of
/// tests/fuzz/fuzz_restore.cpp's client and options (repeated here), and sealed with its key.
void write_restore_seed(const char* dir, pl::flow_state s, const std::string& text) {
    pl::client_config cc;
    cc.client_secret = "CANARY-SECRET-restore";
    pl::flow_config fc;
    fc.code_lifetime = 300;
    fc.max_attempts = 3;
    auto fuzz_flow = pl::login_flow::create(make_client(cc), fc);
    REQUIRE(fuzz_flow.ok());
    const std::string seed = with_config_of(text, fuzz_flow->save());
    const std::string name = std::string(dir) + "/seed-" + std::string(pl::to_string(s));
    std::ofstream(name) << seed;
    if (s != pl::flow_state::awaiting_code && s != pl::flow_state::idle) return;
    auto seeded = pl::login_flow::restore(make_client(cc), fc, seed, now);
    REQUIRE(seeded.ok());
    std::ofstream(std::string(dir) + "/seed-sealed-" + std::string(pl::to_string(s))) << seeded->save("fuzz_restore seal key, 32 bytes").value();
}

}  // namespace

TEST_CASE("save and restore: every state comes back as the state before the request out") {
    // PASSWORDLESS_WRITE_RESTORE_SEEDS=DIR writes each state's text there (tests/fuzz/corpus/restore).
    const char* seeds = std::getenv("PASSWORDLESS_WRITE_RESTORE_SEEDS");
    for (pl::flow_state s : all_states) {
        CAPTURE(pl::to_string(s));
        harness h = in_state(s);
        const std::string text = h.flow.save();
        if (seeds != nullptr) write_restore_seed(seeds, s, text);
        CHECK(text.find("\"version\":2") != std::string::npos);
        CHECK(text.find(h.tenant.last_code.empty() ? "no code" : h.tenant.last_code) == std::string::npos);
        CHECK(text.find("at-1") == std::string::npos);
        const bool mfa = s >= pl::flow_state::listing_authenticators;
        pl::flow_config cfg = s == pl::flow_state::fetching_keys ? fetching_config() : mfa ? mfa_config() : verifying_config();
        auto back = pl::login_flow::restore(make_client(), cfg, text, h.clock);
        REQUIRE(back.ok());
        if (mfa) {  // saved during MFA: nothing of it was written (see the MFA tests below)
            CHECK(back->state() == pl::flow_state::failed);
            auto resumed = pl::login_flow::restore_with_mfa_token(make_client(), cfg, text, h.clock, mfa_token);
            REQUIRE(resumed.ok());
            CHECK(resumed->state() == pl::flow_state::listing_authenticators);
            CHECK(resumed->save() == text);
            continue;
        }
        const bool pending = s == pl::flow_state::awaiting_code || s == pl::flow_state::verifying_code ||
                             s == pl::flow_state::fetching_keys;
        CHECK(back->state() == (pending ? pl::flow_state::awaiting_code : pl::flow_state::idle));
        CHECK(back->save() == text);  // saving again gives the same text
    }
}

TEST_CASE("save and restore: a login survives a restart between start and code") {
    harness h;
    h.to_awaiting_code();
    CHECK(h.submit("000001").error->kind == pl::error_kind::wrong_code);
    const std::string text = h.flow.save();
    auto back = pl::login_flow::restore(make_client(), verifying_config(), text, h.clock + 5);
    REQUIRE(back.ok());
    h.flow = std::move(back).value();
    CHECK(h.flow.resend(h.clock + 5).error->kind == pl::error_kind::rate_limited);  // cooldown survived
    CHECK(h.submit("000002").error->kind == pl::error_kind::wrong_code);
    CHECK(h.submit("000003").error->kind == pl::error_kind::attempts_exhausted);  // attempts survived
    auto used = pl::login_flow::restore(make_client(), verifying_config(), h.flow.save(), h.clock);
    CHECK(used->submit_code(h.tenant.last_code, h.clock).error->kind == pl::error_kind::attempts_exhausted);
}

TEST_CASE("restore refuses hostile text with field saved_state, and changes nothing it was given") {
    harness h;
    h.to_awaiting_code();
    const std::string good = h.flow.save();
    auto with = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        const std::size_t at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    const std::string bad[] = {
        "",
        "null",
        "{}",
        "[1,2]",
        good.substr(0, good.size() - 1),
        with("\"version\":2", "\"version\":3"),
        with("\"version\":2", "\"version\":0"),
        with("\"version\":2", "\"version\":-1"),
        with("\"version\":2", "\"version\":1.5"),
        with("\"client_id\":\"abc123\"", "\"client_id\":\"other\""),
        with("https://example.auth0.com", "https://evil.example.com"),
        with("\"state\":\"awaiting_code\"", "\"state\":\"authenticated\""),
        with("\"state\":\"awaiting_code\"", "\"state\":\"idle\""),
        with("\"attempts\":0", "\"attempts\":4"),
        with("\"attempts\":0", "\"attempts\":-1"),
        with("\"attempts\":0", "\"attempts\":\"0\""),
        with("\"code_sent_at\":1700000000", "\"code_sent_at\":1800000000"),
        with("\"code_sent_at\":1700000000", "\"code_sent_at\":253402300800"),
        with("\"code_sent_at\":1700000000", "\"code_sent_at\":1e9"),
        with("\"email\":\"user@example.com\"", "\"email\":\"not an email\""),
        with("\"email\":\"user@example.com\"", "\"email\":\"user@example.com\",\"email\":\"x@example.com\""),
        with("\"connection\":\"email\"", "\"connection\":7"),
        with("\"send\":\"code\"", "\"send\":\"carrier pigeon\""),
        with("\"code_expired\":false", "\"code_expired\":0"),
        with("\"code_expired\":false", "\"code_expired\":false,\"otp\":\"123456\""),
        with("\"code_expired\":false", "\"code_expired\":false,\"auth_params\":[[\"a\"]]"),
        with("\"version\":2", "\"version\":1"),
        with("\"config\":{", "\"configuration\":{"),
        with("\"config\":{\"client\":\"", "\"config\":{\"client\":\"A"),
        with("\"config\":{\"client\":\"", "\"config\":{\"extra\":\"\",\"client\":\""),
        with("\"config\":{\"client\":\"", "\"config\":{\"client\":7,\"x\":\""),
        with("\"code_expired\":false", "\"code_expired\":false,\"seal\":\"00\""),
    };
    for (const std::string& text : bad) {
        CAPTURE(text);
        auto r = pl::login_flow::restore(make_client(), verifying_config(), text, h.clock);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "saved_state");
    }
    CHECK(pl::login_flow::restore(make_client(), verifying_config(), good, h.clock).ok());
    // The configuration is checked as create checks it.
    pl::flow_config no_verifier;
    no_verifier.id_token = good_expectations();
    CHECK(pl::login_flow::restore(make_client(), no_verifier, good, h.clock).failure().field == "verifier");
    CHECK(pl::login_flow::restore(make_client(), verifying_config(), good, -1).failure().field == "now");
}

// Each row changes one thing the saved login was made with; restore must refuse and name the group.
TEST_CASE("restore refuses a login saved under other options, and says which group differs") {
    harness h;
    h.to_awaiting_code();
    const std::string text = h.flow.save();
    CHECK(text.find("\"config\":{\"client\":\"") != std::string::npos);
    struct row {
        const char* change;
        std::function<void(pl::client_config&, pl::flow_config&)> apply;
        const char* group;
    };
    const char* const client_group = "another client";
    const char* const id_group = "other ID-token checks";
    const char* const rules_group = "other login rules";
    const row rows[] = {
        {"no ID-token check", [](pl::client_config&, pl::flow_config& f) { f.id_token.reset(); }, id_group},
        {"issuer without its slash", [](pl::client_config&, pl::flow_config& f) { f.id_token->issuer = "https://example.auth0.com"; }, id_group},
        {"another algorithm allowed", [](pl::client_config&, pl::flow_config& f) { f.id_token->algorithms.push_back("ES256"); }, id_group},
        {"a nonce", [](pl::client_config&, pl::flow_config& f) { f.id_token->nonce = "n-1"; }, id_group},
        {"max_age", [](pl::client_config&, pl::flow_config& f) { f.id_token->max_age = 3600; }, id_group},
        {"organization", [](pl::client_config&, pl::flow_config& f) { f.id_token->organization = "org_1"; }, id_group},
        {"leeway", [](pl::client_config&, pl::flow_config& f) { f.id_token->leeway = 0; }, id_group},
        {"trusted audience", [](pl::client_config&, pl::flow_config& f) { f.id_token->trusted_audiences = {"https://api"}; }, id_group},
        {"signature skipped", [](pl::client_config&, pl::flow_config& f) { f.dangerous_skip_signature_check = true; }, id_group},
        {"keys fetched", [](pl::client_config&, pl::flow_config& f) { f = fetching_config(); }, id_group},
        {"scope", [](pl::client_config&, pl::flow_config& f) { f.scope = "openid"; }, rules_group},
        {"audience", [](pl::client_config&, pl::flow_config& f) { f.audience = "https://api.example.com"; }, rules_group},
        {"code_lifetime", [](pl::client_config&, pl::flow_config& f) { f.code_lifetime = 300; }, rules_group},
        {"resend_cooldown", [](pl::client_config&, pl::flow_config& f) { f.resend_cooldown = 0; }, rules_group},
        {"max_attempts", [](pl::client_config&, pl::flow_config& f) { f.max_attempts = 5; }, rules_group},
        {"a client secret", [](pl::client_config& c, pl::flow_config&) { c.client_secret = "CANARY-SECRET"; }, client_group},
        {"a client assertion", [](pl::client_config& c, pl::flow_config&) { c.client_assertion = "a.b.c"; }, client_group},
        {"HTTP Basic", [](pl::client_config& c, pl::flow_config&) {
             c.client_secret = "CANARY-SECRET";
             c.token_auth = pl::token_endpoint_auth::client_secret_basic;
         }, client_group},
    };
    const char* const groups[] = {client_group, id_group, "other DPoP settings", rules_group};
    for (const row& r : rows) {
        CAPTURE(r.change);
        pl::client_config cc;
        pl::flow_config fc = verifying_config();
        r.apply(cc, fc);
        auto back = pl::login_flow::restore(make_client(cc), fc, text, h.clock);
        REQUIRE_FALSE(back.ok());
        const pl::error& e = back.failure();
        CHECK(e.kind == pl::error_kind::invalid_argument);
        CHECK(e.field == "saved_state");
        CAPTURE(e.description);
        for (const char* g : groups) CHECK((e.description.find(g) != std::string::npos) == (std::string(g) == r.group));
        CHECK(e.description.find("CANARY") == std::string::npos);
        // The same change in both the saving and the restoring login is no difference.
        auto saver = pl::login_flow::create(make_client(cc), fc);
        REQUIRE(saver.ok());
        CHECK(pl::login_flow::restore(make_client(cc), fc, saver->save(), h.clock).ok());
    }
    // Several groups: each is named.
    pl::flow_config bare;
    bare.scope = "openid";
    auto both = pl::login_flow::restore(make_client(), bare, text, h.clock);
    REQUIRE_FALSE(both.ok());
    CHECK(both.failure().description.find(id_group) != std::string::npos);
    CHECK(both.failure().description.find(rules_group) != std::string::npos);
    // What does not change what the login checks is no difference: the order of the algorithm
    // allow-list, another verifier function (it cannot be compared), limits and telemetry.
    pl::flow_config same = verifying_config();
    same.id_token->algorithms = {"RS256"};
    same.verifier = [](const pl::signature_input&) { return true; };
    pl::client_config cc;
    cc.limits.max_body_bytes = 100000;
    cc.telemetry = pl::telemetry_info{"app", "1.0", {}};
    CHECK(pl::login_flow::restore(make_client(cc), same, text, h.clock).ok());
    pl::flow_config two = verifying_config();
    two.id_token->algorithms = {"ES256", "RS256"};
    auto two_saved = pl::login_flow::create(make_client(), two)->save();
    two.id_token->algorithms = {"RS256", "ES256"};
    CHECK(pl::login_flow::restore(make_client(), two, two_saved, h.clock).ok());
}

TEST_CASE("restore refuses a text from the saved format before the digests: it cannot be checked") {
    const std::string v1 =
        R"({"format":"passwordless-login","version":1,"endpoint":"https://example.auth0.com","client_id":"abc123","state":"idle"})";
    auto r = pl::login_flow::restore(make_client(), verifying_config(), v1, now);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().field == "saved_state");
    CHECK(r.failure().description.find("older version") != std::string::npos);
    const std::string no_digests =
        R"({"format":"passwordless-login","version":2,"endpoint":"https://example.auth0.com","client_id":"abc123","state":"idle"})";
    auto r2 = pl::login_flow::restore(make_client(), verifying_config(), no_digests, now);
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.failure().field == "saved_state");
    CHECK(r2.failure().description.find("digests") != std::string::npos);
}

TEST_CASE("a sealed login: save(key) appends an HMAC-SHA256 seal that restore(key) checks") {
    const std::string key = "0123456789abcdef-app-storage-key";
    harness h;
    h.to_awaiting_code();
    CHECK(h.submit("000001").error->kind == pl::error_kind::wrong_code);
    CHECK(h.submit("000002").error->kind == pl::error_kind::wrong_code);
    const std::string plain = h.flow.save();
    auto sealed = h.flow.save(key);
    REQUIRE(sealed.ok());
    const std::string& text = sealed.value();
    // The seal is the last member: HMAC-SHA256 of every byte before it, in lower-case hex.
    const std::size_t at = text.rfind(",\"seal\":\"");
    REQUIRE(at != std::string::npos);
    CHECK(text.substr(0, at) + "}" == plain);
    CHECK(text.substr(at + 9, 64) == pl::detail::hex_lower(pl::detail::hmac_sha256(key, text.substr(0, at))));
    CHECK(text.size() == at + 9 + 64 + 2);
    CHECK(text.find(key) == std::string::npos);

    // Round trip, and a fixed point.
    auto back = pl::login_flow::restore(make_client(), verifying_config(), text, h.clock, key);
    REQUIRE(back.ok());
    CHECK(back->state() == pl::flow_state::awaiting_code);
    CHECK(back->save(key).value() == text);

    auto refused = [&](const std::string& t, std::optional<std::string> k, const char* words) {
        CAPTURE(t);
        auto r = k ? pl::login_flow::restore(make_client(), verifying_config(), t, h.clock, *k)
                   : pl::login_flow::restore(make_client(), verifying_config(), t, h.clock);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "saved_state");
        CHECK(r.failure().description.find(words) != std::string::npos);
        CHECK(r.failure().description.find(key) == std::string::npos);
    };
    refused(text, std::nullopt, "is sealed");
    refused(plain, key, "not sealed");
    refused(text, std::string("another key, 16 bytes or more"), "does not match");
    refused(text.substr(0, text.size() - 1), key, "not sealed");
    std::string upper = text;
    for (std::size_t i = at + 9; i < at + 9 + 64; ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
    if (upper != text) refused(upper, key, "does not match");

    // The edits an attacker with write access would make: each is accepted without a seal (which
    // is why the seal exists), and refused with one.
    auto edit = [](std::string t, const std::string& from, const std::string& to) {
        const std::size_t where = t.find(from);
        REQUIRE(where != std::string::npos);
        return t.replace(where, from.size(), to);
    };
    struct change {
        const char* what;
        std::string from, to;
    };
    const change edits[] = {
        {"reset the attempt count", "\"attempts\":2", "\"attempts\":0"},
        {"drop the local cooldown", "\"code_sent_at\":1700000000", "\"code_sent_at\":1600000000"},
        {"swap the address", "\"email\":\"user@example.com\"", "\"email\":\"attacker@example.com\""},
    };
    for (const change& c : edits) {
        CAPTURE(c.what);
        auto unsealed = pl::login_flow::restore(make_client(), verifying_config(), edit(plain, c.from, c.to), h.clock);
        CHECK(unsealed.ok());
        refused(edit(text, c.from, c.to), key, "does not match");
    }
    // A seal re-made without the key (over the edited text with another key) does not help.
    const std::string forged = pl::login_flow::restore(make_client(), verifying_config(),
                                                       edit(plain, "\"attempts\":2", "\"attempts\":0"), h.clock)
                                   ->save(std::string("attacker's own key 0123"))
                                   .value();
    refused(forged, key, "does not match");

    // Keys shorter than 16 bytes are refused, in save and in restore.
    auto short_save = h.flow.save(std::string(15, 'k'));
    REQUIRE_FALSE(short_save.ok());
    CHECK(short_save.failure().field == "seal_key");
    CHECK(h.flow.save(std::string(16, 'k')).ok());
    auto short_restore = pl::login_flow::restore(make_client(), verifying_config(), text, h.clock, std::string_view("short"));
    REQUIRE_FALSE(short_restore.ok());
    CHECK(short_restore.failure().field == "seal_key");
    CHECK(pl::login_flow::restore(make_client(), verifying_config(), text, h.clock, std::string_view()).failure().field == "seal_key");
}

TEST_CASE("configuration is validated") {
    pl::flow_config cfg;
    cfg.id_token = good_expectations();
    auto r = pl::login_flow::create(make_client(), cfg);
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().field == "verifier");
    cfg.dangerous_skip_signature_check = true;
    CHECK(pl::login_flow::create(make_client(), cfg).ok());
    pl::flow_config bad;
    bad.code_lifetime = 0;
    CHECK(pl::login_flow::create(make_client(), bad).failure().field == "code_lifetime");
    bad = {};
    bad.max_attempts = 0;
    CHECK(pl::login_flow::create(make_client(), bad).failure().field == "max_attempts");
    bad = {};
    bad.scope = "openid\r\n";
    CHECK(pl::login_flow::create(make_client(), bad).failure().field == "scope");
    // Everything the ID token check will need is checked before the user types a code.
    pl::flow_config x = verifying_config();
    x.id_token->issuer = "https://other.auth0.com/";
    CHECK(pl::login_flow::create(make_client(), x).failure().field == "id_token.issuer");
    x = verifying_config();
    x.id_token->client_id = "someone-else";
    CHECK(pl::login_flow::create(make_client(), x).failure().field == "id_token.client_id");
    x = verifying_config();
    x.id_token->algorithms = {"none"};
    CHECK(pl::login_flow::create(make_client(), x).failure().field == "id_token.algorithms");
    x = verifying_config();
    x.id_token->leeway = 3600;
    CHECK(pl::login_flow::create(make_client(), x).failure().field == "id_token.leeway");
    x = verifying_config();
    x.id_token->issuer = "https://example.auth0.com";  // without the slash: allowed
    CHECK(pl::login_flow::create(make_client(), x).ok());
    x = fetching_config();
    x.key_verifier = nullptr;
    CHECK(pl::login_flow::create(make_client(), x).failure().field == "key_verifier");
    x = fetching_config();
    x.jwks_uri = "ftp://example.auth0.com/keys";
    CHECK(pl::login_flow::create(make_client(), x).failure().field == "jwks_uri");
    x = fetching_config();
    x.dangerous_skip_signature_check = true;
    CHECK(pl::login_flow::create(make_client(), x).failure().field == "keys");
}


// ---- MFA after the code (flow_config::mfa).

namespace {
// A login with flow_config::mfa (no ID-token checks unless given), at the mfa_required answer.
struct mfa_harness : harness {
    explicit mfa_harness(pl::flow_config cfg = mfa_config()) : harness(std::move(cfg)) {}

    pl::flow_step to_mfa_required(const std::string& token = mfa_token) {
        to_awaiting_code();
        REQUIRE(flow.submit_code(tenant.last_code, clock).request);
        return flow.on_response(mfa_required_answer(token), clock);
    }
    void to_choosing() {
        auto listing = to_mfa_required();
        REQUIRE(listing.state == pl::flow_state::listing_authenticators);
        REQUIRE(flow.on_response(make_response(200, authenticator_list), clock).state == pl::flow_state::choosing_authenticator);
    }
};

pl::response mfa_tokens(const std::string& extra = "") {
    return make_response(200, R"({"access_token":"at-mfa","token_type":"Bearer","expires_in":86400)" + extra + "}");
}

pl::response mfa_error(int status, const std::string& code, const std::string& description = "",
                       std::vector<pl::header> headers = {{"content-type", "application/json"}}) {
    json body{{"error", code}};
    if (!description.empty()) body["error_description"] = description;
    return make_response(status, body.dump(), std::move(headers));
}
}  // namespace

TEST_CASE("mfa: without flow_config::mfa, mfa_required ends the login as before") {
    harness h;
    h.to_awaiting_code();
    REQUIRE(h.flow.submit_code(h.tenant.last_code, h.clock).request);
    auto s = h.flow.on_response(mfa_required_answer(), h.clock);
    CHECK(s.state == pl::flow_state::failed);
    REQUIRE(s.error);
    CHECK(s.error->kind == pl::error_kind::mfa_required);
    CHECK(s.next == pl::flow_next::stop);
    CHECK_FALSE(s.request);
}

TEST_CASE("mfa: an otp authenticator skips the challenge") {
    mfa_harness h;
    auto listing = h.to_mfa_required();
    CHECK(listing.state == pl::flow_state::listing_authenticators);
    CHECK_FALSE(listing.error);
    REQUIRE(listing.request);
    CHECK(listing.request->method == "GET");
    CHECK(listing.request->url == "https://example.auth0.com/mfa/authenticators");
    CHECK(header_of(*listing.request, "authorization") == std::string("Bearer ") + mfa_token);
    auto choosing = h.flow.on_response(make_response(200, authenticator_list), h.clock);
    CHECK(choosing.state == pl::flow_state::choosing_authenticator);
    CHECK(choosing.next == pl::flow_next::choose_authenticator);
    REQUIRE(choosing.event);
    CHECK(choosing.event->kind == pl::flow_event::type::mfa_required);
    REQUIRE(choosing.event->authenticators.size() == 4);
    CHECK(choosing.event->authenticators[1].oob_channel == "sms");
    REQUIRE(choosing.event->requirements);
    CHECK(choosing.event->requirements->challenge == std::vector<std::string>{"otp"});
    auto code = h.flow.choose_authenticator("totp|dev_AbC1", h.clock);
    CHECK(code.state == pl::flow_state::awaiting_mfa_code);
    CHECK(code.next == pl::flow_next::ask_for_mfa_code);
    CHECK_FALSE(code.request);
    auto verifying = h.flow.submit_mfa_code("654321", h.clock);
    CHECK(verifying.state == pl::flow_state::verifying_mfa);
    REQUIRE(verifying.request);
    CHECK(body_of(*verifying.request) == json{{"grant_type", "http://auth0.com/oauth/grant-type/mfa-otp"}, {"client_id", "abc123"},
                                              {"mfa_token", mfa_token}, {"otp", "654321"}});
    auto done = h.flow.on_response(mfa_tokens(), h.clock);
    CHECK(done.state == pl::flow_state::authenticated);
    REQUIRE(done.event);
    REQUIRE(done.event->tokens);
    CHECK(done.event->tokens->access_token == "at-mfa");
}

TEST_CASE("mfa: the ID token of the MFA grant is verified like the code's") {
    pl::flow_config cfg = verifying_config();
    cfg.mfa = true;
    mfa_harness h(cfg);
    h.to_choosing();
    REQUIRE(h.flow.submit_mfa_code("654321", h.clock).request);
    auto s = h.flow.on_response(make_response(200, R"({"access_token":"at","token_type":"Bearer"})"), h.clock);
    CHECK(s.state == pl::flow_state::failed);
    REQUIRE(s.error);
    CHECK(s.error->kind == pl::error_kind::invalid_id_token);
}

TEST_CASE("mfa: an oob authenticator with a binding code") {
    mfa_harness h;
    h.to_choosing();
    auto challenging = h.flow.choose_authenticator("sms|dev_XyZ2", h.clock);
    CHECK(challenging.state == pl::flow_state::challenging);
    REQUIRE(challenging.request);
    CHECK(challenging.request->url == "https://example.auth0.com/mfa/challenge");
    CHECK(body_of(*challenging.request) == json{{"client_id", "abc123"}, {"mfa_token", mfa_token}, {"challenge_type", "oob"},
                                                {"authenticator_id", "sms|dev_XyZ2"}});
    auto prompt = h.flow.on_response(make_response(200, R"({"challenge_type":"oob","oob_code":"Fe26.oob","binding_method":"prompt"})"), h.clock);
    CHECK(prompt.state == pl::flow_state::awaiting_mfa_code);
    CHECK(prompt.next == pl::flow_next::ask_for_mfa_code);
    auto verifying = h.flow.submit_mfa_code("1234", h.clock);
    REQUIRE(verifying.request);
    CHECK(body_of(*verifying.request) == json{{"grant_type", "http://auth0.com/oauth/grant-type/mfa-oob"}, {"client_id", "abc123"},
                                              {"mfa_token", mfa_token}, {"oob_code", "Fe26.oob"}, {"binding_code", "1234"}});
    // A wrong binding code: back to awaiting_mfa_code with the error, then the right one.
    auto wrong = h.flow.on_response(mfa_error(403, "invalid_grant", "Invalid binding_code."), h.clock);
    CHECK(wrong.state == pl::flow_state::awaiting_mfa_code);
    REQUIRE(wrong.error);
    CHECK(wrong.error->kind == pl::error_kind::wrong_code);
    CHECK(wrong.next == pl::flow_next::ask_for_mfa_code);
    REQUIRE(h.flow.submit_mfa_code("4321", h.clock).request);
    CHECK(h.flow.on_response(mfa_tokens(), h.clock).state == pl::flow_state::authenticated);
}

TEST_CASE("mfa: a push is polled no earlier than poll_at, which pending answers move later") {
    mfa_harness h;
    h.to_choosing();
    REQUIRE(h.flow.choose_authenticator("push|dev_Pu3", h.clock).request);
    auto waiting = h.flow.on_response(make_response(200, R"({"challenge_type":"oob","oob_code":"Fe26.oob"})"), h.clock);
    CHECK(waiting.state == pl::flow_state::awaiting_approval);
    CHECK(waiting.next == pl::flow_next::poll);
    REQUIRE(waiting.poll_at);
    CHECK(*waiting.poll_at == h.clock + 5);
    CHECK(h.flow.poll_at() == h.clock + 5);
    CHECK(h.flow.next_deadline() == h.clock + 5);
    auto early = h.flow.poll(h.clock + 4);
    CHECK(early.state == pl::flow_state::awaiting_approval);
    REQUIRE(early.error);
    CHECK(early.error->kind == pl::error_kind::invalid_state);
    CHECK(early.error->retry_at == h.clock + 5);
    CHECK(early.poll_at == h.clock + 5);
    CHECK_FALSE(early.request);
    auto misplaced = h.flow.submit_recovery_code("ABCDEFGH", h.clock);  // not allowed while a push waits
    CHECK(misplaced.state == pl::flow_state::awaiting_approval);
    REQUIRE(misplaced.error);
    CHECK(misplaced.error->kind == pl::error_kind::invalid_state);
    CHECK(misplaced.poll_at == h.clock + 5);  // a refused call still says when to poll

    pl::unix_seconds t = h.clock + 5;
    auto polled = h.flow.poll(t);
    REQUIRE(polled.request);
    CHECK(body_of(*polled.request) == json{{"grant_type", "http://auth0.com/oauth/grant-type/mfa-oob"}, {"client_id", "abc123"},
                                           {"mfa_token", mfa_token}, {"oob_code", "Fe26.oob"}});
    auto pending = h.flow.on_response(mfa_error(400, "authorization_pending", "Authorization pending: please repeat the request in a few seconds."), t);
    CHECK(pending.state == pl::flow_state::awaiting_approval);
    CHECK(pending.poll_at == t + 5);
    t += 5;
    REQUIRE(h.flow.poll(t).request);
    auto slow = h.flow.on_response(mfa_error(400, "slow_down"), t);
    CHECK(slow.state == pl::flow_state::awaiting_approval);
    CHECK(slow.poll_at == t + 10);
    CHECK(h.flow.poll(t + 9).error);
    t += 10;
    REQUIRE(h.flow.poll(t).request);
    auto later = h.flow.on_response(mfa_error(400, "authorization_pending", "", {{"content-type", "application/json"}, {"retry-after", "60"}}), t);
    CHECK(later.poll_at == t + 60);
    t += 60;
    REQUIRE(h.flow.poll(t).request);
    // A lost poll waits for the next one.
    auto lost = h.flow.on_transport_failure(t);
    CHECK(lost.state == pl::flow_state::awaiting_approval);
    REQUIRE(h.flow.poll(t).request);
    CHECK(h.flow.on_response(mfa_tokens(), t).state == pl::flow_state::authenticated);
}

TEST_CASE("mfa: final answers end the login in failed") {
    struct row {
        pl::response answer;
        pl::error_kind kind;
    };
    const row rows[] = {
        {mfa_error(400, "access_denied", "MFA Authorization rejected."), pl::error_kind::mfa_rejected},
        {mfa_error(400, "invalid_grant", "MFA Authorization rejected."), pl::error_kind::mfa_rejected},
        {mfa_error(401, "expired_token", "mfa_token is expired"), pl::error_kind::mfa_token_invalid},
        {mfa_error(400, "invalid_grant", "Malformed mfa_token"), pl::error_kind::mfa_token_invalid},
        {mfa_error(429, "too_many_attempts"), pl::error_kind::blocked},
    };
    for (const row& r : rows) {
        CAPTURE(pl::to_string(r.kind));
        mfa_harness h;
        h.to_choosing();
        REQUIRE(h.flow.choose_authenticator("push|dev_Pu3", h.clock).request);
        REQUIRE(h.flow.on_response(make_response(200, R"({"challenge_type":"oob","oob_code":"Fe26.oob"})"), h.clock).poll_at);
        REQUIRE(h.flow.poll(h.clock + 5).request);
        auto s = h.flow.on_response(r.answer, h.clock + 5);
        CHECK(s.state == pl::flow_state::failed);
        REQUIRE(s.error);
        CHECK(s.error->kind == r.kind);
        CHECK(s.next == pl::flow_next::stop);
        REQUIRE(h.flow.failure());
        CHECK(h.flow.failure()->kind == r.kind);
        CHECK(h.flow.save().find("Fe26") == std::string::npos);
    }
}

TEST_CASE("mfa: nothing enrolled, or a challenge the tenant cannot send, ends in mfa_enrollment_required") {
    mfa_harness h;
    REQUIRE(h.to_mfa_required().request);
    auto empty = h.flow.on_response(make_response(200, "[]"), h.clock);
    CHECK(empty.state == pl::flow_state::failed);
    REQUIRE(empty.error);
    CHECK(empty.error->kind == pl::error_kind::mfa_enrollment_required);

    mfa_harness c;
    c.to_choosing();
    REQUIRE(c.flow.choose_authenticator("sms|dev_XyZ2", c.clock).request);
    auto refused = c.flow.on_response(mfa_error(400, "association_required", "User is not enrolled."), c.clock);
    CHECK(refused.state == pl::flow_state::failed);
    CHECK(refused.error->kind == pl::error_kind::mfa_enrollment_required);
}

TEST_CASE("mfa: failed requests without a verdict are sent again") {
    mfa_harness h;
    REQUIRE(h.to_mfa_required().request);
    auto down = h.flow.on_response(make_response(503, ""), h.clock);
    CHECK(down.state == pl::flow_state::listing_authenticators);
    CHECK(down.next == pl::flow_next::retry);
    auto again = h.flow.retry(h.clock);
    REQUIRE(again.request);
    CHECK(again.request->url == "https://example.auth0.com/mfa/authenticators");
    REQUIRE(h.flow.on_response(make_response(200, authenticator_list), h.clock).state == pl::flow_state::choosing_authenticator);
    REQUIRE(h.flow.choose_authenticator("sms|dev_XyZ2", h.clock).request);
    auto lost = h.flow.on_transport_failure(h.clock);
    CHECK(lost.state == pl::flow_state::choosing_authenticator);
    REQUIRE(h.flow.choose_authenticator("sms|dev_XyZ2", h.clock).request);
    auto odd = h.flow.on_response(make_response(200, R"({"challenge_type":"oob"})"), h.clock);
    CHECK(odd.state == pl::flow_state::choosing_authenticator);
    CHECK(odd.error->kind == pl::error_kind::malformed_response);
}

TEST_CASE("mfa: choose_authenticator refuses ids it was not given and types it cannot use") {
    mfa_harness h;
    REQUIRE(h.to_mfa_required().request);
    REQUIRE(h.flow.on_response(make_response(200, R"([{"id":"wa|1","authenticator_type":"webauthn-roaming"},{"id":"totp|1","authenticator_type":"otp"}])"),
                               h.clock).state == pl::flow_state::choosing_authenticator);
    for (const char* id : {"nope", "", "wa|1"}) {
        auto s = h.flow.choose_authenticator(id, h.clock);
        CHECK(s.state == pl::flow_state::choosing_authenticator);
        REQUIRE(s.error);
        CHECK(s.error->kind == pl::error_kind::invalid_argument);
        CHECK(s.error->field == "authenticator_id");
    }
    auto bad = h.flow.submit_mfa_code("12\r\n34", h.clock);
    CHECK(bad.state == pl::flow_state::choosing_authenticator);
    CHECK(bad.error->field == "otp");
    CHECK(h.flow.submit_recovery_code("", h.clock).error->field == "recovery_code");
}

TEST_CASE("mfa: a recovery code, and the new recovery code the server gives") {
    mfa_harness h;
    h.to_choosing();
    auto s = h.flow.submit_recovery_code("ABCDEFGHJKLMNPQRSTUVWXYZ", h.clock);
    REQUIRE(s.request);
    CHECK(body_of(*s.request) == json{{"grant_type", "http://auth0.com/oauth/grant-type/mfa-recovery-code"}, {"client_id", "abc123"},
                                      {"mfa_token", mfa_token}, {"recovery_code", "ABCDEFGHJKLMNPQRSTUVWXYZ"}});
    auto done = h.flow.on_response(mfa_tokens(R"(,"recovery_code":"NEW0RECOVERY0CODE")"), h.clock);
    CHECK(done.state == pl::flow_state::authenticated);
    CHECK(done.event->tokens->recovery_code == "NEW0RECOVERY0CODE");
}

TEST_CASE("mfa: a further factor continues with the new mfa_token, at most max_mfa_rounds times") {
    mfa_harness h;
    h.to_choosing();
    for (int round = 2; round <= pl::max_mfa_rounds + 1; ++round) {
        CAPTURE(round);
        REQUIRE(h.flow.choose_authenticator("totp|dev_AbC1", h.clock).state == pl::flow_state::awaiting_mfa_code);
        REQUIRE(h.flow.submit_mfa_code("654321", h.clock).request);
        const std::string next = "Fe26.2**round-" + std::to_string(round);
        auto s = h.flow.on_response(mfa_required_answer(next), h.clock);
        if (round > pl::max_mfa_rounds) {
            CHECK(s.state == pl::flow_state::failed);
            CHECK(s.error->kind == pl::error_kind::mfa_required);
            break;
        }
        CHECK(s.state == pl::flow_state::listing_authenticators);
        REQUIRE(s.request);
        CHECK(header_of(*s.request, "authorization") == "Bearer " + next);
        REQUIRE(h.flow.on_response(make_response(200, authenticator_list), h.clock).state == pl::flow_state::choosing_authenticator);
    }
}

TEST_CASE("mfa: save writes no MFA secret; restore needs the mfa_token back") {
    for (pl::flow_state s : {pl::flow_state::listing_authenticators, pl::flow_state::choosing_authenticator, pl::flow_state::challenging,
                             pl::flow_state::awaiting_mfa_code, pl::flow_state::awaiting_approval, pl::flow_state::verifying_mfa}) {
        CAPTURE(pl::to_string(s));
        harness h = in_state(s);
        const std::string text = h.flow.save();
        for (const char* secret : {"Fe26", "654321", "oob_code", "mfa_token", h.tenant.last_code.c_str()})
            CHECK(text.find(secret) == std::string::npos);
        auto without = pl::login_flow::restore(make_client(), mfa_config(), text, h.clock);
        REQUIRE(without.ok());
        CHECK(without->state() == pl::flow_state::failed);
        REQUIRE(without->failure());
        CHECK(without->failure()->kind == pl::error_kind::mfa_token_invalid);
        CHECK(without->failure()->action == pl::error_action::restart);
        CHECK(h.flow.mfa_token() == mfa_token);  // what the app keeps in its secure store
        CHECK(without->mfa_token().empty());
        auto with = pl::login_flow::restore_with_mfa_token(make_client(), mfa_config(), text, h.clock, h.flow.mfa_token());
        REQUIRE(with.ok());
        CHECK(with->state() == pl::flow_state::listing_authenticators);
        CHECK(with->mfa_token() == mfa_token);
        auto list = with->retry(h.clock);
        REQUIRE(list.request);
        CHECK(header_of(*list.request, "authorization") == std::string("Bearer ") + mfa_token);
        auto bad = pl::login_flow::restore_with_mfa_token(make_client(), mfa_config(), text, h.clock, "a\r\nb");
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.failure().field == "mfa_token");
    }
    // A login saved without MFA is unchanged by the option's digest only when the option is off.
    harness plain;
    plain.to_awaiting_code();
    CHECK(plain.flow.mfa_token().empty());  // no MFA state, no token
    CHECK_FALSE(pl::login_flow::restore(make_client(), mfa_config(), plain.flow.save(), plain.clock).ok());
}
