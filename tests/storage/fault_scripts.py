"""Fault injection helpers: a fork server that runs one project operation per child process.

A test (or ``bench/faults.py``) starts one :class:`ForkServer`, a Python process that
imports cerdesk once and then forks a fresh child for each scenario, so a kill point costs
milliseconds instead of an interpreter start. The child writes its progress ("ready",
"committed 3"…) line by line to a file the parent reads; after the operation it sleeps
until it is killed, so the parent always kills a live process (never a reused pid).

The parent kills the child with SIGKILL at a chosen moment, then checks the file as the
next cerdesk would see it. The ``check_*`` functions raise :class:`AssertionError` when a
promise is broken and return the number of edits lost (always 0 when they pass).

Run as ``python -m tests.storage.fault_scripts`` (from the repository root) to serve.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[2]
SCHEMA_1 = REPO / "tests" / "data" / "schema-1.cerdesk"

#: Records written by the interrupted import.
IMPORT_RECORDS = 6000
#: Size of the PDF whose attachment is interrupted.
PDF_BYTES = 12 * 1024 * 1024
#: Edits committed by the child before (and after) the interrupted operation.
EDITS_AROUND = 3


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# =============================================================================== child


def _say(out: IO[str], text: str) -> None:
    out.write(text + "\n")
    out.flush()


def _edits(out: IO[str], proj: Any, prefix: str) -> None:
    """Commit :data:`EDITS_AROUND` edits of the device's name, reporting each."""
    from cerdesk.ops import plan

    for i in range(1, EDITS_AROUND + 1):
        plan.set_fields(proj, "device", "1", {"trade_name": f"{prefix} {i}"})
        _say(out, f"committed {prefix} {i}")


def synthetic_result(count: int, seed: int = 3) -> Any:
    """Return a parsed export of ``count`` records with long abstracts (no file needed)."""
    from cerdesk.core.bibliography import ParsedRecord, ParseResult

    rng = random.Random(seed)
    words = ["femoral", "neck", "screw", "fixation", "union", "cohort", "trial", "implant"]
    records = [
        ParsedRecord(
            source_index=i + 1,
            raw=f"TY  - JOUR\nTI  - record {i}\nER  - \n",
            title=f"Record {i}: " + " ".join(rng.choice(words) for _ in range(10)),
            abstract=" ".join(rng.choice(words) for _ in range(150)),
            year=2000 + i % 25,
            doi=f"10.9999/fault.{i}",
        )
        for i in range(count)
    ]
    return ParseResult("ris", records)


def _burst(out: IO[str], path: str, count: str) -> None:
    """Commit ``count`` operations, each adding an indication and renaming the device."""
    from cerdesk.storage.project import Project

    proj = Project.open(path, user="burst")
    _say(out, "ready")
    for i in range(1, int(count) + 1):
        with proj.edit(f"Burst {i}") as ed:
            ed.insert("indication", {"code": f"B-{i:04d}", "text": f"burst {i}"})
            ed.set_values("device", "1", {"trade_name": f"burst {i}"})
        _say(out, f"committed {i}")


def _import(out: IO[str], path: str, run_id: str) -> None:
    """Edits, then one large import, then more edits."""
    from cerdesk.ops import evidence
    from cerdesk.storage.project import Project

    result = synthetic_result(IMPORT_RECORDS)
    proj = Project.open(path, user="importer")
    _edits(out, proj, "before")
    _say(out, "ready")
    evidence.import_records(proj, run_id, result, file_name="big.ris", sha256="f" * 64, size=1)
    _say(out, "imported")
    _edits(out, proj, "after")


def _attach(out: IO[str], path: str, pdf: str, record_id: str) -> None:
    """Edits, then attach a large PDF to a record, then more edits."""
    from cerdesk.ops import full_text
    from cerdesk.storage.project import Project

    proj = Project.open(path, user="attacher")
    _edits(out, proj, "before")
    _say(out, "ready")
    full_text.attach_pdf(proj, int(record_id), pdf)
    _say(out, "attached")
    _edits(out, proj, "after")


