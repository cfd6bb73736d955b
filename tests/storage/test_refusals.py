"""Files that cannot be opened are refused with their own error and left exactly as they were."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cerdesk.core.entities import SINGLETON_ID
from cerdesk.core.errors import ReadOnlyError, UserError
from cerdesk.ops import plan
from cerdesk.storage import identity
from cerdesk.storage import project as project_module
from cerdesk.storage.errors import (
    DamagedError,
    NotAProjectError,
    NotSQLiteError,
    ProjectFileError,
    TooNewError,
)
from cerdesk.storage.lock import lock_path
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import Project

# --------------------------------------------------------------------------- helpers


def _fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _refuse(
    path: Path, error: type[ProjectFileError], *, read_only: bool = False
) -> ProjectFileError:
    """Open ``path``, expect ``error`` exactly, and check nothing on disk changed."""
    before = _fingerprint(path)
    folder_before = _listing(path.parent)
    with pytest.raises(ProjectFileError) as info:
        Project.open(path, user="tester", read_only=read_only)
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    assert isinstance(info.value, UserError)
    message = str(info.value)
    assert path.name in message
    assert message.endswith(".")
    assert _fingerprint(path) == before
    assert not lock_path(path).exists()
    assert _listing(path.parent) == folder_before
    return info.value


def _set_pragma(path: Path, name: str, value: int) -> None:
    conn = sqlite3.connect(str(path))
    try:
        conn.execute(f"PRAGMA {name} = {value}")
    finally:
        conn.close()


@pytest.fixture
def big_project(empty_project_path: Path) -> Path:
    """A closed project holding 200 rows of long text (a file of many pages)."""
    with Project.open(empty_project_path, user="tester") as proj, proj.edit("Bulk") as ed:
        for i in range(200):
            ed.insert("indication", {"code": f"IND-{i:03d}", "text": f"{i} " + "lorem " * 300})
    return empty_project_path


def _quick_check_fails(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check")] != ["ok"]
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


# --------------------------------------------------------------------------- not SQLite


@pytest.mark.parametrize(
    "content",
    [
        b"Clinical evaluation report\nThis is a text file.\n" * 20,
        bytes(random.Random(7).getrandbits(8) for _ in range(8192)),
        b"PK\x03\x04" + b"\x00" * 4000,  # looks like a .docx/.zip
        b"SQLite format 3\x00" + b"\x00" * 20,  # cut short inside the header
    ],
    ids=["text", "random", "zip", "truncated-header"],
)
def test_not_sqlite(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.cerdesk"
    path.write_bytes(content)
    err = _refuse(path, NotSQLiteError)
    assert "not an SQLite database" in str(err)
    _refuse(path, NotSQLiteError, read_only=True)


def test_empty_file_is_refused_not_turned_into_a_project(tmp_path: Path) -> None:
    """SQLite would happily treat a 0-byte file as a new database; cerdesk must not."""
    path = tmp_path / "empty.cerdesk"
    path.touch()
    _refuse(path, NotSQLiteError)
    _refuse(path, NotSQLiteError, read_only=True)
    assert path.stat().st_size == 0


# ------------------------------------------------------------------------ not a project


def test_plain_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.cerdesk"
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO patients (name) VALUES ('A')")
    conn.commit()
    conn.close()
    err = _refuse(path, NotAProjectError)
    assert "not a cerdesk project" in str(err)
    _refuse(path, NotAProjectError, read_only=True)


def test_other_application_id(empty_project_path: Path) -> None:
    _set_pragma(empty_project_path, "application_id", 0x12345678)
    _refuse(empty_project_path, NotAProjectError)


def test_project_without_schema(tmp_path: Path) -> None:
    path = tmp_path / "half.cerdesk"
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA application_id = {identity.APPLICATION_ID}")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    err = _refuse(path, NotAProjectError)
    assert "incomplete" in str(err)


# --------------------------------------------------------------------------- too new


def test_too_new(empty_project_path: Path) -> None:
    newer = SCHEMA_VERSION + 1
    _set_pragma(empty_project_path, "user_version", newer)
    err = _refuse(empty_project_path, TooNewError)
    assert isinstance(err, TooNewError)
    assert err.file_version == newer
    assert err.supported_version == SCHEMA_VERSION
    message = str(err)
    assert f"format {newer}" in message
    assert f"up to {SCHEMA_VERSION}" in message
    _refuse(empty_project_path, TooNewError, read_only=True)


# ----------------------------------------------------------------------------- damaged


def _corrupt_middle_pages(path: Path, count: int = 12) -> None:
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages > 40, f"only {pages} pages"
    rng = random.Random(1234)
    first = pages // 2 - count // 2
    for page in range(first, first + count):
        start = page * page_size
        data[start : start + page_size] = bytes(rng.getrandbits(8) for _ in range(page_size))
    path.write_bytes(bytes(data))


def test_damaged_pages(big_project: Path) -> None:
    header = big_project.read_bytes()[:100]
    _corrupt_middle_pages(big_project)
    # The header is intact: the file is still recognised as a cerdesk project ...
    assert big_project.read_bytes()[:100] == header
    assert identity.check_identity(big_project).schema_version == SCHEMA_VERSION
    # ... but SQLite's own check fails.
    assert _quick_check_fails(big_project)
    err = _refuse(big_project, DamagedError)
    assert "damaged" in str(err)
    _refuse(big_project, DamagedError, read_only=True)


def test_file_cut_short(big_project: Path) -> None:
    """A project truncated in transfer keeps its header but lost its last pages."""
    data = big_project.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    big_project.write_bytes(data[: (len(data) // page_size // 2) * page_size])
    assert _quick_check_fails(big_project)
    _refuse(big_project, DamagedError)


def test_undamaged_big_project_opens(big_project: Path) -> None:
    """The control: the same file without corruption is fine."""
    with Project.open(big_project, user="tester") as proj:
        assert proj.count("indication") == 200
        assert proj.items("indication")[123]["code"] == "IND-123"


# ---------------------------------------------------------------------------- missing


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.cerdesk"
    for read_only in (False, True):
        with pytest.raises(ProjectFileError, match="does not exist") as info:
            Project.open(path, user="tester", read_only=read_only)
        assert type(info.value) is ProjectFileError
    assert not path.exists()
    assert _listing(tmp_path) == []


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "folder.cerdesk"
    folder.mkdir()
    with pytest.raises(ProjectFileError, match="is a folder"):
        Project.open(folder, user="tester")
    assert _listing(folder) == []
    assert not lock_path(folder).exists()


# ---------------------------------------------------------------------------- read-only


@pytest.fixture
def writable_again(empty_project_path: Path) -> Iterator[Path]:
    yield empty_project_path
    os.chmod(empty_project_path, 0o644)


def _check_read_only_open(path: Path) -> None:
    before = _fingerprint(path)
    proj = Project.open(path, user="tester")
    try:
        assert proj.read_only
        assert "cannot be written" in proj.read_only_reason
        assert not lock_path(path).exists()
        assert proj.get("project")["evaluation_type"] == "INITIAL"
        with pytest.raises(ReadOnlyError, match="read-only") as info:
            plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "X")
        assert proj.read_only_reason in str(info.value)
        with pytest.raises(ReadOnlyError):
            plan.add_item(proj, "indication", {"text": "Pain"})
        with pytest.raises(ReadOnlyError):
            proj.undo()
        with pytest.raises(ReadOnlyError):
            proj.redo()
        with pytest.raises(sqlite3.OperationalError):
            proj._conn.execute("DELETE FROM meta")
    finally:
        proj.close()
    assert _fingerprint(path) == before


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)
def test_read_only_file(writable_again: Path) -> None:
    os.chmod(writable_again, 0o444)
    _check_read_only_open(writable_again)


def test_read_only_file_reported_by_os_access(
    empty_project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same as above where permissions cannot be tested (root): the OS says "not writable"."""
    real_access = os.access

    def access(path: os.PathLike[str] | str, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(path) in (empty_project_path, empty_project_path.parent):
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    _check_read_only_open(empty_project_path)


def test_old_format_read_only_is_refused(empty_project_path: Path, tmp_path: Path) -> None:
    """A file needing migration cannot be opened read-only (migration needs writing)."""
    # Simulate an older format by pretending the current one is newer.
    copy = tmp_path / "copy.cerdesk"
    shutil.copyfile(empty_project_path, copy)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(project_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
        err = _refuse(copy, ProjectFileError, read_only=True)
    assert "older project format" in str(err)
