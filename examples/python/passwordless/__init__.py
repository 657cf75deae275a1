"""passwordless: a Python SDK for Auth0 passwordless login over the C ABI of the passwordless core
(libpasswordless, include/passwordless.h), with ctypes from the standard library only.

    client = Client(domain="example.auth0.com", client_id="abc123")
    login = Login(client, scope="openid email", verify_id_token=True, verifier=my_verifier, keys=keys)
    step = login.start("email", email="alice@example.com", send="code")
    while step.next in ("send_request", "ask_for_code"):
        if step.request:
            step = login.on_response(*http_send(step.request))
        else:
            step = login.submit_code(ask_user_for_code(step.error))
    if step.next != "done":
        raise step.error                      # a PasswordlessError: kind, action, retry_at, ...
    keep(step.tokens["access_token"], step.claims.get("email"))

The SDK does no I/O: http_send is yours (it returns status, headers, body), and every call takes
`now` (Unix seconds; default: time.time()). Handles are released when the objects are collected,
or at once with close().
"""
import ctypes
import json
import os
import threading
import time
from ctypes import byref, c_bool, c_int64, c_void_p

from . import _ffi

__all__ = ["PasswordlessError", "Request", "Step", "Client", "KeySet", "DpopKey", "Login", "Refresh", "parse_callback",
           "resource_challenges", "resource_error", "jwk_thumbprint", "library"]

_C = _ffi.CONSTANTS
_lib = None
_lib_lock = threading.Lock()


def library():
    """The loaded libpasswordless (loaded on first use; see _ffi.load)."""
    global _lib
    with _lib_lock:
        if _lib is None:
            _lib = _ffi.load()
        return _lib


def _now(now):
    return int(time.time()) if now is None else int(now)


def _text(value):
    """A passwordless_str for a Python str (or None: absent). The bytes object is returned too,
    so it lives until the call returns (the library copies it)."""
    if value is None:
        return _ffi.Str(None, 0), None
    data = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    buf = ctypes.create_string_buffer(data, len(data))
    return _ffi.Str(ctypes.cast(buf, c_void_p), len(data)), buf


def _bytes(value):
    data = value.encode("utf-8") if isinstance(value, str) else bytes(value or b"")
    buf = ctypes.create_string_buffer(data, len(data))
    return _ffi.Bytes(ctypes.cast(buf, c_void_p), len(data)), buf


def _read(view):
    return ctypes.string_at(view.ptr, view.len) if view.len else b""


class PasswordlessError(Exception):
    """A failure as the core reports it: kind ("wrong_code", "rate_limited", ...), action
    ("retry_code", "wait", ...), HTTP status, retry_at (Unix seconds), rate_limit
    (limit, remaining, reset_at), and the server's code and description."""

    def __init__(self, kind, action, description="", status=None, retry_at=None, rate_limit=None, code=None,
                 field=None, reason=None, mfa_token=None, dpop_nonce=None):
        super().__init__(f"{kind}: {description}" if description else kind)
        self.kind, self.action, self.description = kind, action, description
        self.status, self.retry_at, self.rate_limit = status, retry_at, rate_limit
        self.code, self.field, self.reason, self.mfa_token = code, field, reason, mfa_token
        self.dpop_nonce = dpop_nonce

    @classmethod
    def _from_handle(cls, err):
        lib = library()
        kind = lib.passwordless_error_kind(err)
        action = lib.passwordless_error_action(err)
        fields = {}
        for name in ("code", "description", "field", "reason", "mfa_token", "dpop_nonce"):
            view = _ffi.Str()
            if lib.passwordless_error_field(err, _C["ERRF_" + name.upper()], byref(view)) == _C["OK"]:
                fields[name] = _read(view).decode("utf-8", "replace")
        retry = c_int64()
        retry_at = retry.value if lib.passwordless_error_retry_at(err, byref(retry)) == _C["OK"] else None
        limit, remaining, reset = c_int64(), c_int64(), c_int64()
        rate = None
        if lib.passwordless_error_rate_limit(err, byref(limit), byref(remaining), byref(reset)) == _C["OK"]:
            rate = tuple(None if v.value < 0 else v.value for v in (limit, remaining, reset))
        status = lib.passwordless_error_status(err)
        return cls(lib.passwordless_status_str(kind).decode(), lib.passwordless_action_str(action).decode(),
                   fields.pop("description", ""), status or None, retry_at, rate, **fields)

    @classmethod
    def _check(cls, status, err=None):
        """Raises for a non-OK status (freeing the error object)."""
        lib = library()
        try:
            if status == _C["OK"]:
                return
            if err is not None and err.value:
                raise cls._from_handle(err)
            raise cls(lib.passwordless_status_str(status).decode(), "none", "the C ABI refused the call")
        finally:
            if err is not None and err.value:
                lib.passwordless_error_free(err)
                err.value = None


class _Handle:
    """Owns one library handle and frees it with its own free function."""

    _free = None

    def __init__(self, ptr):
        self._ptr = ptr

    def close(self):
        if getattr(self, "_ptr", None):
            getattr(library(), "passwordless_" + self._free)(self._ptr)
            self._ptr = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass


