// passwordless: WWW-Authenticate challenges (RFC 9110 §11.6.1) and the DPoP ones among them
// (RFC 9449 §7.1): how a resource server says "use my nonce" or "your proof was refused".
#ifndef PASSWORDLESS_WWW_AUTHENTICATE_HPP
#define PASSWORDLESS_WWW_AUTHENTICATE_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/classify.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// One challenge: an auth scheme with either a token68 or name=value parameters.
struct auth_challenge {
    std::string scheme;  ///< as sent; compare ignoring case
    std::string token68;  ///< empty unless the challenge carried one
    std::vector<std::pair<std::string, std::string>> params;  ///< names lower-cased, values unquoted

    /// The value of parameter `name` (lower case), if present.
    [[nodiscard]] std::optional<std::string_view> param(std::string_view name) const;
};

/// Caps for parsing: longer headers or more challenges or parameters make the parse fail.
inline constexpr std::size_t max_www_authenticate_bytes = 16 * 1024;
inline constexpr std::size_t max_auth_challenges = 32;
inline constexpr std::size_t max_auth_params = 32;

namespace detail {

PASSWORDLESS_FUNC bool is_tchar(char c) noexcept;

PASSWORDLESS_FUNC bool is_token68_char(char c) noexcept;

/// A cursor over one header value; every method leaves `i` after what it consumed.
struct challenge_reader {
    std::string_view s;
    std::size_t i = 0;

    [[nodiscard]] bool at_end() const noexcept;
    [[nodiscard]] char peek() const noexcept;
    std::size_t skip_ws() noexcept;
    std::string_view token() noexcept;
    // quoted-string with quoted-pairs (RFC 9110 §5.6.4); false when malformed.
    bool quoted(std::string& out);
    // After a list element: optional whitespace, then a comma or the end.
    bool element_end() noexcept;
};

// Parses one header value's challenges into `out`; false when malformed or over the caps.
PASSWORDLESS_FUNC bool parse_challenges(std::string_view value, std::vector<auth_challenge>& out);

}  // namespace detail

/// Every challenge in the response's WWW-Authenticate headers (all of them, in order), or empty
/// when there are none; nullopt when any of them is malformed or over the caps (a client then
/// knows nothing more than the status).
[[nodiscard]] PASSWORDLESS_FUNC std::optional<std::vector<auth_challenge>> parse_www_authenticate(const response& r);

/// What a DPoP challenge says (RFC 9449 §7.1): error code, description and accepted algorithms
/// (each empty when absent).
struct dpop_challenge {
    std::string error;
    std::string error_description;
    std::string algs;
};

/// The first challenge whose scheme is DPoP (any case), if the response has a well-formed one.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<dpop_challenge> find_dpop_challenge(const response& r);

/// Classifies a resource server's failed answer to a DPoP request: a DPoP challenge with an
/// error code goes through the shared table (use_dpop_nonce: dpop_nonce_required with the
/// response's DPoP-Nonce in error::dpop_nonce, so the caller retries once with a new proof
/// carrying it; invalid_dpop_proof: invalid_dpop_proof); anything else as
/// classify_error_response. Status is always set. Call only for non-2xx responses.
[[nodiscard]] PASSWORDLESS_FUNC error classify_resource_error(const response& r, unix_seconds now, const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/www_authenticate.hpp"
#endif

#endif
