// passwordless C ABI: what each opaque handle holds, the tables that map C constants to the C++
// enums, and the checks every entry point applies to its arguments. Part of the implementation
// of passwordless.h (included by passwordless/c_api/impl.hpp only).
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
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/flow.hpp"
#include "passwordless/http.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/jwks.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"
#include "passwordless/www_authenticate.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

// ---- tables: C constant <-> C++ enum (a C value is its row's index + offset; append-only) ----

/// C kind = index + 1.
inline constexpr error_kind kinds[] = {
    error_kind::invalid_argument, error_kind::invalid_state, error_kind::wrong_code, error_kind::code_expired,
    error_kind::attempts_exhausted, error_kind::rate_limited, error_kind::blocked, error_kind::mfa_required,
    error_kind::grant_not_allowed, error_kind::invalid_client, error_kind::invalid_connection,
    error_kind::invalid_request, error_kind::invalid_email, error_kind::invalid_phone_number,
    error_kind::delivery_failed, error_kind::access_denied, error_kind::verification_required,
    error_kind::invalid_refresh_token, error_kind::server_error, error_kind::unknown_error,
    error_kind::unexpected_response, error_kind::malformed_response, error_kind::invalid_id_token,
    error_kind::state_mismatch, error_kind::transport_failed, error_kind::invalid_dpop_proof, error_kind::dpop_nonce_required,
    error_kind::issuer_mismatch,
};

/// C action = index.
inline constexpr error_action actions[] = {
    error_action::none, error_action::fix_input, error_action::fix_config, error_action::retry_code, error_action::restart,
    error_action::wait, error_action::retry, error_action::give_up, error_action::mfa,
};

/// C state = index.
inline constexpr flow_state states[] = {
    flow_state::idle, flow_state::sending_code, flow_state::awaiting_code,
    flow_state::verifying_code, flow_state::authenticated, flow_state::failed, flow_state::fetching_keys,
};

/// C next = index.
inline constexpr flow_next nexts[] = {
    flow_next::send_request, flow_next::ask_for_code, flow_next::request_new_code, flow_next::wait_until,
    flow_next::start_over, flow_next::done, flow_next::stop, flow_next::none, flow_next::retry,
};

/// Negative statuses: C value = -(index + 1).
inline constexpr const char* status_names[] = {
    "e_null_arg", "e_invalid_arg", "e_bad_handle", "e_absent", "e_no_memory", "e_internal", "e_unsupported",
};

template <class E, std::size_t N>
constexpr std::int32_t index_of(const E (&table)[N], E value, std::int32_t offset) noexcept {
    for (std::size_t i = 0; i < N; ++i)
        if (table[i] == value) return static_cast<std::int32_t>(i) + offset;
    return -1;
}

template <class E, std::size_t N>
constexpr const E* row(const E (&table)[N], std::int32_t c_value, std::int32_t offset) noexcept {
    if (c_value < offset || c_value - offset >= static_cast<std::int32_t>(N)) return nullptr;
    return &table[static_cast<std::size_t>(c_value - offset)];
}

inline std::int32_t c_kind(error_kind k) noexcept { return index_of(kinds, k, 1); }
inline std::int32_t c_action(error_action a) noexcept { return index_of(actions, a, 0); }
inline std::int32_t c_state(flow_state s) noexcept { return index_of(states, s, 0); }
inline std::int32_t c_next(flow_next n) noexcept { return index_of(nexts, n, 0); }

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
    id_token_claims value;
    // String claims are decoded on request; each answer is kept here so the view stays valid.
    // (a deque: adding an answer never moves the earlier ones, whose views are out).
    mutable std::deque<std::pair<std::string, std::string>> strings;
};

