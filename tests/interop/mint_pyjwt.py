#!/usr/bin/python3
"""Mints ID tokens and key sets with Debian's python3-jwt (PyJWT) and python3-cryptography, as
cases for `passwordless-interop-verify tokens` (same shape as mint_jose.mjs), on standard output."""
import base64
import hashlib
import hmac
import json

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

NOW = 1700000000
ISS = "https://example.auth0.com/"
CLIENT = "abc123"
API = "https://api.example.com/"
cases = []


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(key, kid):
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": kid, "use": "sig"})
    return jwk


def claims(**changes):
    c = {"iss": ISS, "sub": "sms|5f7c8ec7c33c6c004bbafe83", "aud": CLIENT, "iat": NOW - 10, "exp": NOW + 36000,
         "phone_number": "+14155550100", "phone_number_verified": True, "nonce": "py-nonce", "auth_time": NOW - 20,
         "org_id": "org_py"}
    for k, v in changes.items():
        if v is None:
            c.pop(k, None)
        else:
            c[k] = v
    return c


def expect(**extra):
    e = {"issuer": ISS, "client_id": CLIENT, "nonce": "py-nonce", "max_age": 300, "organization": "org_py",
         "algorithms": ["RS256", "RS384", "RS512"]}
    e.update(extra)
    return e


def add(name, jwks, token, accept, reason=None, exp=None):
    case = {"name": f"pyjwt {name}", "jwks": jwks, "token": token, "expect": exp or expect(), "now": NOW, "accept": accept}
    if reason:
        case["reason"] = reason
    cases.append(case)


keys = {}
for bits in (2048, 3072, 4096):
    keys[bits] = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    for alg in ("RS256", "RS384", "RS512"):
        kid = f"py-{bits}"
        token = jwt.encode(claims(), keys[bits], algorithm=alg, headers={"kid": kid})
        add(f"{alg} {bits}-bit", {"keys": [public_jwk(keys[bits], kid)]}, token, True)

key = keys[2048]
jwk = public_jwk(key, "k1")
jwks = {"keys": [jwk]}
sign = lambda c, **h: jwt.encode(c, key, algorithm="RS256", headers={"kid": "k1", **h})  # noqa: E731
add("array aud with azp", jwks, sign(claims(aud=[CLIENT, API], azp=CLIENT)), True, exp=expect(trusted_audiences=[API]))
add("typ application/jwt", jwks, sign(claims(), typ="application/jwt"), True)
add("leeway exp = now - 59", jwks, sign(claims(exp=NOW - 59)), True)
add("leeway exp = now - 60", jwks, sign(claims(exp=NOW - 60)), False, "exp")
add("leeway iat = now + 60", jwks, sign(claims(iat=NOW + 60)), True)
add("leeway iat = now + 61", jwks, sign(claims(iat=NOW + 61)), False, "iat")

good = sign(claims())
h, p, s = good.split(".")
add("alg none", jwks, jwt.encode(claims(), None, algorithm="none"), False, "malformed")
add("alg none with a signature", jwks, b64(json.dumps({"alg": "none"}).encode()) + "." + p + "." + s, False, "alg")
pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
hs_input = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "k1"}).encode()) + "." + p
hs = hs_input + "." + b64(hmac.new(pem, hs_input.encode(), hashlib.sha256).digest())
add("HS256 keyed with the public key", jwks, hs, False, "alg")
add("HS256 keyed with the public key, HS256 allowed", jwks, hs, False, "signature",
    exp=expect(algorithms=["RS256", "HS256"]))
other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
add("another key, same kid", jwks, jwt.encode(claims(), other, algorithm="RS256", headers={"kid": "k1"}), False, "signature")
add("stripped signature", jwks, h + "." + p + ".", False, "malformed")
add("expired", jwks, sign(claims(exp=NOW - 3600)), False, "exp")
add("nbf in the future", jwks, sign(claims(nbf=NOW + 3600)), False, "nbf")
add("wrong iss", jwks, sign(claims(iss="https://evil.example/")), False, "iss")
add("wrong aud", jwks, sign(claims(aud="other")), False, "aud")
add("array aud without azp", jwks, sign(claims(aud=[CLIENT, API])), False, "azp", exp=expect(trusted_audiences=[API]))
add("nonce mismatch", jwks, sign(claims(nonce="other")), False, "nonce")
add("jku header", jwks, sign(claims(), jku="https://evil.example/jwks"), False, "header")
add("crit header", jwks, sign(claims(), crit=["exp"]), False, "header")
weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
add("weak 1024-bit key", {"keys": [public_jwk(weak, "k1")]}, jwt.encode(claims(), weak, algorithm="RS256", headers={"kid": "k1"}),
    False, "signature")
print(json.dumps(cases))
