"""Stage 3, link: index every id and resolve every reference between documents.

After linking, a Project knows its organisations, policies and programmes,
and for each document the entities (focuspunten, doelen, indicatoren,
urenregels, ...) by id. Dangling and duplicate ids become diagnostics.

References from a programme to its policy are bare ids (`bd-tijdig`),
resolved in the beleid the programme executes; a qualified id
(`ander-beleid:bd-tijdig`) reaches another policy, such as a regional one.
"""

from __future__ import annotations

from collections.abc import Iterator

from .diagnostics import FOUT, Diagnostic, suggest
from .model import Document, DocumentIndex, Entity, Project, strings, values

# The site has a folder per organisation next to folders of its own; an
# organisation with one of these ids would silently replace a page.
RESERVED_ORGANISATION_IDS = frozenset({
    "404", "assets", "bron", "controle", "doelen", "downloads", "figuren", "focuspunten", "ibt", "index",
    "javascripts", "referentie", "regio", "search", "sitemap", "stylesheets", "verschil"})
REPORT_KINDS = ("monitoring", "jaarverslag")
# A document's pages sit next to its organisation's index page.
RESERVED_DOCUMENT_IDS = frozenset({"index", "figuren"})


def link(root: str, documents: list[Document]) -> tuple[Project, list[Diagnostic]]:
    project = Project(root=root, documents=documents)
    problems: list[Diagnostic] = []
    problems += _index_organisations(project)
    problems += _index_documents(project)
    for document in documents:
        problems += _check_unique_ids(document)
    for document in documents:
        problems += list(_resolve_references(project, document))
    return project, problems


def _index_organisations(project: Project) -> list[Diagnostic]:
    problems = []
    for document in project.documents:
        if document.kind != "organisaties":
            continue
        for number, organisation in enumerate(document.data.get("organisaties", [])):
            entity = Entity(organisation["id"], "organisatie", document, ("organisaties", number, "id"), organisation)
            if entity.id in RESERVED_ORGANISATION_IDS:
                problems.append(_reserved(document, entity.path, entity.id))
                continue
            earlier = project.organisations.get(entity.id)
            if earlier:
                problems.append(_problem(document, entity.path, "B8-K01",
                                         f"organisatie '{entity.id}' is al gedefinieerd",
                                         f"eerder in {earlier.location}; gebruik een ander id"))
                continue
            project.organisations[entity.id] = entity
    return problems


def _index_documents(project: Project) -> list[Diagnostic]:
    problems = []
    seen: dict[str, Document] = {}
    for document in project.documents:
        if document.kind == "organisaties":
            continue
        if document.id in RESERVED_DOCUMENT_IDS:
            problems.append(_reserved(document, ("id",), document.id))
            continue
        if document.id in seen:
            problems.append(_problem(document, ("id",), "B8-K02", f"document-id '{document.id}' is al in gebruik",
                                     f"ook in {seen[document.id].location(('id',))}; geef elk document een eigen id"))
            continue
        seen[document.id] = document
        if document.kind == "beleid":
            project.policies[document.id] = document
            project.indexes[document.id] = index_policy(document)
        elif document.kind == "uitvoeringsprogramma":
            project.programmes[document.id] = document
            project.indexes[document.id] = index_programme(document)
        elif document.kind in REPORT_KINDS:
            project.reports[document.id] = document
            project.indexes[document.id] = DocumentIndex(document)
        elif document.kind in ("samenwerkingsagenda", "zelfevaluatie"):
            (project.agendas if document.kind == "samenwerkingsagenda" else project.evaluations)[document.id] = document
            project.indexes[document.id] = index_by_list_names(document)
    return problems


# The kind of an entity in a list, named after the list ("gremia" holds gremia).
_SINGULAR = {"sporen": "spoor", "opgaven": "opgave", "deelnemers": "deelnemer", "functies": "functie",
             "gremia": "gremium", "bijdragen": "bijdrage", "keuzes": "keuze", "stappen": "stap",
             "resultaten": "resultaat", "ambities": "ambitie", "themas": "thema", "besluiten": "besluit",
             "cycli": "cyclus", "regels": "regel", "documenten": "document", "rapportages": "rapportage",
             "overleggen": "overleg", "niveaus": "niveau", "treden": "trede", "ladders": "ladder"}


