// passwordless C ABI, the "session after the login" part of passwordless.h: revoking a refresh
// token, /userinfo, the logout URLs and whether tokens need a refresh. API errors are read by
// passwordless_resource_error (resource.hpp).
#ifndef PASSWORDLESS_C_API_SESSION_HPP
#define PASSWORDLESS_C_API_SESSION_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/convert.hpp"
#include "passwordless/c_api/dpop.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/logout.hpp"
#include "passwordless/revoke.hpp"
#include "passwordless/token.hpp"
#include "passwordless/userinfo.hpp"

extern "C" {

PASSWORDLESS_API int32_t passwordless_client_revoke_request(const passwordless_client* client, passwordless_str refresh_token,
                                                            passwordless_request** out,
                                                            passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        std::optional<std::string_view> token;
        if (const std::int32_t st = text(refresh_token, token)) return misuse(out_err, st, "refresh_token");
        passwordless::revoke_params p;
        p.refresh_token = std::string(token.value_or(std::string_view()));
        auto req = passwordless::build_revoke_request(h->value, p);
        if (!req.ok()) return fail(out_err, std::move(req).failure());
        return hand_out<request_h>(std::move(req).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_revoke_response(const passwordless_client* client, const passwordless_response* response,
                                                             int64_t now, passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        response_h* r = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(response, r)) return misuse(out_err, st, "response");
        if (auto e = passwordless::parse_revoke_response(r->value, now, h->value.limits())) return fail(out_err, std::move(*e));
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_userinfo_request(const passwordless_client* client, passwordless_str access_token,
                                                              passwordless_str token_type, const passwordless_dpop_key* key,
                                                              passwordless_str nonce, int64_t now, passwordless_request** out,
                                                              passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        dpop_key_h* k = nullptr;
        if (key != nullptr)
            if (const std::int32_t st = open(key, k)) return misuse(out_err, st, "key");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        std::optional<std::string_view> token, type, n;
        if (const std::int32_t st = text(access_token, token)) return misuse(out_err, st, "access_token");
        if (const std::int32_t st = text(token_type, type)) return misuse(out_err, st, "token_type");
        if (const std::int32_t st = text(nonce, n)) return misuse(out_err, st, "nonce");
        passwordless::userinfo_params p;
        p.access_token = std::string(token.value_or(std::string_view()));
        p.token_type = std::string(type.value_or(std::string_view("Bearer")));
        std::optional<passwordless::userinfo_proof> proof;
        if (k != nullptr)
            proof = passwordless::userinfo_proof{core_key(k->public_key, k->cb), now, fresh_jti(*k->cb),
                                                 std::string(n.value_or(std::string_view()))};
        auto req = passwordless::build_userinfo_request(h->value, p, proof);
        if (!req.ok()) return fail(out_err, std::move(req).failure());
        return hand_out<request_h>(std::move(req).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_userinfo_response(const passwordless_client* client,
                                                               const passwordless_response* response, int64_t now,
                                                               passwordless_claims** out,
                                                               passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        response_h* r = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(response, r)) return misuse(out_err, st, "response");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto claims = passwordless::parse_userinfo_response(r->value, now, h->value.limits());
        if (!claims.ok()) return fail(out_err, std::move(claims).failure());
        return hand_out<claims_h>(std::move(claims).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_logout_url(const passwordless_client* client, int32_t kind, passwordless_str redirect_uri,
                                                        passwordless_str id_token_hint, passwordless_str state, int32_t federated,
                                                        passwordless_request** out, passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        std::optional<std::string_view> redirect, hint, st8;
        if (const std::int32_t st = text(redirect_uri, redirect)) return misuse(out_err, st, "redirect_uri");
        if (const std::int32_t st = text(id_token_hint, hint)) return misuse(out_err, st, "id_token_hint");
        if (const std::int32_t st = text(state, st8)) return misuse(out_err, st, "state");
        if (federated != 0 && federated != 1) return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, "federated");
        passwordless::result<std::string> url = std::string();
        if (kind == PASSWORDLESS_LOGOUT_V2) {
            if (hint || st8) return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, hint ? "id_token_hint" : "state");
            passwordless::v2_logout_params p;
            p.return_to = owned(redirect);
            p.federated = federated == 1;
            url = passwordless::build_logout_url(h->value, p);
        } else if (kind == PASSWORDLESS_LOGOUT_OIDC) {
            if (federated != 0) return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, "federated");
            passwordless::oidc_logout_params p;
            p.post_logout_redirect_uri = owned(redirect);
            p.id_token_hint = owned(hint);
            p.state = owned(st8);
            url = passwordless::build_logout_url(h->value, p);
        } else {
            return misuse(out_err, PASSWORDLESS_E_INVALID_ARG, "kind");
        }
        if (!url.ok()) return fail(out_err, std::move(url).failure());
        passwordless::request r;
        r.method = "GET";
        r.url = std::move(url).value();
        return hand_out<request_h>(std::move(r), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_tokens_freshness(const passwordless_tokens* tokens, int64_t now,
                                                       int64_t margin) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        tokens_h* h = nullptr;
        if (const std::int32_t st = open(tokens, h)) return st;
        switch (passwordless::access_token_freshness(h->value, now, margin)) {
            case passwordless::token_freshness::fresh: return PASSWORDLESS_TOKENS_FRESH;
            case passwordless::token_freshness::refresh_now: return PASSWORDLESS_TOKENS_REFRESH_NOW;
            case passwordless::token_freshness::expiry_unknown: return PASSWORDLESS_TOKENS_EXPIRY_UNKNOWN;
        }
        return PASSWORDLESS_E_INTERNAL;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
