// Differential target for detail::flat_object, the library's own JSON scanner, and for
// detail::read_json, which builds nlohmann/json DOMs only from text the scanner accepted.
//
// Property: on any byte string, the scanner accepts, rejects and decodes exactly as an oracle
// made of nlohmann/json's own strict SAX parser plus the library's policies (size and depth
// caps, duplicate names, byte order mark, raw NUL; nlohmann stops reading at a NUL, which the
// policy refuses). When both accept, the root is an object for both or for neither, and every
// top-level member has the same name, type and value: strings byte for byte, numbers with
// nlohmann's integer/unsigned/float choice and value, booleans, nulls, nested values equal as
// DOMs; and read_json's DOM equals the oracle's.
#include "fuzz_common.hpp"

#include <passwordless/detail/flat_json.hpp>

#include "../detail/flat_json_access.hpp"

namespace {

using fuzz::json;
namespace d = passwordless::detail;

// The oracle: nlohmann/json's SAX parser building a DOM, stopping at the policies.
class oracle_builder {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    explicit oracle_builder(std::size_t max_depth) : max_depth_(max_depth) {}
    bool null() { return put(json(nullptr)); }
    bool boolean(bool v) { return put(json(v)); }
    bool number_integer(number_integer_t v) { return put(json(v)); }
    bool number_unsigned(number_unsigned_t v) { return put(json(v)); }
    bool number_float(number_float_t v, const string_t&) { return put(json(v)); }
    bool string(string_t& v) { return put(json(std::move(v))); }
    bool binary(binary_t&) { return fail(d::json_read_status::invalid); }
    bool start_object(std::size_t) { return open(json::value_t::object); }
    bool key(string_t& name) {
        json* top = stack_.back();
        if (top->find(name) != top->end()) return fail(d::json_read_status::duplicate_name);
        key_ = std::move(name);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(json::value_t::array); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
        if (status_ == d::json_read_status::ok) status_ = d::json_read_status::invalid;
        return false;
    }
    d::json_read_status status() const { return status_; }
    json& root() { return root_; }

private:
    bool fail(d::json_read_status s) {
        status_ = s;
        return false;
    }
    json* place(json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json* top = stack_.back();
        if (top->is_array()) {
            top->get_ref<json::array_t&>().push_back(std::move(v));
            return &top->get_ref<json::array_t&>().back();
        }
        return &top->get_ref<json::object_t&>().emplace(std::move(key_), std::move(v)).first->second;
    }
    bool put(json&& v) {
        place(std::move(v));
        return true;
    }
    bool open(json::value_t t) {
        if (stack_.size() >= max_depth_) return fail(d::json_read_status::too_deep);
        stack_.push_back(place(json(t)));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }
    std::size_t max_depth_;
    json root_;
    std::vector<json*> stack_;
    std::string key_;
    d::json_read_status status_ = d::json_read_status::ok;
};

d::json_read_status oracle(std::string_view text, std::size_t max_bytes, std::size_t max_depth, json& value) {
    if (text.size() > max_bytes) return d::json_read_status::too_large;
    if (text.size() >= 3 && text.substr(0, 3) == "\xef\xbb\xbf") return d::json_read_status::byte_order_mark;
    if (text.find('\0') != std::string_view::npos) return d::json_read_status::invalid;
    oracle_builder b(max_depth);
    const bool ok = json::sax_parse(text.data(), text.data() + text.size(), &b, json::input_format_t::json, true, false);
    if (!ok || b.status() != d::json_read_status::ok) return b.status() == d::json_read_status::ok ? d::json_read_status::invalid : b.status();
    value = std::move(b.root());
    return d::json_read_status::ok;
}

bool both_ok_or_both_fail(d::json_read_status a, d::json_read_status b) {
    return (a == d::json_read_status::ok) == (b == d::json_read_status::ok);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::verdict_scope verdict(data, size);
    const std::string_view text = fuzz::as_text(data, size);
    const std::size_t max_bytes = 1u << 20;
    const std::size_t max_depth = 16;
    d::flat_object flat;
    bool root_is_object = false;
    const d::json_read_status mine = d::flat_object::scan(std::string(text), max_bytes, max_depth, flat, root_is_object);
    d::json_read_result ref;
    ref.status = oracle(text, max_bytes, max_depth, ref.value);
    FUZZ_CHECK(both_ok_or_both_fail(mine, ref.status));
    FUZZ_CHECK(d::flat_object::validate(text, max_bytes, max_depth) == mine);
    const d::json_read_result dom = d::read_json(text, max_bytes, max_depth);
    if (fuzz::verdicts_wanted())
        fuzz::note("scan " + std::to_string(static_cast<int>(mine)) + " read_json " + std::to_string(static_cast<int>(dom.status)) + " " +
                   (dom.status == d::json_read_status::ok ? dom.value.dump(-1, ' ', false, json::error_handler_t::replace) : std::string()));
    FUZZ_CHECK(dom.status == mine);
    if (mine != d::json_read_status::ok) return 0;
    FUZZ_CHECK(dom.value == ref.value);  // depth-capped, so == cannot recurse deeply

    FUZZ_CHECK(root_is_object == ref.value.is_object());
    if (!root_is_object) {
        FUZZ_CHECK(d::flat_object_access::members(flat).empty());
        return 0;
    }
    FUZZ_CHECK(d::flat_object_access::members(flat).size() == ref.value.size());
    for (const d::flat_member& m : d::flat_object_access::members(flat)) {
        const std::string name = flat.key(m);
        auto it = ref.value.find(name);
        FUZZ_CHECK(it != ref.value.end());
        FUZZ_CHECK(flat.find(name) == &m);
        switch (m.kind) {
            case d::json_kind::string:
                FUZZ_CHECK(it->is_string());
                FUZZ_CHECK(flat.string_value(m) == it->get_ref<const std::string&>());
                if (auto plain = d::plain_string(flat, m)) FUZZ_CHECK(*plain == it->get_ref<const std::string&>());
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
                json nested;
                FUZZ_CHECK(oracle(flat.raw_value(m), max_bytes, max_depth, nested) == d::json_read_status::ok);
                FUZZ_CHECK(nested == *it);  // both are depth-capped, so == cannot recurse deeply
                if (m.kind == d::json_kind::array) {
                    bool all_strings = !nested.empty();
                    for (const auto& v : nested) all_strings = all_strings && v.is_string();
                    const auto strings = d::flat_object::string_array(flat.raw_value(m));
                    FUZZ_CHECK(strings.has_value() == (all_strings || nested.empty()));
                    if (strings)
                        for (std::size_t i = 0; i < strings->size(); ++i) FUZZ_CHECK((*strings)[i] == nested[i].get_ref<const std::string&>());
                }
                break;
            }
        }
    }
    return 0;
}
