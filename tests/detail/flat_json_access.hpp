// What the tests see of detail::flat_object beyond the library's own needs: the list of members,
// and a string value's raw text when it has no escapes. Test code, not part of the library.
#ifndef PASSWORDLESS_TESTS_FLAT_JSON_ACCESS_HPP
#define PASSWORDLESS_TESTS_FLAT_JSON_ACCESS_HPP

#include <optional>
#include <string_view>
#include <vector>

#include <passwordless/detail/flat_json.hpp>

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

struct flat_object_access {
    /// Every top-level member, in document order.
    static const std::vector<flat_member>& members(const flat_object& o) noexcept { return o.members_; }
};

/// The string value of `m` without copying, when it has no escapes.
inline std::optional<std::string_view> plain_string(const flat_object& o, const flat_member& m) {
    if (m.kind != json_kind::string || m.value_escaped) return std::nullopt;
    return o.raw_value(m);
}

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#endif
