"""`industrywatch report`: one HTML file that opens offline and shows what `industrywatch targets` shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = Path(sys.executable).with_name("industrywatch")
AS_OF = "2025-06-30"


def run(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "400"}
    done = subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def printed_rows(table: str) -> list[list[str]]:
    """The body rows of a table the CLI printed, cell by cell."""
    rows = [line for line in table.splitlines() if line.startswith("│")]
    return [[cell.strip() for cell in row.strip("│").split("│")] for row in rows]


def test_report_opens_offline_with_the_targets_table_of_the_cli(db, browser, tmp_path, screenshots):
    out = tmp_path / "report.html"
    run("report", "--db", db, "--out", str(out), "--as-of", AS_OF)
    expected = [row[:4] for row in printed_rows(run("targets", "--db", db, "--as-of", AS_OF))]
    assert expected

    context = browser.new_context(offline=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    shown = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()[:4]]
        for row in page.locator("table.targets tbody tr").all()
    ]
    assert shown == expected
    assert requests == [out.as_uri()]  # nothing else: styles and charts are in the file
    html = out.read_text(encoding="utf-8")
    assert "<link" not in html and "<script" not in html
    # The Guangyuan output-value chart and its evidence are there too.
    section = page.locator("section.series").filter(
        has=page.get_by_role("heading", name="Guangyuan / aluminium / output_value", exact=True)
    )
    assert section.locator('svg g.point[data-kind="target"][data-period="2027"]').count() == 1
    assert "41.9" in section.locator("table.points").inner_text()
    page.screenshot(path=screenshots / "report.png", full_page=True)
    context.close()


def test_report_for_one_place(db, browser, tmp_path):
    out = tmp_path / "jinan.html"
    run("report", "--db", db, "--out", str(out), "--region", "Jinan", "--as-of", AS_OF)
    expected = printed_rows(run("targets", "--db", db, "--region", "Jinan", "--as-of", AS_OF))
    page = browser.new_page()
    page.goto(out.as_uri())
    labels = page.locator("table.targets tbody tr td:first-child").all_inner_texts()
    assert labels == [row[0] for row in expected] and all(label.startswith("Jinan") for label in labels)
    assert "Guangyuan" not in page.locator("main").inner_text()
    page.close()
