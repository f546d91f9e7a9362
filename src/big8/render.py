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

from . import cache, charts, dutch, prose
from .checks.hours import table_planned_hours
from .diagnostics import Diagnostic, count_by_severity
from .link import iter_hour_lines
from .model import Document, Project, strings, taakveld_key
from .outputs import DocumentMeta
from .reference import reference_pages
from .render_ibt import ibt_documents, ibt_overview
from .render_region import region_pages
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

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|!{}])")


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        for path, value in strings(document.data):
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
    """A heading as the source writes it, its own number included ("2.4.1
    Omgevingswet"): documents are not numbered by big8, so that "hoofdstuk 3"
    in the text stays the chapter the source calls 3."""
    return plain(str(value))


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


def dutch_month(value) -> str:
    """"2022-11" -> "november 2022"; a full date as dutch_date."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(value))
    if not match:
        return str(value)
    year, month, day = match.groups()
    return (f"{int(day)} " if day else "") + f"{MONTHS[int(month) - 1]} {year}"


def markdown_table(headers: list[str], rows: list[list], widths: list[int] | None = None,
                   right: tuple[int, ...] = ()) -> str:
    """A pipe table; `rows` hold ready Markdown cells. `widths` set relative
    column widths (pandoc reads them from the dashes of the separator). A
    table without rows is left out: a header alone says nothing."""
    if not rows:
        return ""
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
                             bytecode_cache=cache.template_cache(),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    def taakveld_name(key) -> str:
        labels = [schemas.label("taakvelden", part) for part in str(key).split("+")]
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " en " + labels[-1]

    env.filters.update(md=lambda value: markdown_prose(value, sources),
                       md_regel=lambda value: markdown_inline(value, sources),
                       tekst=plain, kop=heading, cel=cell, maand=dutch_month,
                       taakveldnaam=taakveld_name, taakveld=lambda item: taakveld_name(taakveld_key(item)),
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
    return Renderer(schemas, resources).render(project, report, diagnostics, downloads, figures)


class Renderer:
    """Renders a project, and again after a change: the templates are
    compiled once, and a document whose inputs did not change is taken from
    the previous render (the live preview re-renders only what a saved
    file affects)."""

    def __init__(self, schemas: Schemas, resources: Resources):
        self.sources = TextSources()
        self.env = environment(resources.template_dirs(), schemas, self.sources)
        self.resources = resources
        self.cache: dict[str, tuple[str, RenderedDocument]] = {}
        self.rendered_documents = 0  # how many documents the last render really rendered

    def render(self, project: Project, report: dict, diagnostics: list[Diagnostic],
               downloads: tuple[str, ...] = ("docx", "pdf"), figures: dict[str, str] | None = None) -> Rendered:
        self.sources.places.clear()
        for document in project.documents:
            self.sources.add_document(document)
        documents, self.rendered_documents, cache = [], 0, {}
        for document in _publishable(project):
            key = _input_key(project, report, document, figures or {})
            cached = self.cache.get(document.id)
            if cached is not None and cached[0] == key:
                rendered = cached[1]
            else:
                rendered = self._render_document(project, report, document, figures or {})
                self.rendered_documents += 1
            cache[document.id] = (key, rendered)
            documents.append(rendered)
        self.cache = cache
        documents += ibt_documents(self.env, project, report)
        self.sources.start()
        pages, site_figures = render_site(self.env, project, report, diagnostics, documents, downloads)
        pages.update(reference_pages(self.resources))
        if any(d.meta.fictief for d in documents):
            # An example project: every page says it is made up.
            pages = {path: _mark_fictitious(text) if path.endswith(".md") else text for path, text in pages.items()}
        site_images = {f"{r.organisation}/{r.meta.slug}/{path}": source
                       for r in documents for path, source in r.images.items()}
        for path, page in pages.items():
            folder = path.rpartition("/")[0]
            for image, source in _author_images(page, figures or {}).items():
                site_images.setdefault(f"{folder}/{image}" if folder else image, source)
        return Rendered(documents, pages, site_figures, site_images, self.sources.fragments)

    def _render_document(self, project: Project, report: dict, document: Document,
                         figures: dict[str, str]) -> RenderedDocument:
        self.sources.start()
        if document.kind == "beleid":
            rendered = render_policy(self.env, project, document)
        elif document.kind == "uitvoeringsprogramma":
            rendered = render_programme(self.env, project, report, document)
        elif document.kind in ("monitoring", "jaarverslag"):
            rendered = render_report(self.env, project, report, document)
        else:
            rendered = render_regional(self.env, project, report, document)
        rendered.fragments = self.sources.fragments
        rendered.images = _author_images(rendered.markdown, figures)
        return rendered


def _input_key(project: Project, report: dict, document: Document, figures: dict[str, str]) -> str:
    """Everything a document's rendering reads: its own data, the policy it
    executes, the organisations, the vocabulary, and its part of the report."""
    import hashlib
    import json

    policy = project.policy_of(document) if document.kind == "uitvoeringsprogramma" else None
    parts = {"data": document.data, "beleid": policy.data if policy else None,
             "organisaties": {k: v.data for k, v in project.organisations.items()},
             "vocabulaire": project.vocabulary, "figuren": sorted(figures),
             "rapport": {part: [e for e in entries if e.get("programma") == document.id]
                         for part, entries in report.items()}}
    encoded = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


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
    documents = [d for d in [*project.policies.values(), *project.programmes.values(), *project.reports.values(),
                             *project.agendas.values(), *project.evaluations.values()]
                 if project.in_scope(d)]
    return sorted(documents, key=lambda d: (d.organisation, cycle_order(project, d)))


def cycle_order(project: Project, document: Document) -> str:
    """A sort key in the order of the cycle: the policy, then per year the
    programme, its monitoring reports by peildatum, and its jaarverslag."""
    data = document.data
    if document.kind == "beleid":
        return f"0-{data['periode']['van']}-{document.id}"
    if document.kind == "uitvoeringsprogramma":
        return f"1-{data['jaar']}-0--{document.id}"
    if document.kind not in ("monitoring", "jaarverslag"):
        return f"2-{document.kind}-{document.id}"
    programme = project.programme_of(document)
    year = programme.data["jaar"] if programme else ""
    step = 1 if document.kind == "monitoring" else 2
    return f"1-{year}-{step}-{data.get('peildatum', '')}-{document.id}"


def document_meta(project: Project, document: Document) -> DocumentMeta:
    data = document.data
    organisation = project.organisations.get(document.organisation)
    adoption = data.get("vaststelling", {})
    if document.kind == "beleid":
        start, end = data["periode"]["van"], data["periode"].get("tot")
        period = f"{start}-{end}" if end else f"vanaf {start}"
    elif document.kind in ("monitoring", "jaarverslag"):
        programme = project.programme_of(document)
        year = programme.data["jaar"] if programme else ""
        name = (data.get("periode") or {}).get("naam")
        period = f"{project.label('rapportageperiodes', name)} {year}" if name else str(year)
    elif "jaar" in data:
        period = str(data["jaar"])
    else:
        span = data.get("periode") or {}
        period = (f"{span['van']}-{span['tot']}" if span.get("tot") else f"vanaf {span['van']}") if span else ""
    return DocumentMeta(
        slug=document.id, soort=document.kind, titel=data["titel"],
        organisatie=organisation.data["naam"] if organisation else document.organisation,
        periode=period, status=data.get("status", ""), vastgesteld_op=dutch_date(adoption.get("datum")),
        vastgesteld_door=adoption.get("door", ""), publicatie=adoption.get("publicatie", ""),
        fictief=bool(organisation and organisation.data.get("fictief")), volgorde=cycle_order(project, document))


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
        "gegevens": accountability_rows(project, document), "verantwoording": ACCOUNTABILITY,
        "organisaties": {k: v.data for k, v in project.organisations.items()},
        "risicorijen": [dict(r, score=risk_score(r["kans"], r["effect"]),
                             klasse=risk_class(r["kans"], r["effect"])[1]) for r in rows],
        "focuspunten": {f.id: f.data for f in index.all("focuspunt")},
        "doelen": {g.id: g.data for g in index.all("doel")},
    }
    markdown = env.get_template("document/beleid.md.j2").render(**context)
    return RenderedDocument(document_meta(project, document), document.organisation, _tidy(markdown), figures)


# The closing words of every document: what the reader holds, in the
# language of the domain, and what was computed rather than copied.
ACCOUNTABILITY = ("De tekst in deze uitgave is die van het brondocument. Tabellen en figuren die zeggen dat ze "
                  "berekend of samengesteld zijn (zoals de capaciteitsbalans), zijn afgeleid uit de cijfers van "
                  "het document zelf.")


def accountability_rows(project: Project, document: Document) -> list[list[str]]:
    """The facts of the document for its closing table; only what is known."""
    data = document.data
    adoption = data.get("vaststelling", {})
    meta = document_meta(project, document)
    rows = [("Organisatie", meta.organisatie), ("Periode" if document.kind == "beleid" else "Jaar", meta.periode),
            ("Status", project.label("statussen", meta.status))]
    if document.kind == "uitvoeringsprogramma":
        policy = project.policy_of(document)
        if policy is not None:
            rows.append(("Voert uit", policy.data["titel"]))
    if document.kind in ("monitoring", "jaarverslag"):
        programme = project.programme_of(document)
        if programme is not None:
            rows.append(("Over", programme.data["titel"]))
        rows.append(("Peildatum", dutch_date(data.get("peildatum"))))
    rows += [("Vastgesteld door", meta.vastgesteld_door), ("Vastgesteld op", meta.vastgesteld_op),
             ("Ondertekend op", dutch_date(adoption.get("ondertekening"))),
             ("In werking op", dutch_date(adoption.get("inwerkingtreding"))),
             ("Publicatie", meta.publicatie), ("Gepubliceerd op", dutch_date(adoption.get("publicatiedatum")))]
    # bronbestand is the encoder's note of where the text came from, a file
    # name that tells a reader nothing: it is never published.
    return [[cell(label), cell(value)] for label, value in rows if value]


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
        rows = [{"label": project.label("taakvelden", row["taakveld"]), "beschikbaar": row["beschikbaar"],
                 "gepland": row["gepland"]}
                for row in balance if row["discipline"] == discipline and row["beschikbaar"] is not None
                and row["tabellen"]]
        if rows:
            figures[f"figuren/capaciteit-{discipline}.svg"] = charts.capacity_chart(
                rows, f"Capaciteit {project.label('disciplines', discipline).lower()}: beschikbaar en gepland (uren)")
    goals = {g.id: g.data for g in policy_index.all("doel")} if policy_index else {}
    meta = document_meta(project, document)
    context = {
        "d": data, "meta": meta, "figuren": figures, "balans": balance,
        "gegevens": accountability_rows(project, document), "verantwoording": ACCOUNTABILITY,
        "organisaties": {k: v.data for k, v in project.organisations.items()},
        "focuspunten": {f.id: f.data for f in policy_index.all("focuspunt")} if policy_index else {},
        "toezichtprofielen": {p["profiel"]: p for p in report.get("toezichtprofielen", [])
                              if p["programma"] == document.id},
        "matrix": matrix, "beleid": policy.data if policy else {}, "doelen": goals,
        "indicatoren": {i.id: i.data for i in policy_index.all("indicator")} if policy_index else {},
        "urentabellen": [_hours_table(table, goals) for table in data.get("urentabellen", [])],
    }
    markdown = env.get_template("document/uitvoeringsprogramma.md.j2").render(**context)
    return RenderedDocument(meta, document.organisation, _tidy(markdown), figures)


def render_report(env: jinja2.Environment, project: Project, report: dict, document: Document) -> RenderedDocument:
    """A monitoring report or jaarverslag: the realisation the check computed
    (report["rapportages"]), with figures and the report's own texts."""
    data = document.data
    programme = project.programme_of(document)
    policy = project.policy_of(programme) if programme else None
    policy_index = project.index(policy) if policy else None
    entry: dict = next((r for r in report.get("rapportages", []) if r["rapport"] == document.id),
                 {"taakvelden": [], "tabellen": [], "regels": [], "indicatoren": [], "jaar": ""})
    monitoring = document.kind == "monitoring"
    for indicator in entry["indicatoren"]:
        indicator["tekst_waarde"] = _measured(indicator) if indicator["waarde"] is not None else ""
    figures = {}
    rows = [{"label": f"{project.label('taakvelden', t['taakveld'])} ({project.label('disciplines', t['discipline']).lower()})",
             "gepland": t["gepland"], "gerealiseerd": t["gerealiseerd"],
             "prognose": None if t["ontbreekt"] else t["prognose"]} for t in entry["taakvelden"]]
    if rows:
        figures["figuren/uren.svg"] = charts.realisation_chart(rows, "Uren per taakveld: gepland en gerealiseerd", monitoring)
    measured = [i for i in entry["indicatoren"] if i["waarde"] is not None and not isinstance(i["waarde"], bool)]
    if measured:
        figures["figuren/doelen.svg"] = charts.target_chart(
            [{"label": i["omschrijving"], "waarde": i["waarde"], "streefwaarde": i["streefwaarde"] if not
              isinstance(i["streefwaarde"], bool) else None, "eenheid": i["eenheid"], "gehaald": i["gehaald"],
              "tekst": i["streefwaarde_tekst"] or dutch.number(i["streefwaarde"] or 0),
              "tekst_waarde": _measured(i)} for i in measured], "Doelen: gemeten waarde en streefwaarde")
    period_name = project.label("rapportageperiodes", (data.get("periode") or {}).get("naam") or "") or "rapportage"
    meta = document_meta(project, document)
    context = {
        "d": data, "r": entry, "meta": meta, "figuren": figures,
        "periode_naam": period_name if (data.get("periode") or {}).get("naam") else "monitoringsrapportage",
        "programma": programme.data if programme else {}, "beleid": policy.data if policy else {},
        "gegevens": accountability_rows(project, document), "verantwoording": ACCOUNTABILITY,
        "doelen": {g.id: g.data for g in policy_index.all("doel")} if policy_index else {},
        "focuspunten": {f.id: f.data for f in policy_index.all("focuspunt")} if policy_index else {},
        "indicatornamen": {i.id: i.data["omschrijving"] for i in policy_index.all("indicator")} if policy_index else {},
        "doelrijen": {row["id"]: row for row in (programme.data.get("doelentabel", []) if programme else [])},
        "verbeterpunten": {v["id"]: v for v in (programme.data.get("verbeterpunten", []) if programme else [])},
        "urenregels": {line.id: line.data for line in project.index(programme).all("urenregel")} if programme else {},
    }
    markdown = env.get_template("document/rapportage.md.j2").render(**context)
    return RenderedDocument(meta, document.organisation, _tidy(markdown), figures)


