"""Shared fixtures. Tests that read ../shared skip without it, except in CI where it is always there."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(scope="session", autouse=True)
def index_cache(tmp_path_factory) -> Iterator[Path]:
    """Indexes built during the tests are kept in a folder of the test run, not the user's cache; the
    commands the tests start inherit it."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("INDUSTRYWATCH_CACHE", str(folder))
        yield folder
