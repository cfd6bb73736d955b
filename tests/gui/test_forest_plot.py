"""The forest plot widget paints the shared layout and follows its width."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from cerdesk.core.forest import ForestInput, ForestRow, ForestSummary
from cerdesk.gui.widgets.forest_plot import ForestPlotWidget, QtFonts, render_png
from tests.core.test_forest import assert_no_overlap

DATA = ForestInput(
    "Objective 1: complications",
    tuple(
        ForestRow(f"Study {i}", 0.05 + 0.03 * i, 0.02 + 0.02 * i, 0.12 + 0.04 * i, 0.1 + 0.1 * i)
        for i in range(6)
    ),
    ForestSummary("Pooled", 0.12, 0.08, 0.17, 0.04, 0.30),
    threshold=0.25,
    threshold_label="Acceptance criterion: < 25 %",
    favourable_side="below",
)


def colours(image: QImage) -> set[int]:
    """Return the distinct colours of a sample of the image's pixels."""
    return {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }


def test_widget_paints_the_plot(qtbot) -> None:
    widget = ForestPlotWidget()
    qtbot.addWidget(widget)
    widget.set_data(DATA)
    widget.resize(600, widget.heightForWidth(600))
    widget.show()
    qtbot.waitExposed(widget)
    drawing = widget.drawing()
    assert drawing is not None and drawing.width == 600
    assert widget.minimumHeight() >= drawing.height
    image = widget.grab().toImage()
    assert not image.isNull()
    seen = colours(image)
    assert QColor("#FFFFFF").rgb() in seen  # the background
    assert QColor("#1F3A5F").rgb() in seen  # the navy squares
    assert len(seen) > 10  # text, shading, lines


def test_resize_lays_out_again(qtbot) -> None:
    widget = ForestPlotWidget()
    qtbot.addWidget(widget)
    widget.set_data(DATA)
    widget.show()
    widget.resize(900, 400)
    qtbot.waitUntil(lambda: widget.drawing() is not None and widget.drawing().width == 900)
    assert widget.sizeHint().height() > 100


def test_set_data_none_clears(qtbot) -> None:
    widget = ForestPlotWidget()
    qtbot.addWidget(widget)
    widget.set_data(DATA)
    widget.resize(500, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_data(None)
    assert widget.drawing() is None
    assert not widget.hasHeightForWidth()
    assert len(colours(widget.grab().toImage())) == 1


def test_render_png(qtbot, tmp_path: Path) -> None:
    path = render_png(DATA, tmp_path / "forest.png", 500, scale=1.0)
    image = QImage(str(path))
    assert image.width() == 500
    assert image.height() > 150
    assert len(colours(image)) > 10


def test_no_overlap_with_the_widget_font(qtbot) -> None:
    widget = ForestPlotWidget()
    qtbot.addWidget(widget)
    widget.set_data(DATA)
    widget.resize(420, 300)
    drawing = widget.drawing()
    assert drawing is not None
    assert_no_overlap(drawing, QtFonts(widget.font()).measure)
