"""docs/file-format.md describes the schema a new project actually has."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tables_block_is_current() -> None:
    spec = importlib.util.spec_from_file_location("schema_doc", ROOT / "resources/schema_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "docs/file-format.md").read_text(encoding="utf-8")
    assert module.tables_block() in text, (
        "docs/file-format.md is out of date: run python resources/schema_doc.py"
    )