def render_regional(env: jinja2.Environment, project: Project, report: dict, document: Document) -> RenderedDocument:
    """A document of the region (samenwerkingsagenda, zelfevaluatie) through
    its own template, document/<soort>.md.j2, with what the checks computed
    about it (report["regio"])."""
    meta = document_meta(project, document)
    figures: dict[str, str] = {}
    context = {
        "d": document.data, "meta": meta, "figuren": figures,
        "organisaties": {k: v.data for k, v in project.organisations.items()},
        "index": {kind: {e.id: e.data for e in entities.values()}
                  for kind, entities in project.index(document).entities.items()},
        "regio": next((r for r in report.get("regio", []) if r["organisatie"] == document.organisation), {}),
        "gegevens": accountability_rows(project, document), "verantwoording": ACCOUNTABILITY,
    }
    markdown = env.get_template(f"document/{document.kind}.md.j2").render(**context)
    return RenderedDocument(meta, document.organisation, _tidy(markdown), figures)


def _measured(indicator: dict) -> str:
    value = indicator["waarde"]
    if isinstance(value, bool):
        return indicator.get("waarde_tekst") or ("ja" if value else "nee")
    text = indicator.get("waarde_tekst") or dutch.number(value)
    return f"{text}%" if indicator.get("eenheid") == "procent" and not indicator.get("waarde_tekst") else text


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
    return dutch.one_line(goal.get("tekst") or goal.get("thema") or reference, 60)


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


