/* Two copies of libpasswordless built from two versions of the core, loaded into one process:
 * each must answer with its own version and run a whole login (canned answers) on its own,
 * interleaved with the other, without either one's internals (hidden C++ symbols, nlohmann/json
 * templates) being bound to the other's. tests/c_api/two_versions.sh builds the second copy.
 *
 * usage: two_versions LIB_A EXPECTED_VERSION_A LIB_B EXPECTED_VERSION_B [global]
 * With "global" both are loaded RTLD_GLOBAL, so each one's exported names are visible to the
 * other: its own calls must still bind to itself (hidden internals, -Bsymbolic).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <passwordless.h>

typedef struct api {
    const char *(*version_string)(void);
    int32_t (*client_options_new)(passwordless_client_options **);
    int32_t (*client_options_set_str)(passwordless_client_options *, int32_t, passwordless_str);
    void (*client_options_free)(passwordless_client_options *);
    int32_t (*client_new)(const passwordless_client_options *, passwordless_client **, passwordless_error **);
    void (*client_free)(passwordless_client *);
    int32_t (*login_options_new)(passwordless_login_options **);
    void (*login_options_free)(passwordless_login_options *);
    int32_t (*login_new)(const passwordless_client *, const passwordless_login_options *, passwordless_login **,
                         passwordless_error **);
    void (*login_free)(passwordless_login *);
    int32_t (*start_params_new)(passwordless_start_params **);
    int32_t (*start_params_set)(passwordless_start_params *, int32_t, passwordless_str);
    void (*start_params_free)(passwordless_start_params *);
    int32_t (*login_start)(passwordless_login *, const passwordless_start_params *, int64_t, passwordless_step **);
    int32_t (*login_submit_code)(passwordless_login *, passwordless_str, int64_t, passwordless_step **);
    int32_t (*login_on_response)(passwordless_login *, const passwordless_response *, int64_t, passwordless_step **);
    int32_t (*step_next)(const passwordless_step *);
    void (*step_free)(passwordless_step *);
    int32_t (*response_new)(int32_t, passwordless_response **);
    int32_t (*response_set_body)(passwordless_response *, passwordless_bytes);
    void (*response_free)(passwordless_response *);
} api;

static int load(const char *path, api *a, int global) {
    void *h = dlopen(path, RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
    if (h == NULL) {
        fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
        return 0;
    }
#define PL_LOAD(name)                                                           \
    *(void **)(&a->name) = dlsym(h, "passwordless_" #name);                     \
    if (a->name == NULL) {                                                      \
        fprintf(stderr, "%s: passwordless_%s missing\n", path, #name);          \
        return 0;                                                               \
    }
    PL_LOAD(version_string) PL_LOAD(client_options_new) PL_LOAD(client_options_set_str) PL_LOAD(client_options_free)
    PL_LOAD(client_new) PL_LOAD(client_free) PL_LOAD(login_options_new) PL_LOAD(login_options_free) PL_LOAD(login_new)
    PL_LOAD(login_free) PL_LOAD(start_params_new) PL_LOAD(start_params_set) PL_LOAD(start_params_free)
    PL_LOAD(login_start) PL_LOAD(login_submit_code) PL_LOAD(login_on_response) PL_LOAD(step_next) PL_LOAD(step_free)
    PL_LOAD(response_new) PL_LOAD(response_set_body) PL_LOAD(response_free)
#undef PL_LOAD
    return 1;
}

static passwordless_str text(const char *s) {
    passwordless_str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

typedef struct session {
    const api *a;
    passwordless_client *client;
    passwordless_login *login;
    passwordless_step *step;
} session;

static int answer(session *s, const char *body) {
    passwordless_response *r = NULL;
    passwordless_bytes b;
    passwordless_step *next = NULL;
    int ok;
    b.ptr = (const uint8_t *)body;
    b.len = strlen(body);
    ok = s->a->response_new(200, &r) == 0 && s->a->response_set_body(r, b) == 0 &&
         s->a->login_on_response(s->login, r, 1700000000, &next) == 0;
    s->a->response_free(r);
    if (ok) {
        s->a->step_free(s->step);
        s->step = next;
    }
    return ok;
}

static int begin(session *s) {
    passwordless_client_options *o = NULL;
    passwordless_login_options *lo = NULL;
    passwordless_start_params *p = NULL;
    int ok = s->a->client_options_new(&o) == 0 && s->a->client_options_set_str(o, PASSWORDLESS_CLIENT_DOMAIN, text("example.auth0.com")) == 0 &&
             s->a->client_options_set_str(o, PASSWORDLESS_CLIENT_ID, text("abc123")) == 0 && s->a->client_new(o, &s->client, NULL) == 0 &&
             s->a->login_options_new(&lo) == 0 && s->a->login_new(s->client, lo, &s->login, NULL) == 0 &&
             s->a->start_params_new(&p) == 0 && s->a->start_params_set(p, PASSWORDLESS_START_CONNECTION, text("email")) == 0 &&
             s->a->start_params_set(p, PASSWORDLESS_START_EMAIL, text("user@example.com")) == 0 &&
             s->a->login_start(s->login, p, 1700000000, &s->step) == 0 && s->a->step_next(s->step) == PASSWORDLESS_NEXT_SEND_REQUEST;
    s->a->start_params_free(p);
    s->a->login_options_free(lo);
    s->a->client_options_free(o);
    return ok;
}

static int submit(session *s) {
    passwordless_step *next = NULL;
    if (s->a->login_submit_code(s->login, text("123456"), 1700000000, &next) != 0) return 0;
    s->a->step_free(s->step);
    s->step = next;
    return s->a->step_next(s->step) == PASSWORDLESS_NEXT_SEND_REQUEST;
}

static void end(session *s) {
    s->a->step_free(s->step);
    s->a->login_free(s->login);
    s->a->client_free(s->client);
}

int main(int argc, char **argv) {
    api a, b;
    session sa, sb;
    int ok;
    int global = argc == 6 && strcmp(argv[5], "global") == 0;
    if (argc != 5 && !global) {
        fprintf(stderr, "usage: %s LIB_A VERSION_A LIB_B VERSION_B [global]\n", argv[0]);
        return 2;
    }
    if (!load(argv[1], &a, global) || !load(argv[3], &b, global)) return 1;
    if (strcmp(a.version_string(), argv[2]) != 0 || strcmp(b.version_string(), argv[4]) != 0) {
        fprintf(stderr, "versions: %s and %s, expected %s and %s\n", a.version_string(), b.version_string(), argv[2], argv[4]);
        return 1;
    }
    memset(&sa, 0, sizeof sa);
    memset(&sb, 0, sizeof sb);
    sa.a = &a;
    sb.a = &b;
    /* Interleaved: every step of one login between two of the other. */
    ok = begin(&sa) && begin(&sb) && answer(&sa, "{\"_id\":\"1\"}") && answer(&sb, "{\"_id\":\"2\"}") &&
         a.step_next(sa.step) == PASSWORDLESS_NEXT_ASK_FOR_CODE && b.step_next(sb.step) == PASSWORDLESS_NEXT_ASK_FOR_CODE &&
         submit(&sb) && submit(&sa) && answer(&sa, "{\"access_token\":\"a\",\"token_type\":\"Bearer\"}") &&
         answer(&sb, "{\"access_token\":\"b\",\"token_type\":\"Bearer\"}") && a.step_next(sa.step) == PASSWORDLESS_NEXT_DONE &&
         b.step_next(sb.step) == PASSWORDLESS_NEXT_DONE;
    end(&sa);
    end(&sb);
    if (!ok) {
        fprintf(stderr, "a login through one of the two libraries failed\n");
        return 1;
    }
    printf("two_versions: %s and %s loaded side by side (%s), both logged in\n", a.version_string(), b.version_string(),
           global ? "RTLD_GLOBAL" : "RTLD_LOCAL");
    return 0;
}
