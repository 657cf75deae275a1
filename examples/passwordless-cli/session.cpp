// passwordless-cli userinfo | logout: what follows a login. `userinfo` calls GET /userinfo with
// the access token (Bearer, or DPoP with a proof carrying `ath` and the server's nonce), prints the
// claims, and on a refused token (invalid_access_token) can refresh once and try again; `logout`
// revokes the refresh token (POST /oauth/revoke) and prints the browser's logout URL (/v2/logout or,
// with --oidc, /oidc/logout). Tokens come from a file `login --save-tokens` wrote or from
// environment variables, never from the command line, and are never printed.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <vector>

#include <curl/curl.h>
#include <openssl/rand.h>

#include <passwordless/addons/openssl_dpop_signer.hpp>
#include "cli_commands.hpp"
#include "platform.hpp"
#include "messages.hpp"

namespace pl = passwordless;

namespace cli {

namespace {

// ---- options ---------------------------------------------------------------------------------

struct session_options {
    std::string command;  // "userinfo" or "logout"
    std::string domain, base_url, client_id, secret_env, token_encoding = "json", token_auth = "post";
    std::string tokens_file, save_tokens, access_token_env, refresh_token_env, id_token_env, token_type, dpop_key_file;
    std::string return_to, state, url_file;
    bool auto_refresh = false, federated = false, oidc = false;
    long timeout = 30;
};

const char* const userinfo_usage =
    "usage: passwordless-cli userinfo (--domain HOST | --base-url URL) --client-id ID\n"
    "                                 (--tokens-file FILE | --access-token-env VAR [--token-type Bearer|DPoP])\n"
    "                                 [--dpop-key FILE] [--auto-refresh [--refresh-token-env VAR] [--save-tokens FILE]]\n"
    "                                 [--client-secret-env VAR] [--token-encoding json|form] [--token-auth post|basic]\n"
    "                                 [--timeout SECONDS]\n"
    "GET /userinfo with the access token (Bearer, or DPoP with a proof signed by the key in --dpop-key FILE,\n"
    "the one the login used), then prints the claims. A refused token is invalid_access_token (next:\n"
    "refresh). --auto-refresh: refresh first when the saved expiry has passed, and once more after a\n"
    "refused token, then try again; the new tokens go to --save-tokens FILE, else back to --tokens-file.\n"
    "Tokens are read from FILE (login --save-tokens writes it) or environment variables,\n"
    "never from the command line, and never printed.\n";

const char* const logout_usage =
    "usage: passwordless-cli logout (--domain HOST | --base-url URL) --client-id ID\n"
    "                               [--tokens-file FILE | --refresh-token-env VAR] [--client-secret-env VAR]\n"
    "                               [--return-to URL] [--federated | --oidc [--state S] [--id-token-env VAR]]\n"
    "                               [--url-file FILE] [--token-encoding json|form] [--token-auth post|basic]\n"
    "                               [--timeout SECONDS]\n"
    "Revokes the refresh token (POST /oauth/revoke: it and its access tokens stop working), then prints\n"
    "the URL that ends the browser session: /v2/logout (returnTo = --return-to, --federated also ends the\n"
    "identity provider's session) or, with --oidc, /oidc/logout (post_logout_redirect_uri = --return-to,\n"
    "state, and id_token_hint: the ID token from --tokens-file or --id-token-env). The ID token is not\n"
    "printed: the URL shown has it elided; --url-file FILE writes the whole URL (readable by you only).\n"
    "Tokens are read from FILE or environment variables, never from the command line.\n";

const char* usage_for(const std::string& command) { return command == "userinfo" ? userinfo_usage : logout_usage; }

[[noreturn]] void usage(const std::string& command, const std::string& problem) {
    std::fprintf(stderr, "passwordless-cli %s: %s\n%s", command.c_str(), problem.c_str(), usage_for(command));
    std::exit(2);
}

session_options parse(int argc, char** argv) {
    session_options o;
    o.command = argv[1];
    const bool userinfo = o.command == "userinfo";
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(o.command, "missing value for " + a);
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            std::fputs(usage_for(o.command), stdout);
            std::exit(0);
        }
        if (a == "--domain") o.domain = value();
        else if (a == "--base-url") o.base_url = value();
        else if (a == "--client-id") o.client_id = value();
        else if (a == "--client-secret-env") o.secret_env = value();
        else if (a == "--token-encoding") o.token_encoding = value();
        else if (a == "--token-auth") o.token_auth = value();
        else if (a == "--tokens-file") o.tokens_file = value();
        else if (a == "--refresh-token-env") o.refresh_token_env = value();
        else if (a == "--timeout") o.timeout = std::atol(value().c_str());
        else if (userinfo && a == "--access-token-env") o.access_token_env = value();
        else if (userinfo && a == "--token-type") o.token_type = value();
        else if (userinfo && a == "--dpop-key") o.dpop_key_file = value();
        else if (userinfo && a == "--auto-refresh") o.auto_refresh = true;
        else if (userinfo && a == "--save-tokens") o.save_tokens = value();
        else if (!userinfo && a == "--return-to") o.return_to = value();
        else if (!userinfo && a == "--federated") o.federated = true;
        else if (!userinfo && a == "--oidc") o.oidc = true;
        else if (!userinfo && a == "--state") o.state = value();
        else if (!userinfo && a == "--id-token-env") o.id_token_env = value();
        else if (!userinfo && a == "--url-file") o.url_file = value();
        else if (a == "--client-secret" || a == "--secret" || a == "--access-token" || a == "--refresh-token" || a == "--id-token" ||
                 a == "--token")
            usage(o.command, "a secret never goes on the command line: use a --tokens-file or an environment variable (" + a + "-env VAR)");
        else usage(o.command, "unknown argument " + a);
    }
    if (o.domain.empty() && o.base_url.empty()) usage(o.command, "--domain or --base-url is required");
    if (o.client_id.empty()) usage(o.command, "--client-id is required");
    if (o.timeout < 1 || o.timeout > 600) usage(o.command, "--timeout must be 1 to 600 seconds");
    if (o.token_encoding != "json" && o.token_encoding != "form") usage(o.command, "--token-encoding must be json or form");
    if (o.token_auth != "post" && o.token_auth != "basic") usage(o.command, "--token-auth must be post or basic");
    if (!o.tokens_file.empty() && (!o.access_token_env.empty() || !o.refresh_token_env.empty() || !o.id_token_env.empty()))
        usage(o.command, "give --tokens-file or the token environment variables, not both");
    if (userinfo) {
        if (o.tokens_file.empty() && o.access_token_env.empty()) usage(o.command, "--tokens-file FILE or --access-token-env VAR is required");
        if (!o.token_type.empty() && o.access_token_env.empty()) usage(o.command, "--token-type goes with --access-token-env");
        if (o.auto_refresh && o.tokens_file.empty() && o.save_tokens.empty())
            usage(o.command, "--auto-refresh needs --tokens-file or --save-tokens FILE: a rotated refresh token must be kept");
        if (!o.save_tokens.empty() && !o.auto_refresh) usage(o.command, "--save-tokens goes with --auto-refresh");
    } else {
        if (o.oidc && o.federated) usage(o.command, "--federated is for /v2/logout; --oidc has no such flag");
        if (!o.oidc && (!o.state.empty() || !o.id_token_env.empty())) usage(o.command, "--state and --id-token-env go with --oidc");
    }
    return o;
}


