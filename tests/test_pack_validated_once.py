"""A rule pack is validated against its JSON Schema once per content: later runs skip jsonschema,
an edited pack is validated again, an invalid one is never remembered, and an unwritable cache only
means validating every time."""

from __future__ import annotations

import os
from pathlib import Path

import jsonschema
import pytest

from kvcli.checks.pack import builtin_packs, load_pack
from kvcli.errors import RuleError


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls: list[int] = []
    real = jsonschema.Draft202012Validator

    def counting(schema: object) -> object:
        calls.append(1)
        return real(schema)

    monkeypatch.setattr(jsonschema, "Draft202012Validator", counting)
    return calls


def _pack_path() -> Path:
    return Path(str(builtin_packs()["sosfs-2011-9"]))


def test_validated_once_then_remembered(validations: list[int], tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(_pack_path().read_text(encoding="utf-8"), encoding="utf-8")
    first = load_pack(pack)
    second = load_pack(pack)
    assert len(validations) == 1
    assert [r.code for r in first.rules] == [r.code for r in second.rules]
    pack.write_text(pack.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_pack(pack)
    assert len(validations) == 2  # new content, validated again


def test_invalid_pack_is_never_remembered(validations: list[int], tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: p\nrules: [{code: X1}]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError):
            load_pack(pack)
    assert len(validations) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_unwritable_cache_validates_every_time(validations: list[int], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o500)
    try:
        load_pack(_pack_path())
        load_pack(_pack_path())
    finally:
        cache.chmod(0o700)
    assert len(validations) == 2


def test_cache_that_is_a_file_validates_every_time(validations: list[int], tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("not a directory", encoding="utf-8")
    load_pack(_pack_path())
    load_pack(_pack_path())
    assert len(validations) == 2


def _yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import kvcli.checks.pack_yaml as pack_yaml

    reads: list[int] = []
    real = pack_yaml.load_yaml

    def counting(*args: object) -> object:
        reads.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pack_yaml, "load_yaml", counting)
    return reads


def test_a_pack_that_loaded_is_not_read_as_yaml_again(validations: list[int], monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:  # fmt: skip
    reads = _yaml_reads(monkeypatch)
    first = load_pack(_pack_path())
    second = load_pack(_pack_path())
    assert (len(reads), len(validations)) == (1, 1)
    assert repr(second) == repr(first)  # every concept and rule, with each rule's pack line
    assert second.rules[0].source == first.rules[0].source and first.rules[0].source.split(":")[-1] != "1"


def test_a_damaged_entry_is_read_again_and_replaced(validations: list[int], monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:  # fmt: skip
    from kvcli.checks import pack_memo

    reads = _yaml_reads(monkeypatch)
    first = load_pack(_pack_path())
    entry = pack_memo.entry_path(_pack_path().read_text(encoding="utf-8"))
    body = entry.read_text(encoding="utf-8")
    for damaged in (body.replace("KV101", "KV999", 1), body[: len(body) // 2], "", "[]"):
        entry.write_text(damaged, encoding="utf-8")
        assert repr(load_pack(_pack_path())) == repr(first)
    assert len(reads) == 5
    assert entry.read_text(encoding="utf-8") == body

