// passwordless: every rule of the login state machine, as tables a test can iterate.
//
// Where each rule lives (read this before changing the machine):
// - Which call is allowed in which state, and where it leads: `flow_transitions` (state x input x
//   outcome -> next state). A (state, input) pair that no row names is misuse: invalid_state,
//   nothing changes. The state diagram below is drawn from it (`flow_state_diagram`).
// - What a server answer means for the login: `flow_answer_rules`, one row per error kind, one
//   column per request answered (first start, new code, token, keys), plus the effect on the code
//   outstanding. What the kind is comes from the one classifier table (`error_rules` in
//   classify.hpp), where the grant is a column: this file never reads response text.
// - What the machine refuses by itself, before sending anything: `flow_guards` (the table) and
//   `check_flow_guards` (the one function that applies it) for start, resend and submit alike:
//   rate-limit waits, the resend cooldown, the attempt limit, and the code's lifetime (only when
//   the application configured its tenant's OTP Expiry; otherwise the server decides).
// - What the application does next: `flow_next_for` (a flow_next for every step), whose mapping
//   from error_action is spelled out beside it.
// - `login_flow` (flow.hpp) only keeps the facts (times, attempts, held tokens) and looks every
//   decision up here.
//
// The calls (login_flow in flow.hpp; each takes `now` and returns a flow_step):
//
// | call | allowed in | what it does |
// |---|---|---|
// | `start(params, now)` | `idle`, `awaiting_code` | builds `/passwordless/start` |
// | `on_response(response, now)` | a state with a request out | reads the answer to the request out |
// | `submit_code(code, now)` | `awaiting_code` | builds the OTP-grant `/oauth/token` request |
// | `resend(now)` | `awaiting_code` | asks for a new code with the same parameters |
// | `on_transport_failure(now)` | a state with a request out | the request never completed: back to the state before it |
// | `retry(now)` | `fetching_keys`, `listing_authenticators` | sends the key fetch (or authenticator list) that failed again |
// | `choose_authenticator(id, now)` | `choosing_authenticator` | otp / recovery-code: no request; oob: builds `/mfa/challenge` |
// | `submit_mfa_code(code, now)` | `choosing_authenticator`, `awaiting_mfa_code` | the mfa-otp grant, or mfa-oob with the binding code |
// | `submit_recovery_code(code, now)` | `choosing_authenticator`, `awaiting_mfa_code` | the mfa-recovery-code grant |
// | `poll(now)` | `awaiting_approval` (from `poll_at`) | the mfa-oob grant for a push |
// | `cancel(now)` | every state | back to `idle` |
// | `save()` / `login_flow::restore(client, config, text, now)` | every state | see login_flow::save in flow.hpp |
//
// Any other call is misuse: invalid_state (action none), and nothing changes. `next` speaks of the
// login, `error->action` of one error; flow_next_for (below) spells out how one maps to the other.
//
// The state diagram, drawn from flow_transitions (`passwordless-cli state-diagram` prints it;
// tests/test_flow_tables.cpp fails when this copy differs). Refusals, which change nothing, are left
// out.
//
// ```mermaid
// stateDiagram-v2
//     [*] --> idle
//     idle --> sending_code : start / accepted
//     idle --> idle : cancel / cancelled
//     sending_code --> awaiting_code : response / code_sent
//     sending_code --> idle : response / no_code_yet
//     sending_code --> awaiting_code : response / previous_code_stands
//     sending_code --> failed : response / fatal
//     sending_code --> idle : transport_failed / no_code_yet
//     sending_code --> awaiting_code : transport_failed / previous_code_stands
//     sending_code --> idle : cancel / cancelled
//     awaiting_code --> verifying_code : submit_code / accepted
//     awaiting_code --> sending_code : resend / accepted
//     awaiting_code --> sending_code : start / accepted
//     awaiting_code --> idle : cancel / cancelled
//     verifying_code --> authenticated : response / authenticated
//     verifying_code --> fetching_keys : response / keys_needed
//     verifying_code --> awaiting_code : response / code_refused
//     verifying_code --> awaiting_code : response / no_verdict
//     verifying_code --> verifying_code : response / dpop_nonce_resend
//     verifying_code --> listing_authenticators : response / mfa_needed
//     verifying_code --> failed : response / fatal
//     verifying_code --> awaiting_code : transport_failed / no_verdict
//     verifying_code --> idle : cancel / cancelled
//     fetching_keys --> authenticated : response / authenticated
//     fetching_keys --> fetching_keys : response / keys_needed
//     fetching_keys --> fetching_keys : response / keys_unavailable
//     fetching_keys --> failed : response / fatal
//     fetching_keys --> fetching_keys : transport_failed / keys_unavailable
//     fetching_keys --> fetching_keys : retry / accepted
//     fetching_keys --> idle : cancel / cancelled
//     listing_authenticators --> choosing_authenticator : response / authenticators_listed
//     listing_authenticators --> listing_authenticators : response / no_verdict
//     listing_authenticators --> failed : response / fatal
//     listing_authenticators --> listing_authenticators : transport_failed / no_verdict
//     listing_authenticators --> listing_authenticators : retry / accepted
//     listing_authenticators --> idle : cancel / cancelled
//     choosing_authenticator --> challenging : choose_authenticator / accepted
//     choosing_authenticator --> awaiting_mfa_code : choose_authenticator / mfa_code_needed
//     choosing_authenticator --> verifying_mfa : submit_mfa_code / accepted
//     choosing_authenticator --> verifying_mfa : submit_recovery_code / accepted
//     choosing_authenticator --> idle : cancel / cancelled
//     challenging --> awaiting_mfa_code : response / mfa_code_needed
//     challenging --> awaiting_approval : response / approval_pending
//     challenging --> choosing_authenticator : response / no_verdict
//     challenging --> failed : response / fatal
//     challenging --> choosing_authenticator : transport_failed / no_verdict
//     challenging --> idle : cancel / cancelled
//     awaiting_mfa_code --> verifying_mfa : submit_mfa_code / accepted
//     awaiting_mfa_code --> verifying_mfa : submit_recovery_code / accepted
//     awaiting_mfa_code --> idle : cancel / cancelled
//     awaiting_approval --> verifying_mfa : poll / accepted
//     awaiting_approval --> idle : cancel / cancelled
//     verifying_mfa --> authenticated : response / authenticated
//     verifying_mfa --> fetching_keys : response / keys_needed
//     verifying_mfa --> awaiting_mfa_code : response / code_refused
//     verifying_mfa --> awaiting_approval : response / approval_pending
//     verifying_mfa --> listing_authenticators : response / mfa_needed
//     verifying_mfa --> awaiting_mfa_code : response / no_verdict
//     verifying_mfa --> verifying_mfa : response / dpop_nonce_resend
//     verifying_mfa --> failed : response / fatal
//     verifying_mfa --> awaiting_mfa_code : transport_failed / no_verdict
//     verifying_mfa --> awaiting_approval : transport_failed / approval_pending
//     verifying_mfa --> idle : cancel / cancelled
//     authenticated --> idle : cancel / cancelled
//     failed --> idle : cancel / cancelled
// ```
//
// What an error answer (or a lost request) leads to, by the request it answers: a first start, a new
// code (resend, or a new start while a code is outstanding), the token request, the key fetch, and
// with flow_config::mfa the authenticator list, the challenge and the MFA grant (mfa_needed follows
// mfa_required to the list; without flow_config::mfa, or after max_mfa_rounds, it is fatal). The
// outcome names say what happened to the login: no_code_yet (back to idle), previous_code_stands
// (back to awaiting_code, the old code still counts), code_refused (the server judged the code),
// no_verdict (it did not: send the same code again), keys_unavailable (tokens held; retry). Below,
// the local guards in the order they are checked. Both tables are drawn from flow_answer_rules and
// flow_guards; tests/test_flow_tables.cpp fails when this copy differs.
//
// <!-- outcome table: drawn from flow_answer_rules and flow_guards; a test compares -->
// | error kind | first start | new code | token | keys | mfa list | mfa challenge | mfa grant | effect |
// |---|---|---|---|---|---|---|---|---|
// | `invalid_argument` | no_code_yet | previous_code_stands | fatal | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_state` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `wrong_code` | fatal | fatal | code_refused | keys_unavailable | fatal | fatal | code_refused | count_attempt |
// | `code_expired` | fatal | fatal | code_refused | keys_unavailable | fatal | fatal | fatal | expire_code |
// | `attempts_exhausted` | fatal | fatal | code_refused | keys_unavailable | fatal | fatal | fatal | use_up_code |
// | `rate_limited` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | wait |
// | `blocked` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `mfa_required` | fatal | fatal | mfa_needed | keys_unavailable | fatal | fatal | mfa_needed | none |
// | `grant_not_allowed` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_client` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_connection` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_request` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_email` | no_code_yet | previous_code_stands | fatal | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_phone_number` | no_code_yet | previous_code_stands | fatal | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `delivery_failed` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `access_denied` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `verification_required` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_refresh_token` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `server_error` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `unknown_error` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `unexpected_response` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `malformed_response` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_id_token` | fatal | fatal | fatal | fatal | fatal | fatal | fatal | none |
// | `state_mismatch` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `transport_failed` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `invalid_dpop_proof` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `dpop_nonce_required` | no_code_yet | previous_code_stands | no_verdict | keys_unavailable | no_verdict | no_verdict | no_verdict | none |
// | `issuer_mismatch` | fatal | fatal | fatal | fatal | fatal | fatal | fatal | none |
// | `authorization_pending` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | approval_pending | wait |
// | `slow_down` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | approval_pending | wait |
// | `mfa_rejected` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `mfa_token_invalid` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `mfa_enrollment_required` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `invalid_access_token` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
// | `insufficient_scope` | fatal | fatal | fatal | keys_unavailable | fatal | fatal | fatal | none |
//
// | call | guard, in order | refused with |
// |---|---|---|
// | `start` | rate_limit_wait | `rate_limited` |
// | `start` | resend_cooldown | `rate_limited` |
// | `resend` | rate_limit_wait | `rate_limited` |
// | `resend` | resend_cooldown | `rate_limited` |
// | `submit_code` | attempts_used_up | `attempts_exhausted` |
// | `submit_code` | code_dead | `code_expired` |
// | `submit_code` | rate_limit_wait | `rate_limited` |
// <!-- end of outcome table -->
#ifndef PASSWORDLESS_FLOW_TABLES_HPP
#define PASSWORDLESS_FLOW_TABLES_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "passwordless/error.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// Where a login stands.
enum class flow_state : std::uint8_t {
    idle,            ///< nothing under way
    sending_code,    ///< a /passwordless/start request is out
    awaiting_code,   ///< the code (or link) was sent; waiting for the user
    verifying_code,  ///< an /oauth/token request is out
    fetching_keys,   ///< tokens are held until the ID token is verified: a JWKS request is out, or
                     ///< the last one failed and retry() sends it again
    authenticated,   ///< done: tokens (and verified claims) were delivered
    failed,          ///< a failure that makes continuing meaningless; only cancel leaves it
    // MFA after the code (flow_config::mfa; PROTOCOL.md 10): the code was right, a second factor is due.
    listing_authenticators,  ///< the GET /mfa/authenticators is out (or failed: retry() sends it again)
    choosing_authenticator,  ///< the app must pick one: choose_authenticator (or submit a code)
    challenging,             ///< the POST /mfa/challenge is out
    awaiting_mfa_code,       ///< the user must type the authenticator's code, the binding code or a recovery code
    awaiting_approval,       ///< a push is out; poll() from step.poll_at
    verifying_mfa,           ///< an MFA grant (/oauth/token) is out
};

