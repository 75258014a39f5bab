#!/usr/bin/env bash
# Large uploads through the X, LinkedIn, YouTube and TikTok connectors: a video (1 GiB for X and LinkedIn, 2 GiB for
# YouTube and TikTok) published to the tests' strict stand-ins (run as a process of their own:
# testsupport.BenchStandIns), against curl uploading the same file to the same stand-in in the same run. Goal: the
# connector at least 0.8 of curl's rate, server heap growth at most 64 MB.
#
# What is compared, per platform and run, both timed by the stand-in's clock:
#   connector  from the upload's first call reaching the stand-in to the last byte of the upload: X from
#              POST /2/media/upload/initialize to its finalize call (4 MiB appends, multipart); LinkedIn from
#              POST /rest/videos?action=initializeUpload to its finalize call (the 4 MiB byte ranges LinkedIn's upload
#              instructions name, one PUT each); YouTube from the resumable session's POST /upload/youtube/v3/videos
#              to the last byte of its last chunk (8 MiB chunks, PUT with Content-Range); TikTok from
#              POST /v2/post/publish/video/init/ to the last byte of its last chunk (the connector's chunk plan,
#              10 MiB chunks, the last one the rest). Dispatcher hops between steps are included: the registration (or
#              session, or init) is a step of its own, stored before any byte goes out, and the next step waits for
#              the dispatcher's tick; for YouTube and TikTok that hop (first call to first chunk) is printed apart;
#   curl       one request with the whole file, read by the stand-in exactly as it reads a chunk or a part (X:
#              POST /bench/drain, multipart, the file as the `media` part like an append's chunk; LinkedIn, YouTube
#              and TikTok: PUT /bench/drain, the raw bytes in 64 KiB reads into a SHA-256 like a part or a chunk),
#              from the request reaching the stand-in to its last byte. Same chunking is not possible with curl: this
#              is the file's bytes through the same reader at once.
# The ratio is the connector's rate over curl's (curl's time over the connector's). Both digest what they receive
# (SHA-256); the script checks every upload against the file: X, YouTube and TikTok the whole upload against the
# library item's checksum (the file's), LinkedIn each part against the file's byte range; so a fast wrong upload
# cannot pass.
# Also printed: publish call to the target published (the API's view: dispatcher ticks, processing polls, the post),
# and the CPU seconds the server and the stand-ins spent (the X stand-in's multipart reader costs 3.3-5.5 s per GiB,
# for curl's upload as for the connector's). Warm-up rounds come first and are not counted (BENCH_WARMUP rounds of
# every selected platform's curl upload and publish of the same video): the first uploads run cold code in the server
# and in the stand-ins, and the server's uploads kept getting faster over their first few gigabytes while the JIT
# compiled them.
#
# Heap, sampled on the server's JVM: the idle baseline is the heap used right after a full collection (jcmd GC.run)
# before each publish; "growth" is the largest heap left after any collection during the publish (the server's GC
# log) minus that baseline, i.e. what the upload keeps alive. Also printed: the raw peak of used heap (jstat every
# 100 ms, including garbage the young collector has not reached yet: the young generation alone is 256 MB) and what
# is left after a full collection once the post is published. No collection during a publish: growth = raw peak.
#
# Usage: bench/connectors.sh [RUNS]   (default 3, after the warm-up; per-run figures and the medians). Needs the build
# (mvn -B -DskipTests verify: web-module/target/syndicast.war and the test classpath it writes to
# web-module/target/test-classpath.txt), PostgreSQL on 127.0.0.1:5432, python3, curl, jcmd and jstat (the JDK).
# BENCH_PLATFORMS ("x linkedin youtube tiktok": which, in that order), BENCH_SIZE_MB (1024: X and LinkedIn),
# BENCH_X_SIZE_MB, BENCH_LINKEDIN_SIZE_MB (BENCH_SIZE_MB), BENCH_YOUTUBE_SIZE_MB, BENCH_TIKTOK_SIZE_MB (2048; each
# under 4096), BENCH_WARMUP (2), BENCH_DB (syndicast_bench_connectors), BENCH_HTTP_PORT (18187), BENCH_BROKER_PORT
# (61683).
# Work files (the videos, one per size, the server's data and logs) go to target/bench-connectors; the videos and the
# library's copies of them are deleted at the end, also when the script fails; the logs and the figures (results.tsv)
# are kept. Figures: bench/RESULTS.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS="${1:-3}"
read -r -a PLATFORMS <<<"${BENCH_PLATFORMS:-x linkedin youtube tiktok}"
SIZE_MB="${BENCH_SIZE_MB:-1024}"
declare -A SIZE=([x]="${BENCH_X_SIZE_MB:-$SIZE_MB}" [linkedin]="${BENCH_LINKEDIN_SIZE_MB:-$SIZE_MB}"
                 [youtube]="${BENCH_YOUTUBE_SIZE_MB:-2048}" [tiktok]="${BENCH_TIKTOK_SIZE_MB:-2048}")
