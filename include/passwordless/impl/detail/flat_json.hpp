// passwordless: the definitions of passwordless/detail/flat_json.hpp's functions. passwordless/detail/flat_json.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_DETAIL_FLAT_JSON_HPP
#define PASSWORDLESS_IMPL_DETAIL_FLAT_JSON_HPP

#include "passwordless/detail/flat_json.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC const char* describe(json_read_status s) noexcept {
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

PASSWORDLESS_FUNC std::string unescape_validated(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out.push_back(s[i]);
            continue;
        }
        const char e = s[++i];
        switch (e) {
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                auto hex4 = [&](std::size_t at) {
                    std::uint32_t v = 0;
                    for (std::size_t k = 0; k < 4; ++k) {
                        v = v * 16 + static_cast<std::uint32_t>(hex_digit_value(s[at + k]));  // validated: a digit
                    }
                    return v;
                };
                std::uint32_t cp = hex4(i + 1);
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(i + 3) - 0xDC00);
                    i += 6;
                }
                if (cp < 0x80) {
                    out.push_back(static_cast<char>(cp));
                } else if (cp < 0x800) {
                    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
                    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                } else if (cp < 0x10000) {
                    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
                    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                } else {
                    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
                    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
                    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                }
                break;
            }
            default: out.push_back(e);  // '"', '\\', '/'
        }
    }
    return out;
}

PASSWORDLESS_FUNC json_read_status flat_object::scan(std::string text, std::size_t max_bytes, std::size_t max_depth,
                                           flat_object& out, bool& root_is_object) {
    out.text_ = std::move(text);
    out.members_.clear();
    out.members_.reserve(16);
    return scan_text(out.text_, max_bytes, max_depth, &out.members_, &root_is_object);
}

PASSWORDLESS_FUNC json_read_status flat_object::validate(std::string_view t, std::size_t max_bytes, std::size_t max_depth) {
    return scan_text(t, max_bytes, max_depth, nullptr, nullptr);
}

PASSWORDLESS_FUNC flat_object flat_object::empty() {
    flat_object out;
    out.text_ = "{}";
    return out;
}

PASSWORDLESS_FUNC std::optional<std::vector<std::string>> flat_object::string_array(std::string_view validated) {
    std::vector<std::string> out;
    scanner s{validated, 0, 2, json_read_status::ok, nullptr};
    s.skip_ws();
    if (s.peek() != '[') return std::nullopt;
    ++s.pos;
    s.skip_ws();
    if (s.peek() == ']') return out;
    while (true) {
        s.skip_ws();
        if (s.peek() != '"') return std::nullopt;
        std::size_t b = 0, e = 0;
        bool escaped = false;
        if (!s.string(b, e, escaped)) return std::nullopt;
        const std::string_view body = validated.substr(b, e - b);
        out.push_back(escaped ? unescape_validated(body) : std::string(body));
        s.skip_ws();
        if (s.peek() == ',') {
            ++s.pos;
            continue;
        }
        if (s.peek() == ']') return out;
        return std::nullopt;
    }
}

PASSWORDLESS_FUNC const std::string& flat_object::text() const noexcept { return text_; }

PASSWORDLESS_FUNC const flat_member* flat_object::find(std::string_view name) const {
    for (const flat_member& m : members_)
        if (key_equals(m, name)) return &m;
    return nullptr;
}

PASSWORDLESS_FUNC std::string flat_object::key(const flat_member& m) const {
    const std::string_view raw = view(m.key_begin, m.key_size);
    return m.key_escaped ? unescape_validated(raw) : std::string(raw);
}

PASSWORDLESS_FUNC std::string flat_object::string_value(const flat_member& m) const {
    const std::string_view raw = view(m.value_begin, m.value_size);
    return m.value_escaped ? unescape_validated(raw) : std::string(raw);
}

PASSWORDLESS_FUNC std::optional<std::string> flat_object::string_member(std::string_view name) const {
    const flat_member* m = find(name);
    if (m == nullptr || m->kind != json_kind::string) return std::nullopt;
    return string_value(*m);
}

PASSWORDLESS_FUNC std::string_view flat_object::raw_value(const flat_member& m) const { return view(m.value_begin, m.value_size); }

PASSWORDLESS_FUNC bool flat_object::bool_value(const flat_member& m) const { return text_[m.value_begin] == 't'; }

