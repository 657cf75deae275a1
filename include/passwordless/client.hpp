// passwordless: the client configuration, validated once.
//
// client::create(config) checks every member of client_config; a refusal is invalid_argument
// with `field` naming the member. Every request builder takes the resulting client.
//
// | member | rule |
// |---|---|
// | `domain` | `host[:port]` (letters, digits, `-`, `.`; or `[IPv6]`); no scheme, user info or path. Requests go to `https://domain`. |
// | `base_url` | optional `https://host[:port]` instead of the domain, or `http://` for loopback hosts only (a local development tenant) |
// | `client_id` | required, printable ASCII |
// | `client_secret` | optional; sent in the body of both endpoints, or by HTTP Basic on `/oauth/token` with `token_auth = client_secret_basic` |
// | `client_assertion` | optional Private Key JWT you signed; sent with `client_assertion_type`; not together with a secret |
// | `token_encoding` | `/oauth/token` bodies as JSON (default) or form; `/passwordless/start` is always JSON |
// | `telemetry` | optional `Auth0-Client` header: base64url (no padding) of `{"name","version","env"}`; off by default |
// | `limits` | `max_body_bytes` 256 KiB, `max_json_depth` 64, `max_token_bytes` 64 KiB, `max_input_bytes` 4 KiB (allowed ranges: `limit_ranges` in limits.hpp) |
//
// Inputs are checked, never rewritten: every builder (this file's, start.hpp's, token.hpp's)
// returns invalid_argument with `field` naming the input (never quoting it) when a value is empty
// where required, too long, not valid UTF-8, or carries CR, LF, NUL or another control character.
// Nothing is trimmed. The rules of each endpoint's own inputs head start.hpp and token.hpp.
#ifndef PASSWORDLESS_CLIENT_HPP
#define PASSWORDLESS_CLIENT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/error.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// How the client proves itself to /oauth/token when it has a secret. /passwordless/start always
/// takes the secret in the body.
enum class token_endpoint_auth : std::uint8_t {
    client_secret_post,   ///< client_secret in the body (Auth0's "Post"; the default)
    client_secret_basic,  ///< Authorization: Basic (Auth0's "Basic"); /oauth/token only
};

/// How /oauth/token request bodies are encoded. Auth0 accepts both; JSON is the default.
enum class body_encoding : std::uint8_t { json, form };

/// The optional Auth0-Client telemetry header: base64url (no padding) of
/// {"name": ..., "version": ..., "env": {...}}.
struct telemetry_info {
    std::string name;
    std::string version;
    std::vector<std::pair<std::string, std::string>> env;  ///< at most 64 entries, names unique
};

/// What the caller knows about the application. Empty strings mean "not set".
struct client_config {
    std::string domain;            ///< host[:port]; requests go to https://domain
    std::string base_url;          ///< optional scheme://host[:port] used instead of https://domain;
                                   ///< http is accepted for loopback hosts only
    std::string client_id;
    std::string client_secret;     ///< confidential applications
    std::string client_assertion;  ///< a signed JWT the caller made (Private Key JWT)
    token_endpoint_auth token_auth = token_endpoint_auth::client_secret_post;
    body_encoding token_encoding = body_encoding::json;
    std::optional<telemetry_info> telemetry;
    client_limits limits;
};

namespace detail {

PASSWORDLESS_FUNC bool is_dns_host(std::string_view host) noexcept;

PASSWORDLESS_FUNC bool is_port(std::string_view p) noexcept;

// Splits "host[:port]" / "[v6][:port]" and checks both parts; sets `host` on success.
PASSWORDLESS_FUNC bool split_authority(std::string_view authority, std::string_view& host) noexcept;

PASSWORDLESS_FUNC bool is_loopback_host(std::string_view host) noexcept;

}  // namespace detail

/// A validated client configuration. Build one with client::create; every request builder takes
/// it, so inputs are checked once.
class client {
public:
    /// Checks every member and prepares the endpoint base URL and telemetry header.
    /// Errors are invalid_argument naming the field (domain, base_url, client_id, client_secret,
    /// client_assertion, token_auth, telemetry, limits).
    [[nodiscard]] static result<client> create(client_config config);

