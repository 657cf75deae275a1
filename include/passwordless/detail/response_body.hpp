// passwordless (private): deciding whether a response body is JSON, and reading it safely.
#ifndef PASSWORDLESS_DETAIL_RESPONSE_BODY_HPP
#define PASSWORDLESS_DETAIL_RESPONSE_BODY_HPP

#include <optional>
#include <string>
#include <string_view>

#include "passwordless/detail/flat_json.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

PASSWORDLESS_FUNC std::string_view trim_ows(std::string_view s) noexcept;

/// The media type of a Content-Type value, without parameters, lower-cased.
PASSWORDLESS_FUNC std::string media_type(std::string_view content_type);

/// A body may be read as JSON when it is not content-encoded (gzip and the like are the HTTP
/// client's job) and its Content-Type is absent, application/json or a +json type.
PASSWORDLESS_FUNC bool body_may_be_json(const response& r);

/// A short, safe label of the Content-Type for messages.
PASSWORDLESS_FUNC std::string content_type_label(const response& r);

PASSWORDLESS_FUNC bool is_blank(std::string_view s) noexcept;

PASSWORDLESS_FUNC error malformed(const response& r, std::string message);

/// Reads a 2xx body as one JSON object. An empty body yields an empty object when
/// `allow_empty`, else an error. Any other deviation is malformed_response naming what.
PASSWORDLESS_FUNC result<flat_object> read_success_object(const response& r, const checked_limits& lim, bool allow_empty,
                                               std::string_view what);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

PASSWORDLESS_FUNC std::string media_type(std::string_view content_type) {
    const std::size_t semi = content_type.find(';');
    return ascii_lowercase(trim_ows(content_type.substr(0, semi)));
}

PASSWORDLESS_FUNC bool body_may_be_json(const response& r) {
    if (auto enc = r.find_header("content-encoding")) {
        const std::string e = ascii_lowercase(trim_ows(*enc));
        if (!e.empty() && e != "identity") return false;
    }
    auto ct = r.find_header("content-type");
    if (!ct) return true;
    const std::string mt = media_type(*ct);
    return mt == "application/json" || (mt.size() > 5 && mt.compare(mt.size() - 5, 5, "+json") == 0);
}

PASSWORDLESS_FUNC std::string content_type_label(const response& r) {
    auto ct = r.find_header("content-type");
    if (!ct) return "no content type";
    return sanitize_server_text(media_type(*ct), 64);
}

PASSWORDLESS_FUNC bool is_blank(std::string_view s) noexcept {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    return true;
}

PASSWORDLESS_FUNC error malformed(const response& r, std::string message) {
    error e = error::make(error_kind::malformed_response, std::move(message));
    e.status = r.status;
    return e;
}

PASSWORDLESS_FUNC result<flat_object> read_success_object(const response& r, const checked_limits& lim, bool allow_empty,
                                               std::string_view what) {
    const std::string prefix = std::string(what) + " response ";
    if (r.body.size() > lim.max_body_bytes()) return malformed(r, prefix + "body is larger than the configured body limit");
    if (is_blank(r.body)) {
        if (!allow_empty) return malformed(r, prefix + "body is empty");
        return flat_object::empty();
    }
    if (!body_may_be_json(r))
        return malformed(r, prefix + "is not plain JSON (" + content_type_label(r) + " or a content encoding)");
    flat_object obj;
    bool is_object = false;
    const json_read_status status = flat_object::scan(r.body, lim.max_body_bytes(), lim.max_json_depth(), obj, is_object);
    if (status != json_read_status::ok) return malformed(r, prefix + "body is " + describe(status));
    if (!is_object) return malformed(r, prefix + "body is not a JSON object");
    if (obj.find("error") != nullptr) return malformed(r, prefix + "has a success status but carries an error member");
    return obj;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
