"""Rules of a cooperation agenda (soort: samenwerkingsagenda): the stated
arithmetic of the contributions per deelnemer holds, and every product of
the Big-8 cycle has a party for each phase, without two leads.

Figures are judged as the source writes them: a total "afgerond 0,1 fte"
holds when the parts round to 0,1 at the decimals written.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import dutch
from ..diagnostics import Diagnostic
from ..model import Document, Project
from .rules import RULES


def check_agendas(project: Project) -> Iterator[Diagnostic]:
    for agenda in sorted(project.agendas.values(), key=lambda d: d.id):
        for number, contribution in enumerate(agenda.data.get("bijdragen", [])):
            yield from _contribution(agenda, ("bijdragen", number), contribution)
        yield from _roles(project, agenda)


# ---------------------------------------------------------------- contributions

def _decimals(value: float) -> int:
    written = getattr(value, "written", None) or repr(float(value))
    return len(written.replace(",", ".").partition(".")[2].rstrip()) if "." in written.replace(",", ".") else 0


def _rounds_to(value: float, stated: float) -> bool:
    return round(value, _decimals(stated)) == round(float(stated), _decimals(stated))


def _fte(value: float) -> str:
    """A computed fte with up to three decimals, Dutch style (0,107)."""
    return f"{value:.3f}".rstrip("0").rstrip(".").replace(".", ",")


def _number(value: float) -> str:
    written = getattr(value, "written", None)
    return written.replace(".", ",") if written else dutch.number(value)


def _contribution(agenda: Document, path: tuple, contribution: dict) -> Iterator[Diagnostic]:
    holds, fails = RULES["B8-066"], RULES["B8-067"]
    name = contribution["titel"]
    calculation = contribution.get("berekening") or {}
    per_member = contribution.get("fte")
    checked: list[str] = []
    covered = calculation.get("dekt", [])
    members = _contributors(calculation.get("bijdragers") or {})
    if per_member is not None and covered and members:
        total = sum(float(c["fte"]) for c in covered)
        if _rounds_to(per_member * members, total) or abs(per_member * members - total) < 1e-9:
            checked.append(f"{members} × {_number(per_member)} fte = {_fte(per_member * members)} "
                           f"fte dekt {' + '.join(_number(c['fte']) for c in covered)} fte")
        else:
            yield fails.finding(agenda, path + ("berekening", "dekt"),
                                f"bijdrage '{name}': {members} deelnemers × {_number(per_member)} fte = "
                                f"{_fte(per_member * members)} fte, maar wat zij dekt is "
                                f"{_fte(total)} fte",
                                "controleer het aantal bijdragers en de fte per functie")
    for position, part in enumerate(calculation.get("delen", [])):
        yield from _part(agenda, path + ("berekening", "delen", position), name, part, members, checked)
    parts = [p["fte_per_deelnemer"] for p in calculation.get("delen", []) if p.get("fte_per_deelnemer") is not None]
    stated = calculation.get("totaal_fte", per_member)
    if parts and stated is not None:
        total = sum(float(p) for p in parts)
        if _rounds_to(total, stated):
            checked.append(f"{' + '.join(_number(p) for p in parts)} = {_fte(total)} fte, afgerond "
                           f"{_number(stated)} fte")
        else:
            yield fails.finding(agenda, path + ("berekening", "totaal_fte") if "totaal_fte" in calculation
                                else path + ("fte",),
                                f"bijdrage '{name}': de delen tellen op tot {_fte(total)} fte "
                                f"per deelnemer, de bron noemt {_number(stated)} fte",
                                "controleer de delen en het totaal")
    yield from _rates(agenda, path, name, contribution, checked)
    for position, example in enumerate((contribution.get("vertegenwoordiging") or {}).get("voorbeelden", [])):
        if per_member is None:
            break
        expected = example["gemeenten"] * float(per_member)
        if _rounds_to(expected, example["fte"]):
            checked.append(f"{example['gemeenten']} gemeenten × {_number(per_member)} = {_number(example['fte'])} fte")
        else:
            yield fails.finding(agenda, path + ("vertegenwoordiging", "voorbeelden", position, "fte"),
                                f"bijdrage '{name}': {example['gemeenten']} gemeenten × {_number(per_member)} fte is "
                                f"{_fte(expected)} fte, de bron noemt {_number(example['fte'])} fte",
                                "naar rato is het aantal gemeenten maal de bijdrage per deelnemer")
    if checked:
        yield holds.finding(agenda, path + ("titel",), f"bijdrage '{name}' klopt: " + "; ".join(checked))


def _contributors(contributors: dict) -> int | None:
    """How many pay: the number the source states, else its ambtelijke
    organisaties (two municipalities may share one) or gemeenten, plus the others."""
    if contributors.get("aantal"):
        return int(contributors["aantal"])
    base = contributors.get("ambtelijke_organisaties") or contributors.get("gemeenten")
    return int(base) + len(contributors.get("overige", [])) if base else None


def _part(agenda: Document, path: tuple, name: str, part: dict, members: int | None,
          checked: list[str]) -> Iterator[Diagnostic]:
    fails = RULES["B8-067"]
    effort = part.get("inzet") or {}
    if part.get("dagen_per_jaar") is not None and effort.get("eenheid") == "dag" and effort.get("per_maanden"):
        months = part.get("maanden", 12)
        days = effort["aantal"] * (months / effort["per_maanden"]) * part.get("personen", 1)
        if abs(days - part["dagen_per_jaar"]) < 1e-9:
            checked.append(f"{part.get('personen', 1)} × {months} × {_number(effort['aantal'])} = "
                           f"{_number(part['dagen_per_jaar'])} dagen")
        else:
            yield fails.finding(agenda, path + ("dagen_per_jaar",),
                                f"bijdrage '{name}': {part.get('personen', 1)} personen × {months} maanden × "
                                f"{_number(effort['aantal'])} dag = {dutch.number(days)} dagen, de bron noemt "
                                f"{_number(part['dagen_per_jaar'])}", "controleer de inzet en het aantal dagen")
    total, share = part.get("fte_totaal"), part.get("fte_per_deelnemer")
    if total is not None and share is not None and members:
        if _rounds_to(total / members, share):
            checked.append(f"{_number(total)} / {members} = {_number(share)} fte")
        else:
            yield fails.finding(agenda, path + ("fte_per_deelnemer",),
                                f"bijdrage '{name}': {_number(total)} fte / {members} deelnemers = "
                                f"{_fte(total / members)} fte, de bron noemt {_number(share)} fte",
                                "controleer het totaal en het aantal deelnemers")


def _rates(agenda: Document, path: tuple, name: str, contribution: dict, checked: list[str]) -> Iterator[Diagnostic]:
    """fte against hours against euros, only with the rates the source states."""
    fails = RULES["B8-067"]
    fte, hours, euros = contribution.get("fte"), contribution.get("uren"), contribution.get("euro")
    hours_per_fte, euros_per_hour = contribution.get("uren_per_fte"), contribution.get("euro_per_uur")
    if fte is not None and hours is not None and hours_per_fte:
        expected = float(fte) * float(hours_per_fte)
        if abs(expected - hours) > 0.5:
            yield fails.finding(agenda, path + ("uren",), f"bijdrage '{name}': {_number(fte)} fte × "
                                f"{dutch.number(hours_per_fte)} uur = {dutch.hours(expected)}, de bron noemt "
                                f"{dutch.hours(hours)}", "controleer de uren of de uren per fte")
        else:
            checked.append(f"{_number(fte)} fte × {dutch.number(hours_per_fte)} = {dutch.hours(hours)}")
    if hours is not None and euros is not None and euros_per_hour:
        expected = float(hours) * float(euros_per_hour)
        if abs(expected - euros) > 0.5 and contribution.get("euro_benadering") != "circa":
            yield fails.finding(agenda, path + ("euro",), f"bijdrage '{name}': {dutch.hours(hours)} × € "
                                f"{dutch.number(euros_per_hour)} = € {dutch.number(expected)}, de bron noemt € "
                                f"{dutch.number(euros)}", "controleer het bedrag of het uurtarief")


# ---------------------------------------------------------------- roles per product and phase

def _roles(project: Project, agenda: Document) -> Iterator[Diagnostic]:
    roles = agenda.data.get("rollen") or {}
    phases = (roles.get("fasen") or {}).get("waarden") or list(project.vocabulary.get("cyclusfasen", {}))
    for number, cycle in enumerate(roles.get("cycli", [])):
        path = ("rollen", "cycli", number)
        lines = cycle.get("regels", [])
        products = sorted({line["product"] for line in lines if line.get("product")})
        missing = [f"{project.label('cyclusproducten', product)}: {project.label('cyclusfasen', phase)}"
                   for product in products for phase in phases
                   if not any(line.get("product") == product and line.get("fase") == phase for line in lines)]
        if missing:
            yield RULES["B8-068"].finding(agenda, path + ("naam",),
                                          f"rollen '{cycle['naam']}': geen partij genoemd voor "
                                          + "; ".join(missing),
                                          "noem per product en fase wie voorbereidt, opstelt en vaststelt, zoals de "
                                          "bron het zegt")
        for product in products:
            for phase in [*phases, None]:
                leads = [(position, line) for position, line in enumerate(lines) if line.get("product") == product
                         and line.get("fase") == phase and line["rol"] == "lead"]
                if len(leads) > 1:
                    parties = ", ".join(project.label("rolpartijen", line["partij"]) for _, line in leads)
                    where = f" in fase {project.label('cyclusfasen', phase)}" if phase else ""
                    yield RULES["B8-069"].finding(agenda, path + ("regels", leads[1][0], "rol"),
                                                  f"rollen '{cycle['naam']}': "
                                                  f"{project.label('cyclusproducten', product)}{where} heeft twee "
                                                  f"partijen in de lead: {parties}",
                                                  "één partij heeft de lead; de andere levert een bijdrage")
