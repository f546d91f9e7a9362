"""Inspection profiles against the hours planned for them (B8-030, B8-031)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import dutch
from ..diagnostics import Diagnostic
from ..model import Project
from .hours import planned_hours
from .rules import RULES


def check_inspections(project: Project, report: dict) -> Iterator[Diagnostic]:
    for programme in project.programmes.values():
        index = project.index(programme)
        for number, profile in enumerate(programme.data.get("toezichtprofielen", [])):
            path = ("toezichtprofielen", number)
            needed, counted, per_object = inspection_hours(profile)
            line = index.get("urenregel", profile["urenregel"]) if "urenregel" in profile else None
            planned = planned_hours(line.data) if line else None
            report.setdefault("toezichtprofielen", []).append({
                "programma": programme.id, "profiel": profile["id"], "titel": profile["titel"],
                "benodigd": needed if counted else None, "gepland": planned,
                "urenregel": profile.get("urenregel"), "categorieen_met_aantal": counted,
                "uren_per_object_per_jaar": per_object})
            if line is None:
                yield RULES["B8-031"].finding(programme, path + ("id",),
                                              f"toezichtprofiel '{profile['titel']}' is niet gekoppeld aan een urenregel",
                                              "voeg 'urenregel:' toe met het id van de regel waaruit deze "
                                              "inspecties worden betaald")
            if not counted:
                yield RULES["B8-031"].finding(programme, path + ("id",),
                                              f"toezichtprofiel '{profile['titel']}' noemt geen aantallen objecten; "
                                              "de benodigde uren zijn niet na te rekenen",
                                              "voeg per categorie 'aantal_objecten:' toe")
                continue
            if line is not None and planned is not None and needed > planned + 1e-6:
                yield RULES["B8-030"].finding(
                    programme, path + ("id",),
                    f"toezichtprofiel '{profile['titel']}' vraagt {dutch.hours(needed)}, de urenregel "
                    f"'{line.data['product'][:60]}' plant {dutch.hours(planned)} (tekort {dutch.hours(needed - planned)})",
                    "verlaag frequenties, verhoog de uren van de regel of leg de keuze vast",
                    data={"benodigd": needed, "gepland": planned})


def inspection_hours(profile: dict) -> tuple[float, int, float]:
    """Hours the profile needs (for categories with a count), how many
    categories have a count, and the hours per object per year summed over
    all categories with hours and frequency."""
    needed = 0.0
    counted = 0
    per_object = 0.0
    for category in profile.get("categorieen", []):
        hours, frequency = category.get("uren_per_inspectie"), category.get("frequentie_per_jaar")
        if hours is None or frequency is None:
            continue
        per_object += hours * frequency
        if "aantal_objecten" in category:
            counted += 1
            needed += category["aantal_objecten"] * hours * frequency
    return round(needed, 2), counted, round(per_object, 2)
