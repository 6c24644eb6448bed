#!/usr/bin/env bash
# Every test suite against real servers, in one command: starts a throwaway MariaDB and PostgreSQL
# (scripts/test-servers.sh, in a state dir of its own), runs `dotnet test` with their addresses set,
# and stops them again, also when the tests fail or you press Ctrl-C.
#
# Usage: scripts/test-all.sh [dotnet test options...]
#   scripts/test-all.sh                                  # everything
#   scripts/test-all.sh --filter TestCategory=Outage     # only the database-outage tests
#   scripts/test-all.sh --filter "FullyQualifiedName~RepositoryContractTests"
#
# Free ports are picked unless AUTH_TEST_MYSQL_PORT / AUTH_TEST_PG_PORT are set. Servers missing?
# scripts/test-servers.sh install (apt-get, needs root or sudo). Set CI=true to make a missing
# server fail the run instead of ignoring its tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# First port from $1 upwards that nothing listens on (bash's /dev/tcp connects or fails).
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

export AUTH_TEST_SERVERS_DIR
AUTH_TEST_SERVERS_DIR="$(mktemp -d /tmp/auth-test-all.XXXXXX)"
rmdir "$AUTH_TEST_SERVERS_DIR" # test-servers.sh creates (and marks) it itself
export AUTH_TEST_MYSQL_PORT="${AUTH_TEST_MYSQL_PORT:-$(free_port 13306)}"
export AUTH_TEST_PG_PORT="${AUTH_TEST_PG_PORT:-$(free_port 15432)}"

stop_servers() { scripts/test-servers.sh down >/dev/null 2>&1 || true; rm -f "$AUTH_TEST_SERVERS_DIR.lock"; }
trap stop_servers EXIT

eval "$(scripts/test-servers.sh up)"
eval "$(scripts/install-jose.sh)"   # the Node.js token consumer's one npm package, like newman for postman.sh
dotnet test Auth.sln "$@"
