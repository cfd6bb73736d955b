"""Imports into the evidence register: one transaction, compact undo, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cerdesk.core.bibliography import ParsedRecord, ParseProblem, ParseResult
from cerdesk.ops import evidence, plan
from cerdesk.storage import register
from cerdesk.storage.dump import dumps_project, load_project
from cerdesk.storage.project import Project


def _result(n: int, *, problems: int = 0, title: str = "Cannulated screw fixation") -> ParseResult:
    records = [
        ParsedRecord(
            source_index=i,
            raw=f"TY  - JOUR\nTI  - {title} {i}\nER  - ",
            source_id=f"id{i}",
            title=f"{title} {i}",
            authors=("Roe, Jane", "Doe, John"),
            abstract="Femoral neck fractures treated with screws." if i % 2 else None,
            year=2020 + i % 5,
            doi=f"10.1000/x{i}",
            keywords=("hip", "fracture"),
        )
        for i in range(1, n + 1)
    ]
    issues = [ParseProblem(n + k + 1, 10 * k + 1, "no TY line") for k in range(problems)]
    return ParseResult("ris", records, issues, "utf-8")


@pytest.fixture
def run_id(project: Project) -> str:
    changes = evidence.add_search_run(
        project,
        {
            "database": "PubMed",
            "query": "screw AND hip",
            "run_on": "2026-10-01",
            "hits_reported": 3,
        },
    )
    assert changes.created_id
    return changes.created_id


def _import(project: Project, run_id: str, result: ParseResult, **kw: object):
    return evidence.import_records(
        project,
        run_id,
        result,
        file_name="pubmed.ris",
        sha256=kw.pop("sha", "ab" * 32),
        size=123,
        **kw,
    )


def _fts(project: Project, query: str) -> int:
    return project._conn.execute(
        "SELECT COUNT(*) FROM record_fts WHERE record_fts MATCH ?", (query,)
    ).fetchone()[0]


def test_import_writes_records_with_provenance_and_one_log_line(
    project: Project, run_id: str
) -> None:
    log_before = len(project.change_log())
    imported = _import(project, run_id, _result(3))
    assert imported.records == 3 and register.record_count(project) == 3
    rows = list(register.iter_records(project))
    assert [r["source_index"] for r in rows] == [1, 2, 3]
    assert rows[0]["source_file"] == "pubmed.ris" and rows[0]["database"] == "PubMed"
    assert rows[0]["authors"] == ["Roe, Jane", "Doe, John"]
    assert rows[0]["search_run"] == "SR-01"
    raw = register.record_detail(project, rows[1]["id"])["raw"]
    assert raw.startswith("TY  - JOUR") and "screw fixation 2" in raw
    new_lines = project.change_log()[: len(project.change_log()) - log_before]
    assert {(e.entity, e.action) for e in new_lines} == {
        ("import_file", "insert"),
        ("record", "insert"),
        ("record_text", "insert"),
    }
    bulk = next(e for e in new_lines if e.entity == "record")
    assert json.loads(bulk.new_value or "{}")["rows"] == 3
    assert _fts(project, "femoral") == 2  # records 1 and 3 have the abstract
    assert project.undo_status().undo_label == "Import 3 records from pubmed.ris into SR-01"


def test_undo_parks_records_redo_restores_and_new_edit_forgets(
    project: Project, run_id: str
) -> None:
    _import(project, run_id, _result(5))
    project.undo()
    assert register.record_count(project) == 0
    parked = project._conn.execute("SELECT COUNT(*) FROM record_parked").fetchone()[0]
    assert parked == 5
    assert register.imports(project) == []
    assert _fts(project, "cannulated") == 0
    project.redo()
    assert register.record_count(project) == 5
    assert _fts(project, "cannulated") == 5
    project.undo()
    plan.set_field(project, "device", "1", "trade_name", "Other")  # drops the redo
    for table in ("record_parked", "record_text_parked"):
        assert project._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    assert project.undo_status().redo_label is None


def test_unreadable_records_need_consent(project: Project, run_id: str) -> None:
    with pytest.raises(evidence.SkippedRecordsError) as err:
        _import(project, run_id, _result(4, problems=2))
    assert "2 record(s) cannot be read" in str(err.value) and "other 4" in str(err.value)
    assert register.record_count(project) == 0
    imported = _import(project, run_id, _result(4, problems=2), accept_skipped=True)
    assert imported.records == 4 and len(imported.skipped) == 2
    assert register.imports(project)[0].skipped == 2


def test_same_file_twice_is_detected(project: Project, run_id: str) -> None:
    _import(project, run_id, _result(2))
    with pytest.raises(evidence.SameFileError, match="already imported"):
        _import(project, run_id, _result(2))
    assert register.record_count(project) == 2
    _import(project, run_id, _result(2), allow_same_file=True)
    assert register.record_count(project) == 4


def test_empty_result_and_missing_run_are_refused(project: Project, run_id: str) -> None:
    with pytest.raises(evidence.UserError, match="no records"):
        _import(project, run_id, _result(0))
    with pytest.raises(evidence.UserError):
        _import(project, "no-such-run", _result(1))


def test_records_survive_dump_load_and_copy(project: Project, run_id: str, tmp_path: Path) -> None:
    _import(project, run_id, _result(50))
    text = dumps_project(project)
    loaded_path = load_project(json.loads(text), tmp_path / "loaded.cerdesk")
    with Project.open(loaded_path, user="x") as loaded:
        assert dumps_project(loaded) == text
        assert _fts(loaded, "cannulated") == 50
    copy = project.save_copy(tmp_path / "copy.cerdesk")
    with Project.open(copy, user="x") as copied:
        assert _fts(copied, "femoral") == 25
        assert (
            copied._conn.execute("INSERT INTO record_fts(record_fts) VALUES ('integrity-check')")
            is not None
        )
