"""Time from process start to the main window shown with a project open.

Usage: python bench/open_project.py [--runs N] [--rows N]

Builds a project (optionally with many variant rows), then starts ``python -m cerdesk
FILE`` N times with CERDESK_BENCH_EXIT_WHEN_SHOWN set; the app prints the monotonic
clock once its window is shown and quits. Prints each run and the median, in ms.
Target: at most 800 ms on the reference 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_project(folder: Path, rows: int) -> Path:
    """Create a project with ``rows`` device variants and some objectives."""
    from cerdesk.ops import plan
    from cerdesk.storage.project import Project

    path = folder / "bench.cerdesk"
    with Project.create(path, user="bench", device_name="Bench device") as project:
        with project.edit("Bench rows") as ed:
            for i in range(rows):
                ed.insert("device_variant", {"model": f"Model {i}", "size": f"{i} mm"})
        for i in range(20):
            plan.add_item(project, "objective", {"category": "SAFETY", "statement": f"O{i}"})
    return path


def one_run(path: Path, env: dict[str, str]) -> float:
    """Return milliseconds from starting the process to the window shown."""
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "cerdesk", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("shown "))
    if "project_open=True" not in line:
        raise SystemExit(f"project did not open: {out}")
    return (float(line.split()[1]) - start) * 1000


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ)
        env.update(
            CERDESK_HOME=str(folder / "home"),
            CERDESK_BENCH_EXIT_WHEN_SHOWN="1",
            QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        )
        os.environ["CERDESK_HOME"] = env["CERDESK_HOME"]
        path = build_project(folder, args.rows)
        one_run(path, env)  # warm the OS file cache, as a second launch would be
        times = [one_run(path, env) for _ in range(args.runs)]
    for n, ms in enumerate(times, 1):
        print(f"run {n}: {ms:.0f} ms")
    print(
        f"open_project: median {statistics.median(times):.0f} ms, best {min(times):.0f} ms "
        f"over {len(times)} runs ({args.rows} variant rows)"
    )


if __name__ == "__main__":
    main()
