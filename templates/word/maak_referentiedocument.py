"""(Re)generate reference.docx, the house style of the Word output.

Run from anywhere:  python templates/word/maak_referentiedocument.py

It starts from pandoc's own default reference document (so every style
pandoc uses exists), then rewrites the styles, page setup, running header,
footer and language below. The house style lives in this file, readable
and reviewable; reference.docx is its build product, and running this
script twice gives identical bytes.

House style: A4, margins of 2.5 cm, Arial (present in every Word), dark
grey text, dark blue headings, each chapter on a new page, tables with a
shaded header row, Dutch (nl-NL) as the proofing language.
"""

from __future__ import annotations

import os
import re
import subprocess

import pypandoc

from big8.outputs.docx import read_zip, write_zip

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "reference.docx")

FONT = "Arial"
TEXT = "262626"  # dark grey body text
DARK_BLUE = "1F3864"  # headings and title
BLUE = "2E5C8A"  # subtitle, third-level headings
GREY = "595959"  # header, footer, captions
HEADER_FILL = "DCE4F0"  # table header row
RULE = "8EA9C8"  # table lines
LANG = "nl-NL"

# A4 in twentieths of a point; 1418 twips = 2.5 cm.
PAGE = (
    '<w:headerReference w:type="default" r:id="rIdBig8Header"/>'
    '<w:footerReference w:type="default" r:id="rIdBig8Footer"/>'
    '<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"'
    ' w:header="709" w:footer="709" w:gutter="0"/>'
    "<w:titlePg/>"  # no header or footer on the title page
)


def run_props(size_pt: float, color: str = TEXT, bold: bool = False, italic: bool = False) -> str:
    half_points = int(size_pt * 2)
    return (
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        + ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + f'<w:color w:val="{color}"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )


def paragraph_style(style_id: str, name: str, ppr: str, rpr: str, based_on: str = "Normal",
                    next_style: str = "BodyText", custom: bool = False, priority: int = 0) -> str:
    custom_attribute = ' w:customStyle="1"' if custom else ""
    return (
        f'<w:style w:type="paragraph"{custom_attribute} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/><w:next w:val="{next_style}"/>'
        + (f'<w:uiPriority w:val="{priority}"/>' if priority else "")
        + f"<w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
    )


def heading(level: int, size_pt: float, color: str, before: int, after: int, page_break: bool) -> str:
    # Number, tab, title: the hanging indent lines up wrapped heading text.
    ppr = (
        "<w:keepNext/><w:keepLines/>"
        + ("<w:pageBreakBefore/>" if page_break else "")
        + '<w:tabs><w:tab w:val="left" w:pos="851"/></w:tabs>'
        f'<w:spacing w:before="{before}" w:after="{after}"/><w:ind w:left="851" w:hanging="851"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>'
    )
    return paragraph_style(f"Heading{level}", f"heading {level}", ppr, run_props(size_pt, color, bold=True),
                           priority=9)


STYLES = {
    "Normal": (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr>'
        + run_props(10) + "</w:style>"
    ),
    "BodyText": paragraph_style("BodyText", "Body Text", '<w:spacing w:before="0" w:after="120"/>', "",
                                next_style="BodyText"),
    "Compact": paragraph_style("Compact", "Compact", '<w:spacing w:before="20" w:after="20"/>', "",
                               based_on="BodyText", custom=True),
    "Heading1": heading(1, 16, DARK_BLUE, before=0, after=240, page_break=True),
    "Heading2": heading(2, 13, DARK_BLUE, before=280, after=120, page_break=False),
    "Heading3": heading(3, 11, BLUE, before=200, after=80, page_break=False),
    "Heading4": heading(4, 10, BLUE, before=160, after=60, page_break=False),
    "Title": paragraph_style("Title", "Title", '<w:spacing w:before="240" w:after="240"/>',
                             run_props(28, DARK_BLUE, bold=True), priority=10),
    "Subtitle": paragraph_style("Subtitle", "Subtitle", '<w:spacing w:before="0" w:after="960"/>',
                                run_props(16, BLUE), based_on="Normal", priority=11),
    "TitelpaginaOrganisatie": paragraph_style(
        "TitelpaginaOrganisatie", "Titelpagina organisatie",
        '<w:pBdr><w:top w:val="single" w:sz="24" w:space="12" w:color="' + DARK_BLUE + '"/></w:pBdr>'
        '<w:spacing w:before="2880" w:after="480"/>',
        run_props(14, DARK_BLUE, bold=True), custom=True),
    "TitelpaginaGegevens": paragraph_style(
        "TitelpaginaGegevens", "Titelpagina gegevens", '<w:spacing w:before="0" w:after="60"/>',
        run_props(11, TEXT), custom=True),
    "TOCHeading": paragraph_style(
        "TOCHeading", "TOC Heading",
        '<w:keepNext/><w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="9"/>',
        run_props(16, DARK_BLUE, bold=True), priority=39),
    "TOC1": paragraph_style(
        "TOC1", "toc 1",
        '<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs><w:spacing w:before="120" w:after="40"/>'
        '<w:ind w:left="567" w:hanging="567"/>',
        run_props(10, TEXT, bold=True), next_style="Normal", priority=39),
    "TOC2": paragraph_style(
        "TOC2", "toc 2",
        '<w:tabs><w:tab w:val="left" w:pos="1247"/></w:tabs><w:spacing w:before="0" w:after="40"/>'
        '<w:ind w:left="1247" w:hanging="680"/>',
        run_props(10, TEXT), next_style="Normal", priority=39),
    "Caption": paragraph_style("Caption", "Caption", '<w:spacing w:before="60" w:after="200"/>',
                               run_props(9, GREY, italic=True)),
    "Header": paragraph_style("Header", "header", '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="'
                              + RULE + '"/></w:pBdr><w:spacing w:after="0"/>', run_props(8, GREY),
                              next_style="Header"),
    "Footer": paragraph_style("Footer", "footer", '<w:spacing w:after="0"/><w:jc w:val="right"/>',
                              run_props(8, GREY), next_style="Footer"),
    "Hyperlink": (
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/>'
        f'<w:rPr><w:color w:val="{BLUE}"/><w:u w:val="single"/></w:rPr></w:style>'
    ),
    "Table": (
        '<w:style w:type="table" w:default="1" w:styleId="Table"><w:name w:val="Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
        f'<w:top w:val="single" w:sz="8" w:space="0" w:color="{DARK_BLUE}"/>'
        f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{DARK_BLUE}"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
        f'<w:color w:val="{DARK_BLUE}"/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
        f'<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{DARK_BLUE}"/>'
        f'</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
        '<w:vAlign w:val="bottom"/></w:tcPr></w:tblStylePr></w:style>'
    ),
}
# Table captions and image captions inherit from Caption; figures stay with their caption.
STYLES["TableCaption"] = paragraph_style("TableCaption", "Table Caption", "<w:keepNext/>", "",
                                         based_on="Caption", custom=True)
STYLES["ImageCaption"] = paragraph_style("ImageCaption", "Image Caption", "", "", based_on="Caption", custom=True)

DOC_DEFAULTS = (
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    f'<w:color w:val="{TEXT}"/><w:sz w:val="20"/><w:szCs w:val="20"/>'
    f'<w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA"/>'
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
)

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
# The running header: docx.py replaces the placeholders with the document's title and organisation.
HEADER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {NAMESPACES}>'
    '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">[titel] · [organisatie]</w:t></w:r></w:p></w:hdr>'
)


