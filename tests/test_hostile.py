"""Hostile and broken inputs: bombs refused in bounded memory, inputs never modified, interrupts clean, no pnr leaks."""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_factory import raw_pdf

from kvcli.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PNR = "811218-9876"

PROBE = """
import json, sys, time
from kvcli.api import parse
from kvcli.batch.peak import peak_rss_kb
from kvcli.errors import InputError
t0 = time.perf_counter()
try:
    parse(sys.argv[1])
    outcome = "parsed"
except InputError as exc:
    outcome = str(exc)
print(json.dumps({"outcome": outcome, "maxrss_mb": peak_rss_kb() / 1024,
                  "seconds": time.perf_counter() - t0}))
"""


def probe(path: Path) -> dict[str, object]:
    """Parse in a fresh interpreter; peak RSS is that process's, measured by the kernel."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout)
    return result




def test_pdf_with_a_huge_page_count_is_refused(tmp_path: Path) -> None:
    n = 50_000
    kids = b" ".join([b"3 0 R"] * n)
    pdf = raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ])  # fmt: skip
    f = tmp_path / "many.pdf"
    f.write_bytes(pdf)
    r = probe(f)
    assert str(r["outcome"]).endswith("PDF has 50,000 pages, over the limit of 2,000")
    assert float(str(r["maxrss_mb"])) < 300


@pytest.mark.slow
def test_pdf_decompression_bomb_is_refused(tmp_path: Path) -> None:
    comp = zlib.compressobj(9)
    chunks = [comp.compress(b"\0" * (1 << 20)) for _ in range(400)]  # 400 MB of zeros → ~400 KB
    stream = b"".join(chunks) + comp.flush()
    pdf = raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])  # fmt: skip
    f = tmp_path / "bomb.pdf"
    f.write_bytes(pdf)
    r = probe(f)
    assert "decompression bomb" in str(r["outcome"])
    assert float(str(r["maxrss_mb"])) < 300


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["zip", "entities", "nesting"])
def test_docx_bombs_refused_in_bounded_memory(tmp_path: Path, kind: str) -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        if kind == "zip":
            with z.open("word/document.xml", "w", force_zip64=True) as fh:
                for _ in range(1024):  # 1 GB of zeros
                    fh.write(b"\0" * (1 << 20))
        elif kind == "entities":
            ents = "".join(
                f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(12)
            )
            z.writestr("word/document.xml", f'<?xml version="1.0"?><!DOCTYPE d [{ents}]><d>&l11;</d>')
        else:
            z.writestr("word/document.xml", "<a>" * 100_000 + "</a>" * 100_000)
    f = tmp_path / f"{kind}.docx"
    f.write_bytes(buf.getvalue())
    r = probe(f)
    assert any(s in str(r["outcome"]) for s in ("zip bomb", "entity", "nested too deeply")), r
    assert float(str(r["maxrss_mb"])) < 300


def _fingerprint(root: Path) -> dict[str, tuple[str, float]]:
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.mark.slow
def test_inputs_never_modified_even_on_failure(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for name in (
        "vetlanda-vuxen-2013.a.docx",
        "jonkoping-behandling-2016.b.pdf",
        "vaxjo-arbete-valfard-2014.txt",
    ):
        (d / name).write_bytes((SAMPLES / name).read_bytes())
    (d / "trasig.docx").write_bytes(b"PK\x03\x04 broken")
    (d / "tom.pdf").write_bytes(b"")
    before = _fingerprint(d)
    runner = CliRunner()
    runner.invoke(main, ["parse", str(d), "--format", "json"])
    runner.invoke(main, ["check", str(d), "--format", "sarif", "--jobs", "2", "--no-cache"])
    runner.invoke(main, ["figures", str(d), "-o", str(tmp_path / "f.csv")])
    runner.invoke(main, ["index", str(d), "--db", str(tmp_path / "i.sqlite"), "--no-cache"])
    assert _fingerprint(d) == before


def _default_sigint() -> None:
    # A test run started in the background of a non-interactive shell inherits SIGINT ignored, and Python then
    # installs no KeyboardInterrupt handler: the child must see Ctrl-C as a terminal user's kvcli would.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_keeps_old_output_and_exits_130(tmp_path: Path, sig: int) -> None:
    d = tmp_path / "arkiv"
    d.mkdir()
    for i in range(40):
        (d / f"r{i:02d}.pdf").write_bytes((SAMPLES / "vetlanda-familj-2014-2015.a.pdf").read_bytes())
    out = tmp_path / "res.json"
    out.write_text("OLD", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kvcli", "check", str(d), "-o", str(out), "--format", "json",
                             "--no-cache", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_default_sigint)  # fmt: skip
    time.sleep(4)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert out.read_text(encoding="utf-8") == "OLD"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".res.json")] == []
    assert b"interrupted after" in err and b"files" in err


def test_personnummer_masked_in_every_output(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    report = (
        f"Kvalitetsberättelse 2016\n\nInledning\n\nBrukaren {PNR} klagade.\n\n"
        f"Ärende\tAntal\n{PNR}\t3\nÖvrigt\t2\n"
    )
    (d / f"rapport {PNR}.txt").write_text(report, encoding="utf-8")
    (d / f"trasig {PNR}.docx").write_bytes(b"PK\x03\x04 broken")
    cache = tmp_path / "cache"
    runner = CliRunner()
    outputs = []
    for fmt in ("text", "json", "jsonl", "markdown"):
        r = runner.invoke(main, ["parse", str(d), "--format", fmt])
        outputs += [r.stdout, r.stderr]
    for fmt in ("text", "json", "sarif", "github", "junit"):
        r = runner.invoke(main, ["check", str(d), "--format", fmt, "--cache-dir", str(cache)])
        outputs += [r.stdout, r.stderr]
    for ext in ("csv", "json", "xlsx"):
        r = runner.invoke(main, ["figures", str(d), "-o", str(tmp_path / f"f.{ext}")])
        outputs += [r.stdout, r.stderr]
    r = runner.invoke(main, ["index", str(d), "--db", str(tmp_path / "i.sqlite"), "--cache-dir", str(cache)])
    outputs += [r.stdout, r.stderr]
    con = sqlite3.connect(tmp_path / "i.sqlite")
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        outputs += [repr(row) for row in con.execute(f"SELECT * FROM {table}")]  # noqa: S608
    outputs += [p.read_text(encoding="utf-8") for p in cache.rglob("*.json")]
    outputs.append(str(pd_read_xlsx(tmp_path / "f.xlsx")))
    outputs += [(tmp_path / f"f.{ext}").read_text(encoding="utf-8-sig") for ext in ("csv", "json")]
    joined = "\n".join(outputs)
    assert "811218-****" in joined
    assert PNR not in joined and PNR.replace("-", "") not in joined


def pd_read_xlsx(path: Path) -> object:
    import pandas as pd

    return pd.read_excel(path).to_dict()
