// passwordless (private): HTTP-date (RFC 9110 section 5.6.7) to Unix seconds.
#ifndef PASSWORDLESS_DETAIL_HTTP_DATE_HPP
#define PASSWORDLESS_DETAIL_HTTP_DATE_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include "passwordless/detail/text.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

PASSWORDLESS_FUNC std::optional<unsigned> parse_digits(std::string_view s) noexcept;

PASSWORDLESS_FUNC unsigned month_number(std::string_view m) noexcept;

PASSWORDLESS_FUNC std::optional<std::int64_t> make_time(unsigned year, unsigned month, unsigned day, std::string_view hms);

/// Parses IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 form
/// ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994").
PASSWORDLESS_FUNC std::optional<std::int64_t> parse_http_date(std::string_view v);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::optional<unsigned> parse_digits(std::string_view s) noexcept {
    if (s.empty() || s.size() > 4) return std::nullopt;
    unsigned v = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    return v;
}

PASSWORDLESS_FUNC unsigned month_number(std::string_view m) noexcept {
    constexpr std::string_view names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (unsigned i = 0; i < 12; ++i)
        if (names[i] == m) return i + 1;
    return 0;
}

PASSWORDLESS_FUNC std::optional<std::int64_t> make_time(unsigned year, unsigned month, unsigned day, std::string_view hms) {
    if (hms.size() != 8 || hms[2] != ':' || hms[5] != ':') return std::nullopt;
    auto h = parse_digits(hms.substr(0, 2));
    auto mi = parse_digits(hms.substr(3, 2));
    auto s = parse_digits(hms.substr(6, 2));
    if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    if (month == 0 || day == 0 || day > 31 || year < 1900 || year > 9999) return std::nullopt;
    return days_from_civil(year, month, day) * 86400 + *h * 3600 + *mi * 60 + *s;
}

PASSWORDLESS_FUNC std::optional<std::int64_t> parse_http_date(std::string_view v) {
    const std::size_t comma = v.find(',');
    if (comma != std::string_view::npos) {
        std::string_view rest = v.substr(comma + 1);
        if (rest.size() == 25 && rest[0] == ' ' && rest[3] == ' ' && rest[7] == ' ' && rest[12] == ' ' &&
            rest.substr(21) == " GMT") {  // " 06 Nov 1994 08:49:37 GMT"
            auto day = parse_digits(rest.substr(1, 2));
            auto year = parse_digits(rest.substr(8, 4));
            if (!day || !year) return std::nullopt;
            return make_time(*year, month_number(rest.substr(4, 3)), *day, rest.substr(13, 8));
        }
        if (rest.size() == 23 && rest[0] == ' ' && rest[3] == '-' && rest[7] == '-' && rest[10] == ' ' &&
            rest.substr(19) == " GMT") {  // " 06-Nov-94 08:49:37 GMT"
            auto day = parse_digits(rest.substr(1, 2));
            auto yy = parse_digits(rest.substr(8, 2));
            if (!day || !yy) return std::nullopt;
            const unsigned year = *yy >= 70 ? 1900 + *yy : 2000 + *yy;
            return make_time(year, month_number(rest.substr(4, 3)), *day, rest.substr(11, 8));
        }
        return std::nullopt;
    }
    if (v.size() == 24 && v[3] == ' ' && v[7] == ' ' && v[10] == ' ' && v[19] == ' ') {
        std::string_view day_text = v.substr(8, 2);
        if (day_text[0] == ' ') day_text.remove_prefix(1);
        auto day = parse_digits(day_text);
        auto year = parse_digits(v.substr(20, 4));
        if (!day || !year) return std::nullopt;
        return make_time(*year, month_number(v.substr(4, 3)), *day, v.substr(11, 8));
    }
    return std::nullopt;
}

}  // namespace detail

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
