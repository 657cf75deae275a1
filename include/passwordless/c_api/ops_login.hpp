// passwordless C ABI: the work behind the entry points for logins, steps, tokens and claims.
// Plain C++ over the core; impl.hpp wraps each function in the exception boundary.
#ifndef PASSWORDLESS_C_API_OPS_LOGIN_HPP
#define PASSWORDLESS_C_API_OPS_LOGIN_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/c_api/handles.hpp"
#include "passwordless/c_api/ops.hpp"
#include "passwordless/flow.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/start.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

// ---- login options ----------------------------------------------------------------------------

inline std::int32_t login_options_set_str(passwordless_login_options* opts, std::int32_t option, passwordless_str value) {
    login_options_h* h = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;
    std::optional<std::string_view> v;
    if (const std::int32_t st = text(value, v)) return st;
    auto opt = [&]() { return v ? std::optional<std::string>(std::string(*v)) : std::nullopt; };
    switch (option) {
        case PASSWORDLESS_LOGIN_AUDIENCE: h->config.audience = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_SCOPE: h->config.scope = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_ISSUER: h->issuer = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_NONCE: h->expect.nonce = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_ORGANIZATION: h->expect.organization = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_JWKS_URI: h->jwks_uri = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_ALGORITHMS: {
            h->expect.algorithms.clear();
            std::string_view rest = v.value_or(std::string_view());
            while (!rest.empty()) {
                const std::size_t comma = rest.find(',');
                const std::string_view one = rest.substr(0, comma);
                if (one.empty() || h->expect.algorithms.size() >= 16) return PASSWORDLESS_E_INVALID_ARG;
                h->expect.algorithms.emplace_back(one);
                rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            }
            return PASSWORDLESS_OK;
        }
        case PASSWORDLESS_LOGIN_TRUSTED_AUDIENCE:
            if (!v || h->expect.trusted_audiences.size() >= 64) return PASSWORDLESS_E_INVALID_ARG;
            h->expect.trusted_audiences.emplace_back(*v);
            return PASSWORDLESS_OK;
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t login_options_set_int(passwordless_login_options* opts, std::int32_t option, std::int64_t value) {
    login_options_h* h = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;
    const bool flag = value == 0 || value == 1;
    // Ranges are login_flow::create's and verify_id_token's to check; here only what fits.
    const bool fits_int = value >= -0x7fffffffLL && value <= 0x7fffffffLL;
    switch (option) {
        case PASSWORDLESS_LOGIN_CODE_LIFETIME: h->config.code_lifetime = value; return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_RESEND_COOLDOWN: h->config.resend_cooldown = value; return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_MAX_ATTEMPTS:
            if (!fits_int) return PASSWORDLESS_E_INVALID_ARG;
            h->config.max_attempts = static_cast<int>(value);
            return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN:
            if (!flag) return PASSWORDLESS_E_INVALID_ARG;
            h->verify_id_token = value == 1;
            return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_LEEWAY: h->expect.leeway = value; return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_MAX_AGE: h->expect.max_age = value; return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_DANGEROUS_SKIP_SIGNATURE_CHECK:
            if (!flag) return PASSWORDLESS_E_INVALID_ARG;
            h->config.dangerous_skip_signature_check = value == 1;
            return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_DPOP_REQUIRE_BINDING:
            if (!flag) return PASSWORDLESS_E_INVALID_ARG;
            h->dpop_require_binding = value == 1;
            return PASSWORDLESS_OK;
        case PASSWORDLESS_LOGIN_FETCH_KEYS:
            if (!flag) return PASSWORDLESS_E_INVALID_ARG;
            h->fetch_keys = value == 1;
            return PASSWORDLESS_OK;
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t login_options_set_verifier(passwordless_login_options* opts, passwordless_verify_fn verify, void* user_data,
                                               passwordless_free_fn user_data_free) {
    // Whatever happens, the hook runs exactly once: now on failure, later on success.
    auto cb = std::make_shared<verifier_cb>();
    cb->verify = verify;
    cb->user_data = user_data;
    cb->user_data_free = user_data_free;
    login_options_h* h = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;  // cb goes: the hook runs
    if (verify == nullptr) {
        h->verifier.reset();
        return PASSWORDLESS_OK;  // cb goes: the hook runs for the user data given with NULL
    }
    h->verifier = std::move(cb);
    return PASSWORDLESS_OK;
}

inline std::int32_t login_options_set_dpop(passwordless_login_options* opts, passwordless_str public_jwk,
                                           passwordless_dpop_sign_fn sign, passwordless_random_fn random, void* user_data,
                                           passwordless_free_fn user_data_free) {
    // As for the verifier: the hook runs exactly once, now on failure, later on success.
    auto cb = std::make_shared<dpop_cb>();
    cb->sign = sign;
    cb->random = random;
    cb->user_data = user_data;
    cb->user_data_free = user_data_free;
    login_options_h* h = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;
    if (sign == nullptr || random == nullptr) return PASSWORDLESS_E_NULL_ARG;
    std::optional<std::string_view> jwk;
    if (const std::int32_t st = text(public_jwk, jwk)) return st;
    if (!jwk) return PASSWORDLESS_E_NULL_ARG;
    auto key = dpop_public_key::from_jwk(*jwk);
    if (!key.ok()) return PASSWORDLESS_E_INVALID_ARG;
    h->dpop_key = std::move(key).value();
    h->dpop = std::move(cb);
    return PASSWORDLESS_OK;
}

/// The flow's DPoP settings calling the caller's C signer and random source. A signer that
/// fails gives an empty signature, which the core refuses (invalid_argument, field signature).
inline flow_dpop make_dpop(const login_options_h& oh) {
    flow_dpop d;
    d.key.public_key = oh.dpop_key;
    d.require_binding = oh.dpop_require_binding;
    d.key.signer = [cb = oh.dpop](std::string_view input) {
        std::uint8_t sig[128];
        std::size_t len = 0;
        const std::int32_t st = cb->sign(cb->user_data, byte_view(input), sig, sizeof sig, &len);
        if (st != 0 || len > sizeof sig) return std::string();
        return std::string(reinterpret_cast<const char*>(sig), len);
    };
    d.jti = [cb = oh.dpop]() {
        std::uint8_t bytes[16];
        if (cb->random(cb->user_data, bytes, sizeof bytes) != 0) return std::string();
        return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
    };
    return d;
}

inline std::int32_t login_options_set_keyset(passwordless_login_options* opts, const passwordless_keyset* keys) noexcept {
    login_options_h* h = nullptr;
    keyset_h* k = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;
    if (keys == nullptr) {
        h->keys.reset();
        return PASSWORDLESS_OK;
    }
    if (const std::int32_t st = open(keys, k)) return st;
    h->keys = k->data;
    return PASSWORDLESS_OK;
}

/// Calls the caller's C verifier; only 0 means valid.
inline bool call_verifier(const verifier_cb& cb, const signature_input& in, std::string_view jwk_json) {
    return cb.verify(cb.user_data, view(in.algorithm), view(in.key_id), byte_view(in.signing_input), byte_view(in.signature),
                     view(jwk_json)) == 0;
}

/// The caller's verifier given the key of the options' key set that the token names (empty
/// when there is no key set or no such key). The options must hold a verifier.
inline signature_verifier keyset_verifier(const login_options_h& oh) {
    return [cb = oh.verifier, keys = oh.keys](const signature_input& in) {
        const std::string* json = keys ? find_key_json(*keys, in.key_id) : nullptr;
        return call_verifier(*cb, in, json != nullptr ? std::string_view(*json) : std::string_view());
    };
}

/// The ID-token expectations of a login with these options: the options' issuer or the
/// client's, the client id as audience, and the options' nonce, max_age, leeway, algorithms,
/// organization and trusted audiences.
inline id_token_expectations make_expectations(const client_h& ch, const login_options_h& oh) {
    id_token_expectations x = oh.expect;
    x.issuer = oh.issuer ? *oh.issuer : ch.issuer;
    x.client_id = ch.value.client_id();
    return x;
}

/// The login's configuration from its options: the ID-token expectations completed from the
/// client, and the caller's verifier as the C++ verifier of either key source.
inline flow_config make_config(const client_h& ch, const login_options_h& oh) {
    flow_config config = oh.config;
    if (oh.verify_id_token) config.id_token = make_expectations(ch, oh);
    config.jwks_uri = oh.jwks_uri;
    if (oh.dpop) config.dpop = make_dpop(oh);
    if (oh.fetch_keys) {
        config.keys = key_source::fetch;
        if (oh.verifier)
            config.key_verifier = [cb = oh.verifier](const signature_input& in, const jwk& key) {
                return call_verifier(*cb, in, key_json(key));
            };
    } else if (oh.verifier) {
        config.verifier = keyset_verifier(oh);
    }
    return config;
}

inline std::int32_t login_new(const passwordless_client* c, const passwordless_login_options* opts, passwordless_login** out,
                              passwordless_error** out_err) {
    client_h* ch = nullptr;
    login_options_h* oh = nullptr;
    if (const std::int32_t st = open(c, ch)) return misuse(out_err, st, "client");
    if (const std::int32_t st = open(opts, oh)) return misuse(out_err, st, "opts");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto flow = login_flow::create(ch->value, make_config(*ch, *oh));
    if (!flow.ok()) return fail(out_err, std::move(flow).failure());
    *out = to_c<passwordless_login>(new login_h(std::move(flow).value()));
    return PASSWORDLESS_OK;
}

/// login_restore and login_restore_sealed: `seal_key` null for a text without a seal.
inline std::int32_t restore_text(const passwordless_client* c, const passwordless_login_options* opts, passwordless_str saved,
                                 const passwordless_bytes* seal_key, std::int64_t now, passwordless_login** out,
                                 passwordless_error** out_err) {
    client_h* ch = nullptr;
    login_options_h* oh = nullptr;
    if (const std::int32_t st = open(c, ch)) return misuse(out_err, st, "client");
    if (const std::int32_t st = open(opts, oh)) return misuse(out_err, st, "opts");
    std::optional<std::string_view> text_in;
    if (const std::int32_t st = text(saved, text_in)) return misuse(out_err, st, "saved");
    std::string_view key;
    if (seal_key != nullptr)
        if (const std::int32_t st = bytes(*seal_key, key)) return misuse(out_err, st, "seal_key");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    const std::string_view text_of = text_in.value_or(std::string_view());
    auto flow = seal_key != nullptr ? login_flow::restore(ch->value, make_config(*ch, *oh), text_of, now, key)
                                    : login_flow::restore(ch->value, make_config(*ch, *oh), text_of, now);
    if (!flow.ok()) return fail(out_err, std::move(flow).failure());
    *out = to_c<passwordless_login>(new login_h(std::move(flow).value()));
    return PASSWORDLESS_OK;
}

/// A login from saved text without a seal (login_flow::restore).
inline std::int32_t login_restore(const passwordless_client* c, const passwordless_login_options* opts, passwordless_str saved,
                                  std::int64_t now, passwordless_login** out, passwordless_error** out_err) {
    return restore_text(c, opts, saved, nullptr, now, out, out_err);
}

/// A login from sealed text (login_flow::restore with the key).
inline std::int32_t login_restore_sealed(const passwordless_client* c, const passwordless_login_options* opts,
                                         passwordless_str saved, passwordless_bytes seal_key, std::int64_t now,
                                         passwordless_login** out, passwordless_error** out_err) {
    return restore_text(c, opts, saved, &seal_key, now, out, out_err);
}

/// The login's save(), kept in the handle and handed out as a view.
inline std::int32_t login_save(passwordless_login* login, passwordless_str* out) {
    login_h* h = nullptr;
    if (const std::int32_t st = open(login, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    h->saved = h->flow.save();
    *out = view(h->saved);
    return PASSWORDLESS_OK;
}

/// The login's save(key): on success kept in the handle and handed out as a view.
inline std::int32_t login_save_sealed(passwordless_login* login, passwordless_bytes seal_key, passwordless_str* out,
                                      passwordless_error** out_err) {
    login_h* h = nullptr;
    if (const std::int32_t st = open(login, h)) return misuse(out_err, st, "login");
    std::string_view key;
    if (const std::int32_t st = bytes(seal_key, key)) return misuse(out_err, st, "seal_key");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto sealed = h->flow.save(key);
    if (!sealed.ok()) return fail(out_err, std::move(sealed).failure());
    h->saved = std::move(sealed).value();
    *out = view(h->saved);
    return PASSWORDLESS_OK;
}

inline std::int32_t login_state(const passwordless_login* login) noexcept {
    login_h* h = nullptr;
    if (const std::int32_t st = open(login, h)) return st;
    return c_state(h->flow.state());
}

// ---- start parameters -------------------------------------------------------------------------

inline std::int32_t start_params_set(passwordless_start_params* params, std::int32_t field, passwordless_str value) {
    start_params_h* h = nullptr;
    if (const std::int32_t st = open(params, h)) return st;
    std::optional<std::string_view> v;
    if (const std::int32_t st = text(value, v)) return st;
    auto opt = [&]() { return v ? std::optional<std::string>(std::string(*v)) : std::nullopt; };
    start_params& p = h->value;
    switch (field) {
        case PASSWORDLESS_START_CONNECTION: p.connection = std::string(v.value_or(std::string_view())); return PASSWORDLESS_OK;
        case PASSWORDLESS_START_EMAIL: p.email = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_START_PHONE_NUMBER: p.phone_number = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_START_LANGUAGE: p.language = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_START_FORWARDED_FOR: p.forwarded_for = opt(); return PASSWORDLESS_OK;
        case PASSWORDLESS_START_SEND: {
            if (!v) {
                p.send.reset();
                return PASSWORDLESS_OK;
            }
            auto m = parse_send_method(*v);
            if (!m.ok()) return PASSWORDLESS_E_INVALID_ARG;
            p.send = m.value();
            return PASSWORDLESS_OK;
        }
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t start_params_add_auth_param(passwordless_start_params* params, passwordless_str name, passwordless_str value) {
    start_params_h* h = nullptr;
    if (const std::int32_t st = open(params, h)) return st;
    std::optional<std::string_view> n, v;
    if (const std::int32_t st = text(name, n)) return st;
    if (const std::int32_t st = text(value, v)) return st;
    if (!h->value.auth_params) h->value.auth_params.emplace();
    if (h->value.auth_params->size() >= 64) return PASSWORDLESS_E_INVALID_ARG;
    h->value.auth_params->emplace_back(std::string(n.value_or(std::string_view())), std::string(v.value_or(std::string_view())));
    return PASSWORDLESS_OK;
}

// ---- login calls and their steps --------------------------------------------------------------

/// Moves a flow_step into a new step handle; the parts become handles the step owns.
inline std::int32_t new_step(const login_h& login, flow_step s, passwordless_step** out) {
    auto* h = new step_h;
    h->state = s.state;
    h->next = s.next;
    h->next_deadline = login.flow.next_deadline();
    if (s.request) {
        h->request.emplace();
        h->request->borrowed = true;
        h->request->value = std::move(*s.request);
    }
    if (s.error) {
        h->error.emplace();
        h->error->borrowed = true;
        h->error->value = std::move(*s.error);
    }
    if (s.event) {
        flow_event& ev = *s.event;
        switch (ev.kind) {
            case flow_event::type::code_sent: h->event = PASSWORDLESS_EVENT_CODE_SENT; break;
            case flow_event::type::link_sent: h->event = PASSWORDLESS_EVENT_LINK_SENT; break;
            case flow_event::type::authenticated: h->event = PASSWORDLESS_EVENT_AUTHENTICATED; break;
        }
        h->resend_after = ev.resend_after;
        h->code_expires_at = ev.code_expires_at;
        if (ev.tokens) {
            h->tokens.emplace();
            h->tokens->borrowed = true;
            h->tokens->value = std::move(*ev.tokens);
        }
        if (ev.claims) {
            h->claims.emplace();
            h->claims->borrowed = true;
            h->claims->value = std::move(*ev.claims);
        }
    }
    *out = to_c<passwordless_step>(h);
    return PASSWORDLESS_OK;
}

/// Opens the login and checks `out`, for every login call.
inline std::int32_t open_call(passwordless_login* login, passwordless_step** out, login_h*& h) noexcept {
    if (const std::int32_t st = open(login, h)) return st;
    return out == nullptr ? PASSWORDLESS_E_NULL_ARG : PASSWORDLESS_OK;
}

inline std::int32_t login_start(passwordless_login* login, const passwordless_start_params* params, std::int64_t now,
                                passwordless_step** out) {
    login_h* h = nullptr;
    start_params_h* p = nullptr;
    if (const std::int32_t st = open_call(login, out, h)) return st;
    if (const std::int32_t st = open(params, p)) return st;
    return new_step(*h, h->flow.start(p->value, now), out);
}

inline std::int32_t login_resend(passwordless_login* login, std::int64_t now, passwordless_step** out) {
    login_h* h = nullptr;
    if (const std::int32_t st = open_call(login, out, h)) return st;
    return new_step(*h, h->flow.resend(now), out);
}

inline std::int32_t login_submit_code(passwordless_login* login, passwordless_str code, std::int64_t now, passwordless_step** out) {
    login_h* h = nullptr;
    if (const std::int32_t st = open_call(login, out, h)) return st;
    std::optional<std::string_view> c;
    if (const std::int32_t st = text(code, c)) return st;
    return new_step(*h, h->flow.submit_code(c.value_or(std::string_view()), now), out);
}

inline std::int32_t login_on_response(passwordless_login* login, const passwordless_response* r, std::int64_t now,
                                      passwordless_step** out) {
    login_h* h = nullptr;
    response_h* resp = nullptr;
    if (const std::int32_t st = open_call(login, out, h)) return st;
    if (const std::int32_t st = open(r, resp)) return st;
    return new_step(*h, h->flow.on_response(resp->value, now), out);
}

inline std::int32_t login_on_transport_failure(passwordless_login* login, std::int64_t now, passwordless_step** out) {
    login_h* h = nullptr;
    if (const std::int32_t st = open_call(login, out, h)) return st;
    return new_step(*h, h->flow.on_transport_failure(now), out);
}

inline std::int32_t login_retry(passwordless_login* login, std::int64_t now, passwordless_step** out) {
    login_h* h = nullptr;
    if (const std::int32_t st = open_call(login, out, h)) return st;
    return new_step(*h, h->flow.retry(now), out);
}

inline std::int32_t login_cancel(passwordless_login* login, std::int64_t now, passwordless_step** out) {
    login_h* h = nullptr;
    if (const std::int32_t st = open_call(login, out, h)) return st;
    return new_step(*h, h->flow.cancel(now), out);
}

// ---- step accessors ---------------------------------------------------------------------------

inline std::int32_t step_state(const passwordless_step* step) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    return c_state(h->state);
}

inline std::int32_t step_next(const passwordless_step* step) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    return c_next(h->next);
}

inline std::int32_t step_event(const passwordless_step* step) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    return h->event;
}

/// Hands out a part the step owns: OK, E_ABSENT, or a pointer problem.
template <class C, class H>
std::int32_t give_part(const std::optional<H>& part, const C** out) noexcept {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (!part) return PASSWORDLESS_E_ABSENT;
    *out = reinterpret_cast<const C*>(&*part);
    return PASSWORDLESS_OK;
}

inline std::int32_t step_request(const passwordless_step* step, const passwordless_request** out) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    return give_part(h->request, out);
}

inline std::int32_t step_error(const passwordless_step* step, const passwordless_error** out) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    return give_part(h->error, out);
}

inline std::int32_t step_tokens(const passwordless_step* step, const passwordless_tokens** out) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    return give_part(h->tokens, out);
}

inline std::int32_t step_claims(const passwordless_step* step, const passwordless_claims** out) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    return give_part(h->claims, out);
}

inline std::int32_t step_time(const passwordless_step* step, std::int32_t which, std::int64_t* out) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    switch (which) {
        case PASSWORDLESS_STEPT_RESEND_AFTER: return give(h->resend_after, out);
        case PASSWORDLESS_STEPT_CODE_EXPIRES_AT: return give(h->code_expires_at, out);
        case PASSWORDLESS_STEPT_NEXT_DEADLINE: return give(h->next_deadline, out);
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

// ---- tokens and claims ------------------------------------------------------------------------

inline std::int32_t tokens_str(const passwordless_tokens* tokens, std::int32_t field, passwordless_str* out) noexcept {
    tokens_h* h = nullptr;
    if (const std::int32_t st = open(tokens, h)) return st;
    const token_set& t = h->value;
    switch (field) {
        case PASSWORDLESS_TOKF_ACCESS_TOKEN: return give(t.access_token, out);
        case PASSWORDLESS_TOKF_TOKEN_TYPE: return give(t.token_type, out);
        case PASSWORDLESS_TOKF_REFRESH_TOKEN: return give(t.refresh_token, out);
        case PASSWORDLESS_TOKF_ID_TOKEN: return give(t.id_token, out);
        case PASSWORDLESS_TOKF_SCOPE: return give(t.scope, out);
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t tokens_int(const passwordless_tokens* tokens, std::int32_t field, std::int64_t* out) noexcept {
    tokens_h* h = nullptr;
    if (const std::int32_t st = open(tokens, h)) return st;
    switch (field) {
        case PASSWORDLESS_TOKF_EXPIRES_IN: return give(h->value.expires_in, out);
        case PASSWORDLESS_TOKF_EXPIRES_AT: return give(h->value.expires_at, out);
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t claims_str(const passwordless_claims* claims, passwordless_str name, passwordless_str* out) {
    claims_h* h = nullptr;
    if (const std::int32_t st = open(claims, h)) return st;
    std::optional<std::string_view> n;
    if (const std::int32_t st = text(name, n)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    const std::string_view key = n.value_or(std::string_view());
    for (const auto& kv : h->strings) {
        if (kv.first == key) {
            *out = view(kv.second);
            return PASSWORDLESS_OK;
        }
    }
    std::optional<std::string> value = h->value.string_claim(key);
    if (!value) return PASSWORDLESS_E_ABSENT;
    if (h->strings.size() >= 256) return PASSWORDLESS_E_INVALID_ARG;  // a name loop; the view must stay valid
    h->strings.emplace_back(std::string(key), std::move(*value));
    *out = view(h->strings.back().second);
    return PASSWORDLESS_OK;
}

inline std::int32_t claims_int(const passwordless_claims* claims, passwordless_str name, std::int64_t* out) {
    claims_h* h = nullptr;
    if (const std::int32_t st = open(claims, h)) return st;
    std::optional<std::string_view> n;
    if (const std::int32_t st = text(name, n)) return st;
    return give(h->value.integer_claim(n.value_or(std::string_view())), out);
}

inline std::int32_t claims_bool(const passwordless_claims* claims, passwordless_str name, bool* out) {
    claims_h* h = nullptr;
    if (const std::int32_t st = open(claims, h)) return st;
    std::optional<std::string_view> n;
    if (const std::int32_t st = text(name, n)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    const std::optional<bool> v = h->value.bool_claim(n.value_or(std::string_view()));
    if (!v) return PASSWORDLESS_E_ABSENT;
    *out = *v;
    return PASSWORDLESS_OK;
}

inline std::int32_t claims_json(const passwordless_claims* claims, passwordless_str* out) noexcept {
    claims_h* h = nullptr;
    if (const std::int32_t st = open(claims, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    *out = view(h->value.payload_json());
    return PASSWORDLESS_OK;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

#endif
