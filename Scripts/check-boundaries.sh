#!/usr/bin/env bash
# Module boundaries that the compiler does not enforce:
#  - Reports renders plain values: neither it nor anything it depends on may link GRDB or the Catalog target.
#  - Only the catalog opens transactions: no `writer` use outside Sources/Catalog and Tests/CatalogTests.
# Usage: Scripts/check-boundaries.sh [manifest.json]   (default: `swift package dump-package`)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "check-boundaries: jq is required" >&2; exit 2; }

manifest=$(if [ $# -gt 0 ]; then cat "$1"; else swift package dump-package; fi)
status=0

# Every target and product that `$target` reaches through target dependencies, one per line: `target:X` or `product:X`.
closure() {
  jq -r --arg root "$1" '
    (.targets | map({key: .name, value: .dependencies}) | from_entries) as $deps
    | def names($t): ($deps[$t] // [])[]
        | if .byName then (if $deps[.byName[0]] != null then "target:" + .byName[0] else "product:" + .byName[0] end)
          elif .target then "target:" + .target[0]
          elif .product then "product:" + .product[0]
          else empty end;
      def walk($seen; $todo):
        if ($todo | length) == 0 then $seen
        else ($todo[0]) as $t
          | ([names($t)] - $seen) as $new
          | walk($seen + $new; $todo[1:] + ($new | map(select(startswith("target:")) | ltrimstr("target:"))))
        end;
      walk([]; [$root])[]' <<<"$manifest"
}

for target in Reports ReportsModel CatalogModel; do
  jq -e --arg t "$target" 'any(.targets[]; .name == $t)' <<<"$manifest" >/dev/null || continue
  reached=$(closure "$target")
  for forbidden in product:GRDB target:Catalog; do
    if grep -qx "$forbidden" <<<"$reached"; then
      echo "check-boundaries: $target reaches ${forbidden#*:} (it must render plain values, without the database)" >&2
      status=1
    fi
  done
done

# `writer` is the catalog's own: commands and other modules call intent methods that own their transactions.
if uses=$(grep -rnE '\bwriter\.(read|write|unsafeRead|barrierWriteWithoutTransaction|asyncWrite|vacuum)\b|\.writer\b' \
            Sources Tests --include='*.swift' | grep -vE '^(Sources/Catalog|Tests/CatalogTests)/'); then
  echo "check-boundaries: AppDatabase.writer used outside the catalog:" >&2
  echo "$uses" >&2
  status=1
fi

[ $status = 0 ] && echo "check-boundaries: ok (Reports without GRDB or Catalog; writer only inside the catalog)"
exit $status
