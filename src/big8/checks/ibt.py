"""What the province will find: every requirement of the Omgevingsbesluit
(13.5-13.11) or, before 2024, the Besluit omgevingsrecht (7.2-7.7), judged
per organisation and year on the documents in the project.

The requirements and their legal text are data (src/big8/wet/
ibt-vereisten.yaml). Each gets an outcome: voldaan, deels, niet, niet van
toepassing, niet te toetsen (the data cannot show it), or ontbreekt (the
document that must show it is not in the project). Where the model has the
element (a programme for the year, a capacity balance, a jaarverslag with a
conclusion on the strategy) big8 judges it from the data; where a document
meets a requirement in prose only, the author points to the passage
(`wettelijke_eisen`), and big8 checks that the passage exists. A word in a
text never counts.

An outcome "niet" is a finding with the requirement's code, located where
the element belongs; the outcomes are report["ibt"], which the site, the
JSON output and the IBT annex (Word/PDF) publish.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..diagnostics import FOUT, INFO, WAARSCHUWING, Diagnostic, suggest
from ..dutch import one_line
from ..model import Document, Project

CATALOGUE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wet", "ibt-vereisten.yaml")
OMGEVINGSWET = 2024  # the Omgevingsbesluit applies from 1 January 2024; before, the Bor
VOLDAAN, DEELS, NIET, NVT, NIET_TOETSBAAR, ONTBREEKT = (
    "voldaan", "deels", "niet", "niet-van-toepassing", "niet-te-toetsen", "ontbreekt")
_LID = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende")


@lru_cache(maxsize=1)
def catalogue() -> tuple[dict, ...]:
    from ..validate import read_schema_file

    return tuple(read_schema_file(CATALOGUE))


def requirement(requirement_id: str) -> dict | None:
    return next((r for r in catalogue() if r["id"] == requirement_id), None)


def article_label(row: dict) -> str:
    """"art. 13.6, tweede lid, onder e, Omgevingsbesluit"."""
    parts = [f"art. {row['artikel']}"]
    if row.get("lid"):
        parts.append(f"{_LID[int(row['lid']) - 1]} lid")
    if row.get("deel"):
        parts.append(str(row["deel"]))
    if row.get("onder"):
        parts.append(f"onder {row['onder']}")
    law = "Omgevingsbesluit" if row["regime"] == "omgevingsbesluit" else "Besluit omgevingsrecht"
    return ", ".join(parts) + f", {law}"


# ---------------------------------------------------------------- the year judged

@dataclass
class Year:
    """The documents of one organisation that the province reads for one year."""

    project: Project
    organisation: str
    year: int
    policy: Document | None
    programme: Document | None
    report: Document | None  # the jaarverslag on the programme
    balance: list[dict] = field(default_factory=list)

    @property
    def regime(self) -> str:
        return "omgevingsbesluit" if self.year >= OMGEVINGSWET else "bor"

    def document(self, kind: str) -> Document | None:
        return {"beleid": self.policy, "uitvoeringsprogramma": self.programme, "jaarverslag": self.report}.get(kind)


@dataclass
class Outcome:
    result: str
    explanation: str
    evidence: list[dict] = field(default_factory=list)  # {"document", "pad", "tekst"}


def years_judged(project: Project, report: dict) -> list[Year]:
    """Per bevoegd gezag: each year it has a programme for, and the first
    year of each policy no programme covers."""
    years: list[Year] = []
    for organisation_id, entity in sorted(project.organisations.items()):
        if not entity.data.get("bevoegd_gezag"):
            continue
        programmes = {p.data["jaar"]: p for p in project.programmes.values() if p.organisation == organisation_id}
        policies = [p for p in project.policies.values() if p.organisation == organisation_id]
        wanted = set(programmes)
        for candidate in policies:
            start, end = candidate.data["periode"]["van"], candidate.data["periode"].get("tot")
            if not any(start <= y <= (end or y) for y in programmes):
                wanted.add(start)
        for year in sorted(wanted):
            programme = programmes.get(year)
            policy = project.policy_of(programme) if programme else _policy_in_force(policies, year)
            jaarverslag = next((r for r in (project.reports_of(programme) if programme else [])
                                if r.kind == "jaarverslag"), None)
            balance: list[dict] = next((c["regels"] for c in report.get("capaciteit", [])
                                        if programme and c["programma"] == programme.id), [])
            years.append(Year(project, organisation_id, year, policy, programme, jaarverslag, balance))
    return years


def _policy_in_force(policies: list[Document], year: int) -> Document | None:
    covering = [p for p in policies if p.data["periode"]["van"] <= year <= (p.data["periode"].get("tot") or year)]
    return sorted(covering, key=lambda p: p.data["periode"]["van"])[-1] if covering else None


# ---------------------------------------------------------------- pointers

def pointers(document: Document | None, row: dict) -> list[tuple[dict, tuple]]:
    """The author's pointers for a requirement or its counterpart in the other regime."""
    if document is None:
        return []
    names = {row["id"], *row.get("tegenhanger", [])}
    return [(entry, ("wettelijke_eisen", number)) for number, entry in enumerate(document.data.get("wettelijke_eisen", []))
            if entry["eis"] in names]


