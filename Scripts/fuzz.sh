#!/usr/bin/env bash
# Fuzzes the rule front end (YAML, rule builder, condition parser, conversion) with libFuzzer.
#   Scripts/fuzz.sh [seconds] [extra libFuzzer flags...]     default 60 s
# Seeds: $HUNTKB_SHARED/corpus/sigma (or ../shared) plus Tests/SigmaKitTests/FuzzRegressions.
# Exits non-zero on any crash, leak-free timeout (> 10 s per input) or out-of-memory; the input is saved
# under .fuzz/crashes/ — minimise it with: .build-fuzz/release/SigmaFuzz -minimize_crash=1 -runs=10000 FILE
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
shift || true

SHARED="${HUNTKB_SHARED:-../shared}"
WORK=.fuzz
mkdir -p "$WORK/corpus" "$WORK/crashes" "$WORK/seeds"

# A separate build folder: the instrumented build must never mix with the ordinary one.
swift build -c release --build-path .build-fuzz --product SigmaFuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING \
  -Xcc -fsanitize=fuzzer-no-link 2>&1 | tail -2
BIN=.build-fuzz/release/SigmaFuzz

# Seed once from the corpus (flattened: libFuzzer reads one folder level).
if [ -z "$(ls -A "$WORK/seeds")" ]; then
  if [ -d "$SHARED/corpus/sigma" ]; then
    i=0
    while IFS= read -r -d '' f; do cp "$f" "$WORK/seeds/$i.yml"; i=$((i + 1)); done \
      < <(find "$SHARED/corpus/sigma" -name '*.yml' -print0)
  fi
  cp Tests/SigmaKitTests/FuzzRegressions/* "$WORK/seeds/" 2>/dev/null || true
fi

"$BIN" "$WORK/corpus" "$WORK/seeds" \
  -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$WORK/crashes/" -print_final_stats=1 "$@"
