"""Goals and indicators of a policy (B8-003, 006, 007, 008, 009)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import dutch
from ..diagnostics import Diagnostic
from ..model import DocumentIndex, Entity, Project
from .rules import RULES

QUALITY_THEMES = ("dienstverlening", "uitvoeringskwaliteit", "financien")


def check_goals(project: Project) -> Iterator[Diagnostic]:
    for policy in project.policies.values():
        index = project.index(policy)
        yield from _focuspunten_measurable(index)
        yield from _quality_themes_measurable(index, project)
        for indicator in index.all("indicator"):
            yield from _indicator_complete(indicator)
            yield from _target_fits_unit(indicator)
            yield from _target_text_agrees(indicator)


def targets(indicator: dict) -> list[dict]:
    """The targets of an indicator, each with its own value, direction, unit
    and text: the one `streefwaarde`, or every entry of `streefwaarden`."""
    if indicator.get("streefwaarden"):
        return [{"waarde": item.get("waarde"), "richting": item.get("richting", indicator.get("richting")),
                 "eenheid": item.get("eenheid", indicator.get("eenheid")), "tekst": item.get("tekst"),
                 "jaar": item.get("jaar"), "omschrijving": item.get("omschrijving"),
                 "voorbeeld": item.get("voorbeeld", indicator.get("voorbeeld", False)),
                 "pad": ("streefwaarden", number)}
                for number, item in enumerate(indicator["streefwaarden"])]
    if indicator.get("streefwaarde") is None and not indicator.get("streefwaarde_tekst"):
        return []
    return [{"waarde": indicator.get("streefwaarde"), "richting": indicator.get("richting"),
             "eenheid": indicator.get("eenheid"), "tekst": indicator.get("streefwaarde_tekst"), "jaar": None,
             "omschrijving": None, "voorbeeld": indicator.get("voorbeeld", False), "pad": ()}]


def is_measurable(index: DocumentIndex, goal: Entity) -> bool:
    return any(has_target(i.data) for i in indicators_of(index, goal))


def has_target(indicator: dict) -> bool:
    return any(t["waarde"] is not None for t in targets(indicator))


def indicators_of(index: DocumentIndex, goal: Entity) -> list[Entity]:
    """The indicators of a goal and of the goals below it."""
    found = [i for i in index.all("indicator") if i.parent == goal.id]
    for child in index.all("doel"):
        if child.parent == goal.id and child.id != goal.id:
            found += indicators_of(index, child)
    return found


def goals_of_focuspunt(index: DocumentIndex, focuspunt_id: str) -> list[Entity]:
    """Goals that name the focuspunt, or whose hoofddoel names it."""
    direct = [g for g in index.all("doel") if g.data.get("focuspunt") == focuspunt_id]
    ids = {g.id for g in direct}
    below = [g for g in index.all("doel") if g.parent in ids and g.id not in ids]
    return direct + below


def goal_theme(index: DocumentIndex, goal: Entity) -> str:
    theme = goal.data.get("kwaliteitsthema")
    if not theme and goal.parent:
        parent = index.get("doel", goal.parent)
        if parent is not None and parent.id != goal.id:
            return goal_theme(index, parent)
    return theme or ""


def _focuspunten_measurable(index: DocumentIndex) -> Iterator[Diagnostic]:
    rule = RULES["B8-003"]
    for focuspunt in index.all("focuspunt"):
        goals = goals_of_focuspunt(index, focuspunt.id)
        if not any(is_measurable(index, goal) for goal in goals):
            detail = (f"{len(goals)} doel(en) maar geen indicator met streefwaarde" if goals
                      else "geen doel")
            yield rule.finding(index.document, focuspunt.path + ("id",),
                               f"focuspunt '{focuspunt.data['titel']}' heeft {detail}",
                               "voeg een beleidsdoel met 'focuspunt: " + focuspunt.id +
                               "' en een indicator met streefwaarde toe")


def _quality_themes_measurable(index: DocumentIndex, project: Project) -> Iterator[Diagnostic]:
    rule = RULES["B8-006"]
    measured = {goal_theme(index, goal) for goal in index.all("doel")
                if any(has_target(i.data) for i in index.all("indicator") if i.parent == goal.id)}
    document = index.document
    where = ("doelen",) if "doelen" in document.data else ("soort",)
    for theme in QUALITY_THEMES:
        if theme not in measured:
            yield rule.finding(document, where, f"geen meetbaar doel voor kwaliteitsthema '{theme}'",
                               f"voeg een beleidsdoel met 'kwaliteitsthema: {theme}' en een indicator met "
                               "streefwaarde toe", key=True)


def _indicator_complete(indicator: Entity) -> Iterator[Diagnostic]:
    found = targets(indicator.data)
    missing = []
    if not indicator.data.get("eenheid") and not (found and all(t["eenheid"] for t in found)):
        missing.append("eenheid")
    if not indicator.data.get("richting") and not (found and all(t["richting"] for t in found)):
        missing.append("richting")
    if not any(t["waarde"] is not None for t in found):
        missing.append("streefwaarde")
    if missing:
        yield RULES["B8-007"].finding(indicator.document, indicator.path + ("id",),
                                      f"indicator '{_named(indicator)}' mist {' en '.join(missing)}",
                                      "vul aan uit het brondocument; ontbreekt het daar, dan is dat een bevinding "
                                      "voor het beleid")


def _named(indicator: Entity) -> str:
    """What the reader of the control report knows an indicator by; the
    finding's location already points at its id."""
    return dutch.one_line(indicator.data.get("omschrijving") or indicator.id, 70)


