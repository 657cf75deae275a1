// passwordless: the login state machine. It knows where a passwordless login stands and what the
// application must do next; the application keeps the sockets, clocks and UI.
#ifndef PASSWORDLESS_FLOW_HPP
#define PASSWORDLESS_FLOW_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/client.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/result.hpp"
#include "passwordless/start.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// Where a login stands.
enum class flow_state : std::uint8_t {
    idle,            ///< nothing under way
    sending_code,    ///< a /passwordless/start request is out
    awaiting_code,   ///< the code (or link) was sent; waiting for the user
    verifying_code,  ///< an /oauth/token request is out
    authenticated,   ///< done: tokens (and verified claims) were delivered
    failed,          ///< a failure that makes continuing meaningless; only cancel leaves it
};

/// The calls the machine takes.
enum class flow_input : std::uint8_t { start, response, submit_code, resend, transport_failed, cancel };

/// How a call ended; together with the state and input it selects a transition.
enum class flow_outcome : std::uint8_t {
    accepted,       ///< a request to send
    refused,        ///< refused locally (bad input, cooldown, expiry, rate limit); nothing changed
    code_sent,      ///< the code or link is on its way
    start_failed,   ///< a first start failed in a way the caller can fix, wait out or retry
    resend_failed,  ///< a resend failed likewise; the previous code stands
    code_rejected,  ///< the token request failed, but the login can go on (another code, a wait)
    authenticated,  ///< tokens accepted (and the ID token verified when configured)
    fatal,          ///< continuing is meaningless
    cancelled,      ///< back to the start
};

[[nodiscard]] constexpr std::string_view to_string(flow_state s) noexcept {
    switch (s) {
        case flow_state::idle: return "idle";
        case flow_state::sending_code: return "sending_code";
        case flow_state::awaiting_code: return "awaiting_code";
        case flow_state::verifying_code: return "verifying_code";
        case flow_state::authenticated: return "authenticated";
        case flow_state::failed: return "failed";
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
        case flow_input::cancel: return "cancel";
    }
    return "cancel";
}

