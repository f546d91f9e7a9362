"""Printing check results: grouped text for people, versioned JSON for tools."""

from __future__ import annotations

import sys

from . import __version__
from .diagnostics import FOUT, INFO, WAARSCHUWING, count_by_severity
from .dutch import counted

# Version of the JSON structure of `big8 check --format json`; raise it on
# any change that could break a reader (README, section "JSON-uitvoer").
JSON_FORMAT_VERSION = 1

_COLOURS = {FOUT: "\033[31;1m", WAARSCHUWING: "\033[33m", INFO: "\033[36m"}
_RESET, _BOLD = "\033[0m", "\033[1m"


def print_check(result, show_info: bool = True, colour: bool = False, stream=None) -> None:
    stream = stream or sys.stdout
    shown = [d for d in result.diagnostics if show_info or d.severity != INFO]
    current_file = None
    for diagnostic in shown:
        if diagnostic.location.file != current_file:
            current_file = diagnostic.location.file
            header = f"== {current_file}" + (f" ({diagnostic.document})" if diagnostic.document else "")
            if diagnostic is not shown[0]:
                print(file=stream)
            print(f"{_BOLD}{header}{_RESET}" if colour else header, file=stream)
        text = diagnostic.format()
        if colour:
            severity = diagnostic.severity
            text = text.replace(f": {severity}: ", f": {_COLOURS[severity]}{severity}{_RESET}: ", 1)
        print(text, file=stream)
    counts = count_by_severity(result.diagnostics)
    summary = (f"big8: {counted(len(result.files), 'bestand', 'bestanden')} gecontroleerd: "
               f"{counted(counts[FOUT], 'fout', 'fouten')}, "
               f"{counted(counts[WAARSCHUWING], 'waarschuwing', 'waarschuwingen')}, {counts[INFO]} info")
    if not counts[FOUT] and not result.io_problem:
        summary += " — de inhoud is geldig"
    print(("\n" if shown else "") + summary, file=stream)


def check_json(result) -> dict:
    return {
        "formaat": "big8-check",
        "versie": JSON_FORMAT_VERSION,
        "big8": __version__,
        "bestanden": result.files,
        "samenvatting": count_by_severity(result.diagnostics),
        "geldig": not any(d.severity == FOUT for d in result.diagnostics),
        "bevindingen": [d.as_json() for d in result.diagnostics],
        "rapport": result.report,
    }




def build_summary(result, most_serious: int = 2) -> str:
    """Per published document: how many warnings and notes the check gave,
    and the most serious ones, so a build never hides what it found."""
    from .diagnostics import SEVERITY_RANK

    documents = {d.id: d for d in result.project.documents if d.id} if result.project else {}
    by_document: dict[str, list] = {}
    for diagnostic in result.diagnostics:
        by_document.setdefault(diagnostic.document or diagnostic.location.file, []).append(diagnostic)
    if not by_document:
        return "big8: de controle gaf geen bevindingen"
    lines = ["big8: bevindingen per document (volledig: big8 check, of controle/ op de website):"]
    for name in sorted(by_document):
        found = by_document[name]
        counts = count_by_severity(found)
        parts = [counted(counts[s], *labels) for s, labels in ((FOUT, ("fout", "fouten")),
                                                               (WAARSCHUWING, ("waarschuwing", "waarschuwingen")),
                                                               (INFO, ("info", "info"))) if counts[s]]
        title = documents[name].data.get("titel") if name in documents else None
        lines.append(f"  {name}" + (f" ({title})" if title else "") + ": " + ", ".join(parts))
        serious = sorted((d for d in found if d.severity != INFO), key=lambda d: (SEVERITY_RANK[d.severity],
                                                                                  d.sort_key()))
        for diagnostic in serious[:most_serious]:
            lines.append(f"    {diagnostic.location}: {diagnostic.severity}: {diagnostic.message} [{diagnostic.code}]")
    return "\n".join(lines)
