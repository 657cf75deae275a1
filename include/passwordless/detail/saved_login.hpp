// passwordless (private): the text a pending login is saved as (PROTOCOL.md 9.9), written and
// read without exceptions, with the digests of the configuration it was made with and an optional
// HMAC-SHA256 seal. Only the shape is checked here; login_flow::restore checks the values against
// the client, the configuration and the clock.
#ifndef PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP
#define PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/sha256.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/start.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::string_view saved_login_format = "passwordless-login";
/// Version 2 added the configuration digests and the seal; version 1 texts cannot be checked.
inline constexpr std::int64_t saved_login_version = 2;

/// The shortest seal key accepted, in bytes.
inline constexpr std::size_t min_seal_key_bytes = 16;
/// A sealed text ends with this, 64 hex digits and "}.
inline constexpr std::string_view saved_login_seal_member = ",\"seal\":\"";
inline constexpr std::size_t saved_login_seal_digits = 64;

/// What a login was configured with, one digest per group a refusal names (32 lower-case hex
/// digits each: SHA-256 cut to 128 bits). No secret goes into any of them.
struct saved_login_digests {
    std::string client;    ///< base URL, client_id, client authentication method
    std::string id_token;  ///< every ID-token expectation and how the signature is checked
    std::string dpop;      ///< on or off, key thumbprint, require_binding
    std::string flow;      ///< code_lifetime, resend_cooldown, max_attempts, audience, scope
};

/// Builds one group's digest from its fields, each length-prefixed so no two lists collide.
class digest_builder {
public:
    explicit digest_builder(std::string_view group);
    digest_builder& add(std::string_view field);
    digest_builder& add(const std::string& field);
    digest_builder& add(std::int64_t number);
    digest_builder& add(const std::optional<std::string>& field);
    digest_builder& add(const std::optional<std::int64_t>& number);
    [[nodiscard]] std::string hex() const;

private:
    std::string fields_;
};

/// The groups of `saved` that differ from `now`, named for a message ("" when none differs).
PASSWORDLESS_FUNC std::string describe_digest_differences(const saved_login_digests& saved, const saved_login_digests& now);

/// A pending login as saved: never the code, a client secret or a token.
struct saved_login {
    std::string endpoint;   ///< the client's base URL ("https://example.auth0.com")
    std::string client_id;
    saved_login_digests config;     ///< what the login was configured with
    bool code_outstanding = false;  ///< awaiting_code; else idle (or mfa)
    /// state "mfa": saved during MFA (flow_config::mfa), after the code was used. Nothing of the
    /// MFA step is written (no mfa_token, oob_code or code): it continues only with the mfa_token
    /// the caller kept (login_flow::restore_with_mfa_token).
    bool mfa = false;
    start_params params;            ///< of the code outstanding
    unix_seconds code_sent_at = 0;  ///< when it was requested
    std::int64_t attempts = 0;      ///< wrong codes so far
    bool code_expired = false;      ///< the server said so, or the code was exchanged
    std::optional<unix_seconds> start_retry_at;
    std::optional<unix_seconds> token_retry_at;
    std::string dpop_nonce;  ///< the newest DPoP nonce the server gave (PROTOCOL.md 9.9); empty: none
};

PASSWORDLESS_FUNC void append_saved_member(std::string& out, std::string_view name);

/// The saved text: one JSON object, members in a fixed order.
PASSWORDLESS_FUNC std::string write_saved_login(const saved_login& s);

PASSWORDLESS_FUNC error bad_saved_state(std::string_view problem);

/// `text` (written by write_saved_login) with a last member "seal": lower-case hex of
/// HMAC-SHA256 under `key` of every byte before `,"seal":"`.
PASSWORDLESS_FUNC std::string seal_saved_login(std::string_view text, std::string_view key);

/// The text without its seal, when the seal is the last member and matches `key` (compared in
/// constant time); else invalid_argument with field saved_state.
PASSWORDLESS_FUNC result<std::string> unseal_saved_login(std::string_view text, std::string_view key);

