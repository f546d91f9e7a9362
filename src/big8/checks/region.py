"""Rules of the region: what the municipalities left to an omgevingsdienst
returns in the service's regional programme, the parts per deelnemer add up,
every deelnemer adopted the uniform policy (art. 13.5, tweede lid,
Omgevingsbesluit), and the services' and municipalities' accounts of who
executes what agree.

The findings also fill report["regio"]: per region or service the members,
the matrix of who executes what, the adoption of the uniform policy and the
hours per deelnemer per taakveld per year, for the region page.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import dutch
from ..diagnostics import Diagnostic
from ..model import Document, Project, taakveld_key
from .hours import planned_hours
from .rules import RULES

# Hours in YAML are whole or half hours; a difference below this is rounding.
_TOLERANCE = 0.5


def check_region(project: Project, report: dict) -> Iterator[Diagnostic]:
    from ..views import RegionView

    region = RegionView.of(project)
    parts = _parts_per_deelnemer(project)
    yield from _parts_add_up(project)
    yield from _delegated_taakvelden_have_parts(project, region, parts)
    yield from _municipal_hours_match(project, region, parts)
    yield from _uniform_policy_adopted(project, region)
    yield from _accounts_agree(project, region)
    report["regio"] = _region_report(project, region, parts)


# ---------------------------------------------------------------- parts per deelnemer

def _leaf_lines(document: Document) -> Iterator[tuple[dict, tuple, str]]:
    """Every urenregel of a programme that plans hours itself, with its path and taakveld key."""
    from ..link import iter_hour_lines

    for number, table in enumerate(document.data.get("urentabellen", [])):
        for line, path, _ in iter_hour_lines(table.get("regels", []), ("urentabellen", number, "regels"), ""):
            if not line.get("regels"):
                yield line, path, taakveld_key(line, taakveld_key(table))


def _parts_per_deelnemer(project: Project) -> dict[str, dict[tuple[str, str], float]]:
    """Per regional programme: (deelnemer, taakveld) -> hours of its parts."""
    parts: dict[str, dict[tuple[str, str], float]] = {}
    for programme in project.programmes.values():
        for line, _path, taakveld in _leaf_lines(programme):
            for part in line.get("per_deelnemer", []):
                key = (part["organisatie"], taakveld)
                mine = parts.setdefault(programme.id, {})
                mine[key] = mine.get(key, 0.0) + (part.get("uren") or 0.0)
    return parts


def _parts_add_up(project: Project) -> Iterator[Diagnostic]:
    rule = RULES["B8-060"]
    for programme in sorted(project.programmes.values(), key=lambda d: d.id):
        members = set(_members(project, programme.organisation))
        for line, path, _taakveld in _leaf_lines(programme):
            shares = line.get("per_deelnemer", [])
            if not shares:
                continue
            for field, unit in (("uren", "uur"), ("aantal", "")):
                stated = line.get(field)
                given = [s[field] for s in shares if s.get(field) is not None]
                if stated is None or not given or abs(sum(given) - stated) <= _TOLERANCE:
                    continue
                total = dutch.hours(sum(given)) if unit else dutch.number(sum(given))
                expected = dutch.hours(stated) if unit else dutch.number(stated)
                yield rule.finding(programme, path + (field,),
                                   f"urenregel '{line['product']}': de delen per deelnemer tellen op tot {total}, "
                                   f"de regel noemt {expected}",
                                   "pas een deel of het totaal aan; big8 telt de delen van alle deelnemers op")
            for number, share in enumerate(shares):
                if members and share["organisatie"] not in members:
                    yield rule.finding(programme, path + ("per_deelnemer", number, "organisatie"),
                                       f"urenregel '{line['product']}' geeft een deel aan "
                                       f"{project.organisation_name(share['organisatie'])}, die geen deelnemer is "
                                       f"van {project.organisation_name(programme.organisation)}",
                                       "voeg de organisatie toe aan de deelnemers in policy/organisaties.yaml, of "
                                       "verwijder het deel")


def _members(project: Project, organisation: str) -> list[str]:
    entity = project.organisations.get(organisation)
    return [str(m) for m in entity.data.get("deelnemers", [])] if entity else []


def _service_programme(project: Project, service: str, year: int) -> Document | None:
    """The regional programme of a service for a year: its programme with parts per deelnemer."""
    for programme in sorted(project.programmes.values(), key=lambda d: d.id):
        if programme.organisation == service and programme.data.get("jaar") == year and any(
                line.get("per_deelnemer") for line, _, _ in _leaf_lines(programme)):
            return programme
    return None


def _delegated_taakvelden_have_parts(project: Project, region, parts: dict) -> Iterator[Diagnostic]:
    """A taakveld a gemeente left to a service has a part in the service's
    regional programme of each year that programme exists."""
    rule = RULES["B8-061"]
    for programme in sorted(project.programmes.values(), key=lambda d: d.id):
        if not any(line.get("per_deelnemer") for line, _, _ in _leaf_lines(programme)):
            continue
        service, year = programme.organisation, programme.data["jaar"]
        mine = parts.get(programme.id, {})
        for delegation in region.delegations:
            if delegation.executor != service:
                continue
            if any(organisation == delegation.organisation and _same_taakveld(taakveld, delegation.taakveld)
                   for organisation, taakveld in mine):
                continue
            yield rule.finding(programme, ("urentabellen",) if "urentabellen" in programme.data else ("soort",),
                               f"het regionale programma {year} heeft geen deel voor "
                               f"{project.organisation_name(delegation.organisation)} in taakveld "
                               f"{project.label('taakvelden', delegation.taakveld)}, dat "
                               f"{project.organisation_name(delegation.organisation)} aan "
                               f"{project.organisation_name(service)} heeft opgedragen",
                               "geef de regels van dit taakveld een per_deelnemer met de uren van deze deelnemer "
                               "(of pas de uitvoering in policy/organisaties.yaml aan)")


def _same_taakveld(key: str, taakveld: str) -> bool:
    return taakveld in key.split("+")


def _municipal_hours_match(project: Project, region, parts: dict) -> Iterator[Diagnostic]:
    """A gemeente's programme that names its part in a regional programme
    plans the same hours for the taakvelden the service executes."""
    rule = RULES["B8-062"]
    for programme in sorted(project.programmes.values(), key=lambda d: d.id):
        regional_id = programme.data.get("regionaal_programma")
        regional = project.programmes.get(str(regional_id)) if regional_id else None
        if regional is None:
            continue  # an unknown id is the link stage's finding
        service = regional.organisation
        own: dict[str, float] = {}
        for table in programme.data.get("urentabellen", []):
            if table.get("uitvoerder") != service:
                continue
            key = taakveld_key(table)
            own[key] = own.get(key, 0.0) + sum(v for v in (planned_hours(line) for line in table.get("regels", []))
                                               if v is not None)
        theirs = {taakveld: hours for (organisation, taakveld), hours in parts.get(regional.id, {}).items()
                  if organisation == programme.organisation}
        for taakveld in sorted(set(own) | set(theirs)):
            mine, stated = own.get(taakveld), theirs.get(taakveld)
            if mine is not None and stated is not None and abs(mine - stated) <= _TOLERANCE:
                continue
            yield rule.finding(
                programme, ("regionaal_programma",),
                f"taakveld {project.label('taakvelden', taakveld)}: dit programma plant "
                f"{dutch.hours(mine or 0)} bij {project.organisation_name(service)}, het regionale programma "
                f"'{regional.data['titel']}' geeft deze gemeente {dutch.hours(stated or 0)}",
                "stem de uren af met de omgevingsdienst; het regionale programma en dit programma moeten "
                "hetzelfde zeggen")


# ---------------------------------------------------------------- the uniform policy

def _uniform_policy_adopted(project: Project, region) -> Iterator[Diagnostic]:
    rule = RULES["B8-063"]
    for policy in sorted(project.policies.values(), key=lambda d: d.id):
        service = policy.data.get("uniform_voor")
        if not service:
            continue
        adoptions = {a["organisatie"]: (number, a) for number, a in enumerate(policy.data.get("vaststellingen", []))}
        for member in region.members.get(str(service), []):
            entity = project.organisations.get(member)
            if entity is None or not entity.data.get("bevoegd_gezag"):
                continue
            name = project.organisation_name(member)
            if member not in adoptions:
                yield rule.finding(policy, ("vaststellingen",) if "vaststellingen" in policy.data else ("uniform_voor",),
                                   f"het beleid zegt niet of {name} het als uniforme strategie voor "
                                   f"{project.organisation_name(str(service))} heeft vastgesteld",
                                   f"voeg bij vaststellingen een regel toe voor {member}, met vastgesteld: true "
                                   "of false (art. 13.5, tweede lid, Omgevingsbesluit)")
            elif not adoptions[member][1]["vastgesteld"]:
                number, adoption = adoptions[member]
                reason = f" ({adoption['toelichting']})" if adoption.get("toelichting") else ""
                yield rule.finding(policy, ("vaststellingen", number, "vastgesteld"),
                                   f"{name} heeft de uniforme strategie voor "
                                   f"{project.organisation_name(str(service))} niet vastgesteld{reason}",
                                   "de deelnemers van een omgevingsdienst stellen voor haar taken een uniforme "
                                   "strategie vast (art. 13.5, tweede lid, Omgevingsbesluit)")


# ---------------------------------------------------------------- who executes what

def _accounts_agree(project: Project, region) -> Iterator[Diagnostic]:
    """Where a service states what it executes for whom, the municipalities'
    delegations and the service's account say the same."""
    rule = RULES["B8-064"]
    document = region.organisations_document
    if document is None:
        return
    for delegation in region.delegations:
        entries = region.services.get(delegation.executor)
        if not entries:
            continue  # the service does not give its own account
        covered = [e for e in entries if e["taakveld"] == delegation.taakveld
                   and delegation.organisation in region.executes_for(delegation.executor, e)]
        if not covered:
            yield rule.finding(document, delegation.path,
                               f"{project.organisation_name(delegation.organisation)} laat taakveld "
                               f"{project.label('taakvelden', delegation.taakveld)} uitvoeren door "
                               f"{project.organisation_name(delegation.executor)}, maar "
                               f"{project.organisation_name(delegation.executor)} noemt dat niet bij wat zij uitvoert",
                               f"vul de uitvoering van {delegation.executor} aan, of pas de uitvoerder aan")
    for service, entries in sorted(region.services.items()):
        for entry in entries:
            for organisation in region.executes_for(service, entry):
                entity = project.organisations.get(organisation)
                if entity is None or not entity.data.get("bevoegd_gezag") or not entity.data.get("taakvelden"):
                    continue  # no account of its own to compare with
                if not any(d.organisation == organisation and d.executor == service and d.taakveld == entry["taakveld"]
                           for d in region.delegations):
                    yield rule.finding(document, entry["_pad"] + ("taakveld",),
                                       f"{project.organisation_name(service)} zegt taakveld "
                                       f"{project.label('taakvelden', entry['taakveld'])} uit te voeren voor "
                                       f"{project.organisation_name(organisation)}, maar die noemt "
                                       f"{project.organisation_name(service)} niet als uitvoerder",
                                       f"zet bij {organisation} onder taakvelden de uitvoerder {service}, of pas "
                                       "'voor' aan")