    [[nodiscard]] const client_config& config() const noexcept;
    [[nodiscard]] const std::string& client_id() const noexcept;
    /// The limits of the configuration, checked: pass them to the parse_* functions.
    [[nodiscard]] const checked_limits& limits() const noexcept;

    /// The absolute URL of `path` (which starts with '/') on this tenant.
    [[nodiscard]] std::string endpoint_url(std::string_view path) const;

    /// The Auth0-Client header value, or empty when telemetry is off.
    [[nodiscard]] const std::string& telemetry_header() const noexcept;

private:
    client() = default;

    static detail::check check_domain(std::string_view domain, bool required);

    static detail::check check_base_url(std::string_view url);

    static detail::check check_assertion(std::string_view v, std::size_t max_bytes);

    static result<std::string> telemetry_header(const telemetry_info& t, std::size_t max_bytes);

    client_config config_;
    checked_limits limits_;
    std::string base_;
    std::string telemetry_header_;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC bool is_dns_host(std::string_view host) noexcept {
    if (host.empty() || host.size() > 253) return false;
    std::size_t label = 0;
    char prev = '.';
    for (char c : host) {
        if (c == '.') {
            if (label == 0 || prev == '-') return false;
            label = 0;
        } else if (is_alpha(c) || is_digit(c) || c == '-') {
            if (label == 0 && c == '-') return false;
            if (++label > 63) return false;
        } else {
            return false;
        }
        prev = c;
    }
    return label != 0 && prev != '-';
}

PASSWORDLESS_FUNC bool is_port(std::string_view p) noexcept {
    if (p.empty() || p.size() > 5) return false;
    long v = 0;
    for (char c : p) {
        if (!is_digit(c)) return false;
        v = v * 10 + (c - '0');
    }
    return v >= 1 && v <= 65535;
}

PASSWORDLESS_FUNC bool split_authority(std::string_view authority, std::string_view& host) noexcept {
    std::string_view port;
    if (!authority.empty() && authority[0] == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return false;
        host = authority.substr(0, close + 1);
        if (!parse_ipv6(authority.substr(1, close - 1))) return false;
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest[0] != ':') return false;
            port = rest.substr(1);
            if (!is_port(port)) return false;
        }
        return true;
    }
    const std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
        port = authority.substr(colon + 1);
        if (!is_port(port)) return false;
    }
    return is_dns_host(host);
}

PASSWORDLESS_FUNC bool is_loopback_host(std::string_view host) noexcept {
    if (host == "localhost" || host == "[::1]") return true;
    return host.size() > 4 && host.substr(0, 4) == "127." && parse_ipv4(host);
}

}  // namespace detail

PASSWORDLESS_FUNC result<client> client::create(client_config config) {
    using detail::check;
    result<checked_limits> checked = checked_limits::create(config.limits);
    if (!checked.ok()) return std::move(checked).failure();
    client c;
    c.limits_ = checked.value();
    const checked_limits& lim = c.limits_;
    if (auto e = check_domain(config.domain, config.base_url.empty())) return std::move(*e);
    if (!config.base_url.empty()) {
        if (auto e = check_base_url(config.base_url)) return std::move(*e);
        c.base_ = config.base_url;
        if (c.base_.back() == '/') c.base_.pop_back();
    } else {
        c.base_ = "https://" + config.domain;
    }
    if (auto e = detail::check_header_text("client_id", config.client_id, lim.max_input_bytes(), false))
        return std::move(*e);
    if (!config.client_secret.empty()) {
        if (auto e = detail::check_body_text("client_secret", config.client_secret, lim.max_input_bytes()))
            return std::move(*e);
    }
    if (!config.client_assertion.empty()) {
        if (!config.client_secret.empty())
            return error::invalid_argument("client_assertion", "cannot be combined with a client secret");
        if (auto e = check_assertion(config.client_assertion, lim.max_token_bytes())) return std::move(*e);
    }
    if (config.token_auth == token_endpoint_auth::client_secret_basic && config.client_secret.empty())
        return error::invalid_argument("token_auth", "basic needs a client secret");
    if (config.telemetry) {
        auto header = telemetry_header(*config.telemetry, lim.max_input_bytes());
        if (!header.ok()) return std::move(header).failure();
        c.telemetry_header_ = std::move(header).value();
    }
    c.config_ = std::move(config);
    return c;
}

