"""`Store`: documents, their claims, and the runs that put them there, in SQLite or PostgreSQL."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import ColumnElement, Connection, Select, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute

from industrywatch.errors import IndustrywatchError
from industrywatch.ingest import SourceError
from industrywatch.records import Claim, Document
from industrywatch.store.models import ClaimRow, DocumentRow, ErrorRow, PlaceRow, RunRow
from industrywatch.store.session import connect, database_url

MIGRATIONS = Path(__file__).parent / "migrations"
CLAIM_FIELDS = tuple(f.name for f in fields(Claim) if f.name != "doc_id")
CLAIM_COLUMNS = ("doc_id", *CLAIM_FIELDS, "lang", "published", "url", "title")
_CLAIM_DTYPES = {
    "start": "int64",
    "end": "int64",
    "value": "float64",
    "value_max": "float64",
    "confidence": "float64",
    "period": "Int64",
    "base_period": "Int64",
}
Filter = str | Sequence[str] | None

# The statements `add` runs for every document, built once.
_BY_KEY = select(DocumentRow.id, DocumentRow.content_hash, DocumentRow.run_id, DocumentRow.source).where(
    DocumentRow.doc_key == bindparam("key")
)
_SAME_TEXT = select(DocumentRow.id).where(DocumentRow.content_hash == bindparam("hash")).limit(1)
_SAME_TEXT_NO_URL = _SAME_TEXT.where(DocumentRow.url.is_(None))
_SAME_TEXT_AT_URL = _SAME_TEXT.where(DocumentRow.url == bindparam("url"))
_TEXTS = select(
    DocumentRow.id,
    DocumentRow.doc_key,
    DocumentRow.text,
    DocumentRow.lang,
    DocumentRow.published,
    DocumentRow.url,
    DocumentRow.title,
    DocumentRow.source,
)
_COUNTS = {
    outcome: update(RunRow)
    .where(RunRow.id == bindparam("run"))
    .values({outcome: getattr(RunRow, outcome) + 1, "claims": RunRow.claims + bindparam("claims")})
    for outcome in ("added", "replaced", "unchanged", "errors")
}


class IdTaken(IndustrywatchError):
    """Two different texts under one document id in one run: the store keeps the first."""


class Store:
    """A database of documents and claims. `url` defaults to $INDUSTRYWATCH_DB, else
    sqlite:///industrywatch.db in the working directory; postgresql+psycopg://... works the same."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.engine = connect(self.url)
        self._ready = False

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # Schema

    def upgrade(self) -> None:
        """Create the tables, or bring them to the newest version; does nothing when they are current."""
        config = _alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        self._ready = True

    def _require_schema(self) -> None:
        if self._ready:
            return
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
        if current != head:
            state = "has no industrywatch tables" if current is None else "has an older schema"
            raise IndustrywatchError(
                f"{self.url.render_as_string()} {state}; run `industrywatch db upgrade` first"
            )
        self._ready = True

    # Writing

    def add(self, document: Document, claims: Sequence[Claim], run_id: int | None = None) -> str:
        """Store a document and its claims in one transaction: 'added' when new, 'unchanged' when the same
        text is stored already (under this id, or without a URL under another id), 'replaced' when the
        text under this id changed (its claims are replaced too). The run's counts grow with it.

        Raises IdTaken when this run stored another text under the same id already: ids identify documents,
        so two sources that share one must be renamed, not let one overwrite the other."""
        self._require_schema()
        content_hash = document.content_hash
        with self.engine.begin() as connection:
            stored = connection.execute(_BY_KEY, {"key": document.id}).first()
            if stored is None and not _stored_elsewhere(connection, document, content_hash):
                values = _document_values(document, content_hash, run_id)
                document_id = connection.execute(insert(DocumentRow).values(doc_key=document.id, **values))
                _insert_claims(connection, document_id.inserted_primary_key[0], claims)
                outcome = "added"
            elif stored is None or stored.content_hash == content_hash:
                outcome = "unchanged"
            elif run_id is not None and stored.run_id == run_id:
                taken = f"its id {document.id!r} is already taken by {stored.source}; rename one of them"
                raise IdTaken(taken)
            else:
                values = _document_values(document, content_hash, run_id)
                connection.execute(update(DocumentRow).where(DocumentRow.id == stored.id).values(**values))
                connection.execute(delete(ClaimRow).where(ClaimRow.document_id == stored.id))
                _insert_claims(connection, stored.id, claims)
                outcome = "replaced"
            _count(connection, run_id, outcome, 0 if outcome == "unchanged" else len(claims))
        return outcome

    def contains(self, document: Document) -> bool:
        """Whether `add` would find this document unchanged, so its claims need not be computed."""
        self._require_schema()
        content_hash = document.content_hash
        with self.engine.connect() as connection:
            stored = connection.execute(_BY_KEY, {"key": document.id}).first()
            if stored is None:
                return _stored_elsewhere(connection, document, content_hash)
            return stored.content_hash == content_hash

    def stored_as(self, document: Document) -> str | None:
        """The id this document's text is stored under: its own, or that of the copy `add` takes it for
        (the same text without a URL, or from the same URL); None when it is not stored."""
        self._require_schema()
        content_hash = document.content_hash
        with self.engine.connect() as connection:
            stored = connection.execute(_BY_KEY, {"key": document.id}).first()
            if stored is not None:
                return document.id if stored.content_hash == content_hash else None
            query = _SAME_TEXT_NO_URL if document.url is None else _SAME_TEXT_AT_URL
            copy = connection.execute(
                query.with_only_columns(DocumentRow.doc_key), {"hash": content_hash, "url": document.url}
            ).first()
            return copy.doc_key if copy else None

    def replace_claims(self, doc_id: str, claims: Sequence[Claim], run_id: int | None = None) -> None:
        """Put new claims in place of a stored document's claims (reextract), in one transaction."""
        self._require_schema()
        with self.engine.begin() as connection:
            stored = connection.execute(_BY_KEY, {"key": doc_id}).first()
            if stored is None:
                raise KeyError(doc_id)
            connection.execute(delete(ClaimRow).where(ClaimRow.document_id == stored.id))
            _insert_claims(connection, stored.id, claims)
            _count(connection, run_id, "replaced", len(claims))

    def start_run(self, command: str = "ingest") -> int:
        """A new run, 'running' until finished; returns its id. Runs of this host whose process has ended
        without finishing them (killed) are closed as 'interrupted' first."""
        self._require_schema()
        with self.engine.begin() as connection:
            abandoned = self._abandoned(connection)
            connection.execute(update(RunRow).where(RunRow.id.in_(abandoned)).values(status="interrupted"))
        values = {
            "command": command,
            "started": _now(),
            "status": "running",
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "added": 0,
            "replaced": 0,
            "unchanged": 0,
            "claims": 0,
            "errors": 0,
        }
        with self.engine.begin() as connection:
            return connection.execute(insert(RunRow).values(values)).inserted_primary_key[0]

    @staticmethod
    def _abandoned(connection: Connection) -> list[int]:
        """The runs still marked 'running' whose process on this host has ended."""
        here = RunRow.host == socket.gethostname()
        running = connection.execute(select(RunRow.id, RunRow.pid).where(RunRow.status == "running", here))
        return [run_id for run_id, pid in running if pid is not None and not _alive(pid)]

    def finish_run(self, run_id: int, status: str = "finished") -> None:
        """Close a run: 'finished', or 'interrupted' / 'failed' when it stopped early."""
        with self.engine.begin() as connection:
            connection.execute(
                update(RunRow).where(RunRow.id == run_id).values(finished=_now(), status=status)
            )

    def record_error(self, run_id: int, error: SourceError) -> None:
        """Keep a source or record the run could not read, and count it."""
        with self.engine.begin() as connection:
            row = {"run_id": run_id, "source": error.source, "record": error.record, "reason": error.reason}
            connection.execute(insert(ErrorRow), [row])
            _count(connection, run_id, "errors", 0)

    # Reading

    def claims(
        self,
        region: Filter = None,
        industry: Filter = None,
        metric: Filter = None,
        modality: Filter = None,
        from_year: int | None = None,
        to_year: int | None = None,
        lang: Filter = None,
        doc_id: Filter = None,
    ) -> pd.DataFrame:
        """Claims as a DataFrame, one row each: the claim's fields, then its document's lang, published,
        url and title. String filters match case-insensitively and take one value or several; years
        bound `period` inclusively."""
        self._require_schema()
        query = select(
            DocumentRow.doc_key,
            *(getattr(ClaimRow, name) for name in CLAIM_FIELDS),
            DocumentRow.lang,
            DocumentRow.published,
            DocumentRow.url,
            DocumentRow.title,
        ).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
        for column, wanted in (
            (ClaimRow.region, region),
            (ClaimRow.industry, industry),
            (ClaimRow.metric, metric),
            (ClaimRow.modality, modality),
            (DocumentRow.lang, lang),
            (DocumentRow.doc_key, doc_id),
        ):
            if wanted is not None:
                query = query.where(_matches(column, wanted))
        if from_year is not None:
            query = query.where(ClaimRow.period >= from_year)
        if to_year is not None:
            query = query.where(ClaimRow.period <= to_year)
        query = query.order_by(DocumentRow.doc_key, ClaimRow.start, ClaimRow.id)
        return self._frame(query, CLAIM_COLUMNS).astype(_CLAIM_DTYPES)

    def documents(self, lang: Filter = None) -> pd.DataFrame:
        """Stored documents without their text: id, title, lang, published, url, source, content hash,
        length in characters, number of claims, when ingested."""
        self._require_schema()
        claim_count = (
            select(func.count(ClaimRow.id)).where(ClaimRow.document_id == DocumentRow.id).scalar_subquery()
        )
        query = select(
            DocumentRow.doc_key,
            DocumentRow.title,
            DocumentRow.lang,
            DocumentRow.published,
            DocumentRow.url,
            DocumentRow.source,
            DocumentRow.content_hash,
            func.length(DocumentRow.text),
            claim_count,
            DocumentRow.ingested_at,
        ).order_by(DocumentRow.doc_key)
        if lang is not None:
            query = query.where(_matches(DocumentRow.lang, lang))
        columns = (
            "doc_id",
            "title",
            "lang",
            "published",
            "url",
            "source",
            "content_hash",
            "chars",
            "claims",
            "ingested_at",
        )
        return self._frame(query, columns)

    def texts(self, batch: int = 200) -> Iterator[Document]:
        """Every stored document with its text, in id order, read in batches so that claims can be
        replaced while iterating (reextract)."""
        self._require_schema()
        last = 0
        while True:
            query = _TEXTS.where(DocumentRow.id > last).order_by(DocumentRow.id).limit(batch)
            with self.engine.connect() as connection:
                rows = connection.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield _document(row)
            last = rows[-1].id

    def document(self, doc_id: str) -> Document | None:
        """One stored document with its text, or None."""
        self._require_schema()
        with self.engine.connect() as connection:
            row = connection.execute(_TEXTS.where(DocumentRow.doc_key == doc_id)).first()
        return None if row is None else _document(row)

    def places(self) -> list[str]:
        """The names of every place a stored claim is about, sorted."""
        self._require_schema()
        with self.engine.connect() as connection:
            return list(connection.scalars(select(PlaceRow.name).order_by(PlaceRow.name)))

    def runs(self) -> pd.DataFrame:
        """Every run, newest first, with its counts."""
        self._require_schema()
        names = (
            "id",
            "command",
            "started",
            "finished",
            "status",
            "added",
            "replaced",
            "unchanged",
            "claims",
            "errors",
        )
        query = select(*(getattr(RunRow, name) for name in names)).order_by(RunRow.id.desc())
        frame = self._frame(query, names)
        with self.engine.connect() as connection:
            abandoned = self._abandoned(connection)
        frame.loc[frame["id"].isin(abandoned), "status"] = "interrupted"  # killed: no process finishes it
        return frame

    def errors(self, run_id: int | None = None) -> pd.DataFrame:
        """The errors of one run, or of every run."""
        self._require_schema()
        query = select(ErrorRow.run_id, ErrorRow.source, ErrorRow.record, ErrorRow.reason).order_by(
            ErrorRow.id
        )
        if run_id is not None:
            query = query.where(ErrorRow.run_id == run_id)
        return self._frame(query, ("run_id", "source", "record", "reason"))

    def counts(self) -> dict[str, int]:
        """How many documents, claims, places, runs and errors are stored."""
        self._require_schema()
        tables = {
            "documents": DocumentRow,
            "claims": ClaimRow,
            "places": PlaceRow,
            "runs": RunRow,
            "errors": ErrorRow,
        }
        with self.engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(table)) or 0
                for name, table in tables.items()
            }

    def _frame(self, query: Select, columns: Sequence[str]) -> pd.DataFrame:
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return pd.DataFrame([tuple(row) for row in rows], columns=list(columns))


