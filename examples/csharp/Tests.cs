// Tests.cs: tests of the C# binding against examples/dev-tenant through libpasswordless, with a
// small runner (no framework): each test asserts real behaviour; the exit status is the number of
// failed tests (at most 100). test.sh builds and runs it.
//
// usage: mono Tests.exe --tenant URL [--readme-tenant URL] [--only NAME]
//        mono Tests.exe --tenant URL --save FILE      (phase 1 of save/restore: start, save)
//        mono Tests.exe --tenant URL --restore FILE   (phase 2, another process: restore, finish)
using System;
using System.Collections.Generic;
using System.IO;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Passwordless;

internal sealed class AssertionFailed : Exception
{
    public AssertionFailed(string message) : base(message) { }
}

internal static class Tests
{
    private static string tenant;
    private static int verifierCalls;
    private static string lastJwk = "";

    // ---- helpers: assertions, HTTP, the dev tenant, the RS256 verifier -------------------------------

    private static void Check(bool condition, string what)
    {
        if (!condition)
            throw new AssertionFailed(what);
    }

    private static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new AssertionFailed(what + ": expected " + expected + ", got " + actual);
    }

    private static T Ok<T>(Result<T> r, string what)
    {
        if (!r.IsOk)
            throw new AssertionFailed(what + " failed: " + r.Error);
        return r.Value;
    }

    private static Error Err<T>(Result<T> r, string what)
    {
        if (r.IsOk)
            throw new AssertionFailed(what + " succeeded; expected an error");
        return r.Error;
    }

    /// <summary>Sends a Request (to `url` instead of its own when given) with HttpWebRequest, no
    /// proxy, no redirects; any status is an answer.</summary>
    internal static Response HttpSend(Request req, string url = null)
    {
        var http = (HttpWebRequest)WebRequest.Create(url ?? req.Url);
        http.Method = req.Method;
        http.Proxy = null;
        http.AllowAutoRedirect = false;
        foreach (var h in req.Headers)
        {
            switch (h.Key.ToLowerInvariant())
            {
                case "content-type": http.ContentType = h.Value; break;
                case "accept": http.Accept = h.Value; break;
                case "user-agent": http.UserAgent = h.Value; break;
                case "content-length": case "host": case "connection": break;
                default: http.Headers.Add(h.Key, h.Value); break;
            }
        }
        if (req.Method != "GET" && req.Method != "HEAD")
        {
            http.ContentLength = req.Body.Length;
            using (var s = http.GetRequestStream())
                s.Write(req.Body, 0, req.Body.Length);
        }
        HttpWebResponse resp;
        try
        {
            resp = (HttpWebResponse)http.GetResponse();
        }
        catch (WebException e) when (e.Response is HttpWebResponse)
        {
            resp = (HttpWebResponse)e.Response;
        }
        using (resp)
        using (var body = new MemoryStream())
        {
            using (var s = resp.GetResponseStream())
                s.CopyTo(body);
            var answer = new Response((int)resp.StatusCode, body.ToArray());
            foreach (string name in resp.Headers.AllKeys)
                foreach (string value in resp.Headers.GetValues(name) ?? new string[0])
                    answer.AddHeader(name, value);
            return answer;
        }
    }

    private static string Get(string url)
    {
        var http = (HttpWebRequest)WebRequest.Create(url);
        http.Proxy = null;
        using (var resp = http.GetResponse())
        using (var r = new StreamReader(resp.GetResponseStream(), Encoding.UTF8))
            return r.ReadToEnd();
    }

    private static string JsonString(string json, string member)
    {
        var m = Regex.Match(json, "\"" + Regex.Escape(member) + "\"\\s*:\\s*\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    internal static string MailboxCode(string baseUrl, string to)
    {
        return JsonString(Get(baseUrl + "/dev/mailbox?to=" + Uri.EscapeDataString(to)), "code");
    }

    private static byte[] Base64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }

    /// <summary>RS256 with System.Security.Cryptography over the key the login hands over (the JWK
    /// of the fetched or given key set that the token's kid names).</summary>
    internal static bool Rs256(string alg, string kid, byte[] signingInput, byte[] signature, string jwk)
    {
        Interlocked.Increment(ref verifierCalls);
        lastJwk = jwk;
        if (alg != "RS256" || JsonString(jwk, "kty") != "RSA")
            return false;
        using (var rsa = RSA.Create())
        {
            rsa.ImportParameters(new RSAParameters { Modulus = Base64Url(JsonString(jwk, "n")), Exponent = Base64Url(JsonString(jwk, "e")) });
            return rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    private static Result<Client> NewClient(string url = null)
    {
        return Client.Create(new ClientOptions { BaseUrl = url ?? tenant, ClientId = "dev-client" });
    }

    private static LoginOptions Options(SignatureVerifier verifier = null)
    {
        return new LoginOptions { Scope = "openid email offline_access", VerifyIdToken = true, FetchKeys = true, Verifier = verifier ?? Rs256 };
    }

    /// <summary>The README's loop: send requests, type `codes` first (wrong ones), then the mailbox's.</summary>
    private static Step Drive(Login login, Step step, string to, List<Error> errors, params string[] codes)
    {
        int typed = 0;
        while (step.Next == Next.SendRequest || step.Next == Next.AskForCode)
        {
            Step next;
            if (step.Request != null)
            {
                next = Ok(login.OnResponse(HttpSend(step.Request)), "on_response");
            }
            else
            {
                if (step.Error != null)
                    errors.Add(step.Error);
                next = Ok(login.SubmitCode(typed < codes.Length ? codes[typed++] : MailboxCode(tenant, to)), "submit_code");
            }
            step.Dispose();
            step = next;
        }
        return step;
    }

    private static Step StartEmail(Login login, string email)
    {
        return Ok(login.Start(new StartParams { Connection = "email", Email = email, Send = "code" }), "start");
    }

    // ---- tests ---------------------------------------------------------------------------------------

    private static void LibraryMatchesBinding()
    {
        string version = Ok(Library.Check(), "Library.Check");
        Equal(2, version.Split('.').Length - 1, "dots in the version " + version);
        Check(Library.VersionNumber > 0, "version number");
        Equal("wrong_code", Library.StatusName((int)ErrorKind.WrongCode), "status name");
        Equal("retry_code", Library.ActionName(ErrorAction.RetryCode), "action name");
        Equal("awaiting_code", Library.StateName(LoginState.AwaitingCode), "state name");
        Equal("ask_for_code", Library.NextName(Next.AskForCode), "next name");
    }

    private static void EmailCodeWrongThenRightWithFetchedKeys()
    {
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login"))
        {
            int before = verifierCalls;
            var first = StartEmail(login, "alice@example.com");
            Equal(Next.SendRequest, first.Next, "after start");
            Check(first.Request.Url.EndsWith("/passwordless/start"), "start URL " + first.Request.Url);
            var errors = new List<Error>();
            var step = Drive(login, first, "alice@example.com", errors, "000000");
            Check(step.Error == null, "error at the end: " + step.Error);
            Equal(Next.Done, step.Next, "next");
            Equal(1, errors.Count, "refusals");
            Equal(ErrorKind.WrongCode, errors[0].Kind, "kind");
            Equal(ErrorAction.RetryCode, errors[0].Action, "action");
            Equal(403, errors[0].HttpStatus, "HTTP status");
            Equal((Status)(int)ErrorKind.WrongCode, errors[0].Status, "status equals the kind");
            Equal("wrong_code", errors[0].Name, "name");
            Equal("alice@example.com", Ok(step.Claims.GetString("email"), "email claim"), "email claim");
            Check(Ok(step.Claims.Json(), "claims json").Contains("\"sub\""), "claims JSON has sub");
            Equal(Status.Absent, step.Claims.GetString("no_such_claim").Error.Status, "absent claim");
            Check(!string.IsNullOrEmpty(step.Tokens.AccessToken), "access token");
            Check(!string.IsNullOrEmpty(step.Tokens.RefreshToken), "refresh token (offline_access)");
            Check(step.Tokens.ExpiresAt.HasValue, "expires_at");
            Equal(LoginState.Authenticated, Ok(login.State(), "state"), "state");
            Equal(before + 1, verifierCalls, "verifier calls");
            Equal("RSA", JsonString(lastJwk, "kty"), "the verifier got the fetched key");
            var claims = step.Claims;
            step.Dispose();
            Equal(Status.BadHandle, Err(claims.GetString("email"), "claims of a disposed step").Status, "claims after the step");
        }
    }

    private static void FailedKeyFetchIsRetried()
    {
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login"))
        {
            var step = StartEmail(login, "gil@example.com");
            bool failedOnce = false;
            while (step.Next == Next.SendRequest || step.Next == Next.AskForCode)
            {
                if (step.Request != null && step.Request.Url.EndsWith("/.well-known/jwks.json") && !failedOnce)
                {
                    failedOnce = true;
                    step = Ok(login.OnTransportFailure(), "transport failure");
                    Equal(Next.Retry, step.Next, "a failed key fetch says retry");
                    Equal(LoginState.FetchingKeys, step.State, "state");
                    step = Ok(login.Retry(), "retry");
                    Check(step.Request != null && step.Request.Url.EndsWith("/.well-known/jwks.json"), "the fetch again");
                    continue;
                }
                step = step.Request != null ? Ok(login.OnResponse(HttpSend(step.Request)), "on_response")
                                            : Ok(login.SubmitCode(MailboxCode(tenant, "gil@example.com")), "submit");
            }
            Check(failedOnce, "the login fetched the keys as a step");
            Equal(Next.Done, step.Next, "done after the retry: " + step.Error);
            step.Dispose();
        }
    }

    private static void RefreshRotates()
    {
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login"))
        {
            var step = Drive(login, StartEmail(login, "dan@example.com"), "dan@example.com", new List<Error>());
            Equal(Next.Done, step.Next, "login");
            string first = step.Tokens.RefreshToken, idToken = step.Tokens.IdToken;
            step.Dispose();
            // The ID token verified outside a login (as a magic link's would be), over given keys.
            using (var keys = Ok(client.JwksResponse(HttpSend(Ok(client.JwksRequest(), "jwks request"))), "jwks"))
            using (var claims = Ok(client.VerifyIdToken(idToken, new LoginOptions { Verifier = Rs256, Keys = keys }), "verify_id_token"))
            {
                Equal("dan@example.com", Ok(claims.GetString("email"), "email"), "email of the verified token");
                Check(Ok(claims.GetLong("exp"), "exp") > 1700000000, "exp");
                SignatureVerifier boom = (a, k, i, s, j) => { throw new InvalidOperationException("verifier bug"); };
                var refused = Err(client.VerifyIdToken(idToken, new LoginOptions { Verifier = boom, Keys = keys }), "throwing verifier");
                Equal(ErrorKind.InvalidIdToken, refused.Kind, "kind");
                Equal("signature", refused.Reason, "reason");
                Equal("verifier", Err(client.VerifyIdToken(idToken, new LoginOptions { Keys = keys }), "no verifier").Field, "no verifier");
            }
            var tokens = Ok(client.TokenResponse(HttpSend(Ok(client.RefreshRequest(first), "refresh request"))), "refresh");
            Check(!string.IsNullOrEmpty(tokens.AccessToken), "new access token");
            Check(tokens.RefreshToken != null && tokens.RefreshToken != first, "rotated refresh token");
            var spent = Err(client.TokenResponse(HttpSend(Ok(client.RefreshRequest(first), "again"))), "spent refresh token");
            Equal(ErrorKind.InvalidRefreshToken, spent.Kind, "kind");
            Equal(ErrorAction.Restart, spent.Action, "action");
            Check(!spent.ToString().Contains(first), "the message does not quote the token");
            // The same grant through a Refresh object (the DPoP-capable path), without a key.
            using (var refresh = Ok(client.Refresh(tokens.RefreshToken, tokens.TokenType), "refresh"))
            {
                var outcome = Ok(refresh.OnResponse(HttpSend(Ok(refresh.Request(), "refresh request"))), "refresh answer");
                Check(outcome.Request == null && outcome.Tokens != null, "tokens, nothing more to send");
                Check(outcome.Tokens.RefreshToken != tokens.RefreshToken, "rotated again");
            }
            Equal("dpop", Err(client.Refresh(tokens.RefreshToken, "DPoP"), "DPoP tokens without a key").Field, "field");
        }
    }

    private static void RefusingAndThrowingVerifiersRefuseTheToken()
    {
        SignatureVerifier refuse = (a, k, i, s, j) => false;
        SignatureVerifier boom = (a, k, i, s, j) => { throw new InvalidOperationException("verifier bug"); };
        foreach (var verifier in new[] { refuse, boom })
        {
            using (var client = Ok(NewClient(), "client"))
            using (var login = Ok(Login.Create(client, Options(verifier)), "login"))
            {
                var step = Drive(login, StartEmail(login, "eve@example.com"), "eve@example.com", new List<Error>());
                Equal(Next.Stop, step.Next, "next");
                Equal(ErrorKind.InvalidIdToken, step.Error.Kind, "kind");
                Equal("signature", step.Error.Reason, "reason");
                Check(step.Tokens == null && step.Claims == null, "no tokens");
                step.Dispose();
            }
        }
    }

    private static void TypedErrorsForBadInput()
    {
        var bad = Err(Client.Create(new ClientOptions { Domain = "not a domain", ClientId = "x" }), "bad domain");
        Equal(ErrorKind.InvalidArgument, bad.Kind, "kind");
        Equal(ErrorAction.FixInput, bad.Action, "action");
        Equal("domain", bad.Field, "field");
        Equal(Status.NullArg, Err(Client.Create(null), "null options").Status, "null options");
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login"))
        {
            var step = StartEmail(login, "not-an-email");
            Equal(Next.StartOver, step.Next, "next");
            Equal(ErrorKind.InvalidArgument, step.Error.Kind, "kind");
            Equal("email", step.Error.Field, "field");
            Check(step.Request == null, "nothing to send");
        }
    }

    private static void HostileInputs()
    {
        string huge = new string('a', 1 << 20);
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login"))
        {
            // A 1 MB email and a null one: refused with a typed error, nothing sent.
            var step = Ok(login.Start(new StartParams { Connection = "email", Email = huge + "@example.com", Send = "code" }), "1 MB email");
            Check(step.Error != null && step.Request == null, "1 MB email refused: " + step);
            Equal(ErrorKind.InvalidArgument, step.Error.Kind, "1 MB email kind");
            step = Ok(login.Start(new StartParams { Connection = "email", Email = null, Send = "code" }), "no email");
            Check(step.Error != null && step.Request == null, "missing email refused");
            // A lone surrogate cannot be UTF-8: refused before the call.
            var e = Err(login.SubmitCode("12\uD800"), "lone surrogate");
            Equal(Status.InvalidArg, e.Status, "lone surrogate status");
            Check(e.IsMisuse && e.Kind == ErrorKind.None, "a misuse has no kind");
            // Codes: null and 1 MB, before any code was asked for: typed refusals.
            foreach (var code in new[] { null, huge })
            {
                var r = login.SubmitCode(code);
                Check(!r.IsOk || r.Value.Error != null, "odd code accepted");
            }
            // Invalid UTF-8 and garbage from the server, after a real start.
            step = StartEmail(login, "mallory@example.com");
            Equal(Next.SendRequest, step.Next, "start");
            var hostile = new Response(200, new byte[] { 0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc0, 0x80, 0x7d })
                .AddHeader(new byte[] { 0x63, 0x6f, 0xff }, new byte[] { 0xed, 0xa0, 0x80 })
                .AddHeader("content-type", "application/json");
            var answer = Ok(login.OnResponse(hostile), "invalid UTF-8 answer");
            Check(answer.Error != null, "invalid UTF-8 answer refused");
            Check(answer.Error.Kind == ErrorKind.MalformedResponse || answer.Error.Kind == ErrorKind.UnexpectedResponse,
                  "kind of a malformed answer: " + answer.Error);
            var bigBody = new byte[1 << 20];
            for (int i = 0; i < bigBody.Length; i++)
                bigBody[i] = (byte)(i * 7 + 0x80);
            Check(login.OnResponse(new Response(500, bigBody)).IsOk, "1 MB of garbage is a step, not a crash");
            Equal(Status.NullArg, Err(login.OnResponse(null), "null response").Status, "null response");
        }
        // Pure calls with hostile input.
        Check(!KeySet.Parse(null).IsOk, "null JWKS");
        Check(!KeySet.Parse(new byte[] { 0xff, 0x00, 0x7b }).IsOk, "binary JWKS");
        Check(!Protocol.ParseCallback(null, null).IsOk, "null callback");
        Check(!Protocol.ParseCallback(huge, "x").IsOk, "1 MB callback URL");
        Check(!Protocol.JwkThumbprint(huge).IsOk, "1 MB JWK");
        Check(!Discovery.Parse(new byte[] { 0xc3, 0x28 }, "https://x/").IsOk, "invalid UTF-8 discovery");
        Check(!Client.Create(new ClientOptions { BaseUrl = huge, ClientId = "dev-client" }).IsOk, "1 MB base URL");
    }

    private static void DisposeIsOnceAndUseAfterIsATypedError()
    {
        var client = Ok(NewClient(), "client");
        var login = Ok(Login.Create(client, Options()), "login");
        long before = Diagnostics.HandlesReleased;
        login.Dispose();
        login.Dispose();
        Equal(before + 1, Diagnostics.HandlesReleased, "released once");
        var e = Err(login.Start(new StartParams { Connection = "email", Email = "a@example.com" }), "start after dispose");
        Equal(Status.BadHandle, e.Status, "status");
        Equal(Status.BadHandle, Err(login.Save(), "save after dispose").Status, "save");
        Equal(Status.BadHandle, Err(login.State(), "state after dispose").Status, "state");
        client.Dispose();
        Equal(Status.BadHandle, Err(Login.Create(client, Options()), "login of a disposed client").Status, "client");
        Equal(Status.BadHandle, Err(client.JwksRequest(), "jwks of a disposed client").Status, "jwks");
        Equal(before + 2, Diagnostics.HandlesReleased, "client released once");
    }

    private static void CollectAll()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MakeAndDrop()
    {
        var client = Ok(NewClient(), "client");
        var login = Ok(Login.Create(client, Options()), "login");
        Equal(LoginState.Idle, Ok(login.State(), "state"), "state");
    }

    private static void DroppedHandlesAreFreedOnceByTheFinalizer()
    {
        CollectAll();
        long handles = Diagnostics.HandlesReleased, data = Diagnostics.CallbackDataReleased;
        // Made on a thread that then ends, so no stack slot (SGen scans stacks conservatively)
        // keeps them alive.
        var t = new Thread(MakeAndDrop);
        t.Start();
        t.Join();
        CollectAll();
        Equal(handles + 2, Diagnostics.HandlesReleased, "client and login released by the finalizer");
        // The login held the verifier: the library's user_data_free released its GCHandle.
        Equal(data + 1, Diagnostics.CallbackDataReleased, "the verifier's GCHandle released by the library");
        CollectAll();
        Equal(handles + 2, Diagnostics.HandlesReleased, "and only once");
    }

    private const string P256Jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";

    private static void DpopCallbacksSignAndFailCleanly()
    {
        int signed = 0, randoms = 0;
        DpopSigner sign = input => { signed++; return new byte[64]; };
        RandomSource random = buffer => { randoms++; new Random(1).NextBytes(buffer); };
        long data = Diagnostics.CallbackDataReleased;
        using (var key = Ok(DpopKey.Create(P256Jwk, sign, random), "dpop key"))
        {
            Equal(Ok(Protocol.JwkThumbprint(P256Jwk), "thumbprint"), Ok(key.Thumbprint(), "key thumbprint"), "thumbprints");
            Check(Ok(key.PublicJwk(), "public jwk").Contains("\"crv\":\"P-256\""), "public JWK");
            var req = Ok(key.ResourceRequest("GET", "https://api.example.com/me", "token123", null, 1700000000), "resource request");
            Equal(2, req.Headers.Count, "headers");
            Equal("authorization", req.Headers[0].Key, "first header");
            Equal("DPoP token123", req.Headers[0].Value, "authorization");
            Equal("dpop", req.Headers[1].Key, "second header");
            Equal(1, signed, "signer calls");
            Check(randoms >= 1, "random source calls");
        }
        Equal(data + 1, Diagnostics.CallbackDataReleased, "the key's GCHandle released once");
        DpopSigner boom = input => { throw new InvalidOperationException("no key store"); };
        using (var key = Ok(DpopKey.Create(P256Jwk, boom), "dpop key"))
        {
            var e = Err(key.ResourceRequest("GET", "https://api.example.com/me", "token123", null, 1700000000), "throwing signer");
            Equal(ErrorKind.InvalidArgument, e.Kind, "kind");
            Equal("signature", e.Field, "field");
        }
        Check(!DpopKey.Create("{\"kty\":\"EC\"}", sign).IsOk, "bad key refused");
        Equal(data + 3, Diagnostics.CallbackDataReleased, "every registration released, also a refused one");
    }

    private static void DpopBoundLoginAndRefresh()
    {
        var ec = new P256();
        var signatures = 0;
        DpopSigner sign = input => { signatures++; return ec.Sign(input); };
        using (var key = Ok(DpopKey.Create(ec.PublicJwk, sign), "dpop key"))
        using (var client = Ok(NewClient(), "client"))
        {
            var options = Options();
            options.Dpop = key;
            options.Set(LoginOption.DpopRequireBinding, 1);
            Tokens tokens;
            string nonce;
            using (var login = Ok(Login.Create(client, options), "login"))
            {
                var step = Drive(login, StartEmail(login, "ida@example.com"), "ida@example.com", new List<Error>());
                Equal(Next.Done, step.Next, "DPoP-bound login: " + step.Error);
                tokens = step.Tokens;
                step.Dispose();
                nonce = Ok(login.DpopNonce(), "the tenant's DPoP nonce");
            }
            Equal("dpop", tokens.TokenType.ToLowerInvariant(), "token type");
            Check(signatures >= 2, "the tenant checked proofs signed by the callback (" + signatures + ")");
            using (var refresh = Ok(client.Refresh(tokens.RefreshToken, tokens.TokenType, key, nonce), "refresh"))
            {
                var outcome = Ok(refresh.OnResponse(HttpSend(Ok(refresh.Request(), "request"))), "answer");
                for (int i = 0; outcome.Request != null && i < 2; i++)
                    outcome = Ok(refresh.OnResponse(HttpSend(outcome.Request)), "answer again");
                Check(outcome.Tokens != null, "refreshed DPoP-bound tokens");
                Equal("dpop", outcome.Tokens.TokenType.ToLowerInvariant(), "still bound");
            }
        }
    }

    private static void PureCalls()
    {
        var cb = Ok(Protocol.ParseCallback("http://127.0.0.1/callback?code=abc&state=xyz", "xyz"), "callback");
        Equal("abc", cb.Code, "code");
        Equal(ErrorKind.StateMismatch, Err(Protocol.ParseCallback("http://127.0.0.1/callback?code=abc&state=xyz", "other"), "mismatch").Kind, "state mismatch");
        var answer = new Response(401).AddHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", algs=\"ES256\"").AddHeader("DPoP-Nonce", "n-1");
        var challenges = Ok(Protocol.ResourceChallenges(answer), "challenges");
        Equal(1, challenges.Count, "challenges");
        Equal("DPoP", challenges[0].Scheme, "scheme");
        var err = Ok(Protocol.ResourceError(answer), "resource error");
        Equal(ErrorKind.DpopNonceRequired, err.Kind, "kind");
        Equal("n-1", err.DpopNonce, "nonce");
        using (var client = Ok(NewClient(), "client"))
        {
            var jwks = Ok(client.JwksRequest(), "jwks request");
            Equal("GET", jwks.Method, "method");
            using (var keys = Ok(client.JwksResponse(HttpSend(jwks)), "jwks"))
            {
                Check(Ok(keys.Count(), "count") >= 1, "keys");
                Equal(0, Ok(keys.Skipped(), "skipped"), "skipped");
                Equal(Status.Absent, Err(keys.Find("no-such-kid"), "find").Status, "absent kid");
            }
            Equal(tenant + "/", Ok(client.ExpectedIssuer(), "issuer"), "issuer");
            var code = Ok(client.CodeRequest("abc", "http://127.0.0.1/callback"), "code request");
            Check(Encoding.UTF8.GetString(code.Body).Contains("authorization_code"), "code grant body");
        }
    }

    // ---- the session after the login: userinfo, revoke, logout, freshness -------------------------------

    /// <summary>A login with the README's loop; the step (tokens and claims) is the caller's.</summary>
    private static Step LogIn(Login login, string email)
    {
        var step = Drive(login, StartEmail(login, email), email, new List<Error>());
        Equal(Next.Done, step.Next, "login of " + email + ": " + step.Error);
        return step;
    }

    private static string HeaderOf(Request req, string name)
    {
        foreach (var h in req.Headers)
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                return h.Value;
        return null;
    }

    private static void UserinfoWithBearerAndFreshness()
    {
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login"))
        {
            var step = LogIn(login, "kim@example.com");
            Tokens tokens = step.Tokens;
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Check(tokens.ExpiresAt.HasValue && tokens.ExpiresAt.Value > now + 120, "expires_at ahead: " + tokens.ExpiresAt);
            Equal(TokenFreshness.Fresh, Ok(tokens.Freshness(60, now), "freshness"), "fresh a minute ahead");
            Equal(TokenFreshness.RefreshNow, Ok(tokens.Freshness(0, tokens.ExpiresAt.Value), "freshness at expiry"), "at expires_at");
            Equal(TokenFreshness.RefreshNow, Ok(tokens.Freshness(tokens.ExpiresAt.Value - now + 1, now), "freshness"), "within the margin");
            Equal(TokenFreshness.Fresh, Ok(tokens.Freshness(-1000000, now), "negative margin"), "a negative margin counts as 0");
            var req = Ok(client.UserinfoRequest(tokens.AccessToken), "userinfo request");
            Equal("GET", req.Method, "method");
            Equal(tenant + "/userinfo", req.Url, "URL");
            Equal("Bearer " + tokens.AccessToken, HeaderOf(req, "authorization"), "authorization");
            Check(HeaderOf(req, "dpop") == null, "no DPoP proof for a Bearer token");
            using (var claims = Ok(client.UserinfoResponse(HttpSend(req)), "userinfo"))
            {
                Check(!string.IsNullOrEmpty(Ok(claims.GetString("sub"), "sub")), "sub");
                Equal(Ok(step.Claims.GetString("sub"), "sub of the ID token"), Ok(claims.GetString("sub"), "sub"), "the same user");
                Equal("kim@example.com", Ok(claims.GetString("email"), "email"), "email");
                Check(Ok(claims.Json(), "json").Contains("\"email_verified\""), "all claims as JSON");
            }
            step.Dispose();
            Equal(Status.BadHandle, Err(tokens.Freshness(60, now), "freshness of a disposed step's tokens").Status, "lent by the step");
            // A token the tenant does not know: 401, refresh (or log in again).
            const string garbage = "garbage-access-token";
            var refused = Err(client.UserinfoResponse(HttpSend(Ok(client.UserinfoRequest(garbage, "bearer"), "garbage request"))), "garbage token");
            Equal(ErrorKind.InvalidAccessToken, refused.Kind, "kind");
            Equal(ErrorAction.Refresh, refused.Action, "action");
            Equal(401, refused.HttpStatus, "HTTP status");
            Check(!refused.ToString().Contains(garbage), "the message does not quote the token");
            // Tokens a call returned keep their native copy until disposed; no expires_in: unknown.
            var bare = new Response(200, Encoding.UTF8.GetBytes("{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}")).AddHeader("Content-Type", "application/json");
            var noExpiry = Ok(client.TokenResponse(bare, now), "tokens without expires_in");
            Equal(TokenFreshness.ExpiryUnknown, Ok(noExpiry.Freshness(60, now), "freshness"), "no expires_in");
            long released = Diagnostics.HandlesReleased;
            noExpiry.Dispose();
            noExpiry.Dispose();
            Equal(released + 1, Diagnostics.HandlesReleased, "the tokens freed once");
            Equal(Status.BadHandle, Err(noExpiry.Freshness(60, now), "freshness after dispose").Status, "after dispose");
        }
    }

    private static void UserinfoWithDpopAsksForTheNonceFirst()
    {
        var ec = new P256();
        using (var key = Ok(DpopKey.Create(ec.PublicJwk, ec.Sign), "dpop key"))
        using (var client = Ok(NewClient(), "client"))
        {
            var options = Options();
            options.Dpop = key;
            options.Set(LoginOption.DpopRequireBinding, 1);
            Tokens tokens;
            using (var login = Ok(Login.Create(client, options), "login"))
            using (var step = LogIn(login, "lea@example.com"))
                tokens = step.Tokens;
            Equal("dpop", tokens.TokenType.ToLowerInvariant(), "token type");
            var req = Ok(client.UserinfoRequest(tokens.AccessToken, tokens.TokenType, key), "userinfo request");
            Equal("DPoP " + tokens.AccessToken, HeaderOf(req, "authorization"), "authorization");
            string proof = HeaderOf(req, "dpop");
            Check(proof != null, "a DPoP proof");
            string payload = Encoding.UTF8.GetString(Base64Url(proof.Split('.')[1]));
            Check(payload.Contains("\"ath\""), "the proof carries ath: " + payload);
            Check(!payload.Contains("\"nonce\""), "no nonce yet");
            var first = Err(client.UserinfoResponse(HttpSend(req)), "without the nonce");
            Equal(ErrorKind.DpopNonceRequired, first.Kind, "the tenant asks for its nonce");
            Check(!string.IsNullOrEmpty(first.DpopNonce), "the nonce");
            req = Ok(client.UserinfoRequest(tokens.AccessToken, "DPoP", key, first.DpopNonce), "with the nonce");
            Check(Encoding.UTF8.GetString(Base64Url(HeaderOf(req, "dpop").Split('.')[1])).Contains(first.DpopNonce), "the proof carries the nonce");
            using (var claims = Ok(client.UserinfoResponse(HttpSend(req)), "userinfo with DPoP"))
                Equal("lea@example.com", Ok(claims.GetString("email"), "email"), "email");
            // The bound token as a Bearer token: refused.
            var bearer = Err(client.UserinfoResponse(HttpSend(Ok(client.UserinfoRequest(tokens.AccessToken), "as Bearer"))), "bound token as Bearer");
            Equal(401, bearer.HttpStatus, "HTTP status");
        }
    }

    private static void RevokeThenRefreshFails()
    {
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login"))
        {
            string refreshToken;
            using (var step = LogIn(login, "max@example.com"))
                refreshToken = step.Tokens.RefreshToken;
            Check(!string.IsNullOrEmpty(refreshToken), "refresh token (offline_access)");
            var req = Ok(client.RevokeRequest(refreshToken), "revoke request");
            Equal("POST", req.Method, "method");
            Equal(tenant + "/oauth/revoke", req.Url, "URL");
            string body = Encoding.UTF8.GetString(req.Body);
            Check(body.Contains(refreshToken) && body.Contains("dev-client"), "the token and the client in the body");
            Check(Ok(client.RevokeResponse(HttpSend(req)), "revoke"), "revoked");
            var spent = Err(client.TokenResponse(HttpSend(Ok(client.RefreshRequest(refreshToken), "refresh request"))), "refresh after revoke");
            Equal(ErrorKind.InvalidRefreshToken, spent.Kind, "kind");
            Equal(ErrorAction.Restart, spent.Action, "action");
            Check(!spent.ToString().Contains(refreshToken), "the message does not quote the token");
            // Revoking an unknown token is 200 too (RFC 7009); a refusal is a classified error.
            Check(Ok(client.RevokeResponse(HttpSend(Ok(client.RevokeRequest("unknown-token"), "unknown"))), "unknown token"), "200 for an unknown token");
            var no = Err(client.RevokeResponse(new Response(401, Encoding.UTF8.GetBytes("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}"))
                                                   .AddHeader("Content-Type", "application/json")), "401");
            Equal(ErrorKind.InvalidClient, no.Kind, "kind of a refused revoke");
        }
    }

    private static void LogoutUrls()
    {
        using (var client = Ok(NewClient(), "client"))
        {
            string v2 = Ok(client.LogoutUrl(LogoutKind.V2, "https://app.example.com/bye"), "v2 logout");
            Check(v2.StartsWith(tenant + "/v2/logout?"), "v2 URL " + v2);
            Check(v2.Contains("client_id=dev-client"), "client_id in " + v2);
            Check(v2.Contains("returnTo=https%3A%2F%2Fapp.example.com%2Fbye"), "returnTo in " + v2);
            Check(!v2.Contains("federated"), "not federated");
            Check(Ok(client.LogoutUrl(LogoutKind.V2, null, federated: true), "federated").Contains("federated"), "federated");
            Check(Ok(client.LogoutUrl(LogoutKind.V2, "http://127.0.0.1:8080/bye"), "loopback").Contains("returnTo="), "http on loopback");
            foreach (var bad in new[] { "http://app.example.com/bye", "javascript:alert(1)", "/relative", "https://app.example.com/\r\nx" })
            {
                var e = Err(client.LogoutUrl(LogoutKind.V2, bad), "returnTo " + bad);
                Equal(ErrorKind.InvalidArgument, e.Kind, "kind for " + bad);
                Equal("return_to", e.Field, "field for " + bad);
            }
            string oidc = Ok(client.LogoutUrl(LogoutKind.Oidc, "https://app.example.com/bye", "hint", "st-1"), "oidc logout");
            Check(oidc.StartsWith(tenant + "/oidc/logout?"), "oidc URL " + oidc);
            Check(oidc.Contains("post_logout_redirect_uri=") && oidc.Contains("id_token_hint=hint") && oidc.Contains("state=st-1"), "oidc members " + oidc);
            Equal("post_logout_redirect_uri", Err(client.LogoutUrl(LogoutKind.Oidc, "ftp://x/"), "oidc ftp").Field, "oidc field");
            var misuse = Err(client.LogoutUrl(LogoutKind.V2, "https://a.example/", state: "s"), "state with v2");
            Equal(Status.InvalidArg, misuse.Status, "state with v2: the C status");
            Check(misuse.IsMisuse && misuse.Field == "state", "a misuse naming the parameter: " + misuse);
            Equal(Status.InvalidArg, Err(client.LogoutUrl(LogoutKind.Oidc, "https://a.example/", federated: true), "federated with oidc").Status, "federated with oidc");
            Equal(Status.InvalidArg, Err(client.LogoutUrl((LogoutKind)7, "https://a.example/"), "another kind").Status, "another kind");
        }
    }

    private static void SessionCallsRefuseHostileInput()
    {
        string huge = new string('a', 1 << 20), lone = "tok\ud800en";
        using (var client = Ok(NewClient(), "client"))
        {
            foreach (var token in new[] { null, "", "tok\r\nX-Injected: 1", "tok\nen", "tok en", "t\u00e9k", huge })
            {
                var e = Err(client.RevokeRequest(token), "revoke of a hostile token");
                Equal(ErrorKind.InvalidArgument, e.Kind, "revoke kind");
                Equal("refresh_token", e.Field, "revoke field");
                Check(token == null || token.Length < 2 || !e.ToString().Contains(token), "the message does not quote the token");
                var u = Err(client.UserinfoRequest(token), "userinfo with a hostile token");
                Check(u.Kind == ErrorKind.InvalidArgument || u.IsMisuse, "userinfo refuses: " + u);
                Check(token == null || token.Length < 2 || !u.ToString().Contains(token), "the message does not quote the token");
            }
            Equal(Status.InvalidArg, Err(client.RevokeRequest(lone), "lone surrogate").Status, "revoke, lone surrogate");
            Equal(Status.InvalidArg, Err(client.UserinfoRequest(lone), "lone surrogate").Status, "userinfo, lone surrogate");
            Check(!client.UserinfoRequest("abc", "Basic").IsOk, "another token type refused");
            Check(!client.UserinfoRequest("abc", "DPoP\r\n").IsOk, "CR/LF in the token type refused");
            Check(!client.UserinfoRequest("abc", "DPoP").IsOk, "DPoP token type without a key refused");
            Equal(Status.NullArg, Err(client.RevokeResponse(null), "null response").Status, "revoke, null response");
            Equal(Status.NullArg, Err(client.UserinfoResponse(null), "null response").Status, "userinfo, null response");
            var big = new byte[1 << 20];
            new Random(7).NextBytes(big);
            Check(!client.RevokeResponse(new Response(500, big)).IsOk, "1 MB of garbage, revoke");
            foreach (var body in new[] { big, new byte[] { 0x7b, 0x22, 0x73, 0x75, 0x62, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d }, Encoding.UTF8.GetBytes("{\"sub\":\"\"}"),
                                         Encoding.UTF8.GetBytes("{\"sub\":42}"), Encoding.UTF8.GetBytes("[]"), Encoding.UTF8.GetBytes("{\"sub\":\"" + huge + "\"}") })
            {
                var r = client.UserinfoResponse(new Response(200, body).AddHeader("Content-Type", "application/json"));
                Check(!r.IsOk && !r.Error.IsMisuse, "a hostile userinfo body is a typed error: " + (r.IsOk ? "accepted" : r.Error.ToString()));
            }
            using (var claims = Ok(client.UserinfoResponse(new Response(200, Encoding.UTF8.GetBytes("{\"sub\":\"u1\"}")).AddHeader("Content-Type", "application/json")), "minimal"))
                Equal("u1", Ok(claims.GetString("sub"), "sub"), "sub");
            Check(!client.UserinfoResponse(new Response(401, big).AddHeader("WWW-Authenticate", huge)).IsOk, "1 MB challenge");
            Equal("return_to", Err(client.LogoutUrl(LogoutKind.V2, "https://app.example.com/" + huge), "1 MB returnTo").Field, "1 MB returnTo");
            Check(!client.LogoutUrl(LogoutKind.Oidc, "https://app.example.com/", "hint\r\nx").IsOk, "CR/LF in id_token_hint");
            Check(!client.LogoutUrl(LogoutKind.Oidc, "https://app.example.com/", huge).IsOk, "1 MB id_token_hint");
            Equal(Status.InvalidArg, Err(client.LogoutUrl(LogoutKind.V2, "https://app.example.com/\ud800"), "lone surrogate").Status, "logout, lone surrogate");
            var tokens = Ok(client.TokenResponse(new Response(200, Encoding.UTF8.GetBytes("{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":60}"))
                                                     .AddHeader("Content-Type", "application/json"), 1000), "tokens");
            Equal(TokenFreshness.Fresh, Ok(tokens.Freshness(0, long.MinValue), "freshness, minimum time"), "long.MinValue now");
            Equal(TokenFreshness.RefreshNow, Ok(tokens.Freshness(long.MaxValue, 1000), "freshness, maximum margin"), "long.MaxValue margin");
            Equal(TokenFreshness.RefreshNow, Ok(tokens.Freshness(0, long.MaxValue), "freshness, maximum time"), "long.MaxValue now");
            tokens.Dispose();
        }
        Equal(Status.NullArg, Err(new Tokens().Freshness(0), "tokens not from the library").Status, "tokens made in C#");
    }

    // ---- MFA after the code --------------------------------------------------------------------------

    private static string Totp(string user)
    {
        return JsonString(Get(tenant + "/dev/mfa/totp?to=" + Uri.EscapeDataString(user)), "otp");
    }

    /// <summary>A login with MFA: sends requests, types the mailbox's code, chooses the authenticator
    /// of `type`, then submits `mfaCodes` in order (a recovery code with recovery). Refusals go to errors.</summary>
    private static Step DriveMfa(Login login, string email, string type, bool recovery, List<Error> errors, List<Step> seen, params Func<string>[] mfaCodes)
    {
        return DriveMfaFrom(login, StartEmail(login, email), email, type, recovery, errors, seen, mfaCodes);
    }

    private static Step DriveMfaFrom(Login login, Step step, string email, string type, bool recovery, List<Error> errors, List<Step> seen, params Func<string>[] mfaCodes)
    {
        int typed = 0;
        for (int i = 0; i < 30; i++)
        {
            Result<Step> next;
            if (step.Next == Next.SendRequest)
                next = login.OnResponse(HttpSend(step.Request));
            else if (step.Next == Next.AskForCode)
                next = login.SubmitCode(MailboxCode(tenant, email));
            else if (step.Next == Next.ChooseAuthenticator)
            {
                var chosen = step.Authenticators.Find(type);
                Check(chosen != null, "an authenticator of type " + type + " among " + string.Join(", ", step.Authenticators.Items));
                next = login.ChooseAuthenticator(chosen.Id);
            }
            else if (step.Next == Next.AskForMfaCode)
            {
                if (step.Error != null)
                    errors.Add(step.Error);
                Check(typed < mfaCodes.Length, "more MFA codes asked for than given: " + step);
                string code = mfaCodes[typed++]();
                next = recovery ? login.SubmitRecoveryCode(code) : login.SubmitMfaCode(code);
            }
            else
                break;
            seen.Add(step);
            step = Ok(next, "MFA login step after " + step);
        }
        return step;
    }

    private static void MfaLoginWithTotp()
    {
        const string user = "mfa-otp@example.com";
        using (var client = Ok(NewClient(), "client"))
        {
            var options = Options();
            options.Mfa = true;
            using (var login = Ok(Login.Create(client, options), "login"))
            {
                var errors = new List<Error>();
                var seen = new List<Step>();
                var step = DriveMfa(login, user, "otp", false, errors, seen, () => "000000", () => Totp(user));
                Equal(Next.Done, step.Next, "MFA login: " + step + " " + step.Error);
                Equal("mfa-otp@example.com", Ok(step.Claims.GetString("email"), "email"), "email");
                Check(!string.IsNullOrEmpty(step.Tokens.AccessToken), "access token");
                var listed = seen.Find(s => s.Event == StepEvent.MfaRequired);
                Check(listed != null, "a step reported MFA required");
                Equal(LoginState.ChoosingAuthenticator, listed.State, "state with the list");
                Equal(Next.ChooseAuthenticator, listed.Next, "next with the list");
                Check(listed.Authenticators.Find("otp") != null && listed.Authenticators.Find("recovery-code") != null, "otp and recovery-code listed");
                Equal(0, listed.Authenticators.Skipped, "skipped");
                Check(seen.Exists(s => s.State == LoginState.ListingAuthenticators && s.Request != null && s.Request.Url.EndsWith("/mfa/authenticators")), "the listing request");
                Check(seen.Exists(s => s.State == LoginState.AwaitingMfaCode && s.Next == Next.AskForMfaCode), "asked for the code");
                Equal(1, errors.Count, "one refusal (the wrong code)");
                Equal(ErrorKind.WrongCode, errors[0].Kind, "wrong TOTP kind: " + errors[0]);
                Equal(ErrorAction.RetryCode, errors[0].Action, "wrong TOTP action");
                Equal(LoginState.Authenticated, Ok(login.State(), "state"), "state");
                step.Dispose();
            }
        }
    }

    private static void MfaLoginWithARecoveryCode()
    {
        const string user = "mfa-otp@example.com";
        using (var client = Ok(NewClient(), "client"))
        {
            var options = Options();
            options.Mfa = true;
            using (var login = Ok(Login.Create(client, options), "login"))
            {
                var errors = new List<Error>();
                var step = DriveMfa(login, user, "recovery-code", true, errors, new List<Step>(), () => "DEVTENANTRECOVERYCODE001");
                Equal(Next.Done, step.Next, "recovery-code login: " + step);
                Equal(0, errors.Count, "no refusal");
                string fresh = step.Tokens.RecoveryCode;
                Check(fresh != null && fresh.Length == 24 && fresh != "DEVTENANTRECOVERYCODE001", "a new recovery code to show once");
                step.Dispose();
            }
        }
    }

    private static void MfaLoginSavedAndRestoredWithItsMfaToken()
    {
        const string user = "mfa-all@example.com";
        using (var client = Ok(NewClient(), "client"))
        {
            var options = Options();
            options.Mfa = true;
            string saved, mfaToken = null;
            using (var login = Ok(Login.Create(client, options), "login"))
            {
                var step = StartEmail(login, user);
                for (int i = 0; i < 10 && step.Next != Next.ChooseAuthenticator; i++)
                {
                    if (step.Request != null && step.Request.Url.EndsWith("/mfa/authenticators"))
                        mfaToken = HeaderOf(step.Request, "authorization").Substring("Bearer ".Length);
                    step = Ok(step.Next == Next.SendRequest ? login.OnResponse(HttpSend(step.Request)) : login.SubmitCode(MailboxCode(tenant, user)), "step");
                }
                Equal(Next.ChooseAuthenticator, step.Next, "at the choice: " + step);
                Check(!string.IsNullOrEmpty(mfaToken), "the mfa_token of the listing request");
                saved = Ok(login.Save(), "save during MFA");
                Check(!saved.Contains(mfaToken), "the saved text holds no mfa_token");
                Equal(mfaToken, Ok(login.MfaToken(), "the mfa_token to keep"), "MfaToken() is the token the login sends");
            }
            using (var plain = Ok(Login.Restore(client, options, saved), "plain restore"))
            {
                Equal(LoginState.Failed, Ok(plain.State(), "state"), "restored without the mfa_token: failed");
                Equal(ErrorKind.MfaTokenInvalid, Ok(plain.Failure(), "failure").Kind, "why it failed");
                Check(!plain.MfaToken().IsOk, "a failed login holds no mfa_token");
            }
            Equal("mfa_token", Err(Login.RestoreWithMfaToken(client, options, saved, "bad\r\ntoken"), "bad mfa_token").Field, "field");
            using (var login = Ok(Login.RestoreWithMfaToken(client, options, saved, mfaToken), "restore with the mfa_token"))
            {
                Equal(LoginState.ListingAuthenticators, Ok(login.State(), "state"), "lists again");
                var step = Ok(login.Retry(), "retry sends the listing");
                Check(step.Request != null && step.Request.Url.EndsWith("/mfa/authenticators"), "the listing request: " + step);
                var errors = new List<Error>();
                step = DriveMfaFrom(login, step, user, "recovery-code", true, errors, new List<Step>(), () => "DEVTENANTRECOVERYCODE001");
                Equal(Next.Done, step.Next, "the restored login finished: " + step);
                Equal(user, Ok(step.Claims.GetString("email"), "email"), "email");
                step.Dispose();
            }
        }
    }

    private static void MfaPushIsPolledFromPollAt()
    {
        const string user = "mfa-push@example.com";
        using (var client = Ok(NewClient(), "client"))
        {
            var options = Options();
            options.Mfa = true;
            using (var login = Ok(Login.Create(client, options), "login"))
            {
                var step = StartEmail(login, user);
                for (int i = 0; i < 12 && step.Next != Next.Poll; i++)
                {
                    if (step.Next == Next.ChooseAuthenticator)
                    {
                        var push = step.Authenticators.Find("oob", "auth0");
                        Check(push != null, "a push authenticator: " + string.Join(", ", step.Authenticators.Items));
                        step = Ok(login.ChooseAuthenticator(push.Id), "choose push");
                    }
                    else
                        step = Ok(step.Next == Next.SendRequest ? login.OnResponse(HttpSend(step.Request)) : login.SubmitCode(MailboxCode(tenant, user)), "step");
                }
                Equal(Next.Poll, step.Next, "a push waits: " + step);
                Equal(LoginState.AwaitingApproval, step.State, "state");
                Check(step.PollAt.HasValue, "poll_at");
                long pollAt = step.PollAt.Value;
                var early = Ok(login.Poll(pollAt - 1), "poll before poll_at");
                Check(early.Error != null && early.Error.Kind == ErrorKind.InvalidState && early.Error.RetryAt.HasValue, "too early: " + early);
                Check(early.Request == null, "nothing to send too early");
                var approve = (HttpWebRequest)WebRequest.Create(tenant + "/dev/mfa/push/" + Uri.EscapeDataString(user) + "/approve");
                approve.Method = "POST";
                approve.Proxy = null;
                approve.ContentLength = 0;
                using (approve.GetResponse()) { }
                step = Ok(login.Poll(pollAt), "poll");
                Check(step.Request != null, "the mfa-oob grant to send");
                Check(Encoding.UTF8.GetString(step.Request.Body).Contains("mfa-oob"), "the oob grant");
                for (int i = 0; i < 4 && step.Next == Next.SendRequest; i++)
                    step = Ok(login.OnResponse(HttpSend(step.Request)), "answer");
                Equal(Next.Done, step.Next, "approved push: " + step);
                Equal(user, Ok(step.Claims.GetString("email"), "email"), "email");
                step.Dispose();
            }
        }
    }

    private static void MfaWithoutALoginThroughThePureCalls()
    {
        const string user = "mfa-email@example.com";
        using (var client = Ok(NewClient(), "client"))
        using (var login = Ok(Login.Create(client, Options()), "login without MFA"))
        {
            var step = Drive(login, StartEmail(login, user), user, new List<Error>());
            Equal(Next.Stop, step.Next, "without the MFA option the login stops");
            var e = step.Error;
            Equal(ErrorKind.MfaRequired, e.Kind, "kind");
            Equal(ErrorAction.Mfa, e.Action, "action");
            Check(!string.IsNullOrEmpty(e.MfaToken), "mfa_token");
            Check(!e.ToString().Contains(e.MfaToken), "the message does not quote the mfa_token");
            Check(e.MfaChallengeTypes != null && e.MfaChallengeTypes.Contains("email"), "mfa_requirements.challenge: " + (e.MfaChallengeTypes == null ? "none" : string.Join(",", e.MfaChallengeTypes)));
            Check(e.MfaEnrollTypes == null || e.MfaEnrollTypes.Count == 0, "nothing to enroll");
            string mfaToken = e.MfaToken;
            step.Dispose();
            var listReq = Ok(client.MfaAuthenticatorsRequest(mfaToken), "authenticators request");
            Equal("GET", listReq.Method, "method");
            Equal("Bearer " + mfaToken, HeaderOf(listReq, "authorization"), "the mfa_token as Bearer");
            var list = Ok(client.MfaAuthenticatorsResponse(HttpSend(listReq)), "authenticators");
            var email = list.Find("oob", "email");
            Check(email != null, "an email authenticator: " + string.Join(", ", list.Items));
            Check(email.Active != false, "active");
            var challenge = Ok(client.MfaChallengeResponse(HttpSend(Ok(client.MfaChallengeRequest(mfaToken, "oob", email.Id), "challenge request"))), "challenge");
            Equal("oob", challenge.ChallengeType, "challenge type");
            Equal("prompt", challenge.BindingMethod, "binding method");
            Check(!string.IsNullOrEmpty(challenge.OobCode), "oob_code");
            string binding = MailboxCode(tenant, user);
            var wrong = Err(client.TokenResponse(HttpSend(Ok(client.MfaOobRequest(mfaToken, challenge.OobCode, binding == "000000" ? "111111" : "000000"), "oob grant"))), "wrong binding code");
            Check(!wrong.ToString().Contains(challenge.OobCode), "the message does not quote the oob_code");
            var tokens = Ok(client.TokenResponse(HttpSend(Ok(client.MfaOobRequest(mfaToken, challenge.OobCode, binding), "oob grant"))), "tokens after MFA");
            Check(!string.IsNullOrEmpty(tokens.AccessToken), "access token");
            using (var claims = Ok(client.UserinfoResponse(HttpSend(Ok(client.UserinfoRequest(tokens.AccessToken), "userinfo"))), "userinfo"))
                Equal(user, Ok(claims.GetString("email"), "email"), "the MFA user");
            tokens.Dispose();
            var spent = Err(client.TokenResponse(HttpSend(Ok(client.MfaOtpRequest(mfaToken, "123456"), "otp grant"))), "a spent mfa_token");
            // (TokenResponse does not know which grant it answers: the kind is that of the token endpoint's invalid_grant.)
            Equal(403, spent.HttpStatus, "spent mfa_token: " + spent);
            Equal("invalid_grant", spent.Code, "code");
            Check(!spent.ToString().Contains(mfaToken), "the message does not quote the mfa_token");
        }
    }

    private static void MfaCallsRefuseHostileInput()
    {
        string huge = new string('a', 1 << 20);
        using (var client = Ok(NewClient(), "client"))
        {
            foreach (var bad in new[] { null, "", "tok\r\nX-Injected: 1", huge })
            {
                Check(!client.MfaAuthenticatorsRequest(bad).IsOk, "authenticators request with a hostile mfa_token");
                Check(!client.MfaChallengeRequest(bad).IsOk, "challenge with a hostile mfa_token");
                Check(!client.MfaOtpRequest("mfa-token", bad).IsOk, "otp grant with a hostile code");
                Check(!client.MfaOobRequest("mfa-token", bad).IsOk, "oob grant with a hostile oob_code");
                Check(!client.MfaRecoveryRequest(bad, "code").IsOk, "recovery grant with a hostile mfa_token");
                var e = Err(client.MfaOtpRequest(bad, "123456"), "otp grant with a hostile mfa_token");
                Check(bad == null || bad.Length < 2 || !e.ToString().Contains(bad), "the message does not quote it");
            }
            Equal(Status.InvalidArg, Err(client.MfaOtpRequest("tok\ud800", "123456"), "lone surrogate").Status, "lone surrogate");
            Equal(Status.NullArg, Err(client.MfaAuthenticatorsResponse(null), "null").Status, "null response");
            Equal(Status.NullArg, Err(client.MfaChallengeResponse(null), "null").Status, "null response");
            var big = new byte[1 << 20];
            new Random(9).NextBytes(big);
            Check(!client.MfaAuthenticatorsResponse(new Response(200, big)).IsOk, "1 MB of garbage as authenticators");
            Check(!client.MfaChallengeResponse(new Response(200, big)).IsOk, "1 MB of garbage as a challenge");
            var many = new StringBuilder("[");
            for (int i = 0; i < 100; i++)
                many.Append(i == 0 ? "" : ",").Append("{\"id\":\"otp|dev_").Append(i).Append("\",\"authenticator_type\":\"otp\",\"active\":true}");
            var list = Ok(client.MfaAuthenticatorsResponse(new Response(200, Encoding.UTF8.GetBytes(many.Append("]").ToString())).AddHeader("Content-Type", "application/json")), "100 authenticators");
            Equal(64, list.Items.Count, "at most 64 kept");
            Equal(36, list.Skipped, "the rest counted as skipped");
        }
        using (var client = Ok(NewClient(), "client"))
        {
            var options = Options();
            options.Mfa = true;
            using (var login = Ok(Login.Create(client, options), "login"))
            {
                // MFA calls before any MFA: typed refusals (a step with an error, or an error), never a crash.
                foreach (var r in new[] { login.ChooseAuthenticator(null), login.ChooseAuthenticator(huge), login.SubmitMfaCode("12\r\n34"),
                                          login.SubmitRecoveryCode(huge), login.Poll() })
                    Check(!r.IsOk || r.Value.Error != null, "an MFA call out of turn is refused: " + r);
            }
            Check(!Login.RestoreWithMfaToken(client, options, null, null).IsOk, "restore of nothing");
            Check(!Login.RestoreWithMfaToken(client, options, huge, "tok\r\n").IsOk, "restore of 1 MB");
        }
    }

    // ---- save in one process, restore in another -------------------------------------------------------

    private static readonly byte[] SealKey = Encoding.UTF8.GetBytes("sixteen+ byte seal key");

    private static int SavePhase(string file)
    {
        var client = Ok(NewClient(), "client");
        var login = Ok(Login.Create(client, Options()), "login");
        var step = StartEmail(login, "frank@example.com");
        step = Ok(login.OnResponse(HttpSend(step.Request)), "code sent");
        Equal(StepEvent.CodeSent, step.Event, "event");
        Equal(Next.AskForCode, step.Next, "next");
        string plain = Ok(login.Save(), "save"), sealedText = Ok(login.SaveSealed(SealKey), "save sealed");
        Check(!plain.Contains("\n") && !sealedText.Contains("\n"), "one line each");
        Equal(ErrorKind.InvalidArgument, Err(login.SaveSealed(new byte[15]), "short seal key").Kind, "short key");
        File.WriteAllText(file, plain + "\n" + sealedText + "\n");
        Console.WriteLine("saved a login awaiting its code (" + plain.Length + " and " + sealedText.Length + " bytes)");
        return 0;
    }

    private static int RestorePhase(string file)
    {
        string[] lines = File.ReadAllLines(file);
        var client = Ok(NewClient(), "client");
        // Other options than those saved: refused, naming saved_state.
        var other = Options();
        other.Scope = "openid";
        Equal("saved_state", Err(Login.Restore(client, other, lines[0]), "other options").Field, "field");
        // An edited sealed text, and the wrong key: refused.
        int mid = lines[1].Length / 2;
        string edited = lines[1].Substring(0, mid) + (lines[1][mid] == 'A' ? 'B' : 'A') + lines[1].Substring(mid + 1);
        Equal("saved_state", Err(Login.RestoreSealed(client, Options(), edited, SealKey), "edited").Field, "edited seal");
        Equal("saved_state", Err(Login.RestoreSealed(client, Options(), lines[1], Encoding.UTF8.GetBytes("another key of 16+")), "other key").Field, "other key");
        Equal("saved_state", Err(Login.Restore(client, Options(), lines[1]), "sealed text restored plainly").Field, "sealed as plain");
        // The plain text restores too; the sealed one finishes the login.
        Ok(Login.Restore(client, Options(), lines[0]), "plain restore").Dispose();
        using (var login = Ok(Login.RestoreSealed(client, Options(), lines[1], SealKey), "restore"))
        {
            Equal(LoginState.AwaitingCode, Ok(login.State(), "state"), "state after restore");
            var step = Ok(login.SubmitCode(MailboxCode(tenant, "frank@example.com")), "submit");
            step = Drive(login, step, "frank@example.com", new List<Error>());
            Equal(Next.Done, step.Next, "restored login done: " + step.Error);
            Equal("frank@example.com", Ok(step.Claims.GetString("email"), "email"), "email");
            step.Dispose();
        }
        Console.WriteLine("restored the login in a new process and finished it");
        return 0;
    }

    // ---- runner --------------------------------------------------------------------------------------

    private static int Main(string[] args)
    {
        string only = null, save = null, restore = null, readmeTenant = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--tenant": tenant = args[i + 1]; break;
                case "--only": only = args[i + 1]; break;
                case "--save": save = args[i + 1]; break;
                case "--restore": restore = args[i + 1]; break;
                case "--readme-tenant": readmeTenant = args[i + 1]; break;
                default: Console.Error.WriteLine("unknown argument " + args[i]); return 100;
            }
        }
        if (tenant == null)
        {
            Console.Error.WriteLine("usage: Tests.exe --tenant URL [--readme-tenant URL] [--only NAME | --save FILE | --restore FILE]");
            return 100;
        }
        var tests = new List<KeyValuePair<string, Func<int>>>();
        Action<string, Action> add = (name, body) => tests.Add(new KeyValuePair<string, Func<int>>(name, () => { body(); return 0; }));
        if (save != null)
        {
            tests.Add(new KeyValuePair<string, Func<int>>("save", () => SavePhase(save)));
        }
        else if (restore != null)
        {
            tests.Add(new KeyValuePair<string, Func<int>>("restore", () => RestorePhase(restore)));
        }
        else
        {
            add("library_matches_binding", LibraryMatchesBinding);
            add("email_code_wrong_then_right_with_fetched_keys", EmailCodeWrongThenRightWithFetchedKeys);
            add("failed_key_fetch_is_retried", FailedKeyFetchIsRetried);
            add("refresh_rotates", RefreshRotates);
            add("refusing_and_throwing_verifiers_refuse_the_token", RefusingAndThrowingVerifiersRefuseTheToken);
            add("typed_errors_for_bad_input", TypedErrorsForBadInput);
            add("hostile_inputs", HostileInputs);
            add("dispose_is_once_and_use_after_is_a_typed_error", DisposeIsOnceAndUseAfterIsATypedError);
            add("dropped_handles_are_freed_once_by_the_finalizer", DroppedHandlesAreFreedOnceByTheFinalizer);
            add("dpop_callbacks_sign_and_fail_cleanly", DpopCallbacksSignAndFailCleanly);
            add("dpop_bound_login_and_refresh", DpopBoundLoginAndRefresh);
            add("pure_calls", PureCalls);
            add("userinfo_with_bearer_and_freshness", UserinfoWithBearerAndFreshness);
            add("userinfo_with_dpop_asks_for_the_nonce_first", UserinfoWithDpopAsksForTheNonceFirst);
            add("revoke_then_refresh_fails", RevokeThenRefreshFails);
            add("logout_urls", LogoutUrls);
            add("session_calls_refuse_hostile_input", SessionCallsRefuseHostileInput);
            add("mfa_login_with_totp", MfaLoginWithTotp);
            add("mfa_login_with_a_recovery_code", MfaLoginWithARecoveryCode);
            add("mfa_login_saved_and_restored_with_its_mfa_token", MfaLoginSavedAndRestoredWithItsMfaToken);
            add("mfa_push_is_polled_from_poll_at", MfaPushIsPolledFromPollAt);
            add("mfa_without_a_login_through_the_pure_calls", MfaWithoutALoginThroughThePureCalls);
            add("mfa_calls_refuse_hostile_input", MfaCallsRefuseHostileInput);
            if (readmeTenant != null)
                add("readme_example", () => Equal(0, ReadmeExample.Run(readmeTenant), "README example"));
        }
        int failed = 0, ran = 0;
        foreach (var t in tests)
        {
            if (only != null && t.Key != only)
                continue;
            ran++;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                int rc = t.Value();
                if (rc != 0)
                    throw new AssertionFailed("returned " + rc);
                Console.WriteLine("ok    " + t.Key + " (" + watch.ElapsedMilliseconds + " ms)");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine("FAIL  " + t.Key + ": " + (e is AssertionFailed ? e.Message : e.ToString()));
            }
        }
        Console.WriteLine(ran + " tests, " + failed + " failed");
        return ran == 0 ? 100 : Math.Min(failed, 100);
    }
}

