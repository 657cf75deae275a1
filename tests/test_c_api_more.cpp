// The second part of the C ABI (passwordless/c_api/passwordless_more.h): DPoP keys and API calls,
// WWW-Authenticate challenges, resource errors, a refresh with DPoP, magic-link callbacks and the
// code exchange, key-set details, an ID token verified outside the login. Each call gives what its C++ counterpart gives, hostile inputs
// give a status (never a crash), and callbacks' free hooks run exactly once. The implementation
// is compiled in test_c_api.cpp.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "support/helpers.hpp"
#include "support/jwt_helpers.hpp"
#include "support/stub_signer.hpp"

// A namespace of its own, so that its helpers (C handles) never meet helpers.hpp's or another
// file's in a unity build.
namespace c_api_more_tests {

namespace {

namespace pl = passwordless;

passwordless_str s(const char* text) { return passwordless_str{text, std::strlen(text)}; }
passwordless_str s(const std::string& text) { return passwordless_str{text.data(), text.size()}; }
passwordless_bytes b(const std::string& bytes) {
    return passwordless_bytes{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}
std::string str(passwordless_str v) { return std::string(v.ptr, v.len); }

const char* const key_x = stub_jws::dpop_key_x;
const char* const key_y = stub_jws::dpop_key_y;
const std::string public_jwk = std::string(R"({"kty":"EC","crv":"P-256","x":")") + key_x + R"(","y":")" + key_y + "\"}";
const std::string jti_bytes(16, '\x2a');  // what fixed_random writes

struct key_log {
    int signs = 0;
    int frees = 0;
    bool fail_random = false;
    bool fail_sign = false;
};

int32_t stub_sign(void* ud, passwordless_bytes input, std::uint8_t* out, std::size_t cap, std::size_t* len) {
    auto* log = static_cast<key_log*>(ud);
    ++log->signs;
    if (log->fail_sign || cap < 64) return 1;
    const std::string sig = stub_jws::dpop_signature(std::string_view(reinterpret_cast<const char*>(input.ptr), input.len));
    std::memcpy(out, sig.data(), sig.size());
    *len = sig.size();
    return 0;
}

int32_t fixed_random(void* ud, std::uint8_t* out, std::size_t len) {
    if (static_cast<key_log*>(ud)->fail_random) return 1;
    std::memset(out, 0x2a, len);
    return 0;
}

void count_free(void* ud) { ++static_cast<key_log*>(ud)->frees; }

pl::dpop_key core_key() {
    return pl::dpop_key{pl::dpop_public_key{key_x, key_y}, [](std::string_view in) { return stub_jws::dpop_signature(in); }};
}

passwordless_dpop_key* make_key(key_log& log) {
    passwordless_dpop_key* k = nullptr;
    REQUIRE(passwordless_dpop_key_new(s(public_jwk), stub_sign, fixed_random, &log, count_free, &k) == PASSWORDLESS_OK);
    return k;
}

passwordless_client* make_client() {
    passwordless_client_options* o = nullptr;
    REQUIRE(passwordless_client_options_new(&o) == PASSWORDLESS_OK);
    REQUIRE(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_DOMAIN, s("example.auth0.com")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, s("abc123")) == PASSWORDLESS_OK);
    passwordless_client* c = nullptr;
    REQUIRE(passwordless_client_new(o, &c, nullptr) == PASSWORDLESS_OK);
    passwordless_client_options_free(o);
    return c;
}

passwordless_response* make_response(int status, const std::string& body,
                                     const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    passwordless_response* r = nullptr;
    REQUIRE(passwordless_response_new(status, &r) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_add_header(r, b("content-type"), b("application/json")) == PASSWORDLESS_OK);
    for (const auto& h : headers) REQUIRE(passwordless_response_add_header(r, b(h.first), b(h.second)) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_set_body(r, b(body)) == PASSWORDLESS_OK);
    return r;
}

std::vector<pl::header> headers_of(const passwordless_request* r) {
    std::vector<pl::header> out;
    for (std::int32_t i = 0; i < passwordless_request_header_count(r); ++i) {
        passwordless_str n{}, v{};
        REQUIRE(passwordless_request_header_at(r, static_cast<std::size_t>(i), &n, &v) == PASSWORDLESS_OK);
        out.push_back({str(n), str(v)});
    }
    return out;
}

std::string header_value(const passwordless_request* r, const char* name) {
    for (const auto& h : headers_of(r))
        if (h.name == name) return h.value;
    return std::string();
}

std::string field(const passwordless_error* e, int32_t f) {
    passwordless_str v{};
    return passwordless_error_field(e, f, &v) == PASSWORDLESS_OK ? str(v) : std::string();
}

struct verify_log {
    int calls = 0;
    int frees = 0;
    std::string jwk;
};

int32_t log_verify(void* ud, passwordless_str alg, passwordless_str kid, passwordless_bytes input, passwordless_bytes sig,
                   passwordless_str jwk) {
    auto* log = static_cast<verify_log*>(ud);
    ++log->calls;
    log->jwk = str(jwk);
    pl::signature_input in;
    in.algorithm = std::string_view(alg.ptr, alg.len);
    in.key_id = std::string_view(kid.ptr, kid.len);
    in.signing_input = std::string_view(reinterpret_cast<const char*>(input.ptr), input.len);
    in.signature = std::string_view(reinterpret_cast<const char*>(sig.ptr), sig.len);
    return test::stub_verifier_accepts(in) ? 0 : 1;
}

void count_verify_free(void* ud) { ++static_cast<verify_log*>(ud)->frees; }

/// Login options with the stub verifier (logging into `log`) and a key set holding key "k1".
passwordless_login_options* verify_options(verify_log& log) {
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, log_verify, &log, count_verify_free) == PASSWORDLESS_OK);
    passwordless_keyset* keys = nullptr;
    REQUIRE(passwordless_keyset_parse(b(R"({"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]})"), &keys, nullptr) ==
            PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_keyset(lo, keys) == PASSWORDLESS_OK);
    passwordless_keyset_free(keys);
    return lo;
}

}  // namespace

