// passwordless: the magic-link callback, the URL Auth0 redirects the browser (or app) to.
#ifndef PASSWORDLESS_CALLBACK_HPP
#define PASSWORDLESS_CALLBACK_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// What a successful callback carried: an authorization code (response_type=code, in the
/// query), tokens (implicit response types, in the fragment), or both.
struct callback_result {
    std::optional<std::string> code;
    std::optional<std::string> access_token;
    std::optional<std::string> id_token;
    std::optional<std::string> token_type;
    std::optional<std::int64_t> expires_in;
    std::optional<std::string> scope;
    std::string state;  ///< equal to the expected state
};

namespace detail {

/// Percent-decodes a form-encoded component ('+' is a space). Empty on a broken escape.
PASSWORDLESS_FUNC std::optional<std::string> percent_decode(std::string_view s);

using url_params = std::vector<std::pair<std::string, std::string>>;

// A URL can carry tens of thousands of parameters (see has_repeated).
PASSWORDLESS_FUNC bool has_repeated_name(const url_params& params);

PASSWORDLESS_FUNC std::optional<error> bad_callback(std::string_view problem);

// Splits "a=1&b=2" into decoded pairs; refuses broken escapes, invalid UTF-8, control
// characters and repeated names.
PASSWORDLESS_FUNC std::optional<error> parse_params(std::string_view text, url_params& out);

PASSWORDLESS_FUNC const std::string* find_param(const url_params& params, std::string_view name);

PASSWORDLESS_FUNC bool has_response_param(const url_params& params);

}  // namespace detail

/// Parses the callback URL and checks its state against `expected_state` in constant time
/// before anything else. Parameters come from the fragment when it carries a response, else
/// from the query. Fails with invalid_argument (field "url": broken escapes, invalid UTF-8,
/// repeated or missing parameters, a response in both query and fragment; field
/// "expected_state": empty), state_mismatch, or the classified `error` parameter.
[[nodiscard]] PASSWORDLESS_FUNC result<callback_result> parse_callback(std::string_view url, std::string_view expected_state,
                                                            const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/callback.hpp"
#endif

#endif
