"""Monitoring reports and the jaarverslag: each rule (B8-050 to B8-059) with
a minimal variant of the fictitious reports in tests/fixtures/rapportages/
on the clean fixture project, with the exact message and location."""

from __future__ import annotations

import pytest

from big8.pipeline import run_check
from conftest import FIXTURES

REPORTS = FIXTURES / "rapportages"
JV = "programmes/jaarverslag.yaml"
MON = "programmes/monitoring.yaml"
# The findings every fixture report gives; a case lists them only where it changes them.
BASELINE = {
    ("B8-050", "info", f"{JV}:9:1", "uren Toezicht en handhaving / Bouwen en ruimtelijke ordening: gerealiseerd "
     "3.030 uur, gepland 3.000 uur (+30 uur, +1%); beschikbaar 3.000 uur"),
    ("B8-050", "info", f"{JV}:9:1", "uren Vergunningverlening / Bouwen en ruimtelijke ordening: gerealiseerd "
     "1.450 uur, gepland 1.500 uur (-50 uur, -3,3%); beschikbaar 1.500 uur"),
    ("B8-052", "info", f"{JV}:21:13", "indicator 'Aandeel vergunningen binnen de termijn' gehaald: 96% tegen "
     "streefwaarde Minstens 95%"),
    ("B8-050", "info", f"{MON}:11:1", "uren Toezicht en handhaving / Bouwen en ruimtelijke ordening: gerealiseerd "
     "2.200 uur, prognose 3.000 uur, gepland 3.000 uur (±0 uur, ±0%); beschikbaar 3.000 uur"),
    ("B8-050", "info", f"{MON}:11:1", "uren Vergunningverlening / Bouwen en ruimtelijke ordening: gerealiseerd "
     "1.100 uur, prognose 1.500 uur, gepland 1.500 uur (±0 uur, ±0%); beschikbaar 1.500 uur"),
    ("B8-052", "info", f"{MON}:23:13", "indicator 'Aandeel vergunningen binnen de termijn' gehaald: 95% tegen "
     "streefwaarde Minstens 95%"),
}


def reports(*replacements: tuple[str, str, str]) -> dict[str, str]:
    """Both fixture reports, with (file, old, new) replacements (each must match)."""
    texts = {JV: (REPORTS / "jaarverslag.yaml").read_text(encoding="utf-8"),
             MON: (REPORTS / "monitoring.yaml").read_text(encoding="utf-8")}
    for file, old, new in replacements:
        assert old in texts[file], (file, old)
        texts[file] = texts[file].replace(old, new, 1)
    return texts


# case -> (replacements, findings beyond the baseline, baseline findings that go)
REPORT_CASES = {
    "B8-051": ([(JV, "gerealiseerd: 1450", "gerealiseerd: 1200")],
               {("B8-051", "waarschuwing", f"{JV}:15:19", "urenregel 'Vergunningen': gerealiseerd 1.200 uur tegen "
                 "1.500 uur gepland (-300 uur, -20%), zonder toelichting (drempel 10%)"),
                ("B8-050", "info", f"{JV}:9:1", "uren Vergunningverlening / Bouwen en ruimtelijke ordening: "
                 "gerealiseerd 1.200 uur, gepland 1.500 uur (-300 uur, -20%); beschikbaar 1.500 uur")},
               {"uren Vergunningverlening / Bouwen en ruimtelijke ordening: gerealiseerd 1.450 uur"}),
    "B8-053": ([(JV, "waarde: 96", "waarde: 90")],
               {("B8-053", "waarschuwing", f"{JV}:21:13", "indicator 'Aandeel vergunningen binnen de termijn' "
                 "niet gehaald: 90% tegen streefwaarde Minstens 95%")},
               {"gehaald: 96%"}),
    "B8-054": ([(JV, "indicatoren:\n  - indicator: ind-tijdig\n    waarde: 96\n    meetdatum: 2025-12-31\n"
                     "    bron: zaaksysteem\n", "")],
               {("B8-054", "waarschuwing", f"{JV}:2:1", "indicator 'Aandeel vergunningen binnen de termijn' heeft "
                 "geen gerealiseerde waarde"),
                ("B8-055", "waarschuwing", f"{JV}:2:1", "het jaarverslag zegt niets over doel 'bd-tijdig' (rij "
                 "'dt-tijdig' van de doelentabel)")},
               {"gehaald: 96%"}),
    "B8-055": ([(JV, "focuspunten:\n  - focuspunt: fp-veiligheid\n    stand: afgerond\n", "")],
               {("B8-055", "waarschuwing", f"{JV}:2:1", "het jaarverslag zegt niets over focuspunt 'Veiligheid', "
                 "dat dit jaar is opgepakt")}, set()),
    "B8-056": ([(JV, "urenregel: r-leges", "urenregel: r-legs")],
               {("B8-056", "fout", f"{JV}:12:16", "het jaarverslag noemt urenregel 'r-legs', maar programma "
                 "'vb-up-2025' heeft die niet"),
                # The hours of a line the programme does not have count nowhere.
                ("B8-050", "info", f"{JV}:9:1", "uren Toezicht en handhaving / Bouwen en ruimtelijke ordening: "
                 "gerealiseerd 2.050 uur, gepland 3.000 uur (-950 uur, -31,7%); beschikbaar 3.000 uur"),
                ("B8-020", "waarschuwing", f"{JV}:18:19", "'Toezicht bouwen 2025': opgegeven gerealiseerd totaal "
                 "3.030 uur, som van de regels 2.050 uur")},
               {"gerealiseerd 3.030 uur"}),
    "B8-057": ([(MON, "prognose: 2000", "prognose: 2500\n    toelichting: Extra controles na de brand.")],
               {("B8-057", "waarschuwing", f"{MON}:11:1", "prognose Toezicht en handhaving / Bouwen en ruimtelijke "
                 "ordening: 3.500 uur tegen 3.000 uur beschikbaar (tekort 500 uur)"),
                ("B8-050", "info", f"{MON}:11:1", "uren Toezicht en handhaving / Bouwen en ruimtelijke ordening: "
                 "gerealiseerd 2.200 uur, prognose 3.500 uur, gepland 3.000 uur (+500 uur, +16,7%); beschikbaar "
                 "3.000 uur"),
                ("B8-052", "info", f"{MON}:24:13", "indicator 'Aandeel vergunningen binnen de termijn' gehaald: 95% "
                 "tegen streefwaarde Minstens 95%")},
               {"prognose 3.000 uur", "gehaald: 95%"}),
    "B8-058": ([(JV, "betreft: strategie\n    strategie: toezicht", "betreft: programma")],
               {("B8-058", "waarschuwing", f"{JV}:31:1", "het jaarverslag trekt geen conclusie en doet geen "
                 "aanbeveling voor de strategie of het beleid (art. 13.11, tweede lid, Omgevingsbesluit)")}, set()),
    "B8-059": ([(JV, "waarde: 96", "waarde: 120")],
               {("B8-059", "fout", f"{JV}:21:13", "waarde 120 van indicator 'Aandeel vergunningen binnen de termijn' "
                 "past niet bij eenheid 'procent': een percentage ligt tussen 0 en 100")},
               {"gehaald: 96%"}),
    "B8-020 in een rapportage": ([(JV, "gerealiseerd: 980", "gerealiseerd: 900")],
                                 {("B8-020", "waarschuwing", f"{JV}:18:19", "'Toezicht bouwen 2025': opgegeven "
                                   "gerealiseerd totaal 3.030 uur, som van de regels 2.950 uur"),
                                  ("B8-050", "info", f"{JV}:9:1", "uren Toezicht en handhaving / Bouwen en ruimtelijke "
                                   "ordening: gerealiseerd 2.950 uur, gepland 3.000 uur (-50 uur, -1,7%); beschikbaar "
                                   "3.000 uur")},
                                 {"gerealiseerd 3.030 uur"}),
}