def resolve_passage(document: Document, target: str) -> tuple[tuple, object] | None:
    """A passage by the id of a part of the document, or by a path
    ("strategieen.toezicht", "scope.buiten_scope[0]"): (path, value)."""
    index = document_ids(document)
    if target in index:
        return index[target]
    value: object = document.data
    path: tuple = ()
    for part in target.replace("]", "").replace("[", ".").split("."):
        if isinstance(value, dict) and part in value:
            value, path = value[part], path + (part,)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value, path = value[int(part)], path + (int(part),)
        else:
            return None
    return path, value


def document_ids(document: Document) -> dict[str, tuple[tuple, object]]:
    found: dict[str, tuple[tuple, object]] = {}

    def walk(value: object, path: tuple) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str) and path:
                found.setdefault(value["id"], (path, value))
            for key, child in value.items():
                walk(child, path + (key,))
        elif isinstance(value, list):
            for number, child in enumerate(value):
                walk(child, path + (number,))

    walk(document.data, ())
    return found


def _passage_title(value: object, fallback: str, root: str = "", document: Document | None = None,
                   path: tuple = ()) -> str:
    """How a reader finds the passage: its own title, the name of its
    field (from schemas/velden.yaml) with its number in a list, or the
    start of its text."""
    own = _first_text(value, ("titel", "naam", "product", "omschrijving"))
    if own:
        return own
    named = field_title(root, document, path) if document is not None and path else ""
    return named or _first_text(value, ("tekst",)) or fallback


def _first_text(value: object, keys: tuple[str, ...]) -> str:
    if isinstance(value, dict):
        for key in keys:
            if isinstance(value.get(key), str):
                return one_line(value[key], 90)
    return ""


def field_title(root: str, document: Document, path: tuple) -> str:
    """"scope.buiten_scope[0]" -> "Taakvelden buiten het beleid, nr. 1"."""
    from ..resources import Resources
    from ..schema_export import DESCRIPTIONS
    from ..validate import SCHEMA_OF_KIND, read_schema_file

    try:
        described = read_schema_file(Resources(root).schema_file(DESCRIPTIONS)) or {}
    except OSError:
        return ""
    # Parts shared between kinds (strategieen, doelen) are described once,
    # under the shared schema file.
    titles = {**described.get("definities.yaml", {}), **described.get(SCHEMA_OF_KIND.get(document.kind, ""), {})}
    keys = ".".join(str(p) for p in path if not isinstance(p, int))
    numbers = [p for p in path if isinstance(p, int)]
    title = (titles.get(keys) or {}).get("titel", "")
    if title and numbers and isinstance(path[-1], int):
        title += f", nr. {numbers[-1] + 1}"
    return title


def pointed(year: Year, row: dict, kinds: tuple[str, ...]) -> Outcome | None:
    """The outcome the author's pointers give, if there are any."""
    for kind in kinds:
        document = year.document(kind)
        for entry, _path in pointers(document, row):
            assert document is not None
            evidence = []
            for target in entry["zie"]:
                found = resolve_passage(document, target)
                if found is not None:
                    evidence.append({"document": document.id, "pad": found[0],
                                     "tekst": _passage_title(found[1], target, year.project.root, document, found[0])})
            if evidence:
                result = DEELS if entry.get("oordeel") == DEELS else VOLDAAN
                return Outcome(result, entry.get("toelichting") or (
                    "de aangewezen passage vervult een deel van de eis" if result == DEELS
                    else "de aangewezen passage vervult de eis"), evidence)
    return None


# ---------------------------------------------------------------- judging from the data

def _has_text(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_has_text(v) for k, v in value.items() if k not in ("bron", "redactie", "id"))
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    return value is not None and not isinstance(value, bool)


def _strategy(policy: Document | None, part: str) -> object:
    return ((policy.data.get("strategieen") or {}).get(part) if policy else None)


def adopted_strategy(year: Year, row: dict) -> Outcome:
    policy = year.policy
    if policy is None:
        return Outcome(ONTBREEKT, f"geen beleid voor {year.year} in dit project")
    data = policy.data
    present = {"vaststelling": data["status"] == "vastgesteld" or bool((data.get("vaststelling") or {}).get("door")),
               "doelen": bool(year.project.index(policy).all("doel")), "strategieën": _has_text(data.get("strategieen"))}
    missing = [name for name, ok in present.items() if not ok]
    evidence = [{"document": policy.id, "pad": (key,), "tekst": name} for name, key in
                (("vaststelling", "vaststelling"), ("doelen", "doelen"), ("strategieën", "strategieen"))
                if present[name] and key in data]
    if not missing:
        return Outcome(VOLDAAN, "vastgesteld, met doelen en strategieën; of de doelen gemotiveerd zijn, leest de "
                       "provincie zelf", evidence)
    return Outcome(DEELS if len(missing) < 3 else NIET, "ontbreekt: " + ", ".join(missing), evidence)


