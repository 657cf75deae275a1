#!/usr/bin/env bash
# Runs the fuzz targets. Every command builds what it needs with build.sh first.
#
#   tests/fuzz/run.sh smoke [--seconds N] [--jobs N] [--out DIR]
#       CI's run: builds every target with and without exceptions, replays each checked-in corpus
#       (-runs=0), then fuzzes each target in each mode for N seconds (default 20) from a fixed
#       seed on a scratch copy of its corpus. Fails on any crash, leak, timeout, sanitizer report
#       or property violation, and prints the input that caused it.
#   tests/fuzz/run.sh campaign TARGET [SECONDS] [--mode exc|noexc] [--no-merge] [--out DIR]
#       A long local run (default 3600 s) at nice 19 on one core; its corpus lives in
#       DIR/work/TARGET and survives between campaigns. At the end tests/fuzz/corpus/TARGET is
#       rebuilt from both: seed-* and crash-* kept, plus a minimal set of inputs covering every edge
#       reached (unless --no-merge). Crashes land in DIR/work/TARGET-artifacts/.
#   tests/fuzz/run.sh minimize TARGET [--out DIR]
#       Only the last step of a campaign: rebuild tests/fuzz/corpus/TARGET from it and DIR/work/TARGET.
#   tests/fuzz/run.sh replay [--out DIR]
#       Builds the standalone runner with $CXX (default g++, no libFuzzer) and replays every corpus.
#   tests/fuzz/run.sh afl TARGET [SECONDS] [--out DIR]
#       The same target under AFL++ (Debian package afl++): afl-clang-fast++ builds it with its
#       own libFuzzer-compatible driver, afl-fuzz runs it from the checked-in corpus.
#
# DIR defaults to /tmp/passwordless-fuzz. Targets: those of tests/fuzz/targets.list.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=/tmp/passwordless-fuzz
seconds=
jobs=2
mode=exc
merge=1
cmd=${1:-}
[ -n "$cmd" ] && shift
args=()
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --no-merge) merge=0; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
targets=()
while read -r t; do [ -n "$t" ] && targets+=("$t"); done <"$here/targets.list"  # the one list of targets

max_len() {  # target -> the longest input worth trying
  case "$1" in
    callback|request_builders) echo 4096 ;;
    *) echo 8192 ;;
  esac
}

options() {  # target -> libFuzzer options shared by every run
  local dict=
  [ -f "$here/$1.dict" ] && dict="-dict=$here/$1.dict"
  echo "-max_len=$(max_len "$1") $dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

stat_of() {  # log -> "exec/s cov corpus"
  local log=$1 eps cov corp
  eps=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | awk '{print $2}')
  echo "${eps:-?} ${cov:-?} ${corp:-?}"
}