def index_by_list_names(document: Document) -> DocumentIndex:
    """Every item with an id in a list, by the name of its list: the
    documents of the region refer to their own parts this way."""
    index = DocumentIndex(document)
    for path, value in values(document.data):
        if isinstance(value, list) and path and isinstance(path[-1], str):
            kind = _SINGULAR.get(str(path[-1]), str(path[-1]))
            for number, item in enumerate(value):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    index.add(Entity(item["id"], kind, document, path + (number,), item))
    return index


def index_policy(document: Document) -> DocumentIndex:
    index = DocumentIndex(document)
    data = document.data
    for number, focuspunt in enumerate(data.get("focuspunten", [])):
        index.add(Entity(focuspunt["id"], "focuspunt", document, ("focuspunten", number), focuspunt))
    goals = data.get("doelen", {})
    if "algemeen_doel" in goals:
        index.add(Entity(goals["algemeen_doel"]["id"], "doel", document, ("doelen", "algemeen_doel"),
                         dict(goals["algemeen_doel"], niveau="algemeen")))
    for number, goal in enumerate(goals.get("hoofddoelen", [])):
        path = ("doelen", "hoofddoelen", number)
        index.add(Entity(goal["id"], "doel", document, path,
                         dict(goal, niveau="hoofddoel"), parent=goals.get("algemeen_doel", {}).get("id", "")))
        for position, indicator in enumerate(goal.get("indicatoren", [])):
            index.add(Entity(indicator["id"], "indicator", document, path + ("indicatoren", position),
                             indicator, parent=goal["id"]))
    for number, goal in enumerate(goals.get("beleidsdoelen", [])):
        path = ("doelen", "beleidsdoelen", number)
        index.add(Entity(goal["id"], "doel", document, path, dict(goal, niveau="beleidsdoel"),
                         parent=goal.get("hoofddoel", "")))
        for position, indicator in enumerate(goal.get("indicatoren", [])):
            index.add(Entity(indicator["id"], "indicator", document, path + ("indicatoren", position),
                             indicator, parent=goal["id"]))
    for number, row in enumerate(data.get("analyses", {}).get("risicoanalyse", {}).get("rijen", [])):
        index.add(Entity(row["id"], "risico", document, ("analyses", "risicoanalyse", "rijen", number), row))
    return index


def index_programme(document: Document) -> DocumentIndex:
    index = DocumentIndex(document)
    for table_number, table in enumerate(document.data.get("urentabellen", [])):
        table_path = ("urentabellen", table_number)
        index.add(Entity(table["id"], "urentabel", document, table_path, table))
        for line, path, parent in iter_hour_lines(table.get("regels", []), table_path + ("regels",), table["id"]):
            index.add(Entity(line["id"], "urenregel", document, path, line, parent=parent))
    for number, legal in enumerate(document.data.get("capaciteit", {}).get("juridische_capaciteit", [])):
        for position, line in enumerate(legal.get("regels", [])):
            index.add(Entity(line["id"], "juridische-regel", document,
                             ("capaciteit", "juridische_capaciteit", number, "regels", position), line,
                             parent=legal["id"]))
    for number, row in enumerate(document.data.get("doelentabel", [])):
        index.add(Entity(row["id"], "doelrij", document, ("doelentabel", number), row))
    for number, profile in enumerate(document.data.get("toezichtprofielen", [])):
        index.add(Entity(profile["id"], "toezichtprofiel", document, ("toezichtprofielen", number), profile))
    return index


def iter_hour_lines(lines: list, path: tuple, parent: str) -> Iterator[tuple[dict, tuple, str]]:
    """Every urenregel with its data path and the id of its parent (table or line), depth first."""
    for number, line in enumerate(lines):
        line_path = path + (number,)
        yield line, line_path, parent
        yield from iter_hour_lines(line.get("regels", []), line_path + ("regels",), line["id"])


def _check_unique_ids(document: Document) -> list[Diagnostic]:
    problems = []
    seen: dict[str, tuple] = {}
    for path, value in values(document.data):
        if path and path[-1] == "id" and isinstance(value, str) and len(path) > 1:
            if document.kind == "beleid" and value in RESERVED_DOCUMENT_IDS:
                # Focuspunten and goals get a page in a folder per policy.
                problems.append(_reserved(document, path, value))
            elif value in seen:
                first = document.location(seen[value])
                problems.append(_problem(document, path, "B8-K03", f"id '{value}' komt twee keer voor in dit document",
                                         f"eerder op regel {first.line}; elk id moet uniek zijn"))
            else:
                seen[value] = path
    return problems




