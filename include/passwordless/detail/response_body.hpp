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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/response_body.hpp"
#endif

#endif
