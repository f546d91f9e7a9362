"""Each consistency rule: a minimal variant of the clean fixture that
triggers exactly that rule, with the exact message and location; and the
clean fixture, which triggers none (only the capacity balance is reported)."""

from __future__ import annotations

import pytest

from big8.checks import RULES
from big8.pipeline import run_check
from conftest import clean_text, variant

PROGRAMME = "programmes/programma.yaml"
POLICY = "policy/beleid.yaml"

# rule -> (files, [(severity, "file:line:col", message)])
RULE_CASES = {
    "B8-001 periode": (
        variant(PROGRAMME, ("jaar: 2025", "jaar: 2030")),
        [("fout", f"{PROGRAMME}:5:7", "het beleid 'vb-beleid' geldt niet in 2030 (periode 2024-2027)")]),
    "B8-001 concept": (
        variant(POLICY, ("status: vastgesteld", "status: concept"), ("  datum: 2023-12-12\n", "")),
        [("fout", f"{PROGRAMME}:6:9", "het beleid 'vb-beleid' is niet vastgesteld (status: concept)")]),
    "B8-002": (
        variant(PROGRAMME, ("indicator: ind-tijdig", "indicator: ind-leges")),
        [("fout", f"{PROGRAMME}:63:16", "indicator 'ind-leges' hoort bij doel 'bd-leges', niet bij 'bd-tijdig'")]),
    "B8-003": (
        variant(POLICY, ("      focuspunt: fp-veiligheid\n", "")),
        [("waarschuwing", f"{POLICY}:14:9", "focuspunt 'Veiligheid' heeft geen doel")]),
    "B8-004": (
        variant(PROGRAMME, ("focuspunten:\n  - focuspunt: fp-veiligheid\n    status: opgepakt\n", "")),
        [("waarschuwing", f"{PROGRAMME}:6:9",
          "focuspunt 'Veiligheid' (fp-veiligheid) wordt in dit programma niet opgepakt en niet uitgesteld")]),
    "B8-005": (
        variant(PROGRAMME, ("status: opgepakt", "status: uitgesteld")),
        [("fout", f"{PROGRAMME}:11:13", "focuspunt 'fp-veiligheid' is uitgesteld zonder reden")]),
    "B8-006": (
        variant(POLICY, ("      kwaliteitsthema: financien\n", "")),
        [("waarschuwing", f"{POLICY}:17:1", "geen meetbaar doel voor kwaliteitsthema 'financien'")]),
    "B8-007": (
        variant(POLICY, ("          richting: minimaal\n          streefwaarde: 100", "          streefwaarde: 100")),
        [("waarschuwing", f"{POLICY}:57:15", "indicator 'Kostendekkendheid van de leges' mist richting")]),
    "B8-008": (
        variant(POLICY, ("streefwaarde: 100\n          streefwaarde_tekst: 100%",
                         "streefwaarde: 120\n          streefwaarde_tekst: 120%")),
        [("fout", f"{POLICY}:61:25",
          "streefwaarde 120 past niet bij eenheid 'procent': een percentage ligt tussen 0 en 100")]),
    "B8-009": (
        variant(POLICY, ("streefwaarde_tekst: Minstens 95%", "streefwaarde_tekst: Minstens 90%")),
        [("waarschuwing", f"{POLICY}:40:25", "streefwaarde 95 wijkt af van de tekst 'Minstens 90%'")]),
    "B8-011": (
        variant(PROGRAMME, ("          fte: 2.0\n      totaal_fte: 2.0", "          fte: 1.5\n      totaal_fte: 1.5")),
        [("info", f"{PROGRAMME}:21:16", "capaciteit Toezicht en handhaving / Bouwen en ruimtelijke ordening: "
          "beschikbaar 2.250 uur (1,5 fte × 1.500), gepland 3.000 uur: tekort 750 uur (33,3%)"),
         ("waarschuwing", f"{PROGRAMME}:21:16", "capaciteitstekort Toezicht en handhaving / "
          "Bouwen en ruimtelijke ordening: 750 uur (33,3% van de beschikbare uren)")]),
    "B8-012": (
        variant(PROGRAMME, ("          fte: 2.0\n      totaal_fte: 2.0",
                            "          fte: 2.0\n        - id: fte-apv\n          taakveld: apv-en-bijzondere-wetten\n"
                            "          fte: 1.0\n      totaal_fte: 3.0")),
        [("waarschuwing", f"{PROGRAMME}:24:16", "formatie Toezicht en handhaving / APV en bijzondere wetten (1,0 fte) "
          "zonder urentabel")]),
    "B8-013": (
        variant(PROGRAMME, ("doelentabel:", "  - id: uren-slopen\n    titel: Toezicht slopen\n"
                            "    discipline: toezicht-en-handhaving\n    taakveld: slopen\n    regels:\n"
                            "      - id: r-slopen\n        product: Sloopcontroles\n        uren: 40\n"
                            "        doelen: [bd-brandveilig]\ndoelentabel:")),
        [("waarschuwing", f"{PROGRAMME}:60:9", "urentabel voor Toezicht en handhaving / Slopen (40 uur) zonder "
          "formatieregel")]),
    "B8-009 strikt": (
        variant(POLICY, ("streefwaarde: 80\n          streefwaarde_tekst: Minstens 80%",
                         "streefwaarde: 80\n          streefwaarde_tekst: Meer dan 80%")),
        [("waarschuwing", f"{POLICY}:50:21",
          "richting 'minimaal' past niet bij de tekst 'Meer dan 80%' (groter dan)")]),
    "B8-009 gelijk": (
        variant(POLICY, ("richting: minimaal\n          streefwaarde: 100", "richting: gelijk\n          streefwaarde: 1"),
                ("streefwaarde_tekst: 100%", "streefwaarde_tekst: <1%")),
        [("waarschuwing", f"{POLICY}:60:21",
          "richting 'gelijk' past niet bij de tekst '<1%' (kleiner dan)")]),
    "B8-015": (
        {PROGRAMME: clean_text(PROGRAMME).split("doelentabel:")[0] + "toezichtprofielen:" +
         clean_text(PROGRAMME).split("toezichtprofielen:")[1]},
        [("waarschuwing", f"{PROGRAMME}:2:1", "het programma bevat geen doelen met indicatoren en activiteiten "
          "('doelentabel:', art. 13.8 Omgevingsbesluit)")]),
    "B8-016": (
        variant(PROGRAMME, ("status: vastgesteld", "status: concept\nvaststelling:\n  datum: 2024-12-01")),
        [("waarschuwing", f"{PROGRAMME}:10:10", "het document is een concept maar heeft een vaststellingsdatum "
          "(2024-12-01)")]),
    "B8-017": (
        variant(PROGRAMME, ("    titel: Toezicht bouwen 2025", "    titel: Toezicht bouwen 2024")),
        [("waarschuwing", f"{PROGRAMME}:37:12", "titel 'Toezicht bouwen 2024' noemt 2024, het programma is voor 2025")]),
    "B8-020": (
        variant(PROGRAMME, ("    totaal_uren: 3000", "    totaal_uren: 3100")),
        [("waarschuwing", f"{PROGRAMME}:49:18", "'Toezicht bouwen 2025': opgegeven totaal 3.100 uur, som van de regels "
          "3.000 uur (verschil -100 uur)"),
         ("info", f"{PROGRAMME}:21:16", "capaciteit Toezicht en handhaving / Bouwen en ruimtelijke ordening: "
          "beschikbaar 3.000 uur (2,0 fte × 1.500), gepland 3.000 uur (document noemt 3.100 uur): in balans")]),
    "B8-030": (
        variant(PROGRAMME, ("aantal_objecten: 100", "aantal_objecten: 500")),
        [("waarschuwing", f"{PROGRAMME}:69:9", "toezichtprofiel 'Toezichtprofiel brandveiligheid' vraagt 2.300 uur, "
          "de urenregel 'Controle brandveilig gebruik' plant 2.000 uur (tekort 300 uur)")]),
    "B8-031": (
        variant(PROGRAMME, ("        aantal_objecten: 100\n", ""), ("        aantal_objecten: 200\n", "")),
        [("info", f"{PROGRAMME}:69:9", "toezichtprofiel 'Toezichtprofiel brandveiligheid' noemt geen aantallen "
          "objecten; de benodigde uren zijn niet na te rekenen")]),
    "B8-040": (
        variant(PROGRAMME, ("        uren: 1000\n        doelen: [bd-leges]",
                            "        uren: 900\n        doelen: [bd-leges]\n      - id: r-overleg\n"
                            "        product: Overleg\n        uren: 100")),
        [("waarschuwing", f"{PROGRAMME}:36:9",
          "'Toezicht bouwen 2025': 1 van 3 regels (100 uur) dienen geen doel of focuspunt: Overleg")]),
    "B8-041": (
        variant(PROGRAMME, ("doelen: [bd-leges]", "doelen: [bd-brandveilig]")),
        [("waarschuwing", f"{PROGRAMME}:6:9",
          "doel 'Leges zijn kostendekkend.' wordt door geen activiteit met geplande uren gediend")]),
}

