"""Goals and indicators of a policy (B8-003, 006, 007, 008, 009)."""

from __future__ import annotations

import re
from collections.abc import Iterator

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


def is_measurable(index: DocumentIndex, goal: Entity) -> bool:
    return any(i.data.get("streefwaarde") is not None for i in indicators_of(index, goal))


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
                if any(i.data.get("streefwaarde") is not None for i in index.all("indicator") if i.parent == goal.id)}
    document = index.document
    where = ("doelen",) if "doelen" in document.data else ("soort",)
    for theme in QUALITY_THEMES:
        if theme not in measured:
            yield rule.finding(document, where, f"geen meetbaar doel voor kwaliteitsthema '{theme}'",
                               f"voeg een beleidsdoel met 'kwaliteitsthema: {theme}' en een indicator met "
                               "streefwaarde toe", key=True)


def _indicator_complete(indicator: Entity) -> Iterator[Diagnostic]:
    missing = [field for field in ("eenheid", "richting", "streefwaarde") if indicator.data.get(field) is None]
    if missing:
        yield RULES["B8-007"].finding(indicator.document, indicator.path + ("id",),
                                      f"indicator '{indicator.id}' mist {' en '.join(missing)}",
                                      "vul aan uit het brondocument; ontbreekt het daar, dan is dat een bevinding "
                                      "voor het beleid")


def _target_fits_unit(indicator: Entity) -> Iterator[Diagnostic]:
    unit, target = indicator.data.get("eenheid"), indicator.data.get("streefwaarde")
    if unit is None or target is None:
        return
    problem = ""
    if unit == "ja-nee":
        if not isinstance(target, bool):
            problem = "een ja/nee-indicator heeft als streefwaarde true of false"
    elif isinstance(target, bool):
        problem = f"een indicator in {unit} heeft een getal als streefwaarde, geen ja/nee"
    elif unit == "procent" and not 0 <= target <= 100:
        problem = "een percentage ligt tussen 0 en 100"
    elif target < 0:
        problem = f"een streefwaarde in {unit} is niet negatief"
    elif unit in ("werkdagen", "dagen", "weken", "aantal") and not float(target).is_integer():
        problem = f"een streefwaarde in {unit} is een geheel getal"
    if problem:
        yield RULES["B8-008"].finding(indicator.document, indicator.path + ("streefwaarde",),
                                      f"streefwaarde {target} past niet bij eenheid '{unit}': {problem}",
                                      "controleer de streefwaarde en de eenheid")


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MAXIMUM_WORDS = re.compile(r"\b(maximaal|max\.?|hoogstens|ten hoogste|niet meer dan)\b|<|≤", re.IGNORECASE)
_MINIMUM_WORDS = re.compile(r"\b(minstens|minimaal|min\.?|ten minste|tenminste|niet minder dan)\b|>|≥",
                            re.IGNORECASE)


def _target_text_agrees(indicator: Entity) -> Iterator[Diagnostic]:
    text, target = indicator.data.get("streefwaarde_tekst"), indicator.data.get("streefwaarde")
    if not text or target is None or isinstance(target, bool):
        return
    rule = RULES["B8-009"]
    numbers = _NUMBER.findall(text)
    if len(numbers) == 1:
        written = float(numbers[0].replace(",", "."))
        if abs(written - float(target)) > 1e-9:
            yield rule.finding(indicator.document, indicator.path + ("streefwaarde",),
                               f"streefwaarde {target} wijkt af van de tekst '{text}'",
                               "maak veld en tekst gelijk; de tekst is wat het college vaststelt")
    direction = indicator.data.get("richting")
    says_max, says_min = bool(_MAXIMUM_WORDS.search(text)), bool(_MINIMUM_WORDS.search(text))
    if (direction == "minimaal" and says_max and not says_min) or (direction == "maximaal" and says_min and not says_max):
        yield rule.finding(indicator.document, indicator.path + ("richting",),
                           f"richting '{direction}' past niet bij de tekst '{text}'",
                           "maak richting en tekst gelijk")
