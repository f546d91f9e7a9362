"""The website writer: mkdocs-material builds a small fictitious site.

tests/fixtures/site/ stands in for what `big8 render` writes to
build/bron/site (Gemeente Voorbeeldstad does not exist). Like render, the
tests copy templates/site/extra.css into it before building.
"""

from __future__ import annotations

import datetime
import filecmp
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from big8.outputs import OutputError
from big8.outputs.site import write_site
from big8.outputs.sitescan import external_references

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
CONFIG = ROOT / "mkdocs.yml"
DATE = datetime.date(2023, 12, 6)
CONCEPT_PAGE = "voorbeeldstad/vth-beleid-2099-2102/index.html"
ADOPTED_PAGE = "voorbeeldstad/uitvoeringsprogramma-2099/index.html"


def make_source(target: Path) -> Path:
    """Copy the fixture pages plus the stylesheet, as big8 render would."""
    shutil.copytree(FIXTURE, target)
    (target / "stylesheets").mkdir()
    shutil.copyfile(ROOT / "templates" / "site" / "extra.css", target / "stylesheets" / "extra.css")
    return target


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_source(tmp_path_factory.mktemp("bron") / "site")


@pytest.fixture(scope="module")
def site(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("uit") / "site"
    write_site(str(source), str(target), str(CONFIG), DATE)
    return target


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_dutch(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 10
    for page in pages:
        assert re.search(r'<html lang="nl"', page.read_text(encoding="utf-8")), page


def test_404_page_is_dutch(site: Path) -> None:
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "Pagina niet gevonden" in text
    assert "Not found" not in text


def test_search_index_exists_and_is_bundled_for_offline_use(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["nl"]
    assert any(doc["title"] == "Risicoanalyse" for doc in index["docs"])
    # The offline plugin inlines the index into a script, so search works
    # from file:// where the browser may not fetch JSON.
    bundled = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert bundled.startswith("var __index = ")
    assert json.loads(bundled[len("var __index = "):]) == index


def test_worker_shim_is_local(site: Path) -> None:
    # Search runs in a Web Worker, which browsers refuse from file://; the
    # shim replaces it. The offline plugin would load it from a CDN.
    assert (site / "assets" / "javascripts" / "iframe-worker.js").is_file()
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        # 404.html links from the site root: a web server shows it at any depth.
        assert re.search(r'<script src="(\.\./|/)*assets/javascripts/iframe-worker\.js">', text), page
        assert "unpkg" not in text, page


def test_links_are_plain_html_files(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="voorbeeldstad/vth-beleid-2099-2102/index.html"' in text


def test_site_has_no_external_references(site: Path) -> None:
    assert external_references(str(site)) == []


def test_rebuild_is_byte_identical(source: Path, site: Path, tmp_path: Path) -> None:
    again = tmp_path / "opnieuw"
    write_site(str(source), str(again), str(CONFIG), DATE)
    assert _tree(again) == _tree(site)
    mismatch = filecmp.cmpfiles(site, again, _tree(site), shallow=False)[1:]
    assert mismatch == ([], [])


def test_date_sets_the_build_date_and_is_restored(source: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a", tmp_path / "b"
    write_site(str(source), str(first), str(CONFIG), datetime.date(2020, 1, 1))
    write_site(str(source), str(second), str(CONFIG), datetime.date(2021, 1, 1))
    # The gzip header of the sitemap holds the build time.
    assert (first / "sitemap.xml.gz").read_bytes() != (second / "sitemap.xml.gz").read_bytes()
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_concept_banner_only_on_concept_pages(site: Path) -> None:
    concept = (site / CONCEPT_PAGE).read_text(encoding="utf-8")
    banner = re.search(r'<div class="b8-concept">(.*?)</div>', concept, re.S)
    assert banner and "CONCEPT — niet vastgesteld" in banner.group(1)
    # Above the title, so nobody reads the text without seeing it first.
    assert concept.index("b8-concept") < concept.index("<h1")
    adopted = (site / ADOPTED_PAGE).read_text(encoding="utf-8")
    assert 'class="b8-concept"' not in adopted


def test_sections_are_named_after_their_index_page(site: Path) -> None:
    # The control page's own text names no organisation: only the menu does.
    text = (site / "controle" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="md-ellipsis">\s*Gemeente Voorbeeldstad \(fictief\)\s*</span>', text)
    # A document's section is in the menu of the pages of its organisation.
    text = (site / "voorbeeldstad" / "uitvoeringsprogramma-2099" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="md-ellipsis">\s*VTH-beleid 2099-2102\s*</span>', text)
    assert "Vth beleid" not in text


def test_a_page_carries_no_other_organisations_documents_in_its_menu(site: Path) -> None:
    # navigation.prune without navigation.sections: a page's menu holds the
    # organisations, and the documents of its own one only; the cost of a
    # page stays the same as a region grows.
    text = (site / "controle" / "index.html").read_text(encoding="utf-8")
    assert "vth-beleid-2099-2102/index.html" not in text


def test_stylesheet_is_linked(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="stylesheets/extra.css">' in text
    assert (site / "stylesheets" / "extra.css").is_file()


def test_quiet_build_prints_nothing(source: Path, tmp_path: Path, capfd) -> None:
    write_site(str(source), str(tmp_path / "stil"), str(CONFIG), DATE)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_dead_link_is_an_error(tmp_path: Path) -> None:
    source = make_source(tmp_path / "bron")
    (source / "focuspunten" / "kapot.md").write_text("# Kapot\n\n[Weg](bestaat-niet.md)\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"(?s)waarschuwingen.*bestaat-niet\.md"):
        write_site(str(source), str(tmp_path / "uit"), str(CONFIG), DATE)


def test_missing_stylesheet_is_an_error(tmp_path: Path) -> None:
    source = make_source(tmp_path / "bron")
    (source / "stylesheets" / "extra.css").unlink()
    with pytest.raises(OutputError, match=r"stylesheets/extra\.css"):
        write_site(str(source), str(tmp_path / "uit"), str(CONFIG), DATE)


def test_missing_config_is_an_error(source: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="configuratiebestand"):
        write_site(str(source), str(tmp_path / "uit"), str(tmp_path / "geen.yml"), DATE)


def test_unknown_config_option_is_an_error(source: Path, tmp_path: Path) -> None:
    text = CONFIG.read_text(encoding="utf-8").replace(
        "custom_dir: templates/site/overrides", f"custom_dir: {ROOT / 'templates' / 'site' / 'overrides'}"
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(text + "\nsite_nmae: tikfout\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"(?s)websiteconfiguratie .* klopt niet.*site_nmae"):
        write_site(str(source), str(tmp_path / "uit"), str(config), DATE)


def test_config_stays_offline_and_zensical_compatible() -> None:
    config = YAML(typ="safe").load(CONFIG.read_text(encoding="utf-8"))
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert set(names) <= {"search", "offline"}
    assert config["theme"]["font"] is False
    assert config["theme"]["language"] == "nl"
    assert config["use_directory_urls"] is False
    assert "repo_url" not in config  # the theme would call the GitHub API
    assert "hooks" not in config
    extensions = {e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]}
    assert not extensions & {"pymdownx.emoji", "pymdownx.arithmatex"}  # CDN assets


# ---------------------------------------------------------------- scanner


def test_scanner_reports_resources_from_other_hosts(tmp_path: Path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="nl"><head>'
        '<link rel="stylesheet" href="https://fonts.example.org/css">'
        '<link rel="preconnect" href="https://fonts.gstatic.example">'
        '<link rel="canonical" href="https://www.example.org/">'
        '<script src="//cdn.example.net/lib.js"></script>'
        '<style>@import "https://styles.example.com/x.css";</style>'
        "<script>fetch('https://api.example.com/data')</script>"
        "</head><body>"
        '<a href="https://www.overheid.nl">een gewone link</a>'
        '<img src="https://img.example.org/a.png" alt="a">'
        '<img src="lokaal.png" alt="b" srcset="lokaal2.png 2x, https://img.example.org/b.png 3x">'
        '<div style="background: url(https://bg.example.org/c.png)"></div>'
        '<img src="data:image/png;base64,AAAA" alt="c">'
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "css" / "a.css").write_text(
        "/* https://in-a-comment.example.org */\n"
        "@font-face{src:url('https://fonts.example.org/f.woff2')}\n"
        ".x{background:url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\")}\n"
        ".y{background:url(../img/local.png)}\n",
        encoding="utf-8",
    )
    (tmp_path / "app.js").write_text(
        'var a="\\u2003"//not a url\nimportScripts("https://cdn.example.com/w.js")\n',
        encoding="utf-8",
    )
    assert external_references(str(tmp_path)) == [
        "app.js: https://cdn.example.com/w.js",
        "css/a.css: https://fonts.example.org/f.woff2",
        "index.html: //cdn.example.net/lib.js",
        "index.html: https://api.example.com/data",
        "index.html: https://bg.example.org/c.png",
        "index.html: https://fonts.example.org/css",
        "index.html: https://fonts.gstatic.example",
        "index.html: https://img.example.org/a.png",
        "index.html: https://img.example.org/b.png",
        "index.html: https://styles.example.com/x.css",
    ]


def test_scanner_reports_theme_loaders_once_they_would_fire(tmp_path: Path) -> None:
    # The theme bundle names Mermaid's CDN; harmless until a page has a diagram.
    (tmp_path / "bundle.js").write_text('x("https://unpkg.com/mermaid@11/dist/mermaid.min.js")', encoding="utf-8")
    (tmp_path / "a.html").write_text('<html lang="nl"><body><p>tekst</p></body></html>', encoding="utf-8")
    assert external_references(str(tmp_path)) == []
    (tmp_path / "b.html").write_text('<html lang="nl"><body><pre class="mermaid">graph</pre></body></html>', encoding="utf-8")
    assert external_references(str(tmp_path)) == ["bundle.js: https://unpkg.com/mermaid@11/dist/mermaid.min.js"]


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())

