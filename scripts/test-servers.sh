#!/usr/bin/env bash
# Throwaway MariaDB 10.11 + PostgreSQL 15 servers for the test suites and benchmarks.
#
# There is no Docker engine on CI or dev machines, so the integration tests get real
# servers from Debian's packages, started on loopback with a data directory that lives
# only as long as the test run (see docs: packages.md, "Servers in tests and CI").
#
# Usage: scripts/test-servers.sh COMMAND
#   install            apt-get install mariadb-server postgresql chromium wrk if anything is missing
#   up [--only mariadb|postgres]
#                      start both servers (or one) with fresh data dirs; prints export lines
#                      (stdout only, so `eval "$(scripts/test-servers.sh up)"` works) and
#                      writes them to $AUTH_TEST_SERVERS_DIR/env.sh. Already running -> reused.
#   mariadb-up-only    same as `up --only mariadb` (benchmarks)
#   mariadb-stop       stop only MariaDB, keep its data (simulated database outage)
#   mariadb-start      start MariaDB again on the same data dir and port, wait until it answers
#                      (use this after mariadb-stop: `up` would re-create MariaDB from scratch)
#   status             say what is running
#   env                print the export lines for what is running
#   down               stop everything and delete the state dir (safe when nothing runs)
#
# Environment:
#   AUTH_TEST_SERVERS_DIR   state dir (default /tmp/auth-test-servers); data, sockets, logs
#   AUTH_TEST_MYSQL_PORT    MariaDB TCP port (default 13306)
#   AUTH_TEST_PG_PORT       PostgreSQL TCP port (default 15432)
#   AUTH_TEST_MYSQL_CPU     if set (e.g. "1"), run mariadbd under `taskset -c $AUTH_TEST_MYSQL_CPU`
#   AUTH_TEST_MYSQL_ARGS    extra mariadbd options (word-split), e.g. "--max-connections=1000"
#   AUTH_TEST_SERVERS_TIMEOUT  seconds to wait for a server to accept connections (default 60)
#
# Logs: $AUTH_TEST_SERVERS_DIR/mariadb/mariadb.err, $AUTH_TEST_SERVERS_DIR/postgres/postgres.log
set -euo pipefail

SCRIPT_PATH="$(readlink -f "${BASH_SOURCE[0]}")"
STATE_DIR="$(readlink -m "${AUTH_TEST_SERVERS_DIR:-/tmp/auth-test-servers}")"
MYSQL_PORT="${AUTH_TEST_MYSQL_PORT:-13306}"
PG_PORT="${AUTH_TEST_PG_PORT:-15432}"
TIMEOUT="${AUTH_TEST_SERVERS_TIMEOUT:-60}"
STOP_TIMEOUT=20

# TEST-ONLY credentials. These servers listen on 127.0.0.1 only and are deleted by `down`;
# never reuse this user/password anywhere real.
TEST_USER=auth_test
TEST_PASSWORD=auth_test

PG_BIN=/usr/lib/postgresql/15/bin
CHROMIUM=/usr/bin/chromium

MY_DIR="$STATE_DIR/mariadb"
MY_DATA="$MY_DIR/data"
MY_SOCK="$MY_DIR/mariadb.sock"
MY_PID="$MY_DIR/mariadb.pid"
MY_LOG="$MY_DIR/mariadb.err"

PG_DIR="$STATE_DIR/postgres"          # owned by the postgres user (it must write here)
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"

# Marker that proves a directory is ours before we `rm -rf` it: the state dir comes from an
# env var, and a typo there must not delete someone's home directory.
MARKER="$STATE_DIR/.auth-test-servers"

