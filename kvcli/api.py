"""The library API: everything a kvcli command does, as a function. The CLI is option parsing plus one call.

>>> import kvcli
>>> doc = kvcli.parse("samples/vetlanda-vuxen-2013.txt")
>>> doc.metadata.organisation
'Vetlanda kommun'

Calls that take many paths (``parse_all``, ``check_all``, ``trend``, ``figures``, ``index``) search
folders, run files in parallel with a time limit each and use the cache, as set by an options
object (``kvcli.options``); an unreadable file is a result with its reason, never an exception.
A call that cannot be made as asked raises ``UsageError``; a bad rule pack or config ``RuleError``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .batch import BatchOptions, discover, run_batch
from .cache_dir import default_cache_dir
from .config import SEVERITIES, CheckConfig, command_config, diff_thresholds, load_config
from .errors import InputError, KvcliError, RuleError, UnreadableError, UsageError
from .model import Document
from .options import (
    MAX_TIMEOUT,
    MIN_TIMEOUT,
    CheckOptions,
    DiffOptions,
    FileDone,
    Progress,
    RunOptions,
    TrendOptions,  # fmt: skip
    run_fields,
)
from .pipeline import read_document
from .quoting import quote
from .schema import check_schema, document_schema

if TYPE_CHECKING:
    import pandas as pd

    from .checks import baseline as _baseline
    from .checks.base import Rule
    from .checks.model import FileReport, Finding
    from .checks.pack import Pack
    from .compare.diff import DiffResult
    from .compare.trend import TrendPoint
    from .storage.index import IndexStats

__all__ = [
    "parse", "parse_all", "check", "check_all", "diff", "trend", "figures", "index", "rules", "rule",
    "Parsed", "CheckReport", "TrendResult", "Figures", "IndexReport", "Document", "FileReport", "Finding",
    "DiffResult", "CheckConfig", "load_config", "RunOptions", "CheckOptions", "DiffOptions", "TrendOptions",
    "KvcliError", "InputError", "RuleError", "UsageError", "UnreadableError",
]  # fmt: skip

Source = str | os.PathLike[str]


# --- parse -------------------------------------------------------------------------------------------------


@dataclass
class Parsed:
    """One file of ``parse_all``: its document, or why it could not be read."""

    path: str
    document: Document | None
    error: str | None = None
    cached: bool = False


def parse(path: Source, options: RunOptions | None = None) -> Document:
    """Parse one report (.txt/.md/.docx/.pdf) into the document model.

    Raises ``InputError`` (one-line message naming the file) when it cannot. Without options the file
    is parsed here and now; with them, through the batch runner (time limit, cache).
    """
    if options is None:
        return read_document(path)
    result = next(parse_all([path], options))
    if result.document is None:
        raise InputError(result.path, result.error or "could not be read")
    return result.document


def parse_all(paths: Iterable[Source], options: RunOptions | None = None,
              progress: Progress | None = None) -> Iterator[Parsed]:  # fmt: skip
    """Parse many files and folders; results in input order, as they finish. A folder with no reports
    in it is a result of its own (with its error), not a silent nothing."""
    opts = options or RunOptions()
    given = [os.fspath(p) for p in paths]
    files: list[str] = []
    for path in given:
        found = _discover([path], opts) if os.path.isdir(path) else [path]
        if not found:
            yield Parsed(path, None, "is a directory with no reports in it (.txt, .md, .docx, .pdf)")
        files += found
    _refuse_outputs(opts, files)
    for record in _run("parse", files, opts, None, progress):
        yield _parsed(record)


def _parsed(record: dict[str, Any]) -> Parsed:
    if record.get("error"):
        return Parsed(record["path"], None, record["error"])
    return Parsed(record["path"], Document.from_dict(record["document"]), None, bool(record.get("cached")))


# --- check -------------------------------------------------------------------------------------------------


@dataclass
class CheckReport:
    """``check_all``: one ``FileReport`` per file (in input order), the rules that ran, the config used."""

    files: list[FileReport]
    rules: list[Rule]
    config: CheckConfig
    documents: list[Document | None] = field(default_factory=list)  # with CheckOptions(documents=True)
    baseline: _baseline.BaselineResult | None = None  # with CheckOptions(baseline=…): what it hid, what is stale
    baseline_written: int | None = None  # with CheckOptions(write_baseline=…): findings written

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(r.path, r.error) for r in self.files if r.error]

    def summary(self) -> dict[str, int]:
        return {"files": len(self.files),
                **{f"{s}s": sum(r.count(s) for r in self.files) for s in ("error", "warning", "info")},
                "unreadable": len(self.errors)}  # fmt: skip

    def exit_code(self, exit_zero: bool = False, max_warnings: int | None = None) -> int:
        """2 some file unreadable; 1 findings at or above ``config.fail_on`` (default: errors), or, with
        ``max_warnings``, any error or more warnings than that; 0 otherwise or with ``exit_zero``."""
        if self.errors:
            return 2
        if exit_zero or self.baseline_written is not None:  # a baseline just written accepts every finding
            return 0
        from .checks.model import SEVERITY_RANK

        floor = max(SEVERITY_RANK[self.config.min_severity], SEVERITY_RANK[self.config.fail_on])
        findings = [f for r in self.files for f in r.findings if SEVERITY_RANK[f.severity] >= floor]
        if max_warnings is not None:
            every = [f for r in self.files for f in r.findings]
            errors = sum(1 for f in every if f.severity == "error")
            warnings = sum(1 for f in every if f.severity == "warning")
            return 1 if errors or warnings > max_warnings else 0
        return 1 if findings else 0


def check(target: Source | Document, config: CheckConfig | None = None) -> FileReport:
    """Check one parsed document (or parse and check one file) against the rule packs.

    A file that cannot be read gives a ``FileReport`` with ``error`` set, never an exception.
    """
    from .checks import FileReport, check_document

    if isinstance(target, Document):
        return check_document(target, config or load_config(_config_start(target.source.path)))
    path = os.fspath(target)
    cfg = config or load_config(path)
    try:
        doc = read_document(path)
    except InputError as exc:
        return FileReport(path=path, error=exc.reason)
    return check_document(doc, cfg)


def check_all(paths: Iterable[Source], options: CheckOptions | None = None, progress: Progress | None = None,
              documents: bool = False) -> CheckReport:  # fmt: skip
    """Check many files and folders. ``documents=True`` keeps each file's parsed document too."""
    from .checks import FileReport, rules_for
    from .checks import baseline as _baseline

    opts = options or CheckOptions()
    given = [os.fspath(p) for p in paths]
    cfg = opts.config or load_config(given[0] if given else ".")
    rules = rules_for(cfg)  # a broken rule pack is refused before any file is read
    if opts.baseline:
        _baseline.read(os.fspath(opts.baseline))  # and so is a baseline that is not one
    files = _discover_or_refuse(given, opts)
    report = CheckReport(files=[], rules=rules, config=cfg)
    for record in _run("index" if documents else "check", files, opts, cfg, progress):
        report.files.append(FileReport.from_record(record))
        if documents:
            report.documents.append(Document.from_dict(record["document"]) if record.get("document") else None)
    # Written before the old baseline is applied: refreshing a baseline records every finding of today.
    if opts.write_baseline:
        report.baseline_written = _baseline.write(report.files, os.fspath(opts.write_baseline))
    if opts.baseline:
        report.baseline = _baseline.apply(report.files, os.fspath(opts.baseline))
    return report


