"""``kvcli check`` / ``kvcli rules`` through click's runner: formats, privacy, schemas, exit codes, errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from kvcli.cli import main
from kvcli.schema import check_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
PNR = "811218-9876"  # Luhn-valid; planted in test documents only

CLEAN = """Kvalitetsberättelse 2016

Inledning

Ledningssystem, processer och rutiner beskrivs här och följs upp.

2017-02-01

Anna Andersson
Enhetschef
"""


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture()
def planted(tmp_path: Path) -> Path:
    p = tmp_path / f"rapport-{PNR}.txt"
    p.write_text(
        f"Kvalitetsberättelse 2016\n\nInledning\n\nBrukaren {PNR} och 19{PNR} lämnade klagomål.\n",
        encoding="utf-8",
    )
    return p


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_personnummer_never_in_clear_in_any_format(planted: Path, fmt: str) -> None:
    code, out, err = run("check", str(planted), "--format", fmt)
    assert code == 1
    assert PNR not in out and PNR not in err and PNR.replace("-", "") not in out
    assert "811218-****" in out


def test_json_validates_against_shipped_schema() -> None:
    code, out, _ = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), str(SAMPLES / "vetlanda-vuxen-2013.txt"),
                       "--format", "json")  # fmt: skip
    assert code == 0  # warnings only: they do not fail by default
    doc = json.loads(out)
    jsonschema.validate(doc, check_schema())
    assert doc["summary"]["files"] == 2 and doc["summary"]["warnings"] == 37 and doc["summary"]["errors"] == 0
    code, out, _ = run("schema", "--which", "check")
    assert json.loads(out) == check_schema()


def test_sarif_validates_against_the_official_schema(planted: Path, tmp_path: Path) -> None:
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.7 garbage")
    code, out, _ = run(
        "check",
        str(SAMPLES / "jonkoping-behandling-2016.txt"),
        str(planted),
        str(broken),
        "--format",
        "sarif",
    )
    assert code == 2
    sarif = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    run_ = sarif["runs"][0]
    assert {r["ruleId"] for r in run_["results"]} >= {"KV101", "KV301", "KV901"}
    assert run_["invocations"][0]["executionSuccessful"] is False


def test_github_annotations_and_junit(planted: Path) -> None:
    code, out, _ = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--format", "github")
    lines = out.strip().split("\n")
    assert all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
    assert any("title=KV301 table-empty-values" in ln for ln in lines)
    code, out, _ = run(
        "check", str(SAMPLES / "jonkoping-behandling-2016.txt"), str(planted), "--format", "junit"
    )
    suite = ET.fromstring(out)
    assert suite.get("tests") == "2" and len(suite.findall("testcase")) == 2
    assert all(tc.find("failure") is not None for tc in suite.findall("testcase"))


def test_text_report_reads_like_a_linter() -> None:
    code, out, _ = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"))
    assert code == 0
    assert "jonkoping-behandling-2016.txt:-:143: KV301 varning: Tabellen 'Resultatindikator | Utfall'" in out
    assert "      → Medborgare › Synpunktshantering «Resultatindikator | Utfall»" in out
    assert "[SOSFS 2011:9 5 kap. 1 §]" in out
    assert "✘ Riskanalys" in out and "✔ Egenkontroll — «Bemötandeenkäter är genomförda 2016.» (rad 156)" in out
    assert out.strip().endswith("1 fil kontrollerad: 0 fel, 14 varningar, 8 info")
    _, out, _ = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--lang", "en")
    assert ":143: KV301 warning: Table 'Resultatindikator | Utfall'" in out
    assert out.strip().endswith("1 file checked: 0 errors, 14 warnings, 8 info")


def test_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "ok.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run("check", str(clean), "--select", "KV6")[0] == 0
    assert run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"))[0] == 0
    assert run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--fail-on", "warning")[0] == 1
    assert run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--fail-on", "warning", "--exit-zero")[0] == 0
    assert (
        run(
            "check",
            str(SAMPLES / "jonkoping-behandling-2016.txt"),
            "--min-severity",
            "error",
            "--select",
            "KV3",
        )[0]
        == 0
    )
    assert (
        run("check", str(SAMPLES / "vetlanda-vuxen-2013.txt"), "--select", "KV4", "--max-warnings", "50")[0]
        == 0
    )
    assert (
        run("check", str(SAMPLES / "vetlanda-vuxen-2013.txt"), "--select", "KV4", "--max-warnings", "3")[0]
        == 1
    )
    empty = tmp_path / "tom.txt"
    empty.write_text("")
    code, out, err = run("check", str(empty), str(clean))
    assert code == 2 and f"{empty}: kan inte läsas: filen är tom" in out
    assert run("check", str(tmp_path / "finns-inte.txt"))[0] == 2
    assert run("check", str(clean), "--format", "nope")[0] == 2


@pytest.mark.slow
def test_folder_is_checked_recursively() -> None:
    code, out, _ = run("check", str(SAMPLES), "--format", "json")
    files = [f["path"] for f in json.loads(out)["files"]]
    assert len(files) == len(
        list(SAMPLES.glob("*.txt")) + list(SAMPLES.glob("*.docx")) + list(SAMPLES.glob("*.pdf"))
    )
    assert files == sorted(files)


def test_broken_rule_pack_names_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "egen.yaml"
    pack.write_text("pack: egen\nrules:\n  - code: XX101\n    name: test\n    kind: existence\n    severity: urgent\n"
                    "    patterns: ['a']\n    message: {sv: hej}\n")  # fmt: skip
    code, out, err = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--rules", str(pack))
    assert code == 2
    assert f"{pack}:6: rules/0/severity" in err
    pack.write_text(
        "pack: egen\nrules:\n  - code: XX101\n    name: test\n    kind: nosuchkind\n    message: {sv: hej}\n"
    )
    code, _, err = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--rules", str(pack))
    assert code == 2 and f"{pack}:3: rule XX101: unknown kind 'nosuchkind'" in err
    pack.write_text("pack: egen\nrules: [\n")
    code, _, err = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--rules", str(pack))
    assert code == 2 and f"{pack}:" in err and "invalid YAML" in err


def test_municipality_template_pack() -> None:
    code, out, _ = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--rules", str(ROOT / "rules" / "vetlanda-tryggve.yaml"),
                       "--select", "VT", "--format", "json")  # fmt: skip
    missing = [f["message"] for f in json.loads(out)["files"][0]["findings"]]
    assert "Mallens kapitel 'Riskanalys' saknas. Lägg till det, även om det blir kort." in missing
    code, out, _ = run("check", str(SAMPLES / "vetlanda-vuxen-2013.txt"), "--rules", str(ROOT / "rules" / "vetlanda-tryggve.yaml"),
                       "--select", "VT")  # fmt: skip
    assert code == 0


def test_rules_list_and_explain() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "KV101  concept-missing" in out and "KV901  personnummer" in out
    code, out, _ = run("rules", "explain", "KV101")
    assert code == 0 and "  Riskanalys: SOSFS 2011:9 5 kap. 1 § [föreskrift → varning; paragrafen verifierad" in out
    assert "  Resultat och måluppfyllelse: SOSFS 2011:9 7 kap. 1 § allmänt råd (vilka resultat som uppnåtts) [allmänt råd → fel" in out
    assert "Dåligt:" in out and "Bra:" in out
    code, out, _ = run("rules", "explain", "KV101", "--lang", "en")
    assert "  Risk analysis: SOSFS 2011:9 5 kap. 1 § [binding regulation (föreskrift) → warning;" in out
    assert "Bad:" in out and "Good:" in out
    code, out, _ = run("rules", "explain", "kv301", "--lang", "en")
    assert code == 0 and "Message: Table {table} has" in out
    assert run("rules", "explain", "KV999")[0] == 2


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "kvcli-check" and hooks[0]["entry"] == "kvcli check"
    assert "docx" in hooks[0]["files"] and "pdf" in hooks[0]["files"] and "readme" in hooks[0]["exclude"]


def test_max_file_size_limit_is_a_clear_error(tmp_path: Path) -> None:
    big = tmp_path / "stor.txt"
    big.write_text(CLEAN + "Mer text.\n" * 200_000, encoding="utf-8")  # ~2 MB
    small = tmp_path / "liten.txt"
    small.write_text(CLEAN, encoding="utf-8")
    code, out, _ = run("check", str(big), str(small), "--max-file-size", "1", "--format", "json", "--no-cache")
    errors = {Path(f["path"]).name: f["error"] for f in json.loads(out)["files"]}
    assert code == 2
    assert errors["liten.txt"] is None
    assert errors["stor.txt"].startswith("file is 2,") and "over the --max-file-size limit of 1,048,576" in errors["stor.txt"]
