#!/usr/bin/env bash
# The STM32F405 board image on QEMU's netduinoplus2, driven by the real `ringside hil ping
# --port qemu`: ringside starts QEMU with the image, over the image's USART1 on loopback.
#
#   qemu_board_test.sh ping     RINGSIDE IMAGE.elf   the board answers: chip, firmware, the
#                                                    image's own build id, board stats
#   qemu_board_test.sh heaptrap RINGSIDE IMAGE.elf   the board allocates after init: the host
#                                                    shows its Fault and exits non-zero
#
# Exit 0 pass, 1 fail, 77 skipped (the image was not built: scripts/build-board). Every wait
# is bounded: ping runs under `timeout`, and ringside bounds QEMU's start and every answer.
set -u
mode=${1:-} ringside=${2:-} image=${3:-}
if [ -z "$mode" ] || [ -z "$ringside" ] || [ -z "$image" ]; then
  echo "usage: qemu_board_test.sh ping|heaptrap RINGSIDE IMAGE.elf" >&2
  exit 2
fi
if [ ! -f "$image" ]; then
  echo "skipped: no board image at $image (build it with scripts/build-board)"
  exit 77
fi
command -v qemu-system-arm >/dev/null || { echo "FAIL: qemu-system-arm is not installed (scripts/setup installs it)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The image under a name of this run's own, so the check below finds this run's QEMU only,
# not one another test (or another build) runs meanwhile with the same image.
ln -s "$(realpath "$image")" "$work/board.elf"
fail() {
  echo "FAIL: $*"
  echo "--- ringside output:"; cat "$work/ping.out" 2>/dev/null
  exit 1
}

# `--port qemu`: ringside starts QEMU with the image itself (its USART1 dials a loopback port
# the host listens on) and kills it when the ping is over.
started=$(date +%s%N)
RINGSIDE_BOARD_IMAGE="$work/board.elf" timeout --kill-after=5 60 "$ringside" hil ping --port qemu --count 10 --timeout 5000 \
  >"$work/ping.out" 2>&1
status=$?
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "ringside hil ping --port qemu: exit $status after $elapsed_ms ms"
cat "$work/ping.out"
[ "$status" -ne 124 ] && [ "$status" -ne 137 ] || fail "ringside hil ping did not end within 60 s"
# No QEMU outlives the ping.
pgrep -f "qemu-system-arm.*$work/board.elf" >/dev/null && fail "a QEMU with $image is still running"

expect() { grep -qF -- "$1" "$work/ping.out" || fail "expected in the output: $1"; }

case "$mode" in
  ping)
    [ "$status" -eq 0 ] || fail "ringside hil ping exited $status, expected 0"
    build_id=$(readelf -n "$image" 2>/dev/null | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
    [ -n "$build_id" ] || fail "the image has no GNU build-id note (readelf -n $image)"
    expect "port      qemu"
    expect "board     qemu-netduinoplus2, firmware ringside-stm32f405 "
    expect "chip      STM32F405, build $build_id"
    expect "features  lockstep, http-tunnel, configurable, test-face, board-stats"
    expect "heap allocations after init 0, rx overruns 0"
    expect "10 Hello/HelloAck round trips: median "
    expect "link      clean"
    # The stack's high-water mark is a measurement: more than nothing, less than all of it.
    used=$(sed -n 's/^stats     stack \([0-9]*\) of \([0-9]*\) B used.*/\1 \2/p' "$work/ping.out")
    [ -n "$used" ] || fail "no stack figures in the stats line"
    set -- $used
    [ "$1" -gt 0 ] && [ "$1" -lt "$2" ] || fail "stack high-water $1 B of $2 B is not a measurement"
    ;;
  heaptrap)
    [ "$status" -ne 0 ] || fail "ringside hil ping exited 0 against a board that halted"
    [ "$elapsed_ms" -lt 30000 ] || fail "the Fault took $elapsed_ms ms to show"
    expect "error: the board on qemu stopped: heap allocation of 16 bytes after init (operator new, called from 0x"
    expect "this board has no heap"
    # The address is the call site: addr2line (when the toolchain is here) names main.cpp.
    caller=$(sed -n 's/.*called from \(0x[0-9a-f]*\).*/\1/p' "$work/ping.out")
    if command -v arm-none-eabi-addr2line >/dev/null; then
      where=$(arm-none-eabi-addr2line -e "$image" "$caller")
      echo "caller $caller is $where"
      case "$where" in
        */hil/boards/stm32f405/main.cpp:*) ;;
        *) fail "the caller $caller is $where, not the allocation in main.cpp" ;;
      esac
    fi
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
echo "PASS"
