// passwordless (private): writes request bodies directly as JSON text or form encoding.
// Callers validate UTF-8 first; the writer only escapes.
#ifndef PASSWORDLESS_DETAIL_JSON_WRITER_HPP
#define PASSWORDLESS_DETAIL_JSON_WRITER_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

/// Appends `s` as a JSON string literal (RFC 8259 escapes; UTF-8 passed through).
PASSWORDLESS_FUNC void append_json_string(std::string& out, std::string_view s);

/// Appends `s` percent-encoded for application/x-www-form-urlencoded (unreserved kept, space as %20).
/// {"name":"value",...}: the entries as a JSON object of strings, in order (names unique: see
/// first_repeated_name).
PASSWORDLESS_FUNC std::string json_string_object(const std::vector<std::pair<std::string, std::string>>& entries);

PASSWORDLESS_FUNC void append_form_encoded(std::string& out, std::string_view s);

/// Builds one flat body, as a JSON object or as form fields, member by member in call order.
class body_writer {
public:
    explicit body_writer(bool form);

    /// Adds a string member.
    void add(std::string_view name, std::string_view value);

    /// Adds a member whose value is already JSON text (JSON bodies only).
    void add_raw_json(std::string_view name, std::string_view json_text);

    /// The finished body.
    std::string finish() &&;

private:
    void separate();

    bool form_;
    bool first_ = true;
    std::string out_;
};

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/json_writer.hpp"
#endif

#endif
