// Fuzz target: parse_token_response (the answer to POST /oauth/token) together with the error
// classifier (classify_error_response, classify_error, classify_error_code, Retry-After and
// x-ratelimit-* reading).
//
// Input: a framed response (see fuzz_common.hpp): "<status> [<now>]", header lines, an empty
// line, then the body.
//
// Properties checked (abort on violation):
//  1. Success only for a 2xx whose body the library reads as one JSON object, with non-empty
//     string access_token and token_type equal to the body's; refresh_token, id_token and scope
//     equal to the body's members (null = absent); no token over max_token_bytes; expires_in a
//     whole number in [0, ten years] equal to the body's value and expires_at = now + expires_in.
//  2. `now` outside [0, 9999-12-31] is invalid_argument "now"; otherwise a 2xx failure is
//     malformed_response with the status, and a non-2xx failure is exactly the classifier's.
//  3. The classifier: the kind comes from the first matching row of error_rules (or is
//     unknown_error / unexpected_response); a code is reported only when it looks like a code;
//     retry_at only for rate_limited, server_error and the polling kinds of poll_waits, and for
//     rate_limited a plain Retry-After delay d gives now + d; a polling kind waits at least its
//     row's delay (longer only by Retry-After); mfa_requirements only on mfa_required, capped;
//     the callback classifier agrees on the same code and description. The MFA grants
//     (mfa_otp, mfa_oob, mfa_recovery) are classified like the others, by grant family.
//  4. Every error is well formed (check_error_shape).
//  5. Secrets never shape a message: scrambling every secret member's value leaves the visible
//     error unchanged (and a success stays a success with the scrambled tokens).
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

void check_text_member(const json& body, const char* name, const std::optional<std::string>& got) {
    check_string_member(body, name, got);
    if (got) FUZZ_CHECK(got->size() <= pl::client_limits{}.max_token_bytes);
}

// The number a JSON expires_in stands for, when it is a whole number in range.
bool expires_in_matches(const json& v, std::int64_t got) {
    if (v.is_number_unsigned()) return v.get<json::number_unsigned_t>() == static_cast<std::uint64_t>(got);
    if (v.is_number_integer()) return v.get<json::number_integer_t>() == got;
    if (v.is_number_float()) return v.get<double>() == static_cast<double>(got);
    if (const std::string* s = v.get_ptr<const std::string*>()) {
        // "3600" or "3600.000": the digits before the point.
        const std::string digits = s->substr(0, s->find('.'));
        return !digits.empty() && digits.size() <= 12 && parse_int(digits, -1) == got;
    }
    return false;
}

bool looks_like_code(const std::string& s) {
    if (s.empty() || s.size() > 256) return false;
    for (char c : s)
        if (c <= ' ' || c > '~' || c == '"' || c == '\\') return false;
    return true;
}

const std::string* string_member(const json& body, const char* name) {
    auto it = body.find(name);
    return it == body.end() ? nullptr : it->get_ptr<const std::string*>();
}

// The code and description of an error body, by the documented precedence (classify.hpp):
// code = errorCode > error (when it looks like a code) > code > error_code; description =
// error_description > description > message > error (when error was not the code).
std::optional<std::pair<std::string, std::string>> reference_error_body(const json& body) {
    const std::string* error_member = string_member(body, "error");
    const std::string* code = nullptr;
    bool error_is_code = false;
    for (const char* name : {"errorCode", "error", "code", "error_code"}) {
        const std::string* c = string_member(body, name);
        if (c && looks_like_code(*c)) {
            code = c;
            error_is_code = c == error_member;
            break;
        }
    }
    if (code == nullptr) return std::nullopt;
    const std::string* description = nullptr;
    for (const char* name : {"error_description", "description", "message"})
        if ((description = string_member(body, name)) != nullptr) break;
    if (description == nullptr && error_member && !error_is_code) description = error_member;
    return std::make_pair(*code, description ? *description : std::string());
}

// The first row of the table that matches, computed here independently of classify_error.
pl::error_kind reference_kind(const std::optional<std::string>& code, std::string_view description, int status,
                              pl::token_grant grant = pl::token_grant::unspecified) {
    for (const pl::error_rule& rule : pl::error_rules) {
        if ((rule.grants & pl::grants(grant)) == 0) continue;
        if (!rule.code.empty() && (!code || *code != rule.code)) continue;
        if (!rule.description.empty()) {
            const std::string hay = pl::detail::ascii_lowercase(description);
            const std::string needle = pl::detail::ascii_lowercase(rule.description);
            if (hay.find(needle) == std::string::npos) continue;
        }
        if (rule.status_min != 0 && (status < rule.status_min || status > rule.status_max)) continue;
        return rule.kind;
    }
    return code ? pl::error_kind::unknown_error : pl::error_kind::unexpected_response;
}

