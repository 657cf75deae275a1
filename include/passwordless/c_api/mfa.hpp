// passwordless C ABI, the "MFA" part of passwordless.h that needs no login: GET
// /mfa/authenticators and POST /mfa/challenge (requests and answers), the three MFA grants, and
// an mfa_required error's mfa_requirements. The login's MFA calls are in login.hpp.
#ifndef PASSWORDLESS_C_API_MFA_HPP
#define PASSWORDLESS_C_API_MFA_HPP

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
#include "passwordless/mfa.hpp"
#include "passwordless/token.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

/// Entry `index` of an authenticator list: OK, E_INVALID_ARG past the end, or a pointer problem.
inline std::int32_t open_authenticator(const passwordless_authenticators* list, std::size_t index,
                                       const mfa_authenticator*& out) noexcept {
    authenticators_h* h = nullptr;
    if (const std::int32_t st = open(list, h)) return st;
    if (index >= h->value.authenticators.size()) return PASSWORDLESS_E_INVALID_ARG;
    out = &h->value.authenticators[index];
    return PASSWORDLESS_OK;
}

/// The list `which` of an error's mfa_requirements: OK, E_ABSENT, E_INVALID_ARG or a pointer problem.
inline std::int32_t open_requirements(const passwordless_error* err, std::int32_t which, const std::vector<std::string>*& out) noexcept {
    error_h* h = nullptr;
    if (const std::int32_t st = open(err, h)) return st;
    if (which != PASSWORDLESS_MFAREQ_CHALLENGE && which != PASSWORDLESS_MFAREQ_ENROLL) return PASSWORDLESS_E_INVALID_ARG;
    if (!h->value.mfa_requirements) return PASSWORDLESS_E_ABSENT;
    out = which == PASSWORDLESS_MFAREQ_CHALLENGE ? &h->value.mfa_requirements->challenge : &h->value.mfa_requirements->enroll;
    return PASSWORDLESS_OK;
}

/// Opens the client and checks `out` and the mfa_token, first thing in every request builder.
inline std::int32_t open_mfa_call(const passwordless_client* client, const void* out, passwordless_str mfa_token, client_h*& h,
                                  std::string& token, passwordless_error** out_err) {
    if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
    if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
    std::optional<std::string_view> t;
    if (const std::int32_t st = text(mfa_token, t)) return misuse(out_err, st, "mfa_token");
    token = std::string(t.value_or(std::string_view()));
    return PASSWORDLESS_OK;
}