// The value of environment variable `name`; nullopt (and a message) when unset or empty.
std::optional<std::string> from_env(const std::string& name) {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') {
        std::printf("x  the environment variable %s is not set\n", name.c_str());
        return std::nullopt;
    }
    return std::string(v);
}

std::optional<pl::client> make_client(const session_options& o) {
    pl::client_config cfg;
    cfg.domain = o.domain;
    cfg.base_url = o.base_url;
    cfg.client_id = o.client_id;
    if (!o.secret_env.empty()) {
        auto secret = from_env(o.secret_env);
        if (!secret) return std::nullopt;
        cfg.client_secret = *secret;
    }
    cfg.token_encoding = o.token_encoding == "form" ? pl::body_encoding::form : pl::body_encoding::json;
    if (o.token_auth == "basic") cfg.token_auth = pl::token_endpoint_auth::client_secret_basic;
    cfg.telemetry = pl::telemetry_info{"passwordless-cli", "0.1.0", {{"cpp", std::to_string(__cplusplus)}}};
    auto c = pl::client::create(cfg);
    if (!c) {
        report(c.failure());
        return std::nullopt;
    }
    return std::move(c).value();
}

// The DPoP key in FILE (it must exist: the key the tokens are bound to). Exits on failure.
std::optional<pl::openssl_dpop_key> load_dpop_key(const std::string& file) {
    if (file.empty()) return std::nullopt;
    std::ifstream in(file);
    if (!in) {
        std::printf("x  cannot read the DPoP key file %s\n", file.c_str());
        std::exit(1);
    }
    std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto k = pl::openssl_dpop_key::from_pem(pem);
    if (!k) {
        std::printf("x  DPoP key: %s\n", k.failure().description.c_str());
        std::exit(1);
    }
    std::printf("ok DPoP: key from %s, thumbprint %s\n", file.c_str(), k->public_key().thumbprint().c_str());
    return std::move(k).value();
}

