"""The link between a programme and the policy it executes (B8-001, 002, 004, 005)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..link import resolve
from ..model import Document, Project
from .rules import RULES


def check_cycle(project: Project) -> Iterator[Diagnostic]:
    for document in project.documents:
        yield from _concept_with_adoption(document)
    for programme in project.programmes.values():
        yield from _programme_has_its_core(programme)
        yield from _year_in_titles(programme)
        policy = project.policy_of(programme)
        if policy is None:
            continue  # reported by the link stage
        yield from _policy_in_force(project, programme, policy)
        yield from _indicators_of_goals(project, programme)
        yield from _focuspunten_taken_up(project, programme, policy)


# What a yearly programme is for: the work planned (13.8), and the means
# for it (13.10). Without all three it cannot be checked at all.
_CORE_PARTS = [
    ("capaciteit", "capaciteit (formatie in fte en productieve uren)", "art. 13.10 Omgevingsbesluit"),
    ("urentabellen", "geplande uren per product of taak", "art. 13.8 Omgevingsbesluit"),
    ("doelentabel", "doelen met indicatoren en activiteiten", "art. 13.8 Omgevingsbesluit"),
]


def _programme_has_its_core(programme: Document) -> Iterator[Diagnostic]:
    rule = RULES["B8-015"]
    missing = [(key, what, article) for key, what, article in _CORE_PARTS if not programme.data.get(key)]
    if len(missing) == len(_CORE_PARTS):
        yield rule.finding(programme, ("soort",),
                           "het programma bevat geen capaciteit, geen geplande uren en geen doelentabel: het is niet "
                           "na te gaan of het uitvoerbaar is of het beleid dient",
                           "voeg 'capaciteit:', 'urentabellen:' en 'doelentabel:' toe (art. 13.8 en 13.10 "
                           "Omgevingsbesluit)", key=True).with_severity("fout")
        return
    for key, what, article in missing:
        yield rule.finding(programme, ("soort",), f"het programma bevat geen {what} ('{key}:', {article})",
                           f"voeg '{key}:' toe zoals het brondocument het noemt; noemt de bron het niet, dan is dat "
                           "een bevinding over het programma", key=True)


def _concept_with_adoption(document: Document) -> Iterator[Diagnostic]:
    adoption = document.data.get("vaststelling") or {}
    if document.data.get("status") == "concept" and adoption.get("datum"):
        yield RULES["B8-016"].finding(document, ("vaststelling", "datum"),
                                      f"het document is een concept maar heeft een vaststellingsdatum "
                                      f"({adoption['datum']})",
                                      "zet 'status: vastgesteld' als het is vastgesteld, of haal de datum weg")


_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _year_in_titles(programme: Document) -> Iterator[Diagnostic]:
    """A title that still names last year: typically a programme copied
    from the previous one and not yet brought up to date."""
    year = programme.data["jaar"]
    for path, value in _titles(programme.data, ()):
        years = {int(match.group(0)) for match in _YEAR.finditer(value)}
        if year - 1 in years and year not in years:
            yield RULES["B8-017"].finding(programme, path,
                                          f"titel '{value}' noemt {year - 1}, het programma is voor {year}",
                                          f"werk de titel bij naar {year}, of zet in 'bron' waarom het vorige "
                                          "jaar bedoeld is")


def _titles(value, path: tuple):
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("titel", "citeertitel") and isinstance(child, str):
                yield path + (key,), child
            else:
                yield from _titles(child, path + (key,))
    elif isinstance(value, list):
        for number, child in enumerate(value):
            yield from _titles(child, path + (number,))


def _policy_in_force(project: Project, programme: Document, policy: Document) -> Iterator[Diagnostic]:
    rule = RULES["B8-001"]
    year = programme.data["jaar"]
    status = policy.data.get("status")
    if status != "vastgesteld":
        finding = rule.finding(programme, ("beleid",), f"het beleid '{policy.id}' is niet vastgesteld (status: {status})",
                               "een uitvoeringsprogramma voert vastgesteld beleid uit; stel het beleid eerst vast")
        # Drafting a policy and its first programme together is normal; only
        # an adopted programme on a policy that is not is an error.
        yield finding.with_severity("waarschuwing") if programme.data.get("status") == "concept" else finding
    period = policy.data.get("periode", {})
    start, end = period.get("van"), period.get("tot")
    if (start and year < start) or (end and year > end):
        shown = f"{start}-{end}" if end else f"vanaf {start}"
        yield rule.finding(programme, ("jaar",),
                           f"het beleid '{policy.id}' geldt niet in {year} (periode {shown})",
                           "verwijs naar het beleid dat in het programmajaar geldt, of pas de periode aan")
    if policy.organisation != programme.organisation and not _participates(project, programme.organisation,
                                                                          policy.organisation):
        yield rule.finding(programme, ("beleid",),
                           f"het beleid '{policy.id}' is van '{policy.organisation}', niet van "
                           f"'{programme.organisation}'",
                           "verwijs naar beleid van de eigen organisatie of van een regio waaraan zij deelneemt")


def _participates(project: Project, member: str, organisation: str) -> bool:
    entity = project.organisations.get(organisation)
    return entity is not None and member in entity.data.get("deelnemers", [])


def _indicators_of_goals(project: Project, programme: Document) -> Iterator[Diagnostic]:
    rule = RULES["B8-002"]
    for number, row in enumerate(programme.data.get("doelentabel", [])):
        if "indicator" not in row:
            continue
        goal = resolve(project, programme, row["doel"], "doel")
        indicator = resolve(project, programme, row["indicator"], "indicator")
        if goal is None or indicator is None:
            continue  # dangling, reported by the link stage
        if indicator.parent != goal.id:
            yield rule.finding(programme, ("doelentabel", number, "indicator"),
                               f"indicator '{indicator.id}' hoort bij doel '{indicator.parent}', niet bij "
                               f"'{goal.id}'",
                               f"verwijs naar doel '{indicator.parent}' of kies een indicator van '{goal.id}'")


def _focuspunten_taken_up(project: Project, programme: Document, policy: Document) -> Iterator[Diagnostic]:
    listed = {}
    for number, item in enumerate(programme.data.get("focuspunten", [])):
        entity = resolve(project, programme, item["focuspunt"], "focuspunt")
        if entity is not None:
            listed[entity.id] = item
        if item["status"] == "uitgesteld" and not str(item.get("reden", "")).strip():
            yield RULES["B8-005"].finding(programme, ("focuspunten", number, "status"),
                                          f"focuspunt '{item['focuspunt']}' is uitgesteld zonder reden",
                                          "voeg 'reden:' toe met de afweging voor dit jaar")
    for focuspunt in project.index(policy).all("focuspunt"):
        if focuspunt.id not in listed:
            where = ("focuspunten",) if "focuspunten" in programme.data else ("beleid",)
            yield RULES["B8-004"].finding(
                programme, where, f"focuspunt '{focuspunt.data['titel']}' ({focuspunt.id}) wordt in dit programma "
                f"niet opgepakt en niet uitgesteld",
                f"voeg onder 'focuspunten:' '- focuspunt: {focuspunt.id}' toe met 'status: opgepakt' of "
                "'status: uitgesteld' en een reden", key="focuspunten" in programme.data)
