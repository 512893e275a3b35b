#!/usr/bin/env bash
# Runs the shared load workloads (../shared/bench, see its WORKLOADS.md) against BridgeBot and, in the same run,
# against the bare reference in ../shared/bench/limit, so the two are measured on the same machine state.
#
#   bench/run.sh [ROUNDS]      (default 1 round: B0, limit T1/S1, BridgeBot T1/S1)
#
# Prints, per target and workload: rps, p50 ms, p99 ms, non-2xx, and the target's CPU microseconds per request.
# Everything listens on loopback; every wrk call is bounded by the shared harness.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
ROUNDS=${1:-1}
RUN_DIR=${BENCH_RUN_DIR:-/tmp/bench-run}
BOT_PORT=${BOT_PORT:-5000}
LIMIT_PORT=${LIMIT_PORT:-5080}
mkdir -p "$RUN_DIR"
. "$HERE/lib.sh"

require_tools bench wrk nginx redis-server node

echo "# building Release (BridgeBot host and the reference)" >&2
publish_bridgebot "$RUN_DIR/bot"
publish_reference "$RUN_DIR/limit"

start_shared_services

start_bridgebot "$RUN_DIR/bot/BridgeBot.Host.dll" "$BOT_PORT" 6399 http://127.0.0.1:18080/api/ "$RUN_DIR/bot.log"
BOT_PID=$!; pids+=("$BOT_PID")
ASPNETCORE_URLS=http://127.0.0.1:$LIMIT_PORT dotnet "$RUN_DIR/limit/Limit.dll" >"$RUN_DIR/limit.log" 2>&1 &
LIMIT_PID=$!; pids+=("$LIMIT_PID")
wait_up "http://127.0.0.1:$BOT_PORT/healthz"
wait_up "http://127.0.0.1:$LIMIT_PORT/healthz"

measure() { # label pid workload url
  measure_target "$2" "$3" "$4" "$1-$3"
  awk -v label="$1" -v line="$MEASURED_LINE" -v us="$MEASURED_CPU_US" 'BEGIN {
    split(line, f, " ");
    printf "%-10s %-3s rps=%-9s p50_ms=%-6s p99_ms=%-7s non2xx=%-4s cpu_us_per_req=%.0f\n", label, f[1], f[2], f[3], f[4], f[5], us
  }'
  grep -o 'mock_calls=[0-9]*' <<<"$MEASURED_DETAIL" | sed "s/^/           $1 $3 /" >&2
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(uname -r)"
for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round"
  measure limit "$LIMIT_PID" B0 "http://127.0.0.1:$LIMIT_PORT/bare"
  measure limit "$LIMIT_PID" T1 "http://127.0.0.1:$LIMIT_PORT/api/messages"
  measure bridgebot "$BOT_PID" T1 "http://127.0.0.1:$BOT_PORT/api/messages"
  measure limit "$LIMIT_PID" S1 "http://127.0.0.1:$LIMIT_PORT/slack/commands"
  measure bridgebot "$BOT_PID" S1 "http://127.0.0.1:$BOT_PORT/slack/commands"
done
