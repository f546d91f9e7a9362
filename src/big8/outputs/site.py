"""Write the website: mkdocs-material turns the rendered Markdown pages into HTML.

The site must work from a plain folder opened with file:// and must not
load anything from another host (fonts, scripts, icons, analytics). mkdocs.yml
keeps the theme offline; `external_references` checks the result.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import logging
import os
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from big8.outputs import OutputError

_MAX_LISTED = 10


def write_site(
    source_dir: str,
    target_dir: str,
    config_file: str,
    date: datetime.date,
    quiet: bool = True,
) -> None:
    """Build the site from the Markdown in `source_dir` into `target_dir`.

    `date` fixes every date mkdocs writes (sitemap, gzip header) unless
    SOURCE_DATE_EPOCH is already set, so equal input gives equal bytes.
    Any mkdocs warning (a dead link, an unknown option) is an error: the
    Markdown comes from big8 render, so a warning means a bug there.
    """
    with _build_epoch(date), _mkdocs_log(quiet) as messages:
        config = _load_config(config_file, source_dir, target_dir, messages)
        _check_extra_files(config)
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except Exception as exc:  # mkdocs, its theme and plugins raise anything
            raise OutputError(
                f"De website kon niet worden gebouwd met mkdocs: {_describe(exc)}"
                + (":\n" + _bullets(messages) if messages else "")
            ) from exc
    if messages:
        raise OutputError(
            "De website is gebouwd, maar mkdocs gaf waarschuwingen; dat wijst op een "
            "fout in de gegenereerde pagina's:\n" + _bullets(messages)
        )


def _load_config(
    config_file: str, source_dir: str, target_dir: str, messages: list[str]
) -> MkDocsConfig:
    """Read mkdocs.yml with big8's folders; its own warnings are errors here."""
    if not os.path.isfile(config_file):
        raise OutputError(f"Het configuratiebestand voor de website ontbreekt: {config_file}")
    if not os.path.isdir(source_dir):
        raise OutputError(f"De map met pagina's voor de website ontbreekt: {source_dir}")
    try:
        config = load_config(
            config_file=config_file,
            docs_dir=os.path.abspath(source_dir),
            site_dir=os.path.abspath(target_dir),
            # A link to a missing heading is as much a render bug as a dead link.
            validation={"links": {"anchors": "warn"}},
        )
    except Exception as exc:
        messages.append(_describe(exc))
    if messages:
        # mkdocs logs the details (which option, why) before it gives up.
        raise OutputError(
            f"De websiteconfiguratie {config_file} klopt niet:\n" + _bullets(messages)
        )
    config.plugins["big8-sectietitels"] = SectionTitles()
    return config


def _check_extra_files(config: MkDocsConfig) -> None:
    """Fail early when a stylesheet or script that mkdocs.yml names is missing.

    mkdocs itself would silently link to a file that is not there; the site
    would then look unstyled or lose its offline search.
    """
    wanted = [str(p) for p in config.extra_css]
    wanted += [str(getattr(p, "path", p)) for p in config.extra_javascript]
    wanted += [str(p) for p in config.extra.get("polyfills", [])]
    roots = [config.docs_dir, *config.theme.dirs]
    missing = [
        path
        for path in wanted
        if not _is_remote(path) and not any(os.path.isfile(os.path.join(r, path)) for r in roots)
    ]
    if missing:
        raise OutputError(
            "Bestanden die mkdocs.yml noemt ontbreken in de bronmap van de website "
            f"({config.docs_dir}): {', '.join(missing)}. big8 render hoort "
            "templates/site/extra.css naar stylesheets/extra.css te kopiëren."
        )


