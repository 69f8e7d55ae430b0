#!/usr/bin/env bash
# Evaluation throughput of `huntkb hunt` (not a test: it prints figures), beside a Zircolite-style baseline.
#   Scripts/bench-eval.sh [N_EVENTS] [BASELINE_EVENTS]
# Generates N_EVENTS (default 1,000,000) Sysmon and Security records as JSON Lines (Scripts/gen-events.py),
# runs every corpus rule over them with the release binary in both modes, and times pySigma's sqlite
# backend + SQLite over the first BASELINE_EVENTS (default 100,000) of the same file
# (Scripts/eval-baseline-sqlite.py; needs the pySigma venv, $PYTHON or /work/venv/bin/python).
# BENCH_MODES="logsource" measures one mode only (default: logsource detection).
set -euo pipefail
n=${1:-1000000}
nb=${2:-100000}
cd "$(dirname "$0")/.."
shared=${HUNTKB_SHARED:-$(cd .. && pwd)/shared}
rules="$shared/corpus/sigma/rules"
[ -d "$rules" ] || { echo "bench-eval: no corpus at $rules" >&2; exit 2; }
python=${PYTHON:-/work/venv/bin/python}
if [ -n "${HUNTKB_BIN:-}" ]; then
  bin=$HUNTKB_BIN
else
  [ -n "${BENCH_NO_BUILD:-}" ] || swift build -c release --static-swift-stdlib --product huntkb >/dev/null
  bin="$PWD/.build/release/huntkb"
fi
tmp=${BENCH_TMP:-$(mktemp -d)}
events="$tmp/events-$n.jsonl"
[ -s "$events" ] || python3 Scripts/gen-events.py "$n" "$events"
: > "$tmp/empty.jsonl"
export HUNTKB_DB="$tmp/bench.sqlite" NO_COLOR=1

# user+sys CPU seconds and peak RSS (MB) of one command, from GNU time.
measure() {
  /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || true
  read -r u s m < "$tmp/time"
  awk -v u="$u" -v s="$s" -v m="$m" 'BEGIN { printf "%.2f %.0f\n", u + s, m / 1024 }'
}
echo "events: $n generated records ($(du -h "$events" | cut -f1)), rules: $(find "$rules" -name '*.yml' | wc -l) files, $(nproc) cores"
echo "machine load (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in ${BENCH_MODES:-logsource detection}; do
  flag=(); [ "$mode" = detection ] && flag=(--ignore-logsource)
  read -r setup _ < <(measure "$bin" hunt --rules "$rules" --events "$tmp/empty.jsonl" --format jsonl "${flag[@]}")
  refused=$(grep -c 'not evaluated' "$tmp/err" || true)
  # One thread: events per second per core, from CPU time less loading the rules.
  read -r cpu mem < <(measure "$bin" hunt --rules "$rules" --events "$events" --format jsonl --threads 1 "${flag[@]}")
  matches=$(wc -l < "$tmp/out")
  awk -v n="$n" -v c="$cpu" -v s="$setup" -v m="$mem" -v k="$matches" -v mode="$mode" -v r="$refused" 'BEGIN {
    printf "huntkb hunt (%s mode, 1 thread): %.1f s CPU (%.1f s loading rules; %d rules not evaluated); %.0f events/s per core (CPU time less loading), peak memory %d MB, %d matches\n",
      mode, c, s, r, n / (c - s), m, k }'
  # Every core: events per second of wall time, loading included.
  t0=$(date +%s.%N)
  read -r cpu mem < <(measure "$bin" hunt --rules "$rules" --events "$events" --format jsonl "${flag[@]}")
  t1=$(date +%s.%N)
  matches2=$(wc -l < "$tmp/out")
  awk -v n="$n" -v c="$cpu" -v m="$mem" -v k="$matches2" -v mode="$mode" -v w="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" 'BEGIN {
    printf "huntkb hunt (%s mode, every core): %.1f s wall, %.1f s CPU; %.0f events/s (wall, loading included), peak memory %d MB, %d matches\n",
      mode, w, c, n / w, m, k }'
  [ "$matches" = "$matches2" ] || echo "bench-eval: the two runs disagree ($matches vs $matches2 matches)" >&2
done
if "$python" -c 'import sigma.backends.sqlite' 2>/dev/null; then
  /usr/bin/time -f "sqlite baseline: peak memory %M KB (GNU time)" "$python" Scripts/eval-baseline-sqlite.py "$rules" "$events" --limit "$nb"
else
  echo "sqlite baseline: skipped ($python has no pySigma sqlite backend)"
fi
