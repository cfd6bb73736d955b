"""The appraisal and the analysis at scale (issue 4).

Usage: QT_QPA_PLATFORM=offscreen python bench/analysis.py [--sources N] [--objectives K]

Builds a project with N own-data sources (PMCF studies), each appraised and weighted, and
K safety objectives with one acceptance criterion each, every source contributing one
result to every criterion (K × N extracted results). Prints milliseconds for: opening the
Appraisal tab with its grid of 2,000 sources (first rows shown), scrolling the grid page
by page to the end, sorting it, and the whole analysis of 50 objectives × 500 sources.
Targets on the reference 2-core machine: the grid opens and scrolls "instantly"
(≤ 300 ms to show, ≤ 50 ms per page); analysis ≤ 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def build(path: Path, sources: int, objectives: int) -> None:
    """Write the synthetic project (through the storage API, in one transaction)."""
    from cerdesk.storage.project import Project

    rng = random.Random(4)
    project = Project.create(path, user="bench")
    with project.edit("Bench data") as ed:
        criteria = []
        for k in range(objectives):
            objective = ed.insert(
                "objective",
                {"code": f"OBJ-S-{k + 1:02d}", "category": "SAFETY", "statement": f"Harm {k}"},
            )
            criteria.append(
                ed.insert(
                    "acceptance_criterion",
                    {
                        "code": f"AC-{k + 1:02d}",
                        "metric": "PROPORTION",
                        "operator": "LE",
                        "threshold": 5,
                        "unit": "%",
                        "decision_rule": "CI_BOUND_95",
                    },
                    parent_id=objective,
                )
            )
        for i in range(sources):
            study = ed.insert("pmcf_study", {"code": f"PMCF-{i + 1:04d}", "title": f"Study {i}"})
            source_id = str(uuid.uuid4())
            ed.insert_system_row(
                "source", {"id": source_id, "source_key": f"pmcf_study:{study}", "position": i}
            )
            ed.set_values(
                "source",
                source_id,
                {
                    "weight": "PIVOTAL" if i % 5 == 0 else "SUPPORTIVE",
                    "device_relation": "SUBJECT",
                    "mdcg_rank": 4,
                    "study_design": "PROSPECTIVE_COHORT",
                },
            )
            for item, grade in zip("DAPRTOFSC", "111211121", strict=True):
                ed.insert_system_row(
                    "appraisal_grade",
                    {
                        "id": str(uuid.uuid4()),
                        "source_id": source_id,
                        "scheme": "IMDRF_N56",
                        "item": item,
                        "grade": f"{item}{grade}",
                    },
                )
            if i < 500:
                for criterion in criteria:
                    total = rng.randint(20, 400)
                    ed.insert(
                        "extracted_outcome",
                        {
                            "acceptance_criterion_id": criterion,
                            "events": rng.randint(0, total // 10),
                            "total": total,
                            "page_ref": "T1",
                        },
                        parent_id=source_id,
                    )
    project.close()


def main() -> int:
    """Run the benchmark; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2_000)
    parser.add_argument("--objectives", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("CERDESK_HOME", tempfile.mkdtemp(prefix="cerdesk-bench-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cerdesk.gui.appraisal_tab import AppraisalTab
    from cerdesk.ops.analysis import analyse
    from cerdesk.storage.project import Project

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="cerdesk-bench-"))
    path = folder / "analysis.cerdesk"
    start = time.perf_counter()
    build(path, args.sources, args.objectives)
    results = min(args.sources, 500) * args.objectives
    print(
        f"built {args.sources:,} sources, {results:,} results in {_ms(time.perf_counter() - start)}"
    )

    project = Project.open(path, user="bench")
    start = time.perf_counter()
    tab = AppraisalTab(project)
    tab.resize(1400, 900)
    tab.show()
    app.processEvents()
    print(
        f"appraisal tab with {tab.model.rowCount():,} sources shown: "
        f"{_ms(time.perf_counter() - start)}"
    )
    bar = tab.view.verticalScrollBar()
    pages, start = 0, time.perf_counter()
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        tab.view.viewport().repaint()
        pages += 1
    per_page = (time.perf_counter() - start) / max(pages, 1)
    print(f"scroll: {pages} pages, {per_page * 1000:.1f} ms per page")
    start = time.perf_counter()
    tab.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    app.processEvents()
    print(f"sort by citation: {_ms(time.perf_counter() - start)}")

    analyse(project)  # the first call pays for importing statsmodels
    times = []
    for _ in range(3):
        start = time.perf_counter()
        result = analyse(project)
        times.append(time.perf_counter() - start)
    k = len(result.objectives)
    print(
        f"analysis of {k} objectives × {min(args.sources, 500)} sources: "
        f"best {_ms(min(times))}, median {_ms(sorted(times)[1])}"
    )
    project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
