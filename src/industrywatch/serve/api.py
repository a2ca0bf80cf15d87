"""The REST API and the web dashboard: one FastAPI app over a Store. Reading is open; adding documents
needs the token the server was started with (`--token` or $INDUSTRYWATCH_TOKEN) and is off without one.
What the API serves is what its schema at /openapi.json says, status codes included."""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any

import uvicorn
from fastapi import APIRouter, FastAPI, HTTPException, Path, Query, Request, Security, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import (
    AnyUrl,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    UrlConstraints,
)
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from industrywatch.analysis import Point, Series
from industrywatch.claims import extract
from industrywatch.errors import IndustrywatchError
from industrywatch.ingest.common import newlines, with_language
from industrywatch.langpacks import available
from industrywatch.records import Claim, Document
from industrywatch.serve.fetch import FetchError, FetchPolicy, Refused, TimedOut, fetch_document
from industrywatch.serve.formatting import clipped
from industrywatch.serve.guards import MAX_BODY, BodyLimit, SecurityHeaders
from industrywatch.serve.web import STATIC, pages
from industrywatch.serve.web.pages import StoreDep
from industrywatch.serve.web.queries import (
    NO_NUL,
    AnalysisQuery,
    ClaimQuery,
    DocId,
    DocumentQuery,
    IsoDate,
    NoParameters,
    SeriesQuery,
    TargetQuery,
)
from industrywatch.serve.web.views import load_analysis, place_matrix
from industrywatch.store.store import Store

TOKEN_ENV = "INDUSTRYWATCH_TOKEN"
log = logging.getLogger(__name__)


# -- bodies ------------------------------------------------------------------------------------------------


# Text that every store can hold: no NUL character (the pattern); pydantic refuses lone surrogates itself.
Text = Annotated[str, StringConstraints(min_length=1, pattern=NO_NUL)]
Short = Annotated[Text, StringConstraints(max_length=2048)]
Language = StrEnum("Language", {code: code for code in available()})
WebUrl = Annotated[AnyUrl, UrlConstraints(max_length=2048, allowed_schemes=["http", "https"])]


class AddText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text = Field(description="The report, as UTF-8 text (the whole body within the server's limit).")
    id: Short | None = Field(None, description="Document id (default: from the text).")
    lang: Language | None = Field(None, description="Language code; detected when not given.")
    title: Text | None = None
    published: IsoDate | None = None
    url: Short | None = None


