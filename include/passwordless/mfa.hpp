// passwordless: the MFA API that follows an mfa_required answer (PROTOCOL.md 10.2): list the
// user's authenticators (GET /mfa/authenticators) and challenge one (POST /mfa/challenge). The
// grants that finish the login (mfa-otp, mfa-oob, mfa-recovery-code) are in token.hpp; the login
// state machine drives all of it with flow_config::mfa (flow.hpp).
//
// The mfa_token (from error::mfa_token) is a secret: it goes into the Authorization header or the
// body, never into an error message. An authenticator list is untrusted input: an entry without a
// string `id` or `authenticator_type` is skipped and counted, as are entries beyond
// max_mfa_authenticators; `oob_channel` is read from `oob_channel` or, as the reference page and
// auth0-auth-js spell it, `oob_channels` (a string or an array: its first string). A 2xx body that
// is not a JSON array is malformed_response; bodies over the client's max_body_bytes are refused
// unread. Error answers go through classify_error_response: `association_required` and
// `unsupported_challenge_type` are mfa_enrollment_required, `expired_token` and an invalid_grant
// about the mfa_token are mfa_token_invalid.
#ifndef PASSWORDLESS_MFA_HPP
#define PASSWORDLESS_MFA_HPP

#include <cstddef>
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
#include "passwordless/limits.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// One enrolled authenticator. Optional members are set only when the entry had them (with
/// their type); authenticator_type and oob_channel are kept as sent.
struct mfa_authenticator {
    std::string id;                  ///< pass to a challenge as authenticator_id
    std::string authenticator_type;  ///< "otp", "oob", "recovery-code", ...
    std::optional<bool> active;
    std::optional<std::string> oob_channel;  ///< "sms", "voice", "email", "auth0" (push), ...
    std::optional<std::string> name;         ///< e.g. a masked phone number
    std::optional<std::string> type;
};

/// The answer to GET /mfa/authenticators, in document order.
struct mfa_authenticator_list {
    std::vector<mfa_authenticator> authenticators;
    std::size_t skipped = 0;  ///< entries without a usable id or authenticator_type, or beyond the cap
};

/// At most this many authenticators are kept from one list; the rest are counted as skipped.
inline constexpr std::size_t max_mfa_authenticators = 64;

/// The challenge types POST /mfa/challenge takes (challenge_type is one, or several separated by
/// single spaces).
inline constexpr std::string_view mfa_challenge_types[] = {"otp", "oob"};

/// Inputs of POST /mfa/challenge.
struct mfa_challenge_params {
    std::string mfa_token;
    std::optional<std::string> challenge_type;    ///< "otp", "oob" or "otp oob"; absent: the server chooses
    std::optional<std::string> authenticator_id;  ///< an mfa_authenticator::id; absent: the default one
};

/// The answer to POST /mfa/challenge.
struct mfa_challenge {
    std::string challenge_type;                ///< "otp" or "oob", as sent
    std::optional<std::string> oob_code;       ///< oob: for the mfa-oob grant (a secret)
    std::optional<std::string> binding_method; ///< "prompt": the user must type the code sent (SMS, voice, email)
};

/// GET {base}/mfa/authenticators with `authorization: Bearer <mfa_token>`. An mfa_token that is
/// empty, too long or not printable ASCII is invalid_argument with field mfa_token.
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_mfa_authenticators_request(const client& c, std::string_view mfa_token);

/// Reads the answer to GET /mfa/authenticators (see the opening comment). `now` (Unix seconds)
/// dates the retry_at of error answers.
[[nodiscard]] PASSWORDLESS_FUNC result<mfa_authenticator_list> parse_mfa_authenticators_response(const response& r, unix_seconds now,
                                                                                      const checked_limits& limits = {});

/// POST {base}/mfa/challenge, a JSON body with client_id, mfa_token, challenge_type and
/// authenticator_id (when set) and the client's secret or assertion. invalid_argument names the
/// member (mfa_token, challenge_type, authenticator_id).
[[nodiscard]] PASSWORDLESS_FUNC result<request> build_mfa_challenge_request(const client& c, const mfa_challenge_params& p);

/// Reads the answer to POST /mfa/challenge: a JSON object with a string challenge_type; an oob
/// challenge without a string oob_code is malformed_response.
[[nodiscard]] PASSWORDLESS_FUNC result<mfa_challenge> parse_mfa_challenge_response(const response& r, unix_seconds now,
                                                                        const checked_limits& limits = {});

/// True when `s` is one challenge type of mfa_challenge_types, or several separated by single spaces.
[[nodiscard]] PASSWORDLESS_FUNC bool is_mfa_challenge_type_list(std::string_view s) noexcept;

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

// A member of an authenticator entry as a bounded string, if it is one.
PASSWORDLESS_FUNC std::optional<std::string> bounded_string(const json& entry, std::string_view name, std::size_t max) {
    const std::string* s = find_string(entry, name);
    if (s == nullptr || s->size() > max) return std::nullopt;
    return *s;
}

}  // namespace detail

PASSWORDLESS_FUNC result<request> build_mfa_authenticators_request(const client& c, std::string_view mfa_token) {
    if (auto e = detail::check_header_text("mfa_token", mfa_token, c.limits().max_token_bytes(), false)) return std::move(*e);
    request r;
    r.method = "GET";
    r.url = c.endpoint_url("/mfa/authenticators");
    r.headers.push_back({"accept", "application/json"});
    r.headers.push_back({"authorization", "Bearer " + std::string(mfa_token)});
    if (!c.telemetry_header().empty()) r.headers.push_back({"auth0-client", c.telemetry_header()});
    return r;
}

