"""Series, derived points, contradictions and target status, on the seed reports and planted cases."""

from __future__ import annotations

from datetime import date

import pytest

from industrywatch import extract
from industrywatch.analysis import analyze


def records(doc_id: str, text: str, lang: str | None = None, published: date | None = None) -> list[dict]:
    return [c.to_record() for c in extract(text, lang=lang, published=published, doc_id=doc_id)]


@pytest.fixture(scope="module")
def seeds(shared):
    rows = []
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        rows += records(path.stem, path.read_text(encoding="utf-8"))
    return analyze(rows, as_of=date(2025, 11, 14))


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_guangyuan_output_value_series(seeds):
    series = seeds.series[("Guangyuan", "aluminium", None, None, "output_value")]
    points = {(p.period, p.kind, p.bound): p for p in series.points}
    change_2020 = only([p for p in series.points if p.period == 2020 and p.bound == "eq"])
    assert change_2020.kind == "derived" and change_2020.value == pytest.approx(8.21e9, rel=1e-3)
    multiple_2020 = only([p for p in series.points if p.period == 2020 and p.bound == "lt"])
    assert multiple_2020.value == pytest.approx(41.9e9 / 5, rel=1e-2)  # "more than 5 times": under a fifth
    assert points[(2023, "derived", "eq")].value == pytest.approx(32.2e9, rel=2e-3)
    assert points[(2024, "actual", "eq")].value == pytest.approx(41.9e9)
    assert points[(2025, "forecast", "gt")].value == pytest.approx(50e9)
    assert points[(2027, "target", "gt")].value == pytest.approx(100e9)
    assert all(p.evidence for p in series.points)


def test_guangyuan_output_value_target_is_on_track(seeds):
    status = only(
        [t for t in seeds.targets if t.series.key == ("Guangyuan", "aluminium", None, None, "output_value")]
    )
    assert status.required_rate == pytest.approx(0.336, abs=0.002)
    assert status.observed_rate == pytest.approx(0.50, abs=0.01)
    assert status.status == "on track"
    assert status.projected > 100e9


def test_the_seeds_do_not_contradict_themselves(seeds):
    assert seeds.contradictions == []


def test_jinan_park_targets_have_no_actual(seeds):
    park = [t for t in seeds.targets if t.series.key[0] == "Jinan" and t.target.period == 2024]
    assert {t.series.key[4] for t in park} >= {"area", "enterprise_count", "output_value"}
    assert all(t.series.key[3] for t in park), "the park's targets are the park's, not the city's"
    assert {t.status for t in park} == {"unknown"}


REPORT = "Post time: Mar-10-2025\nIn 2024 the output value of Wuxi's photovoltaic industry reached {} yuan."
PLANTED = {"wuxi-a": REPORT.format("86.5 billion"), "wuxi-b": REPORT.format("103.8 billion")}


def test_a_figure_twenty_per_cent_higher_is_flagged_naming_both_documents():
    rows = [r for doc, text in PLANTED.items() for r in records(doc, text, lang="en")]
    found = only(analyze(rows).contradictions)
    assert found.period == 2024
    assert {e.doc_id for e in found.a.evidence} | {e.doc_id for e in found.b.evidence} == set(PLANTED)
    assert found.gap == pytest.approx(0.2, abs=0.01)


def test_a_year_reported_many_ways_gives_one_contradiction_a_figure_not_one_a_pair():
    # 300 documents, each its own figure for the same year, all 2 % apart: 44,850 pairs disagree.
    texts = {f"wuxi-{k}": REPORT.format(f"{86.5 * 1.02**k:.1f} billion") for k in range(300)}
    rows = [r for doc, text in texts.items() for r in records(doc, text, lang="en")]
    found = analyze(rows).contradictions
    assert len(found) == 299  # each figure but the lowest, against the nearest one below it
    assert all(c.a.interval.gap(c.b.interval) == pytest.approx(0.02, abs=0.002) for c in found)
    assert {e.doc_id for c in found for p in (c.a, c.b) for e in p.evidence} == set(texts)


def test_the_same_figure_in_two_documents_is_one_fact_with_two_pieces_of_evidence():
    text = REPORT.format("86.5 billion")
    rows = records("first", text, lang="en") + records("second", text, lang="en")
    fact = only(analyze(rows).facts)
    assert [e.doc_id for e in fact.evidence] == ["first", "second"]


def test_a_target_missed_by_the_reported_actual():
    plan = (
        "Post time: Jan-05-2021\nBy 2023, the output value of Wuxi's textile industry will exceed 50 billion "
        "yuan."
    )
    result = (
        "Post time: Feb-20-2024\nIn 2023, the output value of Wuxi's textile industry was 41 billion yuan."
    )
    rows = records("plan", plan, lang="en") + records("result", result, lang="en")
    status = only(analyze(rows, as_of=date(2024, 3, 1)).targets)
    assert status.status == "missed"
    assert status.latest.value == pytest.approx(41e9)


def test_a_target_beyond_any_growth_is_judged_not_raised():
    # A growth that, carried to the deadline, passes the range of a float: projected as infinite, not an
    # OverflowError that stops the whole analysis.
    texts = [
        ("a", "Post time: Jan-05-2021\nIn 2020, the output value of Wuxi's textile industry was 1 yuan."),
        ("b", "Post time: Jan-05-2022\nIn 2021, the output value of Wuxi's textile industry was 1e200 yuan."),
        (
            "c",
            "Post time: Jan-05-2022\nBy 2026, the output value of Wuxi's textile industry will reach "
            "1e300 yuan.",
        ),
    ]
    rows = [row for doc_id, text in texts for row in records(doc_id, text, lang="en")]
    status = only(analyze(rows, as_of=date(2022, 3, 1)).targets)
    assert status.status == "on track"
