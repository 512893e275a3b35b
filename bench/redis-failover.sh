#!/usr/bin/env bash
# A Redis primary dies under load: BridgeBot on a Redis Cluster of 3 primaries + 3 replicas (loopback, free ports,
# no persistence, cluster-node-timeout NODE_TIMEOUT_MS), PRELOAD meetings ingested, then the primary of the meeting
# index SIGKILLed (by the pid this script started) while 8 clients keep ingesting for AFTER_S seconds.
#
#   bench/redis-failover.sh            (env: PRELOAD=500 AFTER_S=12 NODE_TIMEOUT_MS=1000 CONCURRENCY=8)
#
# Prints: statuses, 503s with/without Retry-After, 500s, kill -> promotion, promotion -> first 2xx and -> /readyz 200,
# and acknowledged meetings missing from Redis afterwards. Everything listens on 127.0.0.1 and every loop is bounded;
# the script stops only the processes it started.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
PRELOAD=${PRELOAD:-500}
AFTER_S=${AFTER_S:-12}
NODE_TIMEOUT_MS=${NODE_TIMEOUT_MS:-1000}
CONCURRENCY=${CONCURRENCY:-8}
RUN_DIR=$(mktemp -d /tmp/bridgebot-failover-XXXXXX)
API_KEY=bench-failover-key

for tool in redis-server redis-cli python3 curl dotnet; do
  command -v "$tool" >/dev/null || { echo "redis-failover: $tool missing" >&2; exit 2; }
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

free_port() { # a loopback port whose cluster bus port (+10000) is free too, at most 55535
  python3 - <<'EOF'
import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if p > 55535: continue
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", p + 10000)); b.close(); print(p); break
    except OSError:
        b.close()
EOF
}

echo "# building Release" >&2
dotnet build "$ROOT/src/BridgeBot.Host" -c Release --nologo -v quiet >/dev/null

ports=()
declare -A pid_of
for _ in 1 2 3 4 5 6; do
  port=$(free_port)
  ports+=("$port")
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --protected-mode no \
    --cluster-enabled yes --cluster-config-file "$RUN_DIR/nodes-$port.conf" --dir "$RUN_DIR" \
    --cluster-node-timeout "$NODE_TIMEOUT_MS" >"$RUN_DIR/redis-$port.log" 2>&1 &
  pid_of[$port]=$!; pids+=("$!"); disown "$!"
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
nodes=(); for port in "${ports[@]}"; do nodes+=("127.0.0.1:$port"); done
timeout 30 redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$RUN_DIR/create.log" 2>&1
for _ in $(seq 1 200); do
  ok=0; for port in "${ports[@]}"; do redis-cli -p "$port" cluster info | grep -q cluster_state:ok && ok=$((ok+1)); done
  synced=$(for port in "${ports[@]}"; do redis-cli -p "$port" info replication; done | grep -c master_link_status:up || true)
  [ "$ok" -eq 6 ] && [ "$synced" -eq 3 ] && break; sleep 0.1
done

BOT_PORT=$(free_port)
config=$(IFS=,; echo "${nodes[*]}")
# From its output folder, as the container runs it: appsettings.json is read from the working directory.
cd "$ROOT/src/BridgeBot.Host/bin/Release/net10.0"
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:$BOT_PORT \
  Logging__LogLevel__Default=Warning \
  Redis__Configuration="$config" \
  Meetings__IngestApiKey=$API_KEY Meetings__TenantId=tenant-1 Meetings__MarketingRoster__0=mia@contoso.com \
  Meetings__ItRepresentatives__0=ana@contoso.com Meetings__ItRepresentatives__1=ben@contoso.com Meetings__ItLead=lead@contoso.com \
  dotnet BridgeBot.Host.dll >"$RUN_DIR/bot.log" 2>&1 &
pids+=("$!"); disown "$!"
cd "$ROOT"
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$BOT_PORT/readyz" 2>/dev/null && break; sleep 0.2; done

# Every meeting starts 5 days from now, so all of them land in one week's index: that index's primary is the busiest.
week=$(date -u -d "+5 days" +%G-W%V)
slot=$(redis-cli -p "${ports[0]}" cluster keyslot "bridgebot:{meetings-by-start:tenant-1:$week}")
victim=$(redis-cli -p "${ports[0]}" cluster nodes | awk -v s="$slot" '$3 ~ /master/ { for (i = 9; i <= NF; i++) { split($i, r, "-"); if (r[2] == "") r[2] = r[1]; if (s >= r[1] && s <= r[2]) { split($2, a, "[:@]"); print a[2] } } }')
others=(); for port in "${ports[@]}"; do [ "$port" != "$victim" ] && others+=("$port"); done
echo "# $(date -u +%FT%TZ) $(nproc) cores; primaries+replicas on ${ports[*]}; week index $week on slot $slot of 127.0.0.1:$victim" >&2

BOT_PORT=$BOT_PORT API_KEY=$API_KEY PRELOAD=$PRELOAD AFTER_S=$AFTER_S CONCURRENCY=$CONCURRENCY \
VICTIM_PID=${pid_of[$victim]} VICTIM_PORT=$victim OTHERS="${others[*]}" python3 - <<'EOF'
import concurrent.futures, datetime, http.client, json, os, subprocess, threading, time

