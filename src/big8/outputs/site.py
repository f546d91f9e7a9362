"""Write the website: mkdocs-material turns the rendered Markdown pages into HTML.

The site must work from a plain folder opened with file:// and must not
load anything from another host (fonts, scripts, icons, analytics). mkdocs.yml
keeps the theme offline; `sitescan.py` checks the result.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import logging
import os
import sys
from collections.abc import Iterator

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from big8.outputs import OutputError
from big8.outputs.sitescan import _is_remote

_MAX_LISTED = 10


def write_site(
    source_dir: str,
    target_dir: str,
    config_file: str,
    date: datetime.date,
    quiet: bool = True,
    theme_dirs: list[str] | None = None,
) -> None:
    """Build the site from the Markdown in `source_dir` into `target_dir`.

    `date` fixes every date mkdocs writes (sitemap, gzip header) unless
    SOURCE_DATE_EPOCH is already set, so equal input gives equal bytes.
    Any mkdocs warning (a dead link, an unknown option) is an error: the
    Markdown comes from big8 render, so a warning means a bug there.
    """
    with _build_epoch(date), _mkdocs_log(quiet) as messages:
        config = _load_config(config_file, source_dir, target_dir, messages)
        _add_theme_dirs(config, theme_dirs or [])
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


def _add_theme_dirs(config: MkDocsConfig, folders: list[str]) -> None:
    """Put big8's template overrides (the project's, then the defaults) in
    front of the theme, after the config's own custom_dir, so a project
    without templates/site/overrides still gets big8's page template."""
    known = {os.path.realpath(d) for d in config.theme.dirs}
    position = 1 if config.theme.custom_dir else 0
    for folder in folders:
        if os.path.isdir(folder) and os.path.realpath(folder) not in known:
            config.theme.dirs.insert(position, folder)
            known.add(os.path.realpath(folder))
            position += 1


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
            _documents_in_cycle_order(self._nav)
        return env


# Cross-cutting sections go after the organisations; folders sort
# alphabetically, which would put "controle" before "enschede".
TRAILING_SECTIONS = ("regio/", "ibt/", "focuspunten/", "doelen/", "controle/", "referentie/")


def _organisations_first(nav: Navigation) -> Navigation:
    def rank(item: object) -> int:
        uri = _first_uri(item)
        return next((n for n, prefix in enumerate(TRAILING_SECTIONS, 1) if uri.startswith(prefix)), 0)

    nav.items.sort(key=rank)  # stable: the organisations keep their order
    nav.pages = list(_pages(nav.items))
    pages: list[Page | None] = [None, *nav.pages, None]
    for before, page, after in zip(pages, nav.pages, pages[2:]):
        page.previous_page, page.next_page = before, after
    return nav


def _documents_in_cycle_order(nav: Navigation) -> None:
    """Within an organisation, documents follow the cycle (policy, programme,
    reports, next programme) rather than the alphabet of their ids; the index
    page of each document says where it stands (front matter `volgorde`)."""

    def order(item: object) -> str:
        if isinstance(item, Section):
            index = next((c for c in item.children if isinstance(c, Page) and c.is_index), None)
            if index is not None:
                return str(index.meta.get("volgorde", ""))
        return ""

    for section in nav.items:
        if isinstance(section, Section) and any(order(c) for c in section.children):
            section.children.sort(key=order)  # stable: pages without an order come first
    nav.pages = list(_pages(nav.items))
    pages: list[Page | None] = [None, *nav.pages, None]
    for before, page, after in zip(pages, nav.pages, pages[2:]):
        page.previous_page, page.next_page = before, after


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
