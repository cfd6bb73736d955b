"""Where the GUI keeps the user's copy of the bundled sample project."""

from __future__ import annotations

from pathlib import Path

from cerdesk.ops.sample import sample_copy_edited, write_sample
from cerdesk.storage.errors import ProjectLockedError
from cerdesk.storage.locations import data_dir
from cerdesk.storage.lock import read_lock


def sample_copy_path() -> Path:
    """Return the file the sample project is copied to (in cerdesk's data folder)."""
    return data_dir() / "Sample project.cerdesk"


def copy_is_edited(target: Path) -> bool:
    """Tell whether the user's sample copy exists and holds their own edits."""
    return target.exists() and sample_copy_edited(target)


def write_sample_copy(target: Path) -> Path:
    """Write a fresh sample project to ``target``, unless that copy is open somewhere."""
    holder = read_lock(target)
    if holder is not None:
        raise ProjectLockedError(
            f"The sample project is open ({holder.user} on {holder.host} since {holder.since}).",
            holder,
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_sample(target, overwrite=True)
