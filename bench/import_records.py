"""Import throughput: parse, insert and index records, in records per second.

Usage: python bench/import_records.py [--records N] [--real]

Writes a synthetic RIS export of N records (default 100,000), then times reading and
parsing it, and importing it into a new project (one transaction, FTS5 index included).
With --real, also times the largest real exports in ../shared/data.
Target on the reference 2-core machine: import + index >= 6,000 records/s.
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

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
_EXPORT_SUFFIXES = {".ris", ".txt", ".nbib", ".xml", ".bib", ".csv", ".tsv"}


def largest_real_files(count: int = 5) -> list[Path]:
    """Return the largest export files of ../shared/data."""
    files = [p for p in SHARED.rglob("*") if p.suffix.lower() in _EXPORT_SUFFIXES]
    return sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:count]


def time_import(path: Path, folder: Path, label: str, fmt: str = "auto") -> None:
    """Print parse and import rates for one file."""
    from cerdesk.importers.run import read_file
    from cerdesk.ops.evidence import import_files
    from cerdesk.storage.project import Project

    start = time.perf_counter()
    export = read_file(path, fmt)
    parsed = time.perf_counter()
    project_path = folder / f"bench-{os.getpid()}-{path.stem}.cerdesk"
    with Project.create(project_path, user="bench", overwrite=True) as project:
        begin = time.perf_counter()
        import_files(project, [export], new_run={"database": "Bench"})
        end = time.perf_counter()
    n = len(export.result.records)
    print(
        f"{label}: {n:,} records ({export.result.format}, {path.stat().st_size / 1e6:.1f} MB) — "
        f"parse {n / (parsed - start):,.0f} rec/s, insert+index {n / (end - begin):,.0f} rec/s, "
        f"total {n / (parsed - start + end - begin):,.0f} rec/s"
    )


def main() -> int:
    """Run the benchmark; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--real", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("CERDESK_HOME", tempfile.mkdtemp(prefix="cerdesk-bench-"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ris = folder / "synthetic.ris"
        ris.write_text(synthetic_ris(args.records), encoding="utf-8")
        time_import(ris, folder, "synthetic RIS", "ris")
        if args.real:
            if not SHARED.is_dir():
                print(f"(no shared data at {SHARED}; real files skipped)")
            for path in largest_real_files():
                try:
                    time_import(path, folder, str(path.relative_to(SHARED)))
                except Exception as err:  # a benchmark reports, it does not stop
                    print(f"{path.relative_to(SHARED)}: not imported ({err})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
