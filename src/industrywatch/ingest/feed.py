"""RSS and Atom feeds: every entry with text is a document identified by its link."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

import defusedxml
import defusedxml.ElementTree as defused
import feedparser

from industrywatch.ingest.common import SourceError, lang_code, newlines
from industrywatch.ingest.html import fragment_text
from industrywatch.records import Document


def read_feed(stream: BinaryIO, source: str, stem: str) -> Iterator[Document | SourceError]:
    """Each entry's full content, or its summary when the feed carries no content. A feed that declares
    XML entities is refused whole: an entity may expand a few bytes to gigabytes (an XML bomb) or stand for
    a local file or a URL (XXE)."""
    data = stream.read()
    if reason := _declared_entities(data):
        yield SourceError(source, None, reason)
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            yield SourceError(source, None, f"not a valid RSS or Atom feed ({feed.bozo_exception})")
        else:
            yield SourceError(source, None, "the feed has no entries")
        return
    feed_lang = lang_code(feed.feed.get("language"))
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link") or None
        record = f"entry {number}" + (f" ({link})" if link else "")
        body = (entry.get("content") or [None])[0] or entry.get("summary_detail")
        text = _text(body) if body else ""
        if not text:
            yield SourceError(source, record, "the entry has no text (no content and no summary)")
            continue
        yield Document(
            id=link or entry.get("id") or f"{stem}:{number}",
            text=text,
            lang=lang_code(body.get("language")) or feed_lang,
            published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=link,
            title=entry.get("title") or None,
            source=f"{source}:{record}",
        )


def _text(body: dict) -> str:
    """The text of an entry's content, from HTML when it is marked up."""
    value = body.get("value") or ""
    if "html" in (body.get("type") or ""):
        return fragment_text(value)
    return newlines(value).strip()


def _date(parsed: time.struct_time | None) -> date | None:
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _declared_entities(data: bytes) -> str | None:
    """Why the feed is refused, if it declares entities or refers to external ones; None otherwise (a
    document type alone, as RSS 0.91 has, is fine, and so is XML that does not parse: feedparser reads
    broken feeds as best it can)."""
    try:
        defused.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as e:
        return f"the feed declares the XML entity {e.name!r}, refused (an XML bomb or XXE); remove it"
    except defusedxml.ExternalReferenceForbidden as e:
        return f"the feed refers to an external resource ({e.sysid}), which is refused (XXE); remove it"
    except Exception:  # not well-formed: feedparser reports it, or reads what it can
        return None
    return None
