// The C ABI (passwordless.h), key sets, and an ID token verified outside the login as the login would.
// Each call gives what its C++ counterpart gives; misuse gives a status, never a crash.
#include <passwordless.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "helpers.hpp"

namespace c_api_test::keys_tests {

namespace {

/// Login options with the stub verifier (logging into `log`) and a key set holding key "k1".
passwordless_login_options* verify_options(verifier_log& log) {
    passwordless_login_options* lo = nullptr;
    REQUIRE(passwordless_login_options_new(&lo) == PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_verifier(lo, stub_verify, &log, count_verifier_free) == PASSWORDLESS_OK);
    passwordless_keyset* keys = nullptr;
    REQUIRE(passwordless_keyset_parse(b(R"({"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]})"), &keys, nullptr) ==
            PASSWORDLESS_OK);
    REQUIRE(passwordless_login_options_set_keyset(lo, keys) == PASSWORDLESS_OK);
    passwordless_keyset_free(keys);
    return lo;
}

}  // namespace

TEST_CASE("c api, keys: an ID token from a magic link, verified as the login would; the caller frees the claims") {
    passwordless_client* c = make_client();
    verifier_log log;
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
    CHECK(test::json::parse(log.last_jwk)["kid"] == "k1");  // the key the token names
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

TEST_CASE("c api, keys: bad ID tokens get the C++ verify_id_token's answer, never quoting the token") {
    passwordless_client* c = make_client();
    verifier_log log;
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

TEST_CASE("c api, keys: verifying an ID token refuses NULLs, wrong handles, hostile text and options without a verifier") {
    passwordless_client* c = make_client();
    verifier_log log;
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

TEST_CASE("c api, keys: a key set counts the keys it skipped (RFC 7517 section 5)") {
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

}  // namespace c_api_test::keys_tests
