"""SVG figures to PNG for Word, rendered by the typst package (no cairo,
no browser): deterministic bytes, bundled fonts only."""

from __future__ import annotations

import os
import tempfile

import typst

PPI = 150


def svg_to_png(svg: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "figuur.svg"), "w", encoding="utf-8") as handle:
            handle.write(svg)
        source = b'#set page(width: auto, height: auto, margin: 0pt)\n#image("figuur.svg")\n'
        return typst.compile(source, root=folder, format="png", ppi=PPI, ignore_system_fonts=True)
