// Compiled beside app.cpp with only the single header and nlohmann's single-file json.hpp on the
// include path: the OpenSSL add-on must work with the single header (it includes no
// passwordless/ header of its own when the single header came first).
#include "passwordless.hpp"
#include <passwordless/addons/openssl_verifier.hpp>

bool addon_refuses_without_keys() {
    const passwordless::openssl_verifier verifier(passwordless::jwks{});
    return !verifier(passwordless::signature_input{"RS256", "k1", "a.b", "sig"});
}
