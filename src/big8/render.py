"""Stage 5, render: turn the checked model into Markdown, through Jinja2 templates.

Per document one Markdown text (the source of the Word and PDF files, and,
split per chapter, of the website), its figures as SVG, and the site's own
pages: home, organisations, focuspunten across years, the consistency report
and the traceability matrix. Organisations change wording and layout in
`templates/` without touching this code.

All text from YAML passes through one of three filters before it reaches
Markdown: `md` (prose: Markdown allowed, raw HTML escaped, unsafe links
neutralised), `tekst` (a plain phrase) and `cel` (a plain table cell).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import jinja2

from . import charts, dutch, prose
from .checks.hours import table_planned_hours
from .diagnostics import Diagnostic, count_by_severity
from .link import iter_hour_lines
from .model import Document, Project
from .outputs import DocumentMeta
from .resources import Resources
from .risk import risk_class, risk_score
from .validate import Schemas

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


@dataclass
class RenderedDocument:
    meta: DocumentMeta
    organisation: str  # organisation id
    markdown: str
    figures: dict[str, str] = field(default_factory=dict)  # "figuren/x.svg" -> SVG text
    # The author's own figures: "eigen/figuren/x.png" -> the file in the project.
    images: dict[str, str] = field(default_factory=dict)
    # Every author text in the document, to name the field when a converter fails.
    fragments: list[Fragment] = field(default_factory=list)


@dataclass
class Rendered:
    documents: list[RenderedDocument]
    site_pages: dict[str, str]  # path inside the site source -> Markdown
    site_figures: dict[str, str]  # path inside the site source -> SVG text
    site_images: dict[str, str] = field(default_factory=dict)  # path inside the site source -> project file
    site_fragments: list[Fragment] = field(default_factory=list)


# ---------------------------------------------------------------- escaping

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|!{}])")


def escape_html(text: str) -> str:
    return "".join(_HTML.get(character, character) for character in text)


@dataclass
class Fragment:
    """One author text as it went into a document, and where it came from,
    so that a converter that chokes on a document can be told which field."""

    markdown: str
    location: str  # "policy/x.yaml:12:5 (samenvatting)", or "" when unknown


class TextSources:
    """Author texts of the documents being rendered, by object identity: the
    strings the templates receive are the very strings the loader built."""

    def __init__(self) -> None:
        self.places: dict[int, str] = {}
        self.fragments: list[Fragment] = []
        self.notes = 0

    def add_document(self, document: Document) -> None:
        for path, value in _strings(document.data, ()):
            self.places.setdefault(id(value), f"{document.location(path)} ({_field_name(path)})")

    def start(self) -> None:
        """A new output document: footnote labels and fragments start afresh."""
        self.fragments, self.notes = [], 0

    def prose(self, value) -> str:
        self.notes += 1
        markdown = prose.render(str(value), note_prefix=f"n{self.notes}-", figure_prefix=FIGURE_PREFIX)
        self.fragments.append(Fragment(markdown, self.places.get(id(value), "")))
        return markdown


# Author figures live in the document's resources beside big8's own.
FIGURE_PREFIX = "eigen/"


def _strings(value, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, path + (key,))
    elif isinstance(value, list):
        for number, child in enumerate(value):
            yield from _strings(child, path + (number,))


def _field_name(path: tuple) -> str:
    return ".".join(str(step) if isinstance(step, str) else f"[{step}]" for step in path).replace(".[", "[")


def markdown_prose(value, sources: TextSources | None = None) -> str:
    """Author Markdown made safe (see `prose.py`): raw HTML shown as text,
    only http(s) and mailto links, figures only from figuren/."""
    if sources is not None:
        return sources.prose(value)
    return prose.render(str(value), figure_prefix=FIGURE_PREFIX)


def markdown_inline(value, sources: TextSources | None = None) -> str:
    """Prose on one line (a list item)."""
    return " ".join(markdown_prose(value, sources).split())


def plain(value) -> str:
    """A phrase shown literally: no Markdown, no HTML."""
    text = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape_html(text))


_SOURCE_NUMBER = re.compile(r"^\s*(\d+(\.\d+)*\.?)\s+(?=\S)")


def heading(value) -> str:
    """A heading without the source's own section number ("2.4.1 Omgevingswet"):
    big8 numbers headings itself, and the `bron` field keeps the reference."""
    return plain(_SOURCE_NUMBER.sub("", str(value)))


def front_matter_text(value) -> str:
    """A quoted YAML string for a page's front matter. Theme templates print
    it as HTML (in <title>, the header and the navigation), so it is written
    with entities: "score < 5" stays "score < 5" and no tag can form. The
    theme's footer, which escapes it once more, is overridden to unescape
    first (templates/site/overrides/partials/footer.html)."""
    import html
    import json

    return json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False)


def unescape_markdown(text: str) -> str:
    """The plain text of a phrase that `plain()` escaped."""
    import html

    return html.unescape(re.sub(r"\\([\\`*_\[\]#|!{}])", r"\1", text))


def cell(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dutch.number(value)
    return plain(value)


def dutch_date(value) -> str:
    if isinstance(value, datetime.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return str(value or "")


def markdown_table(headers: list[str], rows: list[list], widths: list[int] | None = None,
                   right: tuple[int, ...] = ()) -> str:
    """A pipe table; `rows` hold ready Markdown cells. `widths` set relative
    column widths (pandoc reads them from the dashes of the separator)."""
    widths = widths or [10] * len(headers)
    separator = [("" if i in right else ":") + "-" * max(3, w) + (":" if i in right else "")
                 for i, w in enumerate(widths)]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(separator) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(c).replace("\n", " ") for c in row) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------- environment

def environment(template_dirs: list[str], schemas: Schemas, sources: TextSources | None = None) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dirs), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(md=lambda value: markdown_prose(value, sources),
                       md_regel=lambda value: markdown_inline(value, sources),
                       tekst=plain, kop=heading, cel=cell,
                       meta=front_matter_text,
                       datum=dutch_date,
                       getal=dutch.number, uren=dutch.hours, procent=dutch.percent,
                       label=lambda value, vocabulary: schemas.label(vocabulary, value))
    env.globals.update(tabel=markdown_table, risicoklasse=risk_class, risicoscore=risk_score)
    return env


# ---------------------------------------------------------------- documents

def render(project: Project, report: dict, diagnostics: list[Diagnostic], schemas: Schemas,
           resources: Resources, downloads: tuple[str, ...] = ("docx", "pdf"),
           figures: dict[str, str] | None = None) -> Rendered:
    """`downloads`: the file types the build also makes, so the site links only to files that exist.
    `figures`: the project's own figure files ("figuren/x.png" -> path) that texts show."""
    sources = TextSources()
    for document in project.documents:
        sources.add_document(document)
    env = environment(resources.template_dirs(), schemas, sources)
    documents = []
    for document in _publishable(project):
        sources.start()
        if document.kind == "beleid":
            rendered = render_policy(env, project, document)
        else:
            rendered = render_programme(env, project, report, document)
        rendered.fragments = sources.fragments
        rendered.images = _author_images(rendered.markdown, figures or {})
        documents.append(rendered)
    sources.start()
    pages, site_figures = render_site(env, project, report, diagnostics, documents, downloads)
    site_images = {f"{r.organisation}/{r.meta.slug}/{path}": source
                   for r in documents for path, source in r.images.items()}
    for path, page in pages.items():
        folder = path.rpartition("/")[0]
        for image, source in _author_images(page, figures or {}).items():
            site_images.setdefault(f"{folder}/{image}" if folder else image, source)
    rendered_all = Rendered(documents, pages, site_figures, site_images, sources.fragments)
    return rendered_all


