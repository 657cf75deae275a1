// passwordless: POST /oauth/token with the passwordless OTP grant or the refresh grant.
#ifndef PASSWORDLESS_TOKEN_HPP
#define PASSWORDLESS_TOKEN_HPP

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/flat_json.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/post.hpp"
#include "passwordless/detail/response_body.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// The grant_type of the passwordless one-time-code exchange.
inline constexpr std::string_view otp_grant_type = "http://auth0.com/oauth/grant-type/passwordless/otp";

/// Inputs of the OTP grant: trade the code the user received for tokens.
struct otp_grant_params {
    std::string realm;     ///< the connection used at start: "email", "sms" or a custom name
    std::string username;  ///< the email address or phone number used at start
    std::string otp;       ///< the code the user typed: 4 to 16 digits
    std::optional<std::string> audience;  ///< API identifier; absent: tokens for /userinfo only
    std::optional<std::string> scope;     ///< e.g. "openid profile email offline_access"
    std::optional<std::string> forwarded_for;  ///< auth0-forwarded-for (see start_params)
};

/// Inputs of the refresh grant.
struct refresh_grant_params {
    std::string refresh_token;
    std::optional<std::string> scope;     ///< down-scoping; absent: the original scopes
    std::optional<std::string> audience;
};

/// Inputs of the authorization-code grant: the exchange that ends a magic-link login with
/// response_type=code (see callback.hpp).
struct authorization_code_params {
    std::string code;          ///< from the callback
    std::string redirect_uri;  ///< exactly the redirect_uri of the link's authParams
    std::optional<std::string> code_verifier;  ///< PKCE, when a code_challenge was sent
};

/// A successful token response. Optional members are set only when the server sent them.
struct token_set {
    std::string access_token;
    std::string token_type;                ///< as sent ("Bearer"; compare ignoring case)
    std::optional<std::int64_t> expires_in;
    std::optional<unix_seconds> expires_at;  ///< now + expires_in
    std::optional<std::string> refresh_token;
    std::optional<std::string> id_token;   ///< not yet verified: see id_token.hpp
    std::optional<std::string> scope;
};

/// The longest expires_in accepted: ten years.
inline constexpr std::int64_t max_expires_in = 10LL * 366 * 86400;

namespace detail {

PASSWORDLESS_FUNC result<request> finish_token_request(const client& c, body_writer& w, bool form);

PASSWORDLESS_FUNC check check_optional_audience(const std::optional<std::string>& audience, std::size_t max);

PASSWORDLESS_FUNC check check_optional_scope(const std::optional<std::string>& scope, std::size_t max);

// expires_in: a non-negative whole number of seconds up to max_expires_in, sent as a JSON
// number, or (tolerated, as Auth0.swift does) as a decimal string such as "3600" or "3600.0".
PASSWORDLESS_FUNC std::optional<std::int64_t> read_expires_in(const flat_object& obj, const flat_member& m);

}  // namespace detail

/// Builds the OTP-grant request. The username must suit the realm: an email address for
/// "email", an E.164 number for "sms", either for a custom realm. Client authentication follows
/// the client: secret in the body or by HTTP Basic, or the caller's assertion.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const otp_grant_params& p);

/// Builds the refresh-grant request.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const refresh_grant_params& p);

/// Builds the authorization-code exchange for a magic-link callback.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_token_request(const client& c, const authorization_code_params& p);

/// True when `s` can be a token_type (RFC 6749 section 7.1 and appendix A.13: "Bearer", "DPoP",
/// "N_A", or a URI): 1 to 128 visible ASCII characters, no spaces, controls or NUL. Compare the
/// recognised names with token_type_is(), which ignores case.
[[nodiscard]] PASSWORDLESS_FUNC bool is_token_type_name(std::string_view s) noexcept;

/// True when the token_type `actual` names `expected` ("Bearer", "DPoP"), ignoring case.
[[nodiscard]] PASSWORDLESS_FUNC bool token_type_is(std::string_view actual, std::string_view expected) noexcept;

/// Parses the answer to /oauth/token. A 2xx must be a JSON object with a non-empty string
/// access_token and token_type; expires_in, refresh_token, id_token and scope are optional but
/// must have their types when present (null counts as absent). `now` (Unix seconds, 0 to
/// 9999-12-31) gives expires_at. Non-2xx answers go through classify_error_response with
/// `grant`, the grant of the request this answers: on the OTP grant an invalid_grant the text
/// does not refine is wrong_code, on the refresh grant invalid_refresh_token (PROTOCOL.md 9.1).
[[nodiscard]] PASSWORDLESS_FUNC result<token_set> parse_token_response(const response& r, token_grant grant, unix_seconds now,
                                                            const checked_limits& limits = {});

/// The same without knowing the grant: an invalid_grant is read from its description alone,
/// and one the description does not explain is unknown_error. Prefer the overload above.
[[nodiscard]] PASSWORDLESS_FUNC result<token_set> parse_token_response(const response& r, unix_seconds now,
                                                            const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/token.hpp"
#endif

#endif
