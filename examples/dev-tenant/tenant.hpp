// dev-tenant: the rules of a local Auth0-like tenant for passwordless login, MFA after the code
// (mfa.hpp), and the session endpoints (/oauth/revoke, /userinfo), independent of the HTTP server
// around it. An example program's code: it may use randomness, OpenSSL and maps.
#ifndef PASSWORDLESS_EXAMPLES_DEV_TENANT_HPP
#define PASSWORDLESS_EXAMPLES_DEV_TENANT_HPP

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <passwordless/http.hpp>

#include "dpop_check.hpp"
#include "mfa.hpp"
#include <passwordless/token.hpp>

namespace devtenant {

using json = nlohmann::json;
using seconds = std::int64_t;

struct client_def {
    std::string id;
    std::string secret;  ///< empty: a public client
    std::vector<std::string> grants;
    std::vector<std::string> callbacks;
};

struct connection_def {
    std::string name;
    std::string strategy;  ///< "email" or "sms"
    bool enabled = true;
};

struct settings {
    int otp_length = 6;
    seconds otp_expiry = 180;
    int max_attempts = 3;
    int start_limit = 50;        ///< /passwordless/start requests per identity per window
    seconds start_window = 3600;
    int token_limit = 30;        ///< /oauth/token requests per client per window
    seconds token_window = 1;
    seconds access_token_lifetime = 86400;
    seconds id_token_lifetime = 36000;
    std::optional<seconds> fixed_clock;  ///< a clock that moves only through /dev/clock
    std::string base_url;        ///< where the tenant listens (DPoP htu); empty: derived from the issuer
    bool dpop_nonce_for_public_clients = true;  ///< as Auth0: public clients must use the server's nonce
    seconds dpop_iat_window = 300;              ///< accepted distance of a proof's iat from now
    seconds mfa_token_lifetime = 600;           ///< how long an mfa_token answers
    seconds mfa_poll_interval = 5;              ///< a push poller faster than this gets slow_down
    seconds oob_lifetime = 300;                 ///< how long an oob_code (and its binding code) answers
    int mfa_max_failures = 10;                  ///< wrong second-factor codes before too_many_attempts
    seconds mfa_failure_refill = 360;           ///< one more allowed wrong code per this many seconds
    std::string mfa_reject_error = "invalid_grant";  ///< or access_denied: the answer to a rejected push
};

inline constexpr const char* mfa_otp_grant = "http://auth0.com/oauth/grant-type/mfa-otp";
inline constexpr const char* mfa_oob_grant = "http://auth0.com/oauth/grant-type/mfa-oob";
inline constexpr const char* mfa_recovery_grant = "http://auth0.com/oauth/grant-type/mfa-recovery-code";

inline const std::vector<std::string>& all_grants() {
    static const std::vector<std::string> grants = {std::string(passwordless::otp_grant_type), "refresh_token",
                                                    "authorization_code", "implicit", mfa_otp_grant, mfa_oob_grant,
                                                    mfa_recovery_grant};
    return grants;
}

/// The default configuration: a public client, a confidential one, one without the OTP grant,
/// the email and sms connections, and the MFA users of default_mfa_users().
inline json default_config() {
    json grants = all_grants();
    return json{{"clients",
                 {{{"client_id", "dev-client"}, {"grants", grants}, {"callbacks", {"http://127.0.0.1/callback", "http://localhost/callback"}}},
                  {{"client_id", "dev-confidential"}, {"client_secret", "dev-secret"}, {"grants", grants},
                   {"callbacks", {"http://127.0.0.1/callback"}}},
                  {{"client_id", "dev-no-otp"}, {"grants", {"authorization_code"}}, {"callbacks", {"http://127.0.0.1/callback"}}}}},
                {"connections", {{{"name", "email"}, {"strategy", "email"}}, {{"name", "sms"}, {"strategy", "sms"}}}},
                {"limits", json::object()},
                {"users", default_mfa_users()}};
}

struct http_in {
    std::string method;
    std::string path;
    std::vector<std::pair<std::string, std::string>> query;
    std::vector<passwordless::header> headers;
    std::string body;
    std::string remote_ip;
};

struct http_out {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string content_type = "application/json";
    std::string body;
};

// base64url without padding (OpenSSL's encoder, then the URL alphabet).
inline std::string b64url(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return out;
}

// Percent-encodes everything but the unreserved characters (RFC 3986).
inline std::string url_encode(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

inline std::string url_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

/// An RS256 signing key with its JWKS entry.
class signing_key {
public:
    /// A fresh 2048-bit key, or the one in `pem_file` when given.
    static std::unique_ptr<signing_key> load_or_generate(const std::string& pem_file, std::string& problem) {
        EVP_PKEY* raw = nullptr;
        if (!pem_file.empty()) {
            FILE* f = std::fopen(pem_file.c_str(), "r");
            if (f == nullptr) {
                problem = "cannot open the key file";
                return nullptr;
            }
            raw = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
            std::fclose(f);
        } else {
            raw = EVP_RSA_gen(2048);
        }
        if (raw == nullptr || EVP_PKEY_get_base_id(raw) != EVP_PKEY_RSA) {
            problem = "the key is not an RSA private key";
            if (raw != nullptr) EVP_PKEY_free(raw);
            return nullptr;
        }
        return std::unique_ptr<signing_key>(new signing_key(raw));
    }
    ~signing_key() { EVP_PKEY_free(key_); }
    signing_key(const signing_key&) = delete;
    signing_key& operator=(const signing_key&) = delete;

    const std::string& kid() const { return kid_; }
    json jwk() const { return json{{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"}, {"kid", kid_}, {"n", n_}, {"e", e_}}; }

    std::string sign(const json& header, const json& claims) const {
        const std::string input = b64url(header.dump()) + "." + b64url(claims.dump());
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
        std::size_t len = 0;
        const auto* data = reinterpret_cast<const unsigned char*>(input.data());
        EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_);
        EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size());
        std::string sig(len, '\0');
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data, input.size());
        sig.resize(len);
        return input + "." + b64url(sig);
    }

private:
    explicit signing_key(EVP_PKEY* key) : key_(key) {
        n_ = b64url(bn(OSSL_PKEY_PARAM_RSA_N));
        e_ = b64url(bn(OSSL_PKEY_PARAM_RSA_E));
        unsigned char digest[SHA256_DIGEST_LENGTH];
        SHA256(reinterpret_cast<const unsigned char*>(n_.data()), n_.size(), digest);
        kid_ = b64url(std::string(reinterpret_cast<const char*>(digest), 12));
    }
    std::string bn(const char* name) const {
        BIGNUM* b = nullptr;
        EVP_PKEY_get_bn_param(key_, name, &b);
        std::string out(static_cast<std::size_t>(BN_num_bytes(b)), '\0');
        BN_bn2bin(b, reinterpret_cast<unsigned char*>(out.data()));
        BN_free(b);
        return out;
    }

    EVP_PKEY* key_;
    std::string kid_, n_, e_;
};

/// The tenant: every rule of the two endpoints, the JWKS, magic-link redirects and a mailbox.
class tenant {
public:
    tenant(settings s, std::vector<client_def> clients, std::vector<connection_def> connections, std::string issuer,
           const signing_key& key, std::uint64_t seed)
        : s_(s), clients_(std::move(clients)), connections_(std::move(connections)), issuer_(std::move(issuer)), key_(&key),
          rng_(seed), fixed_clock_(s.fixed_clock), dpop_(dpop_nonce_for(seed)) {}

    /// Builds a tenant from a JSON configuration (see default_config); empty on a bad config.
    static std::optional<tenant> from_config(const json& cfg, settings s, std::string issuer, const signing_key& key,
                                             std::uint64_t seed, std::string& problem) {
        std::vector<client_def> clients;
        std::vector<connection_def> connections;
        if (!cfg.is_object() || !cfg.contains("clients") || !cfg["clients"].is_array()) {
            problem = "the config needs a clients array";
            return std::nullopt;
        }
        for (const auto& c : cfg["clients"]) {
            client_def d;
            d.id = c.value("client_id", "");
            d.secret = c.value("client_secret", "");
            d.grants = c.value("grants", all_grants());
            d.callbacks = c.value("callbacks", std::vector<std::string>{});
            if (d.id.empty()) {
                problem = "every client needs a client_id";
                return std::nullopt;
            }
            clients.push_back(std::move(d));
        }
        for (const auto& c : cfg.value("connections", json::array())) {
            connection_def d{c.value("name", ""), c.value("strategy", ""), c.value("enabled", true)};
            if (d.strategy != "email" && d.strategy != "sms") {
                problem = "a connection's strategy must be email or sms";
                return std::nullopt;
            }
            connections.push_back(std::move(d));
        }
        const json limits = cfg.value("limits", json::object());
        s.otp_length = limits.value("otp_length", s.otp_length);
        s.otp_expiry = limits.value("otp_expiry", s.otp_expiry);
        s.max_attempts = limits.value("max_attempts", s.max_attempts);
        s.start_limit = limits.value("start_limit", s.start_limit);
        s.start_window = limits.value("start_window", s.start_window);
        s.token_limit = limits.value("token_limit", s.token_limit);
        s.token_window = limits.value("token_window", s.token_window);
        s.access_token_lifetime = limits.value("access_token_lifetime", s.access_token_lifetime);
        s.mfa_token_lifetime = limits.value("mfa_token_lifetime", s.mfa_token_lifetime);
        s.mfa_reject_error = limits.value("mfa_reject_error", s.mfa_reject_error);
        if (s.mfa_reject_error != "invalid_grant" && s.mfa_reject_error != "access_denied") {
            problem = "mfa_reject_error must be invalid_grant or access_denied";
            return std::nullopt;
        }
        std::vector<mfa_user> users;
        if (cfg.contains("users") && !parse_mfa_users(cfg["users"], users, problem)) return std::nullopt;
        tenant t(s, std::move(clients), std::move(connections), std::move(issuer), key, seed);
        t.mfa_users_ = std::move(users);
        return t;
    }

    seconds now() const { return fixed_clock_ ? *fixed_clock_ : static_cast<seconds>(std::time(nullptr)); }

    http_out handle(const http_in& in) {
        if (in.method == "POST" && in.path == "/passwordless/start") return start(in);
        if (in.method == "POST" && in.path == "/oauth/token") return token(in);
        if (in.method == "GET" && in.path == "/.well-known/jwks.json") return jwks();
        if (in.method == "POST" && in.path == "/dev/rotate-key") return rotate_key();
        if (in.method == "GET" && in.path == "/passwordless/verify_redirect") return verify_redirect(in);
        if (in.method == "GET" && in.path == "/dev/mailbox") return mailbox(in);
        if (in.method == "POST" && in.path == "/dev/clock") return clock(in);
        if (in.method == "GET" && in.path == "/mfa/authenticators") return mfa_authenticators(in);
        if (in.method == "POST" && in.path == "/mfa/challenge") return mfa_challenge(in);
        if (in.method == "POST" && in.path == "/oauth/revoke") return revoke(in);
        if (in.method == "GET" && in.path == "/userinfo") return userinfo(in);
        if (in.method == "POST" && in.path.rfind("/dev/mfa/push/", 0) == 0) return push_decision(in);
        if (in.method == "GET" && in.path == "/dev/mfa/totp") return dev_totp(in);
        http_out out;
        out.status = 404;
        out.content_type = "text/plain";
        out.body = "Not Found";
        return out;
    }

    /// What must survive a restart between start and code (--state): the codes outstanding,
    /// the user ids and the mailbox.
    json export_state() const {
        json otps = json::object();
        for (const auto& [k, v] : otps_)
            otps[k] = json{{"code", v.code}, {"client_id", v.client_id}, {"issued_at", v.issued_at}, {"attempts", v.attempts}};
        json mailbox = json::object();
        for (const auto& [k, v] : mailbox_) mailbox[k] = v;
        return json{{"otps", otps}, {"users", users_}, {"mailbox", mailbox}};
    }

    /// Takes back what export_state wrote; false when it is not such a document.
    bool import_state(const json& j) {
        if (!j.is_object() || !j.contains("otps") || !j["otps"].is_object()) return false;
        for (auto it = j["otps"].begin(); it != j["otps"].end(); ++it)
            otps_[it.key()] = otp_state{it->value("code", ""), it->value("client_id", ""), it->value("issued_at", seconds{0}),
                                        it->value("attempts", 0)};
        const json users = j.value("users", json::object());
        for (auto it = users.begin(); it != users.end(); ++it)
            if (it->is_string()) users_[it.key()] = it->get<std::string>();
        const json mailbox = j.value("mailbox", json::object());
        for (auto it = mailbox.begin(); it != mailbox.end(); ++it) mailbox_[it.key()] = *it;
        return true;
    }

    /// One line per delivered message, for the log.
    std::vector<std::string> take_log() { return std::exchange(log_, {}); }

private:
    struct otp_state {
        std::string code;
        std::string client_id;
        seconds issued_at = 0;
        int attempts = 0;
    };
    struct grant_state {
        std::string client_id, connection, identity, scope, audience, redirect_uri, nonce;
        seconds expires_at = 0;
        std::string jkt;  ///< refresh tokens: the DPoP key they are bound to (empty: none)
    };
    struct window {
        seconds start = 0;
        int count = 0;
    };
    struct mfa_session {  ///< what an mfa_token stands for
        std::string client_id, connection, identity, scope, audience;
        seconds expires_at = 0;
        int factors_done = 0;
        std::set<std::string> used;    ///< authenticators already passed in this login
        std::string refresh_to_spend;  ///< MFA on refresh: the refresh token spent when MFA passes
    };
    struct oob_challenge {
        std::string mfa_token, authenticator_id, channel, binding_code;  ///< channel: sms, email or auth0 (push)
        seconds issued_at = 0;
        std::optional<seconds> last_poll;
        int decision = 0;  ///< push: 0 pending, 1 approved, -1 rejected
    };
    struct failure_bucket {
        int left = 10;
        seconds at = 0;
    };
    struct access_state {
        std::string client_id, connection, identity;
        seconds expires_at = 0;
        std::string jkt;  ///< DPoP-bound: the key's thumbprint
    };

    http_out jwks() const {
        json keys = json::array({key_->jwk()});
        if (previous_key_ != nullptr) keys.push_back(previous_key_->jwk());
        return ok(json{{"keys", keys}});
    }

    // A new signing key (new kid) from now on; the old one stays published, as Auth0 does.
    http_out rotate_key() {
        std::string problem;
        std::shared_ptr<signing_key> next = signing_key::load_or_generate("", problem);
        if (!next) return fail(500, "server_error", "could not make a key");
        previous_key_ = key_;
        key_ = next.get();
        rotated_.push_back(std::move(next));
        log_.push_back("signing key rotated: kid " + key_->kid());
        return ok(json{{"kid", key_->kid()}});
    }

    static http_out ok(const json& body) {
        http_out out;
        out.body = body.dump();
        return out;
    }

    static http_out fail(int status, const std::string& code, const std::string& description) {
        http_out out;
        out.status = status;
        out.body = json{{"error", code}, {"error_description", description}}.dump();
        return out;
    }

    static std::string header(const http_in& in, std::string_view name) {
        auto v = passwordless::find_header(in.headers, name);
        return v ? std::string(*v) : std::string();
    }

    const client_def* find_client(const std::string& id) const {
        for (const auto& c : clients_)
            if (c.id == id) return &c;
        return nullptr;
    }

    const connection_def* find_connection(const std::string& name) const {
        for (const auto& c : connections_)
            if (c.name == name) return &c;
        return nullptr;
    }

    static bool allows(const client_def& c, std::string_view grant) {
        for (const auto& g : c.grants)
            if (g == grant) return true;
        return false;
    }

    // Fixed-window rate limiting with Auth0's headers on every answer.
    bool limited(const std::string& key, int limit, seconds length, http_out& out) {
        window& w = windows_[key];
        const seconds t = now();
        if (t >= w.start + length) w = window{t, 0};
        const bool over = w.count >= limit;
        if (!over) ++w.count;
        out.headers.emplace_back("x-ratelimit-limit", std::to_string(limit));
        out.headers.emplace_back("x-ratelimit-remaining", std::to_string(limit - w.count));
        out.headers.emplace_back("x-ratelimit-reset", std::to_string(w.start + length));
        return over;
    }

    static http_out with_headers(http_out body, const http_out& headers_from) {
        body.headers = headers_from.headers;
        return body;
    }

    std::string random_digits(int n) {
        std::uniform_int_distribution<int> digit(0, 9);
        std::string out;
        for (int i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + digit(rng_)));
        return out;
    }

    // The tenant's DPoP nonce, from its own generator so the seeded codes stay as they were.
    static std::string dpop_nonce_for(std::uint64_t seed) {
        std::mt19937_64 rng(seed ^ 0x5d0b5eedULL);
        std::uniform_int_distribution<int> b(0, 255);
        std::string raw;
        for (int i = 0; i < 24; ++i) raw.push_back(static_cast<char>(b(rng)));
        return b64url(raw);
    }

    std::string random_token(std::size_t bytes) {
        std::uniform_int_distribution<int> b(0, 255);
        std::string raw;
        for (std::size_t i = 0; i < bytes; ++i) raw.push_back(static_cast<char>(b(rng_)));
        return b64url(raw);
    }

    std::string user_id(const std::string& connection, const std::string& identity) {
        auto& id = users_[connection + "|" + identity];
        if (id.empty()) {
            static const char* hex = "0123456789abcdef";
            std::uniform_int_distribution<int> d(0, 15);
            for (int i = 0; i < 24; ++i) id.push_back(hex[d(rng_)]);
        }
        return connection + "|" + id;
    }

    // Confidential clients must prove themselves (secret in the body, or by HTTP Basic).
    bool authenticated(const client_def& c, const json& body, const http_in& in) const {
        if (c.secret.empty()) return true;
        if (body.contains("client_secret") && body["client_secret"].is_string()) return body["client_secret"] == c.secret;
        const std::string auth = header(in, "authorization");
        if (auth.rfind("Basic ", 0) == 0) {
            auto decoded = decode_standard_base64(auth.substr(6));
            return decoded && *decoded == url_encode(c.id) + ":" + url_encode(c.secret);
        }
        return false;
    }

    // Padded standard base64 (OpenSSL's decoder); nullopt for anything else.
    static std::optional<std::string> decode_standard_base64(const std::string& s) {
        if (s.empty() || s.size() % 4 != 0) return std::nullopt;
        std::size_t pad = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c == '=') {
                if (i + 2 < s.size()) return std::nullopt;
                ++pad;
            } else if (pad != 0 || !(std::isalnum(c) || c == '+' || c == '/')) {
                return std::nullopt;
            }
        }
        std::string out(s.size() / 4 * 3, '\0');
        const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
        if (n < 0 || static_cast<std::size_t>(n) < pad) return std::nullopt;
        out.resize(static_cast<std::size_t>(n) - pad);
        return out;
    }

    json parse_body(const http_in& in) const {
        const std::string ct = header(in, "content-type");
        if (ct.rfind("application/x-www-form-urlencoded", 0) == 0) {
            json out = json::object();
            std::string_view rest = in.body;
            while (!rest.empty()) {
                const std::size_t amp = rest.find('&');
                std::string_view pair = rest.substr(0, amp);
                const std::size_t eq = pair.find('=');
                out[url_decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
                rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
            }
            return out;
        }
        return json::parse(in.body, nullptr, false);
    }

    static std::string str(const json& body, const char* name) {
        auto it = body.find(name);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

    http_out start(const http_in& in) {
        const json body = json::parse(in.body, nullptr, false);
        if (!body.is_object()) return fail(400, "bad.request", "the request body is not a JSON object");
        std::string extra;
        for (auto it = body.begin(); it != body.end(); ++it) {
            static const char* allowed[] = {"client_id", "client_secret", "client_assertion", "client_assertion_type",
                                            "connection", "email", "phone_number", "send", "authParams"};
            bool known = false;
            for (const char* a : allowed) known = known || it.key() == a;
            if (!known) extra += (extra.empty() ? "" : ", ") + it.key();
        }
        if (!extra.empty()) return fail(400, "bad.request", "the following properties are not allowed: " + extra);
        const std::string client_id = str(body, "client_id");
        if (client_id.empty()) return fail(400, "bad.client_id", "Missing required property: client_id");
        const client_def* client = find_client(client_id);
        if (client == nullptr) return fail(401, "invalid_client", "Unknown client");
        const std::string connection = str(body, "connection");
        if (connection.empty()) return fail(400, "bad.connection", "Missing required property: connection");
        const connection_def* conn = find_connection(connection);
        if (conn == nullptr) return fail(400, "bad.connection", "Connection does not exist");
        if (!conn->enabled) return fail(400, "bad.connection", "Connection is disabled");
        std::string identity;
        if (conn->strategy == "email") {
            identity = str(body, "email");
            if (identity.empty()) return fail(400, "bad.email", "Missing required property: email");
            if (identity.find('@') == std::string::npos) return fail(400, "bad.email", "Invalid email address");
        } else {
            identity = str(body, "phone_number");
            if (identity.empty()) return fail(400, "bad.phone_number", "Missing required property: phone_number");
            bool pattern = identity.size() >= 2 && identity.size() <= 16 && identity[0] == '+';
            for (std::size_t i = 1; i < identity.size(); ++i) pattern = pattern && std::isdigit(static_cast<unsigned char>(identity[i]));
            if (!pattern) return fail(400, "bad.phone_number", "String does not match pattern: ^\\+[0-9]{1,15}$");
        }
        const std::string send = body.contains("send") ? str(body, "send") : "link";
        if (send != "code" && send != "link" && send != "link_ios" && send != "link_android")
            return fail(400, "bad.send", "send must be one of code, link, link_ios, link_android");
        if (body.contains("authParams") && !body["authParams"].is_object())
            return fail(400, "bad.authParams", "error in authParams - invalid type: string (expected object)");
        if (!authenticated(*client, body, in)) return fail(401, "invalid_client", "Client authentication failed");

        http_out limits;
        if (limited("start|" + connection + "|" + identity, s_.start_limit, s_.start_window, limits))
            return with_headers(fail(429, "too_many_requests", "Too many requests"), limits);

        otp_state& otp = otps_[connection + "|" + identity];
        otp = otp_state{random_digits(s_.otp_length), client_id, now(), 0};
        json message{{"to", identity}, {"connection", connection}, {"send", send}, {"code", otp.code}, {"sent_at", now()}};
        if (send != "code") message["link"] = make_link(*client, conn->strategy, connection, identity, otp.code, send,
                                                         body.value("authParams", json::object()));
        mailbox_[identity] = message;
        log_.push_back("sent " + send + " to " + identity + " (" + connection + "): code " + otp.code);

        json out{{"_id", user_id(connection, identity).substr(connection.size() + 1)}};
        if (conn->strategy == "email") {
            out["email"] = identity;
            out["email_verified"] = false;
        } else {
            out["phone_number"] = identity;
            out["phone_verified"] = false;
        }
        return with_headers(ok(out), limits);
    }

    std::string make_link(const client_def& client, const std::string& strategy, const std::string& connection,
                          const std::string& identity, const std::string& code, const std::string& send, const json& auth_params) {
        if (send == "link_ios" || send == "link_android")
            return issuer_ + (send == "link_ios" ? "ios/" : "android/") + client.id + "/" + connection + "?code=" + code;
        std::string link = issuer_ + "passwordless/verify_redirect?client_id=" + url_encode(client.id) +
                           "&connection=" + url_encode(connection) + "&" + (strategy == "email" ? "email" : "phone_number") + "=" +
                           url_encode(identity) + "&verification_code=" + code;
        json params = auth_params;
        if (!params.contains("response_type")) params["response_type"] = "code";
        if (!params.contains("redirect_uri") && !client.callbacks.empty()) params["redirect_uri"] = client.callbacks.front();
        for (auto it = params.begin(); it != params.end(); ++it)
            if (it->is_string()) link += "&" + url_encode(it.key()) + "=" + url_encode(it->get<std::string>());
        return link;
    }

    // Checks a one-time code by Auth0's rules; empty on success, else the invalid_grant text.
    std::optional<std::string> check_code(const std::string& connection, const std::string& identity, const std::string& code) {
        auto it = otps_.find(connection + "|" + identity);
        const bool sms = find_connection(connection) != nullptr && find_connection(connection)->strategy == "sms";
        const std::string wrong = sms ? "Wrong phone number or verification code." : "Wrong email or verification code.";
        if (it == otps_.end()) return wrong;
        otp_state& otp = it->second;
        if (otp.attempts >= s_.max_attempts) return "You've reached the maximum number of attempts. Please try to login again.";
        if (now() - otp.issued_at >= s_.otp_expiry) return "The verification code has expired. Please try to login again.";
        if (code != otp.code) {
            if (++otp.attempts >= s_.max_attempts) return "You've reached the maximum number of attempts. Please try to login again.";
            return wrong;
        }
        otps_.erase(it);  // used
        return std::nullopt;
    }

    json issue_tokens(const client_def& client, const std::string& connection, const std::string& identity,
                      const std::string& scope_in, const std::string& audience, const std::string& nonce,
                      const std::string& jkt = std::string()) {
        const std::string scope = scope_in.empty() ? "openid profile email" : scope_in;
        const bool openid = (" " + scope + " ").find(" openid ") != std::string::npos;
        const bool offline = (" " + scope + " ").find(" offline_access ") != std::string::npos;
        const seconds t = now();
        const std::string at = "dev_at_" + random_token(24);
        access_[at] = access_state{client.id, connection, identity, t + s_.access_token_lifetime, jkt};
        created_.emplace(connection + "|" + identity, t);
        json out{{"access_token", at}, {"token_type", jkt.empty() ? "Bearer" : "DPoP"}, {"expires_in", s_.access_token_lifetime},
                 {"scope", scope}};
        if (openid) {
            const bool sms = find_connection(connection) != nullptr && find_connection(connection)->strategy == "sms";
            json claims{{"iss", issuer_}, {"sub", user_id(connection, identity)}, {"aud", client.id}, {"iat", t},
                        {"exp", t + s_.id_token_lifetime}, {"name", identity}};
            if (sms) {
                claims["phone_number"] = identity;
                claims["phone_number_verified"] = true;
            } else {
                claims["email"] = identity;
                claims["email_verified"] = true;
                claims["nickname"] = identity.substr(0, identity.find('@'));
            }
            if (!nonce.empty()) claims["nonce"] = nonce;
            out["id_token"] = key_->sign(json{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", key_->kid()}}, claims);
        }
        if (offline && allows(client, "refresh_token")) {
            const std::string rt = "dev_rt_" + random_token(32);
            refresh_[rt] = grant_state{client.id, connection, identity, scope, audience, "", "", 0, jkt};
            out["refresh_token"] = rt;
        }
        return out;
    }

    http_out token(const http_in& in) {
        const json body = parse_body(in);
        if (!body.is_object()) return fail(400, "invalid_request", "the request body is not JSON or form data");
        const std::string grant = str(body, "grant_type");
        if (grant.empty()) return fail(400, "invalid_request", "Missing required parameter: grant_type");
        const client_def* client = find_client(str(body, "client_id"));
        if (client == nullptr) return fail(401, "invalid_client", "Unknown client");
        if (!authenticated(*client, body, in)) return fail(401, "invalid_client", "Client authentication failed");
        http_out limits;
        if (limited("token|" + client->id, s_.token_limit, s_.token_window, limits))
            return with_headers(fail(429, "too_many_requests", "Too many requests"), limits);
        // DPoP: a proof, when sent, must be valid (and carry the nonce, for a public client); the
        // tokens are then bound to its key. Every answer to a proof carries the current nonce.
        const std::string proof = header(in, "dpop");
        std::string jkt;
        if (!proof.empty()) {
            limits.headers.emplace_back("DPoP-Nonce", dpop_.nonce());
            std::string base = s_.base_url.empty() ? issuer_ : s_.base_url;
            while (!base.empty() && base.back() == '/') base.pop_back();
            dpop_verdict v = dpop_.check(proof, "POST", base + "/oauth/token", now(),
                                         s_.dpop_nonce_for_public_clients && client->secret.empty(), s_.dpop_iat_window);
            if (!v.ok) return with_headers(fail(400, v.error, v.description), limits);
            jkt = v.jkt;
        }
        const bool mfa_grant_type = grant == mfa_otp_grant || grant == mfa_oob_grant || grant == mfa_recovery_grant;
        if (grant != passwordless::otp_grant_type && grant != "refresh_token" && grant != "authorization_code" && !mfa_grant_type)
            return with_headers(fail(400, "unsupported_grant_type", "Unsupported grant type: " + grant), limits);
        if (!allows(*client, grant)) {
            http_out out = fail(403, "unauthorized_client", "Grant type '" + grant + "' not allowed for the client.");
            json b = json::parse(out.body, nullptr, false);
            b["error_uri"] = "https://auth0.com/docs/clients/client-grant-types";
            out.body = b.dump();
            return with_headers(out, limits);
        }
        if (grant == passwordless::otp_grant_type) {
            const std::string realm = str(body, "realm");
            const std::string username = str(body, "username");
            const std::string otp = str(body, "otp");
            if (realm.empty() || username.empty() || otp.empty())
                return with_headers(fail(400, "invalid_request", "Missing required parameter: realm, username or otp"), limits);
            if (find_connection(realm) == nullptr) return with_headers(fail(400, "invalid_request", "Unknown realm"), limits);
            if (auto wrong = check_code(realm, username, otp)) return with_headers(fail(403, "invalid_grant", *wrong), limits);
            if (const mfa_user* u = find_mfa_user(username))
                return with_headers(mfa_required(mfa_session{client->id, realm, username, str(body, "scope"), str(body, "audience"), 0,
                                                             0, {}, {}},
                                                 *u),
                                    limits);
            return with_headers(ok(issue_tokens(*client, realm, username, str(body, "scope"), str(body, "audience"), "", jkt)), limits);
        }
        if (mfa_grant_type) return with_headers(mfa_grant(*client, grant, body, jkt), limits);
        if (grant == "refresh_token") {
            auto it = refresh_.find(str(body, "refresh_token"));
            if (it == refresh_.end() || it->second.client_id != client->id)
                return with_headers(fail(403, "invalid_grant", "Unknown or invalid refresh token."), limits);
            const grant_state g = it->second;
            // A refresh token bound to a DPoP key needs a proof by that key (oidc-provider's answer).
            if (g.jkt != jkt && !g.jkt.empty())
                return with_headers(fail(400, "invalid_grant", "grant request is invalid"), limits);
            const std::string scope = body.contains("scope") ? str(body, "scope") : g.scope;
            const std::string full_scope = scope + (scope.find("offline_access") == std::string::npos ? " offline_access" : "");
            // A user whose MFA applies on refresh: the refresh token is spent only once MFA passes.
            if (const mfa_user* u = find_mfa_user(g.identity); u != nullptr && u->on_refresh)
                return with_headers(mfa_required(mfa_session{client->id, g.connection, g.identity, full_scope, g.audience, 0, 0, {},
                                                             it->first},
                                                 *u),
                                    limits);
            refresh_.erase(it);  // rotation: the old token is spent
            json out = issue_tokens(*client, g.connection, g.identity, full_scope, g.audience, "", jkt);
            return with_headers(ok(out), limits);
        }
        auto it = codes_.find(str(body, "code"));
        if (it == codes_.end() || it->second.client_id != client->id || it->second.redirect_uri != str(body, "redirect_uri") ||
            now() >= it->second.expires_at)
            return with_headers(fail(403, "invalid_grant", "Invalid authorization code"), limits);
        const grant_state g = it->second;
        codes_.erase(it);
        return with_headers(ok(issue_tokens(*client, g.connection, g.identity, g.scope, g.audience, g.nonce)), limits);
    }

    static std::string query_value(const http_in& in, std::string_view name) {
        for (const auto& [k, v] : in.query)
            if (k == name) return v;
        return {};
    }

    http_out verify_redirect(const http_in& in) {
        const client_def* client = find_client(query_value(in, "client_id"));
        const std::string redirect_uri = query_value(in, "redirect_uri");
        bool allowed = false;
        if (client != nullptr)
            for (const auto& cb : client->callbacks) allowed = allowed || cb == redirect_uri;
        if (!allowed) {
            http_out out;
            out.status = 400;
            out.content_type = "text/plain";
            out.body = "redirect_uri is not an allowed callback URL for this client";
            return out;
        }
        const std::string connection = query_value(in, "connection");
        const std::string identity = query_value(in, "email").empty() ? query_value(in, "phone_number") : query_value(in, "email");
        const std::string state = query_value(in, "state");
        const std::string response_type = query_value(in, "response_type").empty() ? "code" : query_value(in, "response_type");
        std::string location = redirect_uri;
        auto add = [&](char sep, const std::string& k, const std::string& v) { location += sep + url_encode(k) + "=" + url_encode(v); };
        const bool fragment = response_type != "code";
        const char first = fragment ? '#' : '?';
        if (auto wrong = check_code(connection, identity, query_value(in, "verification_code"))) {
            add(first, "error", "access_denied");
            add('&', "error_description", *wrong);
        } else if (!fragment) {
            const std::string code = random_token(16);
            codes_[code] = grant_state{client->id, connection, identity, query_value(in, "scope"), query_value(in, "audience"),
                                       redirect_uri, query_value(in, "nonce"), now() + 60, ""};
            add(first, "code", code);
        } else {
            json t = issue_tokens(*client, connection, identity, query_value(in, "scope"), query_value(in, "audience"),
                                  query_value(in, "nonce"));
            t.erase("refresh_token");
            char sep = first;
            for (const char* k : {"access_token", "id_token", "token_type", "expires_in", "scope"}) {
                if (!t.contains(k)) continue;
                add(sep, k, t[k].is_string() ? t[k].get<std::string>() : t[k].dump());
                sep = '&';
            }
        }
        if (!state.empty()) add('&', "state", state);
        http_out out;
        out.status = 302;
        out.content_type = "text/plain";
        out.headers.emplace_back("location", location);
        out.body = "Found";
        return out;
    }

    http_out mailbox(const http_in& in) {
        auto it = mailbox_.find(query_value(in, "to"));
        if (it == mailbox_.end()) return fail(404, "not_found", "no message for that address");
        return ok(it->second);
    }

    http_out clock(const http_in& in) {
        const json body = json::parse(in.body, nullptr, false);
        if (!body.is_object()) return fail(400, "invalid_request", "send {\"now\": T} or {\"advance\": N}");
        if (body.contains("now") && body["now"].is_number_integer()) fixed_clock_ = body["now"].get<seconds>();
        if (body.contains("advance") && body["advance"].is_number_integer()) fixed_clock_ = now() + body["advance"].get<seconds>();
        return ok(json{{"now", now()}});
    }

    // ---- MFA after the passwordless code (PROTOCOL.md §10.1, §10.2) ----------------------------

    mfa_user* find_mfa_user(const std::string& identity) {
        for (auto& u : mfa_users_)
            if (u.identity == identity) return &u;
        return nullptr;
    }

    // 403 mfa_required with a fresh mfa_token for `session`; mfa_requirements lists the types of
    // the active authenticators not yet used in this login (enroll, when there are none).
    http_out mfa_required(mfa_session session, const mfa_user& user) {
        const std::string token = "dev_mfa_" + random_token(24);
        session.expires_at = now() + s_.mfa_token_lifetime;
        json challenge = json::array();
        for (const auto& a : user.authenticators) {
            if (!a.active || session.used.count(a.id) != 0) continue;
            const json entry{{"type", requirement_type(a.type)}};
            bool seen = false;
            for (const auto& c : challenge) seen = seen || c == entry;
            if (!seen) challenge.push_back(entry);
        }
        const json requirements = challenge.empty() ? json{{"enroll", json::array({json{{"type", "otp"}}})}}
                                                    : json{{"challenge", challenge}};
        log_.push_back("mfa_required for " + session.identity + " (factor " + std::to_string(session.factors_done + 1) + " of " +
                       std::to_string(user.factors) + ")");
        mfa_tokens_[token] = std::move(session);
        http_out out;
        out.status = 403;
        out.body = json{{"error", "mfa_required"}, {"error_description", "Multifactor authentication required"}, {"mfa_token", token},
                        {"mfa_requirements", requirements}}
                       .dump();
        return out;
    }

    // The login an mfa_token stands for, or end() with `refusal` set: unknown (or another
    // client's) is "Malformed mfa_token", past its lifetime "mfa_token is expired".
    std::map<std::string, mfa_session>::iterator find_session(const std::string& token, const std::string* client_id, int status,
                                                              http_out& refusal) {
        auto it = mfa_tokens_.find(token);
        if (it == mfa_tokens_.end() || (client_id != nullptr && it->second.client_id != *client_id)) {
            refusal = fail(status, "invalid_grant", "Malformed mfa_token");
            return mfa_tokens_.end();
        }
        if (now() >= it->second.expires_at) {
            refusal = fail(status, "expired_token", "mfa_token is expired");
            return mfa_tokens_.end();
        }
        return it;
    }

    // Auth0's limit on wrong second-factor codes: max_failures, one more per refill period.
    bool mfa_blocked(const std::string& identity) {
        auto [it, fresh] = mfa_failures_.try_emplace(identity, failure_bucket{s_.mfa_max_failures, now()});
        failure_bucket& b = it->second;
        if (!fresh && s_.mfa_failure_refill > 0) {
            const seconds refills = (now() - b.at) / s_.mfa_failure_refill;
            if (refills > 0) {
                b.left = static_cast<int>(std::min<seconds>(s_.mfa_max_failures, b.left + refills));
                b.at += refills * s_.mfa_failure_refill;
            }
        }
        return b.left <= 0;
    }
    void mfa_failed(const std::string& identity) { --mfa_failures_[identity].left; }

    static http_out too_many_attempts() {
        return fail(429, "too_many_attempts", "Too many failed attempts. Please wait before trying again.");
    }

    std::string random_recovery_code() {
        static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        std::uniform_int_distribution<int> d(0, 31);
        std::string out;
        for (int i = 0; i < 24; ++i) out.push_back(alphabet[d(rng_)]);
        return out;
    }

    // The three MFA grants on /oauth/token (client and DPoP already checked by token()).
    http_out mfa_grant(const client_def& client, const std::string& grant, const json& body, const std::string& jkt) {
        const std::string token = str(body, "mfa_token");
        if (token.empty()) return fail(400, "invalid_request", "Missing required parameter: mfa_token");
        http_out refusal;
        auto it = find_session(token, &client.id, 403, refusal);
        if (it == mfa_tokens_.end()) return refusal;
        mfa_user* user = find_mfa_user(it->second.identity);
        if (user == nullptr) return fail(403, "invalid_grant", "Malformed mfa_token");
        const std::string identity = it->second.identity;
        std::string used_id, new_recovery_code;
        if (grant == mfa_otp_grant) {
            const std::string otp = str(body, "otp");
            if (otp.empty()) return fail(400, "invalid_request", "Missing required parameter: otp");
            if (mfa_blocked(identity)) return too_many_attempts();
            const seconds step = totp_step(now());
            for (const auto& a : user->authenticators) {
                if (a.type != "otp" || !a.active || it->second.used.count(a.id) != 0) continue;
                for (seconds s = step - 1; s <= step + 1 && used_id.empty(); ++s) {
                    auto last = totp_used_.find(a.id);
                    if (totp_at_step(a.secret, s) == otp && (last == totp_used_.end() || s > last->second)) {
                        totp_used_[a.id] = s;  // single use: this step and every earlier one are spent
                        used_id = a.id;
                    }
                }
            }
            if (used_id.empty()) {
                mfa_failed(identity);
                return fail(403, "invalid_grant", "Invalid otp_code.");
            }
        } else if (grant == mfa_oob_grant) {
            const std::string oob_code = str(body, "oob_code");
            if (oob_code.empty()) return fail(400, "invalid_request", "Missing required parameter: oob_code");
            auto c = oobs_.find(oob_code);
            if (c == oobs_.end() || c->second.mfa_token != token) return fail(403, "invalid_grant", "Invalid oob_code.");
            oob_challenge& ch = c->second;
            if (now() - ch.issued_at >= s_.oob_lifetime) {
                oobs_.erase(c);
                return fail(403, "expired_token", "oob_code is expired");
            }
            if (ch.channel == "auth0") {
                if (ch.decision < 0) return fail(403, s_.mfa_reject_error, "MFA Authorization rejected.");
                if (ch.decision == 0) {
                    if (ch.last_poll && now() - *ch.last_poll < s_.mfa_poll_interval)
                        return fail(400, "slow_down", "You are polling faster than allowed. Try again in " +
                                                          std::to_string(s_.mfa_poll_interval) + " seconds.");
                    ch.last_poll = now();
                    return fail(400, "authorization_pending", "Authorization pending: please repeat the request in a few seconds.");
                }
            } else {
                const std::string binding = str(body, "binding_code");
                if (binding.empty()) return fail(400, "invalid_request", "Missing required parameter: binding_code");
                if (mfa_blocked(identity)) return too_many_attempts();
                if (binding != ch.binding_code) {
                    mfa_failed(identity);
                    return fail(403, "invalid_grant", "Invalid binding_code.");
                }
            }
            used_id = ch.authenticator_id;
            oobs_.erase(c);
        } else {
            const std::string code = str(body, "recovery_code");
            if (code.empty()) return fail(400, "invalid_request", "Missing required parameter: recovery_code");
            if (mfa_blocked(identity)) return too_many_attempts();
            for (auto& a : user->authenticators) {
                if (a.type != "recovery-code" || !a.active || a.code != code || it->second.used.count(a.id) != 0) continue;
                a.code = new_recovery_code = random_recovery_code();  // the old one is spent
                used_id = a.id;
                break;
            }
            if (used_id.empty()) {
                mfa_failed(identity);
                return fail(403, "invalid_grant", "Invalid recovery_code.");
            }
        }
        // The factor passed: the mfa_token and its other challenges are spent.
        mfa_session done = std::move(it->second);
        mfa_tokens_.erase(it);
        for (auto c = oobs_.begin(); c != oobs_.end();) c = c->second.mfa_token == token ? oobs_.erase(c) : std::next(c);
        mfa_failures_.erase(identity);
        done.used.insert(used_id);
        log_.push_back("mfa passed for " + identity + " with " + used_id);
        if (++done.factors_done < user->factors) return mfa_required(std::move(done), *user);
        if (!done.refresh_to_spend.empty()) refresh_.erase(done.refresh_to_spend);
        json out = issue_tokens(client, done.connection, done.identity, done.scope, done.audience, "", jkt);
        if (!new_recovery_code.empty()) out["recovery_code"] = new_recovery_code;
        return ok(out);
    }

    static std::string masked(const authenticator& a) {
        if (a.type == "sms") {
            std::string out = a.to;
            for (std::size_t i = 0; i + 4 < out.size(); ++i) out[i] = 'X';
            return out;
        }
        if (a.type == "email") {
            const std::size_t at = a.to.find('@');
            return at == std::string::npos || at == 0 ? a.to : a.to.substr(0, 1) + "***" + a.to.substr(at);
        }
        return a.name;
    }

    // GET /mfa/authenticators: Bearer mfa_token; every authenticator of the user, active or not.
    http_out mfa_authenticators(const http_in& in) {
        const std::string auth = header(in, "authorization");
        if (!header(in, "dpop").empty() || auth.rfind("DPoP ", 0) == 0)
            return fail(400, "invalid_request", "DPoP is not accepted by the MFA API");
        if (auth.rfind("Bearer ", 0) != 0) return fail(401, "unauthorized", "Missing mfa_token in the Authorization header");
        http_out refusal;
        auto it = find_session(auth.substr(7), nullptr, 401, refusal);
        if (it == mfa_tokens_.end()) return refusal;
        json list = json::array();
        if (const mfa_user* user = find_mfa_user(it->second.identity)) {
            for (const auto& a : user->authenticators) {
                const bool oob = a.type == "sms" || a.type == "email" || a.type == "push";
                json entry{{"id", a.id}, {"authenticator_type", oob ? "oob" : a.type}, {"active", a.active}};
                if (oob) entry["oob_channel"] = a.type == "push" ? "auth0" : a.type;
                if (oob) entry["name"] = masked(a);
                list.push_back(entry);
            }
        }
        return ok(list);
    }

    // POST /mfa/challenge: starts an otp or oob challenge for one of the user's authenticators.
    http_out mfa_challenge(const http_in& in) {
        if (!header(in, "dpop").empty()) return fail(400, "invalid_request", "DPoP is not accepted by the MFA API");
        const json body = parse_body(in);
        if (!body.is_object()) return fail(400, "invalid_request", "the request body is not JSON or form data");
        if (str(body, "client_id").empty()) return fail(400, "invalid_request", "Missing required parameter: client_id");
        const client_def* client = find_client(str(body, "client_id"));
        if (client == nullptr) return fail(401, "invalid_client", "Unknown client");
        if (!authenticated(*client, body, in)) return fail(401, "invalid_client", "Client authentication failed");
        const std::string token = str(body, "mfa_token");
        if (token.empty()) return fail(400, "invalid_request", "Missing required parameter: mfa_token");
        http_out refusal;
        auto it = find_session(token, &client->id, 403, refusal);
        if (it == mfa_tokens_.end()) return refusal;
        bool want_otp = true, want_oob = true;
        if (const std::string types = str(body, "challenge_type"); !types.empty()) {
            want_otp = want_oob = false;
            std::size_t pos = 0;
            while (pos < types.size()) {
                const std::size_t end = std::min(types.find(' ', pos), types.size());
                const std::string t = types.substr(pos, end - pos);
                if (t == "otp") want_otp = true;
                else if (t == "oob") want_oob = true;
                else if (!t.empty())
                    return fail(400, "unsupported_challenge_type", "One or more of the challenge types requested is not supported.");
                pos = end + 1;
            }
        }
        mfa_user* user = find_mfa_user(it->second.identity);
        bool any_active = false;
        if (user != nullptr)
            for (const auto& a : user->authenticators) any_active = any_active || a.active;
        if (!any_active) return fail(400, "association_required", "User does not have any active authenticators; enroll one first.");
        const std::string wanted_id = str(body, "authenticator_id");
        const authenticator* chosen = nullptr;
        for (const auto& a : user->authenticators) {
            if (!a.active || it->second.used.count(a.id) != 0 || (!wanted_id.empty() && a.id != wanted_id)) continue;
            const bool fits = a.type == "otp" ? want_otp : a.type != "recovery-code" && want_oob;
            if (!fits) {
                if (!wanted_id.empty())
                    return fail(400, "unsupported_challenge_type", "The authenticator does not support the challenge type requested.");
                continue;
            }
            chosen = &a;
            break;
        }
        if (chosen == nullptr && !wanted_id.empty()) return fail(400, "invalid_request", "Unknown authenticator_id");
        if (chosen == nullptr)
            return fail(400, "unsupported_challenge_type", "No active authenticator supports the challenge type requested.");
        if (chosen->type == "otp") return ok(json{{"challenge_type", "otp"}});
        const std::string oob_code = "dev_oob_" + random_token(24);
        oob_challenge ch{token, chosen->id, chosen->type == "push" ? "auth0" : chosen->type, "", now(), std::nullopt, 0};
        json out{{"challenge_type", "oob"}, {"oob_code", oob_code}};
        if (chosen->type == "push") {
            last_push_[it->second.identity] = oob_code;
            log_.push_back("push sent to \"" + chosen->name + "\" of " + it->second.identity);
        } else {
            ch.binding_code = random_digits(6);
            mailbox_[chosen->to] = json{{"to", chosen->to}, {"connection", "mfa"}, {"send", "mfa-" + chosen->type},
                                        {"code", ch.binding_code}, {"sent_at", now()}};
            log_.push_back("sent MFA " + chosen->type + " to " + chosen->to + ": binding code " + ch.binding_code);
            out["binding_method"] = "prompt";
        }
        oobs_[oob_code] = std::move(ch);
        return ok(out);
    }

    // POST /dev/mfa/push/<oob_code or user's email/phone>/approve|reject: the user's phone answers.
    http_out push_decision(const http_in& in) {
        const std::string rest = in.path.substr(std::string("/dev/mfa/push/").size());
        const std::size_t slash = rest.rfind('/');
        const std::string action = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
        if (action != "approve" && action != "reject") return fail(404, "not_found", "use /dev/mfa/push/<oob_code or user>/approve|reject");
        std::string who = rest.substr(0, slash);
        auto c = oobs_.find(who);
        if (c == oobs_.end()) {
            auto last = last_push_.find(who);
            if (last == last_push_.end()) last = last_push_.find(url_decode(who));
            if (last != last_push_.end()) c = oobs_.find(last->second);
        }
        if (c == oobs_.end() || c->second.channel != "auth0") return fail(404, "not_found", "no pending push for that oob_code or user");
        c->second.decision = action == "approve" ? 1 : -1;
        log_.push_back("push " + std::string(action == "approve" ? "approved" : "rejected"));
        return ok(json{{"decision", action == "approve" ? "approved" : "rejected"}});
    }

    // GET /dev/mfa/totp?to=USER or ?secret=BASE32: the current TOTP code by the tenant's clock.
    http_out dev_totp(const http_in& in) {
        std::string key;
        if (const std::string secret = query_value(in, "secret"); !secret.empty()) {
            auto k = base32_decode(secret);
            if (!k || k->empty()) return fail(400, "invalid_request", "secret must be base32");
            key = *k;
        } else if (const mfa_user* u = find_mfa_user(query_value(in, "to"))) {
            for (const auto& a : u->authenticators)
                if (a.type == "otp" && key.empty()) key = a.secret;
        }
        if (key.empty()) return fail(404, "not_found", "no otp authenticator for that user");
        return ok(json{{"otp", totp_at_step(key, totp_step(now()))}, {"now", now()}});
    }

    // ---- the session: /oauth/revoke and /userinfo (PROTOCOL.md §10.3) ----------------------------

    // POST /oauth/revoke: a refresh token (or an access token) of the client stops working.
    http_out revoke(const http_in& in) {
        const json body = parse_body(in);
        if (!body.is_object()) return fail(400, "invalid_request", "the request body is not JSON or form data");
        if (str(body, "client_id").empty()) return fail(400, "invalid_request", "Missing required parameter: client_id");
        const client_def* client = find_client(str(body, "client_id"));
        if (client == nullptr) return fail(401, "invalid_client", "Unknown client");
        if (!authenticated(*client, body, in)) return fail(401, "invalid_client", "Client authentication failed");
        const std::string token = str(body, "token");
        if (token.empty()) return fail(400, "invalid_request", "Missing required parameter: token");
        if (auto r = refresh_.find(token); r != refresh_.end() && r->second.client_id == client->id) {
            refresh_.erase(r);
            log_.push_back("refresh token revoked");
        }
        if (auto a = access_.find(token); a != access_.end() && a->second.client_id == client->id) {
            access_.erase(a);
            log_.push_back("access token revoked");
        }
        http_out out;
        out.content_type = "text/plain";
        return out;
    }

    static http_out unauthorized(const std::string& scheme, const std::string& error, const std::string& description) {
        http_out out;
        out.status = 401;
        out.content_type = "text/plain";
        out.body = "Unauthorized";
        std::string challenge = scheme;
        if (scheme == "DPoP") challenge += " algs=\"ES256\",";
        if (!error.empty()) challenge += " error=\"" + error + "\", error_description=\"" + description + "\"";
        else challenge += " realm=\"dev-tenant\"";
        out.headers.emplace_back("WWW-Authenticate", challenge);
        return out;
    }

    // GET /userinfo: the user's claims for a live access token; DPoP-bound tokens need the DPoP
    // scheme and a proof with ath (and the nonce, for public clients).
    http_out userinfo(const http_in& in) {
        const std::string auth = header(in, "authorization");
        const std::size_t space = auth.find(' ');
        std::string scheme = auth.substr(0, space);
        for (char& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (space == std::string::npos || (scheme != "bearer" && scheme != "dpop")) return unauthorized("Bearer", "", "");
        const bool dpop_scheme = scheme == "dpop";
        const std::string token = auth.substr(space + 1);
        const std::string shown = dpop_scheme ? "DPoP" : "Bearer";
        auto it = access_.find(token);
        if (it == access_.end()) return unauthorized(shown, "invalid_token", "The access token is invalid or was revoked");
        const access_state a = it->second;
        if (now() >= a.expires_at) return unauthorized(a.jkt.empty() ? shown : "DPoP", "invalid_token", "The access token expired");
        if (!a.jkt.empty()) {
            if (!dpop_scheme) return unauthorized("DPoP", "invalid_token", "A DPoP-bound access token needs the DPoP scheme");
            const std::string proof = header(in, "dpop");
            http_out refusal;
            if (proof.empty()) refusal = unauthorized("DPoP", "invalid_dpop_proof", "DPoP proof missing");
            else {
                unsigned char digest[SHA256_DIGEST_LENGTH];
                SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
                const std::string ath = b64url(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
                const client_def* client = find_client(a.client_id);
                std::string base = s_.base_url.empty() ? issuer_ : s_.base_url;
                while (!base.empty() && base.back() == '/') base.pop_back();
                const dpop_verdict v = dpop_.check(proof, "GET", base + "/userinfo", now(),
                                                   s_.dpop_nonce_for_public_clients && client != nullptr && client->secret.empty(),
                                                   s_.dpop_iat_window, &ath);
                if (!v.ok) refusal = unauthorized("DPoP", v.error, v.description);
                else if (v.jkt != a.jkt) refusal = unauthorized("DPoP", "invalid_token", "The DPoP proof's key is not the token's key");
            }
            if (refusal.status == 401) {
                refusal.headers.emplace_back("DPoP-Nonce", dpop_.nonce());
                return refusal;
            }
        } else if (dpop_scheme) {
            return unauthorized("DPoP", "invalid_token", "The access token is not DPoP-bound");
        }
        const bool sms = find_connection(a.connection) != nullptr && find_connection(a.connection)->strategy == "sms";
        auto created = created_.find(a.connection + "|" + a.identity);
        json claims{{"sub", user_id(a.connection, a.identity)}, {"name", a.identity},
                    {"updated_at", iso_time(created == created_.end() ? now() : created->second)}};
        if (sms) {
            claims["phone_number"] = a.identity;
            claims["phone_number_verified"] = true;
        } else {
            claims["email"] = a.identity;
            claims["email_verified"] = true;
            claims["nickname"] = a.identity.substr(0, a.identity.find('@'));
        }
        http_out out = ok(claims);
        if (dpop_scheme) out.headers.emplace_back("DPoP-Nonce", dpop_.nonce());
        return out;
    }

    settings s_;
    std::vector<client_def> clients_;
    std::vector<connection_def> connections_;
    std::string issuer_;
    const signing_key* key_;                       // signs ID tokens
    const signing_key* previous_key_ = nullptr;    // still published after a rotation
    std::vector<std::shared_ptr<signing_key>> rotated_;
    std::mt19937_64 rng_;
    std::optional<seconds> fixed_clock_;
    dpop_checker dpop_;
    std::map<std::string, otp_state> otps_;
    std::map<std::string, json> mailbox_;
    std::map<std::string, grant_state> codes_;
    std::map<std::string, grant_state> refresh_;
    std::map<std::string, std::string> users_;
    std::map<std::string, window> windows_;
    std::vector<std::string> log_;
    std::vector<mfa_user> mfa_users_;                     // who needs MFA, with their authenticators
    std::map<std::string, mfa_session> mfa_tokens_;       // by mfa_token
    std::map<std::string, oob_challenge> oobs_;           // by oob_code
    std::map<std::string, std::string> last_push_;        // user -> oob_code of their newest push
    std::map<std::string, seconds> totp_used_;            // otp authenticator id -> newest step accepted
    std::map<std::string, failure_bucket> mfa_failures_;  // user -> wrong second-factor codes allowed
    std::map<std::string, access_state> access_;          // by access token
    std::map<std::string, seconds> created_;              // connection|identity -> first login (updated_at)
};

}  // namespace devtenant

#endif
