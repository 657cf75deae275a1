// passwordless: the client configuration, validated once.
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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/client.hpp"
#endif

#endif
