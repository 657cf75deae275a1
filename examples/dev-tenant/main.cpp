// passwordless-dev-tenant: a local server on loopback that behaves like an Auth0 tenant for
// passwordless login (with MFA after the code, /oauth/revoke and /userinfo), so everything runs with
// no Auth0 account and no network. README.md beside this file lists the endpoints and flags.
//
//   passwordless-dev-tenant [--port N] [--config FILE] [--clock T] [--key PEM] [--issuer URL]
//                           [--seed N] [--state FILE] [--mfa-token-lifetime N] [--mfa-reject-error CODE] [--quiet]
//
// The first line on standard output is "dev-tenant listening on http://127.0.0.1:PORT".
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include <httplib.h>

#include "tenant.hpp"

namespace {

struct options {
    int port = 0;
    std::string config_file;
    std::string key_file;
    std::string state_file;
    std::string issuer;
    std::optional<devtenant::seconds> clock;
    std::optional<std::uint64_t> seed;
    std::optional<devtenant::seconds> mfa_token_lifetime;
    std::string mfa_reject_error;
    bool quiet = false;
};

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr,
                 "passwordless-dev-tenant: %s\n"
                 "usage: passwordless-dev-tenant [--port N] [--config FILE] [--clock T] [--key PEM] [--issuer URL] [--seed N] [--state FILE]\n"
                 "                               [--mfa-token-lifetime N] [--mfa-reject-error invalid_grant|access_denied] [--quiet]\n"
                 "  --port N       loopback port (default 0: any free port)\n"
                 "  --config FILE  clients, connections and limits as JSON (default: built in, see examples/dev-tenant/README.md)\n"
                 "  --clock T      a fixed clock (Unix seconds) that moves only through POST /dev/clock\n"
                 "  --key PEM      RSA private key for ID tokens (default: a fresh 2048-bit key)\n"
                 "  --issuer URL   the iss of ID tokens (default http://127.0.0.1:PORT/)\n"
                 "  --seed N       seed for codes and tokens (default: random)\n"
                 "  --state FILE   keep codes outstanding, users and mailbox in FILE across restarts\n"
                 "                 (with --key and --port, a restart between start and code loses nothing)\n"
                 "  --mfa-token-lifetime N  seconds an mfa_token answers (default 600)\n"
                 "  --mfa-reject-error CODE the error of a rejected push: invalid_grant (default) or access_denied\n",
                 problem);
    std::exit(2);
}

options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value for " + a).c_str());
            return argv[++i];
        };
        if (a == "--port") {
            o.port = std::atoi(value().c_str());
        } else if (a == "--config") {
            o.config_file = value();
        } else if (a == "--clock") {
            o.clock = std::strtoll(value().c_str(), nullptr, 10);
        } else if (a == "--key") {
            o.key_file = value();
        } else if (a == "--issuer") {
            o.issuer = value();
        } else if (a == "--state") {
            o.state_file = value();
        } else if (a == "--seed") {
            o.seed = std::strtoull(value().c_str(), nullptr, 10);
        } else if (a == "--mfa-token-lifetime") {
            o.mfa_token_lifetime = std::strtoll(value().c_str(), nullptr, 10);
            if (*o.mfa_token_lifetime <= 0) usage("--mfa-token-lifetime must be positive");
        } else if (a == "--mfa-reject-error") {
            o.mfa_reject_error = value();
            if (o.mfa_reject_error != "invalid_grant" && o.mfa_reject_error != "access_denied")
                usage("--mfa-reject-error must be invalid_grant or access_denied");
        } else if (a == "--quiet") {
            o.quiet = true;
        } else {
            usage(("unknown argument " + a).c_str());
        }
    }
    if (o.port < 0 || o.port > 65535) usage("--port must be 0 to 65535");
    return o;
}

devtenant::http_in to_tenant(const httplib::Request& req) {
    devtenant::http_in in;
    in.method = req.method;
    in.path = req.path;
    for (const auto& [k, v] : req.params) in.query.emplace_back(k, v);
    for (const auto& [k, v] : req.headers) in.headers.push_back({k, v});
    in.body = req.body;
    in.remote_ip = req.remote_addr;
    return in;
}

}  // namespace

