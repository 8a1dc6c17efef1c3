#!/usr/bin/env bash
# Runs the ingestion benchmark against a fresh node: a private PostgreSQL on a free port (durable: fsync on),
# Lantern.Api.dll as a child process. Extra arguments go to the benchmark (e.g. --seconds 30 --concurrency 8).
# BENCH_PG_STATEMENTS=1 also records PostgreSQL's statements (pg_stat_statements, planning time included) and prints
# where its time went.
# BENCH_EVALUATORS=1 runs the node with its evaluators (ONNX Runtime fetched by scripts/onnxruntime.sh).
# BENCH_JOURNAL=0 runs it without its ingestion journal (acks after the PostgreSQL commit).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/postgres.sh
pg_install
work="$(mktemp -d /tmp/lantern-ingest-bench.XXXXXX)"
chmod 755 "$work"
# BENCH_PG_LOG=FILE keeps PostgreSQL's log (e.g. with LANTERN_PG_OPTIONS="-c log_checkpoints=on -c log_autovacuum_min_duration=0"
# to place the report's late acknowledgements against checkpoints and autovacuum runs).
trap 'pg_stop "$work/postgres"; [ -n "${BENCH_PG_LOG:-}" ] && cp "$work/postgres/server.log" "$BENCH_PG_LOG"; rm -rf "$work"' EXIT
port="$(free_port)"
if [ "${BENCH_PG_STATEMENTS:-0}" = 1 ]; then
  export LANTERN_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on"
fi
# BENCH_EVALUATORS=1 gives the node ONNX Runtime, so it scores every text (issue 10: do the evaluators keep up?);
# otherwise it runs without them, as the figures in docs/benchmarks.md were measured.
if [ "${BENCH_EVALUATORS:-0}" = 1 ]; then
  source scripts/onnxruntime.sh
else
  unset LANTERN_ONNXRUNTIME_PATH
fi
# The node has its ingestion journal (LANTERN_INGEST_JOURNAL_DIR), as run.sh's does: acks once fsynced there.
# BENCH_JOURNAL=0 measures the node without it, whose acks wait for the PostgreSQL commit.
if [ "${BENCH_JOURNAL:-1}" = 1 ]; then
  export BENCH_NODE_LANTERN_INGEST_JOURNAL_DIR="$work/journal"
fi
LANTERN_PG_FSYNC=on pg_start "$work/postgres" "$port"
psql_bench() { PGPASSWORD=lantern "$(pg_bindir)/psql" -h 127.0.0.1 -p "$port" -U lantern -d lantern "$@"; }
[ "${BENCH_PG_STATEMENTS:-0}" = 1 ] && psql_bench -qc "CREATE EXTENSION pg_stat_statements"
dotnet build src/Api/Lantern.Api.csproj -c Release -nologo -v quiet
dotnet build tools/Lantern.IngestBench/Lantern.IngestBench.csproj -c Release -nologo -v quiet
LANTERN_DATABASE_URL="postgres://lantern:lantern@127.0.0.1:$port/lantern" \
  dotnet tools/Lantern.IngestBench/bin/Release/net10.0/Lantern.IngestBench.dll "$@"
if [ "${BENCH_PG_STATEMENTS:-0}" = 1 ]; then
  psql_bench -c "SELECT round(total_exec_time) AS total_ms, round(total_plan_time) AS plan_ms, round(mean_exec_time::numeric, 2) AS mean_ms, calls, rows,
      shared_blks_hit + shared_blks_read AS buffers, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
    FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 30"
fi