/// <summary>ECDSA P-256 with SHA-256 on System.Numerics.BigInteger, for the DPoP tests only (Mono
/// has no ECDsa): affine points, a fresh random nonce per signature. Not constant time.</summary>
internal sealed class P256
{
    private static readonly BigInteger P = Hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    private static readonly BigInteger N = Hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly BigInteger[] G =
    {
        Hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"),
        Hex("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5"),
    };
    private readonly BigInteger d;

    public P256()
    {
        d = RandomScalar();
        var q = Mul(d, G);
        PublicJwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + B64(Be32(q[0])) + "\",\"y\":\"" + B64(Be32(q[1])) + "\"}";
    }

    public string PublicJwk { get; private set; }

    /// <summary>The raw r||s signature of SHA-256(message).</summary>
    public byte[] Sign(byte[] message)
    {
        BigInteger e;
        using (var sha = SHA256.Create())
            e = FromBe(sha.ComputeHash(message));
        while (true)
        {
            var k = RandomScalar();
            var r = Mod(Mul(k, G)[0], N);
            var s = Mod(Inv(k, N) * (e + r * d), N);
            if (r.IsZero || s.IsZero)
                continue;
            var sig = new byte[64];
            Array.Copy(Be32(r), 0, sig, 0, 32);
            Array.Copy(Be32(s), 0, sig, 32, 32);
            return sig;
        }
    }

