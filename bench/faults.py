"""Fault injection at many more points than the test suite, summed up in one line.

Usage: python bench/faults.py [--kills N] [--walk STEPS] [--seed S]

Kills a child process (SIGKILL) at N points (default 40) of each long operation (a
burst of edits, a large import, an attachment, Save a Copy, a migration), checks every
file as ``tests/storage/test_faults_kill.py`` does, then opens damaged copies of a project
(truncated at many lengths, bytes flipped in B-tree pages, zeroed header, wrong page
sizes) and checks each is refused untouched or opens with ``quick_check`` ok. With
``--walk``, also runs a random walk of that many edits/undos/redos against the model.
Prints: ``faults injected: N, survived: S, edits lost: L, hostile files tried: H,
refused or opened safely: R``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.storage import fault_scripts as fs


def _spread(span: float, count: int, rng: random.Random) -> list[float]:
    step = 1.3 * span / count
    return [step * (k + rng.random()) for k in range(count)]


def kill_points(folder: Path, kills: int, rng: random.Random) -> tuple[int, int, int]:
    """Run every operation at ``kills`` kill points; return (injected, survived, lost)."""
    injected = survived = lost = 0
    server = fs.ForkServer()
    try:
        run_path = folder / "run.cerdesk"
        run_id, _ = fs.make_evidence_project(run_path)
        big_path = folder / "big.cerdesk"
        _run, ids = fs.make_evidence_project(big_path, records=3000)
        empty = folder / "empty.cerdesk"
        from cerdesk.storage.project import Project

        Project.create(empty, user="bench").close()
        pdf = folder / "paper.pdf"
        pdf_sha = fs.make_pdf(pdf)
        old = folder / "old-template.cerdesk"
        fs.make_old_format(old)
        old_sha = fs.sha256(old)

        def case(name: str, source: Path, span: float, run: Callable[[Path, float], int]) -> None:
            nonlocal injected, survived, lost
            for n, delay in enumerate(_spread(span, kills, rng)):
                path = folder / f"{name}-{n}.cerdesk"
                shutil.copyfile(source, path)
                injected += 1
                try:
                    lost += run(path, delay)
                except AssertionError as err:
                    print(f"  {name} at {delay:.3f} s: FAILED {err}", file=sys.stderr)
                else:
                    survived += 1

        def burst(path: Path, delay: float) -> int:
            return fs.check_burst(path, fs.kill_after(server, "burst", folder, delay, path, 10**4))

        def import_(path: Path, delay: float) -> int:
            lines = fs.kill_after(server, "import", folder, delay, path, run_id)
            return fs.check_import(path, lines)

        def attach(path: Path, delay: float) -> int:
            lines = fs.kill_after(server, "attach", folder, delay, path, pdf, ids[0])
            return fs.check_attach(path, lines, pdf_sha, ids[0])

        def copy(path: Path, delay: float) -> int:
            target = path.with_name(path.stem + "-sent.cerdesk")
            fs.make_old_format(target, rows=5)
            target_sha = fs.sha256(target)
            lines = fs.kill_after(server, "save_copy", folder, delay, path, target)
            return fs.check_save_copy(path, lines, target, target_sha)

        def migrate(path: Path, delay: float) -> int:
            lines = fs.kill_after(server, "migrate", folder, delay, path)
            return fs.check_migrate(path, lines, old_sha, rows=300)

        case("burst", empty, 0.4, burst)
        case("import", run_path, 0.5, import_)
        case("attach", big_path, 0.15, attach)
        case("copy", big_path, 0.08, copy)
        case("migrate", old, 0.08, migrate)
    finally:
        server.close()
    return injected, survived, lost


def hostile_files(folder: Path) -> tuple[int, int]:
    """Open damaged copies of a project; return (tried, refused or opened safely)."""
    from cerdesk.core.errors import UserError
    from cerdesk.ops import plan
    from cerdesk.storage.project import Project
    from tests.storage.test_faults_damaged import DAMAGE, btree_flipped

    source = folder / "source.cerdesk"
    with Project.create(source, user="bench") as proj, proj.edit("Bulk") as ed:
        for i in range(200):
            ed.insert("indication", {"code": f"IND-{i:03d}", "text": f"{i} " + "lorem " * 300})
    data = source.read_bytes()
    variants: list[bytes] = [damage(data) for damage, _error in DAMAGE.values()]
    rng = random.Random(7)
    variants += [data[: rng.randrange(100, len(data))] for _ in range(40)]
    for seed in range(40):
        local = random.Random(seed)
        out = bytearray(data)
        for _ in range(local.randint(1, 20)):
            out[local.randrange(100, len(out))] ^= 1 << local.randrange(8)
        variants.append(bytes(out))
    variants += [btree_flipped(data) for _ in range(1)]
    safe = 0
    for n, content in enumerate(variants):
        path = folder / f"hostile-{n}.cerdesk"
        path.write_bytes(content)
        before = hashlib.sha256(content).hexdigest()
        try:
            with Project.open(path, user="bench") as proj:
                # Opened: it must be consistent enough to read everything and take an edit.
                proj.snapshot()
                plan.set_field(proj, "device", "1", "trade_name", "edited")
            ok = fs.quick_check_ok(path)
        except UserError:
            ok = hashlib.sha256(path.read_bytes()).hexdigest() == before
        except Exception as err:  # a crash is what this counts
            print(f"  hostile file {n}: {type(err).__name__}: {err}", file=sys.stderr)
            ok = False
        safe += ok
    return len(variants), safe


def main() -> None:
    """Run the fault cases and print the one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=40, help="kill points per operation")
    parser.add_argument("--walk", type=int, default=0, help="random-walk steps (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cerdesk-faults-") as tmp:
        folder = Path(tmp)
        os.environ["CERDESK_HOME"] = str(folder / "home")
        injected, survived, lost = kill_points(folder, args.kills, random.Random(args.seed))
        tried, safe = hostile_files(folder)
        if args.walk:
            from cerdesk.storage.project import Project
            from tests.storage.test_random_walk import walk

            path = folder / "walk.cerdesk"
            Project.create(path, user="walker").close()
            walk(path, seed=args.seed, steps=args.walk)
            print(f"random walk: {args.walk} steps matched the model", file=sys.stderr)
    print(
        f"faults injected: {injected}, survived: {survived}, edits lost: {lost}, "
        f"hostile files tried: {tried}, refused or opened safely: {safe}"
    )
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
