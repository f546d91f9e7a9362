"""The other half of the cycle: new reports to fill in, next year's
programme from this year's (comments and layout kept), reports as published
documents, and the time series on the site. The fictitious example project
in voorbeelden/voorbeeldrecht/ runs the whole cycle once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from big8.build import run_build
from big8.cli import main
from big8.pipeline import run_check
from conftest import FIXTURES, REPO, render_project

REPORTS = FIXTURES / "rapportages"
EXAMPLE = REPO / "voorbeelden" / "voorbeeldrecht"
GOLDEN = REPO / "tests" / "golden" / "voorbeeldrecht"
OLDENZAAL = "programmes/oldenzaal-uitvoeringsprogramma-2023.yaml"


def errors(root: Path) -> list[str]:
    return [d.format() for d in run_check(str(root)).diagnostics if d.severity == "fout"]


def plain_data(path: Path):
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- next year's programme

@pytest.fixture
def bundled_copy(tmp_path) -> Path:
    for folder in ("policy", "programmes", "schemas"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def test_next_programme_keeps_every_comment_and_value(bundled_copy, capsys):
    original = (bundled_copy / OLDENZAAL).read_bytes()
    assert main(["-C", str(bundled_copy), "nieuw", "programma", "--van", "oldenzaal-up-2023", "--jaar", "2024"]) == 0
    assert "geschreven: programmes/oldenzaal-uitvoeringsprogramma-2024.yaml" in capsys.readouterr().out
    assert (bundled_copy / OLDENZAAL).read_bytes() == original
    new_path = bundled_copy / "programmes" / "oldenzaal-uitvoeringsprogramma-2024.yaml"
    old_text, new_text = original.decode("utf-8"), new_path.read_text(encoding="utf-8")
    # Every comment of the source comes along, in order (the year in them is the author's to change).
    old_comments = [line.strip() for line in old_text.splitlines() if line.strip().startswith("#")]
    new_comments = [line.strip() for line in new_text.splitlines() if line.strip().startswith("#")]
    assert new_comments[2:] == old_comments
    assert len([c for c in new_comments if "bron" in c.lower()]) == len([c for c in old_comments if "bron" in c.lower()])
    old, new = plain_data(bundled_copy / OLDENZAAL), plain_data(new_path)
    assert (new["id"], new["jaar"], new["status"], "vaststelling" in new) == ("oldenzaal-up-2024", 2024, "concept", False)
    for key in set(old) - {"id", "jaar", "status", "vaststelling", "titel", "citeertitel"}:
        assert _without_titles(new[key]) == _without_titles(old[key]), key
    assert new["titel"] == old["titel"].replace("2023", "2024")
    assert errors(bundled_copy) == []


def _without_titles(value):
    if isinstance(value, dict):
        return {k: _without_titles(v) for k, v in value.items() if k != "titel"}
    if isinstance(value, list):
        return [_without_titles(v) for v in value]
    return value


def test_next_programme_keeps_quoting_and_key_order(project):
    programme = ("# yaml-language-server: $schema=../big8.schema.json\n# Mijn programma.\n"
                 + (FIXTURES / "projecten/schoon/programmes/programma.yaml").read_text(encoding="utf-8")
                 .replace("titel: Uitvoeringsprogramma VTH 2025 Voorbeeldstad",
                          "titel: 'Uitvoeringsprogramma VTH 2025 Voorbeeldstad'  # zoals vastgesteld"))
    root = project({"programmes/programma.yaml": programme}, clean=True)
    assert main(["-C", str(root), "nieuw", "programma", "--van", "vb-up-2025", "--jaar", "2026"]) == 0
    new = (root / "programmes" / "vb-up-2026.yaml").read_text(encoding="utf-8").splitlines()
    assert new[0] == "# yaml-language-server: $schema=../big8.schema.json"
    assert new[1].startswith("# Uitvoeringsprogramma 2026, gemaakt met 'big8 nieuw programma' uit 'vb-up-2025'.")
    assert "titel: 'Uitvoeringsprogramma VTH 2026 Voorbeeldstad'  # zoals vastgesteld" in new
    keys = [line.split(":")[0] for line in new if re.match(r"[a-z_]+:", line)]
    old_keys = [line.split(":")[0] for line in programme.splitlines() if re.match(r"[a-z_]+:", line)]
    assert keys == [k for k in old_keys if k != "vaststelling"]


def test_next_programme_carries_the_jaarverslag_as_comments(project):
    files = {f"programmes/{p.name}": p.read_text(encoding="utf-8") for p in REPORTS.glob("*.yaml")}
    root = project(files, clean=True)
    assert main(["-C", str(root), "nieuw", "programma", "--van", "vb-up-2025", "--jaar", "2026"]) == 0
    text = (root / "programmes" / "vb-up-2026.yaml").read_text(encoding="utf-8")
    assert re.search(r"uren: 2000 +# jaarverslag 2025-12-31: gerealiseerd 2050 uur\n", text)
    assert "# aanbeveling uit het jaarverslag 2025-12-31 (strategie): Houd de toezichtstrategie zoals zij is.\nurentabellen:" in text
    assert errors(root) == []


def test_next_programme_refuses_an_existing_id(project, capsys):
    root = project(clean=True)
    assert main(["-C", str(root), "nieuw", "programma", "--van", "vb-up-2025", "--jaar", "2025"]) == 2
    assert "big8: fout: er is al een document met id 'vb-up-2025'" in capsys.readouterr().err


# ---------------------------------------------------------------- new reports

@pytest.mark.parametrize("arguments, name", [
    (["monitoring", "--programma", "vb-up-2025", "--periode", "najaar"], "programma-najaar.yaml"),
    (["jaarverslag", "--programma", "vb-up-2025"], "programma-jaarverslag.yaml"),
])
def test_a_new_report_lists_everything_to_fill_in_and_passes_the_check(project, arguments, name):
    root = project(clean=True)
    assert main(["-C", str(root), "nieuw", *arguments]) == 0
    text = (root / "programmes" / name).read_text(encoding="utf-8")
    for line_id in ("r-brandveilig", "r-leges", "r-vergunningen"):
        assert f"  - urenregel: {line_id}  #" in text
    assert "gepland: 2000 uur" in text  # as typed in YAML: "2.000" would read as two
    assert errors(root) == []
    unfilled = [d.message for d in run_check(str(root)).diagnostics if d.code == "B8-054"]
    assert unfilled == ["indicator 'Aandeel vergunningen binnen de termijn' heeft geen gerealiseerde waarde"]


def test_an_unknown_period_is_a_usage_error(project, capsys):
    root = project(clean=True)
    assert main(["-C", str(root), "nieuw", "monitoring", "--programma", "vb-up-2025", "--periode", "zomer"]) == 2
    assert "onbekende periode 'zomer'" in capsys.readouterr().err


# ---------------------------------------------------------------- reports as documents

@pytest.fixture(scope="module")
def example():
    return render_project(EXAMPLE)


def test_the_example_project_runs_the_whole_cycle():
    result = run_check(str(EXAMPLE))
    assert not result.has_errors
    kinds = sorted(d.kind for d in result.project.documents if d.kind != "organisaties")
    assert kinds == ["beleid", "jaarverslag", "monitoring", "monitoring", "uitvoeringsprogramma", "uitvoeringsprogramma"]


@pytest.mark.parametrize("document_id", ["voorbeeldrecht-up-2024-najaar", "voorbeeldrecht-up-2024-jaarverslag"])
def test_report_markdown_golden(example, document_id, update_golden):
    rendered = next(d for d in example.documents if d.meta.slug == document_id)
    golden = GOLDEN / f"{document_id}.md"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered.markdown, encoding="utf-8")
    assert rendered.markdown == golden.read_text(encoding="utf-8"), (
        f"{golden.name} wijkt af; bekijk het verschil en draai zo nodig pytest --update-golden")


def test_reports_have_figures_and_are_marked_fictitious(example):
    report = next(d for d in example.documents if d.meta.slug == "voorbeeldrecht-up-2024-jaarverslag")
    assert sorted(report.figures) == ["figuren/doelen.svg", "figuren/uren.svg"]
    assert report.meta.fictief
    assert all(page.startswith("---\nfictief: true\n") for path, page in example.site_pages.items()
               if path.endswith(".md"))


def test_goal_pages_show_the_measured_values_over_time(example):
    page = example.site_pages["doelen/voorbeeldrecht-vth-2024-2027/bd-tijdig-beslissen.md"]
    assert "| 31 december 2024 | [Jaarverslag 2024](../../voorbeeldrecht/voorbeeldrecht-up-2024-jaarverslag/index.md)" in page
    assert "![Gemeten waarden van " in page
    assert "doelen/voorbeeldrecht-vth-2024-2027/figuren/ind-tijdig-beslissen.svg" in example.site_figures


def test_documents_follow_the_cycle(example):
    order = [d.meta.slug for d in example.documents]
    assert order == ["voorbeeldrecht-vth-2024-2027", "voorbeeldrecht-up-2024", "voorbeeldrecht-up-2024-voorjaar",
                     "voorbeeldrecht-up-2024-najaar", "voorbeeldrecht-up-2024-jaarverslag", "voorbeeldrecht-up-2025",
                     "ibt-voorbeeldrecht-2024", "ibt-voorbeeldrecht-2025"]


def test_a_report_builds_to_word_pdf_and_site(project):
    files = {f"programmes/{p.name}": p.read_text(encoding="utf-8") for p in REPORTS.glob("*.yaml")}
    root = project(files, clean=True)
    assert run_build(str(root), "build", quiet=True) == 0
    for path in ("word/vb-jv-2025.docx", "pdf/vb-jv-2025.pdf", "site/voorbeeldstad/vb-jv-2025/index.html",
                 "pdf/vb-najaar-2025.pdf"):
        assert (root / "build" / path).is_file(), path


def test_check_paths_are_relative_to_the_project_folder(capsys):
    assert main(["-C", str(EXAMPLE), "check", "--geen-info", "policy/organisaties.yaml"]) == 0
    assert "1 bestand gecontroleerd" in capsys.readouterr().out
