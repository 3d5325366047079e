"""Issue 10, item 12: bad values in options and in kvcli.toml are one-line usage errors (exit 2) naming the
file and the setting, never a traceback and never an error blamed on the reports checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli.cli import main
from kvcli.config import load_config
from kvcli.errors import RuleError

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "samples" / "jonkoping-behandling-2016.txt"
FIX = ROOT / "tests" / "fixtures" / "diff"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize(
    "value", ["nan", "inf", "-inf", "1e300", "1e400", "0", "-1", "0.01", "86401", "soon"]
)
@pytest.mark.parametrize("command", ["check", "figures", "trend", "index"])
def test_item12_timeout_must_be_finite_positive_and_at_most_a_day(
    tmp_path: Path, command: str, value: str
) -> None:
    extra = {"figures": ["-o", str(tmp_path / "f.csv")], "index": ["--db", str(tmp_path / "i.sqlite")]}
    code, out, err = run(command, str(REPORT), "--no-cache", "--timeout", value, *extra.get(command, []))
    assert code == 2, err
    assert "--timeout" in err and ("seconds" in err) and len(err.strip().splitlines()[-1]) < 200


@pytest.mark.parametrize("value", ["0.5", "120", "86400"])
def test_item12_sane_timeouts_still_run(value: str) -> None:
    code, _, err = run("check", str(REPORT), "--no-cache", "--timeout", value)
    assert code in (0, 1), err


BAD_SETTINGS = {
    "select = 5": "select must be a list",
    'select = "KV1"': "select must be a list",
    "ignore = [1, 2]": "ignore must be a list",
    'ignore = [""]': "ignore must be a list",  # an empty prefix would silently ignore every rule
    'select = ["KV 1"]': "'KV 1' is not a rule code",
    'severity = "x"': "severity must be a table",
    "severity = {KV101 = 3}": "severity.KV101 must be info, warning or error, not 3",
    'severity = {KV101 = "fatal"}': "severity.KV101 must be info, warning or error, not 'fatal'",
    'severity = {"not a code" = "info"}': "'not a code' is not a rule code",
    "profile = 5": "profile must be a non-empty string",
    'profile = "no-such-pack"': "profile: no-such-pack: no such rule pack",
    'lang = ["sv"]': "lang must be sv or en, not ['sv']",
    'lang = "de"': "lang must be sv or en, not 'de'",
    'rules = "x.yaml"': 'rules must be a list of rule-pack paths, e.g. rules = ["x.yaml"]',
    "rules = [1]": "rules must be a list of rule-pack paths",
    'rules = ["missing.yaml"]': "missing.yaml: no such rule pack",
    "min-severity = 2": "min-severity must be info, warning or error, not 2",
    'min-severity = "fatal"': "min-severity must be info, warning or error",
    'colour = "red"': "unknown kvcli setting(s): 'colour'",
    "diff = 3": "diff must be a table",
    "[diff]\nlimits = 3": "unknown diff setting(s): 'limits'",
    "[diff]\nthresholds = 5": "[diff.thresholds] must be a table",
    '[diff.thresholds]\n"Lex Sarah" = "x"': "'Lex Sarah' must be a percentage",
    '[diff.thresholds]\n"Lex Sarah" = nan': "must be a percentage (a number, 0 or more), not nan",
    '[diff.thresholds]\n"Lex Sarah" = inf': "not inf",
    '[diff.thresholds]\n"Lex Sarah" = -5': "not -5",
    '[diff.thresholds]\n"Lex Sarah" = true': "not True",
    '[diff.thresholds]\n"(" = 5': "'(' is not a regular expression",
    f'select = ["{"K" * 100_000}"]': "is not a rule code",
}


@pytest.mark.parametrize("setting", sorted(BAD_SETTINGS))
def test_item12_wrong_setting_in_kvcli_toml_is_a_usage_error_naming_file_and_setting(tmp_path: Path,
                                                                                    setting: str) -> None:  # fmt: skip
    config = tmp_path / "kvcli.toml"
    config.write_text(setting + "\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes(REPORT.read_bytes())
    code, out, err = run("check", str(report), "--no-cache", "--format", "json")
    assert code == 2 and out == ""  # refused up front: no report, nothing blamed on r.txt
    line = err.strip().splitlines()[-1]
    assert f"{config}: " in line and BAD_SETTINGS[setting] in line
    assert len(line) < 400  # a huge value is quoted cut short
    with pytest.raises(RuleError, match="kvcli.toml"):
        load_config(report)


def test_item12_pyproject_settings_are_named_with_their_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.kvcli]\nselect = 5\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"pyproject.toml: tool\.kvcli\.select must be a list"):
        load_config(tmp_path / "r.txt")
    (tmp_path / "pyproject.toml").write_text("tool = {kvcli = 5}  # not a [tool.kvcli] table\n", encoding="utf-8")
    with pytest.raises(RuleError, match="tool.kvcli must be a table"):
        load_config(tmp_path / "r.txt")


def test_item12_good_settings_are_normalised(tmp_path: Path) -> None:
    (tmp_path / "kvcli.toml").write_text(
        'select = ["kv1", "KV3"]\nignore = [" kv602 "]\nlang = "en"\nmin-severity = "warning"\n'
        '[severity]\nkv203 = "info"\n[diff.thresholds]\n"Lex Sarah" = 0\n"Öppenvård" = 12.5\n', encoding="utf-8",
    )  # fmt: skip
    cfg = load_config(tmp_path / "r.txt")
    assert (cfg.select, cfg.ignore, cfg.severity) == (["KV1", "KV3"], ["KV602"], {"KV203": "info"})
    assert (cfg.lang, cfg.min_severity) == ("en", "warning")


def test_item12_keyword_overrides_are_checked_too() -> None:
    with pytest.raises(RuleError, match="select must be a list"):
        load_config(None, select=5)
    with pytest.raises(RuleError, match="lang must be sv or en"):
        load_config(None, lang="de")


def test_item12_command_line_codes_are_checked() -> None:
    code, _, err = run("check", str(REPORT), "--no-cache", "--select", "KV1,K-V")
    assert code == 2 and "'K-V' is not a rule code" in err


@pytest.mark.parametrize(("setting", "message"), [
    ('"Lex Sarah" = "x"', "must be a percentage"),
    ('"Lex Sarah" = nan', "not nan"),
    ('"Lex Sarah" = -1', "not -1"),
    ('"x" = [1]', "not [1]"),
])  # fmt: skip
def test_item12_diff_thresholds_in_config_are_checked(tmp_path: Path, setting: str, message: str) -> None:
    for name in ("enhet-2015.txt", "enhet-2016.txt"):
        (tmp_path / name).write_bytes((FIX / name).read_bytes())
    (tmp_path / "kvcli.toml").write_text(f"[diff.thresholds]\n{setting}\n", encoding="utf-8")
    code, out, err = run("diff", str(tmp_path / "enhet-2015.txt"), str(tmp_path / "enhet-2016.txt"))
    assert code == 2 and out == ""
    assert f"{tmp_path / 'kvcli.toml'}: [diff.thresholds]" in err and message in err


@pytest.mark.parametrize("value", ["nan", "inf", "-5"])
def test_item12_diff_threshold_option_must_be_a_finite_percentage(value: str) -> None:
    code, out, err = run(
        "diff", str(FIX / "enhet-2015.txt"), str(FIX / "enhet-2016.txt"), "--threshold", value
    )
    assert code == 2 and "--threshold" in err and "percentage" in err
