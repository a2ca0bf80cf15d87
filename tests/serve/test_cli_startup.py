"""What keeps the command line quick to start, checked in fresh processes: the heavy libraries and the engine
are imported by the commands that use them, detecting a language loads no pack, and what a first use works
out (the language model, the code points of classes) is kept for the processes after. (bench/cli_startup.py
measures the time.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import regex

from industrywatch.kept import keep

# Imported by no command that only reads text: the store, the web server, frames, Spark, HTML reading.
STORE_AND_WEB = (
    "alembic",
    "fastapi",
    "pandas",
    "pyspark",
    "sqlalchemy",
    "trafilatura",
    "uvicorn",
    "industrywatch.analysis",
    "industrywatch.store",
)
# Imported by the commands that read text: the engine, its data and the packs' schema (pydantic).
ENGINE = (
    "pydantic",
    "industrywatch.claims",
    "industrywatch.langpacks",
    "industrywatch.numbers",
    "industrywatch.places",
)
HEAVY = STORE_AND_WEB + ENGINE


def imported_after(code: str) -> tuple[dict, list[str]]:
    """What a fresh interpreter holds after running `code` (which may add entries to `found`), and the
    lines `code` printed."""
    report = "found['modules'] = sorted(sys.modules)\nprint(json.dumps(found))"
    script = f"import json, sys\nfound = {{}}\n{code}\n{report}"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.splitlines()
    return json.loads(last), printed


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def test_the_command_line_imports_no_heavy_module():
    modules = imported_after("import industrywatch.serve.cli")[0]["modules"]
    assert loaded(modules, HEAVY) == []


def test_help_imports_no_heavy_module():
    code = "from industrywatch.serve.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    modules = imported_after(code)[0]["modules"]
    assert loaded(modules, HEAVY) == []


def test_extracting_a_sentence_loads_the_engine_not_the_store(tmp_path: Path):
    sentence = tmp_path / "one.txt"
    sentence.write_text("In 2024, Wuxi's photovoltaic output reached 86.5 billion yuan.", encoding="utf-8")
    code = (
        f"from industrywatch.serve.cli import app\napp(['extract', {str(sentence)!r}], standalone_mode=False)"
    )
    found, printed = imported_after(code)
    assert [json.loads(line)["text"] for line in printed] == ["86.5 billion yuan"]
    assert "industrywatch.claims" in found["modules"]
    assert loaded(found["modules"], STORE_AND_WEB) == []


def test_detecting_a_language_loads_no_pack():
    code = (
        "from industrywatch.langid import detect\n"
        "from industrywatch.langpacks.loader import load\n"
        "texts = ('The output value reached 86.5 billion yuan.', '产值达到865亿元')\n"
        "found['detected'] = [detect(t) for t in texts]\n"
        "found['packs'] = load.cache_info().currsize"
    )
    found, _ = imported_after(code)
    assert found["detected"] == ["en", "zh"]
    assert found["packs"] == 0  # only the packs' pack.toml files were read, not their data


# -- what a first use works out once and keeps in the index folder ---------------------------------------


def index_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_each_kept_index_drops_its_own_older_versions_only(tmp_path):
    keep({"a": 1}, tmp_path / "classes-0000000000000000.pickle")
    keep([1], tmp_path / "langid-1111111111111111.pickle")
    keep({"a": 2}, tmp_path / "classes-2222222222222222.pickle")
    assert index_files(tmp_path) == ["classes-2222222222222222.pickle", "langid-1111111111111111.pickle"]


def in_process(code: str, cache: Path) -> dict:
    """`found` after running `code` in a fresh interpreter whose index folder is `cache`."""
    script = f"import json\nfound = {{}}\n{code}\nprint(json.dumps(found))"
    env = {**os.environ, "INDUSTRYWATCH_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


DETECT = (
    "from industrywatch.langid import _detector\n"
    "found['ranked'] = _detector().rank('the output value of the industry reached')[:5]"
)
NO_DECOMPRESSING = (
    "from py3langid.langid import LanguageIdentifier\n"
    "def refused(*args, **kwargs):\n"
    "    raise AssertionError('the model was decompressed again instead of read')\n"
    "LanguageIdentifier.from_model_file = refused\n"
)


def test_the_kept_language_model_ranks_as_the_decompressed_one(tmp_path):
    first = in_process(DETECT, tmp_path)
    (name,) = index_files(tmp_path)
    assert name.startswith("langid-")
    assert in_process(NO_DECOMPRESSING + DETECT, tmp_path) == first
    (tmp_path / name).write_bytes(b"\x80\x05 cut short")
    assert in_process(DETECT, tmp_path) == first
    assert in_process(NO_DECOMPRESSING + DETECT, tmp_path) == first


HAN = (
    "from industrywatch.patterns import fast\n"
    "found['han'] = [c for c in map(chr, range(0x3000, 0x3400)) if fast(r'\\p{Han}').fullmatch(c)]"
)
NO_WORKING_OUT = (
    "import industrywatch.patterns as patterns\n"
    "def refused(source):\n"
    "    raise AssertionError('the class was worked out again instead of read')\n"
    "patterns._code_points = refused\n"
)


def test_a_kept_class_matches_what_the_worked_out_one_matches(tmp_path):
    first = in_process(HAN, tmp_path)
    assert first["han"] and set(first["han"]) == set(regex.findall(r"\p{Han}", "".join(first["han"])))
    (name,) = index_files(tmp_path)
    assert name.startswith("classes-")
    assert in_process(NO_WORKING_OUT + HAN, tmp_path) == first
    (tmp_path / name).write_bytes(b"not a pickle")
    assert in_process(HAN, tmp_path) == first
    assert in_process(NO_WORKING_OUT + HAN, tmp_path) == first


def test_the_gazetteer_read_from_the_folder_is_out_of_the_collectors_reach():
    code = (
        "import gc\n"
        "from industrywatch.places.gazetteer import gazetteer\n"
        "found['places'] = len(gazetteer().places)\n"
        "found['frozen'] = gc.get_freeze_count()"
    )
    imported_after(code)  # builds the index in the tests' folder, unless an earlier test did
    found, _ = imported_after(code)
    assert found["frozen"] > found["places"] > 10_000
