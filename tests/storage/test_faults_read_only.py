"""Read-only file, read-only folder, or read-only by choice: it opens, every write is refused.

Tests run as root here, and root ignores file permissions, so "not writable" is what
``os.access`` reports (the check cerdesk makes) rather than a real ``chmod``;
``test_refusals.py::test_read_only_file`` makes the real check when not run as root.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from cerdesk.core.errors import ReadOnlyError
from cerdesk.ops import evidence, full_text, plan
from cerdesk.storage.lock import lock_path
from cerdesk.storage.project import Project
from tests.storage.fault_scripts import make_evidence_project, make_pdf, synthetic_result


def _deny_writes(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    real_access = os.access

    def access(target: os.PathLike[str] | str, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(target) in paths:
            return False
        return real_access(target, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize("denied", ["file", "folder", "choice"])
def test_every_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, denied: str
) -> None:
    path = tmp_path / "ro.cerdesk"
    run_id, ids = make_evidence_project(path, records=20)
    pdf = tmp_path / "paper.pdf"
    make_pdf(pdf, 1000)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    if denied != "choice":
        _deny_writes(monkeypatch, path if denied == "file" else tmp_path)
    with Project.open(path, user="viewer", read_only=denied == "choice") as proj:
        assert proj.read_only
        if denied == "choice":
            assert proj.read_only_reason == ""
        else:
            assert proj.read_only_reason == "the file or its folder cannot be written to"
        assert proj.count("record") == 20  # reading works
        writes = [
            lambda: plan.set_field(proj, "device", "1", "trade_name", "X"),
            lambda: plan.add_item(proj, "indication", {"text": "x"}),
            lambda: evidence.import_records(
                proj, run_id, synthetic_result(5), file_name="a.ris", sha256="c" * 64, size=1
            ),
            lambda: full_text.attach_pdf(proj, ids[0], pdf),
            proj.undo,
            proj.redo,
            proj.attach,
        ]
        for write in writes:
            with pytest.raises(ReadOnlyError) as info:
                write()
            assert str(info.value).startswith("ro.cerdesk is open read-only")
            assert str(info.value).endswith("changes are not saved.")
        # A copy elsewhere can still be saved, to keep working on it.
        (tmp_path / "out").mkdir()
        copy = proj.save_copy(tmp_path / "out" / "copy.cerdesk")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not lock_path(path).exists()
    assert not Path(f"{path}-journal").exists()
    monkeypatch.undo()
    with Project.open(copy, user="editor") as editable:
        plan.set_field(editable, "device", "1", "trade_name", "Edited in the copy")
