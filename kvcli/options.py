"""The typed options of the library API: one object per call, validated when it is made.

``RunOptions`` says how files are found and read (parallelism, time limit, cache, size limit,
folder globs); the others add what one command needs. The CLI builds these from its flags; a
Python user builds them directly::

    from kvcli.options import CheckOptions
    opts = CheckOptions(jobs=2, timeout=30, cache_dir="~/.cache/kvcli")
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .config import CheckConfig
from .errors import UsageError
from .limits import DEFAULT_LIMITS, Limits

MIN_TIMEOUT = 0.1
MAX_TIMEOUT = 86_400.0  # a day: past that a timer is no limit at all, and 1e300 s overflows the clocks
EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class FileDone:
    """What a progress callback hears about each finished file, in input order."""

    path: str
    error: str | None
    cached: bool = False
    findings: Mapping[str, int] = field(default_factory=dict)  # severity → count (check runs)
    total: int = 0  # files in this run


Progress = Callable[[FileDone], None]


@dataclass(frozen=True)
class RunOptions:
    """How files are found and read: shared by every call that takes paths."""

    jobs: int = 0  # worker processes; 0 = the number of cores (batches under 4 files run in-process)
    timeout: float | None = 120.0  # seconds one file may take; None = no limit
    executor: Literal["local", "dask"] = "local"
    scheduler: str | None = None  # an existing Dask scheduler's address
    cache_dir: str | os.PathLike[str] | None = None  # None = no cache
    max_file_size_mb: int = DEFAULT_LIMITS.max_file_size // (1024 * 1024)
    include: tuple[str, ...] = ()  # globs of files to take from folders
    exclude: tuple[str, ...] = ()
    follow_symlinks: bool = False  # follow links that lead out of the folders given
    outputs: tuple[str, ...] = ()  # files the caller will write: a call that would read one is refused

    def __post_init__(self) -> None:
        if not isinstance(self.jobs, int) or isinstance(self.jobs, bool) or self.jobs < 0:
            raise UsageError(f"jobs must be a whole number ≥ 0, not {self.jobs!r}")
        if self.timeout is not None and not (
            isinstance(self.timeout, (int, float)) and math.isfinite(self.timeout) and MIN_TIMEOUT <= self.timeout <= MAX_TIMEOUT
        ):  # fmt: skip
            raise UsageError(f"timeout must be from {MIN_TIMEOUT:g} to {MAX_TIMEOUT:g} seconds, not {self.timeout!r}")
        if self.executor not in EXECUTORS:
            raise UsageError(f"executor must be 'local' or 'dask', not {self.executor!r}")
        if not isinstance(self.max_file_size_mb, int) or self.max_file_size_mb < 1:
            raise UsageError(f"max_file_size_mb must be a whole number ≥ 1, not {self.max_file_size_mb!r}")
        object.__setattr__(self, "include", tuple(self.include))
        object.__setattr__(self, "exclude", tuple(self.exclude))
        object.__setattr__(self, "outputs", tuple(os.fspath(o) for o in self.outputs if o))

    @property
    def limits(self) -> Limits:
        from dataclasses import replace

        return replace(DEFAULT_LIMITS, max_file_size=self.max_file_size_mb * 1024 * 1024)


@dataclass(frozen=True)
class CheckOptions(RunOptions):
    """``check``, ``index`` and ``report``: the rule configuration on top of how files are read."""

    config: CheckConfig | None = None  # None = kvcli.toml/pyproject.toml found upwards from the first path
    baseline: str | os.PathLike[str] | None = None  # known findings (a --write-baseline file): hidden, not failed
    write_baseline: str | os.PathLike[str] | None = None  # write this run's findings there as the new baseline

    def __post_init__(self) -> None:
        super().__post_init__()
        extra = tuple(os.fspath(p) for p in (self.write_baseline,) if p)
        object.__setattr__(self, "outputs", tuple(dict.fromkeys(self.outputs + extra)))


@dataclass(frozen=True)
class DiffOptions(RunOptions):
    by: Literal["auto", "year", "section"] = "auto"
    threshold: float | None = None  # flag changes beyond this many percent
    thresholds: Mapping[str, float] | None = None  # label regex → percent; None = the config's [diff.thresholds]

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.by not in ("auto", "year", "section"):
            raise UsageError(f"by must be 'auto', 'year' or 'section', not {self.by!r}")
        if self.threshold is not None and not (math.isfinite(self.threshold) and self.threshold >= 0):
            raise UsageError(f"threshold must be a finite number of percent ≥ 0, not {self.threshold!r}")


@dataclass(frozen=True)
class TrendOptions(RunOptions):
    figure: str | None = None  # regular expression on the indicator label


def run_fields(opts: RunOptions) -> dict[str, Any]:
    """The RunOptions part of any options object, e.g. to build a ``CheckOptions`` from ``RunOptions``."""
    return {name: getattr(opts, name) for name in RunOptions.__dataclass_fields__}
