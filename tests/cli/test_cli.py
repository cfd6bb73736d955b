"""The command line, run as a user runs it: real files, real exit codes, real output."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cerdesk.cli import main
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import Project


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cerdesk ARGS`` in a fresh process."""
    env = {**os.environ, "CERDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "cerdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version_names_the_project_format(cerdesk_home: Path) -> None:
    result = run("--version", home=cerdesk_home)
    assert result.returncode == 0
    assert result.stdout.strip().startswith("cerdesk ")
    assert f"(project format {SCHEMA_VERSION})" in result.stdout


def test_new_info_and_json_info(tmp_path: Path, cerdesk_home: Path) -> None:
    path = tmp_path / "screw.cerdesk"
    result = run("new", str(path), "--device-name", "OsteoFix", home=cerdesk_home)
    assert result.returncode == 0, result.stderr
    assert path.is_file()

    text = run("info", str(path), home=cerdesk_home)
    assert text.returncode == 0, text.stderr
    assert "Device:       OsteoFix" in text.stdout
    assert "Completeness:" in text.stdout and "missing" in text.stdout

    data = json.loads(run("info", str(path), "--json", home=cerdesk_home).stdout)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["device"] == "OsteoFix"
    assert data["counts"]["cep_item"] == 8
    assert data["completeness"]["missing"] > 0
    assert data["completeness"]["missing"] == sum(
        f["level"] == "missing" for f in data["completeness"]["findings"]
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("info",), "required: PATH"),
        (("info", "{missing}"), "does not exist"),
        (("info", "{text}"), "not an SQLite database"),
        (("new", "{existing}"), "already exists"),
        (("new", "{dir}/x.txt"), "end in .cerdesk"),
        (("set", "{existing}", "device.risk_class", "IIz"), "is not one of"),
        (("set", "{existing}", "device.nope", "x"), "no field 'nope'"),
        (("set", "{existing}", "devices.trade_name", "x"), "unknown table"),
        (("add", "{existing}", "objective", "bogus"), "FIELD=VALUE"),
        (("undo", "{existing}"), "nothing to undo"),
        (("load", "{text}", "{dir}/y.cerdesk"), "not valid JSON"),
        (("info", "{existing}", "--bogus"), "unrecognized arguments"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: tuple[str, ...],
    fragment: str,
    empty_project_path: Path,
    tmp_path: Path,
    cerdesk_home: Path,
) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a project\n" * 20)
    names = {
        "missing": str(tmp_path / "missing.cerdesk"),
        "text": str(text_file),
        "existing": str(empty_project_path),
        "dir": str(tmp_path),
    }
    before = sha(empty_project_path)
    result = run(*(a.format(**names) for a in args), home=cerdesk_home)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cerdesk: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr
    assert sha(empty_project_path) == before


def test_edits_from_the_command_line_are_logged_and_undoable(
    empty_project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(empty_project_path)
    assert main(["set", p, "device.trade_name", "OsteoFix", "--user", "Ada"]) == 0
    assert main(["set", p, "device.risk_class", "class iib", "--user", "Ada"]) == 0
    assert main(["add", p, "objective", "category=safety", "statement=Revision rate"]) == 0
    new_id, code = capsys.readouterr().out.strip().splitlines()[-1].split("\t")
    assert code == "OBJ-S-01"
    assert main(["add", p, "acceptance_criterion", "--parent", "OBJ-S-01", "threshold=4,5"]) == 0
    assert main(["set", p, "device.emdn_codes", '["P091201", "P0912"]']) == 0

    with Project.open(empty_project_path, user="check") as project:
        assert project.get("device").get("trade_name") == "OsteoFix"
        assert project.get("device").get("risk_class") == "IIB"
        [criterion] = project.items("acceptance_criterion", new_id)
        assert criterion.get("threshold") == 4.5
        assert project.get("device").get("emdn_codes") == ("P091201", "P0912")
        log = project.change_log()
        assert any(
            e.user == "Ada" and e.field == "risk_class" and e.new_value == "IIB" for e in log
        )

    capsys.readouterr()
    for _ in range(3):
        assert main(["undo", p]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Undo Edit device: EMDN codes",
        "Undo Add acceptance criterion",
        "Undo Add objective",
    ]
    with Project.open(empty_project_path, user="check") as project:
        assert project.count("objective") == 0
        assert project.count("acceptance_criterion") == 0
    assert main(["redo", p]) == 0
    with Project.open(empty_project_path, user="check") as project:
        assert [o.get("code") for o in project.items("objective")] == ["OBJ-S-01"]

    capsys.readouterr()
    assert main(["delete", p, "objective", "OBJ-S-01"]) == 0
    assert main(["log", p, "-n", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Delete objective OBJ-S-01" in out[1]  # newest first
    assert len(out) == 3  # the delete's confirmation and two log lines


def test_edits_refused_while_the_project_is_open_elsewhere(
    empty_project_path: Path, cerdesk_home: Path
) -> None:
    with Project.open(empty_project_path, user="Grace"):
        before = sha(empty_project_path)
        result = run("set", str(empty_project_path), "device.trade_name", "X", home=cerdesk_home)
        assert result.returncode == 2
        assert "Grace" in result.stderr and "already open" in result.stderr
        # Reading does not need the lock.
        assert run("info", str(empty_project_path), home=cerdesk_home).returncode == 0
        assert sha(empty_project_path) == before


def test_dump_load_round_trip_through_the_command_line(
    empty_project_path: Path, tmp_path: Path, cerdesk_home: Path
) -> None:
    p = str(empty_project_path)
    assert main(["set", p, "device.trade_name", "Ünïcode screw ≥ 4 mm"]) == 0
    assert main(["add", p, "evaluator", "name=Dr Jane Roe"]) == 0
    first = tmp_path / "first.json"
    assert run("dump", p, "-o", str(first), home=cerdesk_home).returncode == 0
    copy = tmp_path / "copy.cerdesk"
    assert run("load", str(first), str(copy), home=cerdesk_home).returncode == 0
    second = run("dump", str(copy), home=cerdesk_home)
    assert second.returncode == 0
    assert second.stdout == first.read_text(encoding="utf-8")
    # Loading over an existing file needs --force.
    again = run("load", str(first), str(copy), home=cerdesk_home)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run("load", str(first), str(copy), "--force", home=cerdesk_home).returncode == 0


def test_info_and_dump_do_not_import_qt(empty_project_path: Path, cerdesk_home: Path) -> None:
    code = (
        "import sys; from cerdesk.cli import main; "
        f"main(['info', {str(empty_project_path)!r}]); "
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')"
    )
    env = {**os.environ, "CERDESK_HOME": str(cerdesk_home)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out.strip().endswith("NOQT")