struct step_h : tagged<tag::step> {
    flow_state state = flow_state::idle;
    flow_next next = flow_next::none;
    std::int32_t event = PASSWORDLESS_EVENT_NONE;
    std::optional<unix_seconds> resend_after;
    std::optional<unix_seconds> code_expires_at;
    std::optional<unix_seconds> next_deadline;
    std::optional<request_h> request;
    std::optional<error_h> error;
    std::optional<tokens_h> tokens;
    std::optional<claims_h> claims;
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

// ---- inputs -----------------------------------------------------------------------------------

/// Stores a new error in *out_err (when the caller asked for one) and returns `status`.
inline std::int32_t fail(passwordless_error** out_err, std::int32_t status, passwordless::error e) {
    if (out_err != nullptr) {
        auto* h = new error_h;
        h->value = std::move(e);
        *out_err = to_c<passwordless_error>(h);
    }
    return status;
}

/// A protocol failure: the status is the error's kind.
inline std::int32_t fail(passwordless_error** out_err, passwordless::error e) {
    const std::int32_t k = c_kind(e.kind);
    return fail(out_err, k > 0 ? k : PASSWORDLESS_E_INTERNAL, std::move(e));
}

/// Misuse of a parameter: a negative status, and an invalid_argument error naming it.
inline std::int32_t misuse(passwordless_error** out_err, std::int32_t status, const char* param) {
    const char* problem = status == PASSWORDLESS_E_NULL_ARG     ? "must not be NULL"
                          : status == PASSWORDLESS_E_BAD_HANDLE ? "is not a live handle of its type"
                                                                : "is invalid";
    return fail(out_err, status, passwordless::error::invalid_argument(param, problem));
}

/// Checks a pointer-and-length input: E_NULL_ARG for {NULL, n > 0}, E_INVALID_ARG when longer
/// than PASSWORDLESS_MAX_INPUT. `present` is false for {NULL, 0}.
inline std::int32_t check_span(const void* ptr, std::size_t len, bool& present) noexcept {
    if (ptr == nullptr) {
        present = false;
        return len == 0 ? PASSWORDLESS_OK : PASSWORDLESS_E_NULL_ARG;
    }
    if (len > PASSWORDLESS_MAX_INPUT) return PASSWORDLESS_E_INVALID_ARG;
    present = true;
    return PASSWORDLESS_OK;
}

/// Text input: as check_span, and it must be valid UTF-8.
inline std::int32_t text(passwordless_str s, std::optional<std::string_view>& out) noexcept {
    bool present = false;
    if (const std::int32_t st = check_span(s.ptr, s.len, present)) return st;
    if (!present) {
        out.reset();
        return PASSWORDLESS_OK;
    }
    const std::string_view v(s.ptr, s.len);
    if (!detail::is_valid_utf8(v)) return PASSWORDLESS_E_INVALID_ARG;
    out = v;
    return PASSWORDLESS_OK;
}

/// Byte input (absent is empty).
inline std::int32_t bytes(passwordless_bytes b, std::string_view& out) noexcept {
    bool present = false;
    if (const std::int32_t st = check_span(b.ptr, b.len, present)) return st;
    out = present ? std::string_view(reinterpret_cast<const char*>(b.ptr), b.len) : std::string_view();
    return PASSWORDLESS_OK;
}

/// Output views never carry a NULL pointer (an empty view points at "").
inline passwordless_str view(std::string_view s) noexcept {
    return passwordless_str{s.data() != nullptr ? s.data() : "", s.size()};
}
inline passwordless_bytes byte_view(std::string_view s) noexcept {
    return passwordless_bytes{reinterpret_cast<const std::uint8_t*>(s.data() != nullptr ? s.data() : ""), s.size()};
}

/// Writes a view of `s` when it is non-empty; E_ABSENT otherwise.
inline std::int32_t give(const std::string& s, passwordless_str* out) noexcept {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (s.empty()) return PASSWORDLESS_E_ABSENT;
    *out = view(s);
    return PASSWORDLESS_OK;
}

inline std::int32_t give(const std::optional<std::string>& s, passwordless_str* out) noexcept {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (!s) return PASSWORDLESS_E_ABSENT;
    *out = view(*s);
    return PASSWORDLESS_OK;
}

template <class T>
std::int32_t give(const std::optional<T>& v, std::int64_t* out) noexcept {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (!v) return PASSWORDLESS_E_ABSENT;
    *out = static_cast<std::int64_t>(*v);
    return PASSWORDLESS_OK;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

#endif
