"""Both YAML paths of the rule-pack loader (libyaml with an event pre-scan, PyYAML's bounded composer)
refuse the same hostile packs with the same message and line, and read the built-in packs the same."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from kvcli.checks import pack_yaml
from kvcli.errors import RuleError

HOSTILE = [
    ("pack: p\nx: &x a\nmany: [" + ", ".join(["*x"] * 1_200) + "]\n", ":3:", "alias uses"),
    ("pack: p\nrules: " + "[" * 70 + "]" * 70 + "\n", ":2:", "nested more than 64"),
    ("pack: p\nrules: " + "[" * 5_000 + "]" * 5_000 + "\n", ":2:", "nested more than 64"),
    ("pack: p\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(70)) + "  " * 70 + "v: 1\n", ":", "nested more than 64"),
    ("pack: p\nrules: &r [*r]\n", ":", "contains it"),
    ("pack: p\nrules: [a, b\n", ":", "invalid YAML"),
]
LOADERS = [True, False] if yaml.__with_libyaml__ else [False]


@pytest.mark.parametrize("libyaml", LOADERS)
@pytest.mark.parametrize(("text", "line", "words"), HOSTILE)
def test_hostile_pack_refused_with_file_line_and_reason(
    monkeypatch: pytest.MonkeyPatch, libyaml: bool, text: str, line: str, words: str
) -> None:
    monkeypatch.setattr(pack_yaml, "_LIBYAML", libyaml)
    with pytest.raises(RuleError) as err:
        pack_yaml.load_yaml(Path("p.yaml"), text)
    assert str(err.value).startswith("p.yaml" + line) and words in str(err.value), str(err.value)[:300]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", [text for text, _, _ in HOSTILE])
def test_both_loaders_give_the_same_message(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    messages = []
    for libyaml in (True, False):
        monkeypatch.setattr(pack_yaml, "_LIBYAML", libyaml)
        with pytest.raises(RuleError) as err:
            pack_yaml.load_yaml(Path("p.yaml"), text)
        messages.append(str(err.value))
    if "invalid YAML" not in messages[0]:  # libyaml and PyYAML word syntax errors differently
        assert messages[0] == messages[1]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_builtin_packs_read_the_same_by_both_loaders(monkeypatch: pytest.MonkeyPatch) -> None:
    packs = [p for p in resources.files("kvcli.rulepacks").iterdir() if p.name.endswith(".yaml")]
    assert packs
    for pack in packs:
        text = pack.read_text(encoding="utf-8")
        results = []
        for libyaml in (True, False):
            monkeypatch.setattr(pack_yaml, "_LIBYAML", libyaml)
            root, data = pack_yaml.load_yaml(Path(pack.name), text)
            assert root is not None
            rules = next(v for k, v in root.value if k.value == "rules")
            results.append((data, [node.start_mark.line for node in rules.value]))  # the lines errors name
        assert results[0] == results[1], pack.name
