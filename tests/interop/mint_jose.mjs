// Mints ID tokens and key sets with npm `jose` (and, for tokens jose refuses to make, Node's own
// crypto), as cases for `passwordless-interop-verify tokens`: a JSON array on standard output of
// {name, jwks, token, expect, now, accept, reason?, skipped?, set_refused?, jose?}.
import { SignJWT, generateKeyPair, exportJWK, base64url, createLocalJWKSet, jwtVerify } from 'jose';
import { createHash, createHmac, createSign, generateKeyPairSync, createPublicKey } from 'node:crypto';

const NOW = 1700000000;
const ISS = 'https://example.auth0.com/';
const CLIENT = 'abc123';
const API = 'https://api.example.com/';
const cases = [];
const add = (c) => cases.push({ now: NOW, ...c });

const auth0Claims = (extra = {}) => ({
  iss: ISS, sub: 'email|5f7c8ec7c33c6c004bbafe82', aud: CLIENT, iat: NOW - 10, exp: NOW + 36000,
  email: 'user@example.com', email_verified: true, nonce: 'n-0S6_WzA2Mj', auth_time: NOW - 20,
  org_id: 'org_abc123', ...extra,
});
const fullExpect = (extra = {}) => ({
  issuer: ISS, client_id: CLIENT, nonce: 'n-0S6_WzA2Mj', max_age: 300, organization: 'org_abc123',
  algorithms: ['RS256', 'RS384', 'RS512'], ...extra,
});
const b64json = (v) => base64url.encode(JSON.stringify(v));
const hashOf = (alg) => ({ RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' })[alg];
// A compact JWS made by hand (for headers jose will not sign).
const rawSign = (header, payload, privateKey) => {
  const input = `${b64json(header)}.${b64json(payload)}`;
  const signature = createSign(hashOf(header.alg) ?? 'sha256').update(input).sign(privateKey);
  return `${input}.${base64url.encode(signature)}`;
};
const publicJwk = async (key, kid, alg) => ({ ...(await exportJWK(key)), kid, use: 'sig', ...(alg ? { alg } : {}) });

// Valid: RS256/384/512 with 2048, 3072 and 4096-bit keys, Auth0-like claims.
const keys = {};
for (const bits of [2048, 3072, 4096]) {
  keys[bits] = await generateKeyPair('RS256', { modulusLength: bits, extractable: true });
  for (const alg of ['RS256', 'RS384', 'RS512']) {
    const kid = `k-${bits}`;
    const token = await new SignJWT(auth0Claims()).setProtectedHeader({ alg, typ: 'JWT', kid }).sign(keys[bits].privateKey);
    add({ name: `jose ${alg} ${bits}-bit`, jwks: { keys: [await publicJwk(keys[bits].publicKey, kid)] }, token, expect: fullExpect(), accept: true });
  }
}
const { privateKey, publicKey } = keys[2048];
const jwk = await publicJwk(publicKey, 'k1', 'RS256');
const jwks = { keys: [jwk] };
const sign = (claims, header = {}) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1', ...header }).sign(privateKey);

// Valid shapes.
add({ name: 'jose array aud with azp and a trusted API', jwks, token: await sign(auth0Claims({ aud: [CLIENT, API], azp: CLIENT })), expect: fullExpect({ trusted_audiences: [API] }), accept: true });
add({ name: 'jose typ application/jwt', jwks, token: await sign(auth0Claims(), { typ: 'application/jwt' }), expect: fullExpect(), accept: true });
add({ name: 'jose no typ', jwks, token: await new SignJWT(auth0Claims()).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey), expect: fullExpect(), accept: true });
add({ name: 'jose no kid, one key', jwks, token: await new SignJWT(auth0Claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey), expect: fullExpect(), accept: true });
add({ name: 'jose org_name', jwks, token: await sign(auth0Claims({ org_id: undefined, org_name: 'acme' })), expect: fullExpect({ organization: 'Acme' }), accept: true });
// A JWK Set jose reads, mixed with keys the library skips (RFC 7517 5): still accepted.
const other = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const ec = await generateKeyPair('ES256', { extractable: true });
const ed = await generateKeyPair('EdDSA', { extractable: true });
const mixed = {
  keys: [
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', use: 'sig', alg: 'ES256' },
    { ...(await exportJWK(ed.publicKey)), kid: 'ed-1' },
    { kty: 'XYZ', kid: 'future' },
    { ...(await exportJWK(other.publicKey)), kid: 'k1', use: 'enc' },
    { ...(await exportJWK(other.publicKey)), kid: 42 },
    { ...(await exportJWK(other.publicKey)), kid: 'null-use', use: null },
    { kty: 'RSA', kid: 'x5c-only', x5c: ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'] },
    { ...jwk, kid: 'std-b64', n: Buffer.from(jwk.n, 'base64url').toString('base64') },
    jwk,
  ],
};
add({ name: 'jose mixed key set, one usable key', jwks: mixed, skipped: 8, token: await sign(auth0Claims()), expect: fullExpect(), accept: true });

// Key sets RFC 7517 says to distrust, each also given to jose's own verifier (createLocalJWKSet,
// jwtVerify): its verdict is recorded as `jose`, and minting fails when it differs from ours.
const joseAccepts = async (set, token) => {
  try {
    await jwtVerify(token, createLocalJWKSet(set), { issuer: ISS, audience: CLIENT, currentDate: new Date(NOW * 1000) });
    return true;
  } catch {
    return false;
  }
};
const fullPrivate = { ...(await exportJWK(privateKey)), kid: 'k1', use: 'sig', alg: 'RS256' };
const distrusted = [
  // key_ops (RFC 7517 4.3): a key that may not verify is skipped, one that may is used.
  { name: 'key_ops [encrypt] on the signing key', set: { keys: [{ ...jwk, key_ops: ['encrypt'] }] }, accept: false, skipped: 1 },
  { name: 'key_ops [sign] on the signing key', set: { keys: [{ ...jwk, key_ops: ['sign'] }] }, accept: false, skipped: 1 },
  { name: 'key_ops [verify] on the signing key', set: { keys: [{ ...jwk, key_ops: ['verify'] }] }, accept: true, skipped: 0 },
  { name: 'key_ops [encrypt] key beside a usable one', set: { keys: [{ ...jwk, kid: 'k1', key_ops: ['encrypt'], n: (await exportJWK(other.publicKey)).n }, jwk] }, accept: true, skipped: 1 },
  // Private members (RFC 7517 5 is for public keys): the whole set is refused.
  { name: 'the signing key published with its private members', set: { keys: [fullPrivate] }, accept: false, set_refused: true },
  // A symmetric key (kty oct) beside the signing key is a key type the library never verifies
  // with: skipped, as jose ignores it.
  { name: 'an oct key (k) beside the signing key', set: { keys: [{ kty: 'oct', k: base64url.encode('not a key for id tokens'), kid: 'hmac' }, jwk] }, accept: true, skipped: 1 },
];
for (const d of distrusted) {
  const token = await sign(auth0Claims());
  const jose = await joseAccepts(d.set, token);
  if (!d.stricter && jose !== d.accept) throw new Error(`jose ${jose ? 'accepts' : 'refuses'} '${d.name}'; the library is expected to ${d.accept ? 'accept' : 'refuse'}`);
  if (d.stricter && !jose) throw new Error(`jose now refuses '${d.name}' too: drop the stricter note`);
  add({ name: `jose distrusted set: ${d.name}`, jwks: d.set, token, expect: fullExpect(), accept: d.accept, jose,
    ...(d.skipped !== undefined ? { skipped: d.skipped } : {}), ...(d.set_refused ? { set_refused: true } : {}) });
}

// Leeway edges (60 s): exp must be after now - leeway; iat and nbf at most now + leeway.
const edge = (name, claims, accept, reason) => add({ name: `jose leeway ${name}`, jwks, token: null, claims, expect: fullExpect(), accept, reason });
edge('exp = now - 59', { exp: NOW - 59 }, true);
edge('exp = now - 60', { exp: NOW - 60 }, false, 'exp');
edge('iat = now + 60', { iat: NOW + 60, auth_time: NOW }, true);
edge('iat = now + 61', { iat: NOW + 61 }, false, 'iat');
edge('nbf = now + 60', { nbf: NOW + 60 }, true);
edge('nbf = now + 61', { nbf: NOW + 61 }, false, 'nbf');
edge('auth_time = now - 360', { auth_time: NOW - 360 }, true);
edge('auth_time = now - 361', { auth_time: NOW - 361 }, false, 'auth_time');
for (const c of cases) if (c.token === null) { c.token = await sign(auth0Claims(c.claims)); delete c.claims; }

// Attacks.
const attack = (name, token, reason, expect = fullExpect(), set = jwks) => add({ name: `attack: ${name}`, jwks: set, token, expect, accept: false, reason });
const good = await sign(auth0Claims());
const [h, p, s] = good.split('.');
for (const none of ['none', 'None', 'NONE', 'nOnE']) {
  attack(`alg ${none}, empty signature`, `${b64json({ alg: none, typ: 'JWT' })}.${p}.`, 'malformed');
  attack(`alg ${none}, signature kept`, `${b64json({ alg: none, typ: 'JWT', kid: 'k1' })}.${p}.${s}`, 'alg');
}
const pem = publicKey.export ? publicKey.export({ type: 'spki', format: 'pem' }) : createPublicKey(publicKey).export({ type: 'spki', format: 'pem' });
for (const secret of [pem, JSON.stringify(jwk), Buffer.from(jwk.n, 'base64url')]) {
  const input = `${b64json({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${p}`;
  const token = `${input}.${base64url.encode(createHmac('sha256', secret).update(input).digest())}`;
  attack('HS256 keyed with the public key', token, 'alg');
  attack('HS256 keyed with the public key, HS256 allowed by mistake', token, 'signature', fullExpect({ algorithms: ['RS256', 'HS256'] }));
}
attack('another key, same kid', await new SignJWT(auth0Claims()).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' }).sign(other.privateKey), 'signature');
attack('stripped signature', `${h}.${p}.`, 'malformed');
attack('signature of another token', `${h}.${p}.${(await sign(auth0Claims({ sub: 'other' }))).split('.')[2]}`, 'signature');
attack('payload swapped', `${h}.${b64json(auth0Claims({ sub: 'admin' }))}.${s}`, 'signature');
attack('RS256 header over an RS512 signature', `${h}.${p}.${(await new SignJWT(auth0Claims()).setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: 'k1' }).sign(privateKey)).split('.')[2]}`, 'signature');
attack('expired', await sign(auth0Claims({ exp: NOW - 3600 })), 'exp');
attack('iat in the future', await sign(auth0Claims({ iat: NOW + 3600 })), 'iat');
attack('nbf in the future', await sign(auth0Claims({ nbf: NOW + 3600 })), 'nbf');
attack('wrong iss', await sign(auth0Claims({ iss: 'https://evil.example/' })), 'iss');
attack('iss without trailing slash', await sign(auth0Claims({ iss: 'https://example.auth0.com' })), 'iss');
attack('wrong aud', await sign(auth0Claims({ aud: 'someone-else' })), 'aud');
attack('untrusted extra aud', await sign(auth0Claims({ aud: [CLIENT, 'https://evil.example/'], azp: CLIENT })), 'aud');
attack('array aud without azp', await sign(auth0Claims({ aud: [CLIENT, API] })), 'azp', fullExpect({ trusted_audiences: [API] }));
attack('azp of another client', await sign(auth0Claims({ aud: [CLIENT, API], azp: 'other' })), 'azp', fullExpect({ trusted_audiences: [API] }));
attack('nonce mismatch', await sign(auth0Claims({ nonce: 'replayed' })), 'nonce');
attack('nonce missing', await sign(auth0Claims({ nonce: undefined })), 'nonce');
attack('org mismatch', await sign(auth0Claims({ org_id: 'org_other' })), 'org');
attack('typ at+jwt', rawSign({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' }, auth0Claims(), privateKey), 'header');
attack('typ dpop+jwt', rawSign({ alg: 'RS256', typ: 'dpop+jwt', kid: 'k1' }, auth0Claims(), privateKey), 'header');
attack('crit', rawSign({ alg: 'RS256', kid: 'k1', crit: ['exp'], exp: 1 }, auth0Claims(), privateKey), 'header');
attack('jku', rawSign({ alg: 'RS256', kid: 'k1', jku: 'https://evil.example/jwks' }, auth0Claims(), privateKey), 'header');
attack('x5u', rawSign({ alg: 'RS256', kid: 'k1', x5u: 'https://evil.example/cert' }, auth0Claims(), privateKey), 'header');
attack('embedded jwk', rawSign({ alg: 'RS256', kid: 'k1', jwk: await exportJWK(other.publicKey) }, auth0Claims(), other.privateKey), 'header');
attack('x5t#S256', rawSign({ alg: 'RS256', kid: 'k1', 'x5t#S256': 'abc' }, auth0Claims(), privateKey), 'header');
attack('PS256 (not allowed)', await new SignJWT(auth0Claims()).setProtectedHeader({ alg: 'PS256', kid: 'k1' }).sign(privateKey), 'alg');
// Weak or wrong-use keys.
const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
attack('1024-bit key', rawSign({ alg: 'RS256', typ: 'JWT', kid: 'weak' }, auth0Claims(), weak.privateKey), 'signature',
  fullExpect(), { keys: [{ ...weak.publicKey.export({ format: 'jwk' }), kid: 'weak', use: 'sig' }] });
attack('key published for encryption only', good, 'signature', fullExpect(), { keys: [{ ...jwk, use: 'enc' }] });
attack('key bound to RS512', good, 'signature', fullExpect(), { keys: [{ ...jwk, alg: 'RS512' }] });
attack('no kid, two keys', await new SignJWT(auth0Claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey), 'signature',
  fullExpect(), { keys: [jwk, await publicJwk(other.publicKey, 'k2')] });
// e = 1: the "signature" is the padded digest itself, computable without any private key.
{
  const input = `${b64json({ alg: 'RS256', typ: 'JWT', kid: 'e1' })}.${p}`;
  const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update(input).digest()]);
  const size = Buffer.from(jwk.n, 'base64url').length;
  const em = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(size - digestInfo.length - 3, 0xff), Buffer.from([0]), digestInfo]);
  attack('exponent 1 (forged without a private key)', `${input}.${base64url.encode(em)}`, 'signature', fullExpect(),
    { keys: [{ kty: 'RSA', kid: 'e1', use: 'sig', n: jwk.n, e: 'AQ' }] });
}
process.stdout.write(JSON.stringify(cases));
