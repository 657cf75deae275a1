// passwordless (private): builds a nlohmann/json DOM from untrusted text after the flat scanner
// has checked it (size and depth caps, duplicate names), using only non-throwing paths.
#ifndef PASSWORDLESS_DETAIL_JSON_READER_HPP
#define PASSWORDLESS_DETAIL_JSON_READER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "passwordless/detail/flat_json.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

using json = nlohmann::json;

struct json_read_result {
    json_read_status status = json_read_status::invalid;
    json value;  ///< the document when status is ok, else null
};

/// Parses `text` as exactly one JSON value within `max_bytes` and `max_depth`, refusing
/// duplicate names, a byte order mark and raw NUL bytes. The flat scanner validates first, so
/// nlohmann/json only ever builds a DOM from text already known to be well-formed and shallow.
inline json_read_result read_json(std::string_view text, std::size_t max_bytes, std::size_t max_depth) {
    json_read_result out;
    out.status = flat_object::validate(text, max_bytes, max_depth);
    if (out.status != json_read_status::ok) return out;
    out.value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/false);
    if (out.value.is_discarded()) {
        out.value = nullptr;
        out.status = json_read_status::invalid;
    }
    return out;
}

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#endif
