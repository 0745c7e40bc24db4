#!/usr/bin/env bash
# A private Virtuoso Open Source 7.2 (Debian's virtuoso-opensource) for edukg's --endpoint tests.
#
#   scripts/virtuoso.sh install          install the Debian package once (root or sudo)
#   scripts/virtuoso.sh start DIR PORT   database in DIR, SPARQL at http://127.0.0.1:PORT/sparql
#   scripts/virtuoso.sh stop DIR         shut that instance down
#
# The Debian service (/etc/virtuoso-opensource-7, ports 1111/8890) is never started or touched:
# each instance reads its own DIR/virtuoso.ini and listens on 127.0.0.1 only (HTTP on PORT, ISQL
# on a free port written to DIR/isql.port). Its DBA password is Virtuoso's default (dba), which
# is acceptable only because nothing but this machine can connect.
set -euo pipefail

usage() {
  echo "usage: $0 install | start DIR PORT | stop DIR" >&2
  exit 2
}

install() {
  if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
    echo "virtuoso already installed: $(virtuoso-t -? 2>&1 | grep -m1 -o 'Version [^ ]*' || true)"
    return 0
  fi
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update
  # In a container (policy-rc.d exits 101) the package's own service is not started; on a
  # machine with systemd Debian starts it with its own config, which this script leaves alone.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends \
    virtuoso-opensource
  if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
    echo "virtuoso-opensource installed, but virtuoso-t or isql-vt is not on PATH" >&2
    exit 1
  fi
  echo "installed: $(virtuoso-t -? 2>&1 | grep -m1 -o 'Version [^ ]*' || true)"
}

# A TCP port on 127.0.0.1 nobody listens on (a connect attempt is refused), below the kernel's
# range of ephemeral ports: a port in that range may be bound by an outgoing connection, which
# no connect attempt sees, and virtuoso-t then fails to listen on it.
free_port() {
  local port low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 11000 ] 2>/dev/null || low=32768
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

write_ini() {
  local dir=$1 port=$2 isql_port=$3
  cat >"$dir/virtuoso.ini" <<EOF
; Written by scripts/virtuoso.sh: a private instance for edukg, on 127.0.0.1 only.
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:$isql_port
LiteMode             = 0
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 5
CheckpointInterval   = 60
CaseMode             = 2
MaxStaticCursorRows  = 5000
AllowOSCalls         = 0
DirsAllowed          = ., $dir
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 4
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
MaxQueryMem          = 256M

[HTTPServer]
ServerPort           = 127.0.0.1:$port
ServerRoot           = $dir/vsp
MaxClientConnections = 5
ServerThreads        = 5
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
MaxKeepAlives        = 5
KeepAliveTimeout     = 10
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
EOF
}

isql() {
  local dir=$1
  shift
  isql-vt "127.0.0.1:$(cat "$dir/isql.port")" dba dba "$@"
}

start() {
  local dir port isql_port
  [ $# -eq 2 ] || usage
  mkdir -p "$1"
  dir=$(cd "$1" && pwd)
  port=$2
  command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found: run $0 install" >&2; exit 1; }
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is already in use" >&2
    exit 1
  fi
  isql_port=$(free_port)
  mkdir -p "$dir/vsp"
  echo "$isql_port" >"$dir/isql.port"
  write_ini "$dir" "$port" "$isql_port"
  # +wait: the server forks and this returns once the database is open (or failed to open).
  (cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait) >"$dir/start.log" 2>&1 || {
    echo "virtuoso-t failed to start; see $dir/virtuoso.log:" >&2
    tail -n 20 "$dir/virtuoso.log" >&2 || true
    exit 1
  }
  # Updates over /sparql run as the SPARQL user, which may only read by default.
  isql "$dir" exec="GRANT SPARQL_UPDATE TO \"SPARQL\";" >"$dir/grant.log" 2>&1 || {
    echo "cannot grant SPARQL_UPDATE: $(cat "$dir/grant.log")" >&2
    exit 1
  }
  local url="http://127.0.0.1:$port/sparql"
  for _ in $(seq 1 150); do
    if curl -sf -o /dev/null --data-urlencode 'query=ASK {}' "$url"; then
      echo "$url"
      return 0
    fi
    sleep 0.2
  done
  echo "virtuoso at $url did not answer within 30 s; see $dir/virtuoso.log" >&2
  exit 1
}

stop() {
  local dir pid
  [ $# -eq 1 ] || usage
  dir=$1
  [ -f "$dir/isql.port" ] || { echo "no virtuoso instance in $dir" >&2; exit 1; }
  pid=$(sed -n 's/^VIRT_PID=//p' "$dir/virtuoso.lck" 2>/dev/null || true)
  isql "$dir" exec="shutdown;" >/dev/null 2>&1 || true
  # Wait for the process itself, and kill it (by its own pid) if shutdown did not end it.
  if [ -n "$pid" ]; then
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || return 0
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
  fi
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case "$cmd" in
  install) install ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  *) usage ;;
esac