def slugify(text: str, length: int = 60) -> str:
    """A page name from a title; at most `length` characters (cut at a
    hyphen), because a chapter title can be a sentence and file systems stop
    at 255 bytes. The chapter number before it keeps names unique."""
    text = text.lower().replace("ë", "e").replace("é", "e").replace("ï", "i")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "hoofdstuk"
    if len(slug) > length:
        slug = slug[:length].rsplit("-", 1)[0] or slug[:length]
    return slug


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
    pages.update(_focuspunt_pages(env, project, report, figures))
    pages.update(region_pages(env, project, report))
    pages.update(ibt_overview(env, project, report))
    goal_pages, goal_figures = _goal_pages(env, project, report)
    pages.update(goal_pages)
    figures.update(goal_figures)
    titles = {d.id: str(d.data.get("titel", d.id)) for d in project.documents if d.id}
    published = {d.meta.slug for d in documents}

    def ours(part: str) -> list[dict]:
        return [entry for entry in report.get(part, []) if entry.get("programma") in published]

    pages["controle/index.md"] = env.get_template("site/controle.md.j2").render(
        bevindingen=_findings_by_document(project, diagnostics), telling=count_by_severity(diagnostics),
        capaciteit=ours("capaciteit"), totalen=ours("totalen"), toezichtprofielen=ours("toezichtprofielen"),
        titels=titles)
    pages["controle/traceerbaarheid.md"] = env.get_template("site/traceerbaarheid.md.j2").render(
        matrices=ours("traceerbaarheid"), titels=titles)
    return pages, figures


