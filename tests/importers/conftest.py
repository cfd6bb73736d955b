"""Helpers for importer tests: the shared real export files and their manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA


def shared_file(relative: str) -> Path:
    """Return a file of ../shared/data, skipping the test when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared test data not found at {SHARED_DATA}")
    path = SHARED_DATA / relative
    if not path.is_file():
        pytest.fail(f"{relative} is listed in the test but missing from {SHARED_DATA}")
    return path
