#!/usr/bin/env python3
"""Makes the single header include/single/passwordless.hpp from include/passwordless.hpp and the
headers under include/passwordless/: every "passwordless/..." include is replaced by the file's
text, once, in include order; other includes (the standard library, nlohmann/json) stay as they
are. The version check of passwordless/version.hpp (the part before its include guard) is also
put at the very top, so it runs even when another copy's guards make the rest a no-op.

usage: amalgamate.py            write include/single/passwordless.hpp
       amalgamate.py --check    fail (exit 1) if that file differs from what would be written
       amalgamate.py -o PATH    write PATH instead

Like nlohmann's amalgamate.py it understands plain #include lines only: an #include inside a raw
string literal or behind a macro would confuse it (the library has neither)."""
import argparse
import difflib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
ENTRY = "passwordless.hpp"
VERSION_HEADER = "passwordless/version.hpp"
TARGET = INCLUDE / "single" / "passwordless.hpp"
REGENERATE = "python3 .ci/amalgamate.py"

INCLUDE_LINE = re.compile(r'^\s*#\s*include\s*[<"](passwordless(?:\.hpp|/[^">]+))[">]')
GUARD = re.compile(r"^#ifndef (PASSWORDLESS_\w+_HPP)\n#define \1\n", re.M)


def fail(message):
    sys.stderr.write(f"amalgamate.py: {message}\n")
    sys.exit(1)


def read(name):
    path = INCLUDE / name
    if not path.is_file():
        fail(f"include/{name} not found")
    return path.read_text(encoding="utf-8")


def split_at_guard(name, text):
    """(the part before the include guard, the guard and everything after it)."""
    m = GUARD.search(text)
    if not m:
        fail(f"include/{name} has no include guard (#ifndef PASSWORDLESS_..._HPP / #define)")
    return text[: m.start()], text[m.start():]


def version_of(text):
    """The version defined by version.hpp, after checking that its numbers agree everywhere."""
    nums = {}
    for part in ("MAJOR", "MINOR", "PATCH"):
        m = re.search(rf"^#define PASSWORDLESS_VERSION_{part} (\d+)$", text, re.M)
        if not m:
            fail(f"{VERSION_HEADER} does not define PASSWORDLESS_VERSION_{part}")
        nums[part] = m.group(1)
    version = "{MAJOR}.{MINOR}.{PATCH}".format(**nums)
    m = re.search(r'^#define PASSWORDLESS_VERSION_STRING "([^"]*)"$', text, re.M)
    if not m or m.group(1) != version:
        fail(f"{VERSION_HEADER}: PASSWORDLESS_VERSION_STRING does not say {version}")
    check = ("PASSWORDLESS_VERSION_MAJOR != {MAJOR} || PASSWORDLESS_VERSION_MINOR != {MINOR} || "
             "PASSWORDLESS_VERSION_PATCH != {PATCH}").format(**nums)
    if check not in text:
        fail(f"{VERSION_HEADER}: the version check does not compare against {version}; expected `{check}`")
    if text.count(f"passwordless {version} met a different version") != 2:
        fail(f"{VERSION_HEADER}: both version-check messages must name passwordless {version}")
    return version


def amalgamate():
    version_text = read(VERSION_HEADER)
    version = version_of(version_text)
    version_preamble, _ = split_at_guard(VERSION_HEADER, version_text)
    done = set()
    out = []

    def emit(name):
        done.add(name)  # like an include guard: a second #include of it is a no-op
        text = read(name)
        if name == VERSION_HEADER:
            _, text = split_at_guard(name, text)  # its preamble is already at the top
            text = "// passwordless/version.hpp (its version check is at the top of this file)\n" + text
        for line in text.splitlines():
            m = INCLUDE_LINE.match(line)
            if not m:
                out.append(line)
                continue
            dep = m.group(1)
            if dep in done:
                out.append(f"// {line.strip()} (above)")
            else:
                out.append(f"// {line.strip()}")
                emit(dep)

    emit(ENTRY)
    banner = [
        f"// passwordless {version}: the whole library in one header.",
        "// GENERATED FILE, do not edit. It is include/passwordless.hpp with every passwordless/",
        f"// header inlined, made by .ci/amalgamate.py; after changing a header run `{REGENERATE}`.",
        "// Needs nlohmann/json 3.11 (<nlohmann/json.hpp>) and C++17. MIT licence.",
        "",
    ]
    return "\n".join(banner) + version_preamble + "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("-o", "--output", type=pathlib.Path, default=TARGET)
    args = parser.parse_args()
    text = amalgamate()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(),
                                             "committed", "generated", lineterm="", n=1))
            sys.stderr.write("\n".join(diff[:40]) + ("\n...\n" if len(diff) > 40 else "\n"))
            fail(f"{args.output} is out of date with include/: run `{REGENERATE}` and commit the result")
        print(f"single header is up to date ({len(text.splitlines())} lines)")
        return
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.splitlines())} lines)")


if __name__ == "__main__":
    main()
