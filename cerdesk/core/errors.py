"""The root of cerdesk's errors and its two kinds.

:class:`UserError` is the environment's fault (a locked file, a project too new, a bad
value): its message is one plain sentence meant for the user and no traceback is shown.
Anything else that escapes is our bug and is logged with its traceback.
"""

from __future__ import annotations


class CerdeskError(Exception):
    """Root of every error cerdesk raises on purpose."""


class UserError(CerdeskError):
    """An error caused by input or environment; ``str(err)`` is shown to the user as is."""


class InvalidValueError(UserError):
    """A value does not satisfy its field's rules."""


class NotFoundError(UserError):
    """An entity or row the caller named does not exist."""


class ReadOnlyError(UserError):
    """An edit was attempted on a project opened read-only."""
