#!/usr/bin/env python3
"""Tests of the Python SDK (examples/python/passwordless) against examples/dev-tenant, through
libpasswordless: email code, SMS code, a wrong code then the right one, a rate limit waited out,
refresh with rotation, RS256 signatures checked by python3-cryptography through the verifier
callback, keys fetched as a login step, save/restore across a new process, and MFA after the
code (TOTP, SMS binding code, push polled from poll_at, recovery code, save/restore during MFA).

usage: PASSWORDLESS_LIBRARY=build/lib/libpasswordless.so \
       test_sdk.py --tenant build/examples/passwordless-dev-tenant [unittest options]

With PASSWORDLESS_C_LOGIN set to a command (e.g. "valgrind -q --error-exitcode=99
build/examples/passwordless-c-login"), the C example (examples/c) logs in against a tenant too.
"""
import base64
import json
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.parse
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import passwordless as pl  # noqa: E402
from login import http_send, rs256_verifier  # noqa: E402

TENANT = None  # set from --tenant
START = 1700000000


class Tenant:
    """A dev tenant on a free loopback port, stopped when the test ends."""

    def __init__(self, config=None, clock=None):
        args = [TENANT, "--quiet", "--port", "0"]
        self._config = None
        if config is not None:
            self._config = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
            json.dump(config, self._config)
            self._config.close()
            args += ["--config", self._config.name]
        if clock is not None:
            args += ["--clock", str(clock)]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.url = line.strip().rsplit(" ", 1)[-1]

    def code(self, to):
        return self.message(to)["code"]

    def message(self, to):
        with urllib.request.urlopen(self.url + "/dev/mailbox?to=" + urllib.parse.quote(to)) as r:
            return json.loads(r.read())

    def set_clock(self, now):
        req = urllib.request.Request(self.url + "/dev/clock", data=json.dumps({"now": now}).encode(), method="POST",
                                     headers={"content-type": "application/json"})
        urllib.request.urlopen(req).read()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        if self._config:
            os.unlink(self._config.name)


