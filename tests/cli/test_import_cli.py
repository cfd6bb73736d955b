"""cerdesk import and cerdesk records: real files on disk, real exit codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from cerdesk.cli import main

RIS = """Provider: Test export
Content: text/plain; charset="UTF-8"

TY  - JOUR
AU  - Roe, Jane
AU  - Doe, John
TI  - Cannulated screws for femoral neck fractures
T2  - Journal of Fixation
PY  - 2021
VL  - 12
SP  - 100
EP  - 9
DO  - https://doi.org/10.1000/ABC.1
AB  - Screws were used.
ID  - rec-1
ER  -

TY  - JOUR
AU  - Smith, A
TI  - Hip screws: a cohort
PY  - 2019
ER  -
"""

BROKEN = RIS + "\nTY  - JOUR\nTI  - cut short here"


@pytest.fixture
def ris_file(tmp_path: Path) -> Path:
    path = tmp_path / "pubmed export.ris"
    path.write_text(RIS.replace("\n", "\r\n"), encoding="utf-8-sig")
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_then_records_with_provenance(
    empty_project_path: Path, ris_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(empty_project_path)
    assert (
        main(
            [
                "import",
                p,
                str(ris_file),
                "--database",
                "PubMed",
                "--query",
                "screw*",
                "--searched-on",
                "2026-10-01",
                "--hits",
                "2",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["search_run"] == "SR-01"
    assert out["files"][0]["records"] == 2

    assert main(["records", p]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["source_index"] for r in rows] == ["1", "2"]
    first = rows[0]
    assert first["source_file"] == "pubmed export.ris"
    assert first["source_id"] == "rec-1"
    assert first["doi"] == "10.1000/abc.1"
    assert first["pages"] == "100-109"
    assert first["authors"] == "Roe, Jane; Doe, John"
    assert first["search_run"] == "SR-01" and first["database"] == "PubMed"

    assert main(["records", p, "--format", "ris"]) == 0
    ris = capsys.readouterr().out
    assert ris.count("ER  - ") == 2 and "N1  - cerdesk provenance: SR-01 PubMed" in ris

    # Adding another file to the same run; the same file again is refused.
    other = ris_file.with_name("second.ris")
    other.write_text(RIS.replace("rec-1", "rec-9"), encoding="utf-8")
    assert main(["import", p, str(other), "--run", "SR-01"]) == 0
    assert main(["import", p, str(other), "--run", "SR-01"]) == 2
    assert "already imported" in capsys.readouterr().err
    assert main(["info", p, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["records"] == 4 and info["imported_files"] == 2
    assert info["counts"]["search_run"] == 1

    # Undo removes the second import only.
    assert main(["undo", p]) == 0
    assert capsys.readouterr().out.startswith("Undo Import 2 records from second.ris")
    assert main(["info", p, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 2


@pytest.mark.parametrize(
    ("make", "args", "fragment"),
    [
        (lambda d: d / "missing.ris", ["--database", "X"], "does not exist"),
        (
            lambda d: _write(d / "junk.ris", b"\x00\x01\x02binary" * 50),
            ["--database", "X"],
            "binary",
        ),
        (lambda d: _write(d / "empty.ris", b"  \n"), ["--database", "X"], "empty"),
        (
            lambda d: _write(d / "notes.txt", b"just some notes\nnothing else\n"),
            ["--database", "X"],
            "not recognised",
        ),
        (
            lambda d: _write(d / "broken.ris", BROKEN.encode()),
            ["--database", "X"],
            "cannot be read",
        ),
        (lambda d: _write(d / "ok.ris", RIS.encode()), [], "--database NAME"),
        (lambda d: _write(d / "ok.ris", RIS.encode()), ["--run", "SR-07"], "no row"),
    ],
)
def test_bad_imports_exit_2_and_change_nothing(
    empty_project_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make,
    args: list[str],
    fragment: str,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = make(folder)
    before = sha(empty_project_path)
    assert main(["import", str(empty_project_path), str(path), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("cerdesk: error: ")
    assert fragment in err[0]
    assert sha(empty_project_path) == before


def test_unreadable_records_import_only_with_consent(
    empty_project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "broken.ris", BROKEN.encode())
    p = str(empty_project_path)
    assert main(["import", p, str(path), "--database", "Embase", "--accept-skipped"]) == 0
    assert "1 unreadable left out" in capsys.readouterr().out
    assert main(["records", p, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_csv_with_a_column_mapping(
    empty_project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "liste.csv"
    table.write_text(
        "Titre;Auteurs;Année\nVis canulées;Dupont, A;2020\nOstéosynthèse;Martin, B;2019\n",
        encoding="cp1252",
    )
    p = str(empty_project_path)
    assert main(["import", p, str(table), "--database", "Other"]) == 2
    assert "--column" in capsys.readouterr().err
    assert (
        main(
            [
                "import",
                p,
                str(table),
                "--database",
                "Other",
                "--column",
                "Titre=title",
                "--column",
                "Auteurs=authors",
                "--column",
                "Année=year",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["records", p, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["title"], r["authors"], r["year"]) for r in records] == [
        ("Vis canulées", ["Dupont, A"], 2020),
        ("Ostéosynthèse", ["Martin, B"], 2019),
    ]
    assert main(["import", p, str(table), "--database", "X", "--column", "Titre=titel"]) == 2
