"""A question with named answers and Cancel, as one call."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Role = QMessageBox.ButtonRole


def ask_choice(
    parent: QWidget,
    title: str,
    text: str,
    answers: list[tuple[str, str, Role]],
    *,
    informative: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> str:
    """Show ``text`` with one button per answer (the first is the default) and Cancel.

    Args:
        answers: ``(key, button label, role)``; the role tells the platform's button order
            (``DestructiveRole`` for the answer that can lose work).

    Returns:
        The key of the answer clicked, or ``"cancel"``.
    """
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    buttons = {box.addButton(label, role): key for key, label, role in answers}
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton(), "cancel")
