"""Reports and studies: group the reports (records) that describe the same study.

PRISMA 2020 counts "studies included" and "reports of included studies" apart; so does a
clinical evaluation, which must not count the same patients twice (CEAR §D). A report in
no group is a study of its own.
"""

from __future__ import annotations

import uuid

from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.ops.evidence import require_kept_record
from cerdesk.storage import register
from cerdesk.storage.project import Project


def same_study(
    project: Project, record_id: int, other_id: int, label: str | None = None
) -> Changes:
    """Record that ``record_id`` and ``other_id`` report the same study.

    If either is already in a study, the other joins it; if both are, in different
    studies, the user must first take one out (merging studies silently could hide a
    mistake).
    """
    if record_id == other_id:
        raise UserError("Choose two different records.")
    for rid in (record_id, other_id):
        require_kept_record(project, rid)
    first, second = register.study_of(project, record_id), register.study_of(project, other_id)
    if first and second and first != second:
        raise UserError(
            f"Records {record_id} and {other_id} are already in different studies; take one "
            "out of its study first."
        )
    if first and first == second:
        raise UserError(f"Records {record_id} and {other_id} are already in the same study.")
    with project.edit(f"Group records {record_id} and {other_id} as one study") as ed:
        study_id = first or second
        if study_id is None:
            study_id = str(uuid.uuid4())
            ed.insert_system_row(
                "study",
                {"id": study_id, "code": register.next_study_code(project), "label": label},
            )
        for rid in (record_id, other_id):
            if register.study_of(project, rid) is None:
                ed.insert_system_row("study_report", {"id": rid, "study_id": study_id})
    return ed.result()


def leave_study(project: Project, record_id: int) -> Changes:
    """Take ``record_id`` out of its study (a study left with one report is dissolved)."""
    study_id = register.study_of(project, record_id)
    if study_id is None:
        raise UserError(f"Record {record_id} is not grouped with another report.")
    members = register.study_reports(project, study_id)
    with project.edit(f"Take record {record_id} out of its study") as ed:
        ed.delete_system_row("study_report", record_id)
        if len(members) <= 2:
            for other in members:
                if other != record_id:
                    ed.delete_system_row("study_report", other)
            ed.delete_system_row("study", study_id)
    return ed.result()