class Request:
    """A request to send: method, url, headers (a list of (name, value)), body (bytes)."""

    def __init__(self, method, url, headers, body):
        self.method, self.url, self.headers, self.body = method, url, headers, body

    @classmethod
    def _from_handle(cls, req):
        lib = library()
        method, url, body = _ffi.Str(), _ffi.Str(), _ffi.Bytes()
        _raise_if(lib.passwordless_request_method(req, byref(method)))
        _raise_if(lib.passwordless_request_url(req, byref(url)))
        _raise_if(lib.passwordless_request_body(req, byref(body)))
        headers = []
        for i in range(lib.passwordless_request_header_count(req)):
            name, value = _ffi.Str(), _ffi.Str()
            _raise_if(lib.passwordless_request_header_at(req, i, byref(name), byref(value)))
            headers.append((_read(name).decode(), _read(value).decode()))
        return cls(_read(method).decode(), _read(url).decode(), headers, _read(body))

    def __repr__(self):
        return f"Request({self.method} {self.url})"


def _raise_if(status):
    PasswordlessError._check(status)


def _response(status, headers, body):
    """A passwordless_response handle for (status, headers, body); the caller frees it."""
    lib = library()
    resp = c_void_p()
    _raise_if(lib.passwordless_response_new(int(status), byref(resp)))
    try:
        for name, value in headers or []:
            n, nb = _bytes(name)
            v, vb = _bytes(value)
            _raise_if(lib.passwordless_response_add_header(resp, n, v))
        b, bb = _bytes(body)
        _raise_if(lib.passwordless_response_set_body(resp, b))
    except BaseException:
        lib.passwordless_response_free(resp)
        raise
    return resp


def _tokens(handle):
    lib = library()
    out = {}
    for name in ("access_token", "token_type", "refresh_token", "id_token", "scope", "recovery_code"):
        view = _ffi.Str()
        if lib.passwordless_tokens_str(handle, _C["TOKF_" + name.upper()], byref(view)) == _C["OK"]:
            out[name] = _read(view).decode()
    for name in ("expires_in", "expires_at"):
        value = c_int64()
        if lib.passwordless_tokens_int(handle, _C["TOKF_" + name.upper()], byref(value)) == _C["OK"]:
            out[name] = value.value
    return out


def _authenticators(handle):
    """The authenticators of a list handle, as dicts (id, authenticator_type and, when sent,
    oob_channel, name, type, active)."""
    lib = library()
    out = []
    fields = (("id", "AUTHF_ID"), ("authenticator_type", "AUTHF_TYPE"), ("oob_channel", "AUTHF_OOB_CHANNEL"),
              ("name", "AUTHF_NAME"), ("type", "AUTHF_KIND"))
    for i in range(max(lib.passwordless_authenticators_count(handle), 0)):
        entry = {}
        for name, field in fields:
            view = _ffi.Str()
            if lib.passwordless_authenticators_str(handle, i, _C[field], byref(view)) == _C["OK"]:
                entry[name] = _read(view).decode()
        active = ctypes.c_bool()
        if lib.passwordless_authenticators_active(handle, i, byref(active)) == _C["OK"]:
            entry["active"] = active.value
        out.append(entry)
    return out


class Step:
    """What one call of a Login produced: state, next ("send_request", "ask_for_code",
    "request_new_code", "wait_until", "start_over", "done", "stop", "none"), event
    ("code_sent", "link_sent", "authenticated", "mfa_required" or None), request, error (a
    PasswordlessError, not raised), tokens and claims (dicts) when done (tokens["recovery_code"]:
    a new recovery code to show once), authenticators (a list of dicts) with mfa_required, and the
    times resend_after, code_expires_at, next_deadline and poll_at (MFA push: poll from then).
    With mfa=True, next is also "choose_authenticator", "ask_for_mfa_code" or "poll"."""

    def __init__(self, step):
        lib = library()
        self.state = lib.passwordless_state_str(lib.passwordless_step_state(step)).decode()
        self.next = lib.passwordless_next_str(lib.passwordless_step_next(step)).decode()
        event = lib.passwordless_step_event(step)
        self.event = {_C["EVENT_CODE_SENT"]: "code_sent", _C["EVENT_LINK_SENT"]: "link_sent",
                      _C["EVENT_AUTHENTICATED"]: "authenticated", _C["EVENT_MFA_REQUIRED"]: "mfa_required"}.get(event)
        part = c_void_p()
        self.request = Request._from_handle(part) if lib.passwordless_step_request(step, byref(part)) == _C["OK"] else None
        self.error = PasswordlessError._from_handle(part) if lib.passwordless_step_error(step, byref(part)) == _C["OK"] else None
        self.tokens = _tokens(part) if lib.passwordless_step_tokens(step, byref(part)) == _C["OK"] else None
        self.claims = None
        if lib.passwordless_step_claims(step, byref(part)) == _C["OK"]:
            view = _ffi.Str()
            _raise_if(lib.passwordless_claims_json(part, byref(view)))
            self.claims = json.loads(_read(view))
        self.authenticators = _authenticators(part) if lib.passwordless_step_authenticators(step, byref(part)) == _C["OK"] else None
        for name in ("resend_after", "code_expires_at", "next_deadline", "poll_at"):
            value = c_int64()
            ok = lib.passwordless_step_time(step, _C["STEPT_" + name.upper()], byref(value)) == _C["OK"]
            setattr(self, name, value.value if ok else None)

    def __repr__(self):
        return f"Step(state={self.state}, next={self.next}, event={self.event}, error={self.error!r})"


