"""A process killed mid-write loses only its unfinished operation, never a committed one.

A child process opens a project, commits edits one per transaction, then starts one
large operation and waits inside it (so the kill lands mid-transaction, with pages
already spilled to the file and a hot journal beside it: not timing-dependent). The
parent kills it with SIGKILL and opens the file as another process would.

The kill points of imports, attachments, copies and migrations are in
``test_faults_kill.py``; a copy taken mid-transaction is in ``test_faults_damaged.py``.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from cerdesk.core.entities import SINGLETON_ID
from cerdesk.storage import identity
from cerdesk.storage.errors import ProjectFileError
from cerdesk.storage.lock import lock_path, read_lock
from cerdesk.storage.project import Project

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

REPO = Path(__file__).resolve().parents[2]
COMMITTED = 20
BIG_ROWS = 400  # 400 x 16 KB: far more than SQLite's page cache, so pages spill to disk

CHILD = textwrap.dedent(
    """
    import sys
    from cerdesk.ops import plan
    from cerdesk.storage.project import Project

    path, committed, big_rows, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    proj = Project.open(path, user="crasher")
    for i in range(1, committed + 1):
        plan.add_item(proj, "indication", {"code": f"IND-{i:02d}", "text": f"committed {i}"})
        plan.set_field(proj, "device", "1", "trade_name", f"name {i}")
        print(f"committed {i}", flush=True)
    if mode == "idle":
        print("idle", flush=True)
        sys.stdin.readline()
    # cerdesk keeps a transaction's pages in memory until COMMIT (cache_spill off); let them
    # spill so the file holds part of the transaction, as when a crash hits a COMMIT.
    proj._conn.execute("PRAGMA cache_spill = ON")
    with proj.edit("Big write") as ed:
        ed.set_values("device", "1", {"trade_name": "UNCOMMITTED"})
        for j in range(big_rows):
            ed.insert("indication", {"code": f"BIG-{j}", "text": f"big {j} " + "x" * 16000})
        print("big write started", flush=True)
        sys.stdin.readline()  # the parent never answers: we wait here, mid-transaction
    print("big write committed", flush=True)
    """
)


def _read_until(proc: subprocess.Popen[str], wanted: str, timeout: float) -> list[str]:
    """Return the child's stdout lines up to and including ``wanted``.

    A watchdog kills the child after ``timeout`` seconds so a hang fails the test
    instead of blocking it.
    """
    assert proc.stdout is not None
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    lines: list[str] = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == wanted:
                return lines
    finally:
        watchdog.cancel()
    err = proc.stderr.read() if proc.stderr else ""
    raise AssertionError(f"child ended (or hung) before {wanted!r}; got {lines}\n{err}")


def _run_and_kill(path: Path, mode: str) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(COMMITTED), str(BIG_ROWS), mode],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wanted = "idle" if mode == "idle" else "big write started"
        lines = _read_until(proc, wanted, timeout=60)
        # The child holds the lock under its own pid.
        holder = read_lock(path)
        assert holder is not None and holder.pid == proc.pid and holder.user == "crasher"
        if mode == "mid-write":
            # The crash really is mid-transaction: a hot journal sits beside the file.
            assert Path(f"{path}-journal").exists()
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream:
                stream.close()
    return lines


@pytest.mark.parametrize("mode", ["mid-write", "idle"])
def test_kill_keeps_committed_edits(empty_project_path: Path, mode: str) -> None:
    path = empty_project_path
    lines = _run_and_kill(path, mode)
    assert lines[:COMMITTED] == [f"committed {i}" for i in range(1, COMMITTED + 1)]
    # The dead process's lock is still there, but is recognised as stale.
    assert lock_path(path).exists()
    assert read_lock(path) is None

    with Project.open(path, user="survivor") as proj:
        assert not proj.read_only
        assert read_lock(path) is not None and read_lock(path).pid == os.getpid()
        identity.quick_check(path)  # raises DamagedError otherwise
        codes = [i["code"] for i in proj.items("indication")]
        assert codes == [f"IND-{i:02d}" for i in range(1, COMMITTED + 1)]
        assert [i["text"] for i in proj.items("indication")][-1] == f"committed {COMMITTED}"
        assert proj.get("device")["trade_name"] == f"name {COMMITTED}"
        # Nothing of the interrupted operation: no rows, no log line, no undo step.
        assert not any(e.label == "Big write" for e in proj.change_log())
        assert proj.undo_status().undo_label == "Edit device: Device name (trade name)"
        # The journal of the last committed edits is intact: undo works after the crash.
        proj.undo()
        assert proj.get("device")["trade_name"] == f"name {COMMITTED - 1}"
        proj.undo()
        assert proj.count("indication") == COMMITTED - 1
        proj.redo()
        assert proj.count("indication") == COMMITTED
        proj.redo()
        assert proj.get("device")["trade_name"] == f"name {COMMITTED}"
    assert not Path(f"{path}-journal").exists()
    assert not lock_path(path).exists()

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert (
            conn.execute("SELECT COUNT(*) FROM indication WHERE code LIKE 'BIG-%'").fetchone()[0]
            == 0
        )
        assert (
            conn.execute("SELECT trade_name FROM device WHERE id = ?", (SINGLETON_ID,)).fetchone()[
                0
            ]
            == f"name {COMMITTED}"
        )
    finally:
        conn.close()


def test_read_only_open_after_crash_sees_committed_data(empty_project_path: Path) -> None:
    """Even a read-only viewer opening first gets the committed state, not the torn write."""
    path = empty_project_path
    _run_and_kill(path, "mid-write")
    with Project.open(path, user="viewer", read_only=True) as proj:
        assert proj.count("indication") == COMMITTED
        assert proj.get("device")["trade_name"] == f"name {COMMITTED}"
    with Project.open(path, user="survivor") as proj:
        assert proj.count("indication") == COMMITTED
    assert not Path(f"{path}-journal").exists()


def test_unwritable_file_after_crash_is_refused_untouched(
    empty_project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without write access the interrupted write cannot be rolled back: say so, not "damaged"."""
    path = empty_project_path
    _run_and_kill(path, "mid-write")
    journal = Path(f"{path}-journal")
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), journal.read_bytes())
    real_access = os.access

    def access(target: os.PathLike[str] | str, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(target) in (path, path.parent):
            return False  # as for a file on a read-only share (root ignores chmod)
        return real_access(target, mode, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as mp:
        mp.setattr(os, "access", access)
        for read_only in (False, True):
            with pytest.raises(ProjectFileError) as info:
                Project.open(path, user="viewer", read_only=read_only)
            assert type(info.value) is ProjectFileError
            assert "damaged" not in str(info.value)
            assert "permission to change it" in str(info.value)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), journal.read_bytes()) == before
    # With write access it is repaired and keeps every committed edit.
    with Project.open(path, user="survivor") as proj:
        assert proj.count("indication") == COMMITTED
    assert not journal.exists()
