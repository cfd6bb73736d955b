"""De-duplication of the evidence register: link duplicates, review the uncertain pairs.

Duplicates are linked to the record kept, never deleted; every link says which rule made
it. Pairs the matcher is unsure of wait in a review list; a person's "not a duplicate" is
remembered and the pair is never proposed again. A run only adds: links and decisions
made before (by people or earlier runs) are kept, so re-running after the annual update's
import links just the new records.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.ops.dedupe_match import DedupeRecord, Match, find_matches, group_duplicates
from cerdesk.storage import register
from cerdesk.storage.journal import Edit
from cerdesk.storage.project import Project

_LINK_COLUMNS = ["id", "kept_id", "rule", "score", "batch"]
_CANDIDATE_COLUMNS = ["record_a", "record_b", "rule", "score", "batch"]


class DedupeCancelledError(UserError):
    """The user cancelled a de-duplication run; nothing was written."""


@dataclass(frozen=True)
class DedupeOutcome:
    """What a run found and wrote.

    Attributes:
        records: Records compared.
        linked: New duplicate links.
        candidates: New pairs to review.
        already_linked: Duplicates linked before this run.
        changes: The operation's changes (empty when nothing new was found).
    """

    records: int
    linked: int
    candidates: int
    already_linked: int
    changes: Changes


def load_records(project: Project) -> list[DedupeRecord]:
    """Return every record of the register in the matcher's form."""
    return [DedupeRecord(*row) for row in register.dedupe_rows(project)]


def _root(links: dict[int, int], record_id: int) -> int:
    seen = set()
    while record_id in links and record_id not in seen:
        seen.add(record_id)
        record_id = links[record_id]
    return record_id


