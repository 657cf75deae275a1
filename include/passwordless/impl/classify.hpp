// passwordless: the definitions of passwordless/classify.hpp's functions. passwordless/classify.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_CLASSIFY_HPP
#define PASSWORDLESS_IMPL_CLASSIFY_HPP

#include "passwordless/classify.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC error_kind classify_error(const std::optional<std::string_view>& code,
                                               std::string_view description, int status,
                                               token_grant grant) noexcept {
    for (const error_rule& rule : error_rules) {
        if ((rule.grants & grants(grant)) == 0) continue;
        if (!rule.code.empty() && (!code || *code != rule.code)) continue;
        if (!rule.description.empty() && !detail::contains_ignoring_case(description, rule.description)) continue;
        if (rule.status_min != 0 && (status < rule.status_min || status > rule.status_max)) continue;
        return rule.kind;
    }
    return code ? error_kind::unknown_error : error_kind::unexpected_response;
}

namespace detail {

PASSWORDLESS_FUNC bool looks_like_code(std::string_view s) noexcept {
    if (s.empty() || s.size() > 256) return false;
    for (char c : s)
        if (c <= ' ' || c > '~' || c == '"' || c == '\\') return false;
    return true;
}

}  // namespace detail

PASSWORDLESS_FUNC error classify_error_code(std::string_view code, std::string_view description) {
    if (!detail::looks_like_code(code)) {
        error e = error::make(classify_error(std::nullopt, description, 0), detail::sanitize_server_text(description));
        if (e.description.empty()) e.description = "the server answered with an error that is not a well-formed error code";
        return e;
    }
    error e = error::make(classify_error(code, description, 0), detail::sanitize_server_text(description));
    e.code = std::string(code);
    if (e.description.empty()) e.description = "the server answered with error code " + std::string(code);
    return e;
}

PASSWORDLESS_FUNC std::optional<rate_limit_info> read_rate_limit(const response& r) {
    rate_limit_info info;
    auto number = [&](std::string_view name) -> std::optional<std::int64_t> {
        auto v = r.find_header(name);
        if (!v) return std::nullopt;
        return detail::parse_small_decimal(detail::trim_ows(*v));
    };
    info.limit = number("x-ratelimit-limit");
    info.remaining = number("x-ratelimit-remaining");
    info.reset = number("x-ratelimit-reset");
    if (!info.limit && !info.remaining && !info.reset) return std::nullopt;
    return info;
}

PASSWORDLESS_FUNC std::optional<unix_seconds> read_retry_after(const response& r, unix_seconds now) {
    auto v = r.find_header("retry-after");
    if (!v) return std::nullopt;
    const std::string_view text = detail::trim_ows(*v);
    if (auto delay = detail::parse_small_decimal(text)) {
        if (now > (std::numeric_limits<unix_seconds>::max)() - *delay) return (std::numeric_limits<unix_seconds>::max)();
        return now + *delay;
    }
    return detail::parse_http_date(text);
}

namespace detail {

PASSWORDLESS_FUNC error_body read_error_body(const flat_object& body) {
    error_body out;
    const std::optional<std::string> error_member = body.string_member("error");
    bool error_is_code = false;
    if (auto c = body.string_member("errorCode"); c && looks_like_code(*c)) {
        out.code = std::move(c);
    } else if (error_member && looks_like_code(*error_member)) {
        out.code = error_member;
        error_is_code = true;
    } else if (auto c2 = body.string_member("code"); c2 && looks_like_code(*c2)) {
        out.code = std::move(c2);
    } else if (auto c3 = body.string_member("error_code"); c3 && looks_like_code(*c3)) {
        out.code = std::move(c3);
    }
    for (const char* name : {"error_description", "description", "message"}) {
        if (auto d = body.string_member(name)) {
            out.description = std::move(d);
            break;
        }
    }
    if (!out.description && error_member && !error_is_code) out.description = error_member;
    if (auto t = body.string_member("mfa_token")) out.mfa_token = std::move(*t);
    return out;
}

}  // namespace detail

PASSWORDLESS_FUNC error classify_error_response(const response& r, unix_seconds now,
                                                   const checked_limits& limits,
                                                   token_grant grant) {
    if (r.status < 100 || r.status > 599) {
        error e = error::make(error_kind::unexpected_response,
                              "HTTP status " + std::to_string(r.status) + " is outside 100-599");
        e.status = r.status;
        return e;
    }
    detail::error_body body;
    bool have_body = false;
    if (r.body.size() <= limits.max_body_bytes() && !detail::is_blank(r.body) && detail::body_may_be_json(r)) {
        detail::flat_object parsed;
        bool is_object = false;
        if (detail::flat_object::scan(r.body, limits.max_body_bytes(), limits.max_json_depth(), parsed, is_object) ==
                detail::json_read_status::ok &&
            is_object) {
            body = detail::read_error_body(parsed);
            have_body = body.code.has_value();
        }
    }

    std::optional<std::string_view> code;
    if (have_body) code = *body.code;
    const error_kind kind = classify_error(code, body.description.value_or(std::string()), r.status, grant);

    error e;
    if (have_body) {
        e = error::make(kind, detail::sanitize_server_text(body.description.value_or(std::string())));
        e.code = std::move(body.code);
        if (e.description.empty()) e.description = "the server answered with error code " + *e.code;
    } else {
        e = error::make(kind, "HTTP " + std::to_string(r.status) + " response without an Auth0 error body (" +
                                  detail::content_type_label(r) + ")");
    }
    e.status = r.status;
    e.rate_limit = read_rate_limit(r);
    if (kind == error_kind::rate_limited) {
        e.retry_at = read_retry_after(r, now);
        if (!e.retry_at && e.rate_limit && e.rate_limit->reset) e.retry_at = e.rate_limit->reset;
    } else if (kind == error_kind::server_error) {
        e.retry_at = read_retry_after(r, now);
    }
    if (kind == error_kind::mfa_required) e.mfa_token = std::move(body.mfa_token);
    if (kind == error_kind::dpop_nonce_required) e.dpop_nonce = read_dpop_nonce(r).value_or(std::string());
    return e;
}

PASSWORDLESS_NAMESPACE_END

#endif

#endif