PASSWORDLESS_FUNC result<mfa_authenticator_list> parse_mfa_authenticators_response(const response& r, unix_seconds now,
                                                                                      const checked_limits& limits) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (!r.is_success()) return classify_error_response(r, now, limits);
    if (r.body.size() > limits.max_body_bytes())
        return detail::malformed(r, "the /mfa/authenticators response is larger than the body limit");
    if (!detail::body_may_be_json(r)) return detail::malformed(r, "the /mfa/authenticators response is not plain JSON");
    const detail::json_read_result parsed = detail::read_json(r.body, limits.max_body_bytes(), limits.max_json_depth());
    if (parsed.status != detail::json_read_status::ok)
        return detail::malformed(r, std::string("the /mfa/authenticators response is ") + detail::describe(parsed.status));
    if (!parsed.value.is_array()) return detail::malformed(r, "the /mfa/authenticators response is not a JSON array");
    const std::size_t max = limits.max_input_bytes();
    mfa_authenticator_list out;
    for (const detail::json& entry : parsed.value) {
        std::optional<std::string> id, type;
        if (entry.is_object() && out.authenticators.size() < max_mfa_authenticators) {
            id = detail::bounded_string(entry, "id", max);
            type = detail::bounded_string(entry, "authenticator_type", max);
        }
        if (!id || id->empty() || !type || type->empty()) {
            ++out.skipped;
            continue;
        }
        mfa_authenticator a;
        a.id = std::move(*id);
        a.authenticator_type = std::move(*type);
        if (auto active = entry.find("active"); active != entry.end() && active->is_boolean())
            a.active = active->get_ref<const detail::json::boolean_t&>();
        a.oob_channel = detail::bounded_string(entry, "oob_channel", max);
        if (!a.oob_channel) {
            auto channels = entry.find("oob_channels");
            if (channels != entry.end() && channels->is_string()) {
                a.oob_channel = detail::bounded_string(entry, "oob_channels", max);
            } else if (channels != entry.end() && channels->is_array()) {
                for (const detail::json& ch : *channels) {
                    const std::string* s = ch.get_ptr<const std::string*>();
                    if (s == nullptr || s->size() > max) continue;
                    a.oob_channel = *s;
                    break;
                }
            }
        }
        a.name = detail::bounded_string(entry, "name", max);
        a.type = detail::bounded_string(entry, "type", max);
        out.authenticators.push_back(std::move(a));
    }
    return out;
}

PASSWORDLESS_FUNC bool is_mfa_challenge_type_list(std::string_view s) noexcept {
    if (s.empty()) return false;
    while (true) {
        const std::size_t space = s.find(' ');
        const std::string_view word = s.substr(0, space);
        bool known = false;
        for (std::string_view t : mfa_challenge_types) known = known || word == t;
        if (!known) return false;
        if (space == std::string_view::npos) return true;
        s.remove_prefix(space + 1);
    }
}

PASSWORDLESS_FUNC result<request> build_mfa_challenge_request(const client& c, const mfa_challenge_params& p) {
    const std::size_t max = c.limits().max_input_bytes();
    if (auto e = detail::check_header_text("mfa_token", p.mfa_token, c.limits().max_token_bytes(), false)) return std::move(*e);
    if (p.challenge_type) {
        if (auto e = detail::check_header_text("challenge_type", *p.challenge_type, max, true)) return std::move(*e);
        if (!is_mfa_challenge_type_list(*p.challenge_type))
            return error::invalid_argument("challenge_type", "must be otp, oob, or both separated by a space");
    }
    if (p.authenticator_id)
        if (auto e = detail::check_header_text("authenticator_id", *p.authenticator_id, max, false)) return std::move(*e);
    const client_config& cfg = c.config();
    detail::body_writer w(false);
    w.add("client_id", c.client_id());
    w.add("mfa_token", p.mfa_token);
    if (p.challenge_type) w.add("challenge_type", *p.challenge_type);
    if (p.authenticator_id) w.add("authenticator_id", *p.authenticator_id);
    detail::add_client_credentials(w, cfg.client_secret, cfg.client_assertion, true);
    return detail::make_post(c.endpoint_url("/mfa/challenge"), c.telemetry_header(), std::move(w).finish(), "application/json");
}

PASSWORDLESS_FUNC result<mfa_challenge> parse_mfa_challenge_response(const response& r, unix_seconds now, const checked_limits& limits) {
    if (auto e = detail::check_now(now)) return std::move(*e);
    if (!r.is_success()) return classify_error_response(r, now, limits);
    result<detail::flat_object> body = detail::read_success_object(r, limits, false, "/mfa/challenge");
    if (!body.ok()) return std::move(body).failure();
    const detail::flat_object& obj = body.value();
    auto text = [&](const char* name, std::size_t max, std::optional<std::string>& out) -> std::optional<error> {
        const detail::flat_member* m = obj.find(name);
        if (m == nullptr || m->kind == detail::json_kind::null) return std::nullopt;
        if (m->kind != detail::json_kind::string || m->value_size > max)
            return detail::malformed(r, std::string("/mfa/challenge response member ") + name + " is not a string within the size limit");
        out = obj.string_value(*m);
        return std::nullopt;
    };
    std::optional<std::string> type;
    mfa_challenge c;
    if (auto e = text("challenge_type", limits.max_input_bytes(), type)) return std::move(*e);
    if (!type || type->empty()) return detail::malformed(r, "/mfa/challenge response has no challenge_type");
    c.challenge_type = std::move(*type);
    if (auto e = text("oob_code", limits.max_token_bytes(), c.oob_code)) return std::move(*e);
    if (auto e = text("binding_method", limits.max_input_bytes(), c.binding_method)) return std::move(*e);
    if (c.challenge_type == "oob" && (!c.oob_code || c.oob_code->empty()))
        return detail::malformed(r, "/mfa/challenge response is an oob challenge without an oob_code");
    return c;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
