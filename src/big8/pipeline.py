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
from .config import Config, load_config
from .diagnostics import Diagnostic, Location, has_errors, sort_diagnostics
from .link import link
from .load import discover, display_path, load_files
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

    @property
    def io_problem(self) -> bool:
        return any(d.io_problem for d in self.diagnostics)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.diagnostics)


def run_check(root: str, paths: list[str] | None = None) -> CheckResult:
    config, problems = load_config(root, known_codes())
    if problems:
        return CheckResult(root, [], sort_diagnostics(problems), config=config)
    files, problems = discover(root, paths)
    shown = [display_path(root, f) for f in files]
    if not files and not problems:
        problems.append(Diagnostic("B8-L01", "fout", "geen YAML-bestanden gevonden onder policy/ en programmes/",
                                   _root_location(root), "draai big8 in de projectmap of geef die op met -C MAP",
                                   io_problem=True))
        return CheckResult(root, [], problems, config=config)
    # Given paths are checked in the context of the whole project, so that a
    # programme's references to its beleid and organisation resolve.
    context_files, _ = discover(root) if paths else (files, [])
    all_files = sorted({os.path.abspath(f) for f in files} | {os.path.abspath(f) for f in context_files})
    loaded = load_files(root, all_files)
    problems += loaded.diagnostics
    try:
        schemas = load_schemas(config.schema_dir)
    except (OSError, KeyError, ValueError) as error:
        problems.append(Diagnostic("B8-L09", "fout", f"schema's kunnen niet worden gelezen: {error}",
                                   _root_location(root), "controleer de map schemas/", io_problem=True))
        return CheckResult(root, shown, sort_diagnostics(_only(problems, shown, paths)), config=config)
    valid, schema_problems = validate(loaded.documents, schemas)
    problems += schema_problems
    result = CheckResult(root, shown, [], config=config)
    if not has_errors(problems):
        project, link_problems = link(root, valid)
        problems += link_problems
        result.project = project
        if not has_errors(link_problems):
            findings, result.report = check(project, config)
            problems += findings
    result.diagnostics = sort_diagnostics(_only(problems, shown, paths))
    return result


def _only(problems: list[Diagnostic], shown: list[str], paths: list[str] | None) -> list[Diagnostic]:
    """With explicit paths, report what concerns those files (and I/O problems)."""
    if not paths:
        return problems
    wanted = set(shown)
    return [p for p in problems if p.location.file in wanted or p.io_problem]


def _root_location(root: str) -> Location:
    return Location(os.path.basename(os.path.abspath(root)) or root)
