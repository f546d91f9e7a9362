"""Shared test helpers: a throw-away project with the real schemas, and the
`--update-golden` switch for the golden Markdown files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from big8.outputs import DocumentMeta

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
CLEAN_PROJECT = FIXTURES / "projecten" / "schoon"


# The fictitious document the Word and PDF writer tests render
# (tests/fixtures/render/voorbeeld.md).
DENKBEELDWIJK = DocumentMeta(
    slug="denkbeeldwijk-vth-beleid-2025-2028",
    soort="beleid",
    titel="VTH-beleid Denkbeeldwijk 2025-2028",
    organisatie="Gemeente Denkbeeldwijk",
    periode="2025-2028",
    status="vastgesteld",
    vastgesteld_op="6 december 2024",
    vastgesteld_door="college van burgemeester en wethouders",
    trefwoorden=("VTH", "toezicht"),
)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="schrijf de golden-bestanden opnieuw in plaats van ze te vergelijken")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def new_project(folder: Path, files: dict[str, str] | None = None, clean: bool = False) -> Path:
    """A project folder with the repository's schemas and templates, plus
    `files` (relative path -> text); with clean=True the clean fixture first."""
    shutil.copytree(REPO / "schemas", folder / "schemas")
    if clean:
        shutil.copytree(CLEAN_PROJECT, folder, dirs_exist_ok=True)
    for relative, text in (files or {}).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


@pytest.fixture
def project(tmp_path):
    """Factory: project(files, clean=False) -> Path of a new project."""
    counter = iter(range(1000))

    def make(files: dict[str, str] | None = None, clean: bool = False) -> Path:
        return new_project(tmp_path / f"project{next(counter)}", files, clean)

    return make


def clean_text(relative: str) -> str:
    return (CLEAN_PROJECT / relative).read_text(encoding="utf-8")


def variant(relative: str, *replacements: tuple[str, str]) -> dict[str, str]:
    """The clean fixture's file with textual replacements (each must match)."""
    text = clean_text(relative)
    for old, new in replacements:
        assert old in text, f"{old!r} not in {relative}"
        text = text.replace(old, new, 1)
    return {relative: text}


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    # Every test sees its own files, not what an earlier test left in the
    # cache (tests/test_cache.py switches it on where it is the subject).
    monkeypatch.setenv("BIG8_CACHE", "uit")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_project(root):
    """Check and render a project (no converters): what its documents and site pages say."""
    from big8.pipeline import run_check
    from big8.render import render
    from big8.resources import Resources
    from big8.validate import load_schemas

    result = run_check(str(root))
    assert not result.has_errors, [d.format() for d in result.diagnostics if d.severity == "fout"]
    resources = Resources(str(root))
    return render(result.project, result.report, result.diagnostics, load_schemas(resources), resources,
                  figures=result.figures)
