"""The Preferences dialog: the name recorded in change logs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cerdesk.storage.settings import Settings, default_user


class PreferencesDialog(QDialog):
    """Edit the user's preferences; :meth:`apply_to` writes them into a :class:`Settings`.

    Attributes:
        name_edit: The name recorded in change logs and shown to others in locks.
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferences_dialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(settings.user_name)
        self.name_edit.setObjectName("preferences_user_name")
        self.name_edit.setPlaceholderText(default_user())
        self.name_edit.setMinimumWidth(320)
        form.addRow("Your &name:", self.name_edit)
        layout.addLayout(form)
        hint = QLabel(
            "Recorded with every change in the project's change log, and shown to anyone "
            "who tries to open a project you have open. Leave empty to use your computer "
            f"user name ({default_user()})."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def apply_to(self, settings: Settings) -> None:
        """Copy the dialog's values into ``settings``."""
        settings.user_name = " ".join(self.name_edit.text().split())
