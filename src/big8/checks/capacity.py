"""Capacity balance per taakveld and discipline (B8-010 to B8-014)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import dutch
from ..diagnostics import Diagnostic
from ..model import Document, Project, taakveld_key
from .hours import counts_towards_balance, table_planned_hours
from .rules import RULES


def check_capacity(project: Project, report: dict) -> Iterator[Diagnostic]:
    for programme in project.programmes.values():
        balance = capacity_balance(programme)
        report.setdefault("capaciteit", []).append({"programma": programme.id, "regels": balance})
        yield from _balance_findings(project, programme, balance)
        yield from _legal_capacity(project, programme)


def capacity_balance(programme: Document) -> list[dict]:
    """One row per (discipline, taakveld): available against planned hours,
    on the formatie and, where the programme states it, on the bezetting."""
    capacity = programme.data.get("capaciteit", {})
    rows: dict[tuple, dict] = {}
    for f_number, formation in enumerate(capacity.get("formaties", [])):
        hours_per_fte = formation.get("productieve_uren_per_fte") or capacity.get("productieve_uren_per_fte")
        for l_number, line in enumerate(formation.get("regels", [])):
            key = (formation["discipline"], taakveld_key(line))
            row = rows.setdefault(key, _empty_row(*key))
            # One line keeps its value as written (3,0 fte); several are summed.
            row["fte"] = line["fte"] if row["fte"] is None else row["fte"] + line["fte"]
            if "bezetting" in line:
                row["bezetting"] = line["bezetting"] if row["bezetting"] is None else row["bezetting"] + line["bezetting"]
            row["uitvoerder"] = line.get("uitvoerder") or row["uitvoerder"]
            row["omschrijving"] = line.get("omschrijving", row["omschrijving"])
            row["pad"] = row["pad"] or ("capaciteit", "formaties", f_number, "regels", l_number, "fte")
            row["uren_per_fte"].add(hours_per_fte)
            if hours_per_fte:
                row["beschikbaar"] = round((row["beschikbaar"] or 0) + line["fte"] * hours_per_fte, 2)
                if "bezetting" in line:
                    row["beschikbaar_bezetting"] = round((row["beschikbaar_bezetting"] or 0)
                                                         + line["bezetting"] * hours_per_fte, 2)
    for t_number, table in enumerate(programme.data.get("urentabellen", [])):
        if not counts_towards_balance(table):
            continue
        key = (table["discipline"], taakveld_key(table))
        row = rows.setdefault(key, _empty_row(*key))
        row["gepland"] += table_planned_hours(table)
        row["uitvoerder"] = row["uitvoerder"] or table.get("uitvoerder", "")
        row["tabellen"].append(table["id"])
        row["tabelpad"] = row["tabelpad"] or ("urentabellen", t_number, "id")
        if "totaal_uren" in table:
            row["opgegeven_totaal"] = (row["opgegeven_totaal"] or 0) + table["totaal_uren"]
    for row in rows.values():
        known = sorted(h for h in row.pop("uren_per_fte") if h)
        row["productieve_uren_per_fte"] = known[0] if len(known) == 1 else None
        if row["beschikbaar"] is not None and row["tabellen"]:
            row["saldo"] = round(row["beschikbaar"] - row["gepland"], 2)
            row["aandeel"] = row["saldo"] / row["beschikbaar"] if row["beschikbaar"] else None
        if row["beschikbaar_bezetting"] is not None and row["tabellen"]:
            row["saldo_bezetting"] = round(row["beschikbaar_bezetting"] - row["gepland"], 2)
    return [rows[key] for key in sorted(rows)]


def _empty_row(discipline: str, taakveld: str) -> dict:
    return {"discipline": discipline, "taakveld": taakveld, "omschrijving": "", "fte": None, "bezetting": None,
            "uitvoerder": "", "gepland": 0.0, "tabellen": [], "opgegeven_totaal": None, "beschikbaar": None,
            "beschikbaar_bezetting": None, "saldo": None, "saldo_bezetting": None, "aandeel": None, "pad": None,
            "tabelpad": None, "uren_per_fte": set()}


def _balance_findings(project: Project, programme: Document, balance: list[dict]) -> Iterator[Diagnostic]:
    for row in balance:
        label = f"{project.label('disciplines', row['discipline'])} / {project.label('taakvelden', row['taakveld'])}"
        if row["pad"] is None and row["uitvoerder"] and row["uitvoerder"] != programme.organisation:
            # Executed by a service: its capacity is in the service's programme.
            yield RULES["B8-010"].finding(
                programme, row["tabelpad"], f"uren {label}: {dutch.hours(row['gepland'])}, uitgevoerd door "
                f"{project.organisation_name(row['uitvoerder'])}; de capaciteit staat in het programma van de "
                "uitvoerder", data=_public(row))
            continue
        if row["pad"] is None:
            yield RULES["B8-013"].finding(programme, row["tabelpad"],
                                          f"urentabel voor {label} ({dutch.hours(row['gepland'])}) zonder "
                                          "formatieregel", "voeg een formatieregel met dit taakveld toe",
                                          data=_public(row))
            continue
        if not row["tabellen"]:
            if row["uitvoerder"] and row["uitvoerder"] != programme.organisation:
                yield RULES["B8-010"].finding(
                    programme, row["pad"], f"capaciteit {label}: {dutch.number(row['fte'])} fte, uitgevoerd door "
                    f"{project.organisation_name(row['uitvoerder'])}; de geplande uren staan in het programma van "
                    "de uitvoerder",
                    data=_public(row))
            else:
                yield RULES["B8-012"].finding(programme, row["pad"],
                                              f"formatie {label} ({dutch.number(row['fte'])} fte) zonder urentabel",
                                              "voeg een urentabel voor dit taakveld toe", data=_public(row))
            continue
        if row["beschikbaar"] is None:
            continue
        yield RULES["B8-010"].finding(programme, row["pad"], _balance_message(label, row), data=_public(row))
        if row["saldo"] < 0:
            yield RULES["B8-011"].finding(
                programme, row["pad"], f"capaciteitstekort {label}: {dutch.hours(-row['saldo'])} "
                f"({dutch.percent(-row['aandeel'])} van de beschikbare uren)",
                "verhoog de formatie, plan minder uren of leg de keuze vast in de prioriteiten", data=_public(row))
        elif row["saldo_bezetting"] is not None and row["saldo_bezetting"] < 0:
            vacancy = round(row["fte"] - row["bezetting"], 2)
            yield RULES["B8-065"].finding(
                programme, row["pad"], f"tekort op de bezetting {label}: gepland {dutch.hours(row['gepland'])}, met "
                f"de bezetting van {dutch.number(row['bezetting'])} fte beschikbaar "
                f"{dutch.hours(row['beschikbaar_bezetting'])} (tekort {dutch.hours(-row['saldo_bezetting'])}; "
                f"vacature {dutch.number(vacancy)} fte)",
                "vul de vacature in, huur in of plan minder uren; de formatie alleen is geen capaciteit",
                data=_public(row))


def _balance_message(label: str, row: dict) -> str:
    hours = row["productieve_uren_per_fte"]
    available = (f"beschikbaar {dutch.hours(row['beschikbaar'])} ({dutch.number(row['fte'])} fte × "
                 + (f"{dutch.number(hours)})" if hours else "de productieve uren per formatie)"))
    planned = f"gepland {dutch.hours(row['gepland'])}"
    if row["opgegeven_totaal"] is not None and abs(row["opgegeven_totaal"] - row["gepland"]) > 1e-6:
        planned += f" (document noemt {dutch.hours(row['opgegeven_totaal'])})"
    saldo = row["saldo"]
    if abs(saldo) < 1e-6:
        outcome = "in balans"
    elif saldo > 0:
        outcome = f"overschot {dutch.hours(saldo)} ({dutch.percent(row['aandeel'])})"
    else:
        outcome = f"tekort {dutch.hours(-saldo)} ({dutch.percent(-row['aandeel'])})"
    message = f"capaciteit {label}: {available}, {planned}: {outcome}"
    if row["saldo_bezetting"] is not None:
        gap = row["saldo_bezetting"]
        vacancy = round(row["fte"] - row["bezetting"], 2)
        vacancy_text = f", vacature {dutch.number(vacancy)} fte" if vacancy > 0 else ""
        message += (f"; op de bezetting ({dutch.number(row['bezetting'])} fte{vacancy_text}, "
                    f"{dutch.hours(row['beschikbaar_bezetting'])})"
                    f" {'in balans' if abs(gap) < 1e-6 else ('overschot ' if gap > 0 else 'tekort ') + dutch.hours(abs(gap))}")
    return message


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("pad", "tabelpad")}


def _legal_capacity(project: Project, programme: Document) -> Iterator[Diagnostic]:
    capacity = programme.data.get("capaciteit", {})
    planned_legal: dict[str, float] = {}
    for table in programme.data.get("urentabellen", []):
        for line in _leaves(table.get("regels", [])):
            if line.get("juridisch") and line.get("uren") is not None:
                key = taakveld_key(line, taakveld_key(table))
                planned_legal[key] = planned_legal.get(key, 0) + line["uren"]
    for number, legal in enumerate(capacity.get("juridische_capaciteit", [])):
        per_task: dict[str, float] = {}
        for line in legal.get("regels", []):
            per_task[taakveld_key(line)] = per_task.get(taakveld_key(line), 0) + line["uren"]
        for taakveld in sorted(per_task):
            available = per_task[taakveld]
            planned = planned_legal.get(taakveld)
            text = (f"juridische capaciteit {project.label('disciplines', legal['discipline'])} / "
                    f"{project.label('taakvelden', taakveld)} ({legal['titel']}): {dutch.hours(available)}")
            if planned is None:
                text += "; geen juridische uren in de urentabellen om tegen af te zetten"
            else:
                text += f"; gepland in urentabellen {dutch.hours(planned)}"
            data = {"titel": legal["titel"], "discipline": legal["discipline"], "taakveld": taakveld,
                    "beschikbaar": available, "gepland": planned}
            yield RULES["B8-014"].finding(programme, ("capaciteit", "juridische_capaciteit", number, "id"), text,
                                          data=data)
            if planned is not None and planned > available:
                yield RULES["B8-011"].finding(programme, ("capaciteit", "juridische_capaciteit", number, "id"),
                                              f"juridisch capaciteitstekort {project.label('taakvelden', taakveld)}: "
                                              f"{dutch.hours(planned - available)}",
                                              "verhoog de juridische capaciteit of plan minder juridische uren",
                                              data=data)


def _leaves(lines: list) -> Iterator[dict]:
    for line in lines:
        if line.get("regels"):
            yield from _leaves(line["regels"])
        else:
            yield line
