"""The PDF writer: tagged PDF/UA-1, A4, Dutch, embedded fonts, watermark, determinism."""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

import pytest

from big8.outputs import DocumentMeta
from big8.outputs.pdf import write_pdf
from conftest import DENKBEELDWIJK

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
RENDER = Path(__file__).resolve().parent / "fixtures" / "render"
DATE = datetime.date(2025, 3, 1)

VASTGESTELD = DENKBEELDWIJK
CONCEPT = dataclasses.replace(VASTGESTELD, status="concept", vastgesteld_op="")


def write(target: Path, meta: DocumentMeta) -> bytes:
    markdown = (RENDER / "voorbeeld.md").read_text(encoding="utf-8")
    write_pdf(markdown, meta, str(RENDER), str(target), str(TEMPLATES / "pdf" / "big8.typ"), DATE)
    return target.read_bytes()


@pytest.fixture(scope="module")
def vastgesteld(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write(tmp_path_factory.mktemp("pdf") / "vastgesteld.pdf", VASTGESTELD)


@pytest.fixture(scope="module")
def concept(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write(tmp_path_factory.mktemp("pdf") / "concept.pdf", CONCEPT)


def pages_text(pdf: bytes) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    import io

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


# Typst writes the catalog, structure tree and XMP uncompressed, so plain byte
# searches are enough for the structural checks.


def test_pdf_is_tagged(vastgesteld: bytes) -> None:
    assert re.search(rb"/StructTreeRoot \d+ 0 R", vastgesteld)
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked true", vastgesteld)
    assert b"/S/H1" in vastgesteld and b"/S/Table" in vastgesteld


def test_declares_pdf_ua_1(vastgesteld: bytes) -> None:
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>", vastgesteld)


def test_language_is_dutch(vastgesteld: bytes) -> None:
    assert re.search(rb"/Lang\s*\(nl(-NL)?\)", vastgesteld)


def test_image_has_alt_text(vastgesteld: bytes) -> None:
    assert b"/Alt(Staafdiagram van de geplande toezichtsuren per taakveld" in vastgesteld


def test_pages_are_a4(vastgesteld: bytes) -> None:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", vastgesteld)
    assert boxes
    for width, height in boxes:
        assert abs(float(width) - 595.28) < 0.5 and abs(float(height) - 841.89) < 0.5


def test_fonts_are_embedded(vastgesteld: bytes) -> None:
    descriptors = re.findall(rb"/Type\s*/FontDescriptor.*?>>", vastgesteld, flags=re.S)
    assert descriptors
    assert all(re.search(rb"/FontFile[23]?\s", d + b" ") for d in descriptors)


def test_title_page_toc_and_running_header(vastgesteld: bytes) -> None:
    pages = pages_text(vastgesteld)
    for text in ("Gemeente Denkbeeldwijk", "VTH-beleid Denkbeeldwijk", "2025-2028", "Vastgesteld",
                 "6 december 2024"):
        assert text in pages[0], text
    assert "Inhoud" in pages[1] and "1.1 Wettelijk kader" in pages[1]
    assert "Gemeente Denkbeeldwijk" in pages[2]
    assert f"Pagina 3 van {len(pages)}" in pages[2]


def test_fixture_text_is_extractable(vastgesteld: bytes) -> None:
    text = " ".join(pages_text(vastgesteld))
    text = re.sub(r"\s+", " ", text)
    for snippet in ("2 Uitvoering", "2.1 Capaciteit", "Brandveilig gebruik", "11.050",
                    "grootste deel van de uren", "Energiebesparing bij bedrijven"):
        assert snippet in text, snippet


def test_concept_watermark_only_on_concepts(concept: bytes, vastgesteld: bytes) -> None:
    concept_pages = pages_text(concept)
    assert all("CONCEPT" in page for page in concept_pages)
    assert not any("CONCEPT" in page for page in pages_text(vastgesteld))


def test_two_compiles_are_byte_identical(tmp_path: Path, vastgesteld: bytes) -> None:
    assert write(tmp_path / "opnieuw.pdf", VASTGESTELD) == vastgesteld
    assert b"/CreationDate(D:20250301" in vastgesteld
