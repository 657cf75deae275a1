// passwordless-cli login | refresh | decode: a real passwordless login over libcurl, driven by
// the library's state machine, with the ID token verified by the OpenSSL example verifier.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <chrono>
#include <vector>

#include <curl/curl.h>
#include <openssl/rand.h>

#include <passwordless/addons/openssl_dpop_signer.hpp>
#include <passwordless/addons/openssl_verifier.hpp>
#include "cli_commands.hpp"
#include "platform.hpp"
#include "messages.hpp"

namespace pl = passwordless;

namespace cli {

namespace {

// ---- options --------------------------------------------------------------------------------

struct options {
    std::string domain, base_url, client_id, secret_env, email, phone, send = "code", audience, scope = "openid profile email";
    std::string connection, redirect_uri = "http://127.0.0.1/callback", save_tokens, refresh_token_env, tokens_file;
    std::string issuer, jwks_url, token_encoding = "json", token_auth = "post";
    std::string dpop_key_file;  // --dpop-key FILE: a PEM P-256 private key (made there if missing)
    bool dpop = false;          // --dpop: an ephemeral key for this run
    bool dev_mailbox = false, discover = false;
    long timeout = 30;
    // MFA after the code: which authenticator (an id, or first|otp|sms|email|push; default: ask),
    // where its code comes from (an environment variable, the dev mailbox, or the prompt).
    std::string mfa_authenticator, mfa_code_env, recovery_code_env, mfa_mailbox_to;
    bool mfa_code_from_mailbox = false;
};

const char* const usage_text =
    "usage: passwordless-cli login (--domain HOST | --base-url URL) --client-id ID (--email ADDR | --phone +E164)\n"
    "                              [--send code|link] [--connection NAME] [--audience API] [--scope SCOPES]\n"
    "                              [--client-secret-env VAR] [--dev-mailbox] [--redirect-uri URL]\n"
    "                              [--save-tokens FILE] [--timeout SECONDS] [--dpop | --dpop-key FILE] [server options]\n"
    "                              [--mfa-authenticator ID|first|otp|sms|email|push]\n"
    "                              [--mfa-code-env VAR | --mfa-code-from-mailbox [--mfa-mailbox-to ADDR] |\n"
    "                               --recovery-code-env VAR]\n"
    "       passwordless-cli refresh (--domain HOST | --base-url URL) --client-id ID\n"
    "                              (--refresh-token-env VAR | --tokens-file FILE) [--scope S] [--audience A]\n"
    "                              [--client-secret-env VAR] [--save-tokens FILE] [--dpop-key FILE] [server options]\n"
    "       passwordless-cli decode TOKEN\n"
    "server options (for servers that are not Auth0-shaped):\n"
    "  --issuer URL              the ID token issuer (default: https://DOMAIN/ or BASE-URL/)\n"
    "  --jwks-url URL            where the signing keys are (default: /.well-known/jwks.json)\n"
    "  --discover                read issuer, keys and algorithms from /.well-known/openid-configuration\n"
    "  --token-encoding json|form  how /oauth/token bodies are sent (default json, as Auth0)\n"
    "  --token-auth post|basic   client secret in the body or by HTTP Basic (default post)\n"
    "DPoP: --dpop binds the tokens to a key made for this run; --dpop-key FILE to the PEM key in FILE\n"
    "(created, readable by you only, when missing); refresh DPoP-bound tokens with the same --dpop-key.\n"
    "MFA: when the tenant asks for a second factor, login lists the authenticators and asks which one\n"
    "(or takes --mfa-authenticator), then asks for its code (or reads --mfa-code-env VAR, or the dev\n"
    "mailbox of the login's address or of --mfa-mailbox-to, e.g. the phone an SMS goes to), or waits for a push approval, polling when the server allows; --recovery-code-env VAR\n"
    "logs in with a recovery code and prints the new one.\n"
    "Secrets are read from environment variables, never from the command line.\n";

[[noreturn]] void usage(const std::string& problem) {
    std::fprintf(stderr, "passwordless-cli: %s\n%s", problem.c_str(), usage_text);
    std::exit(2);
}

[[noreturn]] void help() {
    std::fputs(usage_text, stdout);
    std::exit(0);
}

options parse(int argc, char** argv, int first) {
    options o;
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage("missing value for " + a);
            return argv[++i];
        };
        if (a == "--help" || a == "-h") help();
        else if (a == "--domain") o.domain = value();
        else if (a == "--base-url") o.base_url = value();
        else if (a == "--client-id") o.client_id = value();
        else if (a == "--client-secret-env") o.secret_env = value();
        else if (a == "--email") o.email = value();
        else if (a == "--phone") o.phone = value();
        else if (a == "--send") o.send = value();
        else if (a == "--connection") o.connection = value();
        else if (a == "--audience") o.audience = value();
        else if (a == "--scope") o.scope = value();
        else if (a == "--redirect-uri") o.redirect_uri = value();
        else if (a == "--save-tokens") o.save_tokens = value();
        else if (a == "--refresh-token-env") o.refresh_token_env = value();
        else if (a == "--tokens-file") o.tokens_file = value();
        else if (a == "--timeout") o.timeout = std::atol(value().c_str());
        else if (a == "--dev-mailbox") o.dev_mailbox = true;
        else if (a == "--dpop") o.dpop = true;
        else if (a == "--dpop-key") o.dpop_key_file = value();
        else if (a == "--issuer") o.issuer = value();
        else if (a == "--jwks-url") o.jwks_url = value();
        else if (a == "--discover") o.discover = true;
        else if (a == "--token-encoding") o.token_encoding = value();
        else if (a == "--token-auth") o.token_auth = value();
        else if (a == "--mfa-authenticator") o.mfa_authenticator = value();
        else if (a == "--mfa-code-env") o.mfa_code_env = value();
        else if (a == "--mfa-code-from-mailbox") o.mfa_code_from_mailbox = true;
        else if (a == "--mfa-mailbox-to") o.mfa_mailbox_to = value();
        else if (a == "--recovery-code-env") o.recovery_code_env = value();
        else if (a == "--client-secret" || a == "--secret") usage("a secret never goes on the command line: use --client-secret-env VAR");
        else if (a == "--mfa-code" || a == "--recovery-code") usage("a code never goes on the command line: use " + a + "-env VAR");
        else usage("unknown argument " + a);
    }
    if (o.domain.empty() && o.base_url.empty()) usage("--domain or --base-url is required");
    if (o.client_id.empty()) usage("--client-id is required");
    if (o.timeout < 1 || o.timeout > 600) usage("--timeout must be 1 to 600 seconds");
    if (o.dpop && !o.dpop_key_file.empty()) usage("give --dpop or --dpop-key FILE, not both");
    if (o.discover && !o.jwks_url.empty()) usage("give --jwks-url or --discover, not both");
    if (o.token_encoding != "json" && o.token_encoding != "form") usage("--token-encoding must be json or form");
    if (o.token_auth != "post" && o.token_auth != "basic") usage("--token-auth must be post or basic");
    return o;
}


