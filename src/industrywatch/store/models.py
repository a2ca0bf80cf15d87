"""The tables: documents and their claims, the places claims name, ingest runs and their errors, and
what is kept up to date beside them so that reading needs no scan of every claim: claims per place and
industry, and each analysis group's targets and contradictions."""

from datetime import UTC, date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator):
    """A moment in UTC, read back with its zone: SQLite keeps no zone, so what it holds (old rows too) is
    UTC without one; PostgreSQL keeps a timestamptz and answers in the session's zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"{value} has no time zone; give stored times in UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_name)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class DocumentRow(Base):
    """A stored text; `doc_key` is the reader's document id, `content_hash` the SHA-256 of the text."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(2048), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(String(2048), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16), index=True)
    published: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    run_id: Mapped[int | None] = mapped_column(Integer)  # the run that stored its text


class ClaimRow(Base):
    """A claim as `records.Claim` has it; its `doc_id` is its document's `doc_key`."""

    __tablename__ = "claims"
    # An analysis group's claims are found by (metric, industry, product), a document's in text order.
    __table_args__ = (
        Index("ix_claims_group", "metric", "industry", "product"),
        Index("ix_claims_document_id", "document_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    metric: Mapped[str] = mapped_column(String(64))
    relation: Mapped[str] = mapped_column(String(16))
    bound: Mapped[str] = mapped_column(String(8))
    value_max: Mapped[float | None] = mapped_column(Float)
    period: Mapped[int | None] = mapped_column(Integer, index=True)
    base_period: Mapped[int | None] = mapped_column(Integer)
    modality: Mapped[str] = mapped_column(String(16))
    region: Mapped[str | None] = mapped_column(String(256))
    base_region: Mapped[str | None] = mapped_column(String(256))
    industry: Mapped[str | None] = mapped_column(String(128))
    product: Mapped[str | None] = mapped_column(String(256))
    organization: Mapped[str | None] = mapped_column(String(256))
    confidence: Mapped[float] = mapped_column(Float)


class PlaceRow(Base):
    """A place that claims name as their region or base region, by its canonical English name."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(256), unique=True)


class RunRow(Base):
    """One ingest or reextract run; its counts grow with each document, in that document's transaction."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    command: Mapped[str] = mapped_column(String(32))
    started: Mapped[datetime] = mapped_column(UTCDateTime())
    finished: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))
    host: Mapped[str | None] = mapped_column(String(255))  # where the run's process runs, and its id
    pid: Mapped[int | None] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer, default=0)
    replaced: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    duplicate: Mapped[int] = mapped_column(Integer, default=0)  # met earlier in the same run
    claims: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)


class ErrorRow(Base):
    """A source or record a run could not read, and why."""

    __tablename__ = "errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    record: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class PlaceCountRow(Base):
    """How many claims are about a place in an industry ('' for none), kept by every write of claims in
    its own transaction: the overview and /api/places read these rows, not the claims."""

    __tablename__ = "place_counts"
    __table_args__ = (UniqueConstraint("region", "industry", name="uq_place_counts_region_industry"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(256))
    industry: Mapped[str] = mapped_column(String(128))
    claims: Mapped[int] = mapped_column(Integer)


class AnalysisGroupRow(Base):
    """Claims of one industry, product and metric ('' for none): every derivation stays inside one, so
    the analysis of all claims is the union of each group's. A write of its claims adds one to `changes`;
    the targets and contradictions stored for it hold for `analysed`, and are stale while they differ."""

    __tablename__ = "analysis_groups"
    __table_args__ = (UniqueConstraint("industry", "product", "metric", name="uq_analysis_groups_industry"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    industry: Mapped[str] = mapped_column(String(128))
    product: Mapped[str] = mapped_column(String(256))
    metric: Mapped[str] = mapped_column(String(64))
    changes: Mapped[int] = mapped_column(Integer)
    analysed: Mapped[int] = mapped_column(Integer)
    targets: Mapped[int] = mapped_column(Integer, default=0)  # how many rows it has in `targets`
    contradictions: Mapped[int] = mapped_column(Integer, default=0)


class TargetRow(Base):
    """A target of a series and its progress as its group's analysis found it; whether its deadline has
    passed is decided when it is read. Points are JSON (`store.analysed`)."""

    __tablename__ = "targets"
    __table_args__ = (Index("ix_targets_label", "label", "deadline"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("analysis_groups.id", ondelete="CASCADE"), index=True)
    region: Mapped[str | None] = mapped_column(String(256))
    industry: Mapped[str | None] = mapped_column(String(128))
    product: Mapped[str | None] = mapped_column(String(256))
    organization: Mapped[str | None] = mapped_column(String(256))
    metric: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text)
    deadline: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(Text)
    latest: Mapped[str | None] = mapped_column(Text)
    required_rate: Mapped[float | None] = mapped_column(Float)
    observed_rate: Mapped[float | None] = mapped_column(Float)
    projected: Mapped[float | None] = mapped_column(Float)


class ContradictionRow(Base):
    """Two figures of one series and year that cannot both hold, as its group's analysis found them."""

    __tablename__ = "contradictions"
    __table_args__ = (Index("ix_contradictions_label", "label", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("analysis_groups.id", ondelete="CASCADE"), index=True)
    region: Mapped[str | None] = mapped_column(String(256))
    industry: Mapped[str | None] = mapped_column(String(128))
    product: Mapped[str | None] = mapped_column(String(256))
    organization: Mapped[str | None] = mapped_column(String(256))
    metric: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text)
    period: Mapped[int] = mapped_column(Integer)
    a: Mapped[str] = mapped_column(Text)
    b: Mapped[str] = mapped_column(Text)
    gap: Mapped[float] = mapped_column(Float)


# Filters match case-insensitively: their indexes are on lower(column).
Index("ix_documents_doc_key_lower", func.lower(DocumentRow.doc_key))
Index("ix_documents_lang_lower", func.lower(DocumentRow.lang))
# A page of claims filtered by region, industry or metric is read in order from one of these; a count
# of claims filtered by region and more, from the index alone.
for _name in ("region", "industry", "metric"):
    _column = getattr(ClaimRow, _name)
    Index(f"ix_claims_{_name}_lower", func.lower(_column), ClaimRow.document_id, ClaimRow.start)
Index("ix_claims_base_region_lower", func.lower(ClaimRow.base_region))
Index(
    "ix_claims_filters",
    *(func.lower(getattr(ClaimRow, name)) for name in ("region", "metric", "industry", "modality")),
    ClaimRow.period,
)
Index("ix_targets_region_lower", func.lower(TargetRow.region))
Index("ix_contradictions_region_lower", func.lower(ContradictionRow.region))
