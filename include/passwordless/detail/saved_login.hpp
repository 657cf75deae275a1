// passwordless (private): the text a pending login is saved as (PROTOCOL.md 9.9), written and
// read without exceptions. Only the shape is checked here; login_flow::restore checks the values
// against the client, the configuration and the clock.
#ifndef PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP
#define PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/start.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::string_view saved_login_format = "passwordless-login";
inline constexpr std::int64_t saved_login_version = 1;

/// A pending login as saved: never the code, a client secret or a token.
struct saved_login {
    std::string endpoint;   ///< the client's base URL ("https://example.auth0.com")
    std::string client_id;
    bool code_outstanding = false;  ///< awaiting_code; else idle
    start_params params;            ///< of the code outstanding
    unix_seconds code_sent_at = 0;  ///< when it was requested
    std::int64_t attempts = 0;      ///< wrong codes so far
    bool code_expired = false;      ///< the server said so, or the code was exchanged
    std::optional<unix_seconds> start_retry_at;
    std::optional<unix_seconds> token_retry_at;
    std::string dpop_nonce;  ///< the newest DPoP nonce the server gave (PROTOCOL.md 9.9); empty: none
};

PASSWORDLESS_FUNC void append_saved_member(std::string& out, std::string_view name);

/// The saved text: one JSON object, members in a fixed order.
PASSWORDLESS_FUNC std::string write_saved_login(const saved_login& s);

PASSWORDLESS_FUNC error bad_saved_state(std::string_view problem);

/// Reads a saved text's shape: a JSON object of this format and version, every member known and
/// of its type, numbers whole and between 0 and 9999-12-31. Anything else is invalid_argument
/// with field saved_state (a newer version says so).
PASSWORDLESS_FUNC result<saved_login> read_saved_login(std::string_view text, std::size_t max_bytes, std::size_t max_depth);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/saved_login.hpp"
#endif

#endif
