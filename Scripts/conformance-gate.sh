#!/usr/bin/env bash
# Runs ../shared/tools/conformance per target and fails when agreement with pySigma falls below the gate.
# usage: Scripts/conformance-gate.sh HUNTKB_BINARY
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=${HUNTKB_SHARED:-../shared}
# Minimum share of corpus files (same query, or both refuse) per target, in per mille. The targets are every
# reference file in corpus/oracle (NAME.jsonl is the conformance target NAME), so a new oracle is gated at once;
# CONFORMANCE_TARGETS="a b" narrows the list, CONFORMANCE_MIN changes the gate.
min_default=${CONFORMANCE_MIN:-995}
targets=${CONFORMANCE_TARGETS:-$(cd "$shared/corpus/oracle" && ls *.jsonl | sed 's/\.jsonl$//' | sort)}
GATES=$(for t in $targets; do printf '%s:%s ' "$t" "$min_default"; done)
passed=0; failed=0
for gate in $GATES; do
  target=${gate%%:*}; min=${gate##*:}
  out=$(python3 "$shared/tools/conformance" --bin "$bin" --target "$target" 2>&1) || true
  echo "$out" | grep -v '^conformance:' || true
  line=$(echo "$out" | grep '^conformance:' | tail -1)
  ok=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
  bad=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
  if [ -z "$line" ] || [ -z "$ok" ]; then
    echo "gate $target: no result from conformance"; failed=$((failed+1)); continue
  fi
  total=$((ok+bad)); permille=$(( total > 0 ? ok*1000/total : 0 ))
  if [ "$permille" -ge "$min" ]; then
    echo "gate $target: $ok/$total agree (${permille}‰ >= ${min}‰)"; passed=$((passed+1))
  else
    echo "gate $target: $ok/$total agree (${permille}‰ < ${min}‰): FAILED"; failed=$((failed+1))
  fi
done
echo "conformance-gates: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