def _document(row) -> Document:
    """A stored row (the columns of _TEXTS) as a Document."""
    return Document(id=row.doc_key, text=row.text, lang=row.lang, published=row.published, url=row.url,
                    title=row.title, source=row.source)  # fmt: skip


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _now() -> datetime:
    return datetime.now(UTC)


def _stored_elsewhere(connection: Connection, document: Document, content_hash: str) -> bool:
    """Whether the same text is stored under another id: for a document without a URL, any such copy;
    with a URL, only a copy from that URL (the same text at two URLs is two documents)."""
    query = _SAME_TEXT_NO_URL if document.url is None else _SAME_TEXT_AT_URL
    return connection.execute(query, {"hash": content_hash, "url": document.url}).first() is not None


def _document_values(document: Document, content_hash: str, run_id: int | None) -> dict[str, object]:
    return {
        "run_id": run_id,
        "content_hash": content_hash,
        "url": document.url,
        "title": document.title,
        "lang": document.lang,
        "published": document.published,
        "source": document.source,
        "text": document.text,
        "ingested_at": _now(),
    }


def _insert_claims(connection: Connection, document_id: int, claims: Sequence[Claim]) -> None:
    """The claims (as given: the store computes nothing) and any place they name that is new."""
    if not claims:
        return
    connection.execute(
        insert(ClaimRow),
        [{"document_id": document_id, **{name: getattr(c, name) for name in CLAIM_FIELDS}} for c in claims],
    )
    names = {c.region for c in claims} | {c.base_region for c in claims}
    names.discard(None)
    if names:
        known = set(connection.scalars(select(PlaceRow.name).where(PlaceRow.name.in_(names))))
        if names - known:
            connection.execute(insert(PlaceRow), [{"name": name} for name in sorted(names - known)])


def _count(connection: Connection, run_id: int | None, outcome: str, claims: int) -> None:
    """Add one to a run's count of `outcome`, and `claims` to its claims, in the caller's transaction."""
    if run_id is not None:
        connection.execute(_COUNTS[outcome], {"run": run_id, "claims": claims})


def _matches(column: InstrumentedAttribute, wanted: str | Sequence[str]) -> ColumnElement[bool]:
    values = [wanted] if isinstance(wanted, str) else list(wanted)
    return func.lower(column).in_([value.lower() for value in values])


def _alive(pid: int) -> bool:
    """Whether process `pid` runs on this host (always, where that cannot be told without a signal)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)  # signal 0 only checks
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True