def rules(config: CheckConfig | None = None) -> list[Rule]:
    """The rules that run under ``config`` (selection and severity overrides applied)."""
    from .checks import rules_for

    return rules_for(config or CheckConfig())


def packs(config: CheckConfig | None = None) -> tuple[Pack, ...]:
    from .checks import packs_for

    return packs_for(config or CheckConfig())


def rule(code: str, config: CheckConfig | None = None) -> Rule:
    """One rule by its code (any case), as defined in the packs of ``config``."""
    from .checks import rules_for

    by_code = {r.code: r for r in rules_for(config or CheckConfig())}
    found = by_code.get(code.upper())
    if found is None:
        raise UsageError(f"unknown rule {code!r}; `kvcli rules` lists them")
    return found


# --- key figures -------------------------------------------------------------------------------------------


def diff(old: Source | Document, new: Source | Document, options: DiffOptions | None = None) -> DiffResult:
    """Compare the key figures of two reports (paths or documents). ``.frame`` gives a DataFrame.

    Per-indicator thresholds come from ``options.thresholds``, else from the ``[diff.thresholds]`` of the
    kvcli.toml/pyproject.toml found upwards from NEW. Raises ``UnreadableError`` naming every file that
    could not be read.
    """
    opts = options or DiffOptions()
    if opts.thresholds is not None:
        thresholds = dict(opts.thresholds)
    else:
        thresholds = {} if isinstance(new, Document) else diff_thresholds(Path(os.fspath(new)))
    paths = [os.fspath(x) for x in (old, new) if not isinstance(x, Document)]
    _refuse_outputs(opts, paths)
    parsed = {p.path: p for p in map(_parsed, _run("parse", paths, opts, None, None))} if paths else {}
    errors = [(p.path, p.error or "") for p in parsed.values() if p.document is None]
    if errors:
        raise UnreadableError(errors)

    def doc(x: Source | Document) -> Document:
        return x if isinstance(x, Document) else parsed[os.fspath(x)].document  # type: ignore[return-value]

    from .compare.diff import diff as _diff

    return _diff(doc(old), doc(new), by=opts.by, threshold=opts.threshold, thresholds=thresholds)


