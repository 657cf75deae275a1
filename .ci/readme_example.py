#!/usr/bin/env python3
"""Compiles the C++ usage example of README.md (with stand-ins for the caller's functions) and
runs it, so the README cannot drift from the API. usage: readme_example.py OUT.cpp"""
import pathlib
import re
import sys

readme = pathlib.Path(__file__).resolve().parent.parent / "README.md"
code = re.search(r"## Usage\n\n```cpp\n(.*?)```", readme.read_text(), re.S).group(1)
lines = code.splitlines()
head = [l for l in lines if l.startswith("#include") or l.startswith("namespace pl")]
body = [l for l in lines if l not in head]
src = "\n".join(head) + """
#include <optional>
#include <string>
// Stand-ins for what the caller brings.
pl::response http_send(const pl::request& r) {
    pl::response out;
    out.status = 200;
    out.body = r.url.find("/oauth/token") != std::string::npos
                   ? R"({"access_token":"at","token_type":"Bearer","expires_in":60})" : "";
    return out;
}
int show(const pl::error&) { return 1; }
std::string ask_user_for_code() { return "123456"; }
int kept = 0;
void keep(const std::string&, const std::optional<std::string>&, const std::optional<pl::unix_seconds>&) { kept = 1; }
int run(pl::unix_seconds now) {
""" + "\n".join(body) + """
    return kept ? 0 : 1;
}
int main() { return run(1700000000); }
"""
pathlib.Path(sys.argv[1]).write_text(src)
