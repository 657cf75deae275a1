// Fuzz target: parse_userinfo_response and the claim accessors (userinfo.hpp, claims.hpp), the
// parts that read a /userinfo answer.
//
// Input: a framed response (fuzz_common.hpp).
//
// Properties checked (abort on violation):
//  1. Success only for a 2xx whose body the library's reader takes as a JSON object with a
//     non-empty string `sub` and an `updated_at` that is absent, null, a string or a number; the
//     claims' JSON equals that body, and every accessor agrees with the body's member of its type.
//  2. A 2xx failure is malformed_response with the response's status.
//  3. A non-2xx failure is exactly classify_resource_error's verdict (so a 401 without a usable
//     challenge is invalid_access_token).
//  4. Always a well-formed error; no error text quotes the body's `sub` (unless a header has it). A `now` outside 0 to
//     9999-12-31 is invalid_argument, field "now", whatever the response.
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

void check_text(const json& body, const char* name, const std::optional<std::string>& got) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string()) {
        FUZZ_CHECK(!got);
        return;
    }
    FUZZ_CHECK(got && *got == it->get_ref<const std::string&>());
}

void check_flag(const json& body, const char* name, const std::optional<bool>& got) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_boolean()) {
        FUZZ_CHECK(!got);
        return;
    }
    FUZZ_CHECK(got && *got == it->get<bool>());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const response_input in(data, size);
    const pl::response& r = in.response;
    auto claims = pl::parse_userinfo_response(r, in.now, in.limits);
    const std::optional<json> body = r.is_success() ? library_json(r.body, in.limits) : std::nullopt;
    if (claims.ok()) {
        note("claims sub=" + claims->sub());
        FUZZ_CHECK(r.is_success());  // 1
        FUZZ_CHECK(body && body->is_object());
        const json& b = *body;
        auto sub = b.find("sub");
        FUZZ_CHECK(sub != b.end() && sub->is_string() && !sub->get_ref<const std::string&>().empty());
        FUZZ_CHECK(claims->sub() == sub->get_ref<const std::string&>());
        auto updated = b.find("updated_at");
        FUZZ_CHECK(updated == b.end() || updated->is_null() || updated->is_string() || updated->is_number());
        FUZZ_CHECK(claims->json() == b);
        for (const char* name : {"email", "phone_number", "name", "nickname", "picture", "org_id", "org_name"})
            check_text(b, name, claims->string_claim(name));
        check_text(b, "email", claims->email());
        check_text(b, "name", claims->name());
        check_flag(b, "email_verified", claims->email_verified());
        check_flag(b, "phone_number_verified", claims->phone_number_verified());
        if (updated != b.end() && updated->is_string()) FUZZ_CHECK(claims->updated_at() == updated->get<std::string>());
        if (updated == b.end() || updated->is_null()) FUZZ_CHECK(!claims->updated_at());
        return 0;
    }
    const pl::error& e = claims.failure();
    note(describe(e));
    check_error_shape(e);  // 4
    if (!pl::is_valid_time(in.now)) {
        FUZZ_CHECK(e.kind == pl::error_kind::invalid_argument && e.field == "now");
    } else if (r.is_success()) {
        FUZZ_CHECK(e.kind == pl::error_kind::malformed_response);  // 2
        FUZZ_CHECK(e.status == r.status);
    } else {
        FUZZ_CHECK(same_visible_error(e, pl::classify_resource_error(r, in.now, in.limits)));  // 3
    }
    if (body && body->is_object()) {
        auto sub = body->find("sub");
        bool in_headers = false;  // a header the message may name (a content type) can carry it too
        if (sub != body->end() && sub->is_string())
            for (const pl::header& h : r.headers) in_headers = in_headers || h.value.find(sub->get_ref<const std::string&>()) != std::string::npos;
        if (sub != body->end() && sub->is_string() && sub->get_ref<const std::string&>().size() >= 8 && !in_headers) {
            // The message may hold the sub's text only when it does not come from the body: with
            // every copy of it in the body scrambled, the message must still hold it.
            const std::string& value = sub->get_ref<const std::string&>();
            if (all_text(e).find(value) != std::string::npos && r.body.find(value) != std::string::npos) {
                pl::response scrambled = r;
                std::string other(value.size(), 'q');
                for (std::size_t i = 0; i < other.size(); ++i) if (value[i] == 'q') other[i] = 'x';
                for (std::size_t at = 0; (at = scrambled.body.find(value, at)) != std::string::npos; at += other.size())
                    scrambled.body.replace(at, value.size(), other);
                auto again = pl::parse_userinfo_response(scrambled, in.now, in.limits);
                if (!again.ok()) FUZZ_CHECK(all_text(again.failure()).find(value) != std::string::npos);
            }
        }
    }
    return 0;
}
