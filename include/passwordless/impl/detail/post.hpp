// passwordless: the definitions of passwordless/detail/post.hpp's functions. passwordless/detail/post.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_DETAIL_POST_HPP
#define PASSWORDLESS_IMPL_DETAIL_POST_HPP

#include "passwordless/detail/post.hpp"

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

#endif

#endif
