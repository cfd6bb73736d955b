"""The window's banner says why a project is read-only, and the window refuses edits."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from cerdesk.gui.main_window import MainWindow
from cerdesk.storage.project import Project
from tests.gui.conftest import field_widget


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_banner_for_a_file_that_cannot_be_written(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.cerdesk"
    Project.create(path, user="x").close()
    before = _sha(path)
    real_access = os.access

    def access(target: os.PathLike[str] | str, mode: int, **kwargs: object) -> bool:
        # Root ignores chmod: the file reports "not writable" as on a read-only share.
        if mode & os.W_OK and Path(target) == path:
            return False
        return real_access(target, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    assert window.open_project(path)
    assert window.project is not None and window.project.read_only
    assert window.banner.isVisibleTo(window)
    assert window.banner.text() == (
        "Read-only: the file or its folder cannot be written to. Changes cannot be made or saved."
    )
    assert "[read-only]" in window.windowTitle()
    assert field_widget(window, "device", "trade_name").isReadOnly()
    assert not window.undo_action.isEnabled()
    window.close_project()
    assert not window.banner.isVisibleTo(window)
    assert _sha(path) == before


def test_banner_when_opened_read_only_by_choice(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "chosen.cerdesk"
    Project.create(path, user="x").close()
    assert window.open_project(path, read_only=True)
    assert window.banner.isVisibleTo(window)
    assert "you chose to open it read-only" in window.banner.text()
    window.close_project()
    assert window.open_project(path)
    assert not window.banner.isVisibleTo(window)
