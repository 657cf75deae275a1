/* passwordless.h: the C ABI of the passwordless protocol core, for C and for every language with a
 * C foreign-function interface (Python ctypes/cffi, C# P/Invoke, Swift, JNA/Panama, Go cgo, Rust).
 * It covers the C++ API: the client, the login state machine (start, resend, submit the code,
 * responses, transport failures, key fetching and retry, cancel, save and restore), requests and
 * responses, errors, tokens, claims, key sets, the refresh grant, the ID-token signature check as
 * a callback, DPoP with the private key behind a signer callback, DPoP-bound API calls, an API's
 * WWW-Authenticate challenges and refusals, magic-link callbacks and their code exchange, OpenID
 * Connect discovery and JWK thumbprints. This file is its reference: the rules below hold for
 * every function, and each declaration says what it adds.
 *
 * C99; also valid C++. Names start with passwordless_ (functions, types) or PASSWORDLESS_ (macros,
 * constants).
 *
 * Two ways to get the implementation (one source):
 *   - link libpasswordless. CMake and Meson build it shared (libpasswordless.so.<ABI>, hidden
 *     visibility, only the passwordless_* functions exported, in the version node
 *     PASSWORDLESS_<ABI>) and static (libpasswordless.a; a C program also links the C++ runtime,
 *     -lstdc++). Installed: this header, libpasswordless.pc and libpasswordless-static.pc, and the
 *     CMake package passwordless_c (targets passwordless::c and passwordless::c_static); in a
 *     CMake build tree the targets are passwordless_c and passwordless_c_static, and Meson offers
 *     the dependency libpasswordless;
 *   - or vendor it: in exactly one C++17 translation unit, write
 *         #include <passwordless/c_api/implementation.hpp>
 *     (it needs the C++ headers of include/ and nlohmann/json on the include path; also define
 *     PASSWORDLESS_C_STATIC to keep the functions private to that file). Every other file, C or
 *     C++, includes passwordless.h plainly. The implementation is under passwordless/c_api/, one
 *     file per part of this header (implementation.hpp lists them).
 *
 * Rules that hold for every function:
 *   - Status. Every fallible call returns an int32_t: PASSWORDLESS_OK (0); a negative
 *     passwordless_status for misuse of the API; a positive passwordless_kind for a protocol
 *     failure. passwordless_status_str names any of them.
 *   - Outputs are written only when the call returns PASSWORDLESS_OK.
 *   - Errors. Calls that take `passwordless_error **out_err` (may be NULL) store a new error
 *     object there on failure; the caller reads it with the passwordless_error_* accessors and
 *     frees it with passwordless_error_free. A login call's refusal is not a failed call: it
 *     returns a step that carries the error (see "login").
 *   - Misuse. Every pointer is checked; NULL where a handle is required gives
 *     PASSWORDLESS_E_NULL_ARG. Each handle carries a type tag: a handle of the wrong type, or one
 *     used after its free (while its memory was not reused; AddressSanitizer reports the rest),
 *     gives PASSWORDLESS_E_BAD_HANDLE. Nothing aborts.
 *   - Inputs (passwordless_str, passwordless_bytes) are copied on entry: see "values".
 *   - Handles are created by *_new (or returned by a call) and freed by their own *_free, exactly
 *     once, never by free(); *_free(NULL) does nothing. Text outputs are views into a handle, valid
 *     until that handle is freed (or, where a function says so, until the next call on it).
 *   - Threads. A handle must not be used by two threads at once; different handles are
 *     independent.
 *   - Callbacks get the caller's user_data first, run synchronously on the calling thread, and
 *     may keep no argument past their return; see "callbacks".
 *   - No exception crosses the ABI. The implementation takes only the core's non-throwing paths,
 *     and when exceptions are enabled each function also has an exception boundary
 *     (passwordless/c_api/boundary.hpp) that turns std::bad_alloc into PASSWORDLESS_E_NO_MEMORY
 *     and anything else into PASSWORDLESS_E_INTERNAL. Built with -fno-exceptions, an allocation
 *     failure ends the program, as in the C++ core.
 */
#ifndef PASSWORDLESS_H
#define PASSWORDLESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- versions and what the ABI promises ---------------------------------------------------- */

/* Version of this header. The library's own numbers come from passwordless_version_number() and
 * passwordless_abi_version(); a binding checks on load that passwordless_abi_version() equals the
 * PASSWORDLESS_ABI_VERSION it was written for (and may compare the version numbers). */
#define PASSWORDLESS_C_VERSION_MAJOR 0
#define PASSWORDLESS_C_VERSION_MINOR 1
#define PASSWORDLESS_C_VERSION_PATCH 0
/* MAJOR * 10000 + MINOR * 100 + PATCH */
#define PASSWORDLESS_C_VERSION_NUMBER \
    (PASSWORDLESS_C_VERSION_MAJOR * 10000 + PASSWORDLESS_C_VERSION_MINOR * 100 + PASSWORDLESS_C_VERSION_PATCH)
/* The ABI version: the shared library's SONAME (libpasswordless.so.<ABI>) and its symbol version
 * node (PASSWORDLESS_<ABI>). It changes only when a function's signature or meaning changes or
 * something is removed; within one ABI version functions and constants are only added.
 * Constants are append-only (a value never changes meaning; new kinds, actions, states and next
 * values may appear in a minor version: keep a default case). Options and fields are chosen by
 * id, so a new one is a new constant, not a new function or a changed struct; no struct that may
 * grow crosses the ABI by value. Two libraries built from different versions of the core load
 * into one process without interfering: only C names are exported, each library binds its calls
 * to itself (-Bsymbolic), and the C++ inside lives in a versioned inline namespace. CI checks the
 * exported symbols (tests/c_api/symbols.txt), abidiff, and two versions in one process. */
#define PASSWORDLESS_ABI_VERSION 1
/* The longest input accepted by any call, in bytes (64 MiB). */
#define PASSWORDLESS_MAX_INPUT (64u * 1024u * 1024u)

/* How functions are declared: PASSWORDLESS_C_SHARED when using or building the shared library,
 * PASSWORDLESS_C_STATIC to make a vendored implementation private to its translation unit. */
#if !defined(PASSWORDLESS_API)
#if defined(PASSWORDLESS_C_SHARED) && defined(_WIN32)
#if defined(PASSWORDLESS_C_BUILDING)
#define PASSWORDLESS_API __declspec(dllexport)
#else
#define PASSWORDLESS_API __declspec(dllimport)
#endif
#elif defined(PASSWORDLESS_C_SHARED) && defined(PASSWORDLESS_C_BUILDING) && (defined(__GNUC__) || defined(__clang__))
#define PASSWORDLESS_API extern __attribute__((visibility("default")))
#elif defined(PASSWORDLESS_C_STATIC)
#define PASSWORDLESS_API static
#else
#define PASSWORDLESS_API extern
#endif
#endif

