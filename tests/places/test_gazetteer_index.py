"""The gazetteer's index is built once per version of the package and kept in a cache folder: what is read
back is what was built, and a damaged, outdated or unwritable cache costs time, never a wrong answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from industrywatch.places.gazetteer import Gazetteer, kept


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return Gazetteer.load()


def no_more_building(monkeypatch) -> None:
    def load(cls, path=None):
        pytest.fail("the index was built again instead of read")

    monkeypatch.setattr(Gazetteer, "load", classmethod(load))


def index_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_kept_index_is_the_built_one(built, tmp_path, monkeypatch):
    assert kept(tmp_path) == built
    (name,) = index_files(tmp_path)  # no temporary file left beside it
    assert regex.fullmatch(r"gazetteer-[0-9a-f]{16}\.pickle", name)
    no_more_building(monkeypatch)
    assert kept(tmp_path) == built


def test_a_damaged_index_is_built_again_and_replaced(built, tmp_path, monkeypatch):
    kept(tmp_path)
    (name,) = index_files(tmp_path)
    (tmp_path / name).write_bytes(b"\x80\x05 cut short")
    assert kept(tmp_path) == built
    no_more_building(monkeypatch)
    assert kept(tmp_path) == built


def test_an_index_of_another_version_is_dropped(built, tmp_path):
    (tmp_path / "gazetteer-0123456789abcdef.pickle").write_bytes(b"built by another version")
    assert kept(tmp_path) == built
    (name,) = index_files(tmp_path)
    assert name != "gazetteer-0123456789abcdef.pickle"


def test_a_folder_that_cannot_be_written_only_costs_time(built, tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    assert kept(blocked / "cache") == built
    assert index_files(tmp_path) == ["a file"]
