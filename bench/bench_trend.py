"""Time for ``kvcli trend`` over samples/ (20 reports: 4 reports × txt/docx/pdf renditions).

Run on demand:  python bench/bench_trend.py [--repeat 3] [PATH]

Reports three numbers: the whole command cold (``--no-cache``: every file parsed), the whole command
warm (parse results from a fresh cache directory filled by one run first), and the in-process
``kvcli.compare.trend.trend`` on already-parsed documents — the alignment itself.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import median_time

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(ROOT / "samples"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from kvcli.batch import discover

    files = discover((args.path,), (), ())
    cmd = [sys.executable, "-m", "kvcli", "trend", args.path, "-o", "/dev/null"]
    with tempfile.TemporaryDirectory() as cache:
        cold = median_time(lambda: subprocess.run([*cmd, "--no-cache"], check=True), args.repeat)
        subprocess.run([*cmd, "--cache-dir", cache], check=True)
        warm = median_time(lambda: subprocess.run([*cmd, "--cache-dir", cache], check=True), args.repeat)

    import kvcli
    from kvcli.compare.trend import trend

    docs = [kvcli.parse(f) for f in files]
    points: list[object] = []
    align_time = median_time(lambda: points.extend(trend(docs)), args.repeat)
    series = len({p.series for p in trend(docs)})
    print(f"{len(files)} reports, {sum(len(d.figures) for d in docs)} figures -> {series} series")
    print(f"kvcli trend, cold (--no-cache): {cold:.2f} s")
    print(f"kvcli trend, warm cache:        {warm:.2f} s")
    print(f"trend() on parsed documents:    {align_time * 1000:.0f} ms")


if __name__ == "__main__":
    main()
