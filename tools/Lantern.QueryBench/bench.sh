#!/usr/bin/env bash
# Runs the query benchmark against a fresh node: a private PostgreSQL on a free port, Lantern.Api.dll as a child process.
# Extra arguments go to the benchmark (e.g. --traces 20000 --requests 2000).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/postgres.sh
pg_install
work="$(mktemp -d /tmp/lantern-bench.XXXXXX)"
chmod 755 "$work"
trap 'pg_stop "$work/postgres"; rm -rf "$work"' EXIT
port="$(free_port)"
pg_start "$work/postgres" "$port"
dotnet build src/Api/Lantern.Api.csproj -c Release -nologo -v quiet
dotnet build tools/Lantern.QueryBench/Lantern.QueryBench.csproj -c Release -nologo -v quiet
LANTERN_DATABASE_URL="postgres://lantern:lantern@127.0.0.1:$port/lantern" \
  dotnet tools/Lantern.QueryBench/bin/Release/net10.0/Lantern.QueryBench.dll "$@"
