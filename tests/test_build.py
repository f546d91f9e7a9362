"""`big8 build`: refuses content with errors, is byte-identical on rebuild,
atomic on failure, and publishes Word, PDF and site for every document."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from big8 import build as build_module
from big8.build import run_build
from big8.outputs import OutputError
from conftest import REPO, variant


def buildable(project, files=None):
    root = project(files, clean=True)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The clean fixture built twice, into two output folders, from scratch."""
    from conftest import new_project

    root = new_project(tmp_path_factory.mktemp("bouw") / "p", clean=True)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    assert run_build(str(root), "build", quiet=True) == 0
    assert run_build(str(root), "build2", quiet=True) == 0
    return root


def test_build_publishes_every_document(built):
    files = tree(built / "build")
    for name in ("word/vb-beleid.docx", "word/vb-up-2025.docx", "pdf/vb-beleid.pdf", "pdf/vb-up-2025.pdf",
                 "site/index.html", "site/voorbeeldstad/vb-up-2025/index.html", "site/controle/index.html",
                 "site/focuspunten/vb-beleid/fp-veiligheid.html", "site/downloads/vb-up-2025.pdf",
                 "controle.json", "bron/documenten/vb-up-2025/vb-up-2025.md"):
        assert name in files, name


def test_two_builds_are_byte_identical(built):
    assert tree(built / "build") == tree(built / "build2")


def test_rebuild_with_nothing_changed_stops_at_once(built, capsys):
    before = tree(built / "build")
    assert run_build(str(built), "build", quiet=False) == 0
    err = capsys.readouterr().err
    assert err.startswith("big8: build/ is al actueel: geen bron, sjabloon of instelling is veranderd")
    assert "bevindingen per document" in err  # the summary of the build it stands for
    assert tree(built / "build") == before


def test_rebuild_after_a_comment_reuses_every_output(built, capsys):
    before = tree(built / "build")
    with open(built / "policy" / "beleid.yaml", "a", encoding="utf-8") as handle:
        handle.write("# Een opmerking verandert geen uitvoer.\n")
    assert run_build(str(built), "build", quiet=False) == 0
    outputs = len([f for f in before if f.startswith(("word/", "pdf/"))]) + 1  # and the site
    assert f"({outputs} bestanden ongewijzigd hergebruikt)" in capsys.readouterr().err
    after = tree(built / "build")
    assert {k: v for k, v in after.items() if k != ".big8-manifest.json"} == {
        k: v for k, v in before.items() if k != ".big8-manifest.json"}


def rebuilt_after(project, change):
    """Build the clean fixture, change its programme's text, build again:
    the project, its site and the HTML pages the rebuild wrote."""
    root = buildable(project)
    assert run_build(str(root), "build", quiet=True) == 0
    site = root / "build" / "site"
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    programme = root / "programmes" / "programma.yaml"
    programme.write_text(change(programme.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_build(str(root), "build", quiet=True) == 0
    rewritten = [p.relative_to(site) for p, mtime in pages.items() if p.stat().st_mtime_ns != mtime]
    # Whatever was rebuilt, the site is the one a whole build makes, search index included.
    assert run_build(str(root), "geheel", quiet=True) == 0
    assert tree(site) == tree(root / "geheel" / "site")
    return site, pages, rewritten


def test_site_rebuild_redoes_only_changed_pages_and_equals_a_whole_build(project):
    site, pages, rewritten = rebuilt_after(
        project, lambda text: text.replace("Een fictieve paragraaf die", "Een andere fictieve paragraaf die"))
    # Pages whose source did not change were not written again.
    assert rewritten and len(rewritten) < len(pages) / 2, rewritten
    assert "Een andere fictieve paragraaf" in "".join((site / p).read_text(encoding="utf-8") for p in rewritten)


def test_site_is_built_whole_when_a_title_changes(project):
    def retitle(text):
        title = next(line for line in text.splitlines() if line.startswith("titel:"))
        return text.replace(title, title + " (herzien)")

    _, pages, rewritten = rebuilt_after(project, retitle)
    # Every page's navigation names the programme: all were written again.
    assert len(rewritten) == len(pages)


def test_content_with_errors_is_not_published(project, capsys):
    root = buildable(project, variant("policy/beleid.yaml", ("status: vastgesteld", "status: vastgestled")))
    assert run_build(str(root), "build", quiet=True) == 1
    err = capsys.readouterr().err
    assert "er is niets gepubliceerd" in err and "[B8-S06]" in err
    assert not (root / "build").exists()


def test_failed_build_leaves_previous_build_untouched(built, monkeypatch, capsys):
    before = tree(built / "build")
    with open(built / "policy" / "beleid.yaml", "a", encoding="utf-8") as handle:
        handle.write("# Een wijziging, zodat de build niet al actueel is.\n")

    def broken(*args, **kwargs):
        raise OutputError("typst kon de PDF niet maken (test)")

    monkeypatch.setattr(build_module, "_reuse", lambda *args: False)
    monkeypatch.setattr("big8.outputs.pdf.write_pdf", broken)
    assert run_build(str(built), "build", quiet=True) == 1
    assert "build mislukt: typst kon de PDF niet maken (test)" in capsys.readouterr().err
    assert tree(built / "build") == before
    assert not list(built.glob(".build-nieuw-*"))


def test_only_option_limits_outputs(project):
    root = buildable(project)
    assert run_build(str(root), "build", quiet=True, only=["word"]) == 0
    assert (root / "build" / "word" / "vb-beleid.docx").exists()
    assert not (root / "build" / "pdf").exists() and not (root / "build" / "site").exists()


def test_site_alone_links_to_no_missing_download(project):
    root = buildable(project)
    assert run_build(str(root), "build", quiet=True, only=["site"]) == 0
    page = (root / "build" / "site" / "voorbeeldstad" / "vb-beleid" / "index.html").read_text(encoding="utf-8")
    assert "downloads/" not in page
