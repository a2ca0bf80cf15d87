"""Files, directories and standard input to documents: dispatch by extension, else by content."""

from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from industrywatch.ingest.common import SourceError, looks_binary, utf16_order
from industrywatch.ingest.feed import read_feed
from industrywatch.ingest.html import read_html
from industrywatch.ingest.jsonl import MAX_LINE, read_jsonl
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
_STDIN = "<stdin>"  # the name standard input is read under: ids made from it are replaced


def read_sources(
    sources: list[str], max_line: int = MAX_LINE, stdin_id: str | None = None
) -> Iterator[Document | SourceError]:
    """Every document in the sources (files, directories read recursively, '-' for standard input),
    and a SourceError for each file or record that could not be read; bad input never raises.
    `max_line` is the longest JSON line read, in bytes; `stdin_id` the id of a text read from standard
    input (else its content names it, see `_read_stdin`).

    Nothing is remembered from one document to the next, so memory stays flat however many there are: a
    document id that comes twice is the store's to notice (`Store.add`)."""
    for source in sources:
        try:
            if source == "-":
                yield from _read_stdin(max_line, stdin_id)
            elif os.path.isdir(source):
                yield from _walk(source, set(), max_line)
            elif os.path.lexists(source):
                yield from _read_file(source, max_line)
            else:
                yield SourceError(shown(source), None, "no such file or directory")
        except Exception as e:  # nothing from one source stops the others
            yield SourceError(shown(source), None, f"could not read it ({type(e).__name__}: {e})")


def _read_stdin(max_line: int, doc_id: str | None) -> Iterator[Document | SourceError]:
    """Standard input. What it does not name (a text, or a record without an id or URL) is named by its
    content, `stdin-` and the start of its content hash, so that two texts piped in never share an id; a
    text is named `doc_id` when it is given."""
    for item in read_stream(BytesIO(sys.stdin.buffer.read()), "<stdin>", _STDIN, max_line):
        if isinstance(item, Document) and (item.id == _STDIN or item.id.startswith(f"{_STDIN}:")):
            named = doc_id if doc_id and item.id == _STDIN else f"stdin-{item.content_hash[:12]}"
            item = replace(item, id=named)
        yield item


def shown(path: str) -> str:
    """A path as text that any store can hold: bytes of a file name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def _walk(directory: str, seen: set[tuple[int, int]], max_line: int) -> Iterator[Document | SourceError]:
    """The files under a directory, in name order; hidden files and directories are left out. A directory
    already read (`seen`, by device and inode) is not read again, so symbolic links that loop (ln -s ..
    up) end."""
    try:
        status = os.stat(directory)
        if (status.st_dev, status.st_ino) in seen:
            yield SourceError(shown(directory), None, "a symbolic link to a directory already read: skipped")
            return
        seen.add((status.st_dev, status.st_ino))
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as e:
        yield SourceError(shown(directory), None, f"cannot list the directory ({e.strerror})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            yield from _walk(entry.path, seen, max_line)
        else:
            yield from _read_file(entry.path, max_line)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link that loops on itself (ln -s self self): read as a file, and reported
        return False


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _read_file(path: str, max_line: int) -> Iterator[Document | SourceError]:
    """One file; a named pipe, a socket or a device is skipped unopened (opening a pipe would wait for a
    writer forever)."""
    name = Path(shown(path)).name
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            yield SourceError(shown(path), None, f"{kind}, not a file: skipped")
            return
        with open(path, "rb") as raw:
            yield from read_stream(raw, shown(path), name, max_line)
    except OSError as e:
        yield SourceError(shown(path), None, f"cannot read it ({e.strerror or e})")


def read_stream(
    raw: BinaryIO, source: str, name: str, max_line: int = MAX_LINE
) -> Iterator[Document | SourceError]:
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
        elif looks_binary(head) and not head.startswith(_BOMS) and not utf16_order(head):
            yield SourceError(source, None, "binary data, not text")
            return
        if fmt == "jsonl":
            yield from read_jsonl(stream, source, stem, max_line)
        else:
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
