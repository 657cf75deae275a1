// What the C ABI tests (tests/c_api/test_*.cpp) share: C values from C++ text, a client and
// responses built through the C functions, and the callbacks a binding would register (a
// verifier and a DPoP signer over the test stubs, with logs of their calls and free hooks).
#ifndef PASSWORDLESS_TESTS_C_API_HELPERS_HPP
#define PASSWORDLESS_TESTS_C_API_HELPERS_HPP

#include <passwordless.h>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../support/helpers.hpp"
#include "../support/jwt_helpers.hpp"
#include "../support/stub_signer.hpp"

// Every C ABI test file opens a namespace inside this one, so that these names are found before
// any other test file's in a unity build.
namespace c_api_test {

namespace pl = passwordless;
using test::json;

inline passwordless_str s(const char* text) { return passwordless_str{text, std::strlen(text)}; }
inline passwordless_str s(const std::string& text) { return passwordless_str{text.data(), text.size()}; }
inline passwordless_bytes b(const std::string& bytes) {
    return passwordless_bytes{reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}
inline std::string str(passwordless_str v) { return std::string(v.ptr, v.len); }

/// A client of example.auth0.com, client id abc123.
inline passwordless_client* make_client() {
    passwordless_client_options* o = nullptr;
    REQUIRE(passwordless_client_options_new(&o) == PASSWORDLESS_OK);
    REQUIRE(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_DOMAIN, s("example.auth0.com")) == PASSWORDLESS_OK);
    REQUIRE(passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, s("abc123")) == PASSWORDLESS_OK);
    passwordless_client* c = nullptr;
    REQUIRE(passwordless_client_new(o, &c, nullptr) == PASSWORDLESS_OK);
    passwordless_client_options_free(o);
    return c;
}

/// A JSON response with these extra headers.
inline passwordless_response* make_response(int status, const std::string& body,
                                            const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    passwordless_response* r = nullptr;
    REQUIRE(passwordless_response_new(status, &r) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_add_header(r, b("content-type"), b("application/json")) == PASSWORDLESS_OK);
    for (const auto& h : headers) REQUIRE(passwordless_response_add_header(r, b(h.first), b(h.second)) == PASSWORDLESS_OK);
    REQUIRE(passwordless_response_set_body(r, b(body)) == PASSWORDLESS_OK);
    return r;
}

/// Every header of a request, in order.
inline std::vector<pl::header> headers_of(const passwordless_request* r) {
    std::vector<pl::header> out;
    for (std::int32_t i = 0; i < passwordless_request_header_count(r); ++i) {
        passwordless_str n{}, v{};
        REQUIRE(passwordless_request_header_at(r, static_cast<std::size_t>(i), &n, &v) == PASSWORDLESS_OK);
        out.push_back({str(n), str(v)});
    }
    return out;
}

/// The value of a request's header `name`, or empty.
inline std::string header_value(const passwordless_request* r, const char* name) {
    for (const auto& h : headers_of(r))
        if (h.name == name) return h.value;
    return std::string();
}

/// A text member of an error, or empty.
inline std::string field(const passwordless_error* e, int32_t f) {
    passwordless_str v{};
    return passwordless_error_field(e, f, &v) == PASSWORDLESS_OK ? str(v) : std::string();
}

/// The field and description of `err`, which is freed.
inline std::pair<std::string, std::string> take_error(passwordless_error*& err) {
    REQUIRE(err != nullptr);
    passwordless_str f{}, text{};
    REQUIRE(passwordless_error_field(err, PASSWORDLESS_ERRF_FIELD, &f) == PASSWORDLESS_OK);
    REQUIRE(passwordless_error_field(err, PASSWORDLESS_ERRF_DESCRIPTION, &text) == PASSWORDLESS_OK);
    std::pair<std::string, std::string> out{str(f), str(text)};
    passwordless_error_free(err);
    err = nullptr;
    return out;
}

/// Runs one login call and returns its step (the call itself must succeed).
template <class F>
passwordless_step* step_of(F call) {
    passwordless_step* st = nullptr;
    REQUIRE(call(&st) == PASSWORDLESS_OK);
    REQUIRE(st != nullptr);
    return st;
}

// ---- the verifier callback ---------------------------------------------------------------------

struct verifier_log {
    int calls = 0;
    int frees = 0;
    std::string last_jwk;
};

/// A passwordless_verify_fn over the test stub verifier, logging into a verifier_log.
inline int32_t stub_verify(void* ud, passwordless_str alg, passwordless_str kid, passwordless_bytes input,
                           passwordless_bytes sig, passwordless_str jwk) {
    auto* log = static_cast<verifier_log*>(ud);
    ++log->calls;
    log->last_jwk = str(jwk);
    pl::signature_input in;
    in.algorithm = std::string_view(alg.ptr, alg.len);
    in.key_id = std::string_view(kid.ptr, kid.len);
    in.signing_input = std::string_view(reinterpret_cast<const char*>(input.ptr), input.len);
    in.signature = std::string_view(reinterpret_cast<const char*>(sig.ptr), sig.len);
    return test::stub_verifier_accepts(in) ? 0 : 1;
}

inline void count_verifier_free(void* ud) { ++static_cast<verifier_log*>(ud)->frees; }

// ---- the DPoP signer and random source ---------------------------------------------------------

/// The stub signer's P-256 public key as a JWK.
inline const std::string public_jwk =
    std::string(R"({"kty":"EC","crv":"P-256","x":")") + stub_jws::dpop_key_x + R"(","y":")" + stub_jws::dpop_key_y + "\"}";
/// What fixed_random writes: 16 bytes of 0x2a.
inline const std::string jti_bytes(16, '\x2a');

struct key_log {
    int signs = 0;
    int frees = 0;
    bool fail_random = false;
    bool fail_sign = false;
};

/// A passwordless_dpop_sign_fn over the test stub signer, logging into a key_log.
inline int32_t stub_sign(void* ud, passwordless_bytes input, std::uint8_t* out, std::size_t cap, std::size_t* len) {
    auto* log = static_cast<key_log*>(ud);
    ++log->signs;
    if (log->fail_sign || cap < 64) return 1;
    const std::string sig = stub_jws::dpop_signature(std::string_view(reinterpret_cast<const char*>(input.ptr), input.len));
    std::memcpy(out, sig.data(), sig.size());
    *len = sig.size();
    return 0;
}

/// A passwordless_random_fn writing jti_bytes (or failing, when the log says so).
inline int32_t fixed_random(void* ud, std::uint8_t* out, std::size_t len) {
    if (static_cast<key_log*>(ud)->fail_random) return 1;
    std::memset(out, 0x2a, len);
    return 0;
}

inline void count_key_free(void* ud) { ++static_cast<key_log*>(ud)->frees; }

/// The C++ key the C callbacks stand for.
inline pl::dpop_key core_key() {
    return pl::dpop_key{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y},
                        [](std::string_view in) { return stub_jws::dpop_signature(in); }};
}

/// A DPoP key over stub_sign and fixed_random, logging into `log`.
inline passwordless_dpop_key* make_key(key_log& log) {
    passwordless_dpop_key* k = nullptr;
    REQUIRE(passwordless_dpop_key_new(s(public_jwk), stub_sign, fixed_random, &log, count_key_free, &k) == PASSWORDLESS_OK);
    return k;
}

}  // namespace c_api_test

#endif
