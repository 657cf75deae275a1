// passwordless C ABI, the "login" part of passwordless.h: login options, the login state machine
// and its calls, saving and restoring a login, start parameters, and the steps the calls return.
#ifndef PASSWORDLESS_C_API_LOGIN_HPP
#define PASSWORDLESS_C_API_LOGIN_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/convert.hpp"
#include "passwordless/c_api/dpop.hpp"
#include "passwordless/c_api/enums.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/c_api/keys.hpp"
#include "passwordless/flow.hpp"
#include "passwordless/start.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

/// The login's configuration from its options: the ID-token expectations completed from the
/// client, DPoP over the caller's callbacks, and the caller's verifier as the C++ verifier of
/// either key source (fetched keys, or the options' key set).
inline flow_config make_config(const client_h& ch, const login_options_h& oh) {
    flow_config config = oh.config;
    if (oh.verify_id_token) config.id_token = make_expectations(ch, oh);
    config.jwks_uri = oh.jwks_uri;
    if (oh.dpop) config.dpop = dpop_settings<flow_dpop>(oh.dpop_key, oh.dpop, oh.dpop_require_binding);
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

/// passwordless_login_restore, _restore_sealed and _restore_with_mfa_token: `seal_key` null for
/// a text without a seal, `mfa_token` null for a restore without one.
inline std::int32_t restore_text(const passwordless_client* c, const passwordless_login_options* opts, passwordless_str saved,
                                 const passwordless_bytes* seal_key, std::int64_t now, passwordless_login** out,
                                 passwordless_error** out_err, const passwordless_str* mfa_token = nullptr) {
    client_h* ch = nullptr;
    login_options_h* oh = nullptr;
    if (const std::int32_t st = open(c, ch)) return misuse(out_err, st, "client");
    if (const std::int32_t st = open(opts, oh)) return misuse(out_err, st, "opts");
    std::optional<std::string_view> text_in;
    if (const std::int32_t st = text(saved, text_in)) return misuse(out_err, st, "saved");
    std::string_view key;
    if (seal_key != nullptr)
        if (const std::int32_t st = bytes(*seal_key, key)) return misuse(out_err, st, "seal_key");
    std::optional<std::string_view> token;
    if (mfa_token != nullptr)
        if (const std::int32_t st = text(*mfa_token, token)) return misuse(out_err, st, "mfa_token");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    const std::string_view text_of = text_in.value_or(std::string_view());
    if (mfa_token != nullptr) {
        if (!token || token->empty()) return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, "mfa_token");
        auto flow = login_flow::restore_with_mfa_token(ch->value, make_config(*ch, *oh), text_of, now, *token, key);
        if (!flow.ok()) return fail(out_err, std::move(flow).failure());
        *out = to_c<passwordless_login>(new login_h(std::move(flow).value()));
        return PASSWORDLESS_OK;
    }
    auto flow = seal_key != nullptr ? login_flow::restore(ch->value, make_config(*ch, *oh), text_of, now, key)
                                    : login_flow::restore(ch->value, make_config(*ch, *oh), text_of, now);
    if (!flow.ok()) return fail(out_err, std::move(flow).failure());
    *out = to_c<passwordless_login>(new login_h(std::move(flow).value()));
    return PASSWORDLESS_OK;
}

/// A part of a step (its request, error, tokens or claims) as a handle the step owns.
template <class H, class V>
void lend(std::optional<H>& part, V&& value) {
    part.emplace();
    part->borrowed = true;
    part->value = std::forward<V>(value);
}

