"""The register at scale: open a 100,000-record project, show it, filter and sort it.

Usage: QT_QPA_PLATFORM=offscreen python bench/register_view.py [--records N]

Prints milliseconds for: opening the project and showing the Evidence tab's register
(first screen of rows fetched), a full-text search, a run filter and sorting by author.
Targets on the reference 2-core machine: open + show <= 1 s; filter or search <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_ris


def _ms(start: float) -> str:
    return f"{(time.perf_counter() - start) * 1000:,.0f} ms"


def main() -> int:
    """Run the benchmark; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("CERDESK_HOME", tempfile.mkdtemp(prefix="cerdesk-bench-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cerdesk.gui.evidence_tab import EvidenceTab
    from cerdesk.importers.run import read_file
    from cerdesk.ops.evidence import import_files
    from cerdesk.storage.project import Project

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ris = folder / "synthetic.ris"
        ris.write_text(synthetic_ris(args.records), encoding="utf-8")
        path = folder / "big.cerdesk"
        with Project.create(path, user="bench") as project:
            import_files(project, [read_file(ris, "ris")], new_run={"database": "Bench"})
        print(f"built a project with {args.records:,} records ({path.stat().st_size / 1e6:.0f} MB)")

        start = time.perf_counter()
        project = Project.open(path, user="bench")
        tab = EvidenceTab(project)
        tab.resize(1200, 800)
        tab.show()
        app.processEvents()
        print(f"open project + show register: {_ms(start)}")

        for text in ("femoral", "cannulated screw", "zzzz-nothing"):
            start = time.perf_counter()
            tab.search.setText(text)
            tab._apply_filter()
            app.processEvents()
            print(f"search {text!r} -> {tab.model.rowCount():,} rows: {_ms(start)}")
        tab.search.setText("")
        tab._apply_filter()
        for column, name in ((2, "authors"), (3, "year"), (1, "title")):
            start = time.perf_counter()
            tab.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
            app.processEvents()
            print(f"sort by {name}: {_ms(start)}")
        start = time.perf_counter()
        tab.view.scrollToBottom()
        app.processEvents()
        print(f"scroll to the last record: {_ms(start)}")
        tab.close()
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
