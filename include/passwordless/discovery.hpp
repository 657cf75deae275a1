// passwordless: OpenID Connect discovery (https://DOMAIN/.well-known/openid-configuration),
// parsed without any I/O. The issuer must be exactly the one the caller expects (OIDC Discovery
// 1.0 section 4.3), so a document cannot redirect keys or tokens to another issuer.
//
// parse_openid_configuration(document, issuer) and parse_openid_configuration_response(response,
// issuer, now) read the document at discovery_url(issuer) into `issuer`, `jwks_uri`,
// `token_endpoint`, `id_token_signing_alg_values_supported` and
// `dpop_signing_alg_values_supported`. The document's `issuer` must equal the expected one byte
// for byte (Auth0's ends with `/`; a custom domain changes it); `jwks_uri` is required; URLs must
// be `https` (`http` only when the expected issuer is), without spaces, controls or fragments;
// algorithm lists must be arrays of short names. A document for another issuer is
// issuer_mismatch (fix_config: retrying cannot help), its message naming both issuers. Anything
// else is malformed_response. Servers that are not Auth0 publish their keys elsewhere
// (oidc-provider at `/jwks`), which is what discovery is for.
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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::string discovery_url(std::string_view issuer) {
    while (!issuer.empty() && issuer.back() == '/') issuer.remove_suffix(1);
    return std::string(issuer) + "/.well-known/openid-configuration";
}

namespace detail {

PASSWORDLESS_FUNC error bad_discovery(const std::string& what) {
    return error::make(error_kind::malformed_response, "the OpenID configuration " + what);
}

PASSWORDLESS_FUNC bool is_fetchable_url(std::string_view url, bool allow_http) noexcept {
    if (url.size() > 2048 || !is_visible_ascii(url, false) || url.find('#') != std::string_view::npos) return false;
    std::string_view rest;
    if (url.substr(0, 8) == "https://")
        rest = url.substr(8);
    else if (allow_http && url.substr(0, 7) == "http://")
        rest = url.substr(7);
    else
        return false;
    return !rest.empty() && rest.front() != '/' && rest.front() != ':' && rest.front() != '@';
}

}  // namespace detail

PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration(std::string_view document,
                                                                             std::string_view expected_issuer,
                                                                             const checked_limits& limits) {
    if (expected_issuer.empty() || expected_issuer.size() > 2048 || !detail::is_visible_ascii(expected_issuer, false))
        return error::invalid_argument("issuer", "must be the issuer URL, such as https://example.auth0.com/");
    detail::json_read_result parsed = detail::read_json(document, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok)
        return detail::bad_discovery(std::string("is ") + detail::describe(parsed.status));
    const detail::json& root = parsed.value;
    if (!root.is_object()) return detail::bad_discovery("is not a JSON object");
    const bool allow_http = expected_issuer.substr(0, 7) == "http://";
    openid_configuration out;
    auto string_member = [&](const char* name) -> const std::string* {
        auto it = root.find(name);
        return it == root.end() ? nullptr : it->get_ptr<const std::string*>();
    };
    const std::string* issuer = string_member("issuer");
    if (issuer == nullptr) return detail::bad_discovery("has no issuer string");
    if (*issuer != expected_issuer)
        return error::make(error_kind::issuer_mismatch,
                           "the OpenID configuration names the issuer \"" + detail::sanitize_server_text(*issuer, 256) +
                               "\", not the configured \"" + detail::sanitize_server_text(expected_issuer, 256) +
                               "\": configure the issuer the tenant publishes (a custom domain has its own)");
    out.issuer = *issuer;
    const std::string* jwks_uri = string_member("jwks_uri");
    if (jwks_uri == nullptr || !detail::is_fetchable_url(*jwks_uri, allow_http))
        return detail::bad_discovery("has no jwks_uri that is an https URL");
    out.jwks_uri = *jwks_uri;
    auto token = root.find("token_endpoint");
    if (token != root.end() && !token->is_null()) {
        const std::string* t = token->get_ptr<const std::string*>();
        if (t == nullptr || !detail::is_fetchable_url(*t, allow_http))
            return detail::bad_discovery("has a token_endpoint that is not an https URL");
        out.token_endpoint = *t;
    }
    auto algorithms = [&](const char* name, std::optional<std::vector<std::string>>& into) -> bool {
        auto it = root.find(name);
        if (it == root.end() || it->is_null()) return true;
        if (!it->is_array() || it->size() > 64) return false;
        std::vector<std::string> list;
        for (const auto& a : *it) {
            const std::string* s = a.get_ptr<const std::string*>();
            if (s == nullptr || s->empty() || s->size() > 64 || !detail::is_visible_ascii(*s, false)) return false;
            list.push_back(*s);
        }
        into = std::move(list);
        return true;
    };
    if (!algorithms("id_token_signing_alg_values_supported", out.id_token_signing_alg_values_supported))
        return detail::bad_discovery("has an id_token_signing_alg_values_supported that is not a list of algorithm names");
    if (!algorithms("dpop_signing_alg_values_supported", out.dpop_signing_alg_values_supported))
        return detail::bad_discovery("has a dpop_signing_alg_values_supported that is not a list of algorithm names");
    return out;
}

PASSWORDLESS_FUNC result<openid_configuration> parse_openid_configuration_response(const response& r,
                                                                                      std::string_view expected_issuer,
                                                                                      unix_seconds now,
                                                                                      const checked_limits& limits) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes())
        return detail::malformed(r, "the OpenID configuration response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the OpenID configuration response is not plain JSON");
    auto config = parse_openid_configuration(r.body, expected_issuer, limits);
    if (!config.ok() && (config.failure().kind == error_kind::malformed_response || config.failure().kind == error_kind::issuer_mismatch))
        config.failure().status = r.status;
    return config;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
