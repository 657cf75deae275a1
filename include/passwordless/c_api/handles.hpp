// passwordless C ABI: what each opaque handle holds, and how a C pointer becomes its handle
// (checked by a type tag), is made, and is released.
#ifndef PASSWORDLESS_C_API_HANDLES_HPP
#define PASSWORDLESS_C_API_HANDLES_HPP

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "passwordless.h"
#include "passwordless/callback.hpp"
#include "passwordless/client.hpp"
#include "passwordless/discovery.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/dpop_refresh.hpp"
#include "passwordless/error.hpp"
#include "passwordless/flow.hpp"
#include "passwordless/http.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/jwks.hpp"
#include "passwordless/mfa.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"
#include "passwordless/www_authenticate.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

// ---- handles ----------------------------------------------------------------------------------

/// Every handle starts with a tag naming its type; *_free overwrites it before releasing the
/// memory, so a handle of the wrong type, and most uses after free, are caught.
enum class tag : std::uint32_t {
    dead = 0x706c0000u,
    error = 0x706c0001u,
    client_options,
    client,
    login_options,
    login,
    start_params,
    step,
    request,
    response,
    tokens,
    claims,
    keyset,
    dpop_key,
    refresh,
    challenges,
    callback,
    discovery,
    authenticators,
    mfa_challenge,
};

template <tag T>
struct tagged {
    static constexpr tag type = T;
    tag magic = T;
    bool borrowed = false;  // part of another handle (a step's request): its *_free does nothing
};

struct error_h : tagged<tag::error> {
    passwordless::error value;
};

struct client_options_h : tagged<tag::client_options> {
    client_config config;
};

struct client_h : tagged<tag::client> {
    explicit client_h(client c) : value(std::move(c)), issuer(expected_issuer(value)) {}
    client value;
    std::string issuer;
};

/// A parsed key set and each key as a JSON object (what the verifier callback receives).
struct keyset_data {
    jwks keys;
    std::vector<std::string> key_json;  // parallel to keys.keys
};

struct keyset_h : tagged<tag::keyset> {
    std::shared_ptr<const keyset_data> data;
};

/// The caller's verifier and its user data; the free hook runs when the last holder goes.
struct verifier_cb {
    passwordless_verify_fn verify = nullptr;
    void* user_data = nullptr;
    passwordless_free_fn user_data_free = nullptr;
    verifier_cb() = default;
    verifier_cb(const verifier_cb&) = delete;
    verifier_cb& operator=(const verifier_cb&) = delete;
    ~verifier_cb() {
        if (user_data_free != nullptr) user_data_free(user_data);
    }
};

/// The caller's DPoP signer and random source, and their user data.
struct dpop_cb {
    passwordless_dpop_sign_fn sign = nullptr;
    passwordless_random_fn random = nullptr;
    void* user_data = nullptr;
    passwordless_free_fn user_data_free = nullptr;
    dpop_cb() = default;
    dpop_cb(const dpop_cb&) = delete;
    dpop_cb& operator=(const dpop_cb&) = delete;
    ~dpop_cb() {
        if (user_data_free != nullptr) user_data_free(user_data);
    }
};

struct login_options_h : tagged<tag::login_options> {
    flow_config config;
    bool verify_id_token = false;
    std::optional<std::string> issuer;
    id_token_expectations expect;  // issuer and client_id are filled in at login_new
    std::shared_ptr<verifier_cb> verifier;
    std::shared_ptr<const keyset_data> keys;
    bool fetch_keys = false;
    std::optional<std::string> jwks_uri;
    std::shared_ptr<dpop_cb> dpop;
    dpop_public_key dpop_key;
    bool dpop_require_binding = false;
};

struct login_h : tagged<tag::login> {
    explicit login_h(login_flow f) : flow(std::move(f)) {}
    login_flow flow;
    std::string saved;  // the last save(), which passwordless_login_save hands out as a view
};

