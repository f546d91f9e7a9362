"""WCAG 2.1 AA: axe-core checks the website in a real (headless) Chromium.

Two sites are checked. The fictitious fixture site (tests/fixtures/site)
holds every big8 CSS class: concept banner, risk matrix, severity labels,
figures. The real build of the bundled content gives the page types a
reader meets: home, a beleid chapter, a programme page, a focuspunt, the
control report. Both are served from 127.0.0.1; every request to another
host is blocked and reported.

Needs Debian's Chromium and the pinned node packages in tests/a11y:
    apt-get install chromium
    (cd tests/a11y && npm ci)
Without them the tests are skipped, unless BIG8_A11Y_VERPLICHT=1 (for CI).
"""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_site import CONFIG, ROOT, make_source

from big8.outputs.site import write_site

A11Y = ROOT / "tests" / "a11y"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HOW_TO_ENABLE = "installeer chromium (apt-get install chromium) en draai 'npm ci' in tests/a11y"
VIEWPORTS = ("1280x900", "390x844")  # desktop and phone: the layouts differ


def _missing_tools() -> str:
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} ontbreekt"
    if shutil.which("node") is None:
        return "node ontbreekt"
    for package in ("axe-core", "playwright-core"):
        if not (A11Y / "node_modules" / package).is_dir():
            return f"tests/a11y/node_modules/{package} ontbreekt"
    return ""


def _require_tools() -> None:
    missing = _missing_tools()
    if not missing:
        return
    message = f"toegankelijkheidstoets niet uitgevoerd: {missing}; {HOW_TO_ENABLE}"
    if os.environ.get("BIG8_A11Y_VERPLICHT") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module", autouse=True)
def tools() -> None:
    _require_tools()


# ------------------------------------------------------------------ sites


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = make_source(tmp_path_factory.mktemp("bron") / "site")
    target = tmp_path_factory.mktemp("uit") / "site"
    write_site(str(source), str(target), str(CONFIG), datetime.date(2023, 12, 6))
    return target


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from big8.build import run_build

    out = tmp_path_factory.mktemp("echt") / "build"
    # Word and PDF too: the site links to them as downloads.
    code = run_build(str(ROOT), str(out), quiet=True)
    assert code == 0, "big8 build van de meegeleverde inhoud mislukte"
    return out / "site"


FIXTURE_PAGES = [
    "index.html",
    "voorbeeldstad/vth-beleid-2099-2102/index.html",  # concept banner
    "voorbeeldstad/vth-beleid-2099-2102/02-risicoanalyse.html",  # risk matrix
    "voorbeeldstad/vth-beleid-2099-2102/03-doelen.html",  # figures
    "voorbeeldstad/uitvoeringsprogramma-2099/index.html",
    "focuspunten/veiligheid.html",
    "controle/index.html",  # severity labels
    "404.html",
]


def real_pages(site: Path) -> list[str]:
    """One page of each type a reader meets in the real build."""
    documents = sorted(p.parent for p in site.glob("*/*/index.html") if p.parent.parent.name not in {"focuspunten", "controle"})
    beleid = [d for d in documents if _kind(d / "index.html") == "beleid"]
    programmes = [d for d in documents if _kind(d / "index.html") == "uitvoeringsprogramma"]
    assert beleid and programmes, f"geen beleid of uitvoeringsprogramma gevonden in {site}"
    focuspunten = sorted(p for p in (site / "focuspunten").glob("*/*.html"))
    pages = [
        site / "index.html",
        beleid[0] / "index.html",
        _chapters(beleid[0])[0],
        programmes[0] / "index.html",
        _largest(_chapters(programmes[0])),  # the most tables
        focuspunten[0],
        site / "controle" / "index.html",
    ]
    return [p.relative_to(site).as_posix() for p in pages]


def _kind(index: Path) -> str:
    text = index.read_text(encoding="utf-8")
    match = re.search(r'class="b8-status[^"]*"[^>]*>\s*(Beleid|Uitvoeringsprogramma)\b', text)
    return match.group(1).lower() if match else ""


def _chapters(document: Path) -> list[Path]:
    return sorted(p for p in document.glob("*.html") if p.name != "index.html")


def _largest(pages: list[Path]) -> Path:
    return max(pages, key=lambda p: (p.stat().st_size, p.name))


# ------------------------------------------------------------------ runner


@pytest.fixture(scope="module")
def serve() -> Iterator:
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def run_axe(urls: list[str], viewport: str) -> list[dict]:
    completed = subprocess.run(
        ["node", "run_axe.mjs", f"--viewport={viewport}", *urls],
        cwd=A11Y,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def report(results: list[dict]) -> str:
    lines = []
    for result in results:
        for url in result["external"]:
            lines.append(f"{result['url']}: verzoek naar andere host: {url}")
        for violation in result["violations"]:
            lines.append(f"{result['url']}: {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def check(base: str, pages: list[str], viewport: str) -> None:
    results = run_axe([f"{base}/{page}" for page in pages], viewport)
    assert len(results) == len(pages)
    problems = report(results)
    assert problems == "", "\n" + problems


# ------------------------------------------------------------------- tests


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_fixture_site_meets_wcag_21_aa(fixture_site: Path, serve, viewport: str) -> None:
    check(serve(fixture_site), FIXTURE_PAGES, viewport)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_real_site_meets_wcag_21_aa(real_site: Path, serve, viewport: str) -> None:
    check(serve(real_site), real_pages(real_site), viewport)


def test_search_works_from_disk_without_network(fixture_site: Path) -> None:
    page = (fixture_site / "focuspunten" / "veiligheid.html").as_uri()
    completed = subprocess.run(
        ["node", "zoek_offline.mjs", page, "brandveilig"],
        cwd=A11Y,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert completed.returncode == 0, completed.stderr
    found = json.loads(completed.stdout)
    assert found["external"] == []
    assert "Risicoanalyse" in found["results"]


def test_axe_finds_a_known_violation(tmp_path: Path, serve) -> None:
    # Guards against a runner that silently checks nothing.
    (tmp_path / "fout.html").write_text(
        '<!doctype html><html><head><title>fout</title></head><body><img src="x.png"></body></html>',
        encoding="utf-8",
    )
    results = run_axe([f"{serve(tmp_path)}/fout.html"], VIEWPORTS[0])
    assert {v["id"] for v in results[0]["violations"]} >= {"html-has-lang", "image-alt"}