def _resolve_references(project: Project, document: Document) -> Iterator[Diagnostic]:
    if document.kind == "organisaties":
        for number, organisation in enumerate(document.data.get("organisaties", [])):
            base = ("organisaties", number)
            for position, member in enumerate(organisation.get("deelnemers", [])):
                yield from _organisation_exists(project, document, base + ("deelnemers", position), member)
            for position, task in enumerate(organisation.get("taakvelden", [])):
                if "uitvoerder" in task:
                    yield from _organisation_exists(project, document, base + ("taakvelden", position, "uitvoerder"),
                                                    task["uitvoerder"])
                for part_number, part in enumerate(task.get("uitvoering", [])):
                    yield from _organisation_exists(
                        project, document, base + ("taakvelden", position, "uitvoering", part_number, "uitvoerder"),
                        part["uitvoerder"])
            for position, body in enumerate(organisation.get("gremia", [])):
                for member_number, member in enumerate(body.get("leden", [])):
                    if "organisatie" in member:
                        yield from _organisation_exists(
                            project, document, base + ("gremia", position, "leden", member_number, "organisatie"),
                            member["organisatie"])
            for position, task in enumerate(organisation.get("uitvoering", [])):
                if isinstance(task.get("voor"), list):
                    for target_number, target in enumerate(task["voor"]):
                        yield from _organisation_exists(
                            project, document, base + ("uitvoering", position, "voor", target_number), target)
        return
    if document.id not in project.indexes:
        return  # a duplicate document id, already reported
    yield from _organisation_exists(project, document, ("organisatie",), document.organisation)
    if document.kind == "beleid":
        yield from _resolve_policy(project, document)
    elif document.kind == "uitvoeringsprogramma":
        yield from _resolve_programme(project, document)
    elif document.kind in LOCAL_REFERENCES:
        yield from _resolve_regional(project, document)
    elif document.kind in REPORT_KINDS:
        programme_id = str(document.data.get("programma", ""))
        if programme_id not in project.programmes:
            yield _problem(document, ("programma",), "B8-K05", f"onbekend uitvoeringsprogramma '{programme_id}'",
                           suggest(programme_id, project.programmes, "bekende programma's:"))
        # The ids inside the report are judged by the rules (checks/reports.py),
        # which can say what the programme has instead.


# In the documents of the region, the keys that name a part of the same
# document, and the kinds of part they may name; "organisatie" names an
# organisation, and "onderdeel" a part of the document's organisation.
_PEOPLE = ("gremium", "functie", "deelnemer")
LOCAL_REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "samenwerkingsagenda": {
        "functie": ("functie",), "gremium": ("gremium",), "deelnemer": ("deelnemer",), "keuze": ("keuze",),
        "verwijst_naar": ("opgave",), "besluit": ("besluit",), "opgave": ("opgave",), "wie": _PEOPLE,
        "met": _PEOPLE, "trekker": ("functie",), "functies": ("functie",), "bijdragen": ("bijdrage",),
        "overige": ("deelnemer",), "voorzitter": ("functie",), "secretaris": ("functie",),
    },
    "zelfevaluatie": {"uitgezonderd": ("trede",)},
}
_ORGANISATION_KEYS = {"samenwerkingsagenda": ("organisatie", "leden"), "zelfevaluatie": ("organisatie", "door")}


