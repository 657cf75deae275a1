// passwordless C ABI: the work behind the entry points of passwordless_more.h (DPoP keys and
// API calls, WWW-Authenticate challenges, a refresh with DPoP, magic-link callbacks, key-set
// details). Plain C++ over the core; impl_more.hpp wraps each function in the exception boundary.
#ifndef PASSWORDLESS_C_API_OPS_MORE_HPP
#define PASSWORDLESS_C_API_OPS_MORE_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/c_api/handles.hpp"
#include "passwordless/c_api/ops.hpp"
#include "passwordless/c_api/ops_login.hpp"
#include "passwordless/callback.hpp"
#include "passwordless/discovery.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/dpop_refresh.hpp"
#include "passwordless/jwk_thumbprint.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"
#include "passwordless/www_authenticate.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

// ---- DPoP keys --------------------------------------------------------------------------------

inline std::int32_t dpop_key_new(passwordless_str public_jwk, passwordless_dpop_sign_fn sign, passwordless_random_fn random,
                                 void* user_data, passwordless_free_fn user_data_free, passwordless_dpop_key** out) {
    // The hook runs exactly once: now on failure (cb goes), later when the last holder goes.
    auto cb = std::make_shared<dpop_cb>();
    cb->sign = sign;
    cb->random = random;
    cb->user_data = user_data;
    cb->user_data_free = user_data_free;
    if (out == nullptr || sign == nullptr || random == nullptr) return PASSWORDLESS_E_NULL_ARG;
    std::optional<std::string_view> jwk;
    if (const std::int32_t st = text(public_jwk, jwk)) return st;
    if (!jwk) return PASSWORDLESS_E_NULL_ARG;
    auto key = dpop_public_key::from_jwk(*jwk);
    if (!key.ok()) return PASSWORDLESS_E_INVALID_ARG;
    auto* h = new dpop_key_h;
    h->public_key = std::move(key).value();
    h->jwk = h->public_key.jwk_json();
    h->thumbprint = h->public_key.thumbprint();
    h->cb = std::move(cb);
    *out = to_c<passwordless_dpop_key>(h);
    return PASSWORDLESS_OK;
}

inline std::int32_t dpop_key_thumbprint(const passwordless_dpop_key* key, passwordless_str* out) noexcept {
    dpop_key_h* h = nullptr;
    if (const std::int32_t st = open(key, h)) return st;
    return give(h->thumbprint, out);
}

inline std::int32_t dpop_key_public_jwk(const passwordless_dpop_key* key, passwordless_str* out) noexcept {
    dpop_key_h* h = nullptr;
    if (const std::int32_t st = open(key, h)) return st;
    return give(h->jwk, out);
}

inline std::int32_t login_options_set_dpop_key(passwordless_login_options* opts, const passwordless_dpop_key* key) {
    login_options_h* h = nullptr;
    dpop_key_h* k = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;
    if (const std::int32_t st = open(key, k)) return st;
    h->dpop_key = k->public_key;
    h->dpop = k->cb;
    return PASSWORDLESS_OK;
}

/// The core's key over the caller's signer (as make_dpop does for a login).
inline dpop_key core_key(const dpop_key_h& k) {
    dpop_key out;
    out.public_key = k.public_key;
    out.signer = [cb = k.cb](std::string_view input) {
        std::uint8_t sig[128];
        std::size_t len = 0;
        const std::int32_t st = cb->sign(cb->user_data, byte_view(input), sig, sizeof sig, &len);
        if (st != 0 || len > sizeof sig) return std::string();
        return std::string(reinterpret_cast<const char*>(sig), len);
    };
    return out;
}

