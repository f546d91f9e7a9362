"""Diagnostics are values: a code, a severity, a Dutch message, a location and a hint.

Every stage returns its findings instead of raising, so that `big8 check`
can report all problems of all files in one run, sorted by location.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FOUT = "fout"
WAARSCHUWING = "waarschuwing"
INFO = "info"
SEVERITIES = (FOUT, WAARSCHUWING, INFO)
SEVERITY_RANK = {FOUT: 0, WAARSCHUWING: 1, INFO: 2}


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str
    message: str
    location: Location
    hint: str = ""
    # The id of the document the finding is about, when there is one; used
    # to group output per document and to look up per-organisation severity.
    document: str = ""
    organisation: str = ""
    # Structured values for machine-readable output and the rendered report.
    data: dict = field(default_factory=dict, compare=False, hash=False)
    # True for problems reading files (exit code 2 instead of 1).
    io_problem: bool = False

    def sort_key(self) -> tuple:
        return (self.location.file, self.location.line, self.location.column,
                SEVERITY_RANK[self.severity], self.code, self.message)

    def with_severity(self, severity: str) -> Diagnostic:
        return Diagnostic(self.code, severity, self.message, self.location, self.hint,
                          self.document, self.organisation, self.data, self.io_problem)

    def format(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    tip: {self.hint}"
        return text

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "ernst": self.severity,
            "melding": self.message,
            "tip": self.hint or None,
            "bestand": self.location.file,
            "regel": self.location.line or None,
            "kolom": self.location.column or None,
            "document": self.document or None,
            "organisatie": self.organisation or None,
            "gegevens": self.data or None,
        }


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sort by file, line, column; drop exact duplicates (pelican habit)."""
    unique = {(d.code, d.location, d.message): d for d in diagnostics}
    return sorted(unique.values(), key=Diagnostic.sort_key)


def count_by_severity(diagnostics: list[Diagnostic]) -> dict[str, int]:
    counts = {severity: 0 for severity in SEVERITIES}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == FOUT for d in diagnostics)


def suggest(word: str, choices, intro: str, when_empty: str = "") -> str:
    """A hint naming the closest choice ("bedoelde u ...?"), else the choices."""
    import difflib

    choices = sorted(str(c) for c in choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"bedoelde u '{close[0]}'?"
    if not choices:
        return when_empty
    return f"{intro} {', '.join(choices[:12])}" + (", ..." if len(choices) > 12 else "")
