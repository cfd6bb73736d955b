"""Reports grouped into studies: PRISMA counts studies and reports apart."""

from __future__ import annotations

import pytest

from cerdesk.core.bibliography import ParsedRecord, ParseResult
from cerdesk.core.errors import UserError
from cerdesk.core.prisma import build_flow
from cerdesk.ops import evidence, screening, studies
from cerdesk.storage import register
from cerdesk.storage.project import Project


@pytest.fixture
def reports(project: Project) -> Project:
    records = [
        ParsedRecord(source_index=i, raw=f"r{i}", title=f"Cohort report {i}") for i in range(1, 5)
    ]
    evidence.import_files(
        project,
        [evidence.ExportFile("a.ris", "a" * 64, 1, ParseResult("ris", records))],
        new_run={"database": "PubMed"},
    )
    for record_id in range(1, 5):
        screening.decide(project, record_id, "TITLE_ABSTRACT", "INCLUDE")
        screening.decide(project, record_id, "FULL_TEXT", "INCLUDE")
    return project


def test_grouped_reports_count_as_one_study(reports: Project) -> None:
    studies.same_study(reports, 1, 2)
    studies.same_study(reports, 3, 2)  # joins the existing study
    study = register.study_of(reports, 1)
    assert study and register.study_reports(reports, study) == [1, 2, 3]
    assert register.study_code(reports, study) == "STU-001"
    flow = build_flow(register.prisma_inputs(reports))
    assert (flow.studies_included, flow.reports_included) == (2, 4)
    reports.undo()
    assert register.study_reports(reports, study) == [1, 2]


def test_refusals_and_leaving(reports: Project) -> None:
    studies.same_study(reports, 1, 2)
    studies.same_study(reports, 3, 4)
    with pytest.raises(UserError, match="different studies"):
        studies.same_study(reports, 1, 3)
    with pytest.raises(UserError, match="already in the same study"):
        studies.same_study(reports, 1, 2)
    with pytest.raises(UserError, match="different records"):
        studies.same_study(reports, 1, 1)
    studies.leave_study(reports, 1)  # a study left with one report is dissolved
    assert register.study_of(reports, 2) is None
    assert register.study_of(reports, 3) is not None
    with pytest.raises(UserError, match="not grouped"):
        studies.leave_study(reports, 1)