/// Reads a saved text's shape: a JSON object of this format and version, every member known and
/// of its type, numbers whole and between 0 and 9999-12-31. Anything else is invalid_argument
/// with field saved_state (a newer version, an older one, and a seal each say so).
PASSWORDLESS_FUNC result<saved_login> read_saved_login(std::string_view text, std::size_t max_bytes, std::size_t max_depth);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC digest_builder::digest_builder(std::string_view group) { add(group); }

PASSWORDLESS_FUNC digest_builder& digest_builder::add(std::string_view field) {
    fields_.append(std::to_string(field.size())).push_back(':');
    fields_.append(field.data(), field.size());
    return *this;
}

PASSWORDLESS_FUNC digest_builder& digest_builder::add(const std::string& field) { return add(std::string_view(field)); }

PASSWORDLESS_FUNC digest_builder& digest_builder::add(std::int64_t number) { return add(std::string_view(std::to_string(number))); }

PASSWORDLESS_FUNC digest_builder& digest_builder::add(const std::optional<std::string>& field) {
    if (!field) return add(std::string_view("-"));
    add(std::string_view("+"));
    return add(std::string_view(*field));
}

PASSWORDLESS_FUNC digest_builder& digest_builder::add(const std::optional<std::int64_t>& number) {
    if (!number) return add(std::string_view("-"));
    add(std::string_view("+"));
    return add(*number);
}

PASSWORDLESS_FUNC std::string digest_builder::hex() const { return hex_lower(sha256(fields_).substr(0, 16)); }

PASSWORDLESS_FUNC std::string describe_digest_differences(const saved_login_digests& saved, const saved_login_digests& now) {
    std::string out;
    auto differs = [&](const std::string& a, const std::string& b, std::string_view what) {
        if (constant_time_equals(a, b)) return;
        if (!out.empty()) out.append("; ");
        out.append(what.data(), what.size());
    };
    differs(saved.client, now.client, "another client (domain or base URL, client_id, client authentication)");
    differs(saved.id_token, now.id_token,
            "other ID-token checks (issuer, audiences, algorithms, nonce, max_age, organization, leeway, keys)");
    differs(saved.dpop, now.dpop, "other DPoP settings (on or off, key, require_binding)");
    differs(saved.flow, now.flow, "other login rules (scope, audience, code_lifetime, resend_cooldown, max_attempts)");
    return out;
}

PASSWORDLESS_FUNC void append_saved_member(std::string& out, std::string_view name) {
    out.push_back(',');
    append_json_string(out, name);
    out.push_back(':');
}