/// Moves a flow_step into a new step handle; the parts become handles the step owns.
inline std::int32_t new_step(const login_h& login, flow_step s, passwordless_step** out) {
    auto* h = new step_h;
    h->state = s.state;
    h->next = s.next;
    h->next_deadline = login.flow.next_deadline();
    h->poll_at = s.poll_at;
    if (s.request) lend(h->request, std::move(*s.request));
    if (s.error) lend(h->error, std::move(*s.error));
    if (s.event) {
        flow_event& ev = *s.event;
        switch (ev.kind) {
            case flow_event::type::code_sent: h->event = PASSWORDLESS_EVENT_CODE_SENT; break;
            case flow_event::type::link_sent: h->event = PASSWORDLESS_EVENT_LINK_SENT; break;
            case flow_event::type::authenticated: h->event = PASSWORDLESS_EVENT_AUTHENTICATED; break;
            case flow_event::type::mfa_required:
                h->event = PASSWORDLESS_EVENT_MFA_REQUIRED;
                h->authenticators.emplace();
                h->authenticators->borrowed = true;
                h->authenticators->value.authenticators = std::move(ev.authenticators);
                break;
        }
        h->resend_after = ev.resend_after;
        h->code_expires_at = ev.code_expires_at;
        if (ev.tokens) lend(h->tokens, std::move(*ev.tokens));
        if (ev.claims) lend(h->claims, std::move(*ev.claims));
    }
    *out = to_c<passwordless_step>(h);
    return PASSWORDLESS_OK;
}

/// Opens the login and checks `out`, first thing in every login call.
inline std::int32_t open_call(passwordless_login* login, passwordless_step** out, login_h*& h) noexcept {
    if (const std::int32_t st = open(login, h)) return st;
    return out == nullptr ? PASSWORDLESS_E_NULL_ARG : PASSWORDLESS_OK;
}