class Client(_Handle):
    """A validated client configuration (raises PasswordlessError naming the bad field)."""

    _free = "client_free"
    _STR = {"domain": "CLIENT_DOMAIN", "base_url": "CLIENT_BASE_URL", "client_id": "CLIENT_ID",
            "client_secret": "CLIENT_SECRET", "client_assertion": "CLIENT_ASSERTION",
            "telemetry_name": "CLIENT_TELEMETRY_NAME", "telemetry_version": "CLIENT_TELEMETRY_VERSION"}
    _INT = {"token_auth_basic": "CLIENT_TOKEN_AUTH_BASIC", "token_form": "CLIENT_TOKEN_FORM",
            "max_body_bytes": "CLIENT_MAX_BODY_BYTES", "max_json_depth": "CLIENT_MAX_JSON_DEPTH",
            "max_token_bytes": "CLIENT_MAX_TOKEN_BYTES", "max_input_bytes": "CLIENT_MAX_INPUT_BYTES"}

    def __init__(self, **options):
        lib = library()
        opts = c_void_p()
        _raise_if(lib.passwordless_client_options_new(byref(opts)))
        try:
            for name, value in options.items():
                if value is None:
                    continue
                if name in self._STR:
                    s, keep = _text(value)
                    _raise_if(lib.passwordless_client_options_set_str(opts, _C[self._STR[name]], s))
                elif name in self._INT:
                    _raise_if(lib.passwordless_client_options_set_int(opts, _C[self._INT[name]], int(value)))
                else:
                    raise TypeError(f"unknown client option {name}")
            ptr, err = c_void_p(), c_void_p()
            PasswordlessError._check(lib.passwordless_client_new(opts, byref(ptr), byref(err)), err)
        finally:
            lib.passwordless_client_options_free(opts)
        super().__init__(ptr)

    @property
    def expected_issuer(self):
        view = _ffi.Str()
        _raise_if(library().passwordless_client_expected_issuer(self._ptr, byref(view)))
        return _read(view).decode()

    def refresh_request(self, refresh_token, scope=None, audience=None):
        """The refresh grant as a Request."""
        lib = library()
        t, k1 = _text(refresh_token)
        s, k2 = _text(scope)
        a, k3 = _text(audience)
        req, err = c_void_p(), c_void_p()
        PasswordlessError._check(lib.passwordless_client_refresh_request(self._ptr, t, s, a, byref(req), byref(err)), err)
        try:
            return Request._from_handle(req)
        finally:
            lib.passwordless_request_free(req)

    def _tokens_of(self, call, status, headers, body, now):
        lib = library()
        resp = _response(status, headers, body)
        try:
            tokens, err = c_void_p(), c_void_p()
            PasswordlessError._check(getattr(lib, call)(self._ptr, resp, _now(now), byref(tokens), byref(err)), err)
            try:
                return _tokens(tokens)
            finally:
                lib.passwordless_tokens_free(tokens)
        finally:
            lib.passwordless_response_free(resp)

    def token_response(self, status, headers, body, now=None):
        """The tokens of a token response (a dict), or raises the classified PasswordlessError."""
        return self._tokens_of("passwordless_client_token_response", status, headers, body, now)

    def refresh(self, refresh_token, token_type="Bearer", dpop=None, scope=None, audience=None, require_binding=False,
                nonce=None):
        """A Refresh of tokens of this token_type; DPoP-bound tokens ("DPoP") need their DpopKey
        (without it this raises invalid_argument, field dpop, before anything is sent)."""
        return Refresh(self, refresh_token, token_type, dpop, scope, audience, require_binding, nonce)

    def code_request(self, code, redirect_uri, code_verifier=None):
        """The authorization-code grant for a magic link's code (see parse_callback) as a Request."""
        lib = library()
        c, k1 = _text(code)
        u, k2 = _text(redirect_uri)
        v, k3 = _text(code_verifier)
        req, err = c_void_p(), c_void_p()
        PasswordlessError._check(lib.passwordless_client_code_request(self._ptr, c, u, v, byref(req), byref(err)), err)
        try:
            return Request._from_handle(req)
        finally:
            lib.passwordless_request_free(req)

    def code_response(self, status, headers, body, now=None):
        """The tokens of the code exchange's answer (a dict), or raises the classified error."""
        return self._tokens_of("passwordless_client_code_response", status, headers, body, now)

    def verify_id_token(self, id_token, verifier=None, keys=None, now=None, **options):
        """Verifies an ID token received outside a login (parse_callback(...)["id_token"]) as a
        Login with the same verifier, keys and options (issuer, nonce, leeway, max_age,
        organization, algorithms, trusted_audiences, dangerous_skip_signature_check) would, and
        returns its claims as a dict. A token that fails a check raises PasswordlessError
        (kind invalid_id_token, reason naming the check); no verifier raises invalid_argument."""
        lib = library()
        opts = Login._options(verifier, keys, None, options)
        try:
            token, keep = _text(id_token)
            claims, err = c_void_p(), c_void_p()
            status = lib.passwordless_verify_id_token(self._ptr, opts, token, _now(now), byref(claims), byref(err))
            PasswordlessError._check(status, err)
        finally:
            lib.passwordless_login_options_free(opts)
        try:
            view = _ffi.Str()
            _raise_if(lib.passwordless_claims_json(claims, byref(view)))
            return json.loads(_read(view))
        finally:
            lib.passwordless_claims_free(claims)

    def revoke_request(self, refresh_token):
        """POST /oauth/revoke for a refresh token, as a Request."""
        lib = library()
        t, keep = _text(refresh_token)
        req, err = c_void_p(), c_void_p()
        PasswordlessError._check(lib.passwordless_client_revoke_request(self._ptr, t, byref(req), byref(err)), err)
        try:
            return Request._from_handle(req)
        finally:
            lib.passwordless_request_free(req)

    def revoke_response(self, status, headers, body, now=None):
        """None for any 2xx answer to the revoke request; raises the classified PasswordlessError otherwise."""
        lib = library()
        resp = _response(status, headers, body)
        try:
            err = c_void_p()
            PasswordlessError._check(lib.passwordless_client_revoke_response(self._ptr, resp, _now(now), byref(err)), err)
        finally:
            lib.passwordless_response_free(resp)

    def userinfo_request(self, access_token, token_type="Bearer", dpop=None, nonce=None, now=None):
        """GET /userinfo as a Request: Bearer, or DPoP with a proof by `dpop` (a DpopKey)."""
        lib = library()
        t, k1 = _text(access_token)
        ty, k2 = _text(token_type)
        n, k3 = _text(nonce)
        req, err = c_void_p(), c_void_p()
        key = dpop._handle() if dpop is not None else None
        try:
            PasswordlessError._check(lib.passwordless_client_userinfo_request(self._ptr, t, ty, key, n, _now(now), byref(req),
                                                                              byref(err)), err)
        finally:
            if key is not None:
                lib.passwordless_dpop_key_free(key)
        try:
            return Request._from_handle(req)
        finally:
            lib.passwordless_request_free(req)

    def userinfo_response(self, status, headers, body, now=None):
        """The claims (a dict with "sub") of a /userinfo answer; raises the PasswordlessError otherwise
        (a 401 is invalid_access_token, action "refresh")."""
        lib = library()
        resp = _response(status, headers, body)
        try:
            claims, err = c_void_p(), c_void_p()
            PasswordlessError._check(lib.passwordless_client_userinfo_response(self._ptr, resp, _now(now), byref(claims),
                                                                               byref(err)), err)
            try:
                view = _ffi.Str()
                _raise_if(lib.passwordless_claims_json(claims, byref(view)))
                return json.loads(_read(view))
            finally:
                lib.passwordless_claims_free(claims)
        finally:
            lib.passwordless_response_free(resp)

    def logout_url(self, return_to=None, federated=False, oidc=False, id_token_hint=None, state=None):
        """The URL to open for logout: /v2/logout (returnTo, federated), or with oidc=True
        /oidc/logout (return_to is post_logout_redirect_uri; id_token_hint, state)."""
        lib = library()
        r, k1 = _text(return_to)
        h, k2 = _text(id_token_hint)
        s, k3 = _text(state)
        kind = _C["LOGOUT_OIDC"] if oidc else _C["LOGOUT_V2"]
        req, err = c_void_p(), c_void_p()
        PasswordlessError._check(lib.passwordless_client_logout_url(self._ptr, kind, r, h, s, 1 if federated else 0, byref(req),
                                                                    byref(err)), err)
        try:
            return Request._from_handle(req).url
        finally:
            lib.passwordless_request_free(req)

    def jwks_request(self):
        lib = library()
        req = c_void_p()
        _raise_if(lib.passwordless_client_jwks_request(self._ptr, byref(req)))
        try:
            return Request._from_handle(req)
        finally:
            lib.passwordless_request_free(req)

    def jwks_response(self, status, headers, body, now=None):
        """The KeySet of a JWKS response, or raises."""
        lib = library()
        resp = _response(status, headers, body)
        try:
            keys, err = c_void_p(), c_void_p()
            PasswordlessError._check(lib.passwordless_client_jwks_response(self._ptr, resp, _now(now), byref(keys), byref(err)), err)
            return KeySet(keys)
        finally:
            lib.passwordless_response_free(resp)


