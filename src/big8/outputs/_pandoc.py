"""Pandoc helpers shared by the Word and PDF writers.

Both writers parse the Markdown once into pandoc's JSON AST, adjust it in
Python (image variants, page breaks, title page) and hand it back to pandoc.
Working on the AST instead of the Markdown text keeps the edits exact.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable
from typing import Any

from big8.outputs import DocumentMeta, OutputError
from big8.outputs.tools import run_pandoc

Node = dict[str, Any]

# Pandoc's own Markdown dialect, which the render stage writes for, without
# every extension that turns typed text into something else: no formulas
# for "$...$" (PDF/UA rejects math without alt text), no citations for
# "@brandweer" (they become typst code that fails), no metadata blocks
# ("---" could set header-includes), no raw TeX, raw attributes or example
# lists. Text from YAML is escaped before it gets here (prose.py); this is
# the second line of defence.
MARKDOWN = ("markdown-tex_math_dollars-citations-yaml_metadata_block-raw_tex-raw_attribute"
            "-example_lists-latex_macros")


def parse_for(markdown: str, resources: str, template: str, template_name: str) -> Node:
    """Parse a document for one writer: its template must exist, every link
    must be one a reader may follow and every image one of its own files."""
    if not os.path.isfile(template):
        raise OutputError(f"Het {template_name} ontbreekt: {template}")
    ast = parse(markdown)
    check_targets(ast, resources)
    return ast


def parse(markdown: str) -> Node:
    """Markdown -> pandoc JSON AST."""
    return json.loads(run(markdown, to="json", source_format=MARKDOWN))


def run(
    source: str,
    to: str,
    source_format: str = "json",
    extra_args: list[str] | None = None,
    outputfile: str | None = None,
) -> str:
    """Call the bundled pandoc (with a time and memory limit)."""
    arguments = ["--from", source_format, "--to", to, *(extra_args or [])]
    if outputfile:
        arguments += ["--output", outputfile]
    return run_pandoc(arguments, source).decode("utf-8")


def to_source(ast: Node) -> str:
    return json.dumps(ast, ensure_ascii=False)


def walk(node: Any, fn: Callable[[Node], Any]) -> Any:
    """Apply fn bottom-up to every element ({"t": ...}); fn returns a
    replacement, a list of elements to put in its place, or None."""
    if isinstance(node, list):
        result: list = []
        for item in node:
            replaced = walk(item, fn)
            if isinstance(item, dict) and "t" in item and isinstance(replaced, list):
                result.extend(replaced)
            else:
                result.append(replaced)
        return result
    if isinstance(node, dict):
        node = {key: walk(value, fn) for key, value in node.items()}
        if "t" in node:
            replaced = fn(node)
            return node if replaced is None else replaced
    return node


def stringify(node: Any) -> str:
    """Plain text of inlines, like pandoc's stringify."""
    if isinstance(node, list):
        return "".join(stringify(item) for item in node)
    if not isinstance(node, dict):
        return ""
    kind = node.get("t")
    if kind == "Str":
        return node["c"]
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in ("Code", "Math"):
        return node["c"][-1]
    if kind in ("Image", "Link"):
        return stringify(node["c"][1])
    if kind in ("Quoted",):
        return "\u201c" + stringify(node["c"][1]) + "\u201d"
    if kind in ("Cite", "Span"):
        return stringify(node["c"][1])
    return stringify(node.get("c"))


def image_paths(ast: Node) -> list[str]:
    found: list[str] = []

    def collect(node: Node) -> None:
        if node["t"] == "Image":
            found.append(node["c"][2][0])

    walk(ast, collect)
    return found


# Where a link in a Word or PDF file may lead: the web, e-mail, or a
# heading of the same document.
_SAFE_LINK = re.compile(r"(?:https?://[^\s/?#<>\"'\\]+[^\s<>\"'\\]*|mailto:[^\s<>\"'\\]+|#[A-Za-z0-9_.:-]+)",
                        re.IGNORECASE)
# Raw output a converter would copy into the file as it is.
_RAW_FORMATS = {"openxml", "typst", "tex", "latex", "context", "ms", "rtf", "icml", "opendocument"}


