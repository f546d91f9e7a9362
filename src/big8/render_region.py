"""Render, the region: a site page per region or omgevingsdienst with its
members and gremia, who executes what (organisations by taakveld and
discipline), the adoption of the uniform policy, the hours per deelnemer
over the years, and its cooperation agendas (timeline by quarter, roles).

It reads what checks/region.py computed (report["regio"]) and the
organisations; like the other pages, every text passes the template
filters.
"""

from __future__ import annotations

import jinja2

from .model import Project

# The disciplines of the matrix: those of the Big-8 that a taakveld is split over.
MATRIX_DISCIPLINES = ("vergunningverlening", "toezicht-en-handhaving")


def region_pages(env: jinja2.Environment, project: Project, report: dict) -> dict[str, str]:
    pages: dict[str, str] = {}
    overview = []
    for entry in report.get("regio", []):
        organisation = project.organisations.get(entry["organisatie"])
        if organisation is None or not project.in_scope_organisation(entry["organisatie"]):
            continue
        name = f"regio/{entry['organisatie']}.md"
        pages[name] = env.get_template("site/regio.md.j2").render(
            regio=organisation.data, deelnemers=_members(project, entry), matrix=_matrix(project, entry),
            disciplines=_disciplines(entry), uniform=_adoption(project, entry), uren=_hours_table(project, entry),
            programmas=_programme_hours(project, entry), agendas=_agendas(project, entry),
            eigen_uitvoering=_service_account(project, organisation.data, entry))
        overview.append({"naam": organisation.data["naam"], "type": organisation.data["type"],
                         "bestand": f"{entry['organisatie']}.md", "deelnemers": len(entry["deelnemers"])})
    if overview:
        pages["regio/index.md"] = env.get_template("site/regios.md.j2").render(regios=overview)
    return pages


def _members(project: Project, entry: dict) -> list[dict]:
    return [{"naam": project.organisation_name(m), "type": project.organisations[m].data["type"]
             if m in project.organisations else ""} for m in entry["deelnemers"]]


def _service_account(project: Project, service: dict, entry: dict) -> list[dict]:
    """What a service says it executes, with the organisations named."""
    rows = []
    for task in service.get("uitvoering", []):
        target = task.get("voor", "deelnemers")
        if target == "deelnemers":
            voor = "alle deelnemers"
        else:
            voor = ", ".join(project.organisation_name(o) for o in ([target] if isinstance(target, str) else target))
        rows.append({"takenpakket": task.get("takenpakket", ""), "taakveld": task["taakveld"],
                     "disciplines": task.get("disciplines", []), "voor": voor})
    return rows


def _disciplines(entry: dict) -> list[str]:
    extra = sorted({d for row in entry["uitvoering"] for part in row["uitvoering"] for d in part["disciplines"]}
                   - set(MATRIX_DISCIPLINES))
    return [*MATRIX_DISCIPLINES, *extra]


def _matrix(project: Project, entry: dict) -> list[dict]:
    """Per deelnemer and taakveld: who executes each discipline."""
    rows = []
    for row in entry["uitvoering"]:
        cells = {}
        for discipline in _disciplines(entry):
            executor = next((p["uitvoerder"] for p in row["uitvoering"]
                             if not p["disciplines"] or discipline in p["disciplines"]), row["organisatie"])
            cells[discipline] = "zelf" if executor == row["organisatie"] else _short_name(project, executor)
        rows.append({"organisatie": project.organisation_name(row["organisatie"]), "taakveld": row["taakveld"],
                     "cellen": cells})
    return rows


def _short_name(project: Project, organisation_id: str) -> str:
    entity = project.organisations.get(organisation_id)
    if entity is None:
        return organisation_id
    return str(entity.data.get("korte_naam") or entity.data["naam"])


def _adoption(project: Project, entry: dict) -> list[dict]:
    result = []
    for policy in entry["uniform_beleid"]:
        rows = []
        for member in policy["deelnemers"]:
            adoption = member["vaststelling"]
            if adoption is None:
                state = "niet vermeld"
            elif adoption["vastgesteld"]:
                state = "vastgesteld"
            else:
                state = "niet vastgesteld"
            rows.append({"organisatie": project.organisation_name(member["organisatie"]), "stand": state,
                         "datum": (adoption or {}).get("datum"), "door": (adoption or {}).get("door", ""),
                         "toelichting": (adoption or {}).get("toelichting", "")})
        result.append({"titel": policy["titel"], "map": f"{project.policies[policy['beleid']].organisation}/"
                       f"{policy['beleid']}", "rijen": rows})
    return result


