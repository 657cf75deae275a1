// Differential target for detail::flat_object, the library's own JSON scanner.
//
// Property: on any byte string, flat_object accepts, rejects and decodes exactly as the
// nlohmann/json-based reader (detail::read_json: nlohmann's strict SAX parser plus the same
// policies: size and depth caps, duplicate names, byte order mark). When both accept, the root
// is an object for both or for neither, and every top-level member has the same name, type and
// value: strings byte for byte, numbers with nlohmann's own integer/unsigned/float choice and
// value, booleans, nulls, and nested values equal as parsed DOMs.
#include "fuzz_common.hpp"

#include <passwordless/detail/flat_json.hpp>

namespace {

using fuzz::json;
namespace d = passwordless::detail;

bool both_ok_or_both_fail(d::json_read_status a, d::json_read_status b) {
    return (a == d::json_read_status::ok) == (b == d::json_read_status::ok);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    const std::size_t max_bytes = 1u << 20;
    const std::size_t max_depth = 16;
    d::flat_object flat;
    bool root_is_object = false;
    const d::json_read_status mine = d::flat_object::scan(std::string(text), max_bytes, max_depth, flat, root_is_object);
    const d::json_read_result ref = d::read_json(text, max_bytes, max_depth);
    FUZZ_CHECK(both_ok_or_both_fail(mine, ref.status));
    // A policy verdict (depth, duplicates, BOM) is never confused with a plain syntax error when
    // only one of them applies.
    if (mine != d::json_read_status::ok && ref.status == d::json_read_status::invalid)
        FUZZ_CHECK(mine != d::json_read_status::byte_order_mark);
    if (mine != d::json_read_status::ok) return 0;

    FUZZ_CHECK(root_is_object == ref.value.is_object());
    if (!root_is_object) {
        FUZZ_CHECK(flat.members().empty());
        return 0;
    }
    FUZZ_CHECK(flat.members().size() == ref.value.size());
    for (const d::flat_member& m : flat.members()) {
        const std::string name = flat.key(m);
        auto it = ref.value.find(name);
        FUZZ_CHECK(it != ref.value.end());
        FUZZ_CHECK(flat.find(name) == &m);
        switch (m.kind) {
            case d::json_kind::string:
                FUZZ_CHECK(it->is_string());
                FUZZ_CHECK(flat.string_value(m) == it->get_ref<const std::string&>());
                if (auto plain = flat.plain_string(m)) FUZZ_CHECK(*plain == it->get_ref<const std::string&>());
                break;
            case d::json_kind::boolean:
                FUZZ_CHECK(it->is_boolean());
                FUZZ_CHECK(flat.bool_value(m) == it->get<bool>());
                break;
            case d::json_kind::null: FUZZ_CHECK(it->is_null()); break;
            case d::json_kind::number: {
                const d::flat_object::number n = flat.number_value(m);
                switch (n.kind) {
                    case d::flat_object::number::type::integer:
                        FUZZ_CHECK(it->is_number_integer() && !it->is_number_unsigned());
                        FUZZ_CHECK(n.i == it->get<std::int64_t>());
                        break;
                    case d::flat_object::number::type::unsigned_integer:
                        FUZZ_CHECK(it->is_number_unsigned());
                        FUZZ_CHECK(n.u == it->get<std::uint64_t>());
                        break;
                    case d::flat_object::number::type::floating:
                        FUZZ_CHECK(it->is_number_float());
                        FUZZ_CHECK(n.d == it->get<double>());
                        break;
                }
                break;
            }
            case d::json_kind::object:
            case d::json_kind::array: {
                FUZZ_CHECK(m.kind == d::json_kind::object ? it->is_object() : it->is_array());
                const d::json_read_result nested = d::read_json(flat.raw_value(m), max_bytes, max_depth);
                FUZZ_CHECK(nested.status == d::json_read_status::ok);
                FUZZ_CHECK(nested.value == *it);  // both are depth-capped, so == cannot recurse deeply
                break;
            }
        }
    }
    return 0;
}