def _target_fits_unit(indicator: Entity) -> Iterator[Diagnostic]:
    for target in targets(indicator.data):
        unit, value = target["eenheid"], target["waarde"]
        if unit is None or value is None:
            continue
        problem = unit_problem(unit, value)
        if problem:
            path = indicator.path + target["pad"] + (("waarde",) if target["pad"] else ("streefwaarde",))
            yield RULES["B8-008"].finding(indicator.document, path,
                                          f"streefwaarde {_shown(value)} past niet bij eenheid '{unit}': {problem}",
                                          "controleer de streefwaarde en de eenheid")


def unit_problem(unit: str, value) -> str:
    """Why a value cannot be one in `unit`, or "" when it can."""
    if unit == "ja-nee":
        return "" if isinstance(value, bool) else "een ja/nee-indicator heeft als streefwaarde true of false"
    if isinstance(value, bool):
        return f"een indicator in {unit} heeft een getal als streefwaarde, geen ja/nee"
    if unit == "procent" and not 0 <= value <= 100:
        return "een percentage ligt tussen 0 en 100"
    if unit == "rapportcijfer" and not 1 <= value <= 10:
        return "een rapportcijfer ligt tussen 1 en 10"
    if value < 0:
        return f"een streefwaarde in {unit} is niet negatief"
    if unit in ("werkdagen", "dagen", "weken", "aantal") and not float(value).is_integer():
        return f"een streefwaarde in {unit} is een geheel getal"
    return ""


def _shown(value) -> str:
    return str(value).lower() if isinstance(value, bool) else dutch.number(value)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# How a text states a bound, longest phrases first ("niet meer dan" before
# "meer dan"): each pattern with the direction it means.
_BOUND_WORDS = [
    (re.compile(r"\b(niet meer dan|ten hoogste|hoogstens|maximaal|max\.?)(?=\W|$)|≤|<=", re.IGNORECASE), "maximaal"),
    (re.compile(r"\b(niet minder dan|ten minste|tenminste|minstens|minimaal|min\.?)(?=\W|$)|≥|>=", re.IGNORECASE),
     "minimaal"),
    (re.compile(r"\b(minder dan|kleiner dan|lager dan|onder de)\b|<(?!=)", re.IGNORECASE), "kleiner-dan"),
    (re.compile(r"\b(meer dan|groter dan|hoger dan|boven de)\b|>(?!=)", re.IGNORECASE), "groter-dan"),
]


def stated_direction(text: str) -> str | None:
    """The direction the words of a target state, or None when they state
    none (or more than one)."""
    found, rest = set(), text
    for pattern, direction in _BOUND_WORDS:
        if pattern.search(rest):
            found.add(direction)
            rest = pattern.sub(" ", rest)
    return found.pop() if len(found) == 1 else None


def _target_text_agrees(indicator: Entity) -> Iterator[Diagnostic]:
    rule = RULES["B8-009"]
    for target in targets(indicator.data):
        text, value = target["tekst"], target["waarde"]
        if not text or value is None or isinstance(value, bool):
            continue
        where = indicator.path + target["pad"]
        numbers = _NUMBER.findall(text)
        if len(numbers) == 1:
            written = float(numbers[0].replace(",", "."))
            if abs(written - float(value)) > 1e-9:
                yield rule.finding(indicator.document, where + (("waarde",) if target["pad"] else ("streefwaarde",)),
                                   f"streefwaarde {_shown(value)} wijkt af van de tekst '{text}'",
                                   "maak veld en tekst gelijk; de tekst is wat het college vaststelt")
        direction, stated = target["richting"], stated_direction(text)
        if direction and stated and direction != stated:
            yield rule.finding(indicator.document, where + ("richting",),
                               f"richting '{direction}' past niet bij de tekst '{text}' ({_WORDS[stated]})",
                               f"maak richting en tekst gelijk: 'richting: {stated}'")
        elif direction == "gelijk" and stated is None and re.search(r"[<>≤≥]", text):
            yield rule.finding(indicator.document, where + ("richting",),
                               f"richting 'gelijk' past niet bij de tekst '{text}'",
                               "kies minimaal, maximaal, kleiner-dan of groter-dan")


_WORDS = {"maximaal": "ten hoogste", "minimaal": "ten minste", "kleiner-dan": "kleiner dan",
          "groter-dan": "groter dan"}
