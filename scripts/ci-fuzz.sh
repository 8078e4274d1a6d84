#!/usr/bin/env bash
# CI: each libFuzzer target (fuzz/) for a bounded time, seeded with the repository's
# templates; any crash, sanitizer report, leak, timeout or out-of-memory fails the run.
# First every saved input of fuzz/regressions/<target>/ is replayed.
# Needs the build of scripts/ci-sanitize.sh (FORMWORK_FUZZ_BUILD, default build-sanitize).
# FORMWORK_FUZZ_SECONDS sets the time per target (default 45). The mutations follow a fixed
# seed (FORMWORK_FUZZ_SEED, default 1), so CI replays the inputs a developer's run already
# tried rather than a new random walk; FORMWORK_FUZZ_SEED=0 draws a random seed to explore.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${FORMWORK_FUZZ_BUILD:-build-sanitize}"
seconds="${FORMWORK_FUZZ_SECONDS:-45}"
seed="${FORMWORK_FUZZ_SEED:-1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/formwork-fuzz-XXXXXX")"
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Seed corpus: every template and fixture in the repository, and for diff each committed
# template paired with every other (before, separator line, after).
seeds="$work/seeds"
mkdir -p "$seeds" "$work/pairs"
find templates tests -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template' \) \
  -size -256k -print0 | xargs -0 -I{} sh -c 'cp "$1" "$2/$(echo "$1" | tr / _)"' _ {} "$seeds"
for a in templates/*.yaml; do
  for b in templates/*.yaml; do
    { cat "$a"; printf '\n---8<---\n'; cat "$b"; } >"$work/pairs/$(basename "$a" .yaml)-$(basename "$b" .yaml)"
  done
done

status=0
run() {  # target, seed dirs...
  local target="$1"; shift
  local corpus="$work/corpus-$target" regressions="fuzz/regressions/${target%_fuzz}"
  mkdir -p "$corpus" "$work/found-$target"
  if [[ -d "$regressions" ]] && compgen -G "$regressions/*" >/dev/null; then
    "$build/fuzz/$target" -runs=0 "$regressions" >"$work/$target-regressions.log" 2>&1 ||
      { echo "$target: a saved regression input fails again:"; tail -40 "$work/$target-regressions.log"; return 1; }
  fi
  "$build/fuzz/$target" -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$work/found-$target/" -print_final_stats=1 "$corpus" "$@" >"$work/$target.log" 2>&1 || {
    echo "$target: FINDING (save the input below under $regressions/ and fix it):"
    ls "$work/found-$target"; tail -60 "$work/$target.log"; return 1; }
  echo "$target: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$') runs, no finding"
}
# Two at a time: CI has two cores.
run reader_fuzz "$seeds" & a=$!
run lint_fuzz "$seeds" & b=$!
wait $a || status=1; wait $b || status=1
run graph_fuzz "$seeds" & a=$!
run diff_fuzz "$seeds" "$work/pairs" & b=$!
wait $a || status=1; wait $b || status=1
exit $status