_AUTHOR_IMAGE = re.compile(r"\]\((" + re.escape(FIGURE_PREFIX) + r"figuren/[^)\s]+)\)")


def _author_images(markdown: str, figures: dict[str, str]) -> dict[str, str]:
    """The author figures a Markdown text shows, with the project file each one is."""
    found = {}
    for match in _AUTHOR_IMAGE.finditer(markdown):
        path = match.group(1)
        source = figures.get(path[len(FIGURE_PREFIX):])
        if source is not None:
            found[path] = source
    return found


def _publishable(project: Project) -> list[Document]:
    documents = list(project.policies.values()) + list(project.programmes.values())
    return sorted(documents, key=lambda d: (d.organisation, d.kind, d.id))


def document_meta(project: Project, document: Document) -> DocumentMeta:
    data = document.data
    organisation = project.organisations.get(document.organisation)
    adoption = data.get("vaststelling", {})
    if document.kind == "beleid":
        start, end = data["periode"]["van"], data["periode"].get("tot")
        period = f"{start}-{end}" if end else f"vanaf {start}"
    else:
        period = str(data["jaar"])
    return DocumentMeta(
        slug=document.id, soort=document.kind, titel=data["titel"],
        organisatie=organisation.data["naam"] if organisation else document.organisation,
        periode=period, status=data["status"], vastgesteld_op=dutch_date(adoption.get("datum")),
        vastgesteld_door=adoption.get("door", ""), publicatie=adoption.get("publicatie", ""))


