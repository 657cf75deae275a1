# Stage times for the CI scripts (sourced by .ci/run, .ci/test, .ci/platforms, tests/fuzz/ci.sh):
#   substage NAME   ends the sub-stage running (if any), printing "(NAME: W s wall, C s CPU)", and
#                   starts NAME; `substage ""` only ends one.
# CPU is user + system of the script and every child it has waited for (less sensitive to load
# than wall time). When .ci/run set PASSWORDLESS_CI_TIMES, each ended sub-stage is also appended to
# that file as "NAME<TAB>WALL<TAB>CPU", and .ci/run lists it under its stage in the final table.
cpu_seconds() {  # VAR: sets VAR to this shell's CPU seconds, its waited-for children's included
  local f
  f=$(mktemp)
  times >"$f"  # a builtin in this shell: $(times) would be a fresh subshell with no times of its own
  printf -v "$1" '%s' "$(awk '{ for (i = 1; i <= NF; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] } } END { printf "%d", s }' "$f")"
  rm -f "$f"
}
_substage_name=
substage() {
  local now cpu
  now=$(date +%s)
  cpu_seconds cpu
  if [ -n "$_substage_name" ]; then
    echo "   ($_substage_name: $(( now - _substage_t )) s wall, $(( cpu - _substage_cpu )) s CPU)"
    if [ -n "${PASSWORDLESS_CI_TIMES:-}" ]; then
      printf '%s\t%s\t%s\n' "$_substage_name" "$(( now - _substage_t ))" "$(( cpu - _substage_cpu ))" >>"$PASSWORDLESS_CI_TIMES"
    fi
  fi
  _substage_name=$1 _substage_t=$now _substage_cpu=$cpu
}
