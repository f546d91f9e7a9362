"""Which activities serve which goals: B8-040, B8-041 and the traceability
matrix focuspunt -> doel -> indicator -> activiteit -> uren."""

from __future__ import annotations

from collections.abc import Iterator

from .. import dutch
from ..diagnostics import Diagnostic
from ..link import iter_hour_lines, resolve
from ..model import Document, Entity, Project
from .hours import planned_hours
from .rules import RULES


def served_goals(project: Project, programme: Document) -> dict[str, list[Entity]]:
    """For each goal id of the executed policy: the urenregels that serve it,
    directly, through a parent line, or through the goals table."""
    index = project.index(programme)
    serving: dict[str, list[Entity]] = {}

    def add(goal_ref: str, line: Entity) -> None:
        goal = resolve(project, programme, goal_ref, "doel")
        if goal is not None and line not in serving.setdefault(goal.id, []):
            serving[goal.id].append(line)

    for line in index.all("urenregel"):
        for ancestor in _self_and_ancestors(index, line):
            for goal_ref in ancestor.data.get("doelen", []):
                add(goal_ref, line)
    # Legal hours serve goals too (bezwaar en beroep, in the legal capacity).
    for line in index.all("juridische-regel"):
        for goal_ref in line.data.get("doelen", []):
            add(goal_ref, line)
    for row in programme.data.get("doelentabel", []):
        for line_id in row.get("urenregels", []):
            row_line = index.get("urenregel", line_id)
            if row_line is not None:
                for child in _self_and_descendants(index, row_line):
                    add(row["doel"], child)
    return serving


def _self_and_ancestors(index, line: Entity) -> list[Entity]:
    chain = [line]
    while chain[-1].parent and index.get("urenregel", chain[-1].parent) is not None:
        chain.append(index.get("urenregel", chain[-1].parent))
    return chain


def _self_and_descendants(index, line: Entity) -> list[Entity]:
    found = [line]
    for child in index.all("urenregel"):
        if child.parent == line.id:
            found += _self_and_descendants(index, child)
    return found


def _is_leaf(line: Entity) -> bool:
    return not line.data.get("regels")


def check_traceability(project: Project, report: dict) -> Iterator[Diagnostic]:
    for programme in project.programmes.values():
        policy = project.policy_of(programme)
        if policy is None:
            continue
        serving = served_goals(project, programme)
        serving_lines = {line.id for lines in serving.values() for line in lines}
        serving_lines |= _lines_serving_focuspunten(project, programme)
        yield from _activities_without_goal(programme, serving_lines)
        yield from _goals_without_activity(project, programme, policy, serving)
        report.setdefault("traceerbaarheid", []).append(traceability_matrix(project, programme, serving))


def _lines_serving_focuspunten(project: Project, programme: Document) -> set[str]:
    index = project.index(programme)
    return {line.id for line in index.all("urenregel")
            if any(a.data.get("focuspunten") for a in _self_and_ancestors(index, line))}


def _activities_without_goal(programme: Document, serving_lines: set[str]) -> Iterator[Diagnostic]:
    for number, table in enumerate(programme.data.get("urentabellen", [])):
        table_path = ("urentabellen", number)
        unserved = [(line, path) for line, path, _ in iter_hour_lines(table.get("regels", []), table_path + ("regels",), "")
                    if not line.get("regels") and line.get("uren") and line["id"] not in serving_lines]
        if not unserved:
            continue
        hours = sum(line["uren"] for line, _ in unserved)
        leaves = [line for line, _, _ in iter_hour_lines(table.get("regels", []), (), "") if not line.get("regels")]
        products = ", ".join(line["product"] for line, _ in unserved[:6]) + (", ..." if len(unserved) > 6 else "")
        yield RULES["B8-040"].finding(
            programme, table_path + ("id",),
            f"'{table['titel']}': {len(unserved)} van {len(leaves)} regels ({dutch.hours(hours)}) dienen geen doel "
            f"of focuspunt: {products}",
            "noem per regel onder 'doelen:' de ids van de beleidsdoelen die zij dient",
            data={"regels": [line["id"] for line, _ in unserved], "uren": hours})