def check_targets(ast: Node, resources: str) -> None:
    """Every link leads to the web, e-mail or a heading of this document, and
    every image is a file of the document's own resources: never an absolute
    path, a parent folder or another host. A violation means text got past
    the render stage's escaping, so the build stops instead of publishing."""
    anchors = _anchors(ast)
    root = os.path.realpath(resources)
    problems: list[str] = []

    def visit(node: Node) -> None:
        kind = node["t"]
        if kind == "Link":
            target = node["c"][2][0]
            if not _SAFE_LINK.fullmatch(target) or (target.startswith("#") and target[1:] not in anchors):
                problems.append(f"link naar '{target[:80]}'")
        elif kind == "Image":
            target = node["c"][2][0]
            if not _inside(root, target):
                problems.append(f"afbeelding '{target[:80]}'")
        elif kind in ("RawBlock", "RawInline") and node["c"][0].lower() in _RAW_FORMATS:
            problems.append(f"ruwe {node['c'][0]}-code")

    walk(ast, visit)
    if problems:
        raise OutputError("het document bevat wat niet gepubliceerd mag worden: " + "; ".join(sorted(set(problems))))


def _inside(root: str, target: str) -> bool:
    if not target or ":" in target or "\\" in target or target.startswith("/"):
        return False
    normal = posixpath.normpath(target)
    if normal.startswith("../") or normal == "..":
        return False
    path = os.path.realpath(os.path.join(root, normal))
    return path.startswith(root + os.sep) and os.path.isfile(path)


def _anchors(ast: Node) -> set[str]:
    found: set[str] = set()

    def collect(node: Node) -> None:
        if node["t"] in ("Header", "Div", "Span") and node["c"]:
            attributes = node["c"][1] if node["t"] == "Header" else node["c"][0]
            if attributes and attributes[0]:
                found.add(attributes[0])

    walk(ast, collect)
    return found


def is_newpage(block: Node) -> bool:
    """The contract's page break: a paragraph holding only \\newpage (pandoc reads it as raw TeX)."""
    return block["t"] == "RawBlock" and block["c"][1].strip() in ("\\newpage", "\\pagebreak")


def replace_newpages(blocks: list[Node], raw_format: str, raw_text: str) -> list[Node]:
    """Turn \\newpage into the target's own page break; drop it before a chapter,
    which starts on a new page anyway (this avoids empty pages)."""
    result: list[Node] = []
    for index, block in enumerate(blocks):
        if not is_newpage(block):
            result.append(block)
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is None or (following["t"] == "Header" and following["c"][0] == 1):
            continue
        result.append(raw_block(raw_format, raw_text))
    return result


def raw_block(raw_format: str, text: str) -> Node:
    return {"t": "RawBlock", "c": [raw_format, text]}


def plain_inlines(text: str) -> list[Node]:
    """Text as pandoc inlines (words and spaces), so every writer escapes it itself."""
    inlines: list[Node] = []
    for index, word in enumerate(text.split()):
        if index:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def para(text: str) -> Node:
    return {"t": "Para", "c": plain_inlines(text)}


def styled_div(style: str, blocks: list[Node]) -> Node:
    """A Div whose paragraphs get a named Word style (pandoc's custom-style)."""
    return {"t": "Div", "c": [["", [], [["custom-style", style]]], blocks]}


STATUS_LABELS = {
    "concept": "Concept, niet vastgesteld",
    "vastgesteld": "Vastgesteld",
    "gepubliceerd": "Gepubliceerd (vaststelling niet vermeld)",
    "ingetrokken": "Ingetrokken",
}


# An IBT report is not a source document: big8 composes it from the others.
GENERATED_STATUS = "Samengesteld bij publicatie uit de gelezen documenten; niet vastgesteld"

FICTITIOUS = "Fictief voorbeeld: de organisatie en alle cijfers in dit document zijn verzonnen."


def title_page_facts(meta: DocumentMeta) -> list[tuple[str, str]]:
    """The label/value lines under the title, the same in Word and PDF."""
    facts = [("Let op", FICTITIOUS)] if meta.fictief else []
    if meta.soort == "ibt":
        facts.append(("Status", GENERATED_STATUS))
    else:
        facts.append(("Status", STATUS_LABELS.get(meta.status, meta.status) or "niet vermeld in de bron"))
    if meta.vastgesteld_op:
        facts.append(("Vastgesteld op", meta.vastgesteld_op))
    if meta.vastgesteld_door:
        facts.append(("Vastgesteld door", meta.vastgesteld_door))
    if meta.publicatie:
        facts.append(("Publicatie", meta.publicatie))
    return facts
