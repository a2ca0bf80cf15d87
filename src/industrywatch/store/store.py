"""`Store`: documents, their claims, and the runs that put them there, in SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import ColumnElement, Select, delete, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from industrywatch.errors import IndustrywatchError
from industrywatch.ingest import SourceError
from industrywatch.records import Claim, Document
from industrywatch.store.models import ClaimRow, DocumentRow, ErrorRow, PlaceRow, RunRow
from industrywatch.store.session import connect, database_url

MIGRATIONS = Path(__file__).parent / "migrations"
CLAIM_FIELDS = tuple(f.name for f in fields(Claim) if f.name != "doc_id")
CLAIM_COLUMNS = ("doc_id", *CLAIM_FIELDS, "lang", "published", "url", "title")
_CLAIM_DTYPES = {"start": "int64", "end": "int64", "value": "float64", "value_max": "float64",
                 "confidence": "float64", "period": "Int64", "base_period": "Int64"}  # fmt: skip
Filter = str | Sequence[str] | None


class Store:
    """A database of documents and claims. `url` defaults to $INDUSTRYWATCH_DB, else
    sqlite:///industrywatch.db in the working directory; postgresql+psycopg://... works the same."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.engine = connect(self.url)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
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
        text under this id changed (its claims are replaced too). The run's counts grow with it."""
        self._require_schema()
        content_hash = document.content_hash
        with self._session.begin() as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == document.id))
            if row is None and not _stored_elsewhere(session, document, content_hash):
                row = DocumentRow(doc_key=document.id)
                session.add(row)
                outcome = "added"
            elif row is None or row.content_hash == content_hash:
                outcome = "unchanged"
            else:
                session.execute(delete(ClaimRow).where(ClaimRow.document_id == row.id))
                outcome = "replaced"
            if outcome != "unchanged":
                _fill(row, document, content_hash)
                session.flush()
                _insert_claims(session, row.id, claims)
            _count(session, run_id, outcome, 0 if outcome == "unchanged" else len(claims))
        return outcome

    def contains(self, document: Document) -> bool:
        """Whether `add` would find this document unchanged, so its claims need not be computed."""
        self._require_schema()
        content_hash = document.content_hash
        with self._session() as session:
            stored = session.scalar(select(DocumentRow.content_hash).where(DocumentRow.doc_key == document.id))
            if stored is None:
                return _stored_elsewhere(session, document, content_hash)
            return stored == content_hash

    def replace_claims(self, doc_id: str, claims: Sequence[Claim], run_id: int | None = None) -> None:
        """Put new claims in place of a stored document's claims (reextract), in one transaction."""
        self._require_schema()
        with self._session.begin() as session:
            document_id = session.scalar(select(DocumentRow.id).where(DocumentRow.doc_key == doc_id))
            if document_id is None:
                raise KeyError(doc_id)
            session.execute(delete(ClaimRow).where(ClaimRow.document_id == document_id))
            _insert_claims(session, document_id, claims)
            _count(session, run_id, "replaced", len(claims))

    def start_run(self, command: str = "ingest") -> int:
        """A new run, 'running' until finished; returns its id."""
        self._require_schema()
        with self._session.begin() as session:
            run = RunRow(command=command, started=_now(), status="running",
                         added=0, replaced=0, unchanged=0, claims=0, errors=0)  # fmt: skip
            session.add(run)
            session.flush()
            return run.id

    def finish_run(self, run_id: int, status: str = "finished") -> None:
        """Close a run: 'finished', or 'interrupted' / 'failed' when it stopped early."""
        with self._session.begin() as session:
            session.execute(update(RunRow).where(RunRow.id == run_id).values(finished=_now(), status=status))

    def record_error(self, run_id: int, error: SourceError) -> None:
        """Keep a source or record the run could not read, and count it."""
        with self._session.begin() as session:
            session.add(ErrorRow(run_id=run_id, source=error.source, record=error.record, reason=error.reason))
            _count(session, run_id, "errors", 0)

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
            DocumentRow.doc_key, *(getattr(ClaimRow, name) for name in CLAIM_FIELDS),
            DocumentRow.lang, DocumentRow.published, DocumentRow.url, DocumentRow.title,
        ).join(ClaimRow.document)  # fmt: skip
        for column, wanted in ((ClaimRow.region, region), (ClaimRow.industry, industry),
                               (ClaimRow.metric, metric), (ClaimRow.modality, modality),
                               (DocumentRow.lang, lang), (DocumentRow.doc_key, doc_id)):  # fmt: skip
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
            DocumentRow.doc_key, DocumentRow.title, DocumentRow.lang, DocumentRow.published, DocumentRow.url,
            DocumentRow.source, DocumentRow.content_hash, func.length(DocumentRow.text), claim_count,
            DocumentRow.ingested_at,
        ).order_by(DocumentRow.doc_key)  # fmt: skip
        if lang is not None:
            query = query.where(_matches(DocumentRow.lang, lang))
        columns = ("doc_id", "title", "lang", "published", "url", "source", "content_hash", "chars", "claims",
                   "ingested_at")  # fmt: skip
        return self._frame(query, columns)

    def texts(self, batch: int = 200) -> Iterator[Document]:
        """Every stored document with its text, in id order, read in batches so that claims can be
        replaced while iterating (reextract)."""
        self._require_schema()
        last = 0
        while True:
            with self._session() as session:
                rows = session.scalars(
                    select(DocumentRow).where(DocumentRow.id > last).order_by(DocumentRow.id).limit(batch)
                ).all()
            if not rows:
                return
            for row in rows:
                yield Document(id=row.doc_key, text=row.text, lang=row.lang, published=row.published,
                               url=row.url, title=row.title, source=row.source)  # fmt: skip
            last = rows[-1].id

    def places(self) -> list[str]:
        """The names of every place a stored claim is about, sorted."""
        self._require_schema()
        with self._session() as session:
            return list(session.scalars(select(PlaceRow.name).order_by(PlaceRow.name)))

    def runs(self) -> pd.DataFrame:
        """Every run, newest first, with its counts."""
        self._require_schema()
        names = ("id", "command", "started", "finished", "status", "added", "replaced", "unchanged",
                 "claims", "errors")  # fmt: skip
        query = select(*(getattr(RunRow, name) for name in names)).order_by(RunRow.id.desc())
        return self._frame(query, names)

    def errors(self, run_id: int | None = None) -> pd.DataFrame:
        """The errors of one run, or of every run."""
        self._require_schema()
        query = select(ErrorRow.run_id, ErrorRow.source, ErrorRow.record, ErrorRow.reason).order_by(ErrorRow.id)
        if run_id is not None:
            query = query.where(ErrorRow.run_id == run_id)
        return self._frame(query, ("run_id", "source", "record", "reason"))

    def counts(self) -> dict[str, int]:
        """How many documents, claims, places, runs and errors are stored."""
        self._require_schema()
        tables = {"documents": DocumentRow, "claims": ClaimRow, "places": PlaceRow, "runs": RunRow,
                  "errors": ErrorRow}  # fmt: skip
        with self._session() as session:
            return {name: session.scalar(select(func.count()).select_from(table)) or 0
                    for name, table in tables.items()}  # fmt: skip

    def _frame(self, query: Select, columns: Sequence[str]) -> pd.DataFrame:
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return pd.DataFrame([tuple(row) for row in rows], columns=list(columns))


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _now() -> datetime:
    return datetime.now(UTC)


