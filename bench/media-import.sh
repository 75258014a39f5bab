#!/usr/bin/env bash
# Media import throughput: Syndicast importing a file from a loopback HTTP server (POST /media-library with
# source_url, synchronous: download, SHA-256, sniffing, fsync, probe, atomic move, database) against curl
# downloading the same file from the same server to the same disk, in the same run. Prints both and the ratio
# (goal: import within 1.5x of curl).
#
# Usage: bench/media-import.sh [size-MiB (default 256)] [rounds (default 7)]
# Two warm-up rounds come first (the JIT compiles the transfer loops during the first imports; the second import was
# still 1.5x slower than the fifth here) and are not counted; the figures are medians of the counted rounds.
# Uses (and recreates) the database syndicast_bench_media and target/bench-media; the server's log stays there.
# Needs: a built tree (mvn -B -DskipTests verify; never install), PostgreSQL on 127.0.0.1:5432, python3, curl.
#
# JVM options: BENCH_JAVA_OPTS, by default the run script's options without -XX:TieredStopAtLevel=1. That flag
# (fast start, less memory) keeps the JVM on the C1 compiler, which has no SHA-256 intrinsic: checksumming then
# runs at about 100 MiB/s instead of 600 and dominates the import. BENCH_JAVA_OPTS="$SYNDICAST_JAVA_OPTS" with the
# flag shows that configuration.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE_MB="${1:-256}"
ROUNDS="${2:-7}"
WARMUP_ROUNDS=2
WORK="$ROOT/target/bench-media"
KEY="syn_bench_key_0123456789abcdef0123456789"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms128m -Xmx640m -XX:+UseSerialGC -Xss512k}"
say() { printf 'bench: %s\n' "$*" >&2; }

for a in web-module/target/syndicast.war server-config/activemq-ra/target/activemq-ra.rar \
         server-config/embedded-broker/target/syndicast-broker.war web-module/target/micro/payara-micro.jar; do
  [[ -f "$ROOT/$a" ]] || { say "missing $a: run 'mvn -B -DskipTests verify' first"; exit 1; }
