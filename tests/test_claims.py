"""extract() end to end: the seeds scored by the shared scorer, and one report in five languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from industrywatch import extract

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())["seeds"]
CLI = Path(sys.executable).parent / "industrywatch"


def test_seeds_scored_by_the_shared_scorer(shared, tmp_path):
    seeds = sorted(str(p) for p in (shared / "corpus" / "seeds").glob("*.txt"))
    claims = subprocess.run([CLI, "extract", *seeds, "--format", "jsonl"], capture_output=True, check=True)
    pred = tmp_path / "claims.jsonl"
    pred.write_bytes(claims.stdout)
    gold = shared / "corpus" / "seeds" / "gold.jsonl"
    run = subprocess.run(
        [sys.executable, shared / "eval" / "score.py", gold, pred, "--json"], capture_output=True, check=True
    )
    score = json.loads(run.stdout)
    assert score["f1"] >= FLOORS["f1"], score
    assert score["exact_f1"] >= FLOORS["exact_f1"], score


def facts(path: Path) -> set[tuple]:
    return {
        (c.metric, c.relation, round(c.value, 6), c.unit, c.period, c.modality, c.region)
        for c in extract(path.read_text(encoding="utf-8"))
    }


def test_one_report_in_five_languages_gives_the_same_facts():
    reports = sorted((ROOT / "examples").glob("*-wuxi-photovoltaics.txt"))
    assert {p.name.split("-")[0] for p in reports} >= {"en", "zh", "ur", "pa", "hi"}
    english = facts(ROOT / "examples" / "en-wuxi-photovoltaics.txt")
    assert len(english) >= 8, english
    for report in reports:
        assert facts(report) == english, report.name


def test_a_park_is_tracked_by_its_name_and_an_unnamed_one_is_not():
    named = extract("By 2026 the Huishan Solar Industrial Park will cover 1.2 million square metres.", "en")
    generic = extract("By 2026 a new industrial park will cover 1.2 million square metres.", "en")
    vietnamese = extract("Đến năm 2026, một khu công nghiệp mới sẽ rộng 1,2 triệu mét vuông.", "vi")
    assert [c.organization for c in named] == ["Huishan Solar Industrial Park"]
    assert [c.organization for c in generic + vietnamese] == [None, None]
    assert [(c.metric, c.value) for c in named + generic + vietnamese] == [("area", 1.2e6)] * 3
