#!/usr/bin/env bash
# Development/test services for Ruche: PostgreSQL 15, Redis and OpenSearch 2.19,
# all on 127.0.0.1, with their data and logs under .services/ in the repo root.
#   scripts/services.sh start    start what is not already up (reuses healthy ones)
#   scripts/services.sh stop     stop what this script started
#   scripts/services.sh status   tell what answers
#   scripts/services.sh stop-opensearch | start-opensearch   (the fault tests use these)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SVC="$ROOT/.services"
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$SVC/postgres" PG_DATA="$SVC/postgres/data" PG_LOG="$SVC/postgres/postgres.log"
REDIS_DIR="$SVC/redis"
OS_SRC="$ROOT/services/opensearch" OS_DIR="$SVC/opensearch"
OS_LOG="$SVC/opensearch/opensearch.log" OS_PID="$SVC/opensearch/opensearch.pid"
OS_CP="$ROOT/services/opensearch/target/classpath.txt"
OS_MAIN="$ROOT/services/opensearch/RucheOpenSearch.java"  # run in source-file mode
OS_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
OS_JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}"
DATABASE_URL=postgres://ruche:ruche@127.0.0.1:5432/ruche
CELERY_BROKER_URL=redis://127.0.0.1:6379/0
SEARCH_URL=http://127.0.0.1:9200

say()  { printf '%s\n' "$*"; }
fail() { printf 'ERROR: %s\n' "$1" >&2; [ -n "${2:-}" ] && show_log "$2"; exit 1; }
show_log() {
  if [ -f "$1" ]; then printf -- '--- last lines of %s ---\n' "$1" >&2; tail -n 40 "$1" >&2
  else printf '(no log at %s)\n' "$1" >&2; fi
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
is_root() { [ "$(id -u)" = 0 ]; }
as_pg() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }  # postgres refuses root
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

ensure_packages() {
  # PgBouncer is not a service of its own here: the pooling tests start one on a free port.
  [ -x "$PG_BIN/postgres" ] && command -v redis-server >/dev/null \
    && { command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ]; } && return 0
  is_root || fail "PostgreSQL 15, redis-server and pgbouncer are needed: sudo apt-get install -y postgresql redis-server pgbouncer"
  say "Installing postgresql, redis-server and pgbouncer (apt-get)..."
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql redis-server pgbouncer >/dev/null
}

