// passwordless C ABI: the work behind the entry points for errors, clients, key sets, requests
// and responses. Plain C++ over the core; impl.hpp wraps each function in the exception boundary.
#ifndef PASSWORDLESS_C_API_OPS_HPP
#define PASSWORDLESS_C_API_OPS_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/c_api/handles.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/jwks.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

// ---- names ------------------------------------------------------------------------------------

inline const char* status_str(std::int32_t status) noexcept {
    if (status == PASSWORDLESS_OK) return "ok";
    if (status < 0) {
        const std::int64_t i = -static_cast<std::int64_t>(status) - 1;
        if (i < static_cast<std::int64_t>(sizeof status_names / sizeof status_names[0]))
            return status_names[static_cast<std::size_t>(i)];
        return "unknown";
    }
    const error_kind* k = row(kinds, status, 1);
    return k != nullptr ? to_string(*k).data() : "unknown";  // to_string's views are literals
}

inline const char* action_str(std::int32_t action) noexcept {
    const error_action* a = row(actions, action, 0);
    return a != nullptr ? to_string(*a).data() : "unknown";
}

inline const char* state_str(std::int32_t state) noexcept {
    const flow_state* s = row(states, state, 0);
    return s != nullptr ? to_string(*s).data() : "unknown";
}

inline const char* next_str(std::int32_t next) noexcept {
    switch (next) {
        case PASSWORDLESS_NEXT_SEND_REQUEST: return "send_request";
        case PASSWORDLESS_NEXT_ASK_FOR_CODE: return "ask_for_code";
        case PASSWORDLESS_NEXT_REQUEST_NEW_CODE: return "request_new_code";
        case PASSWORDLESS_NEXT_WAIT_UNTIL: return "wait_until";
        case PASSWORDLESS_NEXT_START_OVER: return "start_over";
        case PASSWORDLESS_NEXT_DONE: return "done";
        case PASSWORDLESS_NEXT_STOP: return "stop";
        case PASSWORDLESS_NEXT_NONE: return "none";
        case PASSWORDLESS_NEXT_RETRY: return "retry";
        default: return "unknown";
    }
}

// ---- errors -----------------------------------------------------------------------------------

inline std::int32_t error_clone(const passwordless_error* err, passwordless_error** out) {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    auto* copy = new error_h;
    copy->value = h->value;
    *out = to_c<passwordless_error>(copy);
    return PASSWORDLESS_OK;
}

inline std::int32_t error_kind_of(const passwordless_error* err) noexcept {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    const std::int32_t k = c_kind(h->value.kind);
    return k > 0 ? k : PASSWORDLESS_KIND_UNKNOWN_ERROR;
}

inline std::int32_t error_action_of(const passwordless_error* err) noexcept {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    const std::int32_t a = c_action(h->value.action);
    return a >= 0 ? a : PASSWORDLESS_ACTION_GIVE_UP;
}

inline std::int32_t error_status(const passwordless_error* err) noexcept {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    return h->value.status ? static_cast<std::int32_t>(*h->value.status) : 0;
}

inline std::int32_t error_retry_at(const passwordless_error* err, std::int64_t* out) noexcept {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    return give(h->value.retry_at, out);
}

inline std::int32_t error_rate_limit(const passwordless_error* err, std::int64_t* limit, std::int64_t* remaining,
                                     std::int64_t* reset_at) noexcept {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    if (!h->value.rate_limit) return PASSWORDLESS_E_ABSENT;
    const rate_limit_info& r = *h->value.rate_limit;
    if (limit != nullptr) *limit = r.limit.value_or(-1);
    if (remaining != nullptr) *remaining = r.remaining.value_or(-1);
    if (reset_at != nullptr) *reset_at = r.reset.value_or(-1);
    return PASSWORDLESS_OK;
}

