#!/usr/bin/env python3
"""Writes the hand-made seeds of the text-framed fuzz targets into tests/fuzz/corpus/<target>/.

Each seed is a small, readable file: a framed response ("<status> [<now>]", header lines, an empty
line, the body), an ID-token case (options line, header JSON line, payload JSON), or a callback
case (expected state line, URL). Run it again after editing; it only (re)writes files named
seed-*, so corpus files grown by fuzzing and crash-* regressions stay. The FuzzedDataProvider
targets (request_builders, flow) take binary inputs: their corpora come from fuzzing runs.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def response(status, body, headers=(("content-type", "application/json"),), now=None):
    first = str(status) if now is None else f"{status} {now}"
    lines = [first] + [f"{n}: {v}" for n, v in headers]
    return "\n".join(lines) + "\n\n" + body


NOW = 1700000000
GOOD_CLAIMS = {"iss": "https://example.auth0.com/", "sub": "email|5f7c8ec7c33c6c004bbafe82", "aud": "abc123",
               "iat": NOW - 10, "exp": NOW + 36000, "email": "user@example.com", "email_verified": True}
GOOD_HEADER = {"alg": "RS256", "typ": "JWT", "kid": "k1"}


def token_case(options, header, payload):
    h = header if isinstance(header, str) else json.dumps(header, separators=(",", ":"))
    p = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    return f"{options}\n{h}\n{p}"


def claims(**changes):
    c = dict(GOOD_CLAIMS)
    for k, v in changes.items():
        if v is None:
            c.pop(k, None)
        else:
            c[k] = v
    return c


def nested(depth):
    return "[" * depth + "]" * depth


SEEDS = {
    "start_response": {
        "ok-email": response(200, '{"_id":"5f7c8ec7c33c6c004bbafe82","email":"user@example.com","email_verified":false}'),
        "ok-sms": response(200, '{"_id":"5f7c","phone_number":"+14155552671","phone_verified":false,"request_language":"en"}'),
        "ok-empty": response(200, "", headers=()),
        "ok-plus-json": response(201, '{"_id":null}', headers=(("Content-Type", "application/problem+json; charset=utf-8"),)),
        "bad-type": response(200, '{"email":5,"email_verified":"no"}'),
        "bad-error-member": response(200, '{"error":"x"}'),
        "bad-duplicate": response(200, '{"email":"a@b","email":"c@d"}'),
        "bad-bom": response(200, "\ufeff{}"),
        "bad-gzip": response(200, "{}", headers=(("content-encoding", "gzip"),)),
        "bad-html": response(200, "<html></html>", headers=(("content-type", "text/html"),)),
        "bad-deep": response(200, '{"a":' + nested(70) + "}"),
        "err-bad-email": response(400, '{"error":"bad.email","error_description":"invalid email address"}'),
        "err-bad-connection": response(400, '{"statusCode":400,"error":"Bad Request","message":"Connection does not exist","errorCode":"bad.connection"}'),
        "err-rate-limited": response(429, '{"error":"too_many_requests","error_description":"Too many requests"}',
                                     headers=(("content-type", "application/json"), ("x-ratelimit-limit", "50"),
                                              ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000060"))),
        "err-retry-after-date": response(429, "", headers=(("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"),)),
        "err-sms-provider": response(400, '{"error":"sms_provider_error","error_description":"The \'To\' number is not valid (Code: 21211)"}'),
        "err-server-html": response(502, "<html>Bad gateway</html>", headers=(("content-type", "text/html"),)),
        "err-status-range": response(999, "{}"),
        "err-control-chars": response(400, '{"error":"bad.request","error_description":"line\\r\\nX-Injected: 1\\u001b[31m"}'),
        "err-mfa": response(403, '{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"Fe26.2*secret"}'),
    },
    "token_response": {
        "ok-full": response(200, json.dumps({"access_token": "eyJhbGciOiJkaXIifQ..x.y.z", "refresh_token": "v1.MjQ2",
                                             "id_token": "aaa.bbb.ccc", "scope": "openid profile email offline_access",
                                             "expires_in": 86400, "token_type": "Bearer"}), now=NOW),
        "ok-minimal": response(200, '{"access_token":"at","token_type":"Bearer"}'),
        "ok-expires-string": response(200, '{"access_token":"at","token_type":"Bearer","expires_in":"3600.0"}'),
        "ok-expires-float": response(200, '{"access_token":"at","token_type":"bearer","expires_in":3600.0,"scope":""}'),
        "ok-nul": response(200, '{"access_token":"a\\u0000b","token_type":"Bearer","refresh_token":null}'),
        "bad-expires": response(200, '{"access_token":"at","token_type":"Bearer","expires_in":1e400}'),
        "bad-expires-negative": response(200, '{"access_token":"at","token_type":"Bearer","expires_in":-1}'),
        "bad-expires-huge": response(200, '{"access_token":"at","token_type":"Bearer","expires_in":18446744073709551615}'),
        "bad-token-type": response(200, '{"access_token":"at","token_type":["Bearer"]}'),
        "bad-now": response(200, '{"access_token":"at","token_type":"Bearer","expires_in":5}', now=-1),
        "bad-surrogate": response(200, '{"access_token":"\\ud800","token_type":"Bearer"}'),
        "err-wrong-code": response(403, '{"error":"invalid_grant","error_description":"Wrong email or verification code."}'),
        "err-expired": response(403, '{"error":"invalid_grant","error_description":"The verification code has expired. Please try to login again."}'),
        "err-attempts": response(403, '{"error":"invalid_grant","error_description":"You\'ve reached the maximum number of attempts. Please try to login again."}'),
        "err-refresh": response(403, '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}'),
        "err-mfa": response(403, '{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"Fe26.2**secret"}'),
        "err-invalid-client": response(401, '{"error":"invalid_client","error_description":"Client authentication failed"}'),
        "err-unauthorized-client": response(403, '{"error":"unauthorized_client","error_description":"Grant type not allowed"}'),
        "err-blocked": response(429, '{"error":"too_many_attempts","error_description":"blocked"}', now=NOW),
        "err-retry-after": response(429, '{"error":"too_many_requests"}',
                                    headers=(("content-type", "application/json"), ("Retry-After", " 30 "))),
        "err-retry-after-huge": response(503, "", headers=(("retry-after", "999999999999999999"),), now=NOW),
        "err-ratelimit-garbage": response(429, "", headers=(("x-ratelimit-reset", "-5"), ("x-ratelimit-limit", "1e3"))),
        "err-code-field": response(400, '{"code":"invalid_request","description":"bad"}'),
        "err-errorcode": response(400, '{"errorCode":"bad.phone_number","message":"bad number"}'),
        "err-sentence-error": response(404, '{"error":"Not Found","message":"no such thing"}'),
        "err-text": response(500, "Internal Server Error", headers=(("content-type", "text/plain"),)),
        "err-deep": response(400, '{"error":"bad.email","x":' + nested(80) + "}"),
        "err-dup": response(400, '{"error":"invalid_grant","error":"mfa_required"}'),
    },
    "id_token": {
        "good": token_case("", GOOD_HEADER, GOOD_CLAIMS),
        "good-nonce": token_case("nonce", GOOD_HEADER, claims(nonce="n-0S6_WzA2Mj")),
        "good-aud-array": token_case("trusted", GOOD_HEADER,
                                     claims(aud=["abc123", "https://api.example.com/"], azp="abc123")),
        "good-maxage": token_case("maxage", GOOD_HEADER, claims(auth_time=NOW - 100)),
        "good-org": token_case("org", GOOD_HEADER, claims(org_id="org_abc")),
        "good-orgname": token_case("orgname", GOOD_HEADER, claims(org_name="acme")),
        "good-float-exp": token_case("", GOOD_HEADER, claims(exp=NOW + 0.5)),
        "good-hs256": token_case("hs256", {"alg": "HS256", "kid": "k1"}, GOOD_CLAIMS),
        "good-nokid": token_case("nokid", {"alg": "RS256"}, GOOD_CLAIMS),
        "alg-none": token_case("", {"alg": "none", "kid": "k1"}, GOOD_CLAIMS),
        "alg-NoNe": token_case("", {"alg": "NoNe", "kid": "k1"}, GOOD_CLAIMS),
        "alg-hs256-confusion": token_case("", {"alg": "HS256", "kid": "k1"}, GOOD_CLAIMS),
        "hdr-crit": token_case("", {"alg": "RS256", "kid": "k1", "crit": ["b64"], "b64": False}, GOOD_CLAIMS),
        "hdr-jku": token_case("", {"alg": "RS256", "kid": "../../etc/passwd", "jku": "https://evil/"}, GOOD_CLAIMS),
        "hdr-cty": token_case("", {"alg": "RS256", "kid": "k1", "cty": "JWT"}, GOOD_CLAIMS),
        "hdr-typ": token_case("", {"alg": "RS256", "kid": "k1", "typ": "at+jwt"}, GOOD_CLAIMS),
        "hdr-dup": token_case("", '{"alg":"RS256","kid":"k1","alg":"none"}', GOOD_CLAIMS),
        "bad-sig": token_case("badsig", GOOD_HEADER, GOOD_CLAIMS),
        "claims-dup-escaped": token_case("", GOOD_HEADER,
                                         json.dumps(GOOD_CLAIMS)[:-1] + ',"\\u0069ss":"https://evil/"}'),
        "claims-iss-nul": token_case("", GOOD_HEADER, claims(iss="https://example.auth0.com/\u0000evil")),
        "claims-aud-untrusted": token_case("", GOOD_HEADER, claims(aud=["abc123", "evil"])),
        "claims-aud-number": token_case("", GOOD_HEADER, claims(aud=5)),
        "claims-azp-missing": token_case("trusted", GOOD_HEADER, claims(aud=["abc123", "https://api.example.com/"])),
        "claims-exp-1e300": token_case("", GOOD_HEADER, claims(exp=1e300)),
        "claims-exp-string": token_case("", GOOD_HEADER, claims(exp="1700036000")),
        "claims-exp-int64max": token_case("", GOOD_HEADER, claims(exp=9223372036854775807)),
        "claims-exp-uint64": token_case("", GOOD_HEADER, '{"iss":"https://example.auth0.com/","sub":"s","aud":"abc123","iat":1,"exp":18446744073709551615}'),
        "claims-expired-leeway0": token_case("leeway0", GOOD_HEADER, claims(exp=NOW)),
        "claims-iat-future": token_case("", GOOD_HEADER, claims(iat=NOW + 3600)),
        "claims-nbf": token_case("", GOOD_HEADER, claims(nbf=NOW + 61)),
        "claims-nonce-unexpected": token_case("", GOOD_HEADER, claims(nonce="x")),
        "claims-sub-long": token_case("", GOOD_HEADER, claims(sub="s" * 256)),
        "claims-not-object": token_case("", GOOD_HEADER, '["iss"]'),
        "claims-deep": token_case("", GOOD_HEADER, '{"a":' + nested(70) + "}"),
        "now-negative": token_case("now=-1", GOOD_HEADER, GOOD_CLAIMS),
        "now-late": token_case("now=1700036100", GOOD_HEADER, GOOD_CLAIMS),
        "raw-padded": "raw\neyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0=.c2ln",
        "raw-four-segments": "raw\na.b.c.d",
        "raw-std-alphabet": "raw\neyJhbGciOiJSUzI1NiJ9.eyJ+/3MiOiJ4In0.c2ln",
        "raw-noncanonical": "raw\neyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In1.c2ln",
        "raw-empty-segment": "raw\neyJhbGciOiJSUzI1NiJ9..c2ln",
    },
    "jwks": {
        "ok-rsa": response(200, json.dumps({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "k1",
                                                      "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
                                                      "e": "AQAB", "x5c": ["MIIC..."]}]}), now=NOW),
        "ok-mixed": response(200, '{"keys":[{"kty":"EC","crv":"P-256","x":"f83","y":"x_F","kid":"e1"},{"kty":"oct","k":"secret"},{"kty":"RSA","n":"AQAB","e":"AQAB"}]}'),
        "ok-empty": response(200, '{"keys":[]}', headers=(("content-type", "application/jwk-set+json"),)),
        "bad-dup-kid": response(200, '{"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB"}]}'),
        "mixed-skipped": response(200, '{"keys":[{"kty":"XYZ"},{"n":"AQAB","e":"AQAB"},{"kty":"RSA","n":"+/8","e":"AQAB"},'
                                       '{"kty":"RSA","kid":7,"n":"AQAB","e":"AQAB"},{"kty":"RSA","use":null,"n":"AQAB","e":"AQAB"},'
                                       '{"kty":"RSA","kid":"a","x5c":["MIIC"]},{"kty":"RSA","kid":"a","use":"enc","n":"AQAB","e":"AQAB"},'
                                       '{"kty":"RSA","kid":"a","use":"sig","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"b","n":"AQAB","e":"AQ"},'
                                       '{"kty":"RSA","kid":"c","n":"AQAB","e":"AQAA"},{"kty":"OKP","crv":"Ed25519","x":"AQAB"}]}'),
        "bad-noncanonical-n": response(200, '{"keys":[{"kty":"RSA","kid":"a","n":"AQAC","e":"AQAB"}]}'),
        "bad-padded-e": response(200, '{"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB=="}]}'),
        "bad-kid-type": response(200, '{"keys":[{"kty":"RSA","kid":5,"n":"AQAB","e":"AQAB"}]}'),
        "bad-x5c": response(200, '{"keys":[{"kty":"RSA","kid":"a","n":"AQAB","e":"AQAB","x5c":[1]}]}'),
        "bad-keys-object": response(200, '{"keys":{"kty":"RSA"}}'),
        "bad-deep": response(200, '{"keys":[' + nested(70) + "]}"),
        "bad-dup-member": response(200, '{"keys":[],"keys":[{"kty":"RSA"}]}'),
        "bad-html": response(200, "<html/>", headers=(("content-type", "text/html"),)),
        "err-404": response(404, "Not Found", headers=(("content-type", "text/plain"),)),
        "err-429": response(429, "", headers=(("retry-after", "60"),), now=NOW),
    },
    "www_authenticate": {
        "nonce": response(401, "", headers=(("WWW-Authenticate", 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"'), ("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"))),
        "several": response(401, "", headers=(("WWW-Authenticate", 'Bearer realm="api, v2", error="invalid_token", DPoP algs="ES256 PS256", error="invalid_dpop_proof", error_description="say \\"no\\", then \\\\ retry"'),)),
        "two-headers": response(401, "", headers=(("WWW-Authenticate", 'Basic realm="x"'), ("www-authenticate", "dpop ERROR=use_dpop_nonce"), ("dpop-nonce", "n-1"))),
        "token68": response(401, "", headers=(("WWW-Authenticate", "Negotiate abc+/def==, NTLM ,, Newauth realm=apps , type = 1"),)),
        "bad-unterminated": response(401, "", headers=(("WWW-Authenticate", 'DPoP error="use_dpop_nonce'),)),
        "bad-token68-params": response(401, "", headers=(("WWW-Authenticate", "Negotiate abc==, realm=x"),)),
        "no-dpop": response(401, '{"error":"invalid_token"}', headers=(("content-type", "application/json"), ("WWW-Authenticate", "Bearer"))),
        "ok-200": response(200, "{}", headers=(("WWW-Authenticate", 'DPoP error="use_dpop_nonce"'),)),
        "bearer-invalid-token": response(401, "", headers=(("WWW-Authenticate", 'Bearer realm="api", error="invalid_token", error_description="expired"'),)),
        "scope-403": response(403, "", headers=(("WWW-Authenticate", 'Bearer error="insufficient_scope", scope="read:things"'),)),
        "basic-then-bearer": response(401, "", headers=(("WWW-Authenticate", 'Basic error="invalid_token"'), ("WWW-Authenticate", 'Bearer error="invalid_request"'))),
        "malformed-then-dpop": response(400, "", headers=(("WWW-Authenticate", 'Bearer error="x'), ("WWW-Authenticate", 'DPoP error="invalid_dpop_proof"'))),
        "body-code-403": response(403, '{"error":"insufficient_scope"}'),
        "plain-401": response(401, "Unauthorized", headers=(("content-type", "text/plain"),)),
    },
    "userinfo": {
        "ok-auth0": response(200, json.dumps({"sub": "email|5f7c8ec7c33c6c004bbafe82", "email": "user@example.com", "email_verified": True,
                                              "updated_at": "2026-11-30T10:00:00.000Z", "name": "user@example.com"})),
        "ok-number-updated": response(200, '{"sub":"auth0|1","updated_at":1700000000,"phone_number_verified":false,"x":{"y":[1,2.5,null]}}'),
        "bad-no-sub": response(200, '{"email":"a@b.c"}'),
        "bad-sub-number": response(200, '{"sub":12}'),
        "bad-updated-bool": response(200, '{"sub":"s","updated_at":true}'),
        "bad-dup-sub": response(200, '{"sub":"a","sub":"b"}'),
        "err-401-text": response(401, "Unauthorized", headers=(("content-type", "text/plain"),)),
        "err-401-nonce": response(401, "", headers=(("WWW-Authenticate", 'DPoP error="use_dpop_nonce"'), ("DPoP-Nonce", "n-1"))),
        "err-403-scope": response(403, "", headers=(("WWW-Authenticate", 'Bearer error="insufficient_scope", scope="openid"'),)),
        "err-429": response(429, "", headers=(("retry-after", "60"),), now=NOW),
    },
    "dpop_nonce": {
        "token-nonce": "POST https://example.auth0.com/oauth/token\n" + response(400, '{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}', headers=(("content-type", "application/json"), ("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"))),
        "success-new-nonce": "POST https://Example.AUTH0.com:443/oauth/token?x=1#f\n" + response(200, '{"access_token":"a","token_type":"DPoP"}', headers=(("content-type", "application/json"), ("dpop-nonce", "  n-2\t"))),
        "two-different": "GET https://api.example.com/me\n" + response(401, "", headers=(("DPoP-Nonce", "n-1"), ("DPoP-Nonce", "n-2"))),
        "bad-nonce": "GET http://127.0.0.1:8080/me\n" + response(400, '{"error":"use_dpop_nonce"}', headers=(("content-type", "application/json"), ("DPoP-Nonce", 'a"b'))),
        "bad-url": "POST http://example.com/oauth/token\n" + response(200, "{}", headers=(("DPoP-Nonce", "n"),)),
        "bad-method": "post https://[2001:DB8::1]:8443/x\n" + response(200, "{}"),
        "no-nonce": "PUT https://example.com\n" + response(500, "oops", headers=(("content-type", "text/plain"),)),
    },
    "discovery": {
        "ok-auth0": response(200, json.dumps({"issuer": "https://example.auth0.com/",
                                              "token_endpoint": "https://example.auth0.com/oauth/token",
                                              "jwks_uri": "https://example.auth0.com/.well-known/jwks.json",
                                              "id_token_signing_alg_values_supported": ["HS256", "RS256", "PS256"],
                                              "dpop_signing_alg_values_supported": ["ES256"]})),
        "ok-loopback": response(200, json.dumps({"issuer": "http://127.0.0.1:3000/", "jwks_uri": "http://127.0.0.1:3000/jwks",
                                                 "token_endpoint": "http://127.0.0.1:3000/oauth/token"})),
        "bad-issuer-other": response(200, json.dumps({"issuer": "https://evil.example/", "jwks_uri": "https://evil.example/jwks"})),
        "bad-jwks-http": response(200, json.dumps({"issuer": "https://example.auth0.com/", "jwks_uri": "http://example.auth0.com/jwks"})),
        "bad-alg-list": response(200, json.dumps({"issuer": "https://example.auth0.com/", "jwks_uri": "https://example.auth0.com/jwks",
                                                  "id_token_signing_alg_values_supported": "RS256"})),
        "bad-dup-issuer": response(200, '{"issuer":"https://example.auth0.com/","issuer":"https://evil.example/","jwks_uri":"https://x/"}'),
        "bad-html": response(200, "<html/>", headers=(("content-type", "text/html"),)),
        "err-404": response(404, "Not Found", headers=(("content-type", "text/plain"),)),
    },
    "callback": {
        "ok-code": "xyzABC123\nhttps://app.example.com/callback?code=AUTH_CODE_123&state=xyzABC123",
        "ok-fragment": "st%te\nmyapp://callback#access_token=eyJ.a.b&id_token=h.p.s&token_type=Bearer&expires_in=7200&scope=openid%20email&state=st%25te",
        "ok-any-state": "*\nhttps://app.example.com/cb?state=s+1&code=c%C3%A9",
        "ok-query-and-fragment": "s\nhttps://app.example.com/cb?utm=1#code=c&state=s",
        "err-access-denied": "s\nhttps://app.example.com/cb?error=access_denied&error_description=User%20cancelled&state=s",
        "err-unknown": "s\nhttps://app.example.com/cb?error=weird_error&state=s",
        "bad-state": "expected\nhttps://app.example.com/cb?code=c&state=other",
        "bad-state-missing": "expected\nhttps://app.example.com/cb?code=c",
        "bad-both-sides": "s\nhttps://app.example.com/cb?code=c&state=s#code=d&state=s",
        "bad-escape": "s\nhttps://app.example.com/cb?code=%zz&state=s",
        "bad-escape-end": "s\nhttps://app.example.com/cb?state=s&code=%4",
        "bad-utf8": "s\nhttps://app.example.com/cb?code=%C0%AF&state=s",
        "bad-control": "s\nhttps://app.example.com/cb?code=a%0D%0Ab&state=s",
        "bad-repeat": "s\nhttps://app.example.com/cb?code=a&code=b&state=s",
        "bad-empty-code": "s\nhttps://app.example.com/cb?code=&state=s",
        "bad-expires": "s\nhttps://app.example.com/cb#access_token=a&expires_in=-1&state=s",
        "bad-no-response": "s\nhttps://app.example.com/cb?state=s",
        "bad-empty-expected": "\nhttps://app.example.com/cb?code=c&state=",
    },
}


def main():
    for target, seeds in SEEDS.items():
        folder = os.path.join(HERE, "corpus", target)
        os.makedirs(folder, exist_ok=True)
        for name, text in seeds.items():
            data = text.encode("utf-8")
            if len(data) > 8192:
                sys.exit(f"seed {target}/{name} is larger than 8 KiB")
            with open(os.path.join(folder, "seed-" + name), "wb") as f:
                f.write(data)
    print("wrote", sum(len(s) for s in SEEDS.values()), "seeds")


if __name__ == "__main__":
    main()
