#!/usr/bin/env bash
# Data-model growth benchmark: Redis commands and bytes per ingested meeting, per filed and per changed request,
# and the latency of the coverage report, the queue's first page and `status`, at 1k, 10k and 100k meetings and
# requests on one redis-server; then how the keys of 100k of each spread over a 3-master Redis Cluster.
# It starts its own redis-server processes on free loopback ports (needs redis-server and redis-cli) and stops them.
#
#   bench/growth.sh [sizes...]      (default 1000 10000 100000; results go in bench/RESULTS.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in redis-server redis-cli; do
  command -v "$tool" >/dev/null || { echo "growth: $tool missing (apt-get install -y redis-server redis-tools)" >&2; exit 2; }
done
dotnet run -c Release --project bench/BridgeBot.Growth -- "$@"
