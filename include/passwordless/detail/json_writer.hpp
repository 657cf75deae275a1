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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    // Characters that need no escape are copied in runs (one append per run, not per character).
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                out.append("\\u00");
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
        }
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

PASSWORDLESS_FUNC std::string json_string_object(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string out = "{";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i != 0) out.push_back(',');
        append_json_string(out, entries[i].first);
        out.push_back(':');
        append_json_string(out, entries[i].second);
    }
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC void append_form_encoded(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
}

PASSWORDLESS_FUNC body_writer::body_writer(bool form) : form_(form) {
    if (!form_) out_.push_back('{');
}

PASSWORDLESS_FUNC void body_writer::add(std::string_view name, std::string_view value) {
    separate();
    if (form_) {
        append_form_encoded(out_, name);
        out_.push_back('=');
        append_form_encoded(out_, value);
    } else {
        append_json_string(out_, name);
        out_.push_back(':');
        append_json_string(out_, value);
    }
}

PASSWORDLESS_FUNC void body_writer::add_raw_json(std::string_view name, std::string_view json_text) {
    separate();
    append_json_string(out_, name);
    out_.push_back(':');
    out_.append(json_text);
}

PASSWORDLESS_FUNC std::string body_writer::finish() && {
    if (!form_) out_.push_back('}');
    return std::move(out_);
}

PASSWORDLESS_FUNC void body_writer::separate() {
    if (!first_) out_.push_back(form_ ? '&' : ',');
    first_ = false;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