@dataclass
class TrendResult:
    """Indicator × year over many reports (``points``, oldest first), and the files that could not be read."""

    points: list[TrendPoint]
    documents: list[Document]
    errors: list[tuple[str, str]]

    @property
    def frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([p.__dict__ for p in self.points])

    @property
    def drawable(self) -> list[list[TrendPoint]]:
        """The series with two or more years, each sorted by year."""
        from .compare.trend import drawable_series

        return drawable_series(self.points)

    def plot(self, path: str | os.PathLike[str], max_panels: int = 12) -> int:
        """Small multiples to PNG/SVG (``pip install 'kvcli[plot]'``); returns the number of panels drawn."""
        from .output.plot import plot

        return plot(self.points, path, max_panels)


def trend(sources: Iterable[Source | Document], options: TrendOptions | None = None,
          progress: Progress | None = None) -> TrendResult:  # fmt: skip
    """Follow indicators over the years across reports (paths, folders or documents)."""
    opts = options or TrendOptions()
    docs, errors = _documents(sources, opts, progress)
    from .compare.trend import trend as _trend

    return TrendResult(_trend(docs, opts.figure), docs, errors)


@dataclass
class Figures:
    """``figures``: the documents read and the files that could not be; ``.frame`` is the long table."""

    documents: list[Document]
    errors: list[tuple[str, str]]

    @property
    def frame(self) -> pd.DataFrame:
        """One row per key figure: path, organisation, unit, period, section path, label, column, value …"""
        from .output.export import frame

        return frame(self.documents)

    @property
    def count(self) -> int:
        return sum(len(d.figures) for d in self.documents)


def figures(sources: Iterable[Source | Document], options: RunOptions | None = None,
            progress: Progress | None = None) -> Figures:  # fmt: skip
    """Key figures of many reports (paths, folders or documents) in long format."""
    docs, errors = _documents(sources, options or RunOptions(), progress)
    return Figures(docs, errors)


def figures_frame(sources: Iterable[Source | Document], options: RunOptions | None = None) -> pd.DataFrame:
    """``figures(...).frame``: the key figures of many reports as one pandas DataFrame."""
    return figures(sources, options).frame


# --- the archive index -------------------------------------------------------------------------------------


@dataclass
class IndexReport:
    """``index``: what was (re)indexed, what was unchanged or removed, and the unreadable files."""

    db: str
    stats: IndexStats
    removed: int
    errors: list[tuple[str, str]]  # files unreadable in this run
    known_errors: list[tuple[str, str]]  # unchanged files that were unreadable in an earlier run

    @property
    def unreadable(self) -> int:
        return len(self.errors) + len(self.known_errors)

    def exit_code(self) -> int:
        return 2 if self.unreadable else 0


