// passwordless: POST /passwordless/start, which sends a one-time code or a magic link.
#ifndef PASSWORDLESS_START_HPP
#define PASSWORDLESS_START_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/classify.hpp"
#include "passwordless/client.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/post.hpp"
#include "passwordless/detail/response_body.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// What Auth0 sends: a code, or a link (web, or opening an iOS / Android app).
enum class send_method : std::uint8_t { code, link, link_ios, link_android };

/// The wire name of a send method.
[[nodiscard]] constexpr std::string_view to_string(send_method m) noexcept {
    switch (m) {
        case send_method::code: return "code";
        case send_method::link: return "link";
        case send_method::link_ios: return "link_ios";
        case send_method::link_android: return "link_android";
    }
    return "code";
}

/// The send method with wire name `name`, or invalid_argument (field "send").
[[nodiscard]] PASSWORDLESS_FUNC result<send_method> parse_send_method(std::string_view name);

/// Inputs of /passwordless/start. Unset optionals are left out of the request.
struct start_params {
    std::string connection;                   ///< "email", "sms", or a custom passwordless connection
    std::optional<std::string> email;         ///< required for "email"; for a custom connection,
    std::optional<std::string> phone_number;  ///< exactly one of email / phone_number (E.164)
    std::optional<send_method> send;          ///< absent: the server's default (a link)
    /// Parameters of the magic link's authorize request (scope, state, redirect_uri, ...);
    /// meaningful with a link. Names are unique; sent as the object "authParams".
    std::optional<std::vector<std::pair<std::string, std::string>>> auth_params;
    std::optional<std::string> language;       ///< x-request-language: the message's language
    /// auth0-forwarded-for: the end user's IP. Auth0 honours it only for a confidential client
    /// that sends its secret and has "Trust Token Endpoint IP Header" on.
    std::optional<std::string> forwarded_for;
};

/// What a successful start returned. Auth0 treats the body as informational; any member may be
/// missing (an empty 2xx body is a success).
struct start_result {
    std::optional<std::string> id;  ///< "_id"
    std::optional<std::string> email;
    std::optional<bool> email_verified;
    std::optional<std::string> phone_number;
    std::optional<bool> phone_verified;
};

/// Builds the request for /passwordless/start. Fails with invalid_argument naming the field when
/// an input is empty, malformed (email, E.164 number, IP literal), carries control characters,
/// is not valid UTF-8, or is over the input size limit. Nothing is trimmed or rewritten.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_start_request(const client& c, const start_params& p);

/// Parses the answer to /passwordless/start. A 2xx with an empty body or a JSON object is a
/// success (unknown members are ignored; known members must have their types). Anything else
/// goes through classify_error_response; `now` dates its retry_at.
[[nodiscard]] PASSWORDLESS_FUNC result<start_result> parse_start_response(const response& r, unix_seconds now,
                                                               const checked_limits& limits = {});

PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/start.hpp"
#endif

#endif
