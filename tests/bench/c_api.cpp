// bench c_api: the full email-code login of shared/bench/flow.json through the login state
// machine, twice: in C++ (login_flow) and through the C ABI (passwordless.h, called across the
// shared library libpasswordless as a binding would: options, client, login, start parameters,
// steps, responses built header by header, the verifier as a C callback). Both include creating
// the client and the login, so the C side pays every copy on entry. Prints ns per login (the
// best of 9 alternating batches) and the ratio; exits 1 when the C ABI costs more than 20 % over
// C++. tests/bench/c_api.sh also counts instructions under callgrind, the deterministic check.
//
//   build: see tests/bench/run.sh (c_api: libpasswordless at -O2, this file at -O2)
//   usage: bench_c_api [FLOW_JSON]            times both, alternating
//          bench_c_api FLOW_JSON cpp|c N      N logins of one kind (for callgrind)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <passwordless.h>
#include <passwordless.hpp>

namespace pl = passwordless;
using json = nlohmann::json;

namespace {

struct inputs {
    std::string domain, client_id, email, start_body, token_body, otp, audience, scope;
    std::vector<std::pair<std::string, std::string>> start_headers, token_headers;
    std::int64_t now = 0;
};

inputs load(const char* path) {
    std::ifstream f(path);
    std::stringstream text;
    text << f.rdbuf();
    const json j = json::parse(text.str(), nullptr, false);
    if (!j.is_object()) {
        std::fprintf(stderr, "bench_c_api: cannot read %s\n", path);
        std::exit(2);
    }
    inputs in;
    in.domain = j["client"]["domain"];
    in.client_id = j["client"]["client_id"];
    in.email = j["start_params"]["email"];
    in.otp = j["token_params"]["otp"];
    in.audience = j["token_params"]["audience"];
    in.scope = j["token_params"]["scope"];
    in.start_body = j["start_response"]["body"];
    in.token_body = j["token_response"]["body"];
    for (auto& [k, v] : j["start_response"]["headers"].items()) in.start_headers.emplace_back(k, v.get<std::string>());
    for (auto& [k, v] : j["token_response"]["headers"].items()) in.token_headers.emplace_back(k, v.get<std::string>());
    in.now = j["now"];
    return in;
}

pl::response response_of(const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
    pl::response r;
    r.status = 200;
    for (const auto& [k, v] : headers) r.headers.push_back({k, v});
    r.body = body;
    return r;
}

std::size_t cpp_login(const inputs& in) {
    pl::client_config cfg;
    cfg.domain = in.domain;
    cfg.client_id = in.client_id;
    auto client = pl::client::create(cfg);
    pl::flow_config rules;
    rules.audience = in.audience;
    rules.scope = in.scope;
    rules.id_token = pl::id_token_expectations{};
    rules.id_token->issuer = pl::expected_issuer(*client);
    rules.id_token->client_id = in.client_id;
    rules.verifier = [](const pl::signature_input&) { return true; };
    auto flow = pl::login_flow::create(*client, rules);
    pl::start_params start;
    start.connection = "email";
    start.email = in.email;
    start.send = pl::send_method::code;
    pl::flow_step s = flow->start(start, in.now);
    s = flow->on_response(response_of(in.start_body, in.start_headers), in.now);
    s = flow->submit_code(in.otp, in.now);
    const std::size_t sent = s.request->body.size();
    s = flow->on_response(response_of(in.token_body, in.token_headers), in.now);
    if (s.next != pl::flow_next::done) std::abort();
    return sent + s.event->claims->sub().size();
}

passwordless_str str(const std::string& s) { return passwordless_str{s.data(), s.size()}; }
passwordless_bytes bytes(const std::string& s) { return passwordless_bytes{reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

std::int32_t accept_all(void*, passwordless_str, passwordless_str, passwordless_bytes, passwordless_bytes, passwordless_str) { return 0; }

passwordless_response* c_response(const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
    passwordless_response* r = nullptr;
    passwordless_response_new(200, &r);
    for (const auto& [k, v] : headers) passwordless_response_add_header(r, bytes(k), bytes(v));
    passwordless_response_set_body(r, bytes(body));
    return r;
}

/// Replaces `step` with the step the call writes.
template <class Call>
void advance(passwordless_step*& step, Call call) {
    passwordless_step* next = nullptr;
    if (call(&next) != PASSWORDLESS_OK) std::abort();
    passwordless_step_free(step);
    step = next;
}

std::size_t c_login(const inputs& in) {
    passwordless_client_options* co = nullptr;
    passwordless_client_options_new(&co);
    passwordless_client_options_set_str(co, PASSWORDLESS_CLIENT_DOMAIN, str(in.domain));
    passwordless_client_options_set_str(co, PASSWORDLESS_CLIENT_ID, str(in.client_id));
    passwordless_client* client = nullptr;
    if (passwordless_client_new(co, &client, nullptr) != PASSWORDLESS_OK) std::abort();
    passwordless_client_options_free(co);
    passwordless_login_options* lo = nullptr;
    passwordless_login_options_new(&lo);
    passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_AUDIENCE, str(in.audience));
    passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_SCOPE, str(in.scope));
    passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_VERIFY_ID_TOKEN, 1);
    passwordless_login_options_set_verifier(lo, accept_all, nullptr, nullptr);
    passwordless_login* login = nullptr;
    if (passwordless_login_new(client, lo, &login, nullptr) != PASSWORDLESS_OK) std::abort();
    passwordless_login_options_free(lo);
    passwordless_client_free(client);
    passwordless_start_params* p = nullptr;
    passwordless_start_params_new(&p);
    passwordless_start_params_set(p, PASSWORDLESS_START_CONNECTION, passwordless_str{"email", 5});
    passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, str(in.email));
    passwordless_start_params_set(p, PASSWORDLESS_START_SEND, passwordless_str{"code", 4});
    passwordless_step* step = nullptr;
    advance(step, [&](passwordless_step** o) { return passwordless_login_start(login, p, in.now, o); });
    passwordless_start_params_free(p);
    passwordless_response* r = c_response(in.start_body, in.start_headers);
    advance(step, [&](passwordless_step** o) { return passwordless_login_on_response(login, r, in.now, o); });
    passwordless_response_free(r);
    advance(step, [&](passwordless_step** o) { return passwordless_login_submit_code(login, str(in.otp), in.now, o); });
    const passwordless_request* req = nullptr;
    passwordless_bytes body{};
    passwordless_step_request(step, &req);
    passwordless_request_body(req, &body);
    const std::size_t sent = body.len;
    r = c_response(in.token_body, in.token_headers);
    advance(step, [&](passwordless_step** o) { return passwordless_login_on_response(login, r, in.now, o); });
    passwordless_response_free(r);
    if (passwordless_step_next(step) != PASSWORDLESS_NEXT_DONE) std::abort();
    const passwordless_claims* claims = nullptr;
    passwordless_str sub{};
    passwordless_step_claims(step, &claims);
    passwordless_claims_str(claims, passwordless_str{"sub", 3}, &sub);
    const std::size_t result = sent + sub.len;
    passwordless_step_free(step);
    passwordless_login_free(login);
    return result;
}