// ---- tokens: from the file login --save-tokens writes, or from the environment ---------------

struct held_tokens {
    pl::token_set tokens;
    std::string dpop_nonce;  // the server's newest DPoP nonce (not a secret)
};

// A string member of a saved tokens file, when present and a string.
std::optional<std::string> string_member(const json& saved, const char* name) {
    auto it = saved.find(name);
    if (it == saved.end() || !it->is_string()) return std::nullopt;
    return it->get_ref<const std::string&>();
}

std::optional<held_tokens> load_tokens(const session_options& o) {
    held_tokens h;
    if (!o.tokens_file.empty()) {
        std::ifstream f(o.tokens_file);
        if (!f) {
            std::printf("x  cannot read %s\n", o.tokens_file.c_str());
            return std::nullopt;
        }
        std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        const json saved = json::parse(text, nullptr, false);
        if (!saved.is_object()) {  // its content is never quoted: it holds tokens
            std::printf("x  %s is not a tokens file (login --save-tokens FILE writes one)\n", o.tokens_file.c_str());
            return std::nullopt;
        }
        h.tokens.access_token = string_member(saved, "access_token").value_or("");
        h.tokens.token_type = string_member(saved, "token_type").value_or("Bearer");
        h.tokens.refresh_token = string_member(saved, "refresh_token");
        h.tokens.id_token = string_member(saved, "id_token");
        h.dpop_nonce = string_member(saved, "dpop_nonce").value_or("");
        auto exp = saved.find("expires_at");
        if (exp != saved.end() && exp->is_number_integer()) h.tokens.expires_at = exp->get<pl::unix_seconds>();
        return h;
    }
    if (!o.access_token_env.empty()) {
        auto at = from_env(o.access_token_env);
        if (!at) return std::nullopt;
        h.tokens.access_token = *at;
        h.tokens.token_type = !o.token_type.empty() ? o.token_type : (o.dpop_key_file.empty() ? "Bearer" : "DPoP");
    }
    if (!o.refresh_token_env.empty()) {
        auto rt = from_env(o.refresh_token_env);
        if (!rt) return std::nullopt;
        h.tokens.refresh_token = *rt;
    }
    if (!o.id_token_env.empty()) {
        auto it = from_env(o.id_token_env);
        if (!it) return std::nullopt;
        h.tokens.id_token = *it;
    }
    return h;
}

bool save_tokens(const std::string& file, const held_tokens& h) {
    const pl::token_set& t = h.tokens;
    json out{{"access_token", t.access_token}, {"token_type", t.token_type}};
    if (!h.dpop_nonce.empty()) out["dpop_nonce"] = h.dpop_nonce;
    if (t.expires_at) out["expires_at"] = *t.expires_at;
    if (t.refresh_token) out["refresh_token"] = *t.refresh_token;
    if (t.id_token) out["id_token"] = *t.id_token;
    const mode_t old = umask(077);
    std::ofstream f(file, std::ios::trunc);
    f << out.dump(2) << '\n';
    umask(old);
    if (!f) {
        std::printf("x  could not write %s\n", file.c_str());
        return false;
    }
    std::printf("   tokens saved to %s (readable by you only)\n", file.c_str());
    return true;
}

const char* with_proof(const pl::request& req, const std::string& nonce) {
    if (!req.find_header("dpop")) return "";
    return nonce.empty() ? ", with a DPoP proof" : ", with a DPoP proof and the server's nonce";
}