/// The calls the machine takes.
enum class flow_input : std::uint8_t {
    start,
    response,
    submit_code,
    resend,
    transport_failed,
    retry,
    cancel,
    choose_authenticator,
    submit_mfa_code,
    submit_recovery_code,
    poll,
};

/// How a call ended; together with the state and input it selects a transition.
enum class flow_outcome : std::uint8_t {
    accepted,              ///< a request to send
    refused,               ///< refused locally (bad input, a guard); nothing changed
    code_sent,             ///< the code or link is on its way
    no_code_yet,           ///< a first start did not succeed (fix the input, wait or retry)
    previous_code_stands,  ///< a resend or new start did not succeed; the code outstanding still counts
    code_refused,          ///< the server refused this code (wrong, expired, used up)
    no_verdict,            ///< the code was not judged (transport loss, server failure, rate limit): send it again
    dpop_nonce_resend,     ///< use_dpop_nonce: the token request goes again, its new proof carrying the nonce (once)
    keys_needed,           ///< tokens held; the ID token's keys must be fetched first
    keys_unavailable,      ///< the key fetch failed; tokens still held; retry() fetches again
    authenticated,         ///< tokens accepted (and the ID token verified when configured)
    fatal,                 ///< continuing is meaningless
    cancelled,             ///< back to the start
    mfa_needed,            ///< mfa_required (flow_config::mfa): list the authenticators with the mfa_token
    authenticators_listed, ///< the list arrived: the app chooses
    mfa_code_needed,       ///< the user must type a code (otp authenticator, binding code)
    approval_pending,      ///< a push waits for the user; poll at step.poll_at
};

