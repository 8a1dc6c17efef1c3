#!/usr/bin/env bash
# Runs the ingestion benchmark against a fresh node: a private PostgreSQL on a free port (durable: fsync on),
# Lantern.Api.dll as a child process. Extra arguments go to the benchmark (e.g. --seconds 30 --concurrency 8).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/postgres.sh
pg_install
work="$(mktemp -d /tmp/lantern-ingest-bench.XXXXXX)"
chmod 755 "$work"
trap 'pg_stop "$work/postgres"; rm -rf "$work"' EXIT
port="$(free_port)"
LANTERN_PG_FSYNC=on pg_start "$work/postgres" "$port"
dotnet build src/Api/Lantern.Api.csproj -c Release -nologo -v quiet
dotnet build tools/Lantern.IngestBench/Lantern.IngestBench.csproj -c Release -nologo -v quiet
LANTERN_DATABASE_URL="postgres://lantern:lantern@127.0.0.1:$port/lantern" \
  dotnet tools/Lantern.IngestBench/bin/Release/net10.0/Lantern.IngestBench.dll "$@"
