"""What every reader shares: the error record, decoding, dates and language tags."""

from __future__ import annotations

import codecs
import email.utils
from dataclasses import dataclass, replace
from datetime import date, datetime

import regex

from industrywatch.records import Document


@dataclass(frozen=True, slots=True)
class SourceError:
    """A source, or a record within it, that could not be read, and why in words a user understands."""

    source: str
    record: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source} ({self.record})" if self.record else self.source
        return f"{where}: {self.reason}"


class UnreadableText(ValueError):
    """Bytes that are not text in an encoding we accept; the message is the reason shown to the user."""


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_LANG = regex.compile(r"[A-Za-z]{2,3}(?=$|[-_])")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def decode(data: bytes, fallback: str | None = None) -> str:
    """UTF-8 text (UTF-16 with a byte-order mark or without one too), else `fallback` when a source
    declares a charset. A NUL anywhere means binary data, not text."""
    text = _decoded(data, fallback)
    if "\x00" in text:
        raise UnreadableText(f"binary data, not text (a NUL character at offset {text.index(chr(0))})")
    return text


def _decoded(data: bytes, fallback: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    if order := utf16_order(data):
        return _strict(data, order)
    if looks_binary(data[:4096]):
        raise UnreadableText("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if fallback:
            try:
                return data.decode(fallback)
            except (LookupError, UnicodeDecodeError):
                pass
        raise UnreadableText(
            f"not UTF-8 text (byte 0x{data[e.start]:02X} at offset {e.start}); save it as UTF-8"
        ) from e


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        name = encoding.upper().removesuffix("-SIG")
        raise UnreadableText(f"not valid {name} text ({e.reason} at byte {e.start})") from e


def utf16_order(data: bytes) -> str | None:
    """The byte order of UTF-16 written without a byte-order mark, told by its zero bytes: a character of
    an alphabetic script below U+0100 (Latin letters, digits, spaces, line ends) has a zero high byte, so
    zeros stand at odd offsets only (little-endian) or even ones only (big-endian). None for other data."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(2, len(sample) // 8)  # a zero in at least a quarter of the characters
    if odd >= enough and not even:
        return "utf-16-le"
    if even >= enough and not odd:
        return "utf-16-be"
    return None


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate (a JSON escape such as \\ud800 that pairs with nothing, and is no
    character) replaced by U+FFFD, one for one, so offsets hold and every store can encode it."""
    return _SURROGATE.sub("\ufffd", text)


# Control characters that text never has: all below the space but tab, line feed, vertical tab, form feed and
# carriage return.
_CONTROLS = bytes([*range(9), *range(14, 32)])


def looks_binary(head: bytes) -> bool:
    """Whether the start of a file is not text: NUL bytes, or control characters that text never has."""
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return b"\x00" in head or controls > len(head) // 50


def newlines(text: str) -> str:
    """Line ends as Python's text mode reads them, so offsets agree with `Path.read_text`."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: object) -> date | None:
    """A date from ISO 8601 (date or date-time) or RFC 2822 text; ValueError when it is neither."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def with_language(document: Document) -> Document:
    """The document with its language: its source's, else the one its text is detected to be in, so that
    what is stored says the language its claims were read in. Raises IndustrywatchError when no installed
    pack reads the text."""
    from industrywatch.langid import detect  # the packs load only when a text is read

    return document if document.lang else replace(document, lang=detect(document.text))


def lang_code(tag: object) -> str | None:
    """The primary language subtag of a tag such as 'zh-CN' or 'en_US', lower-cased."""
    if not isinstance(tag, str):
        return None
    match = _LANG.match(tag.strip())
    return match.group().lower() if match else None