show_artifacts() {  # dir
  local f
  for f in "$1"/*; do
    [ -f "$f" ] || continue
    echo "---- failing input: $f ($(wc -c <"$f") bytes; first 512 shown)"
    head -c 512 "$f" | od -An -c | head -40
  done
}

# R2: the exceptions build and the -fno-exceptions build answered every input alike. Each file
# holds one line per input run: input hash, verdict hash, verdict text (fuzz_common.hpp).
agree() {  # exc-file noexc-file target
  local a=$1 b=$2 t=$3 n
  n=$(sort -u "$a" 2>/dev/null | wc -l)
  if ((n == 0)); then echo "FAIL: $t wrote no verdicts"; return 1; fi
  if ! cmp -s <(sort -u "$a") <(sort -u "$b"); then
    echo "FAIL: $t: the exceptions and no-exceptions builds disagree (input hash, verdict hash, verdict):"
    diff <(sort -u "$a") <(sort -u "$b") | head -20
    return 1
  fi
  printf '%-18s %6d inputs, same verdicts with and without exceptions\n' "$t" "$n"
}

smoke() {
  local s=${seconds:-20} work failed=0 m t pids=() names=()
  work=$(mktemp -d "${TMPDIR:-/tmp}/passwordless-fuzz-smoke.XXXXXX")
  source "$root/.ci/times.sh"  # substage: each part's wall and CPU time (.ci/run lists them)
  substage "fuzz: build the libFuzzer targets (exc C++17, noexc C++20)"
  bash "$here/build.sh" --out "$work/bin" --mode both --jobs "$jobs"
  substage "fuzz: replay the corpora"
  echo "== replay the checked-in corpora (both modes); both builds must give the same verdicts"
  for m in exc noexc; do
    for t in "${targets[@]}"; do
      if ! PASSWORDLESS_FUZZ_VERDICTS="$work/verdicts-$m-$t" "$work/bin/$m/fuzz_$t" -runs=0 $(options "$t") \
        "$here/corpus/$t" >"$work/replay-$m-$t.log" 2>&1; then
        echo "FAIL: replay of corpus/$t ($m)"; tail -40 "$work/replay-$m-$t.log"; failed=1
      fi
    done
  done
  ((failed)) && return 1
  for t in "${targets[@]}"; do
    agree "$work/verdicts-exc-$t" "$work/verdicts-noexc-$t" "$t" || failed=1
  done
  ((failed)) && return 1
  substage "fuzz: ${s} s per target and mode"
  echo "== fuzz each target for ${s}s per mode, seed 1, $jobs at a time"
  run_one() {  # mode target
    local m=$1 t=$2 dir="$work/run-$1-$2"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    cp "$here/corpus/$t"/* "$dir/corpus/"
    "$work/bin/$m/fuzz_$t" $(options "$t") -seed=1 -max_total_time="$s" -artifact_prefix="$dir/artifacts/" \
      "$dir/corpus" >"$dir/log" 2>&1
  }
  printf '%-18s %-6s %8s %6s %10s %s\n' target mode 'exec/s' 'cov' 'corpus' result
  for m in exc noexc; do
    for t in "${targets[@]}"; do
      run_one "$m" "$t" & pids+=($!); names+=("$m $t")
      if ((${#pids[@]} >= jobs)); then
        wait_first
      fi
    done
  done
  while ((${#pids[@]})); do wait_first; done
  substage ""
  rm -rf "$work/bin"
  if ((failed)); then echo "fuzzing failed; logs and inputs are in $work"; return 1; fi
  rm -rf "$work"
  echo "fuzz smoke: $((2 * ${#targets[@]})) runs passed, 0 failed"
}

wait_first() {  # waits for the oldest run, reports it, and drops it from the lists
  local pid=${pids[0]} name=${names[0]} rc=0 m t dir
  wait "$pid" || rc=$?
  pids=("${pids[@]:1}"); names=("${names[@]:1}")
  read -r m t <<<"$name"
  dir="$work/run-$m-$t"
  read -r eps cov corp <<<"$(stat_of "$dir/log")"
  if ((rc == 0)) && ! ls "$dir/artifacts"/* >/dev/null 2>&1; then
    printf '%-18s %-6s %8s %6s %10s %s\n' "$t" "$m" "$eps" "$cov" "$corp" ok
  else
    printf '%-18s %-6s %8s %6s %10s %s\n' "$t" "$m" "$eps" "$cov" "$corp" "FAILED (exit $rc)"
    grep -E 'ERROR|PROPERTY|runtime error|SUMMARY|Test unit written' "$dir/log" | head -20 || true
    tail -30 "$dir/log"
    show_artifacts "$dir/artifacts"
    failed=1
  fi
}

campaign() {
  local t=${args[0]:?campaign needs a target} s=${args[1]:-3600} dir
  dir="$out/work/$t"
  mkdir -p "$dir" "$out/work/$t-artifacts"
  nice -n 19 bash "$here/build.sh" --out "$out/bin" --mode "$mode" --jobs 1 "$t"
  cp -n "$here/corpus/$t"/* "$dir/" 2>/dev/null || true
  echo "campaign: $t ($mode) for ${s}s; corpus $dir; log $out/work/$t-$mode.log"
  local rc=0
  nice -n 19 "$out/bin/$mode/fuzz_$t" $(options "$t") -max_total_time="$s" -artifact_prefix="$out/work/$t-artifacts/" \
    -print_corpus_stats=0 "$dir" >"$out/work/$t-$mode.log" 2>&1 || rc=$?
  read -r eps cov corp <<<"$(stat_of "$out/work/$t-$mode.log")"
  echo "campaign: $t ($mode): exit $rc, exec/s $eps, cov $cov, corpus $corp"
  if ((rc != 0)); then
    grep -E 'ERROR|PROPERTY|runtime error|SUMMARY|Test unit written' "$out/work/$t-$mode.log" | head -20 || true
    show_artifacts "$out/work/$t-artifacts"
    return 1
  fi
  if ((merge)); then minimize_into_repo "$t" "$out/bin/$mode/fuzz_$t" "$dir"; fi
}

# Rebuilds tests/fuzz/corpus/TARGET from itself and the campaign corpus: keeps seed-* and crash-*
# as they are, and replaces every other file by a minimal set of inputs that reaches every edge
# reached by all of them (edge coverage only, so the checked-in corpus stays small).
minimize_into_repo() {  # target binary campaign-dir
  local t=$1 bin=$2 dir=$3 tmp f keep before after
  tmp=$(mktemp -d)
  mkdir "$tmp/new"
  before=$(ls "$here/corpus/$t" | wc -l)
  if ! nice -n 19 "$bin" $(options "$t") -merge=1 -use_counters=0 -use_value_profile=0 "$tmp/new" "$here/corpus/$t" \
    "$dir" >"$out/work/$t-merge.log" 2>&1; then
    echo "campaign: merge failed, corpus left as it was (see $out/work/$t-merge.log)"; rm -rf "$tmp"; return 1
  fi
  keep=$(cd "$here/corpus/$t" && ls | grep -E '^(seed|crash)-' | xargs -r sha1sum | awk '{print $1}')
  find "$here/corpus/$t" -type f ! -name 'seed-*' ! -name 'crash-*' -delete
  for f in "$tmp/new"/*; do
    [ -f "$f" ] || continue
    grep -qx "$(sha1sum "$f" | awk '{print $1}')" <<<"$keep" && continue
    cp "$f" "$here/corpus/$t/grown-$(basename "$f")"
  done
  rm -rf "$tmp"
  after=$(ls "$here/corpus/$t" | wc -l)
  echo "campaign: tests/fuzz/corpus/$t now holds $after files (was $before): seeds, crashes and a minimal grown set"
}

minimize() {
  local t=${args[0]:?minimize needs a target}
  mkdir -p "$out/work/$t"
  nice -n 19 bash "$here/build.sh" --out "$out/bin" --mode "$mode" --jobs 1 "$t"
  minimize_into_repo "$t" "$out/bin/$mode/fuzz_$t" "$out/work/$t"
}

replay() {
  bash "$here/build.sh" --out "$out" --mode replay --jobs "$jobs"
  local t
  for t in "${targets[@]}"; do
    printf '%-18s ' "$t"
    "$out/replay/fuzz_$t" "$here/corpus/$t"
  done
}

afl() {
  local t=${args[0]:?afl needs a target} s=${args[1]:-600}
  command -v afl-clang-fast++ >/dev/null || { echo "AFL++ is not installed (apt-get install afl++)" >&2; return 1; }
  CXX=afl-clang-fast++ bash "$here/build.sh" --out "$out/afl" --mode exc --jobs 1 "$t"
  mkdir -p "$out/afl/findings-$t"
  local dict=()
  [ -f "$here/$t.dict" ] && dict=(-x "$here/$t.dict")
  ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 nice -n 19 afl-fuzz -V "$s" -i "$here/corpus/$t" -o "$out/afl/findings-$t" "${dict[@]}" \
    -- "$out/afl/exc/fuzz_$t"
}

case "$cmd" in
  smoke) smoke ;;
  campaign) campaign ;;
  minimize) minimize ;;
  replay) replay ;;
  afl) afl ;;
  *) sed -n '2,23p' "$0"; exit 2 ;;
esac
