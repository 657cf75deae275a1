#!/usr/bin/env python3
"""The interop suite: the library against implementations nobody on this project wrote.

  1. Wycheproof: every RSA PKCS#1 v1.5 case of ../shared/interop/wycheproof through the OpenSSL
     add-on verifier (passwordless-interop-verify wycheproof).
  2. Token producers: npm jose (mint_jose.mjs) and Debian's python3-jwt (mint_pyjwt.py) mint ID
     tokens and key sets; every valid one must verify, every attack must be refused, each for the
     expected reason (passwordless-interop-verify tokens).
  3. A real OpenID Connect server: npm oidc-provider (server.mjs) on 127.0.0.1 and a free port.
     passwordless-cli logs in with an e-mailed code (discovery, the server's JWKS and issuer, RS256),
     refreshes with rotation (public client, client_secret_post, client_secret_basic); then every
     error the server gives is built by the driver, sent, and classified by the driver's
     parse_token, each with the kind and action DRIVER.md names.
     DPoP (RFC 9449, on in the server, a nonce required from public clients and at userinfo):
     login --dpop-key (the nonce challenge answered once by the flow, token_type DPoP), refresh
     with the same key, refused with another key or without a proof, and GET /userinfo with the
     library's resource headers (passwordless-interop-verify resource), the 401 nonce challenge
     read by its WWW-Authenticate parser and answered once.
     Session: revocation (driver build_revoke/parse_revoke, passwordless-cli logout), userinfo
     (driver build_userinfo, passwordless-cli userinfo, passwordless-interop-verify userinfo with a
     real DPoP proof and the nonce) and oidc-provider's real 401/403 challenges, each classified
     with the expected kind and action.

Fails (never skips) when a program is missing or the server cannot be reached; stops the server
in every case. usage: run.py --cli PATH --driver PATH --verify PATH [--wycheproof DIR] [--node node]
                             [--python /usr/bin/python3] [--only wycheproof|tokens|server]"""
import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(ok, what, detail=""):
    print(("ok    " if ok else "FAIL  ") + what + (f"  [{detail}]" if detail and not ok else ""))
    if not ok:
        failures.append(what)
    return ok


def run(cmd, timeout=120, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)


# ---- 1 and 2: Wycheproof and token producers ---------------------------------------------------

def wycheproof(a):
    r = run([a.verify, "wycheproof", a.wycheproof])
    sys.stdout.write(r.stdout[-4000:])
    check(r.returncode == 0, "wycheproof: every valid case verifies, no invalid one does, none crashes", r.stderr[-500:])


def producers(a, tmp):
    for name, cmd in (("jose", [a.node, os.path.join(HERE, "mint_jose.mjs")]),
                      ("python3-jwt", [a.python, os.path.join(HERE, "mint_pyjwt.py")])):
        minted = run(cmd, cwd=HERE)
        if not check(minted.returncode == 0, f"{name}: tokens minted", minted.stderr[-800:]):
            continue
        path = os.path.join(tmp, f"{name}.json")
        with open(path, "w") as f:
            f.write(minted.stdout)
        r = run([a.verify, "tokens", path])
        sys.stdout.write(r.stdout[-4000:])
        check(r.returncode == 0, f"{name}: valid tokens accepted, attacks refused for the expected reason", r.stderr[-500:])


# ---- 3: oidc-provider -------------------------------------------------------------------------

class Server:
    """server.mjs as a child process; stopped by stop() (SIGTERM, then SIGKILL) in every case."""

    def __init__(self, node, log_path):
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen([node, os.path.join(HERE, "server.mjs")], cwd=HERE, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)
        line = self.proc.stdout.readline() if ready else ""
        if not line.startswith("listening "):
            self.stop()
            raise RuntimeError(f"oidc-provider did not start (see {log_path})")
        self.log_path = log_path
        self.port = int(line.split()[1])
        self.base = f"http://127.0.0.1:{self.port}"

    def reasons(self):
        """The reasons the server logged for refused grants (server.mjs prints them, one a line)."""
        self.log.flush()
        with open(self.log_path) as f:
            return [line.split(" ", 1)[1].strip() for line in f if line.startswith("grant.error ")]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


