"""The REST API and the web dashboard: one FastAPI app over a Store. Reading is open; adding documents
needs the token the server was started with (`--token` or $INDUSTRYWATCH_TOKEN) and is off without one."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import replace
from datetime import date, datetime
from typing import Annotated

import httpx
import uvicorn
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request, status
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, HttpUrl
from starlette.exceptions import HTTPException as StarletteHTTPException

from industrywatch.analysis import Point, Series
from industrywatch.claims import extract
from industrywatch.errors import IndustrywatchError
from industrywatch.ingest import SourceError
from industrywatch.ingest.common import UnreadableText, decode, newlines
from industrywatch.ingest.html import html_document
from industrywatch.records import Document
from industrywatch.serve.web import STATIC, pages
from industrywatch.serve.web.pages import StoreDep
from industrywatch.serve.web.queries import (
    AnalysisQuery,
    ClaimQuery,
    DocumentQuery,
    NoParameters,
    SeriesQuery,
    TargetQuery,
)
from industrywatch.serve.web.views import load_analysis, place_matrix
from industrywatch.store.store import Store

TOKEN_ENV = "INDUSTRYWATCH_TOKEN"
FETCH_TIMEOUT = 10.0  # seconds, for adding a document by URL
FETCH_LIMIT = 10 << 20  # bytes


# -- bodies and responses ----------------------------------------------------------------------------------


class AddText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=FETCH_LIMIT, description="The report, as UTF-8 text.")
    id: str | None = Field(
        None, min_length=1, max_length=2048, description="Document id (default: from the text)."
    )
    lang: str | None = Field(None, description="Language code; detected when not given.")
    title: str | None = None
    published: date | None = None
    url: str | None = None


class AddUrl(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: HttpUrl = Field(description="An HTML or plain-text page to fetch.")
    id: str | None = Field(None, min_length=1, max_length=2048, description="Document id (default: the URL).")
    lang: str | None = Field(None, description="Language code; detected when not given.")


class DocumentOut(BaseModel):
    doc_id: str
    title: str | None
    lang: str | None
    published: date | None
    url: str | None
    source: str | None
    content_hash: str
    chars: int
    claims: int
    ingested_at: datetime | None


class ClaimOut(BaseModel):
    doc_id: str
    start: int = Field(description="Offset of the first character in the document's text.")
    end: int = Field(description="Offset after the last character (exclusive).")
    text: str
    value: float
    unit: str
    metric: str
    relation: str
    bound: str
    value_max: float | None
    period: int | None
    base_period: int | None
    modality: str
    region: str | None
    base_region: str | None
    industry: str | None
    product: str | None
    organization: str | None
    confidence: float
    lang: str | None
    published: date | None
    url: str | None
    title: str | None


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class DocumentPage(Page):
    items: list[DocumentOut]


class ClaimPage(Page):
    items: list[ClaimOut]


class DocumentDetail(DocumentOut):
    text: str
    claim_records: list[ClaimOut]


class PlaceOut(BaseModel):
    name: str
    claims: int
    industries: dict[str, int]


class EvidenceOut(BaseModel):
    doc_id: str
    text: str
    start: int
    end: int


class PointOut(BaseModel):
    period: int
    kind: str = Field(description="actual, target, forecast or derived.")
    value: float | None
    bound: str
    unit: str
    derivation: str | None
    evidence: list[EvidenceOut]


class SeriesOut(BaseModel):
    label: str
    region: str | None
    industry: str | None
    product: str | None
    organization: str | None
    metric: str
    points: list[PointOut]


class TargetOut(BaseModel):
    series: SeriesOut
    deadline: int
    target: PointOut
    status: str = Field(description="met, missed, on track, at risk, off track or unknown.")
    latest: PointOut | None
    required_rate: float | None
    observed_rate: float | None
    projected: float | None


class ContradictionOut(BaseModel):
    series: SeriesOut
    period: int
    a: PointOut
    b: PointOut
    gap: float = Field(description="Relative: 0.2 is twenty per cent.")


class Added(BaseModel):
    doc_id: str
    outcome: str = Field(description="added, replaced or unchanged.")
    claims: int


def point_out(p: Point) -> PointOut:
    evidence = [EvidenceOut(doc_id=e.doc_id, text=e.text, start=e.start, end=e.end) for e in p.evidence]
    value = p.value if math.isfinite(p.value) else None
    return PointOut(
        period=p.period,
        kind=p.kind,
        value=value,
        bound=p.bound,
        unit=p.unit,
        derivation=p.derivation,
        evidence=evidence,
    )


def series_out(s: Series, points: bool = True) -> SeriesOut:
    region, industry, product, organization, metric = s.key
    return SeriesOut(
        label=s.label,
        region=region,
        industry=industry,
        product=product,
        organization=organization,
        metric=metric,
        points=[point_out(p) for p in s.points] if points else [],
    )


# -- the JSON API ------------------------------------------------------------------------------------------

api = APIRouter(prefix="/api", tags=["api"])
bearer = HTTPBearer(auto_error=False, description=f"The token the server was started with (${TOKEN_ENV}).")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Writes need the server's token; without a configured token they are off."""
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"adding documents is off: start the server with --token or ${TOKEN_ENV} to allow it",
        )
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a missing or wrong token: send the header 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


