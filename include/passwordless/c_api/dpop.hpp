// passwordless C ABI, the "DPoP" part of passwordless.h: DPoP keys over the caller's signer and
// random source, DPoP for a login, proofs for API calls and for requests the caller owns, JWK
// thumbprints, and a refresh with DPoP.
#ifndef PASSWORDLESS_C_API_DPOP_HPP
#define PASSWORDLESS_C_API_DPOP_HPP

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
#include "passwordless/c_api/handles.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/dpop_refresh.hpp"
#include "passwordless/jwk_thumbprint.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

/// The caller's signer and random source with their user data. Made first thing in every call
/// that registers them, so that the free hook runs exactly once: when this goes on a failure, or
/// when the last holder goes after a success.
inline std::shared_ptr<dpop_cb> new_dpop_cb(passwordless_dpop_sign_fn sign, passwordless_random_fn random, void* user_data,
                                            passwordless_free_fn user_data_free) {
    auto cb = std::make_shared<dpop_cb>();
    cb->sign = sign;
    cb->random = random;
    cb->user_data = user_data;
    cb->user_data_free = user_data_free;
    return cb;
}

/// The public key of a registration: E_NULL_ARG without a signer, a random source or a JWK;
/// E_INVALID_ARG when the JWK is not a P-256 public key.
inline std::int32_t dpop_public_key_of(passwordless_str public_jwk, const dpop_cb& cb, dpop_public_key& out) {
    if (cb.sign == nullptr || cb.random == nullptr) return PASSWORDLESS_E_NULL_ARG;
    std::optional<std::string_view> jwk;
    if (const std::int32_t st = text(public_jwk, jwk)) return st;
    if (!jwk) return PASSWORDLESS_E_NULL_ARG;
    auto key = dpop_public_key::from_jwk(*jwk);
    if (!key.ok()) return PASSWORDLESS_E_INVALID_ARG;
    out = std::move(key).value();
    return PASSWORDLESS_OK;
}