def _mark_fictitious(page: str) -> str:
    if page.startswith("---\n"):
        return "---\nfictief: true\n" + page[4:]
    return "---\nfictief: true\n---\n" + page


def _page(env: jinja2.Environment, meta: DocumentMeta, title: str, text: str) -> str:
    return env.get_template("site/hoofdstuk.md.j2").render(meta=meta, titel=title, tekst=text)


def _findings_by_document(project: Project, diagnostics: list[Diagnostic]) -> list[dict]:
    groups: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        groups.setdefault(diagnostic.location.file, []).append(diagnostic)
    names = {"policy/organisaties.yaml": "Organisaties", "big8.yaml": "Instellingen"}
    return [{"bestand": file, "document": items[0].document, "bevindingen": items,
             "naam": names.get(file, file.rpartition("/")[2].rsplit(".", 1)[0])}
            for file, items in sorted(groups.items())]


def indicator_series(project: Project, report: dict, policy: Document) -> dict[str, list[dict]]:
    """Per indicator of a policy: every measured value in the reports on the
    programmes that execute it, in date order (for the time series)."""
    series: dict[str, list[dict]] = {}
    index = project.index(policy)
    for entry in sorted(report.get("rapportages", []), key=lambda e: str(e["peildatum"])):
        programme = project.programmes.get(entry["programma"])
        if programme is None or project.policy_of(programme) is not policy or not project.in_scope(programme):
            continue
        name = project.label("rapportageperiodes", entry["periode"]) if entry["periode"] else "Jaarverslag"
        for result in entry["indicatoren"]:
            value = result["waarde"]
            if value is None or isinstance(value, bool) or index.get("indicator", result["indicator"]) is None:
                continue
            series.setdefault(result["indicator"], []).append({
                "datum": result["meetdatum"] or entry["peildatum"], "waarde": value, "label": f"{name} {entry['jaar']}",
                "rapport": entry["rapport"], "map": f"{programme.organisation}/{entry['rapport']}",
                "gehaald": result["gehaald"], "streefwaarde": result["streefwaarde"]})
    return series


