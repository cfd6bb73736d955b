"""Opening the application must not pay for the analysis libraries."""

from __future__ import annotations

import subprocess
import sys


def test_storage_and_window_do_not_import_pandas_or_numpy() -> None:
    code = (
        "import sys; import cerdesk.storage.project, cerdesk.gui.main_window; "
        "print(sorted(m for m in ('pandas', 'numpy', 'statsmodels') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_the_analysis_still_gets_pandas_when_it_runs() -> None:
    code = (
        "import cerdesk.storage.project; from cerdesk.ops import statistics; "
        "print(statistics.pool_proportions([1, 2], [10, 20]).k)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "2"
