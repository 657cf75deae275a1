// Fuzz target: parse_callback, the magic-link redirect URL (query or fragment), with the state
// comparison and the error classifier for "error" parameters.
//
// Input, line by line:
//     <expected state>\n   ("*" means: whatever state the URL carries, found by the reference
//                           parser below, so the fuzzer gets past the state check easily)
//     <url>                (the rest)
//
// Properties checked (abort on violation):
//  1. A success agrees with an independent reference parser: the response side is the fragment
//     when it carries code, access_token, id_token, error or state, else the query; its state
//     equals the expected state; code, access_token, id_token, token_type and scope equal the
//     decoded parameters and are non-empty; at least one of code and the tokens is there;
//     expires_in is 1-18 digits; every value is valid UTF-8 without control characters.
//  2. Round trip: the result, percent-encoded again into a query and into a fragment, parses to
//     the same result.
//  3. Failures: an empty expected state is invalid_argument "expected_state"; otherwise the
//     error is invalid_argument "url", state_mismatch, or (state matched, "error" present) the
//     classifier's verdict for that code and description; always a well-formed error.
//  4. The expected state is a secret: replacing it by another of the same length never changes
//     the message of a local refusal (invalid_argument, state_mismatch).
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

using params = std::vector<std::pair<std::string, std::string>>;

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Reference decoding, written separately from the library's.
std::optional<std::string> decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (s.size() - i < 3 || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return std::nullopt;
            out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i] == '+' ? ' ' : s[i]);
        }
    }
    return out;
}

std::optional<params> split(std::string_view text) {
    params out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t amp = text.find('&', pos);
        if (amp == std::string_view::npos) amp = text.size();
        const std::string_view pair = text.substr(pos, amp - pos);
        pos = amp + 1;
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        auto name = decode(pair.substr(0, eq));
        auto value = decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!name || !value) return std::nullopt;
        out.emplace_back(std::move(*name), std::move(*value));
    }
    return out;
}

const std::string* find(const params& p, std::string_view name) {
    for (const auto& kv : p)
        if (kv.first == name) return &kv.second;
    return nullptr;
}

bool carries_response(const params& p) {
    for (const char* n : {"code", "access_token", "id_token", "error", "state"})
        if (find(p, n)) return true;
    return false;
}

struct reference {
    std::optional<params> query;
    std::optional<params> fragment;
    const params* side = nullptr;
};

reference reference_parse(std::string_view url) {
    reference ref;
    const std::size_t hash = url.find('#');
    const std::string_view before = url.substr(0, hash);
    const std::size_t q = before.find('?');
    ref.query = q == std::string_view::npos ? params() : split(before.substr(q + 1));
    ref.fragment = hash == std::string_view::npos ? params() : split(url.substr(hash + 1));
    if (ref.query && ref.fragment) ref.side = carries_response(*ref.fragment) ? &*ref.fragment : &*ref.query;
    return ref;
}

void check_value(const std::optional<std::string>& got, const params& side, const char* name) {
    const std::string* v = find(side, name);
    if (!v) {
        FUZZ_CHECK(!got);
        return;
    }
    FUZZ_CHECK(got && *got == *v && !got->empty());
    FUZZ_CHECK(pl::detail::is_valid_utf8(*got) && !has_control(*got));
}

void append_encoded(std::string& out, std::string_view name, std::string_view value) {
    if (!out.empty()) out.push_back('&');
    pl::detail::append_form_encoded(out, name);
    out.push_back('=');
    pl::detail::append_form_encoded(out, value);
}

std::string encode(const pl::callback_result& r) {
    std::string out;
    append_encoded(out, "state", r.state);
    if (r.code) append_encoded(out, "code", *r.code);
    if (r.access_token) append_encoded(out, "access_token", *r.access_token);
    if (r.id_token) append_encoded(out, "id_token", *r.id_token);
    if (r.token_type) append_encoded(out, "token_type", *r.token_type);
    if (r.scope) append_encoded(out, "scope", *r.scope);
    if (r.expires_in) append_encoded(out, "expires_in", std::to_string(*r.expires_in));
    return out;
}