PASSWORDLESS_FUNC std::string write_saved_login(const saved_login& s) {
    std::string out = "{\"format\":";
    append_json_string(out, saved_login_format);
    append_saved_member(out, "version");
    out.append(std::to_string(saved_login_version));
    append_saved_member(out, "endpoint");
    append_json_string(out, s.endpoint);
    append_saved_member(out, "client_id");
    append_json_string(out, s.client_id);
    append_saved_member(out, "config");
    out.append("{\"client\":");
    append_json_string(out, s.config.client);
    append_saved_member(out, "id_token");
    append_json_string(out, s.config.id_token);
    append_saved_member(out, "dpop");
    append_json_string(out, s.config.dpop);
    append_saved_member(out, "flow");
    append_json_string(out, s.config.flow);
    out.push_back('}');
    append_saved_member(out, "state");
    append_json_string(out, s.code_outstanding ? "awaiting_code" : s.mfa ? "mfa" : "idle");
    auto text = [&](std::string_view name, const std::optional<std::string>& v) {
        if (!v) return;
        append_saved_member(out, name);
        append_json_string(out, *v);
    };
    auto number = [&](std::string_view name, const std::optional<std::int64_t>& v) {
        if (!v) return;
        append_saved_member(out, name);
        out.append(std::to_string(*v));
    };
    if (s.code_outstanding) {
        append_saved_member(out, "connection");
        append_json_string(out, s.params.connection);
        text("email", s.params.email);
        text("phone_number", s.params.phone_number);
        if (s.params.send) text("send", std::string(to_string(*s.params.send)));
        if (s.params.auth_params) {
            append_saved_member(out, "auth_params");
            out.push_back('[');
            for (std::size_t i = 0; i < s.params.auth_params->size(); ++i) {
                if (i != 0) out.push_back(',');
                out.push_back('[');
                append_json_string(out, (*s.params.auth_params)[i].first);
                out.push_back(',');
                append_json_string(out, (*s.params.auth_params)[i].second);
                out.push_back(']');
            }
            out.push_back(']');
        }
        text("language", s.params.language);
        text("forwarded_for", s.params.forwarded_for);
        number("code_sent_at", s.code_sent_at);
        number("attempts", s.attempts);
        append_saved_member(out, "code_expired");
        out.append(s.code_expired ? "true" : "false");
    }
    number("start_retry_at", s.start_retry_at);
    number("token_retry_at", s.token_retry_at);
    if (!s.dpop_nonce.empty()) {
        append_saved_member(out, "dpop_nonce");
        append_json_string(out, s.dpop_nonce);
    }
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC error bad_saved_state(std::string_view problem) { return error::invalid_argument("saved_state", problem); }

PASSWORDLESS_FUNC std::string seal_saved_login(std::string_view text, std::string_view key) {
    std::string out(text.substr(0, text.empty() ? 0 : text.size() - 1));  // without the closing brace
    const std::string tag = hex_lower(hmac_sha256(key, out));
    out.append(saved_login_seal_member.data(), saved_login_seal_member.size()).append(tag).append("\"}");
    return out;
}

PASSWORDLESS_FUNC result<std::string> unseal_saved_login(std::string_view text, std::string_view key) {
    const std::size_t tail = saved_login_seal_member.size() + saved_login_seal_digits + 2;
    if (text.size() < tail || text.substr(text.size() - 2) != "\"}" ||
        text.substr(text.size() - tail, saved_login_seal_member.size()) != saved_login_seal_member)
        return bad_saved_state("is not sealed, but a seal key was given");
    const std::string_view body = text.substr(0, text.size() - tail);
    const std::string expected = hex_lower(hmac_sha256(key, body));
    if (!constant_time_equals(expected, text.substr(body.size() + saved_login_seal_member.size(), saved_login_seal_digits)))
        return bad_saved_state("was changed since it was saved, or sealed with another key (the seal does not match)");
    std::string out(body);
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC result<saved_login> read_saved_login(std::string_view text, std::size_t max_bytes, std::size_t max_depth) {
    if (text.size() > max_bytes) return bad_saved_state("is longer than the body size limit");
    json_read_result parsed = read_json(text, max_bytes, max_depth);
    if (parsed.status != json_read_status::ok || !parsed.value.is_object())
        return bad_saved_state("is not a saved login (not a JSON object)");
    const json& o = parsed.value;
    auto format = o.find("format");
    if (format == o.end() || !format->is_string() || *format->get_ptr<const std::string*>() != saved_login_format) return bad_saved_state("is not a saved login (format)");
    auto version = o.find("version");
    if (version == o.end() || !version->is_number_unsigned()) return bad_saved_state("has no valid version");
    if (*version->get_ptr<const json::number_unsigned_t*>() > static_cast<std::uint64_t>(saved_login_version))
        return bad_saved_state("was saved by a newer version of the library");
    if (*version->get_ptr<const json::number_unsigned_t*>() == 1)
        return bad_saved_state("was saved by an older version without the options it was made with; start a new login");
    if (*version->get_ptr<const json::number_unsigned_t*>() != static_cast<std::uint64_t>(saved_login_version))
        return bad_saved_state("has an unknown version");
    if (o.find("seal") != o.end()) return bad_saved_state("is sealed: restore it with the key it was sealed with");

    static constexpr std::string_view known[] = {"format", "version", "endpoint", "client_id", "config", "state", "connection",
                                                 "email", "phone_number", "send", "auth_params", "language",
                                                 "forwarded_for", "code_sent_at", "attempts", "code_expired",
                                                 "start_retry_at", "token_retry_at", "dpop_nonce"};
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool ok = false;
        for (std::string_view k : known) ok = ok || it.key() == k;
        if (!ok) return bad_saved_state("has a member this version does not know");
    }

    saved_login s;
    bool bad = false;
    auto text_member = [&](const char* name, bool required) -> std::optional<std::string> {
        auto it = o.find(name);
        if (it == o.end()) {
            bad = bad || required;
            return std::nullopt;
        }
        const std::string* v = it->get_ptr<const std::string*>();
        if (v == nullptr) {
            bad = true;
            return std::nullopt;
        }
        return *v;
    };
    auto time_member = [&](const char* name, bool required) -> std::optional<std::int64_t> {
        auto it = o.find(name);
        if (it == o.end()) {
            bad = bad || required;
            return std::nullopt;
        }
        if (!it->is_number_unsigned() || *it->get_ptr<const json::number_unsigned_t*>() > static_cast<std::uint64_t>(max_unix_seconds)) {
            bad = true;
            return std::nullopt;
        }
        return static_cast<std::int64_t>(*it->get_ptr<const json::number_unsigned_t*>());
    };

    s.endpoint = text_member("endpoint", true).value_or(std::string());
    s.client_id = text_member("client_id", true).value_or(std::string());
    const std::string state = text_member("state", true).value_or(std::string());
    if (bad) return bad_saved_state("lacks the endpoint, client_id or state, or one is not a string");
    auto config = o.find("config");
    if (config == o.end() || !config->is_object() || config->size() != 4)
        return bad_saved_state("lacks the digests of the options it was made with (config)");
    auto digest = [&](const char* name, std::string& to) {
        auto it = config->find(name);
        const std::string* v = it == config->end() ? nullptr : it->get_ptr<const std::string*>();
        if (v == nullptr || v->size() != 32) return false;
        for (char c : *v)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        to = *v;
        return true;
    };
    if (!digest("client", s.config.client) || !digest("id_token", s.config.id_token) || !digest("dpop", s.config.dpop) ||
        !digest("flow", s.config.flow))
        return bad_saved_state("has a config member that is not four digests (client, id_token, dpop, flow)");
    if (state != "idle" && state != "awaiting_code" && state != "mfa") return bad_saved_state("names a state a login is not saved in");
    s.code_outstanding = state == "awaiting_code";
    s.mfa = state == "mfa";
    s.start_retry_at = time_member("start_retry_at", false);
    s.token_retry_at = time_member("token_retry_at", false);
    if (bad) return bad_saved_state("has a retry time that is not a whole number of seconds in range");
    s.dpop_nonce = text_member("dpop_nonce", false).value_or(std::string());
    if (bad || (!s.dpop_nonce.empty() && !is_valid_dpop_nonce(s.dpop_nonce)))
        return bad_saved_state("has a dpop_nonce that is not a valid DPoP nonce");

    static constexpr std::string_view code_members[] = {"connection", "email", "phone_number", "send", "auth_params",
                                                        "language", "forwarded_for", "code_sent_at", "attempts",
                                                        "code_expired"};
    if (!s.code_outstanding) {
        for (std::string_view k : code_members)
            if (o.find(k) != o.end()) return bad_saved_state("has code members in a state without a code");
        return s;
    }
    s.params.connection = text_member("connection", true).value_or(std::string());
    s.params.email = text_member("email", false);
    s.params.phone_number = text_member("phone_number", false);
    if (auto send = text_member("send", false)) {
        auto m = parse_send_method(*send);
        if (!m.ok()) return bad_saved_state("has an unknown send method");
        s.params.send = m.value();
    }
    s.params.language = text_member("language", false);
    s.params.forwarded_for = text_member("forwarded_for", false);
    if (bad) return bad_saved_state("has a start parameter that is missing or not a string");
    auto ap = o.find("auth_params");
    if (ap != o.end()) {
        if (!ap->is_array() || ap->size() > 64) return bad_saved_state("has auth_params that are not a short array");
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const json& pair : *ap) {
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
                return bad_saved_state("has an auth_params entry that is not a pair of strings");
            pairs.emplace_back(*pair[0].get_ptr<const std::string*>(), *pair[1].get_ptr<const std::string*>());
        }
        s.params.auth_params = std::move(pairs);
    }
    s.code_sent_at = time_member("code_sent_at", true).value_or(0);
    s.attempts = time_member("attempts", true).value_or(0);
    auto expired = o.find("code_expired");
    if (expired == o.end() || !expired->is_boolean()) bad = true;
    else s.code_expired = *expired->get_ptr<const json::boolean_t*>();
    if (bad) return bad_saved_state("lacks code_sent_at, attempts or code_expired, or one has the wrong type");
    return s;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
