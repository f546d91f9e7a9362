"""The Word writer: house style, filled-in table of contents, accessibility, determinism."""

from __future__ import annotations

import datetime
import importlib.util
import re
import zipfile
from pathlib import Path

import pytest

from big8.outputs import DocumentMeta, OutputError
from big8.outputs.docx import write_docx
from conftest import DENKBEELDWIJK

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
# voorbeeld.md is a made-up municipality. figuren/toezicht-per-taakveld.png is the SVG
# rendered by typst, reproducible with:
#   typst.compile(b'#set page(width: 480pt, height: 240pt, margin: 0pt)\n'
#                 b'#image("toezicht-per-taakveld.svg", width: 100%)', root="tests/fixtures/render/figuren",
#                 format="png", ppi=96, ignore_system_fonts=True)
RENDER = Path(__file__).resolve().parent / "fixtures" / "render"
DATE = datetime.date(2025, 3, 1)
ALT = (
    "Staafdiagram van de geplande toezichtsuren per taakveld: bouwen 1.400 uur, "
    "brandveilig gebruik 900, APV 600 en milieu 300."
)

META = DENKBEELDWIJK


def write(target: Path, meta: DocumentMeta = META, markdown: str | None = None) -> Path:
    if markdown is None:
        markdown = (RENDER / "voorbeeld.md").read_text(encoding="utf-8")
    write_docx(markdown, meta, str(RENDER), str(target), str(TEMPLATES / "word" / "reference.docx"), DATE)
    return target


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("docx") / "voorbeeld.docx")


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def test_headings_use_word_heading_styles(docx: Path) -> None:
    document = part(docx, "word/document.xml")
    for level in (1, 2, 3):
        assert f'<w:pStyle w:val="Heading{level}" />' in document
    styles = part(docx, "word/styles.xml")
    for level in (1, 2, 3):
        assert f'w:styleId="Heading{level}"' in styles


def test_title_page_comes_before_the_table_of_contents(docx: Path) -> None:
    document = part(docx, "word/document.xml")
    toc = document.index("<w:sdt>")
    for text in ("Gemeente Denkbeeldwijk", "VTH-beleid Denkbeeldwijk 2025-2028",
                 "Status: Vastgesteld", "Vastgesteld op: 6 december 2024"):
        assert -1 < document.find(f">{text}<") < toc, text
    # The title already says the period, so it is not repeated under it.
    assert ">2025-2028<" not in document[:toc]


def test_title_page_names_the_period_when_the_title_does_not() -> None:
    from big8.outputs import DocumentMeta
    from big8.outputs.docx import _title_page

    meta = DocumentMeta(slug="x", soort="beleid", titel="VTH-beleid", organisatie="Gemeente X",
                        periode="2025-2028", status="vastgesteld")
    texts = [block["c"][1][0]["c"] for block in _title_page(meta)]
    assert [{"t": "Str", "c": "2025-2028"}] in texts


def test_table_of_contents_is_filled_in_and_needs_no_update(docx: Path) -> None:
    document = part(docx, "word/document.xml")
    assert '<w:docPartGallery w:val="Table of Contents"/>' in document
    instruction = re.search(r"<w:instrText[^>]*>([^<]*TOC[^<]*)</w:instrText>", document)
    assert instruction and '\\o "1-2"' in instruction.group(1) and "\\n" in instruction.group(1)
    # The cached result: one hyperlinked entry per heading of level 1-2, pointing at its bookmark.
    toc = document[document.index("<w:sdt>"):document.index("</w:sdt>")]
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', toc)
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', document))
    assert len(anchors) == 8  # Inleiding, 1, 1.1, 1.2, 2, 2.1, 2.2, 3: the numbers the source gives
    assert set(anchors) <= bookmarks
    entries = re.sub(r"<[^>]+>", "|", toc)
    for text in ("Inleiding", "1 Kaders", "1.1 Wettelijk kader", "2.2 Toezicht", "3 Evaluatie"):
        assert f"|{text}|" in entries, text
    assert "Kwaliteitsverordening" not in entries  # level 3 stays out
    assert 'fldCharType="end"' in toc
    assert "w:dirty" not in document
    assert "updateFields" not in part(docx, "word/settings.xml")


