#!/usr/bin/env bash
# Load benchmark of the Auth API: anyone can rerun it and get docs/performance.md's tables.
#
# Usage: bench/run.sh [--db sqlite|mysql] [--duration S] [--results DIR] [--docs] [--soak S] [--algorithms] [--breakdown]
#                     [--reference URL]
#   --db        backend (default sqlite). mysql starts its own MariaDB via scripts/test-servers.sh.
#   --duration  seconds per measurement (default 30). Each measurement follows a 30 s warm-up with the same load
#               (S seconds when S < 15, so a short smoke run stays short).
#   --results   where the JSON and Markdown go (default bench/results; CI's smoke run writes elsewhere).
#   --docs      also write the table into docs/performance.md between the bench markers for this backend.
#   --algorithms  also measure the profile path per token algorithm (HS256, RS256, ES256), each on a fresh start of
#               the API on the same database, taking turns for BENCH_ROUNDS rounds (default 3), and report the
#               medians of RS256 and ES256 against HS256 (issue 18: within 15%).
#   --breakdown also measure what each part of the profile path costs: the profile path as deployed, then with one
#               part taken away at a time (RS256 -> HS256; the per-request log line; the per-request account lookup,
#               through the opt-in account cache), and with all three; each on a fresh start, the five taking turns
#               for BENCH_ROUNDS rounds (default 3; medians reported, as this VM's speed drifts within minutes).
#               The 401 path and /health/live are measured without the log line too.
#   --reference also measure another service already running on this machine at URL (http://127.0.0.1:PORT), with
#               the same load on the same paths, right after this API and in the same run: the original Express
#               service, whose contract ours keeps (signup, authenticate, profile; a login token that carries its
#               own scheme, "JWT eyJ...", is sent as it is). Its process, found by its port, is pinned to the API's
#               core. Its ratios replace the Express figures quoted in issue 6. The bench neither builds nor starts it.
#   --soak      instead of the measurements: S seconds of mixed traffic (profile, refresh, login, signup, admin
#               list; bench/lua/soak.lua) on 16 connections, RSS sampled every minute. Fails on any error response,
#               or if the RSS at the end is more than 10% above the RSS after the first minute.
#
# Layout on a 2-core machine: the API is pinned to core 1 (`taskset -c 1`); wrk (1 thread,
# 16 connections) and, for mysql, MariaDB share core 0. Every response is checked by the wrk Lua
# scripts (status and body); a single unexpected response, socket error or timeout fails the run.
#
# Environment: BENCH_PORT (default 5151), BENCH_API_CPU (1), BENCH_LOAD_CPU (0),
# BENCH_BCRYPT_ENGINE (Auto; Native or Managed to compare engines), BENCH_COST (10),
# BENCH_CONNECTIONS (16), BENCH_JWT_ALGORITHM (the service's default, RS256; HS256 or ES256 to compare the
# profile path's token validation, issue 18). For mysql also BENCH_SERVERS_DIR / BENCH_MYSQL_PORT (defaults
# /tmp/auth-bench-servers and 13316): the benchmark's own MariaDB, never the test suites' servers.
#
# Output: bench/results/<UTC date>-<db>.json and .md (the table, also printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

DB=sqlite
DURATION=30
SOAK=0
ALGORITHMS=0
BREAKDOWN=0
REFERENCE=""
UPDATE_README=0
RESULTS_DIR="$ROOT/bench/results"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) DB="${2:?--db needs sqlite or mysql}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs seconds}"; shift 2 ;;
    --results) RESULTS_DIR="$(readlink -m "${2:?--results needs a directory}")"; shift 2 ;;
    --docs) UPDATE_README=1; shift ;;
    --soak) SOAK="${2:?--soak needs seconds}"; shift 2 ;;
    --algorithms) ALGORITHMS=1; shift ;;
    --breakdown) BREAKDOWN=1; shift ;;
    --reference) REFERENCE="${2:?--reference needs a URL}"; shift 2 ;;
    -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$DB" == sqlite || "$DB" == mysql ]] || { echo "bench: --db must be sqlite or mysql, not '$DB'" >&2; exit 2; }
