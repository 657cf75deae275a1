#!/usr/bin/env python3
"""Integration tests: passwordless-cli against passwordless-dev-tenant, over real HTTP on loopback.

usage: test_cli.py --cli PATH --tenant PATH --verify-id-token PATH [-j N] [-k SUBSTRING]

verify-id-token (examples/openssl-verifier) is tried on the ID tokens the CLI receives, and on its
command line: an algorithm it cannot verify is a usage error, never a refused signature.

Each test starts its own tenant on a free port (port 0), so tests run in parallel without
clashing; every process is stopped when its test ends, passed or failed. The last line is
"N passed, M failed".
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

ARGS = None


class Tenant:
    """A dev tenant process; use as a context manager."""

    def __init__(self, *extra, config=None):
        self.extra = list(extra)
        self.config = config
        self.proc = None
        self.tmp = tempfile.TemporaryDirectory()

    def __enter__(self):
        args = [ARGS.tenant, "--port", "0", "--quiet"] + self.extra
        if self.config is not None:
            path = os.path.join(self.tmp.name, "tenant.json")
            with open(path, "w") as f:
                json.dump(self.config, f)
            args += ["--config", path]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not m:
            self.__exit__(None, None, None)
            raise AssertionError(f"tenant did not start: {line!r}")
        self.base = m.group(1)
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.tmp.cleanup()
        return False

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=5) as r:
            return json.loads(r.read())

    def post(self, path, body):
        req = urllib.request.Request(self.base + path, data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=5) as r:
            return json.loads(r.read())


def cli(*args, stdin=None, env=None, timeout=30):
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([ARGS.cli, *args], input=stdin, capture_output=True, text=True, env=full_env, timeout=timeout)


def login(tenant, *args, **kw):
    return cli("login", "--base-url", tenant.base, *args, **kw)


def expect(proc, code, *needles):
    out = proc.stdout + proc.stderr
    assert proc.returncode == code, f"exit {proc.returncode}, wanted {code}:\n{out}"
    for n in needles:
        assert n in out, f"missing {n!r} in:\n{out}"
    return out


# ---- the tests --------------------------------------------------------------------------------

def test_email_code():
    with Tenant() as t:
        out = expect(login(t, "--client-id", "dev-client", "--email", "alice@example.com", "--dev-mailbox"), 0,
                     "a code is on its way to alice@example.com", "code delivered", "code accepted",
                     "ID token verified", "email            alice@example.com", "ok logged in")
        assert "dev_at_" not in out, "tokens must not be printed"


def test_sms_code():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-client", "--phone", "+14155552671", "--dev-mailbox"), 0,
               "a code is on its way to +14155552671", "phone_number     +14155552671", "ok logged in")


def test_magic_link():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-client", "--email", "bob@example.com", "--send", "link", "--dev-mailbox"), 0,
               "a link is on its way", "following it as a browser would", "callback accepted (state matches)",
               "authorization_code grant", "ID token verified", "ok logged in")


def test_code_typed_on_the_terminal():
    with Tenant() as t:
        proc = subprocess.Popen([ARGS.cli, "login", "--base-url", t.base, "--client-id", "dev-client", "--email", "carol@example.com"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out = wait_for(proc, "enter the code")
            code = t.get("/dev/mailbox?to=carol%40example.com")["code"]
            out += answer_prompt(proc, code)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0 and "ok logged in" in out, out


def test_wrong_code_three_times():
    with Tenant() as t:
        out = expect(login(t, "--client-id", "dev-client", "--email", "dave@example.com", stdin="000000\n000001\n000002\n"), 1,
                     "wrong_code", "attempts_exhausted", "next: restart")
        assert out.count("trade the code for tokens") == 3, out


def test_expired_code_with_a_fixed_clock():
    with Tenant("--clock", str(int(time.time()))) as t:
        proc = subprocess.Popen([ARGS.cli, "login", "--base-url", t.base, "--client-id", "dev-client", "--email", "erin@example.com"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out = wait_for(proc, "enter the code")
            code = t.get("/dev/mailbox?to=erin%40example.com")["code"]
            t.post("/dev/clock", {"advance": 181})
            out += answer_prompt(proc, code)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 1, out
        assert "code_expired" in out and "next: restart" in out, out


def test_rate_limit():
    config = {"clients": [{"client_id": "dev-client"}], "connections": [{"name": "email", "strategy": "email"}],
              "limits": {"start_limit": 1}}
    with Tenant(config=config) as t:
        expect(login(t, "--client-id", "dev-client", "--email", "frank@example.com", "--dev-mailbox"), 0, "ok logged in")
        expect(login(t, "--client-id", "dev-client", "--email", "frank@example.com", "--dev-mailbox"), 1,
               "rate_limited", "next: wait", "retry after", "HTTP status: 429")


def test_refresh_with_rotation():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        first, second = os.path.join(d, "tokens.json"), os.path.join(d, "tokens2.json")
        expect(login(t, "--client-id", "dev-client", "--email", "gina@example.com", "--dev-mailbox",
                     "--scope", "openid email offline_access", "--save-tokens", first), 0, "refresh token", "tokens saved")
        assert oct(os.stat(first).st_mode & 0o777) == "0o600"
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--tokens-file", first, "--save-tokens", second), 0,
               "tokens refreshed", "the refresh token was rotated")
        # The spent refresh token is refused; the rotated one works, also from the environment.
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--tokens-file", first), 1,
               "invalid_refresh_token", "next: restart")
        with open(second) as f:
            rotated = json.load(f)["refresh_token"]
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--refresh-token-env", "RT", env={"RT": rotated}), 0,
               "tokens refreshed")


def test_dpop_login_and_bound_refresh():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        key, other = os.path.join(d, "dpop.pem"), os.path.join(d, "other.pem")
        first, second = os.path.join(d, "tokens.json"), os.path.join(d, "tokens2.json")
        # The tenant demands its nonce from a public client: the flow answers the challenge once by itself.
        out = expect(login(t, "--client-id", "dev-client", "--email", "dora@example.com", "--dev-mailbox", "--dpop-key", key,
                           "--scope", "openid email offline_access", "--save-tokens", first), 0,
                     "new P-256 key saved", "with a DPoP proof", "with a DPoP proof and the server's nonce",
                     "access token (DPoP", "bound to key", "ok logged in")
        assert "BEGIN" not in out, "the key must not be printed"
        assert oct(os.stat(key).st_mode & 0o777) == "0o600"
        with open(first) as f:
            saved = json.load(f)
        assert saved["token_type"] == "DPoP" and saved["dpop_nonce"], saved.keys()
        # Without the key the refresh is refused locally; with another key the tenant refuses it.
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--tokens-file", first), 1,
               "invalid_argument", "bound to a DPoP key")
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--tokens-file", first, "--dpop-key", other), 1,
               "invalid_refresh_token")
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--tokens-file", first, "--dpop-key", key,
                   "--save-tokens", second), 0, "key from", "with a DPoP proof and the server's nonce", "tokens refreshed",
               "access token (DPoP")


def test_dpop_ephemeral_key():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-client", "--email", "eph@example.com", "--dev-mailbox", "--dpop"), 0,
               "ephemeral P-256 key", "access token (DPoP", "ok logged in")


def test_confidential_client_with_and_without_its_secret():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-confidential", "--client-secret-env", "DEV_SECRET", "--email", "hal@example.com",
                     "--dev-mailbox", env={"DEV_SECRET": "dev-secret"}), 0, "ok logged in")
        out = expect(login(t, "--client-id", "dev-confidential", "--email", "hal@example.com", "--dev-mailbox"), 1,
                     "invalid_client", "next: fix_config")
        out += expect(login(t, "--client-id", "dev-confidential", "--client-secret-env", "DEV_SECRET", "--email", "hal@example.com",
                            "--dev-mailbox", env={"DEV_SECRET": "wrong-secret"}), 1, "invalid_client")
        assert "wrong-secret" not in out and "dev-secret" not in out


def test_grant_not_allowed():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-no-otp", "--email", "ivy@example.com", "--dev-mailbox"), 1,
               "grant_not_allowed", "next: fix_config", "HTTP status: 403")


def test_secrets_never_on_the_command_line():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-client", "--client-secret", "s3cret", "--email", "a@b.c"), 2, "never goes on the command line")


def test_bad_input_is_refused_before_sending():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-client", "--email", "not an email", "--dev-mailbox"), 1,
               "invalid_argument", "email", "next: fix_input")


def test_decode():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "tokens.json")
        expect(login(t, "--client-id", "dev-client", "--email", "jo@example.com", "--dev-mailbox", "--save-tokens", path), 0)
        with open(path) as f:
            id_token = json.load(f)["id_token"]
        expect(cli("decode", id_token), 0, "NOT VERIFIED", '"alg": "RS256"', "jo@example.com", "UTC)")
        expect(cli("decode", "not.a.token"), 1, "invalid_id_token")


def verify_tool(*args, stdin=""):
    return subprocess.run([ARGS.verify_id_token, *args], input=stdin, capture_output=True, text=True, timeout=30)


# The algorithms passwordless::openssl_verifier can check (addons/openssl_verifier.hpp).
VERIFIER_ALGORITHMS = ("RS256", "RS384", "RS512")


def test_verify_id_token_refuses_algorithms_it_cannot_verify():
    """An --alg the OpenSSL verifier has no code for is refused on the command line (exit 2, before
    the JWKS file or the token is read), not accepted and then reported as a bad signature."""
    out = expect(verify_tool("--help"), 0, *VERIFIER_ALGORITHMS)
    assert "any other is refused" in out, out
    unsupported = ["HS256", "HS512", "PS256", "PS512", "ES256", "ES384", "EdDSA", "none", "None", "rs256", "RS256 ",
                   "RS1", ""]
    for alg in unsupported:
        for lead in ([], ["--alg", "RS256"]):  # alone, and after a supported one
            out = expect(verify_tool(*lead, "--alg", alg, "/nonexistent/jwks.json", "https://x/", "c", "0"), 2,
                         f"--alg {alg} is not supported", "this tool verifies RS256, RS384, RS512 only")
            for wrong in ("signature", "refused", "cannot read"):
                assert wrong not in out, f"--alg {alg!r}: {wrong!r} in:\n{out}"
    # Every supported one is accepted as an option (then the missing file is the complaint).
    for alg in VERIFIER_ALGORITHMS:
        expect(verify_tool("--alg", alg, "/nonexistent/jwks.json", "https://x/", "c", "0"), 2, "cannot read")


def test_verify_id_token_checks_the_tenants_token():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "tokens.json")
        expect(login(t, "--client-id", "dev-client", "--email", "vi@example.com", "--dev-mailbox", "--save-tokens", path), 0)
        with open(path) as f:
            id_token = json.load(f)["id_token"]
        jwks = os.path.join(d, "jwks.json")
        with open(jwks, "w") as f:
            json.dump(t.get("/.well-known/jwks.json"), f)
        args = [jwks, t.base + "/", "dev-client", str(int(time.time()))]
        expect(verify_tool(*args, stdin=id_token), 0, "vi@example.com")
        expect(verify_tool("--alg", "RS512", "--alg", "RS256", *args, stdin=id_token), 0, "vi@example.com")
        # A supported algorithm that is not the token's: refused as the token's algorithm (exit 1).
        out = expect(verify_tool("--alg", "RS384", *args, stdin=id_token), 1, "refused")
        assert "vi@example.com" not in out, out


def test_key_rotated_mid_login_is_verified_inside_the_flow():
    """The tenant rotates its signing key between start and code: the flow fetches the keys as a
    request step after the token answer and verifies with the new kid."""
    with Tenant() as t:
        old_kid = t.get("/.well-known/jwks.json")["keys"][0]["kid"]
        proc = subprocess.Popen([ARGS.cli, "login", "--base-url", t.base, "--client-id", "dev-client", "--email", "gina@example.com"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out = wait_for(proc, "enter the code")
            code = t.get("/dev/mailbox?to=gina%40example.com")["code"]
            new_kid = t.post("/dev/rotate-key", {})["kid"]
            assert new_kid != old_kid
            out += answer_prompt(proc, code)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, out
        for needle in ("-> GET " + t.base + "/.well-known/jwks.json", "ID token verified inside the flow", "ok logged in"):
            assert needle in out, f"missing {needle!r} in:\n{out}"
        kids = [k["kid"] for k in t.get("/.well-known/jwks.json")["keys"]]
        assert kids == [new_kid, old_kid], kids


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_tenant_restart_between_start_and_code():
    """The tenant restarts while the user reads the email (same port, key and --state file): the
    code still works and the ID token still verifies."""
    with tempfile.TemporaryDirectory() as d:
        key = os.path.join(d, "key.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key],
                       check=True, capture_output=True)
        args = ["--port", str(free_port()), "--key", key, "--state", os.path.join(d, "state.json")]
        first = Tenant(*args).__enter__()
        proc = subprocess.Popen([ARGS.cli, "login", "--base-url", first.base, "--client-id", "dev-client", "--email", "hank@example.com"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out = wait_for(proc, "enter the code")
            code = first.get("/dev/mailbox?to=hank%40example.com")["code"]
            first.__exit__(None, None, None)
            second = None
            for _ in range(50):  # the port may take a moment to be free again
                try:
                    second = Tenant(*args).__enter__()
                    break
                except AssertionError:
                    time.sleep(0.1)
            assert second is not None, "the tenant did not come back on its port"
            try:
                assert second.base == first.base
                out += answer_prompt(proc, code)
            finally:
                second.__exit__(None, None, None)
        finally:
            first.__exit__(None, None, None)
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, out
        assert "ID token verified inside the flow" in out and "ok logged in" in out, out


def test_tenant_stops_cleanly_on_sigint():
    import signal
    with Tenant() as t:
        t.proc.send_signal(signal.SIGINT)
        assert t.proc.wait(timeout=5) == 0


def wait_for(proc, needle, timeout=20):
    """Reads the process's output (a binary pipe) until `needle` appears; returns what it read."""
    import select
    seen = b""
    deadline = time.time() + timeout
    fd = proc.stdout.fileno()
    while needle.encode() not in seen:
        if time.time() > deadline or proc.poll() is not None:
            raise AssertionError(f"never saw {needle!r}: {seen!r}")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            seen += os.read(fd, 4096)
    return seen.decode()


