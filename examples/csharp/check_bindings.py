#!/usr/bin/env python3
"""Checks the P/Invoke declarations of Native.cs against include/passwordless.h: every function
with its C# return and parameter types, every callback typedef against its delegate, and every enum constant of the header against the C#
enums (names in PascalCase without their prefix). A header change that the C# binding does not
follow fails here (examples/csharp/test.sh runs it). With --print, prints the declaration Native.cs
should hold for each function instead (to add a new call: paste its line).

usage: check_bindings.py [--print] [--header include/passwordless.h]
"""
import argparse
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "tests" / "c_api"))
from c_header import HEADER, Header  # noqa: E402

# C type (normalised) -> the C# type a P/Invoke declaration uses.
SCALARS = {
    "void": "void", "int32_t": "int", "uint32_t": "uint", "int64_t": "long", "size_t": "UIntPtr",
    "const char *": "IntPtr", "void *": "IntPtr", "uint8_t *": "IntPtr",
    "int64_t *": "out long", "bool *": "[MarshalAs(UnmanagedType.U1)] out bool", "size_t *": "out UIntPtr",
    "passwordless_str": "PlStr", "passwordless_bytes": "PlBytes",
    "passwordless_str *": "out PlStr", "passwordless_bytes *": "out PlBytes",
    "passwordless_verify_fn": "VerifyFn", "passwordless_free_fn": "FreeFn",
    "passwordless_dpop_sign_fn": "DpopSignFn", "passwordless_random_fn": "RandomFn",
}
# C enum type prefix -> (C# enum name, constant prefix).
ENUMS = [("Status", "PASSWORDLESS_E_", ["PASSWORDLESS_OK"]), ("ErrorKind", "PASSWORDLESS_KIND_", []),
         ("ErrorAction", "PASSWORDLESS_ACTION_", []), ("ErrorField", "PASSWORDLESS_ERRF_", []),
         ("ClientOption", "PASSWORDLESS_CLIENT_", []), ("TokenField", "PASSWORDLESS_TOKF_", []),
         ("DiscoveryField", "PASSWORDLESS_DISCF_", []), ("LoginState", "PASSWORDLESS_STATE_", []),
         ("Next", "PASSWORDLESS_NEXT_", []), ("StepEvent", "PASSWORDLESS_EVENT_", []),
         ("StepTime", "PASSWORDLESS_STEPT_", []), ("LoginOption", "PASSWORDLESS_LOGIN_", []),
         ("StartField", "PASSWORDLESS_START_", []), ("CallbackField", "PASSWORDLESS_CBF_", []),
         ("LogoutKind", "PASSWORDLESS_LOGOUT_", []), ("TokenFreshness", "PASSWORDLESS_TOKENS_", []),
         ("AuthenticatorField", "PASSWORDLESS_AUTHF_", []), ("MfaChallengeField", "PASSWORDLESS_MFAF_", []),
         ("MfaRequirementList", "PASSWORDLESS_MFAREQ_", [])]


def cs_type(c_type, where):
    t = " ".join(c_type.replace("*", " * ").split())
    if t in SCALARS:
        return SCALARS[t]
    if re.fullmatch(r"(const )?passwordless_\w+ \* \*", t):
        return "out IntPtr"  # an out-parameter for a handle
    if re.fullmatch(r"(const )?passwordless_\w+ \*", t):
        return "IntPtr"  # a handle
    raise SystemExit(f"check_bindings: cannot map C type '{c_type}' in {where}; extend SCALARS")


def pascal(name):
    return "".join(w.capitalize() for w in name.lower().split("_"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--header", default=str(HEADER))
    ap.add_argument("--print", action="store_true")
    a = ap.parse_args()
    header = Header(a.header)
    want = {n: (cs_type(r, n), [cs_type(x, n) for x in args]) for n, (r, args) in header.functions.items()}
    if a.print:
        for n, (r, args) in want.items():
            params = ", ".join(f"{t} a{i}" for i, t in enumerate(args))
            print(f"        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern {r} {n}({params});")
        return 0
    native = (HERE / "Native.cs").read_text(encoding="utf-8")
    have = {}
    for r, n, params in re.findall(r"internal static extern ([\w\[\]]+) (passwordless_\w+)\(([^)]*(?:\([^)]*\))?[^)]*)\);", native):
        types = [" ".join(p.split()[:-1]) for p in re.split(r",(?![^(]*\))", params) if p.strip()]
        have[n] = (r, types)
    problems = []
    for n in sorted(set(want) - set(have)):
        problems.append(f"{n} is declared in the header but not in Native.cs (check_bindings.py --print gives its line)")
    for n in sorted(set(have) - set(want)):
        problems.append(f"{n} is in Native.cs but not in the header")
    for n in sorted(set(want) & set(have)):
        if want[n] != have[n]:
            problems.append(f"{n}: header wants {want[n]}, Native.cs has {have[n]}")
    # Callback types: each delegate of Native.cs against its typedef.
    delegates = {n: (r, [" ".join(x.split()[:-1]) for x in params.split(",") if x.strip()])
                 for r, n, params in re.findall(r"internal delegate (\w+) (\w+)\(([^)]*)\);", native)}
    for typedef, (ret, args) in header.callbacks.items():
        name = pascal(typedef[len("passwordless_"):])  # passwordless_verify_fn -> VerifyFn
        wanted = (cs_type(ret, typedef), [cs_type(x, typedef) for x in args])
        if delegates.get(name) != wanted:
            problems.append(f"delegate {name}: header {typedef} wants {wanted}, Native.cs has {delegates.get(name)}")
    # Constants: each C enum member must appear in its C# enum with the same value.
    source = native + (HERE / "Passwordless.cs").read_text(encoding="utf-8")
    count = 0
    for enum, prefix, extra in ENUMS:
        m = re.search(r"public enum " + enum + r"\b[^{]*\{([^}]*)\}", source)
        if not m:
            problems.append(f"enum {enum} not found")
            continue
        members = {k: int(v) for k, v in re.findall(r"(\w+) = (-?\d+)", m.group(1))}
        for c, v in header.constants.items():
            if not (c.startswith(prefix) or c in extra):
                continue
            name = "Ok" if c == "PASSWORDLESS_OK" else pascal(c[len(prefix):])
            count += 1
            if members.get(name) != v:
                problems.append(f"{c} = {v}: C# {enum}.{name} is {members.get(name)}")
    if count != len(header.constants):
        problems.append(f"{len(header.constants) - count} header constants belong to no C# enum (extend ENUMS)")
    m = re.search(r"AbiVersion = (\d+);", native)
    if not m or int(m.group(1)) != header.abi_version:
        problems.append(f"Native.AbiVersion is not PASSWORDLESS_ABI_VERSION {header.abi_version}")
    for p in problems:
        print("check_bindings:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"check_bindings (C#): {len(want)} functions, {len(header.callbacks)} callback types, {count} constants, ABI {header.abi_version}: the binding matches")
    return 0


if __name__ == "__main__":
    sys.exit(main())
