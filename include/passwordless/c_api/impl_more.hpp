// passwordless C ABI: the entry points of passwordless_more.h (the second part of passwordless.h).
// Included by impl.hpp only, inside its extern "C" block and its PASSWORDLESS_C_CALL macros; each
// function forwards to passwordless::c_api (ops_more.hpp) inside the exception boundary.
#ifndef PASSWORDLESS_C_API_IMPL_MORE_HPP
#define PASSWORDLESS_C_API_IMPL_MORE_HPP

PASSWORDLESS_API int32_t passwordless_dpop_key_new(passwordless_str public_jwk, passwordless_dpop_sign_fn sign, passwordless_random_fn random, void *user_data, passwordless_free_fn user_data_free, passwordless_dpop_key **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::dpop_key_new(public_jwk, sign, random, user_data, user_data_free, out))
}

PASSWORDLESS_API void passwordless_dpop_key_free(passwordless_dpop_key *key) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::dpop_key_h>(key);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_dpop_key_thumbprint(const passwordless_dpop_key *key, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::dpop_key_thumbprint(key, out))
}

PASSWORDLESS_API int32_t passwordless_dpop_key_public_jwk(const passwordless_dpop_key *key, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::dpop_key_public_jwk(key, out))
}

PASSWORDLESS_API int32_t passwordless_login_options_set_dpop_key(passwordless_login_options *opts, const passwordless_dpop_key *key) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_options_set_dpop_key(opts, key))
}

PASSWORDLESS_API int32_t passwordless_dpop_resource_request(const passwordless_dpop_key *key, passwordless_str method, passwordless_str url, passwordless_str access_token, passwordless_str nonce, int64_t now, passwordless_request **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::dpop_resource_request(key, method, url, access_token, nonce, now, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_request_add_dpop_proof(passwordless_request *req, const passwordless_dpop_key *key, passwordless_str nonce, int64_t now, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::request_add_dpop_proof(req, key, nonce, now, out_err))
}

PASSWORDLESS_API int32_t passwordless_jwk_thumbprint(passwordless_str jwk_json, uint8_t *out, size_t out_cap, size_t *out_len) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::jwk_thumbprint_of(jwk_json, out, out_cap, out_len))
}

PASSWORDLESS_API int32_t passwordless_response_challenges(const passwordless_response *resp, passwordless_challenges **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::response_challenges(resp, out, out_err))
}

PASSWORDLESS_API void passwordless_challenges_free(passwordless_challenges *ch) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::challenges_h>(ch);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_challenges_count(const passwordless_challenges *ch) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::challenges_count(ch))
}

PASSWORDLESS_API int32_t passwordless_challenges_scheme(const passwordless_challenges *ch, size_t index, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::challenges_scheme(ch, index, out))
}

PASSWORDLESS_API int32_t passwordless_challenges_token68(const passwordless_challenges *ch, size_t index, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::challenges_token68(ch, index, out))
}

PASSWORDLESS_API int32_t passwordless_challenges_param(const passwordless_challenges *ch, size_t index, passwordless_str name, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::challenges_param(ch, index, name, out))
}

PASSWORDLESS_API int32_t passwordless_challenges_param_count(const passwordless_challenges *ch, size_t index) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::challenges_param_count(ch, index))
}

PASSWORDLESS_API int32_t passwordless_challenges_param_at(const passwordless_challenges *ch, size_t index, size_t param, passwordless_str *name, passwordless_str *value) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::challenges_param_at(ch, index, param, name, value))
}

PASSWORDLESS_API int32_t passwordless_resource_error(const passwordless_response *resp, int64_t now, passwordless_error **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::resource_error(resp, now, out))
}

PASSWORDLESS_API int32_t passwordless_refresh_new(const passwordless_client *client, passwordless_str refresh_token, passwordless_str scope, passwordless_str audience, passwordless_str token_type, const passwordless_dpop_key *key, int32_t require_binding, passwordless_str nonce, passwordless_refresh **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::refresh_new(client, refresh_token, scope, audience, token_type, key, require_binding, nonce, out, out_err))
}

PASSWORDLESS_API void passwordless_refresh_free(passwordless_refresh *refresh) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::refresh_h>(refresh);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_refresh_request(passwordless_refresh *refresh, int64_t now, passwordless_request **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::refresh_request(refresh, now, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_refresh_on_response(passwordless_refresh *refresh, const passwordless_response *resp, int64_t now, passwordless_request **out_request, passwordless_tokens **out_tokens, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::refresh_on_response(refresh, resp, now, out_request, out_tokens, out_err))
}

PASSWORDLESS_API int32_t passwordless_refresh_dpop_nonce(const passwordless_refresh *refresh, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::refresh_dpop_nonce(refresh, out))
}

PASSWORDLESS_API int32_t passwordless_login_dpop_nonce(const passwordless_login *login, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::login_dpop_nonce(login, out))
}

PASSWORDLESS_API int32_t passwordless_callback_parse(passwordless_str url, passwordless_str expected_state, passwordless_callback **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::callback_parse(url, expected_state, out, out_err))
}

PASSWORDLESS_API void passwordless_callback_free(passwordless_callback *cb) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::callback_h>(cb);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_callback_str(const passwordless_callback *cb, int32_t field, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::callback_str(cb, field, out))
}

PASSWORDLESS_API int32_t passwordless_callback_int(const passwordless_callback *cb, int32_t field, int64_t *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::callback_int(cb, field, out))
}

PASSWORDLESS_API int32_t passwordless_client_code_request(const passwordless_client *client, passwordless_str code, passwordless_str redirect_uri, passwordless_str code_verifier, passwordless_request **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_code_request(client, code, redirect_uri, code_verifier, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_client_code_response(const passwordless_client *client, const passwordless_response *response, int64_t now, passwordless_tokens **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_code_response(client, response, now, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_client_discovery_request(const passwordless_client *client, passwordless_request **out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_discovery_request(client, out))
}

PASSWORDLESS_API int32_t passwordless_client_discovery_response(const passwordless_client *client, const passwordless_response *response, int64_t now, passwordless_discovery **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::client_discovery_response(client, response, now, out, out_err))
}

PASSWORDLESS_API int32_t passwordless_discovery_parse(passwordless_bytes document, passwordless_str expected_issuer, passwordless_discovery **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::discovery_parse(document, expected_issuer, out, out_err))
}

PASSWORDLESS_API void passwordless_discovery_free(passwordless_discovery *doc) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::discovery_h>(doc);, PASSWORDLESS_C_IGNORE)
}

PASSWORDLESS_API int32_t passwordless_discovery_str(const passwordless_discovery *doc, int32_t field, passwordless_str *out) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::discovery_str(doc, field, out))
}

PASSWORDLESS_API int32_t passwordless_keyset_skipped(const passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::keyset_skipped(keys))
}

PASSWORDLESS_API int32_t passwordless_verify_id_token(const passwordless_client *client, const passwordless_login_options *opts, passwordless_str id_token, int64_t now, passwordless_claims **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_CALL(passwordless::c_api::id_token_verify(client, opts, id_token, now, out, out_err))
}

PASSWORDLESS_API void passwordless_claims_free(passwordless_claims *claims) PASSWORDLESS_NOEXCEPT {
    PASSWORDLESS_C_BOUNDARY(passwordless::c_api::release<passwordless::c_api::claims_h>(claims);, PASSWORDLESS_C_IGNORE)
}

#endif