done
command -v python3 >/dev/null || { say "python3 is needed for the loopback file server"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

rm -rf "$WORK"
mkdir -p "$WORK/files" "$WORK/curl" "$WORK/data"
FILE_PORT=$(free_port); HTTP_PORT=$(free_port); BROKER_PORT=$(free_port)

cleanup() {
  [[ -n "${files_pid:-}" ]] && kill "$files_pid" 2>/dev/null || true
  # A graceful stop: SIGTERM to the run script, which stops the server within seconds.
  if [[ -n "${server_pid:-}" ]]; then
    local started=$SECONDS
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    say "server stopped in $((SECONDS - started)) s"
  fi
  rm -rf "$WORK/files" "$WORK/curl"
}
trap cleanup EXIT

say "starting the loopback file server on 127.0.0.1:$FILE_PORT"
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/files" "$FILE_PORT" >"$WORK/files-server.log" 2>&1 &
files_pid=$!

# A database of its own, fresh each run (other benchmarks may run other schema versions).
DB=syndicast_bench_media
if command -v psql >/dev/null; then
  psql -h 127.0.0.1 -U postgres -d postgres -qtA -c "drop database if exists $DB with (force)" >/dev/null
fi

say "starting Syndicast on 127.0.0.1:$HTTP_PORT with '$JAVA_OPTS' (log: $WORK/server.log)"
SYNDICAST_JAVA_OPTS="$JAVA_OPTS" \
SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
SYNDICAST_DATA_DIR="$WORK/data" SYNDICAST_HTTP_PORT="$HTTP_PORT" SYNDICAST_BROKER_PORT="$BROKER_PORT" \
SYNDICAST_RUNTIME_DIR="$ROOT/web-module/target/micro" SYNDICAST_BOOTSTRAP_KEY="$KEY" \
SYNDICAST_MEDIA_FETCH_ALLOWED_HOSTS=127.0.0.1 \
SYNDICAST_MEDIA_IMPORT_SYNC_MAX_BYTES=$(( (SIZE_MB + 1) * 1024 * 1024 )) \
  "$ROOT/bin/syndicast" >"$WORK/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$HTTP_PORT"
for _ in $(seq 1 240); do
  # Ready: the application answers and its readiness checks (database, broker) pass.
  curl -fs -o /dev/null "$base/health" && curl -fs -o /dev/null "$base/mphealth/ready" && break
  kill -0 "$server_pid" 2>/dev/null || { say "the server exited; see $WORK/server.log"; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "$base/mphealth/ready" || { say "the server did not get ready; see $WORK/server.log"; exit 1; }

# A fresh file per round (dedupe would answer a repeated import instantly): an MP4 header, then random bytes.
make_file() {
  { printf '\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41'; head -c $(( SIZE_MB * 1024 * 1024 - 32 )) /dev/urandom; } > "$1"
}

curl_times=(); hash_times=(); import_times=()
# Rounds up to 0 warm up the JIT and are not counted.
for round in $(seq $(( 1 - WARMUP_ROUNDS )) "$ROUNDS"); do
  name="round-$round.mp4"
  make_file "$WORK/files/$name"
  url="http://127.0.0.1:$FILE_PORT/$name"
  # Both clients read the file from the page cache, and start with the disk idle.
  cat "$WORK/files/$name" >/dev/null; sync

  t_curl=$(curl -fsS -o "$WORK/curl/$name" -w '%{time_total}' "$url")
  rm -f "$WORK/curl/$name"
  # The same download with the SHA-256 the import computes (sha256sum beside curl, on the other core).
  started=$(date +%s.%N)
  curl -fsS "$url" | tee "$WORK/curl/$name" | sha256sum >/dev/null
  t_hash=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.6f}')" "$started" "$(date +%s.%N)")
  rm -f "$WORK/curl/$name"

  reply="$WORK/reply-$round.json"
  t_import=$(curl -fsS -o "$reply" -w '%{time_total}' -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"source_url\":\"$url\"}" "$base/api/external/v1/media-library")
  grep -q '"status":"ready"' "$reply" || { say "import failed: $(cat "$reply")"; exit 1; }
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["item"]["id"])' "$reply")
  curl -fsS -o /dev/null -X DELETE -H "Authorization: Bearer $KEY" "$base/api/external/v1/media-library/$id"
  rm -f "$WORK/files/$name"

  printf 'round %d: curl %.3f s, curl+sha256sum %.3f s, import %.3f s%s\n' "$round" "$t_curl" "$t_hash" "$t_import" \
    "$( (( round <= 0 )) && echo ' (warm-up, not counted)' || true)"
  (( round <= 0 )) && continue
  curl_times+=("$t_curl"); hash_times+=("$t_hash"); import_times+=("$t_import")
done

python3 - "$SIZE_MB" "${curl_times[*]}" "${hash_times[*]}" "${import_times[*]}" <<'PY'
import statistics, sys
size = int(sys.argv[1])
curl = statistics.median(float(t) for t in sys.argv[2].split())
hashed = statistics.median(float(t) for t in sys.argv[3].split())
imp = statistics.median(float(t) for t in sys.argv[4].split())
print(f"file size                 {size} MiB, {len(sys.argv[2].split())} rounds")
print(f"curl download             {size / curl:8.1f} MiB/s  (median {curl:.3f} s)")
print(f"curl | tee | sha256sum    {size / hashed:8.1f} MiB/s  (median {hashed:.3f} s)")
print(f"syndicast import          {size / imp:8.1f} MiB/s  (median {imp:.3f} s)")
print(f"ratio import/curl         {imp / curl:8.2f}x  (goal: at most 1.5x)")
print(f"ratio import/curl+sha256  {imp / hashed:8.2f}x")
PY