def vector(a, case):
    r = run([a.driver, "vector"], input=json.dumps(case), timeout=30)
    if r.returncode != 0:
        raise RuntimeError(f"driver failed on {case['op']}: {r.stderr[-300:]}")
    return json.loads(r.stdout)


def send(request, change_body=None):
    """Sends a request the driver built (optionally with body members changed: None removes)."""
    body = dict(request["body"]) if isinstance(request["body"], dict) else request["body"]
    for k, v in (change_body or {}).items():
        if v is None:
            body.pop(k, None)
        else:
            body[k] = v
    if request["content_type"] == "application/x-www-form-urlencoded":
        data = urllib.parse.urlencode(body).encode()
    else:
        data = json.dumps(body).encode()
    req = urllib.request.Request(request["url"], data=data, method=request["method"], headers=request["headers"])
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            status, headers, text = resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as e:
        status, headers, text = e.code, e.headers, e.read().decode()
    return {"status": status, "headers": {k.lower(): v for k, v in headers.items()}, "body": text}


def cli(a, server, *args, env=None):
    cmd = [a.cli, *args, "--base-url", server.base, "--token-encoding", "form", "--timeout", "10"]
    r = run(cmd, timeout=60, env={**os.environ, **(env or {})})
    return r.returncode, r.stdout + r.stderr


APPS = {  # client_id -> (secret, token_auth)
    "public-app": (None, "post"),
    "post-app": ("post-secret-0123456789abcdef", "post"),
    "basic-app": ("basic-secret-0123456789abcdef", "basic"),
}


def client_case(server, client_id, secret=None, auth="post"):
    c = {"domain": f"127.0.0.1:{server.port}", "base_url": server.base, "client_id": client_id, "token_encoding": "form"}
    if secret:
        c["client_secret"] = secret
        c["token_auth"] = auth
    return c


def logins(a, server, tmp):
    """The login tool against oidc-provider: code login, ID token verified, refresh rotated."""
    saved = {}
    for client_id, (secret, auth) in APPS.items():
        env = {"INTEROP_SECRET": secret} if secret else {}
        extra = ["--client-secret-env", "INTEROP_SECRET", "--token-auth", auth] if secret else []
        keys = ["--discover"] if client_id != "post-app" else ["--issuer", server.base + "/", "--jwks-url", server.base + "/jwks"]
        email = f"{client_id}@example.com"
        first = os.path.join(tmp, f"{client_id}-1.json")
        rc, out = cli(a, server, "login", "--client-id", client_id, "--email", email, "--dev-mailbox",
                      "--scope", "openid offline_access email", "--save-tokens", first, *keys, *extra, env=env)
        # The flow verifies the ID token itself (the server's only key is RS256).
        check(rc == 0 and "ok logged in" in out and f"issuer {server.base}/" in out and "signature with the server's key" in out
              and f"the server at {server.base} accepted" in out,
              f"login ({client_id}, {' '.join(keys[:1])}{', ' + auth if secret else ''}): code login, RS256 ID token verified "
              "against the server's JWKS and issuer", out[-1500:])
        second = os.path.join(tmp, f"{client_id}-2.json")
        rc, out = cli(a, server, "refresh", "--client-id", client_id, "--tokens-file", first, "--save-tokens", second,
                      *extra, env=env)
        check(rc == 0 and "the refresh token was rotated" in out, f"refresh ({client_id}): new tokens, refresh token rotated",
              out[-1500:])
        saved[client_id] = [json.load(open(p)) if os.path.exists(p) else {} for p in (first, second)]
    rc, out = run([a.cli, "login", "--help"]).returncode, ""
    check(rc == 0, "login --help answers")
    return saved


def driver_knows_grant(a):
    """True when the driver's parse_token reads "grant" (DRIVER.md Additions; PROTOCOL.md 9.1)."""
    r = vector(a, {"op": "parse_token", "now": int(time.time()), "grant": "refresh",
                   "response": {"status": 400, "headers": {"content-type": "application/json"},
                                "body": '{"error":"invalid_grant","error_description":"grant request is invalid"}'}})
    return not r["ok"] and r["error"]["kind"] == "invalid_refresh_token"


