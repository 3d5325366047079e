"""kvcli full parse vs pdfplumber's bare text dump, per sample PDF, measured in the same run.

    python bench/bench_formats.py [--repeat 5]

For each PDF: the median time of pdfplumber `page.extract_text()` over all pages (the
baseline), and of `kvcli.parse` (text, structure, tables, figures, questions, metadata).
The ratio kvcli / pdfplumber is the number to watch (target < 1.0). The decompression-bomb
pre-scan, part of every parse, is also timed on its own ("scan") so its share stays visible. Word files are
timed too (no baseline: python-docx's bare paragraph text is given for scale).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from timing import median_time

ROOT = Path(__file__).resolve().parent.parent


def plumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def docx_text(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    "\n".join(p.text for p in d.paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import kvcli

    kvcli.parse(next((ROOT / "samples").glob("*.pdf")))  # warm imports
    from kvcli.limits import DEFAULT_LIMITS
    from kvcli.readers.pdf_safety import check_streams

    print(f"{'file':42} {'pdfplumber':>11} {'kvcli':>9} {'ratio':>7} {'scan':>9}")
    ratios = []
    for f in sorted((ROOT / "samples").glob("*.pdf")):
        base = median_time(lambda f=f: plumber_text(f), args.repeat)
        ours = median_time(lambda f=f: kvcli.parse(f), args.repeat)
        data = f.read_bytes()
        scan = median_time(lambda data=data: check_streams("bench", data, DEFAULT_LIMITS), args.repeat)
        ratios.append(ours / base)
        print(
            f"{f.name:42} {base * 1000:9.0f}ms {ours * 1000:7.0f}ms {ours / base:7.2f} {scan * 1000:7.1f}ms"
        )
    print(f"median ratio kvcli/pdfplumber: {statistics.median(ratios):.2f} (max {max(ratios):.2f})")
    print(f"\n{'file':42} {'python-docx text':>16} {'kvcli':>9}")
    for f in sorted((ROOT / "samples").glob("*.docx")):
        base = median_time(lambda f=f: docx_text(f), args.repeat)
        ours = median_time(lambda f=f: kvcli.parse(f), args.repeat)
        print(f"{f.name:42} {base * 1000:14.0f}ms {ours * 1000:7.0f}ms")


if __name__ == "__main__":
    main()