def _goals_without_activity(project: Project, programme: Document, policy: Document,
                            serving: dict[str, list[Entity]]) -> Iterator[Diagnostic]:
    index = project.index(policy)
    goals = [g for g in index.all("doel") if g.data["niveau"] == "beleidsdoel"] or \
            [g for g in index.all("doel") if g.data["niveau"] == "hoofddoel"]
    rows = {row["doel"].rpartition(":")[2]: number for number, row in enumerate(programme.data.get("doelentabel", []))}
    for goal in goals:
        if _served(index, goal, serving):
            continue
        where = ("doelentabel", rows[goal.id], "doel") if goal.id in rows else ("beleid",)
        text = goal.data.get("tekst") or goal.data.get("thema", "")
        yield RULES["B8-041"].finding(
            programme, where, f"doel '{dutch.one_line(text, 70)}' wordt door geen activiteit met geplande uren gediend",
            f"noem '{goal.id}' onder 'doelen:' van de urenregels die eraan bijdragen, of onder 'urenregels:' in de "
            "doelentabel")


def _served(index, goal: Entity, serving: dict[str, list[Entity]]) -> bool:
    if serving.get(goal.id):
        return True
    return any(_served(index, child, serving) for child in index.all("doel")
               if child.parent == goal.id and child.id != goal.id)


def traceability_matrix(project: Project, programme: Document, serving: dict[str, list[Entity]]) -> dict:
    """Rows focuspunt -> doel -> indicatoren -> activiteiten -> uren for one programme."""
    policy = project.policy_of(programme)
    assert policy is not None  # only called for programmes whose policy is known
    index = project.index(policy)
    programme_index = project.index(programme)
    tables = {t.id: t.data for t in programme_index.all("urentabel")}
    rows: list[dict] = []
    for goal in index.all("doel"):
        if goal.data["niveau"] == "algemeen":
            continue
        focuspunt_id = goal.data.get("focuspunt") or _parent_focuspunt(index, goal)
        focuspunt = index.get("focuspunt", focuspunt_id) if focuspunt_id else None
        activities = []
        for line in serving.get(goal.id, []):
            if not _is_leaf(line):
                continue
            if line.kind == "juridische-regel":
                legal: dict = next((j for j in programme.data["capaciteit"]["juridische_capaciteit"]
                                    if j["id"] == line.parent), {})
                activities.append({"id": line.id, "product": line.data.get("omschrijving") or line.data.get("categorie")
                                   or legal.get("titel", ""), "uren": line.data["uren"],
                                   "tabel": legal.get("titel", "")})
                continue
            table_id = _table_of(programme_index, line)
            activities.append({"id": line.id, "product": line.data["product"], "uren": planned_hours(line.data),
                               "tabel": tables.get(table_id, {}).get("titel", "")})
        rows.append({
            "focuspunt": {"id": focuspunt.id, "titel": focuspunt.data["titel"]} if focuspunt else None,
            "doel": {"id": goal.id, "niveau": goal.data["niveau"],
                     "tekst": goal.data.get("tekst") or goal.data.get("thema", "")},
            "indicatoren": [{"id": i.id, "omschrijving": i.data["omschrijving"],
                             "streefwaarde": i.data.get("streefwaarde_tekst") or _target(i.data)}
                            for i in index.all("indicator") if i.parent == goal.id],
            "activiteiten": activities,
            "uren": sum(a["uren"] or 0 for a in activities),
        })
    rows.sort(key=lambda r: (r["focuspunt"] is None, r["focuspunt"]["id"] if r["focuspunt"] else "", ))
    return {"programma": programme.id, "beleid": policy.id, "jaar": programme.data["jaar"], "rijen": rows}


def _parent_focuspunt(index, goal: Entity) -> str:
    parent = index.get("doel", goal.parent) if goal.parent else None
    return parent.data.get("focuspunt", "") if parent is not None and parent.id != goal.id else ""


def _table_of(index, line: Entity) -> str:
    while index.get("urenregel", line.parent) is not None:
        line = index.get("urenregel", line.parent)
    return line.parent


def _target(indicator: dict) -> str:
    value = indicator.get("streefwaarde")
    return "" if value is None else str(value)
