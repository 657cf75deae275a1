// passwordless C ABI, the "key sets and ID tokens" part of passwordless.h: the tenant's JWKS, key
// sets, an ID token verified outside the login, and claims. Also what the login shares with
// passwordless_verify_id_token: the expectations and the verifier callback over a key set.
#ifndef PASSWORDLESS_C_API_KEYS_HPP
#define PASSWORDLESS_C_API_KEYS_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/client.hpp"
#include "passwordless/c_api/convert.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/jwks.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

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

/// A key set handle: the keys and each one's JSON.
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

/// The JSON of the key with `kid`, or nullptr.
inline const std::string* find_key_json(const keyset_data& data, std::string_view kid) noexcept {
    for (std::size_t i = 0; i < data.keys.keys.size(); ++i)
        if (data.keys.keys[i].kid == kid) return &data.key_json[i];
    return nullptr;
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

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

extern "C" {

// ---- the tenant's JWKS and key sets ----------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_client_jwks_request(const passwordless_client* client,
                                                          passwordless_request** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        return hand_out<request_h>(get_request(*h, h->value.endpoint_url("/.well-known/jwks.json")), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_jwks_response(const passwordless_client* client,
                                                           const passwordless_response* response, int64_t now,
                                                           passwordless_keyset** out,
                                                           passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        response_h* resp = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(response, resp)) return misuse(out_err, st, "response");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto set = passwordless::parse_jwks_response(resp->value, now, h->value.limits());
        if (!set.ok()) return fail(out_err, std::move(set).failure());
        return new_keyset(std::move(set).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_keyset_parse(passwordless_bytes document, passwordless_keyset** out,
                                                   passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        std::string_view doc;
        if (const std::int32_t st = bytes(document, doc)) return misuse(out_err, st, "document");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto set = passwordless::parse_jwks(doc);
        if (!set.ok()) return fail(out_err, std::move(set).failure());
        return new_keyset(std::move(set).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_keyset_free(passwordless_keyset* keys) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<keyset_h>(keys); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_keyset_count(const passwordless_keyset* keys) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        keyset_h* h = nullptr;
        if (const std::int32_t st = open(keys, h)) return st;
        return count(h->data->keys.keys.size());
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_keyset_skipped(const passwordless_keyset* keys) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        keyset_h* h = nullptr;
        if (const std::int32_t st = open(keys, h)) return st;
        return count(h->data->keys.skipped);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_keyset_find(const passwordless_keyset* keys, passwordless_str kid,
                                                  passwordless_str* jwk_json) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        keyset_h* h = nullptr;
        if (const std::int32_t st = open(keys, h)) return st;
        std::optional<std::string_view> k;
        if (const std::int32_t st = text(kid, k)) return st;
        if (jwk_json == nullptr) return PASSWORDLESS_E_NULL_ARG;
        const std::string* json = find_key_json(*h->data, k.value_or(std::string_view()));
        if (json == nullptr) return PASSWORDLESS_E_ABSENT;
        *jwk_json = view(*json);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- an ID token outside the login, and claims -----------------------------------------------

// verify_id_token with the expectations and signature check a login with `opts` would use
// (make_expectations, keyset_verifier; the skip option as the login honours it). The token is
// never quoted in an error.
PASSWORDLESS_API int32_t passwordless_verify_id_token(const passwordless_client* client, const passwordless_login_options* opts,
                                                      passwordless_str id_token, int64_t now, passwordless_claims** out,
                                                      passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* ch = nullptr;
        login_options_h* oh = nullptr;
        if (const std::int32_t st = open(client, ch)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(opts, oh)) return misuse(out_err, st, "opts");
        std::optional<std::string_view> token;
        if (const std::int32_t st = text(id_token, token)) return misuse(out_err, st, "id_token");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        const bool skip = oh->config.dangerous_skip_signature_check;
        if (!oh->verifier && !skip)
            return fail(out_err, PASSWORDLESS_E_INVALID_ARG,
                        passwordless::error::invalid_argument("verifier", "is required to verify ID tokens"));
        const passwordless::id_token_expectations x = make_expectations(*ch, *oh);
        const std::string_view t = token.value_or(std::string_view());
        auto claims = skip ? passwordless::verify_id_token(t, x, passwordless::dangerous_skip_signature_check, now, ch->value.limits())
                           : passwordless::verify_id_token(t, x, keyset_verifier(*oh), now, ch->value.limits());
        if (!claims.ok()) return fail(out_err, std::move(claims).failure());
        return hand_out<claims_h>(std::move(claims).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_claims_free(passwordless_claims* claims) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<claims_h>(claims); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_claims_str(const passwordless_claims* claims, passwordless_str name,
                                                 passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_claims_int(const passwordless_claims* claims, passwordless_str name,
                                                 int64_t* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        claims_h* h = nullptr;
        if (const std::int32_t st = open(claims, h)) return st;
        std::optional<std::string_view> n;
        if (const std::int32_t st = text(name, n)) return st;
        return give(h->value.integer_claim(n.value_or(std::string_view())), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_claims_bool(const passwordless_claims* claims, passwordless_str name,
                                                  bool* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_claims_json(const passwordless_claims* claims, passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        claims_h* h = nullptr;
        if (const std::int32_t st = open(claims, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        *out = view(h->value.payload_json());
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
