#!/usr/bin/env python3
"""Checks that CMake and Meson build the same sets: the same programs and the same tests, from one
list of unit test sources (tests/unit_tests.list) and one of fuzz targets (tests/fuzz/targets.list)
that both read, and that those lists match the files on disk. Exits 1 naming every difference.

usage: check_lists.py"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Programs only CMake builds, each behind an option Meson has no counterpart for.
CMAKE_ONLY_PROGRAMS = {"passwordless_tests_single", "${_pl_target}"}  # the latter: passwordless_libfuzzer_*
CMAKE_ONLY_TESTS = {"unit_single_header"}
# Test sources with their own program (they need OpenSSL), named in both build files directly.
OWN_PROGRAM = {"test_openssl_verifier.cpp", "test_openssl_dpop_signer.cpp", "test_openssl_dpop_signer_single.cpp"}


def read_list(path):
    lines = [l.strip() for l in path.read_text().splitlines()]
    return [l for l in lines if l]


def cmake_names(pattern):
    names = set()
    for f in [ROOT / "CMakeLists.txt", *ROOT.glob("examples/**/CMakeLists.txt"), ROOT / "tests" / "CMakeLists.txt"]:
        names |= set(re.findall(pattern, f.read_text()))
    return names


def normalise(names, loop_var):
    """passwordless_fuzz_${_t} and 'passwordless_fuzz_' + t both become passwordless_fuzz_*."""
    return {re.sub(loop_var, "*", n) for n in names}


def main():
    problems = []
    tests = ROOT / "tests"
    unit = read_list(tests / "unit_tests.list")
    on_disk = {str(p.relative_to(tests)) for p in tests.glob("test_*.cpp")} | {
        str(p.relative_to(tests)) for p in tests.glob("detail/test_*.cpp")} | {
        str(p.relative_to(tests)) for p in tests.glob("c_api/test_*.cpp")}
    on_disk -= OWN_PROGRAM
    if len(set(unit)) != len(unit):
        problems.append("tests/unit_tests.list names a file twice")
    for missing in sorted(on_disk - set(unit)):
        problems.append(f"tests/{missing} is in no build: add it to tests/unit_tests.list")
    # Not tests themselves: the doctest main, and the C ABI's implementation unit.
    for gone in sorted(set(unit) - on_disk - {"main.cpp", "c_api/implementation.cpp"}):
        problems.append(f"tests/unit_tests.list names {gone}, which does not exist")

    fuzz = read_list(tests / "fuzz" / "targets.list")
    fuzz_disk = {p.stem[len("fuzz_"):] for p in (tests / "fuzz").glob("fuzz_*.cpp")}
    for missing in sorted(fuzz_disk - set(fuzz)):
        problems.append(f"tests/fuzz/fuzz_{missing}.cpp is not in tests/fuzz/targets.list")
    for gone in sorted(set(fuzz) - fuzz_disk):
        problems.append(f"tests/fuzz/targets.list names {gone}, which has no fuzz_{gone}.cpp")

    meson = (ROOT / "meson.build").read_text()
    cmake_tests_file = (tests / "CMakeLists.txt").read_text()
    for name in ("tests/unit_tests.list", "tests/fuzz/targets.list"):
        if name not in meson:
            problems.append(f"meson.build does not read {name}")
    for name in ("unit_tests.list", "fuzz/targets.list"):
        if name not in cmake_tests_file:
            problems.append(f"tests/CMakeLists.txt does not read {name}")

    cm_programs = normalise(cmake_names(r"add_executable\(\s*([\w${}.-]+)"), r"\$\{_t\}") - CMAKE_ONLY_PROGRAMS
    me_programs = normalise(set(re.findall(r"executable\(\s*('[^']*'(?:\s*\+\s*\w+)?)", meson)), r"'\s*\+\s*t$")
    me_programs = {n.strip("'") .replace("'", "") for n in me_programs}
    cm_tests = normalise(cmake_names(r"add_test\(\s*NAME\s+([\w${}.-]+)"), r"\$\{_t\}") - CMAKE_ONLY_TESTS
    me_tests = normalise(set(re.findall(r"\btest\(\s*('[^']*'(?:\s*\+\s*\w+)?)", meson)), r"'\s*\+\s*t$")
    me_tests = {n.replace("'", "") for n in me_tests}
    for kind, cm, me in (("program", cm_programs, me_programs), ("test", cm_tests, me_tests)):
        for n in sorted(cm - me):
            problems.append(f"CMake builds the {kind} {n}, Meson does not")
        for n in sorted(me - cm):
            problems.append(f"Meson builds the {kind} {n}, CMake does not")

    if problems:
        sys.stderr.write("check_lists.py: CMake and Meson disagree, or a list is stale:\n")
        for p in problems:
            sys.stderr.write(f"  {p}\n")
        return 1
    print(f"CMake and Meson build the same {len(cm_programs)} programs and {len(cm_tests)} tests "
          f"({len(unit)} unit test sources, {len(fuzz)} fuzz targets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
