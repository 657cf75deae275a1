"""ctypes declarations of include/passwordless.h: constants, value structs, callback types and
every function's signature. check_bindings.py compares this file with the header, so a header
change that breaks the bindings fails CI."""
import ctypes
import ctypes.util
import os
from ctypes import POINTER, c_bool, c_char_p, c_int32, c_int64, c_size_t, c_uint32, c_void_p

# The header these declarations follow (PASSWORDLESS_ABI_VERSION); load() refuses another ABI.
ABI_VERSION = 1


class Str(ctypes.Structure):
    """passwordless_str: UTF-8 text as pointer and length."""
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]


class Bytes(ctypes.Structure):
    """passwordless_bytes: bytes as pointer and length."""
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]


# passwordless_verify_fn and passwordless_free_fn.
VERIFY_FN = ctypes.CFUNCTYPE(c_int32, c_void_p, Str, Str, Bytes, Bytes, Str)
FREE_FN = ctypes.CFUNCTYPE(None, c_void_p)
# passwordless_dpop_sign_fn and passwordless_random_fn.
DPOP_SIGN_FN = ctypes.CFUNCTYPE(c_int32, c_void_p, Bytes, POINTER(ctypes.c_uint8), c_size_t, POINTER(c_size_t))
RANDOM_FN = ctypes.CFUNCTYPE(c_int32, c_void_p, POINTER(ctypes.c_uint8), c_size_t)

# Every enum constant of the header, without the PASSWORDLESS_ prefix.
CONSTANTS = {
    "OK": 0,
    "E_NULL_ARG": -1,
    "E_INVALID_ARG": -2,
    "E_BAD_HANDLE": -3,
    "E_ABSENT": -4,
    "E_NO_MEMORY": -5,
    "E_INTERNAL": -6,
    "E_UNSUPPORTED": -7,
    "KIND_INVALID_ARGUMENT": 1,
    "KIND_INVALID_STATE": 2,
    "KIND_WRONG_CODE": 3,
    "KIND_CODE_EXPIRED": 4,
    "KIND_ATTEMPTS_EXHAUSTED": 5,
    "KIND_RATE_LIMITED": 6,
    "KIND_BLOCKED": 7,
    "KIND_MFA_REQUIRED": 8,
    "KIND_GRANT_NOT_ALLOWED": 9,
    "KIND_INVALID_CLIENT": 10,
    "KIND_INVALID_CONNECTION": 11,
    "KIND_INVALID_REQUEST": 12,
    "KIND_INVALID_EMAIL": 13,
    "KIND_INVALID_PHONE_NUMBER": 14,
    "KIND_DELIVERY_FAILED": 15,
    "KIND_ACCESS_DENIED": 16,
    "KIND_VERIFICATION_REQUIRED": 17,
    "KIND_INVALID_REFRESH_TOKEN": 18,
    "KIND_SERVER_ERROR": 19,
    "KIND_UNKNOWN_ERROR": 20,
    "KIND_UNEXPECTED_RESPONSE": 21,
    "KIND_MALFORMED_RESPONSE": 22,
    "KIND_INVALID_ID_TOKEN": 23,
    "KIND_STATE_MISMATCH": 24,
    "KIND_TRANSPORT_FAILED": 25,
    "KIND_INVALID_DPOP_PROOF": 26,
    "KIND_DPOP_NONCE_REQUIRED": 27,
    "ACTION_NONE": 0,
    "ACTION_FIX_INPUT": 1,
    "ACTION_FIX_CONFIG": 2,
    "ACTION_RETRY_CODE": 3,
    "ACTION_RESTART": 4,
    "ACTION_WAIT": 5,
    "ACTION_RETRY": 6,
    "ACTION_GIVE_UP": 7,
    "ACTION_MFA": 8,
    "ERRF_CODE": 1,
    "ERRF_DESCRIPTION": 2,
    "ERRF_FIELD": 3,
    "ERRF_REASON": 4,
    "ERRF_MFA_TOKEN": 5,
    "ERRF_DPOP_NONCE": 6,
    "STATE_IDLE": 0,
    "STATE_SENDING_CODE": 1,
    "STATE_AWAITING_CODE": 2,
    "STATE_VERIFYING_CODE": 3,
    "STATE_AUTHENTICATED": 4,
    "STATE_FAILED": 5,
    "STATE_FETCHING_KEYS": 6,
    "NEXT_SEND_REQUEST": 0,
    "NEXT_ASK_FOR_CODE": 1,
    "NEXT_REQUEST_NEW_CODE": 2,
    "NEXT_WAIT_UNTIL": 3,
    "NEXT_START_OVER": 4,
    "NEXT_DONE": 5,
    "NEXT_STOP": 6,
    "NEXT_NONE": 7,
    "NEXT_RETRY": 8,
    "EVENT_NONE": 0,
    "EVENT_CODE_SENT": 1,
    "EVENT_LINK_SENT": 2,
    "EVENT_AUTHENTICATED": 3,
    "STEPT_RESEND_AFTER": 1,
    "STEPT_CODE_EXPIRES_AT": 2,
    "STEPT_NEXT_DEADLINE": 3,
    "CLIENT_DOMAIN": 1,
    "CLIENT_BASE_URL": 2,
    "CLIENT_ID": 3,
    "CLIENT_SECRET": 4,
    "CLIENT_ASSERTION": 5,
    "CLIENT_TOKEN_AUTH_BASIC": 6,
    "CLIENT_TOKEN_FORM": 7,
    "CLIENT_TELEMETRY_NAME": 8,
    "CLIENT_TELEMETRY_VERSION": 9,
    "CLIENT_MAX_BODY_BYTES": 10,
    "CLIENT_MAX_JSON_DEPTH": 11,
    "CLIENT_MAX_TOKEN_BYTES": 12,
    "CLIENT_MAX_INPUT_BYTES": 13,
    "LOGIN_CODE_LIFETIME": 100,
    "LOGIN_RESEND_COOLDOWN": 101,
    "LOGIN_MAX_ATTEMPTS": 102,
    "LOGIN_AUDIENCE": 103,
    "LOGIN_SCOPE": 104,
    "LOGIN_VERIFY_ID_TOKEN": 105,
    "LOGIN_ISSUER": 106,
    "LOGIN_LEEWAY": 107,
    "LOGIN_NONCE": 108,
    "LOGIN_MAX_AGE": 109,
    "LOGIN_ORGANIZATION": 110,
    "LOGIN_ALGORITHMS": 111,
    "LOGIN_TRUSTED_AUDIENCE": 112,
    "LOGIN_DANGEROUS_SKIP_SIGNATURE_CHECK": 113,
    "LOGIN_FETCH_KEYS": 114,
    "LOGIN_JWKS_URI": 115,
    "LOGIN_DPOP_REQUIRE_BINDING": 116,
    "START_CONNECTION": 200,
    "START_EMAIL": 201,
    "START_PHONE_NUMBER": 202,
    "START_SEND": 203,
    "START_LANGUAGE": 204,
    "START_FORWARDED_FOR": 205,
    "TOKF_ACCESS_TOKEN": 300,
    "TOKF_TOKEN_TYPE": 301,
    "TOKF_REFRESH_TOKEN": 302,
    "TOKF_ID_TOKEN": 303,
    "TOKF_SCOPE": 304,
    "TOKF_EXPIRES_IN": 305,
    "TOKF_EXPIRES_AT": 306,
}

