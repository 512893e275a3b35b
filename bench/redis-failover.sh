#!/usr/bin/env bash
# A Redis primary dies under load: BridgeBot on a Redis Cluster of 3 primaries + 3 replicas (loopback, free ports,
# no persistence, cluster-node-timeout NODE_TIMEOUT_MS), then one primary SIGKILLed (by the pid this script started)
# while the load runs.
#
#   bench/redis-failover.sh [ingest]   PRELOAD meetings ingested, then the primary of the meeting index killed while
#                                      CONCURRENCY clients keep ingesting (POST /api/meetings) for AFTER_S seconds
#                                      after the promotion (env: PRELOAD=500 AFTER_S=12 CONCURRENCY=8)
#   bench/redis-failover.sh teams      the shared T1 Teams load (wrk, 2 threads, 32 connections, the T1 script and
#                                      pool of the shared bench) against /api/messages for DURATION_S seconds; the
#                                      primary that holds the T1 tenant's conversation references is killed KILL_AT_S
#                                      seconds in (env: DURATION_S=25 KILL_AT_S=8)
#   env for both: NODE_TIMEOUT_MS=1000, READYZ_EVERY_S=0.1 (how often /readyz is probed), SHARED_BENCH,
#   KEEP_RUN_DIR=1 (keep the logs in /tmp)
#
# Prints: statuses, 503s with/without Retry-After (ingest) or the replies the Bot Connector mock received (teams),
# 500s, kill -> promotion, promotion -> served again and -> /readyz 200, acknowledged writes missing from Redis
# afterwards, and the host's warnings and errors. Everything listens on 127.0.0.1, every loop and the wrk run are
# bounded, and the script stops only the processes it started.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
MODE=${1:-ingest}
PRELOAD=${PRELOAD:-500}
AFTER_S=${AFTER_S:-12}
NODE_TIMEOUT_MS=${NODE_TIMEOUT_MS:-1000}
CONCURRENCY=${CONCURRENCY:-8}
DURATION_S=${DURATION_S:-25}
KILL_AT_S=${KILL_AT_S:-8}
READYZ_EVERY_S=${READYZ_EVERY_S:-0.1}
API_KEY=bench-failover-key

case $MODE in
  ingest) tools=(redis-server redis-cli python3 curl dotnet nginx) ;;
  teams) tools=(redis-server redis-cli python3 curl dotnet nginx wrk node)
    [ -f "$SHARED/wrk/t1.lua" ] || { echo "redis-failover: the shared bench is not at $SHARED (set SHARED_BENCH)" >&2; exit 2; } ;;
  *) echo "usage: $0 [ingest|teams]" >&2; exit 2 ;;
esac
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "redis-failover: $tool missing" >&2; exit 2; }
done
RUN_DIR=$(mktemp -d /tmp/bridgebot-failover-XXXXXX)

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ -n "${KEEP_RUN_DIR:-}" ]; then echo "# kept $RUN_DIR (host log, wrk output, mock log)" >&2; else rm -rf "$RUN_DIR"; fi
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

