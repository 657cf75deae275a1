// passwordless: the login state machine. It knows where a passwordless login stands and what the
// application must do next; the application keeps the sockets, clocks and UI. Every rule it
// follows (transitions, what each answer means, local guards) is a table in flow_tables.hpp.
//
// Keys as steps. With `keys = key_source::fetch` the flow verifies the ID token with the tenant's
// own keys and asks for them itself: after a successful token answer it holds the tokens, moves
// to fetching_keys and returns a GET of `https://DOMAIN/.well-known/jwks.json` (or `jwks_uri`) as
// an ordinary request step. When the keys arrive it verifies (your `key_verifier` does the math
// for the one key whose `kid` the token names; the flow has matched the kid) and delivers the
// tokens. When the token names a kid the cache lacks (the tenant rotated its key), it fetches once
// more if the cache allows (jwks_cache's minimum interval), so a rotation mid-login is not a
// failed login. A fetch that fails is not a spent code: the state stays fetching_keys, the tokens
// are held, `next` is retry. Pass your own jwks_cache in `key_cache` to share the keys between
// logins (then most logins fetch nothing). `key_source::caller` (the default): your `verifier`
// does the whole signature check.
//
// MFA after the code (flow_config::mfa, PROTOCOL.md 10). Without the option an mfa_required answer
// ends the login in failed, as before. With it the login goes on: listing_authenticators (a GET
// /mfa/authenticators with the mfa_token as Bearer token), choosing_authenticator (the step's
// event is mfa_required with the authenticators and the server's requirements), then
// choose_authenticator(id): an otp or recovery-code authenticator needs no challenge
// (awaiting_mfa_code), an oob one is challenged (challenging) and then waits for the code the
// user was sent (binding_method "prompt": awaiting_mfa_code) or for a push approval
// (awaiting_approval: poll() from step.poll_at, 5 s after the challenge; authorization_pending
// and slow_down move poll_at to retry_at, now + 5 / now + 10 or later by Retry-After; an earlier
// poll is invalid_state). submit_mfa_code / submit_recovery_code send the MFA grant
// (verifying_mfa; DPoP proofs as on the code's grant, never on /mfa/). A wrong code returns to
// awaiting_mfa_code with wrong_code; mfa_rejected, mfa_token_invalid, blocked and
// mfa_enrollment_required end in failed; a further mfa_required continues with the new token, at
// most max_mfa_rounds times. The authenticated event's tokens may carry a new recovery_code (show
// it to the user once). The mfa_token, the oob_code and every code are secrets: they stay in the
// machine only while it is in an MFA state and never appear in a message.
//
// Saving a login. save() turns a login into versioned text (a JSON object,
// `"format":"passwordless-login"`, `"version":2`) and login_flow::restore(client, config, text,
// now) continues it, for apps that are killed while the user reads the email. The text holds the
// tenant's base URL and client id, the state (idle or awaiting_code), the start parameters
// (connection, email or phone number, `send`, authParams, language, forwarded-for IP), when the
// code was requested, wrong attempts so far, whether the server said the code expired, the
// rate-limit waits and the newest DPoP nonce (not a secret). It never holds the one-time code, the
// client secret or a token. A login saved with a request out comes back as it was before that
// request (as after a transport failure); one saved while fetching keys comes back in
// awaiting_code with its code marked used (tokens are never saved), so the user asks for a new
// code. A login saved during MFA is written as state "mfa" and nothing of the MFA step (no
// mfa_token, oob_code or code): restore() gives it back failed (failure() is mfa_token_invalid:
// log in again), restore_with_mfa_token() with the token the caller kept in its secure store
// gives it back in listing_authenticators, where retry() lists the authenticators again.
//
// The email address or phone number is personal data, and a magic link's `state` and `nonce` (in
// authParams) are secrets that protect the callback: keep the text where the app keeps its
// session (the platform's keychain or keystore, or private app storage), not in logs or URLs.
// restore treats the text as hostile: anything malformed, from another format version (version 1
// texts included: start a new login), for another client or domain, or with values out of range
// (attempts over `max_attempts`, a request time after `now`, start parameters the client refuses)
// is invalid_argument with field `saved_state`, and it never crashes (tests/fuzz/fuzz_restore.cpp).
//
// A saved login remembers what it was promised: the text carries digests (no secrets) of the
// client (domain, client id, how it authenticates), the ID-token checks, the DPoP settings and the
// login rules (scope, audience, code lifetime, cooldown, attempts). restore under other options
// is refused with field `saved_state`, naming what differs ("other ID-token checks"): restore
// with the client and options you saved with. If others can write where you keep the text, seal
// it with a key of at least 16 bytes that only your app has: save(key) appends an HMAC-SHA256 tag
// and restore(client, config, text, now, key) refuses any edit (attempt count, cooldown, address),
// another key or an unsealed text with field `saved_state`; a short key is refused with field
// `seal_key`. A sealed text restored without a key is refused too. C:
// passwordless_login_save_sealed, passwordless_login_restore_sealed; Python:
// `login.save(seal_key=key)`, `Login.restore(client, text, ..., seal_key=key)`.
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
#include "passwordless/mfa.hpp"
#include "passwordless/result.hpp"
#include "passwordless/start.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// What a step reports besides requests and errors.
struct flow_event {
    enum class type : std::uint8_t { code_sent, link_sent, authenticated, mfa_required };
    type kind = type::code_sent;
    std::optional<unix_seconds> resend_after;      ///< code_sent / link_sent: when resend is allowed
    std::optional<unix_seconds> code_expires_at;   ///< code_sent / link_sent, only when code_lifetime is set
    std::optional<token_set> tokens;               ///< authenticated
    std::optional<id_token_claims> claims;         ///< authenticated, when an ID token was verified
    std::vector<mfa_authenticator> authenticators; ///< mfa_required: the user's authenticators, to choose from
    std::optional<mfa_factor_requirements> requirements;  ///< mfa_required: the server's mfa_requirements, if any
};