def errors(a, server, saved):
    """Every error oidc-provider gives, classified by the library with the expected kind and action."""
    now = int(time.time())
    by_grant = driver_knows_grant(a)
    if not by_grant:
        print("note  this driver's parse_token does not read \"grant\" yet (DRIVER.md Additions): the invalid_grant rows "
              "check the server's answer and report the library's kind as pending")

    def token_request(client, params):
        r = vector(a, {"op": "build_token", "client": client, "params": params})
        assert r["ok"], r
        return r["request"]

    def expect(name, request, want_kind, want_action, grant, change=None, needs_grant=False, want_code=None):
        resp = send(request, change)
        case = {"op": "parse_token", "response": resp, "now": now}
        if grant:
            case["grant"] = grant
        got = vector(a, case)
        kind = None if got["ok"] else got["error"]["kind"]
        action = None if got["ok"] else got["error"]["action"]
        code = None if got["ok"] else got["error"]["code"]
        detail = f"HTTP {resp['status']} {resp['body'][:160]} -> {kind}/{action}"
        if needs_grant and not by_grant:
            check(resp["status"] == 400 and code == "invalid_grant",
                  f"error: {name}: the server answers invalid_grant (library kind pending: {kind}/{action})", detail)
            return
        ok = kind == want_kind and action == want_action and (want_code is None or code == want_code)
        check(ok, f"error: {name}: {want_kind}/{want_action}", detail)

    public = client_case(server, "public-app")
    otp = {"grant": "otp", "realm": "email", "username": "bob@example.com", "otp": "000000",
           "scope": "openid offline_access email"}
    start = vector(a, {"op": "build_start", "client": public,
                       "params": {"connection": "email", "email": "bob@example.com", "send": "code"}})
    check(send(start["request"])["status"] == 200, "passwordless/start for bob")
    expect("wrong code", token_request(public, otp), "wrong_code", "retry_code", "otp", needs_grant=True)
    old_rt = saved["public-app"][0].get("refresh_token", "missing")
    expect("reused (rotated) refresh token", token_request(public, {"grant": "refresh", "refresh_token": old_rt}),
           "invalid_refresh_token", "restart", "refresh", needs_grant=True)
    foreign = saved["post-app"][1].get("refresh_token", "missing")
    expect("another client's refresh token", token_request(public, {"grant": "refresh", "refresh_token": foreign}),
           "invalid_refresh_token", "restart", "refresh", needs_grant=True)
    expect("bad secret in the body (client_secret_post)",
           token_request(client_case(server, "post-app", "wrong-secret", "post"), otp), "invalid_client", "fix_config", "otp",
           want_code="invalid_client")
    expect("bad secret by HTTP Basic (client_secret_basic)",
           token_request(client_case(server, "basic-app", "wrong-secret", "basic"), otp), "invalid_client", "fix_config", "otp",
           want_code="invalid_client")
    expect("unsupported grant type", token_request(public, otp), "invalid_request", "fix_config", None,
           change={"grant_type": "urn:example:no-such-grant"}, want_code="unsupported_grant_type")
    expect("missing grant_type", token_request(public, otp), "invalid_request", "fix_config", None,
           change={"grant_type": None}, want_code="invalid_request")
    expect("missing otp", token_request(public, otp), "invalid_request", "fix_config", "otp", change={"otp": None},
           want_code="invalid_request")
    expect("invalid scope (OTP grant)", token_request(public, {**otp, "scope": "openid admin"}), "invalid_request", "fix_config",
           "otp", want_code="invalid_scope")
    current = saved["basic-app"][1].get("refresh_token", "missing")
    expect("scope the refresh token never had", token_request(client_case(server, "basic-app", *APPS["basic-app"]),
                                                              {"grant": "refresh", "refresh_token": current, "scope": "openid admin"}),
           "invalid_request", "fix_config", "refresh", want_code="invalid_scope")
    # RFC 6749 5.2 names this unauthorized_client; oidc-provider 8 answers invalid_request ("requested grant type is
    # not allowed for this client"), which the library reads as the code says: invalid_request, fix_config.
    expect("grant not allowed for the client", token_request(client_case(server, "refresh-only-app"), otp), "invalid_request",
           "fix_config", "otp", want_code="invalid_request")


