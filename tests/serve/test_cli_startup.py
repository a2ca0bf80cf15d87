"""What keeps the command line quick to start, checked in fresh processes: the heavy libraries and the engine
are imported by the commands that use them, and one sentence's extract loads one language's pack.
(bench/cli_startup.py measures the time.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
