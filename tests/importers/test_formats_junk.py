"""Whatever bytes arrive, reading an export ends in records or one clear error."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import parse_bytes


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_give_records_or_an_import_error(data: bytes) -> None:
    try:
        result = parse_bytes(data, "junk.bin")
    except ImportFileError as err:
        assert str(err).startswith("junk.bin: ")
    else:
        assert result.format


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
def test_any_text_in_any_encoding(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    # Anything but ImportFileError (a crash in a decoder or parser) fails the test.
    with contextlib.suppress(ImportFileError):
        parse_bytes(data, "text.txt")
