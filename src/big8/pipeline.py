"""The stages in order: load -> validate -> link -> check.

Each stage is a plain function from model to model. A stage only runs when
the stages before it found no errors, so that one mistake (a file that does
not parse) does not cascade into dozens of misleading follow-up messages;
within a stage, every problem of every file is reported at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ruamel.yaml import YAMLError

from . import cache
from .checks import check, known_codes
from .config import Config, check_organisations, load_config
from .diagnostics import Diagnostic, Location, has_errors, sort_diagnostics, suggest
from .link import link
from .load import discover, discover_figures, display_path, parse_text, read_source
from .model import Document, Project
from .validate import SCHEMA_FILES, Schemas, Validation, load_schemas


@dataclass
class CheckResult:
    root: str
    files: list[str]
    diagnostics: list[Diagnostic]
    project: Project | None = None
    report: dict = field(default_factory=dict)
    config: Config | None = None
    figures: dict[str, str] = field(default_factory=dict)  # "figuren/x.png" -> absolute path

    @property
    def io_problem(self) -> bool:
        return any(d.io_problem for d in self.diagnostics)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.diagnostics)


def run_check(root: str, paths: list[str] | None = None) -> CheckResult:
    # A mistake in big8.yaml is reported with the content's findings; the
    # content is still checked (with the settings that could be read).
    config, config_problems = load_config(root, known_codes())
    files, problems = discover(root, paths)
    problems = config_problems + problems
    shown = [display_path(root, f) for f in files]
    if not files and not problems:
        problems.append(Diagnostic("B8-L01", "fout", "geen YAML-bestanden gevonden onder policy/ en programmes/",
                                   _root_location(root), "draai big8 in de projectmap of geef die op met -C MAP",
                                   io_problem=True))
        return CheckResult(root, [], problems, config=config)
    # Given paths are checked in the context of the whole project, so that a
    # programme's references to its beleid and organisation resolve.
    context_files, context_problems = discover(root) if paths else (files, [])
    problems += [p for p in context_problems if p not in problems]
    all_files = sorted({os.path.abspath(f) for f in files} | {os.path.abspath(f) for f in context_files})
    figures, figure_problems = discover_figures(root)
    problems += figure_problems
    try:
        schemas, schema_key = _schemas(config, figures)
    except (OSError, KeyError, ValueError, TypeError, AttributeError, YAMLError) as error:
        problems.append(_schema_problem(root, error))
        return CheckResult(root, shown, sort_diagnostics(_only(problems, shown, paths)), config=config)
    valid, file_problems = _load_and_validate(root, all_files, schemas, schema_key, frozenset(figures))
    problems += file_problems
    result = CheckResult(root, shown, [], config=config, figures=figures)
    if not has_errors([p for p in problems if p not in config_problems]):
        project, link_problems = link(root, valid)
        project.vocabulary = schemas.vocabulary
        link_problems += check_organisations(config, set(project.organisations))
        problems += link_problems
        result.project = project
        if not has_errors(link_problems):
            findings, result.report = check(project, config)
            problems += findings
    result.diagnostics = sort_diagnostics(_only(problems, shown + ["big8.yaml"], paths))
    return result


def organisations_of(project: Project, organisation: str) -> frozenset[str]:
    """The organisation and every region, service or cooperation it takes
    part in (directly or through another), whose documents concern it too."""
    found = {organisation}
    changed = True
    while changed:
        changed = False
        for entity in project.organisations.values():
            if entity.id not in found and found & set(entity.data.get("deelnemers", [])):
                found.add(entity.id)
                changed = True
    return frozenset(found)


class UnknownOrganisation(Exception):
    """`--organisatie` names no organisation of the project."""

    def __init__(self, organisation: str, hint: str):
        super().__init__(organisation)
        self.organisation, self.hint = organisation, hint


def known_organisation(result: CheckResult, organisation: str) -> str:
    if result.project is None or organisation in result.project.organisations:
        return organisation
    raise UnknownOrganisation(organisation, suggest(organisation, result.project.organisations,
                                                    "bekende organisaties:"))


def restrict_to_organisation(result: CheckResult, organisation: str) -> CheckResult:
    """The check result as far as it concerns one organisation: its findings
    and those of the regions it belongs to; the build publishes only their
    documents. The whole project stays loaded, so references still resolve."""
    if result.project is None:
        return result
    scope = organisations_of(result.project, organisation)
    result.project.scope = scope
    by_file = {d.file: d for d in result.project.documents}
    kept = []
    for diagnostic in result.diagnostics:
        document = by_file.get(diagnostic.location.file)
        if diagnostic.organisation in scope or diagnostic.io_problem or \
                (document is not None and document.kind == "organisaties" and diagnostic.severity == "fout"):
            kept.append(diagnostic)
        elif not diagnostic.organisation and document is None:
            kept.append(diagnostic)  # big8.yaml and files that did not load
    result.diagnostics = kept
    result.files = [f for f in result.files if f not in by_file or by_file[f].kind == "organisaties"
                    or by_file[f].organisation in scope]
    return result


def _schemas(config: Config, figures: dict[str, str]) -> tuple[Schemas, str]:
    """The prepared schemas, from the cache when no schema file changed; and
    the key that ties cached documents to these schemas and figures."""
    resources = config.resources
    files = [resources.schema_file(name) for name in SCHEMA_FILES]
    key = cache.fingerprint("schemas", *(cache.file_digest(path) for path in files), *sorted(figures))
    schemas = cache.get(key)
    if not isinstance(schemas, Schemas):
        schemas = load_schemas(resources)
        cache.put(key, schemas)
    return schemas, key


def _load_and_validate(root: str, files: list[str], schemas: Schemas, schema_key: str,
                       figures: frozenset[str]) -> tuple[list[Document], list[Diagnostic]]:
    """Every file read, parsed and validated; a file whose bytes, path,
    schemas and figures are as in an earlier run comes from the cache."""
    valid: list[Document] = []
    problems: list[Diagnostic] = []
    validation = Validation(schemas, figures)
    for path in files:
        shown = display_path(root, path)
        raw, problem = read_source(path, shown)
        if problem is not None or raw is None:
            problems.append(problem) if problem else None
            continue
        key = cache.fingerprint("document", schema_key, shown, raw)
        entry = cache.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 2):
            document, found = parse_text(raw, shown)
            if document is not None:
                found = found + validation.document(document)
            entry = (document, found)
            cache.put(key, entry)
        document, found = entry
        problems += found
        if document is not None and not has_errors(found):
            valid.append(document)
    return valid, problems


def _only(problems: list[Diagnostic], shown: list[str], paths: list[str] | None) -> list[Diagnostic]:
    """With explicit paths, report what concerns those files (and I/O problems)."""
    if not paths:
        return problems
    wanted = set(shown)
    return [p for p in problems if p.location.file in wanted or p.io_problem]


def _schema_problem(root: str, error: Exception) -> Diagnostic:
    """A project's own schema file that cannot be used, located where possible."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        location = Location(display_path(root, mark.name), mark.line + 1, mark.column + 1)
        message = f"schema kan niet worden gelezen: {getattr(error, 'problem', None) or error}"
    else:
        location = _root_location(root)
        message = f"schema's kunnen niet worden gelezen: {error}"
    return Diagnostic("B8-L09", "fout", message, location, "controleer de map schemas/", io_problem=True)


def _root_location(root: str) -> Location:
    return Location(os.path.basename(os.path.abspath(root)) or root)
