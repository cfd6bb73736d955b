"""The application icon, loaded from the package's assets."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

_SIZES = (16, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Return cerdesk's icon with every size that ships (an empty icon if none does)."""
    icon = QIcon()
    folder = resources.files("cerdesk.assets").joinpath("icons")
    for size in _SIZES:
        resource = folder.joinpath(f"cerdesk-{size}.png")
        if resource.is_file():
            pixmap = QPixmap()
            pixmap.loadFromData(resource.read_bytes())
            icon.addPixmap(pixmap)
    return icon