/// ns per call of `run`, for one batch.
template <class F>
double batch_ns(F run, int per_round) {
    volatile std::size_t sink = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < per_round; ++i) sink = sink + run();
    const auto t1 = std::chrono::steady_clock::now();
    return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()) / per_round;
}

}  // namespace

int main(int argc, char** argv) {
    const inputs in = load(argc > 1 ? argv[1] : "../shared/bench/flow.json");
    // "FLOW_JSON cpp|c N": only N logins of one kind, for an instruction count under
    // valgrind --tool=callgrind (deterministic where timing on a shared machine is not).
    if (argc == 4) {
        const bool c = std::strcmp(argv[2], "c") == 0;
        std::size_t sink = 0;
        for (int i = 0, n = std::atoi(argv[3]); i < n; ++i) sink += c ? c_login(in) : cpp_login(in);
        return sink == 0 ? 1 : 0;
    }
    if (cpp_login(in) != c_login(in)) {
        std::fprintf(stderr, "bench_c_api: the two logins disagree\n");
        return 2;
    }
    // Alternating batches, best of each: a busy machine slows both alike.
    const int n = 1000;
    double cpp = 1e300, c = 1e300;
    for (int round = 0; round < 9; ++round) {
        cpp = std::min(cpp, batch_ns([&] { return cpp_login(in); }, n));
        c = std::min(c, batch_ns([&] { return c_login(in); }, n));
    }
    const double ratio = c / cpp;
    std::printf("full login through login_flow (C++): %8.0f ns\n", cpp);
    std::printf("full login through the C ABI (.so):  %8.0f ns   (%+.1f %%; the limit is +20 %%)\n", c, (ratio - 1) * 100);
    return ratio <= 1.20 ? 0 : 1;
}
