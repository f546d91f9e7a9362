"""What author Markdown in a text field may do, decided in one place.

Text in the YAML reaches a public website and the documents the college
signs, and not only the authors write it: partners send passages, text is
pasted from e-mail. So it is hostile until proven otherwise. Both
`big8 check` (which reports what a text may not do, with its location) and
the render stage (which escapes everything else) use the scanner below, so
what check accepts is exactly what the documents show.

A text may hold paragraphs, lists, emphasis, headings and pipe tables, and:
- links written inline, `[tekst](https://...)`, to http, https or mailto;
- figures from the project's own `figuren/` folder, `![alt](figuren/x.png)`,
  with alternative text;
- footnotes, `[^1]` with `[^1]: tekst` at the start of a line.
Everything else that Markdown, pandoc or mkdocs would turn into markup
(raw HTML, reference links, attribute lists, raw blocks, citations, spans,
autolinks) is shown as the text the author typed.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from .dutch import one_line

FIGURE_FOLDER = "figuren"
FIGURE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_LIST_DEPTH = 6

# An inline link or image: [text](target) or ![alt](target "title").
# The text holds no brackets, so nothing nests and scanning stays linear.
_CONSTRUCT = re.compile(
    r"(?P<image>!)?\[(?P<text>[^\[\]\n]*)\]\((?P<target>(?:[^()\s]|\([^()\s]*\))*)(?:[ \t]+\"(?P<title>[^\"\n]*)\")?\)"
    r"|\[\^(?P<note>[A-Za-z0-9_-]{1,40})\](?P<colon>:)?"
)
_SAFE_LINK = re.compile(r"(?:https?://[^\s/?#<>\"'\\]+[^\s<>\"'\\]*|mailto:[^\s<>\"'\\@/]+@[^\s<>\"'\\]+)", re.IGNORECASE)
_REFERENCE_DEFINITION = re.compile(
    r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)*[ \t]{0,3}\[(?P<name>[^\]\n^][^\]\n]*)\]:[ \t]*(?P<target>\S+)", re.MULTILINE)
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
# Characters that start markup in pandoc's or Python-Markdown's dialect
# when they are not part of an allowed construct.
_ESCAPE = re.compile(r"[\[\]{}]|\\(?=[A-Za-z])")


@dataclass(frozen=True)
class Problem:
    """Something a text may not do, at an offset in the text."""

    offset: int
    code: str
    message: str
    hint: str


def problems(text: str, figures: frozenset[str] | set[str] | None = None) -> list[Problem]:
    """Everything in `text` that would not be published as written.

    `figures`: the files in the project's figuren/ folder (paths such as
    "figuren/kaart.png"); None skips the check that a figure exists.
    """
    found: list[Problem] = []
    notes_used: dict[str, int] = {}
    notes_defined: dict[str, int] = {}
    for match in _constructs(text):
        if match.group("note"):
            at_line_start = match.start() == 0 or text[match.start() - 1] == "\n"
            if match.group("colon") and at_line_start:
                notes_defined.setdefault(match.group("note"), match.start())
            else:
                notes_used.setdefault(match.group("note"), match.start())
            continue
        target = match.group("target")
        if match.group("image"):
            found += _image_problems(match, target, figures)
        elif not match.group("text").strip():
            found.append(Problem(match.start(), "B8-T01", f"link naar '{one_line(target, 60)}' heeft geen tekst",
                                 "zet de tekst van de link tussen de blokhaken: [tekst](https://...)"))
        elif not _SAFE_LINK.fullmatch(target):
            found.append(Problem(match.start(), "B8-T01", f"link naar '{one_line(target, 60)}' is niet toegestaan",
                                 "link alleen naar een volledig webadres (https://...) of een e-mailadres "
                                 "(mailto:...); interne en andere links worden niet gepubliceerd"))
    for match in _REFERENCE_DEFINITION.finditer(text):
        found.append(Problem(match.start("name") - 1, "B8-T03",
                             f"verwijzingslink '[{one_line(match.group('name'), 60)}]: "
                             f"{one_line(match.group('target'), 60)}' wordt niet ondersteund",
                             "schrijf de link op de plek zelf: [tekst](https://...)"))
    for name, offset in sorted(notes_used.items(), key=lambda item: item[1]):
        if name not in notes_defined:
            found.append(Problem(offset, "B8-T05", f"voetnoot [^{name}] heeft geen tekst",
                                 f"voeg aan het eind van de tekst een regel toe die begint met [^{name}]: "))
    for name, offset in sorted(notes_defined.items(), key=lambda item: item[1]):
        if name not in notes_used:
            found.append(Problem(offset, "B8-T05", f"voetnoot [^{name}] wordt in de tekst nergens genoemd",
                                 f"zet [^{name}] in de tekst waar de voetnoot bij hoort, of verwijder haar"))
    depth, offset = _deepest_list(text)
    if depth > MAX_LIST_DEPTH:
        found.append(Problem(offset, "B8-T04", f"lijst is {depth} niveaus diep genest (maximaal {MAX_LIST_DEPTH})",
                             "maak de opsomming platter of verdeel haar over onderdelen"))
    return sorted(found, key=lambda p: p.offset)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span: a run of backticks up to the
    next run of the same length, within one paragraph."""
    spans: list[tuple[int, int]] = []
    for match in _CODE_SPAN.finditer(text):
        spans.append((match.start(), match.end()))
    return spans


