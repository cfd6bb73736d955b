"""A second handle on an open project, for a long write in a worker thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cerdesk.core.errors import ReadOnlyError
from cerdesk.ops import plan
from cerdesk.storage.lock import lock_path
from cerdesk.storage.project import Project


def test_worker_thread_writes_through_its_own_connection(project: Project) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            handle = project.attach()
            try:
                plan.set_field(handle, "device", "1", "trade_name", "Written by a worker")
            finally:
                handle.close()
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert errors == []
    # The owner sees the commit, can undo it, and still holds the lock.
    assert project.get("device").get("trade_name") == "Written by a worker"
    assert lock_path(project.path).exists()
    project.undo()
    assert project.get("device").get("trade_name") is None


def test_attach_refused_read_only(empty_project_path: Path) -> None:
    with (
        Project.open(empty_project_path, user="r", read_only=True) as viewer,
        pytest.raises(ReadOnlyError),
    ):
        viewer.attach()
