#!/usr/bin/env bash
# Development/test services for Ruche: PostgreSQL 15, Redis and OpenSearch 2.19,
# all on 127.0.0.1, with their data and logs under .services/ in the repo root.
#   scripts/services.sh start    start what is not already up (reuses healthy ones)
#   scripts/services.sh stop     stop what this script started
#   scripts/services.sh status   tell what answers
#   scripts/services.sh stop-opensearch | start-opensearch   (the fault tests use these)
#   scripts/services.sh kill-opensearch-node N | start-opensearch-node N   (one node of a cluster)
# OPENSEARCH_NODES=3 starts a cluster of three nodes on 9200-9202 instead of one node on 9200.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SVC="$ROOT/.services"
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$SVC/postgres" PG_DATA="$SVC/postgres/data" PG_LOG="$SVC/postgres/postgres.log"
REDIS_DIR="$SVC/redis"
OS_SRC="$ROOT/services/opensearch"
OS_NODES="${OPENSEARCH_NODES:-1}"
[[ "$OS_NODES" =~ ^[1-9]$ ]] || { echo "ERROR: OPENSEARCH_NODES must be a number from 1 to 9, not '$OS_NODES'" >&2; exit 2; }
OS_HTTP_PORT="${OPENSEARCH_HTTP_PORT:-9200}" OS_TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9300}"
OS_CLUSTER="${OPENSEARCH_CLUSTER_NAME:-ruche}"
if [ "$OS_NODES" = 1 ]; then OS_DIR="${OPENSEARCH_DIR:-$SVC/opensearch}"; OS_HEAP="-Xms512m -Xmx1g"
else OS_DIR="${OPENSEARCH_DIR:-$SVC/opensearch-cluster}"; OS_HEAP="-Xms512m -Xmx768m"; fi
OS_CP="$ROOT/services/opensearch/target/classpath.txt"
OS_MAIN="$ROOT/services/opensearch/RucheOpenSearch.java"  # run in source-file mode
OS_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
OS_JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:-$OS_HEAP}"
DATABASE_URL=postgres://ruche:ruche@127.0.0.1:5432/ruche
CELERY_BROKER_URL=redis://127.0.0.1:6379/0
SEARCH_URL_FIRST="http://127.0.0.1:$OS_HTTP_PORT"

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
  # PgBouncer and nginx are not services of their own here: the pooling tests start a
  # PgBouncer, the TLS tests an nginx in front of OpenSearch, each on a free port.
  [ -x "$PG_BIN/postgres" ] && command -v redis-server >/dev/null \
    && { command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ]; } \
    && { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } && return 0
  is_root || fail "PostgreSQL 15, redis-server, pgbouncer and nginx are needed: sudo apt-get install -y postgresql redis-server pgbouncer nginx-light"
  say "Installing postgresql, redis-server, pgbouncer and nginx-light (apt-get)..."
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql redis-server pgbouncer nginx-light >/dev/null
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
# One node (OPENSEARCH_NODES=1, the default) or a cluster of several, each node its own java
# process. The same launcher starts the private clusters of the node-down fault test and of
# bench/search_cluster.py, on their own ports and folders:
#   OPENSEARCH_NODES          number of nodes (1)
#   OPENSEARCH_HTTP_PORT      HTTP port of the first node, the next ones follow (9200)
#   OPENSEARCH_TRANSPORT_PORT transport port of the first node of a cluster (9300)
#   OPENSEARCH_DIR            data and logs (.services/opensearch, or .services/opensearch-cluster)
#   OPENSEARCH_CLUSTER_NAME   (ruche)
#   OPENSEARCH_JAVA_OPTS      heap of each node (1 GB for one node, 768 MB each in a cluster)
os_node_url() { printf 'http://127.0.0.1:%s' "$((OS_HTTP_PORT + $1 - 1))"; }
os_urls() {
  local i urls=""
  for i in $(seq "$OS_NODES"); do urls="${urls:+$urls,}$(os_node_url "$i")"; done
  printf '%s' "$urls"
}
# A single node keeps the folder layout it always had; node i of a cluster lives in node-i/.
os_base() { if [ "$OS_NODES" = 1 ]; then printf '%s' "$OS_DIR"; else printf '%s/node-%s' "$OS_DIR" "$1"; fi; }
os_log() { if [ "$OS_NODES" = 1 ]; then printf '%s/opensearch.log' "$OS_DIR"; else printf '%s.log' "$(os_base "$1")"; fi; }
os_pidfile() { if [ "$OS_NODES" = 1 ]; then printf '%s/opensearch.pid' "$OS_DIR"; else printf '%s.pid' "$(os_base "$1")"; fi; }
os_health() { curl -fsS -m 5 "${1:-$SEARCH_URL_FIRST}/_cluster/health" 2>/dev/null; }
os_node_answers() { curl -fsS -m 5 -o /dev/null "$(os_node_url "$1")/" 2>/dev/null; }
os_node_count() { os_health "$@" | grep -o '"number_of_nodes":[0-9]*' | cut -d: -f2; }

