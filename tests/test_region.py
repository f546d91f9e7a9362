"""The region: each regional rule (B8-060 to B8-065) with a minimal variant
of the fictitious region in tests/fixtures/regio/ (a service with two
deelnemers, its uniform policy and regional programme, and the clean
fixture programme of Voorbeeldstad that names its part), with the exact
message and location."""

from __future__ import annotations

import pytest

from big8.pipeline import run_check
from conftest import FIXTURES, clean_text

REGION = FIXTURES / "regio"
ORGS = "policy/organisaties.yaml"
POLICY = "policy/uniform-beleid.yaml"
OD = "programmes/od-programma-2025.yaml"
TOWN = "programmes/programma.yaml"
CODES = ("B8-060", "B8-061", "B8-062", "B8-063", "B8-064", "B8-065")

# Voorbeeldstad's programme names its part and plans its milieu hours at the service.
MILIEU_TABLE = ("urentabellen:\n  - id: uren-milieu\n    titel: Milieutoezicht door de omgevingsdienst 2025\n"
                "    discipline: toezicht-en-handhaving\n    taakveld: milieu\n    uitvoerder: od-voorbeeld\n"
                "    regels:\n      - id: r-milieu\n        product: Milieucontroles door de omgevingsdienst\n"
                "        uren: 600\n")


def region_files(*replacements: tuple[str, str, str]) -> dict[str, str]:
    """The fixture region, with (file, old, new) replacements (each must match)."""
    files = {path.relative_to(REGION).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(REGION.rglob("*.yaml"))}
    town = clean_text(TOWN).replace("beleid: vb-beleid\n", "beleid: vb-beleid\nregionaal_programma: od-up-2025\n", 1)
    files[TOWN] = town.replace("urentabellen:\n", MILIEU_TABLE, 1)
    for file, old, new in replacements:
        assert old in files[file], (file, old)
        files[file] = files[file].replace(old, new, 1)
    return files


def findings(root) -> list[tuple[str, str, str]]:
    return sorted((d.code, str(d.location), d.message) for d in run_check(str(root)).diagnostics if d.code in CODES)


def test_the_fixture_region_is_consistent(project):
    root = project(region_files(), clean=True)
    result = run_check(str(root))
    assert not result.has_errors
    assert findings(root) == []
    # Tweestad leaves only inspection of building to the service: the matrix says so.
    region = next(r for r in result.report["regio"] if r["organisatie"] == "od-voorbeeld")
    assert {"organisatie": "tweestad", "taakveld": "bouwen-en-ruimtelijke-ordening",
            "uitvoering": [{"disciplines": ["toezicht-en-handhaving"], "uitvoerder": "od-voorbeeld"}]} in region["uitvoering"]
    assert region["uren_per_deelnemer"] == [{"programma": "od-up-2025", "jaar": 2025, "delen": [
        {"organisatie": "tweestad", "taakveld": "bouwen-en-ruimtelijke-ordening", "uren": 300},
        {"organisatie": "tweestad", "taakveld": "milieu", "uren": 400},
        {"organisatie": "voorbeeldstad", "taakveld": "milieu", "uren": 600}]}]


