#!/usr/bin/env bash
# End-to-end benchmark of the release binary on the shared corpus (not a test: it prints figures).
#   Scripts/bench.sh [--pysigma]     (--pysigma also times pySigma through ../shared/tools/pysigma-convert,
#                                     which needs pySigma 1.5.1 and its backends installed for python3)
# Library-level figures (import internals, search latency over many runs) come from `swift run -c release huntkb-bench`.
set -euo pipefail
with_pysigma=${1:-}
cd "$(dirname "$0")/.."
shared=${HUNTKB_SHARED:-$(cd .. && pwd)/shared}
corpus="$shared/corpus/sigma"
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }
swift build -c release --product huntkb >/dev/null
bin="$PWD/.build/release/huntkb"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HUNTKB_DB="$tmp/bench.sqlite" NO_COLOR=1

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
files=$(cd "$corpus" && find . -name '*.yml' | sed 's|^\./||' | sort)
count=$(echo "$files" | wc -l)
echo "corpus: $corpus ($count files), $(nproc) cores"

# Conversion: one process per target over every file, as sigma-cli would be run.
for spec in "kusto sentinel_asim" "kusto microsoft_xdr" "kusto azure_monitor" "splunk" "lucene"; do
  set -- $spec
  args=(--target "$1"); [ $# -gt 1 ] && args+=(--pipeline "$2")
  t0=$(now); (cd "$corpus" && echo "$files" | xargs "$bin" convert "${args[@]}" --format jsonl >/dev/null) || true; t1=$(now)
  s=$(secs "$t0" "$t1")
  echo "convert $spec: ${s} s, $(awk -v n="$count" -v s="$s" 'BEGIN { printf "%.0f", n / s }') rules/s"
done

t0=$(now); "$bin" search --format json >/dev/null; t1=$(now)
echo "create + seed catalog: $(secs "$t0" "$t1") s"
t0=$(now); "$bin" import "$corpus" >/dev/null 2>&1 || true; t1=$(now)
echo "import corpus (new catalog, all five targets' queries): $(secs "$t0" "$t1") s"
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

if [ "$with_pysigma" = "--pysigma" ]; then
  echo "pySigma (through ../shared/tools/pysigma-convert):"
  python3 "$shared/tools/conformance" --bin "$shared/tools/pysigma-convert" | grep -v '^conformance:'
fi
