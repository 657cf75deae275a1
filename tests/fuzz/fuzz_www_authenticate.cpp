// Fuzz target: parse_www_authenticate, find_dpop_challenge, find_resource_challenge and
// classify_resource_error, the parts that read an API's error answer (RFC 9110 §11.6.1
// challenges, RFC 6750 §3, RFC 9449 §7.1).
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
//  4. find_resource_challenge is the first Bearer or DPoP challenge (any case) whose error is one
//     of the five resource codes, looking at each WWW-Authenticate value on its own (a malformed
//     one skipped, none past the byte cap), recomputed here with the target's own code table.
//  5. classify_resource_error (non-2xx): with such a challenge, the kind is that code's row,
//     code and status are the challenge's and response's; else a 401 is invalid_access_token;
//     else it is classify_error_response's verdict, moved to the row's kind when the body's code
//     is one of the five. dpop_nonce is the response's usable DPoP-Nonce exactly when the kind
//     is dpop_nonce_required. Always a well-formed error.
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

// The resource table, written out again (the oracle does not read the library's).
std::optional<pl::error_kind> oracle_kind(std::string_view code) {
    if (code == "invalid_token") return pl::error_kind::invalid_access_token;
    if (code == "insufficient_scope") return pl::error_kind::insufficient_scope;
    if (code == "use_dpop_nonce") return pl::error_kind::dpop_nonce_required;
    if (code == "invalid_dpop_proof") return pl::error_kind::invalid_dpop_proof;
    if (code == "invalid_request") return pl::error_kind::invalid_request;
    return std::nullopt;
}

// The error code of the challenge that should decide, if any (property 4).
std::optional<std::string> oracle_challenge(const pl::response& r) {
    std::size_t total = 0;
    for (const pl::header& h : r.headers) {
        if (!pl::header_name_equals(h.name, "WWW-Authenticate")) continue;
        total += h.value.size();
        if (total > pl::max_www_authenticate_bytes) return std::nullopt;
        pl::response one;
        one.status = r.status;
        one.headers.push_back(h);
        const auto parsed = pl::parse_www_authenticate(one);
        if (!parsed) continue;
        for (const pl::auth_challenge& c : *parsed) {
            const std::string scheme = pl::detail::ascii_lowercase(c.scheme);
            if (scheme != "bearer" && scheme != "dpop") continue;
            const auto code = c.param("error");
            if (code && oracle_kind(*code)) return std::string(*code);
        }
    }
    return std::nullopt;
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

    const auto want_challenge = oracle_challenge(r);  // 4
    const auto resource = pl::find_resource_challenge(r);
    FUZZ_CHECK(resource.has_value() == want_challenge.has_value());
    if (resource) FUZZ_CHECK(resource->error == *want_challenge);

    if (r.is_success()) return 0;
    const pl::error e = pl::classify_resource_error(r, in.now);  // 5
    note(describe(e));
    check_error_shape(e);
    const bool status_ok = r.status >= 100 && r.status <= 599;
    if (status_ok && want_challenge) {
        FUZZ_CHECK(e.kind == *oracle_kind(*want_challenge));
        FUZZ_CHECK(e.code == want_challenge);
        FUZZ_CHECK(e.status == r.status);
    } else if (status_ok && r.status == 401) {
        FUZZ_CHECK(e.kind == pl::error_kind::invalid_access_token);
        FUZZ_CHECK(e.status == 401);
    } else {
        const pl::error base = pl::classify_error_response(r, in.now);
        const auto moved = base.code ? oracle_kind(*base.code) : std::nullopt;
        FUZZ_CHECK(e.kind == (moved ? *moved : base.kind));
        FUZZ_CHECK(e.code == base.code && e.description == base.description && e.status == base.status);
    }
    if (e.kind == pl::error_kind::dpop_nonce_required) {
        FUZZ_CHECK(e.dpop_nonce == pl::read_dpop_nonce(r).value_or(""));
    } else {
        FUZZ_CHECK(e.dpop_nonce.empty());
    }
    return 0;
}