def render_policy(env: jinja2.Environment, project: Project, document: Document) -> RenderedDocument:
    index = project.index(document)
    data = document.data
    figures = {}
    rows = data.get("analyses", {}).get("risicoanalyse", {}).get("rijen", [])
    counts: dict[tuple[int, int], int] = {}
    for row in rows:
        counts[(row["kans"], row["effect"])] = counts.get((row["kans"], row["effect"]), 0) + 1
    figures["figuren/risicomatrix.svg"] = charts.risk_matrix(counts, "Risicomatrix: kans × effect")
    tree = goal_tree_nodes(project, document)
    if tree:
        figures["figuren/doelenboom.svg"] = charts.goal_tree(tree, f"Doelenboom {data['titel']}")
    context = {
        "d": data, "meta": document_meta(project, document), "figuren": figures,
        "organisaties": {k: v.data for k, v in project.organisations.items()},
        "risicorijen": [dict(r, score=risk_score(r["kans"], r["effect"]),
                             klasse=risk_class(r["kans"], r["effect"])[1]) for r in rows],
        "focuspunten": {f.id: f.data for f in index.all("focuspunt")},
        "doelen": {g.id: g.data for g in index.all("doel")},
    }
    markdown = env.get_template("document/beleid.md.j2").render(**context)
    return RenderedDocument(document_meta(project, document), document.organisation, _tidy(markdown), figures)


def goal_tree_nodes(project: Project, policy: Document) -> list[dict]:
    index = project.index(policy)
    goals = index.all("doel")
    nodes = []

    def add(goal, level):
        level_name = {"algemeen": "Algemeen doel", "hoofddoel": "Hoofddoel", "beleidsdoel": "Beleidsdoel"}
        text = goal.data.get("tekst") or goal.data.get("thema", "")
        if not goal.data.get("tekst") and goal.data.get("categorie"):
            text += f" ({goal.data['categorie']})"
        nodes.append({"niveau": level, "soort": level_name[goal.data["niveau"]], "tekst": text})
        for indicator in index.all("indicator"):
            if indicator.parent == goal.id:
                target = indicator.data.get("streefwaarde_tekst")
                nodes.append({"niveau": level + 1, "soort": "Indicator",
                              "tekst": indicator.data["omschrijving"] + (f" (streefwaarde: {target})" if target else "")})
        for child in goals:
            if child.parent == goal.id and child.id != goal.id:
                add(child, level + 1)

    roots = [g for g in goals if g.data["niveau"] == "algemeen"]
    known = {g.id for g in goals}
    for root in roots:
        add(root, 0)
    for goal in goals:  # goals whose parent is missing hang under the root level
        if goal.data["niveau"] != "algemeen" and (not goal.parent or goal.parent not in known):
            add(goal, 1 if roots else 0)
    return nodes


def render_programme(env: jinja2.Environment, project: Project, report: dict, document: Document) -> RenderedDocument:
    data = document.data
    policy = project.policy_of(document)
    policy_index = project.index(policy) if policy else None
    balance: list[dict] = next((c["regels"] for c in report.get("capaciteit", []) if c["programma"] == document.id), [])
    matrix = next((t for t in report.get("traceerbaarheid", []) if t["programma"] == document.id), None)
    figures = {}
    for discipline in sorted({row["discipline"] for row in balance}):
        rows = [{"label": row["taakveld"], "beschikbaar": row["beschikbaar"], "gepland": row["gepland"]}
                for row in balance if row["discipline"] == discipline and row["beschikbaar"] is not None
                and row["tabellen"]]
        if rows:
            figures[f"figuren/capaciteit-{discipline}.svg"] = charts.capacity_chart(
                rows, f"Capaciteit {discipline}: beschikbaar en gepland (uren)")
    goals = {g.id: g.data for g in policy_index.all("doel")} if policy_index else {}
    meta = document_meta(project, document)
    context = {
        "d": data, "meta": meta, "figuren": figures, "balans": balance,
        "matrix": matrix, "beleid": policy.data if policy else {}, "doelen": goals,
        "indicatoren": {i.id: i.data for i in policy_index.all("indicator")} if policy_index else {},
        "urentabellen": [_hours_table(table, goals) for table in data.get("urentabellen", [])],
    }
    markdown = env.get_template("document/uitvoeringsprogramma.md.j2").render(**context)
    return RenderedDocument(meta, document.organisation, _tidy(markdown), figures)