# A Bot Connector mock that answers like the shared bench's (nginx, every POST 200 with {"id":"mock-activity"}) and
# also logs each call's body, so that every T1 turn's answer can be read: served, or "could not be saved". The host's
# proactive messages (nudges of ingested meetings) go to it too. Its own port and folder: other runs of the shared
# bench may hold 18080.
MOCK_PORT=$(free_port)
mkdir -p "$RUN_DIR/mock/tmp"
cat >"$RUN_DIR/mock/nginx.conf" <<EOF
worker_processes 1;
daemon off;
master_process off;
pid nginx.pid;
error_log error.log warn;
events { worker_connections 4096; }
http {
    client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    client_max_body_size 1m;
    client_body_buffer_size 64k;
    server_tokens off;
    # nginx reads a request body only to pass it on, so the logging front passes every call to the answering back.
    log_format replies escape=json '\$msec \$request_method \$uri \$status \$request_body';
    upstream answers { server unix:$RUN_DIR/mock/answers.sock; keepalive 16; }
    server {
        listen 127.0.0.1:$MOCK_PORT backlog=4096;
        access_log access.log replies buffer=64k flush=1s;
        location / { proxy_pass http://answers; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
    server {
        listen unix:$RUN_DIR/mock/answers.sock;
        access_log off;
        default_type application/json;
        location /v3/ { return 200 '{"id":"mock-activity"}'; }
        location / { return 200 '{"ok":true}'; }
    }
}
EOF
nginx -p "$RUN_DIR/mock/" -c "$RUN_DIR/mock/nginx.conf" -e "$RUN_DIR/mock/error.log" &
pids+=("$!"); disown "$!"
for _ in $(seq 1 50); do curl -fsS -o /dev/null -X POST "http://127.0.0.1:$MOCK_PORT/v3/ping" 2>/dev/null && break; sleep 0.1; done

BOT_PORT=$(free_port)
METRICS_PORT=$(free_port)
config=$(IFS=,; echo "${nodes[*]}")
# From its output folder, as the container runs it: appsettings.json is read from the working directory. As the shared
# bench runs it for T1: Development without a Teams app id (anonymous loopback traffic) and the tenant limit raised
# so that it is not what is measured.
cd "$ROOT/src/BridgeBot.Host/bin/Release/net10.0"
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:$BOT_PORT \
  Host__ManagementUrl=http://127.0.0.1:$METRICS_PORT \
  Logging__LogLevel__Default=Warning \
  Redis__Configuration="$config" Teams__DefaultServiceUrl=http://127.0.0.1:$MOCK_PORT/ \
  Host__TenantRateLimit__TurnsPerSecond=1000000 Host__TenantRateLimit__Burst=1000000 \
  Meetings__IngestApiKey=$API_KEY Meetings__TenantId=tenant-1 Meetings__MarketingRoster__0=mia@contoso.com \
  ItTeam__Members__0__Name=Ana ItTeam__Members__0__Email=ana@contoso.com ItTeam__Members__1__Name=Ben ItTeam__Members__1__Email=ben@contoso.com \
  Meetings__ItLead=lead@contoso.com \
  dotnet BridgeBot.Host.dll >"$RUN_DIR/bot.log" 2>&1 &
pids+=("$!"); disown "$!"
cd "$ROOT"
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$BOT_PORT/readyz" 2>/dev/null && break; sleep 0.2; done

# Key slots and "ask the primary that owns the key", for the drivers' checks afterwards (one pipe per primary).
cat >"$RUN_DIR/cluster_keys.py" <<'EOF'
import collections, subprocess

def cli(port, *args, stdin=None):
    return subprocess.run(["redis-cli", "-p", port, *args], capture_output=True, text=True, timeout=30, input=stdin).stdout

def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
    return crc

def slot(key):
    s = key.find("{"); e = key.find("}", s + 1)
    return crc16((key[s + 1:e] if s >= 0 and e > s + 1 else key).encode()) % 16384

def slot_ranges(port, of_port=None):
    """(first, last, port) of every primary not flagged failed, or of the node on of_port, as the node on port sees it."""
    ranges = []
    for line in cli(port, "cluster", "nodes").splitlines():
        f = line.split()
        if len(f) <= 8: continue
        node_port = f[1].split(":")[1].split("@")[0]
        if (node_port == of_port) if of_port else ("master" in f[2] and "fail" not in f[2]):
            ranges += [(*(int(x) for x in (r.split("-") * 2)[:2]), node_port) for r in f[8:] if not r.startswith("[")]
    return ranges

def ask_owners(port, commands):
    """[(key, command)] -> [reply line], each command sent in one pipe to the primary that owns its key now."""
    owners = slot_ranges(port)
    by_port = collections.defaultdict(list)
    for i, (key, _) in enumerate(commands):
        by_port[next(p for lo, hi, p in owners if lo <= slot(key) <= hi)].append(i)
    replies = [None] * len(commands)
    for p, idx in by_port.items():
        for i, a in zip(idx, cli(p, stdin="".join(commands[i][1] + "\n" for i in idx)).split("\n")):
            replies[i] = a
    return replies
EOF

primary_of() { # the port of the primary that serves a key's slot now
  local slot
  slot=$(redis-cli -p "${ports[0]}" cluster keyslot "$1")
  redis-cli -p "${ports[0]}" cluster nodes | awk -v s="$slot" '$3 ~ /master/ { for (i = 9; i <= NF; i++) { split($i, r, "-"); if (r[2] == "") r[2] = r[1]; if (s >= r[1] && s <= r[2]) { split($2, a, "[:@]"); print a[2] } } }'
}
echo "# load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# What the host logged while starting (the configuration warnings of a bench setup) is told apart from the run's.
startup_lines=$(wc -l <"$RUN_DIR/bot.log")

if [ "$MODE" = ingest ]; then
# Every meeting starts 5 days from now, so all of them land in one week's index: that index's primary is the busiest.
week=$(date -u -d "+5 days" +%G-W%V)
victim=$(primary_of "bridgebot:{meetings-by-start:tenant-1:$week}")
others=(); for port in "${ports[@]}"; do [ "$port" != "$victim" ] && others+=("$port"); done
echo "# $(date -u +%FT%TZ) $(nproc) cores; primaries+replicas on ${ports[*]}; week index $week on 127.0.0.1:$victim" >&2

BOT_PORT=$BOT_PORT API_KEY=$API_KEY PRELOAD=$PRELOAD AFTER_S=$AFTER_S CONCURRENCY=$CONCURRENCY \
VICTIM_PID=${pid_of[$victim]} VICTIM_PORT=$victim OTHERS="${others[*]}" READYZ_EVERY_S=$READYZ_EVERY_S RUN_DIR=$RUN_DIR python3 - <<'EOF'
import concurrent.futures, datetime, http.client, json, os, subprocess, sys, threading, time
sys.path.insert(0, os.environ["RUN_DIR"])
from cluster_keys import ask_owners

port = int(os.environ["BOT_PORT"]); key = os.environ["API_KEY"]
preload = int(os.environ["PRELOAD"]); after_s = float(os.environ["AFTER_S"]); n = int(os.environ["CONCURRENCY"])
victim_pid = int(os.environ["VICTIM_PID"]); victim_port = os.environ["VICTIM_PORT"]; others = os.environ["OTHERS"].split()
readyz_every = float(os.environ["READYZ_EVERY_S"])
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
        time.sleep(readyz_every)
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
# A meeting's record: MeetingKeys.Record(tenant, "<source>:<id>").
records = [f"bridgebot:{{meeting:tenant-1:bench:{m}}}" for m in acked]
missing = [m for m, a in zip(acked, ask_owners(others[0], [(k, f"EXISTS {k}") for k in records])) if (a or "").strip() != "1"]
print(f"acknowledged: {len(acked)}  missing from Redis: {len(missing)} {missing[:5]}")
EOF
else
POOL_SIZE=2000 MOCK_PORT=$MOCK_PORT node "$SHARED/wrk/gen-pool.js" T1 "$RUN_DIR/t1.pool"

# The T1 tenant's conversation, user and tenant references share one hash tag, so one primary holds all of them; the
# dialog state of the pool's conversations is spread over the three primaries (the driver says how much is on it).
victim=$(primary_of "bridgebot:{teams:bench-tenant}:serviceUrl")
others=(); for port in "${ports[@]}"; do [ "$port" != "$victim" ] && others+=("$port"); done
echo "# $(date -u +%FT%TZ) $(nproc) cores; primaries+replicas on ${ports[*]}; T1 references on 127.0.0.1:$victim" >&2

BOT_PORT=$BOT_PORT METRICS_PORT=$METRICS_PORT RUN_DIR=$RUN_DIR DURATION_S=$DURATION_S KILL_AT_S=$KILL_AT_S \
READYZ_EVERY_S=$READYZ_EVERY_S T1_LUA="$SHARED/wrk/t1.lua" TIMED_LUA="$HERE/failover-t1.lua" \
VICTIM_PID=${pid_of[$victim]} VICTIM_PORT=$victim OTHERS="${others[*]}" python3 - <<'EOF'
import collections, http.client, json, os, re, subprocess, sys, threading, time
sys.path.insert(0, os.environ["RUN_DIR"])
from cluster_keys import ask_owners, cli, slot, slot_ranges

port = int(os.environ["BOT_PORT"]); run_dir = os.environ["RUN_DIR"]
duration = int(os.environ["DURATION_S"]); kill_at = float(os.environ["KILL_AT_S"]); readyz_every = float(os.environ["READYZ_EVERY_S"])
victim_pid = int(os.environ["VICTIM_PID"]); victim_port = os.environ["VICTIM_PORT"]; others = os.environ["OTHERS"].split()
pool = [json.loads(l) for l in open(f"{run_dir}/t1.pool") if l.strip()]
# The answers of src/BridgeBot.Core/Pipeline: ErrorBoundaryMiddleware.NotSavedText and ApologyText, ConflictRetryMiddleware.BusyText.
KINDS = [("not saved", "That could not be saved just now"), ("went wrong", "Sorry, something went wrong"),
         ("busy", "Someone changed this at the same moment")]

def dialog_key(conversation, user):
    return f"bridgebot:{{dialog:teams:bench-tenant:{conversation}:{user}}}"

victim_slots = [(lo, hi) for lo, hi, _ in slot_ranges(others[0], of_port=victim_port)]
pairs = {(a["conversation"]["id"], a["from"]["id"]) for a in pool}
on_victim = sum(1 for c, u in pairs if any(lo <= slot(dialog_key(c, u)) <= hi for lo, hi in victim_slots))

probes, stop = [], threading.Event()
def prober():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    while not stop.is_set():
        t = time.time()
        try:
            c.request("GET", "/readyz"); r = c.getresponse(); b = r.read().decode(); probes.append((t, r.status, b))
        except Exception as e:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5); probes.append((t, 0, str(e)))
        time.sleep(readyz_every)

# The shared harness's wrk settings (WORKLOADS.md): 2 threads, 32 connections, 5 s timeout, bounded by timeout(1).
wrk_out = open(f"{run_dir}/wrk.txt", "w")
wrk = subprocess.Popen(["timeout", str(duration + 30), "wrk", "-t2", "-c32", f"-d{duration}s", "--timeout", "5s", "--latency",
                        "-s", os.environ["TIMED_LUA"], f"http://127.0.0.1:{port}/api/messages", "--", f"{run_dir}/t1.pool"],
                       stdout=wrk_out, stderr=subprocess.STDOUT)
began = time.time()
probe_thread = threading.Thread(target=prober); probe_thread.start()
time.sleep(kill_at)
killed = time.time(); os.kill(victim_pid, 9)
promoted = None
while time.time() - killed < 20:
    views = [cli(p, "cluster", "nodes") for p in others]; infos = [cli(p, "cluster", "info") for p in others]
    owns = any(any(l.split()[1].startswith(f"127.0.0.1:{victim_port}@") and "master" in l.split()[2] and len(l.split()) > 8
                   for l in v.splitlines() if l.strip()) for v in views)
    if all("cluster_state:ok" in i for i in infos) and not owns:
        promoted = time.time(); break
    time.sleep(0.02)
wrk.wait(timeout=duration + 60)
ended = time.time()
time.sleep(2.5)  # turns still running when wrk closed its connections, and the mock's 1 s log flush
stop.set(); probe_thread.join(timeout=10)

out = open(f"{run_dir}/wrk.txt").read()
res = dict(kv.split("=") for kv in re.search(r"^BENCH_RESULT (.*)$", out, re.M).group(1).split())
http_statuses, late = collections.Counter(), []
for b, st, n in re.findall(r"^BENCH_STATUS (\d+) (\d+) (\d+)$", out, re.M):
    http_statuses[int(st)] += int(n)
    if int(st) != 200: late.append((int(b) / 10.0, int(st), int(n)))

replies = []  # (time, kind, conversation, user, text)
for line in open(f"{run_dir}/mock/access.log"):
    f = line.rstrip("\n").split(" ", 4)
    if len(f) < 5 or f[1] != "POST" or not f[2].startswith("/v3/conversations/"): continue
    activity = json.loads(json.loads('"' + f[4] + '"'))
    text = activity.get("text") or ("(card) " + ",".join(a.get("contentType", "?") for a in activity.get("attachments") or []))
    kind = next((k for k, prefix in KINDS if text.startswith(prefix)), "served")
    replies.append((float(f[0]), kind, activity["conversation"]["id"], activity["recipient"]["id"], text))
kinds = collections.Counter(r[1] for r in replies)
served_texts = collections.Counter(r[4][:60] for r in replies if r[1] == "served")

print(f"T1 for {ended - began:.1f} s: wrk completed {res['requests']} requests, HTTP statuses {dict(sorted(http_statuses.items()))}, "
      f"non-2xx {res['non2xx']}, socket errors connect/read/write/timeout {res['connect']}/{res['read']}/{res['write']}/{res['timeout']}, "
      f"p50 {int(res['p50_us']) / 1000:.1f} ms, p99 {int(res['p99_us']) / 1000:.1f} ms")
if late: print("non-200 answers (s after the kill, status, count): " + ", ".join(f"{t - killed:+.1f} {st} {n}" for t, st, n in late[:10]))
print(f"replies at the Bot Connector mock: {len(replies)}  by kind: {dict(kinds)}  served texts: {dict(served_texts)}")
print(f"dialog keys of the pool on the killed primary: {on_victim} of {len(pairs)}; the T1 tenant's references: all")
print(f"kill -> promotion: {promoted - killed:.2f} s" if promoted else "no promotion within 20 s")
failed = [r for r in replies if r[1] != "served"]
if failed:
    print(f"first and last failed reply: {min(r[0] for r in failed) - killed:+.2f} s and {max(r[0] for r in failed) - killed:+.2f} s after the kill")
if promoted:
    before = [r for r in failed if r[0] < killed]
    print(f"failed replies before the kill: {len(before)}, kill..promotion: {sum(1 for r in failed if killed <= r[0] < promoted)}, "
          f"after the promotion: {sum(1 for r in failed if r[0] >= promoted)}")
    first_ok = min((r[0] for r in replies if r[1] == "served" and r[0] >= promoted), default=None)
    last_fail = max((r[0] for r in failed), default=None)
    ready = min((p[0] for p in probes if p[0] >= promoted and p[1] == 200), default=None)
    print(f"promotion -> first served reply: {first_ok - promoted:.2f} s" if first_ok else "no served reply after the promotion")
    moved = min((r[0] for r in replies if r[1] == "served" and r[0] >= promoted
                 and any(lo <= slot(dialog_key(r[2], r[3])) <= hi for lo, hi in victim_slots)), default=None)
    print(f"promotion -> first served reply whose dialog state is in the killed primary's slots: {moved - promoted:.2f} s" if moved
          else "no served reply for the killed primary's slots after the promotion")
    print(f"promotion -> last failed reply: {last_fail - promoted:+.2f} s" if last_fail else "no failed reply")
    print(f"promotion -> /readyz 200: {ready - promoted:.2f} s" if ready else "/readyz never 200 after the promotion")
    down = [p for p in probes if killed <= p[0] < promoted and p[1] != 200]
    if down: print("readyz while down: " + down[-1][2][:220])
    # served replies per 500 ms from 1 s before the kill to 2 s after the promotion: served/failed
    t, cells = killed - 1.0, []
    while t < promoted + 2.0:
        cell = [r for r in replies if t <= r[0] < t + 0.5]
        cells.append(f"{t - killed:+.1f}:{sum(1 for r in cell if r[1] == 'served')}/{sum(1 for r in cell if r[1] != 'served')}")
        t += 0.5
    print("replies served/failed per 0.5 s (s after the kill): " + " ".join(cells))

# Every served reply was sent after its turn's dialog state was saved (DialogStateMiddleware saves before the pipeline
# returns), so a served reply is an acknowledged write: the stored turn count of that user in that conversation must
# be at least the number of served replies it got. More than that is a turn that was saved although its answer was lost.
acked = collections.Counter((r[2], r[3]) for r in replies if r[1] == "served")
keys = sorted(pairs)
stored = {}
for k, a in zip(keys, ask_owners(others[0], [(dialog_key(c, u), f"HGET {dialog_key(c, u)} v") for c, u in keys])):
    m = re.search(r'"turnCount":(\d+)', a or "", re.I)
    stored[k] = int(m.group(1)) if m else 0
short = {k: acked[k] - stored.get(k, 0) for k in acked if acked[k] > stored.get(k, 0)}
extra = sum(max(0, stored.get(k, 0) - acked[k]) for k in keys)
print(f"acknowledged turns (served replies): {sum(acked.values())} in {len(acked)} dialog states; stored counts short of them: "
      f"{len(short)} states, {sum(short.values())} turns {list(short.items())[:3]}; stored beyond them: {extra} turns")
conversations = sorted({c for c, _ in pairs})
refs = ask_owners(others[0], [(f"bridgebot:{{teams:bench-tenant}}:conversation:{c}", f"EXISTS bridgebot:{{teams:bench-tenant}}:conversation:{c}") for c in conversations])
print(f"conversation references stored: {sum(1 for r in refs if (r or '').strip() == '1')} of {len(conversations)}")

metrics = http.client.HTTPConnection("127.0.0.1", int(os.environ["METRICS_PORT"]), timeout=5)
metrics.request("GET", "/metrics"); text = metrics.getresponse().read().decode()
turns = {m.group(1): float(m.group(2)) for m in re.finditer(r'^bridgebot_turns_total\{[^}]*?outcome="([^"]+)"[^}]*\} (\S+)', text, re.M)}
unavailable = {m.group(1): float(m.group(2)) for m in re.finditer(r'^bridgebot_state_unavailable_total\{[^}]*?where="([^"]+)"[^}]*\} (\S+)', text, re.M)}
print(f"host metrics: turns by outcome {turns}  state unavailable by where {unavailable}")
EOF
fi
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "# host log: warnings and errors" >&2
echo "while starting: $(head -n "$startup_lines" "$RUN_DIR/bot.log" | grep -cE '^(warn|fail|crit)') warnings (configuration of the bench host)"
tail -n +"$((startup_lines + 1))" "$RUN_DIR/bot.log" >"$RUN_DIR/run.log"
echo "during the run: entries at warning or above: $(grep -cE '^(warn|fail|crit)' "$RUN_DIR/run.log"), of which errors: $(grep -cE '^(fail|crit)' "$RUN_DIR/run.log")"
awk '/^(warn|fail|crit)/ { head = $0; getline; print head "\n" $0 }' "$RUN_DIR/run.log" | cut -c1-200 | head -16
