// Native.cs: the P/Invoke layer of the C# binding over include/passwordless.h (libpasswordless).
// One declaration per C function, named as in C, with the header's types mapped one to one
// (check_bindings.py compares this file with the header, and prints the line for a new call):
// handles are IntPtr (the public layer wraps the owned ones in SafeHandle subclasses),
// passwordless_str/_bytes are PlStr/PlBytes (pointer and length; UTF-8 encoded and pinned by the
// caller for the call only, never the platform's string marshaller), out-parameters are `out`,
// callbacks are the delegate types below, always given static methods marked
// [MonoPInvokeCallback] (IL2CPP compiles only those into native entry points).
//
// The library's name: "passwordless" (libpasswordless.so / .dylib, passwordless.dll); iOS (and
// any other IL2CPP target that links the library statically) uses "__Internal".
using System;
using System.Runtime.InteropServices;

#if !UNITY_5_3_OR_NEWER
namespace AOT
{
    /// <summary>Unity's AOT.MonoPInvokeCallbackAttribute for builds outside Unity: IL2CPP
    /// recognises the attribute by its name and makes the marked static method callable from
    /// native code. Unity defines its own, so this one exists only outside Unity.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class MonoPInvokeCallbackAttribute : Attribute
    {
        public MonoPInvokeCallbackAttribute(Type type) { Type = type; }
        public Type Type { get; private set; }
    }
}
#endif

namespace Passwordless
{
    /// <summary>passwordless_str: UTF-8 text as pointer and length (not NUL-terminated).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PlStr
    {
        public IntPtr Ptr;
        public UIntPtr Len;
    }

    /// <summary>passwordless_bytes: bytes as pointer and length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PlBytes
    {
        public IntPtr Ptr;
        public UIntPtr Len;
    }

    // passwordless_verify_fn, passwordless_free_fn, passwordless_dpop_sign_fn, passwordless_random_fn.
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int VerifyFn(IntPtr userData, PlStr alg, PlStr kid, PlBytes signingInput, PlBytes signature, PlStr jwkJson);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate void FreeFn(IntPtr userData);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int DpopSignFn(IntPtr userData, PlBytes signingInput, IntPtr output, UIntPtr outputCapacity, out UIntPtr outputLength);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int RandomFn(IntPtr userData, IntPtr output, UIntPtr length);

