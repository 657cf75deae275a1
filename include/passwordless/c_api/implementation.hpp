// passwordless C ABI: the implementation of passwordless.h. The one C++17 translation unit that
// includes this file defines every function (the libraries' generated unit, or a vendoring
// application's own file); every other file includes passwordless.h. Each part of the header has one file,
// which defines each of its extern "C" functions once, with the exception boundary inside it;
// the plumbing they share is boundary.hpp (the boundary), handles.hpp (what each handle holds),
// enums.hpp (C constants to C++ enums) and convert.hpp (arguments in, views and errors out).
#ifndef PASSWORDLESS_C_API_IMPLEMENTATION_HPP
#define PASSWORDLESS_C_API_IMPLEMENTATION_HPP

#include "passwordless.h"
#include "passwordless/c_api/errors.hpp"    // versions, names of constants, errors
#include "passwordless/c_api/client.hpp"    // client, requests and responses, tokens, discovery
#include "passwordless/c_api/keys.hpp"      // key sets, ID tokens, claims
#include "passwordless/c_api/login.hpp"     // login options, logins, steps
#include "passwordless/c_api/dpop.hpp"      // DPoP keys, proofs, refresh with DPoP
#include "passwordless/c_api/resource.hpp"  // WWW-Authenticate challenges, resource errors
#include "passwordless/c_api/callback.hpp"  // magic-link callbacks, the code exchange
#include "passwordless/c_api/session.hpp"   // revoke, userinfo, logout URLs, token freshness
#include "passwordless/c_api/mfa.hpp"       // MFA: authenticators, challenges, grants, requirements

#endif
