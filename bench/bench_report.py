"""`kvcli report` over 300 documents: the page build beyond the cached checks, and the page's size.

    python bench/bench_report.py [--copies 15] [--repeat 3] [--keep PAGE.html]

The archive is bench_archive.py's: the samples copied with distinct bytes (no copy is a cache hit for
another) that parse the same. The cache is filled by one cold run first; then, each the median of
--repeat runs in this process:

* cached checks — the batch runner answering every file from the cache (the part the page shares with
  `kvcli check`);
* page build — everything after that: typed inputs from the records, the trend alignment, the HTML,
  the atomic write. Target: <= 2 s for 300 documents; page < 5 MB.

Baselines measured in the same run: `kvcli check --format json` and `kvcli report`, each a fresh warm
process timed from outside (their ratio is what the page costs over the check a user runs anyway), and
the trend alignment over every document without merging renditions (what merging saves).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench_archive import build
from timing import median_time

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=15)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="Also write the page here, to look at.")
    a = ap.parse_args()

    from dataclasses import asdict

    from kvcli import __version__
    from kvcli.atomic import write_atomic
    from kvcli.batch import BatchOptions, discover, run_batch
    from kvcli.checks import packs_for
    from kvcli.checks.model import FileReport
    from kvcli.compare.trend import trend
    from kvcli.config import CheckConfig
    from kvcli.model import Document
    from kvcli.output.report import PackInfo, ReportEntry, ReportMeta, Unreadable, render_report
    from kvcli.output.report.series import choose_series

    with tempfile.TemporaryDirectory(prefix="kvcli-bench-report-") as tmp:
        root = Path(tmp) / "arkiv"
        n = build(root, a.copies)
        cache = str(Path(tmp) / "cache")
        cfg = CheckConfig()
        opts = BatchOptions(task="index", config=asdict(cfg) | {"source": None}, jobs=2, cache_dir=cache)
        files = discover([str(root)])
        t0 = time.perf_counter()
        list(run_batch(files, opts))
        cold = time.perf_counter() - t0
        print(f"archive: {n} documents; cold index run (--jobs 2, fills the cache): {cold:.1f} s")

        records: list[dict[str, Any]] = []
        batch = median_time(lambda: records.__setitem__(slice(None), list(run_batch(files, opts))), a.repeat)
        assert all(r["cached"] for r in records)
        packs = packs_for(cfg)
        meta = ReportMeta(generated=datetime.now().astimezone(), version=__version__, inputs=[str(root)],
                          packs=[PackInfo(p.name, p.title, p.sha256) for p in packs],
                          concepts=list({k: c for p in packs for k, c in p.concepts.items()}.values()))  # fmt: skip
        page = Path(tmp) / "översikt.html"

        def typed() -> tuple[list[ReportEntry], list[Unreadable]]:
            entries = [ReportEntry(Document.from_dict(r["document"]), FileReport.from_record(r))
                       for r in records if not r.get("error")]  # fmt: skip
            return entries, [Unreadable(r["path"], r["error"]) for r in records if r.get("error")]

        def build_page() -> None:
            entries, unreadable = typed()
            write_atomic(page, render_report(entries, unreadable, meta, "sv"))

        total = median_time(build_page, a.repeat)
        entries, _ = typed()
        docs = [e.document for e in entries]
        inputs = median_time(typed, a.repeat)
        series = median_time(lambda: choose_series(docs), a.repeat)
        size = page.stat().st_size
        if a.keep:
            a.keep.write_bytes(page.read_bytes())

        print(f"cached checks (batch runner, all from cache): {batch:.2f} s")
        ok_time, ok_size = total <= 2.0, size < 5 * 1024 * 1024
        print(
            f"page build beyond the cached checks:         {total:.2f} s  (target <= 2 s: {'ok' if ok_time else 'MISSED'})"
        )
        print(f"  typed inputs from the records:             {inputs:.2f} s")
        print(f"  key-figure series (trend over renditions merged): {series:.2f} s")
        print(f"page size: {size / 1024 / 1024:.2f} MB  (target < 5 MB: {'ok' if ok_size else 'MISSED'})")

        t0 = time.perf_counter()
        trend(docs)
        print(
            f"baseline: trend over all {len(docs)} documents, renditions not merged: {time.perf_counter() - t0:.2f} s"
        )
        common = ["--jobs", "2", "--cache-dir", cache]
        subprocess.run(
            [sys.executable, "-m", "kvcli", "check", str(root), "--format", "json", "--exit-zero", *common],
            capture_output=True,
            check=True,
        )  # fmt: skip  (fills the check task's cache)
        check_s = median_time(lambda: subprocess.run(
            [sys.executable, "-m", "kvcli", "check", str(root), "--format", "json", "--exit-zero", *common],
            capture_output=True, check=True), a.repeat)  # fmt: skip
        report_s = median_time(lambda: subprocess.run(
            [sys.executable, "-m", "kvcli", "report", str(root), "-o", str(page), *common],
            capture_output=True, check=True), a.repeat)  # fmt: skip
        print(f"warm kvcli check --format json: {check_s:.2f} s; warm kvcli report: {report_s:.2f} s "
              f"(x{report_s / check_s:.2f} of check)")  # fmt: skip
        if not (ok_time and ok_size):
            sys.exit(1)


if __name__ == "__main__":
    main()
