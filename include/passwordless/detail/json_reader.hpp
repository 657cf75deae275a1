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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC json_read_result read_json(std::string_view text, std::size_t max_bytes, std::size_t max_depth) {
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

PASSWORDLESS_FUNC const std::string* find_string(const json& obj, std::string_view name) {
    auto it = obj.find(name);
    if (it == obj.end()) return nullptr;
    return it->get_ptr<const std::string*>();
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
