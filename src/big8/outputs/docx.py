"""Word output: Markdown -> pandoc with the house-style reference document -> .docx.

Pandoc does the heavy lifting; afterwards this module fixes what pandoc
leaves to Word: it fills in the table of contents (so Word never asks to
update fields), keeps table rows together, writes the document properties
and rewrites the zip so that two runs give identical bytes.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from xml.sax.saxutils import escape

from big8.outputs import DocumentMeta, OutputError, _pandoc

REFERENCE_DOC = os.path.join("word", "reference.docx")
TOC_PLACEHOLDER = "<!--big8:inhoudsopgave-->"
TOC_TITLE = "Inhoud"
TOC_LEVELS = 2  # chapters and sections; deeper levels make the list unreadable
LANGUAGES = {"nl": "nl-NL"}

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the oldest timestamp a zip can hold


def write_docx(
    markdown: str,
    meta: DocumentMeta,
    resources: str,
    target: str,
    reference: str,
    date: datetime.date,
) -> None:
    """Write one policy document as a Word file at `target`, in the house
    style of the reference document `reference` (templates/word/reference.docx)."""
    ast = _prepare(_pandoc.parse_for(markdown, resources, reference, "Word-sjabloon"), meta, resources)
    parts = read_zip(_run_pandoc(ast, resources, reference, meta))
    parts["word/document.xml"] = _finish_document(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    for name in [n for n in parts if n.startswith("word/header")]:
        parts[name] = _fill_header(parts[name].decode("utf-8"), meta).encode("utf-8")
    parts["docProps/core.xml"] = _core_xml(meta, date).encode("utf-8")
    parts["docProps/app.xml"] = _app_xml(meta).encode("utf-8")
    with open(target, "wb") as out:
        out.write(write_zip(parts))


# --- before pandoc: the AST ------------------------------------------------


def _prepare(ast: _pandoc.Node, meta: DocumentMeta, resources: str) -> _pandoc.Node:
    ast = _pandoc.walk(ast, lambda node: _use_png(node, resources))
    blocks = _pandoc.replace_newpages(ast["blocks"], "openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    ast["blocks"] = _title_page(meta) + [_pandoc.raw_block("openxml", TOC_PLACEHOLDER)] + blocks
    return ast


def _use_png(node: _pandoc.Node, resources: str) -> _pandoc.Node | None:
    """Word gets the PNG twin of each SVG figure: not every Word version shows SVG."""
    if node["t"] != "Image":
        return None
    source = node["c"][2][0]
    stem, extension = os.path.splitext(source)
    if extension.lower() != ".svg":
        return None
    png = stem + ".png"
    if not os.path.isfile(os.path.join(resources, png)):
        raise OutputError(f"De PNG-versie van een figuur ontbreekt: {png} (gezocht in {resources})")
    node["c"][2][0] = png
    return node


def _title_page(meta: DocumentMeta) -> list[_pandoc.Node]:
    facts = [_pandoc.para(f"{label}: {value}") for label, value in _pandoc.title_page_facts(meta)]
    # The period only when the title does not already say it ("… 2025-2028"),
    # as on the PDF's title page (templates/pdf/big8.typ).
    period = [] if meta.periode in meta.titel else [_pandoc.styled_div("Subtitle", [_pandoc.para(meta.periode)])]
    return [
        _pandoc.styled_div("Titelpagina organisatie", [_pandoc.para(meta.organisatie)]),
        _pandoc.styled_div("Title", [_pandoc.para(meta.titel)]),
        *period,
        _pandoc.styled_div("Titelpagina gegevens", facts),
    ]


def _run_pandoc(ast: _pandoc.Node, resources: str, reference: str, meta: DocumentMeta) -> bytes:
    with tempfile.TemporaryDirectory(prefix="big8-docx-") as tmp:
        out = os.path.join(tmp, "document.docx")
        _pandoc.run(
            _pandoc.to_source(ast),
            to="docx",
            extra_args=[
                f"--reference-doc={reference}",
                f"--resource-path={resources}",
                f"--metadata=lang:{LANGUAGES.get(meta.taal, meta.taal)}",
            ],
            outputfile=out,
        )
        with open(out, "rb") as result:
            return result.read()


# --- after pandoc: the XML -------------------------------------------------


def _finish_document(xml: str) -> str:
    if TOC_PLACEHOLDER not in xml:
        raise OutputError("pandoc heeft de plaats van de inhoudsopgave niet doorgegeven")
    xml = xml.replace(TOC_PLACEHOLDER, _toc_xml(_headings(xml)))
    return _keep_rows_together(xml)


def _headings(xml: str) -> list[tuple[int, str, str, str]]:
    """(level, bookmark, number, title) of each heading up to TOC_LEVELS, in order.

    Read from pandoc's output rather than recomputed, so the table of
    contents shows exactly the numbers pandoc put in the headings.
    """
    body = ET.fromstring(xml).find(f"{{{W}}}body")
    found: list[tuple[int, str, str, str]] = []
    bookmark = ""
    for element in body if body is not None else []:
        if element.tag == f"{{{W}}}bookmarkStart":
            bookmark = element.get(f"{{{W}}}name", "")
        elif element.tag == f"{{{W}}}p":
            style = element.find(f"{{{W}}}pPr/{{{W}}}pStyle")
            level = _heading_level(style.get(f"{{{W}}}val", "") if style is not None else "")
            if level and level <= TOC_LEVELS and bookmark:
                found.append((level, bookmark, *_number_and_title(element)))
            bookmark = ""
    return found


def _heading_level(style_id: str) -> int:
    match = re.fullmatch(r"Heading([1-9])", style_id)
    return int(match.group(1)) if match else 0


def _number_and_title(paragraph: ET.Element) -> tuple[str, str]:
    number, title = "", []
    for run in paragraph.iter(f"{{{W}}}r"):
        style = run.find(f"{{{W}}}rPr/{{{W}}}rStyle")
        text = "".join(t.text or "" for t in run.iter(f"{{{W}}}t"))
        if style is not None and style.get(f"{{{W}}}val") == "SectionNumber":
            number = text
        else:
            title.append(text)
    return number, "".join(title).strip()


def _toc_xml(headings: list[tuple[int, str, str, str]]) -> str:
    """A TOC field whose result is already written, as Word itself would save it.

    \\o "1-2" takes heading levels 1-2, \\h makes hyperlinks, \\n leaves out
    page numbers (we have no layout engine to know them). Word shows this as
    it is and can still update it (F9) later.
    """
    instruction = f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u \\n '
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    entries = [_toc_entry(*heading) for heading in headings] or ['<w:r><w:t>Geen hoofdstukken.</w:t></w:r>']
    paragraphs = []
    for index, entry in enumerate(entries):
        style = f"TOC{headings[index][0]}" if headings else "TOC1"
        first = begin if index == 0 else ""
        last = end if index == len(entries) - 1 else ""
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{first}{entry}{last}</w:p>')
    heading = f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>{TOC_TITLE}</w:t></w:r></w:p>'
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        f'</w:docPartObj></w:sdtPr><w:sdtContent>{heading}{"".join(paragraphs)}</w:sdtContent></w:sdt>'
    )


def _toc_entry(level: int, bookmark: str, number: str, title: str) -> str:
    runs = f'<w:r><w:t xml:space="preserve">{escape(number)}</w:t></w:r><w:r><w:tab/></w:r>' if number else ""
    runs += f'<w:r><w:t xml:space="preserve">{escape(title)}</w:t></w:r>'
    return f'<w:hyperlink w:anchor="{escape(bookmark)}" w:history="1">{runs}</w:hyperlink>'


def _keep_rows_together(xml: str) -> str:
    """Every table row gets cantSplit; pandoc already marks the header row (tblHeader)."""
    xml = xml.replace("<w:tr><w:trPr>", "<w:tr><w:trPr><w:cantSplit />")
    xml = re.sub(r"<w:tr>(?!<w:trPr>)", "<w:tr><w:trPr><w:cantSplit /></w:trPr>", xml)
    # Tables span the text width, as in the PDF.
    return xml.replace('<w:tblW w:type="auto" w:w="0" />', '<w:tblW w:type="pct" w:w="5000" />')


def _fill_header(xml: str, meta: DocumentMeta) -> str:
    """The reference document's running header holds placeholders for title and organisation."""
    title = meta.titel + (" (concept)" if meta.concept else "") + (" (fictief voorbeeld)" if meta.fictief else "")
    return xml.replace("[titel]", escape(title)).replace("[organisatie]", escape(meta.organisatie))