port = int(os.environ["BOT_PORT"]); key = os.environ["API_KEY"]
preload = int(os.environ["PRELOAD"]); after_s = float(os.environ["AFTER_S"]); n = int(os.environ["CONCURRENCY"])
victim_pid = int(os.environ["VICTIM_PID"]); victim_port = os.environ["VICTIM_PORT"]; others = os.environ["OTHERS"].split()
local = threading.local()

def conn():
    if not hasattr(local, "c"):
        local.c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    return local.c

def post(mid):
    start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=5)).isoformat()
    body = json.dumps({"id": mid, "source": "bench", "title": f"Launch {mid}", "organizer": {"email": "mia@contoso.com", "name": "Mia"},
                       "start": start, "end": start, "attendees": [{"email": "sam@contoso.com", "response": "accepted"}]})
    t = time.time()
    try:
        c = conn(); c.request("POST", "/api/meetings", body, {"Content-Type": "application/json", "X-Api-Key": key})
        r = c.getresponse(); r.read()
        return (mid, t, time.time(), r.status, r.getheader("Retry-After"))
    except Exception as e:
        local.__dict__.pop("c", None)
        return (mid, t, time.time(), 0, str(e))

with concurrent.futures.ThreadPoolExecutor(n) as pool:
    pre = list(pool.map(post, [f"pre-{i}" for i in range(preload)]))
assert all(r[3] == 202 for r in pre), "preload failed"

results, probes, stop = [], [], threading.Event()
counter = iter(range(10**9)); lock = threading.Lock()
def worker():
    while not stop.is_set():
        with lock: i = next(counter)
        results.append(post(f"m-{i}"))
def prober():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    while not stop.is_set():
        t = time.time()
        try:
            c.request("GET", "/readyz"); r = c.getresponse(); b = r.read().decode(); probes.append((t, r.status, b))
        except Exception as e:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5); probes.append((t, 0, str(e)))
        time.sleep(0.1)
def cli(p, *args):
    return subprocess.run(["redis-cli", "-p", p, *args], capture_output=True, text=True, timeout=2).stdout

threads = [threading.Thread(target=worker) for _ in range(n)] + [threading.Thread(target=prober)]
for t in threads: t.start()
time.sleep(1.0)
killed = time.time(); os.kill(victim_pid, 9)
promoted = None
while time.time() - killed < 20:
    views = [cli(p, "cluster", "nodes") for p in others]; infos = [cli(p, "cluster", "info") for p in others]
    owns = any(any(l.split()[1].startswith(f"127.0.0.1:{victim_port}@") and "master" in l.split()[2] and len(l.split()) > 8
                   for l in v.splitlines() if l.strip()) for v in views)
    if all("cluster_state:ok" in i for i in infos) and not owns:
        promoted = time.time(); break
    time.sleep(0.02)
time.sleep(after_s)
stop.set()
for t in threads: t.join(timeout=15)

def after(ts, pred):
    hits = [r for r in ts if pred(r)]
    return min(hits) if hits else None
statuses = {}
for r in results: statuses[r[3]] = statuses.get(r[3], 0) + 1
failed = [r for r in results if r[3] != 202]
print(f"requests during the run: {len(results)}  statuses: {dict(sorted(statuses.items()))}")
print(f"503 with Retry-After: {sum(1 for r in failed if r[3] == 503 and r[4])}  503 without: {sum(1 for r in failed if r[3] == 503 and not r[4])}  500: {statuses.get(500, 0)}")
print(f"kill -> promotion: {promoted - killed:.2f} s" if promoted else "no promotion within 20 s")
if promoted:
    first_ok = after([r[2] for r in results if r[3] == 202 and r[1] >= promoted], lambda x: True)
    last_fail = max([r[2] for r in failed], default=None)
    ready = after([p[0] for p in probes if p[0] >= promoted and p[1] == 200], lambda x: True)
    print(f"promotion -> first 2xx (request started after it): {first_ok - promoted:.2f} s" if first_ok else "no 2xx after the promotion")
    print(f"promotion -> last non-2xx answered: {last_fail - promoted:+.2f} s" if last_fail else "no non-2xx")
    print(f"promotion -> /readyz 200: {ready - promoted:.2f} s" if ready else "/readyz never 200 after the promotion")
    down = [p for p in probes if killed <= p[0] < promoted and p[1] != 200]
    if down: print("readyz while down: " + down[-1][2][:220])
acked = [r[0] for r in pre + results if r[3] == 202]
missing = [m for m in acked if cli(others[0], "-c", "exists", f"bridgebot:{{meeting}}:bench:{m}").strip() != "1"]
print(f"acknowledged: {len(acked)}  missing from Redis: {len(missing)} {missing[:5]}")
EOF
echo "# host log: warnings and errors" >&2
echo "log entries at warning or above: $(grep -cE '^(warn|fail|crit)' "$RUN_DIR/bot.log"), of which errors: $(grep -cE '^(fail|crit)' "$RUN_DIR/bot.log")"
# (The scheduler's nudges go to the real Bot Connector host name, which does not resolve here: those are left out.)
awk '/^(warn|fail|crit)/ { head = $0; getline; if ($0 !~ /smba.trafficmanager.net/) print head "\n" $0 }' "$RUN_DIR/bot.log" | cut -c1-200 | head -12
