"""Risk = kans x effect; the class is computed, never typed (fictitious rows)."""

from __future__ import annotations

import pytest
from test_render import render_project

from big8.risk import risk_class
from conftest import variant


@pytest.mark.parametrize("kans, effect, expected", [
    (1, 1, (1, "zeer klein risico")), (1, 3, (1, "zeer klein risico")), (2, 2, (2, "klein risico")),
    (2, 3, (2, "klein risico")), (2, 4, (3, "mogelijk risico")), (3, 3, (3, "mogelijk risico")),
    (2, 5, (3, "mogelijk risico")), (3, 4, (4, "groot risico")), (3, 5, (4, "groot risico")),
    (4, 4, (5, "zeer groot risico")), (5, 5, (5, "zeer groot risico")),
])
def test_risk_class_follows_from_kans_times_effect(kans, effect, expected):
    assert risk_class(kans, effect) == expected


def test_risk_rows_are_published_with_their_computed_class(project):
    rows = ("analyses:\n  risicoanalyse:\n    rijen:\n"
            "      - id: r-logies\n        taakveld: brandveilig-gebruik\n        activiteit: Logiesgebouw (fictief)\n"
            "        kans: 4\n        effect: 5\n"
            "      - id: r-kapper\n        taakveld: bouwen\n        activiteit: Kapperszaak (fictief)\n"
            "        kans: 1\n        effect: 2\n"
            "focuspunten:")
    rendered = render_project(project(variant("policy/beleid.yaml", ("focuspunten:", rows)), clean=True))
    policy = next(d for d in rendered.documents if d.meta.slug == "vb-beleid")
    assert "| Brandveilig gebruik | Logiesgebouw (fictief) | 4 | 5 | 20 | zeer groot risico |" in policy.markdown
    assert "| Bouwen | Kapperszaak (fictief) | 1 | 2 | 2 | zeer klein risico |" in policy.markdown
    matrix = policy.figures["figuren/risicomatrix.svg"]
    assert "2 activiteiten ingedeeld" in matrix and ">1×<" in matrix


def test_typed_risk_class_is_refused(project):
    from big8.pipeline import run_check

    rows = ("analyses:\n  risicoanalyse:\n    rijen:\n      - id: r-x\n        taakveld: bouwen\n"
            "        activiteit: X\n        kans: 6\n        effect: 2\n        risicoklasse: groot\nfocuspunten:")
    result = run_check(str(project(variant("policy/beleid.yaml", ("focuspunten:", rows)), clean=True)))
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("B8-S08", "'kans' moet hoogstens 5 zijn, maar is 6"), ("B8-S03", "onbekende sleutel 'risicoklasse'")]