log() { printf '[test-servers] %s\n' "$*" >&2; }
die() { printf '[test-servers] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $EUID -eq 0 ]]; }

# PostgreSQL refuses to run as root. As root (CI) we run it as the `postgres` account the
# Debian package creates; as a normal developer we simply run it as ourselves.
as_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------- install

# Binary -> Debian package that provides it.
REQUIRED=(
  "/usr/sbin/mariadbd:mariadb-server"
  "/usr/bin/mariadb-install-db:mariadb-server"
  "/usr/bin/mariadb:mariadb-server"
  "/usr/bin/mariadb-admin:mariadb-server"
  "$PG_BIN/initdb:postgresql"
  "$PG_BIN/pg_ctl:postgresql"
  "/usr/bin/psql:postgresql"
  "$CHROMIUM:chromium"
  "/usr/bin/wrk:wrk"
)

cmd_install() {
  local missing=() entry
  for entry in "${REQUIRED[@]}"; do
    [[ -x "${entry%%:*}" ]] || missing+=("${entry%%:*}")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "all server/browser binaries present; skipping apt"
    return 0
  fi
  log "missing: ${missing[*]}"

  local sudo=()
  if ! is_root; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install"
    sudo=(sudo)
  fi

  # Remember which system daemons were already up, so we only stop ones apt starts now.
  local my_before=0 pg_before=0
  system_mariadb_running && my_before=1
  system_pg_running && pg_before=1

  local aptlog
  aptlog="$(mktemp /tmp/test-servers-apt.XXXXXX.log)"
  log "apt-get update + install (log: $aptlog)"
  # Non-interactive and quiet: CI has no stdin and nobody reads apt's progress output.
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y \
           -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
           mariadb-server postgresql chromium wrk; } </dev/null >"$aptlog" 2>&1; then
    tail -n 30 "$aptlog" >&2
    die "apt-get failed (full log: $aptlog)"
  fi
  rm -f "$aptlog"

  # On machines with a working init, the packages' postinst starts system-wide servers on
  # 3306/5432. Ours use other ports/sockets/datadirs so they would not clash, but they
  # waste RAM on a 2-core CI box: stop the ones this install started.
  if [[ $my_before -eq 0 ]] && system_mariadb_running; then
    log "stopping the system MariaDB that apt started"
    "${sudo[@]}" /etc/init.d/mariadb stop >/dev/null 2>&1 || true
  fi
  if [[ $pg_before -eq 0 ]] && system_pg_running; then
    log "stopping the system PostgreSQL cluster that apt started"
    "${sudo[@]}" pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
  fi
  log "install done"
}

