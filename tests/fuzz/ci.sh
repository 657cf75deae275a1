#!/usr/bin/env bash
# CI's fuzzing and dynamic-analysis block (called from .ci/run; runs alone too):
#   1. every fuzz target built with libFuzzer + ASan + UBSan, with and without exceptions; the
#      corpora replayed; each target fuzzed for a fixed time from a fixed seed (run.sh smoke);
#   2. the whole unit test suite built with clang -fsanitize=address,undefined and run;
#   3. the programs that do I/O under valgrind: passwordless-driver vector on a few conformance
#      cases of every op, and the walkthrough.
# Usage: tests/fuzz/ci.sh [BUILD_DIR]   BUILD_DIR holds the CMake build of the examples and tests
# (default build, as .ci/test leaves it). FUZZ_SECONDS (default 10) is the time per target and mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
jobs=$(nproc)
source .ci/times.sh  # substage: each part's wall and CPU time (.ci/run lists them)
t0=$(date +%s)

echo "== fuzz: build, replay the corpora, ${FUZZ_SECONDS:-10}s per target and mode"
bash tests/fuzz/run.sh smoke --seconds "${FUZZ_SECONDS:-10}" --jobs "$jobs"  # reports its own parts
t1=$(date +%s)

substage "fuzz: unit tests under ASan and UBSan"
echo "== unit tests under ASan and UBSan (clang++)"
asan=$(mktemp -d "${TMPDIR:-/tmp}/passwordless-asan.XXXXXX")
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O0 -gline-tables-only"  # -O0: compiles 2.5x faster
CXX=clang++ cmake -S . -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="$san" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DPASSWORDLESS_BUILD_EXAMPLES=OFF \
  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 >/dev/null  # unity: the headers parsed 3 times, not 32
cmake --build "$asan" -j "$jobs" --target passwordless_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$asan/tests/passwordless_tests"
rm -rf "$asan"
t2=$(date +%s)

substage "fuzz: valgrind"
echo "== examples under valgrind"
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect)
"${vg[@]}" "$build/examples/walkthrough" >/dev/null
echo "walkthrough: clean"
vectors=../shared/conformance/vectors
if [ -x "$build/tests/passwordless-driver" ] && [ -f ../shared/conformance/run_vectors.py ]; then
  wrapper=$(mktemp "${TMPDIR:-/tmp}/passwordless-vg.XXXXXX")
  printf '#!/bin/sh\nexec %s %s "$@"\n' "${vg[*]}" "$(cd "$build/tests" && pwd)/passwordless-driver" >"$wrapper"
  chmod +x "$wrapper"
  cases=()
  for d in "$vectors"/*/; do
    while IFS= read -r f; do cases+=("$f"); done < <(ls "$d"*.json | sort | head -3)
  done
  python3 ../shared/conformance/run_vectors.py --driver "$wrapper" --timeout 60 "${cases[@]}"
  rm -f "$wrapper"
else
  echo "passwordless-driver or ../shared/conformance missing: vector cases skipped under valgrind"
fi
t3=$(date +%s)
substage ""
echo "== fuzz and dynamic analysis: fuzzing $((t1 - t0)) s, ASan/UBSan unit tests $((t2 - t1)) s, valgrind $((t3 - t2)) s"