def uniform_strategy(year: Year, row: dict) -> Outcome:
    from ..views import RegionView

    region = RegionView.of(year.project)
    services = sorted({d.executor for d in region.delegations if d.organisation == year.organisation
                       and year.project.organisations.get(d.executor, None) is not None
                       and year.project.organisations[d.executor].data.get("type") == "omgevingsdienst"})
    if not services:
        return Outcome(NVT, "de organisatie laat geen taken uitvoeren door een omgevingsdienst")
    for policy in year.project.policies.values():
        if policy.data.get("uniform_voor") in services:
            adoption = next((a for a in policy.data.get("vaststellingen", []) if a["organisatie"] == year.organisation),
                            None)
            if adoption is not None:
                evidence = [{"document": policy.id, "pad": ("vaststellingen",), "tekst": policy.data["titel"]}]
                return Outcome(VOLDAAN if adoption["vastgesteld"] else NIET, "uniform beleid " + (
                    "vastgesteld" if adoption["vastgesteld"] else "niet vastgesteld"), evidence)
    return pointed(year, row, ("beleid",)) or Outcome(NIET, "het beleid zegt niet dat de organisatie de uniforme "
                                                      "strategie van " + ", ".join(year.project.organisation_name(s)
                                                                                   for s in services) + " vaststelde")


def priorities(year: Year, row: dict) -> Outcome:
    policy, programme = year.policy, year.programme
    if policy and policy.data.get("analyses", {}).get("risicoanalyse", {}).get("rijen"):
        return Outcome(VOLDAAN, "risicoanalyse met kans en effect per activiteit",
                       [{"document": policy.id, "pad": ("analyses", "risicoanalyse"), "tekst": "risicoanalyse"}])
    for document in (policy, programme):
        if document and document.data.get("prioriteiten"):
            return Outcome(VOLDAAN, "prioriteiten vastgelegd",
                           [{"document": document.id, "pad": ("prioriteiten",), "tekst": "prioriteiten"}])
    return pointed(year, row, ("beleid", "uitvoeringsprogramma")) or _missing(year, "beleid",
                                                                               "geen prioriteitenstelling")


def goal_method(year: Year, row: dict) -> Outcome:
    from .goals import has_target

    policy = year.policy
    if policy is None:
        return Outcome(ONTBREEKT, f"geen beleid voor {year.year} in dit project")
    indicators = year.project.index(policy).all("indicator")
    measurable = [i for i in indicators if has_target(i.data)]
    if measurable and len(measurable) == len(indicators):
        return Outcome(VOLDAAN, f"{len(measurable)} indicatoren met streefwaarde",
                       [{"document": policy.id, "pad": ("doelen",), "tekst": "doelen en indicatoren"}])
    found = pointed(year, row, ("beleid",))
    if found:
        return found
    if measurable:
        return Outcome(DEELS, f"{len(measurable)} van {len(indicators)} indicatoren hebben een streefwaarde",
                       [{"document": policy.id, "pad": ("doelen",), "tekst": "doelen en indicatoren"}])
    return Outcome(NIET, "geen indicator met streefwaarde")


def strategy_part(part: str, name: str) -> Callable[[Year, dict], Outcome]:
    def judge(year: Year, row: dict) -> Outcome:
        if year.policy is None:
            return Outcome(ONTBREEKT, f"geen beleid voor {year.year} in dit project")
        found = pointed(year, row, ("beleid",))
        if found:
            return found
        if _has_text(_strategy(year.policy, part)):
            return Outcome(VOLDAAN, f"{name} beschreven",
                           [{"document": year.policy.id, "pad": ("strategieen", part), "tekst": name}])
        return Outcome(NIET, f"geen {name}")
    return judge


def sanctions_and_criminal_law(year: Year, row: dict) -> Outcome:
    if year.policy is None:
        return Outcome(ONTBREEKT, f"geen beleid voor {year.year} in dit project")
    found = pointed(year, row, ("beleid",))
    if found:
        return found
    sanction = _strategy(year.policy, "sanctie")
    if isinstance(sanction, dict) and sanction.get("kader"):
        return Outcome(VOLDAAN, "de sanctiestrategie volgt een landelijke handhavingsstrategie, die bestuurs- en "
                       "strafrecht op elkaar afstemt",
                       [{"document": year.policy.id, "pad": ("strategieen", "sanctie", "kader"),
                         "tekst": "sanctiestrategie"}])
    return Outcome(NIET, "de sanctiestrategie noemt geen afstemming met het strafrecht")


def inspection_frequencies(year: Year, row: dict) -> Outcome:
    policy, programme = year.policy, year.programme
    supervision = _strategy(policy, "toezicht")
    forms = supervision.get("vormen", []) if isinstance(supervision, dict) else []
    if any(f.get("frequentie") for f in forms if isinstance(f, dict)):
        return Outcome(VOLDAAN, "toezichtvormen met frequentie",
                       [{"document": policy.id if policy else "", "pad": ("strategieen", "toezicht"),
                         "tekst": "toezichtstrategie"}])
    if programme and any(o.get("frequentie_per_jaar") for p in programme.data.get("toezichtprofielen", [])
                         for o in p.get("objecten", p.get("regels", [])) if isinstance(o, dict)):
        return Outcome(VOLDAAN, "toezichtprofiel met frequenties",
                       [{"document": programme.id, "pad": ("toezichtprofielen",), "tekst": "toezichtprofiel"}])
    return pointed(year, row, ("beleid", "uitvoeringsprogramma")) or _missing(year, "beleid",
                                                                               "geen toezichtfrequenties")


