/* passwordless/c_api/passwordless_more.h: the second part of passwordless.h (DPoP keys and
 * DPoP-bound API calls, WWW-Authenticate challenges, a refresh with DPoP, magic-link callbacks and
 * their code exchange, key-set details). passwordless.h includes it, so include passwordless.h;
 * it lives in its own file only to keep each file short. Every rule at the top of passwordless.h
 * holds here too. C99; also valid C++. */
#ifndef PASSWORDLESS_MORE_H
#define PASSWORDLESS_MORE_H

#if !defined(PASSWORDLESS_H) /* included alone: the first part first */
#include "passwordless.h"
#endif

#if defined(__cplusplus)
extern "C" {
#endif

/* Members of a magic-link callback (passwordless_callback_str/_int). Append-only; 400 to 499. */
typedef enum passwordless_callback_field {
    PASSWORDLESS_CBF_CODE = 400,          /* str: the authorization code (response_type=code) */
    PASSWORDLESS_CBF_ACCESS_TOKEN = 401,  /* str */
    PASSWORDLESS_CBF_ID_TOKEN = 402,      /* str (not verified: verify it as for a login) */
    PASSWORDLESS_CBF_TOKEN_TYPE = 403,    /* str */
    PASSWORDLESS_CBF_SCOPE = 404,         /* str */
    PASSWORDLESS_CBF_STATE = 405,         /* str: equal to the expected state */
    PASSWORDLESS_CBF_EXPIRES_IN = 406     /* int: seconds */
} passwordless_callback_field;

/* Members of a discovery document (passwordless_discovery_str). Append-only; 500 to 599. */
typedef enum passwordless_discovery_field {
    PASSWORDLESS_DISCF_ISSUER = 500,          /* equal to the expected issuer */
    PASSWORDLESS_DISCF_JWKS_URI = 501,
    PASSWORDLESS_DISCF_TOKEN_ENDPOINT = 502,  /* absent when the document has none */
    PASSWORDLESS_DISCF_ID_TOKEN_ALGS = 503,   /* id_token_signing_alg_values_supported, comma-separated */
    PASSWORDLESS_DISCF_DPOP_ALGS = 504        /* dpop_signing_alg_values_supported, comma-separated */
} passwordless_discovery_field;

typedef struct passwordless_dpop_key passwordless_dpop_key;
typedef struct passwordless_refresh passwordless_refresh;
typedef struct passwordless_challenges passwordless_challenges;
typedef struct passwordless_callback passwordless_callback;
typedef struct passwordless_discovery passwordless_discovery;

/* ---- DPoP keys and DPoP-bound API calls (RFC 9449) ----------------------------------------- */

/* A DPoP key: its public JWK ({"kty":"EC","crv":"P-256","x":...,"y":...}, no private members)
 * and the caller's signer and random source, as for passwordless_login_options_set_dpop. The
 * key may be given to logins and refreshes and freed at once; user_data_free runs when the last
 * holder goes (at once when this call fails). A bad key is PASSWORDLESS_E_INVALID_ARG. */
PASSWORDLESS_API int32_t passwordless_dpop_key_new(passwordless_str public_jwk, passwordless_dpop_sign_fn sign,
                                                   passwordless_random_fn random, void *user_data,
                                                   passwordless_free_fn user_data_free,
                                                   passwordless_dpop_key **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_dpop_key_free(passwordless_dpop_key *key) PASSWORDLESS_NOEXCEPT;
/* The key's RFC 7638 thumbprint (a bound token's cnf.jkt), valid until the key is freed. */
PASSWORDLESS_API int32_t passwordless_dpop_key_thumbprint(const passwordless_dpop_key *key,
                                                          passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* The public JWK in RFC 7638 member order (what every proof carries), valid until the key is freed. */
PASSWORDLESS_API int32_t passwordless_dpop_key_public_jwk(const passwordless_dpop_key *key,
                                                          passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* Gives a login this key (as passwordless_login_options_set_dpop does with a key's parts). */
PASSWORDLESS_API int32_t passwordless_login_options_set_dpop_key(passwordless_login_options *opts,
                                                                 const passwordless_dpop_key *key) PASSWORDLESS_NOEXCEPT;
/* An API call with a DPoP-bound access token: a request (freed with passwordless_request_free)
 * whose method and URL are those given, with no body, and whose two headers, in order, are
 * "authorization: DPoP <token>" and "dpop: <proof with ath>". Add those headers (and your body)
 * to the call. `nonce` is the API's latest DPoP-Nonce ({NULL, 0}: none). A refused argument is
 * PASSWORDLESS_KIND_INVALID_ARGUMENT with the field named (method, url, access_token, nonce,
 * now, jti: the random source failed, signature: the signer failed). */
PASSWORDLESS_API int32_t passwordless_dpop_resource_request(const passwordless_dpop_key *key, passwordless_str method,
                                                            passwordless_str url, passwordless_str access_token,
                                                            passwordless_str nonce, int64_t now, passwordless_request **out,
                                                            passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Adds a fresh proof (a "dpop" header, replacing any) to a request the library built and the
 * caller owns, e.g. one of passwordless_client_code_request. Nothing changes on failure. */
PASSWORDLESS_API int32_t passwordless_request_add_dpop_proof(passwordless_request *req, const passwordless_dpop_key *key,
                                                             passwordless_str nonce, int64_t now,
                                                             passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* The RFC 7638 thumbprint of any public JWK (RSA, EC, OKP) as base64url text (43 bytes, no NUL)
 * into out; PASSWORDLESS_E_INVALID_ARG when the JWK is not such a key or out_cap is too small. */
PASSWORDLESS_API int32_t passwordless_jwk_thumbprint(passwordless_str jwk_json, uint8_t *out, size_t out_cap,
                                                     size_t *out_len) PASSWORDLESS_NOEXCEPT;

/* ---- a resource server's answer: WWW-Authenticate and errors ------------------------------- */

/* Every challenge of the response's WWW-Authenticate headers, in order (none: a count of 0).
 * A malformed header, or one over the caps, is PASSWORDLESS_KIND_MALFORMED_RESPONSE. */
PASSWORDLESS_API int32_t passwordless_response_challenges(const passwordless_response *resp, passwordless_challenges **out,
                                                          passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_challenges_free(passwordless_challenges *ch) PASSWORDLESS_NOEXCEPT;
/* The number of challenges, or a negative status. */
PASSWORDLESS_API int32_t passwordless_challenges_count(const passwordless_challenges *ch) PASSWORDLESS_NOEXCEPT;
/* Challenge `index`'s scheme as sent (compare ignoring case); views valid until ch is freed. */
PASSWORDLESS_API int32_t passwordless_challenges_scheme(const passwordless_challenges *ch, size_t index,
                                                        passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* Its token68; PASSWORDLESS_E_ABSENT when it carries parameters instead. */
PASSWORDLESS_API int32_t passwordless_challenges_token68(const passwordless_challenges *ch, size_t index,
                                                         passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* The value (unquoted) of its parameter `name` (any case: "error", "error_description",
 * "algs", "realm", ...); PASSWORDLESS_E_ABSENT when absent. */
PASSWORDLESS_API int32_t passwordless_challenges_param(const passwordless_challenges *ch, size_t index, passwordless_str name,
                                                       passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* The number of its parameters, or a negative status; then each one (name in lower case). */
PASSWORDLESS_API int32_t passwordless_challenges_param_count(const passwordless_challenges *ch,
                                                             size_t index) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_challenges_param_at(const passwordless_challenges *ch, size_t index, size_t param,
                                                          passwordless_str *name, passwordless_str *value) PASSWORDLESS_NOEXCEPT;
/* Classifies an API's non-2xx answer to a DPoP-bound call into a new error (freed with
 * passwordless_error_free): a DPoP challenge's use_dpop_nonce is PASSWORDLESS_KIND_DPOP_NONCE_REQUIRED
 * with the response's nonce (PASSWORDLESS_ERRF_DPOP_NONCE: retry once with it), invalid_dpop_proof
 * is PASSWORDLESS_KIND_INVALID_DPOP_PROOF; anything else as for the tenant's answers. A 2xx
 * status is PASSWORDLESS_E_INVALID_ARG. */
PASSWORDLESS_API int32_t passwordless_resource_error(const passwordless_response *resp, int64_t now,
                                                     passwordless_error **out) PASSWORDLESS_NOEXCEPT;

/* ---- a refresh with DPoP ------------------------------------------------------------------- */

/* One refresh grant: passwordless_refresh_request, send it, passwordless_refresh_on_response;
 * send again when that gives a request (the server asked for its DPoP nonce). `token_type` is
 * that of the tokens being refreshed: DPoP-bound tokens without `key` are refused
 * (PASSWORDLESS_KIND_INVALID_ARGUMENT, field "dpop"). `scope` and `audience` are optional
 * (empty: none). `key` may be NULL (no DPoP) and freed
 * right after. `require_binding` 1 refuses new tokens that are not DPoP-bound. `nonce` is the
 * newest DPoP-Nonce known for the tenant (e.g. passwordless_login_dpop_nonce), or {NULL, 0}. */
PASSWORDLESS_API int32_t passwordless_refresh_new(const passwordless_client *client, passwordless_str refresh_token,
                                                  passwordless_str scope, passwordless_str audience, passwordless_str token_type,
                                                  const passwordless_dpop_key *key, int32_t require_binding,
                                                  passwordless_str nonce, passwordless_refresh **out,
                                                  passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_refresh_free(passwordless_refresh *refresh) PASSWORDLESS_NOEXCEPT;
/* The request to send, with a fresh proof (call again to retry after a transport failure). */
PASSWORDLESS_API int32_t passwordless_refresh_request(passwordless_refresh *refresh, int64_t now, passwordless_request **out,
                                                      passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Feeds the answer. On PASSWORDLESS_OK both outputs are written, exactly one of them non-NULL:
 * new tokens (passwordless_tokens_free), or a request to send next (passwordless_request_free). */
PASSWORDLESS_API int32_t passwordless_refresh_on_response(passwordless_refresh *refresh, const passwordless_response *resp,
                                                          int64_t now, passwordless_request **out_request,
                                                          passwordless_tokens **out_tokens,
                                                          passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* The newest DPoP-Nonce seen (keep it for the next request); PASSWORDLESS_E_ABSENT when none.
 * Views valid until the next call on the handle. */
PASSWORDLESS_API int32_t passwordless_refresh_dpop_nonce(const passwordless_refresh *refresh,
                                                         passwordless_str *out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_dpop_nonce(const passwordless_login *login,
                                                       passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* ---- magic links --------------------------------------------------------------------------- */

/* Parses the URL a magic link opened (the redirect_uri with query or fragment) and checks its
 * state against `expected_state` (the authParams state sent with start) before anything else.
 * Fails with PASSWORDLESS_KIND_INVALID_ARGUMENT (field "url" or "expected_state"),
 * PASSWORDLESS_KIND_STATE_MISMATCH, or the server's classified `error` parameter. */
PASSWORDLESS_API int32_t passwordless_callback_parse(passwordless_str url, passwordless_str expected_state,
                                                     passwordless_callback **out,
                                                     passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_callback_free(passwordless_callback *cb) PASSWORDLESS_NOEXCEPT;
/* A text member (passwordless_callback_field); PASSWORDLESS_E_ABSENT when the URL had none. */
PASSWORDLESS_API int32_t passwordless_callback_str(const passwordless_callback *cb, int32_t field,
                                                   passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* A numeric member (PASSWORDLESS_CBF_EXPIRES_IN). */
PASSWORDLESS_API int32_t passwordless_callback_int(const passwordless_callback *cb, int32_t field,
                                                   int64_t *out) PASSWORDLESS_NOEXCEPT;
/* The authorization-code grant for a callback's code: `redirect_uri` exactly as sent in the
 * link's authParams, `code_verifier` for PKCE (empty: none). Its answer goes to
 * passwordless_client_code_response. */
PASSWORDLESS_API int32_t passwordless_client_code_request(const passwordless_client *client, passwordless_str code,
                                                          passwordless_str redirect_uri, passwordless_str code_verifier,
                                                          passwordless_request **out,
                                                          passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_client_code_response(const passwordless_client *client,
                                                           const passwordless_response *response, int64_t now,
                                                           passwordless_tokens **out,
                                                           passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

/* ---- OpenID Connect discovery -------------------------------------------------------------- */

/* GET <expected issuer without its trailing slash>/.well-known/openid-configuration, as a request. */
PASSWORDLESS_API int32_t passwordless_client_discovery_request(const passwordless_client *client,
                                                               passwordless_request **out) PASSWORDLESS_NOEXCEPT;
/* The answer to it, checked against the client's expected issuer (errors classified as for any
 * answer; a document that does not fit is PASSWORDLESS_KIND_MALFORMED_RESPONSE). */
PASSWORDLESS_API int32_t passwordless_client_discovery_response(const passwordless_client *client,
                                                                const passwordless_response *response, int64_t now,
                                                                passwordless_discovery **out,
                                                                passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* A discovery document from any source, checked against `expected_issuer` byte for byte. */
PASSWORDLESS_API int32_t passwordless_discovery_parse(passwordless_bytes document, passwordless_str expected_issuer,
                                                      passwordless_discovery **out,
                                                      passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_discovery_free(passwordless_discovery *doc) PASSWORDLESS_NOEXCEPT;
/* A member (passwordless_discovery_field), a view valid until doc is freed; PASSWORDLESS_E_ABSENT
 * when the document has none (an empty algorithm list is present and empty). */
PASSWORDLESS_API int32_t passwordless_discovery_str(const passwordless_discovery *doc, int32_t field,
                                                    passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* ---- key sets ------------------------------------------------------------------------------ */

/* How many keys the document had that were skipped as not understood (RFC 7517 section 5:
 * another kty, an unusable RSA key), or a negative status. */
PASSWORDLESS_API int32_t passwordless_keyset_skipped(const passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT;

/* ---- an ID token outside the login --------------------------------------------------------- */

/* Verifies an ID token received outside a login (a magic link's PASSWORDLESS_CBF_ID_TOKEN) as a
 * login of `client` with `opts` would (PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN need not be set):
 * issuer (PASSWORDLESS_LOGIN_ISSUER or the client's), the client id as audience, and the options'
 * nonce, max_age, leeway, algorithms, organization and trusted audiences, with `now` (Unix
 * seconds). The signature is checked by the options' verifier, given the key of the options' key
 * set that the token names (PASSWORDLESS_LOGIN_FETCH_KEYS does not fetch here: set the key set),
 * or skipped with PASSWORDLESS_LOGIN_DANGEROUS_SKIP_SIGNATURE_CHECK. Options without a verifier
 * (and without that option) are PASSWORDLESS_E_INVALID_ARG (field "verifier"). A token that fails
 * a check is PASSWORDLESS_KIND_INVALID_ID_TOKEN, its error's PASSWORDLESS_ERRF_REASON naming the
 * check; messages never quote the token. On PASSWORDLESS_OK, *out is new claims the caller owns
 * and frees with passwordless_claims_free. */
PASSWORDLESS_API int32_t passwordless_verify_id_token(const passwordless_client *client, const passwordless_login_options *opts,
                                                      passwordless_str id_token, int64_t now, passwordless_claims **out,
                                                      passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Frees claims returned by passwordless_verify_id_token (never those of a step, which the step
 * owns: freeing those does nothing). */
PASSWORDLESS_API void passwordless_claims_free(passwordless_claims *claims) PASSWORDLESS_NOEXCEPT;

#if defined(__cplusplus)
}
#endif

#endif /* PASSWORDLESS_MORE_H */
