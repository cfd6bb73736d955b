"""Render the application icon's master SVG into the PNG sizes the package ships.

Run from the repository root after editing ``resources/icons/cerdesk.svg``::

    QT_QPA_PLATFORM=offscreen python resources/render_icons.py

It writes ``cerdesk/assets/icons/cerdesk-<size>.png`` for every size in ``SIZES`` (which
``cerdesk/gui/icons.py`` loads at run time) and copies the SVG next to them. A size with a
hand-tuned drawing of its own, ``resources/icons/cerdesk-<size>.svg`` (edges on whole pixels so it
stays sharp when small), is rendered from that file instead. The PNGs are committed so that neither
installing nor running cerdesk needs this script.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "cerdesk.svg"
TARGET = ROOT / "cerdesk" / "assets" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """Return the SVG drawn into a transparent ``size`` x ``size`` image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main() -> int:
    """Render every size, copy the SVG, and print what was written."""
    _app = QGuiApplication(sys.argv[:1])
    TARGET.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        tuned = SOURCE.with_name(f"cerdesk-{size}.svg")
        source = tuned if tuned.is_file() else SOURCE
        renderer = QSvgRenderer(str(source))
        if not renderer.isValid():
            print(f"cannot read {source}", file=sys.stderr)
            return 1
        path = TARGET / f"cerdesk-{size}.png"
        if not render(renderer, size).save(str(path), "PNG"):
            print(f"cannot write {path}", file=sys.stderr)
            return 1
        print(f"{path.relative_to(ROOT)}  <-  {source.relative_to(ROOT)}")
    shutil.copyfile(SOURCE, TARGET / "cerdesk.svg")
    print((TARGET / "cerdesk.svg").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
