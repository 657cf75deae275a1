// Fuzz target: the login state machine (login_flow). FuzzedDataProvider turns the input into a
// configuration (with or without flow_config::mfa) and then a sequence of calls (start,
// on_response, submit_code, resend, on_transport_failure, cancel, and the MFA calls
// choose_authenticator, submit_mfa_code, submit_recovery_code, poll, retry) at a moving clock;
// responses are either well-formed answers built here (a code sent, tokens with a signed ID token,
// each Auth0 error, authenticator lists, challenge answers, MFA grant answers) or raw fuzzed ones.
// Set PASSWORDLESS_FUZZ_TRACE=1 to print the decoded sequence of calls (to read a crasher).
//
// Properties checked after every call (abort on violation):
//  1. The state is one of the thirteen and the step reports it; poll_at comes exactly with
//     awaiting_approval.
//  2. Misuse never changes anything: a call the table does not allow in the current state
//     returns invalid_state with next = none, no request and no event, and leaves the state,
//     the code's expiry and the next deadline as they were. An allowed call returns
//     invalid_state only for a poll before poll_at or a list request not (or already) out, and
//     then changes nothing; the (before, input, after) it took is a row of flow_transitions.
//  3. Requests go out exactly on entering sending_code (to /passwordless/start), verifying_code
//     or verifying_mfa (to /oauth/token), listing_authenticators (to /mfa/authenticators, also
//     on retry) or challenging (to /mfa/challenge), with no CR, LF or NUL in any header and a body that
//     parses as a JSON object; authenticated comes with the tokens (and verified claims);
//     failed comes with an error and next = stop; wait_until comes with retry_at.
//  4. Auth0's rules are kept locally: after max_attempts wrong codes, or once the code has
//     expired, submit_code is refused without a request (attempts_exhausted, code_expired); a
//     resend inside the cooldown is refused as rate_limited.
//  5. No secret (the client secret, the one-time codes, the tokens, the MFA token) appears in
//     any error text. Secrets carry markers that are scrubbed from every fuzzed input.
#include <cstdlib>

#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

// Markers of secrets; fuzzed text never contains them.
constexpr std::string_view secret_marker = "CANARY";
constexpr std::string_view code_marker = "97531";

std::string scrub(std::string s) {
    for (std::string_view m : {secret_marker, code_marker})
        for (std::size_t p = s.find(m); p != std::string::npos; p = s.find(m, p)) s[p] = 'x';
    return s;
}

bool tracing() {
    static const bool on = std::getenv("PASSWORDLESS_FUZZ_TRACE") != nullptr;
    return on;
}

void trace(const std::string& line) {
    if (tracing()) std::fprintf(stderr, "%s\n", line.c_str());
}

using stub_jws::b64url;

std::string make_id_token(pl::unix_seconds now, int variant) {
    json claims{{"iss", "https://example.auth0.com/"}, {"sub", "email|5f7c8ec7c33c6c004bbafe82"}, {"aud", "abc123"},
                {"iat", now - 10}, {"exp", now + 3600}, {"email", "user@example.com"}};
    bool bad_sig = false;
    switch (variant) {
        case 1: claims["exp"] = now - 3600; break;
        case 2: claims["aud"] = "someone-else"; break;
        case 3: bad_sig = true; break;
        case 4: claims["nonce"] = "unexpected"; break;
        default: break;
    }
    const std::string input = b64url(R"({"alg":"RS256","typ":"JWT","kid":"k1"})") + "." + b64url(claims.dump());
    std::string tag = stub_jws::signature(input);
    if (bad_sig) tag[5] = static_cast<char>(tag[5] ^ 1);
    return input + "." + b64url(tag);
}