def run_dedupe(
    project: Project,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DedupeOutcome:
    """Find duplicates among all records and link them; queue uncertain pairs for review.

    Raises:
        DedupeCancelledError: ``cancelled()`` returned True; nothing was written.
    """
    records = load_records(project)
    existing = register.duplicate_links(project)
    refused = register.not_duplicate_pairs(project)
    queued = {(c.record_a, c.record_b) for c in register.candidates(project)}
    matches = find_matches(records, not_duplicates=refused, progress=progress, cancelled=cancelled)
    if cancelled is not None and cancelled():
        raise DedupeCancelledError("De-duplication was cancelled; nothing was changed.")
    sure = [m for m in matches if m.decision == "duplicate"]
    groups = _keep_screened(group_duplicates(records, sure), register.screened_ids(project))
    rule_of = _rules(sure)
    kept_targets = set(existing.values())
    links: list[tuple[int, int, str, float | None]] = []
    for duplicate, kept in sorted(groups.items()):
        if duplicate in existing or duplicate in kept_targets:
            continue  # decided before; a kept record never becomes a duplicate silently
        root = _root(existing, kept)
        if root == duplicate:
            continue
        rule, score = rule_of.get(duplicate, ("same group of duplicates", None))
        links.append((duplicate, root, rule, score))
    linked_now = {d for d, *_ in links} | set(existing)
    new_candidates = []
    for m in matches:
        pair = (min(m.a, m.b), max(m.a, m.b))
        if m.decision != "uncertain" or pair in refused or pair in queued:
            continue
        if _root(groups | existing, m.a) == _root(groups | existing, m.b):
            continue  # already in one group
        if m.a in linked_now and m.b in linked_now:
            continue
        new_candidates.append((*pair, m.rule, m.score))
        queued.add(pair)
    if not links and not new_candidates:
        return DedupeOutcome(len(records), 0, 0, len(existing), Changes())
    batch = str(uuid.uuid4())
    label = f"Find duplicates: {len(links)} linked, {len(new_candidates)} to review"
    with project.edit(label) as ed:
        if links:
            ed.bulk_insert(
                "duplicate_link",
                _LINK_COLUMNS,
                ((d, k, r, s, batch) for d, k, r, s in links),
                group_column="batch",
                group_value=batch,
            )
        if new_candidates:
            ed.bulk_insert(
                "duplicate_candidate",
                _CANDIDATE_COLUMNS,
                ((a, b, r, s, batch) for a, b, r, s in new_candidates),
                group_column="batch",
                group_value=batch,
            )
    return DedupeOutcome(len(records), len(links), len(new_candidates), len(existing), ed.result())


def _keep_screened(groups: dict[int, int], screened: set[int]) -> dict[int, int]:
    """Keep, in each group, a record that already has screening decisions.

    After an annual update's import, the record screened last year must stay the kept
    one, so its decisions carry over and only truly new records need screening.
    """
    members: dict[int, list[int]] = {}
    for duplicate, kept in groups.items():
        members.setdefault(kept, []).append(duplicate)
    out: dict[int, int] = {}
    for kept, duplicates in members.items():
        group = [kept, *duplicates]
        if kept not in screened and any(m in screened for m in duplicates):
            kept = min(m for m in duplicates if m in screened)
        out.update({m: kept for m in group if m != kept})
    return out


def _rules(matches: list[Match]) -> dict[int, tuple[str, float | None]]:
    """Return, for each record, the strongest rule that matched it to another."""
    best: dict[int, tuple[str, float | None]] = {}
    for m in sorted(matches, key=lambda m: m.score):
        best[m.a] = best[m.b] = (m.rule, m.score)
    return best


def decide_candidate(
    project: Project, candidate_id: int, *, duplicate: bool, keep: int | None = None
) -> Changes:
    """Record a person's decision on a pair waiting for review.

    Args:
        candidate_id: The pair.
        duplicate: True to link the pair, False to remember it is not a duplicate.
        keep: Which record of the pair to keep when linking (default: the older one).
    """
    pair = next((c for c in register.candidates(project) if c.id == candidate_id), None)
    if pair is None:
        raise UserError("This pair was already decided.")
    with project.edit("Mark as duplicates" if duplicate else "Mark as not duplicates") as ed:
        ed.delete_system_row("duplicate_candidate", candidate_id)
        if duplicate:
            kept = pair.record_a if keep is None else keep
            if kept not in (pair.record_a, pair.record_b):
                raise UserError("Keep one of the two records of the pair.")
            other = pair.record_b if kept == pair.record_a else pair.record_a
            root = _root(register.duplicate_links(project), kept)
            if other in register.duplicate_links(project):
                raise UserError(f"Record {other} is already linked as a duplicate.")
            ed.insert_system_row(
                "duplicate_link",
                {
                    "id": other,
                    "kept_id": root,
                    "rule": "reviewer decision",
                    "score": pair.score,
                    "batch": f"review-{uuid.uuid4()}",
                },
            )
            _relink_children(project, ed, other, root)
        else:
            ed.insert_system_row(
                "not_duplicate",
                {
                    "id": str(uuid.uuid4()),
                    "record_a": pair.record_a,
                    "record_b": pair.record_b,
                    "note": None,
                },
            )
    return ed.result()


def _relink_children(project: Project, ed: Edit, duplicate: int, kept: int) -> None:
    """Point links to ``duplicate`` at ``kept`` so no chain of links forms."""
    for child, target in register.duplicate_links(project).items():
        if target == duplicate:
            row = {"kept_id": kept}
            ed.update_system_row("duplicate_link", child, row)


def unlink(project: Project, record_id: int) -> Changes:
    """Undo a duplicate link: the record counts again, and the pair is never re-proposed."""
    links = register.duplicate_links(project)
    if record_id not in links:
        raise UserError(f"Record {record_id} is not linked as a duplicate.")
    kept = links[record_id]
    pair = (min(record_id, kept), max(record_id, kept))
    with project.edit(f"Unlink duplicate record {record_id}") as ed:
        ed.delete_system_row("duplicate_link", record_id)
        if pair not in register.not_duplicate_pairs(project):
            ed.insert_system_row(
                "not_duplicate",
                {
                    "id": str(uuid.uuid4()),
                    "record_a": pair[0],
                    "record_b": pair[1],
                    "note": "unlinked by a reviewer",
                },
            )
    return ed.result()
