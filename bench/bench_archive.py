"""Archive benchmark: >= 300 documents built from the samples (all formats), run through `kvcli check`.

    python bench/bench_archive.py [--copies 15] [--skip-dask]

Reports, measured in the same run: documents/second cold with --jobs 1 and --jobs 2 (and their ratio),
the warm-cache re-run against the cold one (target: warm >= 50x faster), the same cold run under
--executor dask, and peak memory. Each timed run is a fresh `kvcli` process, timed from outside. Peak memory
per worker comes from the records themselves (every worker reports its own ru_maxrss), in one more cold
--jobs 2 run through the batch API; the peak of the whole process tree (runner included) from
RUSAGE_CHILDREN.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(root: Path, copies: int) -> int:
    n = 0
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    for c in range(copies):
        d = root / f"enhet-{c:02d}" / ("arkiv" if c % 2 else "")
        d.mkdir(parents=True, exist_ok=True)
        for s in samples:
            # Every copy gets different bytes (so none is a cache hit for another) that parse the same:
            # trailing newlines for text, a zip comment for Word, a trailing PDF comment for PDF.
            target = d / f"{s.stem}-{c}{s.suffix}"
            if s.suffix == ".txt":
                target.write_bytes(s.read_bytes() + b"\n" * (c + 1))
            elif s.suffix == ".docx":
                with zipfile.ZipFile(s) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
                    for info in src.infolist():
                        dst.writestr(info, src.read(info))
                    dst.comment = f"kopia {c}".encode()
            else:
                target.write_bytes(s.read_bytes() + f"\n% kopia {c}\n".encode())
            n += 1
    return n


# As a user's install runs: with compiled bytecode. A shell that sets PYTHONDONTWRITEBYTECODE would otherwise
# have every run compile kvcli's modules again, which a warm run (0.4 s) cannot hide.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str]) -> tuple[float, dict[str, object], int]:
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run([sys.executable, "-m", "kvcli", "check", *args, "--format", "json", "--exit-zero"],
                       capture_output=True, text=True, env=ENV)  # fmt: skip
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode not in (0, 2):
        raise SystemExit(p.stderr)
    return secs, json.loads(p.stdout)["summary"], max(before, peak)


def worker_peak_mb(root: Path) -> tuple[float, float]:
    """(largest, median) peak RSS over the worker processes of a cold --jobs 2 run, in MB."""
    from kvcli.batch import BatchOptions, discover, run_batch

    files = discover([root])
    peaks = [r["maxrss_kb"] / 1024 for r in run_batch(files, BatchOptions(task="check", jobs=2))]
    return max(peaks), statistics.median(peaks)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=15)
    ap.add_argument("--skip-dask", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kvcli-bench-") as tmp:
        root = Path(tmp) / "arkiv"
        n = build(root, a.copies)
        print(f"archive: {n} documents (.txt/.docx/.pdf) in {root}")
        cache = Path(tmp) / "cache"
        c1, s1, m1 = run([str(root), "--jobs", "1", "--no-cache"])
        print(f"cold --jobs 1: {c1:6.1f} s  {n / c1:6.1f} docs/s  summary {s1}")
        c2, s2, m2 = run([str(root), "--jobs", "2", "--cache-dir", str(cache)])  # cold: the cache starts empty
        print(f"cold --jobs 2: {c2:6.1f} s  {n / c2:6.1f} docs/s  scaling x{c1 / c2:.2f} vs --jobs 1")
        w, sw, _ = run([str(root), "--jobs", "2", "--cache-dir", str(cache)])
        print(f"warm (cache):  {w:6.1f} s  {n / w:6.1f} docs/s  x{c2 / w:.1f} faster than cold --jobs 2")
        print(f"peak RSS of the largest process in the tree (runner or worker): {max(m1, m2) / 1024:.0f} MB")
        top, mid = worker_peak_mb(root)
        print(f"peak RSS per worker (cold --jobs 2): largest {top:.0f} MB, median over files {mid:.0f} MB")
        if not a.skip_dask:
            d, sd, _ = run([str(root), "--executor", "dask", "--jobs", "2", "--no-cache"])
            print(f"cold dask (local cluster, 2 workers): {d:6.1f} s  {n / d:6.1f} docs/s  (x{c2 / d:.2f} vs --jobs 2)")
            assert sd == s2, "dask and local runs disagree"
        assert s1 == s2 == sw, "runs disagree"


if __name__ == "__main__":
    main()
