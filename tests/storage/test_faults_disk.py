"""A full disk: the operation is refused with a clear message, the project unchanged and usable.

A child process (forked from :class:`fault_scripts.ForkServer`) limits the size of any file
it writes with ``RLIMIT_FSIZE`` and ignores ``SIGXFSZ``, so a write that would grow a file
fails with ``EFBIG`` as it would on a full disk (a small tmpfs cannot be mounted here).
The child reports the error it got, whether the project is unchanged, and whether a
small edit that needs no new space still works.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from cerdesk.storage.lock import lock_path
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import Project
from tests.storage import fault_scripts as fs

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(signal, "SIGXFSZ"), reason="needs fork and rlimits"
)


@pytest.fixture(scope="module")
def server() -> Iterator[fs.ForkServer]:
    """One fork server for the module's children."""
    srv = fs.ForkServer()
    yield srv
    srv.close()


def _outcome(lines: list[str]) -> str:
    [result] = [line for line in lines if line.split(" ")[0] in ("error", "crash", "no", "opened")]
    return result


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_still_usable(path: Path, lines: list[str], records: int = 0) -> None:
    assert "unchanged True" in lines, lines
    assert "edited" in lines and "closed" in lines, lines
    assert not Path(f"{path}-journal").exists()
    assert not lock_path(path).exists()
    assert fs.quick_check_ok(path)
    with Project.open(path, user="checker") as proj:
        assert proj.get("device")["trade_name"] == "still usable"
        assert proj.count("record") == records
        proj.undo()  # the last edit is an ordinary undoable step
        assert proj.get("device")["trade_name"] is None


@pytest.mark.parametrize("what", ["import", "edit"])
def test_disk_full_during_a_write(server: fs.ForkServer, tmp_path: Path, what: str) -> None:
    """An import or a long text that needs more space: refused whole, as a WriteError."""
    path = tmp_path / "full.cerdesk"
    run_id, _ = fs.make_evidence_project(path)
    lines = server.run_to_end("disk_full", tmp_path, path, what, run_id)
    outcome = _outcome(lines)
    assert outcome.startswith("error WriteError: full.cerdesk could not be saved: the disk is full")
    assert "Nothing of this change was saved" in outcome
    _assert_still_usable(path, lines)
    with Project.open(path, user="checker") as proj:
        assert proj.get("project")["notes"] is None


def test_disk_full_while_saving_a_copy(server: fs.ForkServer, tmp_path: Path) -> None:
    path = tmp_path / "full.cerdesk"
    fs.make_evidence_project(path, records=200)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "copy.cerdesk"
    lines = server.run_to_end("disk_full", tmp_path, path, "copy", target)
    assert _outcome(lines).startswith("error ProjectFileError: Cannot write copy.cerdesk")
    assert list((tmp_path / "out").iterdir()) == []  # no half copy, no temporary file
    _assert_still_usable(path, lines, records=200)


def test_disk_full_when_opening(server: fs.ForkServer, empty_project_path: Path) -> None:
    """Not even the lock file can be written: a message, and no empty lock left behind.

    Before the fix the lock was created empty and the write failed with an OSError: the
    next opening saw a lock "held by an unknown user".
    """
    path = empty_project_path
    before = _sha(path)
    lines = server.run_to_end("disk_full", path.parent, path, "open")
    outcome = _outcome(lines)
    assert outcome.startswith("error ProjectFileError: project.cerdesk cannot be opened for ed")
    assert "lock file" in outcome and outcome.endswith("Open it read-only.")
    assert not lock_path(path).exists()
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".~lock")] == []
    assert _sha(path) == before
    with Project.open(path, user="later") as proj:
        assert not proj.read_only


@pytest.mark.parametrize("where", ["backup", "migration"])
def test_disk_full_during_an_upgrade(server: fs.ForkServer, tmp_path: Path, where: str) -> None:
    """The backup (or the migration after it) cannot be written: the original is untouched.

    Before the fix a backup cut short stayed in the backup folder under a backup's name,
    and the error was an sqlite3.OperationalError ("unexpected error" for the user).
    """
    from cerdesk.storage.locations import backup_dir

    path = tmp_path / "old.cerdesk"
    fs.make_old_format(path)
    before = _sha(path)
    what = "migrate" if where == "backup" else "migrate-late"
    lines = server.run_to_end("disk_full", tmp_path, path, what)
    outcome = _outcome(lines)
    if where == "backup":
        assert outcome.startswith("error ProjectFileError: old.cerdesk was not changed: its back")
        assert not backup_dir().exists() or list(backup_dir().iterdir()) == []
    else:
        assert outcome.startswith("error WriteError: old.cerdesk could not be upgraded")
        assert "disk is full" in outcome
        [backup] = backup_dir().iterdir()  # the complete backup stays
        assert fs.user_version(backup) == 1 and fs.quick_check_ok(backup)
    assert _sha(path) == before
    assert not Path(f"{path}-journal").exists()
    assert not lock_path(path).exists()
    with Project.open(path, user="later") as proj:  # with space again, it upgrades
        assert proj.migrated_from == 1 and proj.schema_version == SCHEMA_VERSION
