/* The C ABI from C (README.md, "From other languages"): a client, a login, the start request it asks
 * you to send, and the answer fed back. No network: the answer is canned. Built -std=c99 -pedantic
 * against libpasswordless and run by ctest/meson test readme_c. */
#include <stdio.h>
#include <string.h>

#include <passwordless.h>

static passwordless_str text(const char *s) {
    passwordless_str out;
    out.ptr = s;
    out.len = strlen(s);
    return out;
}

int main(void) {
    passwordless_client_options *copts = NULL;
    passwordless_client *client = NULL;
    passwordless_login_options *lopts = NULL;
    passwordless_login *login = NULL;
    passwordless_start_params *params = NULL;
    passwordless_step *step = NULL, *next = NULL;
    const passwordless_request *req = NULL;
    passwordless_response *resp = NULL;
    passwordless_error *err = NULL;
    passwordless_str url;
    int ok = 0;
    /* README: begin */
    passwordless_client_options_new(&copts);
    passwordless_client_options_set_str(copts, PASSWORDLESS_CLIENT_DOMAIN, text("example.auth0.com"));
    passwordless_client_options_set_str(copts, PASSWORDLESS_CLIENT_ID, text("abc123"));
    if (passwordless_client_new(copts, &client, &err) != PASSWORDLESS_OK) goto done; /* err says why */
    passwordless_login_options_new(&lopts); /* defaults: 3 attempts, 30 s resend cooldown */
    if (passwordless_login_new(client, lopts, &login, &err) != PASSWORDLESS_OK) goto done;
    passwordless_start_params_new(&params);
    passwordless_start_params_set(params, PASSWORDLESS_START_CONNECTION, text("email"));
    passwordless_start_params_set(params, PASSWORDLESS_START_EMAIL, text("alice@example.com"));
    if (passwordless_login_start(login, params, 1700000000, &step) != PASSWORDLESS_OK) goto done;
    if (passwordless_step_request(step, &req) != PASSWORDLESS_OK) goto done; /* lent by the step */
    passwordless_request_url(req, &url);
    printf("send: POST %.*s\n", (int)url.len, url.ptr);
    passwordless_response_new(200, &resp); /* what your HTTP client received */
    if (passwordless_login_on_response(login, resp, 1700000001, &next) != PASSWORDLESS_OK) goto done;
    ok = passwordless_step_next(next) == PASSWORDLESS_NEXT_ASK_FOR_CODE; /* the code is on its way */
    /* README: end */
done:
    printf("%s\n", ok ? "next: ask the user for the code" : "failed");
    passwordless_response_free(resp);
    passwordless_step_free(next);
    passwordless_step_free(step);
    passwordless_start_params_free(params);
    passwordless_login_free(login);
    passwordless_login_options_free(lopts);
    passwordless_client_free(client);
    passwordless_client_options_free(copts);
    passwordless_error_free(err);
    return ok ? 0 : 1;
}
