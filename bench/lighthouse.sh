#!/usr/bin/env bash
# Lighthouse (pinned) on the home page, a wegwijzer and search, against a running portal; prints the scores and
# the layout shift. Not a test: a measurement, like the rest of bench/.
#
#   make run  (or any server), then:  bench/lighthouse.sh [http://127.0.0.1:8000]
#
# Lighthouse 12.2.3 is the newest that runs on Debian's Node 20; it is installed once into bench/.lighthouse.
set -euo pipefail
cd "$(dirname "$0")"
base="${1:-http://127.0.0.1:8000}"
version="12.2.3"
if [ ! -x .lighthouse/node_modules/.bin/lighthouse ]; then
  mkdir -p .lighthouse
  (cd .lighthouse && npm i -E --no-audit --no-fund "lighthouse@$version" >/dev/null)
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf '%-28s %6s %6s %6s %6s %8s %8s\n' page perf a11y best seo CLS "LCP ms"
for path in / /wegwijzers/tussenruimte/ "/zoeken/?q=buurt"; do
  for form in mobile desktop; do
    extra=()
    [ "$form" = desktop ] && extra=(--preset=desktop)
    .lighthouse/node_modules/.bin/lighthouse "$base$path" "${extra[@]}" --quiet --output=json \
      --output-path="$out/r.json" --chrome-flags="--headless=new --no-sandbox" >/dev/null 2>&1
    node -e '
      const r = require(process.argv[1]);
      const c = r.categories, a = r.audits;
      const pct = (x) => String(Math.round(x.score * 100));
      console.log([(process.argv[2] + " (" + process.argv[3] + ")").padEnd(28), pct(c.performance).padStart(6),
        pct(c.accessibility).padStart(6), pct(c["best-practices"]).padStart(6), pct(c.seo).padStart(6),
        a["cumulative-layout-shift"].numericValue.toFixed(3).padStart(8),
        String(Math.round(a["largest-contentful-paint"].numericValue)).padStart(8)].join(" "));
    ' "$out/r.json" "$path" "$form"
  done
done
