"""Issue 10, item 10: the cache key covers everything that decides a result, and entries are checked on read.

A result comes from the cache only when the same bytes would be read by the same reader under the same
options; a tampered or oversized entry is a silent miss, rebuilt, and the run's output is exactly what a
``--no-cache`` run prints.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from kvcli.batch import cache as cache_module
from kvcli.batch.cache import Cache
from kvcli.batch.entries import valid_entry
from kvcli.batch.strict_schema import compile_strict
from kvcli.batch.tasks import TaskOptions, cache_key, cached_record
from kvcli.cli import main
from kvcli.schema import check_schema, document_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TEXT = SAMPLES / "jonkoping-behandling-2016.txt"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


def figures(path: Path, cache: Path | None) -> tuple[int, str, str]:
    """Exit code, stderr and the CSV written; the same output path every time, as stderr names it."""
    out = path.parent / "figures.csv"
    out.unlink(missing_ok=True)
    where = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    code, _, stderr = run("figures", str(path), "-o", str(out), *where)
    return code, stderr, out.read_text(encoding="utf-8") if out.exists() else ""


@pytest.mark.slow
def test_item10_same_bytes_under_another_reader_are_not_served_from_the_cache(tmp_path: Path) -> None:
    txt, odt = tmp_path / "rapport.txt", tmp_path / "rapport.odt"
    txt.write_bytes(TEXT.read_bytes())
    odt.write_bytes(TEXT.read_bytes())
    cache = tmp_path / "cache"
    warm = figures(txt, cache)
    # Its 23 table cells and the counts its sentences state (prose figures).
    assert warm[0] == 0 and "44 figures from 1 reports" in warm[1]
    # .odt is read by the legacy converter (or refused without LibreOffice), never by the text reader.
    assert figures(odt, cache) == figures(odt, None)
    opts = TaskOptions(task="parse", cache_dir=str(cache))
    assert cache_key(str(txt), opts) != cache_key(str(odt), opts)


def test_item10_key_follows_the_readers_own_format_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kvcli.readers

    txt, md, pdf = tmp_path / "r.txt", tmp_path / "r.md", tmp_path / "r.pdf"
    for p in (txt, md, pdf):
        p.write_bytes(TEXT.read_bytes())
    opts = TaskOptions(task="parse")
    # .txt and .md go to the same reader today: renamed copies share one entry...
    assert cache_key(str(txt), opts) == cache_key(str(md), opts)
    # ...a text file named .pdf is handed to the PDF reader (which refuses it): its own key.
    assert cache_key(str(txt), opts) != cache_key(str(pdf), opts)
    # ...and the day the reader decision tells .md apart, so does the key.
    sniff = kvcli.readers.sniff_format
    monkeypatch.setattr(
        kvcli.readers, "sniff_format", lambda data, suffix: "md" if suffix == ".md" else sniff(data, suffix)
    )
    assert cache_key(str(txt), opts) != cache_key(str(md), opts)


def test_item10_key_covers_every_option_that_changes_the_result(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import kvcli.model

    report = tmp_path / "r.txt"
    report.write_bytes(TEXT.read_bytes())
    pack = tmp_path / "egen.yaml"
    pack.write_text(
        "pack: egen\nrules:\n  - code: XX101\n    name: ord\n    kind: existence\n    patterns: [brukare]\n"
        "    message: {sv: 'Ordet {match}'}\n", encoding="utf-8",
    )  # fmt: skip
    base = TaskOptions(task="check", config={"rules": [str(pack)]})
    key = cache_key(str(report), base)
    variants = [
        TaskOptions(task="index", config=base.config),
        TaskOptions(task="check", config={**base.config, "select": ["KV1"]}),
        TaskOptions(task="check", config={**base.config, "lang": "en"}),
        TaskOptions(task="check", config=base.config, max_file_size=base.max_file_size // 2),
    ]
    keys = {cache_key(str(report), v) for v in variants}
    assert len(keys) == len(variants) and key not in keys
    # The pack's content, not its path: an edited pack gets new results.
    pack.write_text(pack.read_text(encoding="utf-8").replace("brukare", "klagomål"), encoding="utf-8")
    from kvcli.checks import _packs

    _packs.cache_clear()
    edited = cache_key(str(report), base)
    assert edited != key
    monkeypatch.setattr(kvcli.model, "SCHEMA_ID", "kvcli.document/2")
    assert cache_key(str(report), base) not in (key, edited)
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    assert cache_key(str(report), base) not in (key, edited)


# ---- tampered entries ------------------------------------------------------------------------------------

Tamper = Callable[[dict[str, Any]], Any]


def _doc(entry: dict[str, Any]) -> dict[str, Any]:
    return entry["document"] if "document" in entry else entry["report"]


def _set(path: str, value: Any) -> Tamper:
    def tamper(entry: dict[str, Any]) -> dict[str, Any]:
        node: Any = entry
        *parents, last = path.split(".")
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        if value is _DELETE:
            del node[last]
        else:
            node[int(last) if isinstance(node, list) else last] = value
        return entry

    return tamper


_DELETE = object()

PARSE_TAMPERS: dict[str, Tamper] = {
    "wrong-type-string-for-int": _set("document.sections.0.page", "1"),
    "wrong-type-bool-for-int": _set("document.figures.0.line", True),
    "wrong-type-float-for-int": _set("document.figures.0.period", 2016.5),
    "wrong-type-list-for-object": _set("document.source", []),
    "wrong-type-string-for-number": _set("document.figures.0.value", "12"),
    "wrong-enum": _set("document.source.format", "odt"),
    "missing-field": _set("document.figures.0.is_total", _DELETE),
    "missing-part": _set("document", _DELETE),
    "extra-field": _set("document.sections.0.extra", "x"),
    "extra-top-level": _set("report", {}),
    "huge-integer": _set("document.sections.0.line", 10**30),
    "other-files-document": _set("document.source.sha256", "0" * 64),
    "not-an-object": lambda entry: [entry],
}
CHECK_TAMPERS: dict[str, Tamper] = {
    "wrong-severity": _set("report.findings.0.severity", "fatal"),
    "score-out-of-range": _set("report.concepts.0.score", 5),
    "missing-finding-field": _set("report.findings.0.line", _DELETE),
    "findings-not-a-list": _set("report.findings", {"0": 1}),
    "cached-error": _set("report.error", "boom"),
}
RAW_TAMPERS: dict[str, Callable[[bytes], bytes]] = {
    "nan": lambda raw: re.sub(rb'"value": [-0-9.e]+', b'"value": NaN', raw, count=1),
    "infinity": lambda raw: re.sub(rb'"value": [-0-9.e]+', b'"value": -Infinity', raw, count=1),
    "nesting-bomb": lambda raw: raw.replace(b'"warnings": [', b'"warnings": [' + b"[" * 100_000, 1),
    "nesting": lambda raw: raw.replace(
        b'"warnings": [', b'"warnings": [' + b"[" * 500 + b"]" * 500 + b",", 1
    ),
    "truncated": lambda raw: raw[: len(raw) // 2],
    "not-utf8": lambda raw: raw.replace(b"Kvalitet", b"Kvalit\xff", 1),
}


def _entry(cache: Path) -> Path:
    (entry,) = cache.rglob("*.json")
    return entry


def _tamper_json(entry: Path, tamper: Tamper) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    key = data["_key"]
    data = tamper(data)
    if isinstance(data, dict):
        data["_key"] = key  # a tampered entry that keeps its key is what the check must catch
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _check(path: Path, cache: Path | None) -> tuple[int, str, str]:
    where = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    return run("check", str(path), "--format", "json", *where)


@pytest.mark.parametrize("name", sorted(PARSE_TAMPERS) + sorted(f"raw:{n}" for n in RAW_TAMPERS))
def test_item10_tampered_parse_entry_is_rebuilt_silently(tmp_path: Path, name: str) -> None:
    report, cache = tmp_path / "r.txt", tmp_path / "cache"
    report.write_bytes(TEXT.read_bytes())
    clean = figures(report, None)
    assert figures(report, cache) == clean
    entry = _entry(cache)
    if name.startswith("raw:"):
        raw = RAW_TAMPERS[name[4:]](entry.read_bytes())
        assert raw != entry.read_bytes()
        entry.write_bytes(raw)
    else:
        _tamper_json(entry, PARSE_TAMPERS[name])
    assert figures(report, cache) == clean
    # Rebuilt: the entry is sound again and serves the next run.
    assert cached_record(str(report), TaskOptions(task="parse", cache_dir=str(cache))) is not None


@pytest.mark.parametrize("name", sorted(CHECK_TAMPERS))
def test_item10_tampered_check_entry_is_rebuilt_silently(tmp_path: Path, name: str) -> None:
    report, cache = tmp_path / "r.txt", tmp_path / "cache"
    report.write_bytes(TEXT.read_bytes())
    clean = _check(report, None)
    assert _check(report, cache) == clean
    _tamper_json(_entry(cache), CHECK_TAMPERS[name])
    assert _check(report, cache) == clean


def test_item10_oversized_entry_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, cache = tmp_path / "r.txt", tmp_path / "cache"
    report.write_bytes(TEXT.read_bytes())
    clean = figures(report, None)
    assert figures(report, cache) == clean
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 1024 * 1024)
    _tamper_json(_entry(cache), _set("document.metadata.title", "x" * 2 * 1024 * 1024))
    assert figures(report, cache) == clean
    # A result over the limit is not written either: it would never be read back.
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 1024)
    Cache(cache).put("parse", "ab" * 32, {"document": {"text": "x" * 2048}})
    # The entry itself, not its folder: the report's own entry shares the folder when its key starts "ab".
    assert not Cache(cache)._path("parse", "ab" * 32).exists()


@pytest.mark.slow
def test_item10_fresh_entries_pass_the_strict_check_and_jsonschema_agrees(tmp_path: Path) -> None:
    # The strict check must accept everything kvcli writes, or the cache would never hit.
    cache = tmp_path / "cache"
    every = sorted(SAMPLES.glob("*.*"))
    one_per_format = list({p.suffix: p for p in every}.values())  # check/index records differ by task, not format
    for task, samples in (("parse", every), ("check", one_per_format), ("index", one_per_format)):
        opts = TaskOptions(task=task, cache_dir=str(cache))
        for sample in samples:
            from kvcli.batch.tasks import run_task

            assert not run_task(str(sample), opts)["error"]
            hit = cached_record(str(sample), opts)
            assert hit is not None and hit["cached"], (task, sample.name)
            if "document" in hit:
                jsonschema.validate(hit["document"], document_schema())
    # And it is stricter than the schema, never looser: what it refuses jsonschema may allow.
    doc_check = compile_strict(document_schema())
    good = json.loads(json.dumps(cached_record(str(TEXT), TaskOptions(task="parse", cache_dir=str(cache)))))
    assert doc_check(good["document"])
    sha = good["document"]["source"]["sha256"]
    assert valid_entry("parse", {"document": good["document"], "_key": "k"}, sha)
    for tamper in PARSE_TAMPERS.values():
        bad = tamper(json.loads(json.dumps({"document": good["document"]})))
        assert not (isinstance(bad, dict) and valid_entry("parse", {**bad, "_key": "k"}, sha))


def test_item10_strict_check_refuses_schema_keywords_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="not supported"):
        compile_strict({"type": "string", "maxLength": 3})
    assert compile_strict(check_schema()["properties"]["files"]["items"])


def test_cache_key_changes_when_the_code_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A checkout or a git install keeps its version number across commits; the key must not.
    import os

    from kvcli.batch import cache as cache_module
    from kvcli.batch.cache import Cache, tree_fingerprint

    (tmp_path / "readers").mkdir()
    code = tmp_path / "readers" / "pdf.py"
    code.write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    before = tree_fingerprint(tmp_path)
    (tmp_path / "notes.txt").write_text("still not code", encoding="utf-8")
    assert tree_fingerprint(tmp_path) == before
    code.write_text("x = 2\n", encoding="utf-8")
    os.utime(code, ns=(1, 1))
    assert tree_fingerprint(tmp_path) != before
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "one build")
    first = Cache.key("sha", "parse")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another build")
    assert Cache.key("sha", "parse") != first
