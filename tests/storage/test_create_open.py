"""Creating a project file, closing it and opening it again: what is on disk."""

from __future__ import annotations

import re
import sqlite3
import struct
import uuid
from pathlib import Path

import pytest

from cerdesk.core.entities import ENTITIES, SINGLETON_ID
from cerdesk.core.reference import ANNEX_XIV_1A
from cerdesk.ops import plan
from cerdesk.storage import identity
from cerdesk.storage.errors import ProjectExistsError, ProjectFileError
from cerdesk.storage.lock import lock_path
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import Project

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _side_files(path: Path) -> list[Path]:
    """Everything in the project's folder besides the project itself."""
    return sorted(p for p in path.parent.iterdir() if p != path)


def _pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_create_close_reopen_keeps_values(tmp_path: Path) -> None:
    path = tmp_path / "new.cerdesk"
    proj = Project.create(path, user="alice", device_name="  Stent X  ")
    try:
        plan.set_field(proj, "device", SINGLETON_ID, "risk_class", "III")
        plan.set_field(proj, "device", SINGLETON_ID, "implantable", True)
        plan.set_field(proj, "project", SINGLETON_ID, "update_frequency_months", 12)
        plan.set_field(proj, "project", SINGLETON_ID, "data_cutoff_date", "2026-01-31")
        plan.set_field(proj, "manufacturer", SINGLETON_ID, "certificate_numbers", ["C1", "C2"])
        obj_id = plan.add_item(
            proj, "objective", {"category": "SAFETY", "statement": "No deaths."}
        ).created_id
        assert obj_id is not None
        plan.add_item(proj, "acceptance_criterion", {"threshold": 2.5}, parent_id=obj_id)
    finally:
        proj.close()
    assert proj.closed

    with Project.open(path, user="bob") as again:
        device = again.get("device")
        assert device["trade_name"] == "Stent X"
        assert device["risk_class"] == "III"
        assert device["implantable"] is True
        assert device["sterile"] is None
        project_row = again.get("project")
        assert project_row["title"] == "Clinical evaluation of Stent X"
        assert project_row["evaluation_type"] == "INITIAL"
        assert project_row["update_frequency_months"] == 12
        assert project_row["data_cutoff_date"] == "2026-01-31"
        assert again.get("manufacturer")["certificate_numbers"] == ("C1", "C2")
        [objective] = again.items("objective")
        assert objective.id == obj_id
        assert objective["code"] == "OBJ-S-01"
        assert objective["statement"] == "No deaths."
        assert objective.created_by == "alice"
        [criterion] = again.items("acceptance_criterion", obj_id)
        assert criterion["threshold"] == 2.5
        assert criterion["code"] == "AC-01"
        assert criterion.parent_id == obj_id
        # The Annex XIV items are seeded in order, all open.
        items = again.items("cep_item")
        assert [(i["code"], i["requirement"]) for i in items] == list(ANNEX_XIV_1A)
        assert {i["status"] for i in items} == {"OPEN"}
        assert again.user == "bob"
        assert not again.read_only


def test_new_project_without_device_name(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.cerdesk", user="alice") as proj:
        assert proj.get("device")["trade_name"] is None
        assert proj.get("project")["title"] is None
        assert proj.get("project")["evaluation_type"] == "INITIAL"
        # Creation is not an undoable step.
        assert not proj.undo_status().can_undo
        assert proj.undo().empty
        assert proj.schema_version == SCHEMA_VERSION


def test_pragmas_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "p.cerdesk"
    proj = Project.create(path, user="alice")
    try:
        conn = proj._conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == identity.APPLICATION_ID
        # Foreign keys are really enforced on the project's connection.
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO acceptance_criterion (id, objective_id, created_at, created_by, "
                "updated_at) VALUES ('x', 'no-such-objective', 't', 'u', 't')"
            )
    finally:
        proj.close()

    assert _pragma(path, "application_id") == identity.APPLICATION_ID == 0x43455264
    assert _pragma(path, "user_version") == SCHEMA_VERSION
    assert _pragma(path, "journal_mode") == "delete"
    header = path.read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    # Bytes 18/19: file format read/write versions; 1 = rollback journal, 2 = WAL.
    assert header[18:20] == b"\x01\x01"
    assert header[68:72] == b"CERd"
    assert struct.unpack(">i", header[60:64])[0] == SCHEMA_VERSION
    ident = identity.check_identity(path)
    assert (ident.application_id, ident.schema_version) == (
        identity.APPLICATION_ID,
        SCHEMA_VERSION,
    )


def test_no_side_files_after_close(tmp_path: Path) -> None:
    path = tmp_path / "p.cerdesk"
    proj = Project.create(path, user="alice")
    # While open, the only companion is the lock file.
    assert _side_files(path) == [lock_path(path)]
    plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "X")
    plan.add_item(proj, "indication", {"text": "Pain"})
    proj.undo()
    proj.close()
    proj.close()  # safe twice
    assert _side_files(path) == []
    for suffix in ("-journal", "-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists()


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "p.cerdesk"
    path.write_text("precious", encoding="utf-8")
    with pytest.raises(ProjectExistsError, match="already exists"):
        Project.create(path, user="alice")
    assert path.read_text(encoding="utf-8") == "precious"
    assert _side_files(path) == []


def test_create_refuses_existing_project(tmp_path: Path) -> None:
    path = tmp_path / "p.cerdesk"
    with Project.create(path, user="alice", device_name="First") as proj:
        first_id = proj.meta()["project_id"]
    with pytest.raises(ProjectExistsError):
        Project.create(path, user="alice", device_name="Second")
    with Project.open(path, user="alice") as proj:
        assert proj.meta()["project_id"] == first_id
        assert proj.get("device")["trade_name"] == "First"


def test_create_overwrite_replaces_file(tmp_path: Path) -> None:
    path = tmp_path / "p.cerdesk"
    with Project.create(path, user="alice", device_name="First") as proj:
        first_id = proj.meta()["project_id"]
    with Project.create(path, user="alice", device_name="Second", overwrite=True) as proj:
        assert proj.meta()["project_id"] != first_id
        assert proj.get("device")["trade_name"] == "Second"
    # No temporary build file is left behind.
    assert _side_files(path) == []


def test_create_in_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="does not exist"):
        Project.create(tmp_path / "nope" / "p.cerdesk", user="alice")
    assert not (tmp_path / "nope").exists()


def test_meta_has_identity(tmp_path: Path) -> None:
    path = tmp_path / "p.cerdesk"
    with Project.create(path, user="alice") as proj:
        meta = proj.meta()
    assert uuid.UUID(meta["project_id"]).version == 4
    assert ISO_UTC.match(meta["created_at"])
    assert meta["created_with"]
    # Two projects never share an id; reopening keeps it.
    with Project.create(tmp_path / "q.cerdesk", user="alice") as other:
        assert other.meta()["project_id"] != meta["project_id"]
    with Project.open(path, user="bob") as proj:
        assert proj.meta() == meta


def test_singletons_seeded_once(project: Project) -> None:
    for spec in ENTITIES:
        if spec.singleton:
            assert project.count(spec.table) == 1, spec.table
            assert project.get(spec.table).id == SINGLETON_ID
        elif spec.table == "cep_item":
            assert project.count(spec.table) == len(ANNEX_XIV_1A)
        else:
            assert project.count(spec.table) == 0, spec.table
