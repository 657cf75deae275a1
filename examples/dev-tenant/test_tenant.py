#!/usr/bin/env python3
"""Tests of passwordless-dev-tenant itself, in raw HTTP (urllib): MFA after the passwordless code
(TOTP, SMS and email binding codes, push approved, rejected and polled too fast, recovery codes,
two factors, MFA on refresh, expiry, attempt limits, DPoP on the MFA grants), /oauth/revoke and
/userinfo (Bearer, DPoP with ath and nonce, the 401 challenges).

usage: test_tenant.py --tenant PATH [-j N] [-k SUBSTRING]

Every tenant runs on a fixed clock (--clock) moved only through POST /dev/clock, so nothing
sleeps. DPoP proofs are signed with python3-cryptography. The last line is "N passed, M failed".
"""
import argparse
import base64
import concurrent.futures
import hashlib
import hmac
import json
import re
import struct
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid

ARGS = None
T0 = 1111111109  # RFC 6238 Appendix B's time: the test secret's SHA-1 TOTP there is 07081804
SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
RECOVERY = "DEVTENANTRECOVERYCODE001"
OTP_GRANT = "http://auth0.com/oauth/grant-type/passwordless/otp"
MFA_OTP = "http://auth0.com/oauth/grant-type/mfa-otp"
MFA_OOB = "http://auth0.com/oauth/grant-type/mfa-oob"
MFA_RECOVERY = "http://auth0.com/oauth/grant-type/mfa-recovery-code"


