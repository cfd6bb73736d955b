"""Hostile imports: how many junk files were tried and how each importer answered.

Usage: python bench/hostile_imports.py [--verbose] [--only TEXT]

Runs the case catalogue of ``tests/importers/hostile_cases.py`` (entity expansion,
external entities, binary junk, bad encodings, 10 MB fields, deep nesting, zip bombs,
a sparse 1 GB file, devices and pipes…) through every parser's entry point and through
``read_file`` on a file on disk; each case on each route counts once. Prints one line::

    import junk cases tried: N, clean errors: E, imported: I, crashes: 0, max seconds per case: S

A crash is any other exception, a time-out, an expanded entity or a file or network
access during the parse. Exit status 1 if there was one. ``--verbose`` lists every case.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.importers.hostile_cases import Outcome, all_cases, run_case


def run(only: str = "", verbose: bool = False) -> list[Outcome]:
    """Run every case (whose name contains ``only``) on every route; return the outcomes."""
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="cerdesk-hostile-") as tmp:
        for number, case in enumerate(all_cases()):
            if only not in case.name:
                continue
            for route in case.routes:
                outcome = run_case(case, route, Path(tmp) / f"{number}-{route}")
                outcome.result = None  # records of a 10 MB field need not stay in memory
                outcomes.append(outcome)
                if verbose or outcome.kind == "crash":
                    print(
                        f"{outcome.kind:8} {outcome.seconds:6.2f}s  {case.name} ({route})"
                        f"  {outcome.detail[:120]}",
                        flush=True,
                    )
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    """Return the one-line report."""
    kinds = [o.kind for o in outcomes]
    slowest = max((o.seconds for o in outcomes), default=0.0)
    return (
        f"import junk cases tried: {len(outcomes)}, clean errors: {kinds.count('error')}, "
        f"imported: {kinds.count('imported')}, crashes: {kinds.count('crash')}, "
        f"max seconds per case: {slowest:.2f}"
    )


def main() -> int:
    """Run the benchmark; return 1 if any case crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every case")
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    args = parser.parse_args()
    os.environ.setdefault("CERDESK_HOME", tempfile.mkdtemp(prefix="cerdesk-bench-"))
    outcomes = run(args.only, args.verbose)
    print(summary(outcomes))
    return 1 if any(o.kind == "crash" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
