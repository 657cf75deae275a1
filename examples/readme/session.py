"""The session after the login with the Python SDK (examples/python), for README.md ("Beyond the
login"): an API call that refreshes on a 401, then logout. Canned answers instead of a network. Run
by ctest/meson test readme_python_session with PASSWORDLESS_LIBRARY naming libpasswordless."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "python"))

JSON = [("content-type", "application/json")]


def http_send(request):
    """Stands for your HTTP client: the API wants "Bearer at-2"."""
    if request.url.endswith("/oauth/token"):
        return 200, JSON, b'{"access_token":"at-2","token_type":"Bearer","expires_in":86400,"refresh_token":"rt-2"}'
    if request.url.endswith("/oauth/revoke"):
        return 200, [], b""
    if ("authorization", "Bearer at-2") in request.headers:
        return 200, JSON, b'{"me":1}'
    return 401, [("www-authenticate", 'Bearer error="invalid_token"')], b""


# README: begin
import passwordless as pl

client = pl.Client(domain="example.auth0.com", client_id="abc123")
tokens = {"access_token": "at-1", "refresh_token": "rt-1"}
call_api = lambda: http_send(pl.Request("GET", "https://api.example.com/me",
                                        [("authorization", "Bearer " + tokens["access_token"])], b""))
status, headers, body = call_api()
if status >= 400 and pl.resource_error(status, headers, body).action == "refresh":
    tokens = client.token_response(*http_send(client.refresh_request(tokens["refresh_token"])))
    status, headers, body = call_api()  # a PasswordlessError above (invalid_refresh_token): log in again
client.revoke_response(*http_send(client.revoke_request(tokens["refresh_token"])))
url = client.logout_url("https://app.example.com/bye")  # open it in the browser
# README: end
assert status == 200 and url.endswith("returnTo=https%3A%2F%2Fapp.example.com%2Fbye"), (status, url)
print("ok:", status, url)
