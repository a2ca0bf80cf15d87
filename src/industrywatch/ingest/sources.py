"""Files, directories and standard input to documents: dispatch by extension, else by content."""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from industrywatch.ingest.common import SourceError, looks_binary
from industrywatch.ingest.feed import read_feed
from industrywatch.ingest.html import read_html
from industrywatch.ingest.jsonl import read_jsonl
from industrywatch.ingest.text import read_markdown, read_text
from industrywatch.ingest.warc import read_warc
from industrywatch.records import Document

Reader = Callable[[BinaryIO, str, str], Iterator[Document | SourceError]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
}
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
_GZIP = b"\x1f\x8b"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def read_sources(sources: list[str]) -> Iterator[Document | SourceError]:
    """Every document in the sources (files, directories read recursively, '-' for standard input),
    and a SourceError for each file or record that could not be read; bad input never raises.

    Nothing is remembered from one document to the next, so memory stays flat however many there are: a
    document id that comes twice is the store's to notice (`Store.add`)."""
    for source in sources:
        if source == "-":
            yield from read_stream(BytesIO(sys.stdin.buffer.read()), "<stdin>", "stdin")
        elif os.path.isdir(source):
            yield from _walk(source)
        elif os.path.lexists(source):
            yield from _read_file(source)
        else:
            yield SourceError(source, None, "no such file or directory")


def _walk(directory: str) -> Iterator[Document | SourceError]:
    """The files under a directory, in name order; hidden files and directories are left out."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as e:
        yield SourceError(directory, None, f"cannot list the directory ({e.strerror})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry.path)
        else:
            yield from _read_file(entry.path)


def _read_file(path: str) -> Iterator[Document | SourceError]:
    name = Path(path).name
    try:
        with open(path, "rb") as raw:
            yield from read_stream(raw, path, name)
    except OSError as e:
        yield SourceError(path, None, f"cannot read it ({e.strerror or e})")


def read_stream(raw: BinaryIO, source: str, name: str) -> Iterator[Document | SourceError]:
    """Dispatch one file: the extension names the format (a `.gz` is looked into), else the content."""
    base = name[:-3] if name.lower().endswith(".gz") else name
    stem = Path(base).stem
    fmt = EXTENSIONS.get(Path(base).suffix.lower())
    try:
        stream: BinaryIO = raw
        if raw.read(2) == _GZIP and fmt != "warc":
            stream = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
        raw.seek(0)
        head = stream.read(4096)
        stream.seek(0)
        if not head:
            yield SourceError(source, None, "empty file")
            return
        fmt = fmt or _sniff(head)
        if fmt == "warc":
            stream = raw
        elif looks_binary(head) and not head.startswith(_BOMS):
            yield SourceError(source, None, "binary data, not text")
            return
        yield from READERS[fmt](stream, source, stem)
    except EOFError:
        yield SourceError(source, None, "the compressed file is cut short (truncated gzip)")
    except (gzip.BadGzipFile, zlib.error) as e:
        yield SourceError(source, None, f"corrupt gzip data ({e})")
    except OSError as e:
        yield SourceError(source, None, f"cannot read it ({e.strerror or e})")
    except Exception as e:  # a parser's failure on odd input must not stop the other sources
        yield SourceError(source, None, f"could not read it ({type(e).__name__}: {e})")


def _sniff(head: bytes) -> str:
    """The format of content whose file name does not say."""
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if not start.startswith(b"<"):
        return "text"
    if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith(b"<?xml") and not any(tag in start for tag in (b"<html", b"<!doctype html")):
        return "feed"
    return "html"
