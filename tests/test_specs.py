"""The Recognizers-Text spec suite (../shared/eval/specs.py) against quantities(), with pinned floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())["specs"]


@pytest.fixture(scope="module")
def scores(shared):
    run = subprocess.run(
        [sys.executable, str(shared / "eval" / "specs.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


@pytest.mark.parametrize("suite", sorted(FLOORS))
def test_spec_suite_floor(scores, suite):
    assert scores[suite]["rate"] >= FLOORS[suite], f"{suite}: {scores[suite]} below floor {FLOORS[suite]}"
