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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/post.hpp"
#endif

#endif