def _save_copy(out: IO[str], path: str, target: str) -> None:
    """Edits, then Save a Copy over an existing older copy."""
    from cerdesk.storage.project import Project

    proj = Project.open(path, user="copier")
    _edits(out, proj, "before")
    _say(out, "ready")
    proj.save_copy(target)
    _say(out, "copied")


def _migrate(out: IO[str], path: str, hold: str = "") -> None:
    """Open an old-format file for editing (it is backed up and migrated).

    With ``hold``, an extra last migration waits forever once the real ones have run,
    so the kill lands inside the migration's transaction.
    """
    from cerdesk.storage import identity
    from cerdesk.storage import migrations as migrations_module
    from cerdesk.storage import project as project_module
    from cerdesk.storage.project import Project

    if hold:

        def upgrade(conn: sqlite3.Connection) -> None:
            conn.execute("UPDATE indication SET text = 'HALF MIGRATED'")
            _say(out, "migrating")
            time.sleep(3600)

        chain = (*migrations_module.MIGRATIONS, types.SimpleNamespace(VERSION=99, upgrade=upgrade))
        for module in (migrations_module, project_module):
            module.MIGRATIONS = chain  # type: ignore[attr-defined]
        for module in (migrations_module, project_module, identity):
            module.SCHEMA_VERSION = len(chain)  # type: ignore[attr-defined]
    _say(out, "ready")
    proj = Project.open(path, user="upgrader")
    _say(out, f"migrated {proj.backup_path}")


