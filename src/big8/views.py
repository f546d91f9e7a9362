"""Typed views of the documents a report reads.

The stages keep each document as plain data with positions (model.py); the
rules and pages about monitoring reports and the jaarverslag read them
through these views instead, so that the names of the domain (an hours
line's planned hours, an indicator's target for the year) are spelled out
once. Each view is built from a validated and linked document.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .checks.capacity import capacity_balance
from .checks.goals import targets
from .checks.hours import planned_hours
from .link import iter_hour_lines, resolve
from .model import Document, Project, taakveld_key


@dataclass(frozen=True)
class HoursLine:
    """A leaf urenregel of a programme: what was planned."""

    id: str
    product: str
    table: str  # id of its urentabel
    table_title: str
    discipline: str
    taakveld: str  # taakveld key ("milieu" or "milieu+bodem")
    planned: float | None  # hours
    planned_count: float | None  # aantal
    path: tuple


@dataclass
class ProgrammeView:
    document: Document
    year: int
    lines: dict[str, HoursLine]
    tables: dict[str, dict]  # id -> table data
    available: dict[tuple[str, str], float]  # (discipline, taakveld) -> available hours (formatie)
    planned_per_taakveld: dict[tuple[str, str], float]
    goal_rows: dict[str, dict]  # doelentabel id -> row
    indicators: dict[str, dict]  # indicator reference as written -> doelentabel row that names it
    focuspunten_taken_up: dict[str, str]  # reference -> title
    improvement_points: dict[str, dict]
    formation_lines: dict[str, dict]

    @classmethod
    def of(cls, project: Project, document: Document) -> ProgrammeView:
        data = document.data
        lines: dict[str, HoursLine] = {}
        tables: dict[str, dict] = {}
        planned: dict[tuple[str, str], float] = {}
        for number, table in enumerate(data.get("urentabellen", [])):
            tables[table["id"]] = table
            key = (table["discipline"], taakveld_key(table))
            for line, path, _ in iter_hour_lines(table.get("regels", []), ("urentabellen", number, "regels"), ""):
                if line.get("regels"):
                    continue
                hours = planned_hours(line)
                lines[line["id"]] = HoursLine(line["id"], line["product"], table["id"], table["titel"],
                                              table["discipline"], taakveld_key(line, key[1]), hours,
                                              line.get("aantal"), path)
                if "uitwerking_van" not in table and hours is not None:
                    planned[key] = planned.get(key, 0.0) + hours
        available = {(r["discipline"], r["taakveld"]): r["beschikbaar"] for r in capacity_balance(document)
                     if r["beschikbaar"] is not None}
        focuspunten = {}
        for item in data.get("focuspunten", []):
            if item.get("status") == "opgepakt":
                entity = resolve(project, document, item["focuspunt"], "focuspunt")
                focuspunten[item["focuspunt"]] = entity.data["titel"] if entity else item["focuspunt"]
        indicators = {row["indicator"]: row for row in data.get("doelentabel", []) if row.get("indicator")}
        formation_lines = {line["id"]: dict(line, discipline=f["discipline"])
                           for f in data.get("capaciteit", {}).get("formaties", []) for line in f.get("regels", [])}
        return cls(document, data["jaar"], lines, tables, available, planned,
                   {row["id"]: row for row in data.get("doelentabel", [])}, indicators, focuspunten,
                   {v["id"]: v for v in data.get("verbeterpunten", [])}, formation_lines)


@dataclass(frozen=True)
class Target:
    """The target an indicator sets for one year, as a value and a direction."""

    value: float | bool | None
    direction: str | None
    unit: str | None
    text: str
    example: bool


def target_for_year(indicator: dict, year: int) -> tuple[Target | None, str]:
    """The one target that applies in `year`, or None with the reason."""
    found = targets(indicator)
    for_year = [t for t in found if t["jaar"] == year]
    candidates = for_year or [t for t in found if t["jaar"] is None]
    if not candidates:
        return None, "de indicator heeft geen streefwaarde" + (f" voor {year}" if found else "")
    if len(candidates) > 1:
        return None, "de indicator heeft meer dan één streefwaarde; welke geldt is niet te bepalen"
    chosen = candidates[0]
    text = chosen["tekst"] or ""
    return Target(chosen["waarde"], chosen["richting"], chosen["eenheid"], text, bool(chosen["voorbeeld"])), ""


def reached(value: float | bool, target: Target) -> bool | None:
    """Whether a realised value meets the target, honouring its direction;
    None when the target cannot be judged (no value or no direction)."""
    if target.value is None:
        return None
    if isinstance(target.value, bool) or isinstance(value, bool):
        return value == target.value
    if target.direction is None:
        return None
    goal = float(target.value)
    return {"minimaal": value >= goal - 1e-9, "maximaal": value <= goal + 1e-9, "kleiner-dan": value < goal,
            "groter-dan": value > goal, "gelijk": abs(value - goal) <= 1e-9}.get(target.direction)


@dataclass(frozen=True)
class RealisedLine:
    reference: str
    realised: float | None
    realised_count: float | None
    forecast: float | None
    forecast_count: float | None
    explanation: str
    path: tuple


@dataclass(frozen=True)
class RealisedIndicator:
    reference: str
    value: float | bool | None
    value_text: str
    measured: datetime.date | None
    source: str
    explanation: str
    path: tuple


@dataclass
class ReportView:
    document: Document
    kind: str  # monitoring or jaarverslag
    programme: str
    date: datetime.date | None  # peildatum
    period: str
    lines: list[RealisedLine] = field(default_factory=list)
    table_totals: list[dict] = field(default_factory=list)
    indicators: list[RealisedIndicator] = field(default_factory=list)
    focuspunten: list[dict] = field(default_factory=list)
    improvement_points: list[dict] = field(default_factory=list)
    goal_rows: list[dict] = field(default_factory=list)
    capacity: list[dict] = field(default_factory=list)
    conclusions: list[dict] = field(default_factory=list)
    recommendations: list[dict] = field(default_factory=list)

    @classmethod
    def of(cls, document: Document) -> ReportView:
        data = document.data
        period = data.get("periode") or {}
        view = cls(document, document.kind, str(data["programma"]), data.get("peildatum"),
                   str(period.get("naam") or ""))
        for number, item in enumerate(data.get("urenregels", [])):
            view.lines.append(RealisedLine(item["urenregel"], item.get("gerealiseerd"), item.get("gerealiseerd_aantal"),
                                           item.get("prognose"), item.get("prognose_aantal"),
                                           str(item.get("toelichting") or ""), ("urenregels", number)))
        for number, item in enumerate(data.get("indicatoren", [])):
            view.indicators.append(RealisedIndicator(item["indicator"], item.get("waarde"),
                                                     str(item.get("waarde_tekst") or ""), item.get("meetdatum"),
                                                     str(item.get("bron") or ""), str(item.get("toelichting") or ""),
                                                     ("indicatoren", number)))
        for key, target in (("tabeltotalen", view.table_totals), ("focuspunten", view.focuspunten),
                            ("verbeterpunten", view.improvement_points), ("doelentabel", view.goal_rows),
                            ("capaciteit", view.capacity), ("conclusies", view.conclusions),
                            ("aanbevelingen", view.recommendations)):
            target.extend(dict(item, _pad=(key, number)) for number, item in enumerate(data.get(key, [])))
        return view


# ---------------------------------------------------------------- the region

@dataclass(frozen=True)
class Delegation:
    """Who executes (part of) a taakveld for a bevoegd gezag: from the
    organisations file, `taakvelden[].uitvoerder` (every discipline) or
    `taakvelden[].uitvoering[]` (some disciplines)."""

    organisation: str  # the bevoegd gezag
    taakveld: str
    disciplines: tuple[str, ...]  # empty: every discipline
    executor: str
    path: tuple  # in the organisations file


@dataclass
class RegionView:
    """The organisations as a region: members, who executes what for whom,
    and the services' own account of it."""

    members: dict[str, list[str]]  # region or service -> deelnemers
    delegations: list[Delegation]
    services: dict[str, list[dict]]  # service -> its `uitvoering` entries (with "_pad")
    organisations_document: Document | None

    @classmethod
    def of(cls, project: Project) -> RegionView:
        members: dict[str, list[str]] = {}
        delegations: list[Delegation] = []
        services: dict[str, list[dict]] = {}
        document = next((d for d in project.documents if d.kind == "organisaties"), None)
        for entity in project.organisations.values():
            data, base = entity.data, entity.path[:-1]  # the entity's path ends in "id"
            members[entity.id] = [str(m) for m in data.get("deelnemers", [])]
            for number, task in enumerate(data.get("taakvelden", [])):
                path = base + ("taakvelden", number)
                if task.get("uitvoerder") and task["uitvoerder"] != entity.id:
                    delegations.append(Delegation(entity.id, task["taakveld"], (), task["uitvoerder"],
                                                  path + ("uitvoerder",)))
                for position, part in enumerate(task.get("uitvoering", [])):
                    if part["uitvoerder"] != entity.id:
                        delegations.append(Delegation(entity.id, task["taakveld"], tuple(part["disciplines"]),
                                                      part["uitvoerder"], path + ("uitvoering", position)))
            if data.get("uitvoering"):
                services[entity.id] = [dict(item, _pad=base + ("uitvoering", number))
                                       for number, item in enumerate(data["uitvoering"])]
        return cls(members, delegations, services, document)

    def executes_for(self, service: str, entry: dict) -> list[str]:
        """The organisations a service's `uitvoering` entry says it works for."""
        target = entry.get("voor")
        if target is None or target == "deelnemers":
            return self.members.get(service, [])
        return [target] if isinstance(target, str) else list(target)