def test_table_header_repeats_and_rows_do_not_split(docx: Path) -> None:
    document = part(docx, "word/document.xml")
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", document, flags=re.S)
    assert tables
    for table in tables:
        rows = re.findall(r"<w:tr>.*?</w:tr>", table, flags=re.S)
        first_props = re.match(r"<w:tr><w:trPr>(.*?)</w:trPr>", rows[0]).group(1)
        assert "<w:tblHeader" in first_props
        assert all("<w:cantSplit />" in row for row in rows)


def test_images_are_png_with_alt_text(docx: Path) -> None:
    document = part(docx, "word/document.xml")
    assert f'<wp:docPr descr="{ALT}"' in document
    with zipfile.ZipFile(docx) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
    assert media and all(name.endswith(".png") for name in media)


def test_page_is_a4_with_margins(docx: Path) -> None:
    document = part(docx, "word/document.xml")
    assert re.search(r'<w:pgSz w:h="16838" w:w="11906" />', document)
    assert "<w:pgMar " in document


def test_document_properties(docx: Path) -> None:
    core = part(docx, "docProps/core.xml")
    assert "<dc:title>VTH-beleid Denkbeeldwijk 2025-2028</dc:title>" in core
    assert "<dc:language>nl-NL</dc:language>" in core
    assert "<dc:creator>Gemeente Denkbeeldwijk</dc:creator>" in core
    assert "<dc:subject>beleid</dc:subject>" in core
    assert ">2025-03-01T00:00:00Z</dcterms:created>" in core
    assert ">2025-03-01T00:00:00Z</dcterms:modified>" in core
    assert "<Company>Gemeente Denkbeeldwijk</Company>" in part(docx, "docProps/app.xml")
    assert 'w:val="nl-NL"' in part(docx, "word/styles.xml")


def test_running_header_names_title_and_organisation(docx: Path) -> None:
    header = part(docx, "word/header1.xml")
    assert "VTH-beleid Denkbeeldwijk 2025-2028 · Gemeente Denkbeeldwijk" in header
    assert "PAGE" in part(docx, "word/footer1.xml")


def test_two_writes_are_byte_identical(tmp_path: Path, docx: Path) -> None:
    again = write(tmp_path / "opnieuw.docx")
    assert again.read_bytes() == docx.read_bytes()
    with zipfile.ZipFile(again) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_missing_png_twin_is_an_output_error(tmp_path: Path) -> None:
    markdown = "# Hoofdstuk\n\n![Een figuur zonder PNG](figuren/bestaat-niet.svg)\n"
    with pytest.raises(OutputError, match="afbeelding 'figuren/bestaat-niet.svg'"):
        write(tmp_path / "fout.docx", markdown=markdown)


def test_reference_doc_matches_its_generator() -> None:
    """reference.docx is a build product of maak_referentiedocument.py: keep them in step."""
    script = TEMPLATES / "word" / "maak_referentiedocument.py"
    spec = importlib.util.spec_from_file_location("maak_referentiedocument", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (TEMPLATES / "word" / "reference.docx").read_bytes()


def test_reference_doc_house_style() -> None:
    reference = TEMPLATES / "word" / "reference.docx"
    styles = part(reference, "word/styles.xml")
    heading1 = re.search(r'<w:style [^>]*w:styleId="Heading1">.*?</w:style>', styles).group(0)
    assert "<w:pageBreakBefore/>" in heading1
    table = re.search(r'<w:style [^>]*w:styleId="Table">.*?</w:style>', styles).group(0)
    assert re.search(r'<w:tblStylePr w:type="firstRow">.*<w:shd [^>]*w:fill="[0-9A-F]{6}"', table)
    assert '<w:lang w:val="nl-NL"' in styles
    assert 'w:ascii="Arial"' in styles
