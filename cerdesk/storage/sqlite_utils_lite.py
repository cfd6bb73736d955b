"""sqlite-utils, imported without its optional pandas and numpy support.

sqlite-utils imports pandas and numpy when they are installed, to convert their types.
cerdesk never passes them, but statsmodels (the analysis) installs both, and importing
pandas costs about half a second at every start. The analysis imports them itself when
it first runs.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _load() -> ModuleType:
    blocked = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    return sqlite_utils


sqlite_utils = _load()
