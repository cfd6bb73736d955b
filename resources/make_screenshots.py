"""Take screenshots of the main window with the sample project, for review and the README.

Usage: QT_QPA_PLATFORM=offscreen python resources/make_screenshots.py [OUT_DIR]

Writes one PNG per plan section, per stage tab and of the welcome page into OUT_DIR
(default: a temporary folder, printed), and refreshes resources/screenshots/plan.png,
the README's picture. Runs with a throw-away CERDESK_HOME, never the user's settings.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

README_SECTION = "objectives"
HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Write the screenshots; return 0."""
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="cerdesk-shots-"))
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="cerdesk-home-"))
    os.environ["CERDESK_HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from cerdesk.core.entities import SECTIONS
    from cerdesk.gui.icons import app_icon
    from cerdesk.gui.main_window import MainWindow
    from cerdesk.ops.sample import write_sample
    from cerdesk.storage.settings import Settings

    app = QApplication.instance() or QApplication([])
    app.setWindowIcon(app_icon())
    window = MainWindow(Settings(user_name="Dr Lena Hoffmann"))
    window.resize(1280, 820)
    window.show()

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    window.grab().save(str(out / "welcome.png"))
    sample = write_sample(home / "OsteoLink CER.cerdesk")
    window.open_project(sample)
    settle()
    for section in SECTIONS:
        window.plan_tab.show_section(section.key)
        settle()
        image = window.grab()
        image.save(str(out / f"plan-{section.key}.png"))
        if section.key == README_SECTION:
            image.save(str(HERE / "screenshots" / "plan.png"))
    evidence = window.evidence_tab
    window.tabs.setCurrentWidget(evidence)
    evidence.find_duplicates()
    evidence.view.selectRow(1)
    settle()
    window.grab().save(str(out / "evidence-register.png"))
    from cerdesk.gui.dialogs.duplicate_review import DuplicateReviewDialog

    review = DuplicateReviewDialog(window.project, window)
    review.show()
    settle()
    review.grab().save(str(out / "evidence-review.png"))
    review.close()
    evidence.pages.setCurrentIndex(1)
    settle()
    window.grab().save(str(out / "evidence-prisma.png"))
    evidence.prisma.save_png(out / "prisma.png")
    evidence.prisma.save_svg(out / "prisma.svg")
    evidence.pages.setCurrentIndex(2)
    settle()
    window.grab().save(str(out / "evidence-other-data.png"))
    evidence.pages.setCurrentIndex(0)
    from cerdesk.gui.dialogs.screening import ScreeningDialog

    screen = ScreeningDialog(window.project, window)
    screen.show()
    settle()
    screen.grab().save(str(out / "evidence-screening.png"))
    screen.close()
    for index in range(1, window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle()
        name = window.tabs.tabText(index).lower().replace("–", "-").replace(" ", "-")
        window.grab().save(str(out / f"tab-{name}.png"))
    window.close_project()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