PASSWORDLESS_FUNC const client_config& client::config() const noexcept { return config_; }

PASSWORDLESS_FUNC const std::string& client::client_id() const noexcept { return config_.client_id; }

PASSWORDLESS_FUNC const checked_limits& client::limits() const noexcept { return limits_; }

PASSWORDLESS_FUNC std::string client::endpoint_url(std::string_view path) const {
    std::string url = base_;
    url.append(path);
    return url;
}

PASSWORDLESS_FUNC const std::string& client::telemetry_header() const noexcept { return telemetry_header_; }

PASSWORDLESS_FUNC detail::check client::check_domain(std::string_view domain, bool required) {
    if (domain.empty()) {
        if (required) return error::invalid_argument("domain", "must not be empty (or set base_url)");
        return std::nullopt;
    }
    if (detail::has_control(domain)) return error::invalid_argument("domain", "must not contain control characters");
    if (domain.find("://") != std::string_view::npos)
        return error::invalid_argument("domain", "must be host[:port] without a scheme (use base_url for a full URL)");
    std::string_view host;
    if (!detail::split_authority(domain, host))
        return error::invalid_argument("domain", "must be host[:port]: letters, digits, '-' and '.', no user info or path");
    return std::nullopt;
}

PASSWORDLESS_FUNC detail::check client::check_base_url(std::string_view url) {
    if (detail::has_control(url)) return error::invalid_argument("base_url", "must not contain control characters");
    std::string_view rest;
    bool secure = false;
    if (url.substr(0, 8) == "https://") {
        rest = url.substr(8);
        secure = true;
    } else if (url.substr(0, 7) == "http://") {
        rest = url.substr(7);
    } else {
        return error::invalid_argument("base_url", "must start with https:// (or http:// for a loopback host)");
    }
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    std::string_view host;
    if (!detail::split_authority(rest, host))
        return error::invalid_argument("base_url", "must be scheme://host[:port] with no user info, path, query or fragment");
    if (!secure && !detail::is_loopback_host(host))
        return error::invalid_argument("base_url", "may use http:// only for a loopback host (127.x.x.x, localhost, [::1])");
    return std::nullopt;
}

PASSWORDLESS_FUNC detail::check client::check_assertion(std::string_view v, std::size_t max_bytes) {
    if (v.size() > max_bytes) return error::invalid_argument("client_assertion", "is longer than the token size limit");
    int dots = 0;
    for (char c : v) {
        if (c == '.') {
            ++dots;
        } else if (detail::base64_value(c, detail::base64_alphabet::url) < 0) {
            return error::invalid_argument("client_assertion", "must be a compact JWS (base64url segments and dots)");
        }
    }
    if (dots != 2) return error::invalid_argument("client_assertion", "must be a compact JWS with three segments");
    return std::nullopt;
}

PASSWORDLESS_FUNC result<std::string> client::telemetry_header(const telemetry_info& t, std::size_t max_bytes) {
    if (auto e = detail::check_body_text("telemetry", t.name, max_bytes)) return std::move(*e);
    if (auto e = detail::check_body_text("telemetry", t.version, max_bytes)) return std::move(*e);
    if (t.env.size() > 64) return error::invalid_argument("telemetry", "has more than 64 env entries");
    // A JSON object with a repeated name means different things to different readers.
    const std::size_t repeated = detail::first_repeated_name(t.env);
    for (std::size_t i = 0; i < t.env.size(); ++i) {
        const auto& [key, value] = t.env[i];
        if (auto e = detail::check_body_text("telemetry", key, max_bytes)) return std::move(*e);
        if (auto e = detail::check_body_text("telemetry", value, max_bytes)) return std::move(*e);
        if (i == repeated) return error::invalid_argument("telemetry", "repeats an env name");
    }
    const std::string env = detail::json_string_object(t.env);
    detail::body_writer w(false);
    w.add("name", t.name);
    w.add("version", t.version);
    w.add_raw_json("env", env);
    return detail::base64_encode(std::move(w).finish(), detail::base64_alphabet::url, false);
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
