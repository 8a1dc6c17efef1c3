#!/usr/bin/env python3
"""Where PostgreSQL's CPU goes, from a system-wide perf profile taken during a benchmark run.

    perf record -a -g -F 499 -o /tmp/perf.data -- sleep 15     # while the measured load runs
    perf script -i /tmp/perf.data -F comm,ip,sym | tools/Lantern.IngestBench/postgres-profile.py

Prints the share of PostgreSQL's samples per process (backends, WAL writer, checkpointer, autovacuum, ...) and, for the
backends, per activity: the first activity in ACTIVITIES found on a sample's stack names it, so planning inside a
PL/pgSQL function counts as planning. Debian's postgres binary exports its functions' symbols, so no debug package is
needed; static functions show as [unknown], which is why the activities are named by exported ones (docs/benchmarks.md,
round 17).
"""
import collections
import sys

from perf_samples import samples

PROCESSES = [
    ("autovacuum", ("AutoVacWorkerMain", "AutoVacLauncherMain")),
    ("WAL writer", ("WalWriterMain",)),
    ("checkpointer", ("CheckpointerMain",)),
    ("background writer", ("BackgroundWriterMain",)),
    ("backends", ("PostgresMain",)),
]

ACTIVITIES = [
    ("planning", ("standard_planner", "pg_plan_query", "BuildCachedPlan")),
    ("commit and WAL flush", ("CommitTransactionCommand", "XLogFlush")),
    ("binding parameters", ("exec_bind_message",)),
    ("PL/pgSQL, not planning", ("plpgsql_exec_function",)),
    ("inserting and updating rows", ("heap_insert", "heap_update", "_bt_doinsert", "ExecInsertIndexTuples", "ExecCheckIndexConstraints")),
    ("executing, other", ("standard_ExecutorRun", "standard_ExecutorStart", "standard_ExecutorEnd", "PortalRun")),
    ("parsing", ("raw_parser", "parse_analyze_fixedparams", "pg_analyze_and_rewrite_fixedparams")),
    ("network", ("pq_getbyte", "pq_getmessage", "secure_read", "secure_write", "pq_flush", "WaitEventSetWait")),
]


def first_match(frames, table, default):
    names = set(frames)
    return next((label for label, symbols in table if names.intersection(symbols)), default)


def report(title, counts, total):
    print(title)
    for label, count in counts.most_common():
        print(f"  {label:28s} {100 * count / total:5.1f} %")


def main():
    processes, activities = collections.Counter(), collections.Counter()
    for comm, frames in samples(sys.stdin):
        if comm != "postgres":
            continue
        process = first_match(frames, PROCESSES, "other (stack not resolved)")
        processes[process] += 1
        if process == "backends":
            activities[first_match(frames, ACTIVITIES, "other")] += 1
    total = sum(processes.values())
    if total == 0:
        sys.exit("no samples of postgres processes in the input")
    report(f"PostgreSQL: {total} samples, by process", processes, total)
    report(f"Backends: {processes['backends']} samples, by activity", activities, max(processes["backends"], 1))


if __name__ == "__main__":
    main()
