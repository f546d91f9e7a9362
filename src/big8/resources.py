"""Where schemas, templates and the site configuration come from.

big8 installs its defaults as package data (`big8/standaard/`: schemas,
templates, mkdocs.yml). A project folder overrides only what it contains:
a project with just `templates/document/beleid.md.j2` gets that one
template of its own and every other file from the defaults. In this
repository the defaults are the top-level `schemas/`, `templates/` and
`mkdocs.yml` themselves (the package folder links to them), so the real
Twente content builds with exactly what an installed big8 ships.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

DEFAULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "standaard")
SCHEMA_FOLDER = "schemas"
TEMPLATE_FOLDER = "templates"
SITE_CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class Resources:
    root: str  # the project folder
    defaults: str = DEFAULTS

    def schema_file(self, name: str) -> str:
        return self._find(SCHEMA_FOLDER, name)

    def template_file(self, relative: str) -> str:
        return self._find(TEMPLATE_FOLDER, relative)

    def template_dirs(self) -> list[str]:
        """Project templates first, then the defaults (for Jinja's search path)."""
        return _unique([os.path.join(self.root, TEMPLATE_FOLDER), os.path.join(self.defaults, TEMPLATE_FOLDER)])

    def template_folder(self, relative: str) -> list[str]:
        """Every existing copy of a template folder, project first."""
        return [folder for folder in (os.path.join(base, relative) for base in self.template_dirs())
                if os.path.isdir(folder)]

    @property
    def site_config(self) -> str:
        own = os.path.join(self.root, SITE_CONFIG)
        return own if os.path.isfile(own) else os.path.join(self.defaults, SITE_CONFIG)

    @cached_property
    def schemas_are_defaults(self) -> bool:
        """True when no schema file of the project differs from the defaults;
        then the schemas were validated when big8 was released and need no
        validation on every run."""
        own = os.path.join(self.root, SCHEMA_FOLDER)
        if not os.path.isdir(own) or _same_folder(own, os.path.join(self.defaults, SCHEMA_FOLDER)):
            return True
        return all(_same_file(os.path.join(own, name), os.path.join(self.defaults, SCHEMA_FOLDER, name))
                   for name in sorted(os.listdir(own)) if name.endswith(".yaml"))

    def _find(self, folder: str, relative: str) -> str:
        own = os.path.join(self.root, folder, relative)
        return own if os.path.isfile(own) else os.path.join(self.defaults, folder, relative)


def _unique(folders: list[str]) -> list[str]:
    seen, result = set(), []
    for folder in folders:
        real = os.path.realpath(folder)
        if real not in seen:
            seen.add(real)
            result.append(folder)
    return result


def _same_folder(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _same_file(a: str, b: str) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        with open(a, "rb") as first, open(b, "rb") as second:
            return first.read() == second.read()
    except OSError:
        return False
