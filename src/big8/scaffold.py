"""`big8 nieuw project MAP`: a working project for a municipality of its own.

The project holds only its content and settings: policy/ (organisaties.yaml
and a beleid), programmes/ (a first programme), big8.yaml, the JSON Schema
for editor completion, CI for GitLab and GitHub, a pre-commit hook and a
short README. Schemas, templates and the site's theme come from the
installed big8 (package data), so the project stays small and gets every
improvement by upgrading big8. It passes `big8 check` and `big8 build` at
once. The skeletons carry a Dutch comment on every key and a modeline that
points editors at big8.schema.json.
"""

from __future__ import annotations

import datetime
import json
import os
import re

import jinja2

from . import __version__
from .link import RESERVED_ORGANISATION_IDS
from .resources import Resources
from .schema_export import json_schema, modeline

SCHEMA_FILE = "big8.schema.json"

# (template under templates/nieuw/, file in the project, needs the modeline)
FILES = [
    ("organisaties.yaml.j2", "policy/organisaties.yaml", True),
    ("beleid.yaml.j2", "policy/beleid-{van}-{tot}.yaml", True),
    ("programma.yaml.j2", "programmes/uitvoeringsprogramma-{jaar}.yaml", True),
    ("big8.yaml.j2", "big8.yaml", False),
    ("mkdocs.yml.j2", "mkdocs.yml", False),
    ("gitignore.j2", ".gitignore", False),
    ("gitlab-ci.yml.j2", ".gitlab-ci.yml", False),
    ("github-workflow.yml.j2", ".github/workflows/big8.yml", False),
    ("pre-commit-config.yaml.j2", ".pre-commit-config.yaml", False),
    ("vereisten.txt.j2", "vereisten.txt", False),
    ("vscode-settings.json.j2", ".vscode/settings.json", False),
    ("README.md.j2", "README.md", False),
]


class ProjectExists(Exception):
    """The target folder already holds files: nothing is overwritten."""


def organisation_id(name: str) -> str:
    """"Gemeente Voorbeeldrecht" -> "voorbeeldrecht"."""
    text = re.sub(r"^(gemeente|provincie|omgevingsdienst|waterschap)\s+", "", name.strip(), flags=re.I)
    text = text.lower().translate(str.maketrans("éëèêïíóöüúàáâç", "eeeeiioouuaaac"))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "gemeente"
    return f"gemeente-{slug}" if slug in RESERVED_ORGANISATION_IDS else slug


def install_requirement() -> tuple[str, bool]:
    """How CI installs the big8 this project was made with (PEP 610): the
    same git commit or archive when it came from one, else the version from
    the package index. False when that cannot be known for sure: a local
    folder or an editable install, which CI cannot reach."""
    from importlib import metadata

    try:
        recorded = metadata.distribution("big8").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        recorded = None
    origin = json.loads(recorded) if recorded else {}
    url = origin.get("url", "")
    if "vcs_info" in origin and not url.startswith("file:"):
        vcs = origin["vcs_info"]
        return f"big8 @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}".rstrip("@"), True
    if url.startswith(("https://", "http://")):
        return f"big8 @ {url}", True
    return f"big8=={__version__}", not url


def create_project(target: str, name: str, identifier: str | None = None, year: int | None = None) -> list[str]:
    """Write the project; returns the files written, relative to `target`."""
    if os.path.exists(target) and (not os.path.isdir(target) or os.listdir(target)):
        raise ProjectExists(target)
    year = year or datetime.date.today().year + 1
    requirement, exact = install_requirement()
    values = {"naam": name, "id": identifier or organisation_id(name), "jaar": year, "van": year, "tot": year + 3,
              "versie": __version__, "vereiste": requirement, "vereiste_exact": exact}
    resources = Resources(target)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(resources.template_dirs()), autoescape=False,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["yaml"] = _yaml_string
    written = []
    for template, path, with_modeline in FILES:
        relative = path.format(**values)
        line = modeline(os.path.relpath(SCHEMA_FILE, os.path.dirname(relative)).replace(os.sep, "/")) \
            if with_modeline else ""
        text = env.get_template(f"nieuw/{template}").render(modeline=line, **values)
        _write(os.path.join(target, relative), text)
        written.append(relative)
    _write(os.path.join(target, SCHEMA_FILE),
           json.dumps(json_schema(resources), ensure_ascii=False, indent=1, sort_keys=False) + "\n")
    written.append(SCHEMA_FILE)
    os.makedirs(os.path.join(target, "figuren"), exist_ok=True)
    return written


def _yaml_string(value: str) -> str:
    """A YAML string that reads back as `value` whatever it holds."""
    return json.dumps(str(value), ensure_ascii=False)


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
