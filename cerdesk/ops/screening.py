"""Screening decisions: include, exclude (with a reason code of the plan) or unsure.

Two stages, title/abstract then full text. Each reviewer has one decision per record and
stage; deciding again changes it (logged and undoable like every edit). Records linked as
duplicates are removed before screening and cannot be screened; a record reaches full-text
screening only once included at title/abstract.
"""

from __future__ import annotations

import uuid

from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.ops.evidence import require_kept_record
from cerdesk.storage import register
from cerdesk.storage.project import Project

STAGES = ("TITLE_ABSTRACT", "FULL_TEXT")
DECISIONS = ("INCLUDE", "EXCLUDE", "UNSURE")
STAGE_LABELS = {"TITLE_ABSTRACT": "title/abstract", "FULL_TEXT": "full text"}


def exclusion_reasons(project: Project, stage: str) -> list[tuple[str, str]]:
    """Return the plan's exclusion reasons usable at ``stage``: (code, label), in order."""
    out = []
    for item in project.items("exclusion_reason"):
        used_at = item.get("stage") or "BOTH"
        if item.get("code") and used_at in ("BOTH", stage):
            out.append((item.get("code"), item.get("label") or item.get("code")))
    return out


def decide(
    project: Project,
    record_id: int,
    stage: str,
    decision: str,
    *,
    reason_code: str | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> Changes:
    """Record (or change) one reviewer's decision on one record at one stage.

    Raises:
        UserError: unknown stage or decision; an exclusion without a reason code of the
            plan; a duplicate record; full text before inclusion at title/abstract.
    """
    if stage not in STAGES:
        raise UserError(f"Unknown screening stage {stage!r}.")
    if decision not in DECISIONS:
        raise UserError(f"Unknown decision {decision!r}; use include, exclude or unsure.")
    reviewer = reviewer or project.user
    require_kept_record(project, record_id)
    if decision == "EXCLUDE":
        codes = [code for code, _label in exclusion_reasons(project, stage)]
        if not codes:
            raise UserError(
                "The plan has no exclusion reason codes for this stage; add them on the "
                "Plan tab (Literature search protocol) first."
            )
        if reason_code not in codes:
            raise UserError(
                f"Say why the record is excluded with one of the plan's codes: {', '.join(codes)}."
            )
    else:
        reason_code = None
    if stage == "FULL_TEXT" and register.final_decision(project, record_id, "TITLE_ABSTRACT") != (
        "INCLUDE"
    ):
        raise UserError(
            f"Record {record_id} is not included at title/abstract, so its full text is not "
            "screened."
        )
    existing = register.decision_of(project, record_id, stage, reviewer)
    verb = {"INCLUDE": "Include", "EXCLUDE": "Exclude", "UNSURE": "Mark unsure"}[decision]
    label = f"{verb} record {record_id} ({STAGE_LABELS[stage]})"
    values = {"decision": decision, "reason_code": reason_code, "note": note}
    with project.edit(label) as ed:
        if existing is None:
            ed.insert_system_row(
                "screening_decision",
                {
                    "id": str(uuid.uuid4()),
                    "record_id": record_id,
                    "stage": stage,
                    "reviewer": reviewer,
                    **values,
                },
            )
        else:
            ed.update_system_row("screening_decision", existing, values)
    return ed.result()


def clear(project: Project, record_id: int, stage: str, reviewer: str | None = None) -> Changes:
    """Withdraw a reviewer's decision (the record is unscreened again at that stage)."""
    existing = register.decision_of(project, record_id, stage, reviewer or project.user)
    if existing is None:
        raise UserError(f"Record {record_id} has no decision to withdraw at this stage.")
    with project.edit(f"Withdraw decision on record {record_id}") as ed:
        ed.delete_system_row("screening_decision", existing)
    return ed.result()