def _hours_table(project: Project, entry: dict) -> dict:
    """Hours per deelnemer and taakveld (rows) per year (columns) in the regional programmes."""
    years = sorted({p["jaar"] for p in entry["uren_per_deelnemer"]})
    cells: dict[tuple[str, str], dict[int, float]] = {}
    for programme in entry["uren_per_deelnemer"]:
        for part in programme["delen"]:
            key = (part["organisatie"], part["taakveld"])
            cells.setdefault(key, {})[programme["jaar"]] = cells.get(key, {}).get(programme["jaar"], 0) + part["uren"]
    rows = [{"organisatie": project.organisation_name(o), "taakveld": t, "jaren": [cells[(o, t)].get(y) for y in years]}
            for (o, t) in sorted(cells)]
    return {"jaren": years, "rijen": rows}


def _programme_hours(project: Project, entry: dict) -> dict:
    """The members' own programmes: planned hours per taakveld per year, to
    compare deelnemers (only where their programmes are in the project)."""
    from .checks.hours import counts_towards_balance, table_planned_hours
    from .model import taakveld_key

    cells: dict[tuple[str, str], dict[int, float]] = {}
    for programme in project.programmes.values():
        if programme.organisation not in entry["deelnemers"]:
            continue
        year = programme.data["jaar"]
        for table in programme.data.get("urentabellen", []):
            if counts_towards_balance(table):
                key = (programme.organisation, taakveld_key(table))
                cells.setdefault(key, {})[year] = cells.get(key, {}).get(year, 0) + table_planned_hours(table)
    years = sorted({y for values in cells.values() for y in values})
    rows = [{"organisatie": project.organisation_name(o), "taakveld": t, "jaren": [cells[(o, t)].get(y) for y in years]}
            for (o, t) in sorted(cells)]
    return {"jaren": years, "rijen": rows}


def _agendas(project: Project, entry: dict) -> list[dict]:
    result = []
    for agenda_id in entry["agendas"]:
        agenda = project.agendas[agenda_id]
        steps = _timeline(project, agenda.data)
        dated = [step for step in steps if step["sleutel"][0] != 9999]
        result.append({"titel": agenda.data["titel"], "map": f"{agenda.organisation}/{agenda_id}",
                       "tijdlijn": dated, "zonder_moment": len(steps) - len(dated),
                       "rollen": _roles_matrix(project, agenda.data)})
    return result


def _moment_key(when: dict) -> tuple:
    """Sort key and column of a step's moment: (year, quarter, label)."""
    point = when.get("voor") or when.get("vanaf") or when.get("van") or when
    year = point.get("jaar") or (point["datum"].year if point.get("datum") else None)
    if year is None:
        return (9999, 9, "zonder datum")
    quarter = point.get("kwartaal") or ((point["datum"].month - 1) // 3 + 1 if point.get("datum") else None)
    if quarter:
        return (year, quarter, f"Q{quarter} {year}")
    return (year, 0, str(year))


def _timeline(project: Project, agenda: dict) -> list[dict]:
    """The steps of every opgave by quarter, as the source dates them."""
    names = {e["id"]: e.get("naam", e["id"]) for part in ("gremia", "functies", "deelnemers")
             for e in agenda.get(part, [])}
    rows = []
    for spoor in agenda.get("sporen", []):
        for opgave in spoor.get("opgaven", []):
            for step in (opgave.get("aanpak") or {}).get("stappen", []):
                key = _moment_key(step.get("wanneer") or {})
                who = ", ".join(names.get(w, w) for w in step.get("wie", [])) or step.get("wie_tekst", "")
                rows.append({"sleutel": key[:2], "kwartaal": key[2], "opgave": f"{opgave['nummer']}. {opgave['titel']}",
                             "stap": step["wat"], "wanneer": step.get("wanneer_tekst", ""), "wie": who})
    rows.sort(key=lambda r: r["sleutel"])
    return rows


def _roles_matrix(project: Project, agenda: dict) -> list[dict]:
    """Per cycle: product by phase, the parties and their roles."""
    roles = agenda.get("rollen") or {}
    phases = (roles.get("fasen") or {}).get("waarden") or list(project.vocabulary.get("cyclusfasen", {}))
    matrices = []
    for cycle in roles.get("cycli", []):
        lines = cycle.get("regels", [])
        products: list[str | None] = [p for p in project.vocabulary.get("cyclusproducten", {})
                                      if any(line.get("product") == p for line in lines)]
        rows = []
        for product in products or [None]:
            cells = []
            for phase in [*phases, None]:
                found = [f"{project.label('rolpartijen', line['partij'])}: {project.label('cyclusrollen', line['rol']).lower()}"
                         for line in lines if line.get("product") == product and line.get("fase") == phase]
                cells.append("; ".join(found))
            rows.append({"product": project.label("cyclusproducten", product) if product else "(de cyclus als geheel)",
                         "cellen": cells})
        matrices.append({"naam": cycle["naam"], "fasen": [project.label("cyclusfasen", p) for p in phases],
                         "rijen": rows})
    return matrices
