"""Write the website: mkdocs-material turns the rendered Markdown pages into HTML.

The site must work from a plain folder opened with file:// and must not
load anything from another host (fonts, scripts, icons, analytics). mkdocs.yml
keeps the theme offline; `sitescan.py` checks the result.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as mkdocs_meta

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
    previous: tuple[str, str] | None = None,
) -> int | None:
    """Build the site from the Markdown in `source_dir` into `target_dir`.

    `date` fixes every date mkdocs writes (sitemap, gzip header) unless
    SOURCE_DATE_EPOCH is already set, so equal input gives equal bytes.
    Any mkdocs warning (a dead link, an unknown option) is an error: the
    Markdown comes from big8 render, so a warning means a bug there.

    `previous` is the source and the site of the previous build, made with
    the same configuration and templates. When the same pages exist with
    the same front matter, only the pages and files that changed are built
    again (see IncrementalPages); returns their number, or None after a
    whole build.
    """
    files = _relative_files(source_dir)
    changed = _changed_since(source_dir, files, *previous) if previous else None
    if changed is not None:
        unchanged = files - changed
        _copy_previous_site(previous[1], target_dir, _unchanged_pages(unchanged))  # type: ignore[index]
        _mark_unchanged(source_dir, unchanged)
    with _build_epoch(date), _mkdocs_log(quiet) as messages:
        config = _load_config(config_file, source_dir, target_dir, messages)
        if changed is not None:
            config.plugins["big8-incrementeel"] = IncrementalPages(target_dir)
        _add_theme_dirs(config, theme_dirs or [])
        _check_extra_files(config)
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config, dirty=changed is not None)
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
    return None if changed is None else len(changed)


# ---------------------------------------------------------------- incremental

def _changed_since(source_dir: str, files: set[str], previous_source: str, previous_site: str) -> set[str] | None:
    """The files of `source_dir` that differ from the previous build's, or
    None when the site must be built whole: pages came or went, or a page's
    front matter (its title, its place in the navigation) changed, so other
    pages' navigation changes too."""
    if not os.path.isfile(os.path.join(previous_site, "search", "search_index.json")):
        return None
    if files != _relative_files(previous_source):
        return None
    changed = set()
    for relative in files:
        if relative.startswith("downloads/"):
            continue  # empty placeholders now, filled in after the build
        with open(os.path.join(source_dir, relative), "rb") as new, \
                open(os.path.join(previous_source, relative), "rb") as old:
            new_bytes, old_bytes = new.read(), old.read()
        if new_bytes == old_bytes:
            continue
        if relative.endswith(".md") and _front_matter(new_bytes) != _front_matter(old_bytes):
            return None
        changed.add(relative)
    return changed


def _relative_files(folder: str) -> set[str]:
    found = set()
    for current, _folders, names in os.walk(folder):
        for name in names:
            found.add(os.path.relpath(os.path.join(current, name), folder).replace(os.sep, "/"))
    return found


def _front_matter(source: bytes) -> dict:
    return mkdocs_meta.get_data(source.decode("utf-8-sig"))[1]


def _unchanged_pages(unchanged: set[str]) -> set[str]:
    """The HTML files a dirty build will not write: those of unchanged pages."""
    return {relative[:-3] + ".html" for relative in unchanged if relative.endswith(".md")}


def _copy_previous_site(previous_site: str, target_dir: str, unchanged_pages: set[str]) -> None:
    """The previous site as the start of this one. The pages mkdocs will not
    touch are hard links (most of a large site); every other file is a real
    copy, because mkdocs writes files in place and a failed build must leave
    the previous site as it was."""
    def copy(source: str, target: str) -> str:
        if os.path.relpath(target, target_dir).replace(os.sep, "/") in unchanged_pages:
            with contextlib.suppress(OSError):  # a file system without hard links: copy
                os.link(source, target)
                return target
        return shutil.copy2(source, target)

    shutil.copytree(previous_site, target_dir, copy_function=copy)


def _mark_unchanged(source_dir: str, unchanged: set[str]) -> None:
    """mkdocs' dirty build rebuilds a file whose source is newer than its
    output; an unchanged source gets the oldest time there is."""
    for relative in unchanged:
        if not relative.startswith("downloads/"):
            os.utime(os.path.join(source_dir, relative), (0, 0))


class IncrementalPages(BasePlugin):
    """What a dirty build leaves out, put back so that the result is the
    same, byte for byte, as a whole build (tests/test_build.py proves it):
    the front matter of the pages not read again (their titles and order
    in every other page's navigation), and their entries in the search
    index, taken from the previous build's index in page order."""

    def __init__(self, site_dir: str) -> None:
        with open(os.path.join(site_dir, "search", "search_index.json"), encoding="utf-8") as handle:
            self._previous = _entries_by_page(json.load(handle)["docs"])
        self._order: list[str] = []
        self._rebuilt: set[str] = set()

    def on_nav(self, nav: Navigation, /, *, files: Files, **kwargs: object) -> Navigation:
        for file in files.documentation_pages():
            self._order.append(file.url)
            if file.is_modified():
                self._rebuilt.add(file.url)
            elif file.page is not None and file.abs_src_path:
                with open(file.abs_src_path, encoding="utf-8-sig") as handle:
                    file.page.markdown, file.page.meta = mkdocs_meta.get_data(handle.read())
        return nav

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is None:
            return
        current = _entries_by_page(index.entries)
        index.entries = [entry for url in self._order
                         for entry in (current if url in self._rebuilt else self._previous).get(url, [])]


def _entries_by_page(entries: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for entry in entries:
        grouped.setdefault(entry["location"].split("#")[0], []).append(entry)
    return grouped


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
        # The dirty build's general caution: IncrementalPages is the answer to it.
        if not record.getMessage().startswith("A 'dirty' build is being performed"):
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