bool same(const pl::callback_result& a, const pl::callback_result& b) {
    return a.state == b.state && a.code == b.code && a.access_token == b.access_token && a.id_token == b.id_token &&
           a.token_type == b.token_type && a.scope == b.scope && a.expires_in == b.expires_in;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdict(data, size);
    std::string_view in = as_text(data, size);
    std::string expected(take_line(in));
    const std::string_view url = in;
    const reference ref = reference_parse(url);
    if (expected == "*" && ref.side) {
        if (const std::string* s = find(*ref.side, "state")) expected = *s;
    }

    auto got = pl::parse_callback(url, expected);
    note_result(got, [](const pl::callback_result& v) {
        return text_or_dash(v.code) + " " + std::to_string(fnv1a(v.access_token.value_or("-"))) + " " +
               std::to_string(fnv1a(v.id_token.value_or("-"))) + " " + text_or_dash(v.token_type) + " " +
               number_or_dash(v.expires_in) + " " + text_or_dash(v.scope) + " " + v.state;
    });
    if (got.ok()) {  // 1
        FUZZ_CHECK(!expected.empty());
        FUZZ_CHECK(ref.side != nullptr);
        const params& side = *ref.side;
        FUZZ_CHECK(!(carries_response(*ref.query) && carries_response(*ref.fragment)));
        FUZZ_CHECK(got->state == expected);
        const std::string* st = find(side, "state");
        FUZZ_CHECK(st && *st == expected);
        FUZZ_CHECK(find(side, "error") == nullptr);
        check_value(got->code, side, "code");
        check_value(got->access_token, side, "access_token");
        check_value(got->id_token, side, "id_token");
        check_value(got->token_type, side, "token_type");
        check_value(got->scope, side, "scope");
        FUZZ_CHECK(got->code || got->access_token || got->id_token);
        if (const std::string* e = find(side, "expires_in")) {
            FUZZ_CHECK(got->expires_in && pl::detail::parse_small_decimal(*e) == got->expires_in);
        } else {
            FUZZ_CHECK(!got->expires_in);
        }
        // 2
        const std::string encoded = encode(got.value());
        auto as_query = pl::parse_callback("https://app.example.com/cb?" + encoded, expected);
        FUZZ_CHECK(as_query.ok() && same(as_query.value(), got.value()));
        auto as_fragment = pl::parse_callback("myapp://cb#" + encoded, expected);
        FUZZ_CHECK(as_fragment.ok() && same(as_fragment.value(), got.value()));
        return 0;
    }

    const pl::error& e = got.failure();  // 3
    check_error_shape(e);
    if (expected.empty()) {
        FUZZ_CHECK(e.kind == pl::error_kind::invalid_argument && e.field == "expected_state");
        return 0;
    }
    if (e.kind == pl::error_kind::invalid_argument) {
        FUZZ_CHECK(e.field == "url");
    } else if (e.kind != pl::error_kind::state_mismatch) {
        // The state matched and the server sent an error.
        FUZZ_CHECK(ref.side != nullptr);
        const std::string* code = find(*ref.side, "error");
        FUZZ_CHECK(code != nullptr);
        const std::string* st = find(*ref.side, "state");
        FUZZ_CHECK(st && *st == expected);
        const std::string* description = find(*ref.side, "error_description");
        const pl::error want = pl::classify_error_code(*code, description ? *description : std::string());
        FUZZ_CHECK(same_visible_error(e, want));
    }
    if (e.kind == pl::error_kind::state_mismatch && ref.side) {
        const std::string* st = find(*ref.side, "state");
        FUZZ_CHECK(st == nullptr || *st != expected);
    }

    // 4
    if (e.kind == pl::error_kind::invalid_argument || e.kind == pl::error_kind::state_mismatch) {
        auto other = pl::parse_callback(url, scramble(expected));
        if (!other.ok() && other.failure().kind == e.kind) FUZZ_CHECK(other.failure().description == e.description);
    }
    return 0;
}
