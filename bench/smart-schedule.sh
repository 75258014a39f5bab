#!/usr/bin/env bash
# Smart-scheduling benchmark: 10,000 targets (2,000 posts on five platforms) planned over 50 accounts (ten each of X,
# Bluesky, Mastodon, LinkedIn and Threads, each with its own daily cap of 15) that already hold 30 days of schedule
# (three posts a day each, 4,500 per 30 days, imported as a CSV), in a Europe/Berlin workspace posting 08:00-22:00 every
# day with a 30-minute gap. One API request places all 10,000: POST /api/external/v1/schedule/smart-batch (the
# smart-schedule route takes one video at a time). Printed per request and as the median of N measured requests:
#   - the server's planning time, from the answer's Server-Timing header (plan; goal <= 200 ms), and beside it the time
#     to lock the 50 accounts and read what they hold (load) and to write the posts, targets and publish jobs (write);
#   - the whole request as curl sees it, body sent to answer read, writes included (goal <= 2 s).
# Each request plans its own 30 days (the next request the 30 days after), so every one meets the same load: 30 days of
# existing schedule and no targets of the requests before it. A first request warms the server's JIT and is printed
# apart. In the same run, the baseline: the last measured request's exact input (its accounts, every instant taken on
# them as the server read it, the same rules and targets) planned in process by NaiveScanPlanner, the minute-by-minute
# scan, and by Planner for comparison (PlanningBench, from the EJB module's test classes).
# Usage: bench/smart-schedule.sh [N]   (N measured requests, default 3). Env: BENCH_DB, BENCH_HTTP_PORT,
# BENCH_BROKER_PORT, BENCH_BASELINE_RUNS (default 3). Needs the build (mvn -B -DskipTests verify), PostgreSQL,
# python3, curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N="${1:-3}"
DB="${BENCH_DB:-syndicast_bench_sched}"
HTTP_PORT="${BENCH_HTTP_PORT:-18193}"
BROKER_PORT="${BENCH_BROKER_PORT:-61693}"
BASELINE_RUNS="${BENCH_BASELINE_RUNS:-3}"
KEY="syn_bench_bootstrap_key_0123456789abcdef"
WORK=$(mktemp -d /tmp/syndicast-bench-sched.XXXXXX)
PSQL=(psql -X -q -t -A -h 127.0.0.1 -U postgres)
BASE="http://127.0.0.1:$HTTP_PORT"
PLATFORMS=(twitter bluesky mastodon linkedin threads)
ZONE="Europe/Berlin"

cleanup() {
  if [[ -n "${SERVER_PID:-}" ]]; then
    local started=$SECONDS
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    echo "bench: server stopped in $((SECONDS - started)) s" >&2
  fi
}
trap cleanup EXIT

[[ -f "$ROOT/web-module/target/syndicast.war" && -d "$ROOT/ejb-module/target/test-classes/dev/syndicast/planning" ]] \
  || { echo "build first: mvn -B -DskipTests verify (the baseline runs from the EJB module's test classes)" >&2; exit 1; }
echo "bench: load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# The baseline's classpath, resolved while the server starts.
(cd "$ROOT" && mvn -B -o -q dependency:build-classpath -pl ejb-module -Dmdep.outputFile="$WORK/ejb.cp" >/dev/null 2>&1) &
CP_PID=$!

"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SYNDICAST_DATA_DIR="$WORK/data" SYNDICAST_HTTP_PORT="$HTTP_PORT" \
SYNDICAST_BROKER_PORT="$BROKER_PORT" SYNDICAST_BOOTSTRAP_KEY="$KEY" SYNDICAST_RATE_LIMIT_STANDARD=100000 \
SYNDICAST_RATE_LIMIT_BULK=1000 SYNDICAST_RUNTIME_DIR="${SYNDICAST_RUNTIME_DIR:-$ROOT/web-module/target/micro}" \
  setsid "$ROOT/bin/syndicast" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
echo "bench: waiting for the server (log: $WORK/server.log) ..." >&2
ready() { curl -sf -o /dev/null "$BASE/health" && curl -sf -o /dev/null "$BASE/mphealth/ready"; }
for _ in $(seq 1 150); do ready && break; sleep 2; done
ready || { echo "server did not start" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }

api() { # api METHOD PATH [BODY]: the answer's body; fails on an error status
  curl -sf -X "$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' ${3:+-d "$3"} "$BASE$2"
}

api PUT /api/external/v1/settings "$(python3 -c '
import json
days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
print(json.dumps({"schedule": {"timezone": "'"$ZONE"'", "min_gap_minutes": 30,
                               "posting_windows": [{"day": d, "start": "08:00", "end": "22:00"} for d in days]}}))')" >/dev/null

