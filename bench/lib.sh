# Shared by the bench scripts that start BridgeBot and measure it with the shared harness (bench/run.sh,
# bench/layers-floor.sh, bench/slow-slack.sh). Sourced, not run; expects ROOT (the repository), SHARED (../shared/bench) and RUN_DIR.

# Stops the script (exit 2) when one of the tools is missing, naming the Debian packages that bring them.
#   require_tools SCRIPT TOOL...
require_tools() {
  local script=$1 tool; shift
  local packages=${*/node/nodejs}
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$script: $tool missing (apt-get install -y $packages)" >&2; exit 2; }
  done
}

# Publishes the host as infra/Dockerfile does (for linux-x64; it runs with DOTNET_ReadyToRun=0, see the Dockerfile).
#   publish_bridgebot OUT_DIR
publish_bridgebot() {
  dotnet publish "$ROOT/src/BridgeBot.Host" -c Release -r linux-x64 --self-contained false -o "$1" --nologo -v quiet >/dev/null
}

# Publishes the shared bare reference.
#   publish_reference OUT_DIR
publish_reference() {
  dotnet publish "$SHARED/limit/Limit.csproj" -c Release -o "$1" --nologo -v quiet >/dev/null
}

# Starts the shared Redis and mock (../shared/bench/services.sh); on exit, stops them and every PID added to pids.
start_shared_services() {
  pids=()
  trap stop_shared_services EXIT
  "$SHARED/services.sh" start >&2
}

stop_shared_services() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$SHARED/services.sh" stop >/dev/null || true
}

# Starts BridgeBot in the background as WORKLOADS.md asks: Development, no Teams app id (anonymous loopback), the
# bench signing secret and a mock Slack API. The tenant limit is raised so it is measured, not hit, and the workload
# resends a fixed pool of signed commands, which BridgeBot would otherwise refuse as replays. Its PID is then $!.
#   start_bridgebot DLL PORT REDIS_PORT SLACK_API_URL LOG
start_bridgebot() {
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:$2 \
    Logging__LogLevel__Default=Warning \
    Redis__Configuration=127.0.0.1:$3 \
    Slack__SigningSecret=bench-secret Slack__BotToken=xoxb-bench Slack__ApiBaseUrl=$4 \
    Slack__DeduplicateCommands=false \
    Host__TenantRateLimit__TurnsPerSecond=1000000 Host__TenantRateLimit__Burst=1000000 \
    DOTNET_ReadyToRun=0 \
    dotnet "$1" >"$5" 2>&1 &
}

# Waits until URL answers 2xx, polling every 0.2 s (TRIES times, default 100); fails if it never does.
#   wait_up URL [TRIES]
wait_up() {
  for _ in $(seq 1 "${2:-100}"); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "bench: $1 did not come up" >&2; return 1
}

# Runs one shared workload against the target with PID and sets MEASURED_LINE (the harness's summary line),
# MEASURED_DETAIL (its '# detail' line) and MEASURED_CPU_US (the target's CPU microseconds per request, 0 if unknown).
#   measure_target PID WORKLOAD URL TAG
measure_target() {
  local cpu requests
  MEASURED_LINE=$(BENCH_PIDS=$1 BENCH_TAG=$4 "$SHARED/run.sh" "$2" "$3" 2>"$RUN_DIR/detail.txt")
  MEASURED_DETAIL=$(grep '^# detail' "$RUN_DIR/detail.txt" || true)
  cpu=$(sed -n "s/.*cpu_s\[$1\]=\([0-9.]*\).*/\1/p" <<<"$MEASURED_DETAIL")
  requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$MEASURED_DETAIL")
  MEASURED_CPU_US=$(awk -v c="${cpu:-0}" -v n="${requests:-0}" 'BEGIN { printf "%.1f", (n > 0 ? c * 1e6 / n : 0) }')
}
