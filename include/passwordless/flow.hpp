// passwordless: the login state machine. It knows where a passwordless login stands and what the
// application must do next; the application keeps the sockets, clocks and UI. Every rule it
// follows (transitions, what each answer means, local guards) is a table in flow_tables.hpp.
#ifndef PASSWORDLESS_FLOW_HPP
#define PASSWORDLESS_FLOW_HPP

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/client.hpp"
#include "passwordless/detail/saved_login.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/flow_tables.hpp"
#include "passwordless/http.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/jwks.hpp"
#include "passwordless/result.hpp"
#include "passwordless/start.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// What a step reports besides requests and errors.
struct flow_event {
    enum class type : std::uint8_t { code_sent, link_sent, authenticated };
    type kind = type::code_sent;
    std::optional<unix_seconds> resend_after;      ///< code_sent / link_sent: when resend is allowed
    std::optional<unix_seconds> code_expires_at;   ///< code_sent / link_sent, only when code_lifetime is set
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

/// The result of one call: the state after it, and at most one request, event and error.
struct [[nodiscard]] flow_step {
    flow_state state = flow_state::idle;
    flow_next next = flow_next::none;
    std::optional<passwordless::request> request;   ///< send this
    std::optional<flow_event> event;                ///< something happened
    std::optional<passwordless::error> error;       ///< something failed or was refused
};

/// Where the flow finds the keys that sign ID tokens.
enum class key_source : std::uint8_t {
    caller,  ///< flow_config::verifier does the whole signature check, keys included
    fetch,   ///< the flow fetches the tenant's JWKS as a request step; key_verifier does the math
};

/// The signature math for one key the flow fetched (key_source::fetch): true when
/// `in.signature` is a valid signature over `in.signing_input` by `key` for `in.algorithm`.
/// The flow has already matched `in.key_id` to `key`. It must not throw.
using key_signature_verifier = std::function<bool(const signature_input&, const jwk&)>;

/// DPoP (RFC 9449, PROTOCOL.md 9.8) for a login: every /oauth/token request carries a fresh
/// proof by `key` (never /passwordless/start), the newest DPoP-Nonce of any answer is kept, and
/// a use_dpop_nonce answer makes the flow send the token request once more by itself.
struct flow_dpop {
    dpop_key key;         ///< the public key and the signer (the private key stays with the caller)
    dpop_jti_source jti;  ///< fresh random bytes for every proof, resends included
    /// Refuse tokens the server did not bind (token_type other than DPoP) with invalid_dpop_proof.
    bool require_binding = false;
};

/// Rules and options of a login. login_flow::create checks every member.
struct flow_config {
    /// Your tenant's OTP Expiry in seconds (1 to 86400). Unset (the default): the server decides
    /// when a code expired (PROTOCOL.md 9.2) and events carry no code_expires_at.
    std::optional<unix_seconds> code_lifetime;
    unix_seconds resend_cooldown = 30;  ///< minimum time between two codes (0 to 86400)
    int max_attempts = 3;               ///< wrong codes before a code is used up (1 to 100)
    std::optional<std::string> audience;  ///< for the token request
    std::optional<std::string> scope;     ///< for the token request
    /// When set, the ID token is required and verified; issuer and client_id must match the
    /// client (issuer: expected_issuer(client), with or without its trailing slash).
    std::optional<id_token_expectations> id_token;
    /// key_source::caller: the whole signature check (see id_token.hpp).
    signature_verifier verifier;
    /// Where the keys come from; with fetch, `key_verifier` is required and `verifier` unused.
    key_source keys = key_source::caller;
    key_signature_verifier key_verifier;
    /// key_source::fetch: the JWKS URL; unset: the tenant's /.well-known/jwks.json.
    std::optional<std::string> jwks_uri;
    /// key_source::fetch: the caller's key cache, shared between logins (it must outlive the flow);
    /// null: the flow keeps its own for this login.
    jwks_cache* key_cache = nullptr;
    /// Verify the ID token's claims but not its signature (see dangerous_skip_signature_check).
    bool dangerous_skip_signature_check = false;
    /// DPoP-bound tokens; unset: Bearer tokens, no proofs.
    std::optional<flow_dpop> dpop;
};

/// One passwordless login. Every call takes `now` (Unix seconds) and returns a flow_step; calls
/// that are not allowed in the current state return invalid_state and change nothing.
class login_flow {
public:
    /// Validates the client-dependent configuration now, so nothing is found wrong after the user
    /// typed the code (invalid_argument naming the field).
    [[nodiscard]] static result<login_flow> create(client c, flow_config config);

    /// Continues a login saved by save(): validates `config` as create does, then the text, which
    /// is untrusted input: malformed, from another version, sealed, for another client or domain,
    /// made under other options (the message names the groups that differ: client, ID-token
    /// checks, DPoP, login rules), or with values out of range is invalid_argument with field
    /// saved_state. The machine is in idle or awaiting_code afterwards (a login saved with a
    /// request out is back before that request).
    [[nodiscard]] static result<login_flow> restore(client c, flow_config config, std::string_view saved, unix_seconds now);

    /// restore() of a text sealed by save(seal_key): a key under 16 bytes is invalid_argument
    /// with field seal_key; a text without a seal, or whose seal does not match, is refused with
    /// field saved_state.
    [[nodiscard]] static result<login_flow> restore(client c, flow_config config, std::string_view saved, unix_seconds now,
                                                    std::string_view seal_key);

