#!/usr/bin/env python3
"""A passwordless login from Python through libpasswordless (the C ABI), with the same loop as
the C++ usage example in README.md. Standard library only, plus python3-cryptography for the
RS256 check of the ID token.

usage: PASSWORDLESS_LIBRARY=path/to/libpasswordless.so \
       login.py --base-url http://127.0.0.1:PORT --client-id dev-client --email alice@example.com
       [--sms +15550100] [--code-from-mailbox]

Against examples/dev-tenant, --code-from-mailbox reads the code from its /dev/mailbox instead of
asking on the terminal.
"""
import argparse
import base64
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

import passwordless as pl


def http_send(req):
    """Sends a passwordless Request; returns (status, headers, body) whatever the status."""
    data = req.body if req.method != "GET" else None
    r = urllib.request.Request(req.url, data=data, method=req.method, headers=dict(req.headers))
    try:
        with urllib.request.urlopen(r, timeout=30) as resp:
            return resp.status, list(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, list(e.headers.items()), e.read()


def rs256_verifier(alg, kid, signing_input, signature, jwk):
    """The signature check: RS256 with the tenant's key (python3-cryptography)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    if alg != "RS256" or not jwk or jwk.get("kty") != "RSA":
        return False

    def number(b64):
        return int.from_bytes(_b64url(b64), "big")

    key = rsa.RSAPublicNumbers(number(jwk["e"]), number(jwk["n"])).public_key()
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
        return True
    except InvalidSignature:
        return False


def _b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--client-id", required=True)
    ap.add_argument("--email")
    ap.add_argument("--sms")
    ap.add_argument("--code-from-mailbox", action="store_true")
    a = ap.parse_args()
    to = a.email or a.sms

    def ask_user_for_code(error):
        if error is not None:
            print(f"  {error.kind}: {error.description}")
        if a.code_from_mailbox:
            with urllib.request.urlopen(a.base_url + "/dev/mailbox?to=" + urllib.parse.quote(to)) as r:
                return json.loads(r.read())["code"]
        return input("code: ").strip()

    client = pl.Client(base_url=a.base_url, client_id=a.client_id)
    keys = client.jwks_response(*http_send(client.jwks_request()))
    login = pl.Login(client, scope="openid email offline_access", verify_id_token=True, verifier=rs256_verifier, keys=keys)

    if a.email:
        step = login.start("email", email=a.email, send="code")
    else:
        step = login.start("sms", phone_number=a.sms)
    while step.next in ("send_request", "ask_for_code"):
        if step.request:
            step = login.on_response(*http_send(step.request))
        else:
            step = login.submit_code(ask_user_for_code(step.error))
    if step.next != "done":
        raise step.error  # e.g. rate_limited: wait until step.error.retry_at
    print("logged in:", step.claims.get("email") or step.claims.get("phone_number"), "sub", step.claims["sub"])
    print("access token:", step.tokens["access_token"][:8] + "...")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except pl.PasswordlessError as e:
        print(f"login failed: {e.kind} (do: {e.action}): {e.description}", file=sys.stderr)
        sys.exit(1)
