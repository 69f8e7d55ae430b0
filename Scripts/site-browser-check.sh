#!/usr/bin/env bash
# Opens a site written by `huntkb site` in Debian's headless chromium, from the file system:
# counts the technique links on the index, follows one to its technique page and one rule page,
# checks the rule's KQL block, runs a search for the rule id, and takes screenshots of each page.
# usage: Scripts/site-browser-check.sh SITE_DIR SCREENSHOT_DIR [MIN_TECHNIQUE_LINKS]
set -uo pipefail
site=${1:?usage: site-browser-check.sh SITE_DIR SCREENSHOT_DIR [MIN_TECHNIQUE_LINKS]}
shots=${2:?usage: site-browser-check.sh SITE_DIR SCREENSHOT_DIR [MIN_TECHNIQUE_LINKS]}
min_links=${3:-1}

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "site browser check: skipped: chromium is not installed (apt-get install chromium)"
  exit 0
fi
site=$(cd "$site" && pwd)
mkdir -p "$shots"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

run_browser() {
  # Root needs --no-sandbox; the virtual time budget lets the page scripts finish before the dump.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
    --virtual-time-budget=5000 "$@" 2>/dev/null
}
dump() { run_browser --dump-dom "$1"; }
shot() { run_browser --hide-scrollbars --window-size=1280,1000 --screenshot="$shots/$2" "$1" >/dev/null; [ -s "$shots/$2" ]; }

index_dom=$(dump "file://$site/index.html")
links=$(grep -o 'class="technique-link" href="techniques/[^"]*"' <<<"$index_dom" | sort -u | wc -l)
if [ "$links" -ge "$min_links" ]; then ok "index: $links technique links (at least $min_links)"; else fail "index: $links technique links, expected at least $min_links"; fi

# Prefer a well-known technique, else the first linked technique page that lists a rule.
technique=""
candidates=$(grep -o 'class="technique-link" href="techniques/[^"]*"' <<<"$index_dom" | sed 's/.*href="//; s/"$//' | awk '!seen[$0]++')
for href in $(grep -x 'techniques/T1059.001.html' <<<"$candidates"; head -30 <<<"$candidates"); do
  technique_dom=$(dump "file://$site/$href")
  if grep -q 'class="rule-link"' <<<"$technique_dom"; then technique=$href; break; fi
done
if [ -n "$technique" ]; then ok "technique page $technique opens and lists rules"; else fail "no technique page lists a rule"; fi

# A rule of that page with a KQL query (the first rule row otherwise).
rule=""
for href in $(grep -o 'class="rule-link" href="../rules/[^"]*"' <<<"$technique_dom" | sed 's/.*href="..\///; s/"$//' | head -20); do
  rule_dom=$(dump "file://$site/$href")
  if grep -q '<pre id="[^"]*" class="query lang-kql" data-language="kql"><code>' <<<"$rule_dom"; then rule=$href; break; fi
done
if [ -n "$rule" ]; then
  ok "rule page $rule has a KQL block"
  grep -q '<button class="copy" type="button"' <<<"$rule_dom" && ok "rule page has copy buttons" || fail "rule page has no copy button"
else
  fail "no rule page linked from $technique shows a KQL block"
  rule=$(grep -o 'class="rule-link" href="../rules/[^"]*"' <<<"$technique_dom" | head -1 | sed 's/.*href="..\///; s/"$//')
fi

# Search: the index opened with ?q=ID fills the box and fires its input event, as typing does.
id=$(basename "$rule" .html)
search_dom=$(dump "file://$site/index.html?q=$id")
if grep -q "class=\"search-hit\" href=\"rules/$id.html\"" <<<"$search_dom"; then ok "search for $id finds its rule page"; else fail "search for $id found nothing"; fi
if grep -q 'class="search-hit"' <<<"$(dump "file://$site/index.html?q=zz-no-such-rule-zz")"; then fail "search for nonsense found a hit"; else ok "search for nonsense finds nothing"; fi

shot "file://$site/index.html" index.png && ok "screenshot index.png" || fail "screenshot of the index"
shot "file://$site/$technique" technique.png && ok "screenshot technique.png" || fail "screenshot of $technique"
shot "file://$site/$rule" rule.png && ok "screenshot rule.png" || fail "screenshot of $rule"
shot "file://$site/index.html?q=$id" search.png && ok "screenshot search.png" || fail "screenshot of the search"

if [ "$failed" -eq 0 ]; then echo "site browser check: all $passed checks passed"; else echo "site browser check: $failed of $((passed + failed)) checks failed"; fi
[ "$failed" -eq 0 ]
