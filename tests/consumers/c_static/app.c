/* A C99 program on libpasswordless's static library: it parses a key set, makes a client and
 * builds a request, through the C ABI alone. Linked as C (no C++ compiler or flags in the
 * consumer), it proves that the library brings the C++ runtime it was built with. */
#include <stdio.h>
#include <string.h>

#include <passwordless.h>

static passwordless_str text(const char *s) {
    passwordless_str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

int main(void) {
    static const char jwks[] = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}";
    static const char broken[] = "{\"keys\":[";
    passwordless_bytes doc;
    passwordless_keyset *keys = NULL;
    passwordless_error *err = NULL;
    passwordless_client_options *opts = NULL;
    passwordless_client *client = NULL;
    passwordless_request *req = NULL;
    passwordless_str url;
    int32_t st;

    printf("libpasswordless %s (ABI %u)\n", passwordless_version_string(), (unsigned)passwordless_abi_version());
    doc.ptr = (const uint8_t *)jwks;
    doc.len = sizeof jwks - 1;
    st = passwordless_keyset_parse(doc, &keys, &err);
    if (st != PASSWORDLESS_OK) {
        fprintf(stderr, "key set: status %d (%s)\n", (int)st, passwordless_status_str(st));
        return 1;
    }
    printf("key set: %d key(s)\n", (int)passwordless_keyset_count(keys));
    passwordless_keyset_free(keys);
    doc.ptr = (const uint8_t *)broken;
    doc.len = sizeof broken - 1;
    st = passwordless_keyset_parse(doc, &keys, &err);
    if (st == PASSWORDLESS_OK) {
        fputs("a broken key set was accepted\n", stderr);
        return 1;
    }
    printf("broken key set refused: %s\n", passwordless_status_str(st));
    passwordless_error_free(err);
    err = NULL;

    if (passwordless_client_options_new(&opts) != PASSWORDLESS_OK ||
        passwordless_client_options_set_str(opts, PASSWORDLESS_CLIENT_DOMAIN, text("example.eu.auth0.com")) != PASSWORDLESS_OK ||
        passwordless_client_options_set_str(opts, PASSWORDLESS_CLIENT_ID, text("client-1")) != PASSWORDLESS_OK ||
        passwordless_client_new(opts, &client, &err) != PASSWORDLESS_OK) {
        fputs("client: refused\n", stderr);
        return 1;
    }
    passwordless_client_options_free(opts);
    if (passwordless_client_jwks_request(client, &req) != PASSWORDLESS_OK ||
        passwordless_request_url(req, &url) != PASSWORDLESS_OK) {
        fputs("jwks request: refused\n", stderr);
        return 1;
    }
    printf("GET %.*s\n", (int)url.len, url.ptr);
    if (url.len != 50 || memcmp(url.ptr, "https://example.eu.auth0.com/.well-known/jwks.json", 50) != 0) {
        fputs("unexpected URL\n", stderr);
        return 1;
    }
    passwordless_request_free(req);
    passwordless_client_free(client);
    return 0;
}
