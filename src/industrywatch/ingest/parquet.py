"""Read what `industrywatch spark-extract` wrote (OUT/documents, OUT/claims, OUT/errors as Parquet, and
OUT/_SUCCESS when it finished) back as documents with their claims, so a crawl extracted on a cluster can be
loaded into the store."""

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
    """The table's rows, or None when the job wrote none."""
    path = directory / name
    if not path.exists():
        return None
    dataset = ds.dataset(path, format="parquet", partitioning="hive")
    return dataset if dataset.files else None


def read_extracted(directory: str) -> Iterator[tuple[Document, list[Claim]] | SourceError]:
    """Every document of a spark-extract output with its claims, and every error the job recorded.

    Language by language, so memory holds one language's claims at a time, not the whole crawl's."""
    root = Path(directory)
    if not (root / "_SUCCESS").is_file():
        if (root / "documents").exists():
            raise IndustrywatchError(
                f"{directory} is not whole: the Spark job that wrote it did not finish; run it again"
            )
        raise IndustrywatchError(f"{directory} is not the output of `industrywatch spark-extract`")
    errors = _table(root, "errors")
    if errors is not None:
        for row in errors.to_table().to_pylist():
            yield SourceError(row["source"], row["record"], row["reason"])
    documents, claims = _table(root, "documents"), _table(root, "claims")
    if documents is None:
        return
    langs = sorted(set(documents.to_table(columns=["lang"]).column("lang").to_pylist()), key=str)
    for lang in langs:
        by_doc: dict[str, list[Claim]] = {}
        rows = claims.to_table(filter=ds.field("lang") == lang).to_pylist() if claims is not None else []
        for row in rows:
            values = {k: row[k] for k in CLAIM_FIELDS}
            by_doc.setdefault(row["doc_id"], []).append(Claim(**values))
        for row in documents.to_table(filter=ds.field("lang") == lang).to_pylist():
            document = Document(**{k: row[k] for k in DOCUMENT_FIELDS})
            yield document, by_doc.get(document.id, [])
