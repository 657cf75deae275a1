#!/usr/bin/env bash
# Tests of the C# binding (examples/csharp) under Mono against the dev tenant (examples/dev-tenant):
#   1. check_bindings.py: Native.cs and the enums against include/passwordless.h
#   2. the binding as a library (also as Unity builds it for iOS: Unity's AOT attribute, "__Internal"),
#      and Tests.cs with the README's login example (extracted from
#      README.md below the `<!-- csharp example` marker, wrapped with stand-ins) compiled by mcs
#      with -warnaserror (-langversion:7.2: Mono's mcs stops there, within Unity's 7.3)
#   3. the tests against one dev tenant, the README example against a second one that plays
#      example.auth0.com (its issuer, a client abc123), then save in one process and restore in
#      another (the test binary run twice)
# usage: bash examples/csharp/test.sh [BUILD_DIR]
#   BUILD_DIR: a CMake build tree with lib/libpasswordless.so and examples/passwordless-dev-tenant
#   (CI passes its own); without it, build-csharp/ is configured and those two targets built.
# Needs mono-mcs and mono-runtime (bash .ci/deps installs them on Debian 12; they bring System.Numerics).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
b=${1:-}
if [ -z "$b" ]; then
  b=$root/build-csharp
  [ -f "$b/build.ninja" ] || cmake -S "$root" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPASSWORDLESS_BUILD_TESTS=OFF >/dev/null
  cmake --build "$b" -j 2 --target passwordless_c passwordless-dev-tenant
fi
b=$(cd "$b" && pwd)
tenant_bin=$b/examples/passwordless-dev-tenant
if [ ! -e "$b/lib/libpasswordless.so" ] || [ ! -x "$tenant_bin" ]; then
  echo "test.sh: $b has no lib/libpasswordless.so or dev tenant" >&2
  exit 1
fi
for tool in mcs mono; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool is missing (apt-get install mono-mcs mono-runtime)" >&2; exit 1; }
done
t0=$(date +%s)
out=$(mktemp -d "${TMPDIR:-/tmp}/passwordless-csharp.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$out"
}
trap cleanup EXIT

echo "== csharp: the P/Invoke declarations and enums against passwordless.h"
python3 "$here/check_bindings.py"

echo "== csharp: the README example, extracted"
# The ```csharp block after the marker; its `using` lines go to the top of the file, the rest
# into a class that supplies the stand-ins the README names (HttpSend, AskUserForCode, Rs256,
# Keep, Fail). The top-level README.md (or PASSWORDLESS_README), when it has the same marker,
# must hold the same block.
extract() {
  awk '/^<!-- csharp example/ {m=1; next} m && /^```csharp$/ {b=1; next} b && /^```$/ {exit} b {print}' "$1"
}
extract "$here/README.md" >"$out/snippet.cs"
[ -s "$out/snippet.cs" ] || { echo "test.sh: no csharp example block in $here/README.md" >&2; exit 1; }
readme=${PASSWORDLESS_README:-$root/README.md}  # another file: a README draft
if grep -q '^<!-- csharp example' "$readme"; then
  extract "$readme" | diff -u "$out/snippet.cs" - || { echo "test.sh: $readme's C# example differs from examples/csharp/README.md's" >&2; exit 1; }
  echo "   $readme holds the same example"
fi
echo "   $(wc -l <"$out/snippet.cs") lines"
{
  echo "using System;"
  grep '^using ' "$out/snippet.cs"
  cat <<'CS'
internal static class ReadmeExample
{
    private static string baseUrl, kept;
    internal static int Run(string url)
    {
        baseUrl = url;
        int rc = LogIn();
        return rc != 0 ? rc : kept == "alice@example.com" ? 0 : 2;
    }
    private static Response HttpSend(Request r) { return Tests.HttpSend(r, r.Url.Replace("https://example.auth0.com", baseUrl)); }
    private static string AskUserForCode(Error e) { return e != null ? "" : Tests.MailboxCode(baseUrl, "alice@example.com"); }
    private static bool Rs256(string alg, string kid, byte[] input, byte[] sig, string jwk) { return Tests.Rs256(alg, kid, input, sig, jwk); }
    private static void Keep(string accessToken, string email) { kept = string.IsNullOrEmpty(accessToken) ? null : email; }
    private static int Fail(Error e) { Console.WriteLine("README example: " + e); return 1; }
#line 1 "README.md (csharp example)"
CS
  grep -v '^using ' "$out/snippet.cs"
  echo "}"
} >"$out/ReadmeExample.cs"

echo "== csharp: mcs -warnaserror"
mcs -langversion:7.2 -warnaserror -target:library -out:"$out/Passwordless.dll" "$here/Native.cs" "$here/Passwordless.cs"
mcs -langversion:7.2 -warnaserror -r:"$out/Passwordless.dll" -r:System.Numerics.dll -out:"$out/Tests.exe" "$here/Tests.cs" "$out/ReadmeExample.cs"
echo "   $(wc -c <"$out/Passwordless.dll") bytes  Passwordless.dll"
# As Unity compiles it for iOS: UnityEngine's AOT.MonoPInvokeCallbackAttribute (a stand-in
# assembly here) instead of the binding's own, and the "__Internal" library name.
cat >"$out/UnityStandIn.cs" <<'CS'
namespace AOT { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class MonoPInvokeCallbackAttribute : System.Attribute { public MonoPInvokeCallbackAttribute(System.Type type) { } } }
CS
mkdir "$out/unity"
mcs -langversion:7.2 -warnaserror -target:library -out:"$out/UnityEngine.dll" "$out/UnityStandIn.cs"
mcs -langversion:7.2 -warnaserror -target:library -define:UNITY_5_3_OR_NEWER -define:UNITY_IOS -r:"$out/UnityEngine.dll" \
  -out:"$out/unity/Passwordless.dll" "$here/Native.cs" "$here/Passwordless.cs"
if ! grep -q __Internal "$out/unity/Passwordless.dll" || grep -q __Internal "$out/Passwordless.dll"; then
  echo "test.sh: the iOS build must import from __Internal, the others from passwordless" >&2
  exit 1
fi

start_tenant() {  # start_tenant NAME ARGS...: starts a tenant, sets url
  local name=$1
  shift
  "$tenant_bin" --quiet --port 0 "$@" >"$out/$name.out" &
  pids+=($!)
  for _ in $(seq 100); do
    url=$(sed -n 's/^dev-tenant listening on \(http:[^ ]*\)$/\1/p' "$out/$name.out")
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "test.sh: the dev tenant $name did not start" >&2
  exit 1
}
start_tenant tenant
main_url=$url
cat >"$out/readme-tenant.json" <<'JSON'
{"clients": [{"client_id": "abc123", "grants": ["http://auth0.com/oauth/grant-type/passwordless/otp", "refresh_token"],
              "callbacks": ["http://127.0.0.1/callback"]}],
 "connections": [{"name": "email", "strategy": "email"}]}
JSON
start_tenant readme --config "$out/readme-tenant.json" --issuer https://example.auth0.com/
readme_url=$url

echo "== csharp: tests against the dev tenant"
export LD_LIBRARY_PATH=$b/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
t1=$(date +%s)
mono --debug "$out/Tests.exe" --tenant "$main_url" --readme-tenant "$readme_url"
echo "== csharp: save in one process, restore in another"
mono --debug "$out/Tests.exe" --tenant "$main_url" --save "$out/saved.txt"
mono --debug "$out/Tests.exe" --tenant "$main_url" --restore "$out/saved.txt"
echo "== csharp: passed; tests $(( $(date +%s) - t1 )) s, all $(( $(date +%s) - t0 )) s"
