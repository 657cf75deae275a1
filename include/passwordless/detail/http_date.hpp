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

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/http_date.hpp"
#endif

#endif
