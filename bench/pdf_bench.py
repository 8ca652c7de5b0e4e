"""PDF throughput benchmark: jixiao's whole pipeline against pdfplumber's bare text extraction.

Usage, from the project root:

    .venv/bin/python bench/pdf_bench.py [N] [--pages PAGES]

    N        report PDFs in the corpus (default 40)
    --pages  page count of the file for the peak-memory run (default 1000)

What it does:

1. Generates the corpus under ``bench/out/corpus/`` with the test fixture generator
   (``tests/pdf_fixtures.py``): its 13 renderings (``bench/out/renderings/``: samples 000 and
   002 in six layouts, sample 003's score table) copied round-robin into N files, plus one
   200-page narrative-only report.
2. Measures, each in its own child process over the same files:
   (a) pipeline: ``pipeline.parse.parse_file(path)`` on every file (read → recognise →
       normalise; no database);
   (b) bare: ``pdfplumber.open(path)`` and ``page.extract_text()`` on every page, each page
       closed after use.
   Each child first runs one small report untimed (lazy imports, jieba's dictionary), so the
   figures are steady-state throughput. Prints pages/s of each and the ratio
   pipeline / bare.
3. Repeats both measurements on one generated narrative file of ``--pages`` pages.

Peak memory is the measuring child's peak resident set size, ``VmHWM`` in
``/proc/self/status`` (Linux), read at its end; it includes the interpreter and imports, so the
value after the child's imports is printed beside it as the baseline. Not
``getrusage().ru_maxrss``: Linux carries the parent's peak into a child across fork and exec,
so a child would report at least the generating parent's size. Files and ``results.json`` go to
``bench/out/`` (gitignored). This is a benchmark: it prints figures and asserts nothing; a
failing measurement stops it with the child's traceback.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the jixiao packages and the fixture generator

OUT = ROOT / "bench" / "out"
NARRATIVE_PAGES = 200


def build_corpus(folder: Path, count: int) -> list[Path]:
    """Write ``count`` report PDFs (the fixture renderings, round-robin) and a 200-page
    narrative report into ``folder`` (emptied first); returns their paths."""
    # imported here, not at the top: the measuring children re-import this module, and
    # reportlab in them would inflate their memory figures
    from pdf_fixtures import write_narrative_pdf, write_pdf_renderings

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    renderings = write_pdf_renderings(folder.parent / "renderings")
    files = []
    for index in range(count):
        source = renderings[index % len(renderings)]
        files.append(Path(shutil.copyfile(source, folder / f"{index:03d}-{source.name}")))
    files.append(write_narrative_pdf(folder / f"narrative-{NARRATIVE_PAGES}p.pdf", NARRATIVE_PAGES))
    return files


def pipeline_pages(path: str) -> int:
    """Run jixiao's whole parse on one file; returns the page count its reader saw."""
    from pipeline.parse import parse_file

    return parse_file(path).document.pages


def bare_pages(path: str) -> int:
    """pdfplumber's text of every page of one file, nothing else; returns the page count."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


MEASURES = {"pipeline": pipeline_pages, "bare": bare_pages}


def peak_rss_mib() -> float:
    """This process's peak resident set size so far, in MiB (VmHWM, reported in kB)."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    line = next(ln for ln in status.splitlines() if ln.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def measure_in_child(kind: str, warmup: str, paths: list[str], conn) -> None:
    """Child process body: import, run ``kind`` once on ``warmup`` untimed, then time it over
    all of ``paths``; sends {pages, seconds, peak_mib, baseline_mib} back through ``conn``."""
    run = MEASURES[kind]
    if kind == "pipeline":
        import pipeline.parse  # noqa: F401  (imports are not part of the timing)
    else:
        import pdfplumber  # noqa: F401
    baseline = peak_rss_mib()
    run(warmup)
    start = time.perf_counter()
    pages = sum(run(path) for path in paths)
    seconds = time.perf_counter() - start
    conn.send({"pages": pages, "seconds": seconds, "peak_mib": peak_rss_mib(),
               "baseline_mib": baseline})
    conn.close()


def measure(kind: str, warmup: Path, paths: list[Path]) -> dict:
    """Run one measurement in a fresh (spawned) child process and return its figures."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=measure_in_child,
                            args=(kind, str(warmup), [str(p) for p in paths], sender))
    child.start()
    sender.close()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"{kind} measurement failed (exit code {child.exitcode}); see above")
    return receiver.recv()


def compare(label: str, warmup: Path, paths: list[Path]) -> dict:
    """Measure the pipeline and the bare extraction on ``paths``, print and return both."""
    results = {kind: measure(kind, warmup, paths) for kind in ("pipeline", "bare")}
    pages = results["bare"]["pages"]
    print(f"\n{label}: {len(paths)} files, {pages} pages")
    print(f"  {'':10} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak MiB':>9} {'baseline':>9}")
    for kind, r in results.items():
        r["pages_per_s"] = pages / r["seconds"]
        print(f"  {kind:10} {r['pages']:6d} {r['seconds']:8.2f} {r['pages_per_s']:8.1f} "
              f"{r['peak_mib']:9.1f} {r['baseline_mib']:9.1f}")
    ratio = results["pipeline"]["pages_per_s"] / results["bare"]["pages_per_s"]
    print(f"  pipeline / bare pages/s: {ratio:.2f}")
    if results["pipeline"]["pages"] != pages:
        print(f"  note: the pipeline's reader counted {results['pipeline']['pages']} pages")
    return {"files": len(paths), "pages": pages, "ratio": ratio, **results}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=40, help="report PDFs in the corpus")
    parser.add_argument("--pages", type=int, default=1000,
                        help="pages of the file for the peak-memory run")
    args = parser.parse_args(argv)
    from pdf_fixtures import write_narrative_pdf  # not at the top: see build_corpus

    start = time.perf_counter()
    corpus = build_corpus(OUT / "corpus", args.n)
    big = write_narrative_pdf(OUT / f"narrative-{args.pages}p.pdf", args.pages)
    print(f"generated {len(corpus)} corpus files and {big.name} in "
          f"{time.perf_counter() - start:.1f} s (under {OUT.relative_to(ROOT)})")
    warmup = corpus[0]
    results = {"corpus": compare("corpus", warmup, corpus), "big": compare(big.name, warmup, [big])}
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nfigures written to {(OUT / 'results.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