def _core_xml(meta: DocumentMeta, date: datetime.date) -> str:
    stamp = f"{date.isoformat()}T00:00:00Z"
    keywords = ", ".join(meta.trefwoorden)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(meta.titel)}</dc:title>"
        f"<dc:subject>{escape(meta.soort)}</dc:subject>"
        f"<dc:creator>{escape(meta.organisatie)}</dc:creator>"
        f"<cp:keywords>{escape(keywords)}</cp:keywords>"
        f"<dc:language>{LANGUAGES.get(meta.taal, meta.taal)}</dc:language>"
        f"<cp:lastModifiedBy>{escape(meta.organisatie)}</cp:lastModifiedBy>"
        f"<cp:contentStatus>{escape(meta.status)}</cp:contentStatus>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app_xml(meta: DocumentMeta) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>big8</Application>"
        f"<Company>{escape(meta.organisatie)}</Company>"
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    )


# --- the zip -----------------------------------------------------------------


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(parts: dict[str, bytes]) -> bytes:
    """An OOXML package with identical bytes for identical parts.

    Fixed order (content types and package relationships first, as Office
    writes them), fixed timestamps and fixed compression settings.
    """
    first = [name for name in ("[Content_Types].xml", "_rels/.rels") if name in parts]
    order = first + sorted(name for name in parts if name not in first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