def _series_figures(project: Project, policy: Document, series: dict[str, list[dict]], folder: str,
                    indicator_ids: list[str]) -> tuple[list[dict], dict[str, str]]:
    """The time series of some indicators: (rows for the page, figures by path)."""
    index = project.index(policy)
    rows, figures = [], {}
    for indicator_id in indicator_ids:
        points = series.get(indicator_id)
        if not points:
            continue
        indicator = index.get("indicator", indicator_id)
        assert indicator is not None
        target = next((p["streefwaarde"] for p in reversed(points) if isinstance(p["streefwaarde"], (int, float))
                       and not isinstance(p["streefwaarde"], bool)), None)
        name = indicator.data["omschrijving"]
        figures[f"{folder}/figuren/{indicator_id}.svg"] = charts.indicator_series(
            points, f"{name}: gemeten waarden", target, indicator.data.get("eenheid"))
        rows.append({"indicator": indicator.data, "figuur": f"figuren/{indicator_id}.svg", "punten": points,
                     "streefwaarde": target})
    return rows, figures


def _goal_pages(env: jinja2.Environment, project: Project, report: dict) -> tuple[dict[str, str], dict[str, str]]:
    """A page per goal with indicators: the goal, its targets and, across the
    years, what was measured."""
    pages: dict[str, str] = {}
    figures: dict[str, str] = {}
    overview = []
    for policy in sorted((p for p in project.policies.values() if project.in_scope(p)), key=lambda d: d.id):
        index = project.index(policy)
        series = indicator_series(project, report, policy)
        for goal in index.all("doel"):
            indicators = [i for i in index.all("indicator") if i.parent == goal.id]
            if not indicators:
                continue
            folder = f"doelen/{policy.id}"
            rows, goal_figures = _series_figures(project, policy, series, folder, [i.id for i in indicators])
            figures.update(goal_figures)
            focuspunt = index.get("focuspunt", goal.data.get("focuspunt", "")) if goal.data.get("focuspunt") else None
            name = f"{folder}/{goal.id}.md"
            pages[name] = env.get_template("site/doel.md.j2").render(
                doel=goal.data, beleid=policy.data, beleidsmap=f"{policy.organisation}/{policy.id}",
                indicatoren=[i.data for i in indicators], reeksen=rows,
                focuspunt=focuspunt.data if focuspunt else None,
                focuspuntbestand=f"../../focuspunten/{policy.id}/{focuspunt.id}.md" if focuspunt else "")
            overview.append({"beleid": policy.data, "beleidsid": policy.id, "doel": goal.data,
                             "bestand": f"{goal.id}.md", "metingen": sum(len(r["punten"]) for r in rows)})
        ours = [entry for entry in overview if entry["beleidsid"] == policy.id]
        if ours:
            # An index per policy names its section in the navigation.
            pages[f"doelen/{policy.id}/index.md"] = env.get_template("site/doelen.md.j2").render(
                doelen=ours, beleid=policy.data, map="")
    if overview:
        pages["doelen/index.md"] = env.get_template("site/doelen.md.j2").render(
            doelen=overview, beleid=None, map="{}/")
    return pages, figures