[[nodiscard]] constexpr std::string_view to_string(flow_state s) noexcept {
    switch (s) {
        case flow_state::idle: return "idle";
        case flow_state::sending_code: return "sending_code";
        case flow_state::awaiting_code: return "awaiting_code";
        case flow_state::verifying_code: return "verifying_code";
        case flow_state::fetching_keys: return "fetching_keys";
        case flow_state::authenticated: return "authenticated";
        case flow_state::failed: return "failed";
        case flow_state::listing_authenticators: return "listing_authenticators";
        case flow_state::choosing_authenticator: return "choosing_authenticator";
        case flow_state::challenging: return "challenging";
        case flow_state::awaiting_mfa_code: return "awaiting_mfa_code";
        case flow_state::awaiting_approval: return "awaiting_approval";
        case flow_state::verifying_mfa: return "verifying_mfa";
    }
    return "failed";
}

[[nodiscard]] constexpr std::string_view to_string(flow_input i) noexcept {
    switch (i) {
        case flow_input::start: return "start";
        case flow_input::response: return "response";
        case flow_input::submit_code: return "submit_code";
        case flow_input::resend: return "resend";
        case flow_input::transport_failed: return "transport_failed";
        case flow_input::retry: return "retry";
        case flow_input::cancel: return "cancel";
        case flow_input::choose_authenticator: return "choose_authenticator";
        case flow_input::submit_mfa_code: return "submit_mfa_code";
        case flow_input::submit_recovery_code: return "submit_recovery_code";
        case flow_input::poll: return "poll";
    }
    return "cancel";
}