class KeySet(_Handle):
    """A parsed JWKS; KeySet.parse(document) or Client.jwks_response(...)."""

    _free = "keyset_free"

    @classmethod
    def parse(cls, document):
        d, keep = _bytes(document)
        keys, err = c_void_p(), c_void_p()
        PasswordlessError._check(library().passwordless_keyset_parse(d, byref(keys), byref(err)), err)
        return cls(keys)

    def __len__(self):
        return library().passwordless_keyset_count(self._ptr)

    @property
    def skipped(self):
        """How many keys of the document were skipped as not understood (RFC 7517 section 5)."""
        return library().passwordless_keyset_skipped(self._ptr)

    def find(self, kid):
        """The key with this kid as a dict, or None."""
        k, keep = _text(kid)
        view = _ffi.Str()
        if library().passwordless_keyset_find(self._ptr, k, byref(view)) != _C["OK"]:
            return None
        return json.loads(_read(view))


# Verifiers handed to the library, by user-data number; the free hook drops them.
_callbacks = {}
_callbacks_lock = threading.Lock()
_next_id = [1]


def _call_verifier(user_data, alg, kid, signing_input, signature, jwk):
    try:
        verify = _callbacks[user_data][0]
        key = json.loads(_read(jwk)) if jwk.len else None
        return 0 if verify(_read(alg).decode(), _read(kid).decode(), _read(signing_input), _read(signature), key) else 1
    except Exception:  # an exception must not cross the C ABI: the token is refused
        return -1


