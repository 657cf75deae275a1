#!/usr/bin/env python3
"""Integration tests of the session commands: passwordless-cli userinfo and logout against
passwordless-dev-tenant, over real HTTP on loopback (the tenant, the CLI runner and the assertions
are test_cli.py's).

usage: test_cli_session.py --cli PATH --tenant PATH [-j N] [-k SUBSTRING]

Each test starts its own tenant on a free port; the last line is "N passed, M failed".
"""
import argparse
import concurrent.futures
import json
import os
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_cli as base  # noqa: E402
from test_cli import Tenant, cli, expect, login  # noqa: E402


def logged_in(t, d, email, *extra):
    """Logs `email` in with a refresh token; returns the tokens file's path and its content."""
    path = os.path.join(d, "tokens.json")
    expect(login(t, "--client-id", "dev-client", "--email", email, "--dev-mailbox", "--scope", "openid email offline_access",
                 "--save-tokens", path, *extra), 0, "ok logged in")
    with open(path) as f:
        return path, json.load(f)


def session(command, t, *args, **kw):
    return cli(command, "--base-url", t.base, "--client-id", "dev-client", *args, **kw)


def assert_no_secret(out, saved):
    for name in ("access_token", "refresh_token", "id_token"):
        if saved.get(name):
            assert saved[name] not in out, f"the {name} was printed:\n{out}"


def test_session_help_and_secrets_on_the_command_line():
    for command in ("userinfo", "logout"):
        expect(cli(command, "--help"), 0, f"usage: passwordless-cli {command}", "never from the command line")
    expect(cli("--help"), 0, "userinfo|logout")
    with Tenant() as t:
        for flag in ("--access-token", "--refresh-token", "--token"):
            expect(session("userinfo", t, flag, "s3cret"), 2, "a secret never goes on the command line")
        expect(session("logout", t, "--refresh-token", "s3cret"), 2, "a secret never goes on the command line")
        expect(session("userinfo", t), 2, "--tokens-file FILE or --access-token-env VAR is required")
        expect(session("userinfo", t, "--access-token-env", "AT", "--auto-refresh"), 2, "a rotated refresh token must be kept")
        expect(session("logout", t, "--oidc", "--federated"), 2, "--federated is for /v2/logout")


def test_userinfo_with_the_saved_bearer_token():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        path, saved = logged_in(t, d, "uma@example.com")
        out = expect(session("userinfo", t, "--tokens-file", path), 0,
                     f"-> GET {t.base}/userinfo (Bearer access token)", "ok userinfo",
                     "email            uma@example.com", "email_verified   true", "sub              email|", "updated_at")
        assert_no_secret(out, saved)
        # The same token from the environment.
        expect(session("userinfo", t, "--access-token-env", "AT", env={"AT": saved["access_token"]}), 0, "uma@example.com")


def test_userinfo_with_a_garbage_token_says_refresh():
    with Tenant() as t:
        out = expect(session("userinfo", t, "--access-token-env", "AT", env={"AT": "garbage-token-0123456789"}), 1,
                     "-> GET", "invalid_access_token", "next: refresh", "HTTP status: 401, server code: invalid_token")
        assert "garbage-token-0123456789" not in out, out
        # A token the library refuses is never sent; an unset variable is named, not guessed.
        out = expect(session("userinfo", t, "--access-token-env", "AT", env={"AT": "two words"}), 1,
                     "invalid_argument", "access_token")
        assert "-> GET" not in out and "two words" not in out, out
        expect(session("userinfo", t, "--access-token-env", "NO_SUCH_VARIABLE_HERE"), 1, "NO_SUCH_VARIABLE_HERE is not set")


def test_logout_revokes_the_refresh_token():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        path, saved = logged_in(t, d, "lou@example.com")
        out = expect(session("logout", t, "--tokens-file", path, "--return-to", "https://app.example.com/bye", "--federated"), 0,
                     f"-> POST {t.base}/oauth/revoke (revoke the refresh token)", "ok refresh token revoked",
                     f"{t.base}/v2/logout?client_id=dev-client&returnTo=https%3A%2F%2Fapp.example.com%2Fbye&federated")
        assert_no_secret(out, saved)
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--tokens-file", path), 1,
               "invalid_refresh_token", "next: restart")
        # From the environment too; revoking an unknown token is still a 2xx (RFC 7009 2.2).
        expect(session("logout", t, "--refresh-token-env", "RT", env={"RT": saved["refresh_token"]}), 0, "ok refresh token revoked",
               f"{t.base}/v2/logout?client_id=dev-client\n")
        # Without a refresh token: the URL only.
        expect(session("logout", t), 0, "no refresh token to revoke", "Auth0 logout URL")


