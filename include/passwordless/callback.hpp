// passwordless: the magic-link callback, the URL Auth0 redirects the browser (or app) to.
//
// With `send = link`, Auth0 emails a link that ends at your callback URL. parse_callback(url,
// expected_state) reads it: the `state` is compared with the one you sent, in constant time and
// before anything else (state_mismatch otherwise; an empty expected state is invalid_argument);
// then an `error` parameter is classified by the same table as the endpoints' errors
// (classify.hpp); otherwise you get the authorization `code` (query, `response_type=code`; trade
// it with token.hpp's authorization_code_params) or the tokens (fragment, implicit response
// types). Parameters are percent-decoded (`+` is a space); broken escapes, invalid UTF-8, control
// characters, repeated parameters, or a response in both query and fragment are invalid_argument
// with field `url`. Native links (`link_ios`, `link_android`) carry the one-time code for
// login_flow::submit_code.
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

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

namespace detail {

PASSWORDLESS_FUNC std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_digit_value(s[i + 1]);
            const int lo = hex_digit_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

PASSWORDLESS_FUNC bool has_repeated_name(const url_params& params) {
    std::vector<std::string_view> names;
    names.reserve(params.size());
    for (const auto& p : params) names.emplace_back(p.first);
    return has_repeated(names);
}

PASSWORDLESS_FUNC std::optional<error> bad_callback(std::string_view problem) {
    return error::invalid_argument("url", problem);
}

PASSWORDLESS_FUNC std::optional<error> parse_params(std::string_view text, url_params& out) {
    while (!text.empty()) {
        const std::size_t amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq));
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!name || !value) return bad_callback("has a broken percent-encoding");
        if (!is_valid_utf8(*name) || !is_valid_utf8(*value) || has_control(*name) || has_control(*value))
            return bad_callback("has a parameter that is not valid UTF-8 text");
        out.emplace_back(std::move(*name), std::move(*value));
    }
    if (has_repeated_name(out)) return bad_callback("repeats a parameter");
    return std::nullopt;
}

PASSWORDLESS_FUNC const std::string* find_param(const url_params& params, std::string_view name) {
    for (const auto& p : params)
        if (p.first == name) return &p.second;
    return nullptr;
}

PASSWORDLESS_FUNC bool has_response_param(const url_params& params) {
    for (const char* n : {"code", "access_token", "id_token", "error", "state"})
        if (find_param(params, n) != nullptr) return true;
    return false;
}

}  // namespace detail

PASSWORDLESS_FUNC result<callback_result> parse_callback(std::string_view url, std::string_view expected_state,
                                                            const checked_limits& limits) {
    if (expected_state.empty()) return error::invalid_argument("expected_state", "must not be empty");
    if (url.size() > limits.max_token_bytes() * 4) return *detail::bad_callback("is longer than the callback size limit");
    const std::size_t hash = url.find('#');
    const std::string_view before_fragment = url.substr(0, hash);
    const std::size_t question = before_fragment.find('?');
    detail::url_params query;
    detail::url_params fragment;
    if (question != std::string_view::npos)
        if (auto e = detail::parse_params(before_fragment.substr(question + 1), query)) return std::move(*e);
    if (hash != std::string_view::npos)
        if (auto e = detail::parse_params(url.substr(hash + 1), fragment)) return std::move(*e);
    const bool in_query = detail::has_response_param(query);
    const bool in_fragment = detail::has_response_param(fragment);
    if (in_query && in_fragment) return *detail::bad_callback("carries a response in both the query and the fragment");
    const detail::url_params& params = in_fragment ? fragment : query;

    const std::string* state = detail::find_param(params, "state");
    if (state == nullptr || !detail::constant_time_equals(*state, expected_state)) {
        error e = error::make(error_kind::state_mismatch, "the callback's state is missing or differs from the state sent");
        return e;
    }
    if (const std::string* code = detail::find_param(params, "error")) {
        const std::string* description = detail::find_param(params, "error_description");
        return classify_error_code(*code, description ? std::string_view(*description) : std::string_view());
    }
    callback_result out;
    out.state = *state;
    auto take = [&](const char* name, std::optional<std::string>& into) -> bool {
        const std::string* v = detail::find_param(params, name);
        if (v == nullptr) return true;
        if (v->empty()) return false;
        into = *v;
        return true;
    };
    if (!take("code", out.code) || !take("access_token", out.access_token) || !take("id_token", out.id_token) ||
        !take("token_type", out.token_type) || !take("scope", out.scope))
        return *detail::bad_callback("has an empty code, token, token_type or scope");
    if (const std::string* e = detail::find_param(params, "expires_in")) {
        auto seconds = detail::parse_small_decimal(*e);
        if (!seconds) return *detail::bad_callback("has an expires_in that is not a whole number of seconds");
        out.expires_in = *seconds;
    }
    if (!out.code && !out.access_token && !out.id_token)
        return *detail::bad_callback("carries neither a code nor tokens");
    return out;
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
