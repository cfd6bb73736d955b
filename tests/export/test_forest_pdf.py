"""The forest plot in a PDF: the shared layout drawn on a ReportLab canvas."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate

from cerdesk.core.forest import ForestInput, ForestRow, ForestSummary
from cerdesk.export.forest_pdf import forest_flowable
from tests.core.test_forest import assert_no_overlap

DATA = ForestInput(
    "Objective 2: device-related complications",
    (
        ForestRow("Smith 2018", 0.08, 0.03, 0.19, 0.12, "4/50"),
        ForestRow("Jones 2019", 0.14, 0.09, 0.21, 0.30, "21/150"),
        ForestRow("Müller 2020", 0.10, 0.05, 0.18, 0.20, "9/90"),
    ),
    ForestSummary("Pooled estimate", 0.12, 0.08, 0.17, 0.04, 0.30),
    threshold=0.20,
    threshold_label="Acceptance criterion: < 20 %",
    favourable_side="below",
    axis_label="Complication rate",
)


def build(path: Path, data: ForestInput, **kw: object) -> SimpleDocTemplate:
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    style = getSampleStyleSheet()["Normal"]
    doc.build([Paragraph("Before", style), forest_flowable(data, doc.width - 12, **kw)])
    return doc


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_labels_and_estimates_are_in_the_pdf(tmp_path: Path) -> None:
    path = tmp_path / "forest.pdf"
    build(path, DATA)
    text = pdf_text(path)
    for expected in (
        "Objective 2: device-related complications",
        "Smith 2018",
        "Müller 2020",
        "8.0 % [3.0; 19.0]",
        "14.0 % [9.0; 21.0]",
        "21/150",
        "Pooled estimate",
        "12.0 % [8.0; 17.0]",
        "Prediction interval",
        "Acceptance criterion: < 20 %",
        "Complication rate",
        "meets the criterion",
    ):
        assert expected in text
    assert text.count("\f") == 1  # one page


def test_flowable_has_the_layout_size() -> None:
    flowable = forest_flowable(DATA, 400)
    width, height = flowable.wrap(400, 1000)
    assert width == 400
    assert 150 < height < 400


def test_sixty_rows_shrink_to_the_frame(tmp_path: Path) -> None:
    rows = tuple(ForestRow(f"Study {i:02d}", 0.1, 0.05, 0.2) for i in range(60))
    data = ForestInput("Many", rows)
    assert forest_flowable(data, 400).wrap(400, 0)[1] > 800
    path = tmp_path / "many.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    frame_height = doc.height - 12  # SimpleDocTemplate's frame pads 6 pt at top and bottom
    doc.build([forest_flowable(data, doc.width - 12, max_height=frame_height)])
    text = pdf_text(path)
    assert "Study 00" in text and "Study 59" in text
    assert text.count("\f") == 1


def test_font_names_are_used(tmp_path: Path) -> None:
    path = tmp_path / "times.pdf"
    build(path, DATA, font="Times-Roman", bold_font="Times-Bold")
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Times-Roman" in fonts and "Times-Bold" in fonts


def test_no_overlap_with_the_pdf_font_metrics() -> None:
    def measure(text: str, size: float, bold: bool) -> float:
        return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size)

    flowable = forest_flowable(DATA, 300)
    assert_no_overlap(flowable.drawing, measure)