TEST_CASE("c api more: a DPoP key; its thumbprint and JWK; a bad key is refused and the hook runs once") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_str v{};
    REQUIRE(passwordless_dpop_key_thumbprint(k, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == pl::dpop_public_key{key_x, key_y}.thumbprint());
    REQUIRE(passwordless_dpop_key_public_jwk(k, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == pl::dpop_public_key{key_x, key_y}.jwk_json());
    CHECK(v.ptr[v.len] == '\0');
    passwordless_dpop_key_free(k);
    CHECK(log.frees == 1);

    passwordless_dpop_key* bad = nullptr;
    const std::string with_private = R"({"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"})";
    const std::string not_utf8 = "{\"kty\":\"\xff\"}";
    CHECK(passwordless_dpop_key_new(s(with_private), stub_sign, fixed_random, &log, count_free, &bad) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_dpop_key_new(s(not_utf8), stub_sign, fixed_random, &log, count_free, &bad) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_dpop_key_new(passwordless_str{nullptr, 3}, stub_sign, fixed_random, &log, count_free, &bad) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_key_new(s(public_jwk), nullptr, fixed_random, &log, count_free, &bad) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_key_new(s(public_jwk), stub_sign, nullptr, &log, count_free, &bad) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_key_new(s(public_jwk), stub_sign, fixed_random, &log, count_free, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(bad == nullptr);
    CHECK(log.frees == 7);
    CHECK(passwordless_dpop_key_thumbprint(nullptr, &v) == PASSWORDLESS_E_NULL_ARG);
    passwordless_dpop_key_free(nullptr);

    // Any public JWK's thumbprint (RFC 7638 section 3.1's example).
    const std::string rsa = R"({"kty":"RSA","e":"AQAB","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"})";
    std::uint8_t out[64];
    std::size_t len = 0;
    REQUIRE(passwordless_jwk_thumbprint(s(rsa), out, sizeof out, &len) == PASSWORDLESS_OK);
    CHECK(std::string(reinterpret_cast<const char*>(out), len) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    CHECK(passwordless_jwk_thumbprint(s(rsa), out, 10, &len) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_jwk_thumbprint(s("{\"kty\":\"oct\"}"), out, sizeof out, &len) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_jwk_thumbprint(s("not json"), out, sizeof out, &len) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_jwk_thumbprint(s(rsa), nullptr, sizeof out, &len) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_jwk_thumbprint(passwordless_str{nullptr, 0}, out, sizeof out, &len) == PASSWORDLESS_E_NULL_ARG);
}

TEST_CASE("c api more: a DPoP-bound API request carries exactly the C++ headers; refusals name their field") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_dpop_resource_request(k, s("GET"), s("https://api.example.com/v1/me?x=1"), s("at-123"), s("rs-nonce"),
                                               test::now, &req, nullptr) == PASSWORDLESS_OK);
    auto want = pl::dpop_resource_headers(core_key(), {"GET", "https://api.example.com/v1/me?x=1", "at-123", test::now,
                                                       jti_bytes, "rs-nonce"});
    REQUIRE(want.ok());
    const auto got = headers_of(req);
    REQUIRE(got.size() == 2);
    CHECK(got[0].name == "authorization");
    CHECK(got[0].value == "DPoP at-123");
    CHECK(got[1].name == "dpop");
    CHECK(got[1].value == want.value()[1].value);
    passwordless_str v{};
    REQUIRE(passwordless_request_method(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "GET");
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://api.example.com/v1/me?x=1");
    passwordless_request_free(req);

    struct refusal {
        const char* method;
        const char* url;
        const char* token;
        const char* nonce;
        const char* field;
    };
    const refusal refusals[] = {
        {"get", "https://api.example.com/", "at", "", "method"},
        {"GET", "http://api.example.com/", "at", "", "url"},
        {"GET", "https://api.example.com/", "", "", "access_token"},
        {"GET", "https://api.example.com/", "at", "bad nonce\x01", "nonce"},
    };
    for (const refusal& r : refusals) {
        CAPTURE(r.field);
        passwordless_error* err = nullptr;
        req = nullptr;
        CHECK(passwordless_dpop_resource_request(k, s(r.method), s(r.url), s(r.token), s(r.nonce), test::now, &req, &err) ==
              PASSWORDLESS_KIND_INVALID_ARGUMENT);
        CHECK(req == nullptr);
        CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == r.field);
        passwordless_error_free(err);
    }
    log.fail_random = true;
    passwordless_error* err = nullptr;
    CHECK(passwordless_dpop_resource_request(k, s("GET"), s("https://api.example.com/"), s("at"), s(""), test::now, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "jti");
    passwordless_error_free(err);
    log.fail_random = false;
    log.fail_sign = true;
    CHECK(passwordless_dpop_resource_request(k, s("GET"), s("https://api.example.com/"), s("at"), s(""), test::now, &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "signature");
    passwordless_error_free(err);
    log.fail_sign = false;
    // Misuse: a status and an error naming the parameter.
    CHECK(passwordless_dpop_resource_request(nullptr, s("GET"), s("https://a.example/"), s("at"), s(""), 0, &req, &err) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "key");
    passwordless_error_free(err);
    CHECK(passwordless_dpop_resource_request(k, s("GET"), passwordless_str{nullptr, 5}, s("at"), s(""), 0, &req, nullptr) ==
          PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_dpop_resource_request(k, s("GET"), s("https://a.example/"), s("at"), s(""), 0, nullptr, nullptr) ==
          PASSWORDLESS_E_NULL_ARG);
    const passwordless_dpop_key* wrong = reinterpret_cast<const passwordless_dpop_key*>(make_client());
    CHECK(passwordless_dpop_resource_request(wrong, s("GET"), s("https://a.example/"), s("at"), s(""), 0, &req, nullptr) ==
          PASSWORDLESS_E_BAD_HANDLE);
    passwordless_client_free(reinterpret_cast<passwordless_client*>(const_cast<passwordless_dpop_key*>(wrong)));
    passwordless_dpop_key_free(k);
    CHECK(log.frees == 1);
}

TEST_CASE("c api more: a proof added to a library request; a step's request is read-only") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_code_request(c, s("the-code"), s("https://app.example.com/cb"), s(""), &req, nullptr) ==
            PASSWORDLESS_OK);
    CHECK(header_value(req, "dpop").empty());
    REQUIRE(passwordless_request_add_dpop_proof(req, k, s("n-1"), test::now, nullptr) == PASSWORDLESS_OK);
    const std::string first = header_value(req, "dpop");
    CHECK(std::count(first.begin(), first.end(), '.') == 2);
    REQUIRE(passwordless_request_add_dpop_proof(req, k, s(""), test::now + 1, nullptr) == PASSWORDLESS_OK);
    std::size_t proofs = 0;
    for (const auto& h : headers_of(req))
        if (h.name == "dpop") ++proofs;
    CHECK(proofs == 1);  // replaced, not added
    CHECK(header_value(req, "dpop") != first);
    log.fail_sign = true;
    const std::string before = header_value(req, "dpop");
    passwordless_error* err = nullptr;
    CHECK(passwordless_request_add_dpop_proof(req, k, s(""), test::now, &err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(header_value(req, "dpop") == before);  // nothing changes on failure
    passwordless_error_free(err);
    CHECK(passwordless_request_add_dpop_proof(req, nullptr, s(""), test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_request_add_dpop_proof(nullptr, k, s(""), test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_request_free(req);
    passwordless_client_free(c);
    passwordless_dpop_key_free(k);
}

TEST_CASE("c api more: WWW-Authenticate challenges and a resource server's refusal") {
    passwordless_response* r = make_response(401, "", {{"WWW-Authenticate", R"(Bearer realm="api, v2", Negotiate abc+/def==)"},
                                                      {"www-authenticate", R"(DPoP error="use_dpop_nonce", algs="ES256")"},
                                                      {"DPoP-Nonce", "rs-nonce-1"}});
    passwordless_challenges* ch = nullptr;
    REQUIRE(passwordless_response_challenges(r, &ch, nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_challenges_count(ch) == 3);
    passwordless_str v{}, n{};
    REQUIRE(passwordless_challenges_scheme(ch, 0, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "Bearer");
    REQUIRE(passwordless_challenges_param(ch, 0, s("REALM"), &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "api, v2");
    CHECK(passwordless_challenges_token68(ch, 0, &v) == PASSWORDLESS_E_ABSENT);
    REQUIRE(passwordless_challenges_token68(ch, 1, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "abc+/def==");
    CHECK(passwordless_challenges_param_count(ch, 1) == 0);
    REQUIRE(passwordless_challenges_param_count(ch, 2) == 2);
    REQUIRE(passwordless_challenges_param_at(ch, 2, 1, &n, &v) == PASSWORDLESS_OK);
    CHECK(str(n) == "algs");
    CHECK(str(v) == "ES256");
    CHECK(passwordless_challenges_param(ch, 2, s("realm"), &v) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_challenges_param_at(ch, 2, 2, &n, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_challenges_scheme(ch, 3, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_challenges_scheme(ch, static_cast<std::size_t>(-1), &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_challenges_param(ch, 0, passwordless_str{nullptr, 2}, &v) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_challenges_param_at(ch, 0, 0, nullptr, &v) == PASSWORDLESS_E_NULL_ARG);
    passwordless_challenges_free(ch);

    passwordless_error* e = nullptr;
    REQUIRE(passwordless_resource_error(r, test::now, &e) == PASSWORDLESS_OK);
    CHECK(passwordless_error_kind(e) == PASSWORDLESS_KIND_DPOP_NONCE_REQUIRED);
    CHECK(passwordless_error_action(e) == PASSWORDLESS_ACTION_RETRY);
    CHECK(passwordless_error_status(e) == 401);
    CHECK(field(e, PASSWORDLESS_ERRF_DPOP_NONCE) == "rs-nonce-1");
    passwordless_error_free(e);
    passwordless_response_free(r);

    // Malformed headers are refused whole; 2xx is not a refusal; no header is no challenge.
    for (const char* bad : {"DPoP error=\"unterminated", "realm=\"x\"", "DPoP error=\"a\\"}) {
        r = make_response(401, "", {{"WWW-Authenticate", bad}});
        ch = nullptr;
        passwordless_error* err = nullptr;
        CHECK(passwordless_response_challenges(r, &ch, &err) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
        CHECK(ch == nullptr);
        CHECK(passwordless_error_kind(err) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
        passwordless_error_free(err);
        passwordless_response_free(r);
    }
    r = make_response(200, "{}");
    CHECK(passwordless_resource_error(r, test::now, &e) == PASSWORDLESS_E_INVALID_ARG);
    REQUIRE(passwordless_response_challenges(r, &ch, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_challenges_count(ch) == 0);
    passwordless_challenges_free(ch);
    CHECK(passwordless_response_challenges(r, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_resource_error(r, test::now, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_response_free(r);
    CHECK(passwordless_response_challenges(nullptr, &ch, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_challenges_count(nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_challenges_free(nullptr);
}

TEST_CASE("c api more: a refresh with DPoP: proof, nonce resend, tokens; bound tokens need the key") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_client* c = make_client();
    passwordless_refresh* x = nullptr;
    passwordless_error* err = nullptr;
    CHECK(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), nullptr, 0, s(""), &x, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "dpop");
    passwordless_error_free(err);
    CHECK(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), k, 2, s(""), &x, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), k, 1, s("bad nonce\x01"), &x, nullptr) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    REQUIRE(passwordless_refresh_new(c, s("rt-1"), s(""), s(""), s("DPoP"), k, 1, s("known"), &x, nullptr) == PASSWORDLESS_OK);
    passwordless_dpop_key_free(k);  // the refresh holds the key
    passwordless_client_free(c);
    CHECK(log.frees == 0);
    passwordless_str v{};
    REQUIRE(passwordless_refresh_dpop_nonce(x, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "known");

    passwordless_request* req = nullptr;
    REQUIRE(passwordless_refresh_request(x, test::now, &req, nullptr) == PASSWORDLESS_OK);
    CHECK_FALSE(header_value(req, "dpop").empty());
    passwordless_request_free(req);
    CHECK(log.signs == 1);

    passwordless_response* r = make_response(400, R"({"error":"use_dpop_nonce"})", {{"DPoP-Nonce", "fresh"}});
    passwordless_request* again = nullptr;
    passwordless_tokens* tokens = reinterpret_cast<passwordless_tokens*>(&log);  // must be overwritten
    REQUIRE(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, nullptr) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    REQUIRE(again != nullptr);
    CHECK(tokens == nullptr);
    CHECK(log.signs == 2);
    passwordless_request_free(again);
    REQUIRE(passwordless_refresh_dpop_nonce(x, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "fresh");

    // require_binding: Bearer tokens are refused.
    r = make_response(200, R"({"access_token":"at-2","token_type":"Bearer","expires_in":60})");
    again = nullptr;
    tokens = nullptr;
    CHECK(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, &err) == PASSWORDLESS_KIND_INVALID_DPOP_PROOF);
    CHECK(again == nullptr);
    CHECK(tokens == nullptr);
    passwordless_error_free(err);
    passwordless_response_free(r);

    r = make_response(200, R"({"access_token":"at-3","token_type":"DPoP","expires_in":60,"refresh_token":"rt-2"})");
    REQUIRE(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, nullptr) == PASSWORDLESS_OK);
    CHECK(again == nullptr);
    REQUIRE(tokens != nullptr);
    REQUIRE(passwordless_tokens_str(tokens, PASSWORDLESS_TOKF_ACCESS_TOKEN, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "at-3");
    passwordless_tokens_free(tokens);
    CHECK(passwordless_refresh_on_response(x, r, test::now, nullptr, &tokens, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_refresh_on_response(x, nullptr, test::now, &again, &tokens, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_response_free(r);
    passwordless_refresh_free(x);
    CHECK(log.frees == 1);

    // Without DPoP: a plain refresh; no nonce.
    c = make_client();
    REQUIRE(passwordless_refresh_new(c, s("rt-1"), s("openid"), s(""), s("Bearer"), nullptr, 0, s(""), &x, nullptr) ==
            PASSWORDLESS_OK);
    REQUIRE(passwordless_refresh_request(x, test::now, &req, nullptr) == PASSWORDLESS_OK);
    CHECK(header_value(req, "dpop").empty());
    passwordless_request_free(req);
    CHECK(passwordless_refresh_dpop_nonce(x, &v) == PASSWORDLESS_E_ABSENT);
    r = make_response(400, R"({"error":"invalid_grant","error_description":"Unknown or invalid refresh token."})");
    CHECK(passwordless_refresh_on_response(x, r, test::now, &again, &tokens, nullptr) == PASSWORDLESS_KIND_INVALID_REFRESH_TOKEN);
    passwordless_response_free(r);
    passwordless_refresh_free(x);
    CHECK(passwordless_refresh_new(c, s("rt"), s(""), s(""), s(""), reinterpret_cast<const passwordless_dpop_key*>(c), 0, s(""),
                                   &x, nullptr) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_client_free(c);
    CHECK(passwordless_refresh_request(nullptr, test::now, &req, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_refresh_free(nullptr);
    CHECK(passwordless_login_dpop_nonce(nullptr, &v) == PASSWORDLESS_E_NULL_ARG);
}

TEST_CASE("c api more: a magic-link callback, its refusals, and the code exchange") {
    const char* const state = "st-Qx7Zp2af0ifjsldkj";
    passwordless_callback* cb = nullptr;
    REQUIRE(passwordless_callback_parse(s("http://localhost:3000/cb#access_token=at&id_token=a.b.c&scope=openid%20email"
                                          "&expires_in=7200&token_type=Bearer&state=st-Qx7Zp2af0ifjsldkj"),
                                        s(state), &cb, nullptr) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_callback_str(cb, PASSWORDLESS_CBF_SCOPE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "openid email");
    REQUIRE(passwordless_callback_str(cb, PASSWORDLESS_CBF_STATE, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == state);
    CHECK(passwordless_callback_str(cb, PASSWORDLESS_CBF_CODE, &v) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_callback_str(cb, PASSWORDLESS_CBF_EXPIRES_IN, &v) == PASSWORDLESS_E_INVALID_ARG);
    std::int64_t n = 0;
    REQUIRE(passwordless_callback_int(cb, PASSWORDLESS_CBF_EXPIRES_IN, &n) == PASSWORDLESS_OK);
    CHECK(n == 7200);
    CHECK(passwordless_callback_int(cb, PASSWORDLESS_CBF_SCOPE, &n) == PASSWORDLESS_E_INVALID_ARG);
    passwordless_callback_free(cb);

    struct refusal {
        const char* url;
        const char* expected;
        int32_t status;
    };
    const refusal refusals[] = {
        {"https://app.example.com/cb?code=x&state=other", state, PASSWORDLESS_KIND_STATE_MISMATCH},
        {"https://app.example.com/cb?code=x", state, PASSWORDLESS_KIND_STATE_MISMATCH},
        {"https://app.example.com/cb?code=x&state=st-Qx7Zp2af0ifjsldkj", "", PASSWORDLESS_KIND_INVALID_ARGUMENT},
        {"https://app.example.com/cb?code=%zz&state=st-Qx7Zp2af0ifjsldkj", state, PASSWORDLESS_KIND_INVALID_ARGUMENT},
        {"https://app.example.com/cb?code=a&code=b&state=st-Qx7Zp2af0ifjsldkj", state, PASSWORDLESS_KIND_INVALID_ARGUMENT},
        {"https://app.example.com/cb?error=access_denied&error_description=no&state=st-Qx7Zp2af0ifjsldkj", state,
         PASSWORDLESS_KIND_ACCESS_DENIED},
    };
    for (const refusal& r : refusals) {
        CAPTURE(r.url);
        cb = nullptr;
        passwordless_error* err = nullptr;
        CHECK(passwordless_callback_parse(s(r.url), s(r.expected), &cb, &err) == r.status);
        CHECK(cb == nullptr);
        CHECK(passwordless_error_kind(err) == r.status);
        passwordless_error_free(err);
    }
    const std::string not_utf8 = "https://app.example.com/cb?code=\xff&state=x";
    CHECK(passwordless_callback_parse(s(not_utf8), s(state), &cb, nullptr) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_callback_parse(passwordless_str{nullptr, 4}, s(state), &cb, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_callback_parse(s("https://a/?code=x&state=y"), s("y"), nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    CHECK(passwordless_callback_str(nullptr, PASSWORDLESS_CBF_CODE, &v) == PASSWORDLESS_E_NULL_ARG);
    passwordless_callback_free(nullptr);

    // The code exchange: the request's body, then the answer.
    REQUIRE(passwordless_callback_parse(s("https://app.example.com/cb?code=the-code&state=st-Qx7Zp2af0ifjsldkj"), s(state), &cb,
                                        nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_callback_str(cb, PASSWORDLESS_CBF_CODE, &v) == PASSWORDLESS_OK);
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_code_request(c, v, s("https://app.example.com/cb"), s("verifier-0123456789012345678901234567890123"),
                                             &req, nullptr) == PASSWORDLESS_OK);
    passwordless_callback_free(cb);
    passwordless_bytes body{};
    REQUIRE(passwordless_request_body(req, &body) == PASSWORDLESS_OK);
    const auto sent = test::json::parse(std::string(reinterpret_cast<const char*>(body.ptr), body.len));
    CHECK(sent["grant_type"] == "authorization_code");
    CHECK(sent["code"] == "the-code");
    CHECK(sent["redirect_uri"] == "https://app.example.com/cb");
    passwordless_request_free(req);
    passwordless_error* err = nullptr;
    CHECK(passwordless_client_code_request(c, s(""), s("https://app.example.com/cb"), s(""), &req, &err) ==
          PASSWORDLESS_KIND_INVALID_ARGUMENT);
    passwordless_error_free(err);
    passwordless_response* r = make_response(200, R"({"access_token":"at","token_type":"Bearer","expires_in":60})");
    passwordless_tokens* t = nullptr;
    REQUIRE(passwordless_client_code_response(c, r, test::now, &t, nullptr) == PASSWORDLESS_OK);
    REQUIRE(passwordless_tokens_str(t, PASSWORDLESS_TOKF_ACCESS_TOKEN, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "at");
    passwordless_tokens_free(t);
    passwordless_response_free(r);
    r = make_response(403, R"({"error":"invalid_grant","error_description":"Invalid authorization code"})");
    t = nullptr;
    CHECK(passwordless_client_code_response(c, r, test::now, &t, nullptr) > 0);
    CHECK(t == nullptr);
    passwordless_response_free(r);
    passwordless_client_free(c);
}

TEST_CASE("c api more: an ID token from a magic link, verified as the login would; the caller frees the claims") {
    passwordless_client* c = make_client();
    verify_log log;
    passwordless_login_options* lo = verify_options(log);
    const std::string token = test::make_jwt(test::good_header(), test::good_claims());
    const std::string url = "https://app.example.com/cb#id_token=" + token + "&state=st-Qx7Zp2af0ifjsldkj";
    passwordless_callback* cb = nullptr;
    REQUIRE(passwordless_callback_parse(s(url), s("st-Qx7Zp2af0ifjsldkj"), &cb, nullptr) == PASSWORDLESS_OK);
    passwordless_str id_token{};
    REQUIRE(passwordless_callback_str(cb, PASSWORDLESS_CBF_ID_TOKEN, &id_token) == PASSWORDLESS_OK);
    passwordless_claims* claims = nullptr;
    passwordless_error* err = nullptr;
    REQUIRE(passwordless_verify_id_token(c, lo, id_token, test::now, &claims, &err) == PASSWORDLESS_OK);
    passwordless_callback_free(cb);
    CHECK(err == nullptr);
    REQUIRE(claims != nullptr);
    CHECK(log.calls == 1);
    CHECK(test::json::parse(log.jwk)["kid"] == "k1");  // the key the token names
    passwordless_str v{};
    REQUIRE(passwordless_claims_str(claims, s("email"), &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "user@example.com");
    std::int64_t exp = 0;
    REQUIRE(passwordless_claims_int(claims, s("exp"), &exp) == PASSWORDLESS_OK);
    CHECK(exp == test::now + 36000);
    REQUIRE(passwordless_claims_json(claims, &v) == PASSWORDLESS_OK);
    CHECK(test::json::parse(str(v)) == test::good_claims());
    passwordless_claims_free(claims);
    passwordless_claims_free(nullptr);

    // The options' expectations count: a nonce, a trusted audience, another issuer.
    test::json with_nonce = test::good_claims();
    with_nonce["nonce"] = "n-1";
    with_nonce["aud"] = test::json::array({"abc123", "https://api.example.com/"});
    with_nonce["azp"] = "abc123";
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_NONCE, s("n-1")) == PASSWORDLESS_OK);
    const std::string t2 = test::make_jwt(test::good_header(), with_nonce);
    CHECK(passwordless_verify_id_token(c, lo, s(t2), test::now, &claims, nullptr) == PASSWORDLESS_KIND_INVALID_ID_TOKEN);  // aud
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_TRUSTED_AUDIENCE, s("https://api.example.com/")) ==
            PASSWORDLESS_OK);
    REQUIRE(passwordless_verify_id_token(c, lo, s(t2), test::now, &claims, nullptr) == PASSWORDLESS_OK);
    passwordless_claims_free(claims);
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_ISSUER, s("https://login.example.com/")) == PASSWORDLESS_OK);
    CHECK(passwordless_verify_id_token(c, lo, s(t2), test::now, &claims, nullptr) == PASSWORDLESS_KIND_INVALID_ID_TOKEN);

    // passwordless_claims_free ignores a handle of another type.
    passwordless_claims_free(reinterpret_cast<passwordless_claims*>(lo));  // wrong type: ignored
    CHECK(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_LEEWAY, 60) == PASSWORDLESS_OK);
    passwordless_login_options_free(lo);
    CHECK(log.frees == 1);  // the verification kept no reference to the verifier
    passwordless_client_free(c);
}

TEST_CASE("c api more: bad ID tokens get the C++ verify_id_token's answer, never quoting the token") {
    passwordless_client* c = make_client();
    verify_log log;
    passwordless_login_options* lo = verify_options(log);
    REQUIRE(passwordless_login_options_set_str(lo, PASSWORDLESS_LOGIN_NONCE, s("n-expected")) == PASSWORDLESS_OK);
    pl::id_token_expectations x = test::good_expectations();
    x.nonce = "n-expected";
    auto with = [](const char* name, const test::json& value) {
        test::json claims = test::good_claims();
        claims["nonce"] = "n-expected";
        if (value.is_null())
            claims.erase(name);
        else
            claims[name] = value;
        return claims;
    };
    const std::string good = test::make_jwt(test::good_header(), with("nonce", "n-expected"));
    const std::string bad_signature = good.substr(0, good.rfind('.') + 1) + test::b64url(test::stub_signature("another input"));
    test::json none_header = test::good_header();
    none_header["alg"] = "none";
    struct bad_token {
        const char* what;
        std::string token;
        const char* reason;
    };
    const bad_token table[] = {
        {"wrong issuer", test::make_jwt(test::good_header(), with("iss", "https://evil.example.com/")), "iss"},
        {"wrong audience", test::make_jwt(test::good_header(), with("aud", "someone-else")), "aud"},
        {"expired", test::make_jwt(test::good_header(), with("exp", test::now - 3600)), "exp"},
        {"nonce mismatch", test::make_jwt(test::good_header(), with("nonce", "n-other")), "nonce"},
        {"no nonce", test::make_jwt(test::good_header(), with("nonce", nullptr)), "nonce"},
        {"bad signature", bad_signature, "signature"},
        {"malformed", "not-a-jwt", nullptr},
        {"two segments", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0", nullptr},
        {"empty", "", nullptr},
        {"alg none", test::make_jwt_raw(none_header.dump(), with("nonce", "n-expected").dump()), nullptr},
    };
    for (const bad_token& row : table) {
        CAPTURE(row.what);
        auto expected = pl::verify_id_token(row.token, x, test::stub_verifier_accepts, test::now);
        REQUIRE_FALSE(expected.ok());
        if (row.reason != nullptr) CHECK(expected.failure().reason == row.reason);
        passwordless_claims* claims = nullptr;
        passwordless_error* err = nullptr;
        CHECK(passwordless_verify_id_token(c, lo, s(row.token), test::now, &claims, &err) ==
              PASSWORDLESS_KIND_INVALID_ID_TOKEN);
        CHECK(claims == nullptr);  // written only on success
        REQUIRE(err != nullptr);
        CHECK(passwordless_error_kind(err) == PASSWORDLESS_KIND_INVALID_ID_TOKEN);
        CHECK(expected.failure().kind == pl::error_kind::invalid_id_token);
        CHECK(field(err, PASSWORDLESS_ERRF_REASON) == expected.failure().reason);
        CHECK(field(err, PASSWORDLESS_ERRF_DESCRIPTION) == expected.failure().description);
        if (row.token.size() > 8) CHECK(field(err, PASSWORDLESS_ERRF_DESCRIPTION).find(row.token) == std::string::npos);
        passwordless_error_free(err);
    }
    CHECK(passwordless_verify_id_token(c, lo, s(good), test::now, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_claims* ok = nullptr;
    REQUIRE(passwordless_verify_id_token(c, lo, s(good), test::now, &ok, nullptr) == PASSWORDLESS_OK);
    passwordless_claims_free(ok);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
    CHECK(log.frees == 1);
}

TEST_CASE("c api more: verifying an ID token refuses NULLs, wrong handles, hostile text and options without a verifier") {
    passwordless_client* c = make_client();
    verify_log log;
    passwordless_login_options* lo = verify_options(log);
    const std::string token = test::make_jwt(test::good_header(), test::good_claims());
    passwordless_claims* claims = nullptr;
    passwordless_error* err = nullptr;
    std::string not_utf8 = token;
    not_utf8[3] = '\xff';
    const auto* lo_as_client = reinterpret_cast<const passwordless_client*>(lo);
    const auto* c_as_options = reinterpret_cast<const passwordless_login_options*>(c);
    struct misuse_row {
        const char* what;
        int32_t status;
        const char* param;
        std::function<int32_t(passwordless_claims**, passwordless_error**)> call;
    };
    const misuse_row rows[] = {
        {"NULL client", PASSWORDLESS_E_NULL_ARG, "client",
         [&](auto o, auto e) { return passwordless_verify_id_token(nullptr, lo, s(token), test::now, o, e); }},
        {"NULL options", PASSWORDLESS_E_NULL_ARG, "opts",
         [&](auto o, auto e) { return passwordless_verify_id_token(c, nullptr, s(token), test::now, o, e); }},
        {"NULL out", PASSWORDLESS_E_NULL_ARG, "out",
         [&](auto, auto e) { return passwordless_verify_id_token(c, lo, s(token), test::now, nullptr, e); }},
        {"a token that lies about its length", PASSWORDLESS_E_NULL_ARG, "id_token",
         [&](auto o, auto e) { return passwordless_verify_id_token(c, lo, passwordless_str{nullptr, 5}, test::now, o, e); }},
        {"a token that is not UTF-8", PASSWORDLESS_E_INVALID_ARG, "id_token",
         [&](auto o, auto e) { return passwordless_verify_id_token(c, lo, s(not_utf8), test::now, o, e); }},
        {"options as the client", PASSWORDLESS_E_BAD_HANDLE, "client",
         [&](auto o, auto e) { return passwordless_verify_id_token(lo_as_client, lo, s(token), test::now, o, e); }},
        {"the client as options", PASSWORDLESS_E_BAD_HANDLE, "opts",
         [&](auto o, auto e) { return passwordless_verify_id_token(c, c_as_options, s(token), test::now, o, e); }},
    };
    for (const misuse_row& row : rows) {
        CAPTURE(row.what);
        CHECK(row.call(&claims, &err) == row.status);
        CHECK(claims == nullptr);
        REQUIRE(err != nullptr);
        CHECK(passwordless_error_kind(err) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
        CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == row.param);
        passwordless_error_free(err);
        err = nullptr;
        CHECK(row.call(&claims, nullptr) == row.status);  // without an error out-parameter: the status alone
    }
    CHECK(log.calls == 0);
    // The claims accessors refuse other handles; claims_free ignores them.
    passwordless_str v{};
    CHECK(passwordless_claims_str(reinterpret_cast<const passwordless_claims*>(c), s("sub"), &v) == PASSWORDLESS_E_BAD_HANDLE);
    passwordless_claims_free(reinterpret_cast<passwordless_claims*>(c));

    // Options without a verifier: a misuse status naming the verifier, unless the signature check
    // is skipped on purpose (then the claims are still checked).
    passwordless_login_options* bare = nullptr;
    REQUIRE(passwordless_login_options_new(&bare) == PASSWORDLESS_OK);
    CHECK(passwordless_verify_id_token(c, bare, s(token), test::now, &claims, &err) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(claims == nullptr);
    REQUIRE(err != nullptr);
    CHECK(field(err, PASSWORDLESS_ERRF_FIELD) == "verifier");
    passwordless_error_free(err);
    err = nullptr;
    REQUIRE(passwordless_login_options_set_int(bare, PASSWORDLESS_LOGIN_DANGEROUS_SKIP_SIGNATURE_CHECK, 1) == PASSWORDLESS_OK);
    std::string unsigned_token = token.substr(0, token.rfind('.')) + ".c2ln";
    REQUIRE(passwordless_verify_id_token(c, bare, s(unsigned_token), test::now, &claims, nullptr) == PASSWORDLESS_OK);
    passwordless_claims_free(claims);
    claims = nullptr;
    CHECK(passwordless_verify_id_token(c, bare, s(unsigned_token), test::now + 86400, &claims, &err) ==
          PASSWORDLESS_KIND_INVALID_ID_TOKEN);
    CHECK(field(err, PASSWORDLESS_ERRF_REASON) == "exp");
    passwordless_error_free(err);
    passwordless_login_options_free(bare);

    // An out-of-range expectation (the leeway) is the C++ call's invalid_argument.
    REQUIRE(passwordless_login_options_set_int(lo, PASSWORDLESS_LOGIN_LEEWAY, 100000) == PASSWORDLESS_OK);
    CHECK(passwordless_verify_id_token(c, lo, s(token), test::now, &claims, nullptr) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(claims == nullptr);
    passwordless_login_options_free(lo);
    CHECK(log.frees == 1);
    passwordless_client_free(c);
}

TEST_CASE("c api more: a key set counts the keys it skipped (RFC 7517 section 5)") {
    const std::string doc = R"({"keys":[{"kty":"RSA","kid":"k1","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","e":"AQAB"},{"kty":"EC","kid":"k2","crv":"P-256","x":"a","y":"b"},{"kty":"RSA","kid":"k3","n":"AQAB","e":"AQAB","key_ops":["encrypt"]}]})";
    passwordless_keyset* k = nullptr;
    REQUIRE(passwordless_keyset_parse(b(doc), &k, nullptr) == PASSWORDLESS_OK);
    CHECK(passwordless_keyset_count(k) == 1);
    CHECK(passwordless_keyset_skipped(k) == 2);
    passwordless_keyset_free(k);
    // A set that publishes a private key is refused whole, naming no key material.
    passwordless_error* refused = nullptr;
    k = nullptr;
    CHECK(passwordless_keyset_parse(b(R"({"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","d":"c2VjcmV0"}]})"), &k, &refused) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
    CHECK(k == nullptr);
    passwordless_error_free(refused);
    CHECK(passwordless_keyset_skipped(nullptr) == PASSWORDLESS_E_NULL_ARG);
}

TEST_CASE("c api more: a DPoP key given to a login; the login's nonce") {
    key_log log;
    passwordless_dpop_key* k = make_key(log);
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_dpop_key(lo, k) == PASSWORDLESS_OK);
    CHECK(passwordless_login_options_set_dpop_key(lo, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_dpop_key_free(k);
    passwordless_client* c = make_client();
    passwordless_login* login = nullptr;
    REQUIRE(passwordless_login_new(c, lo, &login, nullptr) == PASSWORDLESS_OK);
    passwordless_login_options_free(lo);
    passwordless_client_free(c);
    passwordless_str v{};
    CHECK(passwordless_login_dpop_nonce(login, &v) == PASSWORDLESS_E_ABSENT);
    passwordless_start_params* p = nullptr;
    REQUIRE(passwordless_start_params_new(&p) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_CONNECTION, s("email")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_start_params_set(p, PASSWORDLESS_START_EMAIL, s("user@example.com")) == PASSWORDLESS_OK);
    passwordless_step* st = nullptr;
    REQUIRE(passwordless_login_start(login, p, test::now, &st) == PASSWORDLESS_OK);
    passwordless_step_free(st);
    passwordless_start_params_free(p);
    passwordless_response* r = make_response(200, "{}");
    REQUIRE(passwordless_login_on_response(login, r, test::now, &st) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    passwordless_step_free(st);
    REQUIRE(passwordless_login_submit_code(login, s("123456"), test::now, &st) == PASSWORDLESS_OK);
    const passwordless_request* req = nullptr;
    REQUIRE(passwordless_step_request(st, &req) == PASSWORDLESS_OK);
    CHECK_FALSE(header_value(req, "dpop").empty());
    CHECK(log.signs == 1);
    // A step's request belongs to the step: no proof may be added to it.
    passwordless_dpop_key* k2 = make_key(log);
    CHECK(passwordless_request_add_dpop_proof(const_cast<passwordless_request*>(req), k2, s(""), test::now, nullptr) ==
          PASSWORDLESS_E_INVALID_ARG);
    passwordless_dpop_key_free(k2);
    passwordless_step_free(st);
    r = make_response(400, R"({"error":"use_dpop_nonce"})", {{"dpop-nonce", "n-1"}});
    REQUIRE(passwordless_login_on_response(login, r, test::now, &st) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    passwordless_step_free(st);
    REQUIRE(passwordless_login_dpop_nonce(login, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "n-1");
    passwordless_login_free(login);
    CHECK(log.frees == 2);
}

TEST_CASE("c api more: OpenID Connect discovery, checked against the issuer") {
    passwordless_client* c = make_client();
    passwordless_request* req = nullptr;
    REQUIRE(passwordless_client_discovery_request(c, &req) == PASSWORDLESS_OK);
    passwordless_str v{};
    REQUIRE(passwordless_request_url(req, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/.well-known/openid-configuration");
    passwordless_request_free(req);
    const std::string doc = R"({"issuer":"https://example.auth0.com/","jwks_uri":"https://example.auth0.com/.well-known/jwks.json",)"
                            R"("id_token_signing_alg_values_supported":["HS256","RS256"],"dpop_signing_alg_values_supported":[]})";
    passwordless_response* r = make_response(200, doc);
    passwordless_discovery* d = nullptr;
    REQUIRE(passwordless_client_discovery_response(c, r, test::now, &d, nullptr) == PASSWORDLESS_OK);
    passwordless_response_free(r);
    REQUIRE(passwordless_discovery_str(d, PASSWORDLESS_DISCF_JWKS_URI, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "https://example.auth0.com/.well-known/jwks.json");
    REQUIRE(passwordless_discovery_str(d, PASSWORDLESS_DISCF_ID_TOKEN_ALGS, &v) == PASSWORDLESS_OK);
    CHECK(str(v) == "HS256,RS256");
    REQUIRE(passwordless_discovery_str(d, PASSWORDLESS_DISCF_DPOP_ALGS, &v) == PASSWORDLESS_OK);
    CHECK(v.len == 0);
    CHECK(passwordless_discovery_str(d, PASSWORDLESS_DISCF_TOKEN_ENDPOINT, &v) == PASSWORDLESS_E_ABSENT);
    CHECK(passwordless_discovery_str(d, 499, &v) == PASSWORDLESS_E_INVALID_ARG);
    CHECK(passwordless_discovery_str(d, PASSWORDLESS_DISCF_ISSUER, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_discovery_free(d);
    // Another issuer, a 5xx, a non-object, and misuse.
    passwordless_error* err = nullptr;
    d = nullptr;
    CHECK(passwordless_discovery_parse(b(doc), s("https://evil.example.com/"), &d, &err) == PASSWORDLESS_KIND_ISSUER_MISMATCH);
    CHECK(d == nullptr);
    passwordless_error_free(err);
    CHECK(passwordless_discovery_parse(b(doc), s(""), &d, nullptr) == PASSWORDLESS_KIND_INVALID_ARGUMENT);
    CHECK(passwordless_discovery_parse(b("[1]"), s("https://example.auth0.com/"), &d, nullptr) == PASSWORDLESS_KIND_MALFORMED_RESPONSE);
    CHECK(passwordless_discovery_parse(passwordless_bytes{nullptr, 3}, s("https://example.auth0.com/"), &d, nullptr) ==
          PASSWORDLESS_E_NULL_ARG);
    REQUIRE(passwordless_discovery_parse(b(doc), s("https://example.auth0.com/"), &d, nullptr) == PASSWORDLESS_OK);
    passwordless_discovery_free(d);
    r = make_response(503, "");
    CHECK(passwordless_client_discovery_response(c, r, test::now, &d, nullptr) == PASSWORDLESS_KIND_SERVER_ERROR);
    CHECK(passwordless_client_discovery_response(c, r, test::now, nullptr, nullptr) == PASSWORDLESS_E_NULL_ARG);
    passwordless_response_free(r);
    CHECK(passwordless_client_discovery_request(nullptr, &req) == PASSWORDLESS_E_NULL_ARG);
    passwordless_discovery_free(nullptr);
    passwordless_client_free(c);
}

}  // namespace c_api_more_tests
