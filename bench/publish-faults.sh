#!/usr/bin/env bash
# Exactly once under platform faults: N posts (default 300) due across 30 s, created through the API, published to the
# sandbox set to fail 30 % of calls with its documented fault mix (5xx, 429, and timeouts that stall 3 s then answer
# 504, half of them after creating the post), with the server's and the sandbox's defaults (10 s request timeout, 4
# attempts). Prints duplicates (one job, two posts on the platform), falsely failed targets (failed, yet the platform
# holds the post), how the targets ended, and the lag from due time to the platform receiving the post that stayed.
# Usage: bench/publish-faults.sh [N] [RUNS]   (default 300 posts, 1 run). Needs the build, PostgreSQL, python3, curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N="${1:-300}"
RUNS="${2:-1}"
DB="${BENCH_DB:-syndicast_bench_faults}"
HTTP_PORT="${BENCH_HTTP_PORT:-18185}"
BROKER_PORT="${BENCH_BROKER_PORT:-61682}"
SANDBOX_PORT="${BENCH_SANDBOX_PORT:-17172}"
KEY="syn_bench_bootstrap_key_0123456789abcdef"
WORK=$(mktemp -d /tmp/syndicast-bench-faults.XXXXXX)
source "$ROOT/bench/lib/publishing.sh"
trap stop_all EXIT
require_build

for run in $(seq 1 "$RUNS"); do
  start_sandbox
  start_server
  curl -sf -X POST -o /dev/null "$SANDBOX/control/faults?fail_percent=30&mix=5xx,429,timeout"
  # Created through the API an hour ahead (creation speed is not what this measures), then moved in one statement to
  # 5 s from now, spread across the next 30 s: the jobs are still pending, nothing has been dispatched yet.
  python3 - "$BASE" "$KEY" "$ACCOUNT" "$N" <<'PY'
import datetime, http.client, json, sys, urllib.parse
base, key, account, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)
due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
for i in range(n):
    body = json.dumps({"text": f"fault bench {i}", "targets": [{"platform": "sandbox", "account_id": account, "scheduled_at": due}]})
    conn.request("POST", "/api/external/v1/posts", body, {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    reply = conn.getresponse()
    data = reply.read()
    if reply.status != 201:
        sys.exit(f"post {i}: HTTP {reply.status} {data[:300]!r}")
PY
  "${PSQL[@]}" -d "$DB" >/dev/null <<SQL
begin;
create temp table due on commit drop as
  select j.id as job, j.target_id as target, now() + interval '5 seconds'
         + (row_number() over (order by j.created_at, j.id) - 1) * (30000.0 / $N) * interval '1 millisecond' as at
    from publish_jobs j;
update post_targets t set scheduled_at = d.at from due d where t.id = d.target;
update publish_jobs j set run_at = d.at from due d where j.id = d.job;
commit;
SQL
  echo "bench: run $run: $N posts due across 30 s, sandbox failing 30 % (5xx, 429, timeout)" >&2
  for _ in $(seq 1 600); do
    open=$("${PSQL[@]}" -d "$DB" -c "select count(*) from publish_jobs where status not in ('published', 'failed', 'cancelled')")
    [[ "$open" == "0" ]] && break
    sleep 1
  done
  curl -s "$SANDBOX/control/ledger" >"$WORK/ledger.json"
  curl -s "$SANDBOX/control/stats" >"$WORK/stats.json"
  "${PSQL[@]}" -d "$DB" -F $'\t' -c "select j.idempotency_key, j.status, (extract(epoch from t.scheduled_at) * 1000)::bigint,
        coalesce(j.external_id, ''), j.attempts, j.checks, replace(coalesce(j.last_error, ''), E'\t', ' ')
      from publish_jobs j join post_targets t on t.id = j.target_id" >"$WORK/jobs.tsv"
  python3 - "$WORK/ledger.json" "$WORK/stats.json" "$WORK/jobs.tsv" "$N" "$open" <<'PY'
import collections, json, sys
ledger = json.load(open(sys.argv[1]))["entries"]
stats = json.load(open(sys.argv[2]))
jobs = [line.rstrip("\n").split("\t") for line in open(sys.argv[3]) if line.strip()]
n, still_open = int(sys.argv[4]), int(sys.argv[5])
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(p / 100.0 * len(values))) - 1))] if values else None
by_key = collections.defaultdict(list)
for e in ledger:
    by_key[e["idempotency_key"]].append(e)
duplicates = sum(len(v) - 1 for v in by_key.values() if len(v) > 1)
statuses = collections.Counter(j[1] for j in jobs)
falsely_failed = [j for j in jobs if j[1] == "failed" and j[0] in by_key]
wrong_id = [j for j in jobs if j[1] == "published" and j[3] not in {e["id"] for e in by_key.get(j[0], [])}]
lag = [min(e["received_at_ms"] for e in by_key[j[0]]) - int(j[2]) for j in jobs if j[1] == "published" and j[0] in by_key]
reasons = collections.Counter(j[6].split(":")[0][:60] for j in jobs if j[1] == "failed")
print(f"faults: {stats['injected_faults']} injected in {stats['requests']} requests; posts on the platform: {len(ledger)} for {n} targets")
print(f"duplicates: {duplicates}; falsely failed: {len(falsely_failed)}; published with a wrong id: {len(wrong_id)}; still open: {still_open}")
print(f"targets: {dict(statuses)}; failed for: {dict(reasons) or '-'}; attempts max {max(int(j[4]) for j in jobs)}, lookups {sum(int(j[5]) for j in jobs)}")
print(f"lag due -> on the platform: p50 {pct(lag, 50)} ms, p99 {pct(lag, 99)} ms, max {max(lag) if lag else None} ms")
PY
  stop_all
done
