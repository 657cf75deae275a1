// passwordless: a sans-IO protocol core for Auth0 passwordless login. Include this header for
// everything, or the one-concept headers under passwordless/ for less.

// Outside the guard, so that a second copy of the library (another version, another include
// directory) still runs version.hpp's check and warns.
#include "passwordless/version.hpp"

#ifndef PASSWORDLESS_HPP
#define PASSWORDLESS_HPP

#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/http.hpp"
#include "passwordless/client.hpp"
#include "passwordless/classify.hpp"
#include "passwordless/start.hpp"
#include "passwordless/token.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/jwks.hpp"
#include "passwordless/discovery.hpp"
#include "passwordless/callback.hpp"
#include "passwordless/flow.hpp"

#endif
