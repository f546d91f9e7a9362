"""The bundled content: valid, and complete as the seed documents give it."""

from __future__ import annotations

import pytest

from big8.pipeline import run_check
from conftest import REPO


@pytest.fixture(scope="module")
def result():
    return run_check(str(REPO))


def doc(result, document_id):
    return result.project.policies.get(document_id) or result.project.programmes[document_id]


def test_bundled_content_is_valid(result):
    assert not result.has_errors, [d.format() for d in result.diagnostics if d.severity == "fout"]
    assert result.files and all(f.startswith(("policy/", "programmes/")) for f in result.files)


def test_enschede_has_all_six_focuspunten_with_their_hoofddoel(result):
    data = doc(result, "enschede-bvth-2023").data
    titles = [f["titel"] for f in data["focuspunten"]]
    assert len(titles) == 6
    assert [t.split(";")[0].lower() for t in titles] == ["veiligheid", "ondermijning", "duurzaamheid", "gezondheid",
                                                         "klimaat", "strijdigheden ruimtelijke ordening"]
    linked = {h["focuspunt"] for h in data["doelen"]["hoofddoelen"] if h.get("soort") == "focuspunt"}
    assert linked == {f["id"] for f in data["focuspunten"]}
    assert set(data["strategieen"]) >= {"preventie", "bestemmen", "vergunningen", "toezicht", "sanctie", "gedogen"}


def test_losser_quality_goals_and_strategies(result):
    data = doc(result, "losser-vth-2025-2028").data
    # Bijlage 2 has ten indicator rows; the first has no beleidsdoel of its own.
    indicators = [i.data for i in result.project.index(doc(result, "losser-vth-2025-2028")).all("indicator")]
    texts = {i.get("streefwaarde_tekst") for i in indicators}
    assert {"Minstens 95%", "Maximaal 33,3%", "0%", "Minstens 25%", "Maximaal 5%", "Minstens 85%",
            "Minstens 90%", "100%"} <= texts
    assert len(indicators) == 10
    assert len(data["strategieen"]["vergunningen"]["vergunningtypen"]) == 4
    assert len(data["strategieen"]["toezicht"]["vormen"]) == 9


def test_oldenzaal_capacity_and_hours_as_written(result):
    data = doc(result, "oldenzaal-up-2023").data
    capacity = data["capaciteit"]
    assert capacity["productieve_uren_per_fte"] == 1550
    formations = {f["titel"]: ([line["fte"] for line in f["regels"]], f["totaal_fte"]) for f in capacity["formaties"]}
    assert formations["Formatie vergunningverlening 2023"] == ([1.66, 4.40, 1.50], 7.56)
    assert formations["Formatie Toezicht en Handhaving 2023"] == ([6.6, 3.0, 1.6], 11.2)
    assert [j["totaal_uren"] for j in capacity["juridische_capaciteit"]] == [2700, 2650]
    totals = [t.get("totaal_uren") for t in data["urentabellen"]]
    assert totals == [6820, 2573, 4650, None, 2480, 10013]
    profile = data["toezichtprofielen"][0]
    assert len(profile["categorieen"]) == 42
    assert len(data["verbeterpunten"]) == 6


def test_oldenzaal_findings_are_reported_not_hidden(result):
    messages = [d.message for d in result.diagnostics if d.code == "B8-020"]
    assert any("opgegeven totaal 4.460 uur, som van de regels 6.010 uur" in m for m in messages)
    assert any("opgegeven totaal 2.573 uur, som van de regels 2.563 uur" in m for m in messages)
    balance = [d.message for d in result.diagnostics if d.code == "B8-010"]
    assert any("APV en bijzondere wetten: beschikbaar 10.230 uur (6,6 fte × 1.550), gepland 10.013 uur: "
               "overschot 217 uur (2,1%)" in m for m in balance)