/// 16 fresh bytes from the caller's random source, or empty when it failed (the core refuses an
/// empty jti: invalid_argument, field "jti").
inline std::string fresh_jti(const dpop_cb& cb) {
    std::uint8_t bytes[16];
    if (cb.random(cb.user_data, bytes, sizeof bytes) != 0) return std::string();
    return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

inline std::int32_t dpop_resource_request(const passwordless_dpop_key* key, passwordless_str method, passwordless_str url,
                                          passwordless_str access_token, passwordless_str nonce, std::int64_t now,
                                          passwordless_request** out, passwordless_error** out_err) {
    dpop_key_h* k = nullptr;
    if (const std::int32_t st = open(key, k)) return misuse(out_err, st, "key");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    std::optional<std::string_view> m, u, token, n;
    if (const std::int32_t st = text(method, m)) return misuse(out_err, st, "method");
    if (const std::int32_t st = text(url, u)) return misuse(out_err, st, "url");
    if (const std::int32_t st = text(access_token, token)) return misuse(out_err, st, "access_token");
    if (const std::int32_t st = text(nonce, n)) return misuse(out_err, st, "nonce");
    const std::string jti = fresh_jti(*k->cb);
    dpop_resource_params p;
    p.method = m.value_or(std::string_view());
    p.url = u.value_or(std::string_view());
    p.access_token = token.value_or(std::string_view());
    p.now = now;
    p.jti = jti;
    p.nonce = n.value_or(std::string_view());
    auto headers = dpop_resource_headers(core_key(*k), p);
    if (!headers.ok()) return fail(out_err, std::move(headers).failure());
    passwordless::request r;
    r.method = std::string(p.method);
    r.url = std::string(p.url);
    r.headers = std::move(headers).value();
    return new_request(std::move(r), out);
}

inline std::int32_t request_add_dpop_proof(passwordless_request* req, const passwordless_dpop_key* key, passwordless_str nonce,
                                           std::int64_t now, passwordless_error** out_err) {
    request_h* r = nullptr;
    dpop_key_h* k = nullptr;
    if (const std::int32_t st = open(req, r)) return misuse(out_err, st, "req");
    if (r->borrowed) return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, "req");  // a step's request is read-only
    if (const std::int32_t st = open(key, k)) return misuse(out_err, st, "key");
    std::optional<std::string_view> n;
    if (const std::int32_t st = text(nonce, n)) return misuse(out_err, st, "nonce");
    passwordless::request copy = r->value;
    if (auto e = add_dpop_proof(copy, core_key(*k), now, fresh_jti(*k->cb), n.value_or(std::string_view())))
        return fail(out_err, std::move(*e));
    r->value = std::move(copy);
    return PASSWORDLESS_OK;
}

inline std::int32_t jwk_thumbprint_of(passwordless_str jwk_json, std::uint8_t* out, std::size_t out_cap, std::size_t* out_len) {
    std::optional<std::string_view> jwk;
    if (const std::int32_t st = text(jwk_json, jwk)) return st;
    if (!jwk || out == nullptr || out_len == nullptr) return PASSWORDLESS_E_NULL_ARG;
    auto t = jwk_thumbprint(*jwk);
    if (!t.ok() || t->size() > out_cap) return PASSWORDLESS_E_INVALID_ARG;
    for (std::size_t i = 0; i < t->size(); ++i) out[i] = static_cast<std::uint8_t>((*t)[i]);
    *out_len = t->size();
    return PASSWORDLESS_OK;
}

// ---- WWW-Authenticate and resource errors ----------------------------------------------------

inline std::int32_t response_challenges(const passwordless_response* resp, passwordless_challenges** out,
                                        passwordless_error** out_err) {
    response_h* r = nullptr;
    if (const std::int32_t st = open(resp, r)) return misuse(out_err, st, "resp");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto list = parse_www_authenticate(r->value);
    if (!list)
        return fail(out_err, error::make(error_kind::malformed_response,
                                         "a WWW-Authenticate header is malformed or over the parser's caps"));
    auto* h = new challenges_h;
    h->list = std::move(*list);
    *out = to_c<passwordless_challenges>(h);
    return PASSWORDLESS_OK;
}