def _constructs(text: str):
    """The links, figures and footnotes outside code spans."""
    position = 0
    for start, end in _code_spans(text) + [(len(text), len(text))]:
        yield from _CONSTRUCT.finditer(text, position, start)
        position = end


def _image_problems(match: re.Match, target: str, figures) -> list[Problem]:
    where = match.start()
    if not match.group("text").strip():
        return [Problem(where, "B8-T02", f"afbeelding '{one_line(target, 60)}' heeft geen alternatieve tekst",
                        "beschrijf de afbeelding tussen de blokhaken: ![beschrijving](figuren/naam.png)")]
    path = figure_path(target)
    if path is None:
        return [Problem(where, "B8-T02", f"afbeelding '{one_line(target, 60)}' staat niet in de map figuren/ van het project",
                        "zet de afbeelding (PNG of JPEG) in figuren/ en verwijs ernaar als figuren/naam.png; "
                        "afbeeldingen van andere websites of elders op de computer worden niet gepubliceerd")]
    if figures is not None and path not in figures:
        return [Problem(where, "B8-T02", f"afbeelding '{path}' bestaat niet in figuren/",
                        "controleer de bestandsnaam (hoofdletters tellen mee)")]
    return []


def figure_path(target: str) -> str | None:
    """The normalised path of a figure in the project's figuren/ folder, or
    None when the target could point anywhere else."""
    if not target or "\\" in target or ":" in target or target.startswith("/") or "%" in target:
        return None
    normal = posixpath.normpath(target)
    parts = normal.split("/")
    if len(parts) < 2 or parts[0] != FIGURE_FOLDER or ".." in parts or normal != target.rstrip("/"):
        return None
    if not normal.lower().endswith(FIGURE_SUFFIXES):
        return None
    return normal


def _deepest_list(text: str) -> tuple[int, int]:
    """The deepest nesting of list items, by indentation, and where the
    first item beyond the limit starts."""
    deepest, where = 0, 0
    indents: list[int] = []
    for match in _LIST_ITEM.finditer(text):
        indent = len(match.group("indent").expandtabs(4))
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        if len(indents) > MAX_LIST_DEPTH and not where:
            where = match.start() + indent
        deepest = max(deepest, len(indents))
    return deepest, where


# ---------------------------------------------------------------- rendering


def render(text: str, note_prefix: str = "", figure_prefix: str = "") -> str:
    """Author Markdown as safe Markdown for pandoc and Python-Markdown.

    Allowed links, figures and footnotes pass (footnote labels get
    `note_prefix`, so two texts in one document cannot collide; figure paths
    get `figure_prefix`); everything else that could become markup is
    escaped and shows as typed. A construct that `problems()` reports is
    never emitted as markup, even when the check was bypassed.
    """
    text = str(text).strip()
    out: list[str] = []
    position = 0
    for start, end in _code_spans(text):
        out.append(_render_markup(text, position, start, note_prefix, figure_prefix))
        out.append(text[start:end])  # code is literal in pandoc and Python-Markdown alike
        position = end
    out.append(_render_markup(text, position, len(text), note_prefix, figure_prefix))
    return "".join(out)


def _render_markup(text: str, start: int, end: int, note_prefix: str, figure_prefix: str) -> str:
    out: list[str] = []
    position = start
    for match in _CONSTRUCT.finditer(text, start, end):
        out.append(escape(text[position:match.start()]))
        out.append(_construct(text, match, note_prefix, figure_prefix))
        position = match.end()
    out.append(escape(text[position:end]))
    return "".join(out)


def _construct(text: str, match: re.Match, note_prefix: str, figure_prefix: str) -> str:
    if match.group("note"):
        label = f"[^{note_prefix}{match.group('note')}]"
        if not match.group("colon"):
            return label
        at_line_start = match.start() == 0 or text[match.start() - 1] == "\n"
        return label + ":" if at_line_start else label + escape(":")
    label, target = match.group("text"), match.group("target")
    if match.group("image"):
        path = figure_path(target)
        if path is None or not label.strip():
            return escape(match.group(0))
        return f"![{escape(label)}]({figure_prefix}{path})"
    if not label.strip() or not _SAFE_LINK.fullmatch(target):
        return escape(label)  # the link's words stay, the target goes
    return f"[{escape(label)}]({target})"


def escape(text: str) -> str:
    """Text in which no markup can start: HTML shown as text, and every
    bracket, brace and backslash-word escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _ESCAPE.sub(lambda m: "\\" + m.group(0), text)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Line (from 0) and column (from 0) of an offset within a text."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start
