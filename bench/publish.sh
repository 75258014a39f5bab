#!/usr/bin/env bash
# Publishing benchmark: lag from due time to the sandbox receiving the call, and sustained publishes per second.
#   Warm-up:              N/2 posts at phase A's rate across 30 s   -> the cold start's lag, printed for reference
#   Phase A (lag):        N posts due evenly across one minute      -> p50 / p99 / max lag (goal p99 <= 1 s)
#   Phase B (throughput): N posts all due at the same second        -> publishes per second (goal >= 1,000/s)
# The sandbox answers at once. Jobs are inserted with SQL (the benchmark measures publishing, not post creation).
# Usage: bench/publish.sh [N]   (default 10000). Needs the build (mvn -DskipTests verify), PostgreSQL, python3.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N="${1:-10000}"
DB="${BENCH_DB:-syndicast_bench_publishing}"
HTTP_PORT="${BENCH_HTTP_PORT:-18181}"
BROKER_PORT="${BENCH_BROKER_PORT:-61681}"
SANDBOX_PORT="${BENCH_SANDBOX_PORT:-17171}"
KEY="syn_bench_bootstrap_key_0123456789abcdef"
WORK=$(mktemp -d /tmp/syndicast-bench.XXXXXX)
source "$ROOT/bench/lib/publishing.sh"
trap stop_all EXIT
require_build

start_sandbox
# The collector's pauses go to a log per JVM (the run script's default options are kept) and are summed up at the end.
start_server JAVA_TOOL_OPTIONS="-Xlog:gc:file=$WORK/gc-%p.log"

# Inserts $4 (default N) scheduled posts with one sandbox target and one pending job each, due at $2 + i * $3 ms.
insert_jobs() {
  local phase=$1 start=$2 step_ms=$3 count=${4:-$N}
  "${PSQL[@]}" -d "$DB" >/dev/null <<SQL
begin;
create temp table b on commit drop as
  select g, gen_random_uuid() as pid, gen_random_uuid() as tid, gen_random_uuid() as jid,
         timestamptz '$start' + (g * $step_ms) * interval '1 millisecond' as due
    from generate_series(0, $count - 1) g;
insert into posts (id, workspace_id, status, text, created_by, created_at, updated_at)
  select pid, '$WORKSPACE', 'scheduled', '$phase ' || g, 'bench', now(), now() from b;
insert into post_targets (id, post_id, position, platform, account_id, scheduled_at, status)
  select tid, pid, 0, 'sandbox', '$ACCOUNT', due, 'scheduled' from b;
insert into publish_jobs (id, workspace_id, post_id, target_id, status, run_at, max_attempts, idempotency_key, created_at)
  select jid, '$WORKSPACE', pid, tid, 'pending', due, 4, '$phase-' || jid, now() from b;
commit;
SQL
}

wait_for() {
  local total=$1
  for _ in $(seq 1 600); do
    local created
    created=$(sandbox_stat created)
    [[ "$created" -ge "$total" ]] && return 0
    sleep 1
  done
  echo "bench: timed out waiting for $total publishes" >&2
  return 1
}

# Warm-up (phase W): N/2 posts at phase A's rate across 30 s. A cold server spends its first 15 s or so compiling the
# publish path (C2 on both cores) and growing its pools; its figures are printed as the cold start, not as the lag.
W=$(( N / 2 ))
start_w=$(( $(date -u +%s) + 10 ))
insert_jobs warmW "$(date -u -d "@$start_w" +%Y-%m-%dT%H:%M:%SZ)" $(( 60000 / N )) "$W"
echo "bench: warm-up: $W posts due from $(date -u -d "@$start_w" +%H:%M:%S) over 30 s" >&2
wait_for "$W"
curl -s "$SANDBOX/control/ledger" >"$WORK/ledger-warmup.json"
curl -sf -X POST -o /dev/null "$SANDBOX/control/reset"

# Phase A: due evenly across the next full minute that starts at least 20 s from now.
now=$(date -u +%s)
start_a=$(( (now + 20 + 59) / 60 * 60 ))
step_a=$(( 60000 / N ))
insert_jobs lagA "$(date -u -d "@$start_a" +%Y-%m-%dT%H:%M:%SZ)" "$step_a"
echo "bench: phase A: $N posts due from $(date -u -d "@$start_a" +%H:%M:%S) over one minute" >&2
wait_for "$N"

