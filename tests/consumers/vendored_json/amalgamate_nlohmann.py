#!/usr/bin/env python3
"""Writes nlohmann/json as one file, the way its release's single_include/nlohmann/json.hpp is
made: every #include <nlohmann/...> inlined once, from the multi-header copy under SOURCE
(default /usr/include). usage: amalgamate_nlohmann.py OUTPUT [SOURCE]"""
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
source = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/include")
include = re.compile(r'^\s*#\s*include\s*[<"](nlohmann/[^">]+)[">]')
done = set()
lines = []


def emit(name):
    done.add(name)
    for line in (source / name).read_text(encoding="utf-8").splitlines():
        m = include.match(line)
        if m:
            if m.group(1) not in done:
                emit(m.group(1))
            continue
        lines.append(line)


emit("nlohmann/json.hpp")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