# A node is ours when its process runs this checkout's launcher on this node's folder: a
# node another checkout started is neither stopped nor counted.
os_pid_ours() {  # pidfile base
  pid_alive "$1" || return 1
  local cmdline; cmdline="$(tr '\0' '\n' <"/proc/$(cat "$1")/cmdline" 2>/dev/null)" || return 1
  grep -qxF "$OS_MAIN" <<<"$cmdline" && grep -qxF "$2" <<<"$cmdline"
}
os_ours() { os_pid_ours "$(os_pidfile "$1")" "$(os_base "$1")"; }

os_no_replicas() {  # one node: new indices get no replica, so they can be green
  curl -fsS -m 30 -X PUT "$SEARCH_URL_FIRST/_cluster/settings" -H 'Content-Type: application/json' \
    -d '{"persistent":{"cluster.default_number_of_replicas":0}}' >/dev/null
}

os_wait_green() {
  local h
  if [ "$OS_NODES" = 1 ]; then
    os_no_replicas || { say "OpenSearch refused cluster.default_number_of_replicas=0" >&2; return 1; }
  fi
  h="$(curl -sS -m 130 "$SEARCH_URL_FIRST/_cluster/health?wait_for_status=green&wait_for_nodes=$OS_NODES&timeout=120s" 2>&1)" || true
  case "$h" in *'"status":"green"'*) return 0 ;; esac
  say "OpenSearch health is not green with $OS_NODES node(s): $h" >&2; return 1
}

os_classpath() {
  [ -s "$OS_CP" ] && [ "$OS_CP" -nt "$OS_SRC/pom.xml" ] && return 0
  say "OpenSearch: resolving artifacts with Maven (the first run downloads ~75 MB into ~/.m2)"
  mkdir -p "$OS_DIR"
  mvn -q -B -ntp -Dstyle.color=never -f "$OS_SRC/pom.xml" dependency:build-classpath >"$OS_DIR/maven.log" 2>&1 \
    || fail "Maven could not resolve the OpenSearch artifacts" "$OS_DIR/maven.log"
}

# Starts node i in the background (its settings as -E arguments, which override opensearch.yml).
os_spawn() {
  local i="$1" base http transport seeds="" managers="" j
  base="$(os_base "$i")" http="$((OS_HTTP_PORT + i - 1))"
  port_open "$http" && fail "port $http is taken by something that is not a node of this cluster"
  command -v java >/dev/null || fail "a JDK 17 (java) is needed for OpenSearch"
  os_classpath
  mkdir -p "$base/node_1/config" "$base/tmp"
  cp "$OS_SRC/opensearch.yml" "$base/node_1/config/opensearch.yml"
  local settings=(-E "node.name=ruche-$i" -E "http.port=$http")
  if [ "$OS_NODES" = 1 ]; then
    settings+=(-E discovery.type=single-node -E "transport.port=$OS_TRANSPORT_PORT-$((OS_TRANSPORT_PORT + 99))")
  else
    for j in $(seq "$OS_NODES"); do
      seeds="${seeds:+$seeds,}127.0.0.1:$((OS_TRANSPORT_PORT + j - 1))" managers="${managers:+$managers,}ruche-$j"
    done
    transport="$((OS_TRANSPORT_PORT + i - 1))"
    port_open "$transport" && fail "transport port $transport is taken"
    settings+=(-E "transport.port=$transport" -E "discovery.seed_hosts=$seeds"
      -E "cluster.initial_cluster_manager_nodes=$managers")
  fi
  say "OpenSearch: starting node $i on port $http (log: $(os_log "$i"))"
  # shellcheck disable=SC2086  # OS_JAVA_OPTS is a list of options
  nohup setsid java $OS_JAVA_OPTS -XX:+UseG1GC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Djava.io.tmpdir="$base/tmp" -Dlog4j2.formatMsgNoLookups=true -Djava.locale.providers=SPI,COMPAT \
    -cp "$(cat "$OS_CP")" "$OS_MAIN" -basePath "$base" -numOfNode 1 -baseHttpPort "$((http - 1))" \
    -clusterName "$OS_CLUSTER" "${settings[@]}" </dev/null >"$(os_log "$i")" 2>&1 &
  echo $! >"$(os_pidfile "$i")"
}

# Waits for node i's HTTP; returns 1 only when the node exited while starting.
os_wait_node() {
  local i="$1" waited=0
  until os_node_answers "$i"; do
    os_ours "$i" || { rm -f "$(os_pidfile "$i")"; return 1; }
    [ "$waited" -ge "$OS_TIMEOUT" ] && fail "OpenSearch node $i did not answer within ${OS_TIMEOUT}s" "$(os_log "$i")"
    sleep 2; waited=$((waited + 2))
  done
}

