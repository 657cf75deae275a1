#!/usr/bin/env bash
# Builds the fuzz targets, without CMake or Meson.
#
#   tests/fuzz/build.sh [--out DIR] [--mode exc|noexc|both|replay] [--jobs N] [TARGET...]
#
#   exc     clang++ -fsanitize=fuzzer,address,undefined (+float-cast-overflow,
#           -fno-sanitize-recover=all), with exceptions: a reachable nlohmann/json throw terminates
#   noexc   the same with -fno-exceptions -fno-rtti, and at C++20 (exc is C++17): a reachable
#           throw becomes an abort; the replay of the corpora in this mode is also CI's clang++
#           C++20 no-exceptions build of the fuzz targets (.ci/run builds the others)
#   both    exc and noexc (the default)
#   replay  the standalone runner (replay_main.cpp) instead of libFuzzer, with $CXX (default
#           g++): the corpora replay as ordinary tests; add SANITIZE=1 for ASan and UBSan
#
# Binaries go to DIR/<mode>/fuzz_<target> (DIR defaults to /tmp/passwordless-fuzz). TARGET is a
# name such as token_response; none means every target. CXX overrides the compiler; for AFL++ use
# CXX=afl-clang-fast++ with mode exc or noexc (AFL++ supplies its own -fsanitize=fuzzer driver).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=/tmp/passwordless-fuzz
mode=both
jobs=$(nproc)
targets=()
while (($#)); do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if ((${#targets[@]} == 0)); then
  while read -r t; do [ -n "$t" ] && targets+=("$t"); done <"$here/targets.list"  # the one list of targets
fi

common=(-std=c++17 -I"$root/include" -isystem "$here/third_party"
        -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wundef -Werror)
libfuzzer=(-O1 -gline-tables-only -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined,float-cast-overflow
           -fno-sanitize-recover=all)

build_one() {  # mode target
  local m=$1 t=$2 cxx flags
  mkdir -p "$out/$m"
  case "$m" in
    exc) cxx=${CXX:-clang++}; flags=("${common[@]}" "${libfuzzer[@]}") ;;
    noexc) cxx=${CXX:-clang++}; flags=("${common[@]}" -std=c++20 "${libfuzzer[@]}" -fno-exceptions -fno-rtti) ;;
    replay)
      cxx=${CXX:-g++}; flags=("${common[@]}" -O1 -g1)
      if [ "${SANITIZE:-0}" = 1 ]; then flags+=(-fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all); fi
      flags+=("$here/replay_main.cpp") ;;
    *) echo "unknown mode $m" >&2; return 2 ;;
  esac
  "$cxx" "${flags[@]}" "$here/fuzz_$t.cpp" -o "$out/$m/fuzz_$t"
}
export out here root

modes=("$mode")
[ "$mode" = both ] && modes=(exc noexc)
pairs=()
for m in "${modes[@]}"; do for t in "${targets[@]}"; do pairs+=("$m $t"); done; done
# Arrays and functions do not cross into xargs' shells: hand them over as definitions.
printf '%s\n' "${pairs[@]}" |
  xargs -P "$jobs" -L 1 bash -c "set -euo pipefail; $(declare -p common libfuzzer); $(declare -f build_one); build_one \$0 \$1"
echo "built ${#pairs[@]} fuzz binaries in $out"
