// passwordless (private): parses untrusted JSON in one SAX pass with size and depth caps and
// duplicate-name rejection, using only nlohmann/json's non-throwing paths.
#ifndef PASSWORDLESS_DETAIL_JSON_READER_HPP
#define PASSWORDLESS_DETAIL_JSON_READER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

using json = nlohmann::json;

enum class json_read_status : std::uint8_t {
    ok,
    too_large,       ///< more bytes than the cap
    too_deep,        ///< nesting deeper than the cap
    duplicate_name,  ///< an object repeats a member name (after unescaping)
    byte_order_mark, ///< a leading UTF-8 BOM, which nlohmann/json would skip silently
    invalid,         ///< not one well-formed JSON text (syntax, encoding, number overflow)
};

struct json_read_result {
    json_read_status status = json_read_status::invalid;
    json value;  ///< the document when status is ok, else null
};

/// Builds a DOM from SAX events, stopping at the first violation. Never throws.
class bounded_dom_builder {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    explicit bounded_dom_builder(std::size_t max_depth) : max_depth_(max_depth) {}

    bool null() { return put(json(nullptr)); }
    bool boolean(bool v) { return put(json(v)); }
    bool number_integer(number_integer_t v) { return put(json(v)); }
    bool number_unsigned(number_unsigned_t v) { return put(json(v)); }
    bool number_float(number_float_t v, const string_t& /*text*/) { return put(json(v)); }
    bool string(string_t& v) { return put(json(std::move(v))); }
    bool binary(binary_t& /*v*/) { return fail(json_read_status::invalid); }

    bool start_object(std::size_t /*size*/) { return open(json::value_t::object); }
    bool key(string_t& name) {
        json* top = stack_.back();
        if (top->find(name) != top->end()) return fail(json_read_status::duplicate_name);
        pending_key_ = std::move(name);
        return true;
    }
    bool end_object() {
        stack_.pop_back();
        return true;
    }
    bool start_array(std::size_t /*size*/) { return open(json::value_t::array); }
    bool end_array() {
        stack_.pop_back();
        return true;
    }
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& /*ex*/) {
        if (status_ == json_read_status::ok) status_ = json_read_status::invalid;
        return false;
    }

    json_read_status status() const noexcept { return status_; }
    json& root() noexcept { return root_; }

private:
    bool fail(json_read_status s) {
        status_ = s;
        return false;
    }

    // Places `v` at the current position and returns where it now lives.
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
        auto& obj = top->get_ref<json::object_t&>();
        auto it = obj.emplace(std::move(pending_key_), std::move(v)).first;
        return &it->second;
    }

    bool put(json&& v) {
        place(std::move(v));
        return true;
    }

    bool open(json::value_t type) {
        if (stack_.size() >= max_depth_) return fail(json_read_status::too_deep);
        stack_.push_back(place(json(type)));
        return true;
    }

    std::size_t max_depth_;
    json root_;
    std::vector<json*> stack_;
    string_t pending_key_;
    json_read_status status_ = json_read_status::ok;
};

/// Parses `text` as exactly one JSON value within `max_bytes` and `max_depth`.
inline json_read_result read_json(std::string_view text, std::size_t max_bytes, std::size_t max_depth) {
    json_read_result out;
    if (text.size() > max_bytes) {
        out.status = json_read_status::too_large;
        return out;
    }
    if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
        static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
        out.status = json_read_status::byte_order_mark;
        return out;
    }
    // nlohmann/json's lexer takes a NUL byte for the end of input and ignores what follows
    // ({"a":1}\0anything parses). JSON text never holds a raw NUL, so refuse it outright.
    if (text.find('\0') != std::string_view::npos) {
        out.status = json_read_status::invalid;
        return out;
    }
    bounded_dom_builder builder(max_depth);
    const bool ok = json::sax_parse(text.data(), text.data() + text.size(), &builder,
                                    json::input_format_t::json, /*strict=*/true,
                                    /*ignore_comments=*/false);
    if (!ok || builder.status() != json_read_status::ok) {
        out.status = builder.status() == json_read_status::ok ? json_read_status::invalid : builder.status();
        return out;
    }
    out.status = json_read_status::ok;
    out.value = std::move(builder.root());
    return out;
}

/// A human phrase for a read failure, for error messages.
inline const char* describe(json_read_status s) noexcept {
    switch (s) {
        case json_read_status::ok: return "well-formed JSON";
        case json_read_status::too_large: return "larger than the configured body limit";
        case json_read_status::too_deep: return "nested deeper than the configured JSON depth limit";
        case json_read_status::duplicate_name: return "JSON with a duplicate member name";
        case json_read_status::byte_order_mark: return "JSON preceded by a byte order mark";
        case json_read_status::invalid: return "not well-formed JSON";
    }
    return "not well-formed JSON";
}

/// The member `name` of `obj` if it is a string, else nullptr.
inline const std::string* find_string(const json& obj, std::string_view name) {
    auto it = obj.find(name);
    if (it == obj.end()) return nullptr;
    return it->get_ptr<const std::string*>();
}

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#endif