@contextlib.contextmanager
def _build_epoch(date: datetime.date) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to `date` for the build, unless the caller set it."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(date.timetuple()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _mkdocs_log(quiet: bool) -> Iterator[list[str]]:
    """Collect mkdocs' warnings; print its progress only when not quiet."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    extra: logging.Handler = logging.NullHandler()
    if not quiet:
        extra = logging.StreamHandler(sys.stderr)
        extra.setFormatter(logging.Formatter("mkdocs: %(message)s"))
    saved = (logger.level, logger.propagate)
    logger.addHandler(collect)
    logger.addHandler(extra)
    # Without handlers of its own mkdocs would print warnings through
    # logging's last-resort handler; keep them to ourselves.
    logger.propagate = False
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    try:
        yield collect.messages
    finally:
        logger.removeHandler(collect)
        logger.removeHandler(extra)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


class SectionTitles(BasePlugin):
    """Name each navigation section after the title of its index page.

    mkdocs names a section after its folder ("vth-beleid-2025" becomes
    "Vth beleid 2025"); the index page's H1 is what the reader should see.
    Registered in code rather than in mkdocs.yml, so the file stays free of
    plugins that zensical does not know; there, folder names are the fallback.
    """

    def __init__(self) -> None:
        self._nav: Navigation | None = None

    def on_nav(self, nav: Navigation, /, **kwargs: object) -> Navigation:
        self._nav = _organisations_first(nav)
        return self._nav

    def on_env(self, env, /, **kwargs: object):  # noqa: ANN001 - jinja2 Environment
        # Page titles are known only after the pages have been read, which
        # mkdocs does between on_nav and on_env.
        if self._nav is not None:
            for section in _sections(self._nav.items):
                index = next(
                    (c for c in section.children if isinstance(c, Page) and c.is_index), None
                )
                if index is not None and index.title:
                    section.title = index.title
        return env


# Cross-cutting sections go after the organisations; folders sort
# alphabetically, which would put "controle" before "enschede".
TRAILING_SECTIONS = ("focuspunten/", "controle/")


def _organisations_first(nav: Navigation) -> Navigation:
    def rank(item: object) -> int:
        uri = _first_uri(item)
        return next((n for n, prefix in enumerate(TRAILING_SECTIONS, 1) if uri.startswith(prefix)), 0)

    nav.items.sort(key=rank)  # stable: the organisations keep their order
    nav.pages = list(_pages(nav.items))
    for before, page, after in zip([None] + nav.pages[:-1], nav.pages, nav.pages[1:] + [None]):
        page.previous_page, page.next_page = before, after
    return nav


def _first_uri(item: object) -> str:
    if isinstance(item, Page):
        return item.file.src_uri
    if isinstance(item, Section) and item.children:
        return _first_uri(item.children[0])
    return ""


def _pages(items: list) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)


def _sections(items: list) -> Iterator[Section]:
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0] if len(text) > 500 else text


def _bullets(lines: list[str]) -> str:
    shown = [f"- {line}" for line in lines[:_MAX_LISTED]]
    if len(lines) > _MAX_LISTED:
        shown.append(f"- ... en nog {len(lines) - _MAX_LISTED}")
    return "\n".join(shown)


# --------------------------------------------------------------------------
# External references


# Remote URLs that occur in the theme's own JavaScript but are never loaded
# for a site built with our mkdocs.yml. Each is tied to a condition that the
# scan checks on the built HTML; a URL whose condition holds is reported.
_INERT_THEME_URLS: dict[str, str] = {
    # Mermaid is fetched only for diagrams (elements with class "mermaid").
    "https://unpkg.com/mermaid@": "mermaid",
    # Repository facts are fetched only when mkdocs.yml sets repo_url.
    "https://api.github.com/": "repo",
    "https://${": "repo",
    # Loaded only by browsers without ResizeObserver (none still supported).
    "https://unpkg.com/resize-observer-polyfill": "never",
    # Text of a console warning in the search worker, not a request.
    "https://bit.ly/2s3ChXG": "never",
}

# Namespace names are identifiers, never fetched.
_NAMESPACES = ("http://www.w3.org/",)

# <link rel=...> values that point at another page instead of loading a resource.
_NAVIGATIONAL_RELS = {"alternate", "author", "bookmark", "canonical", "help", "license", "me", "next", "prev", "search"}

# Attributes that make the browser load what they name.
_RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# A quote, an optional scheme, "//" and a host (or a template's "${"): this
# skips "//" comments that follow a string, as in `"x"//note`.
_JS_URL = re.compile(
    r"""["'`]((?:(?:https?|wss?):)?//(?:\$\{|[\w-]+(?:\.[\w-]+)+)[^"'`\s]*)""", re.I
)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";\s]+)", re.I)


