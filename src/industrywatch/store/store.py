"""`Store`: documents, their claims, and the runs that put them there, in SQLite or PostgreSQL."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    bindparam,
    delete,
    distinct,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute

from industrywatch.analysis.consistency import Contradiction
from industrywatch.analysis.targets import TargetStatus, settle
from industrywatch.errors import IndustrywatchError
from industrywatch.ingest import SourceError
from industrywatch.records import Claim, Document
from industrywatch.store import analysed
from industrywatch.store.models import (
    AnalysisGroupRow,
    ClaimRow,
    ContradictionRow,
    DocumentRow,
    ErrorRow,
    PlaceCountRow,
    PlaceRow,
    RunRow,
    TargetRow,
)
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
DOCUMENT_COLUMNS = (
    "doc_id", "title", "lang", "published", "url", "source", "content_hash", "chars", "claims", "ingested_at"
)  # fmt: skip
Filter = str | Sequence[str] | None
STREAM_BATCH = 1000  # rows fetched at a time when every claim is read
ATTEMPTS = 3  # times `add` tries a document whose transaction lost a race on a unique key
SCHEMA_LOCK = 0x1D_5C4E  # the PostgreSQL advisory lock `upgrade` holds: a number no other code locks

# The statements `add` runs for every document, built once.
_BY_KEY = select(DocumentRow.id, DocumentRow.content_hash, DocumentRow.run_id, DocumentRow.source).where(
    DocumentRow.doc_key == bindparam("key")
)
_SAME_TEXT = (
    select(DocumentRow.id, DocumentRow.run_id).where(DocumentRow.content_hash == bindparam("hash")).limit(1)
)
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
    for outcome in ("added", "replaced", "unchanged", "duplicate", "errors")
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
        self._refreshing = threading.Lock()  # one thread of a process refreshes; the others wait for it

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
            _lock_schema(connection)
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
        text is stored already (under this id, or without a URL under another id), 'duplicate' when this
        run stored that text already, 'replaced' when the text under this id changed (its claims are
        replaced too). The run's counts grow with it.

        A transaction that loses a race on a unique key (two processes storing the same id, or the same new
        place, at once) is rolled back and tried again, and then finds what the other one stored.

        Raises IdTaken when this run stored another text under the same id already: ids identify documents,
        so two sources that share one must be renamed, not let one overwrite the other."""
        self._require_schema()
        for _ in range(ATTEMPTS - 1):
            try:
                return self._add(document, claims, run_id)
            except IntegrityError:
                continue  # another process stored the same key first: the next attempt finds it
        return self._add(document, claims, run_id)

    def _add(self, document: Document, claims: Sequence[Claim], run_id: int | None) -> str:
        """`add` in one transaction."""
        content_hash = document.content_hash
        with self.engine.begin() as connection:
            stored = connection.execute(_BY_KEY, {"key": document.id}).first()
            copy = _stored_elsewhere(connection, document, content_hash) if stored is None else None
            if stored is None and copy is None:
                values = _document_values(document, content_hash, run_id)
                document_id = connection.execute(insert(DocumentRow).values(doc_key=document.id, **values))
                _insert_claims(connection, document_id.inserted_primary_key[0], claims)
                outcome = "added"
            elif copy is not None or stored.content_hash == content_hash:
                earlier = (copy or stored).run_id
                outcome = "duplicate" if run_id is not None and earlier == run_id else "unchanged"
            elif run_id is not None and stored.run_id == run_id:
                taken = f"its id {document.id!r} is already taken by {stored.source}; rename one of them"
                raise IdTaken(taken)
            else:
                values = _document_values(document, content_hash, run_id)
                connection.execute(update(DocumentRow).where(DocumentRow.id == stored.id).values(**values))
                _delete_claims(connection, stored.id)
                _insert_claims(connection, stored.id, claims)
                outcome = "replaced"
            _count(connection, run_id, outcome, len(claims) if outcome in ("added", "replaced") else 0)
        return outcome

    def contains(self, document: Document) -> bool:
        """Whether `add` would find this document unchanged, so its claims need not be computed."""
        self._require_schema()
        content_hash = document.content_hash
        with self.engine.connect() as connection:
            stored = connection.execute(_BY_KEY, {"key": document.id}).first()
            if stored is None:
                return _stored_elsewhere(connection, document, content_hash) is not None
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

    def replace_claims(
        self, doc_id: str, claims: Sequence[Claim], run_id: int | None = None, lang: str | None = None
    ) -> None:
        """Put new claims in place of a stored document's claims (reextract), in one transaction, and
        store the language they were read in when given."""
        self._require_schema()
        with self.engine.begin() as connection:
            stored = connection.execute(_BY_KEY, {"key": doc_id}).first()
            if stored is None:
                raise KeyError(doc_id)
            if lang is not None:
                connection.execute(update(DocumentRow).where(DocumentRow.id == stored.id).values(lang=lang))
            _delete_claims(connection, stored.id)
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
            "duplicate": 0,
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
        """Close a run: 'finished', or 'interrupted' / 'failed' when it stopped early. A finished run
        brings the analysis of what it changed up to date (`refresh`); after another, the first reader
        does."""
        with self.engine.begin() as connection:
            connection.execute(
                update(RunRow).where(RunRow.id == run_id).values(finished=_now(), status=status)
            )
        if status == "finished":
            self.refresh()

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
        bound `period` inclusively. For export and analysis; requests read `claim_page`."""
        self._require_schema()
        query = _claim_select(region, industry, metric, modality, from_year, to_year, lang, doc_id)
        return self._frame(query, CLAIM_COLUMNS).astype(_CLAIM_DTYPES)

    def claim_page(self, limit: int, offset: int = 0, **filters: Filter | int) -> tuple[int, list[dict]]:
        """How many claims match the filters of `claims`, and the records of `limit` of them from `offset`
        on, in the same order."""
        self._require_schema()
        query = _claim_select(**filters)
        counted = _claim_filters(select(func.count()).select_from(ClaimRow), **filters)
        if filters.get("lang") is not None or filters.get("doc_id") is not None:
            counted = select(func.count()).select_from(query.order_by(None).subquery())
        with self.engine.connect() as connection:
            total = connection.scalar(counted) or 0
            rows = connection.execute(query.limit(limit).offset(offset)).all() if total > offset else []
        return total, [dict(zip(CLAIM_COLUMNS, row, strict=True)) for row in rows]

    def claim_records(self, **filters: Filter | int) -> Iterator[dict]:
        """Every claim matching the filters of `claims`, as records, read a batch at a time: memory stays
        the same however many there are."""
        self._require_schema()
        with self.engine.connect() as connection:
            rows = connection.execution_options(yield_per=STREAM_BATCH).execute(_claim_select(**filters))
            for row in rows:
                yield dict(zip(CLAIM_COLUMNS, row, strict=True))

    def analysis_records(
        self, region: str | None = None, industry: Filter = None, metric: Filter = None
    ) -> list[dict]:
        """The claims the analysis of one region's series needs (all claims without a region): the
        region's own, the shares that name it as the whole, and the reported levels those shares are of,
        in the order of `claims`."""
        self._require_schema()
        if region is None:
            return list(self.claim_records(industry=industry, metric=metric))
        place = region.lower()
        into = and_(ClaimRow.relation == "share", func.lower(ClaimRow.base_region) == place)
        sources = _claim_filters(select(distinct(ClaimRow.region)), industry=industry, metric=metric)
        with self.engine.connect() as connection:
            regions = {place} | {r.lower() for r in connection.scalars(sources.where(into)) if r}
            levels = and_(ClaimRow.relation == "level", ClaimRow.modality == "actual")
            needed = func.lower(ClaimRow.region) == place
            query = _claim_select(region=sorted(regions), industry=industry, metric=metric)
            rows = connection.execute(query.where(or_(needed, into, levels))).all()
        return [dict(zip(CLAIM_COLUMNS, row, strict=True)) for row in rows]

    def documents(self, lang: Filter = None) -> pd.DataFrame:
        """Stored documents without their text: id, title, lang, published, url, source, content hash,
        length in characters, number of claims, when ingested (UTC)."""
        self._require_schema()
        return self._frame(_document_select(lang), DOCUMENT_COLUMNS)

    def document_page(self, limit: int, offset: int = 0, lang: Filter = None) -> tuple[int, list[dict]]:
        """How many documents there are (in `lang`), and `limit` of them from `offset` on, as `documents`
        orders and describes them."""
        self._require_schema()
        counted = select(func.count()).select_from(DocumentRow)
        if lang is not None:
            counted = counted.where(_matches(DocumentRow.lang, lang))
        with self.engine.connect() as connection:
            total = connection.scalar(counted) or 0
            rows = connection.execute(_document_select(lang).limit(limit).offset(offset)).all()
        return total, [dict(zip(DOCUMENT_COLUMNS, row, strict=True)) for row in rows]

    def document_summary(self, doc_id: str) -> dict | None:
        """One document as `documents` describes it, or None."""
        self._require_schema()
        with self.engine.connect() as connection:
            row = connection.execute(_document_select().where(DocumentRow.doc_key == doc_id)).first()
        return None if row is None else dict(zip(DOCUMENT_COLUMNS, row, strict=True))

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

    def place_counts(
        self, regions: Sequence[str | None] | None = None
    ) -> list[tuple[str | None, str | None, int]]:
        """Claims per place and industry (None for none), of every place or of `regions`."""
        self._require_schema()
        query = select(PlaceCountRow.region, PlaceCountRow.industry, PlaceCountRow.claims)
        if regions is not None:
            query = query.where(PlaceCountRow.region.in_([r or "" for r in regions]))
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(PlaceCountRow.region, PlaceCountRow.industry)).all()
        return [(region or None, industry or None, claims) for region, industry, claims in rows]

    def busiest_places(self, limit: int) -> list[tuple[str | None, int]]:
        """The `limit` places (None: claims about no place) with the most claims, and how many each has."""
        self._require_schema()
        total = func.sum(PlaceCountRow.claims)
        query = select(PlaceCountRow.region, total).group_by(PlaceCountRow.region)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(total.desc(), PlaceCountRow.region).limit(limit)).all()
        return [(region or None, claims) for region, claims in rows]

    def choices(self) -> dict[str, list[str]]:
        """The values the claims' filters can take: regions, industries, metrics and languages."""
        self._require_schema()
        queries = {
            "region": select(distinct(PlaceCountRow.region)),
            "industry": select(distinct(PlaceCountRow.industry)),
            "metric": select(distinct(AnalysisGroupRow.metric)),
            "lang": select(distinct(DocumentRow.lang)),
        }
        with self.engine.connect() as connection:
            return {name: sorted(v for v in connection.scalars(q) if v) for name, q in queries.items()}

    # Analysis, kept up to date per group

    def refresh(self) -> int:
        """Recompute the targets and contradictions of every group a write has changed since they were
        computed, one group at a time; returns how many groups it analysed. Writers call it when they
        finish; readers call it first, so a run that was killed before it costs only time."""
        self._require_schema()
        with self._refreshing:
            with self.engine.connect() as connection:
                stale = analysed.stale_groups(connection)
            for group_id, (industry, product, metric), changes in stale:
                query = _claim_select().where(
                    ClaimRow.metric == metric,
                    _same(ClaimRow.industry, industry),
                    _same(ClaimRow.product, product),
                )
                with self.engine.connect() as connection:
                    rows = connection.execute(query).all()
                records = [dict(zip(CLAIM_COLUMNS, row, strict=True)) for row in rows]
                with self.engine.begin() as connection:
                    analysed.store_group(connection, group_id, changes, records)
            if stale and self.engine.dialect.name == "sqlite":
                self._analyze()
        return len(stale)

    def _analyze(self) -> None:
        """Statistics for SQLite's planner, which otherwise picks an index by its shape, not by what the
        rows hold (PostgreSQL's autovacuum keeps its own). Sampled, so it takes milliseconds."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA analysis_limit=1000")
            connection.exec_driver_sql("ANALYZE")

    def targets(
        self,
        region: str | None = None,
        industry: str | None = None,
        as_of: date | None = None,
        limit: int | None = None,
    ) -> list[TargetStatus]:
        """Every target (of a region's or an industry's series), with its status on `as_of` (today), in
        the order of series label and deadline; the first `limit` only when given."""
        self.refresh()
        query = _series_filters(select(TargetRow), TargetRow, region, industry)
        query = query.order_by(TargetRow.label, TargetRow.deadline, TargetRow.id).limit(limit)
        year = (as_of or date.today()).year
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings()
            return [settle(analysed.target_status(row), year) for row in rows]

    def contradictions(
        self,
        region: str | None = None,
        industry: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Contradiction]:
        """Every contradiction (of a region's or an industry's series), by series label and year; `limit`
        of them from `offset` on when given."""
        self.refresh()
        query = _series_filters(select(ContradictionRow), ContradictionRow, region, industry)
        query = query.order_by(ContradictionRow.label, ContradictionRow.period, ContradictionRow.id)
        query = query.limit(limit).offset(offset)
        with self.engine.connect() as connection:
            return [analysed.contradiction(row) for row in connection.execute(query).mappings()]

    def analysis_counts(self) -> dict[str, int]:
        """How many targets and contradictions the stored claims hold."""
        self.refresh()
        query = select(func.sum(AnalysisGroupRow.targets), func.sum(AnalysisGroupRow.contradictions))
        with self.engine.connect() as connection:
            targets, found = connection.execute(query).one()
        return {"targets": targets or 0, "contradictions": found or 0}

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
            "duplicate",
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
        """How many documents, claims, places, runs and errors are stored (claims summed from the counts
        per place, which every write keeps, rather than counted one by one)."""
        self._require_schema()
        counted = {"documents": DocumentRow, "places": PlaceRow, "runs": RunRow, "errors": ErrorRow}
        queries = {name: select(func.count()).select_from(table) for name, table in counted.items()}
        queries["claims"] = select(func.sum(PlaceCountRow.claims))
        with self.engine.connect() as connection:
            found = {name: connection.scalar(query) or 0 for name, query in queries.items()}
        return {name: found[name] for name in ("documents", "claims", "places", "runs", "errors")}

    def _frame(self, query: Select, columns: Sequence[str]) -> pd.DataFrame:
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return pd.DataFrame([tuple(row) for row in rows], columns=list(columns))


def _claim_select(
    region: Filter = None,
    industry: Filter = None,
    metric: Filter = None,
    modality: Filter = None,
    from_year: int | None = None,
    to_year: int | None = None,
    lang: Filter = None,
    doc_id: Filter = None,
) -> Select:
    """The columns of CLAIM_COLUMNS for the claims that match: documents in the order they were first
    stored, each one's claims in the order of its text (an order the indexes give, so a page is read, not
    sorted; and one that a new document never changes for those stored before it)."""
    query = select(
        DocumentRow.doc_key,
        *(getattr(ClaimRow, name) for name in CLAIM_FIELDS),
        DocumentRow.lang,
        DocumentRow.published,
        DocumentRow.url,
        DocumentRow.title,
    ).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
    query = _claim_filters(query, region, industry, metric, modality, from_year, to_year)
    for column, wanted in ((DocumentRow.lang, lang), (DocumentRow.doc_key, doc_id)):
        if wanted is not None:
            query = query.where(_matches(column, wanted))
    return query.order_by(ClaimRow.document_id, ClaimRow.start, ClaimRow.id)


def _claim_filters(
    query: Select,
    region: Filter = None,
    industry: Filter = None,
    metric: Filter = None,
    modality: Filter = None,
    from_year: int | None = None,
    to_year: int | None = None,
    lang: Filter = None,
    doc_id: Filter = None,
) -> Select:
    """`query` with the filters on the claim's own columns (the caller adds those of its document)."""
    for column, wanted in (
        (ClaimRow.region, region),
        (ClaimRow.industry, industry),
        (ClaimRow.metric, metric),
        (ClaimRow.modality, modality),
    ):
        if wanted is not None:
            query = query.where(_matches(column, wanted))
    if from_year is not None:
        query = query.where(ClaimRow.period >= from_year)
    if to_year is not None:
        query = query.where(ClaimRow.period <= to_year)
    return query


