"""PDF output: Markdown -> pandoc (Typst, house-style template) -> typst -> tagged PDF/UA-1.

Typst writes tagged PDF; asking for the PDF/UA-1 standard makes it refuse
anything inaccessible (no title, images without alt text) instead of
quietly producing it. Only the fonts bundled with typst are used and the
document date is fixed, so the same input gives the same bytes anywhere.
"""

from __future__ import annotations

import datetime
import json
import os
import posixpath
import re

from big8.outputs import DocumentMeta, _pandoc
from big8.outputs.tools import run_worker

TEMPLATE = os.path.join("pdf", "big8.typ")
PDF_STANDARDS = ["ua-1"]


def write_pdf(
    markdown: str,
    meta: DocumentMeta,
    resources: str,
    target: str,
    template: str,
    date: datetime.date,
) -> None:
    """Write one policy document as an accessible PDF at `target`, through
    the Typst template `template` (templates/pdf/big8.typ)."""
    ast = _prepare(_pandoc.parse_for(markdown, resources, template, "PDF-sjabloon"))
    source = _pandoc.run(_pandoc.to_source(ast), to="typst", extra_args=[f"--template={template}", "--wrap=none"])
    source = _attach_heading_labels(source)
    compile_typst(source, resources, _inputs(meta, date), date, target)


def _prepare(ast: _pandoc.Node) -> _pandoc.Node:
    ast = _pandoc.walk(ast, _curly_quotes)
    ast = _pandoc.walk(ast, _accessible_figure)
    ast = _pandoc.walk(ast, _accessible_image)
    ast["blocks"] = _pandoc.replace_newpages(ast["blocks"], "typst", "#pagebreak(weak: true)")
    return ast


# pandoc knows which quote opens and which closes; Typst guesses again from
# the character before it, and turns the closing quote after "5%" into an
# opening one. So quotes reach Typst as the characters themselves.
_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}


def _curly_quotes(node: _pandoc.Node) -> list[_pandoc.Node] | None:
    if node["t"] != "Quoted":
        return None
    opening, closing = _QUOTES[node["c"][0]["t"]]
    return [{"t": "Str", "c": opening}, *node["c"][1], {"t": "Str", "c": closing}]


# pandoc 3.9 does not pass alt text to Typst's image(); without it PDF/UA
# fails. So images become raw Typst calls that carry the alt text.


def _accessible_figure(node: _pandoc.Node) -> _pandoc.Node | None:
    if node["t"] != "Figure":
        return None
    node["c"][2] = _pandoc.walk(node["c"][2], lambda inner: _image_call(inner, inline=False))
    return node


def _accessible_image(node: _pandoc.Node) -> _pandoc.Node | None:
    return _image_call(node, inline=True)


def _image_call(node: _pandoc.Node, inline: bool) -> _pandoc.Node | None:
    if node["t"] != "Image":
        return None
    _attr, description, (source, _title) = node["c"]
    # Paths start with "/": Typst resolves them against the compile root, the resources folder.
    path = "/" + posixpath.normpath(source.replace(os.sep, "/")).lstrip("/")
    call = f"image({_typst_string(path)}, alt: {_typst_string(_pandoc.stringify(description))})"
    # A code block ends unambiguously, whatever text follows it.
    code = f"#{{box({call})}}" if inline else f"#{{{call}}}"
    return {"t": "RawInline", "c": ["typst", code]}


def _typst_string(text: str) -> str:
    """A Typst string literal."""
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(char, escaped)
    return f'"{text}"'


def _attach_heading_labels(source: str) -> str:
    """pandoc 3.9 writes unnumbered headings as `#heading(...)[Title]` with the label on
    the next line, where Typst does not attach it; join them so links to them work."""
    return re.sub(r"^(#heading\(.*\]) *\n(<[^<>\s]+>)$", r"\1\2", source, flags=re.M)


def _inputs(meta: DocumentMeta, date: datetime.date) -> dict[str, str]:
    """What the template reads from sys.inputs: always plain strings."""
    return {
        "titel": meta.titel,
        "organisatie": meta.organisatie,
        "periode": meta.periode,
        "status": meta.status,
        "soort": meta.soort,
        "gegevens": json.dumps(_pandoc.title_page_facts(meta), ensure_ascii=False),
        "trefwoorden": json.dumps(list(meta.trefwoorden), ensure_ascii=False),
        "datum": date.isoformat(),
        "fictief": "ja" if meta.fictief else "nee",
    }


def compile_typst(source: str, root: str, inputs: dict[str, str], date: datetime.date, target: str) -> None:
    """Typst source -> PDF at `target`, with bundled fonts only and a fixed
    creation time, in a worker process with a time and memory limit."""
    task = {"bron": source, "wortel": os.path.abspath(root), "invoer": inputs, "formaat": "pdf",
            "standaarden": PDF_STANDARDS, "doel": os.path.abspath(target)}
    run_worker({"soort": "typst", "datum": date.isoformat(), "taken": [task]})
