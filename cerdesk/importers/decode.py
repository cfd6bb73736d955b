"""Turn the bytes of an export file into text: encoding and line endings.

Databases export UTF-8 with or without a byte-order mark, UTF-16 (EndNote, some Ovid and
Web of Science downloads) or Windows-1252 (older reference managers); lines end in LF,
CRLF or a lone CR. Importers receive clean text with ``\\n`` line ends.
"""

from __future__ import annotations

import codecs

#: Files larger than this are refused before reading (a 100,000-record RIS is ~200 MB;
#: reading, decoding and parsing take several times the file's size in memory).
MAX_FILE_BYTES = 512 * 1024 * 1024


def format_size(size: int) -> str:
    """Return a byte count for messages: "512 MB", "1.0 GB", "12.3 MB"."""
    if size >= 1 << 30:
        return f"{size / (1 << 30):.1f} GB"
    if size % (1 << 20) == 0:
        return f"{size >> 20} MB"
    return f"{size / (1 << 20):.1f} MB"


class DecodeError(ValueError):
    """The file's bytes are not text in any encoding cerdesk reads."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of an export file.

    Raises:
        DecodeError: binary data (NUL bytes outside UTF-16) or undecodable bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _decode(data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _decode(data, "utf-16"), "utf-16"
    elif _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        text = _decode(data, encoding)
    else:
        if b"\x00" in data[:65536]:
            raise DecodeError("this is a binary file, not a text export")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # Windows-1252 decodes nearly any byte; its five undefined bytes mean "not text".
            text, encoding = _decode(data, "cp1252"), "cp1252"
    if "\x00" in text:
        raise DecodeError("this is a binary file, not a text export")
    return normalize_newlines(text), encoding


def _looks_utf16(data: bytes) -> bool:
    """Tell whether BOM-less data is UTF-16 (every other byte NUL in ASCII text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DecodeError(f"the file is not valid {encoding} text (byte {err.start + 1})") from err


def normalize_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR line ends turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
