"""The commands whose output must not change when the code is reorganised (tests/test_golden_outputs.py).

Each case is a command line run from the repository root with relative paths, so the outputs
name files the same way on every machine. ``python -m tests.golden_cases --update`` rewrites
tests/golden/ from the current code: do that only for a change of behaviour, never to make a
refactoring pass.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

SIX = ["samples/vetlanda-vuxen-2013.txt", "samples/vaxjo-arbete-valfard-2014.txt",
       "samples/vetlanda-familj-2014-2015.txt", "samples/jonkoping-behandling-2016.txt",
       "samples/vetlanda-familj-2014-2015.a.docx", "samples/jonkoping-behandling-2016.b.pdf"]  # fmt: skip
TXT = SIX[:4]
PAIR = ["samples/vetlanda-vuxen-2013.txt", "samples/vetlanda-familj-2014-2015.txt"]
YEARS = ["tests/fixtures/diff/enhet-2015.txt", "tests/fixtures/diff/enhet-2016.txt"]
NC = ["--no-cache"]

CASES: dict[str, list[str]] = {
    **{f"parse.{f}": ["parse", *SIX, "--format", f, *NC] for f in ("text", "json", "jsonl", "markdown")},
    **{f"check.{f}": ["check", "samples/", "--format", f, *NC] for f in ("text", "json", "sarif", "github", "junit")},
    "check.en": ["check", *TXT, "--lang", "en", *NC],
    "rules": ["rules"],
    "rules.explain": ["rules", "explain", "KV101"],
    **{f"diff.{f}": ["diff", *PAIR, "--format", f, *NC] for f in ("table", "markdown", "csv", "json")},
    "diff.all": ["diff", *PAIR, "--all", *NC],
    "diff.years": ["diff", *YEARS, "--threshold", "20", *NC],
    **{f"trend.{f}": ["trend", *TXT, "--format", f, *NC] for f in ("table", "markdown", "csv", "json")},
    "trend.figure": ["trend", *TXT, "--figure", "lex sarah", *NC],
    **{f"figures.{f}": ["figures", *SIX, "-o", f"{{out}}.{f}", *NC] for f in ("csv", "json")},
}

_JUNIT_TIME = re.compile(r' time="[0-9.]+"')
_SUMMARY_TIME = re.compile(r"(?m)^(kvcli: .*); [0-9.]+ s\b")


def normalise(text: str, tmp: Path) -> str:
    """Timings, the checkout's and the temporary folder's place are all that may differ between two runs."""
    text = _SUMMARY_TIME.sub(r"\1; {t} s", _JUNIT_TIME.sub(' time="0"', text))
    return text.replace(str(tmp), "{tmp}").replace(str(ROOT), "{root}")


def run_case(name: str, tmp: Path) -> dict[str, object]:
    from click.testing import CliRunner

    from kvcli.cli import main

    out = tmp / name
    args = [a.replace("{out}", str(out)) for a in CASES[name]]
    result = CliRunner().invoke(main, args)
    written = next((Path(a) for a in args if a.startswith(str(out))), None)
    return {
        "exit_code": result.exit_code,
        "stdout": normalise(result.stdout, tmp),
        "stderr": normalise(result.stderr, tmp),
        "file": normalise(written.read_text(encoding="utf-8"), tmp) if written is not None else None,
    }


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.json.gz"


def load(name: str) -> dict[str, object]:
    return json.loads(gzip.decompress(golden_path(name).read_bytes()).decode("utf-8"))


def save(name: str, got: dict[str, object]) -> None:
    data = json.dumps(got, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")
    golden_path(name).write_bytes(gzip.compress(data, mtime=0))


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    import os
    import tempfile

    os.chdir(ROOT)
    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            save(case, run_case(case, Path(tmp)))
            print("updated", golden_path(case).relative_to(ROOT))
