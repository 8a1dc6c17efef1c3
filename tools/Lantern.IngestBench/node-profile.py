#!/usr/bin/env python3
"""Where the node's CPU goes, from a system-wide perf profile taken during a benchmark run.

    BENCH_NODE_DOTNET_PerfMapEnabled=1 BENCH_NODE_DOTNET_EnableWriteXorExecute=0 tools/Lantern.IngestBench/bench.sh ... &
    node=$(pgrep -f '^dotnet [^ ]*Lantern.Api.dll')           # the node, while it runs
    perf record -a -g -F 499 -o /tmp/perf.data -- sleep 15     # while the measured load runs
    perf script -i /tmp/perf.data --pid "$node" -F comm,ip,sym | tools/Lantern.IngestBench/node-profile.py

The runtime writes its JIT code's names to /tmp/perf-PID.map (PerfMapEnabled); with its W^X double mapping on (the
default) perf cannot tie samples to that code, hence EnableWriteXorExecute=0 (docs/benchmarks.md, round 18). Prints the
share of the node's samples per stage (the first of STAGES found on a sample's stack names it), the functions the
samples were in, and the innermost Lantern function on each stack: Lantern's code and what it calls.
"""
import collections
import re
import signal
import sys

from perf_samples import samples

STAGES = [
    ("grain turns", ("GrainActivation+<RunTurnAsync>", "GrainActivation+<ActivateAsync>")),
    ("commit loops", ("TraceWriteBatcher+<RunAsync>",)),
    ("ingestion requests", ("Lantern.Api.Ingestion.", "Lantern.Api.Otel.")),
    ("rollup reads", ("Lantern.Api.Rollups.",)),
    ("other requests, Kestrel", ("Microsoft.AspNetCore.",)),
    ("sockets", ("System.Net.Sockets.",)),
    ("thread pool (no work item on the stack)", ("System.Threading.",)),
]

THREADS = [("GC threads", (".NET Server GC", ".NET BGC")), ("JIT (tiered compilation)", (".NET Tiered Com",))]


def name(frame):
    """`Type::Method` of a perf-map frame such as `instance void [Asm] Ns.Type::Method(args)[OptimizedTier1]`."""
    match = re.search(r"\]\s*(\S+::[^(\s]+)\(", frame)
    return match.group(1) if match else frame


def stage(comm, frames):
    thread = next((label for label, prefixes in THREADS if comm.startswith(prefixes)), None)
    if thread is not None:
        return thread
    stack = "\n".join(frames)
    label = next((label for label, parts in STAGES if any(part in stack for part in parts)), None)
    if label is not None:
        return label
    # Unwinding often stops in libc: the managed caller of a system call (a socket, a futex) is then unknown.
    return "system calls, caller not resolved" if "do_syscall_64" in stack else "runtime native code, other"


def report(title, counts, total, top=None):
    print(title)
    for label, count in counts.most_common(top):
        print(f"  {100 * count / total:5.1f} %  {label}")


def main():
    stages, leaves, lantern = collections.Counter(), collections.Counter(), collections.Counter()
    for comm, frames in samples(sys.stdin):
        stages[stage(comm, frames)] += 1
        leaves[name(next((f for f in frames if f != "[unknown]"), "[unknown]"))] += 1
        lantern[next((name(f) for f in frames if "[Lantern." in f), "no Lantern frame")] += 1
    total = sum(stages.values())
    if total == 0:
        sys.exit("no samples in the input: pass the node's pid to perf script (--pid)")
    report(f"Node: {total} samples, by stage", stages, total)
    report("Functions the samples were in (top 25)", leaves, total, 25)
    report("Innermost Lantern function on the stack (top 25)", lantern, total, 25)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    main()