# Starts node i unless it runs already. A node that exits while starting (its data folder
# still locked by the node stopped a moment before, on a busy machine) gets one more try;
# the first log is kept beside.
start_opensearch_node() {
  local i="$1" attempt
  for attempt in 1 2; do
    os_ours "$i" || os_spawn "$i"
    if os_wait_node "$i"; then return 0; fi
    cp "$(os_log "$i")" "$(os_base "$i").failed-start.log" 2>/dev/null || true
    [ "$attempt" = 1 ] && { say "OpenSearch: node $i exited during start-up, trying again"; sleep 5; }
  done
  fail "OpenSearch node $i exited during start-up" "$(os_log "$i")"
}

start_opensearch() {
  local found i started
  if os_health >/dev/null; then
    found="$(os_node_count)"
    if [ "$found" = "$OS_NODES" ]; then
      os_wait_green || fail "OpenSearch on $SEARCH_URL_FIRST does not turn green" "$(os_log 1)"
      say "OpenSearch: already up on $SEARCH_URL_FIRST ($found node(s)), reusing it"; return
    fi
    # A cluster of ours that lost a node answers too: the missing nodes are started below.
    if [ "$OS_NODES" = 1 ] || ! os_ours 1; then
      fail "OpenSearch on $SEARCH_URL_FIRST has $found node(s), not $OS_NODES: stop it first (scripts/services.sh stop-opensearch)"
    fi
  fi
  started=$(date +%s)
  for i in $(seq "$OS_NODES"); do os_ours "$i" || os_spawn "$i"; done
  printf 'OpenSearch: waiting for %s\n' "$(os_urls)"
  for i in $(seq "$OS_NODES"); do start_opensearch_node "$i"; done
  os_wait_green || fail "OpenSearch did not turn green" "$(os_log 1)"
  say "OpenSearch: up, $OS_NODES node(s), health green ($(($(date +%s) - started))s)"
}

# SIGTERM (SIGKILL with `kill`), then waits until the process is gone.
stop_os_process() {  # pidfile label [signal]
  local pid; pid="$(cat "$1")"
  kill "-${3:-TERM}" "$pid"
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { say "OpenSearch: $2 still alive after 30s, killing it"; kill -9 "$pid"; }
  rm -f "$1"; say "OpenSearch: $2 stopped"
}

stop_opensearch_node() {  # i [signal]
  if os_ours "$1"; then stop_os_process "$(os_pidfile "$1")" "node $1" "${2:-TERM}"
  else say "OpenSearch: node $1 not started by this script"; fi
}

# Stops every node this checkout started in the configured folder, whatever OPENSEARCH_NODES
# says; without OPENSEARCH_DIR, both the single node and the cluster of `make services`.
stop_opensearch() {
  local dirs=("$OS_DIR") dir pidfile base stopped=0
  [ -z "${OPENSEARCH_DIR:-}" ] && dirs=("$SVC/opensearch" "$SVC/opensearch-cluster")
  for dir in "${dirs[@]}"; do
    for pidfile in "$dir/opensearch.pid" "$dir"/node-*.pid; do
      [ -f "$pidfile" ] || continue
      if [ "$pidfile" = "$dir/opensearch.pid" ]; then base="$dir"; else base="${pidfile%.pid}"; fi
      if os_pid_ours "$pidfile" "$base"; then stop_os_process "$pidfile" "$base"; stopped=1
      # A dead node's pid file goes; a live one of another checkout stays where it is.
      elif ! pid_alive "$pidfile"; then rm -f "$pidfile"; fi
    done
  done
  [ "$stopped" = 1 ] || say "OpenSearch: not started by this script"
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
    say "SEARCH_URL=$(os_urls)"
    ;;
  stop)
    place_postgres
    stop_opensearch
    stop_redis
    stop_postgres
    ;;
  start-opensearch) mkdir -p "$SVC"; start_opensearch ;;
  stop-opensearch) stop_opensearch ;;
  # One node of a cluster: started again (waits for its HTTP, not for green), or killed with
  # SIGKILL as a lost machine would be (the node-down fault test).
  start-opensearch-node) mkdir -p "$SVC"; start_opensearch_node "${2:?node number}" ;;
  kill-opensearch-node) stop_opensearch_node "${2:?node number}" KILL ;;
  status)
    updown pg_ok "PostgreSQL ($DATABASE_URL)"
    updown redis_ok "Redis ($CELERY_BROKER_URL)"
    if os_health >/dev/null; then
      say "OpenSearch ($SEARCH_URL_FIRST): up, $(os_health | grep -o '"status":"[a-z]*"'), $(os_node_count) node(s)"
    else say "OpenSearch ($SEARCH_URL_FIRST): down"; fi
    ;;
  *) say "usage: $0 start|stop|status|start-opensearch|stop-opensearch|start-opensearch-node N|kill-opensearch-node N" >&2; exit 2 ;;
esac
