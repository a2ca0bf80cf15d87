"""JSON lines: one document per line, in a `text` field with optional id, url, title, published, lang."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from industrywatch.ingest.common import (
    SourceError,
    UnreadableText,
    decode,
    lang_code,
    parse_date,
    without_surrogates,
)
from industrywatch.records import Document

MAX_LINE = 64 * 2**20  # bytes: a record longer than this is reported, not read (--max-line-bytes)
_CHUNK = 2**20


def read_jsonl(
    stream: BinaryIO, source: str, stem: str, max_line: int = MAX_LINE
) -> Iterator[Document | SourceError]:
    """Every line holding a JSON object with a non-empty `text`; blank lines are skipped. Lines are read
    one at a time, none longer than `max_line` bytes: a longer one is reported and skipped unread."""
    number = 0
    while line := stream.readline(max_line + 1):
        number += 1
        if len(line) > max_line and not line.endswith(b"\n"):
            _skip_line(stream)
            yield SourceError(
                source, f"line {number}", f"longer than {max_line:,} bytes, the most a line may hold: "
                "split the record, or raise the limit with --max-line-bytes",
            )  # fmt: skip
        elif line.strip():
            yield _document(line, source, stem, number)


def _skip_line(stream: BinaryIO) -> None:
    """Read past the rest of the current line, a chunk at a time."""
    while (chunk := stream.readline(_CHUNK)) and not chunk.endswith(b"\n"):
        pass


def _document(line: bytes, source: str, stem: str, number: int) -> Document | SourceError:
    record = f"line {number}"
    try:
        obj = json.loads(decode(line))
    except UnreadableText as e:
        return SourceError(source, record, str(e))
    except json.JSONDecodeError as e:
        return SourceError(source, record, f"not valid JSON ({e.msg} at column {e.colno})")
    if not isinstance(obj, dict):
        return SourceError(source, record, f'a JSON {type(obj).__name__}, not an object with a "text" field')
    text = obj.get("text")
    if not isinstance(text, str):
        reason = 'no "text" field' if text is None else '"text" is not a string'
        return SourceError(source, record, reason)
    text = without_surrogates(text)
    if not text.strip():
        return SourceError(source, record, '"text" is empty')
    try:
        published = parse_date(obj.get("published"))
    except ValueError as e:
        return SourceError(source, record, f'"published": {e}')
    url, doc_id = _string(obj.get("url")), _string(obj.get("id"))
    return Document(
        id=doc_id or url or f"{stem}:{number}",
        text=text,
        lang=lang_code(obj.get("lang")),
        published=published,
        url=url,
        title=_string(obj.get("title")),
        source=f"{source}:{record}",
    )


def _string(value: object) -> str | None:
    """A field as text: strings stripped, numbers (ids) written out, anything else absent."""
    if isinstance(value, str):
        return without_surrogates(value).strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