def _drop_verifier(user_data):
    with _callbacks_lock:
        _callbacks.pop(user_data, None)


_VERIFY = _ffi.VERIFY_FN(_call_verifier)
_DROP = _ffi.FREE_FN(_drop_verifier)


class DpopKey:
    """A DPoP key for Login(dpop=...): the public JWK (a dict or JSON text, P-256, no private
    members), sign(signing_input: bytes) -> the 64-byte raw r||s ES256 signature (the private key
    may stay in a key store), and random(n) -> n secure random bytes (default os.urandom)."""

    def __init__(self, public_jwk, sign, random=os.urandom):
        self.public_jwk = public_jwk if isinstance(public_jwk, str) else json.dumps(public_jwk)
        self.sign, self.random = sign, random

    def _handle(self):
        """A new passwordless_dpop_key for this key (the caller frees it; its hook drops self)."""
        lib = library()
        jwk, keep = _text(self.public_jwk)
        key = c_void_p()
        _raise_if(lib.passwordless_dpop_key_new(jwk, _DPOP_SIGN, _DPOP_RANDOM, _register(self), _DROP, byref(key)))
        return key

    @property
    def thumbprint(self):
        """The key's RFC 7638 thumbprint (a bound token's cnf.jkt)."""
        lib = library()
        key = self._handle()
        try:
            view = _ffi.Str()
            _raise_if(lib.passwordless_dpop_key_thumbprint(key, byref(view)))
            return _read(view).decode()
        finally:
            lib.passwordless_dpop_key_free(key)

    def resource_headers(self, method, url, access_token, nonce=None, now=None):
        """The headers of an API call with a DPoP-bound access token, in order:
        [("authorization", "DPoP <token>"), ("dpop", proof with ath)]. `nonce`: the API's
        latest DPoP-Nonce (after a resource_error of kind dpop_nonce_required, its dpop_nonce)."""
        lib = library()
        key = self._handle()
        try:
            m, k1 = _text(method)
            u, k2 = _text(url)
            t, k3 = _text(access_token)
            n, k4 = _text(nonce)
            req, err = c_void_p(), c_void_p()
            PasswordlessError._check(lib.passwordless_dpop_resource_request(key, m, u, t, n, _now(now), byref(req), byref(err)), err)
            try:
                return Request._from_handle(req).headers
            finally:
                lib.passwordless_request_free(req)
        finally:
            lib.passwordless_dpop_key_free(key)


def _call_dpop_sign(user_data, signing_input, out, cap, out_len):
    try:
        sig = bytes(_callbacks[user_data][0].sign(_read(signing_input)))
        if len(sig) > cap:
            return 1
        ctypes.memmove(out, sig, len(sig))
        out_len[0] = len(sig)
        return 0
    except Exception:  # no exception may cross the C ABI: the proof fails
        return -1


def _call_dpop_random(user_data, out, n):
    try:
        data = bytes(_callbacks[user_data][0].random(n))
        if len(data) != n:
            return 1
        ctypes.memmove(out, data, n)
        return 0
    except Exception:
        return -1


_DPOP_SIGN = _ffi.DPOP_SIGN_FN(_call_dpop_sign)
_DPOP_RANDOM = _ffi.RANDOM_FN(_call_dpop_random)


def _register(obj):
    """A user-data number for `obj`, kept alive until the library's free hook drops it."""
    with _callbacks_lock:
        ud = _next_id[0]
        _next_id[0] += 1
        _callbacks[ud] = (obj,)
    return ud