/// 16 fresh bytes from the caller's random source, or empty when it failed (the core refuses an
/// empty jti: invalid_argument, field "jti").
inline std::string fresh_jti(const dpop_cb& cb) {
    std::uint8_t bytes[16];
    if (cb.random(cb.user_data, bytes, sizeof bytes) != 0) return std::string();
    return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

/// The core's key over the caller's signer. A signer that fails gives an empty signature, which
/// the core refuses (invalid_argument, field "signature").
inline dpop_key core_key(const dpop_public_key& public_key, const std::shared_ptr<dpop_cb>& cb) {
    dpop_key out;
    out.public_key = public_key;
    out.signer = [cb](std::string_view input) {
        std::uint8_t sig[128];
        std::size_t len = 0;
        const std::int32_t st = cb->sign(cb->user_data, byte_view(input), sig, sizeof sig, &len);
        if (st != 0 || len > sizeof sig) return std::string();
        return std::string(reinterpret_cast<const char*>(sig), len);
    };
    return out;
}

/// The core's DPoP settings of a login or a refresh (flow_dpop, refresh_dpop) over the callbacks.
template <class Settings>
Settings dpop_settings(const dpop_public_key& public_key, const std::shared_ptr<dpop_cb>& cb, bool require_binding) {
    Settings s;
    s.key = core_key(public_key, cb);
    s.jti = [cb]() { return fresh_jti(*cb); };
    s.require_binding = require_binding;
    return s;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

extern "C" {

// ---- DPoP keys -------------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_dpop_key_new(passwordless_str public_jwk, passwordless_dpop_sign_fn sign,
                                                   passwordless_random_fn random, void* user_data,
                                                   passwordless_free_fn user_data_free,
                                                   passwordless_dpop_key** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        auto cb = new_dpop_cb(sign, random, user_data, user_data_free);
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        passwordless::dpop_public_key key;
        if (const std::int32_t st = dpop_public_key_of(public_jwk, *cb, key)) return st;
        auto* h = new dpop_key_h;
        h->public_key = std::move(key);
        h->jwk = h->public_key.jwk_json();
        h->thumbprint = h->public_key.thumbprint();
        h->cb = std::move(cb);
        *out = to_c<passwordless_dpop_key>(h);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_dpop_key_free(passwordless_dpop_key* key) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<dpop_key_h>(key); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_dpop_key_thumbprint(const passwordless_dpop_key* key,
                                                          passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        dpop_key_h* h = nullptr;
        if (const std::int32_t st = open(key, h)) return st;
        return give(h->thumbprint, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_dpop_key_public_jwk(const passwordless_dpop_key* key,
                                                          passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        dpop_key_h* h = nullptr;
        if (const std::int32_t st = open(key, h)) return st;
        return give(h->jwk, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- DPoP for a login ------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_login_options_set_dpop(passwordless_login_options* opts, passwordless_str public_jwk,
                                                             passwordless_dpop_sign_fn sign, passwordless_random_fn random,
                                                             void* user_data, passwordless_free_fn user_data_free) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        auto cb = new_dpop_cb(sign, random, user_data, user_data_free);
        login_options_h* h = nullptr;
        if (const std::int32_t st = open(opts, h)) return st;
        passwordless::dpop_public_key key;
        if (const std::int32_t st = dpop_public_key_of(public_jwk, *cb, key)) return st;
        h->dpop_key = std::move(key);
        h->dpop = std::move(cb);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_options_set_dpop_key(passwordless_login_options* opts,
                                                                 const passwordless_dpop_key* key) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_options_h* h = nullptr;
        dpop_key_h* k = nullptr;
        if (const std::int32_t st = open(opts, h)) return st;
        if (const std::int32_t st = open(key, k)) return st;
        h->dpop_key = k->public_key;
        h->dpop = k->cb;
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_login_dpop_nonce(const passwordless_login* login, passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        login_h* h = nullptr;
        if (const std::int32_t st = open(login, h)) return st;
        return give(h->flow.dpop_nonce(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- proofs for API calls and for the caller's requests; thumbprints --------------------------

PASSWORDLESS_API int32_t passwordless_dpop_resource_request(const passwordless_dpop_key* key, passwordless_str method,
                                                            passwordless_str url, passwordless_str access_token,
                                                            passwordless_str nonce, int64_t now, passwordless_request** out,
                                                            passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        dpop_key_h* k = nullptr;
        if (const std::int32_t st = open(key, k)) return misuse(out_err, st, "key");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        std::optional<std::string_view> m, u, token, n;
        if (const std::int32_t st = text(method, m)) return misuse(out_err, st, "method");
        if (const std::int32_t st = text(url, u)) return misuse(out_err, st, "url");
        if (const std::int32_t st = text(access_token, token)) return misuse(out_err, st, "access_token");
        if (const std::int32_t st = text(nonce, n)) return misuse(out_err, st, "nonce");
        const std::string jti = fresh_jti(*k->cb);
        passwordless::dpop_resource_params p;
        p.method = m.value_or(std::string_view());
        p.url = u.value_or(std::string_view());
        p.access_token = token.value_or(std::string_view());
        p.now = now;
        p.jti = jti;
        p.nonce = n.value_or(std::string_view());
        auto headers = passwordless::dpop_resource_headers(core_key(k->public_key, k->cb), p);
        if (!headers.ok()) return fail(out_err, std::move(headers).failure());
        passwordless::request r;
        r.method = std::string(p.method);
        r.url = std::string(p.url);
        r.headers = std::move(headers).value();
        return hand_out<request_h>(std::move(r), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_request_add_dpop_proof(passwordless_request* req, const passwordless_dpop_key* key,
                                                             passwordless_str nonce, int64_t now,
                                                             passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        request_h* r = nullptr;
        dpop_key_h* k = nullptr;
        if (const std::int32_t st = open(req, r)) return misuse(out_err, st, "req");
        if (r->borrowed) return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, "req");  // a step's request is read-only
        if (const std::int32_t st = open(key, k)) return misuse(out_err, st, "key");
        std::optional<std::string_view> n;
        if (const std::int32_t st = text(nonce, n)) return misuse(out_err, st, "nonce");
        passwordless::request copy = r->value;
        if (auto e = passwordless::add_dpop_proof(copy, core_key(k->public_key, k->cb), now, fresh_jti(*k->cb),
                                                  n.value_or(std::string_view())))
            return fail(out_err, std::move(*e));
        r->value = std::move(copy);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_jwk_thumbprint(passwordless_str jwk_json, uint8_t* out, size_t out_cap,
                                                     size_t* out_len) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        std::optional<std::string_view> jwk;
        if (const std::int32_t st = text(jwk_json, jwk)) return st;
        if (!jwk || out == nullptr || out_len == nullptr) return PASSWORDLESS_E_NULL_ARG;
        auto t = passwordless::jwk_thumbprint(*jwk);
        if (!t.ok() || t->size() > out_cap) return PASSWORDLESS_E_INVALID_ARG;
        for (std::size_t i = 0; i < t->size(); ++i) out[i] = static_cast<std::uint8_t>((*t)[i]);
        *out_len = t->size();
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- a refresh with DPoP ---------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_refresh_new(const passwordless_client* client, passwordless_str refresh_token,
                                                  passwordless_str scope, passwordless_str audience, passwordless_str token_type,
                                                  const passwordless_dpop_key* key, int32_t require_binding,
                                                  passwordless_str nonce, passwordless_refresh** out,
                                                  passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* ch = nullptr;
        dpop_key_h* k = nullptr;
        if (const std::int32_t st = open(client, ch)) return misuse(out_err, st, "client");
        if (key != nullptr)
            if (const std::int32_t st = open(key, k)) return misuse(out_err, st, "key");
        if (require_binding != 0 && require_binding != 1) return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, "require_binding");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        std::optional<std::string_view> token, sc, aud, type, n;
        if (const std::int32_t st = text(refresh_token, token)) return misuse(out_err, st, "refresh_token");
        if (const std::int32_t st = text(scope, sc)) return misuse(out_err, st, "scope");
        if (const std::int32_t st = text(audience, aud)) return misuse(out_err, st, "audience");
        if (const std::int32_t st = text(token_type, type)) return misuse(out_err, st, "token_type");
        if (const std::int32_t st = text(nonce, n)) return misuse(out_err, st, "nonce");
        passwordless::refresh_grant_params p;
        p.refresh_token = std::string(token.value_or(std::string_view()));
        if (sc && !sc->empty()) p.scope = std::string(*sc);  // empty is absent, as {NULL, 0}
        if (aud && !aud->empty()) p.audience = std::string(*aud);
        std::optional<passwordless::refresh_dpop> dpop;
        if (k != nullptr) dpop = dpop_settings<passwordless::refresh_dpop>(k->public_key, k->cb, require_binding == 1);
        auto x = passwordless::refresh_exchange::create(ch->value, std::move(p), type.value_or(std::string_view()), std::move(dpop),
                                                        n.value_or(std::string_view()));
        if (!x.ok()) return fail(out_err, std::move(x).failure());
        *out = to_c<passwordless_refresh>(new refresh_h(std::move(x).value()));
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_refresh_free(passwordless_refresh* refresh) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<refresh_h>(refresh); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_refresh_request(passwordless_refresh* refresh, int64_t now, passwordless_request** out,
                                                      passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        refresh_h* h = nullptr;
        if (const std::int32_t st = open(refresh, h)) return misuse(out_err, st, "refresh");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto r = h->exchange.first_request(now);
        if (!r.ok()) return fail(out_err, std::move(r).failure());
        return hand_out<request_h>(std::move(r).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_refresh_on_response(passwordless_refresh* refresh, const passwordless_response* resp,
                                                          int64_t now, passwordless_request** out_request,
                                                          passwordless_tokens** out_tokens,
                                                          passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        refresh_h* h = nullptr;
        response_h* r = nullptr;
        if (const std::int32_t st = open(refresh, h)) return misuse(out_err, st, "refresh");
        if (const std::int32_t st = open(resp, r)) return misuse(out_err, st, "resp");
        if (out_request == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out_request");
        if (out_tokens == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out_tokens");
        passwordless::refresh_step step = h->exchange.on_response(r->value, now);
        if (step.error) return fail(out_err, std::move(*step.error));
        if (step.request) {
            hand_out<request_h>(std::move(*step.request), out_request);
            *out_tokens = nullptr;
            return PASSWORDLESS_OK;
        }
        if (!step.tokens)
            return fail(out_err, PASSWORDLESS_E_INTERNAL,
                        passwordless::error::make(passwordless::error_kind::unknown_error, "empty refresh step"));
        hand_out<tokens_h>(std::move(*step.tokens), out_tokens);
        *out_request = nullptr;
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_refresh_dpop_nonce(const passwordless_refresh* refresh,
                                                         passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        refresh_h* h = nullptr;
        if (const std::int32_t st = open(refresh, h)) return st;
        return give(h->exchange.dpop_nonce(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