def ippc(year: Year, row: dict) -> Outcome:
    """The ippc requirements concern milieu; they apply to who executes it."""
    from ..views import RegionView

    own = year.project.organisations.get(year.organisation)
    milieu = [t for t in (own.data.get("taakvelden", []) if own else []) if t["taakveld"] == "milieu"]
    delegated = any(d.organisation == year.organisation and d.taakveld == "milieu" and not d.disciplines
                    for d in RegionView.of(year.project).delegations)
    if not milieu or delegated:
        return Outcome(NVT, "milieu (met de ippc-installaties) voert de organisatie niet zelf uit")
    return pointed(year, row, ("beleid",)) or _missing(year, "beleid", "niet beschreven")


def programme_for_year(year: Year, row: dict) -> Outcome:
    programme = year.programme
    if programme is None:
        return Outcome(ONTBREEKT, f"geen uitvoeringsprogramma {year.year} in dit project")
    evidence = [{"document": programme.id, "pad": ("urentabellen",), "tekst": programme.data["titel"]}]
    if programme.data["status"] != "vastgesteld":
        return Outcome(DEELS, "het programma is nog niet vastgesteld", evidence)
    return Outcome(VOLDAAN, "vastgesteld uitvoeringsprogramma", evidence)


def programme_serves_goals(year: Year, row: dict) -> Outcome:
    programme = year.programme
    if programme is None:
        return Outcome(ONTBREEKT, f"geen uitvoeringsprogramma {year.year} in dit project")
    from ..views import ProgrammeView

    plan = ProgrammeView.of(year.project, programme)
    linked = _linked_lines(programme)
    lines = [line for line in plan.lines.values() if line.planned]
    served = [line for line in lines if line.id in linked]
    evidence = [{"document": programme.id, "pad": ("doelentabel",) if "doelentabel" in programme.data
                 else ("urentabellen",), "tekst": "doelen en activiteiten"}]
    if lines and len(served) == len(lines):
        return Outcome(VOLDAAN, "elke activiteit met uren dient een doel of focuspunt", evidence)
    found = pointed(year, row, ("uitvoeringsprogramma",))
    if found:
        return found
    if served:
        return Outcome(DEELS, f"{len(served)} van {len(lines)} activiteiten met uren dienen een doel of focuspunt",
                       evidence)
    return Outcome(NIET, "geen activiteit is gekoppeld aan een doel of focuspunt van het beleid")


def _linked_lines(programme: Document) -> set[str]:
    from ..link import iter_hour_lines

    linked = {line_id for row in programme.data.get("doelentabel", []) for line_id in row.get("urenregels", [])}
    for number, table in enumerate(programme.data.get("urentabellen", [])):
        for line, _, _ in iter_hour_lines(table.get("regels", []), ("urentabellen", number), ""):
            if line.get("doelen") or line.get("focuspunten"):
                linked.add(line["id"])
    return linked


def enough_means(year: Year, row: dict) -> Outcome:
    programme = year.programme
    if programme is None:
        return Outcome(ONTBREEKT, f"geen uitvoeringsprogramma {year.year} in dit project")
    rows = [r for r in year.balance if r["saldo"] is not None]
    if not rows:
        return pointed(year, row, ("uitvoeringsprogramma",)) or Outcome(
            NIET, "het programma zet geen beschikbare capaciteit tegenover de geplande uren")
    short = [r for r in rows if r["saldo"] < 0]
    evidence = [{"document": programme.id, "pad": ("capaciteit",), "tekst": "capaciteit"}]
    if short:
        names = ", ".join(f"{year.project.label('disciplines', r['discipline']).lower()} "
                          f"{year.project.label('taakvelden', r['taakveld']).lower()}" for r in short)
        return Outcome(NIET, f"tekort in {names}", evidence)
    return Outcome(VOLDAAN, "de beschikbare uren dekken de geplande uren", evidence)


def means_calculated(year: Year, row: dict) -> Outcome:
    programme = year.programme
    if programme is None:
        return Outcome(ONTBREEKT, f"geen uitvoeringsprogramma {year.year} in dit project")
    capacity = programme.data.get("capaciteit") or {}
    if capacity.get("formaties") and (capacity.get("productieve_uren_per_fte") or any(
            f.get("productieve_uren_per_fte") for f in capacity["formaties"])):
        return Outcome(VOLDAAN, "formatie in fte maal productieve uren per fte",
                       [{"document": programme.id, "pad": ("capaciteit",), "tekst": "capaciteit"}])
    return pointed(year, row, ("uitvoeringsprogramma",)) or Outcome(NIET, "geen berekening van de middelen")


