"""Parse time per sample: in-process (kvcli.parse, median of N) and whole process (`kvcli parse FILE`).

Run on demand:  python bench/bench_parse.py [--repeat 20] [FILES...]
The whole-process number includes interpreter start-up and imports; `python -c pass` is measured in the
same run as a baseline, since this machine is noisy and absolute times drift.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from timing import median_time

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--process-repeat", type=int, default=5)
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or sorted((ROOT / "samples").glob("*.*"))

    import kvcli

    kvcli.parse(files[0])  # warm imports so the in-process number is parsing only
    baseline = median_time(
        lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.process_repeat
    )
    imports = median_time(
        lambda: subprocess.run([sys.executable, "-c", "import kvcli.cli"], check=True), args.process_repeat
    )
    print(f"python start-up: {baseline * 1000:.0f} ms; start-up + import kvcli.cli: {imports * 1000:.0f} ms")
    print(f"{'file':45} {'in-process':>12} {'process':>10} {'ratio':>7}")
    for f in files:
        inproc = median_time(lambda f=f: kvcli.parse(f), args.repeat)
        proc = median_time(
            lambda f=f: subprocess.run(
                [sys.executable, "-m", "kvcli", "parse", str(f), "--format", "json"],
                check=True,
                stdout=subprocess.DEVNULL,
            ),
            args.process_repeat,
        )
        print(f"{f.name:45} {inproc * 1000:10.1f}ms {proc * 1000:8.0f}ms {proc / baseline:6.1f}x")
    print("ratio = whole-process time / bare python start-up, measured in this run")


if __name__ == "__main__":
    main()
