"""Plain text and Markdown files: the whole file is the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import regex

from industrywatch.ingest.common import SourceError, UnreadableText, decode, newlines
from industrywatch.records import Document

_HEADING = regex.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", regex.MULTILINE)


def read_text(stream: BinaryIO, source: str, stem: str) -> Iterator[Document | SourceError]:
    """A UTF-8 text file as one document named after the file."""
    yield _document(stream.read(), source, stem, title=False)


def read_markdown(stream: BinaryIO, source: str, stem: str) -> Iterator[Document | SourceError]:
    """A Markdown file as one document, stored as written; its first heading is the title."""
    yield _document(stream.read(), source, stem, title=True)


def _document(data: bytes, source: str, stem: str, title: bool) -> Document | SourceError:
    try:
        text = newlines(decode(data))
    except UnreadableText as e:
        return SourceError(source, None, str(e))
    if not text.strip():
        return SourceError(source, None, "empty: no text in the file")
    heading = _HEADING.search(text) if title else None
    return Document(id=stem, text=text, title=heading.group(1) if heading else None, source=source)
