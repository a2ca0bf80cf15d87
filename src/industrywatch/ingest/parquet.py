"""Read what `industrywatch spark-extract` wrote (OUT/documents, OUT/claims, OUT/errors as Parquet) back as
documents with their claims, so a crawl extracted on a cluster can be loaded into the store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pyarrow.dataset as ds

from industrywatch.errors import IndustrywatchError
from industrywatch.ingest.common import SourceError
from industrywatch.records import Claim, Document

CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
DOCUMENT_FIELDS = ("id", "text", "lang", "published", "url", "title", "source")


def _table(directory: Path, name: str) -> ds.Dataset | None:
    path = directory / name
    if not path.exists():
        return None
    return ds.dataset(path, format="parquet", partitioning="hive")


def read_extracted(directory: str) -> Iterator[tuple[Document, list[Claim]] | SourceError]:
    """Every document of a spark-extract output with its claims, and every error the job recorded.

    Language by language, so memory holds one language's claims at a time, not the whole crawl's."""
    root = Path(directory)
    documents, claims = _table(root, "documents"), _table(root, "claims")
    if documents is None or claims is None:
        raise IndustrywatchError(
            f"{directory} is not the output of `industrywatch spark-extract`: it needs documents/ and claims/"
        )
    errors = _table(root, "errors")
    if errors is not None:
        for row in errors.to_table().to_pylist():
            yield SourceError(row["source"], row["record"], row["reason"])
    langs = sorted(set(documents.to_table(columns=["lang"]).column("lang").to_pylist()), key=str)
    for lang in langs:
        by_doc: dict[str, list[Claim]] = {}
        for row in claims.to_table(filter=ds.field("lang") == lang).to_pylist():
            values = {k: row[k] for k in CLAIM_FIELDS}
            by_doc.setdefault(row["doc_id"], []).append(Claim(**values))
        for row in documents.to_table(filter=ds.field("lang") == lang).to_pylist():
            document = Document(**{k: row[k] for k in DOCUMENT_FIELDS})
            yield document, by_doc.get(document.id, [])