def _resolve_regional(project: Project, document: Document) -> Iterator[Diagnostic]:
    index = project.index(document)
    references = LOCAL_REFERENCES[document.kind]
    organisation_keys = _ORGANISATION_KEYS[document.kind]
    owner = project.organisations.get(document.organisation)
    parts = {str(p.get("id")) for p in (owner.data.get("onderdelen", []) if owner else [])}
    for path, value in strings(document.data):
        key = path[-1] if isinstance(path[-1], str) else path[-2]  # a list of ids is named by its key
        if len(path) < 2:
            continue  # the document's own organisatie, already checked
        if key in organisation_keys:
            yield from _organisation_exists(project, document, path, value)
        elif key == "onderdeel" and document.kind == "zelfevaluatie":
            if value not in parts:
                yield _problem(document, path, "B8-K06", f"verwijzing naar onbekend onderdeel '{value}' van "
                               f"{project.organisation_name(document.organisation)}",
                               suggest(value, parts, "bekende onderdelen:", "het organisatiebestand noemt geen "
                                                                                  "onderdelen"))
        elif key in references and not any(index.get(kind, value) for kind in references[key]):
            known = {e for kind in references[key] for e in index.entities.get(kind, {})}
            yield _problem(document, path, "B8-K06", f"verwijzing naar onbekend {' of '.join(references[key])} "
                           f"'{value}'", suggest(value, known, "bekende ids:", "er zijn nog geen ids van deze soort"))




def _resolve_policy(project: Project, document: Document) -> Iterator[Diagnostic]:
    data = document.data
    index = project.index(document)
    if "uniform_voor" in data:
        yield from _organisation_exists(project, document, ("uniform_voor",), data["uniform_voor"])
    for number, adoption in enumerate(data.get("vaststellingen", [])):
        yield from _organisation_exists(project, document, ("vaststellingen", number, "organisatie"),
                                        adoption["organisatie"])
    if "aanvulling_op" in data and data["aanvulling_op"] not in project.policies:
        yield _problem(document, ("aanvulling_op",), "B8-K05", f"onbekend beleid '{data['aanvulling_op']}'",
                       suggest(str(data["aanvulling_op"]), project.policies, "bekende beleidsdocumenten:"))
    scope = data.get("scope", {})
    for part in ("taakvelden", "buiten_scope"):
        for number, task in enumerate(scope.get(part, [])):
            if "uitvoerder" in task:
                yield from _organisation_exists(project, document, ("scope", part, number, "uitvoerder"), task["uitvoerder"])
    for number, partner in enumerate(data.get("samenwerking", {}).get("partners", [])):
        if "organisatie" in partner:
            yield from _organisation_exists(project, document, ("samenwerking", "partners", number, "organisatie"),
                                            partner["organisatie"])
    goals = data.get("doelen", {})
    for number, goal in enumerate(goals.get("hoofddoelen", [])):
        if "focuspunt" in goal:
            yield from _local(index, document, ("doelen", "hoofddoelen", number, "focuspunt"), "focuspunt", goal["focuspunt"])
    for number, goal in enumerate(goals.get("beleidsdoelen", [])):
        path = ("doelen", "beleidsdoelen", number)
        if "focuspunt" in goal:
            yield from _local(index, document, path + ("focuspunt",), "focuspunt", goal["focuspunt"])
        if "hoofddoel" in goal:
            yield from _local(index, document, path + ("hoofddoel",), "doel", goal["hoofddoel"])


