// passwordless C ABI, the "versions" and "statuses and errors" parts of passwordless.h: the
// version functions, the names of constants, and the error object's accessors.
#ifndef PASSWORDLESS_C_API_ERRORS_HPP
#define PASSWORDLESS_C_API_ERRORS_HPP

#include <cstddef>
#include <cstdint>

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/convert.hpp"
#include "passwordless/c_api/enums.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/error.hpp"
#include "passwordless/version.hpp"

static_assert(PASSWORDLESS_C_VERSION_MAJOR == PASSWORDLESS_VERSION_MAJOR && PASSWORDLESS_C_VERSION_MINOR == PASSWORDLESS_VERSION_MINOR &&
                  PASSWORDLESS_C_VERSION_PATCH == PASSWORDLESS_VERSION_PATCH,
              "passwordless.h and passwordless/version.hpp disagree on the version");

extern "C" {

PASSWORDLESS_API const char* passwordless_version_string(void) PASSWORDLESS_NOEXCEPT {
    return PASSWORDLESS_VERSION_STRING;
}

PASSWORDLESS_API uint32_t passwordless_version_number(void) PASSWORDLESS_NOEXCEPT {
    return PASSWORDLESS_VERSION_MAJOR * 10000u + PASSWORDLESS_VERSION_MINOR * 100u + PASSWORDLESS_VERSION_PATCH;
}

PASSWORDLESS_API uint32_t passwordless_abi_version(void) PASSWORDLESS_NOEXCEPT {
    return PASSWORDLESS_ABI_VERSION;
}

PASSWORDLESS_API const char* passwordless_status_str(int32_t status) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    if (status == PASSWORDLESS_OK) return "ok";
    if (status > 0) return name_in(kinds, status, 1);
    const std::int64_t i = -static_cast<std::int64_t>(status) - 1;
    if (i < static_cast<std::int64_t>(sizeof status_names / sizeof status_names[0])) return status_names[static_cast<std::size_t>(i)];
    return "unknown";
}

PASSWORDLESS_API const char* passwordless_action_str(int32_t action) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::name_in(passwordless::c_api::actions, action, 0);
}

PASSWORDLESS_API const char* passwordless_state_str(int32_t state) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::name_in(passwordless::c_api::states, state, 0);
}

PASSWORDLESS_API const char* passwordless_next_str(int32_t next) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::name_in(passwordless::c_api::nexts, next, 0);
}

PASSWORDLESS_API void passwordless_error_free(passwordless_error* err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_TRY { passwordless::c_api::release<passwordless::c_api::error_h>(err); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_error_clone(const passwordless_error* err, passwordless_error** out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        error_h* h = nullptr;
        if (const std::int32_t st = open(err, h)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        return hand_out<error_h>(h->value, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_error_kind(const passwordless_error* err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        error_h* h = nullptr;
        if (const std::int32_t st = open(err, h)) return st;
        const std::int32_t k = c_kind(h->value.kind);
        return k > 0 ? k : PASSWORDLESS_KIND_UNKNOWN_ERROR;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_error_action(const passwordless_error* err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        error_h* h = nullptr;
        if (const std::int32_t st = open(err, h)) return st;
        const std::int32_t a = c_action(h->value.action);
        return a >= 0 ? a : PASSWORDLESS_ACTION_GIVE_UP;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_error_status(const passwordless_error* err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        error_h* h = nullptr;
        if (const std::int32_t st = open(err, h)) return st;
        return h->value.status ? static_cast<std::int32_t>(*h->value.status) : 0;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_error_retry_at(const passwordless_error* err, int64_t* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        error_h* h = nullptr;
        if (const std::int32_t st = open(err, h)) return st;
        return give(h->value.retry_at, out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_error_rate_limit(const passwordless_error* err, int64_t* limit, int64_t* remaining,
                                                       int64_t* reset_at) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        error_h* h = nullptr;
        if (const std::int32_t st = open(err, h)) return st;
        if (!h->value.rate_limit) return PASSWORDLESS_E_ABSENT;
        const passwordless::rate_limit_info& r = *h->value.rate_limit;
        if (limit != nullptr) *limit = r.limit.value_or(-1);
        if (remaining != nullptr) *remaining = r.remaining.value_or(-1);
        if (reset_at != nullptr) *reset_at = r.reset.value_or(-1);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_error_field(const passwordless_error* err, int32_t field, passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
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
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
