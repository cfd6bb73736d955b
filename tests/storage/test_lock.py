"""The lock file beside an open project: who has it, read-only viewers, stale and forced locks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cerdesk.core.entities import SINGLETON_ID
from cerdesk.core.errors import ReadOnlyError
from cerdesk.ops import plan
from cerdesk.storage.errors import LockInfo, ProjectLockedError
from cerdesk.storage.lock import ProjectLock, lock_path, read_lock
from cerdesk.storage.project import Project


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _write_lock(project_path: Path, **values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "user": "mallory",
        "host": "other-computer",
        "pid": 4242,
        "since": "2026-01-02T03:04:05Z",
    }
    data.update(values)
    lock_path(project_path).write_text(json.dumps(data), encoding="utf-8")
    return data


def _lock_json(project_path: Path) -> dict[str, object]:
    return json.loads(lock_path(project_path).read_text(encoding="utf-8"))


def test_lock_file_names_the_holder(empty_project_path: Path) -> None:
    path = empty_project_path
    assert lock_path(path) == path.parent / ".~lock.project.cerdesk#"
    assert read_lock(path) is None
    with Project.open(path, user="alice") as _proj:
        data = _lock_json(path)
        assert data["user"] == "alice"
        assert data["host"] == socket.gethostname()
        assert data["pid"] == os.getpid()
        assert isinstance(data["since"], str) and data["since"].endswith("Z")
        assert read_lock(path) == LockInfo(
            "alice", socket.gethostname(), os.getpid(), data["since"]
        )
    assert not lock_path(path).exists()
    assert read_lock(path) is None


def test_second_open_is_refused_naming_the_holder(empty_project_path: Path) -> None:
    path = empty_project_path
    first = Project.open(path, user="alice")
    try:
        since = _lock_json(path)["since"]
        with pytest.raises(ProjectLockedError) as info:
            Project.open(path, user="bob")
        err = info.value
        assert err.info.user == "alice"
        assert err.info.host == socket.gethostname()
        assert err.info.since == since
        assert err.info.pid == os.getpid()
        message = str(err)
        assert "alice" in message and socket.gethostname() in message and str(since) in message
        assert path.name in message
        # The refused attempt did not disturb the holder's lock or its editing.
        assert _lock_json(path)["user"] == "alice"
        plan.set_field(first, "device", SINGLETON_ID, "trade_name", "Still mine")
        assert first.get("device")["trade_name"] == "Still mine"
    finally:
        first.close()

    # Once the first closes, the second can open for editing.
    with Project.open(path, user="bob") as second:
        assert not second.read_only
        assert _lock_json(path)["user"] == "bob"
        assert second.get("device")["trade_name"] == "Still mine"


def test_read_only_viewer_while_locked(empty_project_path: Path) -> None:
    path = empty_project_path
    with Project.open(path, user="alice") as editor:
        plan.set_field(editor, "device", SINGLETON_ID, "trade_name", "Version 1")
        viewer = Project.open(path, user="bob", read_only=True)
        try:
            assert viewer.read_only
            assert viewer.read_only_reason == ""
            assert viewer.get("device")["trade_name"] == "Version 1"
            # The viewer takes no lock of its own.
            assert _lock_json(path)["user"] == "alice"
            with pytest.raises(ReadOnlyError, match="read-only"):
                plan.set_field(viewer, "device", SINGLETON_ID, "trade_name", "Bob's")
            with pytest.raises(ReadOnlyError):
                plan.add_item(viewer, "indication", {"text": "x"})
            with pytest.raises(ReadOnlyError):
                viewer.undo()
            # The viewer sees what the editor saves next.
            plan.set_field(editor, "device", SINGLETON_ID, "trade_name", "Version 2")
            assert viewer.get("device")["trade_name"] == "Version 2"
            assert viewer.undo_status().undo_label is not None
        finally:
            viewer.close()
        # Closing the viewer leaves the editor's lock alone.
        assert _lock_json(path)["user"] == "alice"
        plan.set_field(editor, "device", SINGLETON_ID, "trade_name", "Version 3")
    assert not lock_path(path).exists()


def test_read_only_viewer_does_not_disturb_a_live_write(empty_project_path: Path) -> None:
    """A viewer opening while the editor is inside a transaction sees the last saved state."""
    path = empty_project_path
    with Project.open(path, user="alice") as editor:
        plan.set_field(editor, "device", SINGLETON_ID, "trade_name", "Saved")
        with editor.edit("Pending") as ed:
            ed.set_values("device", SINGLETON_ID, {"trade_name": "Pending"})
            assert Path(f"{path}-journal").exists()  # a live, not hot, journal
            with Project.open(path, user="bob", read_only=True) as viewer:
                assert viewer.get("device")["trade_name"] == "Saved"
        assert editor.get("device")["trade_name"] == "Pending"
    with Project.open(path, user="bob", read_only=True) as viewer:
        assert viewer.get("device")["trade_name"] == "Pending"


def test_stale_lock_of_dead_process_is_taken_over(empty_project_path: Path) -> None:
    path = empty_project_path
    dead = _dead_pid()
    _write_lock(path, user="crashed", host=socket.gethostname(), pid=dead)
    assert read_lock(path) is None  # recognised as stale
    with Project.open(path, user="bob") as proj:
        assert not proj.read_only
        data = _lock_json(path)
        assert (data["user"], data["pid"]) == ("bob", os.getpid())
    assert not lock_path(path).exists()


def test_lock_from_another_computer_is_respected(empty_project_path: Path) -> None:
    """A pid on another host cannot be checked, so the lock holds even if that pid is free."""
    path = empty_project_path
    written = _write_lock(path, pid=_dead_pid())
    with pytest.raises(ProjectLockedError) as info:
        Project.open(path, user="bob")
    assert info.value.info == LockInfo(
        "mallory", "other-computer", written["pid"], written["since"]
    )
    assert "mallory" in str(info.value) and "other-computer" in str(info.value)
    assert _lock_json(path) == written


def test_force_lock(empty_project_path: Path) -> None:
    path = empty_project_path
    _write_lock(path)
    with Project.open(path, user="bob", force_lock=True) as proj:
        assert not proj.read_only
        data = _lock_json(path)
        assert (data["user"], data["host"], data["pid"]) == (
            "bob",
            socket.gethostname(),
            os.getpid(),
        )
        plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Forced")
    assert not lock_path(path).exists()


def test_unreadable_lock_is_held_by_unknown_user(empty_project_path: Path) -> None:
    path = empty_project_path
    lock_path(path).write_bytes(b"{half a lock")
    with pytest.raises(ProjectLockedError) as info:
        Project.open(path, user="bob")
    assert info.value.info.user == "an unknown user"
    assert lock_path(path).read_bytes() == b"{half a lock"
    with Project.open(path, user="bob", force_lock=True):
        assert _lock_json(path)["user"] == "bob"


def test_close_keeps_a_lock_that_is_no_longer_ours(empty_project_path: Path) -> None:
    """If someone forced the lock away from us, closing must not delete their lock."""
    path = empty_project_path
    proj = Project.open(path, user="alice")
    theirs = _write_lock(path, user="carol")
    proj.close()
    assert _lock_json(path) == theirs


def test_lock_api_directly(tmp_path: Path) -> None:
    path = tmp_path / "x.cerdesk"
    lock = ProjectLock.acquire(path, "alice")
    assert lock.info.user == "alice"
    with pytest.raises(ProjectLockedError):
        ProjectLock.acquire(path, "bob")
    lock.release()
    lock.release()  # twice is harmless
    assert not lock_path(path).exists()
    again = ProjectLock.acquire(path, "bob")
    again.release()


def test_second_instance_is_told_who_holds_the_project(empty_project_path: Path) -> None:
    """A second cerdesk process (not just a second object) is refused, naming the holder."""
    path = empty_project_path
    script = (
        "import sys\n"
        "from cerdesk.storage.errors import ProjectLockedError\n"
        "from cerdesk.storage.project import Project\n"
        "try:\n"
        "    Project.open(sys.argv[1], user='bob')\n"
        "except ProjectLockedError as err:\n"
        "    print(err.info.user, err.info.pid, '|', err)\n"
    )
    with Project.open(path, user="alice"):
        since = _lock_json(path)["since"]
        out = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
            check=True,
        ).stdout
        assert out.startswith(f"alice {os.getpid()} | project.cerdesk is already open: alice on ")
        assert str(since) in out
        assert _lock_json(path)["user"] == "alice"


def test_lock_file_never_appears_half_written(empty_project_path: Path) -> None:
    """The lock is linked into place complete: no temporary file stays beside the project."""
    path = empty_project_path
    with Project.open(path, user="alice"):
        assert sorted(p.name for p in path.parent.iterdir()) == [
            ".~lock.project.cerdesk#",
            "project.cerdesk",
        ]
        assert _lock_json(path)["user"] == "alice"
