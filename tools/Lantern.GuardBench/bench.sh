#!/usr/bin/env bash
# Runs the guard benchmark against a fresh node: a private PostgreSQL on a free port (the guard vault lives there),
# ONNX Runtime from scripts/onnxruntime.sh, Lantern.Api.dll as a child process. Extra arguments go to the benchmark
# (e.g. --seconds 10 --concurrency 4).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/postgres.sh
source scripts/onnxruntime.sh
[ -n "${LANTERN_ONNXRUNTIME_PATH:-}" ] || { echo "ONNX Runtime is required: the guard answers 503 without it." >&2; exit 1; }
pg_install
work="$(mktemp -d /tmp/lantern-guard-bench.XXXXXX)"
chmod 755 "$work"
trap 'pg_stop "$work/postgres"; rm -rf "$work"' EXIT
port="$(free_port)"
pg_start "$work/postgres" "$port"
dotnet build src/Api/Lantern.Api.csproj -c Release -nologo -v quiet
dotnet build tools/Lantern.GuardBench/Lantern.GuardBench.csproj -c Release -nologo -v quiet
LANTERN_DATABASE_URL="postgres://lantern:lantern@127.0.0.1:$port/lantern" \
  dotnet tools/Lantern.GuardBench/bin/Release/net10.0/Lantern.GuardBench.dll "$@"
