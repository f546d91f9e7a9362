"""The province's view (IBT): the catalogue of legal requirements, one rule
per requirement with its exact message and location, the author's pointers
to passages, timeliness and currency, the IBT report, and the outcome on the
bundled documents.

The clean fixture meets every requirement; these tests take its pointers
away (or change a date) to make the rules fire. The findings of the
stripped fixture are golden files (tests/golden/ibt/); rewrite them after an
intended change with `pytest tests/test_ibt.py --update-golden`."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from big8.checks import RULES
from big8.checks.ibt import COVERED_BY, catalogue, has_own_rule, not_checkable, toets_of
from big8.cli import main
from big8.pipeline import run_check
from conftest import REPO, clean_text

GOLDEN = REPO / "tests" / "golden" / "ibt"
POLICY = "policy/beleid.yaml"
PROGRAMME = "programmes/programma.yaml"
ORGS = "policy/organisaties.yaml"
LOSSER = "policy/losser-vth-beleid-2025-2028.yaml"


def without_pointers(text: str) -> str:
    return text[:text.index("# Het schone testproject vervult")] if "# Het schone testproject" in text else \
        text[:text.index("# Zie policy/beleid.yaml")]


def ibt_findings(root) -> list[str]:
    return sorted(f"{d.code} {d.location} {d.message}" for d in run_check(str(root)).diagnostics
                  if re.fullmatch(r"B8-(1\d\d|2\d\d|07\d)", d.code))


VARIANTS = {
    # Omgevingsbesluit (2025), Voorbeeldstad executes milieu itself: the ippc requirements apply.
    "ob": lambda: {POLICY: without_pointers(clean_text(POLICY)), PROGRAMME: without_pointers(clean_text(PROGRAMME)),
                   ORGS: clean_text(ORGS).replace("        uitvoerder: od-voorbeeld\n", "")},
    # Besluit omgevingsrecht (2023), milieu at the omgevingsdienst.
    "bor": lambda: {POLICY: without_pointers(clean_text(POLICY)).replace("van: 2024", "van: 2022")
                    .replace("datum: 2023-12-12", "datum: 2021-12-14"),
                    PROGRAMME: without_pointers(clean_text(PROGRAMME)).replace("jaar: 2025", "jaar: 2023")
                    .replace("2025", "2023"),
                    "programmes/jaarverslag.yaml": (REPO / "tests/fixtures/rapportages/jaarverslag.yaml")
                    .read_text(encoding="utf-8").replace("2025", "2023")},
    # A draft policy without goals or strategies, and no programme yet.
    "kaal": lambda: {POLICY: _bare(clean_text(POLICY)), PROGRAMME: None},
    "kaal-bor": lambda: {POLICY: _bare(clean_text(POLICY)).replace("van: 2024", "van: 2022"), PROGRAMME: None},
}


def _bare(policy: str) -> str:
    head = policy.split("doelen:\n")[0].replace("status: vastgesteld", "status: concept")
    return re.sub(r"vaststelling:\n(  .*\n)+", "", head)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_ibt_findings_golden(project, variant, update_golden):
    files = VARIANTS[variant]()
    root = project({path: text for path, text in files.items() if text is not None}, clean=True)
    for path in (path for path, text in files.items() if text is None):
        (root / path).unlink()
    found = "\n".join(ibt_findings(root)) + "\n"
    golden = GOLDEN / f"{variant}.txt"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(found, encoding="utf-8")
    assert found == golden.read_text(encoding="utf-8"), f"{golden.name} wijkt af; draai zo nodig --update-golden"


def test_the_clean_fixture_meets_every_requirement(project):
    root = project(clean=True)
    assert ibt_findings(root) == []
    entry = run_check(str(root)).report["ibt"][0]
    assert (entry["organisatie"], entry["jaar"], entry["regime"], entry["kleur"]) == (
        "voorbeeldstad", 2025, "omgevingsbesluit", "groen")


def test_every_requirement_has_a_rule_a_covering_rule_or_a_reason():
    rows = catalogue()
    assert len(rows) == 80 and len({r["code"] for r in rows}) == 80
    for row in rows:
        if has_own_rule(row):
            assert row["code"] in RULES, row["id"]
        elif row["id"] in COVERED_BY:
            assert all(code in RULES for code in COVERED_BY[row["id"]]), row["id"]
        else:
            assert toets_of(row)[0] is not_checkable and row["toetsbaar"] == "nee" and row["hoe"], row["id"]


def test_every_requirement_rule_has_an_exact_case():
    goldens = "".join((GOLDEN / f"{name}.txt").read_text(encoding="utf-8") for name in VARIANTS)
    fired = set(re.findall(r"^(B8-\d\d\d) ", goldens, flags=re.M)) | set(EXTRA_CASES)
    own = {row["code"] for row in catalogue() if has_own_rule(row)}
    assert own - fired == set()


EXTRA_CASES = {
    # Art. 13.5 lid 2: Voorbeeldstad leaves milieu to a service, and no text says it adopted the uniform strategy.
    "B8-102": ({POLICY: without_pointers(clean_text(POLICY))},
               f"B8-102 {POLICY}:2:8 art. 13.5, tweede lid, Omgevingsbesluit: alle deelnemers van een omgevingsdienst "
               "stellen samen één uniforme strategie vast voor de taken van de omgevingsdienst (basistaken) — het beleid "
               "zegt niet dat de organisatie de uniforme strategie van Omgevingsdienst Voorbeeld vaststelde"),
}


@pytest.mark.parametrize("code", sorted(EXTRA_CASES))
def test_requirement_rule_case(project, code):
    files, expected = EXTRA_CASES[code]
    assert expected in ibt_findings(project(files, clean=True))


def test_a_pointer_meets_the_requirement_and_shows_the_passage(project):
    stripped = without_pointers(clean_text(POLICY))
    root = project({POLICY: stripped + "wettelijke_eisen:\n  - {eis: ob-13.6-2-e, zie: [st-afspraken]}\n"}, clean=True)
    result = run_check(str(root))
    assert not any("13.6, tweede lid, onder e" in d.message for d in result.diagnostics)
    row = next(r for r in result.report["ibt"][0]["eisen"] if r["eis"] == "ob-13.6-2-e")
    assert (row["uitkomst"], row["toelichting"], row["bewijs"]) == (
        "voldaan", "de aangewezen passage vervult de eis",
        [{"document": "vb-beleid", "pad": ("strategieen", "overig", 0), "tekst": "Afspraken"}])


def test_a_pointer_by_path_shows_the_field_title_not_the_path(project):
    # strategieen is a part shared between kinds, described under definities.yaml.
    stripped = without_pointers(clean_text(POLICY))
    root = project({POLICY: stripped + "wettelijke_eisen:\n  - {eis: ob-13.6-2-b, zie: [strategieen.toezicht]}\n"},
                   clean=True)
    row = next(r for r in run_check(str(root)).report["ibt"][0]["eisen"] if r["eis"] == "ob-13.6-2-b")
    assert row["bewijs"] == [{"document": "vb-beleid", "pad": ("strategieen", "toezicht"), "tekst": "Toezichtstrategie"}]


def test_a_bor_pointer_also_meets_its_omgevingsbesluit_counterpart(project):
    stripped = without_pointers(clean_text(POLICY))
    root = project({POLICY: stripped + "wettelijke_eisen:\n  - {eis: bor-7.2-7-e, zie: [st-afspraken]}\n"}, clean=True)
    assert not any("13.6, tweede lid, onder e" in f for f in ibt_findings(root))


@pytest.mark.parametrize("pointer, expected", [
    ("{eis: ob-13.6-2-f, zie: [st-afspraken]}",
     ("B8-K08", f"{POLICY}:74:11", "onbekende wettelijke eis 'ob-13.6-2-f'", "bedoelde u 'ob-13.6-2-e'?")),
    ("{eis: ob-13.6-2-e, zie: [st-afspraak]}",
     ("B8-K09", f"{POLICY}:74:30", "art. 13.6, tweede lid, onder e, Omgevingsbesluit: de aangewezen passage "
      "'st-afspraak' staat niet in dit document", "bedoelde u 'st-afspraken'?")),
])
def test_pointer_errors_are_located(project, pointer, expected):
    stripped = without_pointers(clean_text(POLICY))
    root = project({POLICY: stripped + f"wettelijke_eisen:\n  - {pointer}\n"}, clean=True)
    found = [(d.code, str(d.location), d.message, d.hint) for d in run_check(str(root)).diagnostics
             if d.code in ("B8-K08", "B8-K09")]
    assert found == [expected]


# ---------------------------------------------------------------- the bundled documents

@pytest.fixture
def losser_copy(tmp_path):
    for folder in ("policy", "programmes"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def test_deleting_the_rule_for_government_violations_names_13_6_2_e(losser_copy):
    path = losser_copy / LOSSER
    text = path.read_text(encoding="utf-8")
    section = re.search(r"\n    - id: st-eigen-organisatie\n(?:      .*\n|\n)*", text)
    assert section is not None
    pointer = re.search(r"  # art\. 13\.6, tweede lid, onder e, Omgevingsbesluit\n(?:  #.*\n)*"
                        r"  - eis: ob-13\.6-2-e\n    zie: \[st-eigen-organisatie\]\n    oordeel: deels\n", text)
    assert pointer is not None
    # The passage alone: the pointer now points nowhere, an error that names the requirement.
    path.write_text(text.replace(section.group(0), "\n"), encoding="utf-8")
    dangling = [d for d in run_check(str(losser_copy)).diagnostics if d.code == "B8-K09"]
    assert [d.message for d in dangling] == ["art. 13.6, tweede lid, onder e, Omgevingsbesluit: de aangewezen passage "
                                             "'st-eigen-organisatie' staat niet in dit document"]
    assert dangling[0].location.file == LOSSER and dangling[0].location.line > 0
    # Passage and pointer: the requirement is not met, located at the sanction strategy.
    stripped = text.replace(section.group(0), "\n").replace(pointer.group(0), "")
    path.write_text(stripped, encoding="utf-8")
    sanction_line = stripped.splitlines().index("  sanctie:") + 1
    found = [(str(d.location), d.message) for d in run_check(str(losser_copy)).diagnostics if d.code == "B8-113"]
    assert found == [(f"{LOSSER}:{sanction_line + 1}:5", "art. 13.6, tweede lid, onder e, Omgevingsbesluit: de "
                      "handhavingsstrategie beschrijft hoe wordt opgetreden tegen overtredingen door de eigen of een "
                      "andere overheid — geen passage aangewezen die dit regelt")]


def test_ibt_report_for_every_bundled_organisation_in_json(capsys):
    assert main(["-C", str(REPO), "check", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    judged = {(e["organisatie"], e["jaar"], e["regime"]) for e in data["rapport"]["ibt"]}
    assert {("enschede", 2023, "bor"), ("losser", 2025, "omgevingsbesluit"), ("oldenzaal", 2023, "bor")} <= judged
    oldenzaal = next(e for e in data["rapport"]["ibt"] if e["organisatie"] == "oldenzaal")
    assert oldenzaal["programma"] == "oldenzaal-up-2023" and oldenzaal["beleid"] == "oldenzaal-vth-2018"


def test_oldenzaal_policy_is_not_current():
    found = [(d.code, d.message) for d in run_check(str(REPO)).diagnostics if d.code == "B8-071"]
    assert found == [("B8-071", "het beleid dat dit programma uitvoert is van 2018, meer dan 4 jaar voor 2023")]


# ---------------------------------------------------------------- timeliness

def test_programme_adopted_after_the_year_began(project):
    programme = clean_text(PROGRAMME).replace("status: vastgesteld\n", "status: vastgesteld\nvaststelling:\n"
                                              "  door: college van burgemeester en wethouders\n  datum: 2025-02-11\n", 1)
    root = project({PROGRAMME: programme}, clean=True)
    assert ibt_findings(root) == [f"B8-070 {PROGRAMME}:11:10 uitvoeringsprogramma 2025 vastgesteld op 11 februari 2025, "
                                  "na 31 december 2024"]
    (root / "big8.yaml").write_text('ibt:\n  uitvoeringsprogramma_uiterlijk: "03-01"\n', encoding="utf-8")
    assert ibt_findings(root) == []


def test_jaarverslag_deadline_and_policy_term_are_configurable(project):
    report = (REPO / "tests/fixtures/rapportages/jaarverslag.yaml").read_text(encoding="utf-8").replace(
        "status: vastgesteld\n", "status: vastgesteld\nvaststelling:\n  datum: 2026-09-15\n", 1)
    root = project({"programmes/jaarverslag.yaml": report,
                    "big8.yaml": 'ibt:\n  jaarverslag_uiterlijk: "07-01"\n  beleid_actueel_jaren: 1\n'}, clean=True)
    assert ibt_findings(root) == [
        f"B8-071 {PROGRAMME}:6:9 het beleid dat dit programma uitvoert is van 2023, meer dan 1 jaar voor 2025",
        "B8-072 programmes/jaarverslag.yaml:9:10 jaarverslag over 2025 vastgesteld op 15 september 2026, na 1 juli 2026"]


@pytest.mark.parametrize("settings, expected", [
    ('ibt:\n  programma_uiterlijk: "03-01"\n', ("B8-C04", "big8.yaml:2:3",
                                               "onbekende instelling 'programma_uiterlijk' onder ibt in big8.yaml")),
    ('ibt:\n  uitvoeringsprogramma_uiterlijk: "31-12"\n',
     ("B8-C01", "big8.yaml:2:35", "'uitvoeringsprogramma_uiterlijk' moet een dag van het jaar zijn als \"MM-DD\"")),
    ("ibt:\n  beleid_actueel_jaren: 0\n",
     ("B8-C01", "big8.yaml:2:25", "'beleid_actueel_jaren' moet een geheel getal van 1 tot 20 zijn")),
])
def test_ibt_settings_are_validated(project, settings, expected):
    root = project({"big8.yaml": settings}, clean=True)
    found = [(d.code, str(d.location), d.message) for d in run_check(str(root)).diagnostics if d.code.startswith("B8-C")]
    assert found == [expected]


# ---------------------------------------------------------------- publication

def test_ibt_report_is_a_document_and_the_site_has_the_overview(project):
    from big8.render import render
    from big8.resources import Resources
    from big8.validate import load_schemas

    root = project(VARIANTS["ob"](), clean=True)
    result = run_check(str(root))
    resources = Resources(str(root))
    rendered = render(result.project, result.report, result.diagnostics, load_schemas(resources), resources)
    document = next(d for d in rendered.documents if d.meta.slug == "ibt-voorbeeldstad-2025")
    assert document.meta.titel == "IBT-rapport 2025 Gemeente Voorbeeldstad"
    # Most requirements judged are not met once the pointers are gone.
    assert "Beeld: **rood**: meer dan de helft van de eisen die te beoordelen zijn, is niet vervuld." \
        in document.markdown
    assert "| art. 13.6, tweede lid, onder e, Omgevingsbesluit: De handhavingsstrategie beschrijft hoe wordt " \
           "opgetreden tegen overtredingen door de eigen of een andere overheid. | **niet voldaan** |" in document.markdown
    overview = rendered.site_pages["ibt/index.md"]
    assert "[Gemeente Voorbeeldstad 2025](../voorbeeldstad/ibt-voorbeeldstad-2025/index.md)" in overview
