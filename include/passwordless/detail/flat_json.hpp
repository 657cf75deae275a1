// passwordless (private): a validating JSON scanner for the flat objects Auth0 returns. It
// accepts and rejects exactly what nlohmann/json's strict parser does (tests/fuzz checks this
// differentially), adds the library's policies (size and depth caps, no duplicate member names,
// no byte order mark), and records where each top-level member is instead of building a DOM.
#ifndef PASSWORDLESS_DETAIL_FLAT_JSON_HPP
#define PASSWORDLESS_DETAIL_FLAT_JSON_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <charconv>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/detail/text.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

enum class json_read_status : std::uint8_t {
    ok,
    too_large,       ///< more bytes than the cap
    too_deep,        ///< nesting deeper than the cap
    duplicate_name,  ///< an object repeats a member name (after unescaping)
    byte_order_mark, ///< a leading UTF-8 BOM, which nlohmann/json would skip silently
    invalid,         ///< not one well-formed JSON text (syntax, encoding, number overflow)
};

/// A human phrase for a read failure, for error messages.
PASSWORDLESS_FUNC const char* describe(json_read_status s) noexcept;

enum class json_kind : std::uint8_t { null, boolean, number, string, object, array };

/// One top-level member: where its name and value are in the text (offsets, so the record stays
/// valid when the text is moved with its owner).
struct flat_member {
    std::uint32_t key_begin = 0, key_size = 0;      ///< the name between its quotes, escapes undecoded
    std::uint32_t value_begin = 0, value_size = 0;  ///< strings: between the quotes; others: the whole value
    json_kind kind = json_kind::null;
    bool key_escaped = false;    ///< the name contains a backslash escape
    bool value_escaped = false;  ///< a string value contains a backslash escape
};

/// Decodes the body of a JSON string that the scanner already validated.
PASSWORDLESS_FUNC std::string unescape_validated(std::string_view s);

/// A validated JSON text whose root is an object, with its top-level members recorded.
class flat_object {
public:
    flat_object() = default;

    /// Scans `text` (copied in). The status is ok only for one well-formed JSON object within
    /// the caps, without duplicate names at any level. `root_is_object` tells a valid non-object.
    [[nodiscard]] static json_read_status scan(std::string text, std::size_t max_bytes, std::size_t max_depth,
                                               flat_object& out, bool& root_is_object);

    /// Checks `text` as scan does, recording nothing.
    [[nodiscard]] static json_read_status validate(std::string_view t, std::size_t max_bytes, std::size_t max_depth);

    /// The empty object {}.
    [[nodiscard]] static flat_object empty();

    /// The strings of a validated array text such as ["a","b"]; empty if any element is not a
    /// string.
    [[nodiscard]] static std::optional<std::vector<std::string>> string_array(std::string_view validated);

    [[nodiscard]] const std::string& text() const noexcept;

    /// The member named `name` (names compared after unescaping), or nullptr.
    [[nodiscard]] const flat_member* find(std::string_view name) const;

    /// The decoded name of `m`.
    [[nodiscard]] std::string key(const flat_member& m) const;

    /// The decoded string value of `m` (which must be a string).
    [[nodiscard]] std::string string_value(const flat_member& m) const;

    /// The decoded value of the member named `name`, if it is present and a string.
    [[nodiscard]] std::optional<std::string> string_member(std::string_view name) const;

    /// The raw text of `m`'s value (strings include no quotes).
    [[nodiscard]] std::string_view raw_value(const flat_member& m) const;

    /// The boolean value of `m` (which must be a boolean).
    [[nodiscard]] bool bool_value(const flat_member& m) const;

    /// The value of a number member the way nlohmann/json stores it: written without fraction or
    /// exponent, an unsigned integer when non-negative and a signed one when negative, if it
    /// fits; otherwise a double.
    struct number {
        enum class type : std::uint8_t { integer, unsigned_integer, floating } kind = type::integer;
        std::int64_t i = 0;
        std::uint64_t u = 0;
        double d = 0;
    };
    [[nodiscard]] number number_value(const flat_member& m) const;

    /// The number `m` (which must be a number) as a double when it lies in [0, most], `most`
    /// below 2^53 so that every whole number in range is exact; -0 counts as 0. Fractions stay.
    /// The one reading of bounded non-negative numbers: expires_in and the NumericDate claims.
    [[nodiscard]] std::optional<double> number_within(const flat_member& m, std::int64_t most) const;

    static number parse_number(std::string_view raw);

    /// The nearest double to a JSON number's text (already checked against the grammar), the
    /// same in every locale: std::from_chars where the standard library has it for double (out
    /// of range: infinity or zero, as strtod), else the core's own reader (exact for up to 19
    /// significant digits and a power of ten up to 22, within a few ulp beyond).
    static double to_double(std::string_view raw) noexcept;

private:
    friend struct flat_object_access;  // declared for the tests (tests/detail/flat_json_access.hpp) only

    // The caps, the byte order mark, then one JSON value and nothing after it. Members of a root
    // object go to *top and root_is_object is set, when they are given.
    static json_read_status scan_text(std::string_view t, std::size_t max_bytes, std::size_t max_depth, std::vector<flat_member>* top,
                                  bool* root_is_object);

    std::string_view view(std::uint32_t begin, std::uint32_t size) const;

    bool key_equals(const flat_member& m, std::string_view name) const;

    struct scanner {
        std::string_view t;
        std::size_t pos;
        std::size_t max_depth;
        json_read_status status;
        std::vector<flat_member>* top;

        char peek() const;
        bool fail();
        bool too_deep();
        void skip_ws();
        bool literal(std::string_view word);

        bool hex4(std::size_t at, std::uint32_t& v) const;

        // A string at pos (on its opening quote); sets [begin, end) to its body and `escaped`.
        bool string(std::size_t& begin, std::size_t& end, bool& escaped);

        bool scan_number();

        // The name of a member of a nested object (top-level members are flat_members).
        struct name_ref {
            std::uint32_t key_begin, key_size;
            bool key_escaped;
        };

        // True when two of `names` (flat_members or name_refs) are equal after unescaping. Small
        // sets of plain names are compared pairwise; anything else is decoded and sorted, so
        // hostile inputs stay n log n.
        template <class Name>
        static bool duplicate_names(std::string_view text, const std::vector<Name>& names) {
            const std::size_t n = names.size();
            if (n < 2) return false;
            bool any_escaped = false;
            for (const Name& name : names) any_escaped = any_escaped || name.key_escaped;
            if (!any_escaped && n <= 32) {
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t k = 0; k < i; ++k)
                        if (text.substr(names[i].key_begin, names[i].key_size) == text.substr(names[k].key_begin, names[k].key_size))
                            return true;
                return false;
            }
            std::vector<std::string> decoded;
            decoded.reserve(n);
            for (const Name& name : names) {
                const std::string_view raw = text.substr(name.key_begin, name.key_size);
                decoded.push_back(name.key_escaped ? unescape_validated(raw) : std::string(raw));
            }
            return has_repeated(decoded);
        }

        // A value at pos; `depth` counts the containers around it. At depth 0 an object's
        // members are recorded in *top.
        bool value(std::size_t depth);

        bool object(std::size_t depth);
    };

    std::string text_;
    std::vector<flat_member> members_;
};

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/flat_json.hpp"
#endif

#endif
