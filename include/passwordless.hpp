// passwordless: a sans-IO protocol core for Auth0 passwordless login. Include this header for
// everything, or the one-concept headers under passwordless/ for less.
//
// The calls follow one pattern:
// - build_*_request(const client&, params): a request carries the client's id, credentials, base
//   URL and telemetry, so it takes the client that client::create validated.
// - parse_*(input, now, const checked_limits& = {}) and verify_id_token(token, expectations,
//   verifier, now, limits): reading an answer needs only the caps (limits.hpp) and, where the
//   answer involves time (retry_at, expires_at, exp), the caller's `now` (time.hpp); never the
//   client's identity, so they work where no client exists. The limits are the checked type, so
//   no parser sees an unchecked cap: pass client.limits(), or checked_limits::create(...).
//   parse_callback, parse_jwks and decode_jwt involve no time and take no `now`.

// Outside the guard, so that a second copy of the library (another version, another include
// directory) still runs version.hpp's check and warns.
#include "passwordless/version.hpp"

#ifndef PASSWORDLESS_HPP
#define PASSWORDLESS_HPP

#include "passwordless/time.hpp"
#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/http.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/client.hpp"
#include "passwordless/classify.hpp"
#include "passwordless/start.hpp"
#include "passwordless/token.hpp"
#include "passwordless/mfa.hpp"
#include "passwordless/id_token.hpp"
#include "passwordless/jwks.hpp"
#include "passwordless/discovery.hpp"
#include "passwordless/callback.hpp"
#include "passwordless/flow_tables.hpp"
#include "passwordless/flow.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/jwk_thumbprint.hpp"
#include "passwordless/dpop.hpp"
#include "passwordless/www_authenticate.hpp"
#include "passwordless/dpop_refresh.hpp"
#include "passwordless/claims.hpp"
#include "passwordless/revoke.hpp"
#include "passwordless/userinfo.hpp"
#include "passwordless/logout.hpp"

#endif
