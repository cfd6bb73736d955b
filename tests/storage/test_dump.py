"""The JSON dump: lossless round trip, and bad dumps refused without harm."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from cerdesk.ops import plan
from cerdesk.storage.dump import (
    DUMP_FORMAT,
    DumpError,
    dump_data,
    dumps_project,
    load_project,
    read_dump,
)
from cerdesk.storage.errors import ProjectExistsError, ProjectLockedError
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import Project


def _fill(project: Project) -> None:
    plan.set_fields(
        project,
        "device",
        "1",
        {"trade_name": "Screw “Ω” ≥ 4 mm", "implantable": True, "emdn_codes": ["P0912"]},
    )
    objective = plan.add_item(project, "objective", {"category": "SAFETY"}).created_id
    plan.add_item(
        project, "acceptance_criterion", {"threshold": 2.5, "operator": "LE"}, parent_id=objective
    )
    plan.add_item(project, "equivalent_device", {"name": "Predicate"})
    plan.set_field(project, "project", "1", "notes", "line one\n\nline three")


@pytest.fixture
def dump(project: Project) -> dict[str, Any]:
    _fill(project)
    return dump_data(project)


def test_round_trip_dumps_identically(project: Project, tmp_path: Path) -> None:
    _fill(project)
    text = dumps_project(project)
    target = load_project(json.loads(text), tmp_path / "loaded.cerdesk")
    with Project.open(target, user="other") as loaded:
        assert dumps_project(loaded) == text
        assert loaded.get("device").get("implantable") is True
        assert loaded.get("device").get("emdn_codes") == ("P0912",)
        assert loaded.get("project").get("notes") == "line one\n\nline three"
        assert loaded.count("equivalence_characteristic") == 13
        assert loaded.undo_status().can_undo is False  # the undo journal is not dumped
        assert len(loaded.change_log()) == len(project.change_log())


def test_dump_envelope(dump: dict[str, Any]) -> None:
    assert dump["format"] == DUMP_FORMAT
    assert dump["format_version"] == 1
    assert dump["schema_version"] == SCHEMA_VERSION
    assert "undo_step" not in dump["tables"]
    [device] = dump["tables"]["device"]
    assert device["implantable"] is True  # booleans and lists as JSON values
    assert device["emdn_codes"] == ["P0912"]
    assert dump["change_log"][0]["seq"] == 1


def test_load_refuses_existing_file_and_open_file(dump: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "t.cerdesk"
    load_project(dump, target)
    with pytest.raises(ProjectExistsError):
        load_project(dump, target)
    with Project.open(target, user="holder"):
        before = hashlib.sha256(target.read_bytes()).hexdigest()
        with pytest.raises(ProjectLockedError):
            load_project(dump, target, overwrite=True)
        assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def _break(dump: dict[str, Any], how: str) -> dict[str, Any]:
    bad = copy.deepcopy(dump)
    if how == "format":
        bad["format"] = "something-else"
    elif how == "newer":
        bad["schema_version"] = 99
    elif how == "format_version":
        bad["format_version"] = 2
    elif how == "extra_key":
        bad["attachments"] = []
    elif how == "unknown_table":
        bad["tables"]["spaceships"] = [{"id": "1"}]
    elif how == "unknown_column":
        bad["tables"]["device"][0]["warp_factor"] = 9
    elif how == "bad_choice":
        bad["tables"]["device"][0]["risk_class"] = "IV"
    elif how == "orphan":
        bad["tables"]["acceptance_criterion"][0]["objective_id"] = "no-such-objective"
    elif how == "no_singleton":
        bad["tables"]["device"] = []
    elif how == "missing_column":
        del bad["tables"]["objective"][0]["created_at"]
    elif how == "tables_not_object":
        bad["tables"] = []
    return bad


@pytest.mark.parametrize(
    ("how", "fragment"),
    [
        ("format", "not a cerdesk project dump"),
        ("newer", "newer cerdesk (project format 99)"),
        ("format_version", "dump format 2"),
        ("extra_key", "attachments"),
        ("unknown_table", "spaceships"),
        ("unknown_column", "warp_factor"),
        ("bad_choice", "'IV' is not one of"),
        ("orphan", "refers to a objective row"),
        ("no_singleton", "exactly one device"),
        ("missing_column", "created_at"),
        ("tables_not_object", "must be an object"),
    ],
)
def test_bad_dumps_are_refused_and_leave_nothing(
    dump: dict[str, Any], tmp_path: Path, how: str, fragment: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(DumpError) as err:
        load_project(_break(dump, how), folder / "bad.cerdesk")
    assert fragment in str(err.value)
    assert list(folder.iterdir()) == [], "no project and no temporary file left behind"


def test_bad_dump_does_not_touch_existing_target(dump: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "keep.cerdesk"
    load_project(dump, target)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    with pytest.raises(DumpError):
        load_project(_break(dump, "bad_choice"), target, overwrite=True)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_read_dump_reports_json_errors(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(DumpError, match="not valid JSON"):
        read_dump(path)
    with pytest.raises(DumpError, match="does not exist"):
        read_dump(tmp_path / "missing.json")
