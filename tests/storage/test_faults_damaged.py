"""Damaged files are refused, left byte for byte as they were, and the newest backup offered.

Also: a project copied while cerdesk was inside a write (the file and its hot rollback
journal, or the file alone) opens in its last committed state.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from cerdesk.core.errors import UserError
from cerdesk.ops import plan
from cerdesk.storage.errors import DamagedError, NotSQLiteError, ProjectFileError
from cerdesk.storage.locations import backup_dir
from cerdesk.storage.lock import lock_path
from cerdesk.storage.project import Project, backup_copy, newest_backup
from tests.storage.fault_scripts import quick_check_ok


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def big_project(empty_project_path: Path) -> Path:
    """A closed project of many pages (200 long indications)."""
    with Project.open(empty_project_path, user="tester") as proj, proj.edit("Bulk") as ed:
        for i in range(200):
            ed.insert("indication", {"code": f"IND-{i:03d}", "text": f"{i} " + "lorem " * 300})
    return empty_project_path


def _page_size(data: bytes | bytearray) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


def _btree_pages(data: bytes) -> list[int]:
    """Numbers (0-based) of the pages after page 1 that are B-tree pages."""
    size = _page_size(data)
    return [n for n in range(1, len(data) // size) if data[n * size] in (2, 5, 10, 13)]


def truncated(data: bytes) -> bytes:
    """Cut in the middle of a page, two thirds of the way in (a transfer cut short)."""
    return data[: len(data) * 2 // 3 + 123]


def btree_flipped(data: bytes) -> bytes:
    """Bytes flipped in the headers of a few B-tree pages (a bad sector, a bad copy)."""
    out = bytearray(data)
    size = _page_size(data)
    for page in random.Random(11).sample(_btree_pages(data), 3):
        for offset in range(1, 8):
            out[page * size + offset] ^= 0xA5
    return bytes(out)


def zeroed_header(data: bytes) -> bytes:
    """The first 100 bytes (the SQLite header) zeroed."""
    return bytes(100) + data[100:]


def wrong_page_size(data: bytes) -> bytes:
    """The header's page size says 1024 while the pages are larger."""
    out = bytearray(data)
    assert _page_size(data) != 1024
    out[16:18] = (1024).to_bytes(2, "big")
    return bytes(out)


def impossible_page_size(data: bytes) -> bytes:
    """The header's page size is not a power of two."""
    out = bytearray(data)
    out[16:18] = (1000).to_bytes(2, "big")
    return bytes(out)


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], type[ProjectFileError]]] = {
    "truncated": (truncated, DamagedError),
    "btree-flipped": (btree_flipped, DamagedError),
    "zeroed-header": (zeroed_header, NotSQLiteError),
    "wrong-page-size": (wrong_page_size, DamagedError),
    "impossible-page-size": (impossible_page_size, DamagedError),
}


def refuse_untouched(path: Path, error: type[ProjectFileError]) -> ProjectFileError:
    """Open ``path`` for editing and read-only: refused with ``error``, nothing changed."""
    before = _sha(path), sorted(p.name for p in path.parent.iterdir())
    caught = None
    for read_only in (False, True):
        with pytest.raises(ProjectFileError) as info:
            Project.open(path, user="tester", read_only=read_only)
        caught = info.value
        assert type(caught) is error, f"{type(caught).__name__}: {caught}"
        assert isinstance(caught, UserError)
        assert path.name in str(caught) and str(caught).endswith(".")
        assert (_sha(path), sorted(p.name for p in path.parent.iterdir())) == before
        assert not lock_path(path).exists()
    assert caught is not None
    return caught


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_file_is_refused_untouched(big_project: Path, kind: str) -> None:
    damage, error = DAMAGE[kind]
    big_project.write_bytes(damage(big_project.read_bytes()))
    err = refuse_untouched(big_project, error)
    assert err.backup_path is None  # no backup of this project was ever made
    if error is DamagedError:
        assert "damaged" in str(err) or "cannot be opened" in str(err)


def _make_backups(path: Path) -> Path:
    """Back up ``path`` twice (as two migrations would), plus decoys; return the newest."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        backup_copy(path, conn, "format1")
        newest = backup_copy(path, conn, "format2")
    finally:
        conn.close()
    folder = backup_dir()
    # Another project whose name starts the same, and a newer file that is not SQLite.
    shutil.copyfile(newest, folder / f"{path.stem}-old-29990101T000000Z-format1.cerdesk")
    (folder / f"{path.stem}-29990101T000000Z-format1.cerdesk").write_bytes(b"junk" * 100)
    return newest


@pytest.mark.parametrize("kind", ["btree-flipped", "zeroed-header", "truncated"])
def test_damaged_file_offers_the_newest_backup(big_project: Path, kind: str) -> None:
    newest = _make_backups(big_project)
    assert newest_backup(big_project) == newest
    damage, error = DAMAGE[kind]
    big_project.write_bytes(damage(big_project.read_bytes()))
    err = refuse_untouched(big_project, error)
    assert err.backup_path == newest
    assert str(newest) in str(err)
    # The backup offered is a whole project that opens.
    with Project.open(newest, user="restorer", read_only=True) as restored:
        assert restored.count("indication") == 200


def test_newest_backup_without_any(tmp_path: Path) -> None:
    assert newest_backup(tmp_path / "never.cerdesk") is None
    backup_dir().mkdir(parents=True)
    assert newest_backup(tmp_path / "never.cerdesk") is None


# ------------------------------------------------------------ copied mid-transaction


class _AbortError(Exception):
    pass


def _copy_mid_write(path: Path, *, with_journal: bool, target: Path) -> None:
    """Copy ``path`` (and its journal) while an edit of many pages is in progress."""
    with Project.open(path, user="writer") as proj:
        plan.set_field(proj, "device", "1", "trade_name", "Committed")
        with pytest.raises(_AbortError), proj.edit("Big write") as ed:
            ed.set_values("device", "1", {"trade_name": "UNCOMMITTED"})
            for j in range(400):  # 6 MB: more than SQLite's page cache
                ed.insert("indication", {"code": f"BIG-{j}", "text": "x" * 16000})
            journal = Path(f"{path}-journal")
            assert journal.exists()
            shutil.copyfile(path, target)
            if with_journal:
                shutil.copyfile(journal, f"{target}-journal")
            raise _AbortError


@pytest.mark.parametrize("with_journal", [True, False], ids=["with-journal", "file-alone"])
def test_copy_taken_mid_write_opens_in_its_committed_state(
    empty_project_path: Path, tmp_path: Path, with_journal: bool
) -> None:
    """A copy with its hot journal is rolled back on opening; a copy of the file alone
    holds no part of the transaction, since cerdesk keeps its pages in memory until
    COMMIT (before that fix, the copy opened with the uncommitted name and no rows)."""
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "elsewhere" / "copy.cerdesk"
    _copy_mid_write(empty_project_path, with_journal=with_journal, target=target)
    with Project.open(target, user="reader") as copy:
        assert copy.get("device")["trade_name"] == "Committed"
        assert copy.count("indication") == 0
        assert copy.undo_status().undo_label == "Edit device: Device name (trade name)"
        plan.set_field(copy, "device", "1", "trade_name", "Edited in the copy")
    assert quick_check_ok(target)
    assert not Path(f"{target}-journal").exists()
