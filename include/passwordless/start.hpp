// passwordless: POST /passwordless/start, which sends a one-time code or a magic link.
//
// build_start_request checks its inputs as client.hpp says (invalid_argument naming the field;
// nothing trimmed or rewritten), and in particular:
// - email: exactly one `@` with text on both sides, at most 254 bytes, no spaces, quotes,
//   backslashes or control characters; internationalised (UTF-8) addresses are fine;
// - phone number: E.164, `+` then 7 to 15 digits, the first not 0;
// - `language` (`x-request-language`): printable ASCII;
// - `forwarded_for` (`auth0-forwarded-for`): an IPv4 or IPv6 literal. Auth0 honours it only from a
//   confidential client that sends its secret and has "Trust Token Endpoint IP Header" on; from a
//   public client it is ignored.
//
// parse_start_response accepts any 2xx with an empty body or a JSON object (Auth0 treats the body
// as informational). What holds for the success bodies of both endpoints (token.hpp too): a body
// is read only when it is not content-encoded and its Content-Type is absent, `application/json`
// or `+json`; it is capped in size and depth before any DOM is built; a duplicate member name, a
// byte order mark or invalid UTF-8 makes it malformed_response, and so does a 2xx body carrying an
// `error` member. Optional members must have their JSON types when present (`null` counts as
// absent).
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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<send_method> parse_send_method(std::string_view name) {
    for (send_method m : {send_method::code, send_method::link, send_method::link_ios, send_method::link_android})
        if (to_string(m) == name) return m;
    return error::invalid_argument("send", "must be one of code, link, link_ios, link_android");
}

PASSWORDLESS_FUNC result<request> build_start_request(const client& c, const start_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (auto e = detail::check_connection_name("connection", p.connection)) return std::move(*e);
    const bool is_email = p.connection == "email";
    const bool is_sms = p.connection == "sms";
    if (is_email && !p.email) return error::invalid_argument("email", "is required for the email connection");
    if (is_sms && !p.phone_number) return error::invalid_argument("phone_number", "is required for the sms connection");
    if (is_email && p.phone_number) return error::invalid_argument("phone_number", "must not be set for the email connection");
    if (is_sms && p.email) return error::invalid_argument("email", "must not be set for the sms connection");
    if (p.email && p.phone_number) return error::invalid_argument("phone_number", "cannot be combined with email");
    if (!p.email && !p.phone_number) return error::invalid_argument("email", "or phone_number is required");
    if (p.email) {
        if (auto e = detail::check_email("email", *p.email)) return std::move(*e);
    } else if (auto e = detail::check_phone("phone_number", *p.phone_number)) {
        return std::move(*e);
    }

    std::string auth_params_json;
    if (p.auth_params) {
        const auto& params = *p.auth_params;
        if (params.size() > 64) return error::invalid_argument("auth_params", "has more than 64 members");
        const std::size_t repeated = detail::first_repeated_name(params);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto& [name, value] = params[i];
            if (auto e = detail::check_body_text("auth_params", name, 128)) return std::move(*e);
            if (!value.empty())
                if (auto e = detail::check_body_text("auth_params", value, max)) return std::move(*e);
            if (i == repeated) return error::invalid_argument("auth_params", "repeats a parameter name");
        }
        auth_params_json = detail::json_string_object(params);
    }

    detail::body_writer w(false);
    w.add("client_id", c.client_id());
    detail::add_client_credentials(w, c.config().client_secret, c.config().client_assertion, true);
    w.add("connection", p.connection);
    if (p.email) w.add("email", *p.email);
    if (p.phone_number) w.add("phone_number", *p.phone_number);
    if (p.send) w.add("send", to_string(*p.send));
    if (p.auth_params) w.add_raw_json("authParams", auth_params_json);

    request r = detail::make_post(c.endpoint_url("/passwordless/start"), c.telemetry_header(), std::move(w).finish(),
                                   "application/json");
    if (p.language) {
        if (auto e = detail::check_header_text("language", *p.language, 256, false)) return std::move(*e);
        r.headers.push_back({"x-request-language", *p.language});
    }
    if (auto e = detail::add_forwarded_for(r, p.forwarded_for)) return std::move(*e);
    return r;
}

PASSWORDLESS_FUNC result<start_result> parse_start_response(const response& r, unix_seconds now,
                                                               const checked_limits& limits) {
    if (!r.is_success()) return classify_error_response(r, now, limits);
    result<detail::flat_object> body = detail::read_success_object(r, limits, true, "/passwordless/start");
    if (!body.ok()) return std::move(body).failure();
    const detail::flat_object& obj = body.value();

    start_result out;
    for (const auto& [name, target] : {std::pair<const char*, std::optional<std::string>*>{"_id", &out.id},
                                       {"email", &out.email},
                                       {"phone_number", &out.phone_number}}) {
        const detail::flat_member* m = obj.find(name);
        if (m == nullptr || m->kind == detail::json_kind::null) continue;
        if (m->kind != detail::json_kind::string)
            return detail::malformed(r, std::string("/passwordless/start response member ") + name + " is not a string");
        *target = obj.string_value(*m);
    }
    for (const auto& [name, target] : {std::pair<const char*, std::optional<bool>*>{"email_verified", &out.email_verified},
                                       {"phone_verified", &out.phone_verified}}) {
        const detail::flat_member* m = obj.find(name);
        if (m == nullptr || m->kind == detail::json_kind::null) continue;
        if (m->kind != detail::json_kind::boolean)
            return detail::malformed(r, std::string("/passwordless/start response member ") + name + " is not a boolean");
        *target = obj.bool_value(*m);
    }
    return out;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
