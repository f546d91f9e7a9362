"""Running pandoc, typst and mkdocs with a time and memory limit.

Text from YAML is hostile until proven otherwise, and a converter fed a
pathological text can run for minutes or eat all memory. So every
converter runs in a process of its own that is killed when it takes too
long: pandoc as its own binary (with a heap limit for its Haskell runtime),
typst and mkdocs in a Python worker (`python -m big8.outputs.worker`) that
limits its own address space before it starts. Hitting a limit raises
`ToolLimit`, which the build turns into a message naming the field.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from big8.outputs import OutputError

# Seconds per conversion of one document (pandoc, typst) and for the site.
# A document converts in well under a second; these are far beyond that,
# and tests lower them through the environment.
LIMITS = {
    "pandoc": float(os.environ.get("BIG8_TIJDSLIMIET_PANDOC", "120")),
    "typst": float(os.environ.get("BIG8_TIJDSLIMIET_TYPST", "120")),
    "mkdocs": float(os.environ.get("BIG8_TIJDSLIMIET_MKDOCS", "600")),
}
MEMORY_MB = int(os.environ.get("BIG8_GEHEUGENLIMIET_MB", "3072"))


class ToolLimit(OutputError):
    """A converter ran past its time or memory limit."""

    def __init__(self, tool: str, what: str):
        super().__init__(f"{tool} {what}")
        self.tool = tool
        self.what = what


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def run_pandoc(arguments: list[str], source: str, timeout: float | None = None) -> bytes:
    """pandoc with `arguments`, the source on stdin; its output (stdout)."""
    # +RTS -M: the Haskell runtime stops with "heap overflow" instead of
    # taking all memory (pandoc's manual, "A note on security").
    command = [pandoc_path(), "+RTS", f"-M{MEMORY_MB}m", "-RTS", *arguments]
    return _run("pandoc", command, source.encode("utf-8"), timeout or LIMITS["pandoc"])


def run_worker(job: dict, timeout: float | None = None) -> bytes:
    """A typst or mkdocs job in a fresh Python process (see worker.py)."""
    tool = job["soort"]
    command = [sys.executable, "-m", "big8.outputs.worker", str(MEMORY_MB)]
    return _run(tool, command, json.dumps(job).encode("utf-8"), timeout or LIMITS[tool])


def _run(tool: str, command: list[str], stdin: bytes, timeout: float) -> bytes:
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ToolLimit(tool, f"stopte niet binnen {timeout:g} seconden") from exc
    except OSError as exc:
        raise OutputError(f"{tool} kon niet worden gestart: {exc.strerror}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        if "heap overflow" in message or "MemoryError" in message or done.returncode in (-9, 137):
            raise ToolLimit(tool, f"had meer dan {MEMORY_MB} MB geheugen nodig")
        raise OutputError(f"{tool} gaf een fout: {message or f'afgesloten met code {done.returncode}'}")
    return done.stdout
