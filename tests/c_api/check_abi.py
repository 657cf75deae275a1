#!/usr/bin/env python3
"""Checks libpasswordless's exported ABI against include/passwordless.h and the checked-in list.

usage: check_abi.py --lib path/to/libpasswordless.so [--header include/passwordless.h]
                    [--symbols tests/c_api/symbols.txt] [--update]

Fails when: a defined dynamic symbol does not start with passwordless_ (leaked C++ or runtime
symbols would make two copies of the library collide); the exported functions differ from
symbols.txt (a removal breaks the ABI; an addition must be recorded there on purpose, with
--update); symbols.txt differs from the functions the header declares; the SONAME is not
libpasswordless.so.<PASSWORDLESS_ABI_VERSION>; or the symbols lack the version node PASSWORDLESS_<ABI>.
"""
import argparse
import pathlib
import re
import subprocess
import sys

from c_header import Header

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", required=True)
    ap.add_argument("--header", default=str(ROOT / "include" / "passwordless.h"))
    ap.add_argument("--symbols", default=str(ROOT / "tests" / "c_api" / "symbols.txt"))
    ap.add_argument("--update", action="store_true", help="rewrite symbols.txt from the library")
    a = ap.parse_args()
    header = Header(a.header)
    abi = header.abi_version
    problems = []

    nm = subprocess.run(["nm", "-D", "--defined-only", a.lib], check=True, capture_output=True, text=True).stdout
    exported = []
    for line in nm.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        kind, name = parts[1], parts[2]
        if kind == "A":  # the version node itself
            if name != f"PASSWORDLESS_{abi}":
                problems.append(f"unexpected version node {name} (want PASSWORDLESS_{abi})")
            continue
        base, _, node = name.partition("@")
        if not base.startswith("passwordless_"):
            problems.append(f"exported symbol outside the C ABI: {name}")
            continue
        if kind != "T":
            problems.append(f"exported C ABI symbol is not a function: {line.strip()}")
        if node.lstrip("@") != f"PASSWORDLESS_{abi}":
            problems.append(f"{base} is not in the version node PASSWORDLESS_{abi} ({name})")
        exported.append(base)
    exported.sort()

    symbols = pathlib.Path(a.symbols)
    if a.update:
        symbols.write_text("".join(f"{s}\n" for s in exported))
    listed = [l.strip() for l in symbols.read_text().splitlines() if l.strip() and not l.startswith("#")]
    for s in sorted(set(listed) - set(exported)):
        problems.append(f"{s} is in symbols.txt but not exported (removing a function breaks the ABI)")
    for s in sorted(set(exported) - set(listed)):
        problems.append(f"{s} is exported but not in symbols.txt (record new functions with --update)")
    declared = sorted(header.functions)
    for s in sorted(set(declared) - set(listed)):
        problems.append(f"{s} is declared in passwordless.h but not in symbols.txt")
    for s in sorted(set(listed) - set(declared)):
        problems.append(f"{s} is in symbols.txt but not declared in passwordless.h")

    dyn = subprocess.run(["readelf", "-d", a.lib], check=True, capture_output=True, text=True).stdout
    m = re.search(r"\(SONAME\)\s+Library soname: \[(.*)\]", dyn)
    if not m or m.group(1) != f"libpasswordless.so.{abi}":
        problems.append(f"SONAME is {m.group(1) if m else 'missing'}, want libpasswordless.so.{abi}")

    for p in problems:
        print("check_abi:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"check_abi: {len(exported)} functions, SONAME libpasswordless.so.{abi}, version node PASSWORDLESS_{abi}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