class AddUrl(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: WebUrl = Field(description="An HTML or plain-text page to fetch, on a public address.")
    id: Short | None = Field(None, description="Document id (default: the URL).")
    lang: Language | None = Field(None, description="Language code; detected when not given.")


# -- responses ---------------------------------------------------------------------------------------------


def _finite(value: Any) -> Any:
    """A figure out of float range (an older store's `inf`) is served as null, never as a number."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _utc(value: Any) -> Any:
    """Times are stored in UTC; a database that returns them without their zone (SQLite) gets it back."""
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) and value.tzinfo is None else value


Figure = Annotated[float | None, BeforeValidator(_finite)]
Utc = Annotated[AwareDatetime, BeforeValidator(_utc)]


class Out(BaseModel):
    """Every number served is finite: one that is not fails here rather than turn into null."""

    model_config = ConfigDict(allow_inf_nan=False)


class DocumentOut(Out):
    doc_id: str
    title: str | None
    lang: str | None
    published: date | None
    url: str | None
    source: str | None
    content_hash: str
    chars: int
    claims: int
    ingested_at: Utc


class ClaimOut(Out):
    doc_id: str
    start: int = Field(description="Offset of the first character in the document's text.")
    end: int = Field(description="Offset after the last character (exclusive).")
    text: str
    value: Figure = Field(description="null when the stored figure is out of range (not finite).")
    unit: str
    metric: str
    relation: str
    bound: str
    value_max: Figure
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


class Page(Out):
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


class PlaceOut(Out):
    name: str
    claims: int
    industries: dict[str, int]


class EvidenceOut(Out):
    doc_id: str
    text: str
    start: int
    end: int


class PointOut(Out):
    period: int
    kind: str = Field(description="actual, target, forecast or derived.")
    value: Figure = Field(description="null when the figure is out of range (not finite).")
    bound: str
    unit: str
    derivation: str | None
    evidence: list[EvidenceOut]


class SeriesOut(Out):
    label: str
    region: str | None
    industry: str | None
    product: str | None
    organization: str | None
    metric: str
    points: list[PointOut]


class TargetOut(Out):
    series: SeriesOut
    deadline: int
    target: PointOut
    status: str = Field(description="met, missed, on track, at risk, off track or unknown.")
    latest: PointOut | None
    required_rate: Figure
    observed_rate: Figure
    projected: Figure


class ContradictionOut(Out):
    series: SeriesOut
    period: int
    a: PointOut
    b: PointOut
    gap: Figure = Field(description="Relative: 0.2 is twenty per cent; null when out of range.")


class Added(Out):
    doc_id: str = Field(description="The id it is stored under: that of an earlier copy of the same text.")
    outcome: str = Field(description="added, replaced or unchanged.")
    claims: int


class Problem(Out):
    detail: str = Field(description="What is wrong, and what to do about it.")


class FieldProblem(Out):
    loc: list[str | int] = Field(description="Where: query, path or body, then the field.")
    msg: str
    type: str


class Invalid(Out):
    detail: list[FieldProblem]


def point_out(p: Point) -> PointOut:
    evidence = [EvidenceOut(doc_id=e.doc_id, text=e.text, start=e.start, end=e.end) for e in p.evidence]
    return PointOut(
        period=p.period,
        kind=p.kind,
        value=p.value,
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

INVALID = {422: {"model": Invalid, "description": "A parameter or the body is unknown, empty or malformed."}}
NOT_FOUND = {404: {"model": Problem, "description": "No such document."}}
WRITE = {
    400: {"model": Problem, "description": "The body could not be read as JSON text."},
    401: {"model": Problem, "description": "The token is missing or wrong."},
    403: {"model": Problem, "description": "This server takes no writes (it was started without a token)."},
    413: {"model": Problem, "description": "The body is larger than the server's limit (serve --max-body)."},
    422: {"model": Invalid | Problem, "description": "The body is malformed, or its text cannot be used."},
}
FETCH_STATUS = {Refused: status.HTTP_422_UNPROCESSABLE_CONTENT, TimedOut: status.HTTP_504_GATEWAY_TIMEOUT}
FETCH = {
    502: {"model": Problem, "description": "The page could not be fetched: the reason says why."},
    504: {"model": Problem, "description": "Fetching the page took longer than the server allows."},
}
bearer = HTTPBearer(auto_error=False, description=f"The token the server was started with (${TOKEN_ENV}).")


class TokenFirst(APIRoute):
    """A route that checks the token before anything reads or parses the request's body."""

    def get_route_handler(self):
        handle = super().get_route_handler()

        async def checked(request: Request) -> Response:
            require_token(request, await bearer(request))
            return await handle(request)

        return checked


api = APIRouter(prefix="/api", tags=["api"], responses=INVALID)
writes = APIRouter(
    prefix="/api", tags=["api"], route_class=TokenFirst, dependencies=[Security(bearer)], responses=WRITE
)


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
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


@api.get("/documents/{doc_id:path}", summary="One document with its text and its claims", responses=NOT_FOUND)
def get_document(
    store: StoreDep,
    doc_id: Annotated[DocId, Path(description="The document's id.")],
    _none: Annotated[NoParameters, Query()],
) -> DocumentDetail:
    found = store.document_summary(doc_id)
    document = store.document(doc_id)
    if found is None or document is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {clipped(doc_id)!r}")
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


@writes.post("/documents", summary="Add a document from its text (needs the token)", status_code=201)
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


@writes.post(
    "/documents/from-url",
    summary="Fetch a page and add it as a document (needs the token)",
    status_code=201,
    responses=FETCH,
)
def add_url(request: Request, store: StoreDep, body: AddUrl) -> Added:
    url = str(body.url)
    try:
        found = fetch_document(url, body.id or url, body.lang, request.app.state.fetch)
    except FetchError as e:
        code = FETCH_STATUS.get(type(e), status.HTTP_502_BAD_GATEWAY)
        raise HTTPException(code, f"could not fetch {url}: {e}") from None
    if not isinstance(found, Document):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"{url}: {found.reason}")
    return add_document(store, found)


