"""Write the "Tables" block of docs/file-format.md from the schema a new project has.

Run ``python resources/schema_doc.py`` after adding a migration; the test
tests/storage/test_file_format_doc.py fails while the document is out of date.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from cerdesk.core.entities import BY_TABLE
from cerdesk.storage.project import Project

DOC = Path(__file__).resolve().parents[1] / "docs" / "file-format.md"
BEGIN, END = "<!-- tables:begin -->", "<!-- tables:end -->"

#: Tables the document describes in prose ("Bookkeeping").
_DESCRIBED_ABOVE = {"meta", "change_log", "undo_step"}

_BOOKKEEPING = {
    "id": "Row id (UUID; `1` for single-row tables)",
    "position": "Order of the row in its list (0, 1, 2…)",
    "created_at": "When the row was created (UTC, ISO 8601)",
    "created_by": "Who created it",
    "updated_at": "When a value of the row last changed (UTC)",
}

#: Columns of tables that are not user-edited entities, or not fields of their entity.
_COLUMNS = {
    ("source", "source_key"): "What the source is: `record:<id>`, `study:<id>`, "
    "`clinical_investigation:<id>`, `pmcf_study:<id>`, `pms_period:<id>` or "
    "`registry_source:<id>`",
    ("appraisal_grade", "source_id"): "Id of the appraised `source` row",
    ("appraisal_grade", "scheme"): "Appraisal scheme: `IMDRF_N56`, `MEDDEV_A6`, "
    "`COCHRANE_ROB2`, `MINORS`, `NOS_COHORT`",
    ("appraisal_grade", "item"): "Criterion of the scheme (`D`, `A6.b`, `MINORS 3`…)",
    ("appraisal_grade", "grade"): "The grade given (`D1`, `FLAG`, `LOW`, `2`…); empty = not graded",
    ("appraisal_grade", "justification"): "Why this grade (a finding for A6 flags)",
    ("grade_label", "scheme"): "Appraisal scheme the label belongs to",
    ("grade_label", "grade"): "The grade (`D2`…)",
    (
        "grade_label",
        "label",
    ): "The project's label for it, shown and printed instead of the default",
}


def tables_block() -> str:
    """Return the Markdown describing every table and column of a new project."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.cerdesk"
        Project.create(path, user="schema").close()
        conn = sqlite3.connect(path)
        try:
            ordinary = {r[1] for r in conn.execute("PRAGMA main.table_list") if r[2] == "table"}
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
                )
                if r[0] in ordinary  # virtual tables and their shadows are described in prose
            ]
            out = [BEGIN, ""]
            for name in names:
                if name in _DESCRIBED_ABOVE:
                    continue
                spec = BY_TABLE.get(name)
                title = f"`{name}`" + (f" — {spec.plural}" if spec else "")
                if spec and spec.singleton:
                    title += " (one row)"
                if spec and spec.parent:
                    title += f" (rows belong to a `{spec.parent}`)"
                out += [f"#### {title}", "", "| Column | Type | Meaning |", "|---|---|---|"]
                for _cid, column, kind, _notnull, _default, _pk in conn.execute(
                    f"PRAGMA table_info([{name}])"
                ):
                    meaning = _COLUMNS.get((name, column)) or _BOOKKEEPING.get(column, "")
                    if spec and column in spec.field_names:
                        f = spec.field(column)
                        meaning = f"{f.label} ({f.kind.name.lower()})"
                        if f.choices:
                            meaning += ": " + ", ".join(f"`{c.value}`" for c in f.choices)
                    elif spec and column == spec.parent_column:
                        meaning = f"Id of the owning `{spec.parent}` row"
                    out.append(f"| `{column}` | {kind or 'any'} | {meaning} |")
                out.append("")
            out.append(END)
            return "\n".join(out)
        finally:
            conn.close()


def main() -> int:
    """Rewrite the block in docs/file-format.md; return 0."""
    text = DOC.read_text(encoding="utf-8")
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    DOC.write_text(text[:start] + tables_block() + text[stop:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