std::optional<pl::client> make_client(const options& o) {
    pl::client_config cfg;
    cfg.domain = o.domain;
    cfg.base_url = o.base_url;
    cfg.client_id = o.client_id;
    if (!o.secret_env.empty()) {
        const char* secret = std::getenv(o.secret_env.c_str());
        if (secret == nullptr || *secret == '\0') {
            std::printf("x  the environment variable %s is not set\n", o.secret_env.c_str());
            return std::nullopt;
        }
        cfg.client_secret = secret;
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

std::string random_state() {
    std::random_device rd;
    std::string raw;
    static constexpr char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; ++i) {
        const unsigned byte = rd() & 0xFFu;
        raw.push_back(hex[byte >> 4]);
        raw.push_back(hex[byte & 15u]);
    }
    return raw;
}

// ---- DPoP: the key (OpenSSL add-on) and proof ids from OpenSSL's CSPRNG ------------------------

// The DPoP key the options ask for: none, an ephemeral one, or the one in --dpop-key FILE (made
// and saved with mode 0600 when the file does not exist). Exits on failure.
std::optional<pl::openssl_dpop_key> dpop_key_for(const options& o) {
    if (!o.dpop && o.dpop_key_file.empty()) return std::nullopt;
    auto fail = [](const pl::error& e) -> std::optional<pl::openssl_dpop_key> {
        std::printf("x  DPoP key: %s\n", e.description.c_str());
        std::exit(1);
    };
    if (o.dpop) {
        auto k = pl::openssl_dpop_key::generate();
        if (!k) return fail(k.failure());
        std::printf("ok DPoP: ephemeral P-256 key for this run, thumbprint %s\n", k->public_key().thumbprint().c_str());
        return std::move(k).value();
    }
    std::ifstream in(o.dpop_key_file);
    if (in) {
        std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto k = pl::openssl_dpop_key::from_pem(pem);
        if (!k) return fail(k.failure());
        std::printf("ok DPoP: key from %s, thumbprint %s\n", o.dpop_key_file.c_str(), k->public_key().thumbprint().c_str());
        return std::move(k).value();
    }
    auto k = pl::openssl_dpop_key::generate();
    if (!k) return fail(k.failure());
    auto pem = k->to_pem();
    if (!pem) return fail(pem.failure());
    const mode_t old = umask(077);
    std::ofstream out(o.dpop_key_file, std::ios::trunc);
    out << pem.value();
    umask(old);
    if (!out) {
        std::printf("x  could not write %s\n", o.dpop_key_file.c_str());
        std::exit(1);
    }
    std::printf("ok DPoP: new P-256 key saved to %s (readable by you only), thumbprint %s\n", o.dpop_key_file.c_str(),
                k->public_key().thumbprint().c_str());
    return std::move(k).value();
}

std::string base_of(const pl::client& c) { return c.endpoint_url(""); }

// Who answered, for messages: Auth0 for an Auth0 domain, else the server's URL.
std::string server_name(const pl::client& c) {
    const std::string base = base_of(c);
    const std::string suffix = ".auth0.com";
    if (base.size() > suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0)
        return "Auth0 (" + base + ")";
    return "the server at " + base;
}

// The message the dev tenant "delivered" to `to`.
std::optional<json> read_mailbox(const pl::client& c, const std::string& to, long timeout) {
    std::string query;
    for (char ch : to) {  // percent-encoding of everything but the unreserved characters
        const auto u = static_cast<unsigned char>(ch);
        static constexpr char hex[] = "0123456789ABCDEF";
        if (std::isalnum(u) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
            query.push_back(ch);
        } else {
            query += {'%', hex[u >> 4], hex[u & 15]};
        }
    }
    http_result r = get(base_of(c) + "/dev/mailbox?to=" + query, timeout);
    if (!r.response || r.response->status != 200) return std::nullopt;
    json message = json::parse(r.response->body, nullptr, false);
    if (!message.is_object()) return std::nullopt;
    return message;
}

// Where the keys are and whom to expect as issuer: from the options, from discovery, or the
// Auth0 defaults.
struct server_keys {
    std::string issuer, jwks_url;
    std::vector<std::string> algorithms{"RS256"};
};

std::optional<server_keys> find_key_source(const pl::client& c, const options& o) {
    server_keys src;
    src.issuer = o.issuer.empty() ? pl::expected_issuer(c) : o.issuer;
    src.jwks_url = o.jwks_url.empty() ? base_of(c) + "/.well-known/jwks.json" : o.jwks_url;
    if (!o.discover) return src;
    const std::string url = pl::discovery_url(src.issuer);
    std::printf("-> GET %s (the server's OpenID configuration)\n", url.c_str());
    http_result r = get(url, o.timeout);
    if (!r.response) {
        std::printf("x  could not fetch the configuration: %s\n", r.problem.c_str());
        return std::nullopt;
    }
    auto config = pl::parse_openid_configuration_response(*r.response, src.issuer, clock_now(), c.limits());
    if (!config) {
        report(config.failure());
        return std::nullopt;
    }
    src.jwks_url = config->jwks_uri;
    if (config->id_token_signing_alg_values_supported) {
        src.algorithms.clear();
        for (const std::string& a : pl::openssl_verifier::algorithms())
            for (const std::string& offered : *config->id_token_signing_alg_values_supported)
                if (a == offered) src.algorithms.push_back(a);
        if (src.algorithms.empty()) {
            std::printf("x  the server signs ID tokens with none of RS256, RS384, RS512\n");
            return std::nullopt;
        }
    }
    std::printf("ok configuration read: issuer %s, keys at %s\n", config->issuer.c_str(), config->jwks_uri.c_str());
    return src;
}

std::optional<pl::jwks> fetch_keys(const pl::client& c, const std::string& url, long timeout) {
    std::printf("-> GET %s (the server's public keys)\n", url.c_str());
    http_result r = get(url, timeout);
    if (!r.response) {
        std::printf("x  could not fetch the keys: %s\n", r.problem.c_str());
        return std::nullopt;
    }
    auto keys = pl::parse_jwks_response(*r.response, clock_now(), c.limits());
    if (!keys) {
        report(keys.failure());
        return std::nullopt;
    }
    if (keys->skipped != 0) std::printf("   %zu key(s) in the set skipped (not RSA signature keys this tool can use)\n", keys->skipped);
    return std::move(keys).value();
}

void print_claims(const pl::id_token_claims& claims) {
    std::printf("   claims:\n");
    const json& all = claims.json();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const std::string& k = it.key();
        std::string value = it->is_string() ? it->get<std::string>() : it->dump(-1, ' ', false, json::error_handler_t::replace);
        if ((k == "exp" || k == "iat" || k == "nbf" || k == "auth_time") && it->is_number_integer())
            value += "  (" + date(it->get<pl::unix_seconds>()) + ")";
        std::printf("     %-16s %s\n", k.c_str(), value.c_str());
    }
}

