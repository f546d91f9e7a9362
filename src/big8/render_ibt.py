"""Render, the IBT report: per organisation and year a document (site,
Word and PDF, an annex the author can send with the documents) with every
requirement's outcome and evidence, and a site page with the overview and,
for a region, the matrix of organisations by requirement.

It reads report["ibt"] (checks/ibt.py).
"""

from __future__ import annotations

import jinja2

from .checks.ibt import DEELS, NIET, NIET_TOETSBAAR, NVT, ONTBREEKT, VOLDAAN
from .model import Project
from .outputs import DocumentMeta

OUTCOME_LABELS = {VOLDAAN: "voldaan", DEELS: "deels", NIET: "niet voldaan", NVT: "niet van toepassing",
                  NIET_TOETSBAAR: "niet te toetsen", ONTBREEKT: "document ontbreekt"}
SHORT_LABELS = {VOLDAAN: "voldaan", DEELS: "deels", NIET: "niet", NVT: "n.v.t.", NIET_TOETSBAAR: "–",
                ONTBREEKT: "ontbreekt"}
COLOURS = {"groen": "elke eis die uit de documenten te beoordelen is, is vervuld.",
           "oranje": "een of meer eisen zijn niet of deels vervuld.",
           "rood": "meer dan de helft van de eisen die te beoordelen zijn, is niet vervuld.",
           "grijs": "geen eis is uit de documenten te beoordelen."}
KIND_NAMES = {"beleid": "Beleid", "uitvoeringsprogramma": "Uitvoeringsprogramma", "jaarverslag": "Jaarverslag"}


def slug(entry: dict) -> str:
    return f"ibt-{entry['organisatie']}-{entry['jaar']}"


def ibt_documents(env: jinja2.Environment, project: Project, report: dict) -> list:
    from .render import RenderedDocument, _tidy

    documents = []
    for entry in report.get("ibt", []):
        if not project.in_scope_organisation(entry["organisatie"]):
            continue
        organisation = project.organisations.get(entry["organisatie"])
        name = project.organisation_name(entry["organisatie"])
        meta = DocumentMeta(slug=slug(entry), soort="ibt", titel=f"IBT-rapport {entry['jaar']} {name}",
                            organisatie=name, periode=str(entry["jaar"]), status="",
                            fictief=bool(organisation and organisation.data.get("fictief")),
                            volgorde=f"3-{entry['jaar']}")
        markdown = env.get_template("document/ibt.md.j2").render(
            r=entry, organisatie=name, kleur=entry["kleur"], kleuruitleg=COLOURS[entry["kleur"]],
            tellingen=_counts(entry), documenten=_documents(project, entry), groepen=_groups(project, entry))
        documents.append(RenderedDocument(meta, entry["organisatie"], _tidy(markdown)))
    return documents


def _counts(entry: dict) -> list[list[str]]:
    counts = {key: 0 for key in OUTCOME_LABELS}
    for row in entry["eisen"]:
        counts[row["uitkomst"]] += 1
    return [[OUTCOME_LABELS[key], str(number)] for key, number in counts.items() if number]


def _documents(project: Project, entry: dict) -> list[dict]:
    found = []
    for kind, key in (("beleid", "beleid"), ("uitvoeringsprogramma", "programma"), ("jaarverslag", "jaarverslag")):
        document_id = entry[key]
        if document_id:
            document = next(d for d in project.documents if d.id == document_id)
            found.append({"soort": KIND_NAMES[kind], "titel": document.data["titel"]})
    return found


def _groups(project: Project, entry: dict) -> list[dict]:
    """The requirements per article, each with labelled outcome and evidence."""
    titles = {d.id: str(d.data.get("titel", d.id)) for d in project.documents if d.id}
    groups: dict[str, list[dict]] = {}
    for row in entry["eisen"]:
        article = row["artikel"].split(",")[0]
        by_document: dict[str, list[str]] = {}
        for item in row["bewijs"]:
            by_document.setdefault(item["document"], []).append(item["tekst"])
        evidence = [{"tekst": "; ".join(texts) + f" (in {titles.get(document_id, document_id)})"}
                    for document_id, texts in by_document.items()]
        groups.setdefault(article, []).append(dict(row, uitkomst_tekst=OUTCOME_LABELS[row["uitkomst"]],
                                                   bewijs=evidence))
    law = "Omgevingsbesluit" if entry["regime"] == "omgevingsbesluit" else "Besluit omgevingsrecht"
    return [{"titel": f"{article.replace('art.', 'Artikel')} {law}", "eisen": rows} for article, rows in groups.items()]


def ibt_overview(env: jinja2.Environment, project: Project, report: dict) -> dict[str, str]:
    entries = [e for e in report.get("ibt", []) if project.in_scope_organisation(e["organisatie"])]
    if not entries:
        return {}
    columns = [{"naam": project.organisation_name(e["organisatie"]), "jaar": e["jaar"],
                "map": f"{e['organisatie']}/{slug(e)}", "kleur": e["kleur"],
                "regime": "Omgevingsbesluit" if e["regime"] == "omgevingsbesluit" else "Besluit omgevingsrecht"}
               for e in entries]
    matrices = []
    for regime, title in (("omgevingsbesluit", "Omgevingsbesluit"), ("bor", "Besluit omgevingsrecht")):
        judged = [e for e in entries if e["regime"] == regime]
        if not judged:
            continue
        requirements = [(row["eis"], row["artikel"]) for row in judged[0]["eisen"]]
        rows = []
        for requirement_id, article in requirements:
            outcomes = [next((SHORT_LABELS[r["uitkomst"]] for r in e["eisen"] if r["eis"] == requirement_id), "")
                        for e in judged]
            rows.append({"artikel": article.replace(", Omgevingsbesluit", "").replace(", Besluit omgevingsrecht", ""),
                         "uitkomsten": outcomes})
        matrices.append({"titel": f"Eisen van het {title}", "rijen": rows,
                         "koppen": [f"{project.organisation_name(e['organisatie'])} {e['jaar']}" for e in judged]})
    return {"ibt/index.md": env.get_template("site/ibt.md.j2").render(
        kolommen=columns, matrices=matrices, kleuren=COLOURS,
        afkortingen=[(SHORT_LABELS[k], OUTCOME_LABELS[k]) for k in SHORT_LABELS if SHORT_LABELS[k] != OUTCOME_LABELS[k]])}