@api.get("/documents", summary="Stored documents, without their text")
def list_documents(store: StoreDep, query: Annotated[DocumentQuery, Query()]) -> DocumentPage:
    total, records = store.document_page(query.limit, query.offset, query.lang)
    items = [DocumentOut(**r) for r in records]
    return DocumentPage(total=total, limit=query.limit, offset=query.offset, items=items)


@api.get("/documents/{doc_id:path}", summary="One document with its text and its claims")
def get_document(
    store: StoreDep,
    doc_id: Annotated[str, Path(description="The document's id.")],
    _none: Annotated[NoParameters, Query()],
) -> DocumentDetail:
    found = store.document_summary(doc_id)
    document = store.document(doc_id)
    if found is None or document is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {doc_id!r}")
    claims = [ClaimOut(**r) for r in store.claim_records(doc_id=doc_id)]
    return DocumentDetail(**found, text=document.text, claim_records=claims)


@api.get("/claims", summary="Stored claims, filtered, a page at a time")
def list_claims(store: StoreDep, query: Annotated[ClaimQuery, Query()]) -> ClaimPage:
    total, records = store.claim_page(query.limit, query.offset, **query.arguments())
    items = [ClaimOut(**r) for r in records]
    return ClaimPage(total=total, limit=query.limit, offset=query.offset, items=items)


@api.get("/places", summary="Every place claims are about, with its claims per industry")
def list_places(store: StoreDep, _none: Annotated[NoParameters, Query()]) -> list[PlaceOut]:
    _, rows = place_matrix(store.place_counts())
    return [PlaceOut(name=r.name, claims=r.total, industries=r.counts) for r in rows]


@api.get("/series", summary="Series: reported, derived, forecast and target points with their evidence")
def list_series(store: StoreDep, query: Annotated[SeriesQuery, Query()]) -> list[SeriesOut]:
    analysis = load_analysis(store, query.region, query.industry, query.metric)
    return [series_out(s) for s in sorted(analysis.series.values(), key=lambda s: s.label)]


@api.get("/targets", summary="Every target with its status, as `industrywatch targets` shows it")
def list_targets(store: StoreDep, query: Annotated[TargetQuery, Query()]) -> list[TargetOut]:
    return [
        TargetOut(
            series=series_out(t.series, points=False),
            deadline=t.target.period,
            target=point_out(t.target),
            status=t.status,
            latest=point_out(t.latest) if t.latest else None,
            required_rate=t.required_rate,
            observed_rate=t.observed_rate,
            projected=t.projected,
        )
        for t in store.targets(query.region, query.industry, query.as_of)
    ]


@api.get("/contradictions", summary="Figures that contradict each other, with both pieces of evidence")
def list_contradictions(store: StoreDep, query: Annotated[AnalysisQuery, Query()]) -> list[ContradictionOut]:
    return [
        ContradictionOut(
            series=series_out(c.series, points=False),
            period=c.period,
            a=point_out(c.a),
            b=point_out(c.b),
            gap=c.gap,
        )
        for c in store.contradictions(query.region, query.industry)
    ]


