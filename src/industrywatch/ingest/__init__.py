"""Readers that turn files, directories and standard input into Documents.

`read_sources(["reports/", "feed.xml", "-"])` yields a Document for every readable text and a
SourceError (source, record, reason) for everything that could not be read; it never raises on bad
input. Formats: .txt, .md, .html/.htm, .jsonl, .warc/.warc.gz, RSS/Atom feeds, any of them gzipped,
recognised by extension or, failing that, by content.
"""

from industrywatch.ingest.common import SourceError
from industrywatch.ingest.sources import read_sources

__all__ = ["SourceError", "read_sources"]