: >"$WORK/accounts.txt"
for platform in "${PLATFORMS[@]}"; do
  for i in $(seq 1 10); do
    id=$(api POST /api/external/v1/sandbox/accounts \
      "{\"platform\":\"$platform\",\"platform_account_id\":\"bench-$platform-$i\",\"username\":\"@bench$i\"}" \
      | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
    api PATCH "/api/external/v1/accounts/$id" '{"daily_cap":15}' >/dev/null
    echo "$id $platform" >>"$WORK/accounts.txt"
  done
done
echo "bench: 50 accounts, each with daily_cap 15" >&2

# The periods: request k (k = 0 the warm-up) plans the 30 days from START + 31 k days, local midnight in Berlin.
python3 - "$WORK" "$N" "$ZONE" <<'PY'
import csv, datetime, random, sys, zoneinfo
work, n, zone = sys.argv[1], int(sys.argv[2]), zoneinfo.ZoneInfo(sys.argv[3])
random.seed(20261202)
start = (datetime.datetime.now(zone) + datetime.timedelta(days=60)).replace(hour=0, minute=0, second=0, microsecond=0)
accounts = [line.split() for line in open(f"{work}/accounts.txt")]
with open(f"{work}/periods.txt", "w") as periods, open(f"{work}/existing.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["content", "platforms", "scheduled_at", "account_ids", "source_id"])
    row = 0
    for k in range(n + 1):
        first = start + datetime.timedelta(days=31 * k)
        last = first + datetime.timedelta(days=30) - datetime.timedelta(minutes=1)
        periods.write(f"{first.astimezone(datetime.timezone.utc).isoformat().replace('+00:00', 'Z')} "
                      f"{last.astimezone(datetime.timezone.utc).isoformat().replace('+00:00', 'Z')}\n")
        for d in range(30):
            day = first + datetime.timedelta(days=d)
            for account, platform in accounts:
                # Three posts a day, on the half hours of 08:00-22:00, keeping the 30-minute gap.
                for slot in sorted(random.sample(range(28), 3)):
                    at = day.replace(hour=8) + datetime.timedelta(minutes=30 * slot)
                    w.writerow([f"Existing post {row}", platform,
                                at.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z"), account, f"existing-{row}"])
                    row += 1
PY
ROWS=$(($(wc -l <"$WORK/existing.csv") - 1))
echo "bench: importing the existing schedule ($ROWS posts, $((N + 1)) periods of 30 days) ..." >&2
UPLOAD=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$WORK/existing.csv" \
  "$BASE/api/external/v1/batch/uploads" | python3 -c 'import sys,json; print(json.load(sys.stdin)["upload_id"])')
EXECUTION=$(api POST /api/external/v1/batch/jobs/post-import/executions "{\"parameters\":{\"file\":\"$UPLOAD\"}}" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["execution_id"])')
while :; do
  STATUS=$(api GET "/api/external/v1/batch/executions/$EXECUTION" | grep -o '"batch_status":"[A-Z]*"' | head -1 | cut -d'"' -f4)
  [[ "$STATUS" == COMPLETED || "$STATUS" == FAILED || "$STATUS" == STOPPED ]] && break
  sleep 0.5
done
[[ "$STATUS" == COMPLETED ]] || { echo "bench: the import ended $STATUS" >&2; exit 1; }
TAKEN=$("${PSQL[@]}" -d "$DB" -c "select count(*) from post_targets")
[[ "$TAKEN" == "$ROWS" ]] || { echo "bench: $TAKEN of $ROWS existing posts imported" >&2; exit 1; }

# body FIRST LAST: 2,000 posts on the five platforms, between FIRST and LAST.
body() {
  python3 - "$1" "$2" "${PLATFORMS[@]}" <<'PY'
import json, sys
first, last, platforms = sys.argv[1], sys.argv[2], sys.argv[3:]
print(json.dumps({"not_before": first, "not_after": last,
                  "posts": [{"text": f"Benchmark post {i}", "platforms": platforms} for i in range(2000)]}))
PY
}

# place K: request K; prints "total_s plan_ms load_ms write_ms targets".
place() {
  local first last
  read -r first last < <(sed -n "$(($1 + 1))p" "$WORK/periods.txt")
  body "$first" "$last" >"$WORK/body-$1.json"
  curl -s -o "$WORK/answer-$1.json" -D "$WORK/headers-$1.txt" -w '%{http_code} %{time_total}\n' -X POST \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$WORK/body-$1.json" \
    "$BASE/api/external/v1/schedule/smart-batch" >"$WORK/curl-$1.txt"
  python3 - "$WORK" "$1" <<'PY'
import json, re, sys
work, k = sys.argv[1], sys.argv[2]
status, total = open(f"{work}/curl-{k}.txt").read().split()
if status != "201":
    sys.exit(f"bench: request {k} answered {status}: {open(f'{work}/answer-{k}.json').read()[:500]}")
timing = next(l for l in open(f"{work}/headers-{k}.txt") if l.lower().startswith("server-timing:"))
dur = dict((m[0], float(m[1])) for m in re.findall(r"(\w+);dur=([0-9.]+)", timing))
answer = json.load(open(f"{work}/answer-{k}.json"))
print(total, dur["plan"], dur["load"], dur["write"], answer["targets"])
PY
}

# The baseline's input: what the server reads for the last measured request, as PlanningBench takes it.
scenario() {
  local first last
  read -r first last < <(sed -n "$(($1 + 1))p" "$WORK/periods.txt")
  {
    echo "zone $ZONE"; echo "gap 30"
    for d in monday tuesday wednesday thursday friday saturday sunday; do echo "window $d 08:00 22:00"; done
    curl -sf "$BASE/api/external/v1/platforms" -H "Authorization: Bearer $KEY" \
      | python3 -c 'import sys,json; [print("cap", p["platform"], p["daily_cap"]) for p in json.load(sys.stdin)]'
    echo "not_before $first"; echo "not_after $last"
    # The server reads each account's taken instants from two days and the gap before not_before to two days and the
    # gap after the end of the range.
    "${PSQL[@]}" -d "$DB" -F ' ' -c "select a.id, a.platform, case when a.is_default then 1 else 0 end, coalesce(a.daily_cap::text, '-'),
        coalesce(string_agg(to_char(t.scheduled_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ',' order by t.scheduled_at), '-')
      from connected_accounts a left join post_targets t on t.account_id = a.id and t.status not in ('failed', 'cancelled')
        and t.scheduled_at between timestamptz '$first' - interval '2 days 30 minutes' and timestamptz '$last' + interval '2 days 30 minutes'
      where a.status = 'active' and a.platform <> 'sandbox' group by a.id order by a.id" | sed 's/^/account /'
    for _ in $(seq 1 2000); do echo "post $(IFS=,; echo "${PLATFORMS[*]}")"; done
  } >"$WORK/scenario.txt"
}

echo "bench: warm-up request (a cold server compiles its hot paths) ..." >&2
WARM=$(place 0)
RESULTS=()
for k in $(seq 1 "$N"); do
  [[ "$k" == "$N" ]] && scenario "$k"
  echo "bench: request $k of $N ..." >&2
  RESULTS+=("$(place "$k")")
done
wait "$CP_PID" || true
[[ -s "$WORK/ejb.cp" ]] || { echo "bench: could not resolve the EJB module's classpath (mvn -o dependency:build-classpath)" >&2; exit 1; }
echo "bench: baseline: NaiveScanPlanner on the last request's input, $BASELINE_RUNS runs after a warm-up ..." >&2
BASELINE=$(java -Xmx1g -cp "$ROOT/ejb-module/target/classes:$ROOT/ejb-module/target/test-classes:$(cat "$WORK/ejb.cp")" \
  dev.syndicast.planning.control.PlanningBench "$WORK/scenario.txt" "$BASELINE_RUNS")
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$ROWS" "$WARM" "$LOAD_START" "$LOAD_END" "${RESULTS[@]}" <<'PY'
import statistics, sys
rows, warm, load_start, load_end, runs = int(sys.argv[1]), sys.argv[2].split(), sys.argv[3], sys.argv[4], [r.split() for r in sys.argv[5:]]
def row(r): return f"request {float(r[0]):6.2f} s   plan {float(r[1]):6.1f} ms   load {float(r[2]):6.1f} ms   write {float(r[3]):7.1f} ms   ({r[4]} targets)"
print(f"existing schedule: {rows:,} posts over 50 accounts, {rows // (len(runs) + 1):,} in each request's 30 days")
print(f"warm-up (cold JIT):  {row(warm)}")
for i, r in enumerate(runs, 1):
    print(f"measured {i}:          {row(r)}")
med = [statistics.median(float(r[i]) for r in runs) for i in range(4)]
print(f"median of {len(runs)}: server planning {med[1]:.1f} ms (goal <= 200 ms; Server-Timing plan), whole request {med[0]:.2f} s"
      f" (goal <= 2 s; curl, writes included); load {med[2]:.1f} ms, write {med[3]:.1f} ms")
print(f"load average: {load_start} at start, {load_end} at the end")
PY
echo "$BASELINE"