CASES = {
    "B8-060 delen": (
        [(OD, "uren: 600\n            aantal: 60", "uren: 650\n            aantal: 60")],
        [("B8-060", f"{OD}:17:15", "urenregel 'Milieucontroles': de delen per deelnemer tellen op tot 1.050 uur, de "
          "regel noemt 1.000 uur"),
         ("B8-062", f"{TOWN}:7:22", "taakveld Milieu: dit programma plant 600 uur bij Omgevingsdienst Voorbeeld, het "
          "regionale programma 'Regionaal uitvoeringsprogramma 2025 Omgevingsdienst Voorbeeld' geeft deze gemeente "
          "650 uur")]),
    "B8-060 aantallen": (
        [(OD, "aantal: 40", "aantal: 30")],
        [("B8-060", f"{OD}:18:17", "urenregel 'Milieucontroles': de delen per deelnemer tellen op tot 90, de regel "
          "noemt 100")]),
    "B8-060 geen deelnemer": (
        [(OD, "          - organisatie: tweestad\n            uren: 300",
          "          - organisatie: derdestad\n            uren: 300")],
        [("B8-060", f"{OD}:35:26", "urenregel 'Bouwcontroles voor Tweestad' geeft een deel aan Gemeente Derdestad, "
          "die geen deelnemer is van Omgevingsdienst Voorbeeld"),
         ("B8-061", f"{OD}:10:3", "het regionale programma 2025 heeft geen deel voor Gemeente Tweestad in taakveld "
          "Bouwen en ruimtelijke ordening, dat Gemeente Tweestad aan Omgevingsdienst Voorbeeld heeft opgedragen")]),
    "B8-061": (
        [(OD, "        uren: 1000\n        aantal: 100", "        uren: 600\n        aantal: 60"),
         (OD, "          - organisatie: tweestad\n            uren: 400\n            aantal: 40\n", "")],
        [("B8-061", f"{OD}:10:3", "het regionale programma 2025 heeft geen deel voor Gemeente Tweestad in taakveld "
          "Milieu, dat Gemeente Tweestad aan Omgevingsdienst Voorbeeld heeft opgedragen")]),
    "B8-062": (
        [(TOWN, "        uren: 600\n", "        uren: 500\n")],
        [("B8-062", f"{TOWN}:7:22", "taakveld Milieu: dit programma plant 500 uur bij Omgevingsdienst Voorbeeld, het "
          "regionale programma 'Regionaal uitvoeringsprogramma 2025 Omgevingsdienst Voorbeeld' geeft deze gemeente "
          "600 uur")]),
    "B8-063 niet vastgesteld": (
        [(POLICY, "    vastgesteld: true\n    door: college van burgemeester en wethouders\n    datum: 2023-12-05",
          "    vastgesteld: false\n    toelichting: het college besluit in 2024")],
        [("B8-063", f"{POLICY}:17:18", "Gemeente Tweestad heeft de uniforme strategie voor Omgevingsdienst "
          "Voorbeeld niet vastgesteld (het college besluit in 2024)")]),
    "B8-063 niet genoemd": (
        [(POLICY, "  - organisatie: tweestad\n    vastgesteld: true\n    door: college van burgemeester en wethouders\n"
                  "    datum: 2023-12-05\n", "")],
        [("B8-063", f"{POLICY}:12:3", "het beleid zegt niet of Gemeente Tweestad het als uniforme strategie voor "
          "Omgevingsdienst Voorbeeld heeft vastgesteld")]),
    "B8-064 dienst noemt het niet": (
        [(ORGS, "        voor: deelnemers", "        voor: [voorbeeldstad]")],
        [("B8-064", f"{ORGS}:22:21", "Gemeente Tweestad laat taakveld Milieu uitvoeren door Omgevingsdienst "
          "Voorbeeld, maar Omgevingsdienst Voorbeeld noemt dat niet bij wat zij uitvoert")]),
    "B8-064 gemeente noemt het niet": (
        [(ORGS, "        voor: [tweestad]", "        voor: deelnemers")],
        [("B8-064", f"{ORGS}:37:19", "Omgevingsdienst Voorbeeld zegt taakveld Bouwen en ruimtelijke ordening uit te "
          "voeren voor Gemeente Voorbeeldstad, maar die noemt Omgevingsdienst Voorbeeld niet als uitvoerder")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_region_rule_is_triggered_exactly(project, case):
    replacements, expected = CASES[case]
    assert findings(project(region_files(*replacements), clean=True)) == sorted(expected)


def test_tekort_op_bezetting_names_the_vacancy(project):
    programme = clean_text(TOWN).replace("          fte: 2.0\n", "          fte: 2.0\n          bezetting: 1.5\n", 1)
    root = project({TOWN: programme}, clean=True)
    assert findings(root) == [
        ("B8-065", f"{TOWN}:21:16", "tekort op de bezetting Toezicht en handhaving / Bouwen en ruimtelijke ordening: "
         "gepland 3.000 uur, met de bezetting van 1,5 fte beschikbaar 2.250 uur (tekort 750 uur; vacature 0,5 fte)")]
    balance = next(d.message for d in run_check(str(root)).diagnostics if d.code == "B8-010" and "bezetting" in d.message)
    assert balance.endswith("op de bezetting (1,5 fte, vacature 0,5 fte, 2.250 uur) tekort 750 uur")


def test_unknown_regional_programme_is_a_reference_error(project):
    root = project(region_files((TOWN, "regionaal_programma: od-up-2025", "regionaal_programma: od-up-2052")),
                   clean=True)
    found = [(d.code, str(d.location), d.message, d.hint) for d in run_check(str(root)).diagnostics if d.code == "B8-K05"]
    assert found == [("B8-K05", f"{TOWN}:7:22", "onbekend uitvoeringsprogramma 'od-up-2052'",
                      "bedoelde u 'od-up-2025'?")]


def test_old_single_uitvoerder_form_is_still_accepted(project):
    root = project(clean=True)  # the clean fixture: milieu with `uitvoerder: od-voorbeeld`
    assert not run_check(str(root)).has_errors


def test_region_page_shows_who_executes_what_and_the_adoption(project):
    from big8.render import render
    from big8.resources import Resources
    from big8.validate import load_schemas

    root = project(region_files(), clean=True)
    result = run_check(str(root))
    resources = Resources(str(root))
    pages = render(result.project, result.report, result.diagnostics, load_schemas(resources), resources).site_pages
    page = pages["regio/od-voorbeeld.md"]
    assert "| Gemeente Tweestad | Bouwen en ruimtelijke ordening | zelf | Omgevingsdienst Voorbeeld |" in page
    assert "| Gemeente Tweestad | vastgesteld | 5 december 2023 | college van burgemeester en wethouders |  |" in page
    assert "| Gemeente Voorbeeldstad | Milieu | 600 uur |" in page
    assert "[Omgevingsdienst Voorbeeld](od-voorbeeld.md)" in pages["regio/index.md"]


@pytest.mark.parametrize("file, old, new, wrong, message, hint", [
    ("policy/twente-vth-samenwerking-uitvoeringsplan-2023.yaml", "wie: [kring-gemeentesecretarissen]",
     "wie: [kring-gemeentesecretaris]", "kring-gemeentesecretaris",
     "verwijzing naar onbekend gremium of functie of deelnemer 'kring-gemeentesecretaris'",
     "bedoelde u 'kring-gemeentesecretarissen'?"),
    ("policy/odt-zelfevaluatie-2024.yaml", "onderdeel: odt-boa-cluster", "onderdeel: odt-boa-clusters",
     "odt-boa-clusters", "verwijzing naar onbekend onderdeel 'odt-boa-clusters' van Omgevingsdienst Twente",
     "bedoelde u 'odt-boa-cluster'?"),
    ("policy/odt-zelfevaluatie-2024.yaml", "uitgezonderd: [trede-2], bron", "uitgezonderd: [trede-7], bron",
     "trede-7", "verwijzing naar onbekend trede 'trede-7'", "bedoelde u 'trede-6'?"),
])
def test_references_inside_the_regions_documents(tmp_path, file, old, new, wrong, message, hint):
    """On a copy of the bundled documents; the location is computed from the
    text, so that the test keeps working as the content grows."""
    import shutil

    from conftest import REPO

    for folder in ("policy", "programmes"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    path = tmp_path / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    at = changed.index(new) + new.index(wrong)
    line = changed.count("\n", 0, at) + 1
    column = at - changed.rfind("\n", 0, at)
    found = [(d.code, str(d.location), d.message, d.hint) for d in run_check(str(tmp_path)).diagnostics
             if d.code == "B8-K06"]
    assert found == [("B8-K06", f"{file}:{line}:{column}", message, hint)]


# ---------------------------------------------------------------- the cooperation agenda

AGENDA = "policy/agenda.yaml"
AGENDA_TEXT = (FIXTURES / "agenda" / "agenda.yaml").read_text(encoding="utf-8")
AGENDA_CASES = {
    "B8-066": ([], [("B8-066", f"{AGENDA}:40:12", "bijdrage 'Bijdrage voor de kerngroep' klopt: 2 × 0,1 fte = 0,2 fte "
                     "dekt 0,1 + 0,1 fte; 2 × 12 × 1 = 24 dagen; 0,12 / 2 = 0,06 fte; 0,06 + 0,04 = 0,1 fte, afgerond "
                     "0,1 fte")]),
    "B8-067 dekking": (
        [("          fte: 0.1\n      bijdragers", "          fte: 0.2\n      bijdragers")],
        [("B8-066", f"{AGENDA}:40:12", "bijdrage 'Bijdrage voor de kerngroep' klopt: 2 × 12 × 1 = 24 dagen; 0,12 / 2 = "
          "0,06 fte; 0,06 + 0,04 = 0,1 fte, afgerond 0,1 fte"),
         ("B8-067", f"{AGENDA}:47:9", "bijdrage 'Bijdrage voor de kerngroep': 2 deelnemers × 0,1 fte = 0,2 fte, maar "
          "wat zij dekt is 0,3 fte")]),
    "B8-067 delen": (
        [("fte_per_deelnemer: 0.04", "fte_per_deelnemer: 0.14")],
        [("B8-066", f"{AGENDA}:40:12", "bijdrage 'Bijdrage voor de kerngroep' klopt: 2 × 0,1 fte = 0,2 fte dekt 0,1 + "
          "0,1 fte; 2 × 12 × 1 = 24 dagen; 0,12 / 2 = 0,06 fte"),
         ("B8-067", f"{AGENDA}:65:19", "bijdrage 'Bijdrage voor de kerngroep': de delen tellen op tot 0,2 fte per "
          "deelnemer, de bron noemt 0,1 fte")]),
    "B8-067 dagen": (
        [("dagen_per_jaar: 24", "dagen_per_jaar: 36")],
        [("B8-066", f"{AGENDA}:40:12", "bijdrage 'Bijdrage voor de kerngroep' klopt: 2 × 0,1 fte = 0,2 fte dekt 0,1 + "
          "0,1 fte; 0,12 / 2 = 0,06 fte; 0,06 + 0,04 = 0,1 fte, afgerond 0,1 fte"),
         ("B8-067", f"{AGENDA}:59:27", "bijdrage 'Bijdrage voor de kerngroep': 2 personen × 12 maanden × 1 dag = 24 "
          "dagen, de bron noemt 36")]),
    "B8-068": (
        [("        - {product: beleid, fase: opstellen, partij: omgevingsdienst, rol: lead, tekst: De dienst stelt op.}\n",
          "")],
        [("B8-066", f"{AGENDA}:40:12", "bijdrage 'Bijdrage voor de kerngroep' klopt: 2 × 0,1 fte = 0,2 fte dekt 0,1 + "
          "0,1 fte; 2 × 12 × 1 = 24 dagen; 0,12 / 2 = 0,06 fte; 0,06 + 0,04 = 0,1 fte, afgerond 0,1 fte"),
         ("B8-068", f"{AGENDA}:71:13", "rollen 'Beleidscyclus': geen partij genoemd voor Beleid: Opstellen")]),
    "B8-069": (
        [("partij: bevoegd-gezag, rol: stelt-vast", "partij: bevoegd-gezag, rol: lead"),
         ("        - {product: beleid, fase: opstellen,", "        - {product: beleid, fase: vaststellen, partij: "
          "omgevingsdienst, rol: lead, tekst: De dienst ook.}\n        - {product: beleid, fase: opstellen,")],
        [("B8-066", f"{AGENDA}:40:12", "bijdrage 'Bijdrage voor de kerngroep' klopt: 2 × 0,1 fte = 0,2 fte dekt 0,1 + "
          "0,1 fte; 2 × 12 × 1 = 24 dagen; 0,12 / 2 = 0,06 fte; 0,06 + 0,04 = 0,1 fte, afgerond 0,1 fte"),
         ("B8-069", f"{AGENDA}:76:76", "rollen 'Beleidscyclus': Beleid in fase Vaststellen of besluiten heeft twee "
          "partijen in de lead: Omgevingsdienst, Bevoegd gezag")]),
}


@pytest.mark.parametrize("case", sorted(AGENDA_CASES))
def test_agenda_rule_is_triggered_exactly(project, case):
    replacements, expected = AGENDA_CASES[case]
    text = AGENDA_TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    root = project({AGENDA: text}, clean=True)
    found = sorted((d.code, str(d.location), d.message) for d in run_check(str(root)).diagnostics
                   if d.code in ("B8-066", "B8-067", "B8-068", "B8-069"))
    assert found == sorted(expected)