BALANCE_INFOS = {
    ("info", f"{PROGRAMME}:21:16", "capaciteit Toezicht en handhaving / Bouwen en ruimtelijke ordening: beschikbaar "
     "3.000 uur (2,0 fte × 1.500), gepland 3.000 uur: in balans"),
    ("info", f"{PROGRAMME}:29:16", "capaciteit Vergunningverlening / Bouwen en ruimtelijke ordening: beschikbaar "
     "1.500 uur (1,0 fte × 1.500), gepland 1.500 uur: in balans"),
    ("info", f"{PROGRAMME}:32:16", "capaciteit Vergunningverlening / Milieu: 0,5 fte, uitgevoerd door Omgevingsdienst Voorbeeld; "
     "de geplande uren staan in het programma van de uitvoerder"),
}


def findings(root) -> set[tuple[str, str, str, str]]:
    return {(d.code, d.severity, str(d.location), d.message) for d in run_check(str(root)).diagnostics}


def test_clean_fixture_triggers_no_rule(project):
    assert {f[1:] for f in findings(project(clean=True))} == BALANCE_INFOS


@pytest.mark.parametrize("case", sorted(RULE_CASES))
def test_rule_is_triggered_exactly(project, case):
    """The case's findings, besides the capacity balance lines (B8-010) that
    every programme gets; a case that changes a balance line lists it."""
    files, expected = RULE_CASES[case]
    found = findings(project(files, clean=True))
    balance_changed = {e for e in expected if e[2].startswith("capaciteit ")}
    triggered = {f[1:] for f in found if f[0] != "B8-010"} | {f[1:] for f in found if f[1:] in balance_changed}
    assert triggered == set(expected)
    assert {f[0] for f in found} - {"B8-010"} == {case.split()[0]}


