#!/usr/bin/env python3
"""Checks the ctypes declarations of passwordless/_ffi.py against include/passwordless.h: every
function with its return and argument types, every enum constant with its value, the value
structs, the callback types and the ABI version. A header change that the bindings do not follow
fails here (CI runs it from .ci/cabi). Standard library only: the header is regular enough for
regular expressions: tests/c_api/c_header.py reads it (the one reader, shared with check_abi.py).

usage: check_bindings.py [--header include/passwordless.h]
"""
import argparse
import ctypes
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "tests" / "c_api"))
from passwordless import _ffi  # noqa: E402
from c_header import HEADER, Header  # noqa: E402

F = _ffi
# C type (normalised) -> the ctypes type the bindings must use.
SCALARS = {
    "void": None, "int32_t": ctypes.c_int32, "uint32_t": ctypes.c_uint32, "int64_t": ctypes.c_int64,
    "size_t": ctypes.c_size_t, "const char *": ctypes.c_char_p, "void *": ctypes.c_void_p,
    "int64_t *": ctypes.POINTER(ctypes.c_int64), "bool *": ctypes.POINTER(ctypes.c_bool),
    "passwordless_str": F.Str, "passwordless_bytes": F.Bytes, "passwordless_str *": ctypes.POINTER(F.Str),
    "passwordless_bytes *": ctypes.POINTER(F.Bytes), "passwordless_verify_fn": F.VERIFY_FN,
    "passwordless_free_fn": F.FREE_FN, "passwordless_dpop_sign_fn": F.DPOP_SIGN_FN, "passwordless_random_fn": F.RANDOM_FN,
    "uint8_t *": ctypes.POINTER(ctypes.c_uint8), "size_t *": ctypes.POINTER(ctypes.c_size_t),
}


def ctype(c_type, where):
    t = " ".join(c_type.replace("*", " * ").split()).replace("* *", "**")
    t = t.replace("**", "* *")
    if t in SCALARS:
        return SCALARS[t]
    if re.fullmatch(r"(const )?passwordless_\w+ \* \*", t):
        return ctypes.POINTER(ctypes.c_void_p)  # an out-parameter for a handle
    if re.fullmatch(r"(const )?passwordless_\w+ \*", t):
        return ctypes.c_void_p  # a handle
    raise SystemExit(f"check_bindings: cannot map C type '{c_type}' in {where}; extend SCALARS")


def name_of(t):
    return "None" if t is None else getattr(t, "__name__", repr(t))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--header", default=str(HEADER))
    header = Header(ap.parse_args().header)
    problems = []

    # Functions.
    declared = {name[len("passwordless_"):]: (ctype(ret, name), [ctype(a, name) for a in args])
                for name, (ret, args) in header.functions.items()}
    for name in sorted(set(declared) - set(F.FUNCTIONS)):
        problems.append(f"passwordless_{name} is declared in the header but not in _ffi.FUNCTIONS")
    for name in sorted(set(F.FUNCTIONS) - set(declared)):
        problems.append(f"passwordless_{name} is in _ffi.FUNCTIONS but not in the header")
    for name in sorted(set(declared) & set(F.FUNCTIONS)):
        want_ret, want_args = declared[name]
        have_ret, have_args = F.FUNCTIONS[name]
        if want_ret is not have_ret:
            problems.append(f"passwordless_{name} returns {name_of(want_ret)}; _ffi says {name_of(have_ret)}")
        if len(want_args) != len(have_args) or any(a is not b for a, b in zip(want_args, have_args)):
            problems.append(f"passwordless_{name} takes ({', '.join(map(name_of, want_args))}); "
                            f"_ffi says ({', '.join(map(name_of, have_args))})")

    # Constants: every enum member of the header.
    constants = {n[len("PASSWORDLESS_"):]: v for n, v in header.constants.items()}
    for name in sorted(set(constants) | set(F.CONSTANTS)):
        if constants.get(name) != F.CONSTANTS.get(name):
            problems.append(f"constant {name}: header {constants.get(name)}, _ffi {F.CONSTANTS.get(name)}")

    # ABI version, value structs, callbacks.
    abi = header.abi_version
    if abi != F.ABI_VERSION:
        problems.append(f"PASSWORDLESS_ABI_VERSION is {abi}; _ffi.ABI_VERSION is {F.ABI_VERSION}")
    for struct, cls in (("passwordless_str", F.Str), ("passwordless_bytes", F.Bytes)):
        members = header.structs.get(struct)
        if members not in ([("const char *", "ptr"), ("size_t", "len")], [("const uint8_t *", "ptr"), ("size_t", "len")]):
            problems.append(f"{struct} is no longer {{const pointer ptr; size_t len}}; update _ffi.{cls.__name__}")
        elif [f[0] for f in cls._fields_] != ["ptr", "len"] or cls._fields_[1][1] is not ctypes.c_size_t:
            problems.append(f"_ffi.{cls.__name__} does not match {struct}")
    for typedef, proto in (("passwordless_verify_fn", F.VERIFY_FN), ("passwordless_free_fn", F.FREE_FN),
                           ("passwordless_dpop_sign_fn", F.DPOP_SIGN_FN), ("passwordless_random_fn", F.RANDOM_FN)):
        if typedef not in header.callbacks:
            problems.append(f"cannot read typedef {typedef}")
            continue
        ret, args = header.callbacks[typedef]
        if ctype(ret, typedef) is not proto._restype_ or [ctype(a, typedef) for a in args] != list(proto._argtypes_):
            problems.append(f"_ffi's callback type for {typedef} does not match the header")

    for p in problems:
        print("check_bindings:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"check_bindings: {len(declared)} functions, {len(constants)} constants, ABI {abi}: the bindings match")
    return 0

if __name__ == "__main__":
    sys.exit(main())
