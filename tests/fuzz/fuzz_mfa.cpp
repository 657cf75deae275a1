// Fuzz target: the MFA API (mfa.hpp): parse_mfa_authenticators_response and
// parse_mfa_challenge_response on the same response, and both builders fed the input's text.
//
// Input: a framed response (see fuzz_common.hpp): "<status> [<now>]", header lines, an empty
// line, then the body.
//
// Properties checked (abort on violation):
//  1. The list parses only from a 2xx body the library reads as a JSON array; the kept entries
//     are exactly those this target's own reading calls usable (an object, string id and
//     authenticator_type, non-empty, within max_input_bytes), in order, at most
//     max_mfa_authenticators; `skipped` counts every other element; oob_channel is oob_channel,
//     else oob_channels (a string, or the first string of an array); active, name and type equal
//     the entry's when they have their types.
//  2. The challenge parses only from a 2xx JSON object with a non-empty string challenge_type
//     (and, for oob, a non-empty string oob_code); members equal the body's.
//  3. `now` outside [0, 9999-12-31] is invalid_argument "now"; a 2xx failure is
//     malformed_response; a non-2xx failure is exactly classify_error_response's.
//  4. Every error is well formed (check_error_shape), and scrambling every secret member
//     (mfa_token, oob_code, tokens) changes no visible error.
//  5. The builders, given the body's first line as mfa_token and authenticator_id, either refuse
//     with invalid_argument naming that member (never quoting it) or build a request whose
//     headers hold no control character and whose JSON body round-trips the values.
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

// This target's own reading of one list entry: usable or not.
bool usable_entry(const json& e, std::size_t max) {
    if (!e.is_object()) return false;
    const std::string* id = find_string(e, "id");
    const std::string* type = find_string(e, "authenticator_type");
    return id && type && !id->empty() && !type->empty() && id->size() <= max && type->size() <= max;
}

std::optional<std::string> expected_channel(const json& e, std::size_t max) {
    const std::string* direct = find_string(e, "oob_channel");
    if (direct && direct->size() <= max) return *direct;
    auto it = e.find("oob_channels");
    if (it == e.end()) return std::nullopt;
    if (const std::string* s = it->get_ptr<const std::string*>()) return s->size() <= max ? std::optional<std::string>(*s) : std::nullopt;
    if (it->is_array())
        for (const json& ch : *it)
            if (const std::string* s = ch.get_ptr<const std::string*>(); s && s->size() <= max) return *s;
    return std::nullopt;
}

void check_failure(const pl::response& r, pl::unix_seconds now, const pl::error& e, const pl::checked_limits& limits) {
    check_error_shape(e);
    if (!pl::is_valid_time(now)) {
        FUZZ_CHECK(e.kind == pl::error_kind::invalid_argument && e.field == "now");
        return;
    }
    if (r.is_success()) {
        FUZZ_CHECK(e.kind == pl::error_kind::malformed_response);
        FUZZ_CHECK(e.status == r.status);
    } else {
        FUZZ_CHECK(same_visible_error(e, pl::classify_error_response(r, now, limits)));
    }
}