# The platform's name in the API (connections, targets).
declare -A API_NAME=([x]=twitter [linkedin]=linkedin [youtube]=youtube [tiktok]=tiktok)
WARMUP="${BENCH_WARMUP:-2}"
DB="${BENCH_DB:-syndicast_bench_connectors}"
HTTP_PORT="${BENCH_HTTP_PORT:-18187}"
BROKER_PORT="${BENCH_BROKER_PORT:-61683}"
KEY="syn_bench_bootstrap_key_0123456789abcdef"
WORK="$ROOT/target/bench-connectors"
BASE="http://127.0.0.1:$HTTP_PORT"
API="$BASE/api/external/v1"
PSQL=(psql -X -q -t -A -h 127.0.0.1 -U postgres)
say() { printf 'bench: %s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
json() { python3 -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[int(k)] if isinstance(v,list) else v[k]
print(v)' "$1"; }

for a in web-module/target/syndicast.war web-module/target/test-classpath.txt \
         web-module/target/test-classes/dev/syndicast/testsupport/BenchStandIns.class; do
  [[ -f "$ROOT/$a" ]] || { say "missing $a: build first (mvn -B -DskipTests verify)"; exit 1; }
done
for tool in python3 curl jcmd jstat psql; do
  command -v "$tool" >/dev/null || { say "$tool is needed"; exit 1; }
done
(( ${#PLATFORMS[@]} > 0 )) || { say "BENCH_PLATFORMS names no platform"; exit 1; }
SIZES=()
for platform in "${PLATFORMS[@]}"; do
  [[ -n "${API_NAME[$platform]:-}" ]] || { say "unknown platform $platform in BENCH_PLATFORMS (x, linkedin, youtube, tiktok)"; exit 1; }
  [[ "${SIZE[$platform]}" =~ ^[0-9]+$ ]] && (( SIZE[$platform] >= 16 && SIZE[$platform] < 4096 )) \
    || { say "the $platform size must be 16 to 4095 MiB, not ${SIZE[$platform]}"; exit 1; }
  [[ " ${SIZES[*]} " == *" ${SIZE[$platform]} "* ]] || SIZES+=("${SIZE[$platform]}")
done
video_of() { echo "$WORK/bench-video-${SIZE[$1]}.mp4"; }

mkdir -p "$WORK"
rm -rf "$WORK/data" "$WORK"/*.log "$WORK"/*.tsv "$WORK"/*.json "$WORK"/jstat-* "$WORK/standins.env" "$WORK"/bench-video*.mp4
# Each video, the library's copy and its staging file: three times its size, and some room.
need_kb=$(( 1024 * 1024 ))
for mb in "${SIZES[@]}"; do need_kb=$(( need_kb + mb * 1024 * 3 )); done
free_kb=$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')
(( free_kb > need_kb )) || { say "not enough disk under $WORK: $((free_kb / 1024)) MB free, $((need_kb / 1024)) MB needed"; exit 1; }

STANDINS_PID="" SERVER_PID="" SAMPLER_PID=""
cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [[ -n "$SERVER_PID" ]] && kill -0 -- "-$SERVER_PID" 2>/dev/null; then
    local t0 stopped=""
    t0=$(now_ms)
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 -- "-$SERVER_PID" 2>/dev/null || { stopped=1; break; }; sleep 0.25; done
    if [[ -n "$stopped" ]]; then
      say "server stopped in $(( $(now_ms) - t0 )) ms after SIGTERM"
    else
      say "server still running 15 s after SIGTERM: killed (a defect)"
      kill -9 -- "-$SERVER_PID" 2>/dev/null || true
    fi
  fi
  [[ -n "$STANDINS_PID" ]] && kill "$STANDINS_PID" 2>/dev/null || true
  # The big files: the videos and the library's copies of them.
  rm -rf "$WORK"/bench-video*.mp4 "$WORK/data/media" "$WORK/data/media-staging" "$WORK/tools"
}
trap cleanup EXIT

# --- The video: a real 10 s MP4 (moov first) padded with a `free` box of random bytes to the size -----------------
# The library sniffs ftyp and probes it with ffmpeg (10 s, 320x240, H.264): a video that X (140 s), LinkedIn
# (3 s to 30 min), YouTube (up to 12 h) and TikTok (3 s to the account's 10 min) take; the padding is skipped by every
# MP4 reader. One video per size (the box's 32-bit size keeps a video under 4 GiB).
FFMPEG=$(command -v ffmpeg || true)
if [[ -z "$FFMPEG" ]]; then
  # The server's own bundled ffmpeg, out of the jave-nativebin jar in the war.
  mkdir -p "$WORK/tools"
  python3 - "$ROOT/web-module/target/syndicast/WEB-INF/lib" "$WORK/tools/ffmpeg" <<'PY'
import glob, os, sys, zipfile
jar = glob.glob(os.path.join(sys.argv[1], "jave-nativebin-linux64-*.jar"))[0]
with zipfile.ZipFile(jar) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("ws/schild/jave/nativebin/ffmpeg-amd64"))
os.chmod(sys.argv[2], 0o755)
PY
  FFMPEG="$WORK/tools/ffmpeg"
fi
"$FFMPEG" -hide_banner -nostdin -v error -y -f lavfi -i testsrc=size=320x240:rate=25 -t 10 -c:v libx264 \
  -preset ultrafast -pix_fmt yuv420p -movflags +faststart "$WORK/clip.mp4"
for mb in "${SIZES[@]}"; do
say "making a $mb MiB video in $WORK/bench-video-$mb.mp4"
python3 - "$WORK/clip.mp4" "$WORK/bench-video-$mb.mp4" $(( mb * 1024 * 1024 )) <<'PY'
import os, struct, sys
clip, video, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
head = open(clip, "rb").read()
pad = size - len(head)
with open(video, "wb") as out:
    out.write(head)
    out.write(struct.pack(">I4s", pad, b"free"))
    left = pad - 8
    while left > 0:
        n = min(left, 8 << 20)
        out.write(os.urandom(n))
        left -= n
PY
done
rm -f "$WORK/clip.mp4"
declare -A VIDEO_SHA
for mb in "${SIZES[@]}"; do VIDEO_SHA[$mb]=$(sha256sum "$WORK/bench-video-$mb.mp4" | cut -d' ' -f1); done
LARGEST=$(printf '%s\n' "${SIZES[@]}" | sort -n | tail -1)

# --- The stand-ins, then the server pointed at them -----------------------------------------------------------------
say "starting the X, LinkedIn, YouTube, TikTok and OAuth stand-ins (log: $WORK/standins.log)"
# A session of their own, like the server's: with the kernel's autogroup scheduling (on by default) CPU time is shared
# out per session, and the stand-ins, which read and digest every byte on one core, must not share theirs with the
# script's polling (curl and python every half second), jstat and curl while the connector uploads.
setsid java -Xmx256m -cp "$ROOT/web-module/target/test-classes:$(cat "$ROOT/web-module/target/test-classpath.txt")" \
  dev.syndicast.testsupport.BenchStandIns "$WORK/standins.env" >"$WORK/standins.log" 2>&1 &
STANDINS_PID=$!
for _ in $(seq 1 100); do [[ -f "$WORK/standins.env" ]] && break; sleep 0.1; done
[[ -f "$WORK/standins.env" ]] || { say "the stand-ins did not start"; cat "$WORK/standins.log" >&2; exit 1; }
mapfile -t STANDIN_ENV < "$WORK/standins.env"
for line in "${STANDIN_ENV[@]}"; do [[ "$line" == BENCH_* ]] && export "${line?}"; done

"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
LIMIT=$(( (LARGEST + 64) * 1024 * 1024 ))
# The limits let the videos in (the library's 512 MiB, X's 512 MB and LinkedIn's 500 MB; YouTube's 256 GB and TikTok's
# 4 GB need no change); the body timeout gives the library upload before the timed part room on a loaded machine (the
# first upload also waits for the media library's first use).
say "starting the server on $BASE (log: $WORK/server.log) ..."
env "${STANDIN_ENV[@]}" SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SYNDICAST_DATA_DIR="$WORK/data" \
    SYNDICAST_HTTP_PORT="$HTTP_PORT" SYNDICAST_BROKER_PORT="$BROKER_PORT" SYNDICAST_BOOTSTRAP_KEY="$KEY" \
    SYNDICAST_RATE_LIMIT_STANDARD=100000 SYNDICAST_READY_TIMEOUT=600 SYNDICAST_HTTP_BODY_TIMEOUT=PT5M \
    SYNDICAST_RUNTIME_DIR="${SYNDICAST_RUNTIME_DIR:-$ROOT/web-module/target/micro}" \
    SYNDICAST_MEDIA_MAX_BYTES="$LIMIT" SYNDICAST_PLATFORMS_TWITTER_MEDIA_MAX_VIDEO_BYTES="$LIMIT" \
    SYNDICAST_PLATFORMS_LINKEDIN_MEDIA_MAX_VIDEO_BYTES="$LIMIT" \
    JAVA_TOOL_OPTIONS="-Xlog:gc:file=$WORK/gc-%p.log:uptime" \
    setsid "$ROOT/bin/syndicast" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
ready() { curl -sf -o /dev/null "$BASE/health" && curl -sf -o /dev/null "$BASE/mphealth/ready"; }
for _ in $(seq 1 300); do
  ready && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 2
done
ready || { say "the server did not start"; tail -30 "$WORK/server.log" >&2; exit 1; }
JPID=$(pgrep -P "$SERVER_PID" -x java | head -1)
[[ -n "$JPID" ]] || { say "no server JVM under $SERVER_PID"; exit 1; }
GC_LOG="$WORK/gc-$JPID.log"

# --- An account on each platform through the OAuth stand-in, and the video in the library -------------------------
connect() {
  local authorize callback
  authorize=$(curl -sf -H "Authorization: Bearer $KEY" "$API/connections/$1/start" | json authorization_url)
  callback=$(curl -s -o /dev/null -w '%{redirect_url}' "$authorize")
  curl -sf "$callback" | json accounts.0.id
}
# As the publishing ITs connect theirs: the platform's OAuth flow against the OAuth stand-in (consent, callback).
declare -A ACCOUNT
for platform in "${PLATFORMS[@]}"; do
  ACCOUNT[$platform]=$(connect "${API_NAME[$platform]}")
  say "connected $platform account ${ACCOUNT[$platform]}"
done

# Uploads a file to the media library (a signed PUT, not timed) and prints the ready item's id.
to_library() {
  local upload_url
  upload_url=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"filename\":\"$(basename "$1")\",\"size\":$(stat -c %s "$1")}" "$API/uploads/posts/sign" | json upload_url)
  curl -sf -T "$1" "$upload_url" >"$WORK/item.json"
  [[ "$(json item.status <"$WORK/item.json")" == ready && "$(json item.checksum_sha256 <"$WORK/item.json")" == "$2" ]] \
    || { say "the upload did not become a ready item with the file's checksum: $(cut -c1-400 "$WORK/item.json")"; exit 1; }
  say "library item $(json item.id <"$WORK/item.json"): $(json item.type <"$WORK/item.json"), $(json item.duration_seconds <"$WORK/item.json") s, $(json item.size_bytes <"$WORK/item.json") bytes"
  json item.id <"$WORK/item.json"
}
declare -A MEDIA_ID
for mb in "${SIZES[@]}"; do
  MEDIA_ID[$mb]=$(to_library "$WORK/bench-video-$mb.mp4" "${VIDEO_SHA[$mb]}")
  [[ -n "${MEDIA_ID[$mb]}" ]] || exit 1
done

# --- Measuring ------------------------------------------------------------------------------------------------------
# CPU seconds (user + system) a process has used so far.
cpu_s() { awk '{printf "%.2f\n", ($14 + $15) / 100}' "/proc/$1/stat"; }
heap_used_kb() { jstat -gc "$JPID" | awk 'NR == 2 {printf "%d\n", $3 + $4 + $6 + $8}'; }
full_gc_heap_kb() { jcmd "$JPID" GC.run >/dev/null; heap_used_kb; }

# Publishes a library item to one platform now and waits for the target; prints "<publish ms> <published ms>".
publish_now() {
  local platform=$1 account=$2 media=$3 text="Connector bench $(date +%s%N)" post status t0
  t0=$(now_ms)
  post=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "{\"text\":\"$text\",
    \"media\":[{\"media_id\":\"$media\"}],\"targets\":[{\"platform\":\"$platform\",\"account_id\":\"$account\",
    \"scheduled_at\":\"$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)\"}]}" "$API/posts" | json id)
  for _ in $(seq 1 1200); do
    status=$(curl -sf -H "Authorization: Bearer $KEY" "$API/posts/$post" | json targets.0.status)
    [[ "$status" == published || "$status" == failed ]] && break
    sleep 0.5
  done
  [[ "$status" == published ]] || { say "$platform: the target ended $status: $(curl -s -H "Authorization: Bearer $KEY" "$API/posts/$post" | cut -c1-600)"; exit 1; }
  echo "$t0 $(now_ms)"
}

printf 'run\tplatform\tbytes\tupload_ms\tcurl_ms\tcurl_total_ms\tpublished_ms\tbaseline_kb\tlive_kb\tpeak_kb\tafter_kb\tcollections\tserver_cpu_s\tstandins_cpu_s\tcurl_standins_cpu_s\tfirst_chunk_ms\treading_ms\tbetween_chunks_ms\n' >"$WORK/results.tsv"
curl_upload() {
  case $1 in
    x) curl -sf -o "$WORK/drain.json" -w '%{time_total}' -F "media=@$2;type=application/octet-stream" "$BENCH_X_URL/bench/drain" ;;
    linkedin) curl -sf -o "$WORK/drain.json" -w '%{time_total}' -T "$2" "$BENCH_LINKEDIN_URL/bench/drain" ;;
    youtube) curl -sf -o "$WORK/drain.json" -w '%{time_total}' -T "$2" "$BENCH_YOUTUBE_URL/bench/drain" ;;
    tiktok) curl -sf -o "$WORK/drain.json" -w '%{time_total}' -T "$2" "$BENCH_TIKTOK_URL/bench/drain" ;;
  esac
}

for round in $(seq 1 "$WARMUP"); do
  line="warm-up $round (not counted):"
  for platform in "${PLATFORMS[@]}"; do
    curl_upload "$platform" "$(video_of "$platform")" >/dev/null
    read -r t0 t1 < <(publish_now "${API_NAME[$platform]}" "${ACCOUNT[$platform]}" "${MEDIA_ID[${SIZE[$platform]}]}")
    line+=" $platform published in $(( (t1 - t0) / 100 ))00 ms;"
  done
  say "$line"
done

for run in $(seq 1 "$RUNS"); do
  for platform in "${PLATFORMS[@]}"; do
    video=$(video_of "$platform") sha=${VIDEO_SHA[${SIZE[$platform]}]}
    standins_cpu0=$(cpu_s "$STANDINS_PID")
    curl_total=$(curl_upload "$platform" "$video")
    [[ "$(json sha256 <"$WORK/drain.json")" == "$sha" ]] || { say "curl's upload arrived damaged: $(cat "$WORK/drain.json")"; exit 1; }
    curl_standins_cpu=$(python3 -c "print(f'{$(cpu_s "$STANDINS_PID") - $standins_cpu0:.2f}')")

    baseline=$(full_gc_heap_kb)
    gc_lines=$(wc -l <"$GC_LOG")
    server_cpu0=$(cpu_s "$JPID") standins_cpu0=$(cpu_s "$STANDINS_PID")
    jstat -gc "$JPID" 100 >"$WORK/jstat-$run-$platform.txt" &
    SAMPLER_PID=$!
    read -r t_publish t_published < <(publish_now "${API_NAME[$platform]}" "${ACCOUNT[$platform]}" "${MEDIA_ID[${SIZE[$platform]}]}")
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
    server_cpu=$(python3 -c "print(f'{$(cpu_s "$JPID") - $server_cpu0:.2f}')")
    standins_cpu=$(python3 -c "print(f'{$(cpu_s "$STANDINS_PID") - $standins_cpu0:.2f}')")
    tail -n +$((gc_lines + 1)) "$GC_LOG" >"$WORK/gc-$run-$platform.log"
    after=$(full_gc_heap_kb)
    curl -sf "$BENCH_CONTROL_URL/state" >"$WORK/state.json"
    python3 - "$platform" "$run" "$video" "$(stat -c %s "$video")" "$sha" "$WORK" "$curl_total" "$t_publish" "$t_published" \
        "$baseline" "$after" "$server_cpu" "$standins_cpu" "$curl_standins_cpu" >>"$WORK/results.tsv" <<'PY'
import hashlib, json, os, re, sys
platform, run, video, size, sha, work, curl_total, t_publish, t_published, baseline, after, server_cpu, standins_cpu, curl_standins_cpu = sys.argv[1:]
size, t_publish, t_published = int(size), int(t_publish), int(t_published)
state = json.load(open(os.path.join(work, "state.json")))
drain = json.load(open(os.path.join(work, "drain.json")))
first_chunk = reading = between = -1
if platform == "x":
    upload = [u for u in state["x"]["uploads"] if u["started_at"] >= t_publish][-1]
    assert upload["size"] == size and upload["sha256"] == sha, f"X received {upload['size']} bytes, sha {upload['sha256']}"
    assert upload["largest_chunk"] <= 5 * 1024 * 1024
    start, end = upload["started_at"], upload["finalized_at"]
elif platform == "youtube":
    session = [s for s in state["youtube"]["sessions"] if s["opened_at"] >= t_publish][-1]
    assert session["size"] == size and session["held"] == size and session["video"], f"YouTube session {session}"
    assert session["sha256"] == sha, f"YouTube's video has sha {session['sha256']}, not the file's"
    start, end, first_chunk = session["opened_at"], session["completed_at"], session["first_chunk_at"] - session["opened_at"]
    reading, between = session["reading_ms"], session["between_chunks_ms"]
elif platform == "tiktok":
    upload = [u for u in state["tiktok"]["uploads"] if u["init_at"] >= t_publish][-1]
    assert upload["size"] == size and upload["held"] == size and upload["complete"], f"TikTok upload {upload}"
    assert upload["sha256"] == sha, f"TikTok's upload has sha {upload['sha256']}, not the file's"
    start, end, first_chunk = upload["init_at"], upload["completed_at"], upload["first_chunk_at"] - upload["init_at"]
    reading, between = upload["reading_ms"], upload["between_chunks_ms"]
else:
    video_state = [v for v in state["linkedin"]["videos"] if v["started_at"] >= t_publish][-1]
    assert video_state["size"] == size and video_state["finalized"], video_state["urn"]
    cache = os.path.join(work, "parts.json")
    known = json.load(open(cache)) if os.path.exists(cache) else {}
    with open(video, "rb") as f:
        for (first, last), digest in zip(video_state["parts"], video_state["digests"]):
            key = f"{first}-{last}"
            if key not in known:
                f.seek(first)
                known[key] = hashlib.sha256(f.read(last - first + 1)).hexdigest()
            assert known[key] == digest, f"part {key} arrived damaged"
    json.dump(known, open(cache, "w"))
    start, end = video_state["started_at"], video_state["finalized_at"]
sampled = []
for line in open(os.path.join(work, f"jstat-{run}-{platform}.txt")):
    f = line.split()
    if f and f[0][0].isdigit():
        sampled.append(float(f[2]) + float(f[3]) + float(f[5]) + float(f[7]))
afters = [int(m.group(1)) * 1024 for m in re.finditer(r"->(\d+)M\(", open(os.path.join(work, f"gc-{run}-{platform}.log")).read())]
peak = max(sampled) if sampled else int(baseline)
live = max(afters) if afters else peak
print(f"{run}\t{platform}\t{size}\t{end - start}\t{drain['millis']:.0f}\t{float(curl_total) * 1000:.0f}\t{t_published - t_publish}"
      f"\t{baseline}\t{live:.0f}\t{peak:.0f}\t{after}\t{len(afters)}\t{server_cpu}\t{standins_cpu}\t{curl_standins_cpu}\t{first_chunk}\t{reading}\t{between}")
PY
    python3 - "$(tail -1 "$WORK/results.tsv")" <<'PY'
import sys
run, platform, size, up, cu, cu_total, pub, base, live, peak, after, gcs, scpu, icpu, ccpu, first, reading, between = sys.argv[1].split("\t")
mib = int(size) / 1048576
name = {"x": "X", "linkedin": "LinkedIn", "youtube": "YouTube", "tiktok": "TikTok"}[platform]
hop = (f" (first chunk after {int(first)} ms, then {int(reading) / 1000:.2f} s reading chunks and {int(between) / 1000:.2f} s"
       f" between them; from the first chunk {int(cu) / (int(up) - int(first)):.2f})" if int(first) >= 0 else "")
print(f"run {run} {name:9s} {mib:.0f} MiB: connector {int(up) / 1000:6.2f} s = {mib / (int(up) / 1000):6.1f} MiB/s, curl {int(cu) / 1000:5.2f} s"
      f" = {mib / (int(cu) / 1000):6.1f} MiB/s, ratio {int(cu) / int(up):.2f}{hop}; publish -> published {int(pub) / 1000:.1f} s;"
      f" heap growth {(int(live) - int(base)) / 1024:+.0f} MB (raw peak {(int(peak) - int(base)) / 1024:+.0f} MB,"
      f" after a full GC {(int(after) - int(base)) / 1024:+.0f} MB, {gcs} collections);"
      f" CPU: server {scpu} s, stand-ins {icpu} s (for curl's upload {ccpu} s)")
PY
  done
done

python3 - "$WORK/results.tsv" "${PLATFORMS[@]}" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
platforms = sys.argv[2:]
print(f"medians of {len(rows) // len(platforms)} runs (machine load now: {open('/proc/loadavg').read().split()[0]}):")
names = {"x": "X", "linkedin": "LinkedIn", "youtube": "YouTube", "tiktok": "TikTok"}
for platform in platforms:
    name = names[platform]
    r = [x for x in rows if x[1] == platform]
    mib = int(r[0][2]) / 1048576
    up = statistics.median(int(x[3]) for x in r) / 1000
    cu = statistics.median(int(x[4]) for x in r) / 1000
    ratio = statistics.median(int(x[4]) / int(x[3]) for x in r)
    pub = statistics.median(int(x[6]) for x in r) / 1000
    growth = statistics.median((float(x[8]) - int(x[7])) / 1024 for x in r)
    peak = statistics.median((float(x[9]) - int(x[7])) / 1024 for x in r)
    hops = [int(x[15]) for x in r if int(x[15]) >= 0]
    hop = f" (first chunk after {statistics.median(hops):.0f} ms)" if hops else ""
    print(f"  {name:9s} {mib:.0f} MiB: connector {mib / up:6.1f} MiB/s ({up:.2f} s), curl {mib / cu:6.1f} MiB/s ({cu:.2f} s),"
          f" ratio {ratio:.2f} (goal >= 0.8){hop}; publish -> published {pub:.1f} s;"
          f" heap growth {growth:+.0f} MB (goal <= 64 MB; raw peak {peak:+.0f} MB)")
PY
