#!/usr/bin/env bash
# Sets up and runs a single Lantern node (API + silo in one process) on http://127.0.0.1:3000.
# Starts a private PostgreSQL under .data/ unless LANTERN_DATABASE_URL is set. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
root="$(pwd)"
source scripts/postgres.sh
source scripts/onnxruntime.sh

data_dir="${LANTERN_DATA_DIR:-$root/.data}"
mkdir -p "$data_dir"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:3000}"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

pg_dir=""
app_pid=""
stop() {
  local code="${1:-0}"
  trap - INT TERM EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir"; fi
  exit "$code"
}
# Ctrl-C and TERM are a clean stop (exit 0); any other exit keeps its status.
trap 'stop 0' INT TERM
trap 'stop $?' EXIT

if [ -z "${LANTERN_DATABASE_URL:-}" ]; then
  pg_install
  pg_dir="$data_dir/postgres"
  port_file="$data_dir/postgres.port"
  [ -f "$port_file" ] || free_port >"$port_file"
  pg_port="$(cat "$port_file")"
  pg_start "$pg_dir" "$pg_port"
  export LANTERN_DATABASE_URL="postgres://lantern:lantern@127.0.0.1:$pg_port/lantern"
fi

# Demo mode: without init settings, create a demo project whose keys are kept in .data/ and printed here.
if [ -z "${LANGFUSE_INIT_PROJECT_ID:-}${LANTERN_INIT_PROJECT_ID:-}" ]; then
  keys="$data_dir/demo-project.env"
  if [ ! -f "$keys" ]; then
    umask 077
    cat >"$keys" <<KEYS
LANGFUSE_INIT_ORG_ID=demo-org
LANGFUSE_INIT_ORG_NAME=Demo
LANGFUSE_INIT_PROJECT_ID=demo
LANGFUSE_INIT_PROJECT_NAME="Demo project"
LANGFUSE_INIT_PROJECT_PUBLIC_KEY=pk-lf-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
LANGFUSE_INIT_PROJECT_SECRET_KEY=sk-lf-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
LANTERN_SALT=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
KEYS
  fi
  set -a; source "$keys"; set +a
  export LANTERN_DEMO_MODE=true
  echo "Demo project '$LANGFUSE_INIT_PROJECT_ID': LANGFUSE_PUBLIC_KEY=$LANGFUSE_INIT_PROJECT_PUBLIC_KEY LANGFUSE_SECRET_KEY=$LANGFUSE_INIT_PROJECT_SECRET_KEY"
fi

# The single node acknowledges a batch once its journal has fsynced it and stores it in PostgreSQL right after, so an
# acknowledgement does not wait behind the commits queued before it (docs/benchmarks.md, round 30). Set it empty to
# acknowledge after the commit instead. Ignored with LANTERN_RABBITMQ_URL: in a cluster the broker plays its part.
export LANTERN_INGEST_JOURNAL_DIR="${LANTERN_INGEST_JOURNAL_DIR-$data_dir/journal}"

dotnet build src/Api/Lantern.Api.csproj -c Release -v quiet -nologo >/dev/null


echo "Lantern listening on $ASPNETCORE_URLS (Ctrl-C stops it)"
# In the background so the INT trap runs at once; background jobs ignore SIGINT, so the app gets TERM.
dotnet src/Api/bin/Release/net10.0/Lantern.Api.dll &
app_pid=$!
set +e
wait "$app_pid"
code=$?
app_pid=""
stop "$code"
