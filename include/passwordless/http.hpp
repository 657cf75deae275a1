// passwordless: HTTP requests and responses as plain values.
#ifndef PASSWORDLESS_HTTP_HPP
#define PASSWORDLESS_HTTP_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// One header field, in the order it was sent or received.
struct header {
    std::string name;
    std::string value;
};

/// True when two header names are equal ignoring ASCII case.
[[nodiscard]] constexpr bool header_name_equals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/// The value of the first header in `headers` named `name` (any case), if present.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<std::string_view> find_header(const std::vector<header>& headers,
                                                               std::string_view name);

/// A request the library asks the caller to send, exactly as described: the caller's HTTP client
/// sends `method` to `url` with every header in order and `body` as the entity.
/// Header names are lower-case; no value contains CR, LF or NUL.
struct request {
    std::string method;        ///< always "POST" for the two endpoints
    std::string url;           ///< absolute URL: https://domain/path or base_url + path
    std::vector<header> headers;
    std::string content_type;  ///< also present in `headers` as content-type
    std::string body;

    /// The value of the first header named `name` (any case), if present.
    [[nodiscard]] std::optional<std::string_view> find_header(std::string_view name) const;
};

/// A response the caller's HTTP client received: status, headers (any case, any order) and the
/// body bytes exactly as received (after any transfer decoding, before any content decoding).
struct response {
    int status = 0;
    std::vector<header> headers;
    std::string body;

    /// The value of the first header named `name` (any case), if present.
    [[nodiscard]] std::optional<std::string_view> find_header(std::string_view name) const;

    /// True for 200 to 299.
    [[nodiscard]] bool is_success() const noexcept;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::optional<std::string_view> find_header(const std::vector<header>& headers,
                                                               std::string_view name) {
    for (const auto& h : headers)
        if (header_name_equals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
}

PASSWORDLESS_FUNC std::optional<std::string_view> request::find_header(std::string_view name) const {
    return passwordless::find_header(headers, name);
}

PASSWORDLESS_FUNC std::optional<std::string_view> response::find_header(std::string_view name) const {
    return passwordless::find_header(headers, name);
}

PASSWORDLESS_FUNC bool response::is_success() const noexcept { return status >= 200 && status <= 299; }

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