@api.post(
    "/documents",
    summary="Add a document from its text (needs the token)",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_token)],
)
def add_text(store: StoreDep, body: AddText) -> Added:
    doc_id = body.id or "api-" + hashlib.sha256(body.text.encode()).hexdigest()[:16]
    document = Document(
        id=doc_id,
        text=newlines(body.text),
        lang=body.lang,
        published=body.published,
        url=body.url,
        title=body.title,
        source="api",
    )
    return add_document(store, document)


@api.post(
    "/documents/from-url",
    summary="Fetch a page and add it as a document (needs the token)",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_token)],
)
def add_url(store: StoreDep, body: AddUrl) -> Added:
    url = str(body.url)
    found = fetch_document(url, body.id or url, body.lang)
    if isinstance(found, SourceError):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"{url}: {found.reason}")
    return add_document(store, found)


def fetch_document(url: str, doc_id: str, lang: str | None) -> Document | SourceError:
    """The document at a URL (HTML through the HTML reader, else plain text); a failed fetch is a 502."""
    try:
        with httpx.stream("GET", url, timeout=FETCH_TIMEOUT, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise HTTPException(
                    status.HTTP_502_BAD_GATEWAY, f"could not fetch {url}: it answered {response.status_code}"
                )
            data = b""
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > FETCH_LIMIT:
                    raise HTTPException(
                        status.HTTP_502_BAD_GATEWAY, f"could not fetch {url}: larger than {FETCH_LIMIT} bytes"
                    )
            content_type = response.headers.get("content-type", "").lower()
            charset = response.charset_encoding
    except httpx.HTTPError as e:
        raise HTTPException(
            status.HTTP_502_BAD_GATEWAY, f"could not fetch {url}: {type(e).__name__}: {e}"
        ) from None
    if "html" in content_type or data.lstrip()[:1] == b"<":
        document = html_document(data, doc_id=doc_id, source=url, url=url, charset=charset)
    else:
        try:
            document = Document(id=doc_id, text=newlines(decode(data, charset)), url=url, source=url)
        except UnreadableText as e:
            return SourceError(url, None, str(e))
    return replace(document, lang=lang) if isinstance(document, Document) and lang else document


def add_document(store: Store, document: Document) -> Added:
    """Extract a document's claims and store both, in a run of its own."""
    run_id = store.start_run("api")
    try:
        claims = (
            []
            if store.contains(document)
            else extract(document.text, lang=document.lang, published=document.published, doc_id=document.id)
        )
        outcome = store.add(document, claims, run_id)
    except IndustrywatchError as e:
        store.finish_run(run_id, "failed")
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(e)) from None
    store.finish_run(run_id)
    return Added(doc_id=document.id, outcome=outcome, claims=len(claims))


# -- the app -----------------------------------------------------------------------------------------------


def create_app(db: str | None = None, token: str | None = None) -> FastAPI:
    """The app over the database at `db`, which must have its tables (`industrywatch db upgrade`)."""
    store = Store(db)
    store.counts()  # a database without tables fails here, with the message saying what to run
    app = FastAPI(
        title="industrywatch",
        summary="Quantitative claims from reports on regional industrial development: documents, claims, "
        "places, series, targets and contradictions.",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token
    app.include_router(api)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(IndustrywatchError, _user_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    return app


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json"))


async def _user_error(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_400_BAD_REQUEST)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Pages answer errors with a page, the API with JSON."""
    if _is_page(request):
        return pages.error_page(request, exc.status_code, str(exc.detail))
    return await http_exception_handler(request, exc)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    if _is_page(request):
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'][1:])) or 'query'}: {e['msg']}" for e in exc.errors()
        )
        return pages.error_page(request, status.HTTP_422_UNPROCESSABLE_CONTENT, problems)
    return await request_validation_exception_handler(request, exc)


def serve(db: str | None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted."""
    uvicorn.run(create_app(db, token), host=host, port=port)
