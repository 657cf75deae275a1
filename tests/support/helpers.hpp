// Shared helpers for the unit tests.
#ifndef PASSWORDLESS_TESTS_HELPERS_HPP
#define PASSWORDLESS_TESTS_HELPERS_HPP

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <passwordless.hpp>

namespace test {

namespace pl = passwordless;
using json = nlohmann::json;

inline constexpr pl::unix_seconds now = 1700000000;

/// A valid client; tweak the config before calling.
inline pl::client make_client(pl::client_config cfg = {}) {
    if (cfg.domain.empty() && cfg.base_url.empty()) cfg.domain = "example.auth0.com";
    if (cfg.client_id.empty()) cfg.client_id = "abc123";
    auto c = pl::client::create(std::move(cfg));
    REQUIRE(c.ok());
    return std::move(c).value();
}

/// The error a client config produces (the config must be invalid).
inline pl::error client_error(pl::client_config cfg) {
    auto c = pl::client::create(std::move(cfg));
    REQUIRE_FALSE(c.ok());
    return std::move(c).failure();
}

inline pl::response make_response(int status, std::string body,
                                  std::vector<pl::header> headers = {{"content-type", "application/json"}}) {
    pl::response r;
    r.status = status;
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

/// The JSON body of a request (it must parse).
inline json body_of(const pl::request& r) {
    json j = json::parse(r.body, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

/// The value of a header the request must carry.
inline std::string header_of(const pl::request& r, std::string_view name) {
    auto v = r.find_header(name);
    REQUIRE(v.has_value());
    return std::string(*v);
}

/// The claims of the request's DPoP proof (it must carry one that decodes).
inline json proof_payload(const pl::request& r) {
    const std::string proof = header_of(r, "dpop");
    const std::size_t a = proof.find('.');
    const std::size_t b = proof.rfind('.');
    REQUIRE(a != std::string::npos);
    REQUIRE(b > a);
    auto bytes = pl::detail::base64url_decode_strict(std::string_view(proof).substr(a + 1, b - a - 1));
    REQUIRE(bytes.has_value());
    json j = json::parse(*bytes, nullptr, false);
    REQUIRE(j.is_object());
    return j;
}

}  // namespace test

#endif