def ibt_cases() -> set[str]:
    import re

    from test_ibt import EXTRA_CASES, GOLDEN

    goldens = "".join(path.read_text(encoding="utf-8") for path in GOLDEN.glob("*.txt"))
    return set(re.findall(r"^(B8-\d\d\d) ", goldens, flags=re.M)) | set(EXTRA_CASES)


def test_every_rule_has_a_case():
    from test_region import AGENDA_CASES
    from test_region import CASES as REGION_CASES
    from test_reports import BASELINE, REPORT_CASES

    covered = {case.split()[0] for case in RULE_CASES} | {"B8-010", "B8-014"}
    covered |= {case.split()[0] for case in REPORT_CASES} | {f[0] for f in BASELINE}
    covered |= {case.split()[0] for case in [*REGION_CASES, *AGENDA_CASES]} | {"B8-065"}  # test_tekort_op_bezetting_names_the_vacancy
    covered |= ibt_cases() | {"B8-070", "B8-071", "B8-072"}  # test_ibt.py: goldens, cases, timeliness
    assert covered == set(RULES)


def test_legal_capacity_is_reported(project):
    files = variant(PROGRAMME, ("urentabellen:", "  juridische_capaciteit:\n    - id: jur\n      titel: Juridisch\n"
                                "      discipline: juridisch\n      regels:\n        - id: jur-1\n"
                                "          taakveld: bouwen-en-ruimtelijke-ordening\n          uren: 400\n"
                                "urentabellen:"))
    found = {f[1:] for f in findings(project(files, clean=True)) if f[0] != "B8-010"}
    assert found == {("info", f"{PROGRAMME}:36:11", "juridische capaciteit Juridische ondersteuning / Bouwen en ruimtelijke ordening "
                      "(Juridisch): 400 uur; geen juridische uren in de urentabellen om tegen af te zetten")}


def test_severity_can_be_set_per_organisation(project):
    files = variant(PROGRAMME, ("          fte: 2.0\n      totaal_fte: 2.0", "          fte: 1.5\n      totaal_fte: 1.5"))
    files["big8.yaml"] = "regels:\n  B8-010: uit\norganisaties:\n  voorbeeldstad:\n    regels:\n      B8-011: fout\n"
    result = run_check(str(project(files, clean=True)))
    assert [(d.code, d.severity) for d in result.diagnostics] == [("B8-011", "fout")]
    assert result.has_errors


def test_unknown_rule_in_settings_is_an_error(project):
    result = run_check(str(project({"big8.yaml": "regels:\n  B8-999: fout\n"}, clean=True)))
    assert [(d.code, str(d.location), d.message) for d in result.diagnostics if d.code.startswith("B8-C")] == [
        ("B8-C02", "big8.yaml:2:3", "onbekende regel 'B8-999' in big8.yaml")]
    assert result.has_errors