[[nodiscard]] constexpr std::string_view to_string(flow_event::type t) noexcept {
    switch (t) {
        case flow_event::type::code_sent: return "code_sent";
        case flow_event::type::link_sent: return "link_sent";
        case flow_event::type::authenticated: return "authenticated";
        case flow_event::type::mfa_required: return "mfa_required";
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
    std::optional<unix_seconds> poll_at;            ///< awaiting_approval: poll() is allowed from this time
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
    /// Continue after mfa_required (PROTOCOL.md 10) instead of failing with it: list the
    /// authenticators, let the app choose, challenge, and finish with an MFA grant. Off by default.
    bool mfa = false;
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
    /// request out is back before that request), or failed with failure() mfa_token_invalid for
    /// a login saved during MFA (see restore_with_mfa_token).
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

    /// The earliest time something changes by itself: the code's expiry, the end of a wait, or
    /// (awaiting_approval) poll_at.
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

    /// MFA: picks an authenticator of the mfa_required event by id (allowed in
    /// choosing_authenticator). otp and recovery-code need no challenge (awaiting_mfa_code); oob
    /// is challenged (a POST /mfa/challenge to send). An unknown id, or a type the flow cannot use,
    /// is invalid_argument with field authenticator_id.
    flow_step choose_authenticator(std::string_view authenticator_id, unix_seconds now);

    /// MFA: the code the user typed (allowed in choosing_authenticator and awaiting_mfa_code): the
    /// binding code of an oob challenge that asked for one, else an OTP authenticator's code.
    flow_step submit_mfa_code(std::string_view code, unix_seconds now);

    /// MFA: a recovery code (allowed in choosing_authenticator and awaiting_mfa_code).
    flow_step submit_recovery_code(std::string_view code, unix_seconds now);

    /// MFA: asks whether the push was approved (allowed in awaiting_approval from step.poll_at;
    /// earlier is invalid_state with retry_at = poll_at).
    flow_step poll(unix_seconds now);

    /// When poll() is allowed (awaiting_approval only).
    [[nodiscard]] std::optional<unix_seconds> poll_at() const noexcept;

    /// The mfa_token the login holds while it is in an MFA state (empty otherwise): a secret. Keep
    /// it in your secure store beside a save() made during MFA, for restore_with_mfa_token.
    [[nodiscard]] std::string_view mfa_token() const noexcept;

    /// The error that ended the login, while the state is failed (for a login restored from a
    /// text saved during MFA without its mfa_token: mfa_token_invalid).
    [[nodiscard]] const std::optional<error>& failure() const noexcept;

    /// restore() of a text saved during MFA, with the mfa_token the caller kept in its secure
    /// store (save() never writes it): the login continues in listing_authenticators, and retry()
    /// sends the list request. Without it (plain restore) such a login is failed with
    /// mfa_token_invalid. `seal_key` empty: the text is not sealed.
    [[nodiscard]] static result<login_flow> restore_with_mfa_token(client c, flow_config config, std::string_view saved,
                                                                   unix_seconds now, std::string_view mfa_token,
                                                                   std::string_view seal_key = {});

    /// Abandons the login (allowed in every state); what the server said about rate limits is kept.
    flow_step cancel(unix_seconds /*now*/);

private:
    login_flow(client c, flow_config config);

    static result<login_flow> restore_text(client c, flow_config config, std::string_view saved, unix_seconds now,
                                           const std::string_view* seal_key, const std::string_view* mfa_token = nullptr);

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

    // MFA: the list of authenticators, the challenge, and the MFA grant answered.
    flow_step list_answered(const response& r, unix_seconds now);
    flow_step challenge_answered(const response& r, unix_seconds now);
    flow_step mfa_answered(const response& r, unix_seconds now);

    // mfa_required after a code or an MFA grant: list the authenticators with the new token.
    flow_step mfa_needed(flow_input input, error e);

    // An MFA grant request, with its DPoP proof, sent from the current state.
    flow_step send_mfa_grant(flow_input input, token_grant grant, result<request> req, unix_seconds now);

    // The GET /mfa/authenticators for the mfa_token held.
    request list_request() const;

    // Forgets every MFA secret and fact.
    void clear_mfa();

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
    // MFA (flow_config::mfa): the secrets live here only while the login is in an MFA state.
    std::string mfa_token_;
    std::optional<mfa_factor_requirements> mfa_requirements_;
    std::vector<mfa_authenticator> authenticators_;
    std::optional<mfa_authenticator> chosen_;
    std::string oob_code_;                  // of the oob challenge answered
    bool binding_prompt_ = false;           // the challenge asked the user to type a code
    std::optional<unix_seconds> poll_at_;   // awaiting_approval
    int mfa_rounds_ = 0;                    // mfa_required answers followed
    token_grant mfa_grant_ = token_grant::unspecified;  // of the MFA grant out
    flow_state mfa_origin_ = flow_state::idle;          // the MFA state the grant was sent from
    std::optional<error> failure_;          // the error that ended the login (state failed)
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<login_flow> login_flow::create(client c, flow_config config) {
    const std::size_t max = c.limits().max_input_bytes();
    if (config.code_lifetime && (*config.code_lifetime < 1 || *config.code_lifetime > 86400))
        return error::invalid_argument("code_lifetime", "must be between 1 and 86400 seconds when set");
    if (config.resend_cooldown < 0 || config.resend_cooldown > 86400)
        return error::invalid_argument("resend_cooldown", "must be between 0 and 86400 seconds");
    if (config.max_attempts < 1 || config.max_attempts > 100)
        return error::invalid_argument("max_attempts", "must be between 1 and 100");
    if (auto e = detail::check_optional_audience(config.audience, max)) return std::move(*e);
    if (auto e = detail::check_optional_scope(config.scope, max)) return std::move(*e);
    const bool fetch = config.keys == key_source::fetch;
    if (config.keys != key_source::caller && !fetch) return error::invalid_argument("keys", "must be caller or fetch");
    if (config.id_token) {
        if (auto e = detail::check_expectations(*config.id_token, 0)) {
            e->field = "id_token." + e->field;
            e->description = "id_token." + e->description;
            return std::move(*e);
        }
        const std::string issuer = expected_issuer(c);
        if (config.id_token->issuer != issuer && config.id_token->issuer != issuer.substr(0, issuer.size() - 1))
            return error::invalid_argument("id_token.issuer", "must be the client's issuer (see expected_issuer)");
        if (config.id_token->client_id != c.client_id())
            return error::invalid_argument("id_token.client_id", "must be the client's client_id");
        if (config.dangerous_skip_signature_check && fetch)
            return error::invalid_argument("keys", "cannot be fetch when the signature check is skipped");
        if (!fetch && !config.verifier && !config.dangerous_skip_signature_check)
            return error::invalid_argument("verifier", "is required to verify ID tokens");
        if (fetch && !config.key_verifier)
            return error::invalid_argument("key_verifier", "is required when the flow fetches the keys");
    }
    if (config.jwks_uri) {
        const std::string& u = *config.jwks_uri;
        if (auto e = detail::check_header_text("jwks_uri", u, max, false)) return std::move(*e);
        if (u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0)
            return error::invalid_argument("jwks_uri", "must be an http(s) URL");
    }
    if (config.dpop) {
        if (auto e = config.dpop->key.public_key.validate()) {
            e->field = "dpop.key";
            return std::move(*e);
        }
        if (!config.dpop->key.signer) return error::invalid_argument("dpop.signer", "is required with DPoP");
        if (!config.dpop->jti) return error::invalid_argument("dpop.jti", "is required with DPoP (a random source)");
    }
    return login_flow(std::move(c), std::move(config));
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore(client c, flow_config config, std::string_view saved, unix_seconds now) {
    return restore_text(std::move(c), std::move(config), saved, now, nullptr);
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore(client c, flow_config config, std::string_view saved, unix_seconds now,
                                                         std::string_view seal_key) {
    return restore_text(std::move(c), std::move(config), saved, now, &seal_key);
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore_with_mfa_token(client c, flow_config config, std::string_view saved,
                                                                        unix_seconds now, std::string_view mfa_token,
                                                                        std::string_view seal_key) {
    return restore_text(std::move(c), std::move(config), saved, now, seal_key.empty() ? nullptr : &seal_key, &mfa_token);
}

PASSWORDLESS_FUNC result<login_flow> login_flow::restore_text(client c, flow_config config, std::string_view saved,
                                                              unix_seconds now, const std::string_view* seal_key,
                                                              const std::string_view* mfa_token) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (seal_key != nullptr && seal_key->size() < detail::min_seal_key_bytes)
        return error::invalid_argument("seal_key", "must be at least 16 bytes");
    auto created = create(std::move(c), std::move(config));
    if (!created.ok()) return created;
    login_flow& f = created.value();
    const std::size_t max_bytes = f.client_.limits().max_body_bytes();
    if (saved.size() > max_bytes) return detail::bad_saved_state("is longer than the body size limit");
    std::string unsealed;
    if (seal_key != nullptr) {
        auto opened = detail::unseal_saved_login(saved, *seal_key);
        if (!opened.ok()) return std::move(opened).failure();
        unsealed = std::move(opened).value();
        saved = unsealed;
    }
    auto s = detail::read_saved_login(saved, max_bytes, f.client_.limits().max_json_depth());
    if (!s.ok()) return std::move(s).failure();
    if (s->endpoint != f.client_.endpoint_url("") || s->client_id != f.client_.client_id())
        return detail::bad_saved_state("belongs to another client or domain");
    const std::string differs = detail::describe_digest_differences(s->config, f.promised());
    if (!differs.empty()) return detail::bad_saved_state("was made with " + differs + "; restore it with the options it was saved with");
    f.start_retry_at_ = s->start_retry_at;
    f.token_retry_at_ = s->token_retry_at;
    (void)f.nonce_.set(s->dpop_nonce);  // checked by read_saved_login
    if (s->code_outstanding) {
        if (!build_start_request(f.client_, s->params).ok())
            return detail::bad_saved_state("holds start parameters this client refuses");
        if (s->code_sent_at > now) return detail::bad_saved_state("says the code was requested after now");
        if (s->attempts > f.config_.max_attempts) return detail::bad_saved_state("counts more attempts than max_attempts");
        f.state_ = flow_state::awaiting_code;
        f.params_ = std::move(s->params);
        f.set_grant();
        f.code_sent_at_ = s->code_sent_at;
        f.attempts_ = static_cast<int>(s->attempts);
        f.code_expired_ = s->code_expired;
    }
    if (s->mfa) {
        // Saved during MFA: nothing of it was written. With the caller's mfa_token the login lists
        // the authenticators again (retry() sends the request); without it, it cannot continue.
        if (mfa_token != nullptr && !mfa_token->empty()) {
            if (auto e = detail::check_header_text("mfa_token", *mfa_token, f.client_.limits().max_token_bytes(), false))
                return std::move(*e);
            f.mfa_token_.assign(mfa_token->data(), mfa_token->size());
            f.mfa_rounds_ = 1;
            f.state_ = flow_state::listing_authenticators;
        } else {
            f.state_ = flow_state::failed;
            f.failure_ = error::make(error_kind::mfa_token_invalid,
                                     "the login was saved during MFA and the mfa_token is not saved; log in again");
        }
    }
    f.origin_ = f.state_;
    return created;
}

PASSWORDLESS_FUNC std::string login_flow::save() const {
    detail::saved_login s;
    s.endpoint = client_.endpoint_url("");
    s.client_id = client_.client_id();
    switch (state_) {
        case flow_state::awaiting_code:
        case flow_state::verifying_code:
        case flow_state::fetching_keys: s.code_outstanding = true; break;
        case flow_state::sending_code: s.code_outstanding = origin_ == flow_state::awaiting_code; break;
        default: break;
    }
    s.code_outstanding = s.code_outstanding && code_sent_at_.has_value();
    switch (state_) {
        case flow_state::listing_authenticators:
        case flow_state::choosing_authenticator:
        case flow_state::challenging:
        case flow_state::awaiting_mfa_code:
        case flow_state::awaiting_approval:
        case flow_state::verifying_mfa: s.mfa = true; break;
        case flow_state::fetching_keys: s.mfa = mfa_rounds_ > 0; break;
        default: break;
    }
    if (s.mfa) s.code_outstanding = false;  // the code was used; MFA secrets are never written
    if (s.code_outstanding) {
        s.params = params_;
        s.code_sent_at = *code_sent_at_;
        s.attempts = attempts_;
        s.code_expired = code_expired_ || state_ == flow_state::fetching_keys;  // the code was exchanged
    }
    s.start_retry_at = start_retry_at_;
    s.token_retry_at = token_retry_at_;
    s.dpop_nonce = nonce_.current();
    s.config = promised();
    return detail::write_saved_login(s);
}

PASSWORDLESS_FUNC result<std::string> login_flow::save(std::string_view seal_key) const {
    if (seal_key.size() < detail::min_seal_key_bytes) return error::invalid_argument("seal_key", "must be at least 16 bytes");
    return detail::seal_saved_login(save(), seal_key);
}

PASSWORDLESS_FUNC detail::saved_login_digests login_flow::promised() const {
    using detail::digest_builder;
    detail::saved_login_digests d;
    const client_config& cc = client_.config();
    const char* credential = !cc.client_assertion.empty() ? "assertion" : !cc.client_secret.empty() ? "secret" : "none";
    d.client = digest_builder("client")
                   .add(client_.endpoint_url(""))
                   .add(client_.client_id())
                   .add(std::string_view(credential))
                   .add(std::string_view(cc.token_auth == token_endpoint_auth::client_secret_basic ? "basic" : "post"))
                   .hex();
    digest_builder id("id_token");
    if (const auto& x = config_.id_token) {
        auto sorted = [](std::vector<std::string> v) {
            std::sort(v.begin(), v.end());
            std::string joined;
            for (const std::string& one : v) joined.append(std::to_string(one.size())).append(":").append(one);
            return joined;
        };
        id.add(std::string_view("on")).add(x->issuer).add(x->client_id).add(x->leeway).add(x->nonce).add(x->max_age);
        id.add(x->organization).add(sorted(x->algorithms)).add(sorted(x->trusted_audiences));
        if (config_.dangerous_skip_signature_check) id.add(std::string_view("signature not checked"));
        else if (config_.keys == key_source::fetch) id.add(std::string_view("fetched keys")).add(config_.jwks_uri);
        else id.add(std::string_view("caller's verifier"));
    } else {
        id.add(std::string_view("off"));
    }
    d.id_token = id.hex();
    digest_builder dp("dpop");
    if (config_.dpop) dp.add(std::string_view("on")).add(config_.dpop->key.public_key.thumbprint()).add(config_.dpop->require_binding ? 1 : 0);
    else dp.add(std::string_view("off"));
    d.dpop = dp.hex();
    d.flow = digest_builder("flow")
                 .add(config_.code_lifetime)
                 .add(config_.resend_cooldown)
                 .add(static_cast<std::int64_t>(config_.max_attempts))
                 .add(config_.audience)
                 .add(config_.scope)
                 .hex();
    // MFA changes the digest only when on, so texts saved before the option existed still restore.
    if (config_.mfa) d.flow = digest_builder("flow").add(d.flow).add(std::string_view("mfa")).hex();
    return d;
}

PASSWORDLESS_FUNC flow_state login_flow::state() const noexcept { return state_; }

PASSWORDLESS_FUNC const std::string& login_flow::dpop_nonce() const noexcept { return nonce_.current(); }

PASSWORDLESS_FUNC std::optional<unix_seconds> login_flow::code_expires_at() const noexcept {
    if (!config_.code_lifetime || !code_sent_at_ || state_ != flow_state::awaiting_code) return std::nullopt;
    return *code_sent_at_ + *config_.code_lifetime;
}

PASSWORDLESS_FUNC std::optional<unix_seconds> login_flow::next_deadline() const noexcept {
    std::optional<unix_seconds> d;
    auto consider = [&](const std::optional<unix_seconds>& t) {
        if (t && (!d || *t < *d)) d = t;
    };
    if (state_ == flow_state::awaiting_code) {
        consider(code_expires_at());
        consider(token_retry_at_);
    }
    if (state_ == flow_state::idle || state_ == flow_state::awaiting_code) consider(start_retry_at_);
    if (state_ == flow_state::awaiting_approval) consider(poll_at_);
    return d;
}

PASSWORDLESS_FUNC flow_step login_flow::start(const start_params& params, unix_seconds now) { return send_start(flow_input::start, params, now); }

PASSWORDLESS_FUNC flow_step login_flow::resend(unix_seconds now) { return send_start(flow_input::resend, params_, now); }

PASSWORDLESS_FUNC flow_step login_flow::submit_code(std::string_view code, unix_seconds now) {
    if (!input_allowed(state_, flow_input::submit_code)) return misuse(flow_input::submit_code);
    if (auto e = detail::check_now(now)) return refuse(flow_input::submit_code, std::move(*e));
    if (auto e = check_flow_guards(flow_input::submit_code, facts(), now)) return refuse(flow_input::submit_code, std::move(*e));
    // The grant's other members were set when the code was sent; only the code changes.
    grant_.otp.assign(code.data(), code.size());
    auto req = build_token_request(client_, grant_);
    grant_.otp.assign(grant_.otp.size(), '0');  // the code does not stay in memory longer than needed
    if (!req.ok()) return refuse(flow_input::submit_code, std::move(req).failure());
    auto proved = with_dpop_proof(req.value(), now);
    if (!proved.ok()) return refuse(flow_input::submit_code, std::move(proved).failure());
    // DPoP only: the request (with the code) is kept while it is out, for the one nonce resend.
    if (config_.dpop) token_request_ = std::move(req).value();
    nonce_resent_ = false;
    return send(flow_input::submit_code, std::move(proved).value());
}

PASSWORDLESS_FUNC flow_step login_flow::on_response(const response& r, unix_seconds now) {
    if (!input_allowed(state_, flow_input::response)) return misuse(flow_input::response);
    if (auto e = detail::check_now(now)) return refuse(flow_input::response, std::move(*e));
    if (!request_out_) return refuse(flow_input::response, nothing_out());
    request_out_ = false;
    if (config_.dpop) nonce_.observe(r);  // any answer may carry a newer nonce; the newest wins
    switch (state_) {
        case flow_state::sending_code: return start_answered(r, now);
        case flow_state::verifying_code: return token_answered(r, now);
        case flow_state::listing_authenticators: return list_answered(r, now);
        case flow_state::challenging: return challenge_answered(r, now);
        case flow_state::verifying_mfa: return mfa_answered(r, now);
        default: return keys_answered(r, now);
    }
}

PASSWORDLESS_FUNC flow_step login_flow::choose_authenticator(std::string_view authenticator_id, unix_seconds now) {
    constexpr flow_input input = flow_input::choose_authenticator;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    const mfa_authenticator* found = nullptr;
    for (const mfa_authenticator& a : authenticators_)
        if (a.id == authenticator_id) found = &a;
    if (found == nullptr) return refuse(input, error::invalid_argument("authenticator_id", "is not one of the authenticators listed"));
    const std::string& type = found->authenticator_type;
    if (type == "otp" || type == "recovery-code") {
        chosen_ = *found;
        binding_prompt_ = false;
        oob_code_.clear();
        return go(input, flow_outcome::mfa_code_needed, std::nullopt, std::nullopt, std::nullopt);
    }
    if (type != "oob")
        return refuse(input, error::invalid_argument("authenticator_id", "names an authenticator type this login cannot use"));
    mfa_challenge_params p;
    p.mfa_token = mfa_token_;
    p.challenge_type = "oob";
    p.authenticator_id = found->id;
    auto req = build_mfa_challenge_request(client_, p);
    if (!req.ok()) return refuse(input, std::move(req).failure());
    chosen_ = *found;
    return send(input, std::move(req).value());
}

PASSWORDLESS_FUNC flow_step login_flow::submit_mfa_code(std::string_view code, unix_seconds now) {
    constexpr flow_input input = flow_input::submit_mfa_code;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    if (chosen_ && chosen_->authenticator_type == "recovery-code") return submit_recovery_code(code, now);
    if (chosen_ && chosen_->authenticator_type == "oob" && !oob_code_.empty()) {
        mfa_oob_grant_params p{mfa_token_, oob_code_, std::string(code)};
        return send_mfa_grant(input, token_grant::mfa_oob, build_token_request(client_, p), now);
    }
    mfa_otp_grant_params p{mfa_token_, std::string(code)};
    return send_mfa_grant(input, token_grant::mfa_otp, build_token_request(client_, p), now);
}

PASSWORDLESS_FUNC flow_step login_flow::submit_recovery_code(std::string_view code, unix_seconds now) {
    constexpr flow_input input = flow_input::submit_recovery_code;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    mfa_recovery_grant_params p{mfa_token_, std::string(code)};
    return send_mfa_grant(input, token_grant::mfa_recovery, build_token_request(client_, p), now);
}

PASSWORDLESS_FUNC flow_step login_flow::poll(unix_seconds now) {
    constexpr flow_input input = flow_input::poll;
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    if (poll_at_ && now < *poll_at_) {
        error e = error::make(error_kind::invalid_state, "the push was polled before poll_at; poll again then");
        e.retry_at = poll_at_;
        return refuse(input, std::move(e));
    }
    mfa_oob_grant_params p{mfa_token_, oob_code_, std::nullopt};
    return send_mfa_grant(input, token_grant::mfa_oob, build_token_request(client_, p), now);
}

PASSWORDLESS_FUNC std::optional<unix_seconds> login_flow::poll_at() const noexcept {
    return state_ == flow_state::awaiting_approval ? poll_at_ : std::nullopt;
}

PASSWORDLESS_FUNC std::string_view login_flow::mfa_token() const noexcept { return mfa_token_; }

PASSWORDLESS_FUNC const std::optional<error>& login_flow::failure() const noexcept { return failure_; }

PASSWORDLESS_FUNC flow_step login_flow::send_mfa_grant(flow_input input, token_grant grant, result<request> req, unix_seconds now) {
    if (!req.ok()) return refuse(input, std::move(req).failure());
    auto proved = with_dpop_proof(req.value(), now);
    if (!proved.ok()) return refuse(input, std::move(proved).failure());
    if (config_.dpop) token_request_ = std::move(req).value();
    nonce_resent_ = false;
    mfa_grant_ = grant;
    mfa_origin_ = state_;
    return send(input, std::move(proved).value());
}

PASSWORDLESS_FUNC request login_flow::list_request() const {
    auto r = build_mfa_authenticators_request(client_, mfa_token_);
    return r.ok() ? std::move(r).value() : request{};
}

PASSWORDLESS_FUNC void login_flow::clear_mfa() {
    mfa_token_.assign(mfa_token_.size(), '0');
    mfa_token_.clear();
    oob_code_.assign(oob_code_.size(), '0');
    oob_code_.clear();
    mfa_requirements_.reset();
    authenticators_.clear();
    chosen_.reset();
    binding_prompt_ = false;
    poll_at_.reset();
    mfa_rounds_ = 0;
    mfa_grant_ = token_grant::unspecified;
}

PASSWORDLESS_FUNC flow_step login_flow::mfa_needed(flow_input input, error e) {
    // A server that keeps asking for factors cannot keep the login: max_mfa_rounds, then failed.
    if (!config_.mfa || mfa_rounds_ >= max_mfa_rounds || e.mfa_token.empty() ||
        detail::check_header_text("mfa_token", e.mfa_token, client_.limits().max_token_bytes(), false)) {
        clear_mfa();
        held_.reset();
        return go(input, flow_outcome::fatal, std::nullopt, std::nullopt, std::move(e));
    }
    ++mfa_rounds_;
    mfa_token_ = std::move(e.mfa_token);
    mfa_requirements_ = std::move(e.mfa_requirements);
    authenticators_.clear();
    chosen_.reset();
    oob_code_.clear();
    binding_prompt_ = false;
    poll_at_.reset();
    token_request_.reset();
    return send(input, list_request(), flow_outcome::mfa_needed);
}

PASSWORDLESS_FUNC flow_step login_flow::list_answered(const response& r, unix_seconds now) {
    auto parsed = parse_mfa_authenticators_response(r, now, client_.limits());
    if (!parsed.ok()) return answered(flow_input::response, std::move(parsed).failure());
    if (parsed->authenticators.empty())
        return answered(flow_input::response, error::make(error_kind::mfa_enrollment_required,
                                                          "no usable MFA authenticator is enrolled for this user"));
    authenticators_ = std::move(parsed->authenticators);
    flow_event ev;
    ev.kind = flow_event::type::mfa_required;
    ev.authenticators = authenticators_;
    ev.requirements = mfa_requirements_;
    return go(flow_input::response, flow_outcome::authenticators_listed, std::nullopt, std::move(ev), std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::challenge_answered(const response& r, unix_seconds now) {
    auto parsed = parse_mfa_challenge_response(r, now, client_.limits());
    if (!parsed.ok()) return answered(flow_input::response, std::move(parsed).failure());
    if (parsed->challenge_type != "oob")
        return answered(flow_input::response, detail::malformed(r, "/mfa/challenge answered an oob challenge with another type"));
    oob_code_ = std::move(*parsed->oob_code);
    binding_prompt_ = parsed->binding_method == std::string("prompt");
    if (binding_prompt_) return go(flow_input::response, flow_outcome::mfa_code_needed, std::nullopt, std::nullopt, std::nullopt);
    poll_at_ = now + poll_waits[0].least;
    return go(flow_input::response, flow_outcome::approval_pending, std::nullopt, std::nullopt, std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::mfa_answered(const response& r, unix_seconds now) {
    auto parsed = parse_token_response(r, mfa_grant_, now, client_.limits());
    if (!parsed.ok()) {
        if (parsed.failure().kind == error_kind::dpop_nonce_required && config_.dpop && !nonce_resent_ &&
            !nonce_.current().empty() && token_request_) {
            nonce_resent_ = true;
            auto again = with_dpop_proof(*token_request_, now);
            if (!again.ok()) return answered(flow_input::response, std::move(again).failure());
            request_out_ = true;
            return go(flow_input::response, flow_outcome::dpop_nonce_resend, std::move(again).value(), std::nullopt, std::nullopt);
        }
        return answered(flow_input::response, std::move(parsed).failure());
    }
    token_request_.reset();
    if (config_.dpop && config_.dpop->require_binding && !is_dpop_token_type(parsed->token_type))
        return answered(flow_input::response,
                        error::make(error_kind::invalid_dpop_proof,
                                    "the server answered with unbound tokens (token_type is not DPoP); is DPoP enabled "
                                    "for this application?"));
    held_ = std::move(parsed).value();
    key_fetches_ = 0;
    clear_mfa();
    mfa_rounds_ = 1;  // for save() while the keys are fetched: the code was used
    if (config_.id_token && !held_->id_token)
        return answered(flow_input::response, id_token_error(id_token_check::missing,
                                                             "the token response has no ID token (is openid in the scope?)"));
    return verify_held(now);
}

PASSWORDLESS_FUNC flow_step login_flow::on_transport_failure(unix_seconds /*now*/) {
    if (!input_allowed(state_, flow_input::transport_failed)) return misuse(flow_input::transport_failed);
    if (!request_out_) return refuse(flow_input::transport_failed, nothing_out());
    request_out_ = false;
    return answered(flow_input::transport_failed,
                    error::make(error_kind::transport_failed, "the request did not complete; it can be sent again"));
}

PASSWORDLESS_FUNC flow_step login_flow::retry(unix_seconds now) {
    if (!input_allowed(state_, flow_input::retry)) return misuse(flow_input::retry);
    if (auto e = detail::check_now(now)) return refuse(flow_input::retry, std::move(*e));
    if (request_out_) return refuse(flow_input::retry, error::make(error_kind::invalid_state, "a request is out"));
    if (state_ == flow_state::listing_authenticators) return send(flow_input::retry, list_request());
    return send(flow_input::retry, keys_request());
}

PASSWORDLESS_FUNC flow_step login_flow::cancel(unix_seconds /*now*/) {
    params_ = start_params{};
    pending_ = start_params{};
    attempts_ = 0;
    code_expired_ = false;
    code_sent_at_.reset();
    held_.reset();
    token_request_.reset();
    request_out_ = false;
    clear_mfa();
    failure_.reset();
    return go(flow_input::cancel, flow_outcome::cancelled, std::nullopt, std::nullopt, std::nullopt);
}

PASSWORDLESS_FUNC login_flow::login_flow(client c, flow_config config) : client_(std::move(c)), config_(std::move(config)) {}

PASSWORDLESS_FUNC error login_flow::nothing_out() { return error::make(error_kind::invalid_state, "no request is out"); }

PASSWORDLESS_FUNC result<request> login_flow::with_dpop_proof(const request& r, unix_seconds now) const {
    request out = r;
    if (!config_.dpop) return out;
    const std::string jti = config_.dpop->jti();
    if (auto e = add_dpop_proof(out, config_.dpop->key, now, jti, nonce_.current())) {
        if (e->field == "jti") e->field = "dpop.jti";
        return std::move(*e);
    }
    return out;
}

PASSWORDLESS_FUNC jwks_cache& login_flow::cache() noexcept { return config_.key_cache != nullptr ? *config_.key_cache : own_cache_; }

PASSWORDLESS_FUNC flow_guard_facts login_flow::facts() const {
    flow_guard_facts f;
    f.code_outstanding = state_ == flow_state::awaiting_code;
    f.code_sent_at = code_sent_at_;
    f.code_expires_at = code_expires_at();
    f.code_expired = code_expired_;
    f.attempts = attempts_;
    f.max_attempts = config_.max_attempts;
    f.resend_cooldown = config_.resend_cooldown;
    f.start_retry_at = start_retry_at_;
    f.token_retry_at = token_retry_at_;
    return f;
}

PASSWORDLESS_FUNC void login_flow::set_grant() {
    grant_.realm = params_.connection;
    grant_.username = params_.email ? *params_.email : params_.phone_number.value_or(std::string());
    grant_.audience = config_.audience;
    grant_.scope = config_.scope;
    grant_.forwarded_for = params_.forwarded_for;
}

PASSWORDLESS_FUNC flow_request login_flow::answering() const {
    switch (state_) {
        case flow_state::sending_code:
            return origin_ == flow_state::awaiting_code ? flow_request::new_code : flow_request::first_start;
        case flow_state::verifying_code: return flow_request::token;
        case flow_state::listing_authenticators: return flow_request::mfa_list;
        case flow_state::challenging: return flow_request::mfa_challenge;
        case flow_state::verifying_mfa: return flow_request::mfa_grant;
        default: return flow_request::keys;
    }
}

PASSWORDLESS_FUNC flow_step login_flow::send_start(flow_input input, const start_params& params, unix_seconds now) {
    if (!input_allowed(state_, input)) return misuse(input);
    if (auto e = detail::check_now(now)) return refuse(input, std::move(*e));
    if (auto e = check_flow_guards(input, facts(), now)) return refuse(input, std::move(*e));
    auto req = build_start_request(client_, params);
    if (!req.ok()) return refuse(input, std::move(req).failure());
    pending_ = params;
    pending_at_ = now;
    return send(input, std::move(req).value());
}

PASSWORDLESS_FUNC request login_flow::keys_request() const {
    request r;
    r.method = "GET";
    r.url = config_.jwks_uri ? *config_.jwks_uri : client_.endpoint_url("/.well-known/jwks.json");
    r.headers.push_back({"accept", "application/json"});
    return r;
}

PASSWORDLESS_FUNC flow_step login_flow::send(flow_input input, request req, flow_outcome outcome) {
    if (state_ == flow_state::idle || state_ == flow_state::awaiting_code) origin_ = state_;
    request_out_ = true;
    return go(input, outcome, std::move(req), std::nullopt, std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::answered(flow_input input, error e) {
    token_request_.reset();  // a new submit_code builds the next one
    const flow_request req = answering();
    const flow_answer_rule& rule = flow_answer_rule_for(e.kind);
    flow_outcome outcome = rule.outcome(req);
    if (outcome == flow_outcome::mfa_needed) return mfa_needed(input, std::move(e));
    const bool mfa_request = req == flow_request::mfa_list || req == flow_request::mfa_challenge || req == flow_request::mfa_grant;
    if (mfa_request) {
        // The passwordless code's facts stay as they were; only a wait matters, as the next poll.
        if (rule.effect == flow_effect::wait && e.retry_at) poll_at_ = e.retry_at;
        // A grant sent from awaiting_approval (a poll) goes back there when it got no verdict.
        if (req == flow_request::mfa_grant && mfa_origin_ == flow_state::awaiting_approval && outcome == flow_outcome::no_verdict)
            outcome = flow_outcome::approval_pending;
        if (outcome == flow_outcome::approval_pending && !poll_at_) poll_at_ = e.retry_at;
        if (outcome == flow_outcome::fatal) {
            clear_mfa();
            held_.reset();
        }
        return go(input, outcome, std::nullopt, std::nullopt, std::move(e));
    }
    switch (rule.effect) {
        case flow_effect::none: break;
        case flow_effect::count_attempt: ++attempts_; break;
        case flow_effect::use_up_code: attempts_ = config_.max_attempts; break;
        case flow_effect::expire_code: code_expired_ = true; break;
        case flow_effect::wait:
            if (e.retry_at && req == flow_request::token) token_retry_at_ = e.retry_at;
            if (e.retry_at && (req == flow_request::first_start || req == flow_request::new_code)) start_retry_at_ = e.retry_at;
            break;
    }
    if (outcome == flow_outcome::fatal) held_.reset();
    return go(input, outcome, std::nullopt, std::nullopt, std::move(e));
}

PASSWORDLESS_FUNC flow_step login_flow::start_answered(const response& r, unix_seconds now) {
    auto parsed = parse_start_response(r, now, client_.limits());
    if (!parsed.ok()) return answered(flow_input::response, std::move(parsed).failure());
    std::swap(params_, pending_);
    set_grant();
    code_sent_at_ = pending_at_;
    attempts_ = 0;
    code_expired_ = false;
    token_retry_at_.reset();
    flow_event ev;
    const bool link = !params_.send || *params_.send != send_method::code;
    ev.kind = link ? flow_event::type::link_sent : flow_event::type::code_sent;
    ev.resend_after = pending_at_ + config_.resend_cooldown;
    if (config_.code_lifetime) ev.code_expires_at = pending_at_ + *config_.code_lifetime;
    return go(flow_input::response, flow_outcome::code_sent, std::nullopt, std::move(ev), std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::token_answered(const response& r, unix_seconds now) {
    auto parsed = parse_token_response(r, token_grant::otp, now, client_.limits());
    if (!parsed.ok()) {
        // use_dpop_nonce: send the same token request once more, with a new proof carrying the
        // nonce; a second refusal reaches the caller as dpop_nonce_required.
        if (parsed.failure().kind == error_kind::dpop_nonce_required && config_.dpop && !nonce_resent_ &&
            !nonce_.current().empty() && token_request_) {
            nonce_resent_ = true;
            auto again = with_dpop_proof(*token_request_, now);
            if (!again.ok()) return answered(flow_input::response, std::move(again).failure());
            request_out_ = true;
            return go(flow_input::response, flow_outcome::dpop_nonce_resend, std::move(again).value(), std::nullopt, std::nullopt);
        }
        return answered(flow_input::response, std::move(parsed).failure());
    }
    token_request_.reset();
    if (config_.dpop && config_.dpop->require_binding && !is_dpop_token_type(parsed->token_type))
        return answered(flow_input::response,
                        error::make(error_kind::invalid_dpop_proof,
                                    "the server answered with unbound tokens (token_type is not DPoP); is DPoP enabled "
                                    "for this application?"));
    held_ = std::move(parsed).value();
    key_fetches_ = 0;
    if (config_.id_token && !held_->id_token)
        return answered(flow_input::response, id_token_error(id_token_check::missing,
                                                             "the token response has no ID token (is openid in the scope?)"));
    return verify_held(now);
}

PASSWORDLESS_FUNC flow_step login_flow::keys_answered(const response& r, unix_seconds now) {
    auto set = parse_jwks_response(r, now, client_.limits());
    if (!set.ok()) return answered(flow_input::response, std::move(set).failure());
    cache().replace(std::move(set).value(), now);
    return verify_held(now);
}

PASSWORDLESS_FUNC flow_step login_flow::verify_held(unix_seconds now) {
    flow_event ev;
    ev.kind = flow_event::type::authenticated;
    if (config_.id_token) {
        result<id_token_claims> claims = error::make(error_kind::invalid_state, "");
        if (config_.dangerous_skip_signature_check) {
            claims = verify_id_token(*held_->id_token, *config_.id_token, dangerous_skip_signature_check, now, client_.limits());
        } else if (config_.keys == key_source::caller) {
            claims = verify_id_token(*held_->id_token, *config_.id_token, config_.verifier, now, client_.limits());
        } else {
            // The key the token names, from the cache: verified or not by key_verifier, or unknown.
            struct lookup {
                login_flow* flow;
                unix_seconds now;
            } ctx{this, now};
            const detail::verdict_source with_keys{&ctx, [](const void* object, const signature_input& in) {
                const auto* c = static_cast<const lookup*>(object);
                const key_lookup k = c->flow->cache().find(in.key_id, c->now);
                if (k.status == key_lookup_status::found)
                    return c->flow->config_.key_verifier(in, *k.key) ? signature_verdict::verified : signature_verdict::bad_signature;
                return k.status == key_lookup_status::refetch ? signature_verdict::unknown_key : signature_verdict::bad_signature;
            }};
            detail::verification checked = detail::verify_token(*held_->id_token, *config_.id_token, &with_keys, now, client_.limits());
            if (checked.verdict == signature_verdict::unknown_key && key_fetches_ < 2) {
                ++key_fetches_;
                return send(flow_input::response, keys_request(), flow_outcome::keys_needed);
            }
            claims = std::move(checked.claims);
        }
        if (!claims.ok()) return answered(flow_input::response, std::move(claims).failure());
        ev.claims = std::move(claims).value();
    }
    ev.tokens = std::move(held_);
    held_.reset();
    code_sent_at_.reset();
    clear_mfa();
    return go(flow_input::response, flow_outcome::authenticated, std::nullopt, std::move(ev), std::nullopt);
}

PASSWORDLESS_FUNC flow_step login_flow::misuse(flow_input input) const {
    flow_step s;
    s.state = state_;
    s.next = flow_next::none;
    if (state_ == flow_state::awaiting_approval) s.poll_at = poll_at_;  // a refused call still says when to poll
    s.error = error::make(error_kind::invalid_state, std::string(to_string(input)) + " is not allowed in state " +
                                                         std::string(to_string(state_)));
    return s;
}

PASSWORDLESS_FUNC flow_step login_flow::refuse(flow_input input, error e) { return go(input, flow_outcome::refused, std::nullopt, std::nullopt, std::move(e)); }

PASSWORDLESS_FUNC flow_step login_flow::go(flow_input input, flow_outcome outcome, std::optional<request> req, std::optional<flow_event> ev,
             std::optional<error> e) {
    const flow_transition* t = find_transition(state_, input, outcome);
    if (t == nullptr) return misuse(input);  // unreachable while the table and the code agree
    state_ = t->to;
    flow_step s;
    s.state = state_;
    if (state_ == flow_state::awaiting_approval) s.poll_at = poll_at_;
    if (state_ == flow_state::failed && e) failure_ = *e;
    s.request = std::move(req);
    s.event = std::move(ev);
    s.error = std::move(e);
    const bool code_dead = attempts_ >= config_.max_attempts || code_expired_ ||
                           (s.error && s.error->kind == error_kind::code_expired);
    s.next = flow_next_for(state_, s.request.has_value(), s.error ? &*s.error : nullptr, code_dead);
    return s;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