# Phase B: all due at the same second, 15 s from now.
start_b=$(( $(date -u +%s) + 15 ))
insert_jobs rateB "$(date -u -d "@$start_b" +%Y-%m-%dT%H:%M:%SZ)" 0
echo "bench: phase B: $N posts all due at $(date -u -d "@$start_b" +%H:%M:%S)" >&2
wait_for $(( 2 * N ))

curl -s "$SANDBOX/control/ledger" >"$WORK/ledger.json"
# The ceiling on this machine, now: a plain HTTP client creating N posts on the same (warm) sandbox.
RAW=$(raw_rate "$N")
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/') (other work on the machine skews phase B)"
"${PSQL[@]}" -d "$DB" -F ',' -c "select idempotency_key, (extract(epoch from run_at) * 1000)::bigint from publish_jobs" >"$WORK/due.csv"
python3 - "$WORK/ledger.json" "$WORK/due.csv" "$N" "$RAW" "$WORK/ledger-warmup.json" <<'PY'
import json, re, sys
ledger = json.load(open(sys.argv[1]))["entries"]
due = dict(line.strip().split(",") for line in open(sys.argv[2]) if line.strip())
n = int(sys.argv[3])
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * len(values))) - 1 if p < 100 else len(values) - 1)]
keys = [e["idempotency_key"] for e in ledger]
dupes = len(keys) - len(set(keys))
a = [e["received_at_ms"] - int(due[e["idempotency_key"]]) for e in ledger if e["idempotency_key"].startswith("lagA-")]
b = [e["received_at_ms"] for e in ledger if e["idempotency_key"].startswith("rateB-")]
b_due = min(int(due[k]) for k in due if k.startswith("rateB-"))
span = (max(b) - min(b)) / 1000.0
w = [e["received_at_ms"] - int(due[e["idempotency_key"]]) for e in json.load(open(sys.argv[5]))["entries"] if e["idempotency_key"].startswith("warmW-")]
print(f"cold start (warm-up, {len(w)} posts across 30 s at phase A's rate): p50 {pct(w, 50)} ms, p99 {pct(w, 99)} ms, max {max(w)} ms")
print(f"phase A (lag, {len(a)} posts due across one minute): p50 {pct(a, 50)} ms, p99 {pct(a, 99)} ms, max {max(a)} ms, early {sum(1 for x in a if x < 0)}")
a_by_due = sorted((int(due[e["idempotency_key"]]), e["received_at_ms"] - int(due[e["idempotency_key"]])) for e in ledger if e["idempotency_key"].startswith("lagA-"))
if a_by_due:
    first = a_by_due[0][0]
    thirds = [[lag for d, lag in a_by_due if k * 20000 <= d - first < (k + 1) * 20000] for k in range(3)]
    print("phase A p99 by 20 s of due time: " + ", ".join(f"{pct(t, 99)} ms" for t in thirds if t))
rate = len(b) / span if span > 0 else float('inf')
print(f"phase B (burst, {len(b)} posts due at one second): first call {min(b) - b_due} ms after due, last {max(b) - b_due} ms; "
      f"{rate:.0f} publishes/s sustained over {span:.1f} s")
raw = float(re.search(r"= (\d+) posts/s", sys.argv[4]).group(1))
print(f"phase B as a share of the raw rate ({raw:.0f} posts/s from a plain client on this sandbox): {rate / raw:.2f}")
print(f"duplicates (same idempotency key twice): {dupes}; missing: {2 * n - len(set(keys))}")
PY
cat "$WORK"/gc-*.log 2>/dev/null | python3 -c '
import re, sys
pauses = [float(m.group(1)) for m in (re.search(r"Pause .* ([0-9.]+)ms$", l.strip()) for l in sys.stdin) if m]
print(f"collector: {len(pauses)} pauses, {sum(pauses):.0f} ms in all, longest {max(pauses, default=0):.0f} ms")
' 
