// passwordless C ABI: the implementation of passwordless.h. Included by passwordless.h in the one
// C++17 translation unit that defines PASSWORDLESS_C_IMPLEMENTATION (the shared and static
// libraries' src/passwordless_c.cpp, or a vendoring application's own file). Every function
// checks its handles, never lets an exception out (the boundary of boundary.hpp), and forwards to
// passwordless::c_api (handles.hpp, ops.hpp, ops_login.hpp).
#ifndef PASSWORDLESS_C_API_IMPL_HPP
#define PASSWORDLESS_C_API_IMPL_HPP

#include "passwordless.h"
#include "passwordless/c_api/boundary.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/c_api/ops.hpp"
#include "passwordless/c_api/ops_login.hpp"
#include "passwordless/c_api/ops_more.hpp"
#include "passwordless/version.hpp"

static_assert(PASSWORDLESS_C_VERSION_MAJOR == PASSWORDLESS_VERSION_MAJOR && PASSWORDLESS_C_VERSION_MINOR == PASSWORDLESS_VERSION_MINOR &&
                  PASSWORDLESS_C_VERSION_PATCH == PASSWORDLESS_VERSION_PATCH,
              "passwordless.h and passwordless/version.hpp disagree on the version");

#define PASSWORDLESS_C_RETURN(status) return status;
#define PASSWORDLESS_C_IGNORE(status)
#define PASSWORDLESS_C_CALL(expr) PASSWORDLESS_C_BOUNDARY(return expr;, PASSWORDLESS_C_RETURN)

extern "C" {

PASSWORDLESS_API const char * passwordless_version_string(void) PASSWORDLESS_NOEXCEPT {
    return PASSWORDLESS_VERSION_STRING;
}

PASSWORDLESS_API uint32_t passwordless_version_number(void) PASSWORDLESS_NOEXCEPT {
    return PASSWORDLESS_VERSION_MAJOR * 10000u + PASSWORDLESS_VERSION_MINOR * 100u + PASSWORDLESS_VERSION_PATCH;
}

PASSWORDLESS_API uint32_t passwordless_abi_version(void) PASSWORDLESS_NOEXCEPT {
    return PASSWORDLESS_ABI_VERSION;
}

PASSWORDLESS_API const char * passwordless_status_str(int32_t status) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::status_str(status);
}

PASSWORDLESS_API const char * passwordless_action_str(int32_t action) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::action_str(action);
}

PASSWORDLESS_API const char * passwordless_state_str(int32_t state) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::state_str(state);
}

PASSWORDLESS_API const char * passwordless_next_str(int32_t next) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::next_str(next);
}

PASSWORDLESS_API void passwordless_error_free(passwordless_error *err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::error_h>(err);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_error_clone(const passwordless_error *err, passwordless_error **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::error_clone(err, out))
}

PASSWORDLESS_API int32_t passwordless_error_kind(const passwordless_error *err) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::error_kind_of(err);
}

PASSWORDLESS_API int32_t passwordless_error_action(const passwordless_error *err) PASSWORDLESS_NOEXCEPT {
    return passwordless::c_api::error_action_of(err);
}

PASSWORDLESS_API int32_t passwordless_error_status(const passwordless_error *err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::error_status(err))
}

PASSWORDLESS_API int32_t passwordless_error_retry_at(const passwordless_error *err, int64_t *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::error_retry_at(err, out))
}

PASSWORDLESS_API int32_t passwordless_error_rate_limit(const passwordless_error *err, int64_t *limit, int64_t *remaining, int64_t *reset_at) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::error_rate_limit(err, limit, remaining, reset_at))
}

PASSWORDLESS_API int32_t passwordless_error_field(const passwordless_error *err, int32_t field, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::error_field(err, field, out))
}

PASSWORDLESS_API int32_t passwordless_client_options_new(passwordless_client_options **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::make<passwordless::c_api::client_options_h>(out))
}

PASSWORDLESS_API void passwordless_client_options_free(passwordless_client_options *opts) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::client_options_h>(opts);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_client_options_set_str(passwordless_client_options *opts, int32_t option, passwordless_str value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_options_set_str(opts, option, value))
}

PASSWORDLESS_API int32_t passwordless_client_options_set_int(passwordless_client_options *opts, int32_t option, int64_t value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_options_set_int(opts, option, value))
}

PASSWORDLESS_API int32_t passwordless_client_new(const passwordless_client_options *opts, passwordless_client **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_new(opts, out, out_err))
}