def external_references(site_dir: str) -> list[str]:
    """List every resource the built site would load from another host.

    Each entry reads "<file relative to site_dir>: <url>". Ordinary links
    (<a href>) to other sites are not resources and are not listed.
    """
    root = Path(site_dir)
    found: set[tuple[str, str]] = set()
    conditions = {"never"}
    js_urls: list[tuple[str, str]] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        if suffix in {".html", ".htm", ".svg"}:
            scan = _HtmlScan()
            scan.feed(path.read_text(encoding="utf-8", errors="replace"))
            scan.close()
            found.update((name, url) for url in scan.urls)
            js_urls.extend((name, url) for url in scan.script_urls)
            conditions |= scan.conditions
        elif suffix == ".css":
            found.update((name, url) for url in _css_urls(path.read_text(encoding="utf-8", errors="replace")))
        elif suffix in {".js", ".mjs"}:
            js_urls.extend((name, url) for url in _js_urls(path.read_text(encoding="utf-8", errors="replace")))
    for name, url in js_urls:
        condition = next((c for p, c in _INERT_THEME_URLS.items() if url.startswith(p)), None)
        if condition is None or (condition != "never" and condition in conditions):
            found.add((name, url))
    return [f"{name}: {url}" for name, url in sorted(found)]


def _is_remote(url: str) -> bool:
    url = url.strip().lower()
    return url.startswith(("http:", "https:", "//", "ftp:", "ws:", "wss:"))


def _css_urls(text: str) -> list[str]:
    text = _CSS_COMMENT.sub("", text)
    urls = [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(text)]
    urls += [next(g for g in m.groups() if g is not None) for m in _CSS_IMPORT.finditer(text)]
    # data: URIs are inline; the namespace inside an inline SVG is not a request.
    return [u for u in urls if _is_remote(u) and not u.startswith(_NAMESPACES)]


def _js_urls(text: str) -> list[str]:
    text = _JS_BLOCK_COMMENT.sub("", text)
    urls = [m.group(1) for m in _JS_URL.finditer(text)]
    return [u for u in urls if not u.startswith(_NAMESPACES)]


class _HtmlScan(HTMLParser):
    """Collect remote resource URLs from one HTML (or SVG) file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.script_urls: list[str] = []
        self.conditions: set[str] = set()
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        self._note_conditions(values)
        for attr in _RESOURCE_ATTRS.get(tag, ()):
            self._add(values.get(attr, ""), srcset=attr == "srcset")
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if not rels or not rels <= _NAVIGATIONAL_RELS:
                self._add(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content", ""))
            if match:
                self._add(match.group(1))
        if "style" in values:
            self.urls += _css_urls(values["style"])
        if tag in {"style", "script"}:
            self._in = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in = None

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.urls += _css_urls(data)
        elif self._in == "script":
            self.script_urls += _js_urls(data)

    def _add(self, value: str, srcset: bool = False) -> None:
        candidates = [part.strip().split(" ")[0] for part in value.split(",")] if srcset else [value]
        self.urls += [c for c in candidates if _is_remote(c)]

    def _note_conditions(self, values: dict[str, str]) -> None:
        if "mermaid" in values.get("class", "").split():
            self.conditions.add("mermaid")
        if values.get("data-md-component") == "source":
            self.conditions.add("repo")