/// Hands out a part the step owns: OK, E_ABSENT, or a pointer problem.
template <class C, class H>
std::int32_t give_part(const passwordless_step* step, std::optional<H> step_h::*part, const C** out) noexcept {
    step_h* h = nullptr;
    if (const std::int32_t st = open(step, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (!(h->*part)) return PASSWORDLESS_E_ABSENT;
    *out = reinterpret_cast<const C*>(&*(h->*part));
    return PASSWORDLESS_OK;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

extern "C" {

// ---- login options ---------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_login_options_new(passwordless_login_options** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return make<login_options_h>(out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_login_options_free(passwordless_login_options* opts) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<login_options_h>(opts); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_login_options_set_str(passwordless_login_options* opts, int32_t option,
                                                            passwordless_str value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_options_h* h = nullptr;
        if (const std::int32_t st = open(opts, h)) return st;
        std::optional<std::string_view> v;
        if (const std::int32_t st = text(value, v)) return st;
        switch (option) {
            case PASSWORDLESS_LOGIN_AUDIENCE: h->config.audience = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_SCOPE: h->config.scope = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_ISSUER: h->issuer = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_NONCE: h->expect.nonce = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_ORGANIZATION: h->expect.organization = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_JWKS_URI: h->jwks_uri = owned(v); return PASSWORDLESS_OK;
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_options_set_int(passwordless_login_options* opts, int32_t option,
                                                            int64_t value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
            case PASSWORDLESS_LOGIN_LEEWAY: h->expect.leeway = value; return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_MAX_AGE: h->expect.max_age = value; return PASSWORDLESS_OK;
            default: break;
        }
        if (!flag) return PASSWORDLESS_E_INVALID_ARG;  // the rest are flags
        switch (option) {
            case PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN: h->verify_id_token = value == 1; return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_DANGEROUS_SKIP_SIGNATURE_CHECK:
                h->config.dangerous_skip_signature_check = value == 1;
                return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_DPOP_REQUIRE_BINDING: h->dpop_require_binding = value == 1; return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_FETCH_KEYS: h->fetch_keys = value == 1; return PASSWORDLESS_OK;
            case PASSWORDLESS_LOGIN_MFA: h->config.mfa = value == 1; return PASSWORDLESS_OK;
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_options_set_verifier(passwordless_login_options* opts, passwordless_verify_fn verify,
                                                                 void* user_data,
                                                                 passwordless_free_fn user_data_free) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_options_set_keyset(passwordless_login_options* opts,
                                                               const passwordless_keyset* keys) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- logins ----------------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_login_new(const passwordless_client* client, const passwordless_login_options* opts,
                                                passwordless_login** out, passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* ch = nullptr;
        login_options_h* oh = nullptr;
        if (const std::int32_t st = open(client, ch)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(opts, oh)) return misuse(out_err, st, "opts");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto flow = passwordless::login_flow::create(ch->value, make_config(*ch, *oh));
        if (!flow.ok()) return fail(out_err, std::move(flow).failure());
        *out = to_c<passwordless_login>(new login_h(std::move(flow).value()));
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_login_free(passwordless_login* login) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<login_h>(login); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_login_state(const passwordless_login* login) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open(login, h)) return st;
        return c_state(h->flow.state());
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- start parameters ------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_start_params_new(passwordless_start_params** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return make<start_params_h>(out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_start_params_free(passwordless_start_params* params) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<start_params_h>(params); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_start_params_set(passwordless_start_params* params, int32_t field,
                                                       passwordless_str value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        start_params_h* h = nullptr;
        if (const std::int32_t st = open(params, h)) return st;
        std::optional<std::string_view> v;
        if (const std::int32_t st = text(value, v)) return st;
        passwordless::start_params& p = h->value;
        switch (field) {
            case PASSWORDLESS_START_CONNECTION: p.connection = std::string(v.value_or(std::string_view())); return PASSWORDLESS_OK;
            case PASSWORDLESS_START_EMAIL: p.email = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_START_PHONE_NUMBER: p.phone_number = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_START_LANGUAGE: p.language = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_START_FORWARDED_FOR: p.forwarded_for = owned(v); return PASSWORDLESS_OK;
            case PASSWORDLESS_START_SEND: {
                if (!v) {
                    p.send.reset();
                    return PASSWORDLESS_OK;
                }
                auto m = passwordless::parse_send_method(*v);
                if (!m.ok()) return PASSWORDLESS_E_INVALID_ARG;
                p.send = m.value();
                return PASSWORDLESS_OK;
            }
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_start_params_add_auth_param(passwordless_start_params* params, passwordless_str name,
                                                                  passwordless_str value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- the login's calls -----------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_login_start(passwordless_login* login, const passwordless_start_params* params,
                                                  int64_t now, passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        start_params_h* p = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        if (const std::int32_t st = open(params, p)) return st;
        return new_step(*h, h->flow.start(p->value, now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_resend(passwordless_login* login, int64_t now,
                                                   passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        return new_step(*h, h->flow.resend(now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_submit_code(passwordless_login* login, passwordless_str code, int64_t now,
                                                        passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        std::optional<std::string_view> c;
        if (const std::int32_t st = text(code, c)) return st;
        return new_step(*h, h->flow.submit_code(c.value_or(std::string_view()), now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_on_response(passwordless_login* login, const passwordless_response* response,
                                                        int64_t now, passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        response_h* resp = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        if (const std::int32_t st = open(response, resp)) return st;
        return new_step(*h, h->flow.on_response(resp->value, now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_on_transport_failure(passwordless_login* login, int64_t now,
                                                                 passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        return new_step(*h, h->flow.on_transport_failure(now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_retry(passwordless_login* login, int64_t now,
                                                  passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        return new_step(*h, h->flow.retry(now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_cancel(passwordless_login* login, int64_t now,
                                                   passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        return new_step(*h, h->flow.cancel(now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- the login's MFA calls (PASSWORDLESS_LOGIN_MFA) ------------------------------------------

PASSWORDLESS_API int32_t passwordless_login_choose_authenticator(passwordless_login* login, passwordless_str authenticator_id,
                                                                 int64_t now, passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        std::optional<std::string_view> id;
        if (const std::int32_t st = text(authenticator_id, id)) return st;
        return new_step(*h, h->flow.choose_authenticator(id.value_or(std::string_view()), now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_submit_mfa_code(passwordless_login* login, passwordless_str code, int64_t now,
                                                            passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        std::optional<std::string_view> c;
        if (const std::int32_t st = text(code, c)) return st;
        return new_step(*h, h->flow.submit_mfa_code(c.value_or(std::string_view()), now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_submit_recovery_code(passwordless_login* login, passwordless_str code, int64_t now,
                                                                 passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        std::optional<std::string_view> c;
        if (const std::int32_t st = text(code, c)) return st;
        return new_step(*h, h->flow.submit_recovery_code(c.value_or(std::string_view()), now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_poll(passwordless_login* login, int64_t now,
                                                 passwordless_step** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open_call(login, out, h)) return st;
        return new_step(*h, h->flow.poll(now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- saving and restoring a login ------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_login_save(passwordless_login* login, passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open(login, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        h->saved = h->flow.save();
        *out = view(h->saved);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_restore(const passwordless_client* client, const passwordless_login_options* opts,
                                                    passwordless_str saved, int64_t now, passwordless_login** out,
                                                    passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return restore_text(client, opts, saved, nullptr, now, out, out_err); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_save_sealed(passwordless_login* login, passwordless_bytes seal_key,
                                                        passwordless_str* out, passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_restore_sealed(const passwordless_client* client,
                                                           const passwordless_login_options* opts, passwordless_str saved,
                                                           passwordless_bytes seal_key, int64_t now, passwordless_login** out,
                                                           passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return restore_text(client, opts, saved, &seal_key, now, out, out_err); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_failure(passwordless_login* login, const passwordless_error** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open(login, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        const std::optional<passwordless::error>& e = h->flow.failure();
        if (!e) return PASSWORDLESS_E_ABSENT;
        lend(h->failure, *e);
        *out = to_c<const passwordless_error>(&*h->failure);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_mfa_token(passwordless_login* login, passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open(login, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        const std::string_view token = h->flow.mfa_token();
        if (token.empty()) return PASSWORDLESS_E_ABSENT;
        *out = view(token);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_restore_with_mfa_token(const passwordless_client* client,
                                                                   const passwordless_login_options* opts, passwordless_str saved,
                                                                   passwordless_str mfa_token, passwordless_bytes seal_key,
                                                                   int64_t now, passwordless_login** out,
                                                                   passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const bool sealed = seal_key.ptr != nullptr || seal_key.len != 0;
        return restore_text(client, opts, saved, sealed ? &seal_key : nullptr, now, out, out_err, &mfa_token);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- steps -----------------------------------------------------------------------------------

PASSWORDLESS_API void passwordless_step_free(passwordless_step* step) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<step_h>(step); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_step_state(const passwordless_step* step) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        step_h* h = nullptr;
        if (const std::int32_t st = open(step, h)) return st;
        return c_state(h->state);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_next(const passwordless_step* step) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        step_h* h = nullptr;
        if (const std::int32_t st = open(step, h)) return st;
        return c_next(h->next);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_event(const passwordless_step* step) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        step_h* h = nullptr;
        if (const std::int32_t st = open(step, h)) return st;
        return h->event;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_request(const passwordless_step* step,
                                                   const passwordless_request** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return give_part(step, &step_h::request, out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_error(const passwordless_step* step, const passwordless_error** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return give_part(step, &step_h::error, out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_time(const passwordless_step* step, int32_t which, int64_t* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        step_h* h = nullptr;
        if (const std::int32_t st = open(step, h)) return st;
        switch (which) {
            case PASSWORDLESS_STEPT_RESEND_AFTER: return give(h->resend_after, out);
            case PASSWORDLESS_STEPT_CODE_EXPIRES_AT: return give(h->code_expires_at, out);
            case PASSWORDLESS_STEPT_NEXT_DEADLINE: return give(h->next_deadline, out);
            case PASSWORDLESS_STEPT_POLL_AT: return give(h->poll_at, out);
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_tokens(const passwordless_step* step, const passwordless_tokens** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return give_part(step, &step_h::tokens, out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_authenticators(const passwordless_step* step,
                                                          const passwordless_authenticators** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return give_part(step, &step_h::authenticators, out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_step_claims(const passwordless_step* step, const passwordless_claims** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return give_part(step, &step_h::claims, out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
