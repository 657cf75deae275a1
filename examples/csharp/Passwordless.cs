// Passwordless.cs: a C# binding (.NET Standard 2.0 API surface, base class library only, C# 7.3)
// over the C ABI of the passwordless core (include/passwordless.h, libpasswordless). Like the core
// it does no I/O: send the Request a call gives you and feed back the Response you received; every
// call that needs the time takes `now` (Unix seconds).
//
// Rules of this layer (README.md beside it says more):
//   - No exception is part of the API: every fallible call returns Result<T> (IsOk, Value, Error);
//     Error carries the C status, kind, action and fields. A login's refusal is a Step whose Error
//     is set, as in C.
//   - Owned native handles are SafeHandle subclasses: freed exactly once, by Dispose or else by the
//     finalizer; a call on a disposed object is Error with Status.BadHandle, never a crash.
//   - Strings cross as UTF-8 bytes (strict: a lone surrogate is Status.InvalidArg), pinned for the
//     call only; text coming back is decoded as UTF-8 explicitly.
//   - Callbacks (verifier, DPoP signer, random source) are static methods marked
//     [MonoPInvokeCallback] held in static delegates; the user's object travels as a GCHandle
//     (user_data), released by the library's user_data_free hook. A managed exception never
//     reaches native code: a throwing verifier is a refused signature, a throwing signer a failed
//     proof.
// To bind a new C call: add its P/Invoke line to Native.cs (check_bindings.py --print), its
// constants to the enums below, and a method that follows the pattern of its neighbours.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using AOT;

namespace Passwordless
{
    // ---- constants: the header's enums, values append-only (keep a default case) -------------------

    /// <summary>passwordless_status: the C call's status; negative values are misuse of the API.</summary>
    public enum Status
    {
        Ok = 0,
        NullArg = -1,
        InvalidArg = -2,
        BadHandle = -3,
        Absent = -4,
        NoMemory = -5,
        Internal = -6,
        Unsupported = -7,
    }

    /// <summary>passwordless_kind: what went wrong. None (binding only): a misuse, see Error.Status.</summary>
    public enum ErrorKind
    {
        None = 0,
        InvalidArgument = 1,
        InvalidState = 2,
        WrongCode = 3,
        CodeExpired = 4,
        AttemptsExhausted = 5,
        RateLimited = 6,
        Blocked = 7,
        MfaRequired = 8,
        GrantNotAllowed = 9,
        InvalidClient = 10,
        InvalidConnection = 11,
        InvalidRequest = 12,
        InvalidEmail = 13,
        InvalidPhoneNumber = 14,
        DeliveryFailed = 15,
        AccessDenied = 16,
        VerificationRequired = 17,
        InvalidRefreshToken = 18,
        ServerError = 19,
        UnknownError = 20,
        UnexpectedResponse = 21,
        MalformedResponse = 22,
        InvalidIdToken = 23,
        StateMismatch = 24,
        TransportFailed = 25,
        InvalidDpopProof = 26,
        DpopNonceRequired = 27,
        IssuerMismatch = 28,
        AuthorizationPending = 29,
        SlowDown = 30,
        MfaRejected = 31,
        MfaTokenInvalid = 32,
        MfaEnrollmentRequired = 33,
        InvalidAccessToken = 34,
        InsufficientScope = 35,
    }

    /// <summary>passwordless_action: what the application should do next.</summary>
    public enum ErrorAction
    {
        None = 0,
        FixInput = 1,
        FixConfig = 2,
        RetryCode = 3,
        Restart = 4,
        Wait = 5,
        Retry = 6,
        GiveUp = 7,
        Mfa = 8,
        Refresh = 9,
    }

    /// <summary>passwordless_error_field_id: the text members of an error.</summary>
    public enum ErrorField
    {
        Code = 1,
        Description = 2,
        Field = 3,
        Reason = 4,
        MfaToken = 5,
        DpopNonce = 6,
    }

    /// <summary>passwordless_client_option.</summary>
    public enum ClientOption
    {
        Domain = 1,
        BaseUrl = 2,
        Id = 3,
        Secret = 4,
        Assertion = 5,
        TokenAuthBasic = 6,
        TokenForm = 7,
        TelemetryName = 8,
        TelemetryVersion = 9,
        MaxBodyBytes = 10,
        MaxJsonDepth = 11,
        MaxTokenBytes = 12,
        MaxInputBytes = 13,
    }

    /// <summary>passwordless_token_field.</summary>
    public enum TokenField
    {
        AccessToken = 300,
        TokenType = 301,
        RefreshToken = 302,
        IdToken = 303,
        Scope = 304,
        ExpiresIn = 305,
        ExpiresAt = 306,
        RecoveryCode = 307,
    }

    /// <summary>passwordless_discovery_field.</summary>
    public enum DiscoveryField
    {
        Issuer = 500,
        JwksUri = 501,
        TokenEndpoint = 502,
        IdTokenAlgs = 503,
        DpopAlgs = 504,
    }

    /// <summary>passwordless_state: where a login stands.</summary>
    public enum LoginState
    {
        Idle = 0,
        SendingCode = 1,
        AwaitingCode = 2,
        VerifyingCode = 3,
        Authenticated = 4,
        Failed = 5,
        FetchingKeys = 6,
        ListingAuthenticators = 7,
        ChoosingAuthenticator = 8,
        Challenging = 9,
        AwaitingMfaCode = 10,
        AwaitingApproval = 11,
        VerifyingMfa = 12,
    }

    /// <summary>passwordless_next: what to do after a step.</summary>
    public enum Next
    {
        SendRequest = 0,
        AskForCode = 1,
        RequestNewCode = 2,
        WaitUntil = 3,
        StartOver = 4,
        Done = 5,
        Stop = 6,
        None = 7,
        Retry = 8,
        ChooseAuthenticator = 9,
        AskForMfaCode = 10,
        Poll = 11,
    }

    /// <summary>passwordless_event.</summary>
    public enum StepEvent
    {
        None = 0,
        CodeSent = 1,
        LinkSent = 2,
        Authenticated = 3,
        MfaRequired = 4,
    }

    /// <summary>passwordless_step_time_id.</summary>
    public enum StepTime
    {
        ResendAfter = 1,
        CodeExpiresAt = 2,
        NextDeadline = 3,
        PollAt = 4,
    }

    /// <summary>passwordless_login_option (string or integer, as the header says per option).</summary>
    public enum LoginOption
    {
        CodeLifetime = 100,
        ResendCooldown = 101,
        MaxAttempts = 102,
        Audience = 103,
        Scope = 104,
        VerifyIdToken = 105,
        Issuer = 106,
        Leeway = 107,
        Nonce = 108,
        MaxAge = 109,
        Organization = 110,
        Algorithms = 111,
        TrustedAudience = 112,
        DangerousSkipSignatureCheck = 113,
        FetchKeys = 114,
        JwksUri = 115,
        DpopRequireBinding = 116,
        Mfa = 117,
    }

    /// <summary>passwordless_start_field.</summary>
    public enum StartField
    {
        Connection = 200,
        Email = 201,
        PhoneNumber = 202,
        Send = 203,
        Language = 204,
        ForwardedFor = 205,
    }

    /// <summary>passwordless_callback_field: members of a magic-link callback.</summary>
    public enum CallbackField
    {
        Code = 400,
        AccessToken = 401,
        IdToken = 402,
        TokenType = 403,
        Scope = 404,
        State = 405,
        ExpiresIn = 406,
    }

    /// <summary>passwordless_authenticator_field: members of an MFA authenticator.</summary>
    public enum AuthenticatorField
    {
        Id = 600,
        Type = 601,
        OobChannel = 602,
        Name = 603,
        Kind = 604,
    }

    /// <summary>passwordless_mfa_challenge_field: members of an MFA challenge.</summary>
    public enum MfaChallengeField
    {
        ChallengeType = 700,
        OobCode = 701,
        BindingMethod = 702,
    }

    /// <summary>passwordless_mfa_requirement_list: the lists of an mfa_required error's mfa_requirements.</summary>
    public enum MfaRequirementList
    {
        Challenge = 1,
        Enroll = 2,
    }

    /// <summary>passwordless_logout_kind: which logout endpoint Client.LogoutUrl builds.</summary>
    public enum LogoutKind
    {
        /// <summary>/v2/logout: the redirect is returnTo; federated may be set.</summary>
        V2 = 1,
        /// <summary>/oidc/logout: the redirect is post_logout_redirect_uri; id_token_hint and state may be set.</summary>
        Oidc = 2,
    }

    /// <summary>passwordless_token_freshness: whether an access token needs a refresh before a call.</summary>
    public enum TokenFreshness
    {
        /// <summary>expires_at is more than the margin away.</summary>
        Fresh = 0,
        /// <summary>Expired or within the margin (or no access token): refresh first.</summary>
        RefreshNow = 1,
        /// <summary>The server sent no expires_in: refresh when the API answers 401.</summary>
        ExpiryUnknown = 2,
    }

    // ---- results and errors ------------------------------------------------------------------------

    /// <summary>A value or an Error; never throws. Value is default(T) when IsOk is false.</summary>
    public struct Result<T>
    {
        private readonly T value;
        private readonly Error error;

        private Result(T value, Error error)
        {
            this.value = value;
            this.error = error;
        }

        public static Result<T> Ok(T value) { return new Result<T>(value, null); }
        public static Result<T> Err(Error error) { return new Result<T>(default(T), error ?? Error.Misuse(Status.Internal, "no error given")); }

        public bool IsOk { get { return error == null; } }
        public T Value { get { return value; } }
        public Error Error { get { return error; } }

        public bool TryGet(out T result, out Error failure)
        {
            result = value;
            failure = error;
            return error == null;
        }

        public override string ToString() { return IsOk ? "Ok(" + value + ")" : "Err(" + error + ")"; }
    }

    /// <summary>The x-ratelimit-* figures of an error (-1: not sent).</summary>
    public sealed class RateLimit
    {
        public long Limit { get; internal set; }
        public long Remaining { get; internal set; }
        public long ResetAt { get; internal set; }
    }

    /// <summary>A failure: the C status (negative: misuse of the API; positive: equal to Kind), what
    /// went wrong, what to do, and the server's or library's details. ToString never shows secrets.</summary>
    public sealed class Error
    {
        public Status Status { get; private set; }
        public ErrorKind Kind { get; private set; }
        public ErrorAction Action { get; private set; }
        /// <summary>The HTTP status of the response that caused it, or 0.</summary>
        public int HttpStatus { get; private set; }
        /// <summary>When a retry makes sense (Unix seconds), or null.</summary>
        public long? RetryAt { get; private set; }
        public RateLimit RateLimit { get; private set; }
        public string Code { get; private set; }
        public string Description { get; private set; }
        /// <summary>invalid_argument: which input (or C parameter) was wrong.</summary>
        public string Field { get; private set; }
        /// <summary>invalid_id_token: which check failed.</summary>
        public string Reason { get; private set; }
        /// <summary>mfa_required: a secret; never log it.</summary>
        public string MfaToken { get; private set; }
        public string DpopNonce { get; private set; }
        /// <summary>mfa_required: the factor types of mfa_requirements.challenge ("otp", "phone",
        /// "push-notification", ...), or null when the error carries none.</summary>
        public IList<string> MfaChallengeTypes { get; private set; }
        /// <summary>mfa_required: the factor types the user must enroll first, or null.</summary>
        public IList<string> MfaEnrollTypes { get; private set; }
        /// <summary>The snake_case name of the status or kind ("wrong_code", "e_bad_handle").</summary>
        public string Name { get; private set; }

        public bool IsMisuse { get { return (int)Status < 0; } }

        internal static Error Misuse(Status status, string description, string field = null)
        {
            return new Error
            {
                Status = status,
                Kind = ErrorKind.None,
                Action = ErrorAction.None,
                Description = description,
                Field = field,
                Name = Interop.StaticString(Interop.SafeStatusStr((int)status)),
            };
        }

