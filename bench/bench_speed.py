"""The speed table, in one run: PDF parse against bare pdfium and pdfplumber, start-up, and an archive.

    python bench/bench_speed.py [--repeat 5] [--archive-repeat 3] [--copies 15] [--skip-archive]
                                [--skip-pdfplumber] [--skip-startup] [PDF_OR_DIR ...]

Every figure is the median of several runs and every ratio is against a baseline measured in the same
run, because this machine is shared and absolute times drift:

* PDF (the samples' PDFs and any PDFs or folders given): in-process CPU time of `kvcli.parse` (text,
  structure, tables, figures; no cache) against bare pypdfium2 text extraction
  (`get_textpage().get_text_range()` for every page) and pdfplumber's `extract_text()`; pages/s; and the
  peak RSS of a `kvcli parse FILE` process. Then the same three as whole processes (CPU with start-up,
  `kvcli parse --no-cache FILE --format json` against a script doing the bare extraction), the measure
  the issue's first table used. Targets: kvcli <= 2.5x pypdfium2, <= 0.1x pdfplumber.
* Start-up, whole process, wall time: `kvcli --version`, `--help`, `rules` and a one-off
  `kvcli check --no-cache samples/vetlanda-vuxen-2013.txt` against `python -c pass`
  (targets: --version <= 2.5x, the one-off check <= 8x).
* Archive: 300 documents made from the samples (see bench_archive.py), `kvcli check` cold with --jobs 1
  and --jobs 2 and warm from the cache (targets: --jobs 2 >= 1.8x --jobs 1, warm >= 50x cold), and the
  peak RSS of each worker (target <= 100 MB).

Child processes run without PYTHONDONTWRITEBYTECODE, as a user's would: start-up is then measured with
compiled bytecode, after one warm-up run.
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
from pathlib import Path

import bench_archive

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# One file, in a fresh interpreter: median CPU seconds of each way of reading it, and the page count.
_PDF_CHILD = r"""
import json, statistics, sys, time
import pypdfium2 as pdfium
import kvcli

path, repeat, plumber = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"

def bare():
    doc = pdfium.PdfDocument(path)
    for page in doc:
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    doc.close()

def kv():
    kvcli.parse(path)

def plumb():
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()

def cpu(fn, n):
    fn()  # warm: imports and first-call costs are not the file's
    times = []
    for _ in range(n):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)

