#!/usr/bin/env bash
# Builds libpasswordless (CMake, -O2) and tests/bench/c_api.cpp, then
# compares a full login through the C ABI with the same login in C++:
#   - instructions per login under callgrind (deterministic; 100 logins minus 1, so start-up and
#     loading cancel out): this is the check, at most 20 % more through the C ABI;
#   - time per login, alternating batches (informational: a shared machine makes it noisy).
#   usage: tests/bench/c_api.sh [FLOW_JSON] [OUT_DIR]    (CXX overrides g++)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
flow=${1:-$root/../shared/bench/flow.json}
out=${2:-$(mktemp -d)}
cxx=${CXX:-g++}
# libpasswordless by the project's own rules (CMakeLists.txt), the library alone, at -O2.
cmake -S "$root" -B "$out/lib-build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DPASSWORDLESS_BUILD_TESTS=OFF -DPASSWORDLESS_BUILD_EXAMPLES=OFF \
  -DPASSWORDLESS_INSTALL=OFF >/dev/null
cmake --build "$out/lib-build" --target passwordless_c >/dev/null
cp -L "$out/lib-build/lib/libpasswordless.so.1" "$out/libpasswordless.so.1"
"$cxx" -std=c++17 -O2 -DNDEBUG -I"$root/include" "$here/c_api.cpp" "$out/libpasswordless.so.1" -Wl,-rpath,"$out" -o "$out/bench_c_api"
"$out/bench_c_api" "$flow" || true  # timing: informational
if ! command -v valgrind >/dev/null; then echo "valgrind missing: no instruction count"; exit 0; fi
count() {  # kind logins -> instructions
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$out/bench_c_api" "$flow" "$1" "$2" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
cpp=$(( $(count cpp 101) - $(count cpp 1) ))
c=$(( $(count c 101) - $(count c 1) ))
awk -v a="$cpp" -v b="$c" 'BEGIN {
  printf "instructions per login (callgrind): C++ %d, C ABI %d (%+.1f %%; the limit is +20 %%)\n", a / 100, b / 100, (b / a - 1) * 100
  exit (b <= 1.2 * a) ? 0 : 1 }'
