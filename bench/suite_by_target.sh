#!/usr/bin/env bash
# Suite wall time as a user runs it — the real CLI over the whole suite — on the three
# targets side by side: the virtual speaker (`--target sim`), the board emulator
# (`--target hil --port emulator`) and the STM32F405 image in QEMU (`--target hil --port
# qemu`, a fresh QEMU per scenario). For each -j, rounds alternate sim, emulator, QEMU, sim,
# ... so the shared machine's noise hits all three alike. Prints each target's median, min
# and max, the ratios of the medians QEMU/emulator and emulator/sim, and whether the goals
# are met: lockstep HIL on the emulator within 3x of sim (issue 5), the suite on QEMU within
# 5x of the emulator (issue 11).
# Then, unless PROFILE=0, where QEMU's time goes, from one more run of the suite on QEMU in
# process (build/bench/ringside_bench_hil_suite --port qemu: one thread, no QEMU started
# ahead, so every start is on the clock; the CLI starts the next scenario's QEMU while one
# plays): QEMU's start, the handshake, the lockstep grants and their real round trip, the
# frames and bytes each way.
# usage: bench/suite_by_target.sh [ROUNDS] [JOBS...]   (default: 3 rounds, -j 1 and -j 2)
#   SUITE=DIR times another folder (default: scenarios); BUILD_DIR as for scripts/build;
#   RINGSIDE_BOARD_IMAGE or BOARD_BUILD_DIR (default build-board) find the image.
# Exit 1 when a run fails, 2 without QEMU, 77 when the board image was not built (the verdict on the goal
# is printed, not an exit status: a tiny SUITE is all process start-up and says nothing about it).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(1 2)
build=${BUILD_DIR:-build}
suite=${SUITE:-scenarios}
ringside="$build/cli/ringside"
profiler="$build/bench/ringside_bench_hil_suite"
[ -x "$ringside" ] || { echo "error: no $ringside (run scripts/build)" >&2; exit 2; }
image=${RINGSIDE_BOARD_IMAGE:-${BOARD_BUILD_DIR:-build-board}/hil/boards/stm32f405/ringside-stm32f405.elf}
[ -r "$image" ] || { echo "skipped: no board image at $image (scripts/build-board)"; exit 77; }
command -v "${RINGSIDE_QEMU:-qemu-system-arm}" > /dev/null || { echo "error: no qemu-system-arm (scripts/setup installs it)" >&2; exit 2; }
export RINGSIDE_BOARD_IMAGE=$image

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
targets=(sim emulator qemu)
declare -A label=([sim]="--target sim" [emulator]="--target hil --port emulator" [qemu]="--target hil --port qemu")

# One timed run (seconds, to the millisecond) appended to $tmp/<target>-j<N>; its output
# is kept only to show it when the run fails.
timed_run() {
  local target=$1 j=$2
  local args=(run "$suite" -j "$j")
  [ "$target" = sim ] || args+=(--target hil --port "$target")
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
    for target in "${targets[@]}"; do timed_run "$target" "$j"; done
  done
done

stat() { sort -n "$1" | awk '{v[NR]=$1} END {printf "%.3f %.3f %.3f", v[int((NR+1)/2)]/1000, v[1]/1000, v[NR]/1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
scenarios=$(find "$suite" -name '*.yaml' | wc -l)
echo "suite: $suite ($scenarios scenario files), $rounds alternating rounds per target and -j, the CLI as a user runs it"
echo "image: $image"
printf '%-4s %-30s %10s %8s %8s\n' -j target median_s min_s max_s
declare -A median
for j in "${jobs[@]}"; do
  for target in "${targets[@]}"; do
    read -r m lo hi <<< "$(stat "$tmp/$target-j$j")"
    median[$target]=$m
    printf '%-4s %-30s %10s %8s %8s\n' "$j" "${label[$target]}" "$m" "$lo" "$hi"
  done
  qe=$(ratio "${median[qemu]}" "${median[emulator]}")
  es=$(ratio "${median[emulator]}" "${median[sim]}")
  qemu_goal=$(awk -v r="$qe" 'BEGIN {print (r <= 5 ? "met" : "NOT met")}')
  emulator_goal=$(awk -v r="$es" 'BEGIN {print (r <= 3 ? "met" : "NOT met")}')
  echo "-j $j: QEMU / emulator = ${qe}x (goal: within 5x, $qemu_goal), emulator / sim = ${es}x (goal: within 3x, $emulator_goal)"
done

[ "${PROFILE:-1}" = 0 ] && exit 0
echo
echo "where QEMU's time goes (one run in process, one thread, every QEMU start on the clock):"
if [ ! -x "$profiler" ]; then
  echo "  (no $profiler: cmake --build $build --target ringside_bench_hil_suite)"
  exit 0
fi
"$profiler" "$suite" 1 5 --port qemu
