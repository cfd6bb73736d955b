"""Schema migrations on opening, the backup they leave, and the schema-1 format contract."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import types
from pathlib import Path

import pytest

from cerdesk.core.entities import ENTITIES, SINGLETON_ID
from cerdesk.core.fields import LIST_KINDS, Kind
from cerdesk.ops import plan
from cerdesk.storage import identity, locations, migrations
from cerdesk.storage import project as project_module
from cerdesk.storage.errors import ProjectLockedError
from cerdesk.storage.lock import lock_path
from cerdesk.storage.migrations import SCHEMA_VERSION, m0001_initial
from cerdesk.storage.project import Project

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMA_1 = DATA / "schema-1.cerdesk"

FAKE_2 = types.SimpleNamespace(
    VERSION=2,
    NAME="test: a column and a table",
    SQL="""
ALTER TABLE device ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue';
CREATE TABLE gadget (
    id TEXT PRIMARY KEY NOT NULL,
    label TEXT
);
CREATE TRIGGER gadget_label BEFORE INSERT ON gadget
BEGIN
    SELECT CASE WHEN NEW.label = '' THEN RAISE(ABORT, 'empty; label') END;
END;
INSERT INTO gadget (id, label) VALUES ('g1', 'first gadget');
""",
)


# --------------------------------------------------------------------------- helpers


def _use_migrations(mp: pytest.MonkeyPatch, *extra: object) -> int:
    """Make cerdesk believe its schema is migration 1 followed by ``extra`` migrations."""
    chain = (m0001_initial, *extra)
    version = len(chain)
    mp.setattr(migrations, "MIGRATIONS", chain)
    mp.setattr(migrations, "SCHEMA_VERSION", version)
    # Modules that imported the names keep their own references.
    mp.setattr(project_module, "MIGRATIONS", chain)
    mp.setattr(project_module, "SCHEMA_VERSION", version)
    mp.setattr(identity, "SCHEMA_VERSION", version)
    return version


def _dump(path: Path) -> dict[str, object]:
    """Every schema object and every row of ``path`` (read-only), for comparisons."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        tables = [r[1] for r in schema if r[0] == "table"]
        out: dict[str, object] = {"schema": schema}
        for table in tables:
            out[table] = conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid").fetchall()
        for pragma in ("user_version", "application_id"):
            out[pragma] = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        return out
    finally:
        conn.close()


def _open_fds_to(path: Path) -> list[str]:
    fd_dir = Path("/proc/self/fd")
    found = []
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target == str(path):
            found.append(target)
    return found


@pytest.fixture
def v1_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A version-1 project with some data, closed (made as cerdesk 0.1 made it)."""
    _use_migrations(monkeypatch)
    path = tmp_path / "old.cerdesk"
    with Project.create(path, user="alice", device_name="Stent") as proj:
        plan.set_field(proj, "device", SINGLETON_ID, "risk_class", "III")
        obj = plan.add_item(proj, "objective", {"category": "SAFETY", "statement": "Safe."})
        plan.add_item(proj, "acceptance_criterion", {"threshold": 5}, parent_id=obj.created_id)
        plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Stent Pro")
    return path


# ------------------------------------------------------------------------ migration


def test_open_migrates_and_keeps_a_backup(v1_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _dump(v1_file)
    assert before["user_version"] == 1
    _use_migrations(monkeypatch, FAKE_2)
    assert not locations.backup_dir().exists()

    proj = Project.open(v1_file, user="bob")
    try:
        assert proj.migrated_from == 1
        assert proj.schema_version == 2
        assert proj.backup_path is not None
        # The data is kept and still editable.
        assert proj.get("device")["trade_name"] == "Stent Pro"
        assert proj.get("device")["risk_class"] == "III"
        [objective] = proj.items("objective")
        assert objective["code"] == "OBJ-S-01"
        assert proj.items("acceptance_criterion", objective.id)[0]["threshold"] == 5.0
        assert proj.undo_status().undo_label == "Edit device: Device name (trade name)"
        assert "last_migrated_at" in proj.meta()
        assert proj.meta()["project_id"] == dict(before["meta"])["project_id"]  # type: ignore[arg-type]
        # The migration ran: its column (with default) and its table exist.
        conn = proj._conn
        assert conn.execute("SELECT colour FROM device").fetchone() == ("blue",)
        assert conn.execute("SELECT id, label FROM gadget").fetchall() == [("g1", "first gadget")]
        plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Stent Max")
        proj.undo()
        assert proj.get("device")["trade_name"] == "Stent Pro"
    finally:
        proj.close()

    # On disk: version 2, still a cerdesk project.
    after = _dump(v1_file)
    assert after["user_version"] == 2
    assert after["application_id"] == identity.APPLICATION_ID

    # The backup is in the backup folder and is the untouched version-1 file.
    backup = proj.backup_path
    assert backup.parent == locations.backup_dir()
    assert backup.name.startswith("old-")
    assert backup.name.endswith("-format1.cerdesk")
    assert _dump(backup) == before
    assert identity.check_identity(backup).schema_version == 1
    assert not lock_path(backup).exists()

    # Opening again does not migrate again.
    with Project.open(v1_file, user="bob") as again:
        assert again.migrated_from is None
        assert again.backup_path is None
        assert again.get("device")["trade_name"] == "Stent Pro"
    assert list(locations.backup_dir().iterdir()) == [backup]


def test_backup_names_do_not_collide(v1_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = v1_file.with_name("copy.cerdesk")
    shutil.copyfile(v1_file, copy)
    twin = v1_file.parent / "twin"
    twin.mkdir()
    same_name = twin / v1_file.name
    shutil.copyfile(v1_file, same_name)
    _use_migrations(monkeypatch, FAKE_2)
    backups = []
    for path in (v1_file, same_name, copy):
        with Project.open(path, user="bob") as proj:
            backups.append(proj.backup_path)
    assert len(set(backups)) == 3
    assert all(b is not None and b.exists() for b in backups)


def test_upgrade_function_migration(v1_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration may be a Python ``upgrade(conn)`` instead of an SQL script."""
    calls: list[int] = []

    def upgrade(conn: sqlite3.Connection) -> None:
        calls.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("UPDATE device SET trade_name = upper(trade_name)")

    _use_migrations(monkeypatch, types.SimpleNamespace(VERSION=2, NAME="upper", upgrade=upgrade))
    with Project.open(v1_file, user="bob") as proj:
        assert calls == [1]
        assert proj.get("device")["trade_name"] == "STENT PRO"
        assert proj.schema_version == 2