inline std::int32_t error_field(const passwordless_error* err, std::int32_t field, passwordless_str* out) noexcept {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    const passwordless::error& e = h->value;
    switch (field) {
        case PASSWORDLESS_ERRF_CODE: return give(e.code, out);
        case PASSWORDLESS_ERRF_DESCRIPTION: return give(e.description, out);
        case PASSWORDLESS_ERRF_FIELD: return give(e.field, out);
        case PASSWORDLESS_ERRF_REASON: return give(e.reason, out);
        case PASSWORDLESS_ERRF_MFA_TOKEN: return give(e.mfa_token, out);
        case PASSWORDLESS_ERRF_DPOP_NONCE: return give(e.dpop_nonce, out);
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

// ---- client -----------------------------------------------------------------------------------

template <class H, class C>
std::int32_t make(C** out) {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    *out = to_c<C>(new H);
    return PASSWORDLESS_OK;
}

inline std::int32_t client_options_set_str(passwordless_client_options* opts, std::int32_t option, passwordless_str value) {
    client_options_h* h = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;
    std::optional<std::string_view> v;
    if (const std::int32_t st = text(value, v)) return st;
    client_config& c = h->config;
    const std::string s(v.value_or(std::string_view()));
    switch (option) {
        case PASSWORDLESS_CLIENT_DOMAIN: c.domain = s; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_BASE_URL: c.base_url = s; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_ID: c.client_id = s; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_SECRET: c.client_secret = s; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_ASSERTION: c.client_assertion = s; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_TELEMETRY_NAME:
            if (!c.telemetry) c.telemetry.emplace();
            c.telemetry->name = s;
            return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_TELEMETRY_VERSION:
            if (!c.telemetry) c.telemetry.emplace();
            c.telemetry->version = s;
            return PASSWORDLESS_OK;
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t client_options_set_int(passwordless_client_options* opts, std::int32_t option, std::int64_t value) {
    client_options_h* h = nullptr;
    if (const std::int32_t st = open(opts, h)) return st;
    client_config& c = h->config;
    const bool flag = value == 0 || value == 1;
    const std::size_t size = value < 0 ? 0 : static_cast<std::size_t>(static_cast<std::uint64_t>(value));
    switch (option) {
        case PASSWORDLESS_CLIENT_TOKEN_AUTH_BASIC:
            if (!flag) return PASSWORDLESS_E_INVALID_ARG;
            c.token_auth = value == 1 ? token_endpoint_auth::client_secret_basic : token_endpoint_auth::client_secret_post;
            return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_TOKEN_FORM:
            if (!flag) return PASSWORDLESS_E_INVALID_ARG;
            c.token_encoding = value == 1 ? body_encoding::form : body_encoding::json;
            return PASSWORDLESS_OK;
        default: break;
    }
    // The limits: client::create checks their ranges; here only that they are sizes.
    if (value < 0 || static_cast<std::uint64_t>(value) > (std::uint64_t{1} << 40)) return PASSWORDLESS_E_INVALID_ARG;
    switch (option) {
        case PASSWORDLESS_CLIENT_MAX_BODY_BYTES: c.limits.max_body_bytes = size; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_MAX_JSON_DEPTH: c.limits.max_json_depth = size; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_MAX_TOKEN_BYTES: c.limits.max_token_bytes = size; return PASSWORDLESS_OK;
        case PASSWORDLESS_CLIENT_MAX_INPUT_BYTES: c.limits.max_input_bytes = size; return PASSWORDLESS_OK;
        default: return PASSWORDLESS_E_INVALID_ARG;
    }
}

inline std::int32_t client_new(const passwordless_client_options* opts, passwordless_client** out, passwordless_error** out_err) {
    client_options_h* h = nullptr;
    if (const std::int32_t st = open(opts, h)) return misuse(out_err, st, "opts");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto created = client::create(h->config);
    if (!created.ok()) return fail(out_err, std::move(created).failure());
    *out = to_c<passwordless_client>(new client_h(std::move(created).value()));
    return PASSWORDLESS_OK;
}

inline std::int32_t client_expected_issuer(const passwordless_client* c, passwordless_str* out) noexcept {
    client_h* h = nullptr;
    if (const std::int32_t st = open(c, h)) return st;
    return give(h->issuer, out);
}

inline std::int32_t new_request(passwordless::request r, passwordless_request** out) {
    auto* h = new request_h;
    h->value = std::move(r);
    *out = to_c<passwordless_request>(h);
    return PASSWORDLESS_OK;
}

inline std::int32_t client_refresh_request(const passwordless_client* c, passwordless_str refresh_token, passwordless_str scope,
                                           passwordless_str audience, passwordless_request** out, passwordless_error** out_err) {
    client_h* h = nullptr;
    if (const std::int32_t st = open(c, h)) return misuse(out_err, st, "client");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    std::optional<std::string_view> token, sc, aud;
    if (const std::int32_t st = text(refresh_token, token)) return misuse(out_err, st, "refresh_token");
    if (const std::int32_t st = text(scope, sc)) return misuse(out_err, st, "scope");
    if (const std::int32_t st = text(audience, aud)) return misuse(out_err, st, "audience");
    refresh_grant_params p;
    p.refresh_token = std::string(token.value_or(std::string_view()));
    if (sc) p.scope = std::string(*sc);
    if (aud) p.audience = std::string(*aud);
    auto req = build_token_request(h->value, p);
    if (!req.ok()) return fail(out_err, std::move(req).failure());
    return new_request(std::move(req).value(), out);
}

/// The tokens of a token response to a request of `grant` (errors classified for that grant).
inline std::int32_t token_response_for(token_grant grant, const passwordless_client* c, const passwordless_response* r,
                                       std::int64_t now, passwordless_tokens** out, passwordless_error** out_err) {
    client_h* h = nullptr;
    response_h* resp = nullptr;
    if (const std::int32_t st = open(c, h)) return misuse(out_err, st, "client");
    if (const std::int32_t st = open(r, resp)) return misuse(out_err, st, "response");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto parsed = parse_token_response(resp->value, grant, now, h->value.limits());
    if (!parsed.ok()) return fail(out_err, std::move(parsed).failure());
    auto* t = new tokens_h;
    t->value = std::move(parsed).value();
    *out = to_c<passwordless_tokens>(t);
    return PASSWORDLESS_OK;
}

inline std::int32_t client_token_response(const passwordless_client* c, const passwordless_response* r, std::int64_t now,
                                          passwordless_tokens** out, passwordless_error** out_err) {
    return token_response_for(token_grant::refresh, c, r, now, out, out_err);
}

inline std::int32_t client_jwks_request(const passwordless_client* c, passwordless_request** out) {
    client_h* h = nullptr;
    if (const std::int32_t st = open(c, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    passwordless::request r;
    r.method = "GET";
    r.url = h->value.endpoint_url("/.well-known/jwks.json");
    r.headers.push_back(header{"accept", "application/json"});
    if (!h->value.telemetry_header().empty()) r.headers.push_back(header{"auth0-client", h->value.telemetry_header()});
    return new_request(std::move(r), out);
}

// ---- key sets ---------------------------------------------------------------------------------

/// A key as the JSON object the verifier callback receives (n and e in base64url again).
inline std::string key_json(const jwk& k) {
    std::string out = "{";
    auto member = [&](const char* name, std::string_view value) {
        if (value.empty()) return;
        if (out.size() > 1) out.push_back(',');
        detail::append_json_string(out, name);
        out.push_back(':');
        detail::append_json_string(out, value);
    };
    member("kty", k.kty);
    member("kid", k.kid);
    member("alg", k.alg);
    member("use", k.use);
    member("n", detail::base64_encode(k.n, detail::base64_alphabet::url, false));
    member("e", detail::base64_encode(k.e, detail::base64_alphabet::url, false));
    if (!k.x5c.empty()) {
        out.append(",\"x5c\":[");
        for (std::size_t i = 0; i < k.x5c.size(); ++i) {
            if (i > 0) out.push_back(',');
            detail::append_json_string(out, k.x5c[i]);
        }
        out.push_back(']');
    }
    out.push_back('}');
    return out;
}

inline std::int32_t new_keyset(jwks set, passwordless_keyset** out) {
    auto data = std::make_shared<keyset_data>();
    data->key_json.reserve(set.keys.size());
    for (const jwk& k : set.keys) data->key_json.push_back(key_json(k));
    data->keys = std::move(set);
    auto* h = new keyset_h;
    h->data = std::move(data);
    *out = to_c<passwordless_keyset>(h);
    return PASSWORDLESS_OK;
}

inline std::int32_t keyset_parse(passwordless_bytes document, passwordless_keyset** out, passwordless_error** out_err) {
    std::string_view doc;
    if (const std::int32_t st = bytes(document, doc)) return misuse(out_err, st, "document");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto set = parse_jwks(doc);
    if (!set.ok()) return fail(out_err, std::move(set).failure());
    return new_keyset(std::move(set).value(), out);
}

inline std::int32_t client_jwks_response(const passwordless_client* c, const passwordless_response* r, std::int64_t now,
                                         passwordless_keyset** out, passwordless_error** out_err) {
    client_h* h = nullptr;
    response_h* resp = nullptr;
    if (const std::int32_t st = open(c, h)) return misuse(out_err, st, "client");
    if (const std::int32_t st = open(r, resp)) return misuse(out_err, st, "response");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    auto set = parse_jwks_response(resp->value, now, h->value.limits());
    if (!set.ok()) return fail(out_err, std::move(set).failure());
    return new_keyset(std::move(set).value(), out);
}

inline std::int32_t keyset_count(const passwordless_keyset* keys) noexcept {
    keyset_h* h = nullptr;
    if (const std::int32_t st = open(keys, h)) return st;
    const std::size_t n = h->data->keys.keys.size();
    return n > 0x7fffffffu ? 0x7fffffff : static_cast<std::int32_t>(n);
}

/// The JSON of the key with `kid`, or nullptr.
inline const std::string* find_key_json(const keyset_data& data, std::string_view kid) noexcept {
    for (std::size_t i = 0; i < data.keys.keys.size(); ++i)
        if (data.keys.keys[i].kid == kid) return &data.key_json[i];
    return nullptr;
}

inline std::int32_t keyset_find(const passwordless_keyset* keys, passwordless_str kid, passwordless_str* out) noexcept {
    keyset_h* h = nullptr;
    if (const std::int32_t st = open(keys, h)) return st;
    std::optional<std::string_view> k;
    if (const std::int32_t st = text(kid, k)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    const std::string* json = find_key_json(*h->data, k.value_or(std::string_view()));
    if (json == nullptr) return PASSWORDLESS_E_ABSENT;
    *out = view(*json);
    return PASSWORDLESS_OK;
}

// ---- requests and responses -------------------------------------------------------------------

inline std::int32_t request_method(const passwordless_request* r, passwordless_str* out) noexcept {
    request_h* h = nullptr;
    if (const std::int32_t st = open(r, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    *out = view(h->value.method);
    return PASSWORDLESS_OK;
}

inline std::int32_t request_url(const passwordless_request* r, passwordless_str* out) noexcept {
    request_h* h = nullptr;
    if (const std::int32_t st = open(r, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    *out = view(h->value.url);
    return PASSWORDLESS_OK;
}

inline std::int32_t request_header_count(const passwordless_request* r) noexcept {
    request_h* h = nullptr;
    if (const std::int32_t st = open(r, h)) return st;
    return static_cast<std::int32_t>(h->value.headers.size());  // a handful, by construction
}

inline std::int32_t request_header_at(const passwordless_request* r, std::size_t index, passwordless_str* name,
                                      passwordless_str* value) noexcept {
    request_h* h = nullptr;
    if (const std::int32_t st = open(r, h)) return st;
    if (name == nullptr || value == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (index >= h->value.headers.size()) return PASSWORDLESS_E_INVALID_ARG;
    *name = view(h->value.headers[index].name);
    *value = view(h->value.headers[index].value);
    return PASSWORDLESS_OK;
}

inline std::int32_t request_body(const passwordless_request* r, passwordless_bytes* out) noexcept {
    request_h* h = nullptr;
    if (const std::int32_t st = open(r, h)) return st;
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    *out = byte_view(h->value.body);
    return PASSWORDLESS_OK;
}

inline std::int32_t response_new(std::int32_t status, passwordless_response** out) {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (status < 100 || status > 999) return PASSWORDLESS_E_INVALID_ARG;
    auto* h = new response_h;
    h->value.status = status;
    *out = to_c<passwordless_response>(h);
    return PASSWORDLESS_OK;
}

/// The most headers a response may carry through the C ABI.
inline constexpr std::size_t max_response_headers = 1000;

inline std::int32_t response_add_header(passwordless_response* r, passwordless_bytes name, passwordless_bytes value) {
    response_h* h = nullptr;
    if (const std::int32_t st = open(r, h)) return st;
    std::string_view n, v;
    if (const std::int32_t st = bytes(name, n)) return st;
    if (const std::int32_t st = bytes(value, v)) return st;
    if (h->value.headers.size() >= max_response_headers) return PASSWORDLESS_E_INVALID_ARG;
    h->value.headers.push_back(header{std::string(n), std::string(v)});
    return PASSWORDLESS_OK;
}

inline std::int32_t response_set_body(passwordless_response* r, passwordless_bytes body) {
    response_h* h = nullptr;
    if (const std::int32_t st = open(r, h)) return st;
    std::string_view b;
    if (const std::int32_t st = bytes(body, b)) return st;
    h->value.body.assign(b.data() == nullptr ? "" : b.data(), b.size());
    return PASSWORDLESS_OK;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

#endif