def test_logout_oidc_url_keeps_the_id_token_off_the_screen():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        path, saved = logged_in(t, d, "olga@example.com")
        url_file = os.path.join(d, "url.txt")
        # A return URL the library refuses: nothing is sent, the refresh token still works.
        out = expect(session("logout", t, "--tokens-file", path, "--oidc", "--return-to", "http://evil.example.com/"), 1,
                     "invalid_argument", "post_logout_redirect_uri", "next: fix_input")
        assert "-> POST" not in out, out
        out = expect(session("logout", t, "--tokens-file", path, "--oidc", "--return-to", "http://127.0.0.1/bye", "--state", "st 1",
                             "--url-file", url_file), 0, "ok refresh token revoked", "OIDC logout URL",
                     f"{t.base}/oidc/logout?client_id=dev-client&id_token_hint=<the ID token, not shown>"
                     "&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%2Fbye&state=st%201")
        assert_no_secret(out, saved)
        assert oct(os.stat(url_file).st_mode & 0o777) == "0o600"
        with open(url_file) as f:
            assert f"id_token_hint={saved['id_token']}&" in f.read()
        expect(cli("refresh", "--base-url", t.base, "--client-id", "dev-client", "--tokens-file", path), 1, "invalid_refresh_token")


def test_userinfo_dpop_bound_token():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        key = os.path.join(d, "dpop.pem")
        path, saved = logged_in(t, d, "dee@example.com", "--dpop-key", key)
        assert saved["token_type"] == "DPoP"
        # The tenant wants its nonce from a public client: the saved one is sent, or asked for once.
        out = expect(session("userinfo", t, "--tokens-file", path, "--dpop-key", key), 0,
                     "DPoP-bound access token, with a DPoP proof", "ok userinfo", "dee@example.com")
        assert out.count("-> GET") <= 2, out
        assert_no_secret(out, saved)
        # Without the key the library refuses before sending; with another key the tenant refuses.
        out = expect(session("userinfo", t, "--tokens-file", path), 1, "invalid_argument", "dpop")
        assert "-> GET" not in out, out
        other = os.path.join(d, "other.pem")
        expect(login(t, "--client-id", "dev-client", "--email", "dee2@example.com", "--dev-mailbox", "--dpop-key", other), 0)
        expect(session("userinfo", t, "--tokens-file", path, "--dpop-key", other), 1, "invalid_access_token", "next: refresh")
        # As a Bearer token: refused.
        expect(session("userinfo", t, "--access-token-env", "AT", "--token-type", "Bearer", env={"AT": saved["access_token"]}), 1,
               "invalid_access_token")


def test_userinfo_auto_refresh_after_a_refused_token():
    """The tenant's clock passes the access token's lifetime (the saved expires_at, by this
    machine's clock, has not): /userinfo answers 401, the CLI refreshes once, saves the rotated
    tokens and tries again."""
    with Tenant("--clock", str(int(time.time()))) as t, tempfile.TemporaryDirectory() as d:
        path, saved = logged_in(t, d, "ari@example.com")
        t.post("/dev/clock", {"advance": 86401})
        expect(session("userinfo", t, "--tokens-file", path), 1, "invalid_access_token", "next: refresh")
        out = expect(session("userinfo", t, "--tokens-file", path, "--auto-refresh"), 0,
                     "<- the access token was refused (invalid_access_token): refreshing and trying once more",
                     "refresh_token grant", "ok tokens refreshed", f"tokens saved to {path}", "ok userinfo", "ari@example.com")
        assert out.count("-> GET") == 2 and out.count("refresh_token grant") == 1, out
        assert_no_secret(out, saved)
        with open(path) as f:
            now = json.load(f)
        assert now["refresh_token"] != saved["refresh_token"] and now["access_token"] != saved["access_token"]
        # The rotated tokens work; the spent refresh token does not (refresh once, then give up).
        expect(session("userinfo", t, "--tokens-file", path), 0, "ok userinfo")
        stale = os.path.join(d, "stale.json")
        with open(stale, "w") as f:
            json.dump({**saved, "access_token": "revoked-or-unknown"}, f)
        expect(session("userinfo", t, "--tokens-file", stale, "--auto-refresh"), 1, "refreshing and trying once more",
               "invalid_refresh_token")


def test_userinfo_refreshes_first_when_the_saved_expiry_passed():
    with Tenant() as t, tempfile.TemporaryDirectory() as d:
        path, saved = logged_in(t, d, "eve@example.com")
        with open(path, "w") as f:
            json.dump({**saved, "expires_at": int(time.time()) - 5}, f)
        out = expect(session("userinfo", t, "--tokens-file", path, "--auto-refresh"), 0,
                     "the access token has expired (or does within a minute): refreshing first", "ok tokens refreshed",
                     "ok userinfo")
        assert out.count("-> GET") == 1, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--tenant", required=True)
    ap.add_argument("-j", type=int, default=4)
    ap.add_argument("-k", default="")
    base.ARGS = ap.parse_args()
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f) and base.ARGS.k in n]

    def run(item):
        name, fn = item
        start = time.time()
        try:
            fn()
            return name, None, time.time() - start
        except Exception:  # noqa: BLE001 - report every failure
            return name, traceback.format_exc(), time.time() - start

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=base.ARGS.j) as pool:
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