def _stored_elsewhere(session: Session, document: Document, content_hash: str) -> bool:
    """Whether the same text is stored under another id: for a document without a URL, any such copy;
    with a URL, only a copy from that URL (the same text at two URLs is two documents)."""
    same_url = DocumentRow.url.is_(None) if document.url is None else DocumentRow.url == document.url
    query = select(DocumentRow.id).where(DocumentRow.content_hash == content_hash, same_url).limit(1)
    return session.scalar(query) is not None


def _fill(row: DocumentRow, document: Document, content_hash: str) -> None:
    row.content_hash = content_hash
    row.url, row.title, row.lang = document.url, document.title, document.lang
    row.published, row.source, row.text = document.published, document.source, document.text
    row.ingested_at = _now()


def _insert_claims(session: Session, document_id: int, claims: Sequence[Claim]) -> None:
    """The claims (as given: the store computes nothing) and any place they name that is new."""
    if not claims:
        return
    session.execute(
        insert(ClaimRow),
        [{"document_id": document_id, **{name: getattr(c, name) for name in CLAIM_FIELDS}} for c in claims],
    )
    names = {c.region for c in claims} | {c.base_region for c in claims}
    names.discard(None)
    known = set(session.scalars(select(PlaceRow.name).where(PlaceRow.name.in_(names))))
    if names - known:
        session.execute(insert(PlaceRow), [{"name": name} for name in sorted(names - known)])


def _count(session: Session, run_id: int | None, outcome: str, claims: int) -> None:
    """Add one to a run's count of `outcome`, and `claims` to its claims, in the caller's transaction."""
    if run_id is None:
        return
    counter: InstrumentedAttribute[int] = getattr(RunRow, outcome)
    values = {outcome: counter + 1, "claims": RunRow.claims + claims}
    session.execute(update(RunRow).where(RunRow.id == run_id).values(values))


def _matches(column: InstrumentedAttribute, wanted: str | Sequence[str]) -> ColumnElement[bool]:
    values = [wanted] if isinstance(wanted, str) else list(wanted)
    return func.lower(column).in_([value.lower() for value in values])
