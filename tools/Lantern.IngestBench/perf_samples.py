"""Reads `perf script -F comm,ip,sym` output: shared by postgres-profile.py and node-profile.py."""


def samples(lines):
    """Yields (comm, frames) per sample: a header line naming the thread, then one line per frame, innermost first."""
    comm, frames = None, []
    for line in lines:
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif line[0] in " \t":
            parts = line.split(None, 1)
            frames.append(parts[1].strip() if len(parts) > 1 else "?")
        else:
            comm, frames = line.strip(), []
    if comm is not None:
        yield comm, frames