class Login(_Handle):
    """One passwordless login (the core's state machine). Every call returns a Step; refusals
    and failures are in step.error, never raised (misuse of the API raises)."""

    _free = "login_free"
    _STR = {"audience": "LOGIN_AUDIENCE", "scope": "LOGIN_SCOPE", "issuer": "LOGIN_ISSUER", "nonce": "LOGIN_NONCE",
            "organization": "LOGIN_ORGANIZATION", "algorithms": "LOGIN_ALGORITHMS", "jwks_uri": "LOGIN_JWKS_URI"}
    _INT = {"code_lifetime": "LOGIN_CODE_LIFETIME", "resend_cooldown": "LOGIN_RESEND_COOLDOWN",
            "max_attempts": "LOGIN_MAX_ATTEMPTS", "verify_id_token": "LOGIN_VERIFY_ID_TOKEN", "leeway": "LOGIN_LEEWAY",
            "max_age": "LOGIN_MAX_AGE", "dangerous_skip_signature_check": "LOGIN_DANGEROUS_SKIP_SIGNATURE_CHECK",
            "fetch_keys": "LOGIN_FETCH_KEYS", "dpop_require_binding": "LOGIN_DPOP_REQUIRE_BINDING", "mfa": "LOGIN_MFA"}

    def __init__(self, client, verifier=None, keys=None, dpop=None, _saved=None, _now_value=None, _seal_key=None,
                 _mfa_token=None, **options):
        """verifier(alg, kid, signing_input, signature, jwk) -> bool checks ID token signatures;
        jwk is the key the token names, as a dict: from `keys` (a KeySet), or with fetch_keys=True
        from the tenant's JWKS, which the login then fetches itself as a request step."""
        lib = library()
        opts = self._options(verifier, keys, dpop, options)
        try:
            ptr, err = c_void_p(), c_void_p()
            if _saved is None:
                PasswordlessError._check(lib.passwordless_login_new(client._ptr, opts, byref(ptr), byref(err)), err)
            else:
                text, keep = _text(_saved)
                if _mfa_token is not None:
                    token, keep_token = _text(_mfa_token)
                    key, keep_key = _bytes(_seal_key if _seal_key is not None else b"")
                    status = lib.passwordless_login_restore_with_mfa_token(client._ptr, opts, text, token, key,
                                                                           _now(_now_value), byref(ptr), byref(err))
                elif _seal_key is None:
                    status = lib.passwordless_login_restore(client._ptr, opts, text, _now(_now_value), byref(ptr),
                                                            byref(err))
                else:
                    key, keep_key = _bytes(_seal_key)
                    status = lib.passwordless_login_restore_sealed(client._ptr, opts, text, key, _now(_now_value),
                                                                   byref(ptr), byref(err))
                PasswordlessError._check(status, err)
        finally:
            lib.passwordless_login_options_free(opts)
        super().__init__(ptr)

    @classmethod
    def _options(cls, verifier, keys, dpop, options):
        """A new passwordless_login_options handle (the caller frees it) with these settings."""
        lib = library()
        opts = c_void_p()
        _raise_if(lib.passwordless_login_options_new(byref(opts)))
        try:
            for name, value in options.items():
                if value is None:
                    continue
                if name in cls._STR:
                    if isinstance(value, (list, tuple)):
                        value = ",".join(value)
                    s, keep = _text(value)
                    _raise_if(lib.passwordless_login_options_set_str(opts, _C[cls._STR[name]], s))
                elif name in cls._INT:
                    _raise_if(lib.passwordless_login_options_set_int(opts, _C[cls._INT[name]], int(value)))
                elif name == "trusted_audiences":
                    for audience in value:
                        s, keep = _text(audience)
                        _raise_if(lib.passwordless_login_options_set_str(opts, _C["LOGIN_TRUSTED_AUDIENCE"], s))
                else:
                    raise TypeError(f"unknown login option {name}")
            if verifier is not None:
                _raise_if(lib.passwordless_login_options_set_verifier(opts, _VERIFY, _register(verifier), _DROP))
            if dpop is not None:
                jwk, keep = _text(dpop.public_jwk)
                _raise_if(lib.passwordless_login_options_set_dpop(opts, jwk, _DPOP_SIGN, _DPOP_RANDOM, _register(dpop), _DROP))
            if keys is not None:
                _raise_if(lib.passwordless_login_options_set_keyset(opts, keys._ptr))
        except BaseException:
            lib.passwordless_login_options_free(opts)
            raise
        return opts

    @classmethod
    def restore(cls, client, saved, verifier=None, keys=None, dpop=None, now=None, seal_key=None, mfa_token=None,
                **options):
        """A login continued from save()'s text (in this process or another), with the same
        client and options. A bad text, one saved under another client or other options (the
        message names what differs), or with seal_key one whose seal does not match, raises
        invalid_argument (field saved_state); a seal_key under 16 bytes, field seal_key. A login
        saved during MFA comes back failed (mfa_token_invalid) unless mfa_token (kept by the app
        in its secure store) is given: then it lists the authenticators again (retry())."""
        return cls(client, verifier, keys, dpop, _saved=saved, _now_value=now, _seal_key=seal_key,
                   _mfa_token=mfa_token, **options)

    def save(self, seal_key=None):
        """The pending login as text (no code, secret or token) for Login.restore. With seal_key
        (bytes or str, at least 16 bytes) the text ends with an HMAC-SHA256 seal, and only
        Login.restore with the same key accepts it, unedited."""
        lib = library()
        view = _ffi.Str()
        if seal_key is None:
            _raise_if(lib.passwordless_login_save(self._ptr, byref(view)))
        else:
            key, keep = _bytes(seal_key)
            err = c_void_p()
            PasswordlessError._check(lib.passwordless_login_save_sealed(self._ptr, key, byref(view), byref(err)), err)
        return _read(view).decode()

    @property
    def state(self):
        lib = library()
        return lib.passwordless_state_str(lib.passwordless_login_state(self._ptr)).decode()

    def _step(self, call, *args):
        lib = library()
        step = c_void_p()
        _raise_if(getattr(lib, "passwordless_login_" + call)(self._ptr, *args, byref(step)))
        try:
            return Step(step)
        finally:
            lib.passwordless_step_free(step)

    def start(self, connection, email=None, phone_number=None, send=None, language=None, forwarded_for=None,
              auth_params=None, now=None):
        """Asks the tenant to send a code or link (send: "code", "link", "link_ios", "link_android")."""
        lib = library()
        params = c_void_p()
        _raise_if(lib.passwordless_start_params_new(byref(params)))
        try:
            for field, value in (("CONNECTION", connection), ("EMAIL", email), ("PHONE_NUMBER", phone_number),
                                 ("SEND", send), ("LANGUAGE", language), ("FORWARDED_FOR", forwarded_for)):
                if value is not None:
                    s, keep = _text(value)
                    _raise_if(lib.passwordless_start_params_set(params, _C["START_" + field], s))
            for name, value in (auth_params or {}).items():
                n, k1 = _text(name)
                v, k2 = _text(value)
                _raise_if(lib.passwordless_start_params_add_auth_param(params, n, v))
            return self._step("start", params, _now(now))
        finally:
            lib.passwordless_start_params_free(params)

    def resend(self, now=None):
        return self._step("resend", _now(now))

    def submit_code(self, code, now=None):
        c, keep = _text(code)
        return self._step("submit_code", c, _now(now))

    def choose_authenticator(self, authenticator_id, now=None):
        """MFA: picks one of step.authenticators by id (otp and recovery-code: ask for the code;
        oob: a challenge request to send)."""
        a, keep = _text(authenticator_id)
        return self._step("choose_authenticator", a, _now(now))

    def submit_mfa_code(self, code, now=None):
        """MFA: an authenticator app's code, or the code an SMS, call or email sent."""
        c, keep = _text(code)
        return self._step("submit_mfa_code", c, _now(now))

    def submit_recovery_code(self, code, now=None):
        """MFA: a recovery code; the authenticated tokens carry the new one (recovery_code)."""
        c, keep = _text(code)
        return self._step("submit_recovery_code", c, _now(now))

    @property
    def mfa_token(self):
        """The mfa_token the login holds in an MFA state (a secret; keep it in your secure store
        beside a save() made during MFA, for Login.restore(..., mfa_token=)), else None."""
        view = _ffi.Str()
        if library().passwordless_login_mfa_token(self._ptr, byref(view)) != _C["OK"]:
            return None
        return _read(view).decode()

    @property
    def failure(self):
        """The PasswordlessError that ended the login while it is failed, else None."""
        err = c_void_p()
        if library().passwordless_login_failure(self._ptr, byref(err)) != _C["OK"]:
            return None
        return PasswordlessError._from_handle(err)

    def poll(self, now=None):
        """MFA: asks whether the push was approved (from step.poll_at; earlier: invalid_state)."""
        return self._step("poll", _now(now))

    def on_response(self, status, headers, body, now=None):
        """Feeds the response to step.request: status, headers [(name, value)], body bytes."""
        lib = library()
        resp = _response(status, headers, body)
        try:
            return self._step("on_response", resp, _now(now))
        finally:
            lib.passwordless_response_free(resp)

    def on_transport_failure(self, now=None):
        return self._step("on_transport_failure", _now(now))

    def retry(self, now=None):
        """Sends the failed key fetch again (after step.next == "retry")."""
        return self._step("retry", _now(now))

    def cancel(self, now=None):
        return self._step("cancel", _now(now))

    @property
    def dpop_nonce(self):
        """The newest DPoP-Nonce the tenant gave this login (None: none), for a later Refresh."""
        view = _ffi.Str()
        if library().passwordless_login_dpop_nonce(self._ptr, byref(view)) != _C["OK"]:
            return None
        return _read(view).decode()


