#!/usr/bin/env bash
# How long bin/syndicast takes from launch to ready (after the build), what it prints before it is ready, and how
# long a SIGTERM takes to stop it. The first start is on a fresh database (migrations, a generated admin key), the
# others on the same database and data directory, as an operator restarts. Prints each run and the medians.
# Usage: bench/start.sh [RUNS]   (default 3; build first: mvn -B -DskipTests package)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
DB=syndicast_bench_start
HTTP_PORT=${BENCH_HTTP_PORT:-18480}
WORK=$(mktemp -d /tmp/syndicast-bench-start.XXXXXX)
trap 'kill -TERM -- "-${PID:-0}" 2>/dev/null || true; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"' EXIT

[[ -f "$ROOT/web-module/target/syndicast.war" ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB with (force)" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

ready_ms=() lines=() stop_ms=()
for run in $(seq 1 "$RUNS"); do
  out="$WORK/console-$run.txt"
  t0=$(date +%s%N)
  env SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SYNDICAST_DATA_DIR="$WORK/data" \
      SYNDICAST_HTTP_PORT="$HTTP_PORT" SYNDICAST_BROKER_PORT=$((HTTP_PORT + 10)) SYNDICAST_LOG=file \
      setsid "$ROOT/bin/syndicast" >"$out" 2>&1 &
  PID=$!
  until grep -q "ready in" "$out"; do
    kill -0 "$PID" 2>/dev/null || { echo "the server did not start:" >&2; cat "$out" >&2; exit 1; }
    sleep 0.1
  done
  ready=$(( ($(date +%s%N) - t0) / 1000000 ))
  before=$(grep -n "ready in" "$out" | head -1 | cut -d: -f1)
  until grep -q "Ctrl-C stops the server" "$out"; do sleep 0.05; done
  grep -qi "expired\|hazelcast\|exception" "$out" && echo "run $run: alarming console line(s):" && grep -i "expired\|hazelcast\|exception" "$out"
  grep -q "generated now and shown" "$out" && key="shown" || key="not shown"
  t1=$(date +%s%N)
  kill -TERM -- "-$PID"
  while kill -0 -- "-$PID" 2>/dev/null; do sleep 0.05; done
  stop=$(( ($(date +%s%N) - t1) / 1000000 ))
  kind=$([[ $run == 1 ]] && echo "first start, empty database" || echo "restart")
  printf 'run %d (%s): ready in %d ms, %d console lines up to ready, first admin key %s; stopped in %d ms\n' \
    "$run" "$kind" "$ready" "$before" "$key" "$stop"
  ready_ms+=("$ready") lines+=("$before") stop_ms+=("$stop")
done
printf 'median: ready %s ms, console lines %s, stop %s ms (machine load now: %s)\n' \
  "$(printf '%s\n' "${ready_ms[@]}" | median)" "$(printf '%s\n' "${lines[@]}" | median)" \
  "$(printf '%s\n' "${stop_ms[@]}" | median)" "$(cut -d' ' -f1-3 /proc/loadavg)"
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB with (force)" >/dev/null