/// A request built by the C++ API handed out, or its failure.
inline std::int32_t give_request(result<request> req, passwordless_request** out, passwordless_error** out_err) {
    if (!req.ok()) return fail(out_err, std::move(req).failure());
    return hand_out<request_h>(std::move(req).value(), out);
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

extern "C" {

// ---- authenticators ---------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_client_mfa_authenticators_request(const passwordless_client* client, passwordless_str mfa_token,
                                                                        passwordless_request** out,
                                                                        passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        std::string token;
        if (const std::int32_t st = open_mfa_call(client, out, mfa_token, h, token, out_err)) return st;
        return give_request(passwordless::build_mfa_authenticators_request(h->value, token), out, out_err);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_mfa_authenticators_response(const passwordless_client* client,
                                                                         const passwordless_response* response, int64_t now,
                                                                         passwordless_authenticators** out,
                                                                         passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        response_h* r = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(response, r)) return misuse(out_err, st, "response");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto list = passwordless::parse_mfa_authenticators_response(r->value, now, h->value.limits());
        if (!list.ok()) return fail(out_err, std::move(list).failure());
        return hand_out<authenticators_h>(std::move(list).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_authenticators_free(passwordless_authenticators* list) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<authenticators_h>(list); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_authenticators_count(const passwordless_authenticators* list) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        authenticators_h* h = nullptr;
        if (const std::int32_t st = open(list, h)) return st;
        return count(h->value.authenticators.size());
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_authenticators_skipped(const passwordless_authenticators* list) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        authenticators_h* h = nullptr;
        if (const std::int32_t st = open(list, h)) return st;
        return count(h->value.skipped);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_authenticators_str(const passwordless_authenticators* list, size_t index, int32_t field,
                                                         passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const passwordless::mfa_authenticator* a = nullptr;
        if (const std::int32_t st = open_authenticator(list, index, a)) return st;
        switch (field) {
            case PASSWORDLESS_AUTHF_ID: return give(a->id, out);
            case PASSWORDLESS_AUTHF_TYPE: return give(a->authenticator_type, out);
            case PASSWORDLESS_AUTHF_OOB_CHANNEL: return give(a->oob_channel, out);
            case PASSWORDLESS_AUTHF_NAME: return give(a->name, out);
            case PASSWORDLESS_AUTHF_KIND: return give(a->type, out);
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_authenticators_active(const passwordless_authenticators* list, size_t index,
                                                            bool* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const passwordless::mfa_authenticator* a = nullptr;
        if (const std::int32_t st = open_authenticator(list, index, a)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        if (!a->active) return PASSWORDLESS_E_ABSENT;
        *out = *a->active;
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- challenges -------------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_client_mfa_challenge_request(const passwordless_client* client, passwordless_str mfa_token,
                                                                   passwordless_str challenge_type, passwordless_str authenticator_id,
                                                                   passwordless_request** out,
                                                                   passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        passwordless::mfa_challenge_params p;
        if (const std::int32_t st = open_mfa_call(client, out, mfa_token, h, p.mfa_token, out_err)) return st;
        std::optional<std::string_view> type, id;
        if (const std::int32_t st = text(challenge_type, type)) return misuse(out_err, st, "challenge_type");
        if (const std::int32_t st = text(authenticator_id, id)) return misuse(out_err, st, "authenticator_id");
        p.challenge_type = owned(type);
        p.authenticator_id = owned(id);
        return give_request(passwordless::build_mfa_challenge_request(h->value, p), out, out_err);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_mfa_challenge_response(const passwordless_client* client,
                                                                    const passwordless_response* response, int64_t now,
                                                                    passwordless_mfa_challenge** out,
                                                                    passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        response_h* r = nullptr;
        if (const std::int32_t st = open(client, h)) return misuse(out_err, st, "client");
        if (const std::int32_t st = open(response, r)) return misuse(out_err, st, "response");
        if (out == nullptr) return misuse(out_err, PASSWORDLESS_E_NULL_ARG, "out");
        auto c = passwordless::parse_mfa_challenge_response(r->value, now, h->value.limits());
        if (!c.ok()) return fail(out_err, std::move(c).failure());
        return hand_out<mfa_challenge_h>(std::move(c).value(), out);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API void passwordless_mfa_challenge_free(passwordless_mfa_challenge* challenge) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY { release<mfa_challenge_h>(challenge); }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_mfa_challenge_str(const passwordless_mfa_challenge* challenge, int32_t field,
                                                        passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        mfa_challenge_h* h = nullptr;
        if (const std::int32_t st = open(challenge, h)) return st;
        switch (field) {
            case PASSWORDLESS_MFAF_CHALLENGE_TYPE: return give(h->value.challenge_type, out);
            case PASSWORDLESS_MFAF_OOB_CODE: return give(h->value.oob_code, out);
            case PASSWORDLESS_MFAF_BINDING_METHOD: return give(h->value.binding_method, out);
            default: return PASSWORDLESS_E_INVALID_ARG;
        }
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- the MFA grants ---------------------------------------------------------------------------

PASSWORDLESS_API int32_t passwordless_client_mfa_otp_request(const passwordless_client* client, passwordless_str mfa_token,
                                                             passwordless_str otp, passwordless_request** out,
                                                             passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        passwordless::mfa_otp_grant_params p;
        if (const std::int32_t st = open_mfa_call(client, out, mfa_token, h, p.mfa_token, out_err)) return st;
        std::optional<std::string_view> code;
        if (const std::int32_t st = text(otp, code)) return misuse(out_err, st, "otp");
        p.otp = std::string(code.value_or(std::string_view()));
        return give_request(passwordless::build_token_request(h->value, p), out, out_err);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_mfa_oob_request(const passwordless_client* client, passwordless_str mfa_token,
                                                             passwordless_str oob_code, passwordless_str binding_code,
                                                             passwordless_request** out,
                                                             passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        passwordless::mfa_oob_grant_params p;
        if (const std::int32_t st = open_mfa_call(client, out, mfa_token, h, p.mfa_token, out_err)) return st;
        std::optional<std::string_view> oob, binding;
        if (const std::int32_t st = text(oob_code, oob)) return misuse(out_err, st, "oob_code");
        if (const std::int32_t st = text(binding_code, binding)) return misuse(out_err, st, "binding_code");
        p.oob_code = std::string(oob.value_or(std::string_view()));
        p.binding_code = owned(binding);
        return give_request(passwordless::build_token_request(h->value, p), out, out_err);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_client_mfa_recovery_request(const passwordless_client* client, passwordless_str mfa_token,
                                                                  passwordless_str recovery_code, passwordless_request** out,
                                                                  passwordless_error** out_err) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        client_h* h = nullptr;
        passwordless::mfa_recovery_grant_params p;
        if (const std::int32_t st = open_mfa_call(client, out, mfa_token, h, p.mfa_token, out_err)) return st;
        std::optional<std::string_view> code;
        if (const std::int32_t st = text(recovery_code, code)) return misuse(out_err, st, "recovery_code");
        p.recovery_code = std::string(code.value_or(std::string_view()));
        return give_request(passwordless::build_token_request(h->value, p), out, out_err);
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

// ---- mfa_requirements of an mfa_required error ------------------------------------------------

PASSWORDLESS_API int32_t passwordless_error_mfa_requirement_count(const passwordless_error* err, int32_t list) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const std::vector<std::string>* l = nullptr;
        if (const std::int32_t st = open_requirements(err, list, l)) return st;
        return count(l->size());
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

PASSWORDLESS_API int32_t passwordless_error_mfa_requirement_at(const passwordless_error* err, int32_t list, size_t index,
                                                               passwordless_str* out) PASSWORDLESS_NOEXCEPT {
    using namespace passwordless::c_api;
    PASSWORDLESS_C_TRY {
        const std::vector<std::string>* l = nullptr;
        if (const std::int32_t st = open_requirements(err, list, l)) return st;
        if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
        if (index >= l->size()) return PASSWORDLESS_E_INVALID_ARG;
        *out = view((*l)[index]);
        return PASSWORDLESS_OK;
    }
    PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)
}

}  // extern "C"

#endif