class Refresh(_Handle):
    """One refresh grant (Client.refresh): send request(), then on_response(...), which returns
    the new tokens (a dict) or, once, a Request to send again (the tenant asked for its DPoP
    nonce); failures raise PasswordlessError."""

    _free = "refresh_free"

    def __init__(self, client, refresh_token, token_type, dpop, scope, audience, require_binding, nonce):
        lib = library()
        rt, k1 = _text(refresh_token)
        sc, k2 = _text(scope)
        au, k3 = _text(audience)
        tt, k4 = _text(token_type)
        nn, k5 = _text(nonce)
        key = dpop._handle() if dpop is not None else None
        try:
            ptr, err = c_void_p(), c_void_p()
            status = lib.passwordless_refresh_new(client._ptr, rt, sc, au, tt, key, 1 if require_binding else 0, nn,
                                                  byref(ptr), byref(err))
            PasswordlessError._check(status, err)
        finally:
            if key is not None:
                lib.passwordless_dpop_key_free(key)  # the refresh holds its own reference
        super().__init__(ptr)

    def request(self, now=None):
        """The request to send (a fresh DPoP proof each time; call again after a transport failure)."""
        lib = library()
        req, err = c_void_p(), c_void_p()
        PasswordlessError._check(lib.passwordless_refresh_request(self._ptr, _now(now), byref(req), byref(err)), err)
        try:
            return Request._from_handle(req)
        finally:
            lib.passwordless_request_free(req)

    def on_response(self, status, headers, body, now=None):
        lib = library()
        resp = _response(status, headers, body)
        try:
            req, tokens, err = c_void_p(), c_void_p(), c_void_p()
            PasswordlessError._check(lib.passwordless_refresh_on_response(self._ptr, resp, _now(now), byref(req), byref(tokens),
                                                                          byref(err)), err)
        finally:
            lib.passwordless_response_free(resp)
        if req.value:
            try:
                return Request._from_handle(req)
            finally:
                lib.passwordless_request_free(req)
        try:
            return _tokens(tokens)
        finally:
            lib.passwordless_tokens_free(tokens)

    @property
    def dpop_nonce(self):
        view = _ffi.Str()
        if library().passwordless_refresh_dpop_nonce(self._ptr, byref(view)) != _C["OK"]:
            return None
        return _read(view).decode()


