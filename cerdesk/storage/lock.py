"""A lock file beside an open project, telling others who has it open since when.

The lock is a small JSON file ``.~lock.<name>#`` in the project's folder (the
LibreOffice convention), created atomically. It is not inside the project file, so a
crash never leaves a stale lock in a file that is then e-mailed. A lock left by a
crashed process on the same computer is detected (its process is gone) and replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path

from cerdesk.core.timeutil import utc_now
from cerdesk.storage.errors import LockInfo, ProjectFileError, ProjectLockedError


def lock_path(project_path: Path) -> Path:
    """Return the lock file path for ``project_path``."""
    return project_path.with_name(f".~lock.{project_path.name}#")


def read_lock(project_path: Path) -> LockInfo | None:
    """Return who holds ``project_path`` open, or ``None`` if nobody (or a stale lock)."""
    path = lock_path(project_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        info = LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # Unreadable or half-written lock: treat it as held by an unknown user, never ignore it.
        return LockInfo("an unknown user", "an unknown computer", 0, "an unknown time")
    if info.host == socket.gethostname() and not _process_alive(info.pid):
        return None
    return info


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file ``path``; remove what was written if that fails."""
    try:
        with path.open("wb") as handle:
            handle.write(data)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def _create(temp: Path, path: Path, payload: bytes) -> None:
    """Create the lock ``path`` with the content of ``temp``; FileExistsError if it exists."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this file system (FAT, some network shares): create exclusively.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
        except OSError:
            with contextlib.suppress(OSError):
                path.unlink()
            raise


class ProjectLock:
    """The lock this process holds on one project file.

    Attributes:
        project_path: The locked project file.
        info: What the lock file says.
    """

    def __init__(self, project_path: Path, info: LockInfo) -> None:
        self.project_path = project_path
        self.info = info

    @classmethod
    def acquire(cls, project_path: Path, user: str, *, force: bool = False) -> ProjectLock:
        """Take the lock, or raise :class:`ProjectLockedError` naming its holder.

        Args:
            project_path: The project file to lock.
            user: The name recorded for others to see.
            force: Replace a lock held by someone else (the user chose to override it).
        """
        path = lock_path(project_path)
        info = LockInfo(user, socket.gethostname(), os.getpid(), utc_now())
        payload = json.dumps(info.__dict__).encode("utf-8")
        # The lock appears complete or not at all: written under a temporary name, then
        # linked into place (which fails if a lock exists). A crash or a full disk never
        # leaves an empty lock that would read as "held by an unknown user".
        temp = path.with_name(f"{path.name}.{os.getpid()}.new")
        try:
            _write_file(temp, payload)
        except OSError as err:
            raise ProjectFileError(
                f"{project_path.name} cannot be opened for editing: the lock file beside it "
                f"cannot be written ({err.strerror or err}). Open it read-only."
            ) from err
        try:
            for _attempt in range(2):
                try:
                    _create(temp, path, payload)
                except FileExistsError:
                    holder = read_lock(project_path)
                    if holder is not None and not force:
                        raise ProjectLockedError(
                            f"{project_path.name} is already open: {holder.user} on "
                            f"{holder.host} has had it open since {holder.since}.",
                            holder,
                        ) from None
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                    continue
                except OSError as err:
                    raise ProjectFileError(
                        f"{project_path.name} cannot be opened for editing: the lock file "
                        f"beside it cannot be written ({err.strerror or err}). Open it read-only."
                    ) from err
                return cls(project_path, info)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise ProjectLockedError(f"Could not lock {project_path.name}; try again.", info)

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        path = lock_path(self.project_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("pid") == self.info.pid and data.get("host") == self.info.host:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