def findings(root) -> set[tuple[str, str, str, str]]:
    return {(d.code, d.severity, str(d.location), d.message) for d in run_check(str(root)).diagnostics
            if d.location.file in (JV, MON)}


def test_fixture_reports_give_only_the_realisation(project):
    assert findings(project(reports(), clean=True)) == BASELINE


@pytest.mark.parametrize("case", sorted(REPORT_CASES))
def test_report_rule_is_triggered_exactly(project, case):
    replacements, extra, gone = REPORT_CASES[case]
    found = findings(project(reports(*replacements), clean=True))
    expected = {f for f in BASELINE if not any(part in f[3] for part in gone)} | extra
    assert found == expected


def test_prognose_belongs_in_a_monitoring_report(project):
    root = project(reports((JV, "gerealiseerd: 2050", "gerealiseerd: 2050\n    prognose: 2100")), clean=True)
    result = run_check(str(root))
    assert [(d.code, str(d.location), d.message) for d in result.diagnostics if d.code == "B8-S03"] == [
        ("B8-S03", f"{JV}:12:5", "'prognose' hoort niet in een jaarverslag, alleen in een monitoring")]


def test_unknown_programme(project):
    root = project(reports((JV, "programma: vb-up-2025", "programma: vb-up-2026")), clean=True)
    result = run_check(str(root))
    assert [(d.code, str(d.location), d.message, d.hint) for d in result.diagnostics if d.code == "B8-K05"] == [
        ("B8-K05", f"{JV}:5:12", "onbekend uitvoeringsprogramma 'vb-up-2026'", "bedoelde u 'vb-up-2025'?")]


def test_threshold_is_configurable(project):
    files = reports((JV, "gerealiseerd: 1450", "gerealiseerd: 1200"))
    files["big8.yaml"] = "drempels:\n  afwijking_procent: 25\n"
    assert not any(f[0] == "B8-051" for f in findings(project(files, clean=True)))
    files["big8.yaml"] = "organisaties:\n  voorbeeldstad:\n    drempels:\n      afwijking_procent: 15\n"
    assert any(f[0] == "B8-051" for f in findings(project(files, clean=True)))


def test_realisation_is_in_the_report(project):
    result = run_check(str(project(reports(), clean=True)))
    entry = next(r for r in result.report["rapportages"] if r["rapport"] == "vb-jv-2025")
    assert [(r["urenregel"], r["gepland"], r["gerealiseerd"], r["afwijking"]) for r in entry["regels"]] == [
        ("r-brandveilig", 2000, 2050, 50), ("r-leges", 1000, 980, -20), ("r-vergunningen", 1500, 1450, -50)]
    assert [(i["indicator"], i["waarde"], i["gehaald"]) for i in entry["indicatoren"]] == [("ind-tijdig", 96, True)]