def totp(t, secret=SECRET):
    """RFC 6238 TOTP, SHA-1, 6 digits, 30 s: computed here, independently of the tenant."""
    key = base64.b32decode(secret)
    mac = hmac.new(key, struct.pack(">Q", t // 30), hashlib.sha1).digest()
    offset = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


class Tenant:
    """A dev tenant process on a fixed clock; use as a context manager."""

    def __init__(self, *extra, clock=T0):
        self.args = [ARGS.tenant, "--port", "0", "--quiet", "--clock", str(clock), *extra]
        self.now = clock

    def __enter__(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.proc.stdout.readline())
        if not m:
            self.__exit__()
            raise AssertionError("tenant did not start")
        self.base = m.group(1)
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return False

    def call(self, method, path, body=None, form=False, headers=None):
        """(status, headers with lower-case names, body: JSON when it parses, else text)."""
        data, hdrs = None, dict(headers or {})
        if body is not None:
            if form:
                data = urllib.parse.urlencode(body).encode()
                hdrs["content-type"] = "application/x-www-form-urlencoded"
            else:
                data = json.dumps(body).encode()
                hdrs["content-type"] = "application/json"
        req = urllib.request.Request(self.base + path, data=data, headers=hdrs, method=method)
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                status, h, raw = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            status, h, raw = e.code, e.headers, e.read()
        text = raw.decode()
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = text
        return status, {k.lower(): v for k, v in h.items()}, parsed

    def advance(self, n):
        status, _, body = self.call("POST", "/dev/clock", {"advance": n})
        assert status == 200
        self.now = body["now"]

    def code_grant(self, who, client="dev-client", scope="openid profile email", headers=None, **extra):
        """/passwordless/start then the OTP grant with the code from the mailbox."""
        sms = who.startswith("+")
        start = {"client_id": client, "connection": "sms" if sms else "email", "send": "code",
                 ("phone_number" if sms else "email"): who, **extra}
        assert self.call("POST", "/passwordless/start", start)[0] == 200
        code = self.call("GET", "/dev/mailbox?to=" + urllib.parse.quote(who))[2]["code"]
        return self.call("POST", "/oauth/token", {"grant_type": OTP_GRANT, "client_id": client, "realm": start["connection"],
                                                  "username": who, "otp": code, "scope": scope, **extra}, headers=headers)

    def mfa_token(self, who, **kw):
        status, _, body = self.code_grant(who, **kw)
        assert status == 403 and body["error"] == "mfa_required", (status, body)
        assert body["error_description"] == "Multifactor authentication required"
        return body["mfa_token"], body["mfa_requirements"]

    def grant(self, grant, client="dev-client", headers=None, **members):
        return self.call("POST", "/oauth/token", {"grant_type": grant, "client_id": client, **members}, headers=headers)

    def challenge(self, token, form=False, **members):
        return self.call("POST", "/mfa/challenge", {"client_id": "dev-client", "mfa_token": token, **members}, form=form)


def expect_error(answer, status, error, description=None):
    got_status, _, body = answer
    assert got_status == status and isinstance(body, dict) and body.get("error") == error, (got_status, body)
    if description is not None:
        assert body.get("error_description") == description, body
    return body


def expect_tokens(answer):
    status, _, body = answer
    assert status == 200 and body.get("access_token"), (status, body)
    return body


class DPoPKey:
    """A P-256 key held by python3-cryptography that signs DPoP proofs (RFC 9449)."""

    def __init__(self):
        from cryptography.hazmat.primitives.asymmetric import ec
        self.key = ec.generate_private_key(ec.SECP256R1())
        n = self.key.public_key().public_numbers()
        self.jwk = {"kty": "EC", "crv": "P-256", "x": b64(n.x.to_bytes(32, "big")), "y": b64(n.y.to_bytes(32, "big"))}

    def proof(self, method, url, iat, nonce=None, access_token=None):
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
        claims = {"jti": str(uuid.uuid4()), "htm": method, "htu": url, "iat": iat}
        if nonce:
            claims["nonce"] = nonce
        if access_token:
            claims["ath"] = b64(hashlib.sha256(access_token.encode()).digest())
        header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": self.jwk}
        signing_input = (b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())).encode()
        r, s = decode_dss_signature(self.key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        return signing_input.decode() + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# ---- MFA --------------------------------------------------------------------------------------

def test_totp_matches_rfc6238():
    assert totp(59) == "287082" and totp(T0) == "081804"  # RFC 6238 Appendix B, last 6 digits
    with Tenant(clock=59) as t:
        assert t.call("GET", "/dev/mfa/totp?secret=" + SECRET)[2]["otp"] == "287082"
        t.advance(T0 - 59)
        assert t.call("GET", "/dev/mfa/totp?to=mfa-otp%40example.com")[2] == {"otp": "081804", "now": T0}


def test_mfa_totp():
    with Tenant() as t:
        token, req = t.mfa_token("mfa-otp@example.com")
        assert req == {"challenge": [{"type": "otp"}, {"type": "recovery-code"}]}, req
        status, _, listed = t.call("GET", "/mfa/authenticators", headers={"authorization": "Bearer " + token})
        assert status == 200 and [a["authenticator_type"] for a in listed] == ["otp", "recovery-code"], listed
        assert all(a["active"] and a["id"] and "oob_channel" not in a for a in listed), listed
        assert t.challenge(token, challenge_type="otp")[2] == {"challenge_type": "otp"}
        tokens = expect_tokens(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0 - 30)))  # one step back is accepted
        assert tokens["token_type"] == "Bearer" and tokens["id_token"]
        expect_error(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0)), 403, "invalid_grant", "Malformed mfa_token")  # spent
        # A code is single use: a step at or before the one accepted is refused; the next one passes.
        token, _ = t.mfa_token("mfa-otp@example.com")
        expect_error(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0 - 30)), 403, "invalid_grant", "Invalid otp_code.")
        expect_tokens(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0)))


def test_mfa_wrong_code_then_right():
    with Tenant() as t:
        token, _ = t.mfa_token("mfa-otp@example.com")
        wrong = "%06d" % ((int(totp(T0)) + 1) % 1000000)
        expect_error(t.grant(MFA_OTP, mfa_token=token, otp=wrong), 403, "invalid_grant", "Invalid otp_code.")
        expect_error(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0 + 60)), 403, "invalid_grant", "Invalid otp_code.")  # 2 steps ahead
        expect_tokens(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0 + 30)))


def test_mfa_sms_binding_code():
    with Tenant() as t:
        token, req = t.mfa_token("mfa-sms@example.com")
        assert req == {"challenge": [{"type": "phone"}]}
        status, _, listed = t.call("GET", "/mfa/authenticators", headers={"authorization": "Bearer " + token})
        assert listed[0]["authenticator_type"] == "oob" and listed[0]["oob_channel"] == "sms" and listed[0]["name"] == "XXXXXXXX0100"
        status, _, ch = t.challenge(token, form=True, challenge_type="oob", authenticator_id=listed[0]["id"])
        assert status == 200 and ch["challenge_type"] == "oob" and ch["binding_method"] == "prompt" and ch["oob_code"], ch
        message = t.call("GET", "/dev/mailbox?to=%2B15555550100")[2]
        assert message["send"] == "mfa-sms" and re.fullmatch(r"\d{6}", message["code"]), message
        wrong = "%06d" % ((int(message["code"]) + 1) % 1000000)
        expect_error(t.grant(MFA_OOB, mfa_token=token, oob_code=ch["oob_code"], binding_code=wrong), 403, "invalid_grant",
                     "Invalid binding_code.")
        expect_tokens(t.grant(MFA_OOB, mfa_token=token, oob_code=ch["oob_code"], binding_code=message["code"]))


