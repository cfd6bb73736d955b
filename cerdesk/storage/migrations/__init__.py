"""Numbered schema migrations, each written against SQL only.

A migration is a module ``mNNNN_<name>.py`` with ``VERSION``, ``NAME`` and either a
``SQL`` script or an ``upgrade(conn)`` function. :data:`MIGRATIONS` lists them in order;
the schema version of a project file is the ``VERSION`` of the last one applied.
"""

from __future__ import annotations

from types import ModuleType

from cerdesk.storage.migrations import m0001_initial, m0002_evidence, m0003_appraisal

MIGRATIONS: tuple[ModuleType, ...] = (m0001_initial, m0002_evidence, m0003_appraisal)

#: Schema version written by this release of cerdesk.
SCHEMA_VERSION: int = MIGRATIONS[-1].VERSION

assert [m.VERSION for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
