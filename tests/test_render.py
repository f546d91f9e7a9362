"""Rendered Markdown: golden files, escaping of hostile text, and the site
pages. Rewrite the golden files after an intended change with
`pytest tests/test_render.py --update-golden` and review the diff.

A golden file exists for each document that has one under tests/golden/;
a document added to the content needs none (content may grow without
editing tests), and `--update-golden` writes one for every document."""

from __future__ import annotations

import pytest

from big8.render import markdown_prose, plain, split_chapters
from conftest import REPO, render_project, variant

GOLDEN = REPO / "tests" / "golden"


@pytest.fixture(scope="module")
def bundled():
    return render_project(REPO)


def golden_documents() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.md"))


@pytest.mark.parametrize("document_id", golden_documents())
def test_golden_markdown(bundled, document_id, update_golden):
    rendered = next((d for d in bundled.documents if d.meta.slug == document_id), None)
    assert rendered is not None, f"tests/golden/{document_id}.md hoort bij geen document meer; verwijder het"
    golden = GOLDEN / f"{document_id}.md"
    if update_golden:
        golden.write_text(rendered.markdown, encoding="utf-8")
    assert rendered.markdown == golden.read_text(encoding="utf-8"), (
        f"{golden.name} wijkt af; bekijk het verschil en draai zo nodig pytest --update-golden")


def test_update_golden_writes_new_documents(bundled, update_golden):
    if update_golden:
        for document in bundled.documents:
            (GOLDEN / f"{document.meta.slug}.md").write_text(document.markdown, encoding="utf-8")
    assert golden_documents(), "er is geen enkel golden-bestand"


def test_rendering_is_deterministic(bundled):
    again = render_project(REPO)
    assert [d.markdown for d in again.documents] == [d.markdown for d in bundled.documents]
    assert again.site_pages == bundled.site_pages


def test_real_figures_reach_the_documents(bundled):
    programme = next(d for d in bundled.documents if d.meta.slug == "oldenzaal-up-2023").markdown
    for text in ("| **Totaal** |  | **7,56** |", "| APV en bijzondere wetten | APV en bijzondere wetten | 6,6 |",
                 "**6.820**", "**10.013**", "| Toezicht en handhaving | APV en bijzondere wetten | 6,6 | 10.230 | "
                 "10.013 | +217 (2,1%) |"):
        assert text in programme


HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))'


def test_hostile_text_is_escaped():
    assert "<script" not in markdown_prose(HOSTILE) and "<img" not in markdown_prose(HOSTILE)
    assert "javascript:" not in markdown_prose(HOSTILE)
    assert markdown_prose("[site](https://www.enschede.nl)") == "[site](https://www.enschede.nl)"
    assert plain("<b>*vet*</b> | pijp") == "&lt;b&gt;\\*vet\\*&lt;/b&gt; \\| pijp"


def test_hostile_text_in_yaml_never_reaches_a_page_as_html(project):
    # Without the link, which `big8 check` refuses (tests/test_security.py).
    hostile = HOSTILE.replace(" [klik](javascript:alert(1))", "")
    files = variant("policy/beleid.yaml", ("probleem: Onveilige situaties bij brand.",
                                           "probleem: '" + hostile.replace("'", "''") + "'"),
                    ("titel: Veiligheid", "titel: '<script>alert(2)</script>'"))
    rendered = render_project(project(files, clean=True))
    texts = [d.markdown for d in rendered.documents] + list(rendered.site_pages.values())
    for text in texts:
        assert "<script" not in text and "<img" not in text and "javascript:" not in text
    assert any("&lt;script&gt;alert(2)&lt;/script&gt;" in t for t in texts)


def test_site_has_every_page_type(bundled):
    pages = bundled.site_pages
    for page in ("index.md", "enschede/index.md", "enschede/enschede-bvth-2023/index.md", "focuspunten/index.md",
                 "focuspunten/enschede-bvth-2023/fp-veiligheid.md", "controle/index.md",
                 "controle/traceerbaarheid.md", "oldenzaal/oldenzaal-up-2023/06-capaciteit.md"):
        assert page in pages


def test_editorial_notes_and_source_file_names_are_never_published(bundled):
    # redactie: holds the encoder's notes, bronbestand the seed's file name;
    # neither is what the municipality wrote.
    from big8.model import strings
    from big8.pipeline import run_check

    notes = [" ".join(text.split())[:60] for document in run_check(str(REPO)).project.documents
             for path, text in strings(document.data) if path and path[-1] in ("redactie", "bronbestand")]
    assert len(notes) >= 5
    published = [" ".join(d.markdown.split()) for d in bundled.documents] + \
                [" ".join(page.split()) for page in bundled.site_pages.values()]
    for note in notes:
        assert not any(note in text for text in published), note


def test_concept_documents_are_marked(project):
    files = variant("policy/beleid.yaml", ("status: vastgesteld", "status: concept"))
    # A concept beleid makes its programme fail B8-001; publish the beleid alone.
    files["programmes/programma.yaml"] = ""
    root = project(files, clean=True)
    (root / "programmes" / "programma.yaml").unlink()
    rendered = render_project(root)
    chapter_pages = [text for path, text in rendered.site_pages.items() if path.startswith("voorbeeldstad/vb-beleid/")]
    # The front matter drives the theme's concept banner; the status line says it in words.
    assert chapter_pages and all(text.startswith("---\n") and "\nstatus: concept\n" in text for text in chapter_pages)
    assert all("status: <strong>concept</strong>" in text for text in chapter_pages)


def test_headings_never_skip_a_level(bundled):
    for document in bundled.documents:
        previous = 0
        for line in document.markdown.splitlines():
            if line.startswith("#"):
                level = len(line) - len(line.lstrip("#"))
                assert level <= previous + 1, (document.meta.slug, line)
                previous = level


def test_chapters_split_at_level_one_headings():
    assert split_chapters("# Een {.unnumbered}\n\ntekst\n\n## sub\n\n# Twee\n\nmeer\n") == [
        ("Een", "# Een {.unnumbered}\n\ntekst\n\n## sub\n"), ("Twee", "# Twee\n\nmeer\n")]
