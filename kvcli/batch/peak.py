"""This process's peak resident memory, measured so that a child does not report its parent's size."""

from __future__ import annotations

import resource


def peak_rss_kb() -> int:
    """Peak RSS in KiB of the current address space.

    ``ru_maxrss`` survives ``exec`` on Linux: a worker forked from a large parent reports the parent's size at
    fork. ``VmHWM`` belongs to the address space, so it is used where ``/proc`` has it.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
