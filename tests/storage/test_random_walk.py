"""A seeded random walk of edits, undos and redos, checked against a plain in-memory model.

Each step applies one random operation through :mod:`cerdesk.ops.plan` (set a field of
the device, add, edit, move or delete indications and contraindications, undo, redo) to
a real project file and to :class:`Model`, a few lines of Python that say what the
project must then hold: the rows in order, the device's values, and the undo history
(typing in one field merges into one step; a new edit drops what was undone; only the
last 500 steps are kept). After every step the two must agree; every ``reopen_every``
steps the project is closed and reopened and must still agree. ``bench/faults.py``
walks further.

The walk checks logic, not durability (the kill tests do that), so its file is on a
tmpfs (``/dev/shm``) where there is one, to spare 1,200 disk flushes.

Found: the undo history kept fewer than 500 steps once undone steps had been dropped
(the limit counted sequence numbers, which dropped steps leave gaps in).
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cerdesk.ops import plan
from cerdesk.storage.journal import MAX_UNDO_STEPS
from cerdesk.storage.project import Project

LISTS = ("indication", "contraindication")
WORDS = ("pain", "fracture", "union", "stent", "ulcer", "wound", "hip", "knee")


@dataclass
class Step:
    """One undo step of the model: the state before and after it, and its merge key."""

    key: str | None
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class Model:
    """What the project must hold: its rows and its undo history."""

    state: dict[str, Any] = field(
        default_factory=lambda: {
            "device": {"trade_name": None, "risk_class": None, "implantable": None},
            **{table: [] for table in LISTS},
        }
    )
    steps: list[Step] = field(default_factory=list)
    done: int = 0

    def apply(self, new: dict[str, Any], key: str | None) -> None:
        """Record an operation that turned the state into ``new``."""
        if new == self.state:
            return  # nothing changed: no undo step, the redo history stays
        del self.steps[self.done :]
        if key is not None and self.steps and self.steps[-1].key == key:
            self.steps[-1].after = new
        else:
            self.steps.append(Step(key, self.state, new))
            del self.steps[:-MAX_UNDO_STEPS]
        self.done = len(self.steps)
        self.state = new

    def undo(self) -> None:
        """Go back one step, if any."""
        if self.done:
            self.done -= 1
            self.state = self.steps[self.done].before

    def redo(self) -> None:
        """Go forward one undone step, if any."""
        if self.done < len(self.steps):
            self.state = self.steps[self.done].after
            self.done += 1


def read_state(proj: Project) -> dict[str, Any]:
    """Return what the project holds, in the model's shape."""
    device = proj.get("device")
    state: dict[str, Any] = {
        "device": {k: device[k] for k in ("trade_name", "risk_class", "implantable")}
    }
    for table in LISTS:
        state[table] = [(i.id, i["code"], i["text"]) for i in proj.items(table)]
    return state


def check(proj: Project, model: Model, where: str) -> None:
    """The project and the model agree, down to what Undo and Redo would do."""
    assert read_state(proj) == model.state, where
    status = proj.undo_status()
    assert (status.undo_label is not None, status.redo_label is not None) == (
        model.done > 0,
        model.done < len(model.steps),
    ), where


def _step(proj: Project, model: Model, rng: random.Random, counter: int) -> str:
    """Apply one random operation to both; return what it was."""
    state = model.state
    roll = rng.random()
    if roll < 0.15:
        plan.undo(proj)
        model.undo()
        return "undo"
    if roll < 0.25:
        plan.redo(proj)
        model.redo()
        return "redo"
    new = {k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in state.items()}
    table = rng.choice(LISTS)
    rows = new[table]
    if roll < 0.45:
        name, value = rng.choice(
            [
                ("trade_name", rng.choice(WORDS).capitalize()),
                ("risk_class", rng.choice(["I", "IIA", "IIB", "III", None])),
                ("implantable", rng.choice([True, False, None])),
            ]
        )
        plan.set_field(proj, "device", "1", name, value)
        new["device"][name] = value
        model.apply(new, "device.1.trade_name" if name == "trade_name" else None)
        return f"set {name}"
    if roll < 0.65 or not rows:
        code, text = f"C-{counter}", " ".join(rng.choice(WORDS) for _ in range(3))
        position = rng.randint(0, len(rows))
        created = plan.add_item(proj, table, {"code": code, "text": text}, position=position)
        assert created.created_id is not None
        rows.insert(position, (created.created_id, code, text))
        model.apply(new, None)
        return f"add {table}"
    index = rng.randrange(len(rows))
    row_id, code, _text = rows[index]
    if roll < 0.80:
        text = " ".join(rng.choice(WORDS) for _ in range(2))
        plan.set_field(proj, table, row_id, "text", text)
        rows[index] = (row_id, code, text)
        model.apply(new, f"{table}.{row_id}.text")
        return f"edit {table}"
    if roll < 0.90:
        position = rng.randint(0, len(rows) - 1)
        plan.move_item(proj, table, row_id, position)
        rows.insert(position, rows.pop(index))
        model.apply(new, None)
        return f"move {table}"
    plan.delete_item(proj, table, row_id)
    del rows[index]
    model.apply(new, None)
    return f"delete {table}"


def walk(path: Path, *, seed: int, steps: int, reopen_every: int = 50) -> Model:
    """Walk ``steps`` random operations on the project at ``path``; return the model."""
    rng = random.Random(seed)
    model = Model()
    proj = Project.open(path, user="walker")
    model.state = read_state(proj)  # a new project's rows
    try:
        for n in range(1, steps + 1):
            what = _step(proj, model, rng, n)
            check(proj, model, f"seed {seed}, step {n}: {what}")
            if n % reopen_every == 0:
                proj.close()
                proj = Project.open(path, user="walker")
                check(proj, model, f"seed {seed}, reopened after step {n}")
    finally:
        proj.close()
    return model


@pytest.fixture
def walk_path(empty_project_path: Path) -> Iterator[Path]:
    """A copy of the empty project on a tmpfs if there is one (else the test's folder)."""
    if not os.path.isdir("/dev/shm"):
        yield empty_project_path
        return
    folder = Path(tempfile.mkdtemp(prefix="cerdesk-walk-", dir="/dev/shm"))
    try:
        path = folder / "walk.cerdesk"
        shutil.copyfile(empty_project_path, path)
        yield path
    finally:
        shutil.rmtree(folder)


def test_random_walk_matches_the_model(walk_path: Path) -> None:
    model = walk(walk_path, seed=2026, steps=1200)
    # The walk went past the undo limit, and then undid all it could remember.
    assert len(model.steps) == MAX_UNDO_STEPS
    with Project.open(walk_path, user="walker") as proj:
        for _ in range(MAX_UNDO_STEPS):
            plan.undo(proj)
            model.undo()
        check(proj, model, "after undoing everything")
        assert proj.undo_status().undo_label is None
        plan.undo(proj)  # nothing more to undo: no change
        check(proj, model, "one undo too many")
