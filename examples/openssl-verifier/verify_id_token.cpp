// verify-id-token: checks an ID token against a JWKS file with the OpenSSL add-on verifier, and
// prints its claims as JSON. Algorithms: RS256, RS384 and RS512 (RSASSA-PKCS1-v1_5), the ones
// passwordless::openssl_verifier::algorithms() names; any other --alg (HS256, PS256, ES256, none,
// a lower-case rs256, ...) is refused on the command line, before any file or token is read.
//   usage: verify-id-token [options] JWKS_FILE ISSUER CLIENT_ID NOW < token
//   options: --alg RS256|RS384|RS512 (repeatable; default RS256), --nonce N, --audience A (a
//            trusted audience besides CLIENT_ID, repeatable), --max-age SECONDS, --organization
//            ORG, --leeway SECONDS
// Exit status: 0 verified, 1 refused (the failed check on stderr), 2 bad usage (an unsupported
// --alg included) or JWKS.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <passwordless.hpp>
#include <passwordless/addons/openssl_verifier.hpp>

namespace {

const char* const usage =
    "usage: verify-id-token [options] JWKS_FILE ISSUER CLIENT_ID NOW < token\n"
    "  --alg ALG            allow RS256, RS384 or RS512, the algorithms this tool can verify\n"
    "                       (repeatable; default RS256 only; any other is refused)\n"
    "  --nonce N            the nonce sent; without it the token must carry none\n"
    "  --audience A         a trusted audience besides CLIENT_ID (repeatable)\n"
    "  --max-age SECONDS    require auth_time no older than this\n"
    "  --organization ORG   require org_id (org_...) or org_name\n"
    "  --leeway SECONDS     clock skew allowed (0 to 600; default 60)\n";

std::optional<long long> whole_number(const char* s) {
    char* end = nullptr;
    const long long v = std::strtoll(s, &end, 10);
    if (end == s || *end != '\0') return std::nullopt;
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    passwordless::id_token_expectations expect;
    std::vector<std::string> algorithms;
    std::vector<const char*> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(usage, stdout);
            return 0;
        }
        const bool takes_value = a == "--alg" || a == "--nonce" || a == "--audience" || a == "--max-age" ||
                                 a == "--organization" || a == "--leeway";
        if (!takes_value) {
            if (a.size() > 1 && a[0] == '-') {
                std::fprintf(stderr, "verify-id-token: unknown option %s\n%s", a.c_str(), usage);
                return 2;
            }
            positional.push_back(argv[i]);
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "verify-id-token: %s needs a value\n", a.c_str());
            return 2;
        }
        const char* v = argv[++i];
        if (a == "--alg") {
            // Only what the OpenSSL verifier can check: another algorithm would be allowed by the
            // expectations and then fail as a refused signature, which reads like a bad token.
            const std::vector<std::string> supported = passwordless::openssl_verifier::algorithms();
            if (std::find(supported.begin(), supported.end(), v) == supported.end()) {
                std::string names;
                for (const std::string& s : supported) names += (names.empty() ? "" : ", ") + s;
                std::fprintf(stderr, "verify-id-token: --alg %s is not supported: this tool verifies %s only\n", v,
                             names.c_str());
                return 2;
            }
            algorithms.emplace_back(v);
        } else if (a == "--nonce") {
            expect.nonce = v;
        } else if (a == "--audience") {
            expect.trusted_audiences.emplace_back(v);
        } else if (a == "--organization") {
            expect.organization = v;
        } else {
            const std::optional<long long> n = whole_number(v);
            if (!n) {
                std::fprintf(stderr, "verify-id-token: %s needs a whole number\n", a.c_str());
                return 2;
            }
            if (a == "--max-age") expect.max_age = *n;
            if (a == "--leeway") expect.leeway = *n;
        }
    }
    if (positional.size() != 4) {
        std::fputs(usage, stderr);
        return 2;
    }
    if (!algorithms.empty()) expect.algorithms = algorithms;
    std::ifstream file(positional[0], std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "verify-id-token: cannot read %s\n", positional[0]);
        return 2;
    }
    std::stringstream jwks_text;
    jwks_text << file.rdbuf();
    auto keys = passwordless::parse_jwks(jwks_text.str());
    if (!keys) {
        std::fprintf(stderr, "JWKS: %s\n", keys.failure().description.c_str());
        return 2;
    }
    if (keys->skipped != 0) std::fprintf(stderr, "JWKS: %zu key(s) skipped (not usable RSA signature keys)\n", keys->skipped);
    std::string token((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();

    expect.issuer = positional[1];
    expect.client_id = positional[2];
    const std::optional<long long> now = whole_number(positional[3]);
    if (!now) {
        std::fputs("verify-id-token: NOW must be Unix seconds\n", stderr);
        return 2;
    }
    const passwordless::signature_verifier verifier = passwordless::openssl_verifier(std::move(keys).value());
    auto claims = passwordless::verify_id_token(token, expect, verifier, *now);
    if (!claims) {
        const passwordless::error& e = claims.failure();
        std::fprintf(stderr, "refused (%s): %s\n", e.reason.empty() ? e.field.c_str() : e.reason.c_str(), e.description.c_str());
        return e.kind == passwordless::error_kind::invalid_argument ? 2 : 1;
    }
    std::cout << claims->json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
}
