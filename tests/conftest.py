"""Shared fixtures. Tests that read ../shared skip without it, except in CI where it is always there."""

from __future__ import annotations

import os
import shutil
import tempfile
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


def pytest_configure(config: pytest.Config) -> None:
    """Indexes built during the tests are kept in a folder of the test run, not the user's cache, from before
    the test modules are imported (the engine's modules compile their patterns then, and keep what they work
    out); the commands the tests start inherit it."""
    folder = tempfile.mkdtemp(prefix="industrywatch-cache-")
    previous = os.environ.get("INDUSTRYWATCH_CACHE")
    os.environ["INDUSTRYWATCH_CACHE"] = folder

    def restore() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        if previous is None:
            os.environ.pop("INDUSTRYWATCH_CACHE", None)
        else:
            os.environ["INDUSTRYWATCH_CACHE"] = previous

    config.add_cleanup(restore)
