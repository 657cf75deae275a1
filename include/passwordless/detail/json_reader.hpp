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
PASSWORDLESS_FUNC json_read_result read_json(std::string_view text, std::size_t max_bytes, std::size_t max_depth);

/// The member `name` of `obj` if it is a string, else nullptr (JWKs given by the caller, saved
/// logins: documents read with read_json).
PASSWORDLESS_FUNC const std::string* find_string(const json& obj, std::string_view name);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/json_reader.hpp"
#endif

#endif
