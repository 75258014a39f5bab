#!/usr/bin/env bash
# CSV post import benchmark: a N-row CSV (default 100,000) through the post-import batch job, in rows per second
# (goal >= 20,000/s), and in the same run PostgreSQL COPY of equivalent rows into scratch tables, with the ratio
# import / COPY (goal >= 0.2). Each row becomes a post with one sandbox target and its publish job, as a real import
# would. "Equivalent rows" are what the import stores for each CSV row (the post, its target, its publish job and the
# row's result), COPYed into scratch copies of those tables with their indexes, in one transaction. For reference the
# bench also COPYs the CSV's text into one unindexed table of the CSV's shape: that stores none of what makes a post
# (no ids, no target, no job, no index), so it is printed but is not the goal's baseline.
# The measured import runs on a warm server: a warm-up import of the same size (BENCH_WARMUP rows, default N; its
# cold rate is printed too), then a wait until the JIT has settled. A cold server compiles the hot paths (C2 took half
# of both cores' samples) during the first 100,000 rows or so.
# Usage: bench/csv-import.sh [N]. Env: BENCH_CHUNK (rows per chunk, default 1000), BENCH_WARMUP, BENCH_PARTITIONS.
# Needs the build (mvn -B -DskipTests verify), PostgreSQL, python3, curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N="${1:-100000}"
DB="${BENCH_DB:-syndicast_bench_csv}"
HTTP_PORT="${BENCH_HTTP_PORT:-18191}"
BROKER_PORT="${BENCH_BROKER_PORT:-61691}"
CHUNK="${BENCH_CHUNK:-1000}"
WARMUP="${BENCH_WARMUP:-$N}"
PARTITIONS="${BENCH_PARTITIONS:-2}"
KEY="syn_bench_bootstrap_key_0123456789abcdef"
WORK=$(mktemp -d /tmp/syndicast-bench-csv.XXXXXX)
PSQL=(psql -X -q -t -A -h 127.0.0.1 -U postgres)
BASE="http://127.0.0.1:$HTTP_PORT"

cleanup() {
  # A graceful stop: SIGTERM to the run script, which stops the server within seconds (and SIGKILLs it after
  # SYNDICAST_STOP_TIMEOUT as a last resort), so the next run finds its ports free.
  if [[ -n "${SERVER_PID:-}" ]]; then
    local started=$SECONDS
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    echo "bench: server stopped in $((SECONDS - started)) s" >&2
  fi
}
trap cleanup EXIT

[[ -f "$ROOT/web-module/target/syndicast.war" ]] || { echo "build first: mvn -B -DskipTests verify" >&2; exit 1; }
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null

SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SYNDICAST_DATA_DIR="$WORK/data" SYNDICAST_HTTP_PORT="$HTTP_PORT" \
SYNDICAST_BROKER_PORT="$BROKER_PORT" SYNDICAST_BOOTSTRAP_KEY="$KEY" SYNDICAST_RATE_LIMIT_STANDARD=100000 \
SYNDICAST_RUNTIME_DIR="${SYNDICAST_RUNTIME_DIR:-$ROOT/web-module/target/micro}" \
  setsid "$ROOT/bin/syndicast" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
echo "bench: waiting for the server (log: $WORK/server.log) ..." >&2
# Ready: the application answers and its readiness checks (database, broker) pass.
ready() { curl -sf -o /dev/null "$BASE/health" && curl -sf -o /dev/null "$BASE/mphealth/ready"; }
for _ in $(seq 1 120); do ready && break; sleep 2; done
ready || { echo "server did not start" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }

ACCOUNT=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"platform":"sandbox","platform_account_id":"bench-csv","username":"@bench"}' \
  "$BASE/api/external/v1/sandbox/accounts" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')

# write_csv FILE ROWS PREFIX: a CSV of ROWS scheduled posts for the bench account, source ids PREFIX-0, PREFIX-1, ...
write_csv() {
  python3 - "$2" "$ACCOUNT" "$1" "$3" <<'PY'
import csv, sys, datetime
n, account, path, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)).replace(microsecond=0)
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["content", "platforms", "scheduled_at", "category", "hashtags", "tags", "labels", "account_ids", "source_id"])
    for i in range(n):
        w.writerow([f"Benchmark post {i}, with a comma", "sandbox", (due + datetime.timedelta(minutes=i)).isoformat().replace("+00:00", "Z"),
                    "work", "bench load", "csv,bench", "l1", account, f"{prefix}-{i}"])
PY
}

# import FILE: uploads the CSV, runs the post-import job, waits for its end; sets ELAPSED (seconds, start request
# to COMPLETED seen, polled every 0.1 s).
import() {
  local upload execution status start end
  upload=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$1" \
    "$BASE/api/external/v1/batch/uploads" | python3 -c 'import sys,json; print(json.load(sys.stdin)["upload_id"])')
  start=$(date +%s.%N)
  execution=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"parameters\":{\"file\":\"$upload\",\"chunkSize\":\"$CHUNK\",\"partitions\":\"$PARTITIONS\"}}" \
    "$BASE/api/external/v1/batch/jobs/post-import/executions" | python3 -c 'import sys,json; print(json.load(sys.stdin)["execution_id"])')
  while :; do
    status=$(curl -sf -H "Authorization: Bearer $KEY" "$BASE/api/external/v1/batch/executions/$execution" \
      | grep -o '"batch_status":"[A-Z]*"' | head -1 | cut -d'"' -f4)
    [[ "$status" == COMPLETED || "$status" == FAILED || "$status" == STOPPED ]] && break
    sleep 0.1
  done
  end=$(date +%s.%N)
  [[ "$status" == COMPLETED ]] || { echo "bench: the job ended $status" >&2; exit 1; }
  ELAPSED=$(python3 -c "print($end - $start)")
}

