#!/usr/bin/env bash
# End-to-end benchmark of the release binary on the shared corpus (not a test: it prints figures).
#   Scripts/bench.sh [--pysigma]     (--pysigma also times pySigma through ../shared/tools/pysigma-convert,
#                                     which needs pySigma 1.5.1 and its backends installed for python3)
#   HUNTKB_BENCH_CONVERT_ONLY=1 stops after the conversion table.
# Library-level figures (import internals, search latency over many runs) come from `swift run -c release huntkb-bench`.
set -euo pipefail
with_pysigma=${1:-}
cd "$(dirname "$0")/.."
shared=${HUNTKB_SHARED:-$(cd .. && pwd)/shared}
corpus="$shared/corpus/sigma"
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
# HUNTKB_BIN names an already built release binary (no build); otherwise the release build is made here.
if [ -n "${HUNTKB_BIN:-}" ]; then
  bin=$HUNTKB_BIN
else
  swift build -c release --static-swift-stdlib --product huntkb >/dev/null
  bin="$PWD/.build/release/huntkb"
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HUNTKB_DB="$tmp/bench.sqlite" NO_COLOR=1

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
files=$(cd "$corpus" && find . -name '*.yml' | sed 's|^\./||' | sort)
count=$(echo "$files" | wc -l)
echo "corpus: $corpus ($count files), $(nproc) cores"

# Conversion: one process per target over every file, as sigma-cli would be run; the targets are the reference
# files of corpus/oracle (the conformance tool's names and options). With --pysigma, pySigma converts the same
# files in the same run and the last column is how many times faster HuntKB is. Each side's figure is the best of
# BENCH_RUNS runs (default 3), as hyperfine's minimum: the first run of a process after a build or an idle spell
# pays for cold caches (the binary's pages, the corpus, Python's modules), which is neither side's speed. Every
# target is run once untimed first, and each side's runs are taken together: a 0.1 s process timed right after
# seven seconds of Python measured up to half as fast again as the same process timed among its own runs.
oracles=$(cd "$shared/corpus/oracle" && ls *.jsonl | sed 's/\.jsonl$//' | sort)
runs=${BENCH_RUNS:-3}
# The conformance tool's own timing (wall time of the one process, output captured), read from its JSON report
# for three decimals rather than its printed two.
seconds_of() {
  python3 "$shared/tools/conformance" --bin "$1" --target "$2" --json "$tmp/conformance.json" >/dev/null 2>&1 || true
  python3 -c 'import json, sys; print("%.3f" % json.load(open(sys.argv[1]))[sys.argv[2]]["seconds"])' "$tmp/conformance.json" "$2"
}
best_of() { local best="" s; for _ in $(seq "$runs"); do s=$(seconds_of "$1" "$2"); best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }'); done; echo "$best"; }
declare -A ours refs
for t in $oracles; do seconds_of "$bin" "$t" >/dev/null; done
for t in $oracles; do ours[$t]=$(best_of "$bin" "$t"); done
if [ "$with_pysigma" = "--pysigma" ]; then
  seconds_of "$shared/tools/pysigma-convert" "$(echo "$oracles" | head -1)" >/dev/null
  for t in $oracles; do refs[$t]=$(best_of "$shared/tools/pysigma-convert" "$t"); done
fi
echo "conversion: best of $runs runs per target and side"
printf '%-20s %10s %12s %8s\n' target "huntkb s" "pySigma s" speedup
for t in $oracles; do
  if [ "$with_pysigma" = "--pysigma" ]; then
    printf '%-20s %10s %12s %7sx\n' "$t" "${ours[$t]}" "${refs[$t]}" "$(awk -v a="${ours[$t]}" -v b="${refs[$t]}" 'BEGIN { if (a > 0) printf "%.0f", b / a; else print "-" }')"
  else
    printf '%-20s %10s\n' "$t" "${ours[$t]}"
  fi
done

[ -n "${HUNTKB_BENCH_CONVERT_ONLY:-}" ] && exit 0

t0=$(now); "$bin" search --format json >/dev/null; t1=$(now)
echo "create + seed catalog: $(secs "$t0" "$t1") s"
t0=$(now); "$bin" import "$corpus" >/dev/null 2>&1 || true; t1=$(now)
echo "import corpus (new catalog, every registered target's queries): $(secs "$t0" "$t1") s"
t0=$(now); "$bin" import "$corpus" >/dev/null 2>&1 || true; t1=$(now)
echo "re-import (unchanged): $(secs "$t0" "$t1") s"
t0=$(now); for _ in $(seq 20); do "$bin" search --technique T1053 --format json >/dev/null; done; t1=$(now)
echo "search --technique T1053 (whole process): $(awk -v s="$(secs "$t0" "$t1")" 'BEGIN { printf "%.1f", s / 20 * 1000 }') ms"
t0=$(now); "$bin" guide --all --no-timestamp --output "$tmp/guides" >/dev/null; t1=$(now)
echo "guide --all --output (every technique page + index): $(secs "$t0" "$t1") s, $(ls "$tmp/guides" | wc -l) files"
t0=$(now); "$bin" coverage --format navigator >"$tmp/coverage.json"; t1=$(now)
echo "coverage --format navigator: $(secs "$t0" "$t1") s, $(wc -c <"$tmp/coverage.json") bytes"
t0=$(now); "$bin" coverage --format svg >"$tmp/coverage.svg"; t1=$(now)
echo "coverage --format svg: $(secs "$t0" "$t1") s, $(wc -c <"$tmp/coverage.svg") bytes"


