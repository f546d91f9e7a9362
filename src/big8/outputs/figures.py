"""SVG figures to PNG for Word, rendered by typst (no cairo, no browser):
deterministic bytes, bundled fonts only. All figures of a build go to one
worker process (see tools.py), which keeps the cost of starting it low."""

from __future__ import annotations

import datetime
import os

from big8.outputs.tools import run_worker

PPI = 150
_PAGE = '#set page(width: auto, height: auto, margin: 0pt)\n#image("{name}")\n'


def svgs_to_pngs(svg_files: list[str]) -> None:
    """Write a PNG beside each SVG file (x.svg -> x.png)."""
    if not svg_files:
        return
    tasks = [{"bron": _PAGE.format(name=os.path.basename(path)), "wortel": os.path.dirname(os.path.abspath(path)),
              "formaat": "png", "ppi": PPI, "doel": os.path.abspath(path[:-4] + ".png")} for path in svg_files]
    run_worker({"soort": "typst", "datum": datetime.date(1980, 1, 1).isoformat(), "taken": tasks})
