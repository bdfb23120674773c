#!/usr/bin/env bash
# The demo window's frame rate and CPU use at 1x (issue 6: goal 60 fps at under 10 % of one
# core): `ringside demo` (a fresh speaker, ring spinning orange, the panel's virtual time
# ticking) on its own Xvfb for SECONDS wall seconds, ROUNDS times; prints each round's stats
# line and the medians. CPU is the demo process's own (getrusage: user + system), not Xvfb's.
# usage: bench/demo_fps.sh [ROUNDS] [SECONDS]      Needs a build (scripts/build), Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5} seconds=${2:-10}
build=${BUILD_DIR:-build}

tmp=$(mktemp -d)
xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

# -displayfd: Xvfb picks a free display number and writes it once it accepts clients.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3> "$tmp/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 200); do [ -s "$tmp/display" ] && break; sleep 0.05; done
[ -s "$tmp/display" ] || { echo "demo_fps: Xvfb did not start" >&2; exit 1; }
display=":$(head -1 "$tmp/display")"

for r in $(seq "$rounds"); do
  DISPLAY=$display "$build/cli/ringside" demo --exit-after "$seconds" 2> "$tmp/err" > /dev/null
  line=$(grep '^demo stats:' "$tmp/err")
  echo "round $r: $line"
  echo "$line" >> "$tmp/runs"
done

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
field() { grep -o "$1=[0-9.]*" "$tmp/runs" | cut -d= -f2 | median; }
echo "demo window at 1x, median of $rounds runs of ${seconds} s: $(field fps) fps, $(field cpu_pct) % of one core (goal: 60 fps, under 10 %)"
