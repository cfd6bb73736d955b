"""Fixtures shared by all tests: isolated cerdesk folders and cheap empty projects."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Headless Qt for every test run, whatever the caller's environment.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cerdesk.storage.project import Project

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def cerdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point settings and backups into the test's tmp folder (never the real ones)."""
    home = tmp_path / "cerdesk-home"
    monkeypatch.setenv("CERDESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "empty.cerdesk"
    os.environ.setdefault("CERDESK_HOME", str(folder / "home"))
    Project.create(path, user="template").close()
    return path


@pytest.fixture
def empty_project_path(_empty_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of an empty, fully migrated project file."""
    target = tmp_path / "project.cerdesk"
    shutil.copyfile(_empty_template, target)
    return target


@pytest.fixture
def project(empty_project_path: Path) -> Iterator[Project]:
    """An empty project opened for editing by user "tester"."""
    proj = Project.open(empty_project_path, user="tester")
    yield proj
    proj.close()


@pytest.fixture
def shared_data() -> Path:
    """The shared export files; skips the test when they are not beside the checkout."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared test data not found at {SHARED_DATA}")
    return SHARED_DATA
