// The compile-time and binary-size probe for the library: includes the umbrella header and runs
// the full email-code login (start request and response, token request and response, ID token
// check) on the inputs of shared/bench/flow.json, read with nlohmann/json like nlohmann_only.cpp.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <passwordless.hpp>

namespace pl = passwordless;

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    std::ifstream f(argv[1]);
    std::stringstream text;
    text << f.rdbuf();
    const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
    if (!j.is_object()) return 2;

    pl::client_config cfg;
    cfg.domain = j["client"]["domain"].get<std::string>();
    cfg.client_id = j["client"]["client_id"].get<std::string>();
    auto client = pl::client::create(cfg);
    if (!client) return 1;
    pl::start_params start;
    start.connection = "email";
    start.email = j["start_params"]["email"].get<std::string>();
    start.send = pl::send_method::code;
    auto start_req = pl::build_start_request(*client, start);
    pl::response started;
    started.status = 200;
    started.body = j["start_response"]["body"].get<std::string>();
    auto sent = pl::parse_start_response(started, 1700000000);
    pl::otp_grant_params grant;
    grant.realm = "email";
    grant.username = *start.email;
    grant.otp = j["token_params"]["otp"].get<std::string>();
    auto token_req = pl::build_token_request(*client, grant);
    pl::response answered;
    answered.status = 200;
    answered.body = j["token_response"]["body"].get<std::string>();
    auto tokens = pl::parse_token_response(answered, 1700000000);
    if (!start_req || !sent || !token_req || !tokens || !tokens->id_token) return 1;
    pl::id_token_expectations expect;
    expect.issuer = pl::expected_issuer(*client);
    expect.client_id = cfg.client_id;
    const pl::signature_verifier accept = [](const pl::signature_input&) { return true; };
    auto claims = pl::verify_id_token(*tokens->id_token, expect, accept, 1700000000);
    if (!claims) return 1;
    std::printf("%s\n", claims->sub().c_str());
    return 0;
}
