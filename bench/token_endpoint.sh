#!/usr/bin/env bash
# Token-endpoint throughput and p99 latency over loopback, side by side in one run:
# `ringside cloud` against oauth2-mock-server (npm) doing the same refresh-token grant.
# Rounds alternate between the two servers (noise hits both alike); medians are printed.
# usage: bench/token_endpoint.sh [ROUNDS] [CONNECTIONS] [SECONDS_PER_ROUND]
# Needs a build (scripts/build) and npm; installs oauth2-mock-server@7 under build/bench-node.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3} connections=${2:-64} seconds=${3:-3}
build=${BUILD_DIR:-build}
load="$build/bench/ringside_bench_token_load"
node_dir="$build/bench-node"
if [ ! -x "$node_dir/node_modules/.bin/oauth2-mock-server" ]; then
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --silent oauth2-mock-server@7 >/dev/null
fi

tmp=$(mktemp -d)
cleanup() { kill "$ringside_pid" "$mock_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$build/cli/ringside" cloud --port 0 > "$tmp/ringside.out" &
ringside_pid=$!
for _ in $(seq 100); do grep -qs '^ready' "$tmp/ringside.out" && break; sleep 0.05; done
ringside_url=$(sed -n 's/^issuer //p' "$tmp/ringside.out")
admin=$(sed -n 's/^admin token //p' "$tmp/ringside.out")

mock_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$node_dir/node_modules/.bin/oauth2-mock-server" -a 127.0.0.1 -p "$mock_port" > "$tmp/mock.out" 2>&1 &
mock_pid=$!
for _ in $(seq 200); do grep -qs 'listening' "$tmp/mock.out" && break; sleep 0.05; done
mock_url="http://127.0.0.1:$mock_port"

for r in $(seq "$rounds"); do
  "$load" "$ringside_url" --connections "$connections" --seconds "$seconds" --requests 200000 --ringside-admin "$admin" >> "$tmp/ringside.runs"
  "$load" "$mock_url" --connections "$connections" --seconds "$seconds" --requests 200000 >> "$tmp/mock.runs"
done

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
field() { awk -v k="$1" '{for (i=1;i<NF;i++) if ($i==k) print $(i+1)}' "$2" | median; }
printf '%-22s %10s %10s %10s %8s\n' server requests/s p50_ms p99_ms errors
for s in ringside mock; do
  name=$([ $s = ringside ] && echo "ringside cloud" || echo "oauth2-mock-server 7")
  printf '%-22s %10s %10s %10s %8s\n' "$name" "$(field rps $tmp/$s.runs)" "$(field p50_ms $tmp/$s.runs)" \
    "$(field p99_ms $tmp/$s.runs)" "$(field errors $tmp/$s.runs)"
done
rr=$(field rps "$tmp/ringside.runs"); mr=$(field rps "$tmp/mock.runs")
echo "throughput ratio (ringside / oauth2-mock-server): $(python3 -c "print(f'{$rr/$mr:.1f}x')")"