def field(instruction: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


# PAGE and NUMPAGES are laid out by Word itself on every repagination: no update prompt.
FOOTER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NAMESPACES}>'
    '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">Pagina </w:t></w:r>' + field("PAGE", "1")
    + '<w:r><w:t xml:space="preserve"> van </w:t></w:r>' + field("NUMPAGES", "1") + "</w:p></w:ftr>"
)

RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def pandoc_default() -> dict[str, bytes]:
    data = subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        check=True, capture_output=True,
    ).stdout
    return read_zip(data)


def edit_styles(xml: str) -> str:
    xml = re.sub(r"<w:docDefaults>.*?</w:docDefaults>", DOC_DEFAULTS, xml, count=1, flags=re.S)
    for style_id, definition in STYLES.items():
        pattern = re.compile(rf'<w:style [^>]*w:styleId="{style_id}"\s*>.*?</w:style>', re.S)
        if pattern.search(xml):
            xml = pattern.sub(lambda _match: definition, xml, count=1)
        else:
            xml = xml.replace("</w:styles>", definition + "\n</w:styles>")
    return xml


def edit_document(xml: str) -> str:
    """Pandoc copies the reference document's final section properties: page size, margins, header, footer."""
    return re.sub(r"<w:sectPr>.*?</w:sectPr>", f"<w:sectPr>{PAGE}</w:sectPr>", xml, count=1, flags=re.S)


def edit_settings(xml: str) -> str:
    xml = xml.replace('<w:themeFontLang w:val="en-US" />', f'<w:themeFontLang w:val="{LANG}" />')
    # Dutch number conventions for Word's own calculations.
    xml = xml.replace('<w:decimalSymbol w:val="." />', '<w:decimalSymbol w:val="," />')
    return xml.replace('<w:listSeparator w:val="," />', '<w:listSeparator w:val=";" />')


def edit_theme(xml: str) -> str:
    return re.sub(r'(<a:latin typeface=")Aptos(?: Display)?(" panose=")[0-9A-F]+(")', rf"\g<1>{FONT}\g<2>020B0604020202020204\g<3>", xml)


def add_header_footer(parts: dict[str, bytes]) -> None:
    parts["word/header1.xml"] = HEADER.encode("utf-8")
    parts["word/footer1.xml"] = FOOTER.encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8").replace(
        "</Relationships>",
        f'<Relationship Type="{RELATIONSHIP}/header" Id="rIdBig8Header" Target="header1.xml" />'
        f'<Relationship Type="{RELATIONSHIP}/footer" Id="rIdBig8Footer" Target="footer1.xml" />'
        "</Relationships>",
    )
    parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8").replace(
        "</Types>",
        f'<Override PartName="/word/header1.xml" ContentType="{CONTENT_TYPE}.header+xml" />'
        f'<Override PartName="/word/footer1.xml" ContentType="{CONTENT_TYPE}.footer+xml" />'
        "</Types>",
    )
    parts["[Content_Types].xml"] = types.encode("utf-8")


def edit_core(xml: str) -> str:
    """No sample title or author leaking into documents; a fixed date."""
    xml = xml.replace("<dc:title>Title</dc:title>", "<dc:title></dc:title>")
    xml = xml.replace("<dc:creator>Author</dc:creator>", "<dc:creator></dc:creator>")
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "1980-01-01T00:00:00Z", xml)


def build() -> bytes:
    parts = pandoc_default()
    edits = {
        "word/styles.xml": edit_styles,
        "word/document.xml": edit_document,
        "word/settings.xml": edit_settings,
        "word/theme/theme1.xml": edit_theme,
        "docProps/core.xml": edit_core,
    }
    for name, edit in edits.items():
        parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    add_header_footer(parts)
    return write_zip(parts)


if __name__ == "__main__":
    with open(TARGET, "wb") as out:
        out.write(build())
    print(f"geschreven: {TARGET}")
