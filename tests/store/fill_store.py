"""Adds N generated documents with their claims to a store, printing each one's number once it is
committed. The killed-process test runs it as a child process."""

from __future__ import annotations

import sys

from industrywatch.records import Claim, Document
from industrywatch.store import Store


def generated(number: int) -> tuple[Document, list[Claim]]:
    """Document `number` and its one to three claims, the same on every call."""
    text = f"Report {number}: the output value of park {number} reached {number * 7} billion yuan in 2023."
    start = text.index(f"{number * 7} billion")
    claims = [
        Claim(
            doc_id=None,
            start=start,
            end=start + len(f"{number * 7} billion yuan"),
            text=f"{number * 7} billion yuan",
            value=number * 7e9,
            unit="CNY",
            metric="output_value",
            period=2023 + k,
            region=f"Region {number % 17}",
            confidence=0.1 * (k + 1),
        )
        for k in range(1 + number % 3)
    ]
    return Document(id=f"doc-{number}", text=text, lang="en", source="generated"), claims


def main(url: str, count: int) -> None:
    store = Store(url)
    store.upgrade()
    run = store.start_run("ingest")
    for number in range(count):
        store.add(*generated(number), run_id=run)
        print(number, flush=True)
    store.finish_run(run)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
