#!/usr/bin/env bash
# SIGKILL trial: kills `huntkb import` at random moments and checks that the catalog is never half-written.
#   Scripts/crash-trial.sh [BINARY] [TRIALS]      (default .build/release/huntkb, 20 trials)
# After every kill: PRAGMA integrity_check is ok, and the catalog is exactly the state before the import or the
# state after it (rules with their content hashes, queries, import runs and history events).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/huntkb}
trials=${2:-20}
shared=${HUNTKB_SHARED:-$(cd .. && pwd)/shared}
corpus="$shared/corpus/sigma/rules"
[ -x "$bin" ] || { echo "crash-trial: no binary at $bin" >&2; exit 2; }
[ -d "$corpus" ] || { echo "crash-trial: no corpus at $corpus; skipped"; exit 0; }
command -v sqlite3 >/dev/null || { echo "crash-trial: the sqlite3 command is missing" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1

# Old state: a few hundred rules. New state: the same files, every one changed, plus more files.
mkdir -p "$tmp/src"
cp -r "$corpus/linux" "$corpus/cloud" "$tmp/src/" 2>/dev/null || cp -r "$corpus"/* "$tmp/src/"
"$bin" import --db "$tmp/old.sqlite" "$tmp/src" --source trial >/dev/null 2>&1 || true
find "$tmp/src" -name '*.yml' -exec sed -i 's/^title: \(.*\)$/title: \1 (changed)/' {} +
cp -r "$corpus/macos" "$tmp/src/" 2>/dev/null || true

fingerprint() {
  sqlite3 "$1" "SELECT count(*) || ':' || coalesce(sum(length(id) * 7 + length(content_hash)), 0) || ':' ||
                       (SELECT group_concat(h, '') FROM (SELECT substr(content_hash, 1, 4) AS h FROM rule ORDER BY id))
                FROM rule;
                SELECT count(*) FROM rule_query; SELECT count(*) FROM import_run; SELECT count(*) FROM rule_event;" | sha256sum | cut -c1-16
}
old=$(fingerprint "$tmp/old.sqlite")
cp "$tmp/old.sqlite" "$tmp/new.sqlite"
t0=$(date +%s%N)
"$bin" import --db "$tmp/new.sqlite" "$tmp/src" --source trial >/dev/null 2>&1 || true
t1=$(date +%s%N)
new=$(fingerprint "$tmp/new.sqlite")
[ "$old" != "$new" ] || { echo "crash-trial: the import changed nothing; the trial would prove nothing" >&2; exit 2; }
span=$(( (t1 - t0) / 1000000 + 50 ))
echo "crash-trial: import takes about $(( (t1 - t0) / 1000000 )) ms; killing at random moments in 0-${span} ms, $trials trials"

olds=0; news=0
for n in $(seq "$trials"); do
  rm -f "$tmp/t.sqlite" "$tmp/t.sqlite-wal" "$tmp/t.sqlite-shm"
  cp "$tmp/old.sqlite" "$tmp/t.sqlite"
  "$bin" import --db "$tmp/t.sqlite" "$tmp/src" --source trial >/dev/null 2>&1 &
  pid=$!
  delay=$(( RANDOM % span ))
  sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  check=$(sqlite3 "$tmp/t.sqlite" "PRAGMA integrity_check;")
  state=$(fingerprint "$tmp/t.sqlite")
  if [ "$check" != "ok" ]; then echo "trial $n (kill at ${delay} ms): integrity_check: $check" >&2; exit 1; fi
  if [ "$state" = "$old" ]; then olds=$((olds + 1))
  elif [ "$state" = "$new" ]; then news=$((news + 1))
  else echo "trial $n (kill at ${delay} ms): the catalog is neither the old nor the new state" >&2; exit 1
  fi
done
echo "crash-trial: $trials kills, integrity ok every time; catalog old $olds times, new $news times"
