"""Which author text makes a converter exceed its limit.

When pandoc or typst stops on a whole document, each of the document's
author texts is converted on its own, the most suspect first (the most
brackets, emphasis marks and nesting), with a short limit. The first one
that fails again is the one to name, with its file, line and field.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from big8.outputs import OutputError
from big8.outputs.tools import LIMITS, ToolLimit, run_pandoc, run_worker

SECONDS_PER_TEXT = 5.0
MAX_TEXTS = 400


def culprit(tool: str, fragments: list[Any]) -> Any:
    """The first fragment (render.Fragment) that fails on its own, or None."""
    suspects = sorted(fragments, key=_suspicion, reverse=True)[:MAX_TEXTS]
    for fragment in suspects:
        try:
            _convert(tool, fragment.markdown)
        except ToolLimit:
            return fragment
        except OutputError:
            continue
    return None


def _suspicion(fragment) -> int:
    text = fragment.markdown
    return sum(text.count(mark) for mark in "[]*_`|") * 4 + len(text) // 100


def _convert(tool: str, markdown: str) -> None:
    from big8.outputs._pandoc import MARKDOWN

    seconds = min(SECONDS_PER_TEXT, LIMITS.get(tool, SECONDS_PER_TEXT))
    if tool in ("pandoc", "mkdocs"):
        run_pandoc(["--from", MARKDOWN, "--to", "html"], markdown, timeout=seconds)
        return
    source = run_pandoc(["--from", MARKDOWN, "--to", "typst", "--standalone"], markdown,
                        timeout=seconds).decode("utf-8")
    with tempfile.TemporaryDirectory(prefix="big8-zoek-") as folder:
        task = {"bron": source, "wortel": folder, "formaat": "pdf", "doel": os.path.join(folder, "t.pdf")}
        run_worker({"soort": "typst", "datum": "1980-01-01", "taken": [task]}, timeout=seconds)
