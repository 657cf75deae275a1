// A real OpenID Connect server for the interop suite: panva's oidc-provider (OpenID Certified),
// on 127.0.0.1 and a free port, with as little glue as its public extension points allow:
//   - the passwordless OTP grant, registered with registerGrantType; its tokens are made by the
//     provider's own models (Grant, AccessToken, RefreshToken, IdToken), so keys, signatures,
//     refresh rotation, client authentication and every error body are oidc-provider's;
//   - POST /passwordless/start in front of it (Auth0's shape), and GET /dev/mailbox?to=... where
//     the test reads the code that would have been e-mailed;
//   - Auth0's paths, which the library builds from the base URL: routes.token = '/oauth/token',
//     routes.userinfo = '/userinfo' (oidc-provider's default is /me), routes.revocation =
//     '/oauth/revoke' with features.revocation on (its default is /token/revocation); discovery
//     advertises them, and run.py checks that it does;
//   - DPoP (RFC 9449) on, a nonce required from public clients at the token endpoint and at
//     userinfo. The OTP grant binds its tokens as the built-in grants do: the proof is checked
//     by oidc-provider's own validate_dpop helper (signature, typ, alg, htm, htu, iat, nonce,
//     thumbprint), replays by its ReplayDetection model, the access token bound with
//     setThumbprint('jkt') and a public client's refresh token by its jkt (see README.md).
// Prints "listening <port>" once ready; stops on SIGTERM or when its standard input closes.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes, randomInt, randomUUID, createHash } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';
// Not in oidc-provider's documented API, but the package has no `exports` map, so this is the very
// module its authorization_code, refresh_token and client_credentials grants and userinfo call
// (the version is pinned by package-lock.json). Custom grants get no DPoP handling of their own.
import dpopValidate, { DPOP_OK_WINDOW } from 'oidc-provider/lib/helpers/validate_dpop.js';

const OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp';
const SCOPES = ['openid', 'offline_access', 'email', 'profile'];
const codes = new Map(); // email -> code that would have been sent

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}/`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'interop-rs256', use: 'sig', alg: 'RS256' };
const app = (id, auth, grants, secret) => ({
  client_id: id,
  ...(secret ? { client_secret: secret } : {}),
  token_endpoint_auth_method: auth,
  grant_types: grants,
  response_types: [],
  redirect_uris: [],
});

const provider = new Provider(issuer, {
  clients: [
    app('public-app', 'none', [OTP_GRANT, 'refresh_token']),
    app('post-app', 'client_secret_post', [OTP_GRANT, 'refresh_token'], 'post-secret-0123456789abcdef'),
    app('basic-app', 'client_secret_basic', [OTP_GRANT, 'refresh_token'], 'basic-secret-0123456789abcdef'),
    app('refresh-only-app', 'none', ['refresh_token']),
  ],
  jwks: { keys: [signingKey] },
  routes: { token: '/oauth/token', userinfo: '/userinfo', revocation: '/oauth/revoke' },
  scopes: SCOPES,
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  conformIdTokenClaims: false, // put the email claims in the ID token, as Auth0 does
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    dPoP: {
      enabled: true,
      nonceSecret: randomBytes(32),
      // Public clients at the token endpoint; every caller at userinfo (the client is not known
      // yet when the proof is checked there).
      requireNonce: (ctx) => ctx.oidc.route === 'userinfo' || ctx.oidc.client?.clientAuthMethod === 'none',
    },
  },
  rotateRefreshToken: () => true, // every client, not only public ones
  ttl: { AccessToken: 3600, IdToken: 3600, RefreshToken: 86400, Grant: 86400 },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, email: accounts.get(sub), email_verified: true }),
  }),
});
const accounts = new Map(); // sub -> email

// The OTP grant: the code must be the one /passwordless/start sent to `username`.
async function otpGrant(ctx, next) {
  const { username, otp, realm } = ctx.oidc.params;
  if (!username || !otp || !realm) throw new errors.InvalidRequest('missing required parameter(s) (username, otp, realm)');
  // The DPoP proof first, as authorization_code does: a use_dpop_nonce answer leaves the code unused.
  const dPoP = await dpopValidate(ctx);
  if (!dPoP && ctx.oidc.client.dpopBoundAccessTokens) throw new errors.InvalidGrant('DPoP proof JWT not provided');
  const scopes = (ctx.oidc.params.scope || 'openid').split(' ').filter(Boolean);
  const unknown = scopes.filter((s) => !SCOPES.includes(s));
  if (unknown.length) throw new errors.InvalidScope('requested scope is not allowed', unknown.join(' '));
  if (codes.get(username) !== otp) throw new errors.InvalidGrant('wrong email or verification code');
  const { client } = ctx.oidc;
  const { Grant, AccessToken, RefreshToken, IdToken, ReplayDetection } = ctx.oidc.provider;
  if (dPoP) {
    const unique = await ReplayDetection.unique(client.clientId, dPoP.jti, Math.floor(Date.now() / 1000) + DPOP_OK_WINDOW);
    if (!unique) throw new errors.InvalidGrant('DPoP proof JWT Replay detected');
  }
  codes.delete(username);

  const accountId = `email|${createHash('sha256').update(username).digest('hex').slice(0, 24)}`;
  accounts.set(accountId, username);
  const scope = scopes.join(' ');
  const grant = new Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope(scope);
  grant.addOIDCClaims(['email', 'email_verified']);
  const grantId = await grant.save();
  const account = await ctx.oidc.provider.Account.findAccount(ctx, accountId);
  ctx.oidc.entity('Grant', grant);
  ctx.oidc.entity('Account', account);
  const gty = 'passwordless_otp';
  const authTime = Math.floor(Date.now() / 1000);

  const at = new AccessToken({ accountId, client, grantId, gty, scope });
  if (dPoP) at.setThumbprint('jkt', dPoP.thumbprint); // token_type becomes DPoP
  ctx.oidc.entity('AccessToken', at);
  const accessToken = await at.save();
  let refreshToken;
  if (scopes.includes('offline_access') && client.grantTypeAllowed('refresh_token')) {
    const rt = new RefreshToken({ accountId, client, grantId, gty, scope, authTime, rotations: 0 });
    if (at.jkt && client.clientAuthMethod === 'none') rt.jkt = at.jkt; // as authorization_code binds it
    ctx.oidc.entity('RefreshToken', rt);
    refreshToken = await rt.save();
  }
  let idToken;
  if (scopes.includes('openid')) {
    const token = new IdToken({ ...(await account.claims('id_token', scope, {}, [])), auth_time: authTime }, { ctx });
    token.scope = scope;
    token.set('at_hash', accessToken);
    idToken = await token.issue({ use: 'idtoken' });
  }
  ctx.body = {
    access_token: accessToken,
    expires_in: at.expiration,
    id_token: idToken,
    refresh_token: refreshToken,
    scope,
    token_type: at.tokenType,
  };
  await next();
}
provider.registerGrantType(OTP_GRANT, otpGrant, new Set(['username', 'otp', 'realm', 'scope', 'audience']));

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Auth0's /passwordless/start (email connection, send code) and the test's mailbox, in front.
provider.use(async (ctx, next) => {
  if (ctx.method === 'POST' && ctx.path === '/passwordless/start') {
    const body = await readJson(ctx.req);
    ctx.type = 'application/json';
    const fail = (error, description) => {
      ctx.status = 400;
      ctx.body = { error, error_description: description };
    };
    if (!body || typeof body !== 'object') return fail('bad.request', 'the body must be a JSON object');
    if (!(await provider.Client.find(String(body.client_id)))) return fail('bad.client_id', 'unknown client');
    if (body.connection !== 'email') return fail('bad.connection', 'only the email connection exists here');
    if (typeof body.email !== 'string' || !body.email.includes('@')) return fail('bad.email', 'invalid email address');
    codes.set(body.email, String(randomInt(0, 1000000)).padStart(6, '0'));
    ctx.body = { _id: randomUUID().replace(/-/g, '').slice(0, 24), email: body.email, email_verified: false };
    return undefined;
  }
  if (ctx.method === 'GET' && ctx.path === '/dev/mailbox') {
    const to = String(ctx.query.to || '');
    if (!codes.has(to)) {
      ctx.status = 404;
      ctx.body = { error: 'no message' };
      return undefined;
    }
    ctx.body = { to, code: codes.get(to) };
    return undefined;
  }
  return next();
});

// Why a grant was refused (invalid_grant bodies say only "grant request is invalid"): run.py reads it.
provider.on('grant.error', (ctx, err) => console.error(`grant.error ${err.error_detail || err.error_description}`));

server.on('request', provider.callback());
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop); // the test's pipe closed: the test is gone
process.stdin.resume();
console.log(`listening ${port}`);
