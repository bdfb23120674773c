#!/usr/bin/env bash
# Report generation time for the whole suite, as a user runs it: `ringside run SUITE` without
# reports against `ringside run SUITE --junit F --html F --trace DIR`, side by side — rounds
# alternate plain, reports, plain, reports ... so the shared machine's noise hits both alike.
# Prints each variant's median, min and max wall and CPU time, the differences of the medians
# (the cost of the reports, writes to disk included) and the sizes of the files written; then,
# when it is built, ringside_bench_report_writers' in-process figures per writer.
# usage: bench/report_generation.sh [ROUNDS]   (default 9; SUITE=DIR, BUILD_DIR as for scripts/build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
build=${BUILD_DIR:-build}
suite=${SUITE:-scenarios}
ringside="$build/cli/ringside"
[ -x "$ringside" ] || { echo "error: no $ringside (run scripts/build)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
reports="$tmp/reports"

# One timed run (milliseconds) appended to $tmp/<variant>; output kept to show on failure.
timed_run() {
  local variant=$1
  local args=(run "$suite")
  if [ "$variant" = reports ]; then
    rm -rf "$reports"  # every round writes from nothing, outside the timed span
    args+=(--junit "$reports/junit.xml" --html "$reports/report.html" --trace "$reports/trace")
  fi
  local TIMEFORMAT='%3R %3U %3S' rc=0
  { time "$ringside" "${args[@]}" > "$tmp/out" 2>&1 || rc=$?; } 2> "$tmp/time"
  if [ "$rc" -ne 0 ]; then
    echo "error: ringside ${args[*]} failed:" >&2
    tail -20 "$tmp/out" >&2
    exit 1
  fi
  local real user sys
  read -r real user sys < "$tmp/time"
  awk -v r="$real" 'BEGIN {printf "%d\n", r * 1000}' >> "$tmp/wall-$variant"
  awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d\n", (u + s) * 1000}' >> "$tmp/cpu-$variant"
}

for _ in $(seq "$rounds"); do
  timed_run plain
  timed_run reports
done

summary() { sort -n "$1" | awk '{v[NR]=$1} END {printf "%d %d %d", v[int((NR+1)/2)], v[1], v[NR]}'; }
scenarios=$(find "$suite" -name '*.yaml' | wc -l)
echo "suite: $suite ($scenarios scenario files), $rounds alternating rounds, the CLI as a user runs it"
printf '%-34s %-6s %10s %8s %8s\n' variant "" median_ms min_ms max_ms
for variant in plain reports; do
  name="ringside run $suite"
  [ "$variant" = reports ] && name="  ... --junit --html --trace"
  for kind in wall cpu; do
    read -r med lo hi <<< "$(summary "$tmp/$kind-$variant")"
    printf '%-34s %-6s %10s %8s %8s\n' "$name" "$kind" "$med" "$lo" "$hi"
    eval "${kind}_${variant}=$med"
  done
done
# CPU time (user + system) is the steadier figure on a shared machine; wall time includes the writes' waits.
echo "report generation (difference of the medians): wall $(( wall_reports - wall_plain )) ms, CPU $(( cpu_reports - cpu_plain )) ms for the whole suite"

bytes() { find "$reports/trace" -name "$1" -printf '%s\n' | awk '{s+=$1; n++} END {printf "%d bytes in %d files", s, n}'; }
echo "files written:"
echo "  report.html        $(stat -c %s "$reports/report.html") bytes"
echo "  junit.xml          $(stat -c %s "$reports/junit.xml") bytes"
echo "  trace/*.jsonl      $(bytes '*.jsonl')"
echo "  trace/*.vcd        $(bytes '*.vcd')"
echo "  trace/*.trace.json $(bytes '*.trace.json')"

writers="$build/bench/ringside_bench_report_writers"
if [ -x "$writers" ]; then
  echo
  echo "in process ($writers $suite 15):"
  "$writers" "$suite" 15
fi
