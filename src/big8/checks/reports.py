"""Monitoring reports and the jaarverslag against their programme (B8-050 to B8-059).

Omgevingsbesluit 13.11: report yearly how far the programme was carried
out and how far that helped reach the goals; then review the strategy. So
per report: realised against planned hours per urenregel, table and
taakveld (and against the capacity), each indicator against its target,
every goal and focuspunt of the programme accounted for, deviations
explained, and for the jaarverslag a conclusion for the strategy. The
figures go into the report (`report["rapportages"]`) that the documents
and the site publish.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import dutch
from ..config import Config
from ..diagnostics import Diagnostic, suggest
from ..link import resolve
from ..model import Document, Project
from .goals import unit_problem
from .rules import RULES

STRATEGY_SUBJECTS = ("strategie", "beleid")
NAMES = {"jaarverslag": "het jaarverslag", "monitoring": "de monitoringsrapportage"}


def check_reports(project: Project, report: dict, config: Config) -> Iterator[Diagnostic]:
    from ..views import ProgrammeView, ReportView

    for document in sorted(project.reports.values(), key=lambda d: (str(d.data.get("peildatum")), d.id)):
        programme = project.programme_of(document)
        if programme is None:
            continue  # reported by the link stage
        plan, view = ProgrammeView.of(project, programme), ReportView.of(document)
        threshold = config.threshold("afwijking_procent", document.organisation)
        entry = {"rapport": document.id, "soort": document.kind, "programma": programme.id, "jaar": plan.year,
                 "peildatum": view.date, "periode": view.period}
        yield from _references(project, document, programme, plan, view)
        yield from _hours(project, document, plan, view, threshold, entry)
        yield from _indicators(project, document, programme, plan, view, entry)
        yield from _accounted_for(document, plan, view)
        if document.kind == "jaarverslag":
            yield from _strategy_reviewed(document, view)
        report.setdefault("rapportages", []).append(entry)


# ---------------------------------------------------------------- references

def _references(project: Project, document: Document, programme: Document, plan, view) -> Iterator[Diagnostic]:
    rule = RULES["B8-056"]
    index = project.index(programme)
    checks = [(line.path + ("urenregel",), line.reference, "urenregel", index.get("urenregel", line.reference) is not None,
               [e.id for e in index.all("urenregel")]) for line in view.lines]
    checks += [(item["_pad"] + ("urentabel",), item["urentabel"], "urentabel", item["urentabel"] in plan.tables,
                list(plan.tables)) for item in view.table_totals]
    checks += [(item["_pad"] + ("formatieregel",), item["formatieregel"], "formatieregel",
                item["formatieregel"] in plan.formation_lines, list(plan.formation_lines)) for item in view.capacity]
    checks += [(item["_pad"] + ("verbeterpunt",), item["verbeterpunt"], "verbeterpunt",
                item["verbeterpunt"] in plan.improvement_points, list(plan.improvement_points))
               for item in view.improvement_points]
    checks += [(item["_pad"] + ("rij",), item["rij"], "rij van de doelentabel", item["rij"] in plan.goal_rows,
                list(plan.goal_rows)) for item in view.goal_rows]
    policy = project.policy_of(programme)
    policy_index = project.index(policy) if policy else None
    checks += [(indicator.path + ("indicator",), indicator.reference, "indicator",
                resolve(project, programme, indicator.reference, "indicator") is not None,
                [e.id for e in policy_index.all("indicator")] if policy_index else []) for indicator in view.indicators]
    checks += [(item["_pad"] + ("focuspunt",), item["focuspunt"], "focuspunt",
                resolve(project, programme, item["focuspunt"], "focuspunt") is not None,
                [e.id for e in policy_index.all("focuspunt")] if policy_index else []) for item in view.focuspunten]
    for item in view.recommendations:
        for key, kind in (("doel", "doel"), ("focuspunt", "focuspunt")):
            if key in item:
                checks.append((item["_pad"] + (key,), item[key], kind,
                               resolve(project, programme, item[key], kind) is not None,
                               [e.id for e in policy_index.all(kind)] if policy_index else []))
        if "urenregel" in item:
            checks.append((item["_pad"] + ("urenregel",), item["urenregel"], "urenregel",
                           item["urenregel"] in plan.lines, list(plan.lines)))
    for path, reference, kind, found, known in checks:
        if not found:
            yield rule.finding(document, path,
                               f"{NAMES[document.kind]} noemt {kind} '{reference}', maar programma '{programme.id}' heeft die "
                               "niet", suggest(str(reference), known, "bekende ids:", "het programma heeft er geen"))


# ---------------------------------------------------------------- hours

def _hours(project: Project, document: Document, plan, view, threshold: float, entry: dict) -> Iterator[Diagnostic]:
    monitoring = document.kind == "monitoring"
    lines: list[dict] = []
    per_table: dict[str, dict] = {}
    per_taakveld: dict[tuple, dict] = {}
    for line in view.lines:
        planned_line = plan.lines.get(line.reference)
        if planned_line is None:
            continue
        compared = line.forecast if monitoring else line.realised
        row = {"urenregel": line.reference, "product": planned_line.product, "tabel": planned_line.table,
               "gepland": planned_line.planned, "gerealiseerd": line.realised, "prognose": line.forecast,
               "aantal_gepland": planned_line.planned_count, "aantal_gerealiseerd": line.realised_count,
               "toelichting": line.explanation, **_deviation(planned_line.planned, compared)}
        lines.append(row)
        if row["afwijking_procent"] is not None and abs(row["afwijking_procent"]) > threshold and not line.explanation:
            yield RULES["B8-051"].finding(
                document, line.path + (("prognose",) if monitoring else ("gerealiseerd",)),
                f"urenregel '{dutch.one_line(planned_line.product, 70)}': {_deviation_text(row, monitoring)}, zonder toelichting "
                f"(drempel {dutch.number(threshold)}%)",
                "leg in 'toelichting:' uit waarom de uren afwijken van de planning", data=row)
        for totals in (per_table.setdefault(planned_line.table, _empty_totals()),
                       per_taakveld.setdefault((planned_line.discipline, planned_line.taakveld), _empty_totals())):
            totals["gerealiseerd"] += line.realised or 0
            totals["prognose"] += line.forecast or 0
            totals["regels"] += 1
            totals["ontbreekt"] += compared is None
    entry["regels"] = lines
    entry["tabellen"] = []
    for table_id, totals in sorted(per_table.items()):
        table = plan.tables[table_id]
        planned = sum(line.planned or 0 for line in plan.lines.values() if line.table == table_id)
        stated = next((t for t in view.table_totals if t["urentabel"] == table_id), None)
        compared = None if totals["ontbreekt"] else totals["prognose"] if monitoring else totals["gerealiseerd"]
        row = {"tabel": table_id, "titel": table["titel"], "gepland": planned, **totals,
               "opgegeven": stated.get("gerealiseerd") if stated else None, **_deviation(planned, compared)}
        entry["tabellen"].append(row)
        if stated and stated.get("gerealiseerd") is not None and abs(stated["gerealiseerd"] - totals["gerealiseerd"]) > 0.005:
            yield RULES["B8-020"].finding(
                document, stated["_pad"] + ("gerealiseerd",),
                f"'{table['titel']}': opgegeven gerealiseerd totaal {dutch.hours(stated['gerealiseerd'])}, som van de "
                f"regels {dutch.hours(totals['gerealiseerd'])}",
                "controleer het brondocument (een fout in de bron blijft staan; meld haar)")
    entry["taakvelden"] = []
    for key, totals in sorted(per_taakveld.items()):
        planned = plan.planned_per_taakveld.get(key)
        available = plan.available.get(key)
        compared = None if totals["ontbreekt"] else totals["prognose"] if monitoring else totals["gerealiseerd"]
        row = {"discipline": key[0], "taakveld": key[1], "gepland": planned, "beschikbaar": available, **totals,
               **_deviation(planned, compared)}
        entry["taakvelden"].append(row)
        label = f"{project.label('disciplines', key[0])} / {project.label('taakvelden', key[1])}"
        text = _realisation_text(label, row, monitoring) + (f"; {totals['ontbreekt']} regel(s) nog zonder cijfers"
                                                            if totals["ontbreekt"] else "")
        yield RULES["B8-050"].finding(document, ("urenregels",), text, data=row, key=True)
        if monitoring and available is not None and not totals["ontbreekt"] and totals["prognose"] > available + 1e-6:
            yield RULES["B8-057"].finding(
                document, ("urenregels",),
                f"prognose {label}: {dutch.hours(totals['prognose'])} tegen {dutch.hours(available)} beschikbaar "
                f"(tekort {dutch.hours(totals['prognose'] - available)})",
                "stel de planning bij of zoek extra capaciteit, en meld dat in de rapportage", key=True, data=row)


def _empty_totals() -> dict:
    return {"gerealiseerd": 0.0, "prognose": 0.0, "regels": 0, "ontbreekt": 0}


def _deviation(planned: float | None, compared: float | None) -> dict:
    if planned is None or compared is None:
        return {"afwijking": None, "afwijking_procent": None}
    difference = round(compared - planned, 2)
    return {"afwijking": difference, "afwijking_procent": round(difference / planned * 100, 1) if planned else None}


def _deviation_text(row: dict, monitoring: bool) -> str:
    what = "prognose" if monitoring else "gerealiseerd"
    value = row["prognose"] if monitoring else row["gerealiseerd"]
    sign = "+" if row["afwijking"] > 0 else "-"
    return (f"{what} {dutch.hours(value)} tegen {dutch.hours(row['gepland'])} gepland ({sign}"
            f"{dutch.hours(abs(row['afwijking']))}, {sign}{dutch.number(abs(row['afwijking_procent']))}%)")


def _realisation_text(label: str, row: dict, monitoring: bool) -> str:
    text = f"uren {label}: gerealiseerd {dutch.hours(row['gerealiseerd'])}"
    if monitoring:
        text += f", prognose {dutch.hours(row['prognose'])}"
    if row["gepland"] is not None:
        text += f", gepland {dutch.hours(row['gepland'])}"
        if row["afwijking"] is not None:
            sign = "+" if row["afwijking"] > 0 else "-" if row["afwijking"] < 0 else "±"
            text += f" ({sign}{dutch.hours(abs(row['afwijking']))}, {sign}{dutch.number(abs(row['afwijking_procent'] or 0))}%)"
    if row["beschikbaar"] is not None:
        text += f"; beschikbaar {dutch.hours(row['beschikbaar'])}"
    return text


# ---------------------------------------------------------------- indicators

def _indicators(project: Project, document: Document, programme: Document, plan, view,
                entry: dict) -> Iterator[Diagnostic]:
    from ..views import reached, target_for_year

    realised = {}
    for indicator in view.indicators:
        entity = resolve(project, programme, indicator.reference, "indicator")
        if entity is None:
            continue
        realised[entity.id] = indicator
    entry["indicatoren"] = []
    wanted = {}
    for reference, row in plan.indicators.items():
        entity = resolve(project, programme, reference, "indicator")
        if entity is not None:
            wanted[entity.id] = (entity, row)
    for indicator in view.indicators:
        entity = resolve(project, programme, indicator.reference, "indicator")
        if entity is not None and entity.id not in wanted:
            wanted[entity.id] = (entity, None)
    for entity_id, (entity, _row) in wanted.items():
        target, why_not = target_for_year(entity.data, plan.year)
        value = realised.get(entity_id)
        name = dutch.one_line(entity.data["omschrijving"], 70)
        result = {"indicator": entity_id, "omschrijving": entity.data["omschrijving"], "doel": entity.parent,
                  "eenheid": target.unit if target else entity.data.get("eenheid"),
                  "streefwaarde": target.value if target else None, "richting": target.direction if target else None,
                  "streefwaarde_tekst": (target.text if target else "") or "", "voorbeeld": bool(target and target.example),
                  "waarde": value.value if value else None, "waarde_tekst": value.value_text if value else "",
                  "meetdatum": value.measured if value else None, "gehaald": None}
        entry["indicatoren"].append(result)
        if value is None or value.value is None:
            where = ("indicatoren",) if "indicatoren" in document.data else ("soort",)
            yield RULES["B8-054"].finding(document, where, f"indicator '{name}' heeft geen gerealiseerde waarde",
                                          f"voeg onder 'indicatoren:' '- indicator: {entity_id}' toe met 'waarde:', "
                                          "'meetdatum:' en 'bron:'", key=True)
            continue
        unit = result["eenheid"]
        if unit and (problem := unit_problem(unit, value.value)):
            yield RULES["B8-059"].finding(document, value.path + ("waarde",),
                                          f"waarde {_shown(value.value)} van indicator '{name}' past niet bij eenheid "
                                          f"'{unit}': {problem}", "controleer de waarde en de eenheid")
            continue
        if target is None:
            yield RULES["B8-053"].finding(document, value.path + ("waarde",),
                                          f"indicator '{name}': {_shown(value.value, unit)} gemeten, niet te beoordelen: "
                                          f"{why_not}", "leg de streefwaarde vast in het beleid")
            continue
        outcome = reached(value.value, target)
        result["gehaald"] = outcome
        wording = f"{_shown(value.value, unit)} tegen streefwaarde {target.text or _shown(target.value, unit)}" + \
                  (" (voorbeeld)" if target.example else "")
        if outcome:
            yield RULES["B8-052"].finding(document, value.path + ("waarde",), f"indicator '{name}' gehaald: {wording}",
                                          data=result)
        elif outcome is False:
            yield RULES["B8-053"].finding(document, value.path + ("waarde",),
                                          f"indicator '{name}' niet gehaald: {wording}",
                                          "" if value.explanation else "leg in 'toelichting:' uit waarom, en wat "
                                          "eraan gebeurt", data=result)
        else:
            yield RULES["B8-053"].finding(document, value.path + ("waarde",),
                                          f"indicator '{name}': {wording}; niet te beoordelen zonder richting",
                                          "geef de indicator in het beleid een 'richting:'")


def _shown(value, unit: str | None = None) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if value is None:
        return "(geen)"
    text = dutch.number(value)
    return f"{text}%" if unit == "procent" else f"{text} {unit}" if unit and unit != "aantal" else text


# ---------------------------------------------------------------- 13.11

def _accounted_for(document: Document, plan, view) -> Iterator[Diagnostic]:
    """Every goal-table row and focuspunt taken up is reported on (13.11:
    how far the work contributed to the goals)."""
    rule = RULES["B8-055"]
    rows_reported = {item["rij"] for item in view.goal_rows}
    indicators_reported = {i.reference.rpartition(":")[2] for i in view.indicators if i.value is not None}
    for row_id, row in plan.goal_rows.items():
        if row_id in rows_reported or str(row.get("indicator", "")).rpartition(":")[2] in indicators_reported:
            continue
        yield rule.finding(document, ("doelentabel",) if "doelentabel" in document.data else ("soort",),
                           f"{NAMES[document.kind]} zegt niets over doel '{row['doel']}' (rij '{row_id}' van de "
                           "doelentabel)", f"voeg onder 'doelentabel:' '- rij: {row_id}' toe met 'stand:', of een "
                                           "waarde voor de indicator", key=True)
    focuspunten_reported = {item["focuspunt"].rpartition(":")[2] for item in view.focuspunten}
    for reference, title in plan.focuspunten_taken_up.items():
        if reference.rpartition(":")[2] not in focuspunten_reported:
            yield rule.finding(document, ("focuspunten",) if "focuspunten" in document.data else ("soort",),
                               f"{NAMES[document.kind]} zegt niets over focuspunt '{title}', dat dit jaar is opgepakt",
                               f"voeg onder 'focuspunten:' '- focuspunt: {reference}' toe met 'stand:'", key=True)


def _strategy_reviewed(document: Document, view) -> Iterator[Diagnostic]:
    """13.11 lid 2: after the report the strategy is reviewed."""
    subjects = {item.get("betreft") for item in view.conclusions + view.recommendations}
    if not subjects & set(STRATEGY_SUBJECTS):
        yield RULES["B8-058"].finding(document, ("aanbevelingen",) if "aanbevelingen" in document.data else ("soort",),
                                      "het jaarverslag trekt geen conclusie en doet geen aanbeveling voor de strategie "
                                      "of het beleid (art. 13.11, tweede lid, Omgevingsbesluit)",
                                      "voeg een conclusie of aanbeveling toe met 'betreft: strategie' (of 'beleid'), "
                                      "ook als de strategie ongewijzigd kan blijven", key=True)
