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

for tool in wrk nginx redis-server node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (apt-get install -y wrk nginx redis-server nodejs)" >&2; exit 2; }
done

echo "# building Release (BridgeBot host and the reference)" >&2
# As infra/Dockerfile publishes and runs it: for linux-x64, and with DOTNET_ReadyToRun=0 (see the Dockerfile).
dotnet publish "$ROOT/src/BridgeBot.Host" -c Release -r linux-x64 --self-contained false -o "$RUN_DIR/bot" --nologo -v quiet >/dev/null
dotnet publish "$SHARED/limit/Limit.csproj" -c Release -o "$RUN_DIR/limit" --nologo -v quiet >/dev/null

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$SHARED/services.sh" stop >/dev/null || true
}
trap cleanup EXIT
"$SHARED/services.sh" start >&2

wait_up() { # url
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "bench: $1 did not come up" >&2; return 1
}

# BridgeBot as WORKLOADS.md asks: Development, no Teams app id (anonymous loopback), Redis on :6399,
# the bench signing secret and the mock Slack API. The tenant limit is raised so it is measured, not hit. The
# workload resends a fixed pool of signed commands, which BridgeBot would otherwise refuse as replays.
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:$BOT_PORT \
  Logging__LogLevel__Default=Warning \
  Redis__Configuration=127.0.0.1:6399 \
  Slack__SigningSecret=bench-secret Slack__BotToken=xoxb-bench Slack__ApiBaseUrl=http://127.0.0.1:18080/api/ \
  Slack__DeduplicateCommands=false \
  Host__TenantRateLimit__TurnsPerSecond=1000000 Host__TenantRateLimit__Burst=1000000 \
  DOTNET_ReadyToRun=0 \
  dotnet "$RUN_DIR/bot/BridgeBot.Host.dll" >"$RUN_DIR/bot.log" 2>&1 &
BOT_PID=$!; pids+=("$BOT_PID")
ASPNETCORE_URLS=http://127.0.0.1:$LIMIT_PORT dotnet "$RUN_DIR/limit/Limit.dll" >"$RUN_DIR/limit.log" 2>&1 &
LIMIT_PID=$!; pids+=("$LIMIT_PID")
wait_up "http://127.0.0.1:$BOT_PORT/healthz"
wait_up "http://127.0.0.1:$LIMIT_PORT/healthz"

measure() { # label pid workload url
  local line detail cpu requests
  line=$(BENCH_PIDS=$2 BENCH_TAG="$1-$3" "$SHARED/run.sh" "$3" "$4" 2>"$RUN_DIR/detail.txt")
  detail=$(grep '^# detail' "$RUN_DIR/detail.txt" || true)
  cpu=$(sed -n "s/.*cpu_s\[$2\]=\([0-9.]*\).*/\1/p" <<<"$detail")
  requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$detail")
  awk -v label="$1" -v line="$line" -v cpu="${cpu:-0}" -v n="${requests:-0}" 'BEGIN {
    split(line, f, " ");
    printf "%-10s %-3s rps=%-9s p50_ms=%-6s p99_ms=%-7s non2xx=%-4s cpu_us_per_req=%.0f\n", label, f[1], f[2], f[3], f[4], f[5], (n > 0 ? cpu * 1e6 / n : 0)
  }'
  grep -o 'mock_calls=[0-9]*' <<<"$detail" | sed "s/^/           $1 $3 /" >&2
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