[[nodiscard]] constexpr std::string_view to_string(flow_outcome o) noexcept {
    switch (o) {
        case flow_outcome::accepted: return "accepted";
        case flow_outcome::refused: return "refused";
        case flow_outcome::code_sent: return "code_sent";
        case flow_outcome::start_failed: return "start_failed";
        case flow_outcome::resend_failed: return "resend_failed";
        case flow_outcome::code_rejected: return "code_rejected";
        case flow_outcome::authenticated: return "authenticated";
        case flow_outcome::fatal: return "fatal";
        case flow_outcome::cancelled: return "cancelled";
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
/// the call returns invalid_state and changes nothing. The README's diagram is made from this.
inline constexpr flow_transition flow_transitions[] = {
    {flow_state::idle, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start"},
    {flow_state::idle, flow_input::start, flow_outcome::refused, flow_state::idle, "error: invalid input, or rate limited until retry_at"},
    {flow_state::idle, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::sending_code, flow_input::response, flow_outcome::code_sent, flow_state::awaiting_code, "event: code_sent or link_sent"},
    {flow_state::sending_code, flow_input::response, flow_outcome::start_failed, flow_state::idle, "error: fix input, wait or retry"},
    {flow_state::sending_code, flow_input::response, flow_outcome::resend_failed, flow_state::awaiting_code, "error: wait or retry; the previous code stands"},
    {flow_state::sending_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::sending_code, flow_input::response, flow_outcome::refused, flow_state::sending_code, "error: invalid now"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::start_failed, flow_state::idle, "error: transport_failed"},
    {flow_state::sending_code, flow_input::transport_failed, flow_outcome::resend_failed, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::sending_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::accepted, flow_state::verifying_code, "request: /oauth/token"},
    {flow_state::awaiting_code, flow_input::submit_code, flow_outcome::refused, flow_state::awaiting_code, "error: invalid code, code expired or used up, rate limited"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (a new code)"},
    {flow_state::awaiting_code, flow_input::resend, flow_outcome::refused, flow_state::awaiting_code, "error: rate_limited during the cooldown"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::accepted, flow_state::sending_code, "request: /passwordless/start (new parameters)"},
    {flow_state::awaiting_code, flow_input::start, flow_outcome::refused, flow_state::awaiting_code, "error: invalid input, cooldown or rate limit"},
    {flow_state::awaiting_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::authenticated, flow_state::authenticated, "event: authenticated"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::code_rejected, flow_state::awaiting_code, "error: wrong_code, code_expired, attempts_exhausted, wait or retry"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::fatal, flow_state::failed, "error"},
    {flow_state::verifying_code, flow_input::response, flow_outcome::refused, flow_state::verifying_code, "error: invalid now"},
    {flow_state::verifying_code, flow_input::transport_failed, flow_outcome::code_rejected, flow_state::awaiting_code, "error: transport_failed"},
    {flow_state::verifying_code, flow_input::cancel, flow_outcome::cancelled, flow_state::idle, "nothing"},
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
[[nodiscard]] inline std::string flow_state_diagram() {
    std::string out = "stateDiagram-v2\n    [*] --> idle\n";
    for (const flow_transition& t : flow_transitions) {
        if (t.outcome == flow_outcome::refused) continue;
        out.append("    ").append(to_string(t.from)).append(" --> ").append(to_string(t.to)).append(" : ");
        out.append(to_string(t.input)).append(" / ").append(to_string(t.outcome)).append("\n");
    }
    return out;
}

/// What a step reports besides requests and errors.
struct flow_event {
    enum class type : std::uint8_t { code_sent, link_sent, authenticated };
    type kind = type::code_sent;
    std::optional<unix_seconds> resend_after;      ///< code_sent / link_sent: when resend is allowed
    std::optional<unix_seconds> code_expires_at;   ///< code_sent / link_sent
    std::optional<token_set> tokens;               ///< authenticated
    std::optional<id_token_claims> claims;         ///< authenticated, when an ID token was verified
};

[[nodiscard]] constexpr std::string_view to_string(flow_event::type t) noexcept {
    switch (t) {
        case flow_event::type::code_sent: return "code_sent";
        case flow_event::type::link_sent: return "link_sent";
        case flow_event::type::authenticated: return "authenticated";
    }
    return "code_sent";
}

/// What the application should do after a step.
enum class flow_next : std::uint8_t {
    send_request,      ///< send step.request, then call on_response or on_transport_failure
    ask_for_code,      ///< show the code prompt, then call submit_code (or resend)
    request_new_code,  ///< the code is expired or used up: offer resend (or start)
    wait_until,        ///< nothing may be sent before step.error->retry_at
    start_over,        ///< call start (with corrected input)
    done,              ///< step.event carries the tokens
    stop,              ///< the login failed; show step.error; cancel to begin again
    none,              ///< a call that was not allowed changed nothing
};

/// The result of one call: the state after it, and at most one request, event and error.
struct [[nodiscard]] flow_step {
    flow_state state = flow_state::idle;
    flow_next next = flow_next::none;
    std::optional<passwordless::request> request;   ///< send this
    std::optional<flow_event> event;                ///< something happened
    std::optional<passwordless::error> error;       ///< something failed or was refused
};

/// Rules and options of a login.
struct flow_config {
    unix_seconds code_lifetime = 180;   ///< Auth0's default OTP expiry ("OTP Expiry")
    unix_seconds resend_cooldown = 30;  ///< minimum time between two codes
    int max_attempts = 3;               ///< wrong codes before a code is used up
    std::optional<std::string> audience;  ///< for the token request
    std::optional<std::string> scope;     ///< for the token request
    /// When set, the ID token is required and verified with `verifier`.
    std::optional<id_token_expectations> id_token;
    signature_verifier verifier;
    /// Verify the ID token's claims but not its signature (see dangerous_skip_signature_check).
    bool dangerous_skip_signature_check = false;
};

/// One passwordless login. Every call takes `now` (Unix seconds) and returns a flow_step; calls
/// that are not allowed in the current state return invalid_state and change nothing.
class login_flow {
public:
    /// Validates the configuration (invalid_argument naming the field).
    [[nodiscard]] static result<login_flow> create(client c, flow_config config) {
        if (config.code_lifetime < 1 || config.code_lifetime > 86400)
            return error::invalid_argument("code_lifetime", "must be between 1 and 86400 seconds");
        if (config.resend_cooldown < 0 || config.resend_cooldown > 86400)
            return error::invalid_argument("resend_cooldown", "must be between 0 and 86400 seconds");
        if (config.max_attempts < 1 || config.max_attempts > 100)
            return error::invalid_argument("max_attempts", "must be between 1 and 100");
        if (auto e = detail::check_optional_audience(config.audience, c.limits().max_input_bytes())) return std::move(*e);
        if (auto e = detail::check_optional_scope(config.scope, c.limits().max_input_bytes())) return std::move(*e);
        if (config.id_token && !config.verifier && !config.dangerous_skip_signature_check)
            return error::invalid_argument("verifier", "is required to verify ID tokens");
        return login_flow(std::move(c), std::move(config));
    }

    [[nodiscard]] flow_state state() const noexcept { return state_; }

    /// When the current code stops being accepted (while one is outstanding).
    [[nodiscard]] std::optional<unix_seconds> code_expires_at() const noexcept { return code_expires_at_; }

    /// The earliest time something changes by itself: the code's expiry or the end of a wait.
    [[nodiscard]] std::optional<unix_seconds> next_deadline() const noexcept {
        std::optional<unix_seconds> d;
        auto consider = [&](const std::optional<unix_seconds>& t) {
            if (t && (!d || *t < *d)) d = t;
        };
        if (state_ == flow_state::awaiting_code) {
            consider(code_expires_at_);
            consider(token_retry_at_);
        }
        if (state_ == flow_state::idle || state_ == flow_state::awaiting_code) consider(start_retry_at_);
        return d;
    }

    /// Asks Auth0 to send a code or link (allowed in idle, and in awaiting_code to start over).
    flow_step start(const start_params& params, unix_seconds now) {
        if (!input_allowed(state_, flow_input::start)) return misuse(flow_input::start);
        if (auto e = detail::check_now(now)) return refuse(flow_input::start, std::move(*e));
        if (auto e = check_start_allowed(now)) return refuse(flow_input::start, std::move(*e));
        auto req = build_start_request(client_, params);
        if (!req.ok()) return refuse(flow_input::start, std::move(req).failure());
        pending_ = params;
        return send_start(flow_input::start, std::move(req).value(), now);
    }

    /// Asks for a new code with the same parameters (allowed in awaiting_code, after the cooldown).
    flow_step resend(unix_seconds now) {
        if (!input_allowed(state_, flow_input::resend)) return misuse(flow_input::resend);
        if (auto e = detail::check_now(now)) return refuse(flow_input::resend, std::move(*e));
        if (auto e = check_start_allowed(now)) return refuse(flow_input::resend, std::move(*e));
        auto req = build_start_request(client_, params_);
        if (!req.ok()) return refuse(flow_input::resend, std::move(req).failure());
        pending_ = params_;
        return send_start(flow_input::resend, std::move(req).value(), now);
    }

    /// Trades the code the user typed for tokens (allowed in awaiting_code). Refused locally,
    /// without a request, when the code is malformed, expired or used up, or during a rate limit.
    flow_step submit_code(std::string_view code, unix_seconds now) {
        if (!input_allowed(state_, flow_input::submit_code)) return misuse(flow_input::submit_code);
        if (auto e = detail::check_now(now)) return refuse(flow_input::submit_code, std::move(*e));
        if (attempts_ >= config_.max_attempts)
            return refuse(flow_input::submit_code,
                          error::make(error_kind::attempts_exhausted, "this code was entered wrongly too often; request a new code"));
        if (code_expires_at_ && now >= *code_expires_at_)
            return refuse(flow_input::submit_code, error::make(error_kind::code_expired, "the code has expired; request a new code"));
        if (token_retry_at_ && now < *token_retry_at_) return refuse(flow_input::submit_code, wait_error(*token_retry_at_));
        otp_grant_params grant;
        grant.realm = params_.connection;
        grant.username = params_.email ? *params_.email : params_.phone_number.value_or(std::string());
        grant.otp = std::string(code);
        grant.audience = config_.audience;
        grant.scope = config_.scope;
        grant.forwarded_for = params_.forwarded_for;
        auto req = build_token_request(client_, grant);
        if (!req.ok()) return refuse(flow_input::submit_code, std::move(req).failure());
        origin_ = state_;
        return go(flow_input::submit_code, flow_outcome::accepted, std::move(req).value(), std::nullopt, std::nullopt);
    }

    /// Feeds the response to the request out (allowed in sending_code and verifying_code).
    flow_step on_response(const response& r, unix_seconds now) {
        if (!input_allowed(state_, flow_input::response)) return misuse(flow_input::response);
        if (auto e = detail::check_now(now)) return refuse(flow_input::response, std::move(*e));
        return state_ == flow_state::sending_code ? start_answered(r, now) : token_answered(r, now);
    }

    /// Reports that the request out never completed; the machine returns to the state before it.
    flow_step on_transport_failure(unix_seconds /*now*/) {
        if (!input_allowed(state_, flow_input::transport_failed)) return misuse(flow_input::transport_failed);
        error e = error::make(error_kind::transport_failed, "the request did not complete; it can be sent again");
        if (state_ == flow_state::sending_code) return go(flow_input::transport_failed, back_from_start(), std::nullopt, std::nullopt, std::move(e));
        return go(flow_input::transport_failed, flow_outcome::code_rejected, std::nullopt, std::nullopt, std::move(e));
    }

    /// Abandons the login (allowed in every state); what the server said about rate limits is kept.
    flow_step cancel(unix_seconds /*now*/) {
        params_ = start_params{};
        pending_ = start_params{};
        attempts_ = 0;
        code_expires_at_.reset();
        last_start_at_.reset();
        return go(flow_input::cancel, flow_outcome::cancelled, std::nullopt, std::nullopt, std::nullopt);
    }

private:
    login_flow(client c, flow_config config) : client_(std::move(c)), config_(std::move(config)) {}

    static error wait_error(unix_seconds until) {
        error e = error::make(error_kind::rate_limited, "rate limited: wait until retry_at before trying again");
        e.retry_at = until;
        return e;
    }

    std::optional<error> check_start_allowed(unix_seconds now) const {
        if (start_retry_at_ && now < *start_retry_at_) return wait_error(*start_retry_at_);
        if (state_ == flow_state::awaiting_code && last_start_at_ && now - *last_start_at_ < config_.resend_cooldown) {
            error e = wait_error(*last_start_at_ + config_.resend_cooldown);
            e.description = "a new code can be requested only after the resend cooldown";
            return e;
        }
        return std::nullopt;
    }

    flow_step send_start(flow_input input, request req, unix_seconds now) {
        origin_ = state_;
        pending_at_ = now;
        return go(input, flow_outcome::accepted, std::move(req), std::nullopt, std::nullopt);
    }

    flow_outcome back_from_start() const {
        return origin_ == flow_state::awaiting_code ? flow_outcome::resend_failed : flow_outcome::start_failed;
    }

    flow_step start_answered(const response& r, unix_seconds now) {
        auto parsed = parse_start_response(r, now, client_.limits());
        if (parsed.ok()) {
            params_ = pending_;
            last_start_at_ = pending_at_;
            attempts_ = 0;
            token_retry_at_.reset();
            code_expires_at_ = pending_at_ + config_.code_lifetime;
            flow_event ev;
            const bool link = !params_.send || *params_.send != send_method::code;
            ev.kind = link ? flow_event::type::link_sent : flow_event::type::code_sent;
            ev.resend_after = pending_at_ + config_.resend_cooldown;
            ev.code_expires_at = code_expires_at_;
            return go(flow_input::response, flow_outcome::code_sent, std::nullopt, std::move(ev), std::nullopt);
        }
        error e = std::move(parsed).failure();
        if (e.kind == error_kind::rate_limited && e.retry_at) start_retry_at_ = e.retry_at;
        const bool recoverable =
            e.action == error_action::wait || e.action == error_action::retry || e.action == error_action::fix_input;
        return go(flow_input::response, recoverable ? back_from_start() : flow_outcome::fatal, std::nullopt, std::nullopt,
                  std::move(e));
    }

    flow_step token_answered(const response& r, unix_seconds now) {
        auto parsed = parse_token_response(r, now, client_.limits());
        if (!parsed.ok()) {
            error e = std::move(parsed).failure();
            bool recoverable = true;
            switch (e.kind) {
                case error_kind::wrong_code: ++attempts_; break;
                case error_kind::attempts_exhausted: attempts_ = config_.max_attempts; break;
                case error_kind::code_expired: code_expires_at_ = now; break;
                case error_kind::rate_limited:
                    if (e.retry_at) token_retry_at_ = e.retry_at;
                    break;
                default: recoverable = e.action == error_action::retry;
            }
            return go(flow_input::response, recoverable ? flow_outcome::code_rejected : flow_outcome::fatal, std::nullopt,
                      std::nullopt, std::move(e));
        }
        flow_event ev;
        ev.kind = flow_event::type::authenticated;
        if (config_.id_token) {
            if (!parsed->id_token)
                return go(flow_input::response, flow_outcome::fatal, std::nullopt, std::nullopt,
                          id_token_error(id_token_check::missing, "the token response has no ID token (is openid in the scope?)"));
            auto claims = config_.dangerous_skip_signature_check
                              ? verify_id_token(*parsed->id_token, *config_.id_token, dangerous_skip_signature_check, now,
                                                client_.limits())
                              : verify_id_token(*parsed->id_token, *config_.id_token, config_.verifier, now, client_.limits());
            if (!claims.ok())
                return go(flow_input::response, flow_outcome::fatal, std::nullopt, std::nullopt, std::move(claims).failure());
            ev.claims = std::move(claims).value();
        }
        ev.tokens = std::move(parsed).value();
        code_expires_at_.reset();
        return go(flow_input::response, flow_outcome::authenticated, std::nullopt, std::move(ev), std::nullopt);
    }

    flow_step misuse(flow_input input) const {
        flow_step s;
        s.state = state_;
        s.next = flow_next::none;
        s.error = error::make(error_kind::invalid_state, std::string(to_string(input)) + " is not allowed in state " +
                                                             std::string(to_string(state_)));
        return s;
    }

    flow_step refuse(flow_input input, error e) { return go(input, flow_outcome::refused, std::nullopt, std::nullopt, std::move(e)); }

    flow_step go(flow_input input, flow_outcome outcome, std::optional<request> req, std::optional<flow_event> ev,
                 std::optional<error> e) {
        const flow_transition* t = find_transition(state_, input, outcome);
        if (t == nullptr) return misuse(input);  // unreachable while the table and the code agree
        state_ = t->to;
        flow_step s;
        s.state = state_;
        s.request = std::move(req);
        s.event = std::move(ev);
        s.error = std::move(e);
        s.next = next_for(s);
        return s;
    }

    flow_next next_for(const flow_step& s) const {
        if (s.request) return flow_next::send_request;
        if (state_ == flow_state::authenticated) return flow_next::done;
        if (state_ == flow_state::failed) return flow_next::stop;
        if (s.error && s.error->kind == error_kind::rate_limited && s.error->retry_at) return flow_next::wait_until;
        if (state_ == flow_state::awaiting_code) {
            const bool dead = attempts_ >= config_.max_attempts || (s.error && s.error->kind == error_kind::code_expired);
            return dead ? flow_next::request_new_code : flow_next::ask_for_code;
        }
        if (state_ == flow_state::idle) return flow_next::start_over;
        return flow_next::none;
    }

    client client_;
    flow_config config_;
    flow_state state_ = flow_state::idle;
    flow_state origin_ = flow_state::idle;  // the state before the request out
    start_params params_;                   // of the code outstanding
    start_params pending_;                  // of the start request out
    unix_seconds pending_at_ = 0;
    std::optional<unix_seconds> last_start_at_;
    std::optional<unix_seconds> code_expires_at_;
    std::optional<unix_seconds> start_retry_at_;
    std::optional<unix_seconds> token_retry_at_;
    int attempts_ = 0;
};

PASSWORDLESS_NAMESPACE_END

#endif
