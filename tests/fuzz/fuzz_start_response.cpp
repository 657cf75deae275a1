// Fuzz target: parse_start_response (the answer to POST /passwordless/start), and through it the
// error classifier for every non-2xx answer.
//
// Input: a framed response (see fuzz_common.hpp): "<status> [<now>]", header lines, an empty
// line, then the body.
//
// Properties checked (abort on violation):
//  1. Success only for a 2xx whose body is blank or one JSON object the library reads (size and
//     depth caps, no duplicate names, no BOM, JSON or +json content type, no content encoding);
//     each returned member equals the body's member of that name, and has its type.
//  2. A 2xx failure is malformed_response carrying the status; a non-2xx failure is exactly what
//     classify_error_response says for the same response.
//  3. Every error is well formed (fuzz_common.hpp: check_error_shape).
//  4. Secrets never shape a message: scrambling the value of every secret member (mfa_token,
//     tokens) leaves the visible error unchanged.
//  5. Parsing is deterministic (the same response twice gives the same answer).
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

void check_flag(const json& body, const char* name, const std::optional<bool>& got) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        FUZZ_CHECK(!got);
        return;
    }
    FUZZ_CHECK(it->is_boolean());
    FUZZ_CHECK(got && *got == it->get<bool>());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const response_input in(data, size);
    const pl::response& r = in.response;
    const pl::checked_limits& limits = in.limits;

    auto got = pl::parse_start_response(r, in.now, limits);
    auto again = pl::parse_start_response(r, in.now, limits);
    note_result(got, [](const pl::start_result& v) {
        return text_or_dash(v.id) + " " + text_or_dash(v.email) + " " + text_or_dash(v.phone_number) + " " +
               flag_or_dash(v.email_verified) + flag_or_dash(v.phone_verified);
    });
    FUZZ_CHECK(got.ok() == again.ok());  // 5

    if (got.ok()) {  // 1
        FUZZ_CHECK(r.is_success());
        FUZZ_CHECK(r.body.size() <= limits.max_body_bytes());
        FUZZ_CHECK(pl::detail::body_may_be_json(r) || pl::detail::is_blank(r.body));
        json body = json::object();
        if (!pl::detail::is_blank(r.body)) {
            auto parsed = library_json(r.body, limits);
            FUZZ_CHECK(parsed && parsed->is_object());
            // nlohmann's own parser agrees that this is JSON.
            FUZZ_CHECK(!json::parse(r.body, nullptr, false).is_discarded());
            body = std::move(*parsed);
        }
        check_string_member(body, "_id", got->id);
        check_string_member(body, "email", got->email);
        check_string_member(body, "phone_number", got->phone_number);
        check_flag(body, "email_verified", got->email_verified);
        check_flag(body, "phone_verified", got->phone_verified);
        FUZZ_CHECK(got->id == again->id && got->email == again->email);
        return 0;
    }

    const pl::error& e = got.failure();
    check_error_shape(e);  // 3
    FUZZ_CHECK(same_visible_error(e, again.failure()));
    if (r.is_success()) {  // 2
        FUZZ_CHECK(e.kind == pl::error_kind::malformed_response);
        FUZZ_CHECK(e.status == r.status);
    } else {
        const pl::error classified = pl::classify_error_response(r, in.now, limits);
        FUZZ_CHECK(same_visible_error(e, classified));
        FUZZ_CHECK(e.mfa_token == classified.mfa_token);
        FUZZ_CHECK(e.status == r.status);
        if (e.retry_at) FUZZ_CHECK(e.kind == pl::error_kind::rate_limited || e.kind == pl::error_kind::server_error);
    }

    // 4
    if (auto parsed = library_json(r.body, limits)) {
        if (auto scrambled = with_secrets_scrambled(*parsed)) {
            auto other = pl::parse_start_response(with_body(r, *scrambled), in.now, limits);
            FUZZ_CHECK(!other.ok());
            FUZZ_CHECK(same_visible_error(e, other.failure()));
        }
    }
    return 0;
}
