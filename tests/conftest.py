"""Shared fixtures. Tests that read ../shared skip without it, except in CI where it is always there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED} is missing; in CI it must be there")
        pytest.skip(f"{SHARED} is not here (a fresh clone has none): the shared corpus and scorer are absent")
    return SHARED
