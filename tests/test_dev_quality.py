"""The development set of real pages, scored through the real pipeline: ingest into SQLite, claims out,
the shared scorer. Its figures on the languages with a pack may only go up (tests/quality_floors.json)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from industrywatch.langpacks import available

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())["dev"]
CLI = Path(sys.executable).parent / "industrywatch"


def _pack_documents(dev: Path) -> set[str]:
    """The dev set's documents in a language that has a pack (pt-BR and pt-PT are Portuguese)."""
    with (dev / "index.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    packs = set(available())
    return {Path(r["file"]).stem for r in rows if r["language"].split("-")[0] in packs}


def _keep(path: Path, docs: set[str], key: str, out: Path) -> Path:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out.write_text("".join(line + "\n" for line in lines if json.loads(line)[key] in docs), encoding="utf-8")
    return out


def test_dev_set_through_ingest_holds_its_floors(shared, tmp_path):
    dev = shared / "corpus" / "dev"
    db = f"sqlite:///{tmp_path / 'dev.db'}"
    # Pages in languages without a pack are reported and skipped, so the exit code says something failed.
    subprocess.run([CLI, "ingest", dev / "docs.jsonl", "--db", db], capture_output=True, check=False)
    claims = subprocess.run([CLI, "claims", "--db", db, "--format", "jsonl"], capture_output=True, check=True)
    (tmp_path / "all.jsonl").write_bytes(claims.stdout)
    docs = _pack_documents(dev)
    gold = _keep(dev / "gold.jsonl", docs, "doc", tmp_path / "gold.jsonl")
    pred = _keep(tmp_path / "all.jsonl", docs, "doc_id", tmp_path / "pred.jsonl")
    run = subprocess.run(
        [sys.executable, shared / "eval" / "score.py", gold, pred, "--json"], capture_output=True, check=True
    )
    score = json.loads(run.stdout)
    got = {"f1": score["f1"], "exact_f1": score["exact_f1"], **score["attribute_accuracy"]}
    below = {k: (got[k], floor) for k, floor in FLOORS.items() if got[k] < floor}
    assert not below, f"below the floors (got, floor): {below}; all: {got}"
