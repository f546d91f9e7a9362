"""How fast is `big8 build`, and how close to the floor?

Measures a full build into an empty folder, a rebuild with nothing changed,
and the floor: pandoc (Word), pandoc + typst (PDF) and mkdocs alone on the
same generated sources (build/bron). The ratio full build / floor shows what
big8 itself adds (checking, rendering, figures, packaging). Run:

    .venv/bin/python benchmarks/bench_build.py
"""

from __future__ import annotations

import glob
import os
import shutil
import statistics
import tempfile
import time

import pypandoc
import typst

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = 3


def timed(action) -> float:
    begin = time.perf_counter()
    action()
    return time.perf_counter() - begin


def full_build(output: str) -> None:
    from big8.build import run_build

    shutil.rmtree(os.path.join(ROOT, output), ignore_errors=True)
    assert run_build(ROOT, output, quiet=True) == 0


def floor(output: str) -> dict[str, float]:
    """pandoc, typst and mkdocs alone on the sources big8 generated."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    sources = sorted(glob.glob(os.path.join(ROOT, output, "bron", "documenten", "*", "*.md")))
    reference = os.path.join(ROOT, "templates", "word", "reference.docx")
    scratch = tempfile.mkdtemp()

    def word():
        for source in sources:
            with open(source, encoding="utf-8") as handle:
                text = handle.read().replace(".svg)", ".png)")  # Word takes the PNG figures, as big8 does
            pypandoc.convert_text(text, "docx", format="markdown", outputfile=os.path.join(scratch, "x.docx"),
                                  extra_args=[f"--reference-doc={reference}", "--toc", "--number-sections",
                                              f"--resource-path={os.path.dirname(source)}"])

    def pdf():
        for source in sources:
            text = pypandoc.convert_file(source, "typst", extra_args=["--standalone"])
            path = os.path.join(os.path.dirname(source), "_floor.typ")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            try:
                typst.compile(path, root=os.path.dirname(source), format="pdf", ignore_system_fonts=True)
            finally:
                os.remove(path)

    def site():
        config = load_config(config_file=os.path.join(ROOT, "mkdocs.yml"),
                             docs_dir=os.path.join(ROOT, output, "bron", "site"),
                             site_dir=os.path.join(scratch, "site"))
        mkdocs_build(config)

    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    result = {"pandoc (Word)": timed(word), "pandoc + typst (PDF)": timed(pdf), "mkdocs (site)": timed(site)}
    shutil.rmtree(scratch, ignore_errors=True)
    return result


def main() -> None:
    output = "build-benchmark"
    fulls = [timed(lambda: full_build(output)) for _ in range(RUNS)]
    from big8.build import run_build

    rebuilds = [timed(lambda: run_build(ROOT, output, quiet=True)) for _ in range(RUNS)]
    floors = [floor(output) for _ in range(RUNS)]
    floor_parts = {key: statistics.median(f[key] for f in floors) for key in floors[0]}
    floor_total = sum(floor_parts.values())
    full = statistics.median(fulls)
    print(f"volledige build: mediaan {full:.2f} s ({RUNS} keer)")
    print(f"herbouw zonder wijziging: mediaan {statistics.median(rebuilds):.2f} s")
    for key, value in floor_parts.items():
        print(f"  vloer {key}: {value:.2f} s")
    print(f"vloer totaal: {floor_total:.2f} s; verhouding volledige build / vloer: {full / floor_total:.2f}")
    shutil.rmtree(os.path.join(ROOT, output), ignore_errors=True)


if __name__ == "__main__":
    main()