// The refresh grant for the held tokens (the DPoP key when they are bound); the new tokens
// replace them, an ID token or refresh token the answer lacks is kept.
std::optional<pl::error> refresh(const pl::client& c, const session_options& o, held_tokens& h, const std::optional<pl::openssl_dpop_key>& key) {
    pl::refresh_grant_params p;
    p.refresh_token = *h.tokens.refresh_token;
    std::optional<pl::refresh_dpop> dpop;
    if (key) dpop = pl::refresh_dpop{key->key(), random_jti, /*require_binding=*/true};
    auto exchange = pl::refresh_exchange::create(c, std::move(p), h.tokens.token_type, std::move(dpop),
                                                 pl::is_valid_dpop_nonce(h.dpop_nonce) ? h.dpop_nonce : std::string());
    if (!exchange) return exchange.failure();
    auto first = exchange->first_request(clock_now());
    if (!first) return first.failure();
    std::optional<pl::request> req = std::move(first).value();
    std::optional<pl::token_set> tokens;
    while (req) {
        std::printf("-> POST %s (refresh_token grant%s)\n", req->url.c_str(), with_proof(*req, exchange->dpop_nonce()));
        http_result r = send(*req, o.timeout);
        if (!r.response) return pl::error::make(pl::error_kind::transport_failed, r.problem);
        pl::refresh_step step = exchange->on_response(*r.response, clock_now());
        if (step.error) return step.error;
        if (step.request) std::printf("<- the server asks for its DPoP nonce: sending once more\n");
        req = std::move(step.request);
        tokens = std::move(step.tokens);
    }
    if (!tokens->refresh_token) tokens->refresh_token = h.tokens.refresh_token;
    if (!tokens->id_token) tokens->id_token = h.tokens.id_token;
    std::printf("ok tokens refreshed (access token %s%s)\n", tokens->token_type.c_str(),
                tokens->expires_at ? (", expires " + date(*tokens->expires_at)).c_str() : "");
    h.tokens = std::move(*tokens);
    h.dpop_nonce = exchange->dpop_nonce();
    return std::nullopt;
}

// One /userinfo call with the held access token (one nonce resend at most).
pl::result<pl::userinfo_claims> call_userinfo(const pl::client& c, const session_options& o, held_tokens& h,
                                              const std::optional<pl::openssl_dpop_key>& key) {
    std::optional<pl::userinfo_dpop> dpop;
    if (key) dpop = pl::userinfo_dpop{key->key(), random_jti};
    auto exchange = pl::userinfo_exchange::create(c, pl::userinfo_params{h.tokens.access_token, h.tokens.token_type}, std::move(dpop),
                                                  pl::is_valid_dpop_nonce(h.dpop_nonce) ? h.dpop_nonce : std::string());
    if (!exchange) return exchange.failure();
    auto first = exchange->first_request(clock_now());
    if (!first) return first.failure();
    std::optional<pl::request> req = std::move(first).value();
    while (req) {
        const std::string scheme = req->find_header("authorization") ? std::string(req->find_header("authorization")->substr(0, 4)) : "";
        std::printf("-> GET %s (%s access token%s)\n", req->url.c_str(), scheme == "DPoP" ? "DPoP-bound" : "Bearer",
                    with_proof(*req, exchange->dpop_nonce()));
        http_result r = send(*req, o.timeout);
        if (!r.response) return pl::error::make(pl::error_kind::transport_failed, r.problem);
        pl::userinfo_step step = exchange->on_response(*r.response, clock_now());
        h.dpop_nonce = exchange->dpop_nonce();
        if (step.error) return *step.error;
        if (step.claims) return std::move(*step.claims);
        std::printf("<- the server asks for its DPoP nonce: sending once more\n");
        req = std::move(step.request);
    }
    return pl::error::make(pl::error_kind::unexpected_response, "no answer to read");
}

void print_claims(const pl::userinfo_claims& claims) {
    std::printf("   claims:\n");
    const json all = claims.json();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const std::string& k = it.key();
        std::string value = it->is_string() ? it->get<std::string>() : it->dump(-1, ' ', false, json::error_handler_t::replace);
        if ((k == "updated_at" || k == "auth_time") && it->is_number_integer()) value += "  (" + date(it->get<pl::unix_seconds>()) + ")";
        std::printf("     %-16s %s\n", k.c_str(), value.c_str());
    }
}

// The browser's logout URL the session_options ask for.
pl::result<std::string> logout_url(const pl::client& c, const session_options& o, const held_tokens& h) {
    if (o.oidc) {
        pl::oidc_logout_params p;
        p.id_token_hint = h.tokens.id_token;
        if (!o.return_to.empty()) p.post_logout_redirect_uri = o.return_to;
        if (!o.state.empty()) p.state = o.state;
        return pl::build_logout_url(c, p);
    }
    pl::v2_logout_params p;
    if (!o.return_to.empty()) p.return_to = o.return_to;
    p.federated = o.federated;
    return pl::build_logout_url(c, p);
}

