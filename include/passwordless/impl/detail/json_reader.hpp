// passwordless: the definitions of passwordless/detail/json_reader.hpp's functions. passwordless/detail/json_reader.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_DETAIL_JSON_READER_HPP
#define PASSWORDLESS_IMPL_DETAIL_JSON_READER_HPP

#include "passwordless/detail/json_reader.hpp"

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

#endif

#endif