inline std::int32_t challenges_count(const passwordless_challenges* ch) noexcept {
    challenges_h* h = nullptr;
    if (const std::int32_t st = open(ch, h)) return st;
    return static_cast<std::int32_t>(h->list.size());  // at most max_auth_challenges
}

/// Challenge `index`, or an error status.
inline std::int32_t open_challenge(const passwordless_challenges* ch, std::size_t index, const auth_challenge*& out) noexcept {
    challenges_h* h = nullptr;
    if (const std::int32_t st = open(ch, h)) return st;
    if (index >= h->list.size()) return PASSWORDLESS_E_INVALID_ARG;
    out = &h->list[index];
    return PASSWORDLESS_OK;
}

inline std::int32_t challenges_scheme(const passwordless_challenges* ch, std::size_t index, passwordless_str* out) noexcept {
    const auth_challenge* c = nullptr;
    if (const std::int32_t st = open_challenge(ch, index, c)) return st;
    return give(c->scheme, out);
}

inline std::int32_t challenges_token68(const passwordless_challenges* ch, std::size_t index, passwordless_str* out) noexcept {
    const auth_challenge* c = nullptr;
    if (const std::int32_t st = open_challenge(ch, index, c)) return st;
    return give(c->token68, out);
}

inline std::int32_t challenges_param(const passwordless_challenges* ch, std::size_t index, passwordless_str name,
                                     passwordless_str* out) {
    const auth_challenge* c = nullptr;
    if (const std::int32_t st = open_challenge(ch, index, c)) return st;
    std::optional<std::string_view> n;
    if (const std::int32_t st = text(name, n)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    const std::string_view wanted = n.value_or(std::string_view());
    for (const auto& p : c->params) {
        if (!header_name_equals(p.first, wanted)) continue;  // names are stored lower case
        *out = view(p.second);
        return PASSWORDLESS_OK;
    }
    return PASSWORDLESS_E_ABSENT;
}

inline std::int32_t challenges_param_count(const passwordless_challenges* ch, std::size_t index) noexcept {
    const auth_challenge* c = nullptr;
    if (const std::int32_t st = open_challenge(ch, index, c)) return st;
    return static_cast<std::int32_t>(c->params.size());  // at most max_auth_params
}

inline std::int32_t challenges_param_at(const passwordless_challenges* ch, std::size_t index, std::size_t param,
                                        passwordless_str* name, passwordless_str* value) noexcept {
    const auth_challenge* c = nullptr;
    if (const std::int32_t st = open_challenge(ch, index, c)) return st;
    if (name == nullptr || value == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (param >= c->params.size()) return PASSWORDLESS_E_INVALID_ARG;
    *name = view(c->params[param].first);
    *value = view(c->params[param].second);
    return PASSWORDLESS_OK;
}

inline std::int32_t resource_error(const passwordless_response* resp, std::int64_t now, passwordless_error** out) {
    response_h* r = nullptr;
    if (const std::int32_t st = open(resp, r)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (r->value.status >= 200 && r->value.status < 300) return PASSWORDLESS_E_INVALID_ARG;
    auto* h = new error_h;
    h->value = classify_resource_error(r->value, now);
    *out = to_c<passwordless_error>(h);
    return PASSWORDLESS_OK;
}

// ---- a refresh with DPoP -------------------------------------------------------------------------

inline std::int32_t refresh_new(const passwordless_client* c, passwordless_str refresh_token, passwordless_str scope,
                                passwordless_str audience, passwordless_str token_type, const passwordless_dpop_key* key,
                                std::int32_t require_binding, passwordless_str nonce, passwordless_refresh** out,
                                passwordless_error** out_err) {
    client_h* ch = nullptr;
    dpop_key_h* k = nullptr;
    if (const std::int32_t st = open(c, ch)) return misuse(out_err, st, "client");
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
    refresh_grant_params p;
    p.refresh_token = std::string(token.value_or(std::string_view()));
    if (sc && !sc->empty()) p.scope = std::string(*sc);  // empty is absent, as {NULL, 0}
    if (aud && !aud->empty()) p.audience = std::string(*aud);
    std::optional<refresh_dpop> dpop;
    if (k != nullptr) {
        dpop.emplace();
        dpop->key = core_key(*k);
        dpop->jti = [cb = k->cb]() { return fresh_jti(*cb); };
        dpop->require_binding = require_binding == 1;
    }
    auto x = refresh_exchange::create(ch->value, std::move(p), type.value_or(std::string_view()), std::move(dpop),
                                      n.value_or(std::string_view()));
    if (!x.ok()) return fail(out_err, std::move(x).failure());
    *out = to_c<passwordless_refresh>(new refresh_h(std::move(x).value()));
    return PASSWORDLESS_OK;
}

inline std::int32_t refresh_request(passwordless_refresh* refresh, std::int64_t now, passwordless_request** out,
                                    passwordless_error** out_err) {
    refresh_h* h = nullptr;
    if (const std::int32_t st = open(refresh, h)) return misuse(out_err, st, "refresh");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto r = h->exchange.first_request(now);
    if (!r.ok()) return fail(out_err, std::move(r).failure());
    return new_request(std::move(r).value(), out);
}

inline std::int32_t refresh_on_response(passwordless_refresh* refresh, const passwordless_response* resp, std::int64_t now,
                                        passwordless_request** out_request, passwordless_tokens** out_tokens,
                                        passwordless_error** out_err) {
    refresh_h* h = nullptr;
    response_h* r = nullptr;
    if (const std::int32_t st = open(refresh, h)) return misuse(out_err, st, "refresh");
    if (const std::int32_t st = open(resp, r)) return misuse(out_err, st, "resp");
    if (out_request == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out_request");
    if (out_tokens == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out_tokens");
    refresh_step step = h->exchange.on_response(r->value, now);
    if (step.error) return fail(out_err, std::move(*step.error));
    if (step.request) {
        passwordless_request* again = nullptr;
        new_request(std::move(*step.request), &again);
        *out_request = again;
        *out_tokens = nullptr;
        return PASSWORDLESS_OK;
    }
    if (!step.tokens) return fail(out_err, PASSWORDLESS_E_INTERNAL, error::make(error_kind::unknown_error, "empty refresh step"));
    auto* t = new tokens_h;
    t->value = std::move(*step.tokens);
    *out_tokens = to_c<passwordless_tokens>(t);
    *out_request = nullptr;
    return PASSWORDLESS_OK;
}

inline std::int32_t refresh_dpop_nonce(const passwordless_refresh* refresh, passwordless_str* out) noexcept {
    refresh_h* h = nullptr;
    if (const std::int32_t st = open(refresh, h)) return st;
    return give(h->exchange.dpop_nonce(), out);
}

inline std::int32_t login_dpop_nonce(const passwordless_login* login, passwordless_str* out) noexcept {
    login_h* h = nullptr;
    if (const std::int32_t st = open(login, h)) return st;
    return give(h->flow.dpop_nonce(), out);
}

// ---- magic links ------------------------------------------------------------------------------

inline std::int32_t callback_parse(passwordless_str url, passwordless_str expected_state, passwordless_callback** out,
                                   passwordless_error** out_err) {
    std::optional<std::string_view> u, state;
    if (const std::int32_t st = text(url, u)) return misuse(out_err, st, "url");
    if (const std::int32_t st = text(expected_state, state)) return misuse(out_err, st, "expected_state");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto parsed = parse_callback(u.value_or(std::string_view()), state.value_or(std::string_view()));
    if (!parsed.ok()) return fail(out_err, std::move(parsed).failure());
    auto* h = new callback_h;
    h->value = std::move(parsed).value();
    *out = to_c<passwordless_callback>(h);
    return PASSWORDLESS_OK;
}

inline std::int32_t callback_str(const passwordless_callback* cb, std::int32_t field, passwordless_str* out) noexcept {
    callback_h* h = nullptr;
    if (const std::int32_t st = open(cb, h)) return st;
    const callback_result& c = h->value;
    switch (field) {
        case PASSWORDLESS_CBF_CODE: return give(c.code, out);
        case PASSWORDLESS_CBF_ACCESS_TOKEN: return give(c.access_token, out);
        case PASSWORDLESS_CBF_ID_TOKEN: return give(c.id_token, out);
        case PASSWORDLESS_CBF_TOKEN_TYPE: return give(c.token_type, out);
        case PASSWORDLESS_CBF_SCOPE: return give(c.scope, out);
        case PASSWORDLESS_CBF_STATE: return give(c.state, out);
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t callback_int(const passwordless_callback* cb, std::int32_t field, std::int64_t* out) noexcept {
    callback_h* h = nullptr;
    if (const std::int32_t st = open(cb, h)) return st;
    if (field != PASSWORDLESS_CBF_EXPIRES_IN) return PASSWORDLESS_E_INVALID_ARG;
    return give(h->value.expires_in, out);
}

inline std::int32_t client_code_request(const passwordless_client* c, passwordless_str code, passwordless_str redirect_uri,
                                        passwordless_str code_verifier, passwordless_request** out, passwordless_error** out_err) {
    client_h* h = nullptr;
    if (const std::int32_t st = open(c, h)) return misuse(out_err, st, "client");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    std::optional<std::string_view> co, uri, verifier;
    if (const std::int32_t st = text(code, co)) return misuse(out_err, st, "code");
    if (const std::int32_t st = text(redirect_uri, uri)) return misuse(out_err, st, "redirect_uri");
    if (const std::int32_t st = text(code_verifier, verifier)) return misuse(out_err, st, "code_verifier");
    authorization_code_params p;
    p.code = std::string(co.value_or(std::string_view()));
    p.redirect_uri = std::string(uri.value_or(std::string_view()));
    if (verifier && !verifier->empty()) p.code_verifier = std::string(*verifier);
    auto req = build_token_request(h->value, p);
    if (!req.ok()) return fail(out_err, std::move(req).failure());
    return new_request(std::move(req).value(), out);
}

inline std::int32_t client_code_response(const passwordless_client* c, const passwordless_response* r, std::int64_t now,
                                         passwordless_tokens** out, passwordless_error** out_err) {
    return token_response_for(token_grant::authorization_code, c, r, now, out, out_err);
}

// ---- OpenID Connect discovery -----------------------------------------------------------------

inline std::int32_t new_discovery(openid_configuration config, passwordless_discovery** out) {
    auto join = [](const std::optional<std::vector<std::string>>& list) -> std::optional<std::string> {
        if (!list) return std::nullopt;
        std::string s;
        for (const std::string& a : *list) {
            if (!s.empty()) s.push_back(',');
            s += a;
        }
        return s;
    };
    auto* h = new discovery_h;
    h->id_token_algs = join(config.id_token_signing_alg_values_supported);
    h->dpop_algs = join(config.dpop_signing_alg_values_supported);
    h->value = std::move(config);
    *out = to_c<passwordless_discovery>(h);
    return PASSWORDLESS_OK;
}

inline std::int32_t client_discovery_request(const passwordless_client* c, passwordless_request** out) {
    client_h* h = nullptr;
    if (const std::int32_t st = open(c, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    passwordless::request r;
    r.method = "GET";
    r.url = discovery_url(h->issuer);
    r.headers.push_back(header{"accept", "application/json"});
    if (!h->value.telemetry_header().empty()) r.headers.push_back(header{"auth0-client", h->value.telemetry_header()});
    return new_request(std::move(r), out);
}

inline std::int32_t client_discovery_response(const passwordless_client* c, const passwordless_response* r, std::int64_t now,
                                              passwordless_discovery** out, passwordless_error** out_err) {
    client_h* h = nullptr;
    response_h* resp = nullptr;
    if (const std::int32_t st = open(c, h)) return misuse(out_err, st, "client");
    if (const std::int32_t st = open(r, resp)) return misuse(out_err, st, "response");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto config = parse_openid_configuration_response(resp->value, h->issuer, now, h->value.limits());
    if (!config.ok()) return fail(out_err, std::move(config).failure());
    return new_discovery(std::move(config).value(), out);
}

inline std::int32_t discovery_parse(passwordless_bytes document, passwordless_str expected_issuer, passwordless_discovery** out,
                                    passwordless_error** out_err) {
    std::string_view doc;
    std::optional<std::string_view> issuer;
    if (const std::int32_t st = bytes(document, doc)) return misuse(out_err, st, "document");
    if (const std::int32_t st = text(expected_issuer, issuer)) return misuse(out_err, st, "expected_issuer");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto config = parse_openid_configuration(doc, issuer.value_or(std::string_view()));
    if (!config.ok()) return fail(out_err, std::move(config).failure());
    return new_discovery(std::move(config).value(), out);
}

inline std::int32_t discovery_str(const passwordless_discovery* doc, std::int32_t field, passwordless_str* out) noexcept {
    discovery_h* h = nullptr;
    if (const std::int32_t st = open(doc, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    switch (field) {
        case PASSWORDLESS_DISCF_ISSUER: return give(h->value.issuer, out);
        case PASSWORDLESS_DISCF_JWKS_URI: return give(h->value.jwks_uri, out);
        case PASSWORDLESS_DISCF_TOKEN_ENDPOINT: return give(h->value.token_endpoint, out);
        case PASSWORDLESS_DISCF_ID_TOKEN_ALGS: return give(h->id_token_algs, out);
        case PASSWORDLESS_DISCF_DPOP_ALGS: return give(h->dpop_algs, out);
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

// ---- an ID token outside the login -------------------------------------------------------------

/// verify_id_token with the expectations and signature check a login with `opts` would use
/// (make_expectations, keyset_verifier; the skip option as the login honours it). The token is
/// never quoted in an error.
inline std::int32_t id_token_verify(const passwordless_client* c, const passwordless_login_options* opts, passwordless_str id_token,
                                    std::int64_t now, passwordless_claims** out, passwordless_error** out_err) {
    client_h* ch = nullptr;
    login_options_h* oh = nullptr;
    if (const std::int32_t st = open(c, ch)) return misuse(out_err, st, "client");
    if (const std::int32_t st = open(opts, oh)) return misuse(out_err, st, "opts");
    std::optional<std::string_view> token;
    if (const std::int32_t st = text(id_token, token)) return misuse(out_err, st, "id_token");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    const bool skip = oh->config.dangerous_skip_signature_check;
    if (!oh->verifier && !skip)
        return fail(out_err, PASSWORDLESS_E_INVALID_ARG,
                    passwordless::error::invalid_argument("verifier", "is required to verify ID tokens"));
    const id_token_expectations x = make_expectations(*ch, *oh);
    const std::string_view t = token.value_or(std::string_view());
    auto claims = skip ? verify_id_token(t, x, dangerous_skip_signature_check, now, ch->value.limits())
                       : verify_id_token(t, x, keyset_verifier(*oh), now, ch->value.limits());
    if (!claims.ok()) return fail(out_err, std::move(claims).failure());
    auto* h = new claims_h;
    h->value = std::move(claims).value();
    *out = to_c<passwordless_claims>(h);
    return PASSWORDLESS_OK;
}

inline std::int32_t keyset_skipped(const passwordless_keyset* keys) noexcept {
    keyset_h* h = nullptr;
    if (const std::int32_t st = open(keys, h)) return st;
    const std::size_t n = h->data->keys.skipped;
    return n > 0x7fffffffu ? 0x7fffffff : static_cast<std::int32_t>(n);
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

#endif
