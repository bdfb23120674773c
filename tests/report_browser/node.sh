#!/usr/bin/env bash
# Runs a check script under Node.js, failing with a clear message when Node is missing or too
# old (playwright-core 1.65 needs 18+), so a machine without it fails the test, never skips it.
# usage: tests/report_browser/node.sh SCRIPT.mjs ARGS...
set -euo pipefail
if ! command -v node >/dev/null; then
  echo "error: node not found on PATH; the report checks (report_browser.*) need Node.js 18+ and npm" >&2
  echo "       (the CI machine has them from nodesource; scripts/setup does not install them)" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "error: node $(node --version) is too old; the report checks need Node.js 18+" >&2
  exit 1
fi
exec node "$@"
