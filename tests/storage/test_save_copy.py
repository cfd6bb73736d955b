"""Save a copy: a consistent snapshot of an open project, written without closing it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from cerdesk.core.entities import ENTITIES, SINGLETON_ID
from cerdesk.ops import plan
from cerdesk.storage import identity
from cerdesk.storage.errors import ProjectFileError
from cerdesk.storage.lock import lock_path
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import Project

ALL_TABLES = [spec.table for spec in ENTITIES] + ["meta", "change_log", "undo_step"]


def _everything(proj: Project) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (undo journal and change log included), in a fixed order."""
    out = {}
    for table in ALL_TABLES:
        rows = proj._conn.execute(f"SELECT * FROM [{table}]").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def _fill(proj: Project) -> None:
    plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Stent")
    plan.set_field(proj, "device", SINGLETON_ID, "implantable", True)
    obj = plan.add_item(proj, "objective", {"category": "SAFETY", "statement": "Safe."})
    plan.add_item(proj, "acceptance_criterion", {"threshold": 1.25}, parent_id=obj.created_id)
    plan.add_item(proj, "equivalent_device", {"name": "Predicate"})
    plan.set_field(proj, "project", SINGLETON_ID, "update_frequency_months", 12)
    plan.undo(proj)  # leaves a redo step, which is copied too


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _others(folder: Path, *keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p not in keep)


def test_copy_has_identical_data(project: Project, tmp_path: Path) -> None:
    _fill(project)
    target = tmp_path / "copies" / "copy.cerdesk"
    target.parent.mkdir()
    result = project.save_copy(target)
    assert result == target
    assert _others(target.parent) == ["copy.cerdesk"]  # no temporary file left

    # The copy is a complete project file of this format, not locked by anyone.
    ident = identity.check_identity(target)
    assert (ident.application_id, ident.schema_version) == (
        identity.APPLICATION_ID,
        SCHEMA_VERSION,
    )
    identity.quick_check(target)
    assert not lock_path(target).exists()
    assert target.read_bytes()[18:20] == b"\x01\x01"  # not WAL

    with Project.open(target, user="reviewer") as copy:
        assert _everything(copy) == _everything(project)
        assert copy.get("device")["trade_name"] == "Stent"
        assert copy.undo_status() == project.undo_status()
        assert copy.undo_status().redo_label is not None

    # The original stays open and editable; later edits do not reach the copy.
    assert not project.closed
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Changed")
    with Project.open(target, user="reviewer", read_only=True) as copy:
        assert copy.get("device")["trade_name"] == "Stent"


def test_copy_is_independent_of_the_original(project: Project, tmp_path: Path) -> None:
    target = project.save_copy(tmp_path / "copy.cerdesk")
    with Project.open(target, user="reviewer") as copy:
        plan.set_field(copy, "device", SINGLETON_ID, "trade_name", "In the copy")
    assert project.get("device")["trade_name"] is None


def test_refuses_its_own_path(project: Project) -> None:
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Keep me")
    before = _sha(project.path)
    with pytest.raises(ProjectFileError, match="different file name"):
        project.save_copy(project.path)
    with pytest.raises(ProjectFileError, match="different file name"):
        project.save_copy(str(project.path))
    assert _sha(project.path) == before
    assert _others(project.path.parent) == sorted([project.path.name, lock_path(project.path).name])


def test_refuses_its_own_file_under_another_name(project: Project, tmp_path: Path) -> None:
    """A path spelled differently (``..``, a symbolic link) is still the open file."""
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Keep me")
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.cerdesk"
    link.symlink_to(project.path)
    inode = project.path.stat().st_ino
    for alias in (tmp_path / "sub" / ".." / project.path.name, link):
        with pytest.raises(ProjectFileError, match="different file name"):
            project.save_copy(alias)
        assert project.path.stat().st_ino == inode
        assert link.is_symlink()
    # Edits still reach the file on disk (it was not swapped under the open connection).
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Later")
    conn = sqlite3.connect(f"file:{project.path}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT trade_name FROM device").fetchone() == ("Later",)
    finally:
        conn.close()


def test_replaces_an_existing_target(project: Project, tmp_path: Path) -> None:
    _fill(project)
    target = tmp_path / "old.cerdesk"
    with Project.create(target, user="someone", device_name="Old device") as old:
        old_id = old.meta()["project_id"]
    project.save_copy(target)
    with Project.open(target, user="reviewer") as copy:
        assert copy.get("device")["trade_name"] == "Stent"
        assert copy.meta()["project_id"] == project.meta()["project_id"] != old_id
    # Also over a file that is not a project at all.
    junk = tmp_path / "junk.cerdesk"
    junk.write_bytes(b"junk" * 1000)
    project.save_copy(junk)
    assert identity.check_identity(junk).schema_version == SCHEMA_VERSION


def test_missing_folder(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "copy.cerdesk"
    with pytest.raises(ProjectFileError, match=r"copy\.cerdesk"):
        project.save_copy(target)
    assert not target.parent.exists()


def test_failed_copy_leaves_existing_target(project: Project, tmp_path: Path) -> None:
    """If the copy cannot be written, an existing target keeps its content."""
    # The longest name a folder entry may have: the temporary name beside it is too long.
    target = tmp_path / ("c" * 247 + ".cerdesk")
    target.write_bytes(b"previous content")
    with pytest.raises(ProjectFileError, match="Cannot write"):
        project.save_copy(target)
    assert target.read_bytes() == b"previous content"
    assert [p.name for p in tmp_path.iterdir() if ".copy-" in p.name] == []


def test_impossible_name(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="Cannot write"):
        project.save_copy(tmp_path / ("n" * 300 + ".cerdesk"))


def test_read_only_project_can_save_a_copy(empty_project_path: Path, tmp_path: Path) -> None:
    with Project.open(empty_project_path, user="tester") as editor:
        plan.set_field(editor, "device", SINGLETON_ID, "trade_name", "Stent")
        with Project.open(empty_project_path, user="viewer", read_only=True) as viewer:
            target = viewer.save_copy(tmp_path / "viewer-copy.cerdesk")
            # The viewer is still read-only afterwards.
            assert viewer._conn.execute("PRAGMA query_only").fetchone() == (1,)
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                viewer._conn.execute("DELETE FROM meta")
    with Project.open(target, user="viewer") as copy:
        assert copy.get("device")["trade_name"] == "Stent"
