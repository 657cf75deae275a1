// dev-tenant: the users who need MFA after their passwordless code, their authenticators, and
// TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) on OpenSSL. An example program's code.
//
// A user entry of the config's "users" array (matched on the email or phone number of the login):
//   {"email": "x@example.com" | "phone_number": "+1...", "factors": 1, "mfa_on_refresh": false,
//    "authenticators": ["otp", "sms", "email", "push", "recovery-code",
//                       {"type": "otp", "secret": "BASE32"}, {"type": "sms", "phone_number": "+1..."},
//                       {"type": "email", "email": "..."}, {"type": "push", "name": "..."},
//                       {"type": "recovery-code", "code": "..."}, {"type": ..., "active": false}]}
#ifndef PASSWORDLESS_EXAMPLES_DEV_TENANT_MFA_HPP
#define PASSWORDLESS_EXAMPLES_DEV_TENANT_MFA_HPP

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace devtenant {

/// The test TOTP secret: RFC 6238 Appendix B's SHA-1 seed "12345678901234567890", in base32.
inline constexpr const char* test_totp_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// The recovery code every recovery-code authenticator starts with unless configured.
inline constexpr const char* test_recovery_code = "DEVTENANTRECOVERYCODE001";
/// The phone number an sms authenticator of an email user sends to unless configured.
inline constexpr const char* test_mfa_phone = "+15555550100";

/// RFC 4648 base32 (upper or lower case, padding and spaces ignored); nullopt on other characters.
inline std::optional<std::string> base32_decode(const std::string& text) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char ch : text) {
        int v = -1;
        if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
        else if (ch >= 'a' && ch <= 'z') v = ch - 'a';
        else if (ch >= '2' && ch <= '7') v = ch - '2' + 26;
        else if (ch == '=' || ch == ' ') continue;
        if (v < 0) return std::nullopt;
        acc = (acc << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xffu));
        }
    }
    return out;
}

