// passwordless (private): assembling a POST request with the headers every call shares.
#ifndef PASSWORDLESS_DETAIL_POST_HPP
#define PASSWORDLESS_DETAIL_POST_HPP

#include <string>
#include <string_view>
#include <utility>

#include "passwordless/client.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/http.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::string_view assertion_type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A POST to `path` carrying `body`, with content-type and (when configured) Auth0-Client.
inline request make_post(const client& c, std::string_view path, std::string body, std::string_view content_type) {
    request r;
    r.method = "POST";
    r.url = c.endpoint_url(path);
    r.content_type = std::string(content_type);
    r.headers.push_back({"content-type", r.content_type});
    if (!c.telemetry_header().empty()) r.headers.push_back({"auth0-client", c.telemetry_header()});
    r.body = std::move(body);
    return r;
}

/// Adds the client's secret or assertion to a body (secret by Basic is handled by the caller).
inline void add_client_credentials(body_writer& w, const client& c, bool secret_in_body) {
    const client_config& cfg = c.config();
    if (!cfg.client_secret.empty() && secret_in_body) w.add("client_secret", cfg.client_secret);
    if (!cfg.client_assertion.empty()) {
        w.add("client_assertion", cfg.client_assertion);
        w.add("client_assertion_type", assertion_type);
    }
}

/// Validates an optional forwarded-for IP and adds it as auth0-forwarded-for.
inline check add_forwarded_for(request& r, const std::optional<std::string>& ip) {
    if (!ip) return std::nullopt;
    if (auto e = check_ip_literal("forwarded_for", *ip)) return e;
    r.headers.push_back({"auth0-forwarded-for", *ip});
    return std::nullopt;
}

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#endif
