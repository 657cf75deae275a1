/* A passwordless login in C99 through libpasswordless, over libcurl, with the ID token's RS256
 * signature checked by OpenSSL through the verifier callback. The same loop as the C++ usage
 * example: send what the login asks for, ask for the code when it says so, stop when done.
 *
 * usage: passwordless-c-login BASE_URL CLIENT_ID EMAIL [--code-from-mailbox]
 *   e.g. passwordless-c-login http://127.0.0.1:PORT dev-client alice@example.com --code-from-mailbox
 * With --code-from-mailbox the code comes from examples/dev-tenant's /dev/mailbox; otherwise it
 * is read from standard input. Exit status 0 only when the login succeeded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <passwordless.h>

static passwordless_str text(const char *s) {
    passwordless_str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* ---- HTTP with libcurl ---------------------------------------------------------------------- */

typedef struct buffer {
    char *data;
    size_t len;
} buffer;

static size_t collect(char *ptr, size_t size, size_t n, void *user) {
    buffer *b = (buffer *)user;
    size_t add = size * n;
    char *grown = (char *)realloc(b->data, b->len + add + 1);
    if (grown == NULL) return 0;
    memcpy(grown + b->len, ptr, add);
    b->data = grown;
    b->len += add;
    b->data[b->len] = '\0';
    return add;
}

/* Appends one header line to the raw header block; a new status line (an interim 100, a
 * redirect) starts the block again, so only the final response's headers remain. */
static size_t collect_header(char *line, size_t size, size_t n, void *user) {
    buffer *b = (buffer *)user;
    if (size * n >= 5 && memcmp(line, "HTTP/", 5) == 0) b->len = 0;
    return collect(line, size, n, user);
}

/* The response for `status`, the raw header block and the body. */
static passwordless_response *make_response(long status, const buffer *head, const buffer *body) {
    passwordless_response *resp = NULL;
    passwordless_bytes b;
    size_t pos = 0;
    if (passwordless_response_new((int32_t)status, &resp) != PASSWORDLESS_OK) return NULL;
    while (head->data != NULL && pos < head->len) {
        const char *line = head->data + pos;
        const char *end = strstr(line, "\r\n");
        size_t len = end != NULL ? (size_t)(end - line) : head->len - pos;
        const char *colon = (const char *)memchr(line, ':', len);
        pos += len + 2;
        if (colon != NULL && memcmp(line, "HTTP/", 5) != 0) {
            passwordless_bytes name, value;
            const char *v = colon + 1;
            size_t vlen = len - (size_t)(colon - line) - 1;
            while (vlen > 0 && (*v == ' ' || *v == '\t')) { v++; vlen--; }
            name.ptr = (const uint8_t *)line;
            name.len = (size_t)(colon - line);
            value.ptr = (const uint8_t *)v;
            value.len = vlen;
            if (passwordless_response_add_header(resp, name, value) != PASSWORDLESS_OK) break;
        }
    }
    b.ptr = (const uint8_t *)(body->data != NULL ? body->data : "");
    b.len = body->len;
    if (passwordless_response_set_body(resp, b) != PASSWORDLESS_OK) {
        passwordless_response_free(resp);
        return NULL;
    }
    return resp;
}

/* Sends `req` exactly as described. Returns the response (freed by the caller), or NULL when the
 * request never completed (the login then hears about it through on_transport_failure). */
static passwordless_response *http_send(CURL *curl, const passwordless_request *req) {
    passwordless_str method, url, name, value;
    passwordless_bytes body;
    struct curl_slist *headers = NULL;
    buffer head = {NULL, 0}, received = {NULL, 0};
    passwordless_response *resp = NULL;
    int32_t i, count = passwordless_request_header_count(req);
    char *url_c = NULL, line[8192];
    long status = 0;
    if (passwordless_request_method(req, &method) || passwordless_request_url(req, &url) || passwordless_request_body(req, &body))
        return NULL;
    for (i = 0; i < count; i++) {
        if (passwordless_request_header_at(req, (size_t)i, &name, &value)) goto done;
        snprintf(line, sizeof line, "%.*s: %.*s", (int)name.len, name.ptr, (int)value.len, value.ptr);
        headers = curl_slist_append(headers, line);
    }
    url_c = (char *)malloc(url.len + 1);
    if (url_c == NULL) goto done;
    memcpy(url_c, url.ptr, url.len);
    url_c[url.len] = '\0';
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url_c);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (method.len == 4 && memcmp(method.ptr, "POST", 4) == 0) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, (const char *)body.ptr);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)body.len);
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &head);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    if (curl_easy_perform(curl) == CURLE_OK && curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK)
        resp = make_response(status, &head, &received);
done:
    free(url_c);
    curl_slist_free_all(headers);
    free(head.data);
    free(received.data);
    return resp;
}

/* ---- the signature check: RS256 with OpenSSL, the key given as a JWK by the login ----------- */

/* The bytes of the base64url string member `name` of a flat JSON object (the login writes the
 * key as {"kty":"RSA","kid":...,"n":"...","e":"..."}); NULL when absent. */