/// The 6-digit TOTP of `key` for time step `step` (RFC 4226 dynamic truncation over HMAC-SHA1).
inline std::string totp_at_step(const std::string& key, std::int64_t step) {
    unsigned char counter[8];
    for (int i = 7; i >= 0; --i) {
        counter[i] = static_cast<unsigned char>(step & 0xff);
        step >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), counter, sizeof counter, mac, &len);
    const unsigned offset = mac[19] & 0x0fu;
    const std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) | (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                              (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | static_cast<std::uint32_t>(mac[offset + 3]);
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06u", static_cast<unsigned>(bin % 1000000u));
    return digits;
}

/// The TOTP time step of Unix time `t` (30 s steps from 0).
inline std::int64_t totp_step(std::int64_t t) { return t >= 0 ? t / 30 : (t - 29) / 30; }

/// An ISO 8601 UTC time with milliseconds, as Auth0 writes updated_at ("2026-12-07T15:04:05.000Z").
inline std::string iso_time(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    return buf;
}

struct authenticator {
    std::string id;    ///< e.g. "totp|dev_u0a0"
    std::string type;  ///< otp, sms, email, push, recovery-code
    bool active = true;
    std::string secret;  ///< otp: the key bytes
    std::string to;      ///< sms, email: where binding codes go
    std::string name;    ///< push: the device's name
    std::string code;    ///< recovery-code: the current code
};

struct mfa_user {
    std::string identity;  ///< the email or phone number of the passwordless login
    int factors = 1;       ///< how many second factors in a row (2: a chained mfa_required)
    bool on_refresh = false;
    std::vector<authenticator> authenticators;
};

/// The Auth0 mfa_requirements type of an authenticator type.
inline const char* requirement_type(const std::string& type) {
    if (type == "sms") return "phone";
    if (type == "email") return "email";
    if (type == "push") return "push-notification";
    if (type == "recovery-code") return "recovery-code";
    return "otp";
}

/// The config's "users" array; false (with `problem`) on a malformed entry.
inline bool parse_mfa_users(const nlohmann::json& users, std::vector<mfa_user>& out, std::string& problem) {
    if (!users.is_array()) {
        problem = "users must be an array";
        return false;
    }
    for (const auto& u : users) {
        if (!u.is_object()) {
            problem = "every user must be an object";
            return false;
        }
        mfa_user m;
        const auto email = u.find("email");
        const auto phone = u.find("phone_number");
        if (email != u.end() && email->is_string()) m.identity = email->get<std::string>();
        else if (phone != u.end() && phone->is_string()) m.identity = phone->get<std::string>();
        if (m.identity.empty()) {
            problem = "every user needs an email or a phone_number";
            return false;
        }
        const auto factors = u.find("factors");
        if (factors != u.end() && factors->is_number_integer()) m.factors = factors->get<int>();
        if (m.factors < 1 || m.factors > 5) {
            problem = "a user's factors must be 1 to 5";
            return false;
        }
        const auto refresh = u.find("mfa_on_refresh");
        m.on_refresh = refresh != u.end() && refresh->is_boolean() && refresh->get<bool>();
        const auto list = u.find("authenticators");
        if (list != u.end() && !list->is_array()) {
            problem = "a user's authenticators must be an array";
            return false;
        }
        const bool phone_user = !m.identity.empty() && m.identity[0] == '+';
        if (list != u.end()) {
            for (const auto& a : *list) {
                const nlohmann::json spec = a.is_string() ? nlohmann::json{{"type", a}} : a;
                if (!spec.is_object() || !spec.contains("type") || !spec["type"].is_string()) {
                    problem = "an authenticator is a type name or an object with a type";
                    return false;
                }
                auto text = [&](const char* key, const std::string& fallback) {
                    auto it = spec.find(key);
                    return it != spec.end() && it->is_string() ? it->get<std::string>() : fallback;
                };
                authenticator d;
                d.type = spec["type"].get<std::string>();
                auto active = spec.find("active");
                d.active = active == spec.end() || !active->is_boolean() || active->get<bool>();
                const std::string index = "dev_u" + std::to_string(out.size()) + "a" + std::to_string(m.authenticators.size());
                if (d.type == "otp") {
                    auto key = base32_decode(text("secret", test_totp_secret));
                    if (!key || key->empty()) {
                        problem = "an otp secret must be base32";
                        return false;
                    }
                    d.secret = *key;
                    d.id = "totp|" + index;
                } else if (d.type == "sms") {
                    d.to = text("phone_number", phone_user ? m.identity : std::string(test_mfa_phone));
                    d.id = "sms|" + index;
                } else if (d.type == "email") {
                    d.to = text("email", phone_user ? std::string("mfa@example.com") : m.identity);
                    d.id = "email|" + index;
                } else if (d.type == "push") {
                    d.name = text("name", "Dev phone");
                    d.id = "push|" + index;
                } else if (d.type == "recovery-code") {
                    d.code = text("code", test_recovery_code);
                    d.id = "recovery-code|" + index;
                } else {
                    problem = "an authenticator's type must be otp, sms, email, push or recovery-code";
                    return false;
                }
                m.authenticators.push_back(std::move(d));
            }
        }
        out.push_back(std::move(m));
    }
    return true;
}

/// The built-in MFA users of the default configuration (README.md lists them).
inline nlohmann::json default_mfa_users() {
    using nlohmann::json;
    return json::array({
        json{{"email", "mfa-otp@example.com"}, {"authenticators", {"otp", "recovery-code"}}},
        json{{"email", "mfa-sms@example.com"}, {"authenticators", {"sms"}}},
        json{{"email", "mfa-email@example.com"}, {"authenticators", {"email"}}},
        json{{"email", "mfa-push@example.com"}, {"authenticators", {"push"}}},
        json{{"email", "mfa-all@example.com"}, {"authenticators", {"otp", "sms", "email", "push", "recovery-code"}}},
        json{{"email", "mfa-two@example.com"}, {"factors", 2}, {"authenticators", {"otp", "sms"}}},
        json{{"email", "mfa-refresh@example.com"}, {"mfa_on_refresh", true}, {"authenticators", {"otp"}}},
        json{{"email", "mfa-none@example.com"}, {"authenticators", json::array()}},
        json{{"phone_number", "+15555550123"}, {"authenticators", {"otp", "sms"}}},
    });
}

}  // namespace devtenant

#endif