def test_two_migrations_in_a_row(v1_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    third = types.SimpleNamespace(
        VERSION=3, NAME="third", SQL="UPDATE gadget SET label = 'relabelled';"
    )
    _use_migrations(monkeypatch, FAKE_2, third)
    with Project.open(v1_file, user="bob") as proj:
        assert proj.migrated_from == 1
        assert proj.schema_version == 3
        assert proj._conn.execute("SELECT label FROM gadget").fetchall() == [("relabelled",)]
        assert proj.backup_path is not None
        assert proj.backup_path.name.endswith("-format1.cerdesk")


def test_failed_migration_leaves_file_as_it_was(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _dump(v1_file)
    broken = types.SimpleNamespace(
        VERSION=2,
        NAME="broken",
        SQL="ALTER TABLE device ADD COLUMN colour TEXT;\nUPDATE no_such_table SET x = 1;",
    )
    _use_migrations(monkeypatch, broken)
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        Project.open(v1_file, user="bob")
    assert _dump(v1_file) == before
    assert not lock_path(v1_file).exists()
    assert not Path(f"{v1_file}-journal").exists()
    # The connection used for the failed migration was closed, not leaked.
    assert _open_fds_to(v1_file) == []
    # The real cerdesk still opens the file (and upgrades it with its real migrations).
    monkeypatch.undo()
    with Project.open(v1_file, user="bob") as proj:
        assert proj.get("device")["trade_name"] == "Stent Pro"
        assert proj.migrated_from == 1
        assert proj.schema_version == SCHEMA_VERSION


def test_migration_of_locked_file_is_refused(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = Project.open(v1_file, user="alice")
    try:
        before = _dump(v1_file)
        _use_migrations(monkeypatch, FAKE_2)
        with pytest.raises(ProjectLockedError):
            Project.open(v1_file, user="bob")
        assert _dump(v1_file) == before
        assert not locations.backup_dir().exists()
    finally:
        monkeypatch.undo()
        holder.close()


# ----------------------------------------------------------------- schema contract


def test_migration_registry() -> None:
    assert migrations.MIGRATIONS[0] is m0001_initial
    assert [m.VERSION for m in migrations.MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    for migration in migrations.MIGRATIONS:
        assert migration.NAME
        assert hasattr(migration, "SQL") or hasattr(migration, "upgrade")


def _expected_type(kind: Kind) -> str:
    if kind in (Kind.BOOL, Kind.INT):
        return "INTEGER"
    if kind is Kind.REAL:
        return "REAL"
    return "TEXT"


def test_schema_columns_match_entities(project: Project) -> None:
    conn = project._conn
    tables = {
        r[1]
        for r in conn.execute("PRAGMA main.table_list")
        if r[2] == "table" and not r[1].startswith("sqlite_")
    }
    system = {"meta", "change_log", "undo_step", "import_file", "record", "record_text"}
    system |= {"record_parked", "record_text_parked", "not_duplicate", "screening_decision"}
    system |= {"stored_file", "full_text", "study", "study_report"}
    system |= {"duplicate_link", "duplicate_link_parked"}
    system |= {"duplicate_candidate", "duplicate_candidate_parked"}
    system |= {"appraisal_grade", "grade_label"}
    #: Columns an entity's table has besides its fields: set by operations, not typed.
    extra_columns = {"source": {"source_key"}}
    assert tables == {spec.table for spec in ENTITIES} | system
    for spec in ENTITIES:
        info = {r[1]: r for r in conn.execute(f"PRAGMA table_info([{spec.table}])")}
        expected = {"id", "created_at", "updated_at", "created_by", *spec.field_names}
        if not spec.singleton:
            expected.add("position")
        if spec.parent_column:
            expected.add(spec.parent_column)
        expected |= extra_columns.get(spec.table, set())
        assert set(info) == expected, spec.table
        assert info["id"][5] == 1, f"{spec.table}.id is not the primary key"
        for f in spec.fields:
            _cid, _name, col_type, notnull, default, _pk = info[f.name]
            assert col_type == _expected_type(f.kind), f"{spec.table}.{f.name}"
            if f.kind in LIST_KINDS:
                assert (notnull, default) == (1, "'[]'"), f"{spec.table}.{f.name}"
            else:
                assert notnull == 0, f"{spec.table}.{f.name} must accept empty values"
        if spec.parent:
            fks = conn.execute(f"PRAGMA foreign_key_list([{spec.table}])").fetchall()
            assert [(fk[2], fk[3], fk[4], fk[6]) for fk in fks if fk[2] == spec.parent] == [
                (spec.parent, spec.parent_column, "id", "CASCADE")
            ], spec.table


def test_schema_bool_columns_reject_other_values(project: Project) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        project._conn.execute("UPDATE device SET implantable = 2")
    with pytest.raises(sqlite3.IntegrityError):
        project._conn.execute(
            "INSERT INTO device (id, created_at, created_by, updated_at) "
            "VALUES ('2', 't', 'u', 't')"
        )


# ---------------------------------------------------------------- committed schema 1


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_committed_schema_1_file_opens(tmp_path: Path) -> None:
    """tests/data/schema-1.cerdesk: every future cerdesk must open it with its data."""
    digest = _sha256(SCHEMA_1)
    assert identity.check_identity(SCHEMA_1).schema_version == 1
    copy = tmp_path / "schema-1.cerdesk"
    shutil.copyfile(SCHEMA_1, copy)

    with Project.open(copy, user="tester") as proj:
        assert proj.schema_version == SCHEMA_VERSION
        assert proj.migrated_from == (None if SCHEMA_VERSION == 1 else 1)
        assert proj.meta()["project_id"] == "6f1f4c1e-3b55-4d1c-9a77-0c2f3e1a5b01"
        project_row = proj.get("project")
        assert project_row["title"] == "Clinical evaluation of Acme Stent"
        assert project_row["update_frequency_months"] == 12
        assert project_row["next_update_due"] == "2027-06-30"
        device = proj.get("device")
        assert device["trade_name"] == "Acme Stent"
        assert device["risk_class"] == "III"
        assert device["implantable"] is True
        assert device["sterile"] is None
        assert device["basic_udi_di"] == ("0123456ACME01", "0123456ACME02")
        assert proj.get("manufacturer")["legal_name"] == "Acme Medical GmbH"

        variants = proj.items("device_variant")
        assert [(v["code"], v["model"]) for v in variants] == [
            ("VAR-01", "AS-20"),
            ("VAR-02", "AS-30"),
        ]
        objectives = proj.items("objective")
        assert [(o["code"], o["category"]) for o in objectives] == [
            ("OBJ-S-01", "SAFETY"),
            ("OBJ-P-01", "PERFORMANCE"),
        ]
        [criterion] = proj.items("acceptance_criterion", objectives[0].id)
        assert criterion["code"] == "AC-01"
        assert criterion["metric"] == "PROPORTION"
        assert criterion["operator"] == "LE"
        assert criterion["threshold"] == 2.5
        [eq] = proj.items("equivalent_device")
        assert eq["name"] == "Predicate Stent"
        assert eq["same_manufacturer"] is False
        chars = proj.items("equivalence_characteristic", eq.id)
        assert len(chars) == 13
        assert chars[0]["difference"] == "none"
        criteria = proj.items("eligibility_criterion")
        assert [c["code"] for c in criteria] == ["IC1", "EC1"]
        statuses = {i["code"]: i["status"] for i in proj.items("cep_item")}
        assert statuses["1a.1"] == "ADDRESSED"
        assert statuses["1a.2"] == "OPEN"

        log = proj.change_log()
        assert {e.user for e in log} == {"schema-1 maker"}
        assert proj.undo_status().undo_label == "Edit device: Device name (trade name)"
        # The stored undo steps from the old format still work.
        proj.undo()
        assert proj.get("device")["trade_name"] == "Acme Stent (draft)"
        proj.redo()
        assert proj.get("device")["trade_name"] == "Acme Stent"

    # The committed file itself was never opened for writing.
    assert _sha256(SCHEMA_1) == digest
    assert not lock_path(SCHEMA_1).exists()