[[nodiscard]] constexpr std::string_view to_string(flow_outcome o) noexcept {
    switch (o) {
        case flow_outcome::accepted: return "accepted";
        case flow_outcome::refused: return "refused";
        case flow_outcome::code_sent: return "code_sent";
        case flow_outcome::no_code_yet: return "no_code_yet";
        case flow_outcome::previous_code_stands: return "previous_code_stands";
        case flow_outcome::code_refused: return "code_refused";
        case flow_outcome::no_verdict: return "no_verdict";
        case flow_outcome::dpop_nonce_resend: return "dpop_nonce_resend";
        case flow_outcome::keys_needed: return "keys_needed";
        case flow_outcome::keys_unavailable: return "keys_unavailable";
        case flow_outcome::authenticated: return "authenticated";
        case flow_outcome::fatal: return "fatal";
        case flow_outcome::cancelled: return "cancelled";
        case flow_outcome::mfa_needed: return "mfa_needed";
        case flow_outcome::authenticators_listed: return "authenticators_listed";
        case flow_outcome::mfa_code_needed: return "mfa_code_needed";
        case flow_outcome::approval_pending: return "approval_pending";
    }
    return "fatal";
}

/// One transition: in state `from`, input `input` ending in `outcome` leads to `to` and produces
/// `output`.
struct flow_transition {
    flow_state from;
    flow_input input;
    flow_outcome outcome;
    flow_state to;
    std::string_view output;
};