#if defined(__cplusplus)
#define PASSWORDLESS_NOEXCEPT noexcept
extern "C" {
#else
#define PASSWORDLESS_NOEXCEPT
#endif

/* The library's version, e.g. "0.1.0" (a static string). */
PASSWORDLESS_API const char *passwordless_version_string(void) PASSWORDLESS_NOEXCEPT;
/* MAJOR * 10000 + MINOR * 100 + PATCH; equals PASSWORDLESS_C_VERSION_NUMBER of its own header. */
PASSWORDLESS_API uint32_t passwordless_version_number(void) PASSWORDLESS_NOEXCEPT;
/* Equals PASSWORDLESS_ABI_VERSION of the library's own header; a binding refuses to load on a
 * mismatch with the header it was written against. */
PASSWORDLESS_API uint32_t passwordless_abi_version(void) PASSWORDLESS_NOEXCEPT;

/* ---- values -------------------------------------------------------------------------------- */

/* Inputs are UTF-8 text (passwordless_str, checked) or any bytes (passwordless_bytes), given as
 * pointer and length, never NUL-terminated by contract, and copied on entry: the caller may free
 * or move them as soon as the call returns. {NULL, 0} means "absent" where an input is optional;
 * {NULL, n > 0} is PASSWORDLESS_E_NULL_ARG; a length over PASSWORDLESS_MAX_INPUT is
 * PASSWORDLESS_E_INVALID_ARG, and text that is not UTF-8 too. Outputs written as passwordless_str
 * never have a NULL ptr and are followed by a NUL byte, so C code may use ptr as a C string. */
typedef struct passwordless_str {
    const char *ptr;
    size_t len;
} passwordless_str;

typedef struct passwordless_bytes {
    const uint8_t *ptr;
    size_t len;
} passwordless_bytes;

/* ---- handles (opaque) ---------------------------------------------------------------------- */

typedef struct passwordless_error passwordless_error;
typedef struct passwordless_client_options passwordless_client_options;
typedef struct passwordless_client passwordless_client;
typedef struct passwordless_login_options passwordless_login_options;
typedef struct passwordless_login passwordless_login;
typedef struct passwordless_start_params passwordless_start_params;
typedef struct passwordless_step passwordless_step;
typedef struct passwordless_request passwordless_request;
typedef struct passwordless_response passwordless_response;
typedef struct passwordless_tokens passwordless_tokens;
typedef struct passwordless_claims passwordless_claims;
typedef struct passwordless_keyset passwordless_keyset;
typedef struct passwordless_dpop_key passwordless_dpop_key;
typedef struct passwordless_refresh passwordless_refresh;
typedef struct passwordless_challenges passwordless_challenges;
typedef struct passwordless_callback passwordless_callback;
typedef struct passwordless_discovery passwordless_discovery;
typedef struct passwordless_authenticators passwordless_authenticators;
typedef struct passwordless_mfa_challenge passwordless_mfa_challenge;

/* ---- callbacks ----------------------------------------------------------------------------- */

/* Every callback takes (void *user_data, ...), runs synchronously on the calling thread, and may
 * use its arguments only during the call. The optional user_data_free hook given with it runs
 * exactly once: when the last handle holding the callback is freed, or at once when the
 * registering call fails. No exception may leave a callback, nor a longjmp. */

/* Signature verifier: is `signature` a valid signature over `signing_input` by the issuer's key
 * for `alg`? `kid` is the token's key id (untrusted; empty when absent); `jwk_json` is the key of
 * the login's key set with that kid, as a JSON object (empty when there is no key set or no such
 * key). Returns 0 valid, 1 invalid, < 0 an error (the token is refused either way unless 0). */
typedef int32_t (*passwordless_verify_fn)(void *user_data, passwordless_str alg, passwordless_str kid,
                                          passwordless_bytes signing_input, passwordless_bytes signature,
                                          passwordless_str jwk_json);
/* Releases user_data (optional). */
typedef void (*passwordless_free_fn)(void *user_data);
/* DPoP signer: signs `signing_input` (a proof's JWS header.payload) with the private P-256 key,
 * which may stay in a key store (Secure Enclave, Android KeyStore, TPM). Writes the ES256
 * signature as raw r||s (64 bytes, not DER) into out (capacity out_cap) and its length into
 * *out_len. Returns 0 on success; anything else makes the proof, and the call, fail. */
typedef int32_t (*passwordless_dpop_sign_fn)(void *user_data, passwordless_bytes signing_input, uint8_t *out, size_t out_cap,
                                             size_t *out_len);
/* Random bytes: fills out[0..len) from a cryptographically secure source (a proof's jti).
 * Returns 0 on success. */
typedef int32_t (*passwordless_random_fn)(void *user_data, uint8_t *out, size_t len);

/* ---- statuses and errors ------------------------------------------------------------------- */

/* Statuses. Append-only: a value never changes meaning. Negative: misuse of the API or a failure
 * inside the library (-1 to -99). Positive: a protocol failure, equal to the error's kind. */
typedef enum passwordless_status {
    PASSWORDLESS_OK = 0,
    PASSWORDLESS_E_NULL_ARG = -1,     /* a required pointer was NULL */
    PASSWORDLESS_E_INVALID_ARG = -2,  /* an argument is out of range, too long or not UTF-8 */
    PASSWORDLESS_E_BAD_HANDLE = -3,   /* a handle of the wrong type, or used after its free */
    PASSWORDLESS_E_ABSENT = -4,       /* the optional value asked for is not there */
    PASSWORDLESS_E_NO_MEMORY = -5,    /* an allocation failed */
    PASSWORDLESS_E_INTERNAL = -6,     /* a bug in the library; please report it */
    PASSWORDLESS_E_UNSUPPORTED = -7   /* not available in this build or version */
} passwordless_status;

/* What went wrong (error::kind of the C++ API). Append-only; 1 to 99. Keep a default case. */
typedef enum passwordless_kind {
    PASSWORDLESS_KIND_INVALID_ARGUMENT = 1,
    PASSWORDLESS_KIND_INVALID_STATE = 2,
    PASSWORDLESS_KIND_WRONG_CODE = 3,
    PASSWORDLESS_KIND_CODE_EXPIRED = 4,
    PASSWORDLESS_KIND_ATTEMPTS_EXHAUSTED = 5,
    PASSWORDLESS_KIND_RATE_LIMITED = 6,
    PASSWORDLESS_KIND_BLOCKED = 7,
    PASSWORDLESS_KIND_MFA_REQUIRED = 8,
    PASSWORDLESS_KIND_GRANT_NOT_ALLOWED = 9,
    PASSWORDLESS_KIND_INVALID_CLIENT = 10,
    PASSWORDLESS_KIND_INVALID_CONNECTION = 11,
    PASSWORDLESS_KIND_INVALID_REQUEST = 12,
    PASSWORDLESS_KIND_INVALID_EMAIL = 13,
    PASSWORDLESS_KIND_INVALID_PHONE_NUMBER = 14,
    PASSWORDLESS_KIND_DELIVERY_FAILED = 15,
    PASSWORDLESS_KIND_ACCESS_DENIED = 16,
    PASSWORDLESS_KIND_VERIFICATION_REQUIRED = 17,
    PASSWORDLESS_KIND_INVALID_REFRESH_TOKEN = 18,
    PASSWORDLESS_KIND_SERVER_ERROR = 19,
    PASSWORDLESS_KIND_UNKNOWN_ERROR = 20,
    PASSWORDLESS_KIND_UNEXPECTED_RESPONSE = 21,
    PASSWORDLESS_KIND_MALFORMED_RESPONSE = 22,
    PASSWORDLESS_KIND_INVALID_ID_TOKEN = 23,
    PASSWORDLESS_KIND_STATE_MISMATCH = 24,
    PASSWORDLESS_KIND_TRANSPORT_FAILED = 25,
    PASSWORDLESS_KIND_INVALID_DPOP_PROOF = 26,  /* the server refused the DPoP proof */
    PASSWORDLESS_KIND_DPOP_NONCE_REQUIRED = 27, /* the server wants a proof with its nonce */
    PASSWORDLESS_KIND_ISSUER_MISMATCH = 28,     /* a discovery document names another issuer */
    PASSWORDLESS_KIND_AUTHORIZATION_PENDING = 29,   /* a pushed MFA approval is not given yet */
    PASSWORDLESS_KIND_SLOW_DOWN = 30,               /* MFA polling was too fast */
    PASSWORDLESS_KIND_MFA_REJECTED = 31,            /* the user rejected the MFA push */
    PASSWORDLESS_KIND_MFA_TOKEN_INVALID = 32,       /* the mfa_token is no longer usable */
    PASSWORDLESS_KIND_MFA_ENROLLMENT_REQUIRED = 33, /* no usable MFA authenticator is enrolled */
    PASSWORDLESS_KIND_INVALID_ACCESS_TOKEN = 34,    /* an API refused the access token */
    PASSWORDLESS_KIND_INSUFFICIENT_SCOPE = 35       /* an API wants a scope the token lacks */
} passwordless_kind;

/* What the application should do next. Append-only. */
typedef enum passwordless_action {
    PASSWORDLESS_ACTION_NONE = 0,
    PASSWORDLESS_ACTION_FIX_INPUT = 1,
    PASSWORDLESS_ACTION_FIX_CONFIG = 2,
    PASSWORDLESS_ACTION_RETRY_CODE = 3,
    PASSWORDLESS_ACTION_RESTART = 4,
    PASSWORDLESS_ACTION_WAIT = 5,
    PASSWORDLESS_ACTION_RETRY = 6,
    PASSWORDLESS_ACTION_GIVE_UP = 7,
    PASSWORDLESS_ACTION_MFA = 8,
    PASSWORDLESS_ACTION_REFRESH = 9   /* refresh the access token, then retry; without one, log in */
} passwordless_action;

/* The text members of an error, for passwordless_error_field. Append-only. */
typedef enum passwordless_error_field_id {
    PASSWORDLESS_ERRF_CODE = 1,         /* the server's error code, verbatim */
    PASSWORDLESS_ERRF_DESCRIPTION = 2,  /* the server's text (sanitised) or the library's message */
    PASSWORDLESS_ERRF_FIELD = 3,        /* invalid_argument: which input (or C parameter) was wrong */
    PASSWORDLESS_ERRF_REASON = 4,       /* invalid_id_token: which check failed */
    PASSWORDLESS_ERRF_MFA_TOKEN = 5,    /* mfa_required: a secret; never log it */
    PASSWORDLESS_ERRF_DPOP_NONCE = 6    /* dpop_nonce_required: the server's DPoP-Nonce */
} passwordless_error_field_id;

/* Static snake_case names ("ok", "e_null_arg", "wrong_code", "retry_code", "awaiting_code",
 * "ask_for_code", ...); "unknown" for a value this version does not know. */
PASSWORDLESS_API const char *passwordless_status_str(int32_t status) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API const char *passwordless_action_str(int32_t action) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API const char *passwordless_state_str(int32_t state) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API const char *passwordless_next_str(int32_t next) PASSWORDLESS_NOEXCEPT;

/* An error object: from a call's out_err (the caller's, freed with passwordless_error_free), from
 * passwordless_resource_error (the classification of an API's refusal, also the caller's), or lent
 * by a step (passwordless_step_error: the step's; its *_free ignores it). */
PASSWORDLESS_API void passwordless_error_free(passwordless_error *err) PASSWORDLESS_NOEXCEPT;
/* A copy the caller frees with passwordless_error_free (to keep a step's error past the step). */
PASSWORDLESS_API int32_t passwordless_error_clone(const passwordless_error *err, passwordless_error **out) PASSWORDLESS_NOEXCEPT;
/* The kind (a passwordless_kind), or a negative status for a bad handle. */
PASSWORDLESS_API int32_t passwordless_error_kind(const passwordless_error *err) PASSWORDLESS_NOEXCEPT;
/* The action (a passwordless_action), or a negative status for a bad handle. */
PASSWORDLESS_API int32_t passwordless_error_action(const passwordless_error *err) PASSWORDLESS_NOEXCEPT;
/* The HTTP status of the response that caused the error, or 0. */
PASSWORDLESS_API int32_t passwordless_error_status(const passwordless_error *err) PASSWORDLESS_NOEXCEPT;
/* When a retry makes sense (Unix seconds); PASSWORDLESS_E_ABSENT when the error has none. */
PASSWORDLESS_API int32_t passwordless_error_retry_at(const passwordless_error *err, int64_t *out) PASSWORDLESS_NOEXCEPT;
/* The x-ratelimit-* figures; a figure the server did not send is written as -1.
 * PASSWORDLESS_E_ABSENT (nothing written) when the error carries no rate-limit figures. */
PASSWORDLESS_API int32_t passwordless_error_rate_limit(const passwordless_error *err, int64_t *limit, int64_t *remaining,
                                                       int64_t *reset_at) PASSWORDLESS_NOEXCEPT;
/* A text member (passwordless_error_field_id), as a view valid until the error is freed;
 * PASSWORDLESS_E_ABSENT when empty or unset. */
PASSWORDLESS_API int32_t passwordless_error_field(const passwordless_error *err, int32_t field,
                                                  passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* ---- client, requests and responses -------------------------------------------------------- */

/* Options of a client (passwordless_client_options_set_*). Append-only; 1 to 99. */
typedef enum passwordless_client_option {
    PASSWORDLESS_CLIENT_DOMAIN = 1,            /* str: host[:port] */
    PASSWORDLESS_CLIENT_BASE_URL = 2,          /* str: scheme://host[:port] instead of the domain */
    PASSWORDLESS_CLIENT_ID = 3,                /* str */
    PASSWORDLESS_CLIENT_SECRET = 4,            /* str: confidential applications */
    PASSWORDLESS_CLIENT_ASSERTION = 5,         /* str: a signed JWT (Private Key JWT) */
    PASSWORDLESS_CLIENT_TOKEN_AUTH_BASIC = 6,  /* int: 1 sends the secret by HTTP Basic */
    PASSWORDLESS_CLIENT_TOKEN_FORM = 7,        /* int: 1 sends token bodies as a form, not JSON */
    PASSWORDLESS_CLIENT_TELEMETRY_NAME = 8,    /* str: enables the Auth0-Client header */
    PASSWORDLESS_CLIENT_TELEMETRY_VERSION = 9, /* str */
    PASSWORDLESS_CLIENT_MAX_BODY_BYTES = 10,   /* int: the limits of client_limits */
    PASSWORDLESS_CLIENT_MAX_JSON_DEPTH = 11,   /* int */
    PASSWORDLESS_CLIENT_MAX_TOKEN_BYTES = 12,  /* int */
    PASSWORDLESS_CLIENT_MAX_INPUT_BYTES = 13   /* int */
} passwordless_client_option;

/* Members of a token set. Append-only; 300 to 399. */
typedef enum passwordless_token_field {
    PASSWORDLESS_TOKF_ACCESS_TOKEN = 300,   /* str */
    PASSWORDLESS_TOKF_TOKEN_TYPE = 301,     /* str */
    PASSWORDLESS_TOKF_REFRESH_TOKEN = 302,  /* str */
    PASSWORDLESS_TOKF_ID_TOKEN = 303,       /* str (verified only when the login verified it) */
    PASSWORDLESS_TOKF_SCOPE = 304,          /* str */
    PASSWORDLESS_TOKF_EXPIRES_IN = 305,     /* int */
    PASSWORDLESS_TOKF_EXPIRES_AT = 306,     /* int: Unix seconds */
    PASSWORDLESS_TOKF_RECOVERY_CODE = 307   /* str: mfa-recovery-code grant: the new code to show once (a secret) */
} passwordless_token_field;

/* Members of a discovery document (passwordless_discovery_str). Append-only; 500 to 599. */
typedef enum passwordless_discovery_field {
    PASSWORDLESS_DISCF_ISSUER = 500,          /* equal to the expected issuer */
    PASSWORDLESS_DISCF_JWKS_URI = 501,
    PASSWORDLESS_DISCF_TOKEN_ENDPOINT = 502,  /* absent when the document has none */
    PASSWORDLESS_DISCF_ID_TOKEN_ALGS = 503,   /* id_token_signing_alg_values_supported, comma-separated */
    PASSWORDLESS_DISCF_DPOP_ALGS = 504        /* dpop_signing_alg_values_supported, comma-separated */
} passwordless_discovery_field;

PASSWORDLESS_API int32_t passwordless_client_options_new(passwordless_client_options **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_client_options_free(passwordless_client_options *opts) PASSWORDLESS_NOEXCEPT;
/* Sets a text option (passwordless_client_option); {NULL, 0} unsets it. */
PASSWORDLESS_API int32_t passwordless_client_options_set_str(passwordless_client_options *opts, int32_t option,
                                                             passwordless_str value) PASSWORDLESS_NOEXCEPT;
/* Sets a numeric option. */
PASSWORDLESS_API int32_t passwordless_client_options_set_int(passwordless_client_options *opts, int32_t option,
                                                             int64_t value) PASSWORDLESS_NOEXCEPT;
/* Validates the options once (client::create); a failure is PASSWORDLESS_KIND_INVALID_ARGUMENT
 * with the field named. The options may be freed right after. */
PASSWORDLESS_API int32_t passwordless_client_new(const passwordless_client_options *opts, passwordless_client **out,
                                                 passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_client_free(passwordless_client *client) PASSWORDLESS_NOEXCEPT;
/* The issuer the tenant puts in ID tokens ("https://domain/"), valid until the client is freed. */
PASSWORDLESS_API int32_t passwordless_client_expected_issuer(const passwordless_client *client,
                                                             passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* A request to send, built by the library. The caller owns the requests that calls write into a
 * `passwordless_request **` and frees them; a step's request is lent (see passwordless_step_request).
 * Every view is valid until the request (or the step that holds it) is freed. */
PASSWORDLESS_API void passwordless_request_free(passwordless_request *req) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_request_method(const passwordless_request *req, passwordless_str *out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_request_url(const passwordless_request *req, passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* The number of headers (send them all, in order), or a negative status. */
PASSWORDLESS_API int32_t passwordless_request_header_count(const passwordless_request *req) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_request_header_at(const passwordless_request *req, size_t index, passwordless_str *name,
                                                        passwordless_str *value) PASSWORDLESS_NOEXCEPT;
/* The body (may be empty). */
PASSWORDLESS_API int32_t passwordless_request_body(const passwordless_request *req, passwordless_bytes *out) PASSWORDLESS_NOEXCEPT;

/* A response the caller received: status (100 to 999), then headers and body as received. */
PASSWORDLESS_API int32_t passwordless_response_new(int32_t status, passwordless_response **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_response_free(passwordless_response *resp) PASSWORDLESS_NOEXCEPT;
/* Appends one header (name and value are bytes as received; at most 1000 headers). */
PASSWORDLESS_API int32_t passwordless_response_add_header(passwordless_response *resp, passwordless_bytes name,
                                                          passwordless_bytes value) PASSWORDLESS_NOEXCEPT;
/* Replaces the body. */
PASSWORDLESS_API int32_t passwordless_response_set_body(passwordless_response *resp, passwordless_bytes body) PASSWORDLESS_NOEXCEPT;

/* The refresh grant: a request to send (freed with passwordless_request_free). `scope` and
 * `audience` are optional ({NULL, 0}). For DPoP-bound tokens see passwordless_refresh_new. */
PASSWORDLESS_API int32_t passwordless_client_refresh_request(const passwordless_client *client, passwordless_str refresh_token,
                                                             passwordless_str scope, passwordless_str audience,
                                                             passwordless_request **out,
                                                             passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* The answer to the refresh request: tokens, or the classified error. */
PASSWORDLESS_API int32_t passwordless_client_token_response(const passwordless_client *client,
                                                            const passwordless_response *response, int64_t now,
                                                            passwordless_tokens **out,
                                                            passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

/* Tokens: returned by a call (the caller's, freed with passwordless_tokens_free) or lent by an
 * authenticated step (the step's; their *_free ignores them). */
PASSWORDLESS_API void passwordless_tokens_free(passwordless_tokens *tokens) PASSWORDLESS_NOEXCEPT;
/* A text member (passwordless_token_field); view valid while the tokens live. */
PASSWORDLESS_API int32_t passwordless_tokens_str(const passwordless_tokens *tokens, int32_t field,
                                                 passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* A numeric member (PASSWORDLESS_TOKF_EXPIRES_IN, _EXPIRES_AT). */
PASSWORDLESS_API int32_t passwordless_tokens_int(const passwordless_tokens *tokens, int32_t field,
                                                 int64_t *out) PASSWORDLESS_NOEXCEPT;

/* OpenID Connect discovery: GET <expected issuer without its trailing slash>/.well-known/openid-configuration,
 * as a request. */
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

/* ---- key sets and ID tokens ---------------------------------------------------------------- */

/* GET /.well-known/jwks.json on the tenant, as a request to send. */
PASSWORDLESS_API int32_t passwordless_client_jwks_request(const passwordless_client *client,
                                                          passwordless_request **out) PASSWORDLESS_NOEXCEPT;
/* The answer to the JWKS request: a key set (freed with passwordless_keyset_free). */
PASSWORDLESS_API int32_t passwordless_client_jwks_response(const passwordless_client *client,
                                                           const passwordless_response *response, int64_t now,
                                                           passwordless_keyset **out,
                                                           passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Parses a JWKS document (any source: a file, a cache, a response body). */
PASSWORDLESS_API int32_t passwordless_keyset_parse(passwordless_bytes document, passwordless_keyset **out,
                                                   passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_keyset_free(passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT;
/* The number of keys, or a negative status. */
PASSWORDLESS_API int32_t passwordless_keyset_count(const passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT;
/* How many keys the document had that were skipped as not understood (RFC 7517 section 5:
 * another kty, an unusable RSA key), or a negative status. */
PASSWORDLESS_API int32_t passwordless_keyset_skipped(const passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT;
/* The key with this kid as a JSON object (view valid until the key set is freed);
 * PASSWORDLESS_E_ABSENT when there is none. */
PASSWORDLESS_API int32_t passwordless_keyset_find(const passwordless_keyset *keys, passwordless_str kid,
                                                  passwordless_str *jwk_json) PASSWORDLESS_NOEXCEPT;

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
/* A string claim ("email", "sub", ...); view valid while the claims live. */
PASSWORDLESS_API int32_t passwordless_claims_str(const passwordless_claims *claims, passwordless_str name,
                                                 passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* A numeric claim as a whole number. */
PASSWORDLESS_API int32_t passwordless_claims_int(const passwordless_claims *claims, passwordless_str name,
                                                 int64_t *out) PASSWORDLESS_NOEXCEPT;
/* A boolean claim. */
PASSWORDLESS_API int32_t passwordless_claims_bool(const passwordless_claims *claims, passwordless_str name,
                                                  bool *out) PASSWORDLESS_NOEXCEPT;
/* Every claim: the payload JSON exactly as decoded from the token. */
PASSWORDLESS_API int32_t passwordless_claims_json(const passwordless_claims *claims, passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* ---- login --------------------------------------------------------------------------------- */

/* Where a login stands (flow_state). Append-only. */
typedef enum passwordless_state {
    PASSWORDLESS_STATE_IDLE = 0,
    PASSWORDLESS_STATE_SENDING_CODE = 1,
    PASSWORDLESS_STATE_AWAITING_CODE = 2,
    PASSWORDLESS_STATE_VERIFYING_CODE = 3,
    PASSWORDLESS_STATE_AUTHENTICATED = 4,
    PASSWORDLESS_STATE_FAILED = 5,
    PASSWORDLESS_STATE_FETCHING_KEYS = 6,
    /* MFA (PASSWORDLESS_LOGIN_MFA): the code was right, a second factor is due */
    PASSWORDLESS_STATE_LISTING_AUTHENTICATORS = 7,  /* GET /mfa/authenticators is out (or failed: retry) */
    PASSWORDLESS_STATE_CHOOSING_AUTHENTICATOR = 8,  /* choose_authenticator (or submit a code) */
    PASSWORDLESS_STATE_CHALLENGING = 9,             /* POST /mfa/challenge is out */
    PASSWORDLESS_STATE_AWAITING_MFA_CODE = 10,      /* submit_mfa_code or submit_recovery_code */
    PASSWORDLESS_STATE_AWAITING_APPROVAL = 11,      /* a push is out: poll from PASSWORDLESS_STEPT_POLL_AT */
    PASSWORDLESS_STATE_VERIFYING_MFA = 12           /* an MFA grant is out */
} passwordless_state;

/* What to do after a step (flow_next). Append-only. */
typedef enum passwordless_next {
    PASSWORDLESS_NEXT_SEND_REQUEST = 0,      /* send passwordless_step_request, then on_response */
    PASSWORDLESS_NEXT_ASK_FOR_CODE = 1,      /* prompt the user, then submit_code (or resend) */
    PASSWORDLESS_NEXT_REQUEST_NEW_CODE = 2,  /* the code is expired or used up: resend or start */
    PASSWORDLESS_NEXT_WAIT_UNTIL = 3,        /* nothing may be sent before the error's retry time */
    PASSWORDLESS_NEXT_START_OVER = 4,        /* start again (with corrected input) */
    PASSWORDLESS_NEXT_DONE = 5,              /* the step carries the tokens */
    PASSWORDLESS_NEXT_STOP = 6,              /* the login failed; show the error */
    PASSWORDLESS_NEXT_NONE = 7,              /* a call that was not allowed changed nothing */
    PASSWORDLESS_NEXT_RETRY = 8,             /* the key fetch failed: passwordless_login_retry later */
    PASSWORDLESS_NEXT_CHOOSE_AUTHENTICATOR = 9, /* MFA: show passwordless_step_authenticators, choose one */
    PASSWORDLESS_NEXT_ASK_FOR_MFA_CODE = 10,    /* MFA: ask for the second-factor (or a recovery) code */
    PASSWORDLESS_NEXT_POLL = 11                 /* MFA: a push waits: passwordless_login_poll at POLL_AT */
} passwordless_next;

/* What a step reports besides requests and errors. Append-only. */
typedef enum passwordless_event {
    PASSWORDLESS_EVENT_NONE = 0,
    PASSWORDLESS_EVENT_CODE_SENT = 1,
    PASSWORDLESS_EVENT_LINK_SENT = 2,
    PASSWORDLESS_EVENT_AUTHENTICATED = 3,
    PASSWORDLESS_EVENT_MFA_REQUIRED = 4  /* the authenticators are listed: passwordless_step_authenticators */
} passwordless_event;

/* Times a step may carry, for passwordless_step_time. Append-only. */
typedef enum passwordless_step_time_id {
    PASSWORDLESS_STEPT_RESEND_AFTER = 1,     /* code_sent/link_sent: when resend is allowed */
    PASSWORDLESS_STEPT_CODE_EXPIRES_AT = 2,  /* code_sent/link_sent */
    PASSWORDLESS_STEPT_NEXT_DEADLINE = 3,    /* the login's earliest self-driven change */
    PASSWORDLESS_STEPT_POLL_AT = 4           /* awaiting_approval: passwordless_login_poll is allowed from then */
} passwordless_step_time_id;

/* Options of a login (passwordless_login_options_set_*). Append-only; 100 to 199. */
typedef enum passwordless_login_option {
    PASSWORDLESS_LOGIN_CODE_LIFETIME = 100,     /* int: your tenant's OTP expiry (default: the server's) */
    PASSWORDLESS_LOGIN_RESEND_COOLDOWN = 101,   /* int: seconds (default 30) */
    PASSWORDLESS_LOGIN_MAX_ATTEMPTS = 102,      /* int: wrong codes per code (default 3) */
    PASSWORDLESS_LOGIN_AUDIENCE = 103,          /* str */
    PASSWORDLESS_LOGIN_SCOPE = 104,             /* str */
    PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN = 105,   /* int: 1 requires and verifies the ID token */
    PASSWORDLESS_LOGIN_ISSUER = 106,            /* str: default: the client's expected issuer */
    PASSWORDLESS_LOGIN_LEEWAY = 107,            /* int: seconds of clock skew (default 60) */
    PASSWORDLESS_LOGIN_NONCE = 108,             /* str */
    PASSWORDLESS_LOGIN_MAX_AGE = 109,           /* int: seconds; requires auth_time */
    PASSWORDLESS_LOGIN_ORGANIZATION = 110,      /* str: org_... or an organisation name */
    PASSWORDLESS_LOGIN_ALGORITHMS = 111,        /* str: comma-separated allow-list (default RS256) */
    PASSWORDLESS_LOGIN_TRUSTED_AUDIENCE = 112,  /* str: adds one audience besides the client id */
    PASSWORDLESS_LOGIN_DANGEROUS_SKIP_SIGNATURE_CHECK = 113, /* int: 1 checks claims only */
    PASSWORDLESS_LOGIN_FETCH_KEYS = 114,        /* int: 1: the login fetches the JWKS as a request step
                                                   and the verifier gets the key the token names */
    PASSWORDLESS_LOGIN_JWKS_URI = 115,          /* str: with FETCH_KEYS; default the tenant's */
    PASSWORDLESS_LOGIN_DPOP_REQUIRE_BINDING = 116, /* int: 1 refuses tokens the server did not bind
                                                     (token_type other than DPoP); with a DPoP key */
    PASSWORDLESS_LOGIN_MFA = 117                /* int: 1 continues after mfa_required (see "MFA") */
} passwordless_login_option;

/* Members of passwordless_start_params (passwordless_start_params_set). Append-only; 200-299. */
typedef enum passwordless_start_field {
    PASSWORDLESS_START_CONNECTION = 200,    /* "email", "sms" or a custom connection */
    PASSWORDLESS_START_EMAIL = 201,
    PASSWORDLESS_START_PHONE_NUMBER = 202,  /* E.164 */
    PASSWORDLESS_START_SEND = 203,          /* "code", "link", "link_ios", "link_android" */
    PASSWORDLESS_START_LANGUAGE = 204,      /* x-request-language */
    PASSWORDLESS_START_FORWARDED_FOR = 205  /* auth0-forwarded-for: the end user's IP */
} passwordless_start_field;

PASSWORDLESS_API int32_t passwordless_login_options_new(passwordless_login_options **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_login_options_free(passwordless_login_options *opts) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_options_set_str(passwordless_login_options *opts, int32_t option,
                                                            passwordless_str value) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_options_set_int(passwordless_login_options *opts, int32_t option,
                                                            int64_t value) PASSWORDLESS_NOEXCEPT;
/* Installs the signature verifier (replacing and releasing any earlier one). `verify` NULL
 * removes it. See "callbacks" for when user_data_free runs. */
PASSWORDLESS_API int32_t passwordless_login_options_set_verifier(passwordless_login_options *opts, passwordless_verify_fn verify,
                                                                 void *user_data,
                                                                 passwordless_free_fn user_data_free) PASSWORDLESS_NOEXCEPT;
/* Installs a copy of a key set; the verifier receives the key the token names as jwk_json. */
PASSWORDLESS_API int32_t passwordless_login_options_set_keyset(passwordless_login_options *opts,
                                                               const passwordless_keyset *keys) PASSWORDLESS_NOEXCEPT;

/* A new login (login_flow::create) for a client; the client and options may be freed right after. */
PASSWORDLESS_API int32_t passwordless_login_new(const passwordless_client *client, const passwordless_login_options *opts,
                                                passwordless_login **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_login_free(passwordless_login *login) PASSWORDLESS_NOEXCEPT;
/* The current state (a passwordless_state), or a negative status. */
PASSWORDLESS_API int32_t passwordless_login_state(const passwordless_login *login) PASSWORDLESS_NOEXCEPT;

/* Inputs of start: build with _new, set members, pass to passwordless_login_start, free. */
PASSWORDLESS_API int32_t passwordless_start_params_new(passwordless_start_params **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_start_params_free(passwordless_start_params *params) PASSWORDLESS_NOEXCEPT;
/* Sets a member (passwordless_start_field); {NULL, 0} unsets it. */
PASSWORDLESS_API int32_t passwordless_start_params_set(passwordless_start_params *params, int32_t field,
                                                       passwordless_str value) PASSWORDLESS_NOEXCEPT;
/* Adds one authParams member (magic links: scope, state, redirect_uri, response_type, ...). */
PASSWORDLESS_API int32_t passwordless_start_params_add_auth_param(passwordless_start_params *params, passwordless_str name,
                                                                  passwordless_str value) PASSWORDLESS_NOEXCEPT;

/* The login's calls. Each takes `now` (Unix seconds) and, on PASSWORDLESS_OK, writes a new step
 * (freed with passwordless_step_free). A refusal or a protocol failure is not a failure of the
 * call: it is a step that carries an error (passwordless_step_error) and says what to do next
 * (passwordless_step_next). A negative status means the call itself was misused; then no step is
 * written. */
PASSWORDLESS_API int32_t passwordless_login_start(passwordless_login *login, const passwordless_start_params *params,
                                                  int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_resend(passwordless_login *login, int64_t now,
                                                   passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_submit_code(passwordless_login *login, passwordless_str code, int64_t now,
                                                        passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_on_response(passwordless_login *login, const passwordless_response *response,
                                                        int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_on_transport_failure(passwordless_login *login, int64_t now,
                                                                 passwordless_step **out) PASSWORDLESS_NOEXCEPT;
/* Sends the failed key fetch again (after PASSWORDLESS_NEXT_RETRY). */
PASSWORDLESS_API int32_t passwordless_login_retry(passwordless_login *login, int64_t now,
                                                  passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_cancel(passwordless_login *login, int64_t now,
                                                   passwordless_step **out) PASSWORDLESS_NOEXCEPT;

/* The pending login as versioned text (no code, secret or token; a magic link's state and nonce
 * are sensitive), for passwordless_login_restore after the application restarts. The text carries
 * digests of the client and options (no secret). The view is valid until the next
 * passwordless_login_save or passwordless_login_save_sealed on this login or its free. */
PASSWORDLESS_API int32_t passwordless_login_save(passwordless_login *login, passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* A login continued from saved text (untrusted: a bad text is PASSWORDLESS_KIND_INVALID_ARGUMENT
 * with field "saved_state"), with the same client and options as the saved one: a text saved
 * under another client or other options (ID-token checks, DPoP, login rules) is refused the same
 * way, the message naming what differs. A sealed text is refused here (see _restore_sealed). */
PASSWORDLESS_API int32_t passwordless_login_restore(const passwordless_client *client, const passwordless_login_options *opts,
                                                    passwordless_str saved, int64_t now, passwordless_login **out,
                                                    passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* passwordless_login_save with an HMAC-SHA256 seal under the caller's `seal_key` (any bytes, at
 * least 16), for text stored where others can write: passwordless_login_restore_sealed then
 * refuses any edit. A shorter key is PASSWORDLESS_KIND_INVALID_ARGUMENT with field "seal_key"
 * (the key never appears in a message). The view is valid as for passwordless_login_save. */
PASSWORDLESS_API int32_t passwordless_login_save_sealed(passwordless_login *login, passwordless_bytes seal_key,
                                                        passwordless_str *out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* passwordless_login_restore of a text sealed with `seal_key`: a text without a seal, or whose
 * seal does not match (edited, or sealed with another key), is PASSWORDLESS_KIND_INVALID_ARGUMENT
 * with field "saved_state"; a key under 16 bytes, with field "seal_key". */
PASSWORDLESS_API int32_t passwordless_login_restore_sealed(const passwordless_client *client,
                                                           const passwordless_login_options *opts, passwordless_str saved,
                                                           passwordless_bytes seal_key, int64_t now, passwordless_login **out,
                                                           passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

/* A step: the answer to one login call. Its request, error, tokens and claims are parts it lends:
 * valid until passwordless_step_free (their own *_free ignores them); copy what you keep, or
 * passwordless_error_clone. */
PASSWORDLESS_API void passwordless_step_free(passwordless_step *step) PASSWORDLESS_NOEXCEPT;
/* The state after the call, or a negative status. */
PASSWORDLESS_API int32_t passwordless_step_state(const passwordless_step *step) PASSWORDLESS_NOEXCEPT;
/* What to do next (a passwordless_next), or a negative status. */
PASSWORDLESS_API int32_t passwordless_step_next(const passwordless_step *step) PASSWORDLESS_NOEXCEPT;
/* The event (a passwordless_event; PASSWORDLESS_EVENT_NONE when there is none). */
PASSWORDLESS_API int32_t passwordless_step_event(const passwordless_step *step) PASSWORDLESS_NOEXCEPT;
/* The request to send, owned by the step (read-only); PASSWORDLESS_E_ABSENT when there is none. */
PASSWORDLESS_API int32_t passwordless_step_request(const passwordless_step *step,
                                                   const passwordless_request **out) PASSWORDLESS_NOEXCEPT;
/* The error, owned by the step; PASSWORDLESS_E_ABSENT when there is none. */
PASSWORDLESS_API int32_t passwordless_step_error(const passwordless_step *step, const passwordless_error **out) PASSWORDLESS_NOEXCEPT;
/* A time of the step (passwordless_step_time_id); PASSWORDLESS_E_ABSENT when unset. */
PASSWORDLESS_API int32_t passwordless_step_time(const passwordless_step *step, int32_t which, int64_t *out) PASSWORDLESS_NOEXCEPT;
/* The tokens of an authenticated step, owned by the step; PASSWORDLESS_E_ABSENT otherwise. */
PASSWORDLESS_API int32_t passwordless_step_tokens(const passwordless_step *step, const passwordless_tokens **out) PASSWORDLESS_NOEXCEPT;
/* The verified ID token's claims, owned by the step; PASSWORDLESS_E_ABSENT when none was verified. */
PASSWORDLESS_API int32_t passwordless_step_claims(const passwordless_step *step, const passwordless_claims **out) PASSWORDLESS_NOEXCEPT;

/* ---- DPoP (RFC 9449): keys, the login's and a refresh's proofs, API calls ------------------ */

/* A DPoP key: its public JWK ({"kty":"EC","crv":"P-256","x":...,"y":...}, no private members)
 * and the caller's signer and random source. The key may be given to logins and refreshes and
 * freed at once: each holds its own reference, and user_data_free runs when the last holder goes
 * (at once when this call fails). A bad key is PASSWORDLESS_E_INVALID_ARG. */
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

/* DPoP for the login: every /oauth/token request carries a fresh proof by the key whose public
 * JWK is given; `sign` and `random` do the private-key and random work; one user_data serves
 * both, released by user_data_free as for the verifier. A use_dpop_nonce answer makes the login
 * send the token request once more by itself. A bad key is PASSWORDLESS_E_INVALID_ARG. */
PASSWORDLESS_API int32_t passwordless_login_options_set_dpop(passwordless_login_options *opts, passwordless_str public_jwk,
                                                             passwordless_dpop_sign_fn sign, passwordless_random_fn random,
                                                             void *user_data, passwordless_free_fn user_data_free) PASSWORDLESS_NOEXCEPT;
/* Gives a login this key (as passwordless_login_options_set_dpop does with a key's parts). */
PASSWORDLESS_API int32_t passwordless_login_options_set_dpop_key(passwordless_login_options *opts,
                                                                 const passwordless_dpop_key *key) PASSWORDLESS_NOEXCEPT;
/* The newest DPoP-Nonce the login has seen (keep it for a refresh); PASSWORDLESS_E_ABSENT when
 * none. The view is valid until the next call on the login. */
PASSWORDLESS_API int32_t passwordless_login_dpop_nonce(const passwordless_login *login,
                                                       passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* An API call with a DPoP-bound access token: a request (freed with passwordless_request_free)
 * whose method and URL are those given, with no body, and whose two headers, in order, are
 * "authorization: DPoP <token>" and "dpop: <proof with ath>". Add those headers (and your body)
 * to the call. `nonce` is the API's latest DPoP-Nonce ({NULL, 0}: none). A refused argument is
 * PASSWORDLESS_KIND_INVALID_ARGUMENT with the field named (method, url, access_token, nonce,
 * now, jti: the random source failed, signature: the signer failed). On a 401, see
 * passwordless_resource_error. */
PASSWORDLESS_API int32_t passwordless_dpop_resource_request(const passwordless_dpop_key *key, passwordless_str method,
                                                            passwordless_str url, passwordless_str access_token,
                                                            passwordless_str nonce, int64_t now, passwordless_request **out,
                                                            passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Adds a fresh proof (a "dpop" header, replacing any) to a request the library built and the
 * caller owns, e.g. one of passwordless_client_code_request; a step's request is refused with
 * PASSWORDLESS_E_INVALID_ARG. Nothing changes on failure. */
PASSWORDLESS_API int32_t passwordless_request_add_dpop_proof(passwordless_request *req, const passwordless_dpop_key *key,
                                                             passwordless_str nonce, int64_t now,
                                                             passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* The RFC 7638 thumbprint of any public JWK (RSA, EC, OKP) as base64url text (43 bytes, no NUL)
 * written into the caller's buffer `out`; PASSWORDLESS_E_INVALID_ARG when the JWK is not such a
 * key or out_cap is too small. */
PASSWORDLESS_API int32_t passwordless_jwk_thumbprint(passwordless_str jwk_json, uint8_t *out, size_t out_cap,
                                                     size_t *out_len) PASSWORDLESS_NOEXCEPT;

/* A refresh with DPoP, one refresh grant: passwordless_refresh_request, send it,
 * passwordless_refresh_on_response; send again when that gives a request (the server asked for
 * its DPoP nonce). `token_type` is that of the tokens being refreshed: DPoP-bound tokens without
 * `key` are refused (PASSWORDLESS_KIND_INVALID_ARGUMENT, field "dpop"). `scope` and `audience` are
 * optional (empty: none). `key` may be NULL (no DPoP) and freed right after. `require_binding` 1
 * refuses new tokens that are not DPoP-bound. `nonce` is the newest DPoP-Nonce known for the
 * tenant (e.g. passwordless_login_dpop_nonce), or {NULL, 0}. */
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
 * The view is valid until the next call on the refresh. */
PASSWORDLESS_API int32_t passwordless_refresh_dpop_nonce(const passwordless_refresh *refresh,
                                                         passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* ---- a resource server's answer: WWW-Authenticate challenges and errors -------------------- */

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
/* Classifies an API's non-2xx answer into a new error (freed with passwordless_error_free), from
 * its Bearer or DPoP challenge: invalid_token is PASSWORDLESS_KIND_INVALID_ACCESS_TOKEN (action
 * refresh), insufficient_scope PASSWORDLESS_KIND_INSUFFICIENT_SCOPE, use_dpop_nonce
 * PASSWORDLESS_KIND_DPOP_NONCE_REQUIRED with the response's nonce (PASSWORDLESS_ERRF_DPOP_NONCE:
 * send once more with it), invalid_dpop_proof PASSWORDLESS_KIND_INVALID_DPOP_PROOF, invalid_request
 * PASSWORDLESS_KIND_INVALID_REQUEST; without one, a 401 is PASSWORDLESS_KIND_INVALID_ACCESS_TOKEN
 * and anything else as for the tenant's answers. A 2xx status is PASSWORDLESS_E_INVALID_ARG. */
PASSWORDLESS_API int32_t passwordless_resource_error(const passwordless_response *resp, int64_t now,
                                                     passwordless_error **out) PASSWORDLESS_NOEXCEPT;

/* ---- magic-link callbacks and their code exchange ------------------------------------------ */

/* Members of a magic-link callback (passwordless_callback_str/_int). Append-only; 400 to 499. */
typedef enum passwordless_callback_field {
    PASSWORDLESS_CBF_CODE = 400,          /* str: the authorization code (response_type=code) */
    PASSWORDLESS_CBF_ACCESS_TOKEN = 401,  /* str */
    PASSWORDLESS_CBF_ID_TOKEN = 402,      /* str (not verified: see passwordless_verify_id_token) */
    PASSWORDLESS_CBF_TOKEN_TYPE = 403,    /* str */
    PASSWORDLESS_CBF_SCOPE = 404,         /* str */
    PASSWORDLESS_CBF_STATE = 405,         /* str: equal to the expected state */
    PASSWORDLESS_CBF_EXPIRES_IN = 406     /* int: seconds */
} passwordless_callback_field;

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
/* The answer to the code request: tokens (the caller's), or the classified error. */
PASSWORDLESS_API int32_t passwordless_client_code_response(const passwordless_client *client,
                                                           const passwordless_response *response, int64_t now,
                                                           passwordless_tokens **out,
                                                           passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

/* ---- the session after the login: revoke, userinfo, logout, token freshness ---------------- */

/* POST /oauth/revoke for a refresh token, with the client's credentials as for /oauth/token. A
 * refused token (empty, CR, LF, NUL, spaces, non-ASCII) is PASSWORDLESS_KIND_INVALID_ARGUMENT,
 * field "refresh_token", never quoted. */
PASSWORDLESS_API int32_t passwordless_client_revoke_request(const passwordless_client *client, passwordless_str refresh_token,
                                                            passwordless_request **out,
                                                            passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* The answer to it: PASSWORDLESS_OK for any 2xx whatever the body, else the classified error. */
PASSWORDLESS_API int32_t passwordless_client_revoke_response(const passwordless_client *client, const passwordless_response *response,
                                                             int64_t now, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* GET /userinfo with "authorization: <token_type> <access_token>" (token_type "Bearer" or "DPoP",
 * any case; {NULL, 0}: Bearer). DPoP tokens need `key` (a proof with ath and `nonce`, the
 * server's latest DPoP-Nonce, {NULL, 0}: none); NULL key: no proof. */
PASSWORDLESS_API int32_t passwordless_client_userinfo_request(const passwordless_client *client, passwordless_str access_token,
                                                              passwordless_str token_type, const passwordless_dpop_key *key,
                                                              passwordless_str nonce, int64_t now, passwordless_request **out,
                                                              passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* The answer to it: claims (the caller's, passwordless_claims_free; "sub" is a non-empty string),
 * or the error as passwordless_resource_error reads it (a 401 is
 * PASSWORDLESS_KIND_INVALID_ACCESS_TOKEN, action refresh, unless it asks for a DPoP nonce). */
PASSWORDLESS_API int32_t passwordless_client_userinfo_response(const passwordless_client *client,
                                                               const passwordless_response *response, int64_t now,
                                                               passwordless_claims **out,
                                                               passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

typedef enum passwordless_logout_kind {
    PASSWORDLESS_LOGOUT_V2 = 1,    /* /v2/logout: redirect_uri is returnTo; federated 0 or 1 */
    PASSWORDLESS_LOGOUT_OIDC = 2,  /* /oidc/logout: redirect_uri is post_logout_redirect_uri; id_token_hint, state */
} passwordless_logout_kind;

/* A logout URL to open in the browser, as a request (method GET, no headers, no body; freed with
 * passwordless_request_free). Optional texts are {NULL, 0}. A redirect that is not absolute https
 * (or http on a loopback host) is PASSWORDLESS_KIND_INVALID_ARGUMENT naming return_to or
 * post_logout_redirect_uri; id_token_hint or state with PASSWORDLESS_LOGOUT_V2, federated with
 * PASSWORDLESS_LOGOUT_OIDC, or another kind is PASSWORDLESS_E_INVALID_ARG. */
PASSWORDLESS_API int32_t passwordless_client_logout_url(const passwordless_client *client, int32_t kind, passwordless_str redirect_uri,
                                                        passwordless_str id_token_hint, passwordless_str state, int32_t federated,
                                                        passwordless_request **out, passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

typedef enum passwordless_token_freshness {
    PASSWORDLESS_TOKENS_FRESH = 0,           /* expires_at is more than the margin away */
    PASSWORDLESS_TOKENS_REFRESH_NOW = 1,     /* expired or within the margin (or no access token) */
    PASSWORDLESS_TOKENS_EXPIRY_UNKNOWN = 2,  /* the server sent no expires_in: refresh on a 401 */
} passwordless_token_freshness;

/* Whether the access token needs a refresh before a call at `now`, `margin` seconds ahead (a
 * negative margin counts as 0): a passwordless_token_freshness value, or a negative status. */
PASSWORDLESS_API int32_t passwordless_tokens_freshness(const passwordless_tokens *tokens, int64_t now,
                                                       int64_t margin) PASSWORDLESS_NOEXCEPT;

/* ---- MFA after the code (PROTOCOL.md 10) --------------------------------------------------- *
 * With PASSWORDLESS_LOGIN_MFA set to 1, an mfa_required answer to the code does not end the login:
 * it lists the user's authenticators (state LISTING_AUTHENTICATORS, a request to send), then
 * reports PASSWORDLESS_EVENT_MFA_REQUIRED with the list (passwordless_step_authenticators; next
 * CHOOSE_AUTHENTICATOR). passwordless_login_choose_authenticator picks one by id: otp and
 * recovery-code need no challenge (next ASK_FOR_MFA_CODE); oob sends POST /mfa/challenge, then
 * either asks for the code the user was sent (SMS, voice, email) or waits for a push (state
 * AWAITING_APPROVAL, next POLL): passwordless_login_poll from PASSWORDLESS_STEPT_POLL_AT; earlier
 * is PASSWORDLESS_KIND_INVALID_STATE with retry_at. The authenticated tokens of a recovery-code
 * login carry a new PASSWORDLESS_TOKF_RECOVERY_CODE (show it once). The mfa_token, oob_code and
 * every code are secrets: never in an error's text. A login saved during MFA holds none of them:
 * passwordless_login_restore gives it back failed (PASSWORDLESS_KIND_MFA_TOKEN_INVALID);
 * passwordless_login_restore_with_mfa_token with the mfa_token the app kept in its secure store
 * (for a login: the Bearer credential of the LISTING_AUTHENTICATORS step's request; without a
 * login: the mfa_required error's PASSWORDLESS_ERRF_MFA_TOKEN) lists again
 * (passwordless_login_retry sends the request).
 * The calls without a login build and read the same requests for apps that drive MFA themselves;
 * the MFA grants' answers go to passwordless_client_token_response. */

/* Members of an authenticator (passwordless_authenticators_str). Append-only; 600 to 699. */
typedef enum passwordless_authenticator_field {
    PASSWORDLESS_AUTHF_ID = 600,           /* pass to choose_authenticator or a challenge */
    PASSWORDLESS_AUTHF_TYPE = 601,         /* authenticator_type: "otp", "oob", "recovery-code", ... */
    PASSWORDLESS_AUTHF_OOB_CHANNEL = 602,  /* "sms", "voice", "email", "auth0" (push), ... */
    PASSWORDLESS_AUTHF_NAME = 603,         /* e.g. a masked phone number */
    PASSWORDLESS_AUTHF_KIND = 604          /* the entry's "type" member */
} passwordless_authenticator_field;

/* Members of an MFA challenge (passwordless_mfa_challenge_str). Append-only; 700 to 799. */
typedef enum passwordless_mfa_challenge_field {
    PASSWORDLESS_MFAF_CHALLENGE_TYPE = 700,  /* "otp" or "oob" */
    PASSWORDLESS_MFAF_OOB_CODE = 701,        /* oob: for the mfa-oob grant (a secret) */
    PASSWORDLESS_MFAF_BINDING_METHOD = 702   /* "prompt": the user must type the code sent */
} passwordless_mfa_challenge_field;

/* The lists of an mfa_required error's mfa_requirements. Append-only. */
typedef enum passwordless_mfa_requirement_list {
    PASSWORDLESS_MFAREQ_CHALLENGE = 1,  /* factors the user may be challenged with */
    PASSWORDLESS_MFAREQ_ENROLL = 2      /* factors the user must enroll first */
} passwordless_mfa_requirement_list;

/* GET /mfa/authenticators with the mfa_token as Bearer token (a request the caller frees). */
PASSWORDLESS_API int32_t passwordless_client_mfa_authenticators_request(const passwordless_client *client, passwordless_str mfa_token,
                                                                        passwordless_request **out,
                                                                        passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Its answer: the authenticators (the caller's, freed with passwordless_authenticators_free), or
 * the classified error (association_required: PASSWORDLESS_KIND_MFA_ENROLLMENT_REQUIRED). */
PASSWORDLESS_API int32_t passwordless_client_mfa_authenticators_response(const passwordless_client *client,
                                                                         const passwordless_response *response, int64_t now,
                                                                         passwordless_authenticators **out,
                                                                         passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Authenticators: returned above (the caller's) or lent by an MFA_REQUIRED step (the step's; their
 * *_free ignores them). */
PASSWORDLESS_API void passwordless_authenticators_free(passwordless_authenticators *list) PASSWORDLESS_NOEXCEPT;
/* The number of authenticators, or a negative status. */
PASSWORDLESS_API int32_t passwordless_authenticators_count(const passwordless_authenticators *list) PASSWORDLESS_NOEXCEPT;
/* Entries of the answer left out (no usable id or type, or beyond 64), or a negative status. */
PASSWORDLESS_API int32_t passwordless_authenticators_skipped(const passwordless_authenticators *list) PASSWORDLESS_NOEXCEPT;
/* A text member (passwordless_authenticator_field) of entry `index` (under the count, else
 * PASSWORDLESS_E_INVALID_ARG); PASSWORDLESS_E_ABSENT when the entry had none. */
PASSWORDLESS_API int32_t passwordless_authenticators_str(const passwordless_authenticators *list, size_t index, int32_t field,
                                                         passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* Entry `index`'s "active"; PASSWORDLESS_E_ABSENT when the entry had none. */
PASSWORDLESS_API int32_t passwordless_authenticators_active(const passwordless_authenticators *list, size_t index,
                                                            bool *out) PASSWORDLESS_NOEXCEPT;
/* The authenticators of an MFA_REQUIRED step, owned by the step; PASSWORDLESS_E_ABSENT otherwise. */
PASSWORDLESS_API int32_t passwordless_step_authenticators(const passwordless_step *step,
                                                          const passwordless_authenticators **out) PASSWORDLESS_NOEXCEPT;

/* POST /mfa/challenge. `challenge_type` "otp", "oob" or "otp oob", `authenticator_id`: both
 * optional ({NULL, 0}: the server chooses). */
PASSWORDLESS_API int32_t passwordless_client_mfa_challenge_request(const passwordless_client *client, passwordless_str mfa_token,
                                                                   passwordless_str challenge_type, passwordless_str authenticator_id,
                                                                   passwordless_request **out,
                                                                   passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
/* Its answer: the challenge (the caller's, freed with passwordless_mfa_challenge_free), or the
 * classified error. */
PASSWORDLESS_API int32_t passwordless_client_mfa_challenge_response(const passwordless_client *client,
                                                                    const passwordless_response *response, int64_t now,
                                                                    passwordless_mfa_challenge **out,
                                                                    passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API void passwordless_mfa_challenge_free(passwordless_mfa_challenge *challenge) PASSWORDLESS_NOEXCEPT;
/* A text member (passwordless_mfa_challenge_field); PASSWORDLESS_E_ABSENT when unset. */
PASSWORDLESS_API int32_t passwordless_mfa_challenge_str(const passwordless_mfa_challenge *challenge, int32_t field,
                                                        passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* The MFA grants (/oauth/token; answers to passwordless_client_token_response): mfa-otp with an
 * authenticator app's code, mfa-oob with the challenge's oob_code (and the binding code the user
 * typed, or {NULL, 0} to poll a push), mfa-recovery-code. */
PASSWORDLESS_API int32_t passwordless_client_mfa_otp_request(const passwordless_client *client, passwordless_str mfa_token,
                                                             passwordless_str otp, passwordless_request **out,
                                                             passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_client_mfa_oob_request(const passwordless_client *client, passwordless_str mfa_token,
                                                             passwordless_str oob_code, passwordless_str binding_code,
                                                             passwordless_request **out,
                                                             passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_client_mfa_recovery_request(const passwordless_client *client, passwordless_str mfa_token,
                                                                  passwordless_str recovery_code, passwordless_request **out,
                                                                  passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

/* An mfa_required error's mfa_requirements: the number of factor types in `list`
 * (passwordless_mfa_requirement_list; 0 when the list is empty), PASSWORDLESS_E_ABSENT when the
 * error carries none, or a negative status. */
PASSWORDLESS_API int32_t passwordless_error_mfa_requirement_count(const passwordless_error *err, int32_t list) PASSWORDLESS_NOEXCEPT;
/* Factor type `index` of `list` ("otp", "phone", "push-notification", ...), as sent. */
PASSWORDLESS_API int32_t passwordless_error_mfa_requirement_at(const passwordless_error *err, int32_t list, size_t index,
                                                               passwordless_str *out) PASSWORDLESS_NOEXCEPT;

/* The login's MFA calls (steps as for passwordless_login_submit_code). */
PASSWORDLESS_API int32_t passwordless_login_choose_authenticator(passwordless_login *login, passwordless_str authenticator_id,
                                                                 int64_t now, passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_submit_mfa_code(passwordless_login *login, passwordless_str code, int64_t now,
                                                            passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_submit_recovery_code(passwordless_login *login, passwordless_str code, int64_t now,
                                                                 passwordless_step **out) PASSWORDLESS_NOEXCEPT;
PASSWORDLESS_API int32_t passwordless_login_poll(passwordless_login *login, int64_t now,
                                                 passwordless_step **out) PASSWORDLESS_NOEXCEPT;
/* The error that ended the login, while it is failed (for a login saved during MFA and restored
 * without its mfa_token: PASSWORDLESS_KIND_MFA_TOKEN_INVALID), owned by the login and valid until
 * the next call of this function or the login's free; PASSWORDLESS_E_ABSENT otherwise. */
PASSWORDLESS_API int32_t passwordless_login_failure(passwordless_login *login, const passwordless_error **out) PASSWORDLESS_NOEXCEPT;
/* The mfa_token the login holds while it is in an MFA state: a secret. Keep it in your secure
 * store beside a text saved during MFA, for passwordless_login_restore_with_mfa_token. Lent by the
 * login until its next call or free; PASSWORDLESS_E_ABSENT outside the MFA states. */
PASSWORDLESS_API int32_t passwordless_login_mfa_token(passwordless_login *login, passwordless_str *out) PASSWORDLESS_NOEXCEPT;
/* passwordless_login_restore of a text saved during MFA, with its mfa_token: the login continues
 * in LISTING_AUTHENTICATORS. `seal_key` empty: the text is not sealed. An empty mfa_token is
 * PASSWORDLESS_E_INVALID_ARG, one with CR/LF or too long PASSWORDLESS_KIND_INVALID_ARGUMENT
 * (both with an error naming field mfa_token). */
PASSWORDLESS_API int32_t passwordless_login_restore_with_mfa_token(const passwordless_client *client,
                                                                   const passwordless_login_options *opts, passwordless_str saved,
                                                                   passwordless_str mfa_token, passwordless_bytes seal_key,
                                                                   int64_t now, passwordless_login **out,
                                                                   passwordless_error **out_err) PASSWORDLESS_NOEXCEPT;

#if defined(__cplusplus)
}
#endif

#endif /* PASSWORDLESS_H */

/* The implementation is not included from here (a header never includes a file that includes it
 * back): the one implementation unit includes <passwordless/c_api/implementation.hpp>. The
 * earlier recipe's macro says so rather than leaving every function undefined. */
#if defined(PASSWORDLESS_C_IMPLEMENTATION)
#error "PASSWORDLESS_C_IMPLEMENTATION is not used: the implementation unit is #include <passwordless/c_api/implementation.hpp>"
#endif
