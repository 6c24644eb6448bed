#!/usr/bin/env bash
# Runs the Postman collection (postman/) with newman against a freshly started API, the way CI does:
#   - the API from its existing build output (dotnet build first), on a free loopback port, with a fresh SQLite
#     file and a throw-away JWT secret (test-only, made up per run);
#   - an admin made the way an operator would: the command line, `users create <name> --role admin`, with the
#     password in AUTH_ADMIN_PASSWORD;
#   - newman from the npm registry, installed once under .cache/newman (git-ignored; reused by later runs);
#   - exits non-zero when any assertion fails. POSTMAN_REPORT=file keeps newman's JSON report (CI counts it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
configuration="${CONFIGURATION:-Debug}"
dll="$root/Auth.Api/bin/$configuration/net10.0/Auth.Api.dll"
newman_dir="${NEWMAN_DIR:-$root/.cache/newman}"
newman_version="6.2.2"

[ -f "$dll" ] || { echo "postman.sh: $dll not found: run 'dotnet build Auth.sln' first" >&2; exit 2; }

if [ ! -x "$newman_dir/node_modules/.bin/newman" ]; then
  echo "postman.sh: installing newman $newman_version into $newman_dir"
  mkdir -p "$newman_dir"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$newman_dir" "newman@$newman_version" >/dev/null
fi

work=$(mktemp -d /tmp/auth-postman.XXXXXX)
api_pid=""
cleanup() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill "$api_pid" && wait "$api_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
base_url="http://127.0.0.1:$port"
admin_username="pm.admin"
admin_password="test-only-$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")"

# The service's settings for this run. The secret is test-only: random, never stored, gone with the run.
export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__Auth="Data Source=$work/auth.db"
export Jwt__Secret="test-only-postman-$(node -e "console.log(require('crypto').randomBytes(24).toString('hex'))")"
export Logging__Console__FormatterName=json

# The content root is Auth.Api/, where appsettings.json and wwwroot/ are.
(cd "$root/Auth.Api" && exec dotnet "$dll" --urls "$base_url") >"$work/api.log" 2>&1 &
api_pid=$!

for _ in $(seq 1 120); do
  curl -sf "$base_url/health/ready" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { echo "postman.sh: the API exited during start-up:" >&2; tail -n 40 "$work/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$base_url/health/ready" >/dev/null || { echo "postman.sh: /health/ready never answered 200" >&2; tail -n 40 "$work/api.log" >&2; exit 1; }
echo "postman.sh: API ready at $base_url (database $work/auth.db)"

(cd "$root/Auth.Api" && AUTH_ADMIN_PASSWORD="$admin_password" dotnet "$dll" users create "$admin_username" --role admin </dev/null)

status=0
"$newman_dir/node_modules/.bin/newman" run postman/Auth.postman_collection.json \
  -e postman/local.postman_environment.json \
  --env-var "baseUrl=$base_url" \
  --env-var "adminUsername=$admin_username" \
  --env-var "adminPassword=$admin_password" \
  --reporters cli,json --reporter-json-export "$work/newman.json" \
  --color off --disable-unicode || status=$?

if [ -n "${POSTMAN_REPORT:-}" ] && [ -f "$work/newman.json" ]; then cp "$work/newman.json" "$POSTMAN_REPORT"; fi
if [ "$status" -ne 0 ]; then
  echo "postman.sh: newman failed (exit $status); the API's last log lines:" >&2
  tail -n 20 "$work/api.log" >&2
fi
exit "$status"
