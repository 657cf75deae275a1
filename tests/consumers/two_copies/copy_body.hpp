// The body of one copy's translation unit, included right after that copy's <passwordless.hpp>.
// TWO_COPIES_ENTRY names the function it defines.
#include <string>

#include "report.hpp"

#define TWO_COPIES_STR2(x) #x
#define TWO_COPIES_STR(x) TWO_COPIES_STR2(x)
#define TWO_COPIES_NAME TWO_COPIES_STR(PASSWORDLESS_NAMESPACE) " " PASSWORDLESS_VERSION_STRING

PASSWORDLESS_NAMESPACE_BEGIN
// The same name in every copy, compiled at -O0 so it is a real (weak) symbol: if two copies
// shared a namespace, the linker would keep one definition and both would return its text.
inline const char* two_copies_marker() { return TWO_COPIES_NAME; }
PASSWORDLESS_NAMESPACE_END

copy_report TWO_COPIES_ENTRY() {
    namespace pl = passwordless;
    copy_report out{TWO_COPIES_NAME, pl::two_copies_marker(), 0};

    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    auto client = pl::client::create(cfg);
    if (!client) {
        out.flow = 1;
        return out;
    }
    pl::otp_grant_params grant{"email", "alice@example.com", "123456", {}, "openid", {}};
    auto req = pl::build_token_request(*client, grant);
    if (!req || req->url != "https://example.auth0.com/oauth/token") {
        out.flow = 2;
        return out;
    }

    pl::response res;
    res.status = 200;
    res.body = R"({"access_token":"at","token_type":"Bearer","expires_in":60,"scope":"openid"})";
    auto tokens = pl::parse_token_response(res, 1700000000);
    if (!tokens || tokens->access_token != "at") {
        out.flow = 3;
        return out;
    }

    res.status = 403;
    res.body = R"({"error":"invalid_grant","error_description":"Wrong email or verification code."})";
    auto wrong = pl::parse_token_response(res, 1700000000);
    if (wrong || wrong.failure().kind != pl::error_kind::wrong_code) {
        out.flow = 4;
        return out;
    }
    return out;
}