# Import pipeline against pySigma loading the same files, in the same run (release binary, whole processes).
# CPU% above 100 means more than one core was busy; peak is the maximum resident set size.
py=${HUNTKB_PYTHON:-/work/venv/bin/python}
timed() { /usr/bin/time -f "%e %P %M" "$@" 2>&1 >/dev/null | tail -1; }
report_import() { read -r s cpu kb <<<"$2"; printf '%-44s %8s s  CPU %5s  peak %6.1f MB\n' "$1" "$s" "$cpu" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"; }
export HUNTKB_DB="$tmp/pipeline.sqlite"
"$bin" search --format json >/dev/null
fresh=$(timed "$bin" import "$corpus"); report_import "import (fresh catalog, default targets)" "$fresh"
again=$(timed "$bin" import "$corpus"); report_import "re-import (unchanged)" "$again"
mkdir -p "$tmp/next" && cp -r "$corpus" "$tmp/next/sigma"
find "$tmp/next/sigma" -name '*.yml' -exec sed -i 's/^modified: .*/modified: 2099-01-01/' {} +
synced=$(timed "$bin" import "$tmp/next/sigma"); report_import "sync (every modified: line changed)" "$synced"
t0=$(now); for _ in $(seq 20); do "$bin" search --technique T1059 --format json >/dev/null; done; t1=$(now)
echo "search --technique T1059 (whole process, mean of 20): $(awk -v s="$(secs "$t0" "$t1")" 'BEGIN { printf "%.1f", s / 20 * 1000 }') ms"
if [ -x "$py" ]; then
  ref=$("$py" -c '
import sys, time
from sigma.collection import SigmaCollection
t = time.perf_counter(); c = SigmaCollection.load_ruleset([sys.argv[1]]); print("%.3f %d" % (time.perf_counter() - t, len(c.rules)))
' "$corpus" 2>/dev/null)
  read -r ref_s ref_n <<<"$ref"
  fresh_s=${fresh%% *}
  echo "pySigma SigmaCollection.load_ruleset (same files, in-process): $ref_s s, $ref_n rules; huntkb fresh import is $(awk -v a="$fresh_s" -v b="$ref_s" 'BEGIN { printf "%.1f", b / a }')x faster"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores"

# Scale: BENCH_SYNTHETIC=N generates an N-rule catalog from the corpus (Scripts/gen-synthetic-rules.py) and times
# a fresh import of it (seconds, CPU, peak memory), search --technique T1059 with --limit 50 and whole, and
# guide --technique T1059. 0 or unset skips the section.
synthetic=${BENCH_SYNTHETIC:-0}
if [ "$synthetic" != 0 ]; then
  python3 Scripts/gen-synthetic-rules.py "$corpus" "$tmp/synthetic" "$synthetic" >/dev/null
  export HUNTKB_DB="$tmp/synthetic.sqlite"
  "$bin" search --format json >/dev/null
  big=$(timed "$bin" import "$tmp/synthetic"); report_import "import ($synthetic synthetic rules, fresh)" "$big"
  ms_of() { local t0 t1; t0=$(now); "$@" >/dev/null; t1=$(now); awk -v s="$(secs "$t0" "$t1")" 'BEGIN { printf "%.0f", s * 1000 }'; }
  hits=$("$bin" search --technique T1059 --format json | grep -c '"id"' || true)
  echo "search --technique T1059 --limit 50 ($synthetic rules): $(ms_of "$bin" search --technique T1059 --limit 50 --format json) ms"
  echo "search --technique T1059, full result ($hits hits): $(ms_of "$bin" search --technique T1059 --format json) ms"
  t0=$(now); "$bin" guide --technique T1059 --no-timestamp >/dev/null; t1=$(now)
  echo "guide --technique T1059 ($synthetic rules): $(secs "$t0" "$t1") s"
  rm -rf "$tmp/synthetic"
fi

# Evaluation: `huntkb hunt` throughput with every corpus rule over generated Sysmon and Security events, beside
# the Zircolite-style SQLite baseline (skipped without the pySigma venv). BENCH_EVAL_EVENTS sets the size
# (default 1,000,000; 0 skips the section).
eval_n=${BENCH_EVAL_EVENTS:-1000000}
if [ "$eval_n" != 0 ]; then
  BENCH_TMP="$tmp" Scripts/bench-eval.sh "$eval_n"
fi