system_mariadb_running() {
  local pid
  pid="$(cat /run/mysqld/mysqld.pid 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

system_pg_running() {
  local pid
  pid="$(head -n1 /var/lib/postgresql/15/main/postmaster.pid 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

require_binaries() {
  local entry
  for entry in "${REQUIRED[@]}"; do
    [[ -x "${entry%%:*}" ]] || die "${entry%%:*} not found; run: $SCRIPT_PATH install"
  done
}

# ---------------------------------------------------------------- helpers

# pid from a pid file if that process is alive and really is the expected program
# (guards against a stale pid file whose pid was reused by something else).
live_pid() {
  local file="$1" comm="$2" pid
  [[ -r "$file" ]] || return 1
  pid="$(head -n1 "$file" 2>/dev/null | tr -dc '0-9')"
  [[ -n "$pid" ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$comm" ]] && pid_alive "$pid" || return 1
  echo "$pid"
}

mariadb_pid()  { live_pid "$MY_PID" mariadbd; }
postgres_pid() { live_pid "$PG_DATA/postmaster.pid" postgres; }

port_in_use() {
  # bash's /dev/tcp: succeeds if something accepts on the port.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_port() {
  local port="$1" var="$2"
  [[ "$port" =~ ^[0-9]+$ ]] || die "$var='$port' is not a port number"
  if port_in_use "$port"; then
    die "port $port is already in use by another process; stop it or set $var"
  fi
}

# Unix socket paths are limited to 107 bytes; a long state dir breaks both servers.
check_socket_len() {
  local p="$1"
  [[ ${#p} -lt 100 ]] || die "socket path too long (${#p} chars): $p; use a shorter AUTH_TEST_SERVERS_DIR"
}

ensure_state_dir() {
  [[ "$STATE_DIR" == /* && "$STATE_DIR" != "/" ]] || die "bad state dir '$STATE_DIR'"
  if [[ -d "$STATE_DIR" && ! -e "$MARKER" && -n "$(ls -A "$STATE_DIR")" ]]; then
    die "$STATE_DIR exists, is not empty and was not created by this script; refusing to use it"
  fi
  mkdir -p "$STATE_DIR"
  # 755 so the postgres account can reach its subdirectory when we run as root.
  chmod 755 "$STATE_DIR"
  touch "$MARKER"
}

mysql_tcp() {
  mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$(mariadb_port)" \
    -u "$TEST_USER" -p"$TEST_PASSWORD" --connect-timeout=2 "$@"
}

mariadb_port() { cat "$MY_DIR/port" 2>/dev/null || echo "$MYSQL_PORT"; }
postgres_port() { cat "$PG_DIR/port" 2>/dev/null || echo "$PG_PORT"; }

# Poll until `check` succeeds, failing early if the server process died.
wait_until() {
  local what="$1" logfile="$2" alive="$3"; shift 3
  local deadline=$((SECONDS + TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if ! $alive >/dev/null 2>&1; then
      tail -n 30 "$logfile" >&2 2>/dev/null || true
      die "$what exited during startup (log: $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$logfile" >&2 2>/dev/null || true
      die "$what did not accept connections within ${TIMEOUT}s (log: $logfile)"
    fi
    sleep 0.2
  done
}

# Alive and not a zombie: our daemons are re-parented to PID 1, and in containers whose PID 1
# never reaps, an exited server would otherwise look alive forever.
pid_alive() {
  local state
  state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# SIGTERM, wait up to STOP_TIMEOUT seconds, then SIGKILL.
stop_pid() {
  local what="$1" pid="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.2
  done
  log "$what (pid $pid) did not stop within ${STOP_TIMEOUT}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do pid_alive "$pid" || return 0; sleep 0.2; done
}

# ---------------------------------------------------------------- MariaDB

# Start mariadbd on an existing data dir and return once it accepts connections.
mariadb_launch() {
  local port
  port="$(mariadb_port)"
  check_port "$port" AUTH_TEST_MYSQL_PORT

  local cmd=()
  if [[ -n "${AUTH_TEST_MYSQL_CPU:-}" ]]; then
    # Benchmarks pin the database to its own core so it does not compete with the API.
    command -v taskset >/dev/null || die "AUTH_TEST_MYSQL_CPU is set but taskset is missing"
    cmd+=(taskset -c "$AUTH_TEST_MYSQL_CPU")
  fi
  # --no-defaults: ignore /etc/mysql/*.cnf so a system install (datadir, socket, pid file
  #   in /run/mysqld) can never leak into or collide with this server. It must come first.
  # charset/collation: the Debian config we skip sets utf8mb4 (upstream default is latin1).
  # skip-name-resolve: no DNS lookups per connection; users are matched by IP.
  # innodb-flush-log-at-trx-commit=2: throwaway data, no need to fsync every commit.
  cmd+=(/usr/sbin/mariadbd --no-defaults
    --datadir="$MY_DATA" --socket="$MY_SOCK" --pid-file="$MY_PID" --log-error="$MY_LOG"
    --port="$port" --bind-address=127.0.0.1 --skip-name-resolve
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
    --innodb-flush-log-at-trx-commit=2 --max-connections=500)
  # mariadbd refuses to run as root unless told to; the data dir is root-owned then anyway.
  is_root && cmd+=(--user=root)
  # shellcheck disable=SC2206  # intentional word splitting of extra options
  [[ -n "${AUTH_TEST_MYSQL_ARGS:-}" ]] && cmd+=(${AUTH_TEST_MYSQL_ARGS})

  rm -f "$MY_PID"
  # Detached from our stdio (an inherited stdout pipe would keep CI's log reader waiting)
  # and from the lock fd 9 (else the server would hold our lock for its whole life).
  nohup "${cmd[@]}" </dev/null >>"$MY_DIR/mariadbd.out" 2>&1 9>&- &
  MY_LAUNCHED_PID=$!
}

mariadb_launched_alive() { pid_alive "$MY_LAUNCHED_PID"; }

mariadb_socket_ping() {
  # root@localhost has no password (normal auth, throwaway server).
  mariadb --no-defaults --socket="$MY_SOCK" -u root --connect-timeout=2 -e 'SELECT 1'
}

mariadb_up() {
  if mariadb_pid >/dev/null; then
    log "MariaDB already running (pid $(mariadb_pid), port $(mariadb_port))"
    return 0
  fi
  check_port "$MYSQL_PORT" AUTH_TEST_MYSQL_PORT
  check_socket_len "$MY_SOCK"
  local t0=$SECONDS
  rm -rf "$MY_DIR"   # stale leftovers of a crashed run: always start from a fresh data dir
  mkdir -p "$MY_DATA"
  echo "$MYSQL_PORT" >"$MY_DIR/port"

  log "MariaDB: initialising $MY_DATA"
  local install=(mariadb-install-db --no-defaults --datadir="$MY_DATA"
    --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve)
  is_root && install+=(--user=root)
  "${install[@]}" >"$MY_DIR/install.log" 2>&1 ||
    { tail -n 30 "$MY_DIR/install.log" >&2; die "mariadb-install-db failed (log: $MY_DIR/install.log)"; }

  mariadb_launch
  wait_until "MariaDB" "$MY_LOG" mariadb_launched_alive mariadb_socket_ping

  # TEST-ONLY account. Global privileges WITH GRANT OPTION so each test can create and drop
  # its own databases. Host 127.0.0.1 for TCP (what the app uses), localhost for the socket.
  # Anonymous accounts (if install-db made any) would shadow the test user on localhost, and
  # the password-less root TCP accounts are not needed: this script talks over the socket.
  mariadb --no-defaults --socket="$MY_SOCK" -u root <<SQL
DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)';
DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1', 'root'@'$(hostname)';
CREATE USER '$TEST_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_PASSWORD';
CREATE USER '$TEST_USER'@'localhost' IDENTIFIED BY '$TEST_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$TEST_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$TEST_USER'@'localhost' WITH GRANT OPTION;
SQL
  mysql_tcp -e 'SELECT 1' >/dev/null || die "MariaDB is up but TCP login as $TEST_USER fails"
  log "MariaDB up on 127.0.0.1:$MYSQL_PORT (pid $(mariadb_pid)) in $((SECONDS - t0))s"
}

cmd_mariadb_start() {
  [[ -d "$MY_DATA/mysql" ]] || die "no MariaDB data dir in $MY_DATA; run: $SCRIPT_PATH up"
  if mariadb_pid >/dev/null; then
    log "MariaDB already running (pid $(mariadb_pid))"
    return 0
  fi
  local t0=$SECONDS
  mariadb_launch
  # Wait for exactly what tests use: a TCP login as the test user.
  wait_until "MariaDB" "$MY_LOG" mariadb_launched_alive mysql_tcp -e 'SELECT 1'
  log "MariaDB started on 127.0.0.1:$(mariadb_port) (pid $(mariadb_pid)) in $((SECONDS - t0))s"
}

cmd_mariadb_stop() {
  local pid
  if pid="$(mariadb_pid)"; then
    # SIGTERM is mariadbd's clean shutdown.
    stop_pid MariaDB "$pid"
    log "MariaDB stopped (data kept in $MY_DATA)"
  else
    log "MariaDB is not running"
  fi
  rm -f "$MY_PID" "$MY_SOCK"
}

# ---------------------------------------------------------------- PostgreSQL

pg_admin_psql() {
  # Local socket + trust for the postgres superuser; only inside our state dir.
  psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$(postgres_port)" -U postgres -d postgres "$@"
}

postgres_up() {
  if postgres_pid >/dev/null; then
    log "PostgreSQL already running (pid $(postgres_pid), port $(postgres_port))"
    return 0
  fi
  if is_root; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user; run: $SCRIPT_PATH install"
    as_pg test -x "$STATE_DIR" ||
      die "the postgres user cannot reach $STATE_DIR (a parent dir is not world-executable); set AUTH_TEST_SERVERS_DIR elsewhere"
  fi
  check_port "$PG_PORT" AUTH_TEST_PG_PORT
  check_socket_len "$PG_DIR/.s.PGSQL.$PG_PORT"
  local t0=$SECONDS
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  echo "$PG_PORT" >"$PG_DIR/port"
  is_root && chown postgres:postgres "$PG_DIR"

  log "PostgreSQL: initialising $PG_DATA"
  # scram on TCP (like production), trust only on our private socket for the setup below.
  # --no-sync: throwaway data dir, skip fsync.
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
    { tail -n 30 "$PG_DIR/initdb.log" >&2; die "initdb failed (log: $PG_DIR/initdb.log)"; }

  # Loopback only, socket in the state dir (not /var/run/postgresql, which a system cluster
  # may own), and durability off because the data is thrown away.
  cat >>"$PG_DATA/postgresql.conf" <<CONF

# --- added by scripts/test-servers.sh (throwaway test server) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

  # -w -t: pg_ctl itself waits (bounded) until the server accepts connections.
  # 9>&-: the postmaster must not inherit (and forever hold) our lock fd.
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" start >/dev/null 9>&- ||
    { tail -n 30 "$PG_LOG" >&2; die "PostgreSQL did not start within ${TIMEOUT}s (log: $PG_LOG)"; }

  # TEST-ONLY role; SUPERUSER so tests can create/drop databases and extensions.
  pg_admin_psql -c "CREATE ROLE $TEST_USER LOGIN SUPERUSER PASSWORD '$TEST_PASSWORD'"
  PGPASSWORD="$TEST_PASSWORD" psql -X -h 127.0.0.1 -p "$PG_PORT" -U "$TEST_USER" -d postgres \
    -Atc 'SELECT 1' >/dev/null || die "PostgreSQL is up but TCP login as $TEST_USER fails"
  log "PostgreSQL up on 127.0.0.1:$PG_PORT (pid $(postgres_pid)) in $((SECONDS - t0))s"
}

postgres_down() {
  local pid
  pid="$(postgres_pid)" || return 0
  # fast = roll back open transactions and disconnect clients, then shut down cleanly.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$STOP_TIMEOUT" stop >/dev/null 2>&1; then
    log "PostgreSQL did not stop within ${STOP_TIMEOUT}s; forcing it"
    # immediate = postmaster tells every backend to quit at once (no checkpoint); if even
    # that hangs, SIGKILL the postmaster: orphaned backends exit when they notice it gone.
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 5 stop >/dev/null 2>&1 ||
      kill -KILL "$pid" 2>/dev/null || true
  fi
  log "PostgreSQL stopped"
}

# ---------------------------------------------------------------- env

sq() { printf "'%s'" "${1//\'/\'\\\'\'}"; }   # single-quote for the shell

print_env() {
  {
    if mariadb_pid >/dev/null || [[ -d "$MY_DATA/mysql" ]]; then
      # MySqlConnector syntax, no database: tests create their own.
      # (Listed even while stopped by mariadb-stop: the outage test expects it.)
      echo "export AUTH_TEST_MYSQL=$(sq "Server=127.0.0.1;Port=$(mariadb_port);User ID=$TEST_USER;Password=$TEST_PASSWORD;SslMode=None;AllowPublicKeyRetrieval=true")"
    fi
    if postgres_pid >/dev/null; then
      echo "export AUTH_TEST_POSTGRES=$(sq "Host=127.0.0.1;Port=$(postgres_port);Username=$TEST_USER;Password=$TEST_PASSWORD")"
    fi
    [[ -x "$CHROMIUM" ]] && echo "export AUTH_TEST_CHROMIUM=$(sq "$CHROMIUM")"
    echo "export AUTH_TEST_SERVERS_SCRIPT=$(sq "$SCRIPT_PATH")"
    echo "export AUTH_TEST_SERVERS_DIR=$(sq "$STATE_DIR")"
  } >"$STATE_DIR/env.sh.tmp"
  mv "$STATE_DIR/env.sh.tmp" "$STATE_DIR/env.sh"
  cat "$STATE_DIR/env.sh"
}

# ---------------------------------------------------------------- commands

cmd_up() {
  local only=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --only) only="${2:-}"; shift 2 || die "--only needs mariadb or postgres" ;;
      --only=*) only="${1#--only=}"; shift ;;
      *) die "unknown option for up: $1" ;;
    esac
  done
  case "$only" in ""|mariadb|postgres) ;; *) die "--only must be mariadb or postgres" ;; esac

  require_binaries
  ensure_state_dir
  local t0=$SECONDS
  if [[ "$only" != postgres ]]; then mariadb_up; fi
  if [[ "$only" != mariadb ]]; then postgres_up; fi
  log "ready in $((SECONDS - t0))s; env written to $STATE_DIR/env.sh"
  print_env
}

cmd_down() {
  local pid
  if pid="$(mariadb_pid)"; then stop_pid MariaDB "$pid"; log "MariaDB stopped"; fi
  postgres_down
  if [[ -d "$STATE_DIR" ]]; then
    if [[ -e "$MARKER" ]]; then
      rm -rf "$STATE_DIR"
      log "removed $STATE_DIR"
    else
      log "$STATE_DIR was not created by this script; leaving it alone"
    fi
  fi
}

cmd_status() {
  local pid
  if pid="$(mariadb_pid)"; then echo "mariadb: running (pid $pid, 127.0.0.1:$(mariadb_port))"
  else echo "mariadb: stopped"; fi
  if pid="$(postgres_pid)"; then echo "postgres: running (pid $pid, 127.0.0.1:$(postgres_port))"
  else echo "postgres: stopped"; fi
}

usage() { sed -n '2,/^set -euo/p' "$SCRIPT_PATH" | sed '$d; s/^# \{0,1\}//' >&2; }

# Serialise concurrent invocations (e.g. two test projects calling `up` at once). The lock
# file sits next to the state dir because `down` deletes the dir itself.
with_lock() {
  mkdir -p "$(dirname "$STATE_DIR")"
  exec 9>"$STATE_DIR.lock"
  flock -w 120 9 || die "another test-servers.sh is still running (lock $STATE_DIR.lock)"
  "$@"
}

main() {
  local verb="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$verb" in
    install)         cmd_install ;;
    up)              with_lock cmd_up "$@" ;;
    mariadb-up-only) with_lock cmd_up --only mariadb ;;
    mariadb-stop)    with_lock cmd_mariadb_stop ;;
    mariadb-start)   with_lock cmd_mariadb_start ;;
    down)            with_lock cmd_down ;;
    status)          cmd_status ;;
    env)             [[ -d "$STATE_DIR" ]] || die "not up"; print_env ;;
    -h|--help|help)  usage ;;
    *)               usage; exit 2 ;;
  esac
}

main "$@"
