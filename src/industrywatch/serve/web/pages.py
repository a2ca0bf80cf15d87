"""The dashboard's pages, rendered on the server: overview, place, claims, documents, contradictions,
and the API's reference, read from its OpenAPI schema."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from industrywatch.analysis import analyze, claim_records
from industrywatch.serve.formatting import CLAIM_COLUMNS as TABLE_COLUMNS
from industrywatch.serve.formatting import clipped
from industrywatch.serve.web import environment
from industrywatch.serve.web.queries import ClaimFiltersForm, ClaimForm, DocId
from industrywatch.serve.web.views import (
    TARGET_HEADER,
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
from industrywatch.store.store import Store

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(env=environment())
CLAIM_COLUMNS = (*TABLE_COLUMNS, "industry", "product")


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
    claims = store.claims()
    analysis = analyze(claim_records(claims))
    industries, places = place_matrix(claims)
    return page(
        request,
        "overview.html",
        counts=store.counts(),
        industries=industries,
        places=places,
        target_header=TARGET_HEADER,
        targets=target_rows(analysis),
        contradictions=len(analysis.contradictions),
    )


@router.get("/places/{name:path}", response_class=HTMLResponse)
def place(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    # All claims, not only the place's: points derived from a share name the whole as their place.
    analysis = load_analysis(store)
    industries = place_industries(analysis, name)
    if not industries:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no series for the place {clipped(name)!r}")
    region = industries[0].series[0].series.key[0]
    return page(request, "place.html", region=region, industries=industries)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep, query: Annotated[ClaimForm, Query()]) -> HTMLResponse:
    everything = store.claims()
    frame = store.claims(**query.arguments())
    rows = claim_records(frame.iloc[query.offset : query.offset + query.limit])
    params = query.params()
    links = {}
    if query.offset > 0:
        links["previous"] = max(query.offset - query.limit, 0)
    if query.offset + query.limit < len(frame):
        links["next"] = query.offset + query.limit
    links = {
        k: "/claims?" + urlencode({**params, "offset": v, "limit": query.limit}) for k, v in links.items()
    }
    choices = {c: sorted(everything[c].dropna().unique()) for c in ("region", "industry", "metric", "lang")}
    return page(
        request,
        "claims.html",
        query=query,
        rows=rows,
        total=len(frame),
        columns=CLAIM_COLUMNS,
        choices=choices,
        links=links,
        csv="/claims.csv?" + urlencode(params),
        summary=claim_summary,
    )


@router.get("/claims.csv")
def claims_csv(store: StoreDep, query: Annotated[ClaimFiltersForm, Query()]) -> Response:
    frame = store.claims(**query.arguments())
    return Response(
        frame.to_csv(index=False),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="claims.csv"'},
    )


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "documents.html", documents=claim_records(store.documents()))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, doc_id: Annotated[DocId, Path()]) -> HTMLResponse:
    found = store.document(doc_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {clipped(doc_id)!r}")
    claims = claim_records(store.claims(doc_id=doc_id))
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
def contradictions(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "contradictions.html", rows=contradiction_rows(load_analysis(store)))


@router.get("/docs", response_class=HTMLResponse)
def api_reference(request: Request) -> HTMLResponse:
    return page(request, "docs.html", schema=request.app.openapi())
