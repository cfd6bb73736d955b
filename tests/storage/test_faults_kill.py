"""SIGKILL at many points of each long operation: the interrupted one is all there or absent.

For each operation a child process (forked from :class:`fault_scripts.ForkServer`)
commits some edits, starts the operation and is killed after a delay spread over the
operation's length (before it, inside it, after it). Reopening must then find a file
that passes ``PRAGMA quick_check``, every edit the child reported as committed, and the
interrupted operation either complete or entirely absent. ``bench/faults.py`` runs the
same cases at many more kill points.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.storage import fault_scripts as fs

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"), reason="needs fork and SIGKILL"
    ),
]

#: Kill points per operation in the normal test run (bench/faults.py runs many more).
KILLS = 8


def delays(span: float, count: int = KILLS, seed: int = 0) -> list[float]:
    """``count`` delays from 0 to 1.3 x ``span`` seconds, evenly spread with some jitter."""
    rng = random.Random(seed)
    step = 1.3 * span / count
    return [step * (k + rng.random()) for k in range(count)]


@pytest.fixture(scope="module")
def server() -> Iterator[fs.ForkServer]:
    """One fork server for the module's kill points."""
    srv = fs.ForkServer()
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def evidence_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[int]]:
    """A project with a search run and 3,000 imported records (a 7 MB file)."""
    folder = tmp_path_factory.mktemp("evidence")
    path = folder / "evidence.cerdesk"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CERDESK_HOME", str(folder / "home"))
        run_id, ids = fs.make_evidence_project(path, records=3000)
    return path, run_id, ids


@pytest.fixture(scope="module")
def empty_run_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A project with one empty search run."""
    folder = tmp_path_factory.mktemp("run")
    path = folder / "run.cerdesk"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CERDESK_HOME", str(folder / "home"))
        run_id, _ = fs.make_evidence_project(path)
    return path, run_id


def _copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


def test_burst_of_edits(server: fs.ForkServer, empty_project_path: Path, tmp_path: Path) -> None:
    """Killed during a stream of edits: every reported edit is kept, the last one whole."""
    for n, delay in enumerate(delays(0.4, seed=1)):
        path = _copy(empty_project_path, tmp_path, f"burst-{n}.cerdesk")
        lines = fs.kill_after(server, "burst", tmp_path, delay, path, 10_000)
        assert fs.check_burst(path, lines) == 0


def test_large_import(
    server: fs.ForkServer, empty_run_project: tuple[Path, str], tmp_path: Path
) -> None:
    """Killed around a 6,000-record import: all records, texts and index entries, or none."""
    source, run_id = empty_run_project
    outcomes = set()
    for n, delay in enumerate(delays(0.5, seed=2)):
        path = _copy(source, tmp_path, f"import-{n}.cerdesk")
        lines = fs.kill_after(server, "import", tmp_path, delay, path, run_id)
        assert fs.check_import(path, lines) == 0
        outcomes.add("imported" in lines)
    assert True in outcomes  # the longest delays let the import finish


def test_attachment_write(
    server: fs.ForkServer, evidence_project: tuple[Path, str, list[int]], tmp_path: Path
) -> None:
    """Killed while a 12 MB PDF is stored: the file and its full-text row, or neither."""
    source, _run_id, ids = evidence_project
    pdf = tmp_path / "paper.pdf"
    digest = fs.make_pdf(pdf)
    for n, delay in enumerate(delays(0.15, seed=3)):
        path = _copy(source, tmp_path, f"attach-{n}.cerdesk")
        lines = fs.kill_after(server, "attach", tmp_path, delay, path, pdf, ids[0])
        assert fs.check_attach(path, lines, digest, ids[0]) == 0


def test_save_a_copy(
    server: fs.ForkServer, evidence_project: tuple[Path, str, list[int]], tmp_path: Path
) -> None:
    """Killed while saving a copy over an older copy: the old copy or a complete new one."""
    source, _run_id, _ids = evidence_project
    for n, delay in enumerate(delays(0.08, seed=4)):
        path = _copy(source, tmp_path, f"copy-{n}.cerdesk")
        target = tmp_path / f"sent-{n}.cerdesk"
        fs.make_old_format(target, rows=5)
        old = fs.sha256(target)
        lines = fs.kill_after(server, "save_copy", tmp_path, delay, path, target)
        assert fs.check_save_copy(path, lines, target, old) == 0
        # The original still opens for editing afterwards (the dead copier's lock is stale).


def test_migration(server: fs.ForkServer, tmp_path: Path) -> None:
    """Killed while an old file is backed up and upgraded: original intact, or upgraded."""
    template = tmp_path / "template-v1.cerdesk"
    fs.make_old_format(template)
    original = fs.sha256(template)
    for n, delay in enumerate(delays(0.08, seed=5)):
        path = _copy(template, tmp_path, f"old-{n}.cerdesk")
        lines = fs.kill_after(server, "migrate", tmp_path, delay, path)
        fs.check_migrate(path, lines, original, rows=300)


def test_migration_killed_inside_its_transaction(server: fs.ForkServer, tmp_path: Path) -> None:
    """Deterministic: the kill lands inside the migration, after the backup was written."""
    path = tmp_path / "old.cerdesk"
    fs.make_old_format(path)
    original = fs.sha256(path)
    run = server.start("migrate", tmp_path, path, "hold")
    run.wait_for("migrating")
    assert Path(f"{path}-journal").exists()
    lines = run.kill()
    assert not any(line.startswith("migrated") for line in lines)
    fs.check_migrate(path, lines, original, rows=300)
    assert fs.user_version(path) == 1
    # The backup written before the migration began is there, complete.
    from cerdesk.storage.locations import backup_dir

    assert len([p for p in backup_dir().iterdir() if not p.name.startswith(".")]) == 1
    # And the file still upgrades normally afterwards.
    from cerdesk.storage.migrations import SCHEMA_VERSION
    from cerdesk.storage.project import Project

    with Project.open(path, user="later") as proj:
        assert proj.migrated_from == 1 and proj.schema_version == SCHEMA_VERSION