# Warm-up: a fresh server compiles its hot paths during the first thousands of rows (C2 took ~2.6 s of CPU in the
# first 10 s of a cold import, on a 2-core machine). The figure is the steady state an operator sees after that.
write_csv "$WORK/warmup.csv" "$WARMUP" warmup
echo "bench: warm-up import of $WARMUP rows ..." >&2
import "$WORK/warmup.csv"
WARMUP_ELAPSED=$ELAPSED

# settle: waits until the server's JVM has used less than a tenth of a core for two seconds (the JIT has drained its
# compile queue: right after start-up and the warm-up, C2 alone took half of both cores' samples during the measured
# import), at most BENCH_SETTLE_MAX seconds. Sets SETTLED (seconds waited).
settle() {
  local jvm ticks before after hz waited=0
  jvm=$(pgrep -s "$SERVER_PID" -f payara-micro.jar | head -1)
  hz=$(getconf CLK_TCK)
  ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
  before=$(ticks)
  while (( waited < ${BENCH_SETTLE_MAX:-120} )); do
    sleep 2; waited=$((waited + 2)); after=$(ticks)
    (( (after - before) * 10 < 2 * hz )) && break
    before=$after
  done
  SETTLED=$waited
}

write_csv "$WORK/posts.csv" "$N" bench
SETTLED=0
[[ "${BENCH_SETTLE:-true}" == true ]] && { echo "bench: waiting for the JIT to settle ..." >&2; settle; }
echo "bench: $(wc -l < "$WORK/posts.csv") lines, $(du -h "$WORK/posts.csv" | cut -f1)" >&2
import "$WORK/posts.csv"
START=0
END=$ELAPSED
POSTS=$("${PSQL[@]}" -d "$DB" -c "select count(*) from posts where source_id like 'bench-%'")

# Reference: the CSV's text through COPY into one unindexed table of the CSV's shape, in the same run.
"${PSQL[@]}" -d "$DB" -c "create table bench_copy (content text, platforms text, scheduled_at timestamptz, category text,
  hashtags text, tags text, labels text, account_ids text, source_id text)" >/dev/null
COPY_START=$(date +%s.%N)
"${PSQL[@]}" -d "$DB" -c "\\copy bench_copy from '$WORK/posts.csv' with (format csv, header true)" >/dev/null
COPY_END=$(date +%s.%N)

# The goal's baseline, equivalent rows: what the import wrote for the measured rows (posts, targets, publish jobs,
# results: four rows per CSV row), through COPY into scratch copies of those tables with their indexes.
TABLES=(posts post_targets publish_jobs batch_item_results)
"${PSQL[@]}" -d "$DB" \
  -c "\\copy (select * from posts where source_id like 'bench-%') to '$WORK/posts.copy'" \
  -c "\\copy (select t.* from post_targets t join posts p on p.id = t.post_id where p.source_id like 'bench-%') to '$WORK/post_targets.copy'" \
  -c "\\copy (select j.* from publish_jobs j join posts p on p.id = j.post_id where p.source_id like 'bench-%') to '$WORK/publish_jobs.copy'" \
  -c "\\copy (select * from batch_item_results where job_instance_id = (select max(job_instance_id) from batch_item_results)) to '$WORK/batch_item_results.copy'" >/dev/null
for t in "${TABLES[@]}"; do "${PSQL[@]}" -d "$DB" -c "create table scratch_$t (like $t including all)" >/dev/null; done
COPY_ALL=(); for t in "${TABLES[@]}"; do COPY_ALL+=(-c "\\copy scratch_$t from '$WORK/$t.copy'"); done
WRITTEN_START=$(date +%s.%N)
"${PSQL[@]}" -d "$DB" -1 "${COPY_ALL[@]}" >/dev/null
WRITTEN_END=$(date +%s.%N)

python3 - "$N" "$POSTS" "$START" "$END" "$COPY_START" "$COPY_END" "$WRITTEN_START" "$WRITTEN_END" "$WARMUP" "$WARMUP_ELAPSED" "$SETTLED" <<'PY'
import sys
n, posts = int(sys.argv[1]), int(sys.argv[2])
s, e, cs, ce, ws, we = map(float, sys.argv[3:9])
warmup, warmup_elapsed, settled = int(sys.argv[9]), float(sys.argv[10]), int(sys.argv[11])
rate, copy_rate, written_rate = n / (e - s), n / (ce - cs), n / (we - ws)
print(f"rows: {n}   posts created: {posts}   (after a warm-up import of {warmup:,} rows: {warmup / warmup_elapsed:,.0f} rows/s cold;"
      f" then {settled} s for the JIT to settle)")
print(f"post-import job: {e - s:.1f} s -> {rate:,.0f} rows/s   (goal >= 20,000/s)")
print(f"PostgreSQL COPY of equivalent rows (post, target, publish job, result per CSV row; scratch tables with their"
      f" indexes): {we - ws:.2f} s -> {written_rate:,.0f} CSV rows/s")
print(f"ratio import / COPY of equivalent rows: {rate / written_rate:.3f}   (goal >= 0.2)")
print(f"reference, not equivalent: COPY of the CSV's text into one unindexed table: {ce - cs:.2f} s -> {copy_rate:,.0f} rows/s;"
      f" ratio {rate / copy_rate:.3f}")
PY