def yearly_report(year: Year, row: dict) -> Outcome:
    report = year.report
    if report is None:
        return pointed(year, row, ("jaarverslag",)) or Outcome(
            ONTBREEKT, f"geen jaarverslag over {year.year} in dit project")
    data = report.data
    evidence = [{"document": report.id, "pad": ("urenregels",), "tekst": data["titel"]}]
    parts = [name for name, key in (("gerealiseerde uren", "urenregels"), ("gemeten indicatoren", "indicatoren"))
             if data.get(key)]
    if len(parts) == 2:
        return Outcome(VOLDAAN, "uitvoering en bijdrage aan de doelen gerapporteerd", evidence)
    return Outcome(DEELS if parts else NIET, "ontbreekt: " + ", ".join(
        n for n in ("gerealiseerde uren", "gemeten indicatoren") if n not in parts), evidence)


def strategy_reviewed(year: Year, row: dict) -> Outcome:
    report = year.report
    if report is not None:
        items = [i for part in ("conclusies", "aanbevelingen") for i in report.data.get(part, [])
                 if i.get("betreft") in ("strategie", "beleid")]
        if items:
            return Outcome(VOLDAAN, "het jaarverslag trekt conclusies voor de strategie",
                           [{"document": report.id, "pad": ("aanbevelingen",) if "aanbevelingen" in report.data
                             else ("conclusies",), "tekst": "conclusies en aanbevelingen"}])
    found = pointed(year, row, ("beleid", "jaarverslag"))
    if found:
        return found
    if report is None:
        return Outcome(ONTBREEKT, f"geen jaarverslag over {year.year} in dit project")
    return Outcome(NIET, "het jaarverslag zegt niets over de strategie")


def sent_to_council(kind: str) -> Callable[[Year, dict], Outcome]:
    def judge(year: Year, row: dict) -> Outcome:
        document = year.document(kind)
        if document is None:
            return Outcome(ONTBREEKT, f"geen {kind} voor {year.year} in dit project")
        sent = (document.data.get("vaststelling") or {}).get("verzonden_aan_raad")
        if sent:
            return Outcome(VOLDAAN, f"aan de raad gezonden op {sent}",
                           [{"document": document.id, "pad": ("vaststelling", "verzonden_aan_raad"),
                             "tekst": "vaststelling"}])
        return pointed(year, row, (kind,)) or Outcome(NIET, "niet vermeld dat de raad het ontvangt")
    return judge


def by_pointer(kinds: tuple[str, ...]) -> Callable[[Year, dict], Outcome]:
    def judge(year: Year, row: dict) -> Outcome:
        found = pointed(year, row, kinds)
        if found:
            return found
        if all(year.document(kind) is None for kind in kinds):
            return Outcome(ONTBREEKT, f"geen {kinds[0]} voor {year.year} in dit project")
        return Outcome(NIET, "geen passage aangewezen die dit regelt")
    return judge


def _missing(year: Year, kind: str, explanation: str) -> Outcome:
    if year.document(kind) is None:
        return Outcome(ONTBREEKT, f"geen {kind} voor {year.year} in dit project")
    return Outcome(NIET, explanation)


def not_checkable(year: Year, row: dict) -> Outcome:
    return Outcome(NIET_TOETSBAAR, row["hoe"].split(". ")[0].rstrip(".") + ".")


