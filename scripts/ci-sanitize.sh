#!/usr/bin/env bash
# CI: the engines that read hostile files (core, diff, lint, graph) under AddressSanitizer
# and UndefinedBehaviorSanitizer, then their libFuzzer targets (scripts/ci-fuzz.sh).
# One clang-14 build at -O1 serves both; any sanitizer report or fuzz finding fails CI.
# Usage: scripts/ci-sanitize.sh [BUILD_DIR]   (default: build-sanitize)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-sanitize}"
seconds() { date +%s; }

start=$(seconds)
# -O1 for the fuzzers' speed; line tables are enough for a report's file:line. A unity build
# (8 files a batch) compiles nlohmann/json's templates, most of the cost, once a batch.
flags="-O1 -gline-tables-only -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DFORMWORK_WERROR=OFF -DFORMWORK_BUILD_TESTS=OFF -DFORMWORK_FUZZ=ON \
  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
fuzzers=(reader_fuzz lint_fuzz graph_fuzz diff_fuzz)
cmake --build "$build" -j2 --target sanitize_tests "${fuzzers[@]}"
built=$(seconds)

# Leaks are reported too; a report aborts the test program, which fails the run.
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
echo "== sanitize_tests (ASan+UBSan)"
# [cfn-lint] cases run the formwork program, which this build does not make.
"$build/fuzz/sanitize_tests" '~[cfn-lint]' || status=1
tested=$(seconds)

FORMWORK_FUZZ_BUILD="$build" bash scripts/ci-fuzz.sh || status=1
fuzzed=$(seconds)
echo "sanitizer build $((built - start)) s, tests $((tested - built)) s, fuzzing $((fuzzed - tested)) s"
exit $status