[[ "$DURATION" =~ ^[0-9]+$ && "$DURATION" -ge 1 ]] || { echo "bench: --duration must be a whole number of seconds >= 1" >&2; exit 2; }
[[ "$SOAK" =~ ^[0-9]+$ ]] || { echo "bench: --soak must be a whole number of seconds" >&2; exit 2; }
[[ -z "$REFERENCE" || "$REFERENCE" =~ ^http://(127\.0\.0\.1|localhost):[0-9]+$ ]] ||
  { echo "bench: --reference must be http://127.0.0.1:PORT (a service on this machine, to be pinned to a core)" >&2; exit 2; }
[[ -z "$REFERENCE" || "$SOAK" -eq 0 ]] || { echo "bench: --reference measures the standard paths; it does not apply to --soak" >&2; exit 2; }
# 30 s: under this load the runtime optimises a path's hot methods in its first ~20 s of use (docs/performance.md,
# "Runtime settings"), so a shorter warm-up measures partly unoptimised code. A smoke run warms up as long as it measures.
WARMUP=$((DURATION < 15 ? DURATION : 30))

PORT="${BENCH_PORT:-5151}"
API_CPU="${BENCH_API_CPU:-1}"
LOAD_CPU="${BENCH_LOAD_CPU:-0}"
ENGINE="${BENCH_BCRYPT_ENGINE:-Auto}"
COST="${BENCH_COST:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/bench/out"
RUN="$OUT/run-$DB"
export BENCH_LUA_DIR="$ROOT/bench/lua"

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

for tool in taskset wrk curl python3 dotnet ${REFERENCE:+ss}; do
  command -v "$tool" >/dev/null || die "$tool is required (wrk: apt-get install wrk; see scripts/test-servers.sh install)"
done
[[ "$(nproc --all)" -ge 2 ]] || die "needs at least 2 cores (API on one, load generator on the other)"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is in use; set BENCH_PORT"; fi

API_PID=""
STARTED_MARIADB=0
cleanup() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  if [[ "$STARTED_MARIADB" -eq 1 ]]; then scripts/test-servers.sh down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# The MySQL backend arrives on its own branch; until then say so (before building) instead of measuring SQLite.
if [[ "$DB" == mysql ]] && ! grep -rqs --include='*.cs' "case DatabaseProvider.MySql" "$ROOT/Auth.Infrastructure"; then
  die "--db mysql: this build has no MySQL backend (Database:Provider=MySql is not implemented in Auth.Infrastructure yet)"
fi

# ------------------------------------------------------------------------- build
log "building Release into bench/out (api: publish, tool: build)"
rm -rf "$RUN"
mkdir -p "$RUN" "$RESULTS_DIR"
# publish, not build: the deployed shape (wwwroot included, ReadyToRun code for this machine's architecture, as
# the Dockerfile does), run from its own folder.
case "$(uname -m)" in x86_64) ARCH=x64 ;; aarch64) ARCH=arm64 ;; *) die "unsupported architecture $(uname -m)" ;; esac
dotnet publish "$ROOT/Auth.Api/Auth.Api.csproj" -c Release -a "$ARCH" --self-contained false -o "$OUT/api" -nologo -v quiet >"$RUN/build.log" 2>&1 ||
  { tail -n 30 "$RUN/build.log" >&2; die "building the API failed (log: $RUN/build.log)"; }
dotnet build "$ROOT/bench/Auth.Bench/Auth.Bench.csproj" -c Release -o "$OUT/tool" -nologo -v quiet >>"$RUN/build.log" 2>&1 ||
  { tail -n 30 "$RUN/build.log" >&2; die "building the bench tool failed (log: $RUN/build.log)"; }