# How each requirement is judged, and where a finding is placed when it is not
# met (document kind, candidate paths; the first that exists, else the top).
_B = ("beleid",)
_U = ("uitvoeringsprogramma",)
TOETSEN: dict[str, tuple[Callable[[Year, dict], Outcome], str, tuple[tuple, ...]]] = {
    "ob-13.5-1": (adopted_strategy, "beleid", (("vaststelling",), ("status",))),
    "ob-13.5-2": (uniform_strategy, "beleid", (("scope",),)),
    "ob-13.5-3": (by_pointer(_B), "beleid", (("strategieen", "sanctie"), ("strategieen",))),
    "ob-13.5-4": (by_pointer(_B), "beleid", (("analyses", "probleemanalyse"), ("analyses",))),
    "ob-13.6-1-a": (priorities, "beleid", (("analyses", "risicoanalyse"), ("analyses",))),
    "ob-13.6-1-b": (goal_method, "beleid", (("doelen",),)),
    "ob-13.6-1-c": (by_pointer(_B), "beleid", (("strategieen", "vergunningen"), ("strategieen",))),
    "ob-13.6-1-d": (by_pointer(_B), "beleid", (("strategieen", "vergunningen"), ("strategieen",))),
    "ob-13.6-2-a": (by_pointer(_B), "beleid", (("samenwerking",), ("strategieen", "sanctie"))),
    "ob-13.6-2-b": (strategy_part("toezicht", "toezichtstrategie"), "beleid", (("strategieen",),)),
    "ob-13.6-2-c": (by_pointer(_B), "beleid", (("strategieen", "toezicht"), ("strategieen",))),
    "ob-13.6-2-d": (sanctions_and_criminal_law, "beleid", (("strategieen", "sanctie"), ("strategieen",))),
    "ob-13.6-2-e": (by_pointer(_B), "beleid", (("strategieen", "sanctie"), ("strategieen",))),
    "ob-13.7-1-a": (by_pointer(_B), "beleid", (("strategieen", "toezicht"), ("strategieen",))),
    "ob-13.7-1-b": (inspection_frequencies, "beleid", (("strategieen", "toezicht"), ("strategieen",))),
    "ob-13.7-1-b-1": (ippc, "beleid", (("strategieen", "toezicht"),)),
    "ob-13.7-1-b-2": (ippc, "beleid", (("strategieen", "toezicht"),)),
    "ob-13.7-1-c": (by_pointer(_B), "beleid", (("strategieen", "toezicht"), ("strategieen",))),
    "ob-13.7-1-c-1": (ippc, "beleid", (("strategieen", "toezicht"),)),
    "ob-13.7-1-c-2": (ippc, "beleid", (("strategieen", "toezicht"),)),
    "ob-13.7-2-a": (ippc, "beleid", (("strategieen", "toezicht"),)),
    "ob-13.7-2-b": (ippc, "beleid", (("strategieen", "toezicht"),)),
    "ob-13.8-1": (programme_for_year, "uitvoeringsprogramma", (("jaar",),)),
    "ob-13.8-1-zin2": (programme_serves_goals, "uitvoeringsprogramma", (("doelentabel",), ("urentabellen",))),
    "ob-13.8-2": (by_pointer(_U), "uitvoeringsprogramma", (("inleiding",),)),
    "ob-13.9-2-a": (by_pointer(("beleid", "uitvoeringsprogramma")), "uitvoeringsprogramma", (("capaciteit",),)),
    "ob-13.9-2-d": (by_pointer(("beleid", "uitvoeringsprogramma")), "beleid", (("borging",),)),
    "ob-13.9-3": (by_pointer(("beleid", "uitvoeringsprogramma")), "beleid", (("borging",),)),
    "ob-13.10-a": (by_pointer(("uitvoeringsprogramma", "beleid")), "uitvoeringsprogramma", (("capaciteit",),)),
    "ob-13.10-b": (enough_means, "uitvoeringsprogramma", (("capaciteit",),)),
    "ob-13.11-1": (yearly_report, "jaarverslag", (("urenregels",),)),
    "ob-13.11-2": (strategy_reviewed, "jaarverslag", (("conclusies",), ("aanbevelingen",))),
    "bor-7.2-1": (adopted_strategy, "beleid", (("vaststelling",), ("status",))),
    "bor-7.2-1-zin2": (by_pointer(_B), "beleid", (("inleiding",),)),
    "bor-7.2-1-zin3": (by_pointer(_B), "beleid", (("strategieen", "sanctie"), ("strategieen",))),
    "bor-7.2-2": (uniform_strategy, "beleid", (("scope",),)),
    "bor-7.2-2-zin2": (by_pointer(_B), "beleid", (("scope",),)),
    "bor-7.2-3": (by_pointer(_B), "beleid", (("strategieen", "sanctie"), ("strategieen",))),
    "bor-7.2-4": (by_pointer(_B), "beleid", (("strategieen", "vergunningen"), ("strategieen",))),
    "bor-7.2-5": (by_pointer(_B), "beleid", (("analyses", "probleemanalyse"), ("analyses",))),
    "bor-7.2-6-a": (priorities, "beleid", (("analyses", "risicoanalyse"), ("analyses",))),
    "bor-7.2-6-b": (goal_method, "beleid", (("doelen",),)),
    "bor-7.2-6-c": (by_pointer(_B), "beleid", (("strategieen", "vergunningen"), ("strategieen",))),
    "bor-7.2-6-d": (by_pointer(_B), "beleid", (("strategieen", "vergunningen"), ("strategieen",))),
    "bor-7.2-7-a": (by_pointer(_B), "beleid", (("samenwerking",), ("strategieen", "sanctie"))),
    "bor-7.2-7-b": (strategy_part("toezicht", "toezichtstrategie"), "beleid", (("strategieen",),)),
    "bor-7.2-7-c": (by_pointer(_B), "beleid", (("strategieen", "toezicht"), ("strategieen",))),
    "bor-7.2-7-d": (sanctions_and_criminal_law, "beleid", (("strategieen", "sanctie"), ("strategieen",))),
    "bor-7.2-7-e": (by_pointer(_B), "beleid", (("strategieen", "sanctie"), ("strategieen",))),
    "bor-7.2-8": (strategy_reviewed, "jaarverslag", (("conclusies",), ("aanbevelingen",))),
    "bor-7.2-9": (sent_to_council("beleid"), "beleid", (("vaststelling",), ("status",))),
    "bor-7.3-1": (programme_for_year, "uitvoeringsprogramma", (("jaar",),)),
    "bor-7.3-1-zin2": (programme_serves_goals, "uitvoeringsprogramma", (("doelentabel",), ("urentabellen",))),
    "bor-7.3-2": (by_pointer(_U), "uitvoeringsprogramma", (("inleiding",),)),
    "bor-7.3-3": (by_pointer(_U), "uitvoeringsprogramma", (("inleiding",),)),
    "bor-7.3-4": (sent_to_council("uitvoeringsprogramma"), "uitvoeringsprogramma", (("vaststelling",), ("status",))),
    "bor-7.4-2-a": (by_pointer(("beleid", "uitvoeringsprogramma")), "uitvoeringsprogramma", (("capaciteit",),)),
    "bor-7.4-2-d": (by_pointer(("beleid", "uitvoeringsprogramma")), "beleid", (("borging",),)),
    "bor-7.4-3-a": (by_pointer(("beleid", "uitvoeringsprogramma")), "beleid", (("borging",),)),
    "bor-7.5-a": (by_pointer(("uitvoeringsprogramma", "beleid")), "uitvoeringsprogramma", (("capaciteit",),)),
    "bor-7.5-b": (means_calculated, "uitvoeringsprogramma", (("capaciteit",),)),
    "bor-7.5-c": (enough_means, "uitvoeringsprogramma", (("capaciteit",),)),
    "bor-7.5-c-deel2": (by_pointer(_U), "uitvoeringsprogramma", (("capaciteit",),)),
    "bor-7.6-1-a": (by_pointer(("uitvoeringsprogramma", "beleid", "jaarverslag")), "uitvoeringsprogramma",
                    (("monitoring",),)),
    "bor-7.6-1-b": (by_pointer(("uitvoeringsprogramma", "beleid", "jaarverslag")), "uitvoeringsprogramma",
                    (("monitoring",),)),
    "bor-7.6-2": (by_pointer(("beleid", "uitvoeringsprogramma")), "beleid", (("borging",),)),
    "bor-7.7-1-a": (yearly_report, "jaarverslag", (("indicatoren",),)),
    "bor-7.7-1-b": (yearly_report, "jaarverslag", (("urenregels",),)),
    "bor-7.7-1-c": (by_pointer(("jaarverslag",)), "jaarverslag", (("conclusies",),)),
    "bor-7.7-2": (yearly_report, "jaarverslag", (("urenregels",),)),
    "bor-7.7-3": (sent_to_council("jaarverslag"), "jaarverslag", (("vaststelling",), ("status",))),
}