PASSWORDLESS_FUNC flat_object::number flat_object::number_value(const flat_member& m) const { return parse_number(view(m.value_begin, m.value_size)); }

PASSWORDLESS_FUNC std::optional<double> flat_object::number_within(const flat_member& m, std::int64_t most) const {
    const number n = number_value(m);
    switch (n.kind) {
        case number::type::unsigned_integer:
            if (n.u > static_cast<std::uint64_t>(most)) return std::nullopt;
            return static_cast<double>(n.u);
        case number::type::integer:  // negative, or -0
            if (n.i < 0 || n.i > most) return std::nullopt;
            return static_cast<double>(n.i);
        case number::type::floating:
            if (!std::isfinite(n.d) || n.d < 0 || n.d > static_cast<double>(most)) return std::nullopt;
            return n.d;
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC flat_object::number flat_object::parse_number(std::string_view raw) {
    number n;
    const bool negative = !raw.empty() && raw[0] == '-';
    bool integral = true;
    for (char c : raw) integral = integral && c != '.' && c != 'e' && c != 'E';
    if (integral) {
        std::uint64_t v = 0;
        bool overflow = false;
        for (std::size_t i = negative ? 1 : 0; i < raw.size(); ++i) {
            const auto digit = static_cast<std::uint64_t>(raw[i] - '0');
            if (v > ((std::numeric_limits<std::uint64_t>::max)() - digit) / 10) {
                overflow = true;
                break;
            }
            v = v * 10 + digit;
        }
        if (!overflow && !negative) {  // nlohmann/json keeps every non-negative integer unsigned
            n.kind = number::type::unsigned_integer;
            n.u = v;
            return n;
        }
        if (!overflow && v <= static_cast<std::uint64_t>((std::numeric_limits<std::int64_t>::max)()) + 1) {
            n.kind = number::type::integer;
            n.i = v == static_cast<std::uint64_t>((std::numeric_limits<std::int64_t>::max)()) + 1
                      ? (std::numeric_limits<std::int64_t>::min)()
                      : -static_cast<std::int64_t>(v);
            return n;
        }
    }
    n.kind = number::type::floating;
    n.d = to_double(raw);
    return n;
}

PASSWORDLESS_FUNC double flat_object::to_double(std::string_view raw) noexcept {
    // The decimal digits as mantissa * 10^exp10, at most 19 significant digits kept.
    const bool negative = !raw.empty() && raw[0] == '-';
    std::uint64_t mantissa = 0;
    int kept = 0;
    bool truncated = false;
    std::int64_t exp10 = 0;
    std::size_t i = negative ? 1 : 0;
    bool fraction = false;
    for (; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '.') {
            fraction = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (mantissa == 0 && digit == 0) {
            if (fraction) --exp10;
            continue;
        }
        if (kept < 19) {
            mantissa = mantissa * 10 + digit;
            ++kept;
            if (fraction) --exp10;
        } else {
            truncated = truncated || digit != 0;
            if (!fraction) ++exp10;
        }
    }
    if (i < raw.size()) {  // the exponent, saturated far beyond the double range
        ++i;
        const bool exp_negative = i < raw.size() && raw[i] == '-';
        if (i < raw.size() && (raw[i] == '-' || raw[i] == '+')) ++i;
        std::int64_t e = 0;
        for (; i < raw.size() && raw[i] >= '0' && raw[i] <= '9'; ++i)
            if (e < 100000) e = e * 10 + (raw[i] - '0');
        exp10 += exp_negative ? -e : e;
    }
    const double zero = negative ? -0.0 : 0.0;
    const double infinity = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (mantissa == 0) return zero;
    // The value lies in [10^(kept+exp10-1), 10^(kept+exp10)).
    if (kept + exp10 > 310) return infinity;
    if (kept + exp10 < -330) return zero;
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    (void)truncated;
    double v = 0;
    const auto r = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (r.ec == std::errc()) return v;
    return kept + exp10 > 0 ? infinity : zero;
#else
    static constexpr double exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double v = 0;
    if (!truncated && mantissa <= (std::uint64_t{1} << 53) && exp10 >= -22 && exp10 <= 22) {
        // Both factors are exact doubles, so one rounding gives the nearest double (Clinger).
        const auto m = static_cast<double>(mantissa);
        v = exp10 < 0 ? m / exact[-exp10] : m * exact[exp10];
    } else {
        long double x = static_cast<long double>(mantissa);
        std::int64_t e = exp10;
        long double step = 10.0L;
        const bool down = e < 0;
        for (std::int64_t k = down ? -e : e; k > 0; k >>= 1, step *= step)
            if ((k & 1) != 0) x = down ? x / step : x * step;
        v = static_cast<double>(x);
    }
    return negative ? -v : v;
#endif
}

PASSWORDLESS_FUNC json_read_status flat_object::scan_text(std::string_view t, std::size_t max_bytes, std::size_t max_depth, std::vector<flat_member>* top,
                              bool* root_is_object) {
    if (root_is_object != nullptr) *root_is_object = false;
    if (t.size() > max_bytes || t.size() > (std::numeric_limits<std::uint32_t>::max)() / 2) return json_read_status::too_large;
    if (t.size() >= 3 && static_cast<unsigned char>(t[0]) == 0xEF && static_cast<unsigned char>(t[1]) == 0xBB &&
        static_cast<unsigned char>(t[2]) == 0xBF)
        return json_read_status::byte_order_mark;
    scanner s{t, 0, max_depth, json_read_status::ok, top};
    s.skip_ws();
    if (root_is_object != nullptr) *root_is_object = s.peek() == '{';
    if (!s.value(0)) return s.status == json_read_status::ok ? json_read_status::invalid : s.status;
    s.skip_ws();
    return s.pos == t.size() ? json_read_status::ok : json_read_status::invalid;
}

PASSWORDLESS_FUNC std::string_view flat_object::view(std::uint32_t begin, std::uint32_t size) const { return std::string_view(text_).substr(begin, size); }

PASSWORDLESS_FUNC bool flat_object::key_equals(const flat_member& m, std::string_view name) const {
    const std::string_view raw = view(m.key_begin, m.key_size);
    if (!m.key_escaped) return raw == name;
    return unescape_validated(raw) == name;
}

PASSWORDLESS_FUNC char flat_object::scanner::peek() const { return pos < t.size() ? t[pos] : '\0'; }

PASSWORDLESS_FUNC bool flat_object::scanner::fail() {
    if (status == json_read_status::ok) status = json_read_status::invalid;
    return false;
}

PASSWORDLESS_FUNC bool flat_object::scanner::too_deep() {
    status = json_read_status::too_deep;
    return false;
}

PASSWORDLESS_FUNC void flat_object::scanner::skip_ws() {
    while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\t' || t[pos] == '\n' || t[pos] == '\r')) ++pos;
}

PASSWORDLESS_FUNC bool flat_object::scanner::literal(std::string_view word) {
    if (t.substr(pos, word.size()) != word) return fail();
    pos += word.size();
    return true;
}

PASSWORDLESS_FUNC bool flat_object::scanner::hex4(std::size_t at, std::uint32_t& v) const {
    if (at + 4 > t.size()) return false;
    v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const int h = hex_digit_value(t[at + k]);
        if (h < 0) return false;
        v = v * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
}

PASSWORDLESS_FUNC bool flat_object::scanner::string(std::size_t& begin, std::size_t& end, bool& escaped) {
    ++pos;
    begin = pos;
    escaped = false;
    while (true) {
        // Fast path: plain printable ASCII.
        while (pos < t.size()) {
            const auto c = static_cast<unsigned char>(t[pos]);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
            ++pos;
        }
        if (pos >= t.size()) return fail();
        const auto c = static_cast<unsigned char>(t[pos]);
        if (c == '"') {
            end = pos++;
            return true;
        }
        if (c < 0x20) return fail();
        if (c == '\\') {
            escaped = true;
            if (pos + 1 >= t.size()) return fail();
            const char e = t[pos + 1];
            if (e == 'u') {
                std::uint32_t cp = 0;
                if (!hex4(pos + 2, cp)) return fail();
                pos += 6;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return fail();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    std::uint32_t low = 0;
                    if (pos + 1 >= t.size() || t[pos] != '\\' || t[pos + 1] != 'u' || !hex4(pos + 2, low) || low < 0xDC00 ||
                        low > 0xDFFF)
                        return fail();
                    pos += 6;
                }
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') return fail();
            pos += 2;
            continue;
        }
        // Non-ASCII: one strictly valid UTF-8 sequence.
        const std::size_t len = utf8_sequence_length(t, pos);
        if (len == 0) return fail();
        pos += len;
    }
}

PASSWORDLESS_FUNC bool flat_object::scanner::scan_number() {
    const std::size_t begin = pos;
    if (peek() == '-') ++pos;
    if (peek() == '0') {
        ++pos;
    } else if (peek() >= '1' && peek() <= '9') {
        while (peek() >= '0' && peek() <= '9') ++pos;
    } else {
        return fail();
    }
    bool floating = false;
    if (peek() == '.') {
        ++pos;
        if (!(peek() >= '0' && peek() <= '9')) return fail();
        while (peek() >= '0' && peek() <= '9') ++pos;
        floating = true;
    }
    if (peek() == 'e' || peek() == 'E') {
        ++pos;
        if (peek() == '+' || peek() == '-') ++pos;
        if (!(peek() >= '0' && peek() <= '9')) return fail();
        while (peek() >= '0' && peek() <= '9') ++pos;
        floating = true;
    }
    const std::string_view raw = t.substr(begin, pos - begin);
    // nlohmann/json refuses numbers that overflow a double (out_of_range.406).
    if (floating || raw.size() > 19) {
        const flat_object::number n = parse_number(raw);
        if (n.kind == flat_object::number::type::floating && !std::isfinite(n.d)) return fail();
    }
    return true;
}

PASSWORDLESS_FUNC bool flat_object::scanner::value(std::size_t depth) {
    skip_ws();
    const char c = peek();
    if (c == '{') return object(depth);
    if (c == '[') {
        if (depth + 1 > max_depth) return too_deep();
        ++pos;
        skip_ws();
        if (peek() == ']') {
            ++pos;
            return true;
        }
        while (true) {
            if (!value(depth + 1)) return false;
            skip_ws();
            if (peek() == ',') {
                ++pos;
                continue;
            }
            if (peek() == ']') {
                ++pos;
                return true;
            }
            return fail();
        }
    }
    if (c == '"') {
        std::size_t b = 0, e = 0;
        bool esc = false;
        return string(b, e, esc);
    }
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return scan_number();
}

PASSWORDLESS_FUNC bool flat_object::scanner::object(std::size_t depth) {
    if (depth + 1 > max_depth) return too_deep();
    ++pos;
    std::vector<name_ref> nested;  // names of this object, unless recorded in *top
    skip_ws();
    if (peek() == '}') {
        ++pos;
        return true;
    }
    while (true) {
        skip_ws();
        if (peek() != '"') return fail();
        std::size_t kb = 0, ke = 0;
        bool kesc = false;
        if (!string(kb, ke, kesc)) return false;
        skip_ws();
        if (peek() != ':') return fail();
        ++pos;
        skip_ws();
        const std::size_t vb = pos;
        const char first = peek();
        if (depth == 0 && top != nullptr) {
            flat_member m;
            m.key_begin = static_cast<std::uint32_t>(kb);
            m.key_size = static_cast<std::uint32_t>(ke - kb);
            m.key_escaped = kesc;
            if (first == '"') {
                std::size_t sb = 0, se = 0;
                bool sesc = false;
                if (!string(sb, se, sesc)) return false;
                m.kind = json_kind::string;
                m.value_begin = static_cast<std::uint32_t>(sb);
                m.value_size = static_cast<std::uint32_t>(se - sb);
                m.value_escaped = sesc;
            } else {
                if (!value(depth + 1)) return false;
                m.kind = first == '{'                  ? json_kind::object
                         : first == '['                ? json_kind::array
                         : first == 't' || first == 'f' ? json_kind::boolean
                         : first == 'n'                ? json_kind::null
                                                       : json_kind::number;
                m.value_begin = static_cast<std::uint32_t>(vb);
                m.value_size = static_cast<std::uint32_t>(pos - vb);
            }
            top->push_back(m);
        } else {
            if (!value(depth + 1)) return false;
            nested.push_back({static_cast<std::uint32_t>(kb), static_cast<std::uint32_t>(ke - kb), kesc});
        }
        skip_ws();
        if (peek() == ',') {
            ++pos;
            continue;
        }
        if (peek() == '}') {
            ++pos;
            break;
        }
        return fail();
    }
    const bool duplicate = depth == 0 && top != nullptr ? duplicate_names(t, *top) : duplicate_names(t, nested);
    if (duplicate) {
        status = json_read_status::duplicate_name;
        return false;
    }
    return true;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif

#endif