        /// <summary>Copies an error object (the caller still frees it).</summary>
        internal static Error FromHandle(IntPtr err)
        {
            int kind = Native.passwordless_error_kind(err);
            if (kind < 0)
                return Misuse((Status)kind, "not an error object");
            var e = new Error
            {
                Status = (Status)kind,
                Kind = (ErrorKind)kind,
                Action = (ErrorAction)Math.Max(0, Native.passwordless_error_action(err)),
                HttpStatus = Math.Max(0, Native.passwordless_error_status(err)),
                Name = Interop.StaticString(Native.passwordless_status_str(kind)),
                Code = ReadField(err, ErrorField.Code),
                Description = ReadField(err, ErrorField.Description) ?? "",
                Field = ReadField(err, ErrorField.Field),
                Reason = ReadField(err, ErrorField.Reason),
                MfaToken = ReadField(err, ErrorField.MfaToken),
                DpopNonce = ReadField(err, ErrorField.DpopNonce),
                MfaChallengeTypes = Requirements(err, MfaRequirementList.Challenge),
                MfaEnrollTypes = Requirements(err, MfaRequirementList.Enroll),
            };
            long at;
            if (Native.passwordless_error_retry_at(err, out at) == 0)
                e.RetryAt = at;
            long limit, remaining, reset;
            if (Native.passwordless_error_rate_limit(err, out limit, out remaining, out reset) == 0)
                e.RateLimit = new RateLimit { Limit = limit, Remaining = remaining, ResetAt = reset };
            return e;
        }

        private static IList<string> Requirements(IntPtr err, MfaRequirementList list)
        {
            int n = Native.passwordless_error_mfa_requirement_count(err, (int)list);
            if (n < 0)
                return null;
            var types = new List<string>(n);
            for (int i = 0; i < n; i++)
            {
                PlStr view;
                if (Native.passwordless_error_mfa_requirement_at(err, (int)list, (UIntPtr)(uint)i, out view) == 0)
                    types.Add(Interop.Lossy(view.Ptr, view.Len));
            }
            return types;
        }

        private static string ReadField(IntPtr err, ErrorField which)
        {
            PlStr view;
            if (Native.passwordless_error_field(err, (int)which, out view) != 0)
                return null;
            return Interop.Lossy(view.Ptr, view.Len);
        }

        /// <summary>A status and, when set, the out_err object (freed here) as an Error. A misuse
        /// status (negative) stays the Status, with the object's kind and field beside it.</summary>
        internal static Error Take(int status, IntPtr err)
        {
            try
            {
                if (err != IntPtr.Zero)
                {
                    Error e = FromHandle(err);
                    if (status < 0 && !e.IsMisuse)
                    {
                        e.Status = (Status)status;
                        e.Name = Interop.StaticString(Interop.SafeStatusStr(status));
                    }
                    return e;
                }
                if (status > 0)
                    return new Error { Status = (Status)status, Kind = (ErrorKind)status, Description = "", Name = Interop.StaticString(Native.passwordless_status_str(status)) };
                return Misuse((Status)status, "the C ABI refused the call");
            }
            finally
            {
                if (err != IntPtr.Zero)
                    Native.passwordless_error_free(err);
            }
        }

        public override string ToString()
        {
            var sb = new StringBuilder(Name ?? Status.ToString());
            if (Action != ErrorAction.None)
                sb.Append(" (").Append(Action).Append(')');
            if (!string.IsNullOrEmpty(Field))
                sb.Append(" field ").Append(Field);
            if (!string.IsNullOrEmpty(Description))
                sb.Append(": ").Append(Description);
            return sb.ToString();
        }
    }

    // ---- marshalling -------------------------------------------------------------------------------

    /// <summary>A byte array pinned for one call (Dispose unpins), seen as PlStr/PlBytes. null is
    /// {NULL, 0} ("absent"). Bad: the string was not valid UTF-16 (nothing pinned).</summary>
    internal struct Pin : IDisposable
    {
        private GCHandle handle;
        internal PlStr Str;
        internal PlBytes Bytes;
        internal bool Bad;

        internal static Pin Text(string s)
        {
            if (s == null)
                return new Pin();
            byte[] data;
            try
            {
                data = Interop.Strict.GetBytes(s);
            }
            catch (EncoderFallbackException)
            {
                return new Pin { Bad = true };
            }
            return Of(data);
        }

        internal static Pin Of(byte[] data)
        {
            var p = new Pin();
            if (data == null)
                return p;
            p.handle = GCHandle.Alloc(data, GCHandleType.Pinned);
            IntPtr at = p.handle.AddrOfPinnedObject();
            p.Str = new PlStr { Ptr = at, Len = (UIntPtr)(uint)data.Length };
            p.Bytes = new PlBytes { Ptr = at, Len = (UIntPtr)(uint)data.Length };
            return p;
        }

        public void Dispose()
        {
            if (handle.IsAllocated)
                handle.Free();
        }
    }

    internal static class Interop
    {
        internal static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);
        private static readonly UTF8Encoding Replacing = new UTF8Encoding(false, false);

        internal static Error BadText(string field)
        {
            return Error.Misuse(Status.InvalidArg, "text is not valid UTF-16 (a lone surrogate), so not UTF-8 either", field);
        }

        internal static byte[] Copy(IntPtr ptr, UIntPtr len)
        {
            ulong n = len.ToUInt64();
            if (ptr == IntPtr.Zero || n == 0)
                return new byte[0];
            if (n > int.MaxValue)
                return null;
            var data = new byte[(int)n];
            Marshal.Copy(ptr, data, 0, (int)n);
            return data;
        }

        /// <summary>A view as text, strictly UTF-8; null when it is not.</summary>
        internal static string Decode(IntPtr ptr, UIntPtr len)
        {
            byte[] data = Copy(ptr, len);
            if (data == null)
                return null;
            try
            {
                return Strict.GetString(data);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }

        /// <summary>A view as text, invalid sequences replaced (messages only).</summary>
        internal static string Lossy(IntPtr ptr, UIntPtr len)
        {
            byte[] data = Copy(ptr, len);
            return data == null ? null : Replacing.GetString(data);
        }

        internal static Result<string> Text(PlStr view)
        {
            string s = Decode(view.Ptr, view.Len);
            return s != null ? Result<string>.Ok(s) : Result<string>.Err(Error.Misuse(Status.InvalidArg, "the library gave text that is not UTF-8"));
        }

        /// <summary>A NUL-terminated static string of the library (names of constants).</summary>
        internal static string StaticString(IntPtr p)
        {
            if (p == IntPtr.Zero)
                return null;
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0)
                n++;
            return Lossy(p, (UIntPtr)(uint)n);
        }

        internal static IntPtr SafeStatusStr(int status)
        {
            try
            {
                return Native.passwordless_status_str(status);
            }
            catch (Exception)  // the library is not loadable: Library.Check says why
            {
                return IntPtr.Zero;
            }
        }

        /// <summary>Runs body with the handle's pointer, the handle kept alive (and not freed by
        /// another thread's Dispose) for the call. Disposed or null: Status.BadHandle/NullArg.</summary>
        internal static Result<T> With<T>(PlHandle h, Func<IntPtr, Result<T>> body)
        {
            if (h == null)
                return Result<T>.Err(Error.Misuse(Status.NullArg, "a required object is null"));
            bool added = false;
            try
            {
                if (h.IsClosed || h.IsInvalid)
                    return Result<T>.Err(Error.Misuse(Status.BadHandle, "the object was disposed"));
                try
                {
                    h.DangerousAddRef(ref added);
                }
                catch (ObjectDisposedException)
                {
                    return Result<T>.Err(Error.Misuse(Status.BadHandle, "the object was disposed"));
                }
                return body(h.DangerousGetHandle());
            }
            finally
            {
                if (added)
                    h.DangerousRelease();
            }
        }

        internal static Result<T> With<T>(PlHandle a, PlHandle b, Func<IntPtr, IntPtr, Result<T>> body)
        {
            return With(a, pa => With(b, pb => body(pa, pb)));
        }

        /// <summary>A Request copied out of a request handle (the caller still frees it).</summary>
        internal static Result<Request> ReadRequest(IntPtr req)
        {
            PlStr method, url;
            PlBytes body;
            int st = Native.passwordless_request_method(req, out method);
            if (st == 0) st = Native.passwordless_request_url(req, out url); else url = default(PlStr);
            if (st == 0) st = Native.passwordless_request_body(req, out body); else body = default(PlBytes);
            if (st != 0)
                return Result<Request>.Err(Error.Take(st, IntPtr.Zero));
            int count = Native.passwordless_request_header_count(req);
            if (count < 0)
                return Result<Request>.Err(Error.Take(count, IntPtr.Zero));
            var headers = new List<KeyValuePair<string, string>>(count);
            for (int i = 0; i < count; i++)
            {
                PlStr name, value;
                st = Native.passwordless_request_header_at(req, (UIntPtr)(uint)i, out name, out value);
                if (st != 0)
                    return Result<Request>.Err(Error.Take(st, IntPtr.Zero));
                headers.Add(new KeyValuePair<string, string>(Decode(name.Ptr, name.Len) ?? "", Decode(value.Ptr, value.Len) ?? ""));
            }
            return Result<Request>.Ok(new Request(Decode(method.Ptr, method.Len) ?? "", Decode(url.Ptr, url.Len) ?? "", headers,
                                                  Copy(body.Ptr, body.Len) ?? new byte[0]));
        }

        /// <summary>An owned request handle (from a call) as a Request; frees the handle.</summary>
        internal static Result<Request> TakeRequest(int status, IntPtr req, IntPtr err)
        {
            if (status != 0)
                return Result<Request>.Err(Error.Take(status, err));
            try
            {
                return ReadRequest(req);
            }
            finally
            {
                Native.passwordless_request_free(req);
            }
        }

        /// <summary>Tokens copied out of a tokens handle (the caller still frees it).</summary>
        internal static Tokens ReadTokens(IntPtr t)
        {
            var tokens = new Tokens();
            tokens.AccessToken = TokenStr(t, TokenField.AccessToken);
            tokens.TokenType = TokenStr(t, TokenField.TokenType);
            tokens.RefreshToken = TokenStr(t, TokenField.RefreshToken);
            tokens.IdToken = TokenStr(t, TokenField.IdToken);
            tokens.Scope = TokenStr(t, TokenField.Scope);
            tokens.RecoveryCode = TokenStr(t, TokenField.RecoveryCode);
            long v;
            if (Native.passwordless_tokens_int(t, (int)TokenField.ExpiresIn, out v) == 0)
                tokens.ExpiresIn = v;
            if (Native.passwordless_tokens_int(t, (int)TokenField.ExpiresAt, out v) == 0)
                tokens.ExpiresAt = v;
            return tokens;
        }

        private static string TokenStr(IntPtr t, TokenField f)
        {
            PlStr view;
            return Native.passwordless_tokens_str(t, (int)f, out view) == 0 ? Decode(view.Ptr, view.Len) : null;
        }

        /// <summary>An owned tokens handle (from a call) as Tokens, which keep the handle (for
        /// Freshness) until disposed or finalized.</summary>
        internal static Result<Tokens> TakeTokens(int status, IntPtr tokens, IntPtr err)
        {
            if (status != 0)
                return Result<Tokens>.Err(Error.Take(status, err));
            var h = new TokensHandle();
            h.Adopt(tokens);
            Tokens t = ReadTokens(tokens);
            t.Source = h;
            return Result<Tokens>.Ok(t);
        }

        /// <summary>Builds the native response of r, runs body with it, frees it.</summary>
        internal static Result<T> WithResponse<T>(Response r, Func<IntPtr, Result<T>> body)
        {
            if (r == null)
                return Result<T>.Err(Error.Misuse(Status.NullArg, "the response is null", "response"));
            IntPtr resp;
            int st = Native.passwordless_response_new(r.Status, out resp);
            if (st != 0)
                return Result<T>.Err(Error.Take(st, IntPtr.Zero));
            try
            {
                foreach (var h in r.Headers)
                {
                    using (Pin n = Pin.Of(h.Key ?? new byte[0]), v = Pin.Of(h.Value ?? new byte[0]))
                    {
                        st = Native.passwordless_response_add_header(resp, n.Bytes, v.Bytes);
                    }
                    if (st != 0)
                        return Result<T>.Err(Error.Take(st, IntPtr.Zero));
                }
                using (Pin b = Pin.Of(r.Body ?? new byte[0]))
                {
                    st = Native.passwordless_response_set_body(resp, b.Bytes);
                }
                if (st != 0)
                    return Result<T>.Err(Error.Take(st, IntPtr.Zero));
                return body(resp);
            }
            finally
            {
                Native.passwordless_response_free(resp);
            }
        }