# ------------------------------------------------------------------------- database
declare -a API_ENV=()
MARIADB_VERSION=""
case "$DB" in
  sqlite)
    API_ENV+=("Database__Provider=Sqlite" "ConnectionStrings__Auth=Data Source=$RUN/auth.db")
    ;;
  mysql)
    # Its own state dir and port (not AUTH_TEST_*), so a test run's servers are neither reused nor stopped.
    export AUTH_TEST_SERVERS_DIR="${BENCH_SERVERS_DIR:-/tmp/auth-bench-servers}"
    export AUTH_TEST_MYSQL_PORT="${BENCH_MYSQL_PORT:-13316}"
    # MariaDB shares the load generator's core, so the API keeps core 1 to itself.
    export AUTH_TEST_MYSQL_CPU="$LOAD_CPU"
    scripts/test-servers.sh status 2>/dev/null | grep -q '^mariadb: running' &&
      die "a MariaDB already runs in $AUTH_TEST_SERVERS_DIR; stop it (AUTH_TEST_SERVERS_DIR=$AUTH_TEST_SERVERS_DIR scripts/test-servers.sh down) or set BENCH_SERVERS_DIR"
    log "starting MariaDB (pinned to core $LOAD_CPU) in $AUTH_TEST_SERVERS_DIR"
    STARTED_MARIADB=1
    scripts/test-servers.sh up --only mariadb >"$RUN/mariadb.env" 2>"$RUN/mariadb.log" ||
      { cat "$RUN/mariadb.log" >&2; die "MariaDB did not start"; }
    # shellcheck disable=SC1090
    source "$RUN/mariadb.env"
    [[ -n "${AUTH_TEST_MYSQL:-}" ]] || die "scripts/test-servers.sh printed no AUTH_TEST_MYSQL"
    mariadb --no-defaults --socket="$AUTH_TEST_SERVERS_DIR/mariadb/mariadb.sock" -u root \
      -e 'DROP DATABASE IF EXISTS auth_bench; CREATE DATABASE auth_bench CHARACTER SET utf8mb4' ||
      die "could not create the auth_bench database"
    MARIADB_VERSION="$(mariadb --no-defaults --socket="$AUTH_TEST_SERVERS_DIR/mariadb/mariadb.sock" -u root -Nse 'SELECT VERSION()')"
    API_ENV+=("Database__Provider=MySql" "ConnectionStrings__Auth=$AUTH_TEST_MYSQL;Database=auth_bench")
    ;;
esac

# ------------------------------------------------------------------------- API
# Production settings, except that rate limits are raised so they do not cap what is being measured
# (keys documented with the rate limiter). A successful login clears its username's lockout count, so the bench
# accounts are never locked.
SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
API_ENV+=(
  "ASPNETCORE_ENVIRONMENT=Production"
  "ASPNETCORE_URLS=$BASE"
  "DOTNET_CLI_TELEMETRY_OPTOUT=1"
  "Jwt__Secret=$SECRET"
  "Jwt__Algorithm=${BENCH_JWT_ALGORITHM:-RS256}"
  "Password__Cost=$COST"
  "Password__BcryptEngine=$ENGINE"
  # The runtime settings docs/performance.md describes: the Dockerfile's malloc tuning, and no thread-pool spinning,
  # which pays on one CPU (the API is pinned to one core here).
  "MALLOC_ARENA_MAX=2"
  "MALLOC_MMAP_THRESHOLD_=65536"
  "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"
  # The Dockerfile's tiering setting: on one CPU the runtime otherwise waits 10x longer before optimising hot
  # methods, and a fresh start (each --algorithms phase) would be measured before its code is optimised.
  "DOTNET_TC_DelaySingleProcMultiplier=1"
)
if [[ "$SOAK" -gt 0 ]]; then
  # The soak's admin list needs an admin: made at start-up by the documented first-admin settings.
  BENCH_ADMIN="bench_admin_$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  API_ENV+=("Admin__Username=$BENCH_ADMIN" "Admin__Password=bench-admin-password-1")
fi
mapfile -t raised_limits <"$ROOT/bench/rate-limits.env"
API_ENV+=("${raised_limits[@]}")

