"""The dashboard's pages in Chromium, over the seeded store served by uvicorn."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from industrywatch.analysis import analyze, claim_records


def series_section(page, label: str):
    return page.locator("section.series").filter(has=page.get_by_role("heading", name=label, exact=True))


def test_place_chart_shows_actual_derived_and_target_points(server, store, page, screenshots):
    analysis = analyze(claim_records(store.claims()))
    (series,) = [
        s
        for s in analysis.series.values()
        if s.key[0] == "Guangyuan" and s.key[4] == "output_value" and not s.key[2]
    ]
    page.goto(f"{server}/places/Guangyuan")
    assert page.get_by_role("heading", level=1).inner_text() == "Guangyuan"
    section = series_section(page, series.label)
    chart = section.locator("svg.chart").first
    markers = chart.locator("g.point[data-period]")
    found = {(m.get_attribute("data-kind"), int(m.get_attribute("data-period"))) for m in markers.all()}
    assert {("actual", 2024), ("derived", 2020), ("derived", 2023), ("target", 2027)} <= found
    actual = chart.locator('g.point[data-kind="actual"][data-period="2024"]')
    assert "41.9 bn CNY" in actual.locator("title").text_content()
    target = chart.locator('g.point[data-kind="target"][data-period="2027"]')
    assert "> 100 bn CNY" in target.locator("title").text_content()
    assert target.locator("path.bound").count() == 1  # "more than": an arrow up
    # Distinct markers: a filled circle, a hollow circle, a triangle.
    fill = "el => getComputedStyle(el).fill"
    derived = chart.locator('g.point[data-kind="derived"][data-period="2023"] circle')
    assert actual.locator("circle").evaluate(fill) != derived.evaluate(fill)
    assert target.locator("path").first.get_attribute("d").endswith("z")
    # The path the target requires: from the latest actual to the target.
    required = chart.locator("line.required[data-from]")
    assert (required.get_attribute("data-from"), required.get_attribute("data-to")) == ("2024", "2027")
    years = chart.locator("text.tick.x").all_text_contents()
    assert "2020" in years and "2027" in years
    section.scroll_into_view_if_needed()
    section.screenshot(path=screenshots / "guangyuan-output-value.png")


def test_urdu_document_is_right_to_left_with_claims_highlighted_at_their_spans(
    server, store, page, screenshots
):
    (doc_id,) = [d for d in store.documents()["doc_id"] if "-ur-" in d and d.startswith("seed-")]
    document = store.document(doc_id)
    claims = claim_records(store.claims(doc_id=doc_id))
    assert claims
    page.goto(f"{server}/documents/{quote(doc_id)}")
    article = page.locator("article.doc-text")
    assert article.get_attribute("dir") == "rtl"
    assert article.get_attribute("lang") == "ur"
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "Nastaliq" in article.evaluate("el => getComputedStyle(el).fontFamily")
    # The page shows the text exactly as stored, so offsets into it are offsets into the document.
    assert article.text_content() == document.text
    marks = article.locator("mark.claim")
    spans = {}
    for mark in marks.all():
        start, end = int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))
        assert mark.text_content() == document.text[start:end]
        spans[(start, end)] = mark
    for claim in claims:
        assert document.text[claim["start"] : claim["end"]] == claim["text"]
    assert set(spans) == {(c["start"], c["end"]) for c in claims}
    # Hovering or focusing a highlight shows its claim record.
    first = min(claims, key=lambda c: c["start"])
    mark = spans[(first["start"], first["end"])]
    assert mark.get_attribute("tabindex") == "0"
    mark.focus()
    tip = mark.evaluate("el => getComputedStyle(el, '::after').content")
    assert first["metric"] in tip and first["modality"] in tip
    page.screenshot(path=screenshots / "urdu-document.png")


def test_scripts_get_their_language_and_noto_font(server, store, page):
    fonts = {"pa": "Noto Sans Gurmukhi", "hi": "Noto Sans Devanagari", "zh": "Noto Sans CJK SC"}
    for doc_id in store.documents()["doc_id"]:
        lang = doc_id.split("-")[0] if not doc_id.startswith("seed-") else doc_id.split("-")[2]
        if lang not in fonts:
            continue
        page.goto(f"{server}/documents/{quote(doc_id)}")
        article = page.locator("article.doc-text")
        assert article.get_attribute("lang") == lang, doc_id
        assert article.get_attribute("dir") == "ltr", doc_id
        assert fonts[lang] in article.evaluate("el => getComputedStyle(el).fontFamily"), doc_id


def test_overview_lists_places_industries_and_targets(server, store, page, screenshots):
    claims = store.claims()
    page.goto(server)
    places = page.locator("table.places tbody tr")
    rows = {r.locator("th").inner_text(): r.locator("td").last.inner_text() for r in places.all()}
    for region, count in claims["region"].value_counts().items():
        assert rows[region] == str(count)
    analysis = analyze(claim_records(claims))
    assert page.locator("table.targets tbody tr").count() == len(analysis.targets)
    met = [t for t in analysis.targets if t.status == "met"]
    assert page.locator('table.targets tr[data-status="met"]').count() == len(met)
    page.get_by_role("link", name="Guangyuan", exact=True).first.click()
    assert page.url.endswith("/places/Guangyuan")
    page.goto(server)
    page.screenshot(path=screenshots / "overview.png", full_page=True)


def test_claims_table_filters_pages_and_downloads_csv(server, store, page):
    wanted = store.claims(region="Guangyuan")
    page.goto(f"{server}/claims")
    page.locator('select[name="region"]').select_option("Guangyuan")
    page.locator('input[name="to"]').fill("2025")
    page.get_by_role("button", name="Filter").click()
    wanted = wanted[wanted["period"].notna() & (wanted["period"] <= 2025)]
    assert page.locator("table.claims tbody tr").count() == len(wanted)
    assert f"{len(wanted)} claims" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == len(wanted) and {r["region"] for r in rows} == {"Guangyuan"}
    page.goto(f"{server}/claims?limit=5")
    first = page.locator("table.claims tbody tr").all_inner_texts()
    page.get_by_role("link", name="next →").click()
    assert page.locator("table.claims tbody tr").count() == 5
    assert page.locator("table.claims tbody tr").all_inner_texts() != first


def test_malformed_filters_get_a_page_that_says_what_is_wrong(server, page):
    response = page.goto(f"{server}/claims?from=20x5")
    assert response.status == 422
    assert "from" in page.locator("p.error").inner_text()


def test_contradictions_page(server, store, page):
    analysis = analyze(claim_records(store.claims()))
    page.goto(f"{server}/contradictions")
    shown = page.locator("table.contradictions tbody tr")
    if analysis.contradictions:
        assert shown.count() == len(analysis.contradictions)
    else:
        assert "No figures contradict" in page.locator("main").inner_text()