template <class Parse>
void check_scrambled(const pl::response& r, const pl::error& e, const pl::checked_limits& limits, Parse&& parse) {
    if (auto parsed = library_json(r.body, limits))
        if (parsed->is_object())
            if (auto scrambled = with_secrets_scrambled(*parsed)) {
                auto other = parse(with_body(r, *scrambled));
                FUZZ_CHECK(!other.ok());
                FUZZ_CHECK(same_visible_error(e, other.failure()));
            }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const response_input in(data, size);
    const pl::response& r = in.response;
    const pl::checked_limits& limits = in.limits;
    const std::size_t max = limits.max_input_bytes();

    // 1
    auto list = pl::parse_mfa_authenticators_response(r, in.now, limits);
    note_result(list, [](const pl::mfa_authenticator_list& l) {
        std::string out = "skipped=" + std::to_string(l.skipped);
        for (const auto& a : l.authenticators)
            out += " " + a.id + "/" + a.authenticator_type + "/" + flag_or_dash(a.active) + "/" + text_or_dash(a.oob_channel) + "/" +
                   text_or_dash(a.name) + "/" + text_or_dash(a.type);
        return out;
    });
    if (list.ok()) {
        FUZZ_CHECK(pl::is_valid_time(in.now) && r.is_success());
        auto body = library_json(r.body, limits);
        FUZZ_CHECK(body && body->is_array());
        std::size_t kept = 0;
        for (const json& e : *body) {
            if (!usable_entry(e, max) || kept >= pl::max_mfa_authenticators) continue;
            FUZZ_CHECK(kept < list->authenticators.size());
            const pl::mfa_authenticator& a = list->authenticators[kept++];
            FUZZ_CHECK(a.id == *find_string(e, "id"));
            FUZZ_CHECK(a.authenticator_type == *find_string(e, "authenticator_type"));
            FUZZ_CHECK(a.oob_channel == expected_channel(e, max));
            auto active = e.find("active");
            FUZZ_CHECK(a.active.has_value() == (active != e.end() && active->is_boolean()));
            if (a.active) FUZZ_CHECK(*a.active == active->get<bool>());
            for (auto [name, got] : {std::pair<const char*, const std::optional<std::string>*>{"name", &a.name}, {"type", &a.type}}) {
                const std::string* s = find_string(e, name);
                FUZZ_CHECK(got->has_value() == (s != nullptr && s->size() <= max));
                if (*got) FUZZ_CHECK(**got == *s);
            }
        }
        FUZZ_CHECK(kept == list->authenticators.size());
        FUZZ_CHECK(kept + list->skipped == body->size());
    } else {
        check_failure(r, in.now, list.failure(), limits);
        check_scrambled(r, list.failure(), limits, [&](const pl::response& x) { return pl::parse_mfa_authenticators_response(x, in.now, limits); });
    }

    // 2
    auto challenge = pl::parse_mfa_challenge_response(r, in.now, limits);
    note_result(challenge, [](const pl::mfa_challenge& c) {
        return c.challenge_type + " " + std::to_string(fnv1a(c.oob_code.value_or("-"))) + " " + text_or_dash(c.binding_method);
    });
    if (challenge.ok()) {
        FUZZ_CHECK(pl::is_valid_time(in.now) && r.is_success());
        auto body = library_json(r.body, limits);
        FUZZ_CHECK(body && body->is_object());
        const std::string* type = find_string(*body, "challenge_type");
        FUZZ_CHECK(type && !type->empty() && *type == challenge->challenge_type);
        check_string_member(*body, "oob_code", challenge->oob_code);
        check_string_member(*body, "binding_method", challenge->binding_method);
        if (*type == "oob") FUZZ_CHECK(challenge->oob_code && !challenge->oob_code->empty());
    } else {
        check_failure(r, in.now, challenge.failure(), limits);
        check_scrambled(r, challenge.failure(), limits, [&](const pl::response& x) { return pl::parse_mfa_challenge_response(x, in.now, limits); });
    }

    // 5
    static const pl::client c = [] {
        pl::client_config cfg;
        cfg.domain = "example.auth0.com";
        cfg.client_id = "abc123";
        return pl::client::create(cfg).value();
    }();
    const std::string text = r.body.substr(0, std::min<std::size_t>(r.body.find('\n'), 200));
    auto get = pl::build_mfa_authenticators_request(c, text);
    note_result(get, [](const pl::request& q) { return describe_request(q); });
    if (get.ok()) {
        for (const pl::header& h : get->headers) FUZZ_CHECK(!has_control(h.value));
        FUZZ_CHECK(*get->find_header("authorization") == "Bearer " + text);
    } else {
        FUZZ_CHECK(get.failure().field == "mfa_token");
    }
    pl::mfa_challenge_params p;
    p.mfa_token = "Fe26.2**fixed";
    p.challenge_type = r.status % 2 == 0 ? std::optional<std::string>("oob") : std::nullopt;
    p.authenticator_id = text;
    auto post = pl::build_mfa_challenge_request(c, p);
    note_result(post, [](const pl::request& q) { return describe_request(q); });
    if (post.ok()) {
        auto body = json::parse(post->body, nullptr, false);
        FUZZ_CHECK(body.is_object());
        FUZZ_CHECK(*find_string(body, "authenticator_id") == text);
        FUZZ_CHECK(*find_string(body, "mfa_token") == p.mfa_token);
    } else {
        FUZZ_CHECK(post.failure().kind == pl::error_kind::invalid_argument && post.failure().field == "authenticator_id");
    }
    return 0;
}
