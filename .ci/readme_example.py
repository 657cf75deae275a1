#!/usr/bin/env python3
"""Checks README.md and compiles its C++ usage example. usage: readme_example.py OUT.cpp

1. README.md is for a newcomer: at most 400 lines, no dates, load averages or round-by-round
   history; every in-page link names a heading and every relative link an existing file; the
   README section .ci/demo points to exists.
2. Every fenced code block is checked by CI, one of:
   - the usage example (the `cpp` block after "## Usage", marked `<!-- usage example: ... -->`),
     written to OUT.cpp below with stand-ins for the caller's functions; .ci/run compiles and runs
     it four times: a wrong code then the right one (must succeed), and a user who types garbage
     forever, keeps typing wrong codes, or closes the prompt (each must end, without tokens);
   - a snippet: a block right after `<!-- snippet: examples/PATH -->` must equal that file, or,
     when the file has the lines `README: begin` and `README: end` (in comments), the lines between
     them with their common indentation removed. The file must be built by both examples/CMakeLists.txt
     and meson.build (C, C++) or named there as a test (Python), so CI compiles and runs it;
   - the C# example (a `csharp` block after `<!-- csharp example ... -->`), equal to the one in
     examples/csharp/README.md, which examples/csharp/test.sh compiles and runs;
   - a shell block (`sh`): commands, whose repository paths (`.ci/...`, `tests/...`, `examples/...`,
     `include/...`) must exist.
   Any other block fails the check.
Exits 1 naming every problem (OUT.cpp is not written then)."""
import base64
import json
import pathlib
import re
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_LINES = 400
FENCE = re.compile(r"^```(\w*)\s*$")
SNIPPET = re.compile(r"^<!-- snippet: (examples/[\w./-]+) -->$")
USAGE_MARK = re.compile(r"^<!-- usage example: .* -->$")
HISTORY = [(re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b"), "a date"),
           (re.compile(r"load average", re.I), "a load average"),
           (re.compile(r"\b(this|last|next|previous) round\b|\bround-by-round\b", re.I), "round-by-round history")]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def snippet_text(path):
    """The file, or its lines between `README: begin` and `README: end`, dedented."""
    text = path.read_text()
    lines = text.splitlines()
    begin = [i for i, l in enumerate(lines) if "README: begin" in l]
    end = [i for i, l in enumerate(lines) if "README: end" in l]
    if not begin and not end:
        return text
    if len(begin) != 1 or len(end) != 1 or end[0] < begin[0]:
        return None
    return textwrap.dedent("\n".join(lines[begin[0] + 1:end[0]]) + "\n")


def built_by_ci(rel):
    """A C/C++ example must be a source of a program in both build files; a Python one a test's
    argument in both."""
    cmake = (ROOT / "examples" / "CMakeLists.txt").read_text()
    meson = (ROOT / "meson.build").read_text()
    in_cmake = rel[len("examples/"):] in cmake
    in_meson = rel in meson
    return in_cmake and in_meson


def check_readme(readme):
    problems = []
    lines = readme.splitlines()
    if len(lines) > MAX_LINES:
        problems.append(f"README.md has {len(lines)} lines; at most {MAX_LINES}")
    for n, line in enumerate(lines, 1):
        for pattern, what in HISTORY:
            if pattern.search(line):
                problems.append(f"README.md:{n}: {what} (reference only, no logs): {line.strip()[:80]}")
    anchors = {slug(l.lstrip("#")) for l in lines if re.match(r"^#{1,6} ", l)}
    for n, line in enumerate(lines, 1):
        for target in re.findall(r"\]\(([^)\s]+)\)", line):
            if target.startswith("#"):
                if target[1:] not in anchors:
                    problems.append(f"README.md:{n}: link to a missing section {target}")
            elif not re.match(r"^[a-z]+:", target) and not (ROOT / target.split("#")[0]).exists():
                problems.append(f"README.md:{n}: link to a missing file {target}")
    demo = (ROOT / ".ci" / "demo").read_text()
    for section in re.findall(r'README\.md,? "([^"]+)"', demo):
        if slug(section) not in anchors:
            problems.append(f'.ci/demo points to README section "{section}", which does not exist')

    usage_blocks = 0
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        lang, start = m.group(1), i
        i += 1
        while i < len(lines) and lines[i] != "```":
            i += 1
        body = "\n".join(lines[start + 1:i]) + "\n"
        i += 1
        before = lines[start - 1] if start > 0 else ""
        where = f"README.md:{start + 1}"
        if lang == "":
            problems.append(f"{where}: a code block without a language")
        elif USAGE_MARK.match(before):
            usage_blocks += 1
            if lang != "cpp":
                problems.append(f"{where}: the usage example must be a cpp block")
        elif SNIPPET.match(before):
            rel = SNIPPET.match(before).group(1)
            path = ROOT / rel
            if not path.is_file():
                problems.append(f"{where}: snippet of {rel}, which does not exist")
                continue
            if not built_by_ci(rel):
                problems.append(f"{where}: {rel} is not built or run by both examples/CMakeLists.txt and meson.build")
            expected = snippet_text(path)
            if expected is None:
                problems.append(f"{where}: {rel} has unbalanced README: begin/end markers")
            elif body != expected:
                problems.append(f"{where}: the block differs from {rel} (copy the file's text, or its README: begin/end region)")
        elif lang == "csharp" and before.startswith("<!-- csharp example"):
            # examples/csharp/test.sh compiles and runs the block of examples/csharp/README.md:
            # this one must be the same.
            theirs = re.search(r"^<!-- csharp example[^\n]*\n```csharp\n(.*?\n)```$",
                               (ROOT / "examples" / "csharp" / "README.md").read_text(), re.S | re.M)
            if not theirs or theirs.group(1) != body:
                problems.append(f"{where}: the C# block differs from examples/csharp/README.md's, which test.sh runs")
        elif lang == "sh":
            for ref in re.findall(r"(?<![\w/.-])((?:\.ci|tests|examples|include)/[\w./-]*\w)", body):
                if not (ROOT / ref).exists():
                    problems.append(f"{where}: the shell block names {ref}, which does not exist")
        else:
            problems.append(f"{where}: a {lang} block that no CI step checks: mark it as a snippet of a file under "
                            "examples/ that CI builds, or use an sh block of commands")
    if usage_blocks != 1:
        problems.append(f"README.md must hold exactly one usage example; found {usage_blocks}")
    problems += check_action_table(readme)
    return problems


def check_action_table(readme):
    """The table under "## Errors and actions" lists every kind once, in the row of the action
    that action_for (include/passwordless/error.hpp) gives it."""
    header = (ROOT / "include" / "passwordless" / "error.hpp").read_text()
    truth = dict(re.findall(r"case error_kind::(\w+): return error_action::(\w+);", header))
    section = readme.split("## Errors and actions", 1)[-1].split("\n## ", 1)[0]
    seen = {}
    for row in re.findall(r"^\| `(\w+)` \| (.*?) \| [^|]* \|$", section, re.M):
        action, kinds = row
        for kind in re.findall(r"`(\w+)`", re.sub(r"\([^)]*\)", "", kinds)):
            if kind in seen:
                return [f"README.md: the action table lists {kind} twice"]
            seen[kind] = action
    problems = [f"README.md: the action table puts {k} under {seen.get(k)}; error.hpp says {a}"
                for k, a in truth.items() if seen.get(k) != a]
    problems += [f"README.md: the action table lists {k}, which error.hpp does not have" for k in seen if k not in truth]
    return problems


readme = (ROOT / "README.md").read_text()
problems = check_readme(readme)
if problems:
    sys.stderr.write("readme_example.py: README.md fails its checks:\n" + "".join(f"  {p}\n" for p in problems))
    sys.exit(1)
print("README.md: %d lines; every code block is checked" % len(readme.splitlines()))
code = re.search(r"## Usage\n\n<!-- usage example: .*? -->\n```cpp\n(.*?)```", readme, re.S).group(1)
lines = code.splitlines()
head = [l for l in lines if l.startswith("#include") or l.startswith("namespace pl")]
body = [l for l in lines if l not in head]
claims = {"iss": "https://example.auth0.com/", "sub": "email|1", "aud": "abc123", "iat": 1700000000,
          "exp": 1700036000, "email": "alice@example.com"}
id_token = ".".join([b64url(b'{"alg":"RS256","typ":"JWT","kid":"k1"}'), b64url(json.dumps(claims).encode()), b64url(b"sig")])
token_body = json.dumps({"access_token": "at", "token_type": "Bearer", "expires_in": 60, "id_token": id_token})
src = "\n".join(head) + """
#include <optional>
#include <string>
#include <type_traits>
// Stand-ins for what the caller brings.
pl::unix_seconds now() { return 1700000000; }
// The key verifier's answer: a bool, or an enum with verified and bad_signature.
using key_verdict = std::invoke_result_t<pl::key_signature_verifier, const pl::signature_input&, const pl::jwk&>;
template <typename R>
R verdict(bool valid) {
    if constexpr (std::is_same_v<R, bool>) {
        return valid;
    } else {
        return valid ? R::verified : R::bad_signature;
    }
}
key_verdict my_signature_check(const pl::signature_input& in, const pl::jwk& key) { return verdict<key_verdict>(in.key_id == key.kid); }
int wrong_codes = 0;
pl::response http_send(const pl::request& r) {
    pl::response out;
    out.status = 200;
    out.headers = {{"content-type", "application/json"}};
    if (r.method == "GET") {
        out.body = R"({"keys":[{"kty":"RSA","kid":"k1","use":"sig","n":"2716qRDfc2SWyag0","e":"AQAB"}]})";
        return out;
    }
    if (r.url.find("/oauth/token") == std::string::npos) return out;
    if (r.body.find("\\"otp\\":\\"000000\\"") != std::string::npos) {
        out.status = 403;
        out.body = R"({"error":"invalid_grant","error_description":"Wrong email or verification code."})";
        return out;
    }
    out.body = R"JSON(""" + token_body + """)JSON";
    return out;
}
int show(const pl::error&) { return 1; }
int give_up(const pl::flow_step&) { return 1; }
enum class user { wrong_then_right, garbage_forever, wrong_forever, closes_prompt } mode = user::wrong_then_right;
int prompts = 0;
std::optional<std::string> ask_user_for_code(const std::optional<pl::error>& previous) {
    ++prompts;
    switch (mode) {
        case user::wrong_then_right:
            if (previous) ++wrong_codes;
            return std::string(previous ? "123456" : "000000");
        case user::garbage_forever: return std::string("not a code");
        case user::wrong_forever: return std::string("000000");
        case user::closes_prompt: return std::nullopt;
    }
    return std::nullopt;
}
int kept = 0;
void keep(const std::string& access_token, std::optional<std::string_view> email) {
    kept = access_token == "at" && email == "alice@example.com" && wrong_codes == 1;
}
int run() {
""" + "\n".join(body) + """
    return kept ? 0 : 1;
}
int main() {
    if (run() != 0) return 1;
    for (user u : {user::garbage_forever, user::wrong_forever, user::closes_prompt}) {
        mode = u;
        kept = 0;
        prompts = 0;
        if (run() == 0 || kept || prompts > 20) return 2;  // it ended, without tokens
    }
    return 0;
}
"""
pathlib.Path(sys.argv[1]).write_text(src)