# start_api: launches the API pinned to its core and sets API_PID and READY_MS (process start to the first 200
# from /health/ready).
start_api() {
  local start_ns code
  start_ns=$(date +%s%N)
  env "${API_ENV[@]}" taskset -c "$API_CPU" "$OUT/api/Auth.Api" --contentRoot "$OUT/api" >>"$RUN/api.log" 2>&1 &
  API_PID=$!
  while :; do
    if ! kill -0 "$API_PID" 2>/dev/null; then
      tail -n 40 "$RUN/api.log" >&2
      grep -q "is not available in this build" "$RUN/api.log" && die "the API has no $DB backend in this build"
      die "the API exited during start-up (log: $RUN/api.log)"
    fi
    code=$(taskset -c "$LOAD_CPU" curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/health/ready" || true)
    if [[ "$code" == 200 ]]; then READY_MS=$(( ($(date +%s%N) - start_ns) / 1000000 )); break; fi
    (( $(date +%s%N) - start_ns > 60000000000 )) && die "/health/ready did not answer 200 within 60 s (log: $RUN/api.log)"
    sleep 0.01
  done
}

stop_api() {
  kill -TERM "$API_PID"; wait "$API_PID" 2>/dev/null || true; API_PID=""
}

log "starting the API on core $API_CPU ($BASE, $DB, empty database: migrations run)"
READY_MS=""
start_api
log "ready after ${READY_MS} ms"
API_ENGINE_LINE="$(grep -m1 -o 'bcrypt engine: [A-Za-z]*' "$RUN/api.log" || true)"
[[ -n "$API_ENGINE_LINE" ]] || die "the API did not log its bcrypt engine choice (log: $RUN/api.log)"

# Accounts for the profile and login measurements: one per connection, as an auth service's logins come from many
# users. Logins of ONE username take turns on Lockout:MaxFailures verification slots (decision 0015): no longer
# refused with 429 as before issue 17, but hammering a single account would measure those turns, not the service.
# create_accounts URL PREFIX: PREFIX_1 ... PREFIX_<connections> signed up at URL, their names in BENCH_USERS and the
# first in BENCH_USER.
create_accounts() {
  local base="$1" prefix="$2" body code i
  BENCH_USERS=""
  for i in $(seq 1 "$CONNECTIONS"); do
    body="{\"username\":\"${prefix}_$i\",\"password\":\"$BENCH_PASSWORD\"}"
    code=$(curl -s -o "$RUN/signup.json" -w '%{http_code}' -H 'content-type: application/json' -d "$body" "$base/api/signup")
    [[ "$code" == 201 ]] || die "creating bench account $i at $base answered $code: $(cat "$RUN/signup.json")"
    BENCH_USERS="$BENCH_USERS${BENCH_USERS:+,}${prefix}_$i"
  done
  export BENCH_USERS BENCH_USER="${prefix}_1"
}
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
export BENCH_PASSWORD="bench-password-123"
create_accounts "$BASE" "bench_$(random_hex 4)"
# sign_in [URL]: a fresh access token for BENCH_USER at URL (default: the API) in BENCH_TOKEN, for the profile path.
sign_in() {
  local base="${1:-$BASE}" body code
  body="{\"username\":\"$BENCH_USER\",\"password\":\"$BENCH_PASSWORD\"}"
  code=$(curl -s -o "$RUN/login.json" -w '%{http_code}' -H 'content-type: application/json' -d "$body" "$base/api/authenticate")
  [[ "$code" == 200 ]] || die "logging in the bench account at $base answered $code: $(cat "$RUN/login.json")"
  BENCH_TOKEN="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$RUN/login.json")"
  export BENCH_TOKEN
}
sign_in

# ------------------------------------------------------------------------- soak
if [[ "$SOAK" -gt 0 ]]; then
  code=$(curl -s -o "$RUN/admin.json" -w '%{http_code}' -H 'content-type: application/json' \
    -d "{\"username\":\"$BENCH_ADMIN\",\"password\":\"bench-admin-password-1\"}" "$BASE/api/authenticate")
  [[ "$code" == 200 ]] || die "logging in the bench admin answered $code: $(cat "$RUN/admin.json")"
  BENCH_ADMIN_TOKEN="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$RUN/admin.json")"
  export BENCH_ADMIN_TOKEN
  rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$API_PID/status"; }
  log "soak: ${SOAK}s of mixed traffic on $CONNECTIONS connections, RSS every minute"
  echo "0 $(rss_kb)" >"$RUN/soak-rss.txt"
  ( for minute in $(seq 1 $(( SOAK / 60 ))); do
      sleep 60; kill -0 "$API_PID" 2>/dev/null || exit 0; echo "$minute $(rss_kb)" >>"$RUN/soak-rss.txt"
    done ) &
  SAMPLER=$!
  out="$RUN/soak.txt"
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${SOAK}s" --timeout 10s --latency \
    -s "$BENCH_LUA_DIR/soak.lua" "$BASE/" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for the soak"; }
  wait "$SAMPLER" || true
  kill -0 "$API_PID" 2>/dev/null || { tail -n 40 "$RUN/api.log" >&2; die "the API died during the soak"; }
  echo "end $(rss_kb)" >>"$RUN/soak-rss.txt"
  grep -o 'BENCH_JSON .*' "$out" | cut -d' ' -f2- >"$RUN/soak.json" || { cat "$out" >&2; die "no result from wrk for the soak"; }
  stop_api
  STAMP="$(date -u +%Y-%m-%d)"
  export RUN DB SOAK CONNECTIONS STAMP GIT_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' ':!docs' || echo '-dirty')"
  python3 - "$RESULTS_DIR/$STAMP-$DB-soak.md" <<'PY'