def parse_callback(url, expected_state):
    """What a magic link's callback URL carried, as a dict (code, access_token, id_token,
    token_type, scope, state, expires_in: those present), after checking its state against the
    one sent in authParams; raises state_mismatch, invalid_argument or the server's error."""
    lib = library()
    u, k1 = _text(url)
    s_, k2 = _text(expected_state)
    cb, err = c_void_p(), c_void_p()
    PasswordlessError._check(lib.passwordless_callback_parse(u, s_, byref(cb), byref(err)), err)
    try:
        out = {}
        for name in ("code", "access_token", "id_token", "token_type", "scope", "state"):
            view = _ffi.Str()
            if lib.passwordless_callback_str(cb, _C["CBF_" + name.upper()], byref(view)) == _C["OK"]:
                out[name] = _read(view).decode()
        value = c_int64()
        if lib.passwordless_callback_int(cb, _C["CBF_EXPIRES_IN"], byref(value)) == _C["OK"]:
            out["expires_in"] = value.value
        return out
    finally:
        lib.passwordless_callback_free(cb)


def resource_challenges(status, headers, body=b""):
    """The WWW-Authenticate challenges of an API's answer: [(scheme, token68 or None, {param: value})]."""
    lib = library()
    resp = _response(status, headers, body)
    try:
        ch, err = c_void_p(), c_void_p()
        PasswordlessError._check(lib.passwordless_response_challenges(resp, byref(ch), byref(err)), err)
    finally:
        lib.passwordless_response_free(resp)
    try:
        out = []
        for i in range(lib.passwordless_challenges_count(ch)):
            scheme, token68, name, value = _ffi.Str(), _ffi.Str(), _ffi.Str(), _ffi.Str()
            _raise_if(lib.passwordless_challenges_scheme(ch, i, byref(scheme)))
            has68 = lib.passwordless_challenges_token68(ch, i, byref(token68)) == _C["OK"]
            params = {}
            for j in range(lib.passwordless_challenges_param_count(ch, i)):
                _raise_if(lib.passwordless_challenges_param_at(ch, i, j, byref(name), byref(value)))
                params[_read(name).decode()] = _read(value).decode()
            out.append((_read(scheme).decode(), _read(token68).decode() if has68 else None, params))
        return out
    finally:
        lib.passwordless_challenges_free(ch)


def resource_error(status, headers, body=b"", now=None):
    """The PasswordlessError (returned, not raised) for an API's non-2xx answer to a DPoP-bound
    call: kind dpop_nonce_required with dpop_nonce set means "send once more with that nonce"."""
    lib = library()
    resp = _response(status, headers, body)
    try:
        err = c_void_p()
        _raise_if(lib.passwordless_resource_error(resp, _now(now), byref(err)))
        try:
            return PasswordlessError._from_handle(err)
        finally:
            lib.passwordless_error_free(err)
    finally:
        lib.passwordless_response_free(resp)


def jwk_thumbprint(jwk):
    """The RFC 7638 thumbprint of a public JWK (a dict or JSON text: RSA, EC or OKP)."""
    j, keep = _text(jwk if isinstance(jwk, str) else json.dumps(jwk))
    out = (ctypes.c_uint8 * 64)()
    n = ctypes.c_size_t()
    _raise_if(library().passwordless_jwk_thumbprint(j, out, 64, byref(n)))
    return bytes(out[:n.value]).decode()