// The logout URL as shown: the id_token_hint value (an ID token) elided.
std::string shown_url(const std::string& url) {
    const std::string name = "id_token_hint=";
    std::size_t at = url.find("?" + name);
    if (at == std::string::npos) at = url.find("&" + name);
    if (at == std::string::npos) return url;
    const std::size_t from = at + 1 + name.size();
    const std::size_t to = url.find('&', from);
    return url.substr(0, from) + "<the ID token, not shown>" + (to == std::string::npos ? "" : url.substr(to));
}

}  // namespace

int command_userinfo(int argc, char** argv) {
    const session_options o = parse(argc, argv);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    auto c = make_client(o);
    if (!c) return 1;
    auto held = load_tokens(o);
    if (!held) return 1;
    const std::optional<pl::openssl_dpop_key> key = load_dpop_key(o.dpop_key_file);
    const std::string keep_in = !o.save_tokens.empty() ? o.save_tokens : o.tokens_file;
    const bool can_refresh = o.auto_refresh && held->tokens.refresh_token.has_value();
    if (o.auto_refresh && !can_refresh) std::printf("   no refresh token: --auto-refresh cannot refresh\n");
    bool refreshed = false;
    if (can_refresh && pl::access_token_freshness(held->tokens, clock_now()) == pl::token_freshness::refresh_now) {
        std::printf("   the access token has expired (or does within a minute): refreshing first\n");
        if (auto e = refresh(*c, o, *held, key)) return report(*e);
        refreshed = true;
        if (!save_tokens(keep_in, *held)) return 1;
    }
    while (true) {
        auto claims = call_userinfo(*c, o, *held, key);
        if (claims) {
            std::printf("ok userinfo: the access token was accepted\n");
            print_claims(*claims);
            return 0;
        }
        const pl::error& e = claims.failure();
        if (e.kind != pl::error_kind::invalid_access_token || !can_refresh || refreshed) return report(e);
        std::printf("<- the access token was refused (%s): refreshing and trying once more\n", std::string(pl::to_string(e.kind)).c_str());
        if (auto re = refresh(*c, o, *held, key)) return report(*re);
        refreshed = true;
        if (!save_tokens(keep_in, *held)) return 1;
    }
}

int command_logout(int argc, char** argv) {
    const session_options o = parse(argc, argv);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    auto c = make_client(o);
    if (!c) return 1;
    auto held = load_tokens(o);
    if (!held) return 1;

    // The URL first: a bad --return-to is refused before anything is sent.
    const pl::result<std::string> url = logout_url(*c, o, *held);
    if (!url) return report(url.failure());

    int status = 0;
    if (held->tokens.refresh_token) {
        auto req = pl::build_revoke_request(*c, pl::revoke_params{*held->tokens.refresh_token});
        if (!req) return report(req.failure());
        std::printf("-> POST %s (revoke the refresh token)\n", req->url.c_str());
        http_result r = send(*req, o.timeout);
        std::optional<pl::error> e;
        if (!r.response) e = pl::error::make(pl::error_kind::transport_failed, r.problem);
        else e = pl::parse_revoke_response(*r.response, clock_now(), c->limits());
        if (e) {
            status = report(*e);
        } else {
            std::printf("ok refresh token revoked: it no longer refreshes%s\n",
                        o.tokens_file.empty() ? "" : (" (" + o.tokens_file + " now holds spent tokens: delete it)").c_str());
        }
    } else {
        std::printf("   no refresh token to revoke (none in --tokens-file, or no --refresh-token-env)\n");
    }
    if (!o.url_file.empty()) {
        const mode_t old = umask(077);
        std::ofstream f(o.url_file, std::ios::trunc);
        f << *url << '\n';
        umask(old);
        if (!f) {
            std::printf("x  could not write %s\n", o.url_file.c_str());
            return 1;
        }
    }
    std::printf("ok %s logout URL: open it in the browser to end the session there%s\n   %s\n", o.oidc ? "OIDC" : "Auth0",
                o.url_file.empty() ? "" : (" (the whole URL is in " + o.url_file + ")").c_str(), shown_url(*url).c_str());
    return status;
}

}  // namespace cli