def answer_prompt(proc, text):
    """Types `text` and a newline at the prompt; returns the rest of the output."""
    out, _ = proc.communicate((text + "\n").encode(), timeout=30)
    return out.decode()


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--tenant", required=True)
    ap.add_argument("--verify-id-token", required=True, help="examples/openssl-verifier's verify-id-token")
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


# ---- MFA after the code -----------------------------------------------------------------------

def test_mfa_totp_from_env():
    with Tenant() as t:
        otp = t.get("/dev/mfa/totp?to=mfa-otp%40example.com")["otp"]
        out = expect(login(t, "--client-id", "dev-client", "--email", "mfa-otp@example.com", "--dev-mailbox",
                           "--mfa-authenticator", "otp", "--mfa-code-env", "PL_TEST_MFA_CODE", env={"PL_TEST_MFA_CODE": otp}), 0,
                     "a second factor is required", "1. otp", "chose otp", "verify the second factor", "ok logged in")
        assert otp not in out, "the code must not be printed"


def test_mfa_totp_typed_after_choosing_from_the_list():
    with Tenant() as t:
        proc = subprocess.Popen([ARGS.cli, "login", "--base-url", t.base, "--client-id", "dev-client", "--email", "mfa-otp@example.com",
                                 "--dev-mailbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out = wait_for(proc, "which one")
            proc.stdin.write(b"1\n")
            proc.stdin.flush()
            out += wait_for(proc, "enter the code of otp")
            out += answer_prompt(proc, t.get("/dev/mfa/totp?to=mfa-otp%40example.com")["otp"])
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0 and "ok logged in" in out, out


def test_mfa_push_approved_in_the_background():
    with Tenant() as t:
        proc = subprocess.Popen([ARGS.cli, "login", "--base-url", t.base, "--client-id", "dev-client", "--email", "mfa-push@example.com",
                                 "--dev-mailbox", "--mfa-authenticator", "push"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out = wait_for(proc, "push sent")
            t.post("/dev/mfa/push/mfa-push%40example.com/approve", {})
            rest, _ = proc.communicate(timeout=30)
            out += rest.decode()
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, out
        for needle in ("chose push", "next check in", "checking whether the push was approved", "ok logged in"):
            assert needle in out, f"missing {needle!r} in:\n{out}"


def test_mfa_sms_binding_code_from_the_dev_mailbox():
    with Tenant() as t:
        expect(login(t, "--client-id", "dev-client", "--email", "mfa-sms@example.com", "--dev-mailbox", "--mfa-authenticator", "sms",
                     "--mfa-code-from-mailbox", "--mfa-mailbox-to", "+15555550100"), 0,
               "chose sms", "challenge the authenticator", "read the second-factor code from the dev mailbox", "ok logged in")
        # The login's own mailbox holds the login code, not the binding code: refused once, then it stops.
        expect(login(t, "--client-id", "dev-client", "--email", "mfa-sms@example.com", "--dev-mailbox", "--mfa-authenticator", "sms",
                     "--mfa-code-from-mailbox"), 1, "wrong_code")


def test_mfa_push_rejected():
    with Tenant() as t:
        proc = subprocess.Popen([ARGS.cli, "login", "--base-url", t.base, "--client-id", "dev-client", "--email", "mfa-push@example.com",
                                 "--dev-mailbox", "--mfa-authenticator", "push"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out = wait_for(proc, "push sent")
            t.post("/dev/mfa/push/mfa-push%40example.com/reject", {})
            rest, _ = proc.communicate(timeout=30)
            out += rest.decode()
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode != 0 and "mfa_rejected" in out, out


def test_mfa_recovery_code_from_env_prints_the_new_one():
    with Tenant() as t:
        out = expect(login(t, "--client-id", "dev-client", "--email", "mfa-otp@example.com", "--dev-mailbox",
                           "--recovery-code-env", "PL_TEST_RECOVERY", env={"PL_TEST_RECOVERY": "DEVTENANTRECOVERYCODE001"}), 0,
                     "using a recovery code", "your new recovery code", "ok logged in")
        assert "DEVTENANTRECOVERYCODE001" not in out, "the old recovery code must not be printed"


def test_mfa_codes_never_on_the_command_line():
    with Tenant() as t:
        for flag in ("--mfa-code", "--recovery-code"):
            expect(login(t, "--client-id", "dev-client", "--email", "mfa-otp@example.com", flag, "123456"), 2, flag + "-env VAR")
        expect(login(t, "--client-id", "dev-client", "--email", "mfa-otp@example.com", "--dev-mailbox",
                     "--mfa-authenticator", "nope"), 1, "no such authenticator: nope")


if __name__ == "__main__":
    sys.exit(main())