def http(method, url, headers):
    req = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            status, hdrs, text = resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as e:
        status, hdrs, text = e.code, e.headers, e.read().decode()
    return {"status": status, "headers": {k.lower(): v for k, v in hdrs.items()}, "body": text}


def resource_step(a, tmp, key_file, url, token, response=None):
    """passwordless-interop-verify resource: the headers for GET url (after reading `response`)."""
    case = {"key_file": key_file, "method": "GET", "url": url, "access_token": token, "now": int(time.time())}
    if response is not None:
        case["response"] = response
    path = os.path.join(tmp, "resource-case.json")
    with open(path, "w") as f:
        json.dump(case, f)
    r = run([a.verify, "resource", path], timeout=30)
    if r.returncode != 0:
        raise RuntimeError(f"passwordless-interop-verify resource failed: {r.stderr[-300:]}")
    return json.loads(r.stdout)


def dpop(a, server, tmp):
    """DPoP against oidc-provider: bound login, refresh with the right key only, a bound /userinfo call."""
    key, other = os.path.join(tmp, "dpop-key.pem"), os.path.join(tmp, "dpop-other.pem")
    first, second = os.path.join(tmp, "dpop-1.json"), os.path.join(tmp, "dpop-2.json")
    before = len(server.reasons())
    rc, out = cli(a, server, "login", "--client-id", "public-app", "--email", "dpop@example.com", "--dev-mailbox",
                  "--scope", "openid offline_access email", "--save-tokens", first, "--discover", "--dpop-key", key)
    posts = [line for line in out.splitlines() if line.startswith(f"-> POST {server.base}/oauth/token")]
    saved = json.load(open(first)) if os.path.exists(first) else {}
    why = server.reasons()[before:]
    check(rc == 0 and "ok logged in" in out and "access token (DPoP" in out and saved.get("token_type") == "DPoP"
          and len(posts) == 2 and posts[0].endswith("with a DPoP proof)") and posts[1].endswith("and the server's nonce)")
          and why == ["nonce is required in the DPoP proof"],
          "DPoP login (public-app, --dpop-key): use_dpop_nonce answered once by the flow, token_type DPoP", f"{why} {out[-1500:]}")
    env = {"INTEROP_SECRET": APPS["post-app"][0]}
    rc, out = cli(a, server, "login", "--client-id", "post-app", "--email", "dpop-post@example.com", "--dev-mailbox",
                  "--scope", "openid email", "--discover", "--dpop", "--client-secret-env", "INTEROP_SECRET",
                  "--token-auth", "post", env=env)
    posts = [line for line in out.splitlines() if line.startswith(f"-> POST {server.base}/oauth/token")]
    check(rc == 0 and "access token (DPoP" in out and len(posts) == 1,
          "DPoP login (post-app, --dpop, ephemeral key): no nonce asked of a confidential client, token_type DPoP", out[-1500:])

    # Refresh: the refresh token is bound to the key (oidc-provider checks jkt before rotating it).
    rc, out = cli(a, server, "refresh", "--client-id", "public-app", "--tokens-file", first, "--dpop-key", other)
    why = server.reasons()[-1:]
    check(rc != 0 and "invalid_refresh_token" in out and "next: restart" in out and why == ["failed jkt verification"],
          "DPoP refresh with another key: refused by the server (failed jkt verification), invalid_refresh_token/restart",
          f"{why} {out[-1500:]}")
    rt = saved.get("refresh_token", "missing")
    request = vector(a, {"op": "build_token", "client": client_case(server, "public-app"),
                         "params": {"grant": "refresh", "refresh_token": rt}})["request"]
    resp = send(request)
    got = vector(a, {"op": "parse_token", "response": resp, "now": int(time.time()), "grant": "refresh"})
    kind = None if got["ok"] else (got["error"]["kind"], got["error"]["action"])
    why = server.reasons()[-1:]
    check(resp["status"] == 400 and why == ["failed jkt verification"] and kind == ("invalid_refresh_token", "restart"),
          "DPoP refresh without a proof (driver): refused by the server (failed jkt verification), invalid_refresh_token/restart",
          f"HTTP {resp['status']} {resp['body'][:160]} {why} -> {kind}")
    rc, out = cli(a, server, "refresh", "--client-id", "public-app", "--tokens-file", first)
    check(rc != 0 and "invalid_argument" in out and "-> POST" not in out,
          "DPoP refresh without the key (login tool): refused locally, nothing sent", out[-1500:])
    rc, out = cli(a, server, "refresh", "--client-id", "public-app", "--tokens-file", first, "--dpop-key", key,
                  "--save-tokens", second)
    refreshed = json.load(open(second)) if os.path.exists(second) else {}
    check(rc == 0 and "the refresh token was rotated" in out and "access token (DPoP" in out
          and refreshed.get("token_type") == "DPoP",
          "DPoP refresh with the same key: accepted, rotated, token_type DPoP", out[-1500:])

    # GET /userinfo with the resource helper: 401 use_dpop_nonce, read and answered once, then 200.
    token, me = refreshed.get("access_token", "missing"), f"{server.base}/userinfo"
    step = resource_step(a, tmp, key, me, token)
    first_try = http("GET", me, step["headers"])
    challenge = first_try["headers"].get("www-authenticate", "")
    check(first_try["status"] == 401 and 'error="use_dpop_nonce"' in challenge and "dpop-nonce" in first_try["headers"]
          and step["headers"].get("authorization", "").startswith("DPoP "),
          "userinfo with Authorization: DPoP and a proof with ath, no nonce: 401 WWW-Authenticate DPoP use_dpop_nonce",
          f"HTTP {first_try['status']} {challenge} {first_try['body'][:160]}")
    step = resource_step(a, tmp, key, me, token, first_try)
    check(step["challenge"] and step["challenge"]["error"] == "use_dpop_nonce" and step["kind"] == "dpop_nonce_required"
          and step["nonce"] == first_try["headers"].get("dpop-nonce"),
          "the library reads the challenge: dpop_nonce_required with the server's DPoP-Nonce", json.dumps(step)[:400])
    again = http("GET", me, step["headers"])
    body = json.loads(again["body"]) if again["status"] == 200 else {}
    check(again["status"] == 200 and body.get("email") == "dpop@example.com" and body.get("sub", "").startswith("email|"),
          "userinfo retried once with the nonce: 200, the user's claims", f"HTTP {again['status']} {again['body'][:200]}")
    bearer = http("GET", me, {"Authorization": f"Bearer {token}"})
    check(bearer["status"] == 401, "the DPoP-bound access token as a Bearer token: refused (401)",
          f"HTTP {bearer['status']} {bearer['body'][:160]}")