# ---------------------------------------------------------------- the region page

def _region_report(project: Project, region, parts: dict) -> list[dict]:
    """Per region or service with members: who executes what, the uniform
    policy's adoption, and the hours per deelnemer per taakveld per year."""
    entries = []
    for organisation_id, members in sorted(region.members.items()):
        if not members:
            continue
        matrix = []
        for member in members:
            entity = project.organisations.get(member)
            if entity is None or not entity.data.get("taakvelden"):
                continue
            for task in entity.data["taakvelden"]:
                executors = [{"disciplines": list(d.disciplines), "uitvoerder": d.executor}
                             for d in region.delegations if d.organisation == member and d.taakveld == task["taakveld"]]
                matrix.append({"organisatie": member, "taakveld": task["taakveld"],
                               "uitvoering": executors or [{"disciplines": [], "uitvoerder": member}]})
        adoption = []
        for policy in sorted(project.policies.values(), key=lambda d: d.id):
            if policy.data.get("uniform_voor") != organisation_id:
                continue
            stated = {a["organisatie"]: a for a in policy.data.get("vaststellingen", [])}
            adoption.append({"beleid": policy.id, "titel": policy.data["titel"],
                             "deelnemers": [{"organisatie": m, "vaststelling": stated.get(m)} for m in members]})
        hours = []
        for programme in sorted(project.programmes.values(), key=lambda d: (d.data["jaar"], d.id)):
            if programme.organisation != organisation_id or programme.id not in parts:
                continue
            hours.append({"programma": programme.id, "jaar": programme.data["jaar"],
                          "delen": [{"organisatie": o, "taakveld": t, "uren": h}
                                    for (o, t), h in sorted(parts[programme.id].items())]})
        entries.append({"organisatie": organisation_id, "deelnemers": members, "uitvoering": matrix,
                        "uniform_beleid": adoption, "uren_per_deelnemer": hours,
                        "agendas": sorted(a.id for a in project.agendas.values() if a.organisation == organisation_id)})
    return entries