def index(paths: Sequence[Source], db: str | os.PathLike[str], options: CheckOptions | None = None,
          progress: Progress | None = None) -> IndexReport:  # fmt: skip
    """Keep an SQLite database of the reports under ``paths`` up to date: only new and changed files are
    parsed and checked, files gone from disk are removed (see ``kvcli.storage.index`` for the schema)."""
    import sqlite3

    from .checks import packs_for
    from .storage.index import connect, plan, remove_missing, store

    given = [os.fspath(p) for p in paths]
    opts = options or CheckOptions()
    cfg = opts.config or load_config(given[0] if given else ".")
    packs_for(cfg)
    files = _discover(given, opts)
    _refuse_outputs(replace(opts, outputs=(os.fspath(db),)), files, "--db")
    try:
        con = connect(db)
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{os.fspath(db)}: not an SQLite database kvcli can use ({exc})") from None
    try:
        with con:
            removed = remove_missing(con, given, files)
            todo, stats = plan(con, files)
        result = IndexReport(os.fspath(db), stats, removed, [], list(stats.known_errors))
        for record in _run("index", todo, opts, cfg, progress):
            with con:  # one transaction per file: an interrupted run keeps what it finished
                store(con, record)
            stats.indexed += 1
            if record.get("error"):
                stats.errors += 1
                result.errors.append((record["path"], record["error"]))
    finally:
        con.close()
    return result


# --- shared ------------------------------------------------------------------------------------------------


def _config_start(x: Source | Document) -> str:
    return x.source.path if isinstance(x, Document) else os.fspath(x)


def _discover(paths: list[str], opts: RunOptions) -> list[str]:
    return discover(paths, opts.include, opts.exclude, opts.follow_symlinks)


def _discover_or_refuse(paths: list[str], opts: RunOptions) -> list[str]:
    from .output.safe import safe_path

    files = _discover(paths, opts)
    if not files:
        raise UsageError("no report files found in " + ", ".join(map(safe_path, paths)))
    _refuse_outputs(opts, files)
    return files


def _refuse_outputs(opts: RunOptions, inputs: list[str], option: str = "-o") -> None:
    """An output the caller will write that is one of the inputs would destroy it: refused up front."""
    from .output.safe import safe_path

    for out in opts.outputs:
        for path in inputs:
            if _same_file(out, path):
                raise UsageError(f"{option} {safe_path(out)} is one of the input files; it would be overwritten")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _documents(sources: Iterable[Source | Document], opts: RunOptions,
               progress: Progress | None) -> tuple[list[Document], list[tuple[str, str]]]:  # fmt: skip
    given = list(sources)
    docs = [s for s in given if isinstance(s, Document)]
    paths = [os.fspath(s) for s in given if not isinstance(s, Document)]
    errors: list[tuple[str, str]] = []
    if paths:
        for p in map(_parsed, _run("parse", _discover_or_refuse(paths, opts), opts, None, progress)):
            if p.document is None:
                errors.append((p.path, p.error or ""))
            else:
                docs.append(p.document)
    return docs, errors


def _run(task: str, files: list[str], opts: RunOptions, config: CheckConfig | None,
         progress: Progress | None) -> Iterator[dict[str, Any]]:  # fmt: skip
    batch = BatchOptions(
        task=task, config=asdict(config) | {"source": None} if config else {}, jobs=opts.jobs,
        timeout=opts.timeout, executor=opts.executor, scheduler=opts.scheduler,
        cache_dir=os.fspath(opts.cache_dir) if opts.cache_dir else None, max_file_size_mb=opts.max_file_size_mb,
    )  # fmt: skip
    return run_batch(files, batch, on_record=_tell(progress, len(files)) if progress else None)


def _tell(progress: Progress, total: int) -> Any:
    def on_record(record: dict[str, Any]) -> None:
        found = Counter(f["severity"] for f in (record.get("report") or {}).get("findings", []))
        progress(FileDone(record["path"], record.get("error"), bool(record.get("cached")), dict(found), total))

    return on_record


__all__ += ["figures_frame", "packs", "run_fields", "FileDone", "command_config", "default_cache_dir", "quote",
            "MIN_TIMEOUT", "MAX_TIMEOUT", "SEVERITIES", "__version__", "check_schema", "document_schema"]  # fmt: skip


def __getattr__(name: str) -> Any:
    # The checks are not needed by parse, nor the key-figure comparison by parse or check: each is
    # imported when a caller asks for it.
    if name in ("FileReport", "Finding"):
        from .checks import model

        return getattr(model, name)
    if name in ("DiffResult", "TrendPoint"):
        from .compare import diff, trend

        return getattr(diff if name == "DiffResult" else trend, name)
    raise AttributeError(f"module 'kvcli.api' has no attribute {name!r}")