def userinfo_step(a, tmp, server, token, token_type="DPoP", key_file=None, response=None, nonce=None):
    """passwordless-interop-verify userinfo: reads `response` (parse_userinfo_response and the
    challenge), then builds the next /userinfo request (build_userinfo_request, real DPoP proof)."""
    case = {"base_url": server.base, "client_id": "public-app", "access_token": token, "token_type": token_type,
            "now": int(time.time())}
    if key_file:
        case["key_file"] = key_file
    if response is not None:
        case["response"] = response
    if nonce:
        case["nonce"] = nonce
    path = os.path.join(tmp, "userinfo-case.json")
    with open(path, "w") as f:
        json.dump(case, f)
    r = run([a.verify, "userinfo", path], timeout=30)
    if r.returncode != 0:
        raise RuntimeError(f"passwordless-interop-verify userinfo failed: {r.stderr[-300:]}")
    return json.loads(r.stdout)


def session(a, server, tmp):
    """The session calls against oidc-provider: revocation, userinfo (Bearer and DPoP) and the
    server's real 401/403 challenges read by classify_resource_error."""
    now = int(time.time())
    config = json.loads(http("GET", f"{server.base}/.well-known/openid-configuration", {})["body"])
    check(config.get("userinfo_endpoint") == f"{server.base}/userinfo" and config.get("revocation_endpoint") == f"{server.base}/oauth/revoke",
          "discovery advertises the paths the library builds: {base}/userinfo and {base}/oauth/revoke",
          f"{config.get('userinfo_endpoint')} {config.get('revocation_endpoint')}")

    def fresh_login(client_id, email, *extra, scope="openid offline_access email", env=None):
        path = os.path.join(tmp, f"session-{email}.json")
        rc, out = cli(a, server, "login", "--client-id", client_id, "--email", email, "--dev-mailbox", "--scope", scope,
                      "--save-tokens", path, "--discover", *extra, env=env)
        if not check(rc == 0 and os.path.exists(path), f"login {email} for the session checks", out[-1500:]):
            return path, {}
        return path, json.load(open(path))

    def classify(resp, op):
        got = vector(a, {"op": op, "response": resp, "now": now})
        return (None, None) if got["ok"] else (got["error"]["kind"], got["error"]["action"])

    # Revocation with the library's request (driver build_revoke, form-encoded): the refresh grant and
    # the grant's access token then fail.
    _, toks = fresh_login("public-app", "revoke@example.com")
    rt, at = toks.get("refresh_token", "missing"), toks.get("access_token", "missing")
    req = vector(a, {"op": "build_revoke", "client": client_case(server, "public-app"), "params": {"refresh_token": rt}})["request"]
    resp = send(req)
    got = vector(a, {"op": "parse_revoke", "response": resp, "now": now})
    check(req["url"] == f"{server.base}/oauth/revoke" and resp["status"] == 200 and got["ok"],
          "revoke (public-app, driver's build_revoke): 200, parse_revoke ok", f"HTTP {resp['status']} {resp['body'][:160]} {got}")
    refresh = vector(a, {"op": "build_token", "client": client_case(server, "public-app"),
                         "params": {"grant": "refresh", "refresh_token": rt}})["request"]
    resp = send(refresh)
    got = vector(a, {"op": "parse_token", "response": resp, "now": now, "grant": "refresh"})
    kind = None if got["ok"] else (got["error"]["kind"], got["error"]["action"])
    why = server.reasons()[-1:]
    check(resp["status"] == 400 and kind == ("invalid_refresh_token", "restart"),
          "refresh after revocation: refused by the server, invalid_refresh_token/restart", f"HTTP {resp['status']} {resp['body'][:160]} {why} -> {kind}")
    resp = http("GET", f"{server.base}/userinfo", {"Authorization": f"Bearer {at}"})
    kind = classify(resp, "parse_userinfo")
    check(resp["status"] == 401 and 'error="invalid_token"' in resp["headers"].get("www-authenticate", "")
          and kind == ("invalid_access_token", "refresh"),
          "userinfo with the revoked grant's access token: 401 Bearer invalid_token, invalid_access_token/refresh",
          f"HTTP {resp['status']} {resp['headers'].get('www-authenticate')} -> {kind}")

    # Confidential revocation (client_secret_basic), a wrong secret, another client's token.
    env = {"INTEROP_SECRET": APPS["basic-app"][0]}
    _, basic = fresh_login("basic-app", "revoke-basic@example.com", "--client-secret-env", "INTEROP_SECRET", "--token-auth", "basic",
                           env=env)
    brt = basic.get("refresh_token", "missing")
    wrong = vector(a, {"op": "build_revoke", "client": client_case(server, "basic-app", "wrong-secret", "basic"),
                       "params": {"refresh_token": brt}})["request"]
    resp = send(wrong)
    kind = classify(resp, "parse_revoke")
    check(resp["status"] == 401 and kind == ("invalid_client", "fix_config"),
          "revoke with a wrong secret (HTTP Basic): 401, invalid_client/fix_config", f"HTTP {resp['status']} {resp['body'][:160]} -> {kind}")
    foreign = vector(a, {"op": "build_revoke", "client": client_case(server, "public-app"), "params": {"refresh_token": brt}})["request"]
    resp = send(foreign)
    kind = classify(resp, "parse_revoke")
    check(resp["status"] == 400 and "does not belong to you" in resp["body"] and kind == ("invalid_request", "fix_config"),
          "revoke another client's refresh token: 400 invalid_request, invalid_request/fix_config",
          f"HTTP {resp['status']} {resp['body'][:160]} -> {kind}")
    right = vector(a, {"op": "build_revoke", "client": client_case(server, "basic-app", *APPS["basic-app"]),
                       "params": {"refresh_token": brt}})["request"]
    resp = send(right)
    check(resp["status"] == 200 and vector(a, {"op": "parse_revoke", "response": resp, "now": now})["ok"],
          "revoke (basic-app, client_secret_basic): 200", f"HTTP {resp['status']} {resp['body'][:160]}")

    # The login tool: userinfo (Bearer), logout (revocation + the /v2/logout URL), then refresh fails.
    path, toks = fresh_login("public-app", "session@example.com")
    rc, out = cli(a, server, "userinfo", "--client-id", "public-app", "--tokens-file", path)
    check(rc == 0 and f"-> GET {server.base}/userinfo (Bearer access token)" in out and "session@example.com" in out
          and toks.get("access_token", "-") not in out,
          "passwordless-cli userinfo (Bearer): 200, the user's claims", out[-1500:])
    rc, out = cli(a, server, "logout", "--client-id", "public-app", "--tokens-file", path, "--return-to", "http://127.0.0.1/bye")
    check(rc == 0 and f"-> POST {server.base}/oauth/revoke" in out and "ok refresh token revoked" in out
          and f"{server.base}/v2/logout?client_id=public-app&returnTo=http%3A%2F%2F127.0.0.1%2Fbye" in out,
          "passwordless-cli logout: refresh token revoked, the logout URL printed", out[-1500:])
    rc, out = cli(a, server, "refresh", "--client-id", "public-app", "--tokens-file", path)
    check(rc != 0 and "invalid_refresh_token" in out, "refresh after passwordless-cli logout: invalid_refresh_token", out[-1500:])
    rc, out = cli(a, server, "userinfo", "--client-id", "public-app", "--tokens-file", path)
    check(rc != 0 and "invalid_access_token" in out and "next: refresh" in out and "HTTP status: 401" in out,
          "passwordless-cli userinfo after logout (grant revoked): invalid_access_token, next refresh", out[-1500:])

    # The login tool with a DPoP-bound token: the nonce oidc-provider demands at userinfo is answered once.
    key = os.path.join(tmp, "session-dpop.pem")
    path, dtoks = fresh_login("public-app", "session-dpop@example.com", "--dpop-key", key)
    rc, out = cli(a, server, "userinfo", "--client-id", "public-app", "--tokens-file", path, "--dpop-key", key)
    gets = [line for line in out.splitlines() if line.startswith("-> GET")]
    check(rc == 0 and "session-dpop@example.com" in out and gets and all("DPoP-bound access token, with a DPoP proof" in g for g in gets)
          and len(gets) <= 2,
          "passwordless-cli userinfo (DPoP, proof with ath): the server's nonce answered at most once, the user's claims", out[-1500:])

    # The library's own DPoP request (build_userinfo_request, OpenSSL signer): no nonce, then the
    # server's nonce, read from its 401 by parse_userinfo_response.
    dat = dtoks.get("access_token", "missing")
    step = userinfo_step(a, tmp, server, dat, key_file=key)
    resp = http("GET", step["request"]["url"], step["request"]["headers"])
    step = userinfo_step(a, tmp, server, dat, key_file=key, response=resp)
    res = step["result"]
    check(step["request"]["url"] == f"{server.base}/userinfo" and resp["status"] == 401 and not res["ok"]
          and (res["kind"], res["action"]) == ("dpop_nonce_required", "retry") and res["dpop_nonce"] == resp["headers"].get("dpop-nonce")
          and step["challenge"] and step["challenge"]["scheme"] == "DPoP",
          "build_userinfo_request (DPoP, ath) without a nonce: 401 DPoP use_dpop_nonce, dpop_nonce_required/retry with its nonce",
          f"HTTP {resp['status']} {resp['headers'].get('www-authenticate')} -> {json.dumps(res)[:300]}")
    res_nonce = res["dpop_nonce"]
    resp = http("GET", step["request"]["url"], step["request"]["headers"])
    step2 = userinfo_step(a, tmp, server, dat, key_file=key, response=resp)
    res = step2["result"]
    check(resp["status"] == 200 and res["ok"] and res["claims"].get("email") == "session-dpop@example.com",
          "build_userinfo_request (DPoP) with the nonce: 200, parse_userinfo_response reads the claims",
          f"HTTP {resp['status']} {resp['body'][:200]} -> {json.dumps(res)[:300]}")

    # oidc-provider's real challenges through the library (parse_userinfo / parse_resource_error).
    def challenge(name, resp, want_status, want_scheme, want_error, want_kind, want_action):
        header = resp["headers"].get("www-authenticate", "")
        via_userinfo = classify(resp, "parse_userinfo")
        via_resource = classify(resp, "parse_resource_error")
        check(resp["status"] == want_status and header.startswith(want_scheme + " ") and f'error="{want_error}"' in header
              and via_userinfo == (want_kind, want_action) and via_resource == (want_kind, want_action),
              f"challenge: {name}: HTTP {want_status} {want_scheme} {want_error} -> {want_kind}/{want_action}",
              f"HTTP {resp['status']} {header} {resp['body'][:120]} -> {via_userinfo} {via_resource}")

    garbage = vector(a, {"op": "build_userinfo", "client": client_case(server, "public-app"),
                         "params": {"access_token": "garbage-0123456789abcdef"}})["request"]
    challenge("garbage (or expired: oidc-provider finds neither) Bearer token", http("GET", garbage["url"], garbage["headers"]),
              401, "Bearer", "invalid_token", "invalid_access_token", "refresh")
    as_bearer = vector(a, {"op": "build_userinfo", "client": client_case(server, "public-app"),
                           "params": {"access_token": dat, "token_type": "Bearer"}})["request"]
    challenge("DPoP-bound token sent as Bearer", http("GET", as_bearer["url"], as_bearer["headers"]),
              401, "DPoP", "invalid_token", "invalid_access_token", "refresh")
    # A proof made for another token (otherwise valid: the key, the server's nonce): its ath does not
    # match the token sent.
    other = userinfo_step(a, tmp, server, "another-token-0123456789", key_file=key, nonce=res_nonce)
    headers = dict(step2["request"]["headers"])
    headers["dpop"] = other["request"]["headers"]["dpop"]
    challenge("DPoP proof whose ath is another token's", http("GET", f"{server.base}/userinfo", headers),
              401, "DPoP", "invalid_dpop_proof", "invalid_dpop_proof", "fix_config")
    _, noopenid = fresh_login("public-app", "no-openid@example.com", scope="email")
    scoped = vector(a, {"op": "build_userinfo", "client": client_case(server, "public-app"),
                        "params": {"access_token": noopenid.get("access_token", "missing")}})["request"]
    resp = http("GET", scoped["url"], scoped["headers"])
    challenge("access token without the openid scope", resp, 403, "Bearer", "insufficient_scope", "insufficient_scope", "fix_config")
    check('scope="openid"' in resp["headers"].get("www-authenticate", ""), "insufficient_scope names the scope wanted (openid)",
          resp["headers"].get("www-authenticate", ""))