# ---------------------------------------------------------------- PostgreSQL
pg_ok() { PGCONNECT_TIMEOUT=3 psql "$DATABASE_URL" -Atqc 'select 1' >/dev/null 2>&1; }
pg_ours_running() { [ -f "$PG_DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
pg_admin() {  # run psql as the cluster's superuser over TCP (password kept in .services/)
  PGPASSWORD="$(cat "$PG_DIR/superuser.pw")" psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq
}

pg_init() {
  say "Creating a PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DIR"
  is_root && chown postgres: "$PG_DIR"
  as_pg test -w "$PG_DIR" || fail "the postgres user cannot write to $PG_DIR (check the permissions of its parent folders)"
  as_pg sh -c "umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > '$PG_DIR/superuser.pw'"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$PG_DIR/superuser.pw" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || fail "initdb failed" "$PG_DIR/initdb.log"
  cat >>"$PG_DATA/postgresql.conf" <<'EOF'
# --- Ruche dev/test settings (scripts/services.sh): loopback only, disposable data
listen_addresses = '127.0.0.1'
port = 5432
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start_postgres() {
  if pg_ok; then say "PostgreSQL: already up on 127.0.0.1:5432, reusing it"; return; fi
  if port_open 5432 && ! pg_ours_running; then
    fail "port 5432 is taken by a server where '$DATABASE_URL' does not work; stop it (e.g. pg_ctlcluster 15 main stop)"
  fi
  [ -f "$PG_DATA/PG_VERSION" ] || pg_init
  if ! pg_ours_running; then
    say "PostgreSQL: starting (log: $PG_LOG)"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null \
      || fail "PostgreSQL did not start" "$PG_LOG"
  fi
  pg_admin <<'EOF' || fail "could not create the ruche role" "$PG_LOG"
SELECT 'CREATE ROLE ruche LOGIN CREATEDB PASSWORD ''ruche''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ruche')
\gexec
SELECT 'CREATE DATABASE ruche OWNER ruche' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ruche')
\gexec
EOF
  pg_ok || fail "PostgreSQL is up but '$DATABASE_URL' does not work" "$PG_LOG"
  say "PostgreSQL: up"
}

stop_postgres() {
  if pg_ours_running; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && say "PostgreSQL: stopped"
  else say "PostgreSQL: not running from $PG_DATA"; fi
}

# --------------------------------------------------------------------- Redis
redis_ok() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

start_redis() {
  if redis_ok; then say "Redis: already up on 127.0.0.1:6379, reusing it"; return; fi
  port_open 6379 && fail "port 6379 is taken by something that does not answer PING"
  mkdir -p "$REDIS_DIR"
  say "Redis: starting (log: $REDIS_DIR/redis.log)"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --dir "$REDIS_DIR" \
    --logfile "$REDIS_DIR/redis.log" --pidfile "$REDIS_DIR/redis.pid" \
    --save '' --appendonly no || fail "redis-server did not start" "$REDIS_DIR/redis.log"
  for _ in $(seq 50); do redis_ok && { say "Redis: up"; return; }; sleep 0.2; done
  fail "Redis does not answer PING" "$REDIS_DIR/redis.log"
}

stop_redis() {
  if pid_alive "$REDIS_DIR/redis.pid"; then
    redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
    rm -f "$REDIS_DIR/redis.pid"; say "Redis: stopped"
  else say "Redis: not started by this script"; fi
}

# ---------------------------------------------------------------- OpenSearch
os_health() { curl -fsS -m 5 "$SEARCH_URL/_cluster/health" 2>/dev/null; }
os_ours() { pid_alive "$OS_PID" && grep -q "$OS_MAIN" "/proc/$(cat "$OS_PID")/cmdline" 2>/dev/null; }

os_no_replicas() {  # one node: new indices get no replica, so they can be green
  curl -fsS -m 30 -X PUT "$SEARCH_URL/_cluster/settings" -H 'Content-Type: application/json' \
    -d '{"persistent":{"cluster.default_number_of_replicas":0}}' >/dev/null
}

os_wait_green() {
  local h
  os_no_replicas || { say "OpenSearch refused cluster.default_number_of_replicas=0" >&2; return 1; }
  h="$(curl -sS -m 70 "$SEARCH_URL/_cluster/health?wait_for_status=green&timeout=60s" 2>&1)" || true
  case "$h" in *'"status":"green"'*) return 0 ;; esac
  say "OpenSearch health is not green: $h" >&2; return 1
}

os_classpath() {
  [ -s "$OS_CP" ] && [ "$OS_CP" -nt "$OS_SRC/pom.xml" ] && return 0
  say "OpenSearch: resolving artifacts with Maven (the first run downloads ~75 MB into ~/.m2)"
  mkdir -p "$OS_DIR"
  mvn -q -B -ntp -Dstyle.color=never -f "$OS_SRC/pom.xml" dependency:build-classpath >"$OS_DIR/maven.log" 2>&1 \
    || fail "Maven could not resolve the OpenSearch artifacts" "$OS_DIR/maven.log"
}

start_opensearch() {
  local attempt
  # A node that exits while starting (its data folder still locked by the node stopped a
  # moment before, on a busy machine) gets one more try; the first log is kept beside.
  for attempt in 1 2; do
    if launch_opensearch "$attempt"; then return 0; fi
    cp "$OS_LOG" "$OS_DIR/opensearch.failed-start.log" 2>/dev/null || true
    say "OpenSearch: exited during start-up, trying again (log: $OS_DIR/opensearch.failed-start.log)"
    sleep 5
  done
  fail "OpenSearch exited during start-up" "$OS_LOG"
}

# Starts the node (or reuses a working one); returns 1 only when the node exited while
# starting, and fails the script on anything else.
launch_opensearch() {
  if os_health >/dev/null; then
    os_wait_green || fail "OpenSearch on $SEARCH_URL does not turn green" "$OS_LOG"
    say "OpenSearch: already up on $SEARCH_URL, reusing it"; return
  fi
  if ! os_ours; then
    port_open 9200 && fail "port 9200 is taken by something that is not a working OpenSearch"
    command -v java >/dev/null || fail "a JDK 17 (java) is needed for OpenSearch"
    os_classpath
    mkdir -p "$OS_DIR/node_1/config" "$OS_DIR/tmp"
    cp "$OS_SRC/opensearch.yml" "$OS_DIR/node_1/config/opensearch.yml"
    say "OpenSearch: starting (log: $OS_LOG)"
    # shellcheck disable=SC2086  # OS_JAVA_OPTS is a list of options
    nohup setsid java $OS_JAVA_OPTS -XX:+UseG1GC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
      -Djava.io.tmpdir="$OS_DIR/tmp" -Dlog4j2.formatMsgNoLookups=true -Djava.locale.providers=SPI,COMPAT \
      -cp "$(cat "$OS_CP")" "$OS_MAIN" -basePath "$OS_DIR" -numOfNode 1 -baseHttpPort 9199 \
      -clusterName ruche </dev/null >"$OS_LOG" 2>&1 &
    echo $! >"$OS_PID"
  fi
  printf 'OpenSearch: waiting for %s ' "$SEARCH_URL"
  local waited=0
  until os_health >/dev/null; do
    os_ours || { echo; rm -f "$OS_PID"; return 1; }
    [ "$waited" -ge "$OS_TIMEOUT" ] && { echo; fail "OpenSearch did not answer within ${OS_TIMEOUT}s" "$OS_LOG"; }
    printf .; sleep 2; waited=$((waited + 2))
  done
  echo " (${waited}s)"
  os_wait_green || fail "OpenSearch did not turn green" "$OS_LOG"
  say "OpenSearch: up, health green"
}

stop_opensearch() {
  if ! os_ours; then rm -f "$OS_PID"; say "OpenSearch: not started by this script"; return; fi
  local pid; pid="$(cat "$OS_PID")"
  kill "$pid"
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { say "OpenSearch: still alive after 30s, killing it"; kill -9 "$pid"; }
  rm -f "$OS_PID"; say "OpenSearch: stopped"
}

# The postgres OS user must reach its data folder. A clone under a private home (/root is
# mode 700) is out of its reach, so the cluster then lives in /var/tmp and .services/postgres
# links to it.
place_postgres() {
  if is_root && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$ROOT"; then
    local outside
    outside="/var/tmp/ruche-postgres-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
    mkdir -p "$outside" "$SVC" && chown postgres: "$outside"
    [ -L "$SVC/postgres" ] || { rm -rf "$SVC/postgres"; ln -s "$outside" "$SVC/postgres"; }
    PG_DIR="$outside" PG_DATA="$outside/data" PG_LOG="$outside/postgres.log"
  fi
}

# ---------------------------------------------------------------------- main
updown() { if "$1"; then say "$2: up"; else say "$2: down"; fi; }

case "${1:-}" in
  start)
    ensure_packages
    mkdir -p "$SVC"
    place_postgres
    start_postgres
    start_redis
    start_opensearch
    say ""
    say "DATABASE_URL=$DATABASE_URL"
    say "CELERY_BROKER_URL=$CELERY_BROKER_URL"
    say "SEARCH_BACKEND=opensearch2"
    say "SEARCH_URL=$SEARCH_URL"
    ;;
  stop)
    place_postgres
    stop_opensearch
    stop_redis
    stop_postgres
    ;;
  start-opensearch) mkdir -p "$SVC"; start_opensearch ;;
  stop-opensearch) stop_opensearch ;;
  status)
    updown pg_ok "PostgreSQL ($DATABASE_URL)"
    updown redis_ok "Redis ($CELERY_BROKER_URL)"
    if os_health >/dev/null; then say "OpenSearch ($SEARCH_URL): up, $(os_health | grep -o '"status":"[a-z]*"')"
    else say "OpenSearch ($SEARCH_URL): down"; fi
    ;;
  *) say "usage: $0 start|stop|status|start-opensearch|stop-opensearch" >&2; exit 2 ;;
esac
