#!/usr/bin/env bash
# CSV post import benchmark: a N-row CSV (default 100,000) through the post-import batch job, in rows per second
# (goal >= 20,000/s), and in the same run PostgreSQL COPY of equivalent rows into a scratch table, with the ratio
# import / COPY (goal >= 0.2). Each row becomes a post with one sandbox target, as a real import would.
# Usage: bench/csv-import.sh [N]. Needs the build (mvn -B -DskipTests verify), PostgreSQL, python3, curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N="${1:-100000}"
DB="${BENCH_DB:-syndicast_bench_csv}"
HTTP_PORT="${BENCH_HTTP_PORT:-18191}"
BROKER_PORT="${BENCH_BROKER_PORT:-61691}"
CHUNK="${BENCH_CHUNK:-500}"
KEY="syn_bench_bootstrap_key_0123456789abcdef"
WORK=$(mktemp -d /tmp/syndicast-bench-csv.XXXXXX)
PSQL=(psql -X -q -t -A -h 127.0.0.1 -U postgres)
BASE="http://127.0.0.1:$HTTP_PORT"

cleanup() { [[ -n "${SERVER_PID:-}" ]] && kill -- "-$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

[[ -f "$ROOT/web-module/target/syndicast.war" ]] || { echo "build first: mvn -B -DskipTests verify" >&2; exit 1; }
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null

SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SYNDICAST_DATA_DIR="$WORK/data" SYNDICAST_HTTP_PORT="$HTTP_PORT" \
SYNDICAST_BROKER_PORT="$BROKER_PORT" SYNDICAST_BOOTSTRAP_KEY="$KEY" SYNDICAST_RATE_LIMIT_STANDARD=100000 \
SYNDICAST_RUNTIME_DIR="${SYNDICAST_RUNTIME_DIR:-$ROOT/web-module/target/micro}" \
  setsid "$ROOT/bin/syndicast" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
echo "bench: waiting for the server (log: $WORK/server.log) ..." >&2
for _ in $(seq 1 120); do curl -sf -o /dev/null "$BASE/health" && break; sleep 2; done
curl -sf -o /dev/null "$BASE/health" || { echo "server did not start" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }

ACCOUNT=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"platform":"sandbox","platform_account_id":"bench-csv","username":"@bench"}' \
  "$BASE/api/external/v1/sandbox/accounts" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')

python3 - "$N" "$ACCOUNT" "$WORK/posts.csv" <<'PY'
import csv, sys, datetime
n, account, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)).replace(microsecond=0)
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["content", "platforms", "scheduled_at", "category", "hashtags", "tags", "labels", "account_ids", "source_id"])
    for i in range(n):
        w.writerow([f"Benchmark post {i}, with a comma", "sandbox", (due + datetime.timedelta(minutes=i)).isoformat().replace("+00:00", "Z"),
                    "work", "bench load", "csv,bench", "l1", account, f"bench-{i}"])
PY
echo "bench: $(wc -l < "$WORK/posts.csv") lines, $(du -h "$WORK/posts.csv" | cut -f1)" >&2

UPLOAD=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$WORK/posts.csv" \
  "$BASE/api/external/v1/batch/uploads" | python3 -c 'import sys,json; print(json.load(sys.stdin)["upload_id"])')
START=$(date +%s.%N)
EXECUTION=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d "{\"parameters\":{\"file\":\"$UPLOAD\",\"chunkSize\":\"$CHUNK\"}}" \
  "$BASE/api/external/v1/batch/jobs/post-import/executions" | python3 -c 'import sys,json; print(json.load(sys.stdin)["execution_id"])')
while :; do
  STATUS=$(curl -sf -H "Authorization: Bearer $KEY" "$BASE/api/external/v1/batch/executions/$EXECUTION" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["batch_status"])')
  [[ "$STATUS" == COMPLETED || "$STATUS" == FAILED || "$STATUS" == STOPPED ]] && break
  sleep 1
done
END=$(date +%s.%N)
[[ "$STATUS" == COMPLETED ]] || { echo "bench: the job ended $STATUS" >&2; exit 1; }
POSTS=$("${PSQL[@]}" -d "$DB" -c "select count(*) from posts where source_id like 'bench-%'")

# The same rows through COPY into a scratch table of the same shape, in the same run.
"${PSQL[@]}" -d "$DB" -c "create table bench_copy (content text, platforms text, scheduled_at timestamptz, category text,
  hashtags text, tags text, labels text, account_ids text, source_id text)" >/dev/null
COPY_START=$(date +%s.%N)
"${PSQL[@]}" -d "$DB" -c "\\copy bench_copy from '$WORK/posts.csv' with (format csv, header true)" >/dev/null
COPY_END=$(date +%s.%N)

python3 - "$N" "$POSTS" "$START" "$END" "$COPY_START" "$COPY_END" <<'PY'
import sys
n, posts, s, e, cs, ce = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:])
rate, copy_rate = n / (e - s), n / (ce - cs)
print(f"rows: {n}   posts created: {posts}")
print(f"post-import job: {e - s:.1f} s -> {rate:,.0f} rows/s   (goal >= 20,000/s)")
print(f"PostgreSQL COPY: {ce - cs:.2f} s -> {copy_rate:,.0f} rows/s")
print(f"ratio import / COPY: {rate / copy_rate:.3f}   (goal >= 0.2)")
PY
