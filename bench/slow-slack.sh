#!/usr/bin/env bash
# "Slack acks never wait on Slack": the S1 workload with views.open answering only after 2 s.
# Starts its own Redis (:6398), a delaying Slack mock (:18081, bench/slow-slack-mock.js) and the host (:5001), runs
# S1 with the shared harness (5 s warm-up, 15 s measured, 32 connections), and checks that every request was
# answered with 2xx in under 3 s (wrk's maximum latency) and that each led to one views.open call.
#
#   bench/slow-slack.sh            exit 0 when the goal holds, 1 when it does not
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
RUN_DIR=${BENCH_RUN_DIR:-/tmp/bench-slow-slack}
DELAY_MS=${SLOW_SLACK_DELAY_MS:-2000}
BOT_PORT=5001 MOCK_PORT=18081 REDIS_PORT=6398
mkdir -p "$RUN_DIR/mock"
. "$HERE/lib.sh"
: >"$RUN_DIR/mock/access.log"

require_tools slow-slack wrk redis-server node

echo "# building Release (linux-x64, as bench/run.sh)" >&2
publish_bridgebot "$RUN_DIR/bot"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
  --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" --dir "$RUN_DIR"
node "$HERE/slow-slack-mock.js" "$MOCK_PORT" "$RUN_DIR/mock/access.log" "$DELAY_MS" &
pids+=($!)
start_bridgebot "$RUN_DIR/bot/BridgeBot.Host.dll" "$BOT_PORT" "$REDIS_PORT" "http://127.0.0.1:$MOCK_PORT/api/" "$RUN_DIR/bot.log"
pids+=($!)
wait_up "http://127.0.0.1:$BOT_PORT/healthz"

line=$(BENCH_RUN_DIR=$RUN_DIR MOCK_PORT=$MOCK_PORT BENCH_TAG=S1-slow "$SHARED/run.sh" S1 "http://127.0.0.1:$BOT_PORT/slack/commands" 2>"$RUN_DIR/detail.txt")
detail=$(grep '^# detail' "$RUN_DIR/detail.txt")
requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$detail")
calls=$(sed -n 's/.* mock_calls=\([0-9]*\).*/\1/p' <<<"$detail")
timeouts=$(sed -n 's/.* timeout=\([0-9]*\).*/\1/p' <<<"$detail")
max=$(awk '$1 == "Latency" { print $4; exit }' "$RUN_DIR/logs/S1-slow.txt")
max_ms=$(awk -v m="$max" 'BEGIN { v = m + 0; if (m ~ /us$/) v /= 1000; else if (m ~ /ms$/) v += 0; else if (m ~ /s$/) v *= 1000; printf "%.0f", v }')
read -r _ rps p50 p99 non2xx <<<"$line"
echo "S1 with views.open delayed ${DELAY_MS} ms: rps=$rps p50_ms=$p50 p99_ms=$p99 max_ms=$max_ms non2xx=$non2xx timeouts=$timeouts requests=$requests views_open_calls=$calls"

# Calls made for requests still open at either edge of the window shift the count by at most the connection count.
if ((max_ms < 3000 && non2xx == 0 && timeouts == 0 && calls >= requests - 32 && calls <= requests + 32)); then
  echo "slow-slack: met (every request answered in < 3 s, one views.open each)"
else
  echo "slow-slack: NOT met" >&2
  exit 1
fi
