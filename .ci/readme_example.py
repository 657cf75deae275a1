#!/usr/bin/env python3
"""Compiles the C++ usage example of README.md (with stand-ins for the caller's functions) and
runs it, so the README cannot drift from the API. The program runs the example four times: a wrong
code then the right one (must succeed), and a user who types garbage forever, keeps typing wrong
codes, or closes the prompt (each must end, without tokens). usage: readme_example.py OUT.cpp"""
import base64
import json
import pathlib
import re
import sys


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


readme = pathlib.Path(__file__).resolve().parent.parent / "README.md"
code = re.search(r"## Usage\n\n```cpp\n(.*?)```", readme.read_text(), re.S).group(1)
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
// Stand-ins for what the caller brings.
pl::unix_seconds now() { return 1700000000; }
bool my_signature_check(const pl::signature_input& in, const pl::jwk& key) { return in.key_id == key.kid; }
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
