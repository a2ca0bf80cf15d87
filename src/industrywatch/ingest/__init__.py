"""Readers that turn files, directories and standard input into Documents.

`read_sources(["reports/", "feed.xml", "-"])` yields a Document for every readable text and a
SourceError (source, record, reason) for everything that could not be read; it never raises on bad
input. Formats: .txt, .md, .html/.htm, .jsonl, .warc/.warc.gz, RSS/Atom feeds, any of them gzipped,
recognised by extension or, failing that, by content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from industrywatch.ingest.common import SourceError

if TYPE_CHECKING:
    from industrywatch.ingest.sources import read_sources

__all__ = ["SourceError", "read_sources"]


def __getattr__(name: str):
    # The readers pull in trafilatura and the feed parser: imported when asked for, so that a module that
    # only needs SourceError or a reader's limits (the command line's options) does not load them.
    if name == "read_sources":
        from industrywatch.ingest.sources import read_sources

        return read_sources
    raise AttributeError(f"module 'industrywatch.ingest' has no attribute {name!r}")