int main(int argc, char** argv) {
    const options opt = parse(argc, argv);

    // SIGINT and SIGTERM are taken by one thread, which stops the server cleanly.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    devtenant::json config = devtenant::default_config();
    if (!opt.config_file.empty()) {
        std::ifstream f(opt.config_file);
        std::stringstream text;
        text << f.rdbuf();
        config = devtenant::json::parse(text.str(), nullptr, false);
        if (!f || config.is_discarded()) usage("the config file is not readable JSON");
    }
    std::string problem;
    auto key = devtenant::signing_key::load_or_generate(opt.key_file, problem);
    if (!key) usage(problem.c_str());

    httplib::Server server;
    const int port = opt.port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", opt.port) ? opt.port : -1);
    if (port <= 0) {
        std::fprintf(stderr, "passwordless-dev-tenant: cannot listen on 127.0.0.1:%d\n", opt.port);
        return 1;
    }
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    devtenant::settings settings;
    settings.fixed_clock = opt.clock;
    settings.base_url = base;
    if (opt.mfa_token_lifetime) settings.mfa_token_lifetime = *opt.mfa_token_lifetime;
    if (!opt.mfa_reject_error.empty()) settings.mfa_reject_error = opt.mfa_reject_error;
    auto tenant = devtenant::tenant::from_config(config, settings, opt.issuer.empty() ? base + "/" : opt.issuer, *key,
                                                 opt.seed.value_or(std::random_device{}()), problem);
    if (!tenant) usage(problem.c_str());

    if (!opt.state_file.empty()) {
        std::ifstream f(opt.state_file);
        if (f) {
            std::stringstream text;
            text << f.rdbuf();
            if (!tenant->import_state(devtenant::json::parse(text.str(), nullptr, false))) usage("the state file is not readable");
        }
    }
    std::mutex lock;
    auto serve = [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard<std::mutex> guard(lock);
        const devtenant::http_out out = tenant->handle(to_tenant(req));
        if (!opt.state_file.empty() && req.method == "POST") {
            std::ofstream f(opt.state_file + ".tmp", std::ios::trunc);
            f << tenant->export_state().dump();
            f.close();
            std::rename((opt.state_file + ".tmp").c_str(), opt.state_file.c_str());
        }
        res.status = out.status;
        for (const auto& [k, v] : out.headers) res.set_header(k, v);
        res.set_content(out.body, out.content_type.c_str());
        if (!opt.quiet) {
            std::fprintf(stderr, "[dev-tenant] %s %s -> %d\n", req.method.c_str(), req.path.c_str(), out.status);
            for (const auto& line : tenant->take_log()) std::fprintf(stderr, "[dev-tenant] %s\n", line.c_str());
        } else {
            (void)tenant->take_log();
        }
    };
    for (const char* path : {"/passwordless/start", "/oauth/token", "/dev/clock", "/dev/rotate-key", "/mfa/challenge", "/oauth/revoke",
                             "/dev/mfa/push/.+"})
        server.Post(path, serve);
    for (const char* path : {"/.well-known/jwks.json", "/passwordless/verify_redirect", "/dev/mailbox", "/mfa/authenticators", "/userinfo",
                             "/dev/mfa/totp"})
        server.Get(path, serve);
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) res.set_content("Not Found", "text/plain");
    });

    // A signal can arrive before listen_after_bind() is running, when stop() does nothing yet, so
    // the stopper keeps asking until the server has returned.
    std::atomic<bool> finished{false};
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        while (!finished.load()) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    std::printf("dev-tenant listening on %s\n", base.c_str());
    std::fflush(stdout);
    server.listen_after_bind();
    finished.store(true);
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper if the server ended by itself
    stopper.join();
    if (!opt.quiet) std::fprintf(stderr, "[dev-tenant] stopped\n");
    return 0;
}