        internal static long Now(long? now)
        {
            return now ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }
    }

    // ---- handles -----------------------------------------------------------------------------------

    /// <summary>An owned native handle, freed exactly once with its own *_free (Dispose, or the
    /// finalizer when the object is dropped).</summary>
    internal abstract class PlHandle : SafeHandle
    {
        protected PlHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        internal void Adopt(IntPtr p) { SetHandle(p); }

        protected abstract void Free(IntPtr p);

        protected override bool ReleaseHandle()
        {
            Free(handle);
            Diagnostics.CountRelease();
            return true;
        }
    }

    internal sealed class ClientHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_client_free(p); } }
    internal sealed class LoginHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_login_free(p); } }
    internal sealed class StepHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_step_free(p); } }
    internal sealed class KeySetHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_keyset_free(p); } }
    internal sealed class ClaimsHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_claims_free(p); } }
    internal sealed class DpopKeyHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_dpop_key_free(p); } }
    internal sealed class RefreshHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_refresh_free(p); } }
    internal sealed class TokensHandle : PlHandle { protected override void Free(IntPtr p) { Native.passwordless_tokens_free(p); } }

    /// <summary>Counters for tests and leak hunting: native handles released by this binding, and
    /// callback user data (GCHandles) released by the library's user_data_free hook.</summary>
    public static class Diagnostics
    {
        private static long handlesReleased;
        private static long callbackDataReleased;

        public static long HandlesReleased { get { return Interlocked.Read(ref handlesReleased); } }
        public static long CallbackDataReleased { get { return Interlocked.Read(ref callbackDataReleased); } }

        internal static void CountRelease() { Interlocked.Increment(ref handlesReleased); }
        internal static void CountCallbackRelease() { Interlocked.Increment(ref callbackDataReleased); }
    }

    // ---- callbacks ---------------------------------------------------------------------------------

    /// <summary>Checks an ID token's signature: is `signature` valid over `signingInput` for `alg`
    /// with the issuer's key `jwkJson` (the key of the login's key set that the token's `kid`
    /// names, as a JSON object; "" when none)? Return true only for a valid signature; an
    /// exception counts as a refusal.</summary>
    public delegate bool SignatureVerifier(string alg, string kid, byte[] signingInput, byte[] signature, string jwkJson);

    /// <summary>Signs a DPoP proof's signing input with the P-256 private key: the raw 64-byte
    /// r||s ES256 signature (not DER). null or an exception fails the proof.</summary>
    public delegate byte[] DpopSigner(byte[] signingInput);

    /// <summary>Fills the buffer with cryptographically secure random bytes.</summary>
    public delegate void RandomSource(byte[] buffer);

    internal sealed class DpopCallbacks
    {
        internal DpopSigner Sign;
        internal RandomSource Random;
    }

    /// <summary>The static entry points the library calls; user data is a GCHandle to the
    /// caller's delegate, freed by OnFree (the library's user_data_free), exactly once.</summary>
    internal static class Callbacks
    {
        // Static delegate instances: alive for the whole program, so the function pointers the
        // library keeps stay valid.
        internal static readonly VerifyFn Verify = OnVerify;
        internal static readonly FreeFn Free = OnFree;
        internal static readonly DpopSignFn Sign = OnSign;
        internal static readonly RandomFn Random = OnRandom;

        internal static IntPtr Register(object target)
        {
            return GCHandle.ToIntPtr(GCHandle.Alloc(target, GCHandleType.Normal));
        }

        [MonoPInvokeCallback(typeof(VerifyFn))]
        private static int OnVerify(IntPtr userData, PlStr alg, PlStr kid, PlBytes signingInput, PlBytes signature, PlStr jwkJson)
        {
            try
            {
                var verifier = GCHandle.FromIntPtr(userData).Target as SignatureVerifier;
                if (verifier == null)
                    return -1;
                string a = Interop.Decode(alg.Ptr, alg.Len), k = Interop.Decode(kid.Ptr, kid.Len), j = Interop.Decode(jwkJson.Ptr, jwkJson.Len);
                byte[] input = Interop.Copy(signingInput.Ptr, signingInput.Len), sig = Interop.Copy(signature.Ptr, signature.Len);
                if (a == null || k == null || j == null || input == null || sig == null)
                    return -1;
                return verifier(a, k, input, sig, j) ? 0 : 1;
            }
            catch (Exception)  // never into native code: the signature is refused
            {
                return -1;
            }
        }

        [MonoPInvokeCallback(typeof(FreeFn))]
        private static void OnFree(IntPtr userData)
        {
            try
            {
                GCHandle.FromIntPtr(userData).Free();
                Diagnostics.CountCallbackRelease();
            }
            catch (Exception)
            {
            }
        }

        [MonoPInvokeCallback(typeof(DpopSignFn))]
        private static int OnSign(IntPtr userData, PlBytes signingInput, IntPtr output, UIntPtr outputCapacity, out UIntPtr outputLength)
        {
            outputLength = UIntPtr.Zero;
            try
            {
                var cb = GCHandle.FromIntPtr(userData).Target as DpopCallbacks;
                byte[] input = Interop.Copy(signingInput.Ptr, signingInput.Len);
                if (cb == null || cb.Sign == null || input == null)
                    return -1;
                byte[] sig = cb.Sign(input);
                if (sig == null || (ulong)sig.Length > outputCapacity.ToUInt64())
                    return 1;
                Marshal.Copy(sig, 0, output, sig.Length);
                outputLength = (UIntPtr)(uint)sig.Length;
                return 0;
            }
            catch (Exception)  // the proof, and the call, fail
            {
                return -1;
            }
        }

        [MonoPInvokeCallback(typeof(RandomFn))]
        private static int OnRandom(IntPtr userData, IntPtr output, UIntPtr length)
        {
            try
            {
                var cb = GCHandle.FromIntPtr(userData).Target as DpopCallbacks;
                ulong n = length.ToUInt64();
                if (cb == null || n > 4096)
                    return -1;
                var data = new byte[(int)n];
                if (cb.Random != null)
                    cb.Random(data);
                else
                    using (var rng = RandomNumberGenerator.Create())
                        rng.GetBytes(data);
                Marshal.Copy(data, 0, output, data.Length);
                return 0;
            }
            catch (Exception)
            {
                return -1;
            }
        }
    }

    // ---- values --------------------------------------------------------------------------------------

    /// <summary>A request to send: method, URL, headers in order (send them all), body.</summary>
    public sealed class Request
    {
        internal Request(string method, string url, IList<KeyValuePair<string, string>> headers, byte[] body)
        {
            Method = method;
            Url = url;
            Headers = headers;
            Body = body;
        }

        public string Method { get; private set; }
        public string Url { get; private set; }
        public IList<KeyValuePair<string, string>> Headers { get; private set; }
        public byte[] Body { get; private set; }

        public override string ToString() { return "Request(" + Method + " " + Url + ")"; }
    }

    /// <summary>A response as received: status, headers (bytes as received), body.</summary>
    public sealed class Response
    {
        public Response(int status, byte[] body = null)
        {
            Status = status;
            Body = body ?? new byte[0];
            Headers = new List<KeyValuePair<byte[], byte[]>>();
        }

        public int Status { get; set; }
        public byte[] Body { get; set; }
        public List<KeyValuePair<byte[], byte[]>> Headers { get; private set; }

        public Response AddHeader(byte[] name, byte[] value)
        {
            Headers.Add(new KeyValuePair<byte[], byte[]>(name, value));
            return this;
        }

        /// <summary>A header as text (UTF-8; a lone surrogate becomes U+FFFD, as HTTP carries bytes).</summary>
        public Response AddHeader(string name, string value)
        {
            var enc = new UTF8Encoding(false, false);
            return AddHeader(enc.GetBytes(name ?? ""), enc.GetBytes(value ?? ""));
        }
    }

    /// <summary>One MFA authenticator (null: member absent).</summary>
    public sealed class Authenticator
    {
        /// <summary>For Login.ChooseAuthenticator or Client.MfaChallengeRequest.</summary>
        public string Id { get; internal set; }
        /// <summary>authenticator_type: "otp", "oob", "recovery-code", ...</summary>
        public string Type { get; internal set; }
        /// <summary>"sms", "voice", "email", "auth0" (push), ...</summary>
        public string OobChannel { get; internal set; }
        public string Name { get; internal set; }
        /// <summary>The entry's "type" member.</summary>
        public string Kind { get; internal set; }
        public bool? Active { get; internal set; }

        public override string ToString() { return "Authenticator(" + Type + (OobChannel != null ? "/" + OobChannel : "") + ", " + Id + ")"; }
    }

    /// <summary>The authenticators of an MFA step or answer (copied), with the entries left out.</summary>
    public sealed class Authenticators
    {
        public IList<Authenticator> Items { get; private set; }
        /// <summary>Entries of the answer left out (no usable id or type, or beyond 64).</summary>
        public int Skipped { get; private set; }

        /// <summary>The first one of a type ("otp", "oob", "recovery-code") and, for oob, a channel; or null.</summary>
        public Authenticator Find(string type, string oobChannel = null)
        {
            foreach (var a in Items)
                if (a.Type == type && (oobChannel == null || a.OobChannel == oobChannel))
                    return a;
            return null;
        }

        /// <summary>Copies a list (the caller still frees an owned one).</summary>
        internal static Authenticators Read(IntPtr list)
        {
            int n = Math.Max(0, Native.passwordless_authenticators_count(list));
            var items = new List<Authenticator>(n);
            for (int i = 0; i < n; i++)
            {
                var at = (UIntPtr)(uint)i;
                var a = new Authenticator
                {
                    Id = Member(list, at, AuthenticatorField.Id),
                    Type = Member(list, at, AuthenticatorField.Type),
                    OobChannel = Member(list, at, AuthenticatorField.OobChannel),
                    Name = Member(list, at, AuthenticatorField.Name),
                    Kind = Member(list, at, AuthenticatorField.Kind),
                };
                bool active;
                if (Native.passwordless_authenticators_active(list, at, out active) == 0)
                    a.Active = active;
                items.Add(a);
            }
            return new Authenticators { Items = items, Skipped = Math.Max(0, Native.passwordless_authenticators_skipped(list)) };
        }

        private static string Member(IntPtr list, UIntPtr at, AuthenticatorField f)
        {
            PlStr view;
            return Native.passwordless_authenticators_str(list, at, (int)f, out view) == 0 ? Interop.Decode(view.Ptr, view.Len) : null;
        }
    }

    /// <summary>An MFA challenge (null: member absent).</summary>
    public sealed class MfaChallenge
    {
        /// <summary>"otp" or "oob".</summary>
        public string ChallengeType { get; internal set; }
        /// <summary>oob: for Client.MfaOobRequest (a secret).</summary>
        public string OobCode { get; internal set; }
        /// <summary>"prompt": the user must type the code sent.</summary>
        public string BindingMethod { get; internal set; }

        internal static string Member(IntPtr ch, MfaChallengeField f)
        {
            PlStr view;
            return Native.passwordless_mfa_challenge_str(ch, (int)f, out view) == 0 ? Interop.Decode(view.Ptr, view.Len) : null;
        }
    }

    /// <summary>A token set (null: member absent). The members are copies; Freshness asks the
    /// library, with the native tokens these were read from: those of a call (Client.TokenResponse,
    /// Refresh, ...) are kept until Dispose (or the finalizer), those of a Step are lent by the
    /// step (Status.BadHandle once the step is disposed).</summary>
    public sealed class Tokens : IDisposable
    {
        internal PlHandle Source;
        internal bool OfStep;

        /// <summary>Frees the native copy of tokens a call returned (a step's: nothing; the step owns them).</summary>
        public void Dispose()
        {
            if (Source != null && !OfStep)
                Source.Dispose();
        }

        /// <summary>Whether the access token needs a refresh before a call at `now`, marginSeconds
        /// ahead (a negative margin counts as 0).</summary>
        public Result<TokenFreshness> Freshness(long marginSeconds, long? now = null)
        {
            if (Source == null)
                return Result<TokenFreshness>.Err(Error.Misuse(Status.NullArg, "these tokens were not read from the library", "tokens"));
            return Interop.With(Source, p =>
            {
                IntPtr t = p;
                if (OfStep)
                {
                    int s = Native.passwordless_step_tokens(p, out t);
                    if (s != 0)
                        return Result<TokenFreshness>.Err(Error.Take(s, IntPtr.Zero));
                }
                int f = Native.passwordless_tokens_freshness(t, Interop.Now(now), marginSeconds);
                return f >= 0 ? Result<TokenFreshness>.Ok((TokenFreshness)f) : Result<TokenFreshness>.Err(Error.Take(f, IntPtr.Zero));
            });
        }

        public string AccessToken { get; internal set; }
        public string TokenType { get; internal set; }
        public string RefreshToken { get; internal set; }
        public string IdToken { get; internal set; }
        public string Scope { get; internal set; }
        public long? ExpiresIn { get; internal set; }
        public long? ExpiresAt { get; internal set; }
        /// <summary>After a recovery-code MFA login: the new recovery code to show once (a secret).</summary>
        public string RecoveryCode { get; internal set; }
    }

    /// <summary>Options of a client. The common ones are properties; any other (or a new one of a
    /// later header) is Set(option, value).</summary>
    public sealed class ClientOptions
    {
        private readonly List<KeyValuePair<ClientOption, object>> extra = new List<KeyValuePair<ClientOption, object>>();

        public string Domain { get; set; }
        public string BaseUrl { get; set; }
        public string ClientId { get; set; }
        public string ClientSecret { get; set; }

        public ClientOptions Set(ClientOption option, string value) { extra.Add(new KeyValuePair<ClientOption, object>(option, value)); return this; }
        public ClientOptions Set(ClientOption option, long value) { extra.Add(new KeyValuePair<ClientOption, object>(option, value)); return this; }

        internal IEnumerable<KeyValuePair<ClientOption, object>> All()
        {
            if (Domain != null) yield return new KeyValuePair<ClientOption, object>(ClientOption.Domain, Domain);
            if (BaseUrl != null) yield return new KeyValuePair<ClientOption, object>(ClientOption.BaseUrl, BaseUrl);
            if (ClientId != null) yield return new KeyValuePair<ClientOption, object>(ClientOption.Id, ClientId);
            if (ClientSecret != null) yield return new KeyValuePair<ClientOption, object>(ClientOption.Secret, ClientSecret);
            foreach (var kv in extra)
                yield return kv;
        }
    }

    /// <summary>Options of a login (and of Client.VerifyIdToken). Verifier, Keys and Dpop are the
    /// callbacks and objects; any option of the header is Set(option, value) (string or integer,
    /// as the header says; TrustedAudience may be set more than once).</summary>
    public sealed class LoginOptions
    {
        private readonly List<KeyValuePair<LoginOption, object>> extra = new List<KeyValuePair<LoginOption, object>>();

        public string Scope { get; set; }
        public string Audience { get; set; }
        /// <summary>Requires and verifies the ID token (needs Verifier).</summary>
        public bool VerifyIdToken { get; set; }
        /// <summary>The login fetches the tenant's JWKS itself as a request step; the verifier gets the key the token names.</summary>
        public bool FetchKeys { get; set; }
        /// <summary>An mfa_required answer does not end the login: it lists the authenticators
        /// and continues (Next.ChooseAuthenticator, AskForMfaCode, Poll).</summary>
        public bool Mfa { get; set; }
        public SignatureVerifier Verifier { get; set; }
        public KeySet Keys { get; set; }
        public DpopKey Dpop { get; set; }

        public LoginOptions Set(LoginOption option, string value) { extra.Add(new KeyValuePair<LoginOption, object>(option, value)); return this; }
        public LoginOptions Set(LoginOption option, long value) { extra.Add(new KeyValuePair<LoginOption, object>(option, value)); return this; }

        /// <summary>A new native options handle (the caller frees it), or the error.</summary>
        internal Result<IntPtr> Build()
        {
            IntPtr opts;
            int st = Native.passwordless_login_options_new(out opts);
            if (st != 0)
                return Result<IntPtr>.Err(Error.Take(st, IntPtr.Zero));
            Error failure = Apply(opts);
            if (failure == null)
                return Result<IntPtr>.Ok(opts);
            Native.passwordless_login_options_free(opts);
            return Result<IntPtr>.Err(failure);
        }

        private Error Apply(IntPtr opts)
        {
            var all = new List<KeyValuePair<LoginOption, object>>();
            if (Scope != null) all.Add(new KeyValuePair<LoginOption, object>(LoginOption.Scope, Scope));
            if (Audience != null) all.Add(new KeyValuePair<LoginOption, object>(LoginOption.Audience, Audience));
            if (VerifyIdToken) all.Add(new KeyValuePair<LoginOption, object>(LoginOption.VerifyIdToken, 1L));
            if (FetchKeys) all.Add(new KeyValuePair<LoginOption, object>(LoginOption.FetchKeys, 1L));
            if (Mfa) all.Add(new KeyValuePair<LoginOption, object>(LoginOption.Mfa, 1L));
            all.AddRange(extra);
            foreach (var kv in all)
            {
                int st;
                if (kv.Value is long)
                {
                    st = Native.passwordless_login_options_set_int(opts, (int)kv.Key, (long)kv.Value);
                }
                else
                {
                    using (Pin v = Pin.Text((string)kv.Value))
                    {
                        if (v.Bad)
                            return Interop.BadText(kv.Key.ToString());
                        st = Native.passwordless_login_options_set_str(opts, (int)kv.Key, v.Str);
                    }
                }
                if (st != 0)
                    return Error.Misuse((Status)st, "login option " + kv.Key + " refused", kv.Key.ToString());
            }
            if (Verifier != null)
            {
                // On failure the library runs the free hook itself: the GCHandle is never leaked.
                int st = Native.passwordless_login_options_set_verifier(opts, Callbacks.Verify, Callbacks.Register(Verifier), Callbacks.Free);
                if (st != 0)
                    return Error.Misuse((Status)st, "the verifier was refused", "verifier");
            }
            if (Keys != null)
            {
                var r = Interop.With(Keys.Handle, k => Result<int>.Ok(Native.passwordless_login_options_set_keyset(opts, k)));
                if (!r.IsOk)
                    return r.Error;
                if (r.Value != 0)
                    return Error.Misuse((Status)r.Value, "the key set was refused", "keys");
            }
            if (Dpop != null)
            {
                var r = Interop.With(Dpop.Handle, k => Result<int>.Ok(Native.passwordless_login_options_set_dpop_key(opts, k)));
                if (!r.IsOk)
                    return r.Error;
                if (r.Value != 0)
                    return Error.Misuse((Status)r.Value, "the DPoP key was refused", "dpop");
            }
            return null;
        }
    }

    /// <summary>Inputs of Login.Start.</summary>
    public sealed class StartParams
    {
        private readonly List<KeyValuePair<StartField, string>> extra = new List<KeyValuePair<StartField, string>>();
        private readonly List<KeyValuePair<string, string>> authParams = new List<KeyValuePair<string, string>>();

        /// <summary>"email", "sms" or a custom connection.</summary>
        public string Connection { get; set; }
        public string Email { get; set; }
        /// <summary>E.164.</summary>
        public string PhoneNumber { get; set; }
        /// <summary>"code", "link", "link_ios", "link_android".</summary>
        public string Send { get; set; }

        public StartParams Set(StartField field, string value) { extra.Add(new KeyValuePair<StartField, string>(field, value)); return this; }
        /// <summary>One authParams member (magic links: scope, state, redirect_uri, ...).</summary>
        public StartParams AddAuthParam(string name, string value) { authParams.Add(new KeyValuePair<string, string>(name, value)); return this; }

        internal Error Apply(IntPtr p)
        {
            var all = new List<KeyValuePair<StartField, string>>();
            if (Connection != null) all.Add(new KeyValuePair<StartField, string>(StartField.Connection, Connection));
            if (Email != null) all.Add(new KeyValuePair<StartField, string>(StartField.Email, Email));
            if (PhoneNumber != null) all.Add(new KeyValuePair<StartField, string>(StartField.PhoneNumber, PhoneNumber));
            if (Send != null) all.Add(new KeyValuePair<StartField, string>(StartField.Send, Send));
            all.AddRange(extra);
            foreach (var kv in all)
            {
                using (Pin v = Pin.Text(kv.Value))
                {
                    if (v.Bad)
                        return Interop.BadText(kv.Key.ToString());
                    int st = Native.passwordless_start_params_set(p, (int)kv.Key, v.Str);
                    if (st != 0)
                        return Error.Misuse((Status)st, "start member " + kv.Key + " refused", kv.Key.ToString());
                }
            }
            foreach (var kv in authParams)
            {
                using (Pin n = Pin.Text(kv.Key), v = Pin.Text(kv.Value))
                {
                    if (n.Bad || v.Bad)
                        return Interop.BadText("auth_param");
                    int st = Native.passwordless_start_params_add_auth_param(p, n.Str, v.Str);
                    if (st != 0)
                        return Error.Misuse((Status)st, "authParams member refused", "auth_param");
                }
            }
            return null;
        }
    }

    // ---- library -----------------------------------------------------------------------------------

    /// <summary>The loaded libpasswordless.</summary>
    public static class Library
    {
        private static int checkedState;  // 0 not yet, 1 good, 2 bad
        private static Error loadError;

        /// <summary>Loads the library and checks that its ABI is the one this binding follows;
        /// every entry point of the binding calls it first. Value: the library's version.</summary>
        public static Result<string> Check()
        {
            if (Volatile.Read(ref checkedState) == 0)
            {
                try
                {
                    uint abi = Native.passwordless_abi_version();
                    loadError = abi == Native.AbiVersion ? null
                        : Error.Misuse(Status.Unsupported, "libpasswordless has ABI " + abi + "; this binding needs " + Native.AbiVersion);
                }
                catch (Exception e)  // DllNotFoundException, EntryPointNotFoundException, BadImageFormatException
                {
                    loadError = Error.Misuse(Status.Unsupported, "libpasswordless cannot be loaded: " + e.GetType().Name);
                }
                Volatile.Write(ref checkedState, loadError == null ? 1 : 2);
            }
            if (checkedState == 2)
                return Result<string>.Err(loadError);
            return Result<string>.Ok(Interop.StaticString(Native.passwordless_version_string()));
        }

        public static uint VersionNumber { get { return Check().IsOk ? Native.passwordless_version_number() : 0; } }

        /// <summary>The snake_case name of a status, kind, action, state or next value.</summary>
        public static string StatusName(int status) { return Check().IsOk ? Interop.StaticString(Native.passwordless_status_str(status)) : null; }
        public static string ActionName(ErrorAction action) { return Check().IsOk ? Interop.StaticString(Native.passwordless_action_str((int)action)) : null; }
        public static string StateName(LoginState state) { return Check().IsOk ? Interop.StaticString(Native.passwordless_state_str((int)state)) : null; }
        public static string NextName(Next next) { return Check().IsOk ? Interop.StaticString(Native.passwordless_next_str((int)next)) : null; }
    }

    // ---- client --------------------------------------------------------------------------------------

    /// <summary>A validated client configuration (thread: one at a time per object).</summary>
    public sealed class Client : IDisposable
    {
        internal readonly ClientHandle Handle;

        private Client(ClientHandle h) { Handle = h; }

        public static Result<Client> Create(ClientOptions options)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<Client>.Err(lib.Error);
            if (options == null)
                return Result<Client>.Err(Error.Misuse(Status.NullArg, "options are null", "options"));
            IntPtr opts;
            int st = Native.passwordless_client_options_new(out opts);
            if (st != 0)
                return Result<Client>.Err(Error.Take(st, IntPtr.Zero));
            try
            {
                foreach (var kv in options.All())
                {
                    if (kv.Value is long)
                    {
                        st = Native.passwordless_client_options_set_int(opts, (int)kv.Key, (long)kv.Value);
                    }
                    else
                    {
                        using (Pin v = Pin.Text((string)kv.Value))
                        {
                            if (v.Bad)
                                return Result<Client>.Err(Interop.BadText(kv.Key.ToString()));
                            st = Native.passwordless_client_options_set_str(opts, (int)kv.Key, v.Str);
                        }
                    }
                    if (st != 0)
                        return Result<Client>.Err(Error.Misuse((Status)st, "client option " + kv.Key + " refused", kv.Key.ToString()));
                }
                var h = new ClientHandle();
                IntPtr client, err;
                st = Native.passwordless_client_new(opts, out client, out err);
                if (st != 0)
                    return Result<Client>.Err(Error.Take(st, err));
                h.Adopt(client);
                return Result<Client>.Ok(new Client(h));
            }
            finally
            {
                Native.passwordless_client_options_free(opts);
            }
        }

        public void Dispose() { Handle.Dispose(); }

        /// <summary>The issuer the tenant puts in ID tokens ("https://domain/").</summary>
        public Result<string> ExpectedIssuer()
        {
            return Interop.With(Handle, c =>
            {
                PlStr view;
                int st = Native.passwordless_client_expected_issuer(c, out view);
                return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
            });
        }

        /// <summary>The refresh grant (scope and audience optional).</summary>
        public Result<Request> RefreshRequest(string refreshToken, string scope = null, string audience = null)
        {
            return Interop.With(Handle, c =>
            {
                using (Pin t = Pin.Text(refreshToken), s = Pin.Text(scope), a = Pin.Text(audience))
                {
                    if (t.Bad || s.Bad || a.Bad)
                        return Result<Request>.Err(Interop.BadText("refresh_token"));
                    IntPtr req, err;
                    int st = Native.passwordless_client_refresh_request(c, t.Str, s.Str, a.Str, out req, out err);
                    return Interop.TakeRequest(st, req, err);
                }
            });
        }

        /// <summary>The answer to a refresh request: tokens, or the classified error.</summary>
        public Result<Tokens> TokenResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                IntPtr tokens, err;
                int st = Native.passwordless_client_token_response(c, r, Interop.Now(now), out tokens, out err);
                return Interop.TakeTokens(st, tokens, err);
            }));
        }

        /// <summary>GET /.well-known/jwks.json on the tenant.</summary>
        public Result<Request> JwksRequest()
        {
            return Interop.With(Handle, c =>
            {
                IntPtr req;
                int st = Native.passwordless_client_jwks_request(c, out req);
                return Interop.TakeRequest(st, req, IntPtr.Zero);
            });
        }

        public Result<KeySet> JwksResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                var h = new KeySetHandle();
                IntPtr keys, err;
                int st = Native.passwordless_client_jwks_response(c, r, Interop.Now(now), out keys, out err);
                if (st != 0)
                    return Result<KeySet>.Err(Error.Take(st, err));
                h.Adopt(keys);
                return Result<KeySet>.Ok(new KeySet(h));
            }));
        }

        /// <summary>The authorization-code grant for a magic link's code.</summary>
        public Result<Request> CodeRequest(string code, string redirectUri, string codeVerifier = null)
        {
            return Interop.With(Handle, c =>
            {
                using (Pin a = Pin.Text(code), b = Pin.Text(redirectUri), v = Pin.Text(codeVerifier))
                {
                    if (a.Bad || b.Bad || v.Bad)
                        return Result<Request>.Err(Interop.BadText("code"));
                    IntPtr req, err;
                    int st = Native.passwordless_client_code_request(c, a.Str, b.Str, v.Str, out req, out err);
                    return Interop.TakeRequest(st, req, err);
                }
            });
        }

        public Result<Tokens> CodeResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                IntPtr tokens, err;
                int st = Native.passwordless_client_code_response(c, r, Interop.Now(now), out tokens, out err);
                return Interop.TakeTokens(st, tokens, err);
            }));
        }

        /// <summary>GET {issuer}/.well-known/openid-configuration.</summary>
        public Result<Request> DiscoveryRequest()
        {
            return Interop.With(Handle, c =>
            {
                IntPtr req;
                int st = Native.passwordless_client_discovery_request(c, out req);
                return Interop.TakeRequest(st, req, IntPtr.Zero);
            });
        }

        public Result<Discovery> DiscoveryResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                IntPtr doc, err;
                int st = Native.passwordless_client_discovery_response(c, r, Interop.Now(now), out doc, out err);
                return Discovery.Take(st, doc, err);
            }));
        }

        /// <summary>Verifies an ID token received outside a login (a magic link's) as a login with
        /// these options would; the signature by options.Verifier with the key of options.Keys.</summary>
        public Result<Claims> VerifyIdToken(string idToken, LoginOptions options, long? now = null)
        {
            if (options == null)
                return Result<Claims>.Err(Error.Misuse(Status.NullArg, "options are null", "options"));
            return Interop.With(Handle, c =>
            {
                var built = options.Build();
                if (!built.IsOk)
                    return Result<Claims>.Err(built.Error);
                try
                {
                    using (Pin t = Pin.Text(idToken))
                    {
                        if (t.Bad)
                            return Result<Claims>.Err(Interop.BadText("id_token"));
                        var h = new ClaimsHandle();
                        IntPtr claims, err;
                        int st = Native.passwordless_verify_id_token(c, built.Value, t.Str, Interop.Now(now), out claims, out err);
                        if (st != 0)
                            return Result<Claims>.Err(Error.Take(st, err));
                        h.Adopt(claims);
                        return Result<Claims>.Ok(new Claims(h, false));
                    }
                }
                finally
                {
                    Native.passwordless_login_options_free(built.Value);
                }
            });
        }

        // ---- MFA without a login (apps that drive it themselves) -----------------------------------

        private delegate int RequestCall(IntPtr client, out IntPtr req, out IntPtr err);

        private Result<Request> Build(RequestCall call)
        {
            return Interop.With(Handle, c =>
            {
                IntPtr req, err;
                int st = call(c, out req, out err);
                return Interop.TakeRequest(st, req, err);
            });
        }

        /// <summary>GET /mfa/authenticators with the mfa_token (Error.MfaToken) as Bearer token.</summary>
        public Result<Request> MfaAuthenticatorsRequest(string mfaToken)
        {
            using (Pin m = Pin.Text(mfaToken))
            {
                if (m.Bad)
                    return Result<Request>.Err(Interop.BadText("mfa_token"));
                PlStr mt = m.Str;
                return Build((IntPtr c, out IntPtr req, out IntPtr err) => Native.passwordless_client_mfa_authenticators_request(c, mt, out req, out err));
            }
        }

        /// <summary>Its answer: the authenticators, or the error (association_required: MfaEnrollmentRequired).</summary>
        public Result<Authenticators> MfaAuthenticatorsResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                IntPtr list, err;
                int st = Native.passwordless_client_mfa_authenticators_response(c, r, Interop.Now(now), out list, out err);
                if (st != 0)
                    return Result<Authenticators>.Err(Error.Take(st, err));
                try
                {
                    return Result<Authenticators>.Ok(Authenticators.Read(list));
                }
                finally
                {
                    Native.passwordless_authenticators_free(list);
                }
            }));
        }

        /// <summary>POST /mfa/challenge; challengeType ("otp", "oob", "otp oob") and authenticatorId optional.</summary>
        public Result<Request> MfaChallengeRequest(string mfaToken, string challengeType = null, string authenticatorId = null)
        {
            using (Pin m = Pin.Text(mfaToken), t = Pin.Text(challengeType), a = Pin.Text(authenticatorId))
            {
                if (m.Bad || t.Bad || a.Bad)
                    return Result<Request>.Err(Interop.BadText("mfa_token"));
                PlStr mt = m.Str, ct = t.Str, ai = a.Str;
                return Build((IntPtr c, out IntPtr req, out IntPtr err) => Native.passwordless_client_mfa_challenge_request(c, mt, ct, ai, out req, out err));
            }
        }

        /// <summary>Its answer: the challenge (OobCode a secret), or the classified error.</summary>
        public Result<MfaChallenge> MfaChallengeResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                IntPtr ch, err;
                int st = Native.passwordless_client_mfa_challenge_response(c, r, Interop.Now(now), out ch, out err);
                if (st != 0)
                    return Result<MfaChallenge>.Err(Error.Take(st, err));
                try
                {
                    return Result<MfaChallenge>.Ok(new MfaChallenge
                    {
                        ChallengeType = MfaChallenge.Member(ch, MfaChallengeField.ChallengeType),
                        OobCode = MfaChallenge.Member(ch, MfaChallengeField.OobCode),
                        BindingMethod = MfaChallenge.Member(ch, MfaChallengeField.BindingMethod),
                    });
                }
                finally
                {
                    Native.passwordless_mfa_challenge_free(ch);
                }
            }));
        }

        /// <summary>The mfa-otp grant (an authenticator app's code); answer: TokenResponse.</summary>
        public Result<Request> MfaOtpRequest(string mfaToken, string otp)
        {
            using (Pin m = Pin.Text(mfaToken), o = Pin.Text(otp))
            {
                if (m.Bad || o.Bad)
                    return Result<Request>.Err(Interop.BadText("otp"));
                PlStr mt = m.Str, ot = o.Str;
                return Build((IntPtr c, out IntPtr req, out IntPtr err) => Native.passwordless_client_mfa_otp_request(c, mt, ot, out req, out err));
            }
        }

        /// <summary>The mfa-oob grant: the challenge's OobCode and the binding code the user typed
        /// (null: poll a push); answer: TokenResponse.</summary>
        public Result<Request> MfaOobRequest(string mfaToken, string oobCode, string bindingCode = null)
        {
            using (Pin m = Pin.Text(mfaToken), o = Pin.Text(oobCode), b = Pin.Text(bindingCode))
            {
                if (m.Bad || o.Bad || b.Bad)
                    return Result<Request>.Err(Interop.BadText("oob_code"));
                PlStr mt = m.Str, oc = o.Str, bc = b.Str;
                return Build((IntPtr c, out IntPtr req, out IntPtr err) => Native.passwordless_client_mfa_oob_request(c, mt, oc, bc, out req, out err));
            }
        }

        /// <summary>The mfa-recovery-code grant; answer: TokenResponse (Tokens.RecoveryCode: the new code).</summary>
        public Result<Request> MfaRecoveryRequest(string mfaToken, string recoveryCode)
        {
            using (Pin m = Pin.Text(mfaToken), o = Pin.Text(recoveryCode))
            {
                if (m.Bad || o.Bad)
                    return Result<Request>.Err(Interop.BadText("recovery_code"));
                PlStr mt = m.Str, rc = o.Str;
                return Build((IntPtr c, out IntPtr req, out IntPtr err) => Native.passwordless_client_mfa_recovery_request(c, mt, rc, out req, out err));
            }
        }

        // ---- the session after the login: revoke, userinfo, logout --------------------------------

        /// <summary>POST /oauth/revoke for a refresh token, with the client's credentials. A
        /// refused token (empty, CR, LF, NUL, spaces, non-ASCII) is InvalidArgument, field
        /// "refresh_token", never quoted.</summary>
        public Result<Request> RevokeRequest(string refreshToken)
        {
            return Interop.With(Handle, c =>
            {
                using (Pin t = Pin.Text(refreshToken))
                {
                    if (t.Bad)
                        return Result<Request>.Err(Interop.BadText("refresh_token"));
                    IntPtr req, err;
                    int st = Native.passwordless_client_revoke_request(c, t.Str, out req, out err);
                    return Interop.TakeRequest(st, req, err);
                }
            });
        }

        /// <summary>The answer to RevokeRequest: Ok for any 2xx whatever the body, else the classified error.</summary>
        public Result<bool> RevokeResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                IntPtr err;
                int st = Native.passwordless_client_revoke_response(c, r, Interop.Now(now), out err);
                return st == 0 ? Result<bool>.Ok(true) : Result<bool>.Err(Error.Take(st, err));
            }));
        }

        /// <summary>GET /userinfo with "authorization: tokenType accessToken" (tokenType "Bearer"
        /// or "DPoP", any case; null: Bearer). DPoP tokens need their key (a proof with ath, and
        /// nonce: the server's latest DPoP-Nonce, null: none).</summary>
        public Result<Request> UserinfoRequest(string accessToken, string tokenType = null, DpopKey dpop = null, string nonce = null, long? now = null)
        {
            return Interop.With(Handle, c =>
            {
                Func<IntPtr, Result<Request>> make = key =>
                {
                    using (Pin t = Pin.Text(accessToken), tt = Pin.Text(tokenType), n = Pin.Text(nonce))
                    {
                        if (t.Bad || tt.Bad || n.Bad)
                            return Result<Request>.Err(Interop.BadText("access_token"));
                        IntPtr req, err;
                        int st = Native.passwordless_client_userinfo_request(c, t.Str, tt.Str, key, n.Str, Interop.Now(now), out req, out err);
                        return Interop.TakeRequest(st, req, err);
                    }
                };
                return dpop == null ? make(IntPtr.Zero) : Interop.With(dpop.Handle, make);
            });
        }

        /// <summary>The answer to UserinfoRequest: the claims (owned: Dispose them; "sub" is a
        /// non-empty string), or the error (a 401 is InvalidAccessToken with ErrorAction.Refresh,
        /// unless it asks for a DPoP nonce: DpopNonceRequired with Error.DpopNonce, send again).</summary>
        public Result<Claims> UserinfoResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, c => Interop.WithResponse(response, r =>
            {
                var h = new ClaimsHandle();
                IntPtr claims, err;
                int st = Native.passwordless_client_userinfo_response(c, r, Interop.Now(now), out claims, out err);
                if (st != 0)
                    return Result<Claims>.Err(Error.Take(st, err));
                h.Adopt(claims);
                return Result<Claims>.Ok(new Claims(h, false));
            }));
        }

        /// <summary>A logout URL to open in the browser. redirectUri (returnTo for V2,
        /// post_logout_redirect_uri for Oidc) must be absolute https, or http on a loopback host:
        /// else InvalidArgument naming return_to or post_logout_redirect_uri. idTokenHint and state
        /// only with Oidc, federated only with V2 (else Status.InvalidArg).</summary>
        public Result<string> LogoutUrl(LogoutKind kind, string redirectUri = null, string idTokenHint = null, string state = null, bool federated = false)
        {
            return Interop.With(Handle, c =>
            {
                using (Pin r = Pin.Text(redirectUri), h = Pin.Text(idTokenHint), s = Pin.Text(state))
                {
                    if (r.Bad || h.Bad || s.Bad)
                        return Result<string>.Err(Interop.BadText("redirect_uri"));
                    IntPtr req, err;
                    int st = Native.passwordless_client_logout_url(c, (int)kind, r.Str, h.Str, s.Str, federated ? 1 : 0, out req, out err);
                    var got = Interop.TakeRequest(st, req, err);
                    return got.IsOk ? Result<string>.Ok(got.Value.Url) : Result<string>.Err(got.Error);
                }
            });
        }

        /// <summary>A refresh grant that may use DPoP (see Refresh). tokenType: that of the tokens
        /// being refreshed; DPoP-bound tokens need their key.</summary>
        public Result<Refresh> Refresh(string refreshToken, string tokenType = "Bearer", DpopKey dpop = null, string nonce = null,
                                       string scope = null, string audience = null, bool requireBinding = false)
        {
            return Interop.With(Handle, c =>
            {
                Func<IntPtr, Result<Refresh>> make = key =>
                {
                    using (Pin rt = Pin.Text(refreshToken), tt = Pin.Text(tokenType), nn = Pin.Text(nonce), sc = Pin.Text(scope), au = Pin.Text(audience))
                    {
                        if (rt.Bad || tt.Bad || nn.Bad || sc.Bad || au.Bad)
                            return Result<Refresh>.Err(Interop.BadText("refresh_token"));
                        var h = new RefreshHandle();
                        IntPtr refresh, err;
                        int st = Native.passwordless_refresh_new(c, rt.Str, sc.Str, au.Str, tt.Str, key, requireBinding ? 1 : 0, nn.Str, out refresh, out err);
                        if (st != 0)
                            return Result<Refresh>.Err(Error.Take(st, err));
                        h.Adopt(refresh);
                        return Result<Refresh>.Ok(new Refresh(h));
                    }
                };
                return dpop == null ? make(IntPtr.Zero) : Interop.With(dpop.Handle, make);
            });
        }
    }

    // ---- key sets, claims, discovery -----------------------------------------------------------------

    /// <summary>A parsed JWKS.</summary>
    public sealed class KeySet : IDisposable
    {
        internal readonly KeySetHandle Handle;

        internal KeySet(KeySetHandle h) { Handle = h; }

        public static Result<KeySet> Parse(byte[] document)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<KeySet>.Err(lib.Error);
            using (Pin d = Pin.Of(document))
            {
                var h = new KeySetHandle();
                IntPtr keys, err;
                int st = Native.passwordless_keyset_parse(d.Bytes, out keys, out err);
                if (st != 0)
                    return Result<KeySet>.Err(Error.Take(st, err));
                h.Adopt(keys);
                return Result<KeySet>.Ok(new KeySet(h));
            }
        }

        public void Dispose() { Handle.Dispose(); }

        public Result<int> Count() { return Interop.With(Handle, k => Count(Native.passwordless_keyset_count(k))); }

        /// <summary>How many keys of the document were skipped as not understood.</summary>
        public Result<int> Skipped() { return Interop.With(Handle, k => Count(Native.passwordless_keyset_skipped(k))); }

        /// <summary>The key with this kid as JSON; Status.Absent when there is none.</summary>
        public Result<string> Find(string kid)
        {
            return Interop.With(Handle, k =>
            {
                using (Pin id = Pin.Text(kid))
                {
                    if (id.Bad)
                        return Result<string>.Err(Interop.BadText("kid"));
                    PlStr view;
                    int st = Native.passwordless_keyset_find(k, id.Str, out view);
                    return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
                }
            });
        }

        private static Result<int> Count(int n) { return n >= 0 ? Result<int>.Ok(n) : Result<int>.Err(Error.Take(n, IntPtr.Zero)); }
    }

    /// <summary>A verified ID token's claims: those of a Step (lent by the step, valid while it is
    /// not disposed) or of Client.VerifyIdToken (owned: Dispose frees them).</summary>
    public sealed class Claims : IDisposable
    {
        private readonly PlHandle owner;
        private readonly bool ofStep;

        internal Claims(PlHandle owner, bool ofStep)
        {
            this.owner = owner;
            this.ofStep = ofStep;
        }

        public void Dispose()
        {
            if (!ofStep)
                owner.Dispose();
        }

        private Result<T> WithClaims<T>(Func<IntPtr, Result<T>> body)
        {
            return Interop.With(owner, p =>
            {
                if (!ofStep)
                    return body(p);
                IntPtr claims;
                int st = Native.passwordless_step_claims(p, out claims);
                return st == 0 ? body(claims) : Result<T>.Err(Error.Take(st, IntPtr.Zero));
            });
        }

        /// <summary>A string claim ("email", "sub"); Status.Absent when not there.</summary>
        public Result<string> GetString(string name)
        {
            return WithClaims(c =>
            {
                using (Pin n = Pin.Text(name))
                {
                    if (n.Bad)
                        return Result<string>.Err(Interop.BadText("name"));
                    PlStr view;
                    int st = Native.passwordless_claims_str(c, n.Str, out view);
                    return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
                }
            });
        }

        public Result<long> GetLong(string name)
        {
            return WithClaims(c =>
            {
                using (Pin n = Pin.Text(name))
                {
                    if (n.Bad)
                        return Result<long>.Err(Interop.BadText("name"));
                    long v;
                    int st = Native.passwordless_claims_int(c, n.Str, out v);
                    return st == 0 ? Result<long>.Ok(v) : Result<long>.Err(Error.Take(st, IntPtr.Zero));
                }
            });
        }

        public Result<bool> GetBool(string name)
        {
            return WithClaims(c =>
            {
                using (Pin n = Pin.Text(name))
                {
                    if (n.Bad)
                        return Result<bool>.Err(Interop.BadText("name"));
                    bool v;
                    int st = Native.passwordless_claims_bool(c, n.Str, out v);
                    return st == 0 ? Result<bool>.Ok(v) : Result<bool>.Err(Error.Take(st, IntPtr.Zero));
                }
            });
        }

        /// <summary>Every claim: the payload JSON as decoded from the token.</summary>
        public Result<string> Json()
        {
            return WithClaims(c =>
            {
                PlStr view;
                int st = Native.passwordless_claims_json(c, out view);
                return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
            });
        }
    }

    /// <summary>An OpenID Connect discovery document (members copied; null: absent).</summary>
    public sealed class Discovery
    {
        public string Issuer { get; private set; }
        public string JwksUri { get; private set; }
        public string TokenEndpoint { get; private set; }
        public string IdTokenAlgs { get; private set; }
        public string DpopAlgs { get; private set; }

        /// <summary>A document from any source, checked against expectedIssuer byte for byte.</summary>
        public static Result<Discovery> Parse(byte[] document, string expectedIssuer)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<Discovery>.Err(lib.Error);
            using (Pin d = Pin.Of(document), i = Pin.Text(expectedIssuer))
            {
                if (i.Bad)
                    return Result<Discovery>.Err(Interop.BadText("expected_issuer"));
                IntPtr doc, err;
                int st = Native.passwordless_discovery_parse(d.Bytes, i.Str, out doc, out err);
                return Take(st, doc, err);
            }
        }

        internal static Result<Discovery> Take(int status, IntPtr doc, IntPtr err)
        {
            if (status != 0)
                return Result<Discovery>.Err(Error.Take(status, err));
            try
            {
                return Result<Discovery>.Ok(new Discovery
                {
                    Issuer = Member(doc, DiscoveryField.Issuer),
                    JwksUri = Member(doc, DiscoveryField.JwksUri),
                    TokenEndpoint = Member(doc, DiscoveryField.TokenEndpoint),
                    IdTokenAlgs = Member(doc, DiscoveryField.IdTokenAlgs),
                    DpopAlgs = Member(doc, DiscoveryField.DpopAlgs),
                });
            }
            finally
            {
                Native.passwordless_discovery_free(doc);
            }
        }

        private static string Member(IntPtr doc, DiscoveryField f)
        {
            PlStr view;
            return Native.passwordless_discovery_str(doc, (int)f, out view) == 0 ? Interop.Decode(view.Ptr, view.Len) : null;
        }
    }

    // ---- login ---------------------------------------------------------------------------------------

    /// <summary>What one login call produced. Request, Error, Tokens' members and the times are
    /// copied; Claims (and Tokens.Freshness) are lent by the step: Dispose the step when done with
    /// them (else the finalizer does).</summary>
    public sealed class Step : IDisposable
    {
        private readonly StepHandle handle;

        public LoginState State { get; private set; }
        public Next Next { get; private set; }
        public StepEvent Event { get; private set; }
        /// <summary>The request to send (Next.SendRequest), or null.</summary>
        public Request Request { get; private set; }
        /// <summary>The refusal or failure (not thrown), or null.</summary>
        public Error Error { get; private set; }
        /// <summary>The tokens (Next.Done), or null.</summary>
        public Tokens Tokens { get; private set; }
        /// <summary>The verified ID token's claims, or null.</summary>
        public Claims Claims { get; private set; }
        public long? ResendAfter { get; private set; }
        public long? CodeExpiresAt { get; private set; }
        public long? NextDeadline { get; private set; }
        /// <summary>Next.Poll: when Login.Poll is allowed.</summary>
        public long? PollAt { get; private set; }
        /// <summary>StepEvent.MfaRequired: the user's authenticators (copied), or null.</summary>
        public Authenticators Authenticators { get; private set; }

        private Step(StepHandle h) { handle = h; }

        public void Dispose() { handle.Dispose(); }

        /// <summary>Reads an owned step handle (adopted by h).</summary>
        internal static Result<Step> Read(StepHandle h)
        {
            var s = new Step(h);
            Result<bool> r = Interop.With(h, p =>
            {
                int state = Native.passwordless_step_state(p), next = Native.passwordless_step_next(p);
                if (state < 0 || next < 0)
                    return Result<bool>.Err(Error.Take(Math.Min(state, next), IntPtr.Zero));
                s.State = (LoginState)state;
                s.Next = (Next)next;
                s.Event = (StepEvent)Math.Max(0, Native.passwordless_step_event(p));
                IntPtr part;
                if (Native.passwordless_step_request(p, out part) == 0)
                {
                    var req = Interop.ReadRequest(part);
                    if (!req.IsOk)
                        return Result<bool>.Err(req.Error);
                    s.Request = req.Value;
                }
                if (Native.passwordless_step_error(p, out part) == 0)
                    s.Error = Error.FromHandle(part);
                if (Native.passwordless_step_tokens(p, out part) == 0)
                {
                    s.Tokens = Interop.ReadTokens(part);
                    s.Tokens.Source = h;
                    s.Tokens.OfStep = true;
                }
                if (Native.passwordless_step_claims(p, out part) == 0)
                    s.Claims = new Claims(h, true);
                long t;
                if (Native.passwordless_step_time(p, (int)StepTime.ResendAfter, out t) == 0) s.ResendAfter = t;
                if (Native.passwordless_step_time(p, (int)StepTime.CodeExpiresAt, out t) == 0) s.CodeExpiresAt = t;
                if (Native.passwordless_step_time(p, (int)StepTime.NextDeadline, out t) == 0) s.NextDeadline = t;
                if (Native.passwordless_step_time(p, (int)StepTime.PollAt, out t) == 0) s.PollAt = t;
                if (Native.passwordless_step_authenticators(p, out part) == 0)
                    s.Authenticators = Authenticators.Read(part);
                return Result<bool>.Ok(true);
            });
            if (!r.IsOk || (s.Claims == null && s.Tokens == null))
                h.Dispose();  // nothing lent: free the step now rather than at finalization
            return r.IsOk ? Result<Step>.Ok(s) : Result<Step>.Err(r.Error);
        }

        public override string ToString() { return "Step(" + State + ", " + Next + ", " + Event + (Error != null ? ", " + Error : "") + ")"; }
    }

    /// <summary>One passwordless login: the core's state machine. Every call returns a Step (a
    /// refusal is step.Error); Result.Error only for misuse (a disposed login, bad text).</summary>
    public sealed class Login : IDisposable
    {
        internal readonly LoginHandle Handle;

        private Login(LoginHandle h) { Handle = h; }

        public void Dispose() { Handle.Dispose(); }

        public static Result<Login> Create(Client client, LoginOptions options)
        {
            return Make(client, options, (c, o) =>
            {
                IntPtr login, err;
                int st = Native.passwordless_login_new(c, o, out login, out err);
                return Pair(st, login, err);
            });
        }

        /// <summary>A login continued from Save's text, with the same client and options (else
        /// InvalidArgument, field "saved_state", the message naming what differs).</summary>
        public static Result<Login> Restore(Client client, LoginOptions options, string saved, long? now = null)
        {
            return Make(client, options, (c, o) =>
            {
                using (Pin s = Pin.Text(saved))
                {
                    if (s.Bad)
                        return Result<IntPtr>.Err(Interop.BadText("saved_state"));
                    IntPtr login, err;
                    int st = Native.passwordless_login_restore(c, o, s.Str, Interop.Now(now), out login, out err);
                    return Pair(st, login, err);
                }
            });
        }

        /// <summary>Restore of a text sealed with this key (at least 16 bytes); any edit is refused.</summary>
        public static Result<Login> RestoreSealed(Client client, LoginOptions options, string saved, byte[] sealKey, long? now = null)
        {
            return Make(client, options, (c, o) =>
            {
                using (Pin s = Pin.Text(saved), k = Pin.Of(sealKey))
                {
                    if (s.Bad)
                        return Result<IntPtr>.Err(Interop.BadText("saved_state"));
                    IntPtr login, err;
                    int st = Native.passwordless_login_restore_sealed(c, o, s.Str, k.Bytes, Interop.Now(now), out login, out err);
                    return Pair(st, login, err);
                }
            });
        }

        private static Result<IntPtr> Pair(int st, IntPtr login, IntPtr err)
        {
            return st == 0 ? Result<IntPtr>.Ok(login) : Result<IntPtr>.Err(Error.Take(st, err));
        }

        private static Result<Login> Make(Client client, LoginOptions options, Func<IntPtr, IntPtr, Result<IntPtr>> create)
        {
            if (client == null || options == null)
                return Result<Login>.Err(Error.Misuse(Status.NullArg, "client or options are null", client == null ? "client" : "options"));
            return Interop.With(client.Handle, c =>
            {
                var built = options.Build();
                if (!built.IsOk)
                    return Result<Login>.Err(built.Error);
                try
                {
                    var h = new LoginHandle();  // allocated first: nothing can fail between create and Adopt
                    var r = create(c, built.Value);
                    if (!r.IsOk)
                        return Result<Login>.Err(r.Error);
                    h.Adopt(r.Value);
                    return Result<Login>.Ok(new Login(h));
                }
                finally
                {
                    Native.passwordless_login_options_free(built.Value);
                }
            });
        }

        private delegate int StepCall(IntPtr login, out IntPtr step);

        private Result<Step> Call(StepCall call)
        {
            return Interop.With(Handle, l =>
            {
                var h = new StepHandle();
                IntPtr step;
                int st = call(l, out step);
                if (st != 0)
                    return Result<Step>.Err(Error.Take(st, IntPtr.Zero));
                h.Adopt(step);
                return Step.Read(h);
            });
        }

        public Result<LoginState> State()
        {
            return Interop.With(Handle, l =>
            {
                int s = Native.passwordless_login_state(l);
                return s >= 0 ? Result<LoginState>.Ok((LoginState)s) : Result<LoginState>.Err(Error.Take(s, IntPtr.Zero));
            });
        }

        /// <summary>Asks the tenant to send a code or a link.</summary>
        public Result<Step> Start(StartParams start, long? now = null)
        {
            if (start == null)
                return Result<Step>.Err(Error.Misuse(Status.NullArg, "start parameters are null", "params"));
            IntPtr p;
            int st = Native.passwordless_start_params_new(out p);
            if (st != 0)
                return Result<Step>.Err(Error.Take(st, IntPtr.Zero));
            try
            {
                Error bad = start.Apply(p);
                if (bad != null)
                    return Result<Step>.Err(bad);
                long t = Interop.Now(now);
                return Call((IntPtr l, out IntPtr s) => Native.passwordless_login_start(l, p, t, out s));
            }
            finally
            {
                Native.passwordless_start_params_free(p);
            }
        }

        private delegate int TextStepCall(IntPtr login, PlStr text, long now, out IntPtr step);

        private Result<Step> CallWithText(string text, string field, TextStepCall call, long? now)
        {
            using (Pin c = Pin.Text(text))
            {
                if (c.Bad)
                    return Result<Step>.Err(Interop.BadText(field));
                PlStr v = c.Str;
                long t = Interop.Now(now);
                return Call((IntPtr l, out IntPtr step) => call(l, v, t, out step));
            }
        }

        /// <summary>MFA: picks an authenticator of step.Authenticators by its Id.</summary>
        public Result<Step> ChooseAuthenticator(string authenticatorId, long? now = null)
        {
            return CallWithText(authenticatorId, "authenticator_id", Native.passwordless_login_choose_authenticator, now);
        }

        /// <summary>MFA: the second-factor code (an authenticator app's, or one sent by SMS, voice, email).</summary>
        public Result<Step> SubmitMfaCode(string code, long? now = null)
        {
            return CallWithText(code, "code", Native.passwordless_login_submit_mfa_code, now);
        }

        /// <summary>MFA: a recovery code; the tokens then carry the new one (Tokens.RecoveryCode).</summary>
        public Result<Step> SubmitRecoveryCode(string code, long? now = null)
        {
            return CallWithText(code, "code", Native.passwordless_login_submit_recovery_code, now);
        }

        /// <summary>MFA: asks whether a push was approved (from step.PollAt; earlier is InvalidState with RetryAt).</summary>
        public Result<Step> Poll(long? now = null)
        {
            long t = Interop.Now(now);
            return Call((IntPtr l, out IntPtr s) => Native.passwordless_login_poll(l, t, out s));
        }

        /// <summary>Restore of a text saved during MFA, with the mfa_token the app kept: the login
        /// lists the authenticators again (Retry sends the request). sealKey null: not sealed.</summary>
        public static Result<Login> RestoreWithMfaToken(Client client, LoginOptions options, string saved, string mfaToken, byte[] sealKey = null, long? now = null)
        {
            return Make(client, options, (c, o) =>
            {
                using (Pin s = Pin.Text(saved), m = Pin.Text(mfaToken), k = Pin.Of(sealKey))
                {
                    if (s.Bad || m.Bad)
                        return Result<IntPtr>.Err(Interop.BadText(s.Bad ? "saved_state" : "mfa_token"));
                    IntPtr login, err;
                    int st = Native.passwordless_login_restore_with_mfa_token(c, o, s.Str, m.Str, k.Bytes, Interop.Now(now), out login, out err);
                    return Pair(st, login, err);
                }
            });
        }

        public Result<Step> SubmitCode(string code, long? now = null)
        {
            using (Pin c = Pin.Text(code))
            {
                if (c.Bad)
                    return Result<Step>.Err(Interop.BadText("code"));
                PlStr s = c.Str;
                long t = Interop.Now(now);
                return Call((IntPtr l, out IntPtr step) => Native.passwordless_login_submit_code(l, s, t, out step));
            }
        }

        /// <summary>Feeds the response to step.Request.</summary>
        public Result<Step> OnResponse(Response response, long? now = null)
        {
            long t = Interop.Now(now);
            return Interop.WithResponse(response, r => Call((IntPtr l, out IntPtr s) => Native.passwordless_login_on_response(l, r, t, out s)));
        }

        public Result<Step> Resend(long? now = null)
        {
            long t = Interop.Now(now);
            return Call((IntPtr l, out IntPtr s) => Native.passwordless_login_resend(l, t, out s));
        }

        public Result<Step> OnTransportFailure(long? now = null)
        {
            long t = Interop.Now(now);
            return Call((IntPtr l, out IntPtr s) => Native.passwordless_login_on_transport_failure(l, t, out s));
        }

        /// <summary>Sends the failed key fetch again (after Next.Retry).</summary>
        public Result<Step> Retry(long? now = null)
        {
            long t = Interop.Now(now);
            return Call((IntPtr l, out IntPtr s) => Native.passwordless_login_retry(l, t, out s));
        }

        public Result<Step> Cancel(long? now = null)
        {
            long t = Interop.Now(now);
            return Call((IntPtr l, out IntPtr s) => Native.passwordless_login_cancel(l, t, out s));
        }

        /// <summary>The pending login as text (no code, secret or token) for Restore.</summary>
        public Result<string> Save()
        {
            return Interop.With(Handle, l =>
            {
                PlStr view;
                int st = Native.passwordless_login_save(l, out view);
                return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
            });
        }

        /// <summary>The mfa_token the login holds in an MFA state (a secret): keep it in your secure
        /// store beside a Save() made during MFA, for RestoreWithMfaToken. Status.Absent elsewhere.</summary>
        public Result<string> MfaToken()
        {
            return Interop.With(Handle, l =>
            {
                PlStr view;
                int st = Native.passwordless_login_mfa_token(l, out view);
                return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
            });
        }

        /// <summary>The error that ended the login while it is failed (for a login saved during MFA
        /// and restored without its mfa_token: ErrorKind.MfaTokenInvalid); Status.Absent otherwise.</summary>
        public Result<Error> Failure()
        {
            return Interop.With(Handle, l =>
            {
                IntPtr err;
                int st = Native.passwordless_login_failure(l, out err);
                return st == 0 ? Result<Error>.Ok(Error.FromHandle(err)) : Result<Error>.Err(Error.Take(st, IntPtr.Zero));
            });
        }

        /// <summary>Save with an HMAC-SHA256 seal under sealKey (at least 16 bytes), for text
        /// stored where others can write (PlayerPrefs, a file).</summary>
        public Result<string> SaveSealed(byte[] sealKey)
        {
            return Interop.With(Handle, l =>
            {
                using (Pin k = Pin.Of(sealKey))
                {
                    PlStr view;
                    IntPtr err;
                    int st = Native.passwordless_login_save_sealed(l, k.Bytes, out view, out err);
                    return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, err));
                }
            });
        }

        /// <summary>The newest DPoP-Nonce the tenant gave this login; Status.Absent when none.</summary>
        public Result<string> DpopNonce()
        {
            return Interop.With(Handle, l =>
            {
                PlStr view;
                int st = Native.passwordless_login_dpop_nonce(l, out view);
                return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
            });
        }
    }

    // ---- DPoP and refresh ----------------------------------------------------------------------------

    /// <summary>A DPoP key: its public P-256 JWK and the caller's signer (the private key may stay
    /// in a key store) and random source (default: RandomNumberGenerator).</summary>
    public sealed class DpopKey : IDisposable
    {
        internal readonly DpopKeyHandle Handle;

        private DpopKey(DpopKeyHandle h) { Handle = h; }

        public static Result<DpopKey> Create(string publicJwk, DpopSigner sign, RandomSource random = null)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<DpopKey>.Err(lib.Error);
            if (sign == null)
                return Result<DpopKey>.Err(Error.Misuse(Status.NullArg, "the signer is null", "sign"));
            using (Pin j = Pin.Text(publicJwk))
            {
                if (j.Bad)
                    return Result<DpopKey>.Err(Interop.BadText("public_jwk"));
                var h = new DpopKeyHandle();
                IntPtr key;
                var ud = Callbacks.Register(new DpopCallbacks { Sign = sign, Random = random });
                int st = Native.passwordless_dpop_key_new(j.Str, Callbacks.Sign, Callbacks.Random, ud, Callbacks.Free, out key);
                if (st != 0)
                    return Result<DpopKey>.Err(Error.Misuse((Status)st, "the DPoP key was refused", "public_jwk"));
                h.Adopt(key);
                return Result<DpopKey>.Ok(new DpopKey(h));
            }
        }

        public void Dispose() { Handle.Dispose(); }

        /// <summary>The RFC 7638 thumbprint (a bound token's cnf.jkt).</summary>
        public Result<string> Thumbprint()
        {
            return Interop.With(Handle, k =>
            {
                PlStr view;
                int st = Native.passwordless_dpop_key_thumbprint(k, out view);
                return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
            });
        }

        public Result<string> PublicJwk()
        {
            return Interop.With(Handle, k =>
            {
                PlStr view;
                int st = Native.passwordless_dpop_key_public_jwk(k, out view);
                return st == 0 ? Interop.Text(view) : Result<string>.Err(Error.Take(st, IntPtr.Zero));
            });
        }

        /// <summary>An API call with a DPoP-bound access token: the request whose two headers
        /// ("authorization: DPoP ...", "dpop: proof") go on your call. nonce: the API's latest.</summary>
        public Result<Request> ResourceRequest(string method, string url, string accessToken, string nonce = null, long? now = null)
        {
            return Interop.With(Handle, k =>
            {
                using (Pin m = Pin.Text(method), u = Pin.Text(url), t = Pin.Text(accessToken), n = Pin.Text(nonce))
                {
                    if (m.Bad || u.Bad || t.Bad || n.Bad)
                        return Result<Request>.Err(Interop.BadText("url"));
                    IntPtr req, err;
                    int st = Native.passwordless_dpop_resource_request(k, m.Str, u.Str, t.Str, n.Str, Interop.Now(now), out req, out err);
                    return Interop.TakeRequest(st, req, err);
                }
            });
        }
    }

    /// <summary>One refresh grant (Client.Refresh): send Request(), feed OnResponse; it gives new
    /// tokens, or once a request to send again (the tenant asked for its DPoP nonce).</summary>
    public sealed class Refresh : IDisposable
    {
        internal readonly RefreshHandle Handle;

        internal Refresh(RefreshHandle h) { Handle = h; }

        public void Dispose() { Handle.Dispose(); }

        public Result<Request> Request(long? now = null)
        {
            return Interop.With(Handle, r =>
            {
                IntPtr req, err;
                int st = Native.passwordless_refresh_request(r, Interop.Now(now), out req, out err);
                return Interop.TakeRequest(st, req, err);
            });
        }

        /// <summary>Value: the tokens (Tokens set) or a request to send next (Request set).</summary>
        public Result<RefreshOutcome> OnResponse(Response response, long? now = null)
        {
            return Interop.With(Handle, r => Interop.WithResponse(response, resp =>
            {
                IntPtr req, tokens, err;
                int st = Native.passwordless_refresh_on_response(r, resp, Interop.Now(now), out req, out tokens, out err);
                if (st != 0)
                    return Result<RefreshOutcome>.Err(Error.Take(st, err));
                if (req != IntPtr.Zero)
                {
                    var again = Interop.TakeRequest(0, req, IntPtr.Zero);
                    if (tokens != IntPtr.Zero)
                        Native.passwordless_tokens_free(tokens);
                    return again.IsOk ? Result<RefreshOutcome>.Ok(new RefreshOutcome { Request = again.Value }) : Result<RefreshOutcome>.Err(again.Error);
                }
                var got = Interop.TakeTokens(0, tokens, IntPtr.Zero);
                return Result<RefreshOutcome>.Ok(new RefreshOutcome { Tokens = got.Value });
            }));
        }
    }

    public sealed class RefreshOutcome
    {
        public Tokens Tokens { get; internal set; }
        public Request Request { get; internal set; }
    }

    // ---- calls that need no handle -----------------------------------------------------------------

    /// <summary>What a magic link's callback URL carried (null: absent).</summary>
    public sealed class MagicLinkCallback
    {
        public string Code { get; internal set; }
        public string AccessToken { get; internal set; }
        public string IdToken { get; internal set; }
        public string TokenType { get; internal set; }
        public string Scope { get; internal set; }
        public string State { get; internal set; }
        public long? ExpiresIn { get; internal set; }
    }

    /// <summary>One WWW-Authenticate challenge.</summary>
    public sealed class Challenge
    {
        public string Scheme { get; internal set; }
        public string Token68 { get; internal set; }
        public IList<KeyValuePair<string, string>> Parameters { get; internal set; }
    }

    /// <summary>The calls of the C ABI that build or parse without a client or login.</summary>
    public static class Protocol
    {
        /// <summary>Parses the URL a magic link opened, checking its state first.</summary>
        public static Result<MagicLinkCallback> ParseCallback(string url, string expectedState)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<MagicLinkCallback>.Err(lib.Error);
            using (Pin u = Pin.Text(url), s = Pin.Text(expectedState))
            {
                if (u.Bad || s.Bad)
                    return Result<MagicLinkCallback>.Err(Interop.BadText("url"));
                IntPtr cb, err;
                int st = Native.passwordless_callback_parse(u.Str, s.Str, out cb, out err);
                if (st != 0)
                    return Result<MagicLinkCallback>.Err(Error.Take(st, err));
                try
                {
                    var m = new MagicLinkCallback
                    {
                        Code = Member(cb, CallbackField.Code),
                        AccessToken = Member(cb, CallbackField.AccessToken),
                        IdToken = Member(cb, CallbackField.IdToken),
                        TokenType = Member(cb, CallbackField.TokenType),
                        Scope = Member(cb, CallbackField.Scope),
                        State = Member(cb, CallbackField.State),
                    };
                    long v;
                    if (Native.passwordless_callback_int(cb, (int)CallbackField.ExpiresIn, out v) == 0)
                        m.ExpiresIn = v;
                    return Result<MagicLinkCallback>.Ok(m);
                }
                finally
                {
                    Native.passwordless_callback_free(cb);
                }
            }
        }

        private static string Member(IntPtr cb, CallbackField f)
        {
            PlStr view;
            return Native.passwordless_callback_str(cb, (int)f, out view) == 0 ? Interop.Decode(view.Ptr, view.Len) : null;
        }

        /// <summary>The RFC 7638 thumbprint of a public JWK (RSA, EC, OKP).</summary>
        public static Result<string> JwkThumbprint(string jwkJson)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<string>.Err(lib.Error);
            var buffer = new byte[64];
            using (Pin j = Pin.Text(jwkJson), o = Pin.Of(buffer))
            {
                if (j.Bad)
                    return Result<string>.Err(Interop.BadText("jwk"));
                UIntPtr n;
                int st = Native.passwordless_jwk_thumbprint(j.Str, o.Bytes.Ptr, (UIntPtr)(uint)buffer.Length, out n);
                if (st != 0)
                    return Result<string>.Err(Error.Take(st, IntPtr.Zero));
                return Interop.Text(new PlStr { Ptr = o.Bytes.Ptr, Len = n });
            }
        }

        /// <summary>The WWW-Authenticate challenges of an API's answer, in order.</summary>
        public static Result<IList<Challenge>> ResourceChallenges(Response response)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<IList<Challenge>>.Err(lib.Error);
            return Interop.WithResponse(response, r =>
            {
                IntPtr ch, err;
                int st = Native.passwordless_response_challenges(r, out ch, out err);
                if (st != 0)
                    return Result<IList<Challenge>>.Err(Error.Take(st, err));
                try
                {
                    var list = new List<Challenge>();
                    int count = Native.passwordless_challenges_count(ch);
                    for (int i = 0; i < count; i++)
                    {
                        var at = (UIntPtr)(uint)i;
                        PlStr scheme, token68, name, value;
                        Native.passwordless_challenges_scheme(ch, at, out scheme);
                        var c = new Challenge { Scheme = Interop.Decode(scheme.Ptr, scheme.Len), Parameters = new List<KeyValuePair<string, string>>() };
                        if (Native.passwordless_challenges_token68(ch, at, out token68) == 0)
                            c.Token68 = Interop.Decode(token68.Ptr, token68.Len);
                        int n = Native.passwordless_challenges_param_count(ch, at);
                        for (int j = 0; j < n; j++)
                            if (Native.passwordless_challenges_param_at(ch, at, (UIntPtr)(uint)j, out name, out value) == 0)
                                c.Parameters.Add(new KeyValuePair<string, string>(Interop.Decode(name.Ptr, name.Len), Interop.Decode(value.Ptr, value.Len)));
                        list.Add(c);
                    }
                    return Result<IList<Challenge>>.Ok(list);
                }
                finally
                {
                    Native.passwordless_challenges_free(ch);
                }
            });
        }

        /// <summary>The classification of an API's non-2xx answer to a DPoP-bound call (an Error
        /// value; DpopNonceRequired with DpopNonce set: send once more with that nonce).</summary>
        public static Result<Error> ResourceError(Response response, long? now = null)
        {
            var lib = Library.Check();
            if (!lib.IsOk)
                return Result<Error>.Err(lib.Error);
            return Interop.WithResponse(response, r =>
            {
                IntPtr err;
                int st = Native.passwordless_resource_error(r, Interop.Now(now), out err);
                if (st != 0)
                    return Result<Error>.Err(Error.Take(st, IntPtr.Zero));
                try
                {
                    return Result<Error>.Ok(Error.FromHandle(err));
                }
                finally
                {
                    Native.passwordless_error_free(err);
                }
            });
        }
    }
}