static unsigned char *b64url_member(passwordless_str json, const char *name, size_t *out_len) {
    char pattern[16];
    const char *start, *end, *p;
    unsigned char *out;
    unsigned long acc = 0;
    int bits = 0;
    size_t n = 0;
    snprintf(pattern, sizeof pattern, "\"%s\":\"", name);
    start = NULL;
    for (p = json.ptr; p + strlen(pattern) <= json.ptr + json.len; p++)
        if (memcmp(p, pattern, strlen(pattern)) == 0) { start = p + strlen(pattern); break; }
    if (start == NULL) return NULL;
    end = (const char *)memchr(start, '"', (size_t)(json.ptr + json.len - start));
    if (end == NULL) return NULL;
    out = (unsigned char *)malloc((size_t)(end - start) + 1);
    if (out == NULL) return NULL;
    for (p = start; p < end; p++) {
        int v = (*p >= 'A' && *p <= 'Z') ? *p - 'A' : (*p >= 'a' && *p <= 'z') ? *p - 'a' + 26
              : (*p >= '0' && *p <= '9') ? *p - '0' + 52 : *p == '-' ? 62 : *p == '_' ? 63 : -1;
        if (v < 0) { free(out); return NULL; }
        acc = (acc << 6) | (unsigned long)v;
        bits += 6;
        if (bits >= 8) { bits -= 8; out[n++] = (unsigned char)((acc >> bits) & 0xFF); }
    }
    *out_len = n;
    return out;
}

static EVP_PKEY *rsa_key(passwordless_str jwk) {
    size_t n_len = 0, e_len = 0;
    unsigned char *n = b64url_member(jwk, "n", &n_len), *e = b64url_member(jwk, "e", &e_len);
    BIGNUM *bn = NULL, *be = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = NULL;
    EVP_PKEY *key = NULL;
    if (n == NULL || e == NULL) goto done;
    bn = BN_bin2bn(n, (int)n_len, NULL);
    be = BN_bin2bn(e, (int)e_len, NULL);
    bld = OSSL_PARAM_BLD_new();
    if (bn == NULL || be == NULL || bld == NULL || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) ||
        !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) || (params = OSSL_PARAM_BLD_to_param(bld)) == NULL)
        goto done;
    ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (ctx == NULL || EVP_PKEY_fromdata_init(ctx) <= 0 || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) <= 0)
        key = NULL;
done:
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(bn);
    BN_free(be);
    free(n);
    free(e);
    return key;
}

/* The verifier callback: 0 valid, 1 invalid. user_data counts the calls. */
static int32_t verify_rs256(void *user_data, passwordless_str alg, passwordless_str kid, passwordless_bytes signing_input,
                            passwordless_bytes signature, passwordless_str jwk) {
    EVP_PKEY *key;
    EVP_MD_CTX *md;
    int ok = 0;
    (void)kid;
    ++*(int *)user_data;
    if (alg.len != 5 || memcmp(alg.ptr, "RS256", 5) != 0 || jwk.len == 0) return 1;
    key = rsa_key(jwk);
    md = EVP_MD_CTX_new();
    if (key != NULL && md != NULL && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key) == 1)
        ok = EVP_DigestVerify(md, signature.ptr, signature.len, signing_input.ptr, signing_input.len) == 1;
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(key);
    return ok ? 0 : 1;
}

/* ---- the login ------------------------------------------------------------------------------ */

/* The code: from the dev tenant's mailbox, or typed on standard input. */
static int read_code(CURL *curl, const char *base_url, const char *email, int from_mailbox, char *code, size_t cap) {
    if (from_mailbox) {
        buffer got = {NULL, 0};
        char url[1024];
        char *escaped = curl_easy_escape(curl, email, 0);
        const char *at;
        int ok = 0;
        snprintf(url, sizeof url, "%s/dev/mailbox?to=%s", base_url, escaped != NULL ? escaped : "");
        curl_free(escaped);
        curl_easy_reset(curl);
        curl_easy_setopt(curl, CURLOPT_URL, url);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &got);
        if (curl_easy_perform(curl) == CURLE_OK && got.data != NULL && (at = strstr(got.data, "\"code\":\"")) != NULL) {
            size_t i = 0;
            at += 8;
            while (at[i] != '"' && at[i] != '\0' && i + 1 < cap) { code[i] = at[i]; i++; }
            code[i] = '\0';
            ok = 1;
        }
        free(got.data);
        return ok;
    }
    printf("code: ");
    fflush(stdout);
    if (fgets(code, (int)cap, stdin) == NULL) return 0;
    code[strcspn(code, "\r\n")] = '\0';
    return 1;
}

static void show_error(const char *what, const passwordless_error *err) {
    passwordless_str d;
    if (passwordless_error_field(err, PASSWORDLESS_ERRF_DESCRIPTION, &d) != PASSWORDLESS_OK) d = text("");
    fprintf(stderr, "%s: %s (do: %s): %.*s\n", what, passwordless_status_str(passwordless_error_kind(err)),
            passwordless_action_str(passwordless_error_action(err)), (int)d.len, d.ptr);
}