import json, os, sys
run = os.environ["RUN"]
r = json.load(open(f"{run}/soak.json"))
samples = [line.split() for line in open(f"{run}/soak-rss.txt")]
mib = {k: int(v) / 1024 for k, v in samples}
first, end = mib.get("1"), mib["end"]
lines = [f'**{os.environ["DB"]} soak**, {os.environ["STAMP"]}, commit `{os.environ["GIT_COMMIT"]}`: {os.environ["SOAK"]} s of mixed traffic '
         f'(88% profile, 5% refresh, 3% admin list, 3% login, 1% signup) on {os.environ["CONNECTIONS"]} connections; '
         f'{r["requests"]:,} requests ({r["rps"]:,.0f}/s), p99 {r["p99_ms"]:.1f} ms, {r["unexpected"]} unexpected responses, '
         f'{r["socket_errors"]} socket errors, {r["timeouts"]} timeouts.', "",
         "| minute | " + " | ".join(k for k, _ in samples) + " |",
         "|---|" + "---:|" * len(samples),
         "| RSS (MiB) | " + " | ".join(f"{v:.1f}" for v in mib.values()) + " |", ""]
problems = []
if r["checked"] == 0: problems.append("no response was checked")
if r["unexpected"]: problems.append(f'{r["unexpected"]} unexpected responses (first: {r["sample"]})')
if r["socket_errors"] or r["timeouts"]: problems.append(f'{r["socket_errors"]} socket errors, {r["timeouts"]} timeouts')
if first is None: problems.append("the soak was shorter than a minute: no RSS after the first minute to compare with")
else:
    growth = end / first - 1
    lines.append(f"RSS at the end vs after the first minute: {end:.1f} vs {first:.1f} MiB ({growth:+.1%}; limit +10%).")
    if growth > 0.10: problems.append(f"RSS grew {growth:.1%} after the first minute")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
if problems:
    print("[bench] ERROR: soak: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
PY
  log "results: $RESULTS_DIR/$STAMP-$DB-soak.md"
  exit 0
fi

# ------------------------------------------------------------------------- bcrypt bound
# Same hasher class, engine choice and cost as the API, on the API's core while the API is idle: first wait (up to
# 30 s) until the API has used no CPU for a whole second, as after start-up the runtime still compiles the methods
# the sign-ups made hot, on that core, and a bound timed beside it comes out slow.
for _ in $(seq 1 30); do
  before=$(awk '{print $14 + $15}' "/proc/$API_PID/stat"); sleep 1; after=$(awk '{print $14 + $15}' "/proc/$API_PID/stat")
  [[ "$before" == "$after" ]] && break
done
log "timing bcrypt verifies (cost $COST, engine $ENGINE) on core $API_CPU"
taskset -c "$API_CPU" "$OUT/tool/Auth.Bench" bcrypt --cost "$COST" --engine "$ENGINE" --iterations 20 >"$RUN/bcrypt.json" ||
  die "the bcrypt timing failed"

# ------------------------------------------------------------------------- load
# run NAME SCRIPT PATH: warm-up then measurement; both must be free of unexpected responses. The target is the API,
# or RUN_BASE and RUN_PID when set (the --reference service).
run() {
  local name="$1" script="$2" path="$3" base="${RUN_BASE:-$BASE}" pid="${RUN_PID:-$API_PID}" phase seconds out
  for phase in warmup measure; do
    seconds=$([[ $phase == warmup ]] && echo "$WARMUP" || echo "$DURATION")
    log "$name: $phase ${seconds}s"
    out="$RUN/$name.$phase.txt"
    taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency \
      -s "$BENCH_LUA_DIR/$script" "$base$path" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for $name"; }
    kill -0 "$pid" 2>/dev/null || { [[ -n "${RUN_PID:-}" ]] || tail -n 40 "$RUN/api.log" >&2; die "the service died during $name"; }
    # Which measurement raised the peak: VmHWM and VmRSS after each phase (kB), kept with the run's files.
    awk -v n="$name" -v p="$phase" '/^(VmHWM|VmRSS):/ {printf "%s %s=%s", (s++ ? "" : n " " p), $1, $2} END {print ""}' \
      "/proc/$pid/status" >>"$RUN/rss-by-phase.txt"
    grep -o 'BENCH_JSON .*' "$out" | cut -d' ' -f2- >"$RUN/$name.$phase.json" || { cat "$out" >&2; die "no result from wrk for $name"; }
    python3 - "$RUN/$name.$phase.json" "$name" "$phase" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))
