#!/usr/bin/env bash
# Installs what the tests need (redis-server, the Node packages for card and manifest validation) and runs
# every test. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# redis-cli (package redis-tools, a dependency of redis-server) creates the test Redis Cluster.
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "test.sh: installing redis-server and redis-cli (tests start their own on free loopback ports)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server redis-tools >/dev/null
fi

# The dashboard's browser test drives Debian's Chromium headless (Playwright for .NET cannot download its own here).
if ! [ -x /usr/bin/chromium ]; then
  echo "test.sh: installing chromium (the dashboard's browser test runs it headless)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

# Node tools the tests call (official Adaptive Cards parser, Teams manifest schemas): one folder each under tests/.
for manifest in tests/*/package.json; do
  [ -f "$manifest" ] || continue
  (cd "$(dirname "$manifest")" && npm ci --no-audit --no-fund --loglevel=error)
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test BridgeBot.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, in the plain "N passed, N failed" form.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