void print_tokens(const pl::token_set& t) {
    std::printf("   received: access token (%s", t.token_type.c_str());
    if (t.expires_at) std::printf(", expires %s", date(*t.expires_at).c_str());
    std::printf(")%s%s\n", t.id_token ? ", ID token" : "", t.refresh_token ? ", refresh token" : "");
}

bool save_tokens(const std::string& file, const pl::token_set& t, const std::string& dpop_nonce = std::string()) {
    json out{{"access_token", t.access_token}, {"token_type", t.token_type}};
    if (!dpop_nonce.empty()) out["dpop_nonce"] = dpop_nonce;  // the server's newest nonce: not a secret
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

std::optional<pl::id_token_claims> verify(const pl::client& c, const options& o, const std::string& id_token) {
    auto src = find_key_source(c, o);
    if (!src) return std::nullopt;
    auto keys = fetch_keys(c, src->jwks_url, o.timeout);
    if (!keys) return std::nullopt;
    pl::id_token_expectations expect;
    expect.issuer = src->issuer;
    expect.algorithms = src->algorithms;
    expect.client_id = c.client_id();
    if (!o.audience.empty()) expect.trusted_audiences = {o.audience};
    const pl::signature_verifier verifier = pl::openssl_verifier(std::move(*keys));
    auto claims = pl::verify_id_token(id_token, expect, verifier, clock_now(), c.limits());
    if (!claims) {
        report(claims.failure());
        return std::nullopt;
    }
    std::printf("ok ID token verified: %s signature, issuer %s, audience %s, not expired\n",
                pl::decode_jwt(id_token)->header.value("alg", "RS256").c_str(), expect.issuer.c_str(), expect.client_id.c_str());
    return std::move(claims).value();
}

// The magic-link path: follow the link, read the callback, exchange the authorization code.
int finish_with_link(const pl::client& c, const options& o, const std::string& identity, const std::string& state) {
    std::string callback;
    if (o.dev_mailbox) {
        auto message = read_mailbox(c, identity, o.timeout);
        if (!message || !(*message)["link"].is_string()) {
            std::printf("x  no link found in the dev mailbox for %s\n", identity.c_str());
            return 1;
        }
        const std::string link = (*message)["link"].get<std::string>();
        std::printf("ok link delivered to the dev mailbox; following it as a browser would\n-> GET %s...\n", link.substr(0, link.find('?')).c_str());
        http_result r = get(link, o.timeout);
        if (!r.response) {
            std::printf("x  could not follow the link: %s\n", r.problem.c_str());
            return 1;
        }
        auto location = r.response->find_header("location");
        if (r.response->status / 100 != 3 || !location) {
            std::printf("x  the link did not redirect (HTTP %d)\n", r.response->status);
            return 1;
        }
        callback = std::string(*location);
    } else {
        std::printf("?  open the link from the message, then paste the URL your browser landed on: ");
        std::fflush(stdout);
        if (!std::getline(std::cin, callback)) return 1;
    }
    auto result = pl::parse_callback(callback, state, c.limits());
    if (!result) return report(result.failure());
    if (!result->code) {
        std::printf("x  the callback carried tokens instead of a code; use response_type=code\n");
        return 1;
    }
    std::printf("ok callback accepted (state matches); exchanging its authorization code\n");
    pl::authorization_code_params params;
    params.code = *result->code;
    params.redirect_uri = o.redirect_uri;
    auto req = pl::build_token_request(c, params);
    if (!req) return report(req.failure());
    std::printf("-> POST %s (authorization_code grant)\n", req->url.c_str());
    http_result r = send(*req, o.timeout);
    if (!r.response) return report(pl::error::make(pl::error_kind::transport_failed, r.problem));
    auto tokens = pl::parse_token_response(*r.response, clock_now(), c.limits());
    if (!tokens) return report(tokens.failure());
    print_tokens(*tokens);
    if (!tokens->id_token) {
        std::printf("x  no ID token (is openid in --scope?)\n");
        return 1;
    }
    auto claims = verify(c, o, *tokens->id_token);
    if (!claims) return 1;
    print_claims(*claims);
    if (!o.save_tokens.empty() && !save_tokens(o.save_tokens, *tokens)) return 1;
    std::printf("ok logged in\n");
    return 0;
}


// ---- MFA after the code ------------------------------------------------------------------------

// How an authenticator is shown: "otp", "sms +1555***0100", "push", ...
std::string describe(const pl::mfa_authenticator& a) {
    std::string kind = a.authenticator_type;
    if (a.authenticator_type == "oob" && a.oob_channel) kind = *a.oob_channel == "auth0" ? "push" : *a.oob_channel;
    return a.name ? kind + " " + *a.name : kind;
}

// The authenticator --mfa-authenticator names (an id, "first", or a kind), or the user's choice
// at the prompt (a number or an id); nullptr when there is none.
const pl::mfa_authenticator* pick_authenticator(const std::vector<pl::mfa_authenticator>& list, const std::string& wanted) {
    std::string choice = wanted;
    if (choice.empty()) {
        std::printf("?  which one (1-%zu)? ", list.size());
        std::fflush(stdout);
        if (!std::getline(std::cin, choice)) return nullptr;
        const long n = std::atol(choice.c_str());
        if (n >= 1 && static_cast<std::size_t>(n) <= list.size()) return &list[static_cast<std::size_t>(n - 1)];
    }
    if (choice == "first" && !list.empty()) return &list.front();
    for (const auto& a : list)
        if (a.id == choice) return &a;
    for (const auto& a : list)
        if (describe(a).rfind(choice, 0) == 0 && a.authenticator_type != "recovery-code") return &a;
    return nullptr;
}

// The second-factor code: from --mfa-code-env, the dev mailbox (of --mfa-mailbox-to, else of the
// login's address), or the prompt. Empty: none.
std::string mfa_code(const pl::client& c, const options& o, const std::string& identity, const pl::mfa_authenticator* chosen) {
    if (!o.mfa_code_env.empty()) {
        const char* v = std::getenv(o.mfa_code_env.c_str());
        if (v == nullptr || *v == '\0') std::printf("x  %s is not set\n", o.mfa_code_env.c_str());
        return v != nullptr ? v : "";
    }
    if (o.mfa_code_from_mailbox) {
        const std::string to = o.mfa_mailbox_to.empty() ? identity : o.mfa_mailbox_to;
        auto message = read_mailbox(c, to, o.timeout);
        if (!message || !(*message)["code"].is_string()) {
            std::printf("x  no code found in the dev mailbox for %s\n", to.c_str());
            return "";
        }
        std::printf("ok read the second-factor code from the dev mailbox\n");
        return (*message)["code"].get<std::string>();
    }
    std::printf("?  enter the code of %s: ", chosen ? describe(*chosen).c_str() : "your authenticator");
    std::fflush(stdout);
    std::string code;
    if (!std::getline(std::cin, code)) std::printf("\n");
    return code;
}

// Waits until `at` (Unix seconds), showing the seconds left on one line.
void countdown(pl::unix_seconds at) {
    for (pl::unix_seconds left = at - clock_now(); left > 0; left = at - clock_now()) {
        std::printf("\r.. waiting for approval on your device; next check in %2llds", static_cast<long long>(left));
        std::fflush(stdout);
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    std::printf("\r.. checking whether the push was approved              \n");
}

}  // namespace

int command_login(int argc, char** argv) {
    const options o = parse(argc, argv, 2);
    if (o.email.empty() == o.phone.empty()) usage("give exactly one of --email and --phone");
    if (o.send != "code" && o.send != "link") usage("--send must be code or link");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    auto c = make_client(o);
    if (!c) return 1;

    pl::start_params start;
    start.connection = !o.connection.empty() ? o.connection : (o.email.empty() ? "sms" : "email");
    if (!o.email.empty()) start.email = o.email;
    if (!o.phone.empty()) start.phone_number = o.phone;
    start.send = o.send == "link" ? pl::send_method::link : pl::send_method::code;
    const std::string identity = o.email.empty() ? o.phone : o.email;
    const std::string state = random_state();
    if (o.send == "link")
        start.auth_params = std::vector<std::pair<std::string, std::string>>{
            {"response_type", "code"}, {"redirect_uri", o.redirect_uri}, {"scope", o.scope}, {"state", state}};

    pl::flow_config config;
    config.mfa = true;
    if (!o.audience.empty()) config.audience = o.audience;
    if (!o.scope.empty()) config.scope = o.scope;
    const bool openid = (" " + o.scope + " ").find(" openid ") != std::string::npos;
    if (openid) {
        // The flow verifies the ID token itself, with the tenant's keys fetched as a request step
        // (and fetched once more if the tenant rotated its key during the login).
        auto src = find_key_source(*c, o);
        if (!src) return 1;
        config.id_token = pl::id_token_expectations{};
        config.id_token->issuer = src->issuer;
        config.id_token->algorithms = src->algorithms;
        config.id_token->client_id = c->client_id();
        if (!o.audience.empty()) config.id_token->trusted_audiences = {o.audience};
        config.keys = pl::key_source::fetch;
        config.jwks_uri = src->jwks_url;
        config.key_verifier = pl::openssl_verifier::with_key;
    }
    const std::optional<pl::openssl_dpop_key> dpop_key = dpop_key_for(o);
    if (dpop_key) config.dpop = pl::flow_dpop{dpop_key->key(), random_jti, /*require_binding=*/true};
    auto flow = pl::login_flow::create(*c, config);
    if (!flow) return report(flow.failure());

    pl::flow_step step = flow->start(start, clock_now());
    std::optional<pl::token_set> tokens;
    std::optional<pl::id_token_claims> claims;
    std::vector<pl::mfa_authenticator> authenticators;  // MFA: the list the tenant gave
    const pl::mfa_authenticator* chosen = nullptr;
    while (true) {
        if (step.request) {
            const bool is_start = step.state == pl::flow_state::sending_code;
            const bool is_keys = step.state == pl::flow_state::fetching_keys;
            const bool proved = step.request->find_header("dpop").has_value();
            std::printf("-> %s %s (%s%s)\n", step.request->method.c_str(), step.request->url.c_str(),
                        is_start ? ("send a " + o.send + " to " + identity).c_str()
                        : is_keys ? "the tenant's public keys, to verify the ID token"
                        : step.state == pl::flow_state::listing_authenticators ? "a second factor is required: list the authenticators"
                        : step.state == pl::flow_state::challenging ? "challenge the authenticator"
                        : step.state == pl::flow_state::verifying_mfa ? "verify the second factor"
                                                                       : "trade the code for tokens",
                        proved ? (flow->dpop_nonce().empty() ? ", with a DPoP proof" : ", with a DPoP proof and the server's nonce") : "");
            http_result r = send(*step.request, o.timeout);
            if (!r.response) {
                std::printf("x  request failed: %s\n", r.problem.c_str());
                step = flow->on_transport_failure(clock_now());
                return report(*step.error);
            }
            step = flow->on_response(*r.response, clock_now());
            continue;
        }
        if (step.next == pl::flow_next::choose_authenticator) {
            if (step.event && step.event->kind == pl::flow_event::type::mfa_required) {
                authenticators = step.event->authenticators;
                std::printf("ok code accepted; a second factor is required. Authenticators:\n");
                for (std::size_t i = 0; i < authenticators.size(); ++i)
                    std::printf("   %zu. %s (id %s)\n", i + 1, describe(authenticators[i]).c_str(), authenticators[i].id.c_str());
            }
            if (step.error)
                std::printf("x  %s: %s\n", std::string(pl::to_string(step.error->kind)).c_str(), step.error->description.c_str());
            if (!o.recovery_code_env.empty()) {
                const char* rc = std::getenv(o.recovery_code_env.c_str());
                if (rc == nullptr || *rc == '\0') {
                    std::printf("x  %s is not set\n", o.recovery_code_env.c_str());
                    return 1;
                }
                std::printf("-- using a recovery code\n");
                step = flow->submit_recovery_code(rc, clock_now());
                continue;
            }
            chosen = pick_authenticator(authenticators, o.mfa_authenticator);
            if (chosen == nullptr) {
                std::printf("x  no such authenticator%s\n", o.mfa_authenticator.empty() ? "" : (": " + o.mfa_authenticator).c_str());
                return 1;
            }
            std::printf("-- chose %s\n", describe(*chosen).c_str());
            step = flow->choose_authenticator(chosen->id, clock_now());
            continue;
        }
        if (step.next == pl::flow_next::ask_for_mfa_code) {
            if (step.error)
                std::printf("x  %s: %s\n", std::string(pl::to_string(step.error->kind)).c_str(), step.error->description.c_str());
            // A code that is not typed would come back the same, and fail the same.
            if (step.error && (!o.mfa_code_env.empty() || o.mfa_code_from_mailbox)) return report(*step.error);
            const std::string code = mfa_code(*c, o, identity, chosen);
            if (code.empty()) return 1;
            step = flow->submit_mfa_code(code, clock_now());
            continue;
        }
        if (step.next == pl::flow_next::poll) {
            if (step.error && step.error->kind != pl::error_kind::authorization_pending && step.error->kind != pl::error_kind::slow_down)
                std::printf("x  %s\n", step.error->description.c_str());
            if (!step.error) std::printf("ok push sent: approve it on your device\n");
            countdown(step.poll_at.value_or(clock_now()));
            step = flow->poll(clock_now());
            continue;
        }
        if (step.event && step.event->kind != pl::flow_event::type::authenticated) {
            std::printf("ok %s accepted: a %s is on its way to %s", server_name(*c).c_str(), o.send.c_str(), identity.c_str());
            if (step.event->code_expires_at) std::printf(" (valid until %s)", date(*step.event->code_expires_at).c_str());
            else std::printf(" (the server decides how long it stays valid)");
            std::printf("\n");
            if (o.send == "link") return finish_with_link(*c, o, identity, state);
        }
        if (step.next == pl::flow_next::done) {
            tokens = std::move(step.event->tokens);
            claims = std::move(step.event->claims);
            break;
        }
        if (step.next != pl::flow_next::ask_for_code) return step.error ? report(*step.error) : 1;
        if (step.error)
            std::printf("x  %s: %s\n", std::string(pl::to_string(step.error->kind)).c_str(), step.error->description.c_str());
        std::string code;
        if (o.dev_mailbox) {
            auto message = read_mailbox(*c, identity, o.timeout);
            if (!message || !(*message)["code"].is_string()) {
                std::printf("x  no code found in the dev mailbox for %s\n", identity.c_str());
                return 1;
            }
            code = (*message)["code"].get<std::string>();
            std::printf("ok code delivered: read a %zu-digit code from the dev mailbox\n", code.size());
        } else {
            std::printf("?  enter the code sent to %s: ", identity.c_str());
            std::fflush(stdout);
            if (!std::getline(std::cin, code)) {
                std::printf("\nx  no code entered\n");
                return 1;
            }
        }
        step = flow->submit_code(code, clock_now());
    }
    std::printf("ok code accepted\n");
    print_tokens(*tokens);
    if (tokens->recovery_code)
        std::printf("!! your new recovery code (shown once; keep it safe): %s\n", tokens->recovery_code->c_str());
    if (dpop_key) std::printf("   DPoP: the tokens are bound to key %s\n", dpop_key->public_key().thumbprint().c_str());
    if (claims) {
        std::printf("ok ID token verified inside the flow: signature with the server's key, issuer %s, audience %s, not expired\n",
                    config.id_token->issuer.c_str(), c->client_id().c_str());
        print_claims(*claims);
    } else if (tokens->id_token) {
        auto verified = verify(*c, o, *tokens->id_token);
        if (!verified) return 1;
        print_claims(*verified);
    } else {
        std::printf("   (no ID token: add openid to --scope to get one)\n");
    }
    if (!o.save_tokens.empty() && !save_tokens(o.save_tokens, *tokens, flow->dpop_nonce())) return 1;
    std::printf("ok logged in\n");
    return 0;
}

int command_refresh(int argc, char** argv) {
    options o = parse(argc, argv, 2);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    auto c = make_client(o);
    if (!c) return 1;
    pl::refresh_grant_params p;
    std::string token_type = "Bearer";
    std::string dpop_nonce;
    if (!o.refresh_token_env.empty()) {
        const char* rt = std::getenv(o.refresh_token_env.c_str());
        if (rt != nullptr) p.refresh_token = rt;
        if (!o.dpop_key_file.empty()) token_type = "DPoP";  // the caller says the tokens are bound
    } else if (!o.tokens_file.empty()) {
        std::ifstream f(o.tokens_file);
        std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        json saved = json::parse(text, nullptr, false);
        if (saved.is_object() && saved.contains("refresh_token") && saved["refresh_token"].is_string())
            p.refresh_token = saved["refresh_token"].get<std::string>();
        if (saved.is_object() && saved.contains("token_type") && saved["token_type"].is_string())
            token_type = saved["token_type"].get<std::string>();
        if (saved.is_object() && saved.contains("dpop_nonce") && saved["dpop_nonce"].is_string())
            dpop_nonce = saved["dpop_nonce"].get<std::string>();
    } else {
        usage("--refresh-token-env VAR or --tokens-file FILE is required");
    }
    if (p.refresh_token.empty()) {
        std::printf("x  no refresh token found\n");
        return 1;
    }
    if (!o.audience.empty()) p.audience = o.audience;
    if (o.scope != "openid profile email") p.scope = o.scope;
    if (o.dpop) usage("refresh needs the key the tokens are bound to: --dpop-key FILE");
    const std::optional<pl::openssl_dpop_key> dpop_key = dpop_key_for(o);
    std::optional<pl::refresh_dpop> dpop;
    if (dpop_key) dpop = pl::refresh_dpop{dpop_key->key(), random_jti, /*require_binding=*/true};
    const std::string old_refresh_token = p.refresh_token;
    auto exchange = pl::refresh_exchange::create(*c, std::move(p), token_type, std::move(dpop),
                                                 pl::is_valid_dpop_nonce(dpop_nonce) ? dpop_nonce : std::string());
    if (!exchange) return report(exchange.failure());
    auto first = exchange->first_request(clock_now());
    if (!first) return report(first.failure());
    std::optional<pl::request> req = std::move(first).value();
    std::optional<pl::token_set> tokens;
    while (req) {
        std::printf("-> POST %s (refresh_token grant%s)\n", req->url.c_str(),
                    req->find_header("dpop") ? (exchange->dpop_nonce().empty() ? ", with a DPoP proof" : ", with a DPoP proof and the server's nonce") : "");
        http_result r = send(*req, o.timeout);
        if (!r.response) return report(pl::error::make(pl::error_kind::transport_failed, r.problem));
        pl::refresh_step step = exchange->on_response(*r.response, clock_now());
        if (step.error) return report(*step.error);
        if (step.request) std::printf("<- the server asks for its DPoP nonce: sending once more\n");
        req = std::move(step.request);
        tokens = std::move(step.tokens);
    }
    std::printf("ok tokens refreshed\n");
    print_tokens(*tokens);
    if (dpop_key) std::printf("   DPoP: the tokens are bound to key %s\n", dpop_key->public_key().thumbprint().c_str());
    if (tokens->refresh_token && *tokens->refresh_token != old_refresh_token) std::printf("   the refresh token was rotated\n");
    if (!o.save_tokens.empty() && !save_tokens(o.save_tokens, *tokens, exchange->dpop_nonce())) return 1;
    return 0;
}

int command_decode(int argc, char** argv) {
    if (argc == 3 && (std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h")) help();
    if (argc != 3) usage("decode takes exactly one token");
    auto d = pl::decode_jwt(argv[2]);
    if (!d) return report(d.failure());
    std::printf("NOT VERIFIED: this shows what the token says, not whether it is genuine.\n\nheader:\n%s\n\nclaims:\n",
                d->header.dump(2, ' ', false, json::error_handler_t::replace).c_str());
    for (auto it = d->payload.begin(); it != d->payload.end(); ++it) {
        std::string value = it->dump(-1, ' ', false, json::error_handler_t::replace);
        const std::string& k = it.key();
        if ((k == "exp" || k == "iat" || k == "nbf" || k == "auth_time") && it->is_number()) {
            const double t = it->get<double>();
            if (t >= 0 && t <= static_cast<double>(pl::max_unix_seconds)) value += "  (" + date(static_cast<pl::unix_seconds>(t)) + ")";
        }
        std::printf("  %-16s %s\n", k.c_str(), value.c_str());
    }
    std::printf("\nsignature: %zu bytes\n", d->signature.size());
    return 0;
}

}  // namespace cli