    /// The pending login as versioned text for restore() (see README, "Saving a login"): the
    /// start parameters (a link's state and nonce are sensitive), when the code was requested,
    /// attempts, rate-limit waits, and digests of the client and options (no secret) that restore
    /// compares. Never the code, a client secret or a token. A login with a request out is saved
    /// as it was before that request; one that ended is saved as idle.
    [[nodiscard]] std::string save() const;

    /// save() with an HMAC-SHA256 seal under `seal_key` (at least 16 bytes, else invalid_argument
    /// with field seal_key), for storage others can write: restore then refuses any edit.
    [[nodiscard]] result<std::string> save(std::string_view seal_key) const;

    [[nodiscard]] flow_state state() const noexcept;

    /// The newest DPoP nonce the server gave (empty: none, or DPoP not configured). save() keeps it.
    [[nodiscard]] const std::string& dpop_nonce() const noexcept;

    /// When the code outstanding stops being accepted: known only when code_lifetime is set.
    [[nodiscard]] std::optional<unix_seconds> code_expires_at() const noexcept;

    /// The earliest time something changes by itself: the code's expiry or the end of a wait.
    [[nodiscard]] std::optional<unix_seconds> next_deadline() const noexcept;

    /// Asks Auth0 to send a code or link (allowed in idle, and in awaiting_code to start over).
    flow_step start(const start_params& params, unix_seconds now);

    /// Asks for a new code with the same parameters (allowed in awaiting_code, after the cooldown).
    flow_step resend(unix_seconds now);

    /// Trades the code the user typed for tokens (allowed in awaiting_code). Refused locally,
    /// without a request, when the code is malformed or a guard says no (check_flow_guards).
    flow_step submit_code(std::string_view code, unix_seconds now);

    /// Feeds the response to the request out (allowed in sending_code, verifying_code and
    /// fetching_keys).
    flow_step on_response(const response& r, unix_seconds now);

    /// Reports that the request out never completed; the machine returns to the state before it
    /// (or, fetching keys, keeps the tokens for retry()).
    flow_step on_transport_failure(unix_seconds /*now*/);

    /// Sends the failed key fetch again (allowed in fetching_keys when no request is out).
    flow_step retry(unix_seconds now);

    /// Abandons the login (allowed in every state); what the server said about rate limits is kept.
    flow_step cancel(unix_seconds /*now*/);

private:
    login_flow(client c, flow_config config);

    static result<login_flow> restore_text(client c, flow_config config, std::string_view saved, unix_seconds now,
                                           const std::string_view* seal_key);

    /// The digests of the client and configuration that save() writes and restore() compares.
    detail::saved_login_digests promised() const;

    static error nothing_out();

    /// A copy of the token request `r` with a fresh DPoP proof (new jti, the newest nonce), or `r`
    /// itself without DPoP.
    result<request> with_dpop_proof(const request& r, unix_seconds now) const;

    jwks_cache& cache() noexcept;

    flow_guard_facts facts() const;

    // The OTP grant for the code outstanding, but for the code itself.
    void set_grant();

    flow_request answering() const;

    flow_step send_start(flow_input input, const start_params& params, unix_seconds now);

    /// The GET of the JWKS.
    request keys_request() const;

    /// Every request the flow asks for leaves through here (the one place to add a header, such
    /// as a DPoP proof, to all of them).
    flow_step send(flow_input input, request req, flow_outcome outcome = flow_outcome::accepted);

    /// A failed answer (or a lost request): the answer table decides the outcome and effect.
    flow_step answered(flow_input input, error e);

    flow_step start_answered(const response& r, unix_seconds now);

    flow_step token_answered(const response& r, unix_seconds now);

    flow_step keys_answered(const response& r, unix_seconds now);

    // Verifies the held ID token (when configured) and delivers the tokens; with fetched keys, an
    // unknown kid asks for the JWKS while the cache allows it (at most twice per token response).
    flow_step verify_held(unix_seconds now);

    flow_step misuse(flow_input input) const;

    flow_step refuse(flow_input input, error e);

    flow_step go(flow_input input, flow_outcome outcome, std::optional<request> req, std::optional<flow_event> ev,
                 std::optional<error> e);

    client client_;
    flow_config config_;
    jwks_cache own_cache_;                  // when config_.key_cache is null
    flow_state state_ = flow_state::idle;
    flow_state origin_ = flow_state::idle;  // the state before the request out
    bool request_out_ = false;
    start_params params_;                   // of the code outstanding
    start_params pending_;                  // of the start request out
    unix_seconds pending_at_ = 0;
    std::optional<unix_seconds> code_sent_at_;  // of the code outstanding
    bool code_expired_ = false;             // the server said so
    std::optional<unix_seconds> start_retry_at_;
    std::optional<unix_seconds> token_retry_at_;
    int attempts_ = 0;
    otp_grant_params grant_;                // for the code outstanding (otp set per submit)
    std::optional<token_set> held_;         // tokens waiting for their ID token's keys
    int key_fetches_ = 0;                   // for the held tokens
    dpop_nonce_store nonce_;                // DPoP: the newest nonce any answer carried
    std::optional<request> token_request_;  // DPoP: the token request out, without its proof
    bool nonce_resent_ = false;             // DPoP: the one use_dpop_nonce resend was made
};

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/flow.hpp"
#endif

#endif