    internal static class Native
    {
#if (UNITY_IOS || UNITY_TVOS || UNITY_WEBGL) && !UNITY_EDITOR
        internal const string Lib = "__Internal";
#else
        internal const string Lib = "passwordless";
#endif
        /// <summary>The PASSWORDLESS_ABI_VERSION these declarations follow.</summary>
        internal const uint AbiVersion = 1;

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr passwordless_version_string();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern uint passwordless_version_number();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern uint passwordless_abi_version();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr passwordless_status_str(int a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr passwordless_action_str(int a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr passwordless_state_str(int a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr passwordless_next_str(int a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_error_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_clone(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_kind(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_action(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_status(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_retry_at(IntPtr a0, out long a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_rate_limit(IntPtr a0, out long a1, out long a2, out long a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_field(IntPtr a0, int a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_options_new(out IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_client_options_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_options_set_str(IntPtr a0, int a1, PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_options_set_int(IntPtr a0, int a1, long a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_new(IntPtr a0, out IntPtr a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_client_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_expected_issuer(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_request_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_request_method(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_request_url(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_request_header_count(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_request_header_at(IntPtr a0, UIntPtr a1, out PlStr a2, out PlStr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_request_body(IntPtr a0, out PlBytes a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_response_new(int a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_response_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_response_add_header(IntPtr a0, PlBytes a1, PlBytes a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_response_set_body(IntPtr a0, PlBytes a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_refresh_request(IntPtr a0, PlStr a1, PlStr a2, PlStr a3, out IntPtr a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_token_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_tokens_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_tokens_str(IntPtr a0, int a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_tokens_int(IntPtr a0, int a1, out long a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_discovery_request(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_discovery_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_discovery_parse(PlBytes a0, PlStr a1, out IntPtr a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_discovery_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_discovery_str(IntPtr a0, int a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_jwks_request(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_jwks_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_keyset_parse(PlBytes a0, out IntPtr a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_keyset_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_keyset_count(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_keyset_skipped(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_keyset_find(IntPtr a0, PlStr a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_verify_id_token(IntPtr a0, IntPtr a1, PlStr a2, long a3, out IntPtr a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_claims_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_claims_str(IntPtr a0, PlStr a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_claims_int(IntPtr a0, PlStr a1, out long a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_claims_bool(IntPtr a0, PlStr a1, [MarshalAs(UnmanagedType.U1)] out bool a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_claims_json(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_options_new(out IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_login_options_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_options_set_str(IntPtr a0, int a1, PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_options_set_int(IntPtr a0, int a1, long a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_options_set_verifier(IntPtr a0, VerifyFn a1, IntPtr a2, FreeFn a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_options_set_keyset(IntPtr a0, IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_new(IntPtr a0, IntPtr a1, out IntPtr a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_login_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_state(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_start_params_new(out IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_start_params_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_start_params_set(IntPtr a0, int a1, PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_start_params_add_auth_param(IntPtr a0, PlStr a1, PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_start(IntPtr a0, IntPtr a1, long a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_resend(IntPtr a0, long a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_submit_code(IntPtr a0, PlStr a1, long a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_on_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_on_transport_failure(IntPtr a0, long a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_retry(IntPtr a0, long a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_cancel(IntPtr a0, long a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_save(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_restore(IntPtr a0, IntPtr a1, PlStr a2, long a3, out IntPtr a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_save_sealed(IntPtr a0, PlBytes a1, out PlStr a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_restore_sealed(IntPtr a0, IntPtr a1, PlStr a2, PlBytes a3, long a4, out IntPtr a5, out IntPtr a6);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_step_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_state(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_next(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_event(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_request(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_error(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_time(IntPtr a0, int a1, out long a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_tokens(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_claims(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_dpop_key_new(PlStr a0, DpopSignFn a1, RandomFn a2, IntPtr a3, FreeFn a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_dpop_key_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_dpop_key_thumbprint(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_dpop_key_public_jwk(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_options_set_dpop(IntPtr a0, PlStr a1, DpopSignFn a2, RandomFn a3, IntPtr a4, FreeFn a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_options_set_dpop_key(IntPtr a0, IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_dpop_nonce(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_dpop_resource_request(IntPtr a0, PlStr a1, PlStr a2, PlStr a3, PlStr a4, long a5, out IntPtr a6, out IntPtr a7);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_request_add_dpop_proof(IntPtr a0, IntPtr a1, PlStr a2, long a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_jwk_thumbprint(PlStr a0, IntPtr a1, UIntPtr a2, out UIntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_refresh_new(IntPtr a0, PlStr a1, PlStr a2, PlStr a3, PlStr a4, IntPtr a5, int a6, PlStr a7, out IntPtr a8, out IntPtr a9);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_refresh_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_refresh_request(IntPtr a0, long a1, out IntPtr a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_refresh_on_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_refresh_dpop_nonce(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_response_challenges(IntPtr a0, out IntPtr a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_challenges_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_challenges_count(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_challenges_scheme(IntPtr a0, UIntPtr a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_challenges_token68(IntPtr a0, UIntPtr a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_challenges_param(IntPtr a0, UIntPtr a1, PlStr a2, out PlStr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_challenges_param_count(IntPtr a0, UIntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_challenges_param_at(IntPtr a0, UIntPtr a1, UIntPtr a2, out PlStr a3, out PlStr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_resource_error(IntPtr a0, long a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_callback_parse(PlStr a0, PlStr a1, out IntPtr a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_callback_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_callback_str(IntPtr a0, int a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_callback_int(IntPtr a0, int a1, out long a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_code_request(IntPtr a0, PlStr a1, PlStr a2, PlStr a3, out IntPtr a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_code_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_revoke_request(IntPtr a0, PlStr a1, out IntPtr a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_revoke_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_userinfo_request(IntPtr a0, PlStr a1, PlStr a2, IntPtr a3, PlStr a4, long a5, out IntPtr a6, out IntPtr a7);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_userinfo_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_logout_url(IntPtr a0, int a1, PlStr a2, PlStr a3, PlStr a4, int a5, out IntPtr a6, out IntPtr a7);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_tokens_freshness(IntPtr a0, long a1, long a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_mfa_authenticators_request(IntPtr a0, PlStr a1, out IntPtr a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_mfa_authenticators_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_authenticators_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_authenticators_count(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_authenticators_skipped(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_authenticators_str(IntPtr a0, UIntPtr a1, int a2, out PlStr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_authenticators_active(IntPtr a0, UIntPtr a1, [MarshalAs(UnmanagedType.U1)] out bool a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_step_authenticators(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_mfa_challenge_request(IntPtr a0, PlStr a1, PlStr a2, PlStr a3, out IntPtr a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_mfa_challenge_response(IntPtr a0, IntPtr a1, long a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void passwordless_mfa_challenge_free(IntPtr a0);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_mfa_challenge_str(IntPtr a0, int a1, out PlStr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_mfa_otp_request(IntPtr a0, PlStr a1, PlStr a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_mfa_oob_request(IntPtr a0, PlStr a1, PlStr a2, PlStr a3, out IntPtr a4, out IntPtr a5);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_client_mfa_recovery_request(IntPtr a0, PlStr a1, PlStr a2, out IntPtr a3, out IntPtr a4);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_mfa_requirement_count(IntPtr a0, int a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_error_mfa_requirement_at(IntPtr a0, int a1, UIntPtr a2, out PlStr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_choose_authenticator(IntPtr a0, PlStr a1, long a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_submit_mfa_code(IntPtr a0, PlStr a1, long a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_submit_recovery_code(IntPtr a0, PlStr a1, long a2, out IntPtr a3);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_poll(IntPtr a0, long a1, out IntPtr a2);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_failure(IntPtr a0, out IntPtr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_mfa_token(IntPtr a0, out PlStr a1);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int passwordless_login_restore_with_mfa_token(IntPtr a0, IntPtr a1, PlStr a2, PlStr a3, PlBytes a4, long a5, out IntPtr a6, out IntPtr a7);
    }
}
