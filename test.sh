#!/usr/bin/env bash
# Runs the whole test suite. Starts its own PostgreSQL on a free loopback port and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/onnxruntime.sh

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
pg_install
source scripts/rabbitmq.sh && rmq_install
source scripts/prometheus.sh && prom_install

work="$(mktemp -d /tmp/lantern-test.XXXXXX)"
chmod 755 "$work"
cleanup() {
  pg_stop "$work/postgres"
  rm -rf "$work"
}
trap cleanup EXIT

pg_port="$(free_port)"
# Tests check durability by protocol (commit before ack), not by power loss: fsync off keeps them fast.
LANTERN_PG_FSYNC=off pg_start "$work/postgres" "$pg_port"
export LANTERN_TEST_DATABASE_URL="postgres://lantern:lantern@127.0.0.1:$pg_port/lantern"
export LANTERN_TEST_WORK_DIR="$work"

dotnet build Orleans.sln -c Release -nologo -v quiet
set +e
dotnet test Orleans.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for CI: 'N passed, N failed'.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$work/test.log"
exit "$status"