def test_mfa_email_binding_code():
    with Tenant() as t:
        token, req = t.mfa_token("mfa-email@example.com")
        assert req == {"challenge": [{"type": "email"}]}
        ch = t.challenge(token, challenge_type="oob")[2]
        assert ch["binding_method"] == "prompt"
        message = t.call("GET", "/dev/mailbox?to=mfa-email%40example.com")[2]
        assert message["send"] == "mfa-email"
        expect_tokens(t.grant(MFA_OOB, mfa_token=token, oob_code=ch["oob_code"], binding_code=message["code"]))


def test_mfa_push_approved_with_slow_down():
    with Tenant() as t:
        token, req = t.mfa_token("mfa-push@example.com")
        assert req == {"challenge": [{"type": "push-notification"}]}
        listed = t.call("GET", "/mfa/authenticators", headers={"authorization": "Bearer " + token})[2]
        assert listed[0]["oob_channel"] == "auth0" and listed[0]["name"] == "Dev phone", listed
        ch = t.challenge(token)[2]
        assert ch["challenge_type"] == "oob" and "binding_method" not in ch, ch
        poll = lambda: t.grant(MFA_OOB, mfa_token=token, oob_code=ch["oob_code"])  # noqa: E731
        expect_error(poll(), 400, "authorization_pending", "Authorization pending: please repeat the request in a few seconds.")
        expect_error(poll(), 400, "slow_down")  # no time passed
        t.advance(4)
        expect_error(poll(), 400, "slow_down")
        t.advance(1)
        expect_error(poll(), 400, "authorization_pending")
        assert t.call("POST", "/dev/mfa/push/mfa-push%40example.com/approve")[2] == {"decision": "approved"}
        expect_tokens(poll())


def test_mfa_push_rejected():
    for flags, error in (((), "invalid_grant"), (("--mfa-reject-error", "access_denied"), "access_denied")):
        with Tenant(*flags) as t:
            token, _ = t.mfa_token("mfa-push@example.com")
            oob = t.challenge(token, challenge_type="oob")[2]["oob_code"]
            assert t.call("POST", "/dev/mfa/push/" + oob + "/reject")[0] == 200
            for _ in range(2):  # final: it stays rejected
                expect_error(t.grant(MFA_OOB, mfa_token=token, oob_code=oob), 403, error, "MFA Authorization rejected.")
            expect_error(t.call("POST", "/dev/mfa/push/nobody%40example.com/approve"), 404, "not_found")


def test_mfa_recovery_code():
    with Tenant() as t:
        token, _ = t.mfa_token("mfa-otp@example.com")
        tokens = expect_tokens(t.grant(MFA_RECOVERY, mfa_token=token, recovery_code=RECOVERY))
        fresh = tokens["recovery_code"]
        assert re.fullmatch(r"[A-Z0-9]{24}", fresh) and fresh != RECOVERY, fresh
        token, _ = t.mfa_token("mfa-otp@example.com")
        expect_error(t.grant(MFA_RECOVERY, mfa_token=token, recovery_code=RECOVERY), 403, "invalid_grant", "Invalid recovery_code.")
        assert expect_tokens(t.grant(MFA_RECOVERY, mfa_token=token, recovery_code=fresh))["recovery_code"] != fresh


