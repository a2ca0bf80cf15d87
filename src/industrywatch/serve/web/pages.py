"""The dashboard's pages, rendered on the server: overview, place, claims, documents, contradictions,
and the API's reference, read from its OpenAPI schema."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates

from industrywatch.analysis import Analysis
from industrywatch.serve.formatting import CLAIM_COLUMNS as TABLE_COLUMNS
from industrywatch.serve.formatting import TARGET_HEADER, clipped, csv_lines
from industrywatch.serve.web import environment
from industrywatch.serve.web.queries import ClaimFiltersForm, ClaimForm, DocId, DocumentQuery, Paging
from industrywatch.serve.web.views import (
    claim_summary,
    contradiction_rows,
    highlight,
    load_analysis,
    place_industries,
    place_matrix,
    target_rows,
    text_direction,
    text_language,
)
from industrywatch.store.store import CLAIM_COLUMNS as STORED_COLUMNS
from industrywatch.store.store import Store

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(env=environment())
CLAIM_COLUMNS = (*TABLE_COLUMNS, "industry", "product")
OVERVIEW_PLACES = 50  # the places with the most claims; /api/places lists them all
OVERVIEW_TARGETS = 100  # the first targets by series; each place's page shows its own


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def page(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"standalone": False, **context})


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "error.html",
        {"standalone": False, "status_code": status_code, "message": message},
        status_code=status_code,
    )


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    busiest = [region for region, _ in store.busiest_places(OVERVIEW_PLACES + 1)]
    industries, places = place_matrix(store.place_counts(busiest[:OVERVIEW_PLACES]))
    targets = store.targets(limit=OVERVIEW_TARGETS)
    return page(
        request,
        "overview.html",
        counts={**store.counts(), **store.analysis_counts()},
        industries=industries,
        places=places,
        more_places=len(busiest) > OVERVIEW_PLACES,
        target_header=TARGET_HEADER,
        targets=target_rows(Analysis([], {}, [], targets)),
    )


@router.get("/places/{name:path}", response_class=HTMLResponse)
def place(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    analysis = load_analysis(store, name)
    industries = place_industries(analysis, name)
    if not industries:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no series for the place {clipped(name)!r}")
    region = industries[0].series[0].series.key[0]
    return page(request, "place.html", region=region, industries=industries)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep, query: Annotated[ClaimForm, Query()]) -> HTMLResponse:
    total, rows = store.claim_page(query.limit, query.offset, **query.arguments())
    params = query.params()
    return page(
        request,
        "claims.html",
        query=query,
        rows=rows,
        total=total,
        columns=CLAIM_COLUMNS,
        choices=store.choices(),
        links=pager("/claims", params, query.offset, query.limit, total),
        csv="/claims.csv?" + urlencode(params),
        summary=claim_summary,
    )


@router.get("/claims.csv")
def claims_csv(store: StoreDep, query: Annotated[ClaimFiltersForm, Query()]) -> Response:
    return StreamingResponse(
        csv_lines(store.claim_records(**query.arguments()), STORED_COLUMNS),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="claims.csv"'},
    )


def pager(path: str, params: dict, offset: int, limit: int, total: int) -> dict[str, str]:
    """Links to the previous and the next page of a listing, where there is one."""
    links = {}
    if offset > 0:
        links["previous"] = max(offset - limit, 0)
    if offset + limit < total:
        links["next"] = offset + limit
    return {k: f"{path}?" + urlencode({**params, "offset": v, "limit": limit}) for k, v in links.items()}


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep, query: Annotated[DocumentQuery, Query()]) -> HTMLResponse:
    total, rows = store.document_page(query.limit, query.offset, query.lang)
    params = {"lang": query.lang} if query.lang else {}
    links = pager("/documents", params, query.offset, query.limit, total)
    return page(request, "documents.html", documents=rows, total=total, query=query, links=links)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, doc_id: Annotated[DocId, Path()]) -> HTMLResponse:
    found = store.document(doc_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {clipped(doc_id)!r}")
    claims = list(store.claim_records(doc_id=doc_id))
    return page(
        request,
        "document.html",
        document=found,
        pieces=highlight(found.text, claims),
        lang=text_language(found.text, found.lang),
        direction=text_direction(found.text),
        claims=claims,
        summary=claim_summary,
    )


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, store: StoreDep, query: Annotated[Paging, Query()]) -> HTMLResponse:
    found = store.contradictions(limit=query.limit, offset=query.offset)
    total = store.analysis_counts()["contradictions"]
    links = pager("/contradictions", {}, query.offset, query.limit, total)
    rows = contradiction_rows(Analysis([], {}, found, []))
    return page(request, "contradictions.html", rows=rows, total=total, query=query, links=links)


@router.get("/docs", response_class=HTMLResponse)
def api_reference(request: Request) -> HTMLResponse:
    return page(request, "docs.html", schema=request.app.openapi())