pl::response respond(int status, std::string body, std::vector<pl::header> headers = {{"content-type", "application/json"}}) {
    pl::response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

struct model {
    int wrong = 0;                                 // wrong codes since the code was sent
    std::optional<pl::unix_seconds> expires_at;    // of the outstanding code
    std::optional<pl::unix_seconds> resend_after;  // of the outstanding code
};

struct session {
    session(FuzzedDataProvider& provider, pl::login_flow f, pl::flow_config c)
        : fdp(provider), flow(std::move(f)), config(std::move(c)) {}

    FuzzedDataProvider& fdp;
    pl::login_flow flow;
    pl::flow_config config;
    pl::unix_seconds clock = 1700000000;
    std::vector<std::string> secrets{"CANARY", "97531"};
    model m;

    std::string text(std::initializer_list<const char*> pool, std::size_t max_len) {
        const std::size_t pick = fdp.ConsumeIntegralInRange<std::size_t>(0, pool.size());
        if (pick < pool.size()) return *(pool.begin() + static_cast<std::ptrdiff_t>(pick));
        return scrub(fdp.ConsumeRandomLengthString(max_len));
    }

    pl::start_params start_params() {
        pl::start_params p;
        switch (fdp.ConsumeIntegralInRange(0, 3)) {
            case 0:
                p.connection = "sms";
                p.phone_number = text({"+14155552671", "+4915112345678"}, 30);
                break;
            case 1:
                p.connection = text({"custom-conn", "email"}, 40);
                p.email = text({"user@example.com"}, 80);
                break;
            default:
                p.connection = "email";
                p.email = text({"user@example.com", "\xc3\xbcser@example.de", "bad"}, 80);
        }
        switch (fdp.ConsumeIntegralInRange(0, 2)) {
            case 0: p.send = pl::send_method::code; break;
            case 1: p.send = pl::send_method::link; break;
            default: break;
        }
        return p;
    }

    std::string authenticator_id() { return text({"totp|dev_1", "sms|dev_2", "push|dev_3", "recovery-code|dev_4", "email|dev_5"}, 30); }

    std::string code() {
        // Marked codes can be checked for leaks; raw ones only exercise the checks.
        switch (fdp.ConsumeIntegralInRange(0, 3)) {
            case 0: return "975310";
            case 1: return "97531086";
            case 2: return text({"9753108642", "97531x", "975 31", "9753\r\n10"}, 20);
            default: return scrub(fdp.ConsumeRandomLengthString(20));
        }
    }

    pl::response response() {
        const pl::unix_seconds now = !pl::is_valid_time(clock) ? 1700000000 : clock;  // tokens need a sane time
        switch (fdp.ConsumeIntegralInRange(0, 25)) {
            case 16:
                return respond(200, R"([{"id":"totp|dev_1","authenticator_type":"otp","active":true},)"
                                    R"({"id":"sms|dev_2","authenticator_type":"oob","oob_channel":"sms","name":"XXXX8899"},)"
                                    R"({"id":"push|dev_3","authenticator_type":"oob","oob_channels":["auth0"]},)"
                                    R"({"id":"recovery-code|dev_4","authenticator_type":"recovery-code"},)"
                                    R"({"id":"email|dev_5","authenticator_type":"email"}])");
            case 17: return respond(200, fdp.ConsumeBool() ? "[]" : R"([{"id":"totp|dev_1"},{"authenticator_type":"oob"}])");
            case 18:
                return respond(200, fdp.ConsumeBool() ? R"({"challenge_type":"oob","oob_code":"CANARY-OOB","binding_method":"prompt"})"
                                                      : R"({"challenge_type":"oob","oob_code":"CANARY-OOB"})");
            case 19: return respond(200, fdp.ConsumeBool() ? R"({"challenge_type":"otp"})" : R"({"challenge_type":"oob"})");
            case 20:
                return respond(400, R"({"error":"authorization_pending","error_description":"Authorization pending: please repeat the request in a few seconds."})",
                               {{"content-type", "application/json"}, {"retry-after", std::to_string(fdp.ConsumeIntegralInRange(0, 120))}});
            case 21: return respond(400, R"({"error":"slow_down"})");
            case 22:
                return respond(400, fdp.ConsumeBool() ? R"({"error":"access_denied","error_description":"MFA Authorization rejected."})"
                                                      : R"({"error":"expired_token","error_description":"mfa_token is expired"})");
            case 23: return respond(400, fdp.ConsumeBool() ? R"({"error":"association_required"})" : R"({"error":"too_many_attempts"})");
            case 24:
                return respond(403, R"({"error":"mfa_required","mfa_token":"CANARY-MFA-2","mfa_requirements":{"challenge_types":["otp","oob"]}})");
            case 25: return respond(200, R"({"access_token":"CANARY-AT","token_type":"Bearer","recovery_code":"CANARY-RC-NEW"})");
            case 0: return respond(200, R"({"_id":"5f7c8ec7","email":"user@example.com","email_verified":false})");
            case 1: return respond(200, "", {});
            case 2:
            case 3: {
                json body{{"access_token", "CANARY-AT"}, {"token_type", "Bearer"}, {"expires_in", 86400}};
                if (fdp.ConsumeBool()) body["refresh_token"] = "CANARY-RT";
                const int variant = fdp.ConsumeIntegralInRange(0, 6);
                if (variant != 6) {
                    body["id_token"] = make_id_token(now, variant);
                    secrets.push_back(body["id_token"].get<std::string>());
                }
                return respond(200, body.dump());
            }
            case 4: return respond(403, R"({"error":"invalid_grant","error_description":"Wrong email or verification code."})");
            case 5:
                return respond(403, R"({"error":"invalid_grant","error_description":"The verification code has expired. Please try to login again."})");
            case 6:
                return respond(403, R"({"error":"invalid_grant","error_description":"You've reached the maximum number of attempts. Please try to login again."})");
            case 7:
                return respond(429, R"({"error":"too_many_requests","error_description":"Too many requests"})",
                               {{"content-type", "application/json"},
                                {"x-ratelimit-reset", std::to_string(now + fdp.ConsumeIntegralInRange(0, 600))}});
            case 8:
                return respond(429, "", {{"retry-after", std::to_string(fdp.ConsumeIntegralInRange(0, 600))}});
            case 9: return respond(400, R"({"error":"bad.email","error_description":"invalid email address"})");
            case 10: return respond(401, R"({"error":"invalid_client","error_description":"Unauthorized"})");
            case 11: return respond(503, "<html>down</html>", {{"content-type", "text/html"}});
            case 12:
                return respond(403, R"({"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"CANARY-MFA"})");
            case 13: return respond(403, R"({"error":"access_denied","error_description":"Blocked by a rule"})");
            default: {
                pl::response r;
                r.status = fdp.ConsumeIntegralInRange(-1, 700);
                const int n = fdp.ConsumeIntegralInRange(0, 3);
                for (int i = 0; i < n; ++i)
                    r.headers.push_back({text({"content-type", "retry-after", "x-ratelimit-reset", "content-encoding"}, 30),
                                         text({"application/json", "30", "1700000100", "gzip"}, 60)});
                r.body = scrub(fdp.ConsumeRandomLengthString(2000));
                // No \u escapes either, or a marker could be spelt in JSON escapes.
                for (std::size_t p = r.body.find("\\u"); p != std::string::npos; p = r.body.find("\\u", p)) r.body[p + 1] = 'n';
                return r;
            }
        }
    }

    void advance_clock() {
        if (!pl::is_valid_time(clock)) clock = 1700000000;  // back from a hostile value
        switch (fdp.ConsumeIntegralInRange(0, 15)) {
            case 0: clock = fdp.ConsumeIntegral<pl::unix_seconds>(); break;  // hostile: any value
            case 1: clock += 3600; break;
            default: clock += fdp.ConsumeIntegralInRange<pl::unix_seconds>(0, 400);
        }
    }
};

bool leaks(const std::vector<std::string>& secrets, const pl::error& e) {
    const std::string text = all_text(e);
    for (const auto& s : secrets)
        if (text.find(s) != std::string::npos) return true;
    return false;
}

void check_request(const pl::request& r, std::string_view path) {
    FUZZ_CHECK(r.url.size() > path.size() && r.url.compare(r.url.size() - path.size(), path.size(), path) == 0);
    for (const pl::header& h : r.headers) {
        for (const std::string* s : {&h.name, &h.value}) {
            FUZZ_CHECK(s->find('\r') == std::string::npos && s->find('\n') == std::string::npos &&
                       s->find('\0') == std::string::npos);
        }
    }
    auto body = library_json(r.body);
    if (r.content_type == "application/json") FUZZ_CHECK(body && body->is_object());
}

bool is_state(pl::flow_state s) { return static_cast<int>(s) <= static_cast<int>(pl::flow_state::verifying_mfa); }

// Where the request of a step that enters `s` goes; empty: no request enters it.
std::string_view request_path(pl::flow_state s) {
    switch (s) {
        case pl::flow_state::sending_code: return "/passwordless/start";
        case pl::flow_state::verifying_code:
        case pl::flow_state::verifying_mfa: return "/oauth/token";
        case pl::flow_state::listing_authenticators: return "/mfa/authenticators";
        case pl::flow_state::challenging: return "/mfa/challenge";
        default: return "";
    }
}

void check_step(session& s, pl::flow_state before, pl::flow_input input, const pl::flow_step& step,
                std::optional<pl::unix_seconds> expires_before, std::optional<pl::unix_seconds> deadline_before) {
    const pl::flow_state after = s.flow.state();
    FUZZ_CHECK(is_state(after));  // 1
    FUZZ_CHECK(step.state == after);
    FUZZ_CHECK(step.poll_at.has_value() == (after == pl::flow_state::awaiting_approval));
    if (step.error) {
        check_error_shape(*step.error);
        FUZZ_CHECK(!leaks(s.secrets, *step.error));  // 5
    }

    if (!pl::input_allowed(before, input)) {  // 2
        FUZZ_CHECK(step.error && step.error->kind == pl::error_kind::invalid_state);
        FUZZ_CHECK(after == before && step.next == pl::flow_next::none && !step.request && !step.event);
        FUZZ_CHECK(s.flow.code_expires_at() == expires_before && s.flow.next_deadline() == deadline_before);
        return;
    }
    if (step.error && step.error->kind == pl::error_kind::invalid_state) {
        FUZZ_CHECK((before == pl::flow_state::awaiting_approval && input == pl::flow_input::poll && step.error->retry_at) ||
                   (before == pl::flow_state::listing_authenticators &&
                    (input == pl::flow_input::retry || input == pl::flow_input::response || input == pl::flow_input::transport_failed)));
        FUZZ_CHECK(after == before && !step.request && !step.event);
        return;
    }
    bool row = false;
    for (const pl::flow_transition& t : pl::flow_transitions) row = row || (t.from == before && t.input == input && t.to == after);
    FUZZ_CHECK(row);

    // 3
    if (step.request) {
        FUZZ_CHECK(step.next == pl::flow_next::send_request);
        FUZZ_CHECK(!request_path(after).empty());
        FUZZ_CHECK(after != before || (after == pl::flow_state::listing_authenticators && input == pl::flow_input::retry));
        check_request(*step.request, request_path(after));
        if (after == pl::flow_state::listing_authenticators || after == pl::flow_state::challenging || after == pl::flow_state::verifying_mfa)
            FUZZ_CHECK(s.config.mfa);
    } else {
        FUZZ_CHECK(after == before || request_path(after).empty() || after == pl::flow_state::listing_authenticators);
    }
    if (!s.config.mfa) FUZZ_CHECK(after < pl::flow_state::listing_authenticators);
    if (after == pl::flow_state::authenticated) {
        FUZZ_CHECK(step.next == pl::flow_next::done);
        FUZZ_CHECK(step.event && step.event->kind == pl::flow_event::type::authenticated && step.event->tokens);
        FUZZ_CHECK(step.event->claims.has_value() == s.config.id_token.has_value());
        if (step.event->claims) FUZZ_CHECK(step.event->claims->iss() == "https://example.auth0.com/");
    }
    if (after == pl::flow_state::failed) FUZZ_CHECK(step.next == pl::flow_next::stop && step.error);
    if (step.next == pl::flow_next::wait_until) FUZZ_CHECK(step.error && step.error->retry_at);
}

// Follows what the machine was told: a code sent resets the count and sets expiry and cooldown;
// wrong codes and expiry reported by the token endpoint count against the code.
void update_model(session& s, pl::flow_state before, pl::flow_input input, const pl::flow_step& step, pl::unix_seconds now) {
    if (step.event && (step.event->kind == pl::flow_event::type::code_sent || step.event->kind == pl::flow_event::type::link_sent)) {
        s.m = model{};
        s.m.expires_at = step.event->code_expires_at;
        s.m.resend_after = step.event->resend_after;
    }
    if (step.error && before == pl::flow_state::verifying_code && input == pl::flow_input::response) {
        switch (step.error->kind) {
            case pl::error_kind::wrong_code: ++s.m.wrong; break;
            case pl::error_kind::attempts_exhausted: s.m.wrong = s.config.max_attempts; break;
            case pl::error_kind::code_expired: s.m.expires_at = now; break;
            default: break;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdict(data, size);
    FuzzedDataProvider fdp(data, size);

    pl::client_config cc;
    cc.domain = "example.auth0.com";
    cc.client_id = "abc123";
    if (fdp.ConsumeBool()) cc.client_secret = "CANARY-client-secret";
    if (fdp.ConsumeBool()) cc.token_encoding = pl::body_encoding::form;
    auto c = pl::client::create(cc);
    FUZZ_CHECK(c.ok());

    pl::flow_config cfg;
    // 0: unset (the server decides expiry); -1: invalid.
    if (const auto lifetime = fdp.ConsumeIntegralInRange<pl::unix_seconds>(-1, 400); lifetime != 0) cfg.code_lifetime = lifetime;
    cfg.resend_cooldown = fdp.ConsumeIntegralInRange<pl::unix_seconds>(-1, 120);
    cfg.max_attempts = fdp.ConsumeIntegralInRange(0, 5);
    switch (fdp.ConsumeIntegralInRange(0, 3)) {
        case 0: break;
        case 1:
            cfg.id_token = pl::id_token_expectations{};
            cfg.id_token->issuer = "https://example.auth0.com/";
            cfg.id_token->client_id = "abc123";
            cfg.dangerous_skip_signature_check = true;
            break;
        default:
            cfg.id_token = pl::id_token_expectations{};
            cfg.id_token->issuer = "https://example.auth0.com/";
            cfg.id_token->client_id = "abc123";
            cfg.verifier = stub_jws::verifier_accepts;
    }
    if (fdp.ConsumeBool()) cfg.scope = "openid profile email offline_access";
    cfg.mfa = fdp.ConsumeBool();
    auto created = pl::login_flow::create(std::move(c).value(), cfg);
    if (!created.ok()) {
        check_error_shape(created.failure());
        FUZZ_CHECK(created.failure().kind == pl::error_kind::invalid_argument);
        FUZZ_CHECK((cfg.code_lifetime && *cfg.code_lifetime < 1) || cfg.resend_cooldown < 0 || cfg.max_attempts < 1);
        return 0;
    }
    session s{fdp, std::move(created).value(), cfg};
    trace("-- flow: lifetime " + (cfg.code_lifetime ? std::to_string(*cfg.code_lifetime) : std::string("server's")) + ", cooldown " + std::to_string(cfg.resend_cooldown) +
          ", attempts " + std::to_string(cfg.max_attempts) + (cfg.id_token ? ", verifies ID tokens" : ""));

    for (int steps = 0; steps < 64 && fdp.remaining_bytes() > 0; ++steps) {
        s.advance_clock();
        const pl::unix_seconds now = s.clock;
        const pl::flow_state before = s.flow.state();
        const auto expires_before = s.flow.code_expires_at();
        const auto deadline_before = s.flow.next_deadline();
        pl::flow_input input = pl::flow_input::cancel;
        pl::flow_step step;
        std::string detail;
        switch (fdp.ConsumeIntegralInRange(0, 12)) {
            case 8:
                input = pl::flow_input::choose_authenticator;
                detail = s.authenticator_id();
                step = s.flow.choose_authenticator(detail, now);
                break;
            case 9:
                input = pl::flow_input::submit_mfa_code;
                detail = s.code();
                step = s.flow.submit_mfa_code(detail, now);
                break;
            case 10:
                input = pl::flow_input::submit_recovery_code;
                detail = fdp.ConsumeBool() ? "CANARY-RC" : s.code();
                step = s.flow.submit_recovery_code(detail, now);
                break;
            case 11:
                input = pl::flow_input::poll;
                step = s.flow.poll(now);
                break;
            case 12:
                input = pl::flow_input::retry;
                step = s.flow.retry(now);
                break;
            case 0:
            case 1: {
                input = pl::flow_input::start;
                const pl::start_params p = s.start_params();
                detail = p.connection + " " + p.email.value_or(p.phone_number.value_or(""));
                step = s.flow.start(p, now);
                break;
            }
            case 2:
            case 3: {
                input = pl::flow_input::response;
                const pl::response r = s.response();
                detail = std::to_string(r.status) + " " + r.body.substr(0, 100);
                step = s.flow.on_response(r, now);
                break;
            }
            case 4: {
                input = pl::flow_input::submit_code;
                const std::string code = s.code();
                detail = code;
                step = s.flow.submit_code(code, now);
                // Model: a valid, allowed call in awaiting_code is refused locally by the rules.
                if (before == pl::flow_state::awaiting_code && pl::is_valid_time(now)) {
                    if (s.m.wrong >= cfg.max_attempts) {
                        FUZZ_CHECK(!step.request && step.error && step.error->kind == pl::error_kind::attempts_exhausted);
                    } else if (s.m.expires_at && now >= *s.m.expires_at) {
                        FUZZ_CHECK(!step.request && step.error && step.error->kind == pl::error_kind::code_expired);
                    }
                }
                break;
            }
            case 5:
                input = pl::flow_input::resend;
                step = s.flow.resend(now);
                if (before == pl::flow_state::awaiting_code && pl::is_valid_time(now) && s.m.resend_after &&
                    now < *s.m.resend_after) {
                    FUZZ_CHECK(!step.request && step.error && step.error->kind == pl::error_kind::rate_limited);
                }
                break;
            case 6:
                input = pl::flow_input::transport_failed;
                step = s.flow.on_transport_failure(now);
                break;
            default:
                input = pl::flow_input::cancel;
                step = s.flow.cancel(now);
                s.m = model{};
                break;
        }
        trace("t=" + std::to_string(now) + " " + std::string(pl::to_string(before)) + " --" + std::string(pl::to_string(input)) +
              (detail.empty() ? "" : "(" + detail + ")") + "--> " + std::string(pl::to_string(s.flow.state())) +
              (step.error ? " error " + std::string(pl::to_string(step.error->kind)) : "") +
              (step.request ? " request " + step.request->url : ""));
        if (verdicts_wanted())
            note(std::string(pl::to_string(step.state)) + " next=" + std::to_string(static_cast<int>(step.next)) +
                 (step.request ? " " + describe_request(*step.request) : "") +
                 (step.event ? " event=" + std::string(pl::to_string(step.event->kind)) : "") +
                 (step.error ? " " + describe(*step.error) : ""));
        check_step(s, before, input, step, expires_before, deadline_before);
        update_model(s, before, input, step, now);
    }
    return 0;
}
