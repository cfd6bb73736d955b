"""A long import in a worker thread while the user keeps editing: both are kept, no error.

The worker writes through :meth:`Project.attach` (its own connection); the window's
edits go through the project's connection. Writes are serialised: an edit started while
the import's transaction is open waits for it (``BEGIN IMMEDIATE`` and a busy timeout)
instead of failing with "database is locked", which used to reach the user at once.
"""

from __future__ import annotations

import threading
import time

from cerdesk.core.errors import UserError
from cerdesk.ops import evidence, plan
from cerdesk.storage.project import Project
from tests.storage.fault_scripts import quick_check_ok, synthetic_result

RECORDS = 20_000


def test_edits_during_a_worker_import_are_all_kept(project: Project) -> None:
    run_id = evidence.add_search_run(project, {"database": "Embase"}).created_id
    assert run_id is not None
    result = synthetic_result(RECORDS)
    started, errors, imported = threading.Event(), [], []

    def work() -> None:
        handle = project.attach()
        try:
            started.set()
            imported.append(
                evidence.import_records(
                    handle, run_id, result, file_name="big.ris", sha256="b" * 64, size=1
                )
            )
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)
        finally:
            handle.close()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait(10)
    edits = 0
    # Keep editing (and reading) as the window would, until the import is done.
    while worker.is_alive() or edits < 5:
        edits += 1
        plan.add_item(project, "indication", {"text": f"typed during the import {edits}"})
        plan.set_field(project, "device", "1", "trade_name", f"name {edits}")
        project.count("record")
        time.sleep(0.005)
    worker.join(120)
    assert errors == []
    assert imported and imported[0].records == RECORDS
    assert project.count("record") == RECORDS
    assert project.count("indication") == edits
    assert project.get("device")["trade_name"] == f"name {edits}"
    project.close()
    assert quick_check_ok(project.path)
    with Project.open(project.path, user="later") as again:
        assert again.count("record") == RECORDS and again.count("indication") == edits


def test_a_write_still_busy_after_the_wait_is_a_user_error(project: Project) -> None:
    """If another writer holds the file beyond the wait, the message says so plainly."""
    other = Project.open(project.path, user="other", force_lock=True)
    try:
        other._conn.execute("PRAGMA busy_timeout = 0")
        project._conn.execute("PRAGMA busy_timeout = 50")
        with other.edit("Long") as ed:
            ed.set_values("device", "1", {"trade_name": "held"})
            try:
                plan.set_field(project, "device", "1", "trade_name", "blocked")
            except UserError as err:
                message = str(err)
            else:  # pragma: no cover - the assertion below reports it
                message = ""
        assert "busy saving another change" in message
        assert "locked" not in message
    finally:
        other.close()
    assert project.get("device")["trade_name"] == "held"
