"""Conversion between typed field values and the values stored in SQLite columns."""

from __future__ import annotations

import base64
import json
from typing import Any

from cerdesk.core.fields import LIST_KINDS, Field, Kind


def to_column(f: Field, value: Any) -> Any:
    """Return the SQLite value storing the (already validated) typed ``value``."""
    if f.kind in LIST_KINDS:
        return json.dumps(list(value or ()), ensure_ascii=False)
    if f.kind is Kind.BOOL:
        return None if value is None else int(bool(value))
    return value


def from_column(f: Field, raw: Any) -> Any:
    """Return the typed value of a stored SQLite value."""
    if f.kind in LIST_KINDS:
        if not raw:
            return ()
        return tuple(json.loads(raw))
    if f.kind is Kind.BOOL:
        return None if raw is None else bool(raw)
    if f.kind is Kind.REAL and raw is not None:
        return float(raw)
    return raw


def json_ready(raw_row: dict[str, Any], fields: dict[str, Field]) -> dict[str, Any]:
    """Return a stored row with lists and booleans as JSON values (for dumps).

    Bytes (stored files) become ``{"base64": "…"}``.
    """
    out: dict[str, Any] = {}
    for key, raw in raw_row.items():
        f = fields.get(key)
        if isinstance(raw, bytes):
            out[key] = {"base64": base64.b64encode(raw).decode("ascii")}
        elif f is None:
            out[key] = raw
        else:
            value = from_column(f, raw)
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


def from_json(value: Any) -> Any:
    """Return the SQLite value for a value read from a JSON dump, without a spec.

    Raises:
        ValueError: an object other than ``{"base64": "…"}``, or invalid base64.
    """
    if isinstance(value, dict):
        if set(value) != {"base64"} or not isinstance(value["base64"], str):
            raise ValueError('objects in rows must be {"base64": "…"}')
        return base64.b64decode(value["base64"], validate=True)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value