def _document_select(lang: Filter = None) -> Select:
    """The columns of DOCUMENT_COLUMNS, by document id; the claims counted for each row it returns."""
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
    return query if lang is None else query.where(_matches(DocumentRow.lang, lang))


def _series_filters(query: Select, table, region: str | None, industry: str | None) -> Select:
    for column, wanted in ((table.region, region), (table.industry, industry)):
        if wanted is not None:
            query = query.where(func.lower(column) == wanted.lower())
    return query


def _same(column: InstrumentedAttribute, value: str) -> ColumnElement[bool]:
    """`column` holds `value`, '' standing for none (as analysis groups write it)."""
    return column.is_(None) if value == "" else column == value


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


def _lock_schema(connection: Connection) -> None:
    """Hold a lock until the transaction ends, so that of two processes upgrading at once the second waits
    for the first's migrations to be committed and then finds nothing to do: SQLite's write lock (waited
    for up to the busy timeout), PostgreSQL's advisory lock SCHEMA_LOCK."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK)))


def _stored_elsewhere(connection: Connection, document: Document, content_hash: str) -> Row | None:
    """The same text stored under another id (its row id and run): for a document without a URL, any such
    copy; with a URL, only a copy from that URL (the same text at two URLs is two documents)."""
    query = _SAME_TEXT_NO_URL if document.url is None else _SAME_TEXT_AT_URL
    return connection.execute(query, {"hash": content_hash, "url": document.url}).first()


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
    """The claims (as given: the store computes nothing), counted, and any place they name that is new."""
    if not claims:
        return
    rows = [{"document_id": document_id, **{name: getattr(c, name) for name in CLAIM_FIELDS}} for c in claims]
    connection.execute(insert(ClaimRow), rows)
    analysed.count_claims(connection, rows, 1)
    names = {c.region for c in claims} | {c.base_region for c in claims}
    names.discard(None)
    if names:
        known = set(connection.scalars(select(PlaceRow.name).where(PlaceRow.name.in_(names))))
        if names - known:
            connection.execute(insert(PlaceRow), [{"name": name} for name in sorted(names - known)])


def _delete_claims(connection: Connection, document_id: int) -> None:
    """A document's claims, uncounted."""
    columns = (ClaimRow.region, ClaimRow.industry, ClaimRow.product, ClaimRow.metric)
    gone = connection.execute(select(*columns).where(ClaimRow.document_id == document_id)).mappings().all()
    connection.execute(delete(ClaimRow).where(ClaimRow.document_id == document_id))
    analysed.count_claims(connection, gone, -1)


def _count(connection: Connection, run_id: int | None, outcome: str, claims: int) -> None:
    """Add one to a run's count of `outcome`, and `claims` to its claims, in the caller's transaction."""
    if run_id is not None:
        connection.execute(_COUNTS[outcome], {"run": run_id, "claims": claims})


def _matches(column: InstrumentedAttribute, wanted: str | Sequence[str]) -> ColumnElement[bool]:
    """Case-insensitively, as the indexes on lower(column) answer it."""
    values = [wanted] if isinstance(wanted, str) else list(wanted)
    if len(values) == 1:
        return func.lower(column) == values[0].lower()
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