def _resolve_programme(project: Project, document: Document) -> Iterator[Diagnostic]:
    data = document.data
    index = project.index(document)
    policy_id = str(data.get("beleid", ""))
    if policy_id not in project.policies:
        yield _problem(document, ("beleid",), "B8-K05", f"onbekend beleid '{policy_id}'",
                       suggest(policy_id, project.policies, "bekende beleidsdocumenten:"))
    regional = data.get("regionaal_programma")
    if regional is not None and regional not in project.programmes:
        yield _problem(document, ("regionaal_programma",), "B8-K05", f"onbekend uitvoeringsprogramma '{regional}'",
                       suggest(str(regional), project.programmes, "bekende programma's:"))
    for line in index.all("urenregel"):
        for position, part in enumerate(line.data.get("per_deelnemer", [])):
            yield from _organisation_exists(project, document, line.path + ("per_deelnemer", position, "organisatie"),
                                            part["organisatie"])
    for number, _item in enumerate(data.get("focuspunten", [])):
        yield from resolve_policy_reference(project, document, ("focuspunten", number, "focuspunt"), "focuspunt")
    for number, row in enumerate(data.get("doelentabel", [])):
        base = ("doelentabel", number)
        yield from resolve_policy_reference(project, document, base + ("doel",), "doel")
        if "indicator" in row:
            yield from resolve_policy_reference(project, document, base + ("indicator",), "indicator")
        for position, line_id in enumerate(row.get("urenregels", [])):
            yield from _local(index, document, base + ("urenregels", position), "urenregel", line_id)
    for line in index.all("urenregel"):
        for position, _ in enumerate(line.data.get("doelen", [])):
            yield from resolve_policy_reference(project, document, line.path + ("doelen", position), "doel")
        for position, _ in enumerate(line.data.get("focuspunten", [])):
            yield from resolve_policy_reference(project, document, line.path + ("focuspunten", position), "focuspunt")
    for number, table in enumerate(data.get("urentabellen", [])):
        if "uitwerking_van" in table:
            yield from _local(index, document, ("urentabellen", number, "uitwerking_van"), "urenregel", table["uitwerking_van"])
        if "uitvoerder" in table:
            yield from _organisation_exists(project, document, ("urentabellen", number, "uitvoerder"), table["uitvoerder"])
    for number, profile in enumerate(data.get("toezichtprofielen", [])):
        if "urenregel" in profile:
            yield from _local(index, document, ("toezichtprofielen", number, "urenregel"), "urenregel", profile["urenregel"])
    capacity = data.get("capaciteit", {})
    for number, formation in enumerate(capacity.get("formaties", [])):
        for position, line in enumerate(formation.get("regels", [])):
            if "uitvoerder" in line:
                yield from _organisation_exists(project, document,
                                                ("capaciteit", "formaties", number, "regels", position, "uitvoerder"),
                                                line["uitvoerder"])
    for number, legal in enumerate(capacity.get("juridische_capaciteit", [])):
        for position, line in enumerate(legal.get("regels", [])):
            for goal_number, _ in enumerate(line.get("doelen", [])):
                yield from resolve_policy_reference(
                    project, document, ("capaciteit", "juridische_capaciteit", number, "regels", position, "doelen",
                                        goal_number), "doel")


def resolve(project: Project, programme: Document, reference: str, kind: str) -> Entity | None:
    """The entity a programme's reference points at, or None."""
    policy_id, _, local_id = reference.rpartition(":")
    policy_id = policy_id or str(programme.data.get("beleid", ""))
    index = project.indexes.get(policy_id)
    if index is None or index.document.kind != "beleid":
        return None
    return index.get(kind, local_id)


def resolve_policy_reference(project: Project, document: Document, path: tuple, kind: str) -> Iterator[Diagnostic]:
    reference = str(document.get(path))
    if resolve(project, document, reference, kind) is not None:
        return
    policy_id, _, local_id = reference.rpartition(":")
    policy_id = policy_id or str(document.data.get("beleid", ""))
    index = project.indexes.get(policy_id)
    if index is None:
        if policy_id != document.data.get("beleid"):
            yield _problem(document, path, "B8-K05", f"onbekend beleid '{policy_id}' in verwijzing '{reference}'",
                           suggest(policy_id, project.policies, "bekende beleidsdocumenten:"))
        return  # the programme's own unknown beleid is reported once, above
    yield _problem(document, path, "B8-K06",
                   f"verwijzing naar onbekend {kind} '{local_id}' in beleid '{policy_id}'",
                   suggest(local_id, index.entities.get(kind, {}), f"bekende {kind}-ids:", "er zijn nog geen ids van deze soort"))


def _local(index: DocumentIndex, document: Document, path: tuple, kind: str, reference: str) -> Iterator[Diagnostic]:
    if index.get(kind, reference) is None:
        yield _problem(document, path, "B8-K06", f"verwijzing naar onbekend {kind} '{reference}'",
                       suggest(reference, index.entities.get(kind, {}), f"bekende {kind}-ids:", "er zijn nog geen ids van deze soort"))


def _organisation_exists(project: Project, document: Document, path: tuple, reference: str) -> Iterator[Diagnostic]:
    if reference not in project.organisations:
        yield _problem(document, path, "B8-K04", f"onbekende organisatie '{reference}'",
                       suggest(reference, project.organisations,
                                "voeg haar toe aan policy/organisaties.yaml of kies uit"))


def _reserved(document: Document, path: tuple, entity_id: str) -> Diagnostic:
    return _problem(document, path, "B8-K07", f"id '{entity_id}' is gereserveerd voor een pagina van de website",
                    f"kies een ander id, bijvoorbeeld '{document.organisation or 'gemeente'}-{entity_id}'")


def _problem(document: Document, path: tuple, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, FOUT, message, document.location(path), hint, document.id, document.organisation)
