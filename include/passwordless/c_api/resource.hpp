// passwordless C ABI, the "resource server's answer" part of passwordless.h: the challenges of
// WWW-Authenticate headers, and a resource server's refusal classified into an error.
#ifndef PASSWORDLESS_C_API_RESOURCE_HPP
#define PASSWORDLESS_C_API_RESOURCE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/convert.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/http.hpp"
#include "passwordless/version.hpp"
#include "passwordless/www_authenticate.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

/// Challenge `index` of a challenges handle: OK, a bad handle, or E_INVALID_ARG past the end.
inline std::int32_t open_challenge(const passwordless_challenges* ch, std::size_t index, const auth_challenge*& out) noexcept {
    challenges_h* h = nullptr;
    if (const std::int32_t st = open(ch, h)) return st;
    if (index >= h->list.size()) return PASSWORDLESS_E_INVALID_ARG;
    out = &h->list[index];
    return PASSWORDLESS_OK;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

extern "C" {

PASSWORDLESS_API int32_t passwordless_response_challenges(const passwordless_response* resp, passwordless_challenges** out,
                                                          passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        response_h* r = nullptr;
        if (const std::int32_t st = open(resp, r)) return misuse(out_err, st, "resp");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto list = passwordless::parse_www_authenticate(r->value);
        if (!list)
            return fail(out_err, passwordless::error::make(passwordless::error_kind::malformed_response,
                                                           "a WWW-Authenticate header is malformed or over the parser's caps"));
        auto* h = new challenges_h;
        h->list = std::move(*list);
        *out = to_c<passwordless_challenges>(h);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_challenges_free(passwordless_challenges* ch) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<challenges_h>(ch); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_challenges_count(const passwordless_challenges* ch) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        challenges_h* h = nullptr;
        if (const std::int32_t st = open(ch, h)) return st;
        return count(h->list.size());
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_challenges_scheme(const passwordless_challenges* ch, size_t index,
                                                        passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const passwordless::auth_challenge* c = nullptr;
        if (const std::int32_t st = open_challenge(ch, index, c)) return st;
        return give(c->scheme, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_challenges_token68(const passwordless_challenges* ch, size_t index,
                                                         passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const passwordless::auth_challenge* c = nullptr;
        if (const std::int32_t st = open_challenge(ch, index, c)) return st;
        return give(c->token68, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_challenges_param(const passwordless_challenges* ch, size_t index, passwordless_str name,
                                                       passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const passwordless::auth_challenge* c = nullptr;
        if (const std::int32_t st = open_challenge(ch, index, c)) return st;
        std::optional<std::string_view> n;
        if (const std::int32_t st = text(name, n)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        const std::string_view wanted = n.value_or(std::string_view());
        for (const auto& p : c->params) {
            if (!passwordless::header_name_equals(p.first, wanted)) continue;  // names are stored lower case
            *out = view(p.second);
            return PASSWORDLESS_OK;
        }
        return PASSWORDLESS_E_ABSENT;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_challenges_param_count(const passwordless_challenges* ch, size_t index) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const passwordless::auth_challenge* c = nullptr;
        if (const std::int32_t st = open_challenge(ch, index, c)) return st;
        return count(c->params.size());
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_challenges_param_at(const passwordless_challenges* ch, size_t index, size_t param,
                                                          passwordless_str* name, passwordless_str* value) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const passwordless::auth_challenge* c = nullptr;
        if (const std::int32_t st = open_challenge(ch, index, c)) return st;
        if (name == nullptr || value == nullptr) return PASSWORDLESS_E_NULL_ARG;
        if (param >= c->params.size()) return PASSWORDLESS_E_INVALID_ARG;
        *name = view(c->params[param].first);
        *value = view(c->params[param].second);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_resource_error(const passwordless_response* resp, int64_t now,
                                                     passwordless_error** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        response_h* r = nullptr;
        if (const std::int32_t st = open(resp, r)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        if (r->value.status >= 200 && r->value.status < 300) return PASSWORDLESS_E_INVALID_ARG;
        return hand_out<error_h>(passwordless::classify_resource_error(r->value, now), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
