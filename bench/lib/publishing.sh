# Shared by bench/publish.sh and bench/publish-faults.sh: the sandbox and a server of its own, on ports and a database
# of their own, stopped gracefully at exit (the stop time is printed: a stop that hangs is a defect to see, not hide).
# Expects ROOT, DB, HTTP_PORT, BROKER_PORT, SANDBOX_PORT, KEY and WORK; sets SERVER_PID, SANDBOX_PID, WORKSPACE, ACCOUNT.
PSQL=(psql -X -q -t -A -h 127.0.0.1 -U postgres)
BASE="http://127.0.0.1:$HTTP_PORT"
SANDBOX="http://127.0.0.1:$SANDBOX_PORT"

stop_all() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 -- "-$SERVER_PID" 2>/dev/null; then
    local t0=$(date +%s%N) stopped=""
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 -- "-$SERVER_PID" 2>/dev/null || { stopped=1; break; }; sleep 0.25; done
    if [[ -n "$stopped" ]]; then
      echo "bench: server stopped in $(( ($(date +%s%N) - t0) / 1000000 )) ms after SIGTERM" >&2
    else
      echo "bench: server still running 15 s after SIGTERM: killed (a defect)" >&2
      kill -9 -- "-$SERVER_PID" 2>/dev/null || true
    fi
  fi
  [[ -n "${SANDBOX_PID:-}" ]] && kill "$SANDBOX_PID" 2>/dev/null || true
  SERVER_PID=""
  SANDBOX_PID=""
}

require_build() {
  [[ -f "$ROOT/sandbox/target/syndicast-sandbox.jar" && -f "$ROOT/web-module/target/syndicast.war" ]] \
    || { echo "build first: mvn -B -DskipTests verify" >&2; exit 1; }
}

start_sandbox() {
  java -Xmx512m -jar "$ROOT/sandbox/target/syndicast-sandbox.jar" --port "$SANDBOX_PORT" --threads 64 >"$WORK/sandbox.log" 2>&1 &
  SANDBOX_PID=$!
  for _ in $(seq 1 50); do curl -sf -o /dev/null "$SANDBOX/health" && return 0; sleep 0.2; done
  echo "sandbox did not start" >&2; exit 1
}

# Starts the server with its defaults (plus any VAR=value arguments) on a fresh database.
start_server() {
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
  env SYNDICAST_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SYNDICAST_DATA_DIR="$WORK/data" SYNDICAST_HTTP_PORT="$HTTP_PORT" \
      SYNDICAST_BROKER_PORT="$BROKER_PORT" SYNDICAST_BOOTSTRAP_KEY="$KEY" SYNDICAST_RATE_LIMIT_STANDARD=100000 \
      SYNDICAST_READY_TIMEOUT="${SYNDICAST_READY_TIMEOUT:-600}" SYNDICAST_PUBLISHING_SANDBOX_URL="$SANDBOX" SYNDICAST_RUNTIME_DIR="${SYNDICAST_RUNTIME_DIR:-$ROOT/web-module/target/micro}" \
      "$@" setsid "$ROOT/bin/syndicast" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  echo "bench: waiting for the server (log: $WORK/server.log) ..." >&2
  # Ready as the run script means it: the application answers and its database and broker checks pass.
  ready() { curl -sf -o /dev/null "$BASE/health" && curl -sf -o /dev/null "$BASE/mphealth/ready"; }
  for _ in $(seq 1 300); do
    ready && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 2
  done
  ready || { echo "server did not start" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
  ACCOUNT=$(curl -sf -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"platform":"sandbox","platform_account_id":"bench","username":"@bench"}' \
    "$BASE/api/external/v1/sandbox/accounts" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  WORKSPACE=$("${PSQL[@]}" -d "$DB" -c "select workspace_id from connected_accounts where id = '$ACCOUNT'")
}

sandbox_stat() {
  curl -s "$SANDBOX/control/stats" | python3 -c "import sys,json; print(json.load(sys.stdin)['$1'])"
}

# The raw rate: N posts straight to the sandbox from a plain HTTP client, 100 in flight; the sandbox is reset after.
raw_rate() {
  java -cp "$ROOT/sandbox/target/syndicast-sandbox.jar" dev.syndicast.sandbox.LoadClient "$SANDBOX" "$1" 100
  curl -sf -X POST -o /dev/null "$SANDBOX/control/reset"
}