problems = []
if r["checked"] == 0: problems.append("no response was checked")
if r["unexpected"]: problems.append(f'{r["unexpected"]} unexpected responses (first: {r["sample"]})')
if r["socket_errors"]: problems.append(f'{r["socket_errors"]} socket errors')
if r["timeouts"]: problems.append(f'{r["timeouts"]} timeouts')
if problems:
    print(f"[bench] ERROR: {sys.argv[2]} ({sys.argv[3]}): " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
PY
  done
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run live live.lua /health/live
run unauthorized unauthorized.lua /api/profile
run profile profile.lua /api/profile
run authenticate authenticate.lua /api/authenticate
run signup signup.lua /api/signup
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

VMHWM_KB="$(awk '/^VmHWM:/ {print $2}' "/proc/$API_PID/status")"
# What the resident set is made of at the end: anonymous (heaps, JIT code), file-backed (the runtime's and the
# app's mapped assemblies, shared with other .NET processes) and shmem (the runtime's W^X double mapping of code).
cp "/proc/$API_PID/smaps" "$RUN/smaps.txt" 2>/dev/null || true
RSS_PARTS="$(awk '/^(VmRSS|RssAnon|RssFile|RssShmem|Threads):/ {printf "%s%s=%s", sep, $1, $2; sep=","}' "/proc/$API_PID/status")"
stop_api

# A restart on the now-populated database: the usual production start (no migration to apply).
FIRST_READY_MS="$READY_MS"
start_api
RESTART_READY_MS="$READY_MS"
READY_MS="$FIRST_READY_MS"
stop_api
log "restart: ready after ${RESTART_READY_MS} ms"

# ------------------------------------------------------------------------- reference
# The same load on the same paths against the --reference service, while this API is stopped: pinned to the API's
# core, with its own accounts (same password as ours; its own bcrypt cost), measured right after ours.
REF_VMHWM_KB="" REF_COMMAND=""
rm -f "$RUN"/reference-*.measure.json
if [[ -n "$REFERENCE" ]]; then
  REF_PID="$(ss -ltnpH "sport = :${REFERENCE##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)"
  [[ -n "$REF_PID" ]] || die "--reference: no process of this user listens on port ${REFERENCE##*:} (it must run on this machine)"
  taskset -a -p -c "$API_CPU" "$REF_PID" >/dev/null || die "--reference: could not pin process $REF_PID to core $API_CPU"
  REF_COMMAND="$(tr '\0' ' ' <"/proc/$REF_PID/cmdline" | cut -c1-160)"
  log "reference: $REFERENCE, pid $REF_PID ($REF_COMMAND), pinned to core $API_CPU"
  saved_users="$BENCH_USERS" saved_user="$BENCH_USER"
  create_accounts "$REFERENCE" "ref_$(random_hex 4)"
  sign_in "$REFERENCE"
  RUN_BASE="$REFERENCE" RUN_PID="$REF_PID"
  export BENCH_401_BODY=""
  run reference-unauthorized unauthorized.lua /api/profile
  unset BENCH_401_BODY
  run reference-profile profile.lua /api/profile
  run reference-authenticate authenticate.lua /api/authenticate
  run reference-signup signup.lua /api/signup
  REF_VMHWM_KB="$(awk '/^VmHWM:/ {print $2}' "/proc/$REF_PID/status")"
  unset RUN_BASE RUN_PID
  export BENCH_USERS="$saved_users" BENCH_USER="$saved_user"
fi

# fresh_api SETTING...: a new API process on the same database with these settings added (later ones win), and a
# fresh token for it; the next run measures it, stop_api ends it.
fresh_api() {
  local saved=("${API_ENV[@]}")
  API_ENV+=("$@")
  start_api
  API_ENV=("${saved[@]}")
  sign_in
}

# The profile path under each token algorithm, back to back on the same database and accounts (issue 18).
rm -f "$RUN"/profile-*.measure.json
if [[ "$ALGORITHMS" -eq 1 ]]; then
  for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
    for alg in HS256 RS256 ES256; do
      fresh_api "Jwt__Algorithm=$alg"
      run "profile-$alg-$round" profile.lua /api/profile
      stop_api
    done
  done
fi
# What each part of the profile path costs on one core: 1 s / (req/s) is the CPU time of one request, so the
# difference between two variants is what the part taken away costs per request. Not product settings: the
# log line and the per-request lookup are promises of the service (README, "Health and logs" and "Security").
rm -f "$RUN"/breakdown-*.measure.json
if [[ "$BREAKDOWN" -eq 1 ]]; then
  NO_LOG="Logging__LogLevel__Auth.Api.Logging.RequestLogging=Warning"
  CACHE="AccountCache__LifetimeSeconds=300"
  for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
    for variant in deployed hs256 no-log-line account-cache none; do
      case "$variant" in
        deployed) extra=() ;;
        hs256) extra=("Jwt__Algorithm=HS256") ;;
        no-log-line) extra=("$NO_LOG") ;;
        account-cache) extra=("$CACHE") ;;
        none) extra=("Jwt__Algorithm=HS256" "$NO_LOG" "$CACHE") ;;
      esac
      fresh_api "${extra[@]}"
      run "breakdown-$variant-$round" profile.lua /api/profile
      if [[ "$variant" == no-log-line ]]; then
        run "breakdown-no-log-line-live-$round" live.lua /health/live
        run "breakdown-no-log-line-unauthorized-$round" unauthorized.lua /api/profile
      fi
      stop_api
    done
  done
