"""HTML pages: main text, title and date through trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import regex
import trafilatura

from industrywatch.ingest.common import SourceError, UnreadableText, decode, lang_code, newlines, parse_date
from industrywatch.records import Document

_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", regex.IGNORECASE)
# Dates from the page's markup only: a year in the text ("in 2023") is no publication date.
_DATES = {"extensive_search": False, "original_date": True}
_HTML_LANG = regex.compile(r"""<html[^>]*?\slang\s*=\s*["']?([\w-]+)""", regex.IGNORECASE)


def html_document(
    data: bytes,
    *,
    doc_id: str,
    source: str,
    record: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Document | SourceError:
    """The document in one HTML page; `charset` is what the transport declared (an HTTP header)."""
    declared = _META_CHARSET.search(data[:4096])
    try:
        html = decode(data, charset or (declared.group(1).decode("ascii") if declared else None))
    except UnreadableText as e:
        return SourceError(source, record, str(e))
    if not html.strip():
        return SourceError(source, record, "empty HTML")
    page = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATES
    )
    text = newlines(page.text).strip() if page and page.text else ""
    if not text:
        return SourceError(source, record, "no main text found in the HTML")
    try:
        published = parse_date(page.date)
    except ValueError:
        published = None
    lang = _HTML_LANG.search(html[:4096])
    return Document(
        id=doc_id,
        text=text,
        lang=lang_code(lang.group(1)) if lang else None,
        published=published,
        url=url or page.url,
        title=page.title,
        source=source if record is None else f"{source}:{record}",
    )


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs on their own lines."""
    page = trafilatura.bare_extraction(f"<html><body>{html}</body></html>", include_comments=False)
    return newlines(page.text).strip() if page and page.text else ""


def read_html(stream: BinaryIO, source: str, stem: str) -> Iterator[Document | SourceError]:
    """One HTML file, one document named after the file."""
    yield html_document(stream.read(), doc_id=stem, source=source)
