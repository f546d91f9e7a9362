"""Stated totals against the sum of their lines (B8-020)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import dutch
from ..diagnostics import Diagnostic
from ..model import Document, Project
from .hours import stated_hours
from .rules import RULES

TOLERANCE = 0.005  # fte and hours are written with at most two decimals


def check_totals(project: Project, report: dict) -> Iterator[Diagnostic]:
    for programme in project.programmes.values():
        rows: list[dict] = []
        yield from _formation_totals(programme, rows)
        yield from _legal_totals(programme, rows)
        for number, table in enumerate(programme.data.get("urentabellen", [])):
            yield from _table_totals(programme, table, ("urentabellen", number), rows)
        report.setdefault("totalen", []).append({"programma": programme.id, "regels": rows})


def _compare(programme: Document, path: tuple, what: str, stated: float, parts: list[float], unit: str,
             rows: list[dict]) -> Iterator[Diagnostic]:
    summed = round(sum(parts), 2)
    ok = abs(summed - stated) <= TOLERANCE
    rows.append({"wat": what, "opgegeven": stated, "som": summed, "klopt": ok, "eenheid": unit,
                 "locatie": str(programme.location(path))})
    if not ok:
        difference = summed - stated
        shown = (lambda v: f"{dutch.number(v)} fte") if unit == "fte" else dutch.hours
        terms = " + ".join(dutch.number(p) for p in parts)
        yield RULES["B8-020"].finding(
            programme, path,
            f"{what}: opgegeven totaal {shown(stated)}, som van de regels {shown(summed)} "
            f"(verschil {'+' if difference > 0 else '-'}{shown(abs(difference))})",
            f"som: {terms}; controleer het brondocument (een fout in de bron blijft staan; meld haar)",
            data={"opgegeven": stated, "som": summed, "verschil": round(difference, 2)})


def _formation_totals(programme: Document, rows: list[dict]) -> Iterator[Diagnostic]:
    for number, formation in enumerate(programme.data.get("capaciteit", {}).get("formaties", [])):
        if "totaal_fte" in formation:
            yield from _compare(programme, ("capaciteit", "formaties", number, "totaal_fte"),
                                f"'{formation['titel']}'", formation["totaal_fte"],
                                [line["fte"] for line in formation["regels"]], "fte", rows)


def _legal_totals(programme: Document, rows: list[dict]) -> Iterator[Diagnostic]:
    for number, legal in enumerate(programme.data.get("capaciteit", {}).get("juridische_capaciteit", [])):
        if "totaal_uren" in legal:
            yield from _compare(programme, ("capaciteit", "juridische_capaciteit", number, "totaal_uren"),
                                f"'{legal['titel']}'", legal["totaal_uren"],
                                [line["uren"] for line in legal["regels"]], "uren", rows)


def _table_totals(programme: Document, table: dict, path: tuple, rows: list[dict]) -> Iterator[Diagnostic]:
    parts = [v for v in (stated_hours(line) for line in table.get("regels", [])) if v is not None]
    if "totaal_uren" in table and parts:
        yield from _compare(programme, path + ("totaal_uren",), f"'{table['titel']}'", table["totaal_uren"],
                            parts, "uren", rows)
    yield from _line_totals(programme, table, table.get("regels", []), path + ("regels",), rows)


def _line_totals(programme: Document, table: dict, lines: list, path: tuple, rows: list[dict]) -> Iterator[Diagnostic]:
    for number, line in enumerate(lines):
        children = line.get("regels", [])
        parts = [v for v in (stated_hours(child) for child in children) if v is not None]
        if "uren" in line and parts:
            yield from _compare(programme, path + (number, "uren"), f"'{table['titel']}', regel '{line['product']}'",
                                line["uren"], parts, "uren", rows)
        yield from _line_totals(programme, table, children, path + (number, "regels"), rows)