int main(int argc, char **argv) {
    passwordless_client_options *copts = NULL;
    passwordless_client *client = NULL;
    passwordless_login_options *lopts = NULL;
    passwordless_login *login = NULL;
    passwordless_start_params *params = NULL;
    passwordless_step *step = NULL;
    passwordless_error *err = NULL;
    CURL *curl = NULL;
    int verifier_calls = 0, result = 1, next;
    int from_mailbox = argc > 4 && strcmp(argv[4], "--code-from-mailbox") == 0;

    if (argc < 4) {
        fprintf(stderr, "usage: %s BASE_URL CLIENT_ID EMAIL [--code-from-mailbox]\n", argv[0]);
        return 2;
    }
    if (passwordless_abi_version() != PASSWORDLESS_ABI_VERSION) {
        fprintf(stderr, "libpasswordless has ABI %u, this program was built for %d\n", passwordless_abi_version(),
                PASSWORDLESS_ABI_VERSION);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl = curl_easy_init();

    /* The client and the login's rules: verify the ID token, fetch the tenant's keys as a step. */
    if (passwordless_client_options_new(&copts) || passwordless_client_options_set_str(copts, PASSWORDLESS_CLIENT_BASE_URL, text(argv[1])) ||
        passwordless_client_options_set_str(copts, PASSWORDLESS_CLIENT_ID, text(argv[2])))
        goto done;
    if (passwordless_client_new(copts, &client, &err) != PASSWORDLESS_OK) { show_error("client", err); goto done; }
    if (passwordless_login_options_new(&lopts) || passwordless_login_options_set_str(lopts, PASSWORDLESS_LOGIN_SCOPE, text("openid email")) ||
        passwordless_login_options_set_int(lopts, PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN, 1) ||
        passwordless_login_options_set_int(lopts, PASSWORDLESS_LOGIN_FETCH_KEYS, 1) ||
        passwordless_login_options_set_verifier(lopts, verify_rs256, &verifier_calls, NULL))
        goto done;
    if (passwordless_login_new(client, lopts, &login, &err) != PASSWORDLESS_OK) { show_error("login", err); goto done; }

    if (passwordless_start_params_new(&params) || passwordless_start_params_set(params, PASSWORDLESS_START_CONNECTION, text("email")) ||
        passwordless_start_params_set(params, PASSWORDLESS_START_EMAIL, text(argv[3])) ||
        passwordless_start_params_set(params, PASSWORDLESS_START_SEND, text("code")) ||
        passwordless_login_start(login, params, (int64_t)time(NULL), &step))
        goto done;

    for (;;) {
        const passwordless_request *req = NULL;
        const passwordless_error *step_err = NULL;
        passwordless_step *following = NULL;
        int32_t status;
        next = passwordless_step_next(step);
        if (next != PASSWORDLESS_NEXT_SEND_REQUEST && next != PASSWORDLESS_NEXT_ASK_FOR_CODE) break;
        if (passwordless_step_request(step, &req) == PASSWORDLESS_OK) {
            passwordless_response *resp = http_send(curl, req);
            if (resp != NULL) {
                status = passwordless_login_on_response(login, resp, (int64_t)time(NULL), &following);
                passwordless_response_free(resp);
            } else {
                status = passwordless_login_on_transport_failure(login, (int64_t)time(NULL), &following);
            }
        } else {
            char code[64];
            if (passwordless_step_error(step, &step_err) == PASSWORDLESS_OK) show_error("try again", step_err);
            if (!read_code(curl, argv[1], argv[3], from_mailbox, code, sizeof code)) break;
            status = passwordless_login_submit_code(login, text(code), (int64_t)time(NULL), &following);
        }
        passwordless_step_free(step);
        step = following;
        if (status != PASSWORDLESS_OK) goto done;
    }

    if (passwordless_step_next(step) == PASSWORDLESS_NEXT_DONE) {
        const passwordless_claims *claims = NULL;
        passwordless_str email = text("?"), sub = text("?");
        if (passwordless_step_claims(step, &claims) == PASSWORDLESS_OK) {
            passwordless_claims_str(claims, text("email"), &email);
            passwordless_claims_str(claims, text("sub"), &sub);
        }
        printf("logged in: %.*s (sub %.*s), ID token signature checked %d time(s)\n", (int)email.len, email.ptr, (int)sub.len,
               sub.ptr, verifier_calls);
        result = verifier_calls > 0 ? 0 : 1;
    } else {
        const passwordless_error *step_err = NULL;
        if (passwordless_step_error(step, &step_err) == PASSWORDLESS_OK) show_error("login failed", step_err);
    }

done:
    passwordless_step_free(step);
    passwordless_start_params_free(params);
    passwordless_login_free(login);
    passwordless_login_options_free(lopts);
    passwordless_client_free(client);
    passwordless_client_options_free(copts);
    passwordless_error_free(err);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return result;
}