pages = len(pdfium.PdfDocument(path))
out = {"pages": pages, "bare": cpu(bare, repeat), "kvcli": cpu(kv, repeat)}
out["pdfplumber"] = cpu(plumb, max(1, repeat // 2)) if plumber else None
print(json.dumps(out))
"""


def wall(cmd: list[str], repeat: int) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT)  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def child_peak_mb(cmd: list[str]) -> float:
    """Peak RSS of a child process, from its own /proc status just before it exits."""
    probe = ("import runpy, sys, atexit\n"
             "from kvcli.batch.peak import peak_rss_kb\n"
             "atexit.register(lambda: sys.stderr.write(f'PEAK {peak_rss_kb()}\\n'))\n"
             "sys.argv = sys.argv[1:]\n"
             "runpy.run_module('kvcli', run_name='__main__')\n")  # fmt: skip
    p = subprocess.run([sys.executable, "-c", probe, "kvcli", *cmd], capture_output=True, text=True, env=ENV,
                       cwd=ROOT)  # fmt: skip
    lines = [ln for ln in p.stderr.splitlines() if ln.startswith("PEAK ")]
    return int(lines[-1].split()[1]) / 1024 if lines else float("nan")


_BARE_SCRIPT = """
import sys
import pypdfium2 as pdfium
doc = pdfium.PdfDocument(sys.argv[1])
for page in doc:
    tp = page.get_textpage()
    tp.get_text_range()
    tp.close()
    page.close()
"""

_PLUMBER_SCRIPT = """
import sys
import pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
"""


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one child process, start-up included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process(f: Path, repeat: int, plumber: bool) -> dict[str, float]:
    """Median CPU of each way of reading ``f`` as a whole process (the issue's own measure), alternating."""
    py = sys.executable
    cmds = {"bare": [py, "-c", _BARE_SCRIPT, str(f)],
            "kvcli": [py, "-m", "kvcli", "parse", "--no-cache", str(f), "--format", "json"]}  # fmt: skip
    if plumber:
        cmds["pdfplumber"] = [py, "-c", _PLUMBER_SCRIPT, str(f)]
    for cmd in cmds.values():
        child_cpu(cmd)  # warm-up: bytecode compiled, file in the page cache
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for k, cmd in cmds.items():
            times[k].append(child_cpu(cmd))
    return {k: statistics.median(v) for k, v in times.items()}


def pdfs(args: list[str]) -> list[Path]:
    found = sorted((ROOT / "samples").glob("*.pdf"))
    for a in args:
        p = Path(a)
        found += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    return found


def pdf_table(files: list[Path], repeat: int, plumber: bool) -> None:
    print(f"\n## PDF parse (CPU s, median of {repeat}; in-process, after a warm-up)")
    head = (f"{'file':44} {'pages':>5} {'pdfium':>8} {'kvcli':>8} {'x pdfium':>8} {'pages/s':>8} "
            f"{'plumber':>8} {'x plumber':>9} {'RSS MB':>7}")  # fmt: skip
    print(head)
    ratios, plumb_ratios = [], []
    for f in files:
        p = subprocess.run([sys.executable, "-c", _PDF_CHILD, str(f), str(repeat), "1" if plumber else "0"],
                           capture_output=True, text=True, env=ENV, cwd=ROOT)  # fmt: skip
        if p.returncode:
            print(f"{f.name:44} failed: {p.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(p.stdout)
        ratio = r["kvcli"] / r["bare"]
        ratios.append(ratio)
        pl = r["pdfplumber"]
        pl_text = f"{pl:8.3f} {r['kvcli'] / pl:9.3f}" if pl else f"{'-':>8} {'-':>9}"
        if pl:
            plumb_ratios.append(r["kvcli"] / pl)
        rss = child_peak_mb(["parse", "--no-cache", str(f), "--format", "json"])
        print(f"{f.name[:44]:44} {r['pages']:5d} {r['bare']:8.3f} {r['kvcli']:8.3f} {ratio:8.2f} "
              f"{r['pages'] / r['kvcli']:8.0f} {pl_text} {rss:7.0f}")  # fmt: skip
    if ratios:
        print(f"kvcli / pypdfium2: median {statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x (target <= 2.5x)")
    if plumb_ratios:
        print(f"kvcli / pdfplumber: median {statistics.median(plumb_ratios):.3f}x, worst {max(plumb_ratios):.3f}x "
              "(target <= 0.1x)")  # fmt: skip
    print(f"\n## PDF parse, whole process (CPU s incl. start-up, median of {repeat}; `kvcli parse --format json`)")
    print(f"{'file':44} {'pdfium':>8} {'kvcli':>8} {'x pdfium':>8} {'plumber':>8} {'x plumber':>9}")
    ratios, plumb_ratios = [], []
    for f in files:
        r = whole_process(f, repeat, plumber)
        ratios.append(r["kvcli"] / r["bare"])
        pl = r.get("pdfplumber")
        if pl:
            plumb_ratios.append(r["kvcli"] / pl)
        pl_text = f"{pl:8.3f} {r['kvcli'] / pl:9.3f}" if pl else f"{'-':>8} {'-':>9}"
        print(f"{f.name[:44]:44} {r['bare']:8.3f} {r['kvcli']:8.3f} {ratios[-1]:8.2f} {pl_text}")
    if ratios:
        print(f"kvcli / pypdfium2 (whole process): median {statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x")
    if plumb_ratios:
        print(f"kvcli / pdfplumber (whole process): median {statistics.median(plumb_ratios):.3f}x, "
              f"worst {max(plumb_ratios):.3f}x")  # fmt: skip


def startup_table(repeat: int) -> None:
    print(f"\n## Start-up (whole process, wall s, median of {repeat})")
    py = sys.executable
    base = wall([py, "-c", "pass"], repeat)
    print(f"{'python -c pass':60} {base:7.3f}")
    rows = [
        ("kvcli --version", [py, "-m", "kvcli", "--version"], 2.5),
        ("kvcli --help", [py, "-m", "kvcli", "--help"], None),
        ("kvcli rules", [py, "-m", "kvcli", "rules"], None),
        ("kvcli check --no-cache samples/vetlanda-vuxen-2013.txt",
         [py, "-m", "kvcli", "check", "--no-cache", "samples/vetlanda-vuxen-2013.txt"], 8.0),
    ]  # fmt: skip
    for label, cmd, target in rows:
        t = wall(cmd, repeat)
        goal = f"(target <= {target:g}x)" if target else ""
        print(f"{label:60} {t:7.3f} {t / base:6.1f}x {goal}")


def archive_table(copies: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kvcli-bench-") as tmp:
        root = Path(tmp) / "arkiv"
        n = bench_archive.build(root, copies)
        print(f"\n## Archive: {n} documents, kvcli check (wall s, median of {repeat})")
        cold1, cold2, warm = [], [], []
        for k in range(repeat):
            cache = Path(tmp) / f"cache-{k}"
            cold1.append(bench_archive.run([str(root), "--jobs", "1", "--no-cache"])[0])
            cold2.append(bench_archive.run([str(root), "--jobs", "2", "--cache-dir", str(cache)])[0])
            warm += [bench_archive.run([str(root), "--jobs", "2", "--cache-dir", str(cache)])[0] for _ in range(3)]
        c1, c2, w = statistics.median(cold1), statistics.median(cold2), statistics.median(warm)
        print(f"cold --jobs 1  {c1:7.1f} s  {n / c1:6.1f} docs/s")
        print(f"cold --jobs 2  {c2:7.1f} s  {n / c2:6.1f} docs/s  {c1 / c2:.2f}x --jobs 1 (target >= 1.8x)")
        print(f"warm --jobs 2  {w:7.2f} s  {n / w:6.0f} docs/s  {c2 / w:.0f}x cold --jobs 2 (target >= 50x)")
        top, mid = bench_archive.worker_peak_mb(root)
        print(f"peak RSS per worker: largest {top:.0f} MB, median {mid:.0f} MB (target <= 100 MB)")
        print(f"(cores: {os.cpu_count()}; load average at the end: {os.getloadavg()[0]:.1f})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", help="more PDFs, or folders of them (the samples' PDFs are always timed)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--archive-repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=15)
    ap.add_argument("--skip-archive", action="store_true")
    ap.add_argument("--skip-pdfplumber", action="store_true")
    ap.add_argument("--skip-startup", action="store_true")
    a = ap.parse_args()
    plumber = not a.skip_pdfplumber
    if plumber:
        try:
            import pdfplumber  # noqa: F401
        except ImportError:
            print("(pdfplumber not installed: its column is left out)")
            plumber = False
    if not a.skip_startup:
        startup_table(max(a.repeat, 5))
    pdf_table(pdfs(a.paths), a.repeat, plumber)
    if not a.skip_archive:
        archive_table(a.copies, a.archive_repeat)


if __name__ == "__main__":
    main()
