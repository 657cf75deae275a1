// verify-id-token: checks an RS256 ID token against a JWKS file with OpenSSL, and prints its
// claims.   usage: verify-id-token JWKS_FILE ISSUER CLIENT_ID NOW < token
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "openssl_verifier.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fputs("usage: verify-id-token JWKS_FILE ISSUER CLIENT_ID NOW < token\n", stderr);
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    std::stringstream jwks_text;
    jwks_text << file.rdbuf();
    auto keys = passwordless::parse_jwks(jwks_text.str());
    if (!keys) {
        std::fprintf(stderr, "JWKS: %s\n", keys.failure().description.c_str());
        return 1;
    }
    std::string token((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();

    passwordless::id_token_expectations expect;
    expect.issuer = argv[2];
    expect.client_id = argv[3];
    const passwordless::signature_verifier verifier = example::openssl_verifier(std::move(keys).value());
    auto claims = passwordless::verify_id_token(token, expect, verifier, std::strtoll(argv[4], nullptr, 10));
    if (!claims) {
        std::fprintf(stderr, "refused (%s): %s\n", claims.failure().reason.c_str(), claims.failure().description.c_str());
        return 1;
    }
    std::cout << claims->json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return 0;
}