/// Every transition of the machine. A (state, input) pair that appears in no row is misuse:
/// the call returns invalid_state and changes nothing. The state diagram in this header's opening comment is drawn from it (test_flow_tables.cpp).
inline constexpr flow_transition flow_transitions[] = {
    {flow_state::idle, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start"},
    {flow_state::idle, flow_input::start, flow_outcome::refused, flow_state::idle, "error: invalid input, or rate limited until retry_at"},
    {flow_state::idle, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::sending_code, flow_input::response, flow_outcome::code_sent, flow_state::awaiting_code, "event: code_sent or link_sent"},
    {flow_state::sending_code, flow_input::response, flow_outcome::no_code_yet, flow_state::idle, "error: fix input, wait or retry"},
    {flow_state::sending_code, flow_input::response, flow_outcome::previous_code_stands, flow_state::awaiting_code, "error: wait or retry; the previous code stands"},
    {flow_state::sending_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::sending_code, flow_input::response, flow_outcome::refused, flow_state::sending_code, "error: invalid now"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::no_code_yet, flow_state::idle, "error: transport_failed"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::previous_code_stands, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::sending_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::accepted, flow_state::verifying_code, "request: /oauth/token"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::refused, flow_state::awaiting_code, "error: invalid code, a guard (used up, expired, rate limited)"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (a new code)"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::refused, flow_state::awaiting_code, "error: rate_limited (cooldown or wait)"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (new parameters)"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::refused, flow_state::awaiting_code, "error: invalid input, rate_limited (cooldown or wait)"},
    {flow_state::awaiting_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::keys_needed, flow_state::fetching_keys, "request: GET the JWKS"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::code_refused, flow_state::awaiting_code, "error: wrong_code, code_expired, attempts_exhausted"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::no_verdict, flow_state::awaiting_code, "error: wait or retry with the same code"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::dpop_nonce_resend, flow_state::verifying_code, "request: /oauth/token again with a DPoP proof carrying the server's nonce (once)"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::mfa_needed, flow_state::listing_authenticators, "request: GET /mfa/authenticators (flow_config::mfa; without it mfa_required is fatal)"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::refused, flow_state::verifying_code, "error: invalid now"},
    {flow_state::verifying_code, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::verifying_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::keys_needed, flow_state::fetching_keys, "request: GET the JWKS once more (unknown kid)"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::keys_unavailable, flow_state::fetching_keys, "error: retry later; tokens held"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: invalid_id_token"},
    {flow_state::fetching_keys, flow_input::response, flow_outcome::refused, flow_state::fetching_keys, "error: invalid now, or no request out"},
    {flow_state::fetching_keys, flow_input::transport_failed, flow_outcome::keys_unavailable, flow_state::fetching_keys, "error: transport_failed; tokens held"},
    {flow_state::fetching_keys, flow_input::transport_failed, flow_outcome::refused, flow_state::fetching_keys, "error: no request out"},
    {flow_state::fetching_keys, flow_input::retry, flow_outcome::accepted, flow_state::fetching_keys, "request: GET the JWKS again"},
    {flow_state::fetching_keys, flow_input::retry, flow_outcome::refused, flow_state::fetching_keys, "error: a request is out, or invalid now"},
    {flow_state::fetching_keys, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::authenticators_listed, flow_state::choosing_authenticator, "event: mfa_required with the authenticators"},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::no_verdict, flow_state::listing_authenticators, "error: retry() sends the list request again"},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: mfa_token_invalid, nothing enrolled, ..."},
    {flow_state::listing_authenticators, flow_input::response, flow_outcome::refused, flow_state::listing_authenticators, "error: invalid now, or no request out"},
    {flow_state::listing_authenticators, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::listing_authenticators, "error: transport_failed; retry()"},
    {flow_state::listing_authenticators, flow_input::transport_failed, flow_outcome::refused, flow_state::listing_authenticators, "error: no request out"},
    {flow_state::listing_authenticators, flow_input::retry, flow_outcome::accepted, flow_state::listing_authenticators, "request: GET /mfa/authenticators again"},
    {flow_state::listing_authenticators, flow_input::retry, flow_outcome::refused, flow_state::listing_authenticators, "error: a request is out, or invalid now"},
    {flow_state::listing_authenticators, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::choosing_authenticator, flow_input::choose_authenticator, flow_outcome::accepted, flow_state::challenging, "request: POST /mfa/challenge (an oob authenticator)"},
    {flow_state::choosing_authenticator, flow_input::choose_authenticator, flow_outcome::mfa_code_needed, flow_state::awaiting_mfa_code, "nothing: an otp or recovery-code authenticator needs no challenge"},
    {flow_state::choosing_authenticator, flow_input::choose_authenticator, flow_outcome::refused, flow_state::choosing_authenticator, "error: unknown or unusable authenticator"},
    {flow_state::choosing_authenticator, flow_input::submit_mfa_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-otp"},
    {flow_state::choosing_authenticator, flow_input::submit_mfa_code, flow_outcome::refused, flow_state::choosing_authenticator, "error: invalid code"},
    {flow_state::choosing_authenticator, flow_input::submit_recovery_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-recovery-code"},
    {flow_state::choosing_authenticator, flow_input::submit_recovery_code, flow_outcome::refused, flow_state::choosing_authenticator, "error: invalid code"},
    {flow_state::choosing_authenticator, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::challenging, flow_input::response, flow_outcome::mfa_code_needed, flow_state::awaiting_mfa_code, "nothing: the user types the code sent (binding_method prompt)"},
    {flow_state::challenging, flow_input::response, flow_outcome::approval_pending, flow_state::awaiting_approval, "poll_at: a push waits for the user"},
    {flow_state::challenging, flow_input::response, flow_outcome::no_verdict, flow_state::choosing_authenticator, "error: choose again (the same or another)"},
    {flow_state::challenging, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: mfa_enrollment_required, mfa_token_invalid, ..."},
    {flow_state::challenging, flow_input::response, flow_outcome::refused, flow_state::challenging, "error: invalid now, or no request out"},
    {flow_state::challenging, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::choosing_authenticator, "error: transport_failed"},
    {flow_state::challenging, flow_input::transport_failed, flow_outcome::refused, flow_state::challenging, "error: no request out"},
    {flow_state::challenging, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_mfa_code, flow_input::submit_mfa_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-otp or mfa-oob with the binding code"},
    {flow_state::awaiting_mfa_code, flow_input::submit_mfa_code, flow_outcome::refused, flow_state::awaiting_mfa_code, "error: invalid code"},
    {flow_state::awaiting_mfa_code, flow_input::submit_recovery_code, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-recovery-code"},
    {flow_state::awaiting_mfa_code, flow_input::submit_recovery_code, flow_outcome::refused, flow_state::awaiting_mfa_code, "error: invalid code"},
    {flow_state::awaiting_mfa_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_approval, flow_input::poll, flow_outcome::accepted, flow_state::verifying_mfa, "request: /oauth/token, mfa-oob"},
    {flow_state::awaiting_approval, flow_input::poll, flow_outcome::refused, flow_state::awaiting_approval, "error: invalid_state before poll_at"},
    {flow_state::awaiting_approval, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated (recovery_code when the server sent one)"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::keys_needed, flow_state::fetching_keys, "request: GET the JWKS"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::code_refused, flow_state::awaiting_mfa_code, "error: wrong_code"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::approval_pending, flow_state::awaiting_approval, "error: authorization_pending, slow_down; a later poll_at"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::mfa_needed, flow_state::listing_authenticators, "request: GET /mfa/authenticators with the new mfa_token (at most max_mfa_rounds)"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::no_verdict, flow_state::awaiting_mfa_code, "error: wait or retry with the same code"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::dpop_nonce_resend, flow_state::verifying_mfa, "request: /oauth/token again with a DPoP proof carrying the server's nonce (once)"},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::fatal, flow_state::failed, "error: mfa_rejected, mfa_token_invalid, blocked, ..."},
    {flow_state::verifying_mfa, flow_input::response, flow_outcome::refused, flow_state::verifying_mfa, "error: invalid now, or no request out"},
    {flow_state::verifying_mfa, flow_input::transport_failed, flow_outcome::no_verdict, flow_state::awaiting_mfa_code, "error: transport_failed"},
    {flow_state::verifying_mfa, flow_input::transport_failed, flow_outcome::approval_pending, flow_state::awaiting_approval, "error: transport_failed; poll again"},
    {flow_state::verifying_mfa, flow_input::transport_failed, flow_outcome::refused, flow_state::verifying_mfa, "error: no request out"},
    {flow_state::verifying_mfa, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::authenticated, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::failed, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
};

/// The transition for (from, input, outcome), or nullptr.
[[nodiscard]] constexpr const flow_transition* find_transition(flow_state from, flow_input input, flow_outcome outcome) noexcept {
    for (const flow_transition& t : flow_transitions)
        if (t.from == from && t.input == input && t.outcome == outcome) return &t;
    return nullptr;
}

/// True when `input` is allowed at all in `from`.
[[nodiscard]] constexpr bool input_allowed(flow_state from, flow_input input) noexcept {
    for (const flow_transition& t : flow_transitions)
        if (t.from == from && t.input == input) return true;
    return false;
}

/// The state diagram (Mermaid) drawn from flow_transitions; refusals that change nothing are
/// left out of the drawing.
[[nodiscard]] PASSWORDLESS_FUNC std::string flow_state_diagram();

/// What an answer does to the code outstanding (besides the outcome).
enum class flow_effect : std::uint8_t {
    none,
    count_attempt,  ///< one more wrong code for this code
    use_up_code,    ///< the server says this code may not be tried again
    expire_code,    ///< the server says this code expired
    wait,           ///< remember retry_at: the same endpoint is refused locally until then
};

[[nodiscard]] constexpr std::string_view to_string(flow_effect e) noexcept {
    switch (e) {
        case flow_effect::none: return "none";
        case flow_effect::count_attempt: return "count_attempt";
        case flow_effect::use_up_code: return "use_up_code";
        case flow_effect::expire_code: return "expire_code";
        case flow_effect::wait: return "wait";
    }
    return "none";
}

/// The request an answer (or a transport failure) belongs to.
enum class flow_request : std::uint8_t {
    first_start,  ///< /passwordless/start with no code outstanding
    new_code,     ///< /passwordless/start while a code is outstanding (resend, or start anew)
    token,        ///< /oauth/token with the OTP grant
    keys,         ///< GET of the JWKS
    mfa_list,     ///< GET /mfa/authenticators
    mfa_challenge,///< POST /mfa/challenge
    mfa_grant,    ///< /oauth/token with an MFA grant
};

/// One row of the answer table: what an error of `kind` means, per request answered.
struct flow_answer_rule {
    error_kind kind;
    flow_outcome first_start;
    flow_outcome new_code;
    flow_outcome token;
    flow_outcome keys;
    flow_outcome mfa_list;
    flow_outcome mfa_challenge;
    flow_outcome mfa_grant;
    flow_effect effect;

    [[nodiscard]] constexpr flow_outcome outcome(flow_request r) const noexcept {
        switch (r) {
            case flow_request::first_start: return first_start;
            case flow_request::new_code: return new_code;
            case flow_request::token: return token;
            case flow_request::keys: return keys;
            case flow_request::mfa_list: return mfa_list;
            case flow_request::mfa_challenge: return mfa_challenge;
            case flow_request::mfa_grant: return mfa_grant;
        }
        return flow_outcome::fatal;
    }
};

namespace detail {
// Short names for the answer table only.
inline constexpr flow_outcome fo_nocode = flow_outcome::no_code_yet;
inline constexpr flow_outcome fo_prev = flow_outcome::previous_code_stands;
inline constexpr flow_outcome fo_refused = flow_outcome::code_refused;
inline constexpr flow_outcome fo_again = flow_outcome::no_verdict;
inline constexpr flow_outcome fo_keys = flow_outcome::keys_unavailable;
inline constexpr flow_outcome fo_fatal = flow_outcome::fatal;
inline constexpr flow_outcome fo_mfa = flow_outcome::mfa_needed;
inline constexpr flow_outcome fo_pending = flow_outcome::approval_pending;
}  // namespace detail

/// Every error kind (in error_kind order), and what it means for the login per request answered.
/// Success is not in the table: a start answered with 2xx is code_sent; a token answer is
/// authenticated, or keys_needed when the keys must be fetched to verify the ID token; an ID
/// token that fails verification is invalid_id_token (fatal: the tokens are discarded).
/// A transport failure is the kind transport_failed, read from the same table.
inline constexpr flow_answer_rule flow_answer_rules[] = {
    //  kind                             first_start       new_code         token             keys             mfa_list          mfa_challenge     mfa_grant         effect
    {error_kind::invalid_argument,         detail::fo_nocode, detail::fo_prev, detail::fo_fatal, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::invalid_state,            detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::wrong_code,               detail::fo_fatal, detail::fo_fatal, detail::fo_refused, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_refused, flow_effect::count_attempt},
    {error_kind::code_expired,             detail::fo_fatal, detail::fo_fatal, detail::fo_refused, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::expire_code},
    {error_kind::attempts_exhausted,       detail::fo_fatal, detail::fo_fatal, detail::fo_refused, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::use_up_code},
    {error_kind::rate_limited,             detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::wait},
    {error_kind::blocked,                  detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::mfa_required,             detail::fo_fatal, detail::fo_fatal, detail::fo_mfa, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_mfa, flow_effect::none},
    {error_kind::grant_not_allowed,        detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_client,           detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_connection,       detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_request,          detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_email,            detail::fo_nocode, detail::fo_prev, detail::fo_fatal, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::invalid_phone_number,     detail::fo_nocode, detail::fo_prev, detail::fo_fatal, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::delivery_failed,          detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::access_denied,            detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::verification_required,    detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_refresh_token,    detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::server_error,             detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::unknown_error,            detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::unexpected_response,      detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::malformed_response,       detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    {error_kind::invalid_id_token,         detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::state_mismatch,           detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::transport_failed,         detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    // DPoP (token request only): a refused proof is a configuration problem; a nonce demanded
    // again after the flow's one resend leaves the code unjudged (submit it again).
    {error_kind::invalid_dpop_proof,       detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::dpop_nonce_required,      detail::fo_nocode, detail::fo_prev, detail::fo_again, detail::fo_keys, detail::fo_again, detail::fo_again, detail::fo_again, flow_effect::none},
    // Discovery only (the flow does not fetch it): listed so that every kind has a row.
    {error_kind::issuer_mismatch,          detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    // MFA grants and APIs only (the code and refresh grants never classify to these): a push not
    // yet approved keeps the login waiting for the next poll (retry_at is the poll time).
    {error_kind::authorization_pending,    detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_pending, flow_effect::wait},
    {error_kind::slow_down,                detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_pending, flow_effect::wait},
    {error_kind::mfa_rejected,             detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::mfa_token_invalid,        detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::mfa_enrollment_required,  detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::invalid_access_token,     detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
    {error_kind::insufficient_scope,       detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, detail::fo_keys, detail::fo_fatal, detail::fo_fatal, detail::fo_fatal, flow_effect::none},
};

/// The row for `kind` (the table has one per kind, in order).
[[nodiscard]] constexpr const flow_answer_rule& flow_answer_rule_for(error_kind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < sizeof(flow_answer_rules) / sizeof(flow_answer_rules[0]) ? flow_answer_rules[i]
                                                                       : flow_answer_rules[static_cast<std::size_t>(error_kind::unknown_error)];
}

/// How many mfa_required answers one login follows (the first, and further factors asked for by
/// an MFA grant): one more ends the login in failed, so a server that asks forever cannot keep it.
inline constexpr int max_mfa_rounds = 3;

/// The local refusals, checked before start, resend and submit_code send anything.
enum class flow_guard : std::uint8_t {
    attempts_used_up,  ///< max_attempts wrong codes were entered, or the server said the code is used up
    code_dead,         ///< the code expired: code_lifetime (when configured) passed, or the server said so
    rate_limit_wait,   ///< a 429 from the same endpoint named a time not reached yet
    resend_cooldown,   ///< a code is outstanding and resend_cooldown has not passed since it was requested
};

[[nodiscard]] constexpr std::string_view to_string(flow_guard g) noexcept {
    switch (g) {
        case flow_guard::attempts_used_up: return "attempts_used_up";
        case flow_guard::code_dead: return "code_dead";
        case flow_guard::rate_limit_wait: return "rate_limit_wait";
        case flow_guard::resend_cooldown: return "resend_cooldown";
    }
    return "rate_limit_wait";
}

/// One guard applied to one call, and the error kind of its refusal.
struct flow_guard_rule {
    flow_input input;
    flow_guard guard;
    error_kind kind;
};

/// Which guard applies to which call, in the order they are checked. Start, resend and submit
/// share the policy: a wait the server asked for holds every call to that endpoint.
inline constexpr flow_guard_rule flow_guards[] = {
    {flow_input::start, flow_guard::rate_limit_wait, error_kind::rate_limited},
    {flow_input::start, flow_guard::resend_cooldown, error_kind::rate_limited},
    {flow_input::resend, flow_guard::rate_limit_wait, error_kind::rate_limited},
    {flow_input::resend, flow_guard::resend_cooldown, error_kind::rate_limited},
    {flow_input::submit_code, flow_guard::attempts_used_up, error_kind::attempts_exhausted},
    {flow_input::submit_code, flow_guard::code_dead, error_kind::code_expired},
    {flow_input::submit_code, flow_guard::rate_limit_wait, error_kind::rate_limited},
};

/// What the guards look at: the machine's facts at the time of the call.
struct flow_guard_facts {
    bool code_outstanding = false;               ///< a code was sent and not yet exchanged
    std::optional<unix_seconds> code_sent_at;    ///< when the code outstanding was requested
    std::optional<unix_seconds> code_expires_at; ///< only when code_lifetime is configured
    bool code_expired = false;                   ///< the server said so, or the code was exchanged
    int attempts = 0;                            ///< wrong codes so far for this code
    int max_attempts = 3;
    unix_seconds resend_cooldown = 30;
    std::optional<unix_seconds> start_retry_at;  ///< 429 from /passwordless/start
    std::optional<unix_seconds> token_retry_at;  ///< 429 from /oauth/token
};

/// The first guard (in flow_guards order) that refuses `input` at `now`, as its error; none when
/// the call may go ahead. Refusals carry retry_at when waiting helps.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<error> check_flow_guards(flow_input input, const flow_guard_facts& f, unix_seconds now);

/// What the application should do after a step.
enum class flow_next : std::uint8_t {
    send_request,      ///< send step.request, then call on_response or on_transport_failure
    ask_for_code,      ///< show the code prompt, then call submit_code (or resend)
    request_new_code,  ///< the code is expired or used up: offer resend (or start)
    wait_until,        ///< nothing may be sent before step.error->retry_at
    retry,             ///< call retry() (after a backoff) to send the failed key fetch again
    start_over,        ///< call start (with corrected input)
    done,              ///< step.event carries the tokens
    stop,              ///< the login failed; show step.error; cancel to begin again
    none,              ///< a call that was not allowed changed nothing
    choose_authenticator,  ///< MFA: show step.event's authenticators; call choose_authenticator (or submit a code)
    ask_for_mfa_code,      ///< MFA: ask for the second-factor code (or a recovery code)
    poll,                  ///< MFA: a push waits for the user; call poll() at step.poll_at
};

[[nodiscard]] constexpr std::string_view to_string(flow_next n) noexcept {
    switch (n) {
        case flow_next::send_request: return "send_request";
        case flow_next::ask_for_code: return "ask_for_code";
        case flow_next::request_new_code: return "request_new_code";
        case flow_next::wait_until: return "wait_until";
        case flow_next::retry: return "retry";
        case flow_next::start_over: return "start_over";
        case flow_next::done: return "done";
        case flow_next::stop: return "stop";
        case flow_next::none: return "none";
        case flow_next::choose_authenticator: return "choose_authenticator";
        case flow_next::ask_for_mfa_code: return "ask_for_mfa_code";
        case flow_next::poll: return "poll";
    }
    return "none";
}

/// The next thing to do after a step that left the machine in `state`, with or without a request
/// out, and with the step's error (if any). flow_next speaks of the login; error_action of one
/// error. The mapping, first match wins:
///   a request to send                          -> send_request
///   state authenticated / failed               -> done / stop (failed: whatever the action)
///   action none (misuse: invalid_state)        -> none
///   state awaiting_approval                    -> poll             (action wait: poll at step.poll_at)
///   action wait with retry_at                  -> wait_until
///   state fetching_keys, nothing out           -> retry            (action retry)
///   state awaiting_code, the code is dead      -> request_new_code (action restart)
///   state awaiting_code                        -> ask_for_code     (retry_code, retry, fix_input)
///   state idle                                 -> start_over       (fix_input, retry, restart)
///   state listing_authenticators, nothing out  -> retry            (action retry)
///   state choosing_authenticator               -> choose_authenticator
///   state awaiting_mfa_code                    -> ask_for_mfa_code (retry_code, retry, fix_input)
[[nodiscard]] constexpr flow_next flow_next_for(flow_state state, bool request_out, const error* e, bool code_dead) noexcept {
    if (request_out) return flow_next::send_request;
    if (state == flow_state::authenticated) return flow_next::done;
    if (state == flow_state::failed) return flow_next::stop;
    if (e != nullptr && e->action == error_action::none) return flow_next::none;
    if (state == flow_state::awaiting_approval) return flow_next::poll;
    if (e != nullptr && e->action == error_action::wait && e->retry_at) return flow_next::wait_until;
    switch (state) {
        case flow_state::fetching_keys: return flow_next::retry;
        case flow_state::listing_authenticators: return flow_next::retry;
        case flow_state::choosing_authenticator: return flow_next::choose_authenticator;
        case flow_state::awaiting_mfa_code: return flow_next::ask_for_mfa_code;
        case flow_state::awaiting_code: return code_dead ? flow_next::request_new_code : flow_next::ask_for_code;
        case flow_state::idle: return flow_next::start_over;
        default: return flow_next::none;
    }
}

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::string flow_state_diagram() {
    std::string out = "stateDiagram-v2\n    [*] --> idle\n";
    for (const flow_transition& t : flow_transitions) {
        if (t.outcome == flow_outcome::refused) continue;
        out.append("    ").append(to_string(t.from)).append(" --> ").append(to_string(t.to)).append(" : ");
        out.append(to_string(t.input)).append(" / ").append(to_string(t.outcome)).append("\n");
    }
    return out;
}

PASSWORDLESS_FUNC std::optional<error> check_flow_guards(flow_input input, const flow_guard_facts& f, unix_seconds now) {
    for (const flow_guard_rule& rule : flow_guards) {
        if (rule.input != input) continue;
        std::optional<unix_seconds> until;
        std::string_view why;
        switch (rule.guard) {
            case flow_guard::attempts_used_up:
                if (f.attempts < f.max_attempts) continue;
                why = "this code was entered wrongly too often; request a new code";
                break;
            case flow_guard::code_dead:
                if (!f.code_expired && !(f.code_expires_at && now >= *f.code_expires_at)) continue;
                why = "the code has expired; request a new code";
                break;
            case flow_guard::rate_limit_wait: {
                const std::optional<unix_seconds>& at = input == flow_input::submit_code ? f.token_retry_at : f.start_retry_at;
                if (!at || now >= *at) continue;
                until = at;
                why = "rate limited: wait until retry_at before trying again";
                break;
            }
            case flow_guard::resend_cooldown:
                if (!f.code_outstanding || !f.code_sent_at || now - *f.code_sent_at >= f.resend_cooldown) continue;
                until = *f.code_sent_at + f.resend_cooldown;
                why = "a new code can be requested only after the resend cooldown";
                break;
        }
        error e = error::make(rule.kind, std::string(why));
        e.retry_at = until;
        return e;
    }
    return std::nullopt;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
