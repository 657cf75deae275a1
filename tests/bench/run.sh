#!/usr/bin/env bash
# Measures the library's three costs (tests/bench/README.md) and prints one table:
#   1. a full login (ns and heap allocations): library vs hand-written nlohmann/json vs the
#      nlohmann/json lexer floor (bench.cpp, -O2)
#   2. compile time of full_flow.cpp (the umbrella header and the whole login), header-only and in
#      the one-translation-unit mode (PASSWORDLESS_SEPARATE_COMPILATION=1; its implementation unit
#      one_tu_impl.cpp is measured on its own row) vs nlohmann_only.cpp (nlohmann/json parsing one
#      document), median of 3 (-O2)
#   3. size of the programs built -Os and stripped (the one-TU login: full_flow + one_tu_impl)
#   4. how parse time grows from 32 KiB to 256 KiB of hostile input (scaling.cpp, -O2)
#   usage: tests/bench/run.sh [FLOW_JSON] [--json]    (CXX overrides g++)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
flow=${1:-$root/../shared/bench/flow.json}
cxx=${CXX:-g++}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-std=c++17 -I"$root/include")

"$cxx" "${flags[@]}" -O2 -DNDEBUG "$here/bench.cpp" -o "$out/bench"
"$cxx" "${flags[@]}" -O2 -DNDEBUG "$here/scaling.cpp" -o "$out/scaling"
if [ "${2:-}" = "--json" ]; then "$out/bench" --json "$flow"; exit 0; fi

compile_ms() {  # source [flags...] -> "wall cpu": median milliseconds of 3 compiles, wall clock
  # and the compiler's CPU time (user + system; steadier than wall time on a loaded machine)
  local walls=() cpus=() src=$1
  shift
  for _ in 1 2 3; do
    local t0 t1 cpu
    t0=$(date +%s%N)
    cpu=$( { TIMEFORMAT='%3U %3S'; time "$cxx" "${flags[@]}" "$@" -O2 -c "$src" -o "$out/probe.o"; } 2>&1 |
      awk 'END { printf "%d", ($1 + $2) * 1000 }')
    t1=$(date +%s%N)
    walls+=($(( (t1 - t0) / 1000000 )))
    cpus+=("$cpu")
  done
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p) $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)"
}
read -r full_ms full_cpu < <(compile_ms "$here/full_flow.cpp")
read -r sep_ms sep_cpu < <(compile_ms "$here/full_flow.cpp" -DPASSWORDLESS_SEPARATE_COMPILATION=1)
read -r impl_ms impl_cpu < <(compile_ms "$here/one_tu_impl.cpp")
read -r json_ms json_cpu < <(compile_ms "$here/nlohmann_only.cpp")

"$cxx" "${flags[@]}" -Os -s "$here/full_flow.cpp" -o "$out/full_flow"
"$cxx" "${flags[@]}" -Os -s "$here/nlohmann_only.cpp" -o "$out/nlohmann_only"
"$out/full_flow" "$flow" >/dev/null
full_size=$(stat -c %s "$out/full_flow")
# The implementation unit holds every function; --gc-sections drops those the program never calls.
"$cxx" "${flags[@]}" -Os -ffunction-sections -fdata-sections -DPASSWORDLESS_SEPARATE_COMPILATION=1 -c "$here/full_flow.cpp" -o "$out/sep_flow.o"
"$cxx" "${flags[@]}" -Os -ffunction-sections -fdata-sections -c "$here/one_tu_impl.cpp" -o "$out/sep_impl.o"
"$cxx" -s -Wl,--gc-sections "$out/sep_flow.o" "$out/sep_impl.o" -o "$out/full_flow_one_tu"
cmp <("$out/full_flow" "$flow") <("$out/full_flow_one_tu" "$flow")
sep_size=$(stat -c %s "$out/full_flow_one_tu")
json_size=$(stat -c %s "$out/nlohmann_only")

echo "## Full login ($cxx -O2, median of 15 runs of 2000 logins)"
echo
"$out/bench" "$flow"
echo
echo "## Compile time and binary size ($cxx)"
echo
echo "| probe | compile time, -O2 (ms, median of 3) | compiler CPU time (ms, median of 3) | stripped -Os binary (bytes) |"
echo "|---|---:|---:|---:|"
echo "| full login with passwordless, header-only (full_flow.cpp) | $full_ms | $full_cpu | $full_size |"
echo "| full login, one-translation-unit mode (full_flow.cpp, declarations only) | $sep_ms | $sep_cpu | $sep_size (with the implementation unit) |"
echo "| the one implementation unit (one_tu_impl.cpp, compiled once per program) | $impl_ms | $impl_cpu | |"
echo "| nlohmann/json parsing one document (nlohmann_only.cpp) | $json_ms | $json_cpu | $json_size |"
awk -v a="$full_ms" -v s="$sep_ms" -v b="$json_ms" -v A="$full_cpu" -v S="$sep_cpu" -v B="$json_cpu" \
    -v c="$full_size" -v t="$sep_size" -v d="$json_size" 'BEGIN {
  printf "| header-only / nlohmann-only | %.2fx | %.2fx | +%.1f KiB |\n", a / b, A / B, (c - d) / 1024
  printf "| one-TU mode / nlohmann-only | %.2fx | %.2fx | +%.1f KiB |\n", s / b, S / B, (t - d) / 1024
  printf "| one-TU mode / header-only | %.2fx | %.2fx | %+.1f %% |\n", s / a, S / A, (t - c) * 100 / c }'
echo
echo "## Growth with input size ($cxx -O2, median of 9 runs)"
echo
"$out/scaling"
echo
echo "## The C ABI (libpasswordless at -O2 with its version script, c_api.cpp)"
echo
"$here/c_api.sh" "$flow" "$out"
