#!/usr/bin/env bash
# Measures the three costs of issue 8 and prints one table:
#   1. a full login (ns and heap allocations): library vs hand-written nlohmann/json vs the
#      nlohmann/json lexer floor (bench.cpp, -O2)
#   2. compile time of full_flow.cpp (the umbrella header and the whole login) vs
#      nlohmann_only.cpp (nlohmann/json parsing one document), median of 3 (-O2)
#   3. size of both programs built -Os and stripped
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

compile_ms() {  # source -> median milliseconds of 3 compiles
  local times=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$cxx" "${flags[@]}" -O2 -c "$1" -o "$out/probe.o"
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}
full_ms=$(compile_ms "$here/full_flow.cpp")
json_ms=$(compile_ms "$here/nlohmann_only.cpp")

"$cxx" "${flags[@]}" -Os -s "$here/full_flow.cpp" -o "$out/full_flow"
"$cxx" "${flags[@]}" -Os -s "$here/nlohmann_only.cpp" -o "$out/nlohmann_only"
"$out/full_flow" "$flow" >/dev/null
full_size=$(stat -c %s "$out/full_flow")
json_size=$(stat -c %s "$out/nlohmann_only")

echo "## Full login ($cxx -O2, median of 15 runs of 2000 logins)"
echo
"$out/bench" "$flow"
echo
echo "## Compile time and binary size ($cxx)"
echo
echo "| probe | compile time, -O2 (ms, median of 3) | stripped -Os binary (bytes) |"
echo "|---|---:|---:|"
echo "| full login with passwordless (full_flow.cpp) | $full_ms | $full_size |"
echo "| nlohmann/json parsing one document (nlohmann_only.cpp) | $json_ms | $json_size |"
awk -v a="$full_ms" -v b="$json_ms" -v c="$full_size" -v d="$json_size" \
  'BEGIN { printf "| ratio / difference | %.2fx | +%.1f KiB |\n", a / b, (c - d) / 1024 }'
echo
echo "## Growth with input size ($cxx -O2, median of 9 runs)"
echo
"$out/scaling"
echo
echo "## The C ABI (libpasswordless at -O2 with its version script, c_api.cpp)"
echo
"$here/c_api.sh" "$flow" "$out"