def server_suite(a, tmp):
    try:
        server = Server(a.node, os.path.join(tmp, "oidc-provider.log"))
    except RuntimeError as e:
        check(False, "oidc-provider started on 127.0.0.1", str(e))
        return
    try:
        print(f"oidc-provider listening on {server.base}")
        saved = logins(a, server, tmp)
        errors(a, server, saved)
        dpop(a, server, tmp)
        session(a, server, tmp)
    finally:
        server.stop()
        check(server.proc.poll() is not None, "oidc-provider stopped")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cli", required=True, help="passwordless-cli built with login (libcurl, OpenSSL)")
    p.add_argument("--driver", required=True, help="passwordless-driver (or passwordless-cli): the conformance driver")
    p.add_argument("--verify", required=True, help="passwordless-interop-verify")
    p.add_argument("--wycheproof", default=os.path.join(HERE, "..", "..", "..", "shared", "interop", "wycheproof"))
    p.add_argument("--node", default="node")
    p.add_argument("--python", default="/usr/bin/python3", help="a Python with Debian's python3-jwt and python3-cryptography")
    p.add_argument("--only", choices=["wycheproof", "tokens", "server"])
    a = p.parse_args()
    start = time.time()
    for program in (a.cli, a.driver, a.verify):
        if not os.access(program, os.X_OK):
            sys.exit(f"interop: {program} is not an executable")
    with tempfile.TemporaryDirectory(prefix="passwordless-interop.") as tmp:
        if a.only in (None, "wycheproof"):
            wycheproof(a)
        if a.only in (None, "tokens"):
            producers(a, tmp)
        if a.only in (None, "server"):
            server_suite(a, tmp)
    print(f"interop: {len(failures)} failure(s) in {time.time() - start:.1f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