def add_document(store: Store, document: Document) -> Added:
    """Extract a document's claims and store both, in a run of its own."""
    run_id = store.start_run("api")
    try:
        claims = [] if store.contains(document) else claims_of(document := with_language(document))
        outcome = store.add(document, claims, run_id)
        stored_as = store.stored_as(document) or document.id
    except IndustrywatchError as e:
        store.finish_run(run_id, "failed")
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(e)) from None
    store.finish_run(run_id)
    return Added(doc_id=stored_as, outcome=outcome, claims=len(claims))


def claims_of(document: Document) -> list[Claim]:
    """The document's claims. The extractor failing on a text is that text's problem, answered as such
    (and logged with its traceback), not the server's."""
    try:
        return extract(document.text, lang=document.lang, published=document.published, doc_id=document.id)
    except IndustrywatchError:
        raise
    except Exception as e:
        log.exception("extracting the claims of %r failed", clipped(document.id))
        raise IndustrywatchError("the claims of this text could not be extracted; nothing was stored") from e


# -- the app -----------------------------------------------------------------------------------------------


def create_app(
    db: str | None = None,
    token: str | None = None,
    max_body: int = MAX_BODY,
    fetch: FetchPolicy | None = None,
) -> FastAPI:
    """The app over the database at `db`, which must have its tables (`industrywatch db upgrade`).
    Request bodies and fetched pages are capped at `max_body` bytes; `fetch` says what fetching may do."""
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
    app.state.fetch = FetchPolicy(limit=max_body) if fetch is None else fetch
    app.include_router(api)
    app.include_router(writes)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(IndustrywatchError, _user_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json"))


async def _user_error(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_400_BAD_REQUEST)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Pages answer errors with a page, the API with JSON."""
    if exc.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        exc.headers = {**(exc.headers or {}), "Allow": _allowed_methods(request)}
    if _is_page(request):
        return pages.error_page(request, exc.status_code, str(exc.detail))
    return await http_exception_handler(request, exc)


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at the request's path: Starlette's 405 names only the first route's,
    and GET /api/documents and POST /api/documents are two routes."""
    methods: set[str] = set()
    for route in (*api.routes, *writes.routes, *pages.router.routes):
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches(request.scope)
            if match is not Match.NONE:
                methods |= route.methods
    return ", ".join(sorted(methods))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    """What is wrong, field by field, without the input itself: an error never echoes what was sent."""
    problems = [
        FieldProblem(
            loc=[part if isinstance(part, int) else clipped(str(part)) for part in e["loc"]],
            msg=e["msg"],
            type=e["type"],
        )
        for e in exc.errors()
    ]
    if _is_page(request):
        message = "; ".join(f"{'.'.join(map(str, p.loc[1:])) or 'query'}: {p.msg}" for p in problems)
        return pages.error_page(request, status.HTTP_422_UNPROCESSABLE_CONTENT, message)
    return JSONResponse(Invalid(detail=problems).model_dump(), status.HTTP_422_UNPROCESSABLE_CONTENT)


def serve(
    db: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    max_body: int = MAX_BODY,
    fetch: FetchPolicy | None = None,
) -> None:
    """Run the app with uvicorn until interrupted."""
    uvicorn.run(create_app(db, token, max_body, fetch), host=host, port=port)