void check_classified(const pl::response& r, pl::unix_seconds now, const pl::error& e,
                      pl::token_grant grant = pl::token_grant::unspecified) {
    FUZZ_CHECK(e.status == r.status);
    if (r.status < 100 || r.status > 599) {
        FUZZ_CHECK(e.kind == pl::error_kind::unexpected_response);
        return;
    }
    if (e.code) FUZZ_CHECK(looks_like_code(*e.code));
    const pl::poll_wait* poll = nullptr;
    for (const pl::poll_wait& w : pl::poll_waits)
        if (w.kind == e.kind) poll = &w;
    if (e.retry_at) FUZZ_CHECK(e.kind == pl::error_kind::rate_limited || e.kind == pl::error_kind::server_error || poll != nullptr);
    if (poll != nullptr) {
        FUZZ_CHECK(e.retry_at && *e.retry_at >= now + poll->least);
        if (!r.find_header("retry-after")) FUZZ_CHECK(*e.retry_at == now + poll->least);
    }
    if (e.kind == pl::error_kind::rate_limited) {
        auto ra = r.find_header("retry-after");
        if (ra) {
            if (auto d = pl::detail::parse_small_decimal(pl::detail::trim_ows(*ra))) {
                FUZZ_CHECK(e.retry_at);
                FUZZ_CHECK(*e.retry_at >= now);
                FUZZ_CHECK(*e.retry_at - now == *d || *e.retry_at == INT64_MAX);
            }
        }
    }
    // The table, read again from the body by this target's own reading of the body shapes.
    std::optional<std::string> code;
    std::string description;
    if (r.body.size() <= pl::client_limits{}.max_body_bytes && pl::detail::body_may_be_json(r)) {
        if (auto body = library_json(r.body)) {
            if (body->is_object()) {
                if (auto shape = reference_error_body(*body)) {
                    code = shape->first;
                    description = shape->second;
                }
            }
        }
    }
    FUZZ_CHECK(e.code == code);
    FUZZ_CHECK(e.kind == reference_kind(code, description, r.status, grant));
    if (grant != pl::token_grant::unspecified) return;
    if (code && r.status != 429 && (r.status < 500 || r.status > 599)) {
        const pl::error cb = pl::classify_error_code(*code, description);
        check_error_shape(cb);
        FUZZ_CHECK(cb.kind == e.kind);
        FUZZ_CHECK(cb.code == code);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const response_input in(data, size);
    const pl::response& r = in.response;
    const pl::checked_limits& limits = in.limits;

    auto got = pl::parse_token_response(r, in.now, limits);
    const bool now_ok = pl::is_valid_time(in.now);
    note_result(got, [](const pl::token_set& v) {
        return std::to_string(fnv1a(v.access_token)) + " " + v.token_type + " " + number_or_dash(v.expires_in) + " " +
               number_or_dash(v.expires_at) + " " + std::to_string(fnv1a(v.refresh_token.value_or("-"))) + " " +
               std::to_string(fnv1a(v.id_token.value_or("-"))) + " " + text_or_dash(v.scope);
    });
    if (verdicts_wanted()) note(describe(pl::classify_error_response(r, in.now, limits)));
    // The grant only decides an invalid_grant the description does not refine (PROTOCOL.md 9.1).
    if (!r.is_success() && pl::is_valid_time(in.now))
        for (pl::token_grant g : pl::all_grants) {
            if (g == pl::token_grant::unspecified) continue;
            auto by_grant = pl::parse_token_response(r, g, in.now, limits);
            FUZZ_CHECK(!by_grant.ok());
            check_classified(r, in.now, by_grant.failure(), g);
            FUZZ_CHECK(pl::kind_fits_grant(by_grant.failure().kind, g));
            if (by_grant.failure().code == std::string("invalid_grant")) FUZZ_CHECK(by_grant.failure().kind != pl::error_kind::unknown_error);
        }

    if (got.ok()) {  // 1
        FUZZ_CHECK(now_ok);
        FUZZ_CHECK(r.is_success());
        auto body = library_json(r.body, limits);
        FUZZ_CHECK(body && body->is_object());
        FUZZ_CHECK(!json::parse(r.body, nullptr, false).is_discarded());
        FUZZ_CHECK(!got->access_token.empty() && !got->token_type.empty());
        check_text_member(*body, "access_token", got->access_token);
        check_text_member(*body, "token_type", got->token_type);
        check_text_member(*body, "refresh_token", got->refresh_token);
        check_text_member(*body, "id_token", got->id_token);
        check_text_member(*body, "scope", got->scope);
        check_text_member(*body, "recovery_code", got->recovery_code);
        if (got->refresh_token) FUZZ_CHECK(!got->refresh_token->empty());
        if (got->id_token) FUZZ_CHECK(!got->id_token->empty());
        auto exp = body->find("expires_in");
        if (exp == body->end() || exp->is_null()) {
            FUZZ_CHECK(!got->expires_in && !got->expires_at);
        } else {
            FUZZ_CHECK(got->expires_in && got->expires_at);
            FUZZ_CHECK(*got->expires_in >= 0 && *got->expires_in <= pl::max_expires_in);
            FUZZ_CHECK(expires_in_matches(*exp, *got->expires_in));
            FUZZ_CHECK(*got->expires_at == in.now + *got->expires_in);
        }
        // 5: the same body with other secret values parses to those values.
        if (auto scrambled = with_secrets_scrambled(*body)) {
            auto other = pl::parse_token_response(with_body(r, *scrambled), in.now, limits);
            FUZZ_CHECK(other.ok());
            FUZZ_CHECK(other->access_token == scramble(got->access_token));
        }
        return 0;
    }

    const pl::error& e = got.failure();
    check_error_shape(e);  // 4
    if (!now_ok) {         // 2
        FUZZ_CHECK(e.kind == pl::error_kind::invalid_argument && e.field == "now");
        return 0;
    }
    if (r.is_success()) {
        FUZZ_CHECK(e.kind == pl::error_kind::malformed_response);
        FUZZ_CHECK(e.status == r.status);
    } else {
        const pl::error classified = pl::classify_error_response(r, in.now, limits);
        FUZZ_CHECK(same_visible_error(e, classified));
        check_classified(r, in.now, e);  // 3
    }

    // 5
    if (auto parsed = library_json(r.body, limits)) {
        if (auto scrambled = with_secrets_scrambled(*parsed)) {
            auto other = pl::parse_token_response(with_body(r, *scrambled), in.now, limits);
            FUZZ_CHECK(!other.ok());
            FUZZ_CHECK(same_visible_error(e, other.failure()));
        }
    }
    return 0;
}