def test_mfa_token_expired_and_malformed():
    with Tenant("--mfa-token-lifetime", "60") as t:
        token, _ = t.mfa_token("mfa-all@example.com")
        t.advance(59)
        assert t.challenge(token, challenge_type="otp")[0] == 200
        t.advance(1)
        expect_error(t.grant(MFA_OTP, mfa_token=token, otp=totp(t.now)), 403, "expired_token", "mfa_token is expired")
        expect_error(t.challenge(token), 403, "expired_token", "mfa_token is expired")
        expect_error(t.call("GET", "/mfa/authenticators", headers={"authorization": "Bearer " + token}), 401, "expired_token")
        expect_error(t.grant(MFA_OTP, mfa_token="not-a-token", otp="123456"), 403, "invalid_grant", "Malformed mfa_token")
        expect_error(t.grant(MFA_OTP, otp="123456"), 400, "invalid_request")
    with Tenant() as t:  # the default lifetime is 10 minutes
        token, _ = t.mfa_token("mfa-otp@example.com")
        t.advance(599)
        assert t.challenge(token)[0] == 200
        t.advance(1)
        expect_error(t.challenge(token), 403, "expired_token")


def test_mfa_too_many_attempts():
    with Tenant() as t:
        token, _ = t.mfa_token("mfa-otp@example.com")
        wrong = "%06d" % ((int(totp(T0)) + 500000) % 1000000)
        for _ in range(10):
            expect_error(t.grant(MFA_OTP, mfa_token=token, otp=wrong), 403, "invalid_grant", "Invalid otp_code.")
        expect_error(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0)), 429, "too_many_attempts")
        t.advance(360)  # one more attempt per 6 minutes
        expect_tokens(t.grant(MFA_OTP, mfa_token=token, otp=totp(t.now)))


def test_mfa_two_factors_chained():
    with Tenant() as t:
        token, req = t.mfa_token("mfa-two@example.com")
        assert req == {"challenge": [{"type": "otp"}, {"type": "phone"}]}
        status, _, body = t.grant(MFA_OTP, mfa_token=token, otp=totp(T0))
        assert status == 403 and body["error"] == "mfa_required" and body["mfa_token"] != token, body
        assert body["mfa_requirements"] == {"challenge": [{"type": "phone"}]}
        expect_error(t.challenge(token), 403, "invalid_grant", "Malformed mfa_token")
        second = body["mfa_token"]
        expect_error(t.challenge(second, challenge_type="otp"), 400, "unsupported_challenge_type")  # otp already passed
        oob = t.challenge(second)[2]["oob_code"]
        code = t.call("GET", "/dev/mailbox?to=%2B15555550100")[2]["code"]
        expect_tokens(t.grant(MFA_OOB, mfa_token=second, oob_code=oob, binding_code=code))


def test_mfa_nothing_enrolled_and_bad_challenges():
    with Tenant() as t:
        token, req = t.mfa_token("mfa-none@example.com")
        assert req == {"enroll": [{"type": "otp"}]}
        assert t.call("GET", "/mfa/authenticators", headers={"authorization": "Bearer " + token})[2] == []
        expect_error(t.challenge(token), 400, "association_required")
        token, _ = t.mfa_token("mfa-all@example.com")
        expect_error(t.challenge(token, challenge_type="otp sms"), 400, "unsupported_challenge_type")
        expect_error(t.challenge(token, authenticator_id="sms|nope"), 400, "invalid_request")
        listed = t.call("GET", "/mfa/authenticators", headers={"authorization": "Bearer " + token})[2]
        assert [(a["authenticator_type"], a.get("oob_channel")) for a in listed] == [
            ("otp", None), ("oob", "sms"), ("oob", "email"), ("oob", "auth0"), ("recovery-code", None)], listed
        recovery = [a["id"] for a in listed if a["authenticator_type"] == "recovery-code"][0]
        expect_error(t.challenge(token, authenticator_id=recovery), 400, "unsupported_challenge_type")
        expect_error(t.call("GET", "/mfa/authenticators"), 401, "unauthorized")
        expect_error(t.call("POST", "/mfa/challenge", {"client_id": "nobody", "mfa_token": token}), 401, "invalid_client")
        expect_error(t.call("POST", "/mfa/challenge", {"client_id": "dev-confidential", "mfa_token": token}), 401, "invalid_client")
        # An mfa_token belongs to the client that got it.
        expect_error(t.call("POST", "/mfa/challenge", {"client_id": "dev-confidential", "client_secret": "dev-secret",
                                                       "mfa_token": token}), 403, "invalid_grant", "Malformed mfa_token")
        # A user without MFA logs in as before.
        assert "access_token" in t.code_grant("plain@example.com")[2]