PASSWORDLESS_API void passwordless_client_free(passwordless_client *client) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::client_h>(client);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_client_expected_issuer(const passwordless_client *client, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_expected_issuer(client, out))
}

PASSWORDLESS_API int32_t passwordless_client_refresh_request(const passwordless_client *client, passwordless_str refresh_token, passwordless_str scope, passwordless_str audience, passwordless_request **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_refresh_request(client, refresh_token, scope, audience, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_client_token_response(const passwordless_client *client, const passwordless_response *response, int64_t now, passwordless_tokens **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_token_response(client, response, now, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_client_jwks_request(const passwordless_client *client, passwordless_request **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_jwks_request(client, out))
}

PASSWORDLESS_API int32_t passwordless_client_jwks_response(const passwordless_client *client, const passwordless_response *response, int64_t now, passwordless_keyset **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_jwks_response(client, response, now, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_keyset_parse(passwordless_bytes document, passwordless_keyset **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::keyset_parse(document, out, out_err))
}

PASSWORDLESS_API void passwordless_keyset_free(passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::keyset_h>(keys);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_keyset_count(const passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::keyset_count(keys))
}

PASSWORDLESS_API int32_t passwordless_keyset_find(const passwordless_keyset *keys, passwordless_str kid, passwordless_str *jwk_json) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::keyset_find(keys, kid, jwk_json))
}

PASSWORDLESS_API void passwordless_request_free(passwordless_request *req) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::request_h>(req);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_request_method(const passwordless_request *req, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::request_method(req, out))
}

PASSWORDLESS_API int32_t passwordless_request_url(const passwordless_request *req, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::request_url(req, out))
}

PASSWORDLESS_API int32_t passwordless_request_header_count(const passwordless_request *req) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::request_header_count(req))
}

PASSWORDLESS_API int32_t passwordless_request_header_at(const passwordless_request *req, size_t index, passwordless_str *name, passwordless_str *value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::request_header_at(req, index, name, value))
}

PASSWORDLESS_API int32_t passwordless_request_body(const passwordless_request *req, passwordless_bytes *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::request_body(req, out))
}

PASSWORDLESS_API int32_t passwordless_response_new(int32_t status, passwordless_response **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::response_new(status, out))
}

PASSWORDLESS_API void passwordless_response_free(passwordless_response *resp) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::response_h>(resp);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_response_add_header(passwordless_response *resp, passwordless_bytes name, passwordless_bytes value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::response_add_header(resp, name, value))
}

PASSWORDLESS_API int32_t passwordless_response_set_body(passwordless_response *resp, passwordless_bytes body) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::response_set_body(resp, body))
}

PASSWORDLESS_API int32_t passwordless_login_options_new(passwordless_login_options **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::make<passwordless::c_api::login_options_h>(out))
}

PASSWORDLESS_API void passwordless_login_options_free(passwordless_login_options *opts) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::login_options_h>(opts);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_login_options_set_str(passwordless_login_options *opts, int32_t option, passwordless_str value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_options_set_str(opts, option, value))
}

PASSWORDLESS_API int32_t passwordless_login_options_set_int(passwordless_login_options *opts, int32_t option, int64_t value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_options_set_int(opts, option, value))
}

PASSWORDLESS_API int32_t passwordless_login_options_set_verifier(passwordless_login_options *opts, passwordless_verify_fn verify, void *user_data, passwordless_free_fn user_data_free) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_options_set_verifier(opts, verify, user_data, user_data_free))
}

PASSWORDLESS_API int32_t passwordless_login_options_set_keyset(passwordless_login_options *opts, const passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_options_set_keyset(opts, keys))
}

PASSWORDLESS_API int32_t passwordless_login_options_set_dpop(passwordless_login_options *opts, passwordless_str public_jwk, passwordless_dpop_sign_fn sign, passwordless_random_fn random, void *user_data, passwordless_free_fn user_data_free) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_options_set_dpop(opts, public_jwk, sign, random, user_data, user_data_free))
}

PASSWORDLESS_API int32_t passwordless_login_new(const passwordless_client *client, const passwordless_login_options *opts, passwordless_login **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_new(client, opts, out, out_err))
}

PASSWORDLESS_API void passwordless_login_free(passwordless_login *login) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::login_h>(login);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_login_state(const passwordless_login *login) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_state(login))
}

PASSWORDLESS_API int32_t passwordless_start_params_new(passwordless_start_params **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::make<passwordless::c_api::start_params_h>(out))
}

