"""The forest plot as a ReportLab flowable, painted from :func:`cerdesk.core.forest.layout`.

The same layout paints the plot in the window; here each primitive becomes a canvas call.
ReportLab's y axis points up, so every y of the drawing is flipped.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from cerdesk.core.forest import Drawing, ForestInput, Line, Polygon, Rect, Text, layout


class ForestFlowable(Flowable):
    """A laid-out forest plot, optionally scaled down to at most ``max_height`` points."""

    def __init__(
        self, drawing: Drawing, font: str, bold_font: str, max_height: float | None = None
    ) -> None:
        super().__init__()
        self.drawing = drawing
        self.font = font
        self.bold_font = bold_font
        self.scale = 1.0
        if max_height is not None and drawing.height > max_height:
            self.scale = max_height / drawing.height
        self.width = drawing.width * self.scale
        self.height = drawing.height * self.scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Return the plot's size (it does not reflow)."""
        return self.width, self.height

    def draw(self) -> None:
        """Paint the primitives on the canvas, the drawing's top-left at the top-left."""
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        height = self.drawing.height
        for item in self.drawing.items:
            if isinstance(item, Line):
                canvas.setStrokeColor(HexColor(item.colour))
                canvas.setLineWidth(item.width)
                canvas.setLineCap(0)
                canvas.setDash([4, 3] if item.dash else [])
                canvas.line(item.x1, height - item.y1, item.x2, height - item.y2)
            elif isinstance(item, Rect):
                self._colours(item.fill, item.stroke)
                y = height - item.y - item.h
                canvas.rect(item.x, y, item.w, item.h, stroke=item.stroke is not None, fill=1)
            elif isinstance(item, Polygon):
                self._colours(item.fill, item.stroke)
                path = canvas.beginPath()
                (x0, y0), *rest = item.points
                path.moveTo(x0, height - y0)
                for x, y in rest:
                    path.lineTo(x, height - y)
                path.close()
                canvas.drawPath(path, stroke=item.stroke is not None, fill=1)
            elif isinstance(item, Text):
                self._text(item, height)
        canvas.restoreState()

    def _colours(self, fill: str, stroke: str | None) -> None:
        self.canv.setFillColor(HexColor(fill))
        if stroke is not None:
            self.canv.setStrokeColor(HexColor(stroke))
            self.canv.setLineWidth(0.5)
            self.canv.setDash([])

    def _text(self, item: Text, height: float) -> None:
        canvas = self.canv
        canvas.setFont(self.bold_font if item.bold else self.font, item.size)
        canvas.setFillColor(HexColor(item.colour))
        draw = {
            "start": canvas.drawString,
            "middle": canvas.drawCentredString,
            "end": canvas.drawRightString,
        }[item.anchor]
        draw(item.x, height - item.y, item.text)


def forest_flowable(
    data: ForestInput,
    width: float,
    font: str = "Helvetica",
    bold_font: str = "Helvetica-Bold",
    *,
    font_size: float = 8.0,
    max_height: float | None = None,
) -> ForestFlowable:
    """Return the forest plot of ``data`` as a flowable ``width`` points wide.

    Text is measured and drawn with the registered fonts ``font`` and ``bold_font``. A plot
    taller than ``max_height`` is scaled down as a whole; pass the frame's inner height
    (``doc.height - 12`` in a SimpleDocTemplate, whose frame pads 6 pt) to keep a plot of
    many rows on one page instead of failing with a LayoutError.
    """

    def measure(text: str, size: float, bold: bool) -> float:
        return stringWidth(text, bold_font if bold else font, size)

    drawing = layout(data, width, font_size=font_size, measure=measure)
    return ForestFlowable(drawing, font, bold_font, max_height)
