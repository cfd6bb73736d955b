"""Full texts stored inside the project, once per content; "not retrieved" counts in PRISMA."""

from __future__ import annotations

from pathlib import Path

import pytest

from cerdesk.core.bibliography import ParsedRecord, ParseResult
from cerdesk.core.errors import UserError
from cerdesk.core.prisma import build_flow
from cerdesk.ops import evidence, full_text, plan, screening
from cerdesk.storage import register
from cerdesk.storage.project import Project

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def project_with_records(project: Project) -> Project:
    records = [ParsedRecord(source_index=i, raw=f"r{i}", title=f"Study {i}") for i in (1, 2, 3)]
    evidence.import_files(
        project,
        [evidence.ExportFile("a.ris", "a" * 64, 1, ParseResult("ris", records))],
        new_run={"database": "PubMed"},
    )
    return project


def test_attach_store_once_undo_and_reopen(project_with_records: Project, tmp_path: Path) -> None:
    project = project_with_records
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(PDF)
    full_text.attach_pdf(project, 1, pdf)
    full_text.attach_pdf(project, 2, pdf)
    assert project._conn.execute("SELECT COUNT(*) FROM stored_file").fetchone()[0] == 1
    row = register.full_text_of(project, 1)
    assert row is not None and row["status"] == "ATTACHED" and row["file_name"] == "paper.pdf"
    assert register.stored_file(project, row["sha256"]) == PDF
    project.undo()
    assert register.full_text_of(project, 2) is None
    path = project.path
    project.close()
    with Project.open(path, user="x") as reopened:
        again = register.full_text_of(reopened, 1)
        assert again is not None
        assert register.stored_file(reopened, again["sha256"]) == PDF


def test_refusals(project_with_records: Project, tmp_path: Path) -> None:
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf")
    with pytest.raises(UserError, match="not a PDF"):
        full_text.attach_pdf(project_with_records, 1, text)
    with pytest.raises(UserError, match="does not exist"):
        full_text.attach_pdf(project_with_records, 1, tmp_path / "missing.pdf")
    with pytest.raises(UserError, match="no full text"):
        full_text.remove(project_with_records, 3)
    assert register.full_text_of(project_with_records, 1) is None


def test_not_retrieved_counts_in_prisma(project_with_records: Project, tmp_path: Path) -> None:
    project = project_with_records
    plan.add_item(project, "exclusion_reason", {"code": "X", "label": "Off topic"})
    for record_id in (1, 2, 3):
        screening.decide(project, record_id, "TITLE_ABSTRACT", "INCLUDE")
    full_text.mark_not_retrieved(project, 1, note="library could not supply it")
    screening.decide(project, 2, "FULL_TEXT", "INCLUDE")
    flow = build_flow(register.prisma_inputs(project))
    assert (flow.sought, flow.not_retrieved, flow.assessed) == (3, 1, 1)
    assert flow.reports_included == 1
    assert flow.pending == [("Reports awaiting assessment", 1)]
    assert flow.problems == []


def test_full_texts_survive_dump_and_load(project_with_records: Project, tmp_path: Path) -> None:
    import json

    from cerdesk.storage.dump import dumps_project, load_project

    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(PDF)
    full_text.attach_pdf(project_with_records, 1, pdf)
    text = dumps_project(project_with_records)
    loaded = load_project(json.loads(text), tmp_path / "loaded.cerdesk")
    with Project.open(loaded, user="x") as copy:
        row = register.full_text_of(copy, 1)
        assert row is not None and register.stored_file(copy, row["sha256"]) == PDF
        assert dumps_project(copy) == text