class SdkTest(unittest.TestCase):
    def tenant(self, **kwargs):
        t = Tenant(**kwargs)
        self.addCleanup(t.stop)
        return t

    def login_for(self, tenant, verifier=rs256_verifier, **options):
        client = pl.Client(base_url=tenant.url, client_id="dev-client")
        keys = client.jwks_response(*http_send(client.jwks_request()))
        options.setdefault("scope", "openid email offline_access")
        return client, pl.Login(client, verify_id_token=True, verifier=verifier, keys=keys, **options)

    def run_login(self, tenant, login, step, to, codes=None, now=None):
        """The README's loop; `codes` are typed first (wrong ones), then the mailbox's."""
        codes = list(codes or [])
        errors = []
        while step.next in ("send_request", "ask_for_code"):
            if step.request:
                step = login.on_response(*http_send(step.request), now=now)
            else:
                if step.error:
                    errors.append(step.error)
                step = login.submit_code(codes.pop(0) if codes else tenant.code(to), now=now)
        return step, errors

    def test_library_matches_header(self):
        lib = pl.library()
        self.assertEqual(lib.passwordless_abi_version(), pl._ffi.ABI_VERSION)
        self.assertEqual(lib.passwordless_version_string().decode().count("."), 2)

    def test_email_code_with_rs256_id_token(self):
        t = self.tenant()
        _, login = self.login_for(t)
        step = login.start("email", email="alice@example.com", send="code")
        step, errors = self.run_login(t, login, step, "alice@example.com")
        self.assertEqual(step.next, "done", step.error)
        self.assertEqual(errors, [])
        self.assertEqual(step.claims["email"], "alice@example.com")
        self.assertTrue(step.tokens["access_token"])
        self.assertEqual(login.state, "authenticated")

    def test_sms_code(self):
        t = self.tenant()
        _, login = self.login_for(t)
        step, _ = self.run_login(t, login, login.start("sms", phone_number="+15550100"), "+15550100")
        self.assertEqual(step.next, "done", step.error)
        self.assertTrue(step.claims["sub"].startswith("sms|"))

    def test_wrong_code_then_right(self):
        t = self.tenant()
        _, login = self.login_for(t)
        step, errors = self.run_login(t, login, login.start("email", email="bob@example.com", send="code"),
                                      "bob@example.com", codes=["000000"])
        self.assertEqual(step.next, "done", step.error)
        self.assertEqual(len(errors), 1)
        self.assertIsInstance(errors[0], pl.PasswordlessError)
        self.assertEqual((errors[0].kind, errors[0].action, errors[0].status), ("wrong_code", "retry_code", 403))

    def test_rate_limit_is_waited_out(self):
        grants = ["http://auth0.com/oauth/grant-type/passwordless/otp", "refresh_token"]
        config = {"clients": [{"client_id": "dev-client", "grants": grants, "callbacks": ["http://127.0.0.1/callback"]}],
                  "connections": [{"name": "email", "strategy": "email"}],
                  "limits": {"start_limit": 1, "start_window": 60}}
        t = self.tenant(config=config, clock=START)
        _, login = self.login_for(t)
        now = START
        step = login.start("email", email="carol@example.com", send="code", now=now)
        step = login.on_response(*http_send(step.request), now=now)
        self.assertEqual(step.event, "code_sent")
        now = step.resend_after
        t.set_clock(now)
        step = login.resend(now=now)
        step = login.on_response(*http_send(step.request), now=now)
        self.assertEqual(step.next, "wait_until")
        err = step.error
        self.assertEqual((err.kind, err.action, err.status), ("rate_limited", "wait", 429))
        self.assertEqual(err.retry_at, START + 60)
        self.assertEqual(err.rate_limit[0], 1)
        # Too early: refused locally, nothing to send.
        step = login.resend(now=now + 1)
        self.assertIsNone(step.request)
        self.assertEqual(step.error.kind, "rate_limited")
        now = err.retry_at
        t.set_clock(now)
        step, _ = self.run_login(t, login, login.resend(now=now), "carol@example.com", now=now)
        self.assertEqual(step.next, "done", step.error)

    def test_refresh_rotates(self):
        t = self.tenant()
        client, login = self.login_for(t)
        step, _ = self.run_login(t, login, login.start("email", email="dan@example.com", send="code"), "dan@example.com")
        first = step.tokens["refresh_token"]
        tokens = client.token_response(*http_send(client.refresh_request(first)))
        self.assertTrue(tokens["access_token"])
        self.assertNotEqual(tokens["refresh_token"], first)
        with self.assertRaises(pl.PasswordlessError) as ctx:
            client.token_response(*http_send(client.refresh_request(first)))  # spent
        self.assertEqual(ctx.exception.kind, "invalid_refresh_token")
        self.assertEqual(ctx.exception.action, "restart")

    def test_bad_signature_and_raising_verifier_are_refused(self):
        t = self.tenant()
        for verifier in (lambda *args: False, lambda *args: 1 / 0):
            _, login = self.login_for(t, verifier=verifier)
            step, _ = self.run_login(t, login, login.start("email", email="eve@example.com", send="code"), "eve@example.com")
            self.assertEqual(step.next, "stop")
            self.assertEqual((step.error.kind, step.error.reason), ("invalid_id_token", "signature"))

    def test_typed_errors_for_bad_input(self):
        with self.assertRaises(pl.PasswordlessError) as ctx:
            pl.Client(domain="not a domain", client_id="x")
        self.assertEqual((ctx.exception.kind, ctx.exception.action, ctx.exception.field), ("invalid_argument", "fix_input", "domain"))
        t = self.tenant()
        _, login = self.login_for(t)
        step = login.start("email", email="not-an-email")
        self.assertEqual((step.next, step.error.kind, step.error.field), ("start_over", "invalid_argument", "email"))
        with self.assertRaises(pl.PasswordlessError):
            login.start("email", email="a@b.co", send="pigeon")

    def test_keys_fetched_as_a_step(self):
        t = self.tenant()
        client = pl.Client(base_url=t.url, client_id="dev-client")
        login = pl.Login(client, verify_id_token=True, verifier=rs256_verifier, fetch_keys=True, scope="openid email")
        step, _ = self.run_login(t, login, login.start("email", email="gil@example.com", send="code"), "gil@example.com")
        self.assertEqual(step.next, "done", step.error)
        self.assertEqual(step.claims["email"], "gil@example.com")

    @unittest.skipUnless(os.environ.get("PASSWORDLESS_C_LOGIN"), "PASSWORDLESS_C_LOGIN is not set")
    def test_c_example_logs_in(self):
        t = self.tenant()
        cmd = shlex.split(os.environ["PASSWORDLESS_C_LOGIN"]) + [t.url, "dev-client", "hal@example.com", "--code-from-mailbox"]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("logged in: hal@example.com", out.stdout)
        self.assertIn("signature checked 1 time", out.stdout)

    def test_dpop_bound_tokens(self):
        """DPoP with a P-256 key held by python3-cryptography: the tenant checks every proof
        (and demands its nonce first), and issues tokens bound to the key."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()

        def b64(n):
            return base64.urlsafe_b64encode(n.to_bytes(32, "big")).rstrip(b"=").decode()

        def sign(signing_input):
            r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
            return r.to_bytes(32, "big") + s.to_bytes(32, "big")

        jwk = {"kty": "EC", "crv": "P-256", "x": b64(numbers.x), "y": b64(numbers.y)}
        t = self.tenant()
        client = pl.Client(base_url=t.url, client_id="dev-client")
        login = pl.Login(client, verify_id_token=True, verifier=rs256_verifier, fetch_keys=True, scope="openid email",
                         dpop=pl.DpopKey(jwk, sign), dpop_require_binding=True)
        step, _ = self.run_login(t, login, login.start("email", email="ida@example.com", send="code"), "ida@example.com")
        self.assertEqual(step.next, "done", step.error)
        self.assertEqual(step.tokens["token_type"].lower(), "dpop")
        with self.assertRaises(pl.PasswordlessError):
            pl.Login(client, dpop=pl.DpopKey(dict(jwk, d="secret"), sign))  # a private member is refused

    def test_session_after_login(self):
        """Revoke, /userinfo (Bearer and DPoP), an API's 401 read as invalid_access_token with action
        refresh, and the logout URLs; no tenant needed: requests are built and answers parsed."""
        client = pl.Client(domain="example.auth0.com", client_id="abc123")
        req = client.revoke_request("rt-1")
        self.assertEqual((req.method, req.url), ("POST", "https://example.auth0.com/oauth/revoke"))
        self.assertEqual(json.loads(req.body), {"client_id": "abc123", "token": "rt-1"})
        self.assertIsNone(client.revoke_response(200, [], b"OK"))
        with self.assertRaises(pl.PasswordlessError) as e:
            client.revoke_response(401, [("content-type", "application/json")], b'{"error":"invalid_client"}')
        self.assertEqual((e.exception.kind, e.exception.action), ("invalid_client", "fix_config"))
        with self.assertRaises(pl.PasswordlessError) as e:
            client.revoke_request("rt-SECRET\r\nx")
        self.assertEqual(e.exception.field, "refresh_token")
        self.assertNotIn("rt-SECRET", str(e.exception))

        req = client.userinfo_request("at-1")
        self.assertEqual((req.method, req.url), ("GET", "https://example.auth0.com/userinfo"))
        self.assertIn(("authorization", "Bearer at-1"), req.headers)
        jwk = {"kty": "EC", "crv": "P-256", "x": "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
               "y": "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}
        req = client.userinfo_request("at-1", "DPoP", dpop=pl.DpopKey(jwk, lambda data: bytes(64)), nonce="n-1")
        self.assertIn(("authorization", "DPoP at-1"), req.headers)
        self.assertEqual([n for n, _ in req.headers].count("dpop"), 1)
        claims = client.userinfo_response(200, [("content-type", "application/json")],
                                          b'{"sub":"email|1","email":"a@b.co","updated_at":"2026-11-30T10:00:00.000Z"}')
        self.assertEqual(claims["sub"], "email|1")
        with self.assertRaises(pl.PasswordlessError) as e:
            client.userinfo_response(401, [("content-type", "text/plain")], b"Unauthorized")
        self.assertEqual((e.exception.kind, e.exception.action), ("invalid_access_token", "refresh"))
        err = pl.resource_error(403, [("WWW-Authenticate", 'Bearer error="insufficient_scope", scope="read:x"')])
        self.assertEqual((err.kind, err.action), ("insufficient_scope", "fix_config"))

        self.assertEqual(client.logout_url("https://app.example.com/bye", federated=True),
                         "https://example.auth0.com/v2/logout?client_id=abc123&returnTo=https%3A%2F%2Fapp.example.com%2Fbye&federated")
        self.assertEqual(client.logout_url("http://localhost:3000/", oidc=True, id_token_hint="h.p.s", state="s 1"),
                         "https://example.auth0.com/oidc/logout?client_id=abc123&id_token_hint=h.p.s"
                         "&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&state=s%201")
        with self.assertRaises(pl.PasswordlessError) as e:
            client.logout_url("http://app.example.com/")
        self.assertEqual(e.exception.field, "return_to")

    def test_dpop_refresh_and_api_headers(self):
        """The DPoP-bound tokens refreshed with their key (the tenant checks the proof and binds
        the new tokens to the same key); without the key nothing is sent. Then the headers of an
        API call (authorization DPoP and a proof whose ath is the token's hash), and an API's
        nonce challenge classified."""
        import hashlib
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()

        def b64(data):
            return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

        def sign(signing_input):
            r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
            return r.to_bytes(32, "big") + s.to_bytes(32, "big")

        jwk = {"kty": "EC", "crv": "P-256", "x": b64(numbers.x.to_bytes(32, "big")), "y": b64(numbers.y.to_bytes(32, "big"))}
        dpop = pl.DpopKey(jwk, sign)
        self.assertEqual(dpop.thumbprint, pl.jwk_thumbprint(jwk))
        t = self.tenant()
        client = pl.Client(base_url=t.url, client_id="dev-client")
        login = pl.Login(client, scope="openid email offline_access", dpop=dpop, dpop_require_binding=True)
        step, _ = self.run_login(t, login, login.start("email", email="joe@example.com", send="code"), "joe@example.com")
        self.assertEqual(step.next, "done", step.error)
        self.assertTrue(login.dpop_nonce)  # the tenant demanded its nonce first
        tokens = step.tokens
        with self.assertRaises(pl.PasswordlessError) as ctx:
            client.refresh(tokens["refresh_token"], token_type=tokens["token_type"])
        self.assertEqual((ctx.exception.kind, ctx.exception.field), ("invalid_argument", "dpop"))
        refresh = client.refresh(tokens["refresh_token"], token_type=tokens["token_type"], dpop=dpop, require_binding=True,
                                 nonce=login.dpop_nonce)
        answer = refresh.on_response(*http_send(refresh.request()))
        if isinstance(answer, pl.Request):  # the tenant's nonce changed: sent once more
            answer = refresh.on_response(*http_send(answer))
        self.assertEqual(answer["token_type"].lower(), "dpop")
        self.assertNotEqual(answer["refresh_token"], tokens["refresh_token"])

        headers = dpop.resource_headers("GET", "https://api.example.com/v1/me", answer["access_token"], nonce="rs-1")
        self.assertEqual([n for n, _ in headers], ["authorization", "dpop"])
        self.assertEqual(headers[0][1], "DPoP " + answer["access_token"])
        header, payload, signature = headers[1][1].split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        self.assertEqual(claims["ath"], b64(hashlib.sha256(answer["access_token"].encode()).digest()))
        self.assertEqual((claims["htm"], claims["htu"], claims["nonce"]), ("GET", "https://api.example.com/v1/me", "rs-1"))
        with self.assertRaises(pl.PasswordlessError) as ctx:
            dpop.resource_headers("GET", "ftp://api.example.com/", answer["access_token"])
        self.assertEqual(ctx.exception.field, "url")

        challenge = [("WWW-Authenticate", 'DPoP error="use_dpop_nonce", error_description="nonce required", algs="ES256"'),
                     ("DPoP-Nonce", "rs-2")]
        self.assertEqual(pl.resource_challenges(401, challenge),
                         [("DPoP", None, {"error": "use_dpop_nonce", "error_description": "nonce required", "algs": "ES256"})])
        err = pl.resource_error(401, challenge)
        self.assertEqual((err.kind, err.action, err.dpop_nonce, err.status), ("dpop_nonce_required", "retry", "rs-2", 401))
        with self.assertRaises(pl.PasswordlessError) as ctx:
            pl.resource_challenges(401, [("WWW-Authenticate", 'DPoP error="unterminated')])
        self.assertEqual(ctx.exception.kind, "malformed_response")

    def test_magic_link_callback_and_key_set_details(self):
        state = "st-Qx7Zp2af0ifjsldkj"
        got = pl.parse_callback("https://app.example.com/cb#access_token=at&id_token=a.b.c&token_type=Bearer"
                                "&expires_in=7200&scope=openid%20email&state=" + state, state)
        self.assertEqual(got, {"access_token": "at", "id_token": "a.b.c", "token_type": "Bearer", "scope": "openid email",
                               "state": state, "expires_in": 7200})
        for url, kind in (("https://app.example.com/cb?code=x&state=other", "state_mismatch"),
                          ("https://app.example.com/cb?code=%zz&state=" + state, "invalid_argument"),
                          ("https://app.example.com/cb?error=access_denied&state=" + state, "access_denied")):
            with self.assertRaises(pl.PasswordlessError) as ctx:
                pl.parse_callback(url, state)
            self.assertEqual(ctx.exception.kind, kind)
        client = pl.Client(domain="example.auth0.com", client_id="abc123")
        code = pl.parse_callback("https://app.example.com/cb?code=the-code&state=" + state, state)["code"]
        req = client.code_request(code, "https://app.example.com/cb")
        self.assertEqual(json.loads(req.body)["grant_type"], "authorization_code")
        self.assertEqual(client.code_response(200, [("content-type", "application/json")],
                                              b'{"access_token":"at","token_type":"Bearer","expires_in":60}', now=START)["access_token"], "at")
        keys = pl.KeySet.parse('{"keys":[{"kty":"EC","crv":"P-256","x":"a","y":"b"},{"kty":"oct","k":"eA"}]}')
        self.assertEqual((len(keys), keys.skipped), (0, 2))

    def test_id_token_from_a_magic_link(self):
        """A magic link with response_type "id_token token": the redirect's ID token is verified
        through Client.verify_id_token (RS256, python3-cryptography) as the login would."""
        t = self.tenant()
        client, login = self.login_for(t)
        keys = client.jwks_response(*http_send(client.jwks_request()))
        state, nonce = "st-Qx7Zp2af0ifjsldkj", "n-7Hq0LmWz"
        step = login.start("email", email="gus@example.com", send="link",
                           auth_params={"response_type": "id_token token", "redirect_uri": "http://127.0.0.1/callback",
                                        "scope": "openid email", "state": state, "nonce": nonce})
        self.assertEqual(login.on_response(*http_send(step.request)).event, "link_sent")

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args):
                return None

        link = t.message("gus@example.com")["link"].replace("https://", "http://", 1)
        link = t.url + link[link.index("/passwordless/verify_redirect"):]
        with self.assertRaises(urllib.error.HTTPError) as ctx:
            urllib.request.build_opener(NoRedirect).open(link)
        self.assertEqual(ctx.exception.code, 302)
        got = pl.parse_callback(ctx.exception.headers["location"], state)
        claims = client.verify_id_token(got["id_token"], verifier=rs256_verifier, keys=keys, nonce=nonce)
        self.assertEqual((claims["email"], claims["nonce"]), ("gus@example.com", nonce))
        for options, reason in (({"nonce": "n-other"}, "nonce"), ({"issuer": "https://other.example.com/"}, "iss")):
            with self.assertRaises(pl.PasswordlessError) as ctx:
                client.verify_id_token(got["id_token"], verifier=rs256_verifier, keys=keys, **options)
            self.assertEqual((ctx.exception.kind, ctx.exception.reason), ("invalid_id_token", reason))
            self.assertNotIn(got["id_token"], str(ctx.exception))
        with self.assertRaises(pl.PasswordlessError) as ctx:
            client.verify_id_token(got["id_token"], keys=keys, nonce=nonce)
        self.assertEqual((ctx.exception.kind, ctx.exception.field), ("invalid_argument", "verifier"))

    def test_verify_id_token_signed_here(self):
        """No tenant: an RS256 token made and signed here with python3-cryptography, verified by
        Client.verify_id_token through the verifier callback with the key set's key."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding, rsa

        def b64(data):
            return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

        def number(n):
            return b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))

        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pub = private.public_key().public_numbers()
        keys = pl.KeySet.parse(json.dumps({"keys": [{"kty": "RSA", "kid": "k-here", "use": "sig", "alg": "RS256",
                                                      "n": number(pub.n), "e": number(pub.e)}]}))
        client = pl.Client(domain="example.auth0.com", client_id="abc123")

        def token(claims, kid="k-here", key=private):
            head = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": kid}).encode())
            body = b64(json.dumps(claims).encode())
            sig = key.sign(f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
            return f"{head}.{body}.{b64(sig)}"

        good = {"iss": "https://example.auth0.com/", "sub": "email|1", "aud": "abc123", "iat": START - 10,
                "exp": START + 3600, "email": "hal@example.com"}
        claims = client.verify_id_token(token(good), verifier=rs256_verifier, keys=keys, now=START)
        self.assertEqual(claims, good)
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        for tok, now, reason in ((token(good, key=other), START, "signature"),
                                 (token(good, kid="k-unknown"), START, "signature"),
                                 (token(good), START + 7200, "exp"),
                                 (token(dict(good, aud="someone-else")), START, "aud"),
                                 ("not.a-token", START, None)):
            with self.assertRaises(pl.PasswordlessError) as ctx:
                client.verify_id_token(tok, verifier=rs256_verifier, keys=keys, now=now)
            self.assertEqual(ctx.exception.kind, "invalid_id_token")
            if reason:
                self.assertEqual(ctx.exception.reason, reason)

    def test_save_and_restore_across_a_new_process(self):
        t = self.tenant()
        client, login = self.login_for(t)
        step = login.start("email", email="fay@example.com", send="code")
        step = login.on_response(*http_send(step.request))
        self.assertEqual(step.next, "ask_for_code")
        saved = login.save()
        code = t.code("fay@example.com")
        script = (
            "import sys, json; sys.path.insert(0, sys.argv[1]); import passwordless as pl; from login import http_send\n"
            "client = pl.Client(base_url=sys.argv[2], client_id='dev-client')\n"
            "from login import rs256_verifier\n"
            "keys = client.jwks_response(*http_send(client.jwks_request()))\n"
            "login = pl.Login.restore(client, sys.stdin.read(), verifier=rs256_verifier, keys=keys, verify_id_token=True,\n"
            "                         scope='openid email offline_access')\n"
            "step = login.submit_code(sys.argv[3])\n"
            "while step.request:\n"
            "    step = login.on_response(*http_send(step.request))\n"
            "print(json.dumps({'next': step.next, 'email': (step.claims or {}).get('email')}))\n")
        out = subprocess.run([sys.executable, "-c", script, str(HERE), t.url, code], input=saved, capture_output=True,
                             text=True, check=True, env=os.environ)
        self.assertEqual(json.loads(out.stdout), {"next": "done", "email": "fay@example.com"})

    def test_restore_under_other_options_is_refused_and_names_what_differs(self):
        t = self.tenant()
        client, login = self.login_for(t)
        step = login.on_response(*http_send(login.start("email", email="gus@example.com", send="code").request))
        self.assertEqual(step.next, "ask_for_code")
        saved = login.save()
        keys = client.jwks_response(*http_send(client.jwks_request()))
        same = dict(verifier=rs256_verifier, keys=keys, verify_id_token=True, scope="openid email offline_access")
        cases = (
            # The case: no options at all would log in with no ID-token check and no refresh token.
            ({}, ("other ID-token checks", "other login rules")),
            (dict(same, verify_id_token=False), ("other ID-token checks",)),
            (dict(same, leeway=0), ("other ID-token checks",)),
            (dict(same, algorithms=["RS256", "ES256"]), ("other ID-token checks",)),
            (dict(same, scope="openid email"), ("other login rules",)),
            (dict(same, max_attempts=5), ("other login rules",)),
        )
        for options, groups in cases:
            with self.subTest(options=sorted(options)):
                with self.assertRaises(pl.PasswordlessError) as ctx:
                    pl.Login.restore(client, saved, **options)
                e = ctx.exception
                self.assertEqual((e.kind, e.field), ("invalid_argument", "saved_state"))
                for g in ("another client", "other ID-token checks", "other DPoP settings", "other login rules"):
                    self.assertEqual(g in e.description, g in groups, e.description)
        other_client = pl.Client(base_url=t.url, client_id="another-client")
        with self.assertRaises(pl.PasswordlessError) as ctx:
            pl.Login.restore(other_client, saved, **same)
        self.assertEqual(ctx.exception.field, "saved_state")
        # With the options it was saved with, the login goes on.
        again = pl.Login.restore(client, saved, **same)
        step, errors = self.run_login(t, again, again.submit_code(t.code("gus@example.com")), "gus@example.com")
        self.assertEqual((step.next, errors), ("done", []))
        self.assertIn("refresh_token", step.tokens)

    def test_a_sealed_login_refuses_edits_and_other_keys(self):
        t = self.tenant()
        client, login = self.login_for(t)
        step = login.on_response(*http_send(login.start("email", email="hal@example.com", send="code").request))
        step = login.on_response(*http_send(login.submit_code("000000").request))
        self.assertEqual(step.error.kind, "wrong_code")
        key = os.urandom(32)
        sealed = login.save(seal_key=key)
        plain = login.save()
        self.assertIn('"attempts":1', plain)
        self.assertTrue(sealed.startswith(plain[:-1] + ',"seal":"'))
        self.assertEqual(len(sealed), len(plain) - 1 + len(',"seal":"') + 64 + 2)
        keys = client.jwks_response(*http_send(client.jwks_request()))
        same = dict(verifier=rs256_verifier, keys=keys, verify_id_token=True, scope="openid email offline_access")

        def refused(text, field="saved_state", **kw):
            with self.assertRaises(pl.PasswordlessError) as ctx:
                pl.Login.restore(client, text, **kw, **same)
            self.assertEqual((ctx.exception.kind, ctx.exception.field), ("invalid_argument", field))
            self.assertNotIn(key.hex(), ctx.exception.description)
            return ctx.exception.description

        # Edits an attacker with write access would make: accepted without a seal, refused with one.
        sent_at = json.loads(plain)["code_sent_at"]
        for before, after in (('"attempts":1', '"attempts":0'), ('"hal@example.com"', '"eve@example.com"'),
                              (f'"code_sent_at":{sent_at}', f'"code_sent_at":{sent_at - 3600}')):
            self.assertIn(before, plain)
            pl.Login.restore(client, plain.replace(before, after, 1), **same).close()
            self.assertIn("does not match", refused(sealed.replace(before, after, 1), seal_key=key))
        self.assertIn("does not match", refused(sealed, seal_key=os.urandom(32)))
        self.assertIn("not sealed", refused(plain, seal_key=key))
        self.assertIn("is sealed", refused(sealed))
        refused(sealed, field="seal_key", seal_key=b"short")
        with self.assertRaises(pl.PasswordlessError) as ctx:
            login.save(seal_key="fifteen bytes!!")
        self.assertEqual(ctx.exception.field, "seal_key")
        # A str key is its UTF-8 bytes; the right key restores the login, which then completes.
        self.assertEqual(login.save(seal_key="a key of sixteen+"), login.save(seal_key=b"a key of sixteen+"))
        again = pl.Login.restore(client, sealed, seal_key=key, **same)
        self.assertEqual(again.state, "awaiting_code")
        self.assertEqual(again.save(seal_key=key), sealed)
        step, errors = self.run_login(t, again, again.submit_code(t.code("hal@example.com")), "hal@example.com")
        self.assertEqual((step.next, errors), ("done", []))


    # ---- MFA after the code (mfa=True): the dev tenant's MFA users ----------------------------

    def dev_get(self, tenant, path):
        with urllib.request.urlopen(tenant.url + path) as r:
            return json.loads(r.read())

    def dev_post(self, tenant, path, body=None):
        req = urllib.request.Request(tenant.url + path, data=json.dumps(body or {}).encode(), method="POST",
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req) as r:
            return r.read()

    def mfa_choosing(self, tenant, user, now=START, **options):
        """A login of `user` with mfa=True, past the code, at choose_authenticator; also the
        mfa_token (the Bearer credential of the listing request, which an app would keep)."""
        client, login = self.login_for(tenant, mfa=True, **options)
        step = login.start("email", email=user, send="code", now=now)
        token = None
        while step.next in ("send_request", "ask_for_code"):
            if step.request:
                if step.state == "listing_authenticators":
                    token = dict(step.request.headers)["authorization"].split(" ", 1)[1]
                step = login.on_response(*http_send(step.request), now=now)
            else:
                step = login.submit_code(tenant.code(user), now=now)
        self.assertTrue(token)
        self.assertEqual((step.event, step.next), ("mfa_required", "choose_authenticator"), step.error)
        return client, login, step, token

    def send_until_done(self, login, step, now):
        while step.next == "send_request":
            step = login.on_response(*http_send(step.request), now=now)
        return step

    def test_mfa_totp(self):
        t = self.tenant(clock=START)
        _, login, step, _ = self.mfa_choosing(t, "mfa-otp@example.com")
        otp = next(a for a in step.authenticators if a["authenticator_type"] == "otp")
        step = login.choose_authenticator(otp["id"], now=START)
        self.assertEqual((step.state, step.next), ("awaiting_mfa_code", "ask_for_mfa_code"))
        wrong = self.send_until_done(login, login.submit_mfa_code("000000", now=START), START)
        self.assertEqual((wrong.state, wrong.error.kind), ("awaiting_mfa_code", "wrong_code"))
        code = self.dev_get(t, "/dev/mfa/totp?to=mfa-otp%40example.com")["otp"]
        step = self.send_until_done(login, login.submit_mfa_code(code, now=START), START)
        self.assertEqual(step.next, "done", step.error)
        self.assertEqual(step.claims["email"], "mfa-otp@example.com")
        self.assertNotIn("recovery_code", step.tokens)

    def test_mfa_sms_binding_code(self):
        t = self.tenant(clock=START)
        _, login, step, _ = self.mfa_choosing(t, "mfa-sms@example.com")
        sms = next(a for a in step.authenticators if a.get("oob_channel") == "sms")
        step = self.send_until_done(login, login.choose_authenticator(sms["id"], now=START), START)
        self.assertEqual((step.state, step.next), ("awaiting_mfa_code", "ask_for_mfa_code"), step.error)
        step = self.send_until_done(login, login.submit_mfa_code(t.code("+15555550100"), now=START), START)
        self.assertEqual(step.next, "done", step.error)

    def test_mfa_push_polled_from_poll_at(self):
        t = self.tenant(clock=START)
        _, login, step, _ = self.mfa_choosing(t, "mfa-push@example.com")
        push = next(a for a in step.authenticators if a.get("oob_channel") == "auth0")
        step = self.send_until_done(login, login.choose_authenticator(push["id"], now=START), START)
        self.assertEqual((step.state, step.next, step.poll_at), ("awaiting_approval", "poll", START + 5), step.error)
        early = login.poll(now=START + 1)
        self.assertEqual((early.error.kind, early.error.retry_at, early.request), ("invalid_state", START + 5, None))
        t.set_clock(START + 5)
        step = self.send_until_done(login, login.poll(now=START + 5), START + 5)
        self.assertEqual((step.state, step.error.kind), ("awaiting_approval", "authorization_pending"))
        self.assertGreaterEqual(step.poll_at, START + 10)
        self.dev_post(t, "/dev/mfa/push/" + urllib.parse.quote("mfa-push@example.com", safe="") + "/approve")
        t.set_clock(step.poll_at)
        step = self.send_until_done(login, login.poll(now=step.poll_at), step.poll_at)
        self.assertEqual(step.next, "done", step.error)

    def test_mfa_recovery_code_gives_a_new_one(self):
        t = self.tenant(clock=START)
        _, login, step, _ = self.mfa_choosing(t, "mfa-otp@example.com")
        step = self.send_until_done(login, login.submit_recovery_code("DEVTENANTRECOVERYCODE001", now=START), START)
        self.assertEqual(step.next, "done", step.error)
        self.assertTrue(step.tokens["recovery_code"])
        self.assertNotEqual(step.tokens["recovery_code"], "DEVTENANTRECOVERYCODE001")

    def test_mfa_save_and_restore(self):
        t = self.tenant(clock=START)
        client, login, step, token = self.mfa_choosing(t, "mfa-otp@example.com")
        saved = login.save()
        self.assertNotIn(token, saved)
        self.assertEqual(login.mfa_token, token)  # what the app keeps in its secure store
        options = dict(verify_id_token=True, verifier=rs256_verifier, keys=client.jwks_response(*http_send(client.jwks_request())),
                       scope="openid email offline_access", mfa=True)
        failed = pl.Login.restore(client, saved, now=START, **options)
        self.assertEqual(failed.state, "failed")
        self.assertEqual(failed.failure.kind, "mfa_token_invalid")
        self.assertNotIn(token, failed.failure.description)
        self.assertIsNone(failed.mfa_token)
        again = pl.Login.restore(client, saved, now=START, mfa_token=token, **options)
        self.assertEqual(again.state, "listing_authenticators")
        step = self.send_until_done(again, again.retry(now=START), START)
        self.assertEqual(step.next, "choose_authenticator", step.error)
        otp = next(a for a in step.authenticators if a["authenticator_type"] == "otp")
        again.choose_authenticator(otp["id"], now=START)
        code = self.dev_get(t, "/dev/mfa/totp?to=mfa-otp%40example.com")["otp"]
        step = self.send_until_done(again, again.submit_mfa_code(code, now=START), START)
        self.assertEqual(step.next, "done", step.error)
        with self.assertRaises(pl.PasswordlessError) as ctx:
            pl.Login.restore(client, saved, now=START, mfa_token="bad\r\ntoken", **options)
        self.assertEqual(ctx.exception.field, "mfa_token")


if __name__ == "__main__":
    if "--tenant" in sys.argv:
        i = sys.argv.index("--tenant")
        TENANT = sys.argv[i + 1]
        del sys.argv[i:i + 2]
    if not TENANT or not os.path.exists(TENANT):
        sys.exit("test_sdk.py: --tenant path/to/passwordless-dev-tenant is required")
    unittest.main()
