// Fuzz target: OpenID Connect discovery documents (parse_openid_configuration and its response
// variant, PROTOCOL.md 9.6).
//
// Input: a framed response (see fuzz_common.hpp): "<status> [<now>]", header lines, an empty
// line, then the body (the discovery document). The expected issuer is
// "https://example.auth0.com/", and also, when the body is a JSON object with a string issuer,
// that issuer (so that the accepting paths are reached).
//
// Properties checked (abort on violation):
//  1. A parsed configuration comes from a JSON object (read within the caps) whose issuer is a
//     string equal to the expected issuer, byte for byte; jwks_uri and token_endpoint equal the
//     document's strings, start with https:// (http:// only for an http issuer) and hold no
//     whitespace, control or '#'; the algorithm lists equal the document's arrays of strings.
//  2. Every failure is malformed_response (invalid_argument for an unusable expected issuer; the
//     classifier's verdict for non-2xx answers) and a well-formed error.
//  3. The response variant accepts a 2xx exactly when the body is within the cap, may be JSON
//     and the document parser accepts it, and then returns the same configuration.
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

bool fetchable(const std::string& url, bool allow_http) {
    const bool https = url.rfind("https://", 0) == 0;
    const bool http = allow_http && url.rfind("http://", 0) == 0;
    if (!https && !http) return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f || c == '#') return false;
    return true;
}

void check_list(const json& doc, const char* name, const std::optional<std::vector<std::string>>& got) {
    auto it = doc.find(name);
    if (it == doc.end() || it->is_null()) {
        FUZZ_CHECK(!got);
        return;
    }
    FUZZ_CHECK(got && it->is_array() && it->size() == got->size());
    for (std::size_t i = 0; i < got->size(); ++i) FUZZ_CHECK((*it)[i].is_string() && (*it)[i] == (*got)[i]);
}

void check_config(const pl::openid_configuration& c, std::string_view body, const std::string& expected) {
    auto doc = library_json(body);
    FUZZ_CHECK(doc && doc->is_object());
    FUZZ_CHECK(doc->contains("issuer") && (*doc)["issuer"].is_string() && (*doc)["issuer"] == expected);
    FUZZ_CHECK(c.issuer == expected);
    const bool allow_http = expected.rfind("http://", 0) == 0;
    FUZZ_CHECK((*doc)["jwks_uri"] == c.jwks_uri && fetchable(c.jwks_uri, allow_http));
    if (c.token_endpoint.empty())
        FUZZ_CHECK(!doc->contains("token_endpoint") || (*doc)["token_endpoint"].is_null());
    else
        FUZZ_CHECK((*doc)["token_endpoint"] == c.token_endpoint && fetchable(c.token_endpoint, allow_http));
    check_list(*doc, "id_token_signing_alg_values_supported", c.id_token_signing_alg_values_supported);
    check_list(*doc, "dpop_signing_alg_values_supported", c.dpop_signing_alg_values_supported);
}

bool same_config(const pl::openid_configuration& a, const pl::openid_configuration& b) {
    return a.issuer == b.issuer && a.jwks_uri == b.jwks_uri && a.token_endpoint == b.token_endpoint &&
           a.id_token_signing_alg_values_supported == b.id_token_signing_alg_values_supported &&
           a.dpop_signing_alg_values_supported == b.dpop_signing_alg_values_supported;
}

void run(const framed_response& in, const std::string& expected) {
    const pl::response& r = in.response;
    const pl::checked_limits limits;
    auto doc = pl::parse_openid_configuration(r.body, expected, limits);
    note_result(doc, [](const pl::openid_configuration& c) { return c.issuer + " " + c.jwks_uri + " " + c.token_endpoint; });
    const bool usable_issuer = !expected.empty() && expected.size() <= 2048 && pl::detail::is_visible_ascii(expected, false);
    if (doc.ok()) {
        FUZZ_CHECK(usable_issuer);
        check_config(doc.value(), r.body, expected);  // 1
    } else {
        check_error_shape(doc.failure());  // 2
        if (!usable_issuer) {
            FUZZ_CHECK(doc.failure().kind == pl::error_kind::invalid_argument);
        } else if (doc.failure().kind == pl::error_kind::issuer_mismatch) {
            auto parsed = library_json(r.body, limits);
            FUZZ_CHECK(parsed && parsed->is_object());
            auto it = parsed->find("issuer");
            FUZZ_CHECK(it != parsed->end() && it->is_string() && *it != expected);
            FUZZ_CHECK(doc.failure().action == pl::error_action::fix_config);
        } else {
            FUZZ_CHECK(doc.failure().kind == pl::error_kind::malformed_response);
        }
    }
    auto resp = pl::parse_openid_configuration_response(r, expected, in.now, limits);  // 3
    note_result(resp, [](const pl::openid_configuration& c) { return c.jwks_uri; });
    if (r.is_success()) {
        const bool acceptable = r.body.size() <= limits.max_body_bytes() && pl::detail::body_may_be_json(r) && doc.ok();
        FUZZ_CHECK(resp.ok() == acceptable);
        if (resp.ok()) {
            FUZZ_CHECK(same_config(resp.value(), doc.value()));
        } else {
            check_error_shape(resp.failure());
            FUZZ_CHECK(resp.failure().kind == pl::error_kind::malformed_response ||
                       resp.failure().kind == pl::error_kind::invalid_argument ||
                       resp.failure().kind == pl::error_kind::issuer_mismatch);
        }
    } else {
        FUZZ_CHECK(!resp.ok());
        check_error_shape(resp.failure());
        FUZZ_CHECK(same_visible_error(resp.failure(), pl::classify_error_response(r, in.now, limits)));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const response_input in(data, size);
    run(in, "https://example.auth0.com/");
    auto doc = library_json(in.response.body);
    if (doc && doc->is_object()) {
        auto it = doc->find("issuer");
        if (it != doc->end() && it->is_string()) run(in, it->get<std::string>());
    }
    return 0;
}
