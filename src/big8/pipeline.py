"""The stages in order: load -> validate -> link -> check.

Each stage is a plain function from model to model. A stage only runs when
the stages before it found no errors, so that one mistake (a file that does
not parse) does not cascade into dozens of misleading follow-up messages;
within a stage, every problem of every file is reported at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .checks import check, known_codes
from .config import Config, check_organisations, load_config
from .diagnostics import Diagnostic, Location, has_errors, sort_diagnostics
from .link import link
from .load import discover, discover_figures, display_path, load_files
from .model import Project
from .validate import load_schemas, validate


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
    loaded = load_files(root, all_files)
    problems += loaded.diagnostics
    figures, figure_problems = discover_figures(root)
    problems += figure_problems
    try:
        schemas = load_schemas(config.resources)
    except (OSError, KeyError, ValueError, TypeError, AttributeError) as error:
        problems.append(Diagnostic("B8-L09", "fout", f"schema's kunnen niet worden gelezen: {error}",
                                   _root_location(root), "controleer de map schemas/", io_problem=True))
        return CheckResult(root, shown, sort_diagnostics(_only(problems, shown, paths)), config=config)
    valid, schema_problems = validate(loaded.documents, schemas, frozenset(figures))
    problems += schema_problems
    result = CheckResult(root, shown, [], config=config, figures=figures)
    if not has_errors([p for p in problems if p not in config_problems]):
        project, link_problems = link(root, valid)
        link_problems += check_organisations(config, set(project.organisations))
        problems += link_problems
        result.project = project
        if not has_errors(link_problems):
            findings, result.report = check(project, config)
            problems += findings
    result.diagnostics = sort_diagnostics(_only(problems, shown + ["big8.yaml"], paths))
    return result


def _only(problems: list[Diagnostic], shown: list[str], paths: list[str] | None) -> list[Diagnostic]:
    """With explicit paths, report what concerns those files (and I/O problems)."""
    if not paths:
        return problems
    wanted = set(shown)
    return [p for p in problems if p.location.file in wanted or p.io_problem]


def _root_location(root: str) -> Location:
    return Location(os.path.basename(os.path.abspath(root)) or root)
