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
