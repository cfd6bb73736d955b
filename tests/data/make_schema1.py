"""Make tests/data/schema-1.cerdesk, the committed sample of project format 1.

Run once, from the repository root, with a cerdesk whose SCHEMA_VERSION is 1::

    python tests/data/make_schema1.py            # refuses to overwrite
    python tests/data/make_schema1.py --force    # only if format 1 itself was wrong

The file is then committed and never regenerated: it guards the format contract, so
every later cerdesk must open it (migrating it) and show the values asserted in
tests/storage/test_migrations.py::test_committed_schema_1_file_opens.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from cerdesk.core.entities import SINGLETON_ID  # noqa: E402
from cerdesk.ops import plan  # noqa: E402
from cerdesk.storage.migrations import SCHEMA_VERSION  # noqa: E402
from cerdesk.storage.project import Project  # noqa: E402

TARGET = HERE / "schema-1.cerdesk"
USER = "schema-1 maker"
#: A fixed id so the test can check that meta survives migrations.
PROJECT_ID = "6f1f4c1e-3b55-4d1c-9a77-0c2f3e1a5b01"


def make(path: Path) -> None:
    """Build the sample project at ``path`` through the normal operations."""
    with Project.create(path, user=USER, device_name="Acme Stent (draft)") as proj:
        plan.set_fields(
            proj,
            "project",
            SINGLETON_ID,
            {
                "title": "Clinical evaluation of Acme Stent",
                "update_frequency_months": 12,
                "next_update_due": "2027-06-30",
            },
        )
        plan.set_fields(
            proj,
            "device",
            SINGLETON_ID,
            {
                "risk_class": "III",
                "implantable": True,
                "basic_udi_di": ["0123456ACME01", "0123456ACME02"],
            },
        )
        plan.set_field(proj, "manufacturer", SINGLETON_ID, "legal_name", "Acme Medical GmbH")
        plan.add_item(proj, "device_variant", {"model": "AS-20"})
        plan.add_item(proj, "device_variant", {"model": "AS-30"})
        safety = plan.add_item(
            proj, "objective", {"category": "SAFETY", "statement": "Low stent thrombosis."}
        ).created_id
        plan.add_item(
            proj, "objective", {"category": "PERFORMANCE", "statement": "Technical success."}
        )
        plan.add_item(
            proj,
            "acceptance_criterion",
            {"metric": "PROPORTION", "operator": "LE", "threshold": 2.5, "unit": "%"},
            parent_id=safety,
        )
        eq = plan.add_item(
            proj,
            "equivalent_device",
            {"name": "Predicate Stent", "manufacturer": "Other Co", "same_manufacturer": False},
        ).created_id
        first_char = proj.items("equivalence_characteristic", eq)[0]
        plan.set_field(proj, "equivalence_characteristic", first_char.id, "difference", "none")
        plan.add_item(
            proj, "eligibility_criterion", {"criterion_type": "INCLUSION", "text": "Adults."}
        )
        plan.add_item(
            proj, "eligibility_criterion", {"criterion_type": "EXCLUSION", "text": "Animals."}
        )
        item = next(i for i in proj.items("cep_item") if i["code"] == "1a.1")
        plan.set_field(proj, "cep_item", item.id, "status", "ADDRESSED")
        # Last, so that the file's next undo is this edit.
        plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Acme Stent")
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'project_id'", (PROJECT_ID,))
        conn.execute("VACUUM")
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    if SCHEMA_VERSION != 1:
        print(f"This cerdesk writes format {SCHEMA_VERSION}; the sample must be format 1.")
        return 1
    if TARGET.exists() and "--force" not in argv:
        print(f"{TARGET} exists; it is a committed fixture. Use --force to replace it.")
        return 1
    with tempfile.TemporaryDirectory() as home:
        os.environ["CERDESK_HOME"] = home
        temp = TARGET.with_name("schema-1.tmp.cerdesk")
        temp.unlink(missing_ok=True)
        make(temp)
        os.replace(temp, TARGET)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