def test_mfa_on_refresh():
    with Tenant() as t:
        token, _ = t.mfa_token("mfa-refresh@example.com", scope="openid offline_access")
        refresh = expect_tokens(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0)))["refresh_token"]
        status, _, body = t.grant("refresh_token", refresh_token=refresh)
        assert status == 403 and body["error"] == "mfa_required", body
        t.advance(30)
        renewed = expect_tokens(t.grant(MFA_OTP, mfa_token=body["mfa_token"], otp=totp(t.now)))
        assert renewed["refresh_token"] != refresh
        expect_error(t.grant("refresh_token", refresh_token=refresh), 403, "invalid_grant")  # spent once MFA passed


def test_mfa_grants_take_dpop_with_the_nonce():
    with Tenant() as t:
        key = DPoPKey()
        url = t.base + "/oauth/token"
        status, headers, body = t.code_grant("mfa-otp@example.com", headers={"DPoP": key.proof("POST", url, T0)})
        assert status == 400 and body["error"] == "use_dpop_nonce", body
        nonce = headers["dpop-nonce"]
        status, headers, body = t.code_grant("mfa-otp@example.com", headers={"DPoP": key.proof("POST", url, T0, nonce)})
        assert status == 403 and body["error"] == "mfa_required" and headers["dpop-nonce"] == nonce, body
        token = body["mfa_token"]
        expect_error(t.call("POST", "/mfa/challenge", {"client_id": "dev-client", "mfa_token": token},
                            headers={"DPoP": key.proof("POST", t.base + "/mfa/challenge", T0, nonce)}), 400, "invalid_request")
        expect_error(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0), headers={"DPoP": key.proof("POST", url, T0)}), 400, "use_dpop_nonce")
        tokens = expect_tokens(t.grant(MFA_OTP, mfa_token=token, otp=totp(T0), headers={"DPoP": key.proof("POST", url, T0, nonce)}))
        assert tokens["token_type"] == "DPoP", tokens


# ---- the session ------------------------------------------------------------------------------

def test_revoke_then_refresh_fails():
    with Tenant() as t:
        tokens = expect_tokens(t.code_grant("rev@example.com", scope="openid offline_access"))
        status, _, body = t.call("POST", "/oauth/revoke", {"client_id": "dev-client", "token": tokens["refresh_token"]})
        assert status == 200 and body == "", (status, body)
        expect_error(t.grant("refresh_token", refresh_token=tokens["refresh_token"]), 403, "invalid_grant")
        assert t.call("POST", "/oauth/revoke", {"client_id": "dev-client", "token": "unknown"}, form=True)[0] == 200
        expect_error(t.call("POST", "/oauth/revoke", {"token": "x"}), 400, "invalid_request")
        expect_error(t.call("POST", "/oauth/revoke", {"client_id": "dev-client"}), 400, "invalid_request")
        # A confidential client proves itself, in the body or by HTTP Basic.
        tokens = expect_tokens(t.code_grant("conf@example.com", client="dev-confidential", scope="openid offline_access",
                                            client_secret="dev-secret"))
        expect_error(t.call("POST", "/oauth/revoke", {"client_id": "dev-confidential", "token": tokens["refresh_token"]}),
                     401, "invalid_client")
        basic = "Basic " + base64.b64encode(b"dev-confidential:dev-secret").decode()
        assert t.call("POST", "/oauth/revoke", {"client_id": "dev-confidential", "token": tokens["refresh_token"]},
                      headers={"authorization": basic})[0] == 200
        expect_error(t.grant("refresh_token", client="dev-confidential", client_secret="dev-secret",
                             refresh_token=tokens["refresh_token"]), 403, "invalid_grant")


