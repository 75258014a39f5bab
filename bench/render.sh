#!/usr/bin/env bash
# Benchmark: a 60-second 1080x1920 ("high") video through the whole pipeline (REST, JMS stages, slides, FreeTTS,
# ffmpeg, probe), against plain ffmpeg encoding the same slides and narration in the same run.
# Prints: pipeline wall time / video duration (goal <= 0.35) and pipeline wall time / plain ffmpeg (goal <= 1.2).
# Starts its own server (bin/syndicast) on its own database, ports and data directory, and stops it at the end.
# Needs the build done (mvn -B -DskipTests package) and PostgreSQL on 127.0.0.1:5432.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DB="${BENCH_DB:-syndicast_bench}"
PORT="${BENCH_PORT:-18480}"
BROKER_PORT="${BENCH_BROKER_PORT:-61676}"
DURATION="${BENCH_DURATION:-60}"
QUALITY="${BENCH_QUALITY:-high}"
PRESET="${BENCH_PRESET:-ultrafast}"   # the server's default (syndicast.render.preset); both encodes use it
DATA="$ROOT/target/bench/data"
LOG="$ROOT/target/bench/server.log"
KEY="syn_bench_key_0123456789abcdefghij"
BASE="http://127.0.0.1:$PORT"

say() { printf 'bench: %s\n' "$*" >&2; }
now() { date +%s.%N; }
api() { curl -sS -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

rm -rf "$ROOT/target/bench" && mkdir -p "$DATA"
psql -h 127.0.0.1 -U postgres -d postgres -qAt -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null

say "starting the server on port $PORT (log: $LOG)"
SYNDICAST_HTTP_PORT="$PORT" SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SYNDICAST_BROKER_PORT="$BROKER_PORT" \
  SYNDICAST_DATA_DIR="$DATA" SYNDICAST_BOOTSTRAP_KEY="$KEY" SYNDICAST_RENDER_KEEP_INTERMEDIATE=true SYNDICAST_RENDER_PRESET="$PRESET" \
  setsid "$ROOT/bin/syndicast" >"$LOG" 2>&1 &
SERVER=$!
# A graceful stop: SIGTERM to the run script, which stops the server within seconds.
stop_server() {
  local started=$SECONDS
  kill -TERM "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  say "server stopped in $((SECONDS - started)) s"
}
trap stop_server EXIT
for _ in $(seq 1 180); do
  # Ready: the application answers and its readiness checks (database, broker) pass.
  curl -sf -o /dev/null "$BASE/health" && curl -sf -o /dev/null "$BASE/mphealth/ready" && break
  kill -0 "$SERVER" 2>/dev/null || { tail -30 "$LOG" >&2; say "the server exited"; exit 1; }
  sleep 1
done

render() { # duration quality -> prints "session_id wall_seconds"
  local start id status
  start=$(now)
  id=$(api -d "{\"prompt\": \"Create a professional video about artificial intelligence. Explain how machine learning finds patterns in data. Show where it already helps people at work.\", \"duration_preference\": $1, \"style\": \"professional\", \"quality\": \"$2\"}" \
       "$BASE/videos/generate" | field "['session_id']")
  while true; do
    status=$(api "$BASE/videos/$id/status" | field "['status']")
    case "$status" in
      completed) break ;;
      failed|cancelled) api "$BASE/videos/$id/status" >&2; say "render $status"; exit 1 ;;
    esac
    sleep 0.1
  done
  echo "$id $(python3 -c "print($(now) - $start)")"
}

say "warm-up render (10 s, low): loads the TTS voice, unpacks ffmpeg, warms the JIT"
render 10 low >/dev/null

say "rendering ${DURATION} s at $QUALITY through the pipeline"
read -r ID WALL < <(render "$DURATION" "$QUALITY")
DIR="$DATA/renders/$ID"
FFMPEG="$DATA/tools/ffmpeg-jave-4.4"
command -v ffmpeg >/dev/null && FFMPEG=$(command -v ffmpeg)
[[ -x "$FFMPEG" ]] || FFMPEG=$(ls "$DATA"/tools/ffmpeg* | head -1)

say "encoding the same slides and narration with plain ffmpeg ($FFMPEG)"
case "$QUALITY" in low) SIZE=360:640 CRF=28 AB=64k ;; medium) SIZE=720:1280 CRF=25 AB=96k ;;
                   high) SIZE=1080:1920 CRF=23 AB=128k ;; ultra) SIZE=1440:2560 CRF=20 AB=192k ;; esac
PLAIN_START=$(now)
"$FFMPEG" -hide_banner -nostdin -y -loglevel error -f concat -safe 0 -i "$DIR/slides/slides.ffconcat" -i "$DIR/narration.wav" \
  -i "$DIR/subtitles.srt" -map 0:v -map 1:a -map 2:s -c:s mov_text -vf "scale=$SIZE,format=yuv420p" -r 25 \
  -c:v libx264 -preset "$PRESET" -tune stillimage -crf "$CRF" -c:a aac -b:a "$AB" -ar 44100 -t "$DURATION" \
  -movflags +faststart "$ROOT/target/bench/plain.mp4"
PLAIN=$(python3 -c "print($(now) - $PLAIN_START)")

STAGES=$(api "$BASE/videos/$ID/progress" | python3 -c "
import sys, json
d = json.load(sys.stdin)['stage_details']
print('  '.join(f\"{k} {v['estimated_duration']}s\" for k, v in d.items()))")

python3 - "$WALL" "$PLAIN" "$DURATION" "$QUALITY" "$STAGES" <<'PY'
import sys
wall, plain, duration, quality, stages = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
print(f"video:                         {duration} s at {quality}, machine load {open('/proc/loadavg').read().split()[0]}")
print(f"pipeline wall time:            {wall:.1f} s   (stages, rounded: {stages})")
print(f"plain ffmpeg, same inputs:     {plain:.1f} s")
print(f"wall / duration:               {wall / duration:.3f}   (goal <= 0.35)")
print(f"wall / plain ffmpeg:           {wall / plain:.2f}    (goal <= 1.2)")
PY