def _disk_full(out: IO[str], path: str, what: str, arg: str = "") -> None:
    """Let no file grow past its present size (RLIMIT_FSIZE), then try ``what``.

    SIGXFSZ is ignored, so a write past the limit fails with EFBIG as on a full disk.
    Reports the error's class and message, then whether the project is still usable.
    """
    from cerdesk.core.errors import UserError
    from cerdesk.ops import evidence, plan
    from cerdesk.storage.project import Project

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    size = os.path.getsize(path)
    limit = {"open": 0, "migrate": size // 2, "copy": size // 2}.get(what, size)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    def say(text: str) -> None:
        # The progress file is a file too: lift the limit just to write to it.
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
        _say(out, text)
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

    proj = None
    try:
        if what in ("open", "migrate", "migrate-late"):
            proj = Project.open(path, user="full")
            say("opened")
            proj.close()
            proj = None
        proj = Project.open(path, user="full")
        undo_before = proj.undo_status()
        records_before = proj.count("record")
        if what == "import":
            result = synthetic_result(3000)
            evidence.import_records(proj, arg, result, file_name="x.ris", sha256="e" * 64, size=1)
        elif what == "edit":
            plan.set_field(proj, "project", "1", "notes", "long note " * 30000)
        elif what == "copy":
            proj.save_copy(arg)
        say("no error")
    except UserError as err:
        say(f"error {type(err).__name__}: {err}")
    except BaseException as err:
        say(f"crash {type(err).__name__}: {err}")
    # Space again (the copy's limit also kept the project itself from being written).
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
    if proj is None:
        return
    unchanged = proj.undo_status() == undo_before and proj.count("record") == records_before
    say(f"unchanged {unchanged}")
    plan.set_field(proj, "device", "1", "trade_name", "still usable")
    say("edited")
    proj.close()
    say("closed")


SCENARIOS: dict[str, Callable[..., None]] = {
    "burst": _burst,
    "import": _import,
    "attach": _attach,
    "save_copy": _save_copy,
    "migrate": _migrate,
    "disk_full": _disk_full,
}


def _child(command: dict[str, Any]) -> None:
    """Run one scenario in a forked child; never returns."""
    status = 0
    try:
        os.environ.update(command["env"])
        signal.alarm(int(command.get("alarm", 120)))  # never outlive a vanished parent
        with open(command["out"], "a", encoding="utf-8") as out:
            try:
                SCENARIOS[command["scenario"]](out, *command["args"])
                _say(out, "done")
            except BaseException:
                _say(out, "failed " + traceback.format_exc().replace("\n", " | "))
                status = 3
            else:
                while True:  # wait to be killed: the parent never kills a dead pid
                    time.sleep(3600)
    finally:
        os._exit(status)


def serve() -> None:
    """Fork one child per command read from stdin; report its pid, then its exit status."""
    import cerdesk.ops.evidence
    import cerdesk.ops.full_text
    import cerdesk.storage.project  # noqa: F401

    print("serving", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(command)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {status}", flush=True)


# ============================================================================== parent


@dataclass
class Run:
    """One child process of the fork server, running one scenario."""

    server: ForkServer
    pid: int
    out: Path

    def lines(self) -> list[str]:
        """Return the lines the child has written so far."""
        try:
            text = self.out.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        return [line for line in text.split("\n")[:-1]]

    def wait_for(self, wanted: str, timeout: float = 60) -> list[str]:
        """Wait until the child writes a line starting with ``wanted``; return all lines."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines()
            if any(line.startswith(wanted) for line in lines):
                return lines
            if any(line.startswith("failed") for line in lines) or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"child never said {wanted!r}: {lines}")
            time.sleep(0.002)

    def kill(self) -> list[str]:
        """SIGKILL the child, wait until it is gone, and return everything it wrote."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        status = self.server.read_line()
        assert status.startswith("exit "), status
        return self.lines()


class ForkServer:
    """A helper process that forks one child per scenario (see the module docstring)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.fault_scripts"],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.read_line() == "serving"
        self._count = 0

    def read_line(self) -> str:
        """Return the server's next line of output."""
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("the fork server stopped")
        return line.strip()

    def start(self, scenario: str, folder: Path, *args: object, alarm: int = 120) -> Run:
        """Start ``scenario`` in a new child with ``args``; return the running child."""
        assert self.proc.stdin is not None
        self._count += 1
        out = folder / f"child-{self._count}.log"
        command = {
            "scenario": scenario,
            "args": [str(a) for a in args],
            "out": str(out),
            "env": {"CERDESK_HOME": os.environ["CERDESK_HOME"]},
            "alarm": alarm,
        }
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        return Run(self, int(self.read_line()), out)

    def run_to_end(self, scenario: str, folder: Path, *args: object) -> list[str]:
        """Run ``scenario`` until it says "done" (or fails), then end the child."""
        run = self.start(scenario, folder, *args)
        run.wait_for("done")
        return run.kill()

    def close(self) -> None:
        """Stop the server."""
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()


def kill_after(
    server: ForkServer, scenario: str, folder: Path, delay: float, *args: object
) -> list[str]:
    """Start ``scenario``, wait for "ready", sleep ``delay`` seconds, SIGKILL; return its lines."""
    run = server.start(scenario, folder, *args)
    run.wait_for("ready")
    time.sleep(delay)
    return run.kill()


# ============================================================================ fixtures


def quick_check_ok(path: Path) -> bool:
    """True if SQLite's quick check passes on ``path`` (read-only, after recovery)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def make_evidence_project(path: Path, records: int = 0) -> tuple[str, list[int]]:
    """Create a project with one search run (and ``records`` imported); return ids."""
    from cerdesk.ops import evidence
    from cerdesk.storage.project import Project

    with Project.create(path, user="maker") as proj:
        run_id = evidence.add_search_run(proj, {"database": "PubMed"}).created_id
        ids: list[int] = []
        if records:
            evidence.import_records(
                proj,
                run_id,
                synthetic_result(records, seed=9),
                file_name="a.ris",
                sha256="a" * 64,
                size=1,
            )
            ids = [r[0] for r in proj._conn.execute("SELECT id FROM record ORDER BY id")]
    assert run_id is not None
    return run_id, ids


def make_pdf(path: Path, size: int = PDF_BYTES) -> str:
    """Write a PDF-looking file of ``size`` random bytes; return its SHA-256."""
    data = b"%PDF-1.4\n" + random.Random(5).randbytes(size)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def make_old_format(path: Path, rows: int = 300) -> None:
    """Write a project of format 1 (the committed fixture) with ``rows`` long indications."""
    shutil.copyfile(SCHEMA_1, path)
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            conn.executemany(
                "INSERT INTO indication (id, position, code, text, created_at, created_by, "
                "updated_at) VALUES (?, ?, ?, ?, '2025-01-01T00:00:00Z', 'old', "
                "'2025-01-01T00:00:00Z')",
                [(f"old-{i}", 100 + i, f"OLD-{i}", f"{i} " + "x" * 8000) for i in range(rows)],
            )
    finally:
        conn.close()
    assert user_version(path) == 1


def user_version(path: Path) -> int:
    """Return ``PRAGMA user_version`` read from the header bytes (no connection)."""
    with path.open("rb") as handle:
        return int.from_bytes(handle.read(100)[60:64], "big")


def recover(path: Path) -> None:
    """Open ``path`` as any SQLite program would, which rolls back a hot journal."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def table_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Run a query on a read-only connection to ``path``."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@contextlib.contextmanager
def old_cerdesk() -> Iterator[None]:
    """Make this process behave like cerdesk 0.1, which knew only project format 1."""
    from cerdesk.storage import identity
    from cerdesk.storage import migrations as migrations_module
    from cerdesk.storage import project as project_module

    saved = [
        (module, name, getattr(module, name))
        for module in (migrations_module, project_module, identity)
        for name in ("MIGRATIONS", "SCHEMA_VERSION")
        if hasattr(module, name)
    ]
    try:
        for module, name, value in saved:
            if name == "MIGRATIONS":
                setattr(module, name, value[:1])
            else:
                setattr(module, name, 1)
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


# ============================================================================== checks


def committed(lines: list[str], prefix: str = "committed") -> list[str]:
    """Return the "committed …" lines a child wrote."""
    return [line for line in lines if line.startswith(prefix)]


def check_burst(path: Path, lines: list[str]) -> int:
    """Every reported operation is there, whole; at most the one in progress is extra."""
    from cerdesk.storage.project import Project

    reported = len(committed(lines))
    with Project.open(path, user="checker") as proj:
        assert quick_check_ok(path)
        codes = [i["code"] for i in proj.items("indication") if (i["code"] or "").startswith("B-")]
        kept = len(codes)
        assert codes == [f"B-{i:04d}" for i in range(1, kept + 1)], codes[-3:]
        assert reported <= kept <= reported + 1, (reported, kept)
        name = proj.get("device")["trade_name"]
        assert name == (f"burst {kept}" if kept else None), (name, kept)
        labels = [e.label for e in proj.change_log() if e.label.startswith("Burst ")]
        assert len(set(labels)) == kept
        if kept:
            assert proj.undo_status().undo_label == f"Burst {kept}"
            proj.undo()
            assert proj.get("device")["trade_name"] == (f"burst {kept - 1}" if kept > 1 else None)
            assert proj.count("indication") == len(codes) - 1 + _other_indications(proj)
    return max(0, reported - kept)


def _other_indications(proj: Any) -> int:
    return sum(1 for i in proj.items("indication") if not (i["code"] or "").startswith("B-"))


def _check_edits(proj: Any, lines: list[str]) -> int:
    """The device name is the last reported edit (or the one after it); return edits lost."""
    reported = [line.removeprefix("committed ") for line in committed(lines)]
    expected = reported[-1] if reported else None
    order = [f"{p} {i}" for p in ("before", "after") for i in range(1, EDITS_AROUND + 1)]
    name = proj.get("device")["trade_name"]
    if expected is None:
        assert name in (None, order[0]), name
        return 0
    position = order.index(expected)
    allowed = {expected, *order[position + 1 : position + 2]}
    assert name in allowed or name is None, (name, expected)
    return 0 if name in allowed else 1


def check_import(path: Path, lines: list[str]) -> int:
    """The import is all there (records, texts, index, undo step) or not at all."""
    from cerdesk.storage.project import Project

    with Project.open(path, user="checker") as proj:
        assert quick_check_ok(path)
        lost = _check_edits(proj, lines)
        records, texts = proj.count("record"), proj.count("record_text")
        files = proj.count("import_file")
        assert (records, texts, files) in ((0, 0, 0), (IMPORT_RECORDS, IMPORT_RECORDS, 1)), (
            records,
            texts,
            files,
        )
        if "imported" in lines:
            assert records == IMPORT_RECORDS
        # The full-text index agrees with its content, row for row.
        proj._conn.execute(
            "INSERT INTO record_fts (record_fts, rank) VALUES ('integrity-check', 1)"
        )
        hits = proj._conn.execute(
            "SELECT COUNT(*) FROM record_fts WHERE record_fts MATCH 'femoral'"
        ).fetchone()[0]
        assert (
            hits
            == proj._conn.execute(
                "SELECT COUNT(*) FROM record WHERE title LIKE '%femoral%' OR id IN "
                "(SELECT id FROM record_text WHERE abstract LIKE '%femoral%')"
            ).fetchone()[0]
        )
        if records:
            labels = [e.label for e in proj.change_log() if e.label.startswith("Import ")]
            assert labels, "an import without its change-log lines"
            while proj.undo_status().undo_label and "Import" not in proj.undo_status().undo_label:
                proj.undo()
            proj.undo()
            assert proj.count("record") == 0
    return lost


def check_attach(path: Path, lines: list[str], pdf_sha: str, record_id: int) -> int:
    """The PDF and its full-text row are both there, byte for byte, or neither is."""
    from cerdesk.storage.project import Project

    with Project.open(path, user="checker") as proj:
        assert quick_check_ok(path)
        lost = _check_edits(proj, lines)
        rows = proj._conn.execute(
            "SELECT status, sha256 FROM full_text WHERE record_id = ?", (record_id,)
        ).fetchall()
        stored = proj._conn.execute("SELECT sha256, size, data FROM stored_file").fetchall()
        if rows:
            assert rows == [("ATTACHED", pdf_sha)]
            assert len(stored) == 1 and stored[0][0] == pdf_sha
            assert hashlib.sha256(stored[0][2]).hexdigest() == pdf_sha == stored[0][0]
        else:
            assert stored == [] and "attached" not in lines, (stored[:1], lines)
    return lost


def check_save_copy(path: Path, lines: list[str], target: Path, old_sha: str) -> int:
    """The target is the old copy, untouched, or a complete new one; the original is intact."""
    from cerdesk.storage.project import Project

    with Project.open(path, user="checker") as proj:
        assert quick_check_ok(path)
        lost = _check_edits(proj, lines)
        name = proj.get("device")["trade_name"]
        records = proj.count("record")
    if sha256(target) == old_sha:
        assert "copied" not in lines
    else:
        assert quick_check_ok(target)
        with Project.open(target, user="checker", read_only=True) as copy:
            assert copy.get("device")["trade_name"] == name
            assert copy.count("record") == records
    return lost


def check_migrate(path: Path, lines: list[str], original_sha: str, rows: int) -> int:
    """The file is the untouched format-1 original, or fully migrated with a backup.

    Every file in the backup folder is a complete format-1 copy (never a torn one).
    """
    from cerdesk.storage.locations import backup_dir
    from cerdesk.storage.migrations import SCHEMA_VERSION
    from cerdesk.storage.project import Project

    recover(path)
    backups = sorted(p for p in backup_dir().glob("*") if not p.name.startswith("."))
    for backup in backups:
        assert user_version(backup) == 1 and quick_check_ok(backup), backup.name
        count = table_rows(backup, "SELECT COUNT(*) FROM indication WHERE code LIKE 'OLD-%'")
        assert count == [(rows,)], (backup.name, count)
    version = user_version(path)
    if version == 1:
        assert not any(line.startswith("migrated") for line in lines)
        assert sha256(path) == original_sha, "the original changed"
        with old_cerdesk(), Project.open(path, user="old", read_only=True) as proj:
            assert sum(1 for i in proj.items("indication") if i["code"].startswith("OLD-")) == rows
    else:
        assert version == SCHEMA_VERSION, version
        assert backups, "migrated without a backup"
        with Project.open(path, user="checker") as proj:
            assert proj.schema_version == SCHEMA_VERSION
            texts = [i["text"] for i in proj.items("indication") if i["code"].startswith("OLD-")]
            assert len(texts) == rows and "HALF MIGRATED" not in texts
    return 0


def main() -> None:
    """Entry point of the fork server."""
    serve()


if __name__ == "__main__":
    main()
