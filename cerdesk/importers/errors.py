"""Why an export file cannot be imported."""

from __future__ import annotations

from cerdesk.core.errors import UserError


class ImportFileError(UserError):
    """A file cannot be imported at all; the message names the file, record or line and why."""
