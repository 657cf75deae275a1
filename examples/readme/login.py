"""The Python SDK (examples/python) in brief, for README.md ("From other languages"): a login driven to
the code prompt and through a wrong code, with canned answers instead of a network. Run by
ctest/meson test readme_python with PASSWORDLESS_LIBRARY naming libpasswordless."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "python"))

# README: begin
import passwordless as pl

client = pl.Client(domain="example.auth0.com", client_id="abc123")
login = pl.Login(client, scope="openid email")
step = login.start("email", email="alice@example.com", send="code")
assert step.next == "send_request" and step.request.url == "https://example.auth0.com/passwordless/start"
step = login.on_response(200, [("content-type", "application/json")], b"{}")  # what your HTTP client got
assert step.next == "ask_for_code" and step.event == "code_sent"
step = login.submit_code("123456")  # the code the user typed
assert step.request.url == "https://example.auth0.com/oauth/token"
step = login.on_response(403, [("content-type", "application/json")],
                         b'{"error":"invalid_grant","error_description":"Wrong email or verification code."}')
assert step.next == "ask_for_code" and step.error.kind == "wrong_code" and step.error.action == "retry_code"
# README: end
print("ok:", step.error.kind, step.error.action)
