"""The forest plot of one objective, painted from :func:`cerdesk.core.forest.layout`.

The layout (shared with the PDF report) decides every position; this module only paints
its primitives with QPainter, measuring text with the widget's own font.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from cerdesk.core.forest import Drawing, ForestInput, Line, Polygon, Rect, Text, layout

_DEFAULT_WIDTH = 640
_BACKGROUND = QColor("#FFFFFF")


class QtFonts:
    """Fonts for the drawing's text sizes, derived from one base font, with their metrics.

    Sizes are in drawing units, which the widget paints one to one as pixels.
    """

    def __init__(self, base: QFont) -> None:
        self._base = QFont(base)
        self._cache: dict[tuple[float, bool], tuple[QFont, QFontMetricsF]] = {}

    def font(self, size: float, bold: bool) -> tuple[QFont, QFontMetricsF]:
        """Return the font for ``size`` and ``bold`` and its metrics."""
        key = (size, bold)
        if key not in self._cache:
            font = QFont(self._base)
            font.setPixelSize(max(1, round(size)))
            font.setBold(bold)
            self._cache[key] = (font, QFontMetricsF(font))
        return self._cache[key]

    def measure(self, text: str, size: float, bold: bool) -> float:
        """Return the width of ``text``: the ``measure`` that :func:`layout` takes."""
        return self.font(size, bold)[1].horizontalAdvance(text)


def font_size_of(font: QFont) -> float:
    """Return the pixel size of ``font``: the drawing's base text size."""
    return float(QFontInfo(font).pixelSize() or 12)


def paint_drawing(painter: QPainter, drawing: Drawing, fonts: QtFonts) -> None:
    """Paint every primitive of ``drawing`` in order, one drawing unit per painter unit."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    for item in drawing.items:
        if isinstance(item, Line):
            pen = QPen(QColor(item.colour), item.width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            if item.dash:
                pen.setDashPattern([4.0 / item.width, 3.0 / item.width])
            painter.setPen(pen)
            painter.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
        elif isinstance(item, Rect):
            _fill_and_stroke(painter, item.fill, item.stroke)
            painter.drawRect(QRectF(item.x, item.y, item.w, item.h))
        elif isinstance(item, Polygon):
            _fill_and_stroke(painter, item.fill, item.stroke)
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in item.points]))
        elif isinstance(item, Text):
            _text(painter, item, fonts)


def _fill_and_stroke(painter: QPainter, fill: str, stroke: str | None) -> None:
    painter.setBrush(QBrush(QColor(fill)))
    if stroke is None:
        painter.setPen(Qt.PenStyle.NoPen)
    else:
        painter.setPen(QPen(QColor(stroke), 0.5))


def _text(painter: QPainter, item: Text, fonts: QtFonts) -> None:
    font, metrics = fonts.font(item.size, item.bold)
    width = metrics.horizontalAdvance(item.text)
    x = {"start": item.x, "middle": item.x - width / 2, "end": item.x - width}[item.anchor]
    painter.setFont(font)
    painter.setPen(QColor(item.colour))
    painter.drawText(QPointF(x, item.y), item.text)


def render_png(
    data: ForestInput | None, path: str | Path, width: float, *, scale: float = 2.0
) -> Path:
    """Write the plot of ``data`` laid out ``width`` units wide to a PNG, ``scale`` times.

    Needs a QApplication (fonts); the PNG has a white background.
    """
    fonts = QtFonts(QApplication.font())
    size = font_size_of(QApplication.font())
    if data is None:
        data = ForestInput("", ())
    drawing = layout(data, width, font_size=size, measure=fonts.measure)
    image = QImage(
        math.ceil(drawing.width * scale),
        math.ceil(drawing.height * scale),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(_BACKGROUND)
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_drawing(painter, drawing, fonts)
    painter.end()
    out = Path(path)
    if not image.save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")
    return out


class ForestPlotWidget(QWidget):
    """Shows the forest plot of one objective; its height follows the number of rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: ForestInput | None = None
        self._drawing: Drawing | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_data(self, data: ForestInput | None) -> None:
        """Show ``data`` (None: show nothing). Raise ValueError on invalid values."""
        drawing = self._layout(data, self.width() or _DEFAULT_WIDTH) if data is not None else None
        self._data, self._drawing = data, drawing
        self._fit_height()
        self.updateGeometry()
        self.update()

    def drawing(self) -> Drawing | None:
        """Return the layout currently painted (None when there is no data)."""
        return self._drawing

    def _layout(self, data: ForestInput, width: float) -> Drawing:
        fonts = QtFonts(self.font())
        return layout(data, width, font_size=font_size_of(self.font()), measure=fonts.measure)

    def _fit_height(self) -> None:
        height = math.ceil(self._drawing.height) if self._drawing else 0
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def sizeHint(self) -> QSize:
        if self._data is None:
            return QSize(_DEFAULT_WIDTH, 0)
        drawing = self._layout(self._data, _DEFAULT_WIDTH)
        return QSize(math.ceil(drawing.width), math.ceil(drawing.height))

    def hasHeightForWidth(self) -> bool:
        return self._data is not None

    def heightForWidth(self, width: int) -> int:
        if self._data is None:
            return 0
        return math.ceil(self._layout(self._data, width).height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._data is not None and event.size().width() != event.oldSize().width():
            self._drawing = self._layout(self._data, event.size().width())
            self._fit_height()

    def paintEvent(self, _event: object) -> None:
        if self._drawing is None:
            return
        painter = QPainter(self)
        painter.fillRect(self.rect(), _BACKGROUND)
        paint_drawing(painter, self._drawing, QtFonts(self.font()))
        painter.end()
