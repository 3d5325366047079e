"""kvcli full parse vs pdfplumber's bare text dump, per PDF, measured in the same run.

    python bench/bench_formats.py [--repeat 5] [--against REF] [FILE_OR_DIR ...]

For each PDF (the samples unless files or folders are given): the median time of pdfplumber
`page.extract_text()` over all pages (the baseline), and of `kvcli.parse` (text, structure, tables,
figures, questions, metadata), also per page. The ratio kvcli / pdfplumber is the number to watch
(target < 1.0). The decompression-bomb pre-scan, part of every parse, is also timed on its own
("scan") so its share stays visible. Word files among the samples are timed too (no baseline:
python-docx's bare paragraph text is given for scale).

``--against REF`` also times the kvcli of a git revision (say ``main``) on the same files in the same
run, each version in a fresh interpreter, alternating, so a change to the reader is judged against the
code it replaces on the same machine at the same moment: the ``new/old`` column is the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from timing import median_time

ROOT = Path(__file__).resolve().parent.parent

# Run in a child interpreter whose sys.path starts with one kvcli checkout: the median parse time of
# each file, as JSON.
_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(1, sys.argv[2])
from timing import median_time
import kvcli
files, repeat = json.loads(sys.argv[3]), int(sys.argv[4])
kvcli.parse(files[0])
print(json.dumps({f: median_time(lambda f=f: kvcli.parse(f), repeat) for f in files}))
"""


def plumber_text(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def docx_text(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    "\n".join(p.text for p in d.paragraphs)


def pdf_files(args: list[str]) -> list[Path]:
    if not args:
        return sorted((ROOT / "samples").glob("*.pdf"))
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    return out


def export_revision(ref: str, dest: Path) -> Path:
    """The kvcli package of a git revision, unpacked under ``dest`` (the working tree is not touched)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "kvcli"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def child_times(checkout: Path, files: list[Path], repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(checkout), str(ROOT / "bench"), json.dumps([str(f) for f in files]),
         str(repeat)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return {k: float(v) for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}


def compare(ref: str, files: list[Path], repeat: int) -> None:
    """Old and new kvcli, alternating rounds so that a busy moment of the machine hits both alike."""
    with tempfile.TemporaryDirectory(prefix="kvcli-bench-") as tmp:
        old_root = export_revision(ref, Path(tmp))
        new: dict[str, list[float]] = {str(f): [] for f in files}
        old: dict[str, list[float]] = {str(f): [] for f in files}
        for _ in range(repeat):
            for f, t in child_times(ROOT, files, 1).items():
                new[f].append(t)
            for f, t in child_times(old_root, files, 1).items():
                old[f].append(t)
    print(f"\n{'file':42} {'pages':>5} {ref + ' ms/page':>14} {'now ms/page':>12} {'new/old':>8}")
    ratios = []
    for f in files:
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(f)))
        o, n = statistics.median(old[str(f)]), statistics.median(new[str(f)])
        ratios.append(n / o)
        print(f"{f.name:42} {pages:5} {o * 1000 / pages:14.1f} {n * 1000 / pages:12.1f} {n / o:8.2f}")
    print(f"new/old per page: median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--against", metavar="REF", help="also time this git revision's kvcli, same run")
    ap.add_argument("paths", nargs="*", help="PDF files or folders (default: samples/)")
    args = ap.parse_args()
    import kvcli

    files = pdf_files(args.paths)
    kvcli.parse(files[0])  # warm imports
    from kvcli.limits import DEFAULT_LIMITS
    from kvcli.readers.pdf_safety import check_streams

    print(f"{'file':42} {'pdfplumber':>11} {'kvcli':>9} {'ms/page':>8} {'ratio':>7} {'scan':>9}")
    ratios = []
    for f in files:
        pages = plumber_text(f)
        base = median_time(lambda f=f: plumber_text(f), args.repeat)
        ours = median_time(lambda f=f: kvcli.parse(f), args.repeat)
        data = f.read_bytes()
        scan = median_time(lambda data=data: check_streams("bench", data, DEFAULT_LIMITS), args.repeat)
        ratios.append(ours / base)
        print(
            f"{f.name:42} {base * 1000:9.0f}ms {ours * 1000:7.0f}ms {ours * 1000 / max(1, pages):8.1f}"
            f" {ours / base:7.2f} {scan * 1000:7.1f}ms"
        )
    print(f"median ratio kvcli/pdfplumber: {statistics.median(ratios):.2f} (max {max(ratios):.2f})")
    if args.against:
        compare(args.against, files, args.repeat)
    if args.paths:
        return
    print(f"\n{'file':42} {'python-docx text':>16} {'kvcli':>9}")
    for f in sorted((ROOT / "samples").glob("*.docx")):
        base = median_time(lambda f=f: docx_text(f), args.repeat)
        ours = median_time(lambda f=f: kvcli.parse(f), args.repeat)
        print(f"{f.name:42} {base * 1000:14.0f}ms {ours * 1000:7.0f}ms")


if __name__ == "__main__":
    main()
