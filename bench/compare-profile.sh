#!/usr/bin/env bash
# Interleaved A/B of the profile path (GET /api/profile with a token), the one figure issues 17 and 18 bound:
# each configuration gets a fresh API on a fresh SQLite file, one account, a 30 s warm-up and a 20 s measurement
# (wrk -t1 -c16 on core 0, the API on core 1, as bench/run.sh), and the configurations take turns REPS times, so
# that the machine's drift falls on all of them alike. Compare the means within one run, not across runs.
#
# Usage: bench/compare-profile.sh [OLD_API_DIR]
#   Always measures this checkout's bench/out/api (build it with bench/run.sh first) under HS256, RS256 and ES256.
#   OLD_API_DIR: a published API of another commit (e.g. a worktree's bench/out/api), measured under HS256 (the only
#   algorithm before issue 18). Environment: REPS (2), BENCH_PORT (5199).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OLD="${1:-}"
REPS="${REPS:-2}"
BASE="http://127.0.0.1:${BENCH_PORT:-5199}"
export BENCH_LUA_DIR="$ROOT/bench/lua" BENCH_USER="compare_user"
[[ -x "$ROOT/bench/out/api/Auth.Api" ]] || { echo "compare-profile: run bench/run.sh first (it publishes bench/out/api)" >&2; exit 2; }

one() { # label api-dir algorithm -> prints "label req/s"
  local dir db pid token
  dir="$2"; db="$(mktemp -d)"
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" Jwt__Algorithm="$3" \
    Jwt__Secret="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" "ConnectionStrings__Auth=Data Source=$db/auth.db" \
    MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=65536 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 \
    DOTNET_TC_DelaySingleProcMultiplier=1 \
    taskset -c 1 "$dir/Auth.Api" --contentRoot "$dir" >"$db/api.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.1; done
  local body="{\"username\":\"$BENCH_USER\",\"password\":\"compare-password-1\"}"
  curl -sf -o /dev/null -H 'content-type: application/json' -d "$body" "$BASE/api/signup"
  token="$(curl -sf -H 'content-type: application/json' -d "$body" "$BASE/api/authenticate" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
  export BENCH_TOKEN="$token"
  taskset -c 0 wrk -t1 -c16 -d30s -s "$BENCH_LUA_DIR/profile.lua" "$BASE/api/profile" >/dev/null
  echo "$1 $(taskset -c 0 wrk -t1 -c16 -d20s -s "$BENCH_LUA_DIR/profile.lua" "$BASE/api/profile" | awk '/Requests\/sec/ {print $2}')"
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$db"
}

results="$(mktemp)"
for rep in $(seq 1 "$REPS"); do
  [[ -n "$OLD" ]] && one old-HS256 "$OLD" HS256 | tee -a "$results"
  for alg in HS256 RS256 ES256; do one "new-$alg" "$ROOT/bench/out/api" "$alg" | tee -a "$results"; done
done
python3 - "$results" <<'PY'
import sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, rps = line.split(); runs[label].append(float(rps))
mean = {k: sum(v) / len(v) for k, v in runs.items()}
print("\n| configuration | runs (req/s) | mean | vs new-HS256 |\n|---|---|---:|---:|")
for k, v in runs.items():
    print(f'| {k} | {", ".join(f"{x:,.0f}" for x in v)} | {mean[k]:,.0f} | {mean[k] / mean["new-HS256"]:.2f} |')
PY
rm -f "$results"