def _hours_table(table: dict, goals: dict[str, dict]) -> dict:
    """Rows for a planned-hours table, sub-lines indented, with stated figures
    and the goals each line serves by their text, not their id."""
    rows = []
    for line, path, _parent in iter_hour_lines(table.get("regels", []), (), table["id"]):
        depth = sum(1 for step in path if step == "regels")
        details = [line.get("uitleg"), "; ".join(line.get("onderdelen", [])) or None,
                   line.get("wijze_van_toezicht"), line.get("opmerkingen")]
        rows.append({"product": line["product"], "diepte": depth, "toelichting": " — ".join(d for d in details if d),
                     "aantal": line.get("aantal"), "normuren": line.get("normuren"), "uren": line.get("uren"),
                     "doelen": [_goal_name(goals, ref) for ref in line.get("doelen", [])],
                     "heeft_deelregels": bool(line.get("regels"))})
    has_hours = any(r["uren"] is not None for r in rows)
    return {"data": table, "rijen": rows, "heeft_uren": has_hours,
            "heeft_aantallen": any(r["aantal"] is not None or r["normuren"] is not None for r in rows),
            "som": table_planned_hours(table) if has_hours else None}


def _goal_name(goals: dict[str, dict], reference: str) -> str:
    goal = goals.get(reference.rpartition(":")[2], {})
    text = " ".join(str(goal.get("tekst") or goal.get("thema") or reference).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _tidy(markdown: str) -> str:
    """Collapse runs of blank lines the templates leave behind, and make
    heading levels consecutive: author Markdown inside a text field may
    start at any level, but an accessible document (PDF/UA, WCAG) never
    skips one."""
    lines, previous = [], 0
    for line in re.sub(r"\n{3,}", "\n\n", markdown).strip().split("\n"):
        match = re.match(r"^(#{1,6}) ", line)
        if match:
            level = min(len(match.group(1)), previous + 1)
            line = "#" * level + line[len(match.group(1)):]
            previous = level
        lines.append(line)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- site

def split_chapters(markdown: str) -> list[tuple[str, str]]:
    """Split a document at its level-1 headings: [(heading, markdown)]."""
    chapters: list[tuple[str, list[str]]] = []
    for line in markdown.splitlines():
        if line.startswith("# "):
            title = re.sub(r"\s*(?<!\\)\{[^}]*\}\s*$", "", line[2:]).strip()
            chapters.append((unescape_markdown(title), [line]))
        elif chapters:
            chapters[-1][1].append(line)
    return [(title, "\n".join(lines).strip() + "\n") for title, lines in chapters]


def slugify(text: str) -> str:
    text = text.lower().replace("ë", "e").replace("é", "e").replace("ï", "i")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "hoofdstuk"


def render_site(env: jinja2.Environment, project: Project, report: dict, diagnostics: list[Diagnostic],
                documents: list[RenderedDocument], downloads: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    pages: dict[str, str] = {}
    figures: dict[str, str] = {}
    entries: list[dict] = []
    for rendered in documents:
        folder = f"{rendered.organisation}/{rendered.meta.slug}"
        chapters = []
        for number, (title, text) in enumerate(split_chapters(rendered.markdown), start=1):
            name = f"{number:02d}-{slugify(title)}.md"
            text = text.replace("\\newpage", "")
            pages[f"{folder}/{name}"] = _page(env, rendered.meta, title, text)
            chapters.append({"titel": title, "bestand": name})
        for path, svg in rendered.figures.items():
            figures[f"{folder}/{path}"] = svg
        findings = [d for d in diagnostics if d.document == rendered.meta.slug]
        pages[f"{folder}/index.md"] = env.get_template("site/document.md.j2").render(
            meta=rendered.meta, hoofdstukken=chapters, bevindingen=count_by_severity(findings), downloads=downloads)
        entries.append({"meta": rendered.meta, "organisatie": rendered.organisation, "map": folder})
    organisations = sorted({str(e["organisatie"]) for e in entries})
    for organisation in organisations:
        entity = project.organisations.get(organisation)
        pages[f"{organisation}/index.md"] = env.get_template("site/organisatie.md.j2").render(
            organisatie=entity.data if entity else {"naam": organisation, "id": organisation},
            documenten=[e for e in entries if e["organisatie"] == organisation],
            organisaties={k: v.data for k, v in project.organisations.items()})
    pages["index.md"] = env.get_template("site/home.md.j2").render(
        documenten=entries, organisaties={k: v.data for k, v in project.organisations.items()},
        telling=count_by_severity(diagnostics))
    pages.update(_focuspunt_pages(env, project, report))
    pages["controle/index.md"] = env.get_template("site/controle.md.j2").render(
        bevindingen=_findings_by_document(project, diagnostics), telling=count_by_severity(diagnostics),
        capaciteit=report.get("capaciteit", []), totalen=report.get("totalen", []),
        toezichtprofielen=report.get("toezichtprofielen", []))
    pages["controle/traceerbaarheid.md"] = env.get_template("site/traceerbaarheid.md.j2").render(
        matrices=report.get("traceerbaarheid", []))
    return pages, figures


def _page(env: jinja2.Environment, meta: DocumentMeta, title: str, text: str) -> str:
    return env.get_template("site/hoofdstuk.md.j2").render(meta=meta, titel=title, tekst=text)


def _findings_by_document(project: Project, diagnostics: list[Diagnostic]) -> list[dict]:
    groups: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        groups.setdefault(diagnostic.location.file, []).append(diagnostic)
    return [{"bestand": file, "document": items[0].document, "bevindingen": items}
            for file, items in sorted(groups.items())]


def _focuspunt_pages(env: jinja2.Environment, project: Project, report: dict) -> dict[str, str]:
    pages: dict[str, str] = {}
    overview = []
    for policy in sorted(project.policies.values(), key=lambda d: d.id):
        index = project.index(policy)
        for focuspunt in index.all("focuspunt"):
            years = []
            for matrix in sorted((m for m in report.get("traceerbaarheid", []) if m["beleid"] == policy.id),
                                 key=lambda m: m["jaar"]):
                programme = project.programmes[matrix["programma"]]
                taken_up = next((f for f in programme.data.get("focuspunten", [])
                                 if f["focuspunt"].rpartition(":")[2] == focuspunt.id), None)
                rows = [r for r in matrix["rijen"] if r["focuspunt"] and r["focuspunt"]["id"] == focuspunt.id]
                lines = [line.data for line in project.index(programme).all("urenregel")
                         if focuspunt.id in [f.rpartition(":")[2] for f in line.data.get("focuspunten", [])]]
                years.append({"jaar": matrix["jaar"], "programma": programme.data["titel"],
                              "map": f"{programme.organisation}/{programme.id}", "status": taken_up,
                              "rijen": rows, "regels": lines})
            goals = [g.data for g in index.all("doel") if g.data.get("focuspunt") == focuspunt.id]
            goal_ids = {g["id"] for g in goals}
            goals += [g.data for g in index.all("doel") if g.parent in goal_ids and g.id not in goal_ids]
            indicators = [i.data | {"doel": i.parent} for i in index.all("indicator")
                          if i.parent in {g["id"] for g in goals}]
            # A folder per policy: ids hold no "/", so names cannot collide.
            name = f"focuspunten/{policy.id}/{focuspunt.id}.md"
            pages[name] = env.get_template("site/focuspunt.md.j2").render(
                focuspunt=focuspunt.data, beleid=policy.data, beleidsmap=f"{policy.organisation}/{policy.id}",
                doelen=goals, indicatoren=indicators, jaren=years)
            overview.append({"beleid": policy.data, "focuspunt": focuspunt.data, "bestand": name.partition("/")[2]})
    pages["focuspunten/index.md"] = env.get_template("site/focuspunten.md.j2").render(focuspunten=overview)
    return pages