fi
if grep -qE '^(fail|crit): ' "$RUN/api.log"; then
  grep -E -A5 '^(fail|crit): ' "$RUN/api.log" | head -n 40 >&2
  die "the API logged errors during the run (log: $RUN/api.log)"
fi

# ------------------------------------------------------------------------- report
STAMP="$(date -u +%Y-%m-%d)"
RESULT="$RESULTS_DIR/$STAMP-$DB.json"
export REFERENCE REF_VMHWM_KB REF_COMMAND
export RUN DB DURATION WARMUP CONNECTIONS READY_MS RESTART_READY_MS VMHWM_KB RSS_PARTS LOAD_BEFORE LOAD_AFTER MARIADB_VERSION API_ENGINE_LINE COST STAMP
export GIT_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' ':!docs' || echo '-dirty')"
export CPU_MODEL="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
export CORES="$(nproc --all)"
export DOTNET_SDK="$(dotnet --version)"
export DOTNET_RUNTIME="$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ {v=$2} END {print v}')"
export WRK_VERSION="$(wrk -v 2>&1 | head -n1 | awk '{print $2}')"
python3 "$ROOT/bench/report.py" "$RESULT" "${RESULT%.json}.md"
cat "${RESULT%.json}.md"
if [[ "$UPDATE_README" -eq 1 ]]; then
  python3 "$ROOT/bench/report.py" --docs "${RESULT%.json}.md" "$ROOT/docs/performance.md" "$DB"
  log "docs/performance.md updated"
fi
log "results: $RESULT"
