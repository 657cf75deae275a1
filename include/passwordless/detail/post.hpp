// passwordless (private): assembling a POST request with the headers every call shares.
#ifndef PASSWORDLESS_DETAIL_POST_HPP
#define PASSWORDLESS_DETAIL_POST_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/http.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::string_view assertion_type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A POST to `url` carrying `body`, with content-type and (when not empty) Auth0-Client. The
/// callers pass the client's endpoint_url() and telemetry_header(): this layer knows no client.
PASSWORDLESS_FUNC request make_post(std::string url, const std::string& telemetry_header, std::string body,
                         std::string_view content_type);

/// Adds a client secret (when set and `secret_in_body`; Basic is handled by the caller) or an
/// assertion (when set) to a body.
PASSWORDLESS_FUNC void add_client_credentials(body_writer& w, const std::string& client_secret, const std::string& client_assertion,
                                   bool secret_in_body);

/// Validates an optional forwarded-for IP and adds it as auth0-forwarded-for.
PASSWORDLESS_FUNC check add_forwarded_for(request& r, const std::optional<std::string>& ip);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC request make_post(std::string url, const std::string& telemetry_header, std::string body,
                         std::string_view content_type) {
    request r;
    r.method = "POST";
    r.url = std::move(url);
    r.content_type = std::string(content_type);
    r.headers.push_back({"content-type", r.content_type});
    if (!telemetry_header.empty()) r.headers.push_back({"auth0-client", telemetry_header});
    r.body = std::move(body);
    return r;
}

PASSWORDLESS_FUNC void add_client_credentials(body_writer& w, const std::string& client_secret, const std::string& client_assertion,
                                   bool secret_in_body) {
    if (!client_secret.empty() && secret_in_body) w.add("client_secret", client_secret);
    if (!client_assertion.empty()) {
        w.add("client_assertion", client_assertion);
        w.add("client_assertion_type", assertion_type);
    }
}

PASSWORDLESS_FUNC check add_forwarded_for(request& r, const std::optional<std::string>& ip) {
    if (!ip) return std::nullopt;
    if (auto e = check_ip_literal("forwarded_for", *ip)) return e;
    r.headers.push_back({"auth0-forwarded-for", *ip});
    return std::nullopt;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
