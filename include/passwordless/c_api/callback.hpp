// passwordless C ABI, the "magic-link callbacks" part of passwordless.h: the URL a magic link
// opened, and the authorization-code grant for its code.
#ifndef PASSWORDLESS_C_API_CALLBACK_HPP
#define PASSWORDLESS_C_API_CALLBACK_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/client.hpp"
#include "passwordless/c_api/convert.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/callback.hpp"
#include "passwordless/token.hpp"
#include "passwordless/version.hpp"

extern "C" {

PASSWORDLESS_API int32_t passwordless_callback_parse(passwordless_str url, passwordless_str expected_state,
                                                     passwordless_callback** out,
                                                     passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        std::optional<std::string_view> u, state;
        if (const std::int32_t st = text(url, u)) return misuse(out_err, st, "url");
        if (const std::int32_t st = text(expected_state, state)) return misuse(out_err, st, "expected_state");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto parsed = passwordless::parse_callback(u.value_or(std::string_view()), state.value_or(std::string_view()));
        if (!parsed.ok()) return fail(out_err, std::move(parsed).failure());
        return hand_out<callback_h>(std::move(parsed).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_callback_free(passwordless_callback* cb) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<callback_h>(cb); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_callback_str(const passwordless_callback* cb, int32_t field,
                                                   passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        callback_h* h = nullptr;
        if (const std::int32_t st = open(cb, h)) return st;
        const passwordless::callback_result& c = h->value;
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_callback_int(const passwordless_callback* cb, int32_t field, int64_t* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        callback_h* h = nullptr;
        if (const std::int32_t st = open(cb, h)) return st;
        if (field != PASSWORDLESS_CBF_EXPIRES_IN) return PASSWORDLESS_E_INVALID_ARG;
        return give(h->value.expires_in, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_code_request(const passwordless_client* client, passwordless_str code,
                                                          passwordless_str redirect_uri, passwordless_str code_verifier,
                                                          passwordless_request** out,
                                                          passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        std::optional<std::string_view> co, uri, verifier;
        if (const std::int32_t st = text(code, co)) return misuse(out_err, st, "code");
        if (const std::int32_t st = text(redirect_uri, uri)) return misuse(out_err, st, "redirect_uri");
        if (const std::int32_t st = text(code_verifier, verifier)) return misuse(out_err, st, "code_verifier");
        passwordless::authorization_code_params p;
        p.code = std::string(co.value_or(std::string_view()));
        p.redirect_uri = std::string(uri.value_or(std::string_view()));
        if (verifier && !verifier->empty()) p.code_verifier = std::string(*verifier);
        auto req = passwordless::build_token_request(h->value, p);
        if (!req.ok()) return fail(out_err, std::move(req).failure());
        return hand_out<request_h>(std::move(req).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_code_response(const passwordless_client* client,
                                                           const passwordless_response* response, int64_t now,
                                                           passwordless_tokens** out,
                                                           passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        return token_response_for(passwordless::token_grant::authorization_code, client, response, now, out, out_err);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
