# shellcheck shell=bash
# PostgreSQL helpers shared by run.sh and test.sh: install from apt when missing, start a private
# server in a folder on a loopback port, stop it. PostgreSQL refuses to run as root, so as root the
# server runs as the unprivileged `postgres` system user that the Debian package creates.

pg_bindir() {
  local dir
  for dir in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

pg_install() {
  if pg_bindir >/dev/null; then return 0; fi
  echo "Installing PostgreSQL 15 (apt)..." >&2
  if [ "$(id -u)" -ne 0 ]; then echo "PostgreSQL is missing and this is not root: run 'sudo apt-get install postgresql-15'." >&2; return 1; fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  # The package starts a system cluster on 5432; Lantern uses its own, so leave that one stopped.
  (service postgresql stop || true) >/dev/null 2>&1
  pg_bindir >/dev/null
}

# Runs a command as the user that owns the server files.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

# pg_start DATA_DIR PORT: initialises DATA_DIR on first use (user lantern, password lantern, database lantern).
# LANTERN_PG_OPTIONS adds server options (e.g. "-c shared_preload_libraries=pg_stat_statements"), or overrides these.
# backend_flush_after: the pages a backend evicts are handed to the disk as it writes them, instead of piling up in the
# page cache until the kernel writes hundreds of MiB back at once and commits wait behind it (docs/benchmarks.md, round 27).
pg_start() {
  local data="$1" port="$2" bin
  bin="$(pg_bindir)"
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data"; chmod 700 "$data"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    local pwfile
    pwfile="$(mktemp)"; echo lantern >"$pwfile"; chmod 644 "$pwfile"
    pg_as_owner "$bin/initdb" -D "$data" -U lantern --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -h 127.0.0.1 -k $data -c fsync=${LANTERN_PG_FSYNC:-on} -c max_connections=200 -c backend_flush_after=256kB ${LANTERN_PG_OPTIONS:-}" start >/dev/null
  PGPASSWORD=lantern "$bin/psql" -h 127.0.0.1 -p "$port" -U lantern -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='lantern'" | grep -q 1 ||
    PGPASSWORD=lantern "$bin/psql" -h 127.0.0.1 -p "$port" -U lantern -d postgres -qc "CREATE DATABASE lantern" >/dev/null
}

pg_stop() {
  local data="$1" bin
  bin="$(pg_bindir)" || return 0
  [ -f "$data/postmaster.pid" ] && pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
  return 0
}
