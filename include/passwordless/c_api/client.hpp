// passwordless C ABI, the "client, requests and responses" part of passwordless.h: client options
// and clients, the requests the library builds and the responses the caller fills in, the refresh
// grant, token sets, and OpenID Connect discovery.
#ifndef PASSWORDLESS_C_API_CLIENT_HPP
#define PASSWORDLESS_C_API_CLIENT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/convert.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/client.hpp"
#include "passwordless/discovery.hpp"
#include "passwordless/http.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

/// The most headers a response may carry through the C ABI.
inline constexpr std::size_t max_response_headers = 1000;

/// A GET of `url` on the client's tenant (JWKS, discovery): accept JSON, and the telemetry header.
inline request get_request(const client_h& c, std::string url) {
    request r;
    r.method = "GET";
    r.url = std::move(url);
    r.headers.push_back(header{"accept", "application/json"});
    if (!c.value.telemetry_header().empty()) r.headers.push_back(header{"auth0-client", c.value.telemetry_header()});
    return r;
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
    return hand_out<tokens_h>(std::move(parsed).value(), out);
}

/// A discovery handle, with its algorithm lists comma-joined (what passwordless_discovery_str hands out).
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

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

extern "C" {

// ---- client options and clients --------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_client_options_new(passwordless_client_options** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return make<client_options_h>(out); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_client_options_free(passwordless_client_options* opts) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<client_options_h>(opts); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_client_options_set_str(passwordless_client_options* opts, int32_t option,
                                                             passwordless_str value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_options_h* h = nullptr;
        if (const std::int32_t st = open(opts, h)) return st;
        std::optional<std::string_view> v;
        if (const std::int32_t st = text(value, v)) return st;
        passwordless::client_config& c = h->config;
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_options_set_int(passwordless_client_options* opts, int32_t option,
                                                             int64_t value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_options_h* h = nullptr;
        if (const std::int32_t st = open(opts, h)) return st;
        passwordless::client_config& c = h->config;
        const bool flag = value == 0 || value == 1;
        switch (option) {
            case PASSWORDLESS_CLIENT_TOKEN_AUTH_BASIC:
                if (!flag) return PASSWORDLESS_E_INVALID_ARG;
                c.token_auth = value == 1 ? passwordless::token_endpoint_auth::client_secret_basic
                                          : passwordless::token_endpoint_auth::client_secret_post;
                return PASSWORDLESS_OK;
            case PASSWORDLESS_CLIENT_TOKEN_FORM:
                if (!flag) return PASSWORDLESS_E_INVALID_ARG;
                c.token_encoding = value == 1 ? passwordless::body_encoding::form : passwordless::body_encoding::json;
                return PASSWORDLESS_OK;
            default: break;
        }
        // The limits: client::create checks their ranges; here only that they are sizes.
        if (value < 0 || static_cast<std::uint64_t>(value) > (std::uint64_t{1} << 40)) return PASSWORDLESS_E_INVALID_ARG;
        const auto size = static_cast<std::size_t>(static_cast<std::uint64_t>(value));
        switch (option) {
            case PASSWORDLESS_CLIENT_MAX_BODY_BYTES: c.limits.max_body_bytes = size; return PASSWORDLESS_OK;
            case PASSWORDLESS_CLIENT_MAX_JSON_DEPTH: c.limits.max_json_depth = size; return PASSWORDLESS_OK;
            case PASSWORDLESS_CLIENT_MAX_TOKEN_BYTES: c.limits.max_token_bytes = size; return PASSWORDLESS_OK;
            case PASSWORDLESS_CLIENT_MAX_INPUT_BYTES: c.limits.max_input_bytes = size; return PASSWORDLESS_OK;
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_new(const passwordless_client_options* opts, passwordless_client** out,
                                                 passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_options_h* h = nullptr;
        if (const std::int32_t st = open(opts, h)) return misuse(out_err, st, "opts");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto created = passwordless::client::create(h->config);
        if (!created.ok()) return fail(out_err, std::move(created).failure());
        *out = to_c<passwordless_client>(new client_h(std::move(created).value()));
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_client_free(passwordless_client* client) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<client_h>(client); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_client_expected_issuer(const passwordless_client* client,
                                                             passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return st;
        return give(h->issuer, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- requests --------------------------------------------------------------------------------

PASSWORDLESS_API void passwordless_request_free(passwordless_request* req) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<request_h>(req); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_request_method(const passwordless_request* req, passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        request_h* h = nullptr;
        if (const std::int32_t st = open(req, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        *out = view(h->value.method);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_request_url(const passwordless_request* req, passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        request_h* h = nullptr;
        if (const std::int32_t st = open(req, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        *out = view(h->value.url);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_request_header_count(const passwordless_request* req) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        request_h* h = nullptr;
        if (const std::int32_t st = open(req, h)) return st;
        return count(h->value.headers.size());
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_request_header_at(const passwordless_request* req, size_t index, passwordless_str* name,
                                                        passwordless_str* value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        request_h* h = nullptr;
        if (const std::int32_t st = open(req, h)) return st;
        if (name == nullptr || value == nullptr) return PASSWORDLESS_E_NULL_ARG;
        if (index >= h->value.headers.size()) return PASSWORDLESS_E_INVALID_ARG;
        *name = view(h->value.headers[index].name);
        *value = view(h->value.headers[index].value);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_request_body(const passwordless_request* req, passwordless_bytes* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        request_h* h = nullptr;
        if (const std::int32_t st = open(req, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        *out = byte_view(h->value.body);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- responses -------------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_response_new(int32_t status, passwordless_response** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        if (status < 100 || status > 999) return PASSWORDLESS_E_INVALID_ARG;
        auto* h = new response_h;
        h->value.status = status;
        *out = to_c<passwordless_response>(h);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_response_free(passwordless_response* resp) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<response_h>(resp); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_response_add_header(passwordless_response* resp, passwordless_bytes name,
                                                          passwordless_bytes value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        response_h* h = nullptr;
        if (const std::int32_t st = open(resp, h)) return st;
        std::string_view n, v;
        if (const std::int32_t st = bytes(name, n)) return st;
        if (const std::int32_t st = bytes(value, v)) return st;
        if (h->value.headers.size() >= max_response_headers) return PASSWORDLESS_E_INVALID_ARG;
        h->value.headers.push_back(passwordless::header{std::string(n), std::string(v)});
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_response_set_body(passwordless_response* resp, passwordless_bytes body) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        response_h* h = nullptr;
        if (const std::int32_t st = open(resp, h)) return st;
        std::string_view b;
        if (const std::int32_t st = bytes(body, b)) return st;
        h->value.body.assign(b.data() == nullptr ? "" : b.data(), b.size());
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- the refresh grant and token sets --------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_client_refresh_request(const passwordless_client* client, passwordless_str refresh_token,
                                                             passwordless_str scope, passwordless_str audience,
                                                             passwordless_request** out,
                                                             passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        std::optional<std::string_view> token, sc, aud;
        if (const std::int32_t st = text(refresh_token, token)) return misuse(out_err, st, "refresh_token");
        if (const std::int32_t st = text(scope, sc)) return misuse(out_err, st, "scope");
        if (const std::int32_t st = text(audience, aud)) return misuse(out_err, st, "audience");
        passwordless::refresh_grant_params p;
        p.refresh_token = std::string(token.value_or(std::string_view()));
        p.scope = owned(sc);
        p.audience = owned(aud);
        auto req = passwordless::build_token_request(h->value, p);
        if (!req.ok()) return fail(out_err, std::move(req).failure());
        return hand_out<request_h>(std::move(req).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_token_response(const passwordless_client* client,
                                                            const passwordless_response* response, int64_t now,
                                                            passwordless_tokens** out,
                                                            passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { return token_response_for(passwordless::token_grant::refresh, client, response, now, out, out_err); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_tokens_free(passwordless_tokens* tokens) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<tokens_h>(tokens); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_tokens_str(const passwordless_tokens* tokens, int32_t field,
                                                 passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        tokens_h* h = nullptr;
        if (const std::int32_t st = open(tokens, h)) return st;
        const passwordless::token_set& t = h->value;
        switch (field) {
            case PASSWORDLESS_TOKF_ACCESS_TOKEN: return give(t.access_token, out);
            case PASSWORDLESS_TOKF_TOKEN_TYPE: return give(t.token_type, out);
            case PASSWORDLESS_TOKF_REFRESH_TOKEN: return give(t.refresh_token, out);
            case PASSWORDLESS_TOKF_ID_TOKEN: return give(t.id_token, out);
            case PASSWORDLESS_TOKF_SCOPE: return give(t.scope, out);
            case PASSWORDLESS_TOKF_RECOVERY_CODE: return give(t.recovery_code, out);
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_tokens_int(const passwordless_tokens* tokens, int32_t field, int64_t* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        tokens_h* h = nullptr;
        if (const std::int32_t st = open(tokens, h)) return st;
        switch (field) {
            case PASSWORDLESS_TOKF_EXPIRES_IN: return give(h->value.expires_in, out);
            case PASSWORDLESS_TOKF_EXPIRES_AT: return give(h->value.expires_at, out);
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- OpenID Connect discovery ----------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_client_discovery_request(const passwordless_client* client,
                                                               passwordless_request** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        return hand_out<request_h>(get_request(*h, passwordless::discovery_url(h->issuer)), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_discovery_response(const passwordless_client* client,
                                                                const passwordless_response* response, int64_t now,
                                                                passwordless_discovery** out,
                                                                passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        response_h* resp = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(response, resp)) return misuse(out_err, st, "response");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto config = passwordless::parse_openid_configuration_response(resp->value, h->issuer, now, h->value.limits());
        if (!config.ok()) return fail(out_err, std::move(config).failure());
        return new_discovery(std::move(config).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_discovery_parse(passwordless_bytes document, passwordless_str expected_issuer,
                                                      passwordless_discovery** out,
                                                      passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        std::string_view doc;
        std::optional<std::string_view> issuer;
        if (const std::int32_t st = bytes(document, doc)) return misuse(out_err, st, "document");
        if (const std::int32_t st = text(expected_issuer, issuer)) return misuse(out_err, st, "expected_issuer");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto config = passwordless::parse_openid_configuration(doc, issuer.value_or(std::string_view()));
        if (!config.ok()) return fail(out_err, std::move(config).failure());
        return new_discovery(std::move(config).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_discovery_free(passwordless_discovery* doc) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<discovery_h>(doc); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_discovery_str(const passwordless_discovery* doc, int32_t field,
                                                    passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
