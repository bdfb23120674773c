#!/usr/bin/env bash
# Installs playwright-core (the browser driver only: it downloads no browser; the check uses
# Debian's /usr/bin/chromium) from the npm registry into DIR, once. A CTest fixture runs it
# before the report's browser check, so CI installs it in its test step.
# usage: tests/report_browser/install_playwright.sh DIR
# Pinned: playwright-core has no dependencies, so the exact version fixes the whole install.
set -euo pipefail
dir=${1:?usage: install_playwright.sh DIR}
version=1.65.1
installed="$dir/node_modules/playwright-core/package.json"
if [ -f "$installed" ] && grep -q "\"version\": \"$version\"" "$installed"; then
  echo "playwright-core $version already in $dir"
  exit 0
fi
command -v npm >/dev/null || { echo "error: npm not found; the HTML report's browser check needs Node.js 18+ and npm" >&2; exit 1; }
mkdir -p "$dir"
# Bounded: a registry that cannot be reached fails in about a minute, not at CTest's timeout.
if ! timeout 300 npm install --prefix "$dir" --no-audit --no-fund --no-save --silent \
      --fetch-timeout=60000 --fetch-retries=1 "playwright-core@$version" > "$dir/npm-install.log" 2>&1; then
  echo "error: could not install playwright-core@$version from the npm registry into $dir (offline, or the registry" >&2
  echo "       refused it); the HTML report's browser check (report_browser.*) cannot run without it." >&2
  echo "       npm said:" >&2
  tail -5 "$dir/npm-install.log" | sed 's/^/         /' >&2
  echo "       With the registry reachable, run: npm install --prefix $dir playwright-core@$version" >&2
  exit 1
fi
echo "installed playwright-core $version into $dir"
