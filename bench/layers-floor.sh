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
for tool in wrk nginx redis-server node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (apt-get install -y wrk nginx redis-server nodejs)" >&2; exit 2; }
done

echo "# building Release (reference, layers floor, BridgeBot)" >&2
dotnet publish "$SHARED/limit/Limit.csproj" -c Release -o "$RUN_DIR/limit" --nologo -v quiet >/dev/null
dotnet publish "$HERE/LayersFloor" -c Release -o "$RUN_DIR/floor" --nologo -v quiet >/dev/null
dotnet publish "$ROOT/src/BridgeBot.Host" -c Release -r linux-x64 --self-contained false -o "$RUN_DIR/bot" --nologo -v quiet >/dev/null

declare -A PID PORT
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$SHARED/services.sh" stop >/dev/null || true
}
trap cleanup EXIT
"$SHARED/services.sh" start >&2

start() { # label port command...
  local label=$1 port=$2; shift 2
  env ASPNETCORE_URLS=http://127.0.0.1:$port "$@" >"$RUN_DIR/$label.log" 2>&1 &
  PID[$label]=$!; PORT[$label]=$port; pids+=("$!")
}
start limit 5080 dotnet "$RUN_DIR/limit/Limit.dll"
for layers in none otel polly both; do
  start "floor-$layers" $((5090 + ${#PID[@]})) LAYERS=$layers dotnet "$RUN_DIR/floor/LayersFloor.dll"
done
# BridgeBot as bench/run.sh starts it.
start bridgebot 5000 ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
  Redis__Configuration=127.0.0.1:6399 Slack__SigningSecret=bench-secret Slack__BotToken=xoxb-bench \
  Slack__ApiBaseUrl=http://127.0.0.1:18080/api/ Slack__DeduplicateCommands=false \
  Host__TenantRateLimit__TurnsPerSecond=1000000 Host__TenantRateLimit__Burst=1000000 DOTNET_ReadyToRun=0 \
  dotnet "$RUN_DIR/bot/BridgeBot.Host.dll"
labels=(limit floor-none floor-otel floor-polly floor-both bridgebot)
for label in "${labels[@]}"; do
  for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:${PORT[$label]}/healthz" && break; sleep 0.2; done
done

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for wl in T1 S1; do
    reference=""
    for label in "${labels[@]}"; do
      line=$(BENCH_PIDS=${PID[$label]} BENCH_TAG="$label-$wl" "$SHARED/run.sh" "$wl" "http://127.0.0.1:${PORT[$label]}" 2>"$RUN_DIR/detail.txt")
      detail=$(grep '^# detail' "$RUN_DIR/detail.txt" || true)
      cpu=$(sed -n "s/.*cpu_s\[${PID[$label]}\]=\([0-9.]*\).*/\1/p" <<<"$detail")
      requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$detail")
      us=$(awk -v c="${cpu:-0}" -v n="${requests:-0}" 'BEGIN { printf "%.1f", (n > 0 ? c * 1e6 / n : 0) }')
      [[ -n $reference ]] || reference=$us
      awk -v r="$round" -v w="$wl" -v l="$label" -v us="$us" -v ref="$reference" -v line="$line" 'BEGIN {
        split(line, f, " "); printf "round %s %s %-12s cpu_us_per_req=%-6s ratio=%.2f non2xx=%s\n", r, w, l, us, (ref > 0 ? us / ref : 0), f[5] }'
    done
  done
done