# Requirements whose data a consistency rule already judges: their outcome is
# in the IBT report with that rule's code, and they add no finding of their own.
COVERED_BY = {
    "ob-13.6-1-b": ("B8-003", "B8-007"), "bor-7.2-6-b": ("B8-003", "B8-007"),
    "ob-13.8-1-zin2": ("B8-040",), "bor-7.3-1-zin2": ("B8-040",),
    "ob-13.10-b": ("B8-011", "B8-015"), "bor-7.5-c": ("B8-011", "B8-015"),
    "ob-13.11-1": ("B8-054", "B8-055"), "bor-7.7-1-a": ("B8-054", "B8-055"), "bor-7.7-1-b": ("B8-050",),
    "bor-7.7-2": ("B8-054", "B8-055"),
    "ob-13.11-2": ("B8-058",), "bor-7.2-8": ("B8-058",),
    "bor-7.5-b": ("B8-015",),
    # Whether a programme exists for the year only the IBT report can say:
    # a programme missing from the project may exist elsewhere.
    "ob-13.8-1": (), "bor-7.3-1": (),
}


def toets_of(row: dict) -> tuple[Callable[[Year, dict], Outcome], str, tuple[tuple, ...]]:
    return TOETSEN.get(row["id"], (not_checkable, row["document"], ()))


def has_own_rule(row: dict) -> bool:
    return toets_of(row)[0] is not not_checkable and row["id"] not in COVERED_BY


# ---------------------------------------------------------------- the check

def check_ibt(project: Project, report: dict, settings_of: Callable[[str], dict]) -> Iterator[Diagnostic]:
    from .rules import RULES

    yield from _pointer_problems(project)
    judged = []
    for year in years_judged(project, report):
        rows = []
        for row in catalogue():
            if row["regime"] != year.regime:
                continue
            judge, kind, places = toets_of(row)
            outcome = judge(year, row)
            code = row["code"] if has_own_rule(row) else ", ".join(COVERED_BY.get(row["id"], ()))
            rows.append({"eis": row["id"], "code": code, "artikel": article_label(row),
                         "samenvatting": row["samenvatting"], "uitkomst": outcome.result,
                         "toelichting": outcome.explanation, "bewijs": outcome.evidence})
            document = year.document(kind)
            if outcome.result == NIET and document is not None and has_own_rule(row):
                path = next((p for p in places if _exists(document.data, p)), ("soort",))
                yield RULES[row["code"]].finding(
                    document, path, f"{article_label(row)}: {_sentence(row['samenvatting'])} — {outcome.explanation}",
                    _hint(row))
        yield from _timeliness(year, settings_of(year.organisation))
        judged.append({"organisatie": year.organisation, "jaar": year.year, "regime": year.regime,
                       "beleid": year.policy.id if year.policy else None,
                       "programma": year.programme.id if year.programme else None,
                       "jaarverslag": year.report.id if year.report else None,
                       "kleur": colour(rows), "eisen": rows})
    report["ibt"] = judged