# Every function, without the passwordless_ prefix: (restype, argtypes).
FUNCTIONS = {
    "version_string": (c_char_p, []),
    "version_number": (c_uint32, []),
    "abi_version": (c_uint32, []),
    "status_str": (c_char_p, [c_int32]),
    "action_str": (c_char_p, [c_int32]),
    "state_str": (c_char_p, [c_int32]),
    "next_str": (c_char_p, [c_int32]),
    "error_free": (None, [c_void_p]),
    "error_clone": (c_int32, [c_void_p, POINTER(c_void_p)]),
    "error_kind": (c_int32, [c_void_p]),
    "error_action": (c_int32, [c_void_p]),
    "error_status": (c_int32, [c_void_p]),
    "error_retry_at": (c_int32, [c_void_p, POINTER(c_int64)]),
    "error_rate_limit": (c_int32, [c_void_p, POINTER(c_int64), POINTER(c_int64), POINTER(c_int64)]),
    "error_field": (c_int32, [c_void_p, c_int32, POINTER(Str)]),
    "client_options_new": (c_int32, [POINTER(c_void_p)]),
    "client_options_free": (None, [c_void_p]),
    "client_options_set_str": (c_int32, [c_void_p, c_int32, Str]),
    "client_options_set_int": (c_int32, [c_void_p, c_int32, c_int64]),
    "client_new": (c_int32, [c_void_p, POINTER(c_void_p), POINTER(c_void_p)]),
    "client_free": (None, [c_void_p]),
    "client_expected_issuer": (c_int32, [c_void_p, POINTER(Str)]),
    "client_refresh_request": (c_int32, [c_void_p, Str, Str, Str, POINTER(c_void_p), POINTER(c_void_p)]),
    "client_token_response": (c_int32, [c_void_p, c_void_p, c_int64, POINTER(c_void_p), POINTER(c_void_p)]),
    "client_jwks_request": (c_int32, [c_void_p, POINTER(c_void_p)]),
    "client_jwks_response": (c_int32, [c_void_p, c_void_p, c_int64, POINTER(c_void_p), POINTER(c_void_p)]),
    "keyset_parse": (c_int32, [Bytes, POINTER(c_void_p), POINTER(c_void_p)]),
    "keyset_free": (None, [c_void_p]),
    "keyset_count": (c_int32, [c_void_p]),
    "keyset_find": (c_int32, [c_void_p, Str, POINTER(Str)]),
    "request_free": (None, [c_void_p]),
    "request_method": (c_int32, [c_void_p, POINTER(Str)]),
    "request_url": (c_int32, [c_void_p, POINTER(Str)]),
    "request_header_count": (c_int32, [c_void_p]),
    "request_header_at": (c_int32, [c_void_p, c_size_t, POINTER(Str), POINTER(Str)]),
    "request_body": (c_int32, [c_void_p, POINTER(Bytes)]),
    "response_new": (c_int32, [c_int32, POINTER(c_void_p)]),
    "response_free": (None, [c_void_p]),
    "response_add_header": (c_int32, [c_void_p, Bytes, Bytes]),
    "response_set_body": (c_int32, [c_void_p, Bytes]),
    "login_options_new": (c_int32, [POINTER(c_void_p)]),
    "login_options_free": (None, [c_void_p]),
    "login_options_set_str": (c_int32, [c_void_p, c_int32, Str]),
    "login_options_set_int": (c_int32, [c_void_p, c_int32, c_int64]),
    "login_options_set_verifier": (c_int32, [c_void_p, VERIFY_FN, c_void_p, FREE_FN]),
    "login_options_set_keyset": (c_int32, [c_void_p, c_void_p]),
    "login_options_set_dpop": (c_int32, [c_void_p, Str, DPOP_SIGN_FN, RANDOM_FN, c_void_p, FREE_FN]),
    "login_new": (c_int32, [c_void_p, c_void_p, POINTER(c_void_p), POINTER(c_void_p)]),
    "login_free": (None, [c_void_p]),
    "login_state": (c_int32, [c_void_p]),
    "start_params_new": (c_int32, [POINTER(c_void_p)]),
    "start_params_free": (None, [c_void_p]),
    "start_params_set": (c_int32, [c_void_p, c_int32, Str]),
    "start_params_add_auth_param": (c_int32, [c_void_p, Str, Str]),
    "login_start": (c_int32, [c_void_p, c_void_p, c_int64, POINTER(c_void_p)]),
    "login_resend": (c_int32, [c_void_p, c_int64, POINTER(c_void_p)]),
    "login_submit_code": (c_int32, [c_void_p, Str, c_int64, POINTER(c_void_p)]),
    "login_on_response": (c_int32, [c_void_p, c_void_p, c_int64, POINTER(c_void_p)]),
    "login_on_transport_failure": (c_int32, [c_void_p, c_int64, POINTER(c_void_p)]),
    "login_retry": (c_int32, [c_void_p, c_int64, POINTER(c_void_p)]),
    "login_cancel": (c_int32, [c_void_p, c_int64, POINTER(c_void_p)]),
    "login_save": (c_int32, [c_void_p, POINTER(Str)]),
    "login_restore": (c_int32, [c_void_p, c_void_p, Str, c_int64, POINTER(c_void_p), POINTER(c_void_p)]),
    "step_free": (None, [c_void_p]),
    "step_state": (c_int32, [c_void_p]),
    "step_next": (c_int32, [c_void_p]),
    "step_event": (c_int32, [c_void_p]),
    "step_request": (c_int32, [c_void_p, POINTER(c_void_p)]),
    "step_error": (c_int32, [c_void_p, POINTER(c_void_p)]),
    "step_time": (c_int32, [c_void_p, c_int32, POINTER(c_int64)]),
    "step_tokens": (c_int32, [c_void_p, POINTER(c_void_p)]),
    "step_claims": (c_int32, [c_void_p, POINTER(c_void_p)]),
    "tokens_free": (None, [c_void_p]),
    "tokens_str": (c_int32, [c_void_p, c_int32, POINTER(Str)]),
    "tokens_int": (c_int32, [c_void_p, c_int32, POINTER(c_int64)]),
    "claims_str": (c_int32, [c_void_p, Str, POINTER(Str)]),
    "claims_int": (c_int32, [c_void_p, Str, POINTER(c_int64)]),
    "claims_bool": (c_int32, [c_void_p, Str, POINTER(c_bool)]),
    "claims_json": (c_int32, [c_void_p, POINTER(Str)]),
}


def load(path=None):
    """Loads libpasswordless (PASSWORDLESS_LIBRARY, or the system's libpasswordless.so.<ABI>),
    declares every function and checks that the library's ABI is the one declared here."""
    path = path or os.environ.get("PASSWORDLESS_LIBRARY") or ctypes.util.find_library("passwordless")
    if not path:
        raise ImportError("libpasswordless not found: set PASSWORDLESS_LIBRARY to its path")
    lib = ctypes.CDLL(path)
    for name, (restype, argtypes) in FUNCTIONS.items():
        fn = getattr(lib, "passwordless_" + name)
        fn.restype = restype
        fn.argtypes = argtypes
    if lib.passwordless_abi_version() != ABI_VERSION:
        raise ImportError(f"{path} has ABI {lib.passwordless_abi_version()}, these bindings need {ABI_VERSION}")
    return lib
