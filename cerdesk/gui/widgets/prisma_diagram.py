"""The PRISMA 2020 flow diagram, drawn from a computed :class:`~cerdesk.core.prisma.Flow`.

The same drawing code paints the widget and the PNG and SVG exports, so what is exported
is what the user saw.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QWidget

from cerdesk.core.prisma import Flow

_BOX_W = 330.0
_GAP = 60.0
_BAND = 34.0
_MARGIN = 16.0
_V_GAP = 34.0
_OTHER_GAP = 40.0
_PAD = 8.0
_PHASE_COLOUR = QColor(166, 199, 227)
_HEAD_COLOUR = QColor(255, 214, 102)
_OTHER_HEAD_COLOUR = QColor(214, 214, 214)


def _n(value: int) -> str:
    return f"(n = {value:,})"


def _lines(flow: Flow) -> dict[str, list[str]]:
    """Return the text of every box."""
    identified = ["Records identified from*:", f"Databases {_n(flow.databases[0])}"]
    identified += [f"    {name} {_n(n)}" for name, n in flow.databases[1]]
    identified.append(f"Registers {_n(flow.registers[0])}")
    identified += [f"    {name} {_n(n)}" for name, n in flow.registers[1]]
    excluded = ["Reports excluded:"] + [
        f"    {reason} {_n(n)}" for reason, n in flow.excluded_reasons
    ]
    if not flow.excluded_reasons:
        excluded.append("    (none)")
    return {
        "identified": identified,
        "removed": [
            "Records removed before screening:",
            f"    Duplicate records removed {_n(flow.removed_duplicates)}",
            f"    Records marked as ineligible by automation tools {_n(flow.removed_automation)}",
            f"    Records removed for other reasons {_n(flow.removed_other)}",
        ],
        "screened": [f"Records screened {_n(flow.screened)}"],
        "excluded": [f"Records excluded** {_n(flow.excluded)}"],
        "sought": [f"Reports sought for retrieval {_n(flow.sought)}"],
        "not_retrieved": [f"Reports not retrieved {_n(flow.not_retrieved)}"],
        "assessed": [f"Reports assessed for eligibility {_n(flow.assessed)}"],
        "reports_excluded": excluded,
        "included": [
            f"Studies included in review {_n(flow.studies_included)}",
            f"Reports of included studies {_n(flow.reports_included)}",
        ],
        **_other_lines(flow),
    }


def _other_lines(flow: Flow) -> dict[str, list[str]]:
    """Return the text of the "other methods" boxes (none without such searches)."""
    other = flow.other
    if other is None:
        return {}
    identified = ["Records identified from:"]
    identified += [f"    {name} {_n(n)}" for name, n in other.identified[1]]
    excluded = ["Reports excluded:"] + [
        f"    {reason} {_n(n)}" for reason, n in other.excluded_reasons
    ]
    if not other.excluded_reasons:
        excluded.append("    (none)")
    return {
        "o_identified": identified,
        "o_sought": [f"Reports sought for retrieval {_n(other.sought)}"],
        "o_not_retrieved": [f"Reports not retrieved {_n(other.not_retrieved)}"],
        "o_assessed": [f"Reports assessed for eligibility {_n(other.assessed)}"],
        "o_excluded": excluded,
    }


class PrismaDiagram(QWidget):
    """Draws the PRISMA 2020 diagram; :meth:`save_png` and :meth:`save_svg` export it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prisma_diagram")
        self.flow: Flow | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._font = QFont(self.font())
        self._font.setPointSizeF(9.5)

    def set_flow(self, flow: Flow) -> None:
        """Show ``flow``."""
        self.flow = flow
        self.setFixedSize(self.sizeHint())
        self.update()

    def _layout(self) -> tuple[dict[str, QRectF], dict[str, list[str]], float]:
        assert self.flow is not None
        text = _lines(self.flow)
        metrics = QFontMetricsF(self._font)

        def height(key: str) -> float:
            box = metrics.boundingRect(
                QRectF(0, 0, _BOX_W - 2 * _PAD, 1e6),
                int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                "\n".join(text[key]),
            )
            # Room for the rotated phase label beside the last box.
            least = 96.0 if key == "included" else 0.0
            return max(box.height() + 2 * _PAD + 2, least)

        left = _MARGIN + _BAND + 12
        right = left + _BOX_W + _GAP
        o_left = right + _BOX_W + _OTHER_GAP
        o_right = o_left + _BOX_W + _GAP
        has_other = "o_identified" in text
        y = _MARGIN + 30
        boxes: dict[str, QRectF] = {}
        rows = (
            ("identified", "removed", "o_identified", None),
            ("screened", "excluded", None, None),
            ("sought", "not_retrieved", "o_sought", "o_not_retrieved"),
            ("assessed", "reports_excluded", "o_assessed", "o_excluded"),
            ("included", None, None, None),
        )
        for main, side, o_main, o_side in rows:
            present = [
                k for k in (main, side, o_main, o_side) if k and (has_other or k[:2] != "o_")
            ]
            h = max(height(k) for k in present)
            y_row = y if main == "identified" else y + _V_GAP
            boxes[main] = QRectF(left, y_row, _BOX_W, height(main) if side else h)
            if side:
                boxes[side] = QRectF(right, y_row, _BOX_W, height(side))
            if has_other and o_main:
                boxes[o_main] = QRectF(o_left, y_row, _BOX_W, height(o_main))
            if has_other and o_side:
                boxes[o_side] = QRectF(o_right, y_row, _BOX_W, height(o_side))
            y = y_row + h
        return boxes, text, y + _MARGIN + 2 * QFontMetricsF(self._font).lineSpacing() + 6

    def sizeHint(self) -> QSize:
        if self.flow is None:
            return QSize(400, 200)
        _boxes, _text, bottom = self._layout()
        width = _MARGIN * 2 + _BAND + 12 + 2 * _BOX_W + _GAP
        if self.flow.other is not None:
            width += _OTHER_GAP + 2 * _BOX_W + _GAP
        return QSize(int(width), int(bottom))

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        self.draw(painter)
        painter.end()

    def draw(self, painter: QPainter) -> None:
        """Paint the diagram with ``painter`` (widget, image or SVG)."""
        if self.flow is None:
            return
        boxes, text, _bottom = self._layout()
        painter.setFont(self._font)
        black = QPen(QColor(30, 30, 30), 1.2)
        # Header and phases.
        head = QRectF(boxes["identified"].left(), _MARGIN, 2 * _BOX_W + _GAP, 24)
        painter.setPen(black)
        painter.setBrush(_HEAD_COLOUR)
        painter.drawRoundedRect(head, 6, 6)
        painter.drawText(
            head,
            Qt.AlignmentFlag.AlignCenter,
            "Identification of studies via databases and registers",
        )
        if "o_identified" in boxes:
            other_head = QRectF(boxes["o_identified"].left(), _MARGIN, 2 * _BOX_W + _GAP, 24)
            painter.setBrush(_OTHER_HEAD_COLOUR)
            painter.drawRoundedRect(other_head, 6, 6)
            painter.drawText(
                other_head,
                Qt.AlignmentFlag.AlignCenter,
                "Identification of studies via other methods",
            )
        phases = (
            ("Identification", "identified", "identified"),
            ("Screening", "screened", "assessed"),
            ("Included", "included", "included"),
        )
        for label, first, last in phases:
            band = QRectF(
                _MARGIN, boxes[first].top(), _BAND, boxes[last].bottom() - boxes[first].top()
            )
            painter.setBrush(_PHASE_COLOUR)
            painter.drawRoundedRect(band, 6, 6)
            painter.save()
            painter.translate(band.center())
            painter.rotate(-90)
            painter.drawText(
                QRectF(-band.height() / 2, -band.width() / 2, band.height(), band.width()),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            painter.restore()
        # Boxes.
        painter.setBrush(Qt.GlobalColor.white)
        for key, rect in boxes.items():
            painter.setPen(black)
            painter.drawRect(rect)
            inner = rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
            painter.drawText(
                inner,
                int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                "\n".join(text[key]),
            )
        # Footnotes of the template.
        painter.setPen(QColor(60, 60, 60))
        notes = QRectF(
            boxes["included"].left(),
            boxes["included"].bottom() + 8,
            2 * _BOX_W + _GAP,
            2 * QFontMetricsF(self._font).lineSpacing() + 4,
        )
        painter.drawText(
            notes,
            int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
            "*Records per database and register searched. **All records were excluded by "
            "people; no automation tools were used. After Page MJ et al., BMJ 2021;372:n71.",
        )
        # Arrows.
        down = (
            ("identified", "screened"),
            ("screened", "sought"),
            ("sought", "assessed"),
            ("assessed", "included"),
        )
        for a, b in down:
            self._arrow(
                painter,
                QPointF(boxes[a].center().x(), boxes[a].bottom()),
                QPointF(boxes[b].center().x(), boxes[b].top()),
            )
        if "o_identified" in boxes:
            for a, b in (("o_identified", "o_sought"), ("o_sought", "o_assessed")):
                self._arrow(
                    painter,
                    QPointF(boxes[a].center().x(), boxes[a].bottom()),
                    QPointF(boxes[b].center().x(), boxes[b].top()),
                )
            for a, b in (("o_sought", "o_not_retrieved"), ("o_assessed", "o_excluded")):
                y = boxes[a].top() + min(boxes[a].height(), boxes[b].height()) / 2
                self._arrow(painter, QPointF(boxes[a].right(), y), QPointF(boxes[b].left(), y))
            # From the other methods' assessed reports down into "Studies included".
            start = QPointF(boxes["o_assessed"].center().x(), boxes["o_assessed"].bottom())
            corner = QPointF(start.x(), boxes["included"].center().y())
            painter.setPen(QPen(QColor(30, 30, 30), 1.2))
            painter.drawLine(start, corner)
            self._arrow(
                painter, corner, QPointF(boxes["included"].right(), boxes["included"].center().y())
            )
        for a, b in (
            ("identified", "removed"),
            ("screened", "excluded"),
            ("sought", "not_retrieved"),
            ("assessed", "reports_excluded"),
        ):
            y = boxes[a].top() + min(boxes[a].height(), boxes[b].height()) / 2
            self._arrow(painter, QPointF(boxes[a].right(), y), QPointF(boxes[b].left(), y))

    @staticmethod
    def _arrow(painter: QPainter, start: QPointF, end: QPointF) -> None:
        painter.setPen(QPen(QColor(30, 30, 30), 1.2))
        painter.drawLine(start, end)
        direction = end - start
        length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1.0)
        ux, uy = direction.x() / length, direction.y() / length
        size = 7.0
        left = QPointF(end.x() - ux * size - uy * size / 2, end.y() - uy * size + ux * size / 2)
        right = QPointF(end.x() - ux * size + uy * size / 2, end.y() - uy * size - ux * size / 2)
        painter.setBrush(QColor(30, 30, 30))
        painter.drawPolygon(QPolygonF([end, left, right]))
        painter.setBrush(Qt.GlobalColor.white)

    def save_png(self, path: str | Path, scale: float = 2.0) -> None:
        """Write the diagram as a PNG at ``scale`` times the screen size."""
        size = self.sizeHint()
        image = QImage(
            int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32
        )
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        self.draw(painter)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")

    def save_svg(self, path: str | Path) -> None:
        """Write the diagram as SVG."""
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        size = self.sizeHint()
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle("PRISMA 2020 flow diagram")
        generator.setDescription("Generated by cerdesk from the evidence register")
        painter = QPainter(generator)
        self.draw(painter)
        painter.end()