def _sentence(summary: str) -> str:
    """The summary as the middle of a sentence: "De strategie ..." -> "de strategie ..." (not "OM")."""
    summary = summary.rstrip(".")
    return summary[0].lower() + summary[1:] if summary[1:2].islower() else summary


def _hint(row: dict) -> str:
    return (f"beschrijf het in het document; staat het er in lopende tekst, wijs de passage dan aan onder "
            f"wettelijke_eisen (eis: {row['id']}, zie: [id van de paragraaf])")


def _exists(data: object, path: tuple) -> bool:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


def colour(rows: list[dict]) -> str:
    """As the provinces publish it: groen when every judged requirement is
    met, oranje when some are met partly or not, rood when most are not."""
    judged = [r for r in rows if r["uitkomst"] in (VOLDAAN, DEELS, NIET)]
    if not judged:
        return "grijs"
    missing = sum(r["uitkomst"] == NIET for r in judged)
    if missing * 2 > len(judged):
        return "rood"
    if missing or any(r["uitkomst"] == DEELS for r in judged):
        return "oranje"
    return "groen"


def _pointer_problems(project: Project) -> Iterator[Diagnostic]:
    known = {r["id"]: r for r in catalogue()}
    for document in sorted(project.documents, key=lambda d: d.file):
        for number, entry in enumerate(document.data.get("wettelijke_eisen", []) or []):
            path = ("wettelijke_eisen", number)
            row = known.get(entry["eis"])
            if row is None:
                yield Diagnostic("B8-K08", FOUT, f"onbekende wettelijke eis '{entry['eis']}'",
                                 document.location(path + ("eis",)), suggest(entry["eis"], known, "bekende eisen:"),
                                 document.id, document.organisation)
                continue
            for position, target in enumerate(entry["zie"]):
                if resolve_passage(document, target) is None:
                    yield Diagnostic("B8-K09", FOUT, f"{article_label(row)}: de aangewezen passage '{target}' staat "
                                     "niet in dit document", document.location(path + ("zie", position)),
                                     suggest(target, document_ids(document), "ids in dit document:",
                                             "geef de paragraaf een id, of wijs haar aan met een pad zoals "
                                             "strategieen.toezicht"),
                                     document.id, document.organisation)


# ---------------------------------------------------------------- timeliness and currency

def _timeliness(year: Year, settings: dict) -> Iterator[Diagnostic]:
    from .rules import RULES

    programme = year.programme
    if programme is not None:
        adopted = (programme.data.get("vaststelling") or {}).get("datum")
        deadline = _deadline(settings.get("uitvoeringsprogramma_uiterlijk", "12-31"), year.year,
                             previous_year=settings.get("uitvoeringsprogramma_uiterlijk") is None)
        if isinstance(adopted, datetime.date) and adopted > deadline:
            yield RULES["B8-070"].finding(programme, ("vaststelling", "datum"),
                                          f"uitvoeringsprogramma {year.year} vastgesteld op {_date(adopted)}, na "
                                          f"{_date(deadline)}",
                                          "stel het programma vast voor het jaar begint (of pas de termijn aan "
                                          "in big8.yaml onder ibt)")
    report, deadline_text = year.report, settings.get("jaarverslag_uiterlijk")
    if report is not None and deadline_text:
        adopted = (report.data.get("vaststelling") or {}).get("datum")
        deadline = _deadline(str(deadline_text), year.year + 1, previous_year=False)
        if isinstance(adopted, datetime.date) and adopted > deadline:
            yield RULES["B8-072"].finding(report, ("vaststelling", "datum"),
                                          f"jaarverslag over {year.year} vastgesteld op {_date(adopted)}, na "
                                          f"{_date(deadline)}",
                                          "stel het jaarverslag eerder vast (de termijn staat in big8.yaml onder ibt)")
    policy = year.policy
    period = policy.data["periode"] if policy is not None else {}
    covers = period and period["van"] <= year.year <= (period.get("tot") or year.year)
    if policy is not None and programme is not None and covers:  # else B8-001 says the policy does not apply
        term = int(settings.get("beleid_actueel_jaren", 4))
        adopted = (policy.data.get("vaststelling") or {}).get("datum")
        basis = adopted.year if isinstance(adopted, datetime.date) else policy.data["periode"]["van"]
        if year.year - basis > term:
            yield RULES["B8-071"].finding(programme, ("beleid",),
                                          f"het beleid dat dit programma uitvoert is van {basis}, meer dan {term} "
                                          f"jaar voor {year.year}",
                                          "actualiseer het beleid (of pas de termijn aan in big8.yaml onder ibt)")


def _deadline(day_month: str, year: int, previous_year: bool) -> datetime.date:
    month, day = (int(part) for part in str(day_month).split("-"))
    year = year - 1 if previous_year else year
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return datetime.date(year, month, day)


def _date(value: datetime.date) -> str:
    from ..render import dutch_date

    return dutch_date(value)


__all__ = ["check_ibt", "catalogue", "article_label", "INFO", "WAARSCHUWING"]
