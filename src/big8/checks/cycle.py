"""The link between a programme and the policy it executes (B8-001, 002, 004, 005)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..link import resolve
from ..model import Document, Project
from .rules import RULES


def check_cycle(project: Project) -> Iterator[Diagnostic]:
    for programme in project.programmes.values():
        policy = project.policy_of(programme)
        if policy is None:
            continue  # reported by the link stage
        yield from _policy_in_force(project, programme, policy)
        yield from _indicators_of_goals(project, programme)
        yield from _focuspunten_taken_up(project, programme, policy)


def _policy_in_force(project: Project, programme: Document, policy: Document) -> Iterator[Diagnostic]:
    rule = RULES["B8-001"]
    year = programme.data["jaar"]
    status = policy.data.get("status")
    if status != "vastgesteld":
        yield rule.finding(programme, ("beleid",), f"het beleid '{policy.id}' is niet vastgesteld (status: {status})",
                           "een uitvoeringsprogramma voert vastgesteld beleid uit; stel het beleid eerst vast")
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