PASSWORDLESS_API void passwordless_start_params_free(passwordless_start_params *params) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::start_params_h>(params);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_start_params_set(passwordless_start_params *params, int32_t field, passwordless_str value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::start_params_set(params, field, value))
}

PASSWORDLESS_API int32_t passwordless_start_params_add_auth_param(passwordless_start_params *params, passwordless_str name, passwordless_str value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::start_params_add_auth_param(params, name, value))
}

PASSWORDLESS_API int32_t passwordless_login_start(passwordless_login *login, const passwordless_start_params *params, int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_start(login, params, now, out))
}

PASSWORDLESS_API int32_t passwordless_login_resend(passwordless_login *login, int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_resend(login, now, out))
}

PASSWORDLESS_API int32_t passwordless_login_submit_code(passwordless_login *login, passwordless_str code, int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_submit_code(login, code, now, out))
}

PASSWORDLESS_API int32_t passwordless_login_on_response(passwordless_login *login, const passwordless_response *response, int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_on_response(login, response, now, out))
}

PASSWORDLESS_API int32_t passwordless_login_on_transport_failure(passwordless_login *login, int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_on_transport_failure(login, now, out))
}

PASSWORDLESS_API int32_t passwordless_login_retry(passwordless_login *login, int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_retry(login, now, out))
}

PASSWORDLESS_API int32_t passwordless_login_cancel(passwordless_login *login, int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_cancel(login, now, out))
}

PASSWORDLESS_API int32_t passwordless_login_save(passwordless_login *login, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_save(login, out))
}

PASSWORDLESS_API int32_t passwordless_login_restore(const passwordless_client *client, const passwordless_login_options *opts, passwordless_str saved, int64_t now, passwordless_login **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_restore(client, opts, saved, now, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_login_save_sealed(passwordless_login *login, passwordless_bytes seal_key, passwordless_str *out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_save_sealed(login, seal_key, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_login_restore_sealed(const passwordless_client *client, const passwordless_login_options *opts, passwordless_str saved, passwordless_bytes seal_key, int64_t now, passwordless_login **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_restore_sealed(client, opts, saved, seal_key, now, out, out_err))
}

PASSWORDLESS_API void passwordless_step_free(passwordless_step *step) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::step_h>(step);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_step_state(const passwordless_step *step) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_state(step))
}

PASSWORDLESS_API int32_t passwordless_step_next(const passwordless_step *step) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_next(step))
}

PASSWORDLESS_API int32_t passwordless_step_event(const passwordless_step *step) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_event(step))
}

PASSWORDLESS_API int32_t passwordless_step_request(const passwordless_step *step, const passwordless_request **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_request(step, out))
}

PASSWORDLESS_API int32_t passwordless_step_error(const passwordless_step *step, const passwordless_error **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_error(step, out))
}

PASSWORDLESS_API int32_t passwordless_step_time(const passwordless_step *step, int32_t which, int64_t *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_time(step, which, out))
}

PASSWORDLESS_API int32_t passwordless_step_tokens(const passwordless_step *step, const passwordless_tokens **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_tokens(step, out))
}

PASSWORDLESS_API int32_t passwordless_step_claims(const passwordless_step *step, const passwordless_claims **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::step_claims(step, out))
}

PASSWORDLESS_API void passwordless_tokens_free(passwordless_tokens *tokens) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::tokens_h>(tokens);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_tokens_str(const passwordless_tokens *tokens, int32_t field, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::tokens_str(tokens, field, out))
}

PASSWORDLESS_API int32_t passwordless_tokens_int(const passwordless_tokens *tokens, int32_t field, int64_t *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::tokens_int(tokens, field, out))
}

PASSWORDLESS_API int32_t passwordless_claims_str(const passwordless_claims *claims, passwordless_str name, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::claims_str(claims, name, out))
}

PASSWORDLESS_API int32_t passwordless_claims_int(const passwordless_claims *claims, passwordless_str name, int64_t *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::claims_int(claims, name, out))
}

PASSWORDLESS_API int32_t passwordless_claims_bool(const passwordless_claims *claims, passwordless_str name, bool *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::claims_bool(claims, name, out))
}

PASSWORDLESS_API int32_t passwordless_claims_json(const passwordless_claims *claims, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::claims_json(claims, out))
}

#include "passwordless/c_api/impl_more.hpp"

}  // extern "C"

#undef PASSWORDLESS_C_CALL
#undef PASSWORDLESS_C_IGNORE
#undef PASSWORDLESS_C_RETURN

#endif