def _focuspunt_states(project: Project, programme: Document, focuspunt_id: str) -> list[dict]:
    """What the reports on a programme say about one focuspunt, by peildatum."""
    states = []
    for report in project.reports_of(programme):
        state = next((f for f in report.data.get("focuspunten", [])
                      if str(f["focuspunt"]).rpartition(":")[2] == focuspunt_id), None)
        if state is not None:
            states.append({"rapport": report.data["titel"], "map": f"{report.organisation}/{report.id}",
                           "stand": state["stand"], "toelichting": state.get("toelichting", "")})
    return states


def _focuspunt_pages(env: jinja2.Environment, project: Project, report: dict,
                     self_figures: dict[str, str]) -> dict[str, str]:
    pages: dict[str, str] = {}
    overview = []
    for policy in sorted((p for p in project.policies.values() if project.in_scope(p)), key=lambda d: d.id):
        index = project.index(policy)
        for focuspunt in index.all("focuspunt"):
            years = []
            for matrix in sorted((m for m in report.get("traceerbaarheid", []) if m["beleid"] == policy.id
                                  and project.in_scope(project.programmes[m["programma"]])),
                                 key=lambda m: m["jaar"]):
                programme = project.programmes[matrix["programma"]]
                taken_up = next((f for f in programme.data.get("focuspunten", [])
                                 if f["focuspunt"].rpartition(":")[2] == focuspunt.id), None)
                rows = [r for r in matrix["rijen"] if r["focuspunt"] and r["focuspunt"]["id"] == focuspunt.id]
                lines = [line.data for line in project.index(programme).all("urenregel")
                         if focuspunt.id in [f.rpartition(":")[2] for f in line.data.get("focuspunten", [])]]
                years.append({"jaar": matrix["jaar"], "programma": programme.data["titel"],
                              "map": f"{programme.organisation}/{programme.id}", "status": taken_up,
                              "rijen": rows, "regels": lines,
                              "standen": _focuspunt_states(project, programme, focuspunt.id)})
            goals = [g.data for g in index.all("doel") if g.data.get("focuspunt") == focuspunt.id]
            goal_ids = {g["id"] for g in goals}
            goals += [g.data for g in index.all("doel") if g.parent in goal_ids and g.id not in goal_ids]
            indicators = [i.data | {"doel": i.parent} for i in index.all("indicator")
                          if i.parent in {g["id"] for g in goals}]
            # A folder per policy: ids hold no "/", so names cannot collide.
            name = f"focuspunten/{policy.id}/{focuspunt.id}.md"
            rows, series_figures = _series_figures(project, policy, indicator_series(project, report, policy),
                                                   f"focuspunten/{policy.id}", [i["id"] for i in indicators])
            self_figures.update(series_figures)
            pages[name] = env.get_template("site/focuspunt.md.j2").render(
                focuspunt=focuspunt.data, beleid=policy.data, beleidsmap=f"{policy.organisation}/{policy.id}",
                doelen=goals, indicatoren=indicators, jaren=years, reeksen=rows,
                doelbestanden={g["id"]: f"../../doelen/{policy.id}/{g['id']}.md" for g in goals
                               if any(i["doel"] == g["id"] for i in indicators)})
            overview.append({"beleid": policy.data, "beleidsid": policy.id, "focuspunt": focuspunt.data,
                             "bestand": f"{focuspunt.id}.md"})
        ours = [entry for entry in overview if entry["beleidsid"] == policy.id]
        if ours:
            pages[f"focuspunten/{policy.id}/index.md"] = env.get_template("site/focuspunten.md.j2").render(
                focuspunten=ours, beleid=policy.data, map="")
    pages["focuspunten/index.md"] = env.get_template("site/focuspunten.md.j2").render(
        focuspunten=overview, beleid=None, map="{}/")
    return pages