def test_userinfo_bearer_and_401s():
    with Tenant() as t:
        tokens = expect_tokens(t.code_grant("ui@example.com"))
        status, _, claims = t.call("GET", "/userinfo", headers={"authorization": "Bearer " + tokens["access_token"]})
        payload = json.loads(base64.urlsafe_b64decode(tokens["id_token"].split(".")[1] + "=="))
        assert status == 200 and claims["sub"] == payload["sub"] and claims["email"] == "ui@example.com", claims
        assert claims["updated_at"] == "2005-03-18T01:58:29.000Z", claims  # T0, as an ISO string
        sms = expect_tokens(t.code_grant("+15555550999"))
        assert t.call("GET", "/userinfo", headers={"authorization": "Bearer " + sms["access_token"]})[2]["phone_number"] == "+15555550999"
        status, headers, body = t.call("GET", "/userinfo")
        assert status == 401 and headers["www-authenticate"].startswith("Bearer") and "error=" not in headers["www-authenticate"]
        status, headers, _ = t.call("GET", "/userinfo", headers={"authorization": "Bearer dev_at_unknown"})
        assert status == 401 and headers["www-authenticate"].startswith('Bearer error="invalid_token", error_description="'), headers
        t.call("POST", "/oauth/revoke", {"client_id": "dev-client", "token": sms["access_token"]})
        assert t.call("GET", "/userinfo", headers={"authorization": "Bearer " + sms["access_token"]})[0] == 401
        t.advance(86400)  # the access token's lifetime
        status, headers, _ = t.call("GET", "/userinfo", headers={"authorization": "Bearer " + tokens["access_token"]})
        assert status == 401 and 'error="invalid_token"' in headers["www-authenticate"] and "expired" in headers["www-authenticate"]


def test_userinfo_dpop_with_nonce():
    with Tenant() as t:
        key = DPoPKey()
        token_url, ui = t.base + "/oauth/token", t.base + "/userinfo"
        nonce = t.code_grant("dp@example.com", headers={"DPoP": key.proof("POST", token_url, T0)})[1]["dpop-nonce"]
        tokens = expect_tokens(t.code_grant("dp@example.com", headers={"DPoP": key.proof("POST", token_url, T0, nonce)}))
        at = tokens["access_token"]
        assert tokens["token_type"] == "DPoP"
        status, headers, _ = t.call("GET", "/userinfo", headers={"authorization": "DPoP " + at, "DPoP": key.proof("GET", ui, T0, access_token=at)})
        assert status == 401 and headers["www-authenticate"].startswith("DPoP ") and 'error="use_dpop_nonce"' in headers["www-authenticate"]
        assert headers["dpop-nonce"] == nonce
        status, headers, claims = t.call("GET", "/userinfo", headers={"authorization": "DPoP " + at,
                                                                       "DPoP": key.proof("GET", ui, T0, nonce, access_token=at)})
        assert status == 200 and claims["email"] == "dp@example.com" and headers["dpop-nonce"] == nonce, claims
        for auth, proof, error in (
                ("Bearer " + at, None, "invalid_token"),  # a bound token needs the DPoP scheme
                ("DPoP " + at, key.proof("GET", ui, T0, nonce, access_token="other"), "invalid_dpop_proof"),  # ath
                ("DPoP " + at, key.proof("POST", ui, T0, nonce, access_token=at), "invalid_dpop_proof"),  # htm
                ("DPoP " + at, DPoPKey().proof("GET", ui, T0, nonce, access_token=at), "invalid_token"),  # another key
                ("DPoP " + at, None, "invalid_dpop_proof")):  # no proof
            headers_in = {"authorization": auth, **({"DPoP": proof} if proof else {})}
            status, headers, _ = t.call("GET", "/userinfo", headers=headers_in)
            assert status == 401 and headers["www-authenticate"].startswith("DPoP ") and f'error="{error}"' in headers["www-authenticate"], (
                error, headers)
        # An unbound token with the DPoP scheme is refused too.
        plain = expect_tokens(t.code_grant("plain@example.com"))["access_token"]
        status, headers, _ = t.call("GET", "/userinfo", headers={"authorization": "DPoP " + plain,
                                                                  "DPoP": key.proof("GET", ui, T0, nonce, access_token=plain)})
        assert status == 401 and 'error="invalid_token"' in headers["www-authenticate"]


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tenant", required=True)
    ap.add_argument("-j", type=int, default=4)
    ap.add_argument("-k", default="")
    ARGS = ap.parse_args()
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and ARGS.k in n]

    def run(item):
        name, fn = item
        start = time.time()
        try:
            fn()
            return name, None, time.time() - start
        except Exception:  # noqa: BLE001 - report every failure
            return name, traceback.format_exc(), time.time() - start

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=ARGS.j) as pool:
        for name, problem, secs in pool.map(run, tests):
            if problem:
                failed += 1
                print(f"FAIL {name} ({secs:.1f} s)\n{problem}")
            else:
                passed += 1
                print(f"ok   {name} ({secs:.1f} s)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