struct start_params_h : tagged<tag::start_params> {
    start_params value;
};

struct request_h : tagged<tag::request> {
    passwordless::request value;
};

struct response_h : tagged<tag::response> {
    passwordless::response value;
};

struct tokens_h : tagged<tag::tokens> {
    token_set value;
};

struct claims_h : tagged<tag::claims> {
    claim_set value;  // an ID token's or /userinfo's claims
    // String claims are decoded on request; each answer is kept here so the view stays valid.
    // (a deque: adding an answer never moves the earlier ones, whose views are out).
    mutable std::deque<std::pair<std::string, std::string>> strings;
};

struct authenticators_h : tagged<tag::authenticators> {
    mfa_authenticator_list value;
};

struct mfa_challenge_h : tagged<tag::mfa_challenge> {
    passwordless::mfa_challenge value;
};

struct step_h : tagged<tag::step> {
    flow_state state = flow_state::idle;
    flow_next next = flow_next::none;
    std::int32_t event = PASSWORDLESS_EVENT_NONE;
    std::optional<unix_seconds> resend_after;
    std::optional<unix_seconds> code_expires_at;
    std::optional<unix_seconds> next_deadline;
    std::optional<unix_seconds> poll_at;
    std::optional<request_h> request;
    std::optional<error_h> error;
    std::optional<tokens_h> tokens;
    std::optional<claims_h> claims;
    std::optional<authenticators_h> authenticators;  // an mfa_required event's list
};

/// A DPoP key: the public key and the caller's signer and random source (shared with every
/// login and refresh it is given to; the free hook runs when the last of them goes).
struct dpop_key_h : tagged<tag::dpop_key> {
    std::shared_ptr<dpop_cb> cb;
    dpop_public_key public_key;
    std::string thumbprint;
    std::string jwk;  // the canonical public JWK
};

struct refresh_h : tagged<tag::refresh> {
    explicit refresh_h(refresh_exchange x) : exchange(std::move(x)) {}
    refresh_exchange exchange;
};

struct challenges_h : tagged<tag::challenges> {
    std::vector<auth_challenge> list;
};

struct callback_h : tagged<tag::callback> {
    callback_result value;
};

struct discovery_h : tagged<tag::discovery> {
    openid_configuration value;
    std::optional<std::string> id_token_algs;  // the lists, comma-joined (what passwordless_discovery_str hands out)
    std::optional<std::string> dpop_algs;
};

/// The handle behind a C pointer: OK, E_NULL_ARG, or E_BAD_HANDLE.
template <class H, class P>
std::int32_t open(P* p, H*& out) noexcept {
    if (p == nullptr) return PASSWORDLESS_E_NULL_ARG;
    H* h = reinterpret_cast<H*>(const_cast<std::remove_const_t<P>*>(p));
    if (h->magic != H::type) return PASSWORDLESS_E_BAD_HANDLE;
    out = h;
    return PASSWORDLESS_OK;
}

/// Releases a handle after marking it dead (a volatile store, so it is not optimised away).
template <class H, class P>
void release(P* p) noexcept {
    H* h = nullptr;
    if (open(p, h) != PASSWORDLESS_OK || h->borrowed) return;
    *static_cast<volatile tag*>(&h->magic) = tag::dead;
    delete h;
}

template <class P, class H>
P* to_c(H* h) noexcept {
    return reinterpret_cast<P*>(h);
}

/// A new handle of type H holding `value`, written to *out (the caller checked out).
template <class H, class C, class V>
std::int32_t hand_out(V&& value, C** out) {
    auto* h = new H;
    h->value = std::forward<V>(value);
    *out = to_c<C>(h);
    return PASSWORDLESS_OK;
}

/// A new, empty handle of type H in *out (the *_new of options and parameters).
template <class H, class C>
std::int32_t make(C** out) {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    *out = to_c<C>(new H);
    return PASSWORDLESS_OK;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

#endif
