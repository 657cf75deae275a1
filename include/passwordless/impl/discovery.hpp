// passwordless: the definitions of passwordless/discovery.hpp's functions. passwordless/discovery.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_DISCOVERY_HPP
#define PASSWORDLESS_IMPL_DISCOVERY_HPP

#include "passwordless/discovery.hpp"

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

#endif

#endif
