#!/usr/bin/env bash
# Builds libpasswordless (-O2, hidden visibility, version script) and tests/bench/c_api.cpp, then
# compares a full login through the C ABI with the same login in C++. Exits 1 only when the C ABI
# costs more than 20 % over C++ in three runs out of three (a busy machine slows both alike, but
# not always in the same batch).
#   usage: tests/bench/c_api.sh [FLOW_JSON] [OUT_DIR]    (CXX overrides g++)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
flow=${1:-$root/../shared/bench/flow.json}
out=${2:-$(mktemp -d)}
cxx=${CXX:-g++}
"$cxx" -std=c++17 -O2 -DNDEBUG -shared -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -DPASSWORDLESS_C_SHARED \
  -DPASSWORDLESS_C_BUILDING -I"$root/include" "$root/src/passwordless_c.cpp" -Wl,--version-script="$root/src/passwordless_c.map" \
  -Wl,-Bsymbolic -Wl,-soname,libpasswordless.so.1 -o "$out/libpasswordless.so.1"
"$cxx" -std=c++17 -O2 -DNDEBUG -I"$root/include" "$here/c_api.cpp" "$out/libpasswordless.so.1" -Wl,-rpath,"$out" -o "$out/bench_c_api"
for attempt in 1 2 3; do
  if "$out/bench_c_api" "$flow"; then exit 0; fi
  echo "(over the limit; attempt $attempt of 3)"
done
exit 1
