#!/usr/bin/env bash
# What issue 18's two required layers cost on a turn that does nothing else: the shared bare reference, the same
# reference with OpenTelemetry and/or the standard resilience pipeline (bench/LayersFloor), and BridgeBot, measured
# one after the other in each round with the shared harness (../shared/bench/run.sh: 5 s warm-up, 15 s measured).
#
#   bench/layers-floor.sh [ROUNDS]      (default 2)
#
# Prints one line per round, workload and target: CPU microseconds per request and the ratio to the reference
# measured in the same round. Everything listens on loopback.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
ROUNDS=${1:-2}
RUN_DIR=${BENCH_RUN_DIR:-/tmp/bench-run}
mkdir -p "$RUN_DIR"
. "$HERE/lib.sh"
require_tools bench wrk nginx redis-server node

echo "# building Release (reference, layers floor, BridgeBot)" >&2
publish_reference "$RUN_DIR/limit"
dotnet publish "$HERE/LayersFloor" -c Release -o "$RUN_DIR/floor" --nologo -v quiet >/dev/null
publish_bridgebot "$RUN_DIR/bot"

declare -A PID PORT
start_shared_services

start() { # label port command...
  local label=$1 port=$2; shift 2
  env ASPNETCORE_URLS=http://127.0.0.1:$port "$@" >"$RUN_DIR/$label.log" 2>&1 &
  PID[$label]=$!; PORT[$label]=$port; pids+=("$!")
}
start limit 5080 dotnet "$RUN_DIR/limit/Limit.dll"
for layers in none otel polly both; do
  start "floor-$layers" $((5090 + ${#PID[@]})) LAYERS=$layers dotnet "$RUN_DIR/floor/LayersFloor.dll"
done
start_bridgebot "$RUN_DIR/bot/BridgeBot.Host.dll" 5000 6399 http://127.0.0.1:18080/api/ "$RUN_DIR/bridgebot.log"
PID[bridgebot]=$!; PORT[bridgebot]=5000; pids+=("$!")
labels=(limit floor-none floor-otel floor-polly floor-both bridgebot)
for label in "${labels[@]}"; do
  wait_up "http://127.0.0.1:${PORT[$label]}/healthz" 300
done

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for wl in T1 S1; do
    reference=""
    for label in "${labels[@]}"; do
      measure_target "${PID[$label]}" "$wl" "http://127.0.0.1:${PORT[$label]}" "$label-$wl"
      [[ -n $reference ]] || reference=$MEASURED_CPU_US
      awk -v r="$round" -v w="$wl" -v l="$label" -v us="$MEASURED_CPU_US" -v ref="$reference" -v line="$MEASURED_LINE" 'BEGIN {
        split(line, f, " "); printf "round %s %s %-12s cpu_us_per_req=%-6s ratio=%.2f non2xx=%s\n", r, w, l, us, (ref > 0 ? us / ref : 0), f[5] }'
    done
  done
done
