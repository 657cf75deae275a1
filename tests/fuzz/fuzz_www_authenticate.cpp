// Fuzz target: parse_www_authenticate, find_dpop_challenge and classify_resource_error, the
// parts that read a resource server's 401 (RFC 9110 §11.6.1 challenges, RFC 9449 §7.1).
//
// Input: a framed response (fuzz_common.hpp); its WWW-Authenticate header lines are the subject.
//
// Properties checked (abort on violation):
//  1. A parse that succeeds stays within the caps; every scheme and parameter name is a
//     non-empty token, names are lower case, a challenge has a token68 or parameters, not both.
//  2. Round trip: the challenges written out again (parameters as quoted strings with every
//     quote and backslash escaped) parse to the same challenges.
//  3. find_dpop_challenge is the first challenge whose scheme is DPoP (any case), with its
//     error, error_description and algs parameters; nothing when the parse failed.
//  4. classify_resource_error (non-2xx): with a DPoP challenge carrying an error, the kind is the
//     shared table's for that code and description, status is the response's, and dpop_nonce is
//     the response's usable DPoP-Nonce exactly when the kind is dpop_nonce_required; otherwise
//     it equals classify_error_response. Always a well-formed error.
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!pl::detail::is_tchar(c)) return false;
    return true;
}

std::string quote(std::string_view v) {
    std::string out = "\"";
    for (char c : v) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string write_out(const std::vector<pl::auth_challenge>& all) {
    std::string out;
    for (const pl::auth_challenge& c : all) {
        if (!out.empty()) out += ", ";
        out += c.scheme;
        if (!c.token68.empty()) out += " " + c.token68;
        bool first = true;
        for (const auto& p : c.params) {
            out += first ? " " : ", ";
            first = false;
            out += p.first + "=" + quote(p.second);
        }
    }
    return out;
}

bool same(const std::vector<pl::auth_challenge>& a, const std::vector<pl::auth_challenge>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].scheme != b[i].scheme || a[i].token68 != b[i].token68 || a[i].params != b[i].params) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const response_input in(data, size);
    const pl::response& r = in.response;

    const auto parsed = pl::parse_www_authenticate(r);
    if (!parsed) {
        note("refused");
    } else {
        note(std::to_string(parsed->size()) + " challenges: " + write_out(*parsed));
        FUZZ_CHECK(parsed->size() <= pl::max_auth_challenges);  // 1
        for (const pl::auth_challenge& c : *parsed) {
            FUZZ_CHECK(is_token(c.scheme));
            FUZZ_CHECK(c.params.size() <= pl::max_auth_params);
            FUZZ_CHECK(c.token68.empty() || c.params.empty());
            for (const auto& p : c.params) {
                FUZZ_CHECK(is_token(p.first));
                FUZZ_CHECK(pl::detail::ascii_lowercase(p.first) == p.first);
            }
        }
        if (parsed->size() <= pl::max_auth_challenges) {  // 2 (the written form may exceed the byte cap)
            pl::response again;
            again.status = 401;
            again.headers.push_back({"WWW-Authenticate", write_out(*parsed)});
            const auto reparsed = pl::parse_www_authenticate(again);
            if (again.headers[0].value.size() <= pl::max_www_authenticate_bytes) FUZZ_CHECK(reparsed && same(*reparsed, *parsed));
        }
    }

    const auto dpop = pl::find_dpop_challenge(r);  // 3
    const pl::auth_challenge* first_dpop = nullptr;
    if (parsed)
        for (const pl::auth_challenge& c : *parsed)
            if (!first_dpop && pl::header_name_equals(c.scheme, "DPoP")) first_dpop = &c;
    FUZZ_CHECK(dpop.has_value() == (first_dpop != nullptr));
    if (dpop) {
        FUZZ_CHECK(dpop->error == first_dpop->param("error").value_or(""));
        FUZZ_CHECK(dpop->error_description == first_dpop->param("error_description").value_or(""));
        FUZZ_CHECK(dpop->algs == first_dpop->param("algs").value_or(""));
        note("dpop error=" + dpop->error);
    }

    if (r.is_success()) return 0;
    const pl::error e = pl::classify_resource_error(r, in.now);  // 4
    note(describe(e));
    check_error_shape(e);
    if (dpop && !dpop->error.empty()) {
        const pl::error want = pl::classify_error_code(dpop->error, dpop->error_description);
        FUZZ_CHECK(e.kind == want.kind && e.code == want.code && e.description == want.description);
        FUZZ_CHECK(e.status == r.status);
        if (e.kind == pl::error_kind::dpop_nonce_required) {
            FUZZ_CHECK(e.dpop_nonce == pl::read_dpop_nonce(r).value_or(""));
        } else {
            FUZZ_CHECK(e.dpop_nonce.empty());
        }
    } else {
        FUZZ_CHECK(same_visible_error(e, pl::classify_error_response(r, in.now)));
    }
    return 0;
}
