#!/usr/bin/env python3
"""Two builds of the conformance driver give the same answers: passwordless-driver (header-only)
and passwordless-driver-one-tu (the one-translation-unit mode, README "One-translation-unit
mode"). For every vector under the given folders (*.json, recursively) both drivers get the case
on stdin and must exit alike and print byte-identical output; then run_vectors.py must pass with
each driver and report the same lines.

usage: compare_modes.py RUN_VECTORS_PY DRIVER_A DRIVER_B DIR_OR_FILE...   (exit 1 on any difference)"""
import json
import pathlib
import subprocess
import sys


def answer(driver, case):
    proc = subprocess.run([driver, "vector"], input=case, capture_output=True, timeout=60)
    return proc.returncode, proc.stdout


def main():
    if len(sys.argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    runner, first, second, dirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    paths = [pathlib.Path(d) for d in dirs]
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*.json")))]
    if not files:
        print(f"compare_modes.py: no vectors under {' '.join(dirs)}")
        return 1
    differ = 0
    for f in files:
        case = json.dumps(json.loads(f.read_text(encoding="utf-8"))["case"]).encode()
        a, b = answer(first, case), answer(second, case)
        if a != b:
            differ += 1
            print(f"DIFFER {f}:\n  {first}: {a}\n  {second}: {b}")
    reports = []
    for driver in (first, second):
        proc = subprocess.run([sys.executable, runner, "--driver", driver, "--verbose", *dirs],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"run_vectors.py failed with {driver}:\n{proc.stdout}{proc.stderr}")
            return 1
        reports.append(proc.stdout)
    if reports[0] != reports[1]:
        print("run_vectors.py reports differ between the two drivers")
        return 1
    print(f"{len(files)} vectors, {differ} different answers; run_vectors.py: {reports[0].strip().splitlines()[-1]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
