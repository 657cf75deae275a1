// A second translation unit that includes the single header, linked with ../app.cpp: everything
// in the header must be inline (or a template), or the link fails with duplicate definitions.
#include <passwordless.hpp>

int other_translation_unit() {
    passwordless::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    auto client = passwordless::client::create(cfg);
    if (!client) return 1;
    passwordless::response res;
    res.status = 503;
    return passwordless::parse_start_response(res, 0).ok() ? 1 : 0;
}
