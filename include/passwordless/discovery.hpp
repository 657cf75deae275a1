// passwordless: OpenID Connect discovery (https://DOMAIN/.well-known/openid-configuration),
// parsed without any I/O. The issuer must be exactly the one the caller expects (OIDC Discovery
// 1.0 section 4.3), so a document cannot redirect keys or tokens to another issuer.
#ifndef PASSWORDLESS_DISCOVERY_HPP
#define PASSWORDLESS_DISCOVERY_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/response_body.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/result.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// The members of a discovery document the library uses (PROTOCOL.md 9.6). Absent optional
/// members stay empty / nullopt.
struct openid_configuration {
    std::string issuer;          ///< equal to the expected issuer
    std::string jwks_uri;        ///< required: where the signing keys are
    std::string token_endpoint;  ///< empty when absent
    std::optional<std::vector<std::string>> id_token_signing_alg_values_supported;
    std::optional<std::vector<std::string>> dpop_signing_alg_values_supported;
};

/// Where the discovery document of `issuer` is: the issuer without its trailing slash, then
/// "/.well-known/openid-configuration".
[[nodiscard]] PASSWORDLESS_FUNC std::string discovery_url(std::string_view issuer);

namespace detail {

PASSWORDLESS_FUNC error bad_discovery(const std::string& what);

// An absolute URL a client may fetch: https (http only when the issuer is http, as on a loopback
// test server), a host, no whitespace, controls or fragment, at most 2048 bytes.
PASSWORDLESS_FUNC bool is_fetchable_url(std::string_view url, bool allow_http) noexcept;

}  // namespace detail

/// Parses a discovery document. Refuses (malformed_response) invalid JSON or UTF-8, documents
/// over the caps, anything but an object, an issuer that is not exactly `expected_issuer`, a
/// missing or unfetchable jwks_uri, a token_endpoint that is not a fetchable URL, and algorithm
/// lists that are not arrays of short strings. Other members are ignored. `expected_issuer`
/// empty or with control characters is invalid_argument.
[[nodiscard]] PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration(std::string_view document,
                                                                             std::string_view expected_issuer,
                                                                             const checked_limits& limits = {});

/// Parses the response to GET discovery_url(issuer) (errors classified like any other answer).
[[nodiscard]] PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration_response(const response& r,
                                                                                      std::string_view expected_issuer,
                                                                                      unix_seconds now,
                                                                                      const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/discovery.hpp"
#endif

#endif