    private static BigInteger Hex(string h) { return BigInteger.Parse("0" + h, NumberStyles.HexNumber); }
    private static BigInteger Mod(BigInteger a, BigInteger m) { var r = a % m; return r.Sign < 0 ? r + m : r; }

    private static BigInteger Inv(BigInteger a, BigInteger m)
    {
        BigInteger t = 0, nt = 1, r = m, nr = Mod(a, m);
        while (!nr.IsZero)
        {
            var q = r / nr;
            var tmp = t - q * nt; t = nt; nt = tmp;
            tmp = r - q * nr; r = nr; nr = tmp;
        }
        return Mod(t, m);
    }

    private static BigInteger[] Add(BigInteger[] p, BigInteger[] q)
    {
        if (p == null) return q;
        if (q == null) return p;
        BigInteger l;
        if (p[0] == q[0])
        {
            if (Mod(p[1] + q[1], P).IsZero) return null;
            l = Mod((3 * p[0] * p[0] - 3) * Inv(2 * p[1], P), P);
        }
        else
        {
            l = Mod((q[1] - p[1]) * Inv(q[0] - p[0], P), P);
        }
        var x = Mod(l * l - p[0] - q[0], P);
        return new[] { x, Mod(l * (p[0] - x) - p[1], P) };
    }

    private static BigInteger[] Mul(BigInteger k, BigInteger[] p)
    {
        BigInteger[] r = null;
        for (; !k.IsZero; k >>= 1)
        {
            if (!k.IsEven) r = Add(r, p);
            p = Add(p, p);
        }
        return r;
    }

    private static BigInteger RandomScalar()
    {
        var b = new byte[40];
        using (var rng = RandomNumberGenerator.Create())
            rng.GetBytes(b);
        return Mod(FromBe(b), N - 1) + 1;
    }

    private static BigInteger FromBe(byte[] be)
    {
        var le = new byte[be.Length + 1];
        for (int i = 0; i < be.Length; i++) le[i] = be[be.Length - 1 - i];
        return new BigInteger(le);
    }

    private static byte[] Be32(BigInteger v)
    {
        var le = v.ToByteArray();
        var be = new byte[32];
        for (int i = 0; i < 32 && i < le.Length; i++) be[31 - i] = le[i];
        return be;
    }

    private static string B64(byte[] b) { return Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_'); }
}
