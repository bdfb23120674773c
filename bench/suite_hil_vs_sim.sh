#!/usr/bin/env bash
# Suite wall time as a user runs it — the real CLI over the whole suite — with lockstep HIL
# (`--target hil --port emulator`, one emulator process per scenario) against the virtual
# speaker (`--target sim`), side by side: for each -j, rounds alternate sim, hil, sim, hil ...
# so the shared machine's noise hits both alike. Prints each target's median, min and max,
# the ratio of the medians, and whether issue 5's goal (lockstep HIL within 3x of sim) holds.
# usage: bench/suite_hil_vs_sim.sh [ROUNDS] [JOBS...]   (default: 5 rounds, -j 1 and -j 2)
#   SUITE=DIR times another folder (default: scenarios); BUILD_DIR as for scripts/build.
# Exit 1 when a run fails (the verdict on the goal is printed, not an exit status: a tiny
# SUITE is all process start-up and says nothing about it).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
shift || true
jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(1 2)
build=${BUILD_DIR:-build}
suite=${SUITE:-scenarios}
ringside="$build/cli/ringside"
[ -x "$ringside" ] || { echo "error: no $ringside (run scripts/build)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One timed run (seconds, to the millisecond) appended to $tmp/<target>-j<N>; its output
# is kept only to show it when the run fails.
timed_run() {
  local target=$1 j=$2
  local args=(run "$suite" -j "$j")
  [ "$target" = hil ] && args+=(--target hil --port emulator)
  local start end
  start=$(date +%s%N)
  if ! "$ringside" "${args[@]}" > "$tmp/out" 2>&1; then
    echo "error: ringside ${args[*]} failed:" >&2
    tail -20 "$tmp/out" >&2
    exit 1
  fi
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))" >> "$tmp/$target-j$j"
}

for j in "${jobs[@]}"; do
  for _ in $(seq "$rounds"); do
    timed_run sim "$j"
    timed_run hil "$j"
  done
done

stat() { sort -n "$1" | awk '{v[NR]=$1} END {printf "%.3f %.3f %.3f", v[int((NR+1)/2)]/1000, v[1]/1000, v[NR]/1000}'; }
scenarios=$(find "$suite" -name '*.yaml' | wc -l)
echo "suite: $suite ($scenarios scenario files), $rounds alternating rounds per target and -j, the CLI as a user runs it"
printf '%-4s %-34s %10s %8s %8s\n' -j target median_s min_s max_s
for j in "${jobs[@]}"; do
  read -r sm smin smax <<< "$(stat "$tmp/sim-j$j")"
  read -r hm hmin hmax <<< "$(stat "$tmp/hil-j$j")"
  printf '%-4s %-34s %10s %8s %8s\n' "$j" "--target sim" "$sm" "$smin" "$smax"
  printf '%-4s %-34s %10s %8s %8s\n' "$j" "--target hil --port emulator" "$hm" "$hmin" "$hmax"
  ratio=$(awk -v h="$hm" -v s="$sm" 'BEGIN {printf "%.2f", h / s}')
  verdict=$(awk -v r="$ratio" 'BEGIN {print (r <= 3 ? "holds" : "does NOT hold")}')
  echo "-j $j: hil / sim = ${ratio}x; goal (lockstep HIL within 3x of sim): $verdict"
done
