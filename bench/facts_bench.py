"""Benchmark of the narrative-facts recogniser (recognisers.facts.find_facts); not a test.

Run from the project root:

    .venv/bin/python bench/facts_bench.py            # about 4 MB of text
    .venv/bin/python bench/facts_bench.py --mb 10    # a bigger corpus

The corpus is the sample reports' text (data/raw/*.txt) repeated until it reaches the asked size,
cut into documents of the samples' own size so the sectioniser sees real documents. One process
reads it with find_facts and prints the throughput in MB of UTF-8 text per second; the
one-off set-up (jieba dictionaries, spaCy pipeline) is timed apart. The target is at least
0.5 MB/s per core.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import read_file  # noqa: E402
from parsers.layout import Layout  # noqa: E402
from parsers.script import to_simplified  # noqa: E402
from recognisers.facts import find_facts  # noqa: E402

SAMPLES = ROOT / "data" / "raw"


def sample_layouts() -> list[Layout]:
    """The sample reports as layouts (simplified characters)."""
    return [to_simplified(read_file(path)) for path in sorted(SAMPLES.glob("*.txt"))]


def corpus(layouts: list[Layout], megabytes: float) -> tuple[list[Layout], int]:
    """The sample layouts repeated until their text reaches ``megabytes``; (layouts, bytes)."""
    sizes = [len(layout.text().encode("utf-8")) for layout in layouts]
    out: list[Layout] = []
    total = 0
    while total < megabytes * 1_000_000:
        for layout, size in zip(layouts, sizes):
            out.append(layout)
            total += size
    return out, total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="corpus size in MB (default 4)")
    args = parser.parse_args(argv)

    layouts = sample_layouts()
    started = time.perf_counter()
    find_facts(layouts[0])  # loads jieba's dictionary and builds the spaCy pipeline
    setup = time.perf_counter() - started

    documents, size = corpus(layouts, args.mb)
    started = time.perf_counter()
    facts = sum(len(find_facts(layout)) for layout in documents)
    elapsed = time.perf_counter() - started

    print(f"set-up (first call): {setup:.2f} s")
    print(f"corpus: {len(documents)} documents, {size / 1e6:.2f} MB, {facts} facts")
    print(f"time: {elapsed:.2f} s")
    print(f"throughput: {size / 1e6 / elapsed:.2f} MB/s (one process)")


if __name__ == "__main__":
    main()
