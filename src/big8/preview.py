"""`big8 bekijk`: the website on the author's own computer, rebuilt on save.

A local web server (mkdocs' live-reload server, on 127.0.0.1 only) shows the
site; when a file under policy/, programmes/ or figuren/, big8.yaml or the
project's templates changes, big8 checks again, re-renders only the
documents whose inputs changed (render.Renderer), writes only the pages
that differ, lets mkdocs rebuild only those, and the browser reloads. The
findings of `big8 check` for a document stand at the top of its pages, so
the author sees them where the text is. Content with errors does not stop
the preview: the start page lists the errors instead.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field

from .diagnostics import FOUT, INFO, Diagnostic
from .dutch import counted
from .pipeline import CheckResult, restrict_to_organisation, run_check
from .render import Rendered, Renderer, plain
from .validate import load_schemas

WATCHED = ("policy", "programmes", "figuren", "big8.yaml", "templates", "schemas", "mkdocs.yml")


@dataclass
class Preview:
    """One preview session: its folders, its renderer and what it wrote last."""

    root: str
    organisation: str | None = None
    work: str = field(default_factory=lambda: tempfile.mkdtemp(prefix="big8-bekijk-"))
    renderer: Renderer | None = None
    written: dict[str, bytes] = field(default_factory=dict)  # page source path -> bytes
    config: object = None
    last_seconds: float = 0.0
    last_rendered: int = 0

    @property
    def source(self) -> str:
        return os.path.join(self.work, "bron")

    @property
    def site(self) -> str:
        return os.path.join(self.work, "site")

    def rebuild(self) -> None:
        """Check, render what changed, write what differs, build the site."""
        started = time.perf_counter()
        result = run_check(self.root)
        if self.organisation:
            result = restrict_to_organisation(result, self.organisation)
        pages = self._pages(result)
        changed = self._write(pages)
        self._build_site(structure_changed=changed)
        self.last_seconds = time.perf_counter() - started
        counts = {s: sum(1 for d in result.diagnostics if d.severity == s) for s in (FOUT, "waarschuwing", INFO)}
        seconds = f"{self.last_seconds:.2f}".replace(".", ",")
        print(f"big8 bekijk: bijgewerkt in {seconds} s ({counted(self.last_rendered, 'document', 'documenten')} opnieuw; "
              f"{counted(counts[FOUT], 'fout', 'fouten')}, "
              f"{counted(counts['waarschuwing'], 'waarschuwing', 'waarschuwingen')})",
              file=sys.stderr, flush=True)

    def _pages(self, result: CheckResult) -> dict[str, bytes]:
        if result.project is None or result.has_errors:
            self.last_rendered = 0
            return {"index.md": _error_page(result).encode("utf-8"), "stylesheets/extra.css": self._css()}
        assert result.config is not None
        if self.renderer is None:
            self.renderer = Renderer(load_schemas(result.config.resources), result.config.resources)
        rendered = self.renderer.render(result.project, result.report, result.diagnostics, (), result.figures)
        self.last_rendered = self.renderer.rendered_documents
        return _with_findings(rendered, result.diagnostics) | {"stylesheets/extra.css": self._css()}

    def _css(self) -> bytes:
        from .resources import Resources

        with open(Resources(self.root).template_file("site/extra.css"), "rb") as handle:
            return handle.read()

    def _write(self, pages: dict[str, bytes]) -> bool:
        """Write pages that differ, remove pages that went; True when the set of pages changed."""
        for path in sorted(set(self.written) - set(pages)):
            os.remove(os.path.join(self.source, path))
        for path, data in sorted(pages.items()):
            if self.written.get(path) != data:
                target = os.path.join(self.source, path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(data)
        structure_changed = set(self.written) != set(pages)
        self.written = pages
        return structure_changed

    def _build_site(self, structure_changed: bool) -> None:
        from mkdocs.commands.build import build

        from .outputs.site import SectionTitles, _add_theme_dirs, _load_config, _mkdocs_log
        from .resources import Resources

        resources = Resources(self.root)
        with _mkdocs_log(quiet=True) as messages:
            if self.config is None or structure_changed:
                config = _load_config(resources.site_config, self.source, self.site, messages)
                _add_theme_dirs(config, resources.template_folder("site/overrides"))
                config.plugins["big8-sectietitels"] = SectionTitles()
                config.plugins.on_startup(command="serve", dirty=False)
                self.config = config
            # A page whose source did not change keeps its HTML: mkdocs'
            # dirty build, unless pages came or went (the navigation changes).
            build(self.config, dirty=not structure_changed)  # type: ignore[arg-type]
            del messages[:]  # warnings in a preview are shown on the page, not raised

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def _with_findings(rendered: Rendered, diagnostics: list[Diagnostic]) -> dict[str, bytes]:
    """The site's pages, with each document's findings at the top of its pages."""
    by_document: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.severity != INFO:
            by_document.setdefault(diagnostic.document, []).append(diagnostic)
    pages: dict[str, bytes] = {}
    for path, text in rendered.site_pages.items():
        parts = path.split("/")
        findings = by_document.get(parts[1], []) if len(parts) >= 3 else []
        if findings:
            text = _insert_after_front_matter(text, _findings_box(findings))
        pages[path] = text.encode("utf-8")
    for path, svg in rendered.site_figures.items():
        pages[path] = svg.encode("utf-8")
    for path, image in rendered.site_images.items():
        with open(image, "rb") as handle:
            pages[path] = handle.read()
    return pages


def _findings_box(findings: list[Diagnostic]) -> str:
    kind = "danger" if any(d.severity == FOUT for d in findings) else "warning"
    title = f"big8 check: {counted(len(findings), 'bevinding', 'bevindingen')} in dit document"
    lines = [f'!!! {kind} "{title}"', ""]
    for diagnostic in findings[:30]:
        lines.append(f"    - **{diagnostic.severity}** regel {diagnostic.location.line}: {plain(diagnostic.message)} "
                     f"({diagnostic.code})")
    if len(findings) > 30:
        lines.append(f"    - en nog {len(findings) - 30}")
    return "\n".join(lines) + "\n\n"


def _insert_after_front_matter(text: str, block: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[: end + 5] + "\n" + block + text[end + 5:]
    return block + text


def _error_page(result: CheckResult) -> str:
    lines = ["---", "title: Fouten in de inhoud", "---", "# Fouten in de inhoud", "",
             "De inhoud bevat fouten; zodra ze zijn opgelost, verschijnt hier de website.", ""]
    for diagnostic in result.diagnostics:
        if diagnostic.severity == FOUT:
            lines.append(f"- `{plain(str(diagnostic.location))}`: {plain(diagnostic.message)} ({diagnostic.code})  ")
            if diagnostic.hint:
                lines.append(f"  tip: {plain(diagnostic.hint)}")
    return "\n".join(lines) + "\n"


def serve(root: str, host: str = "127.0.0.1", port: int = 8008, organisation: str | None = None) -> int:
    from mkdocs.livereload import LiveReloadServer

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    preview = Preview(root, organisation)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2000, 1, 1).timestamp())))
    try:
        preview.rebuild()
        server = LiveReloadServer(builder=preview.rebuild, host=host, port=port, root=preview.site, mount_path="/")
        for name in WATCHED:
            path = os.path.join(root, name)
            if os.path.exists(path):
                server.watch(path)
        print(f"big8 bekijk: de website staat op http://{host}:{port}/ (stoppen: Ctrl+C)", file=sys.stderr)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        preview.close()
    return 0
