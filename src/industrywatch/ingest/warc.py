"""WARC archives (plain or gzipped): every HTML response is a document identified by its URL."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from industrywatch.ingest.common import SourceError
from industrywatch.ingest.html import html_document
from industrywatch.records import Document

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TRUNCATED = "the archive ends in the middle of a record (truncated?)"


class _Truncated(Exception):
    """The input ended early; raised instead of EOFError, which warcio takes for a clean end."""


class _Gunzip:
    """A gzip stream (one member or many) that hands out what it could decompress, then reports a
    truncated member instead of ending quietly as warcio's own decompression does."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._member = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._out = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._out) < size:
            if self._member.eof:
                rest = self._member.unused_data or self._raw.read(1 << 16)
                if not rest:
                    break
                self._member = zlib.decompressobj(zlib.MAX_WBITS | 16)
            else:
                rest = self._raw.read(1 << 16)
                if not rest:
                    if self._out:
                        break
                    raise _Truncated(_TRUNCATED)
            self._out += self._member.decompress(rest)
        size = len(self._out) if size < 0 else size
        data, self._out = self._out[:size], self._out[size:]
        return data


def read_warc(stream: BinaryIO, source: str, stem: str) -> Iterator[Document | SourceError]:
    """HTML `response` and `resource` records with a 2xx status; other records are not documents."""
    gzipped = stream.read(2) == b"\x1f\x8b"
    stream.seek(0)
    number = 1  # the record being read, which is the one to blame when reading fails
    try:
        records = ArchiveIterator(_Gunzip(stream) if gzipped else stream)
        for record in records:
            if record.format != "warc":  # warcio would read anything with a header line as ARC
                yield SourceError(source, f"record {number}", "not a valid WARC record (no WARC/1.x line)")
                return
            document = _document(record, source, number)
            # Whatever the record holds, it must be all there: a short record means a truncated file.
            record.raw_stream.read()
            if not isinstance(record.raw_stream, LimitReader) or record.raw_stream.limit > 0:
                raise _Truncated(_TRUNCATED)
            if document:
                yield document
            number += 1
        if number == 1:
            yield SourceError(source, None, "not a WARC archive: it holds no WARC record")
        elif not gzipped and _rest(stream, records.offset).strip():
            # warcio stops quietly at a record whose headers are cut short.
            yield SourceError(source, f"record {number}", _TRUNCATED)
    except _Truncated as e:
        yield SourceError(source, f"record {number}", str(e))
    except zlib.error as e:
        yield SourceError(source, f"record {number}", f"corrupt gzip data ({e})")
    except ArchiveLoadFailed as e:
        yield SourceError(source, f"record {number}", f"not a valid WARC record ({e.msg})")
    except Exception as e:  # warcio fails in assorted ways on a record cut short or mangled
        reason = f"not a valid WARC record, or the archive is cut short here ({type(e).__name__}: {e})"
        yield SourceError(source, f"record {number}", reason)


def _rest(stream: BinaryIO, offset: int) -> bytes:
    """Some of what follows the last record warcio read."""
    stream.seek(offset)
    return stream.read(1 << 12)


def _document(record: ArcWarcRecord, source: str, number: int) -> Document | SourceError | None:
    """The document in an HTML record, or None for a record that holds none (requests, redirects...)."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return None
    if record.rec_type == "response" and not headers.get_statuscode().startswith("2"):
        return None
    content_type = (headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    charset = content_type.partition("charset=")[2].strip(" \"';") or None
    body = record.content_stream().read()
    label = f"record {number}" + (f" ({url})" if url else "")
    return html_document(body, doc_id=url or label, source=source, record=label, url=url, charset=charset)
