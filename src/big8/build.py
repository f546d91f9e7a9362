"""`big8 build`: check, render, then write site, Word and PDF into build/.

The build is atomic: everything is written into a staging folder next to
build/ and swapped in only when all outputs succeeded, so a failed build
leaves the previous build/ as it was. One build at a time may write to an
output folder (a lock next to it); leftovers of a killed build are removed
at the next start. The output folder is never the project, a source or
template folder, or a folder big8 did not make itself.

It is deterministic: the date in every output is SOURCE_DATE_EPOCH when
set, otherwise the latest adoption date of the published documents, never
the clock. A rebuild with nothing changed reuses the previous Word, PDF and
site (keyed on a hash of everything that goes into them) instead of running
pandoc, typst and mkdocs again.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import fcntl
import glob
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from . import __version__, cache
from .cli_output import build_summary, check_json, print_check
from .diagnostics import Diagnostic
from .load import SOURCE_DIRS
from .outputs import OutputError
from .outputs.tools import ToolLimit
from .pipeline import CheckResult, UnknownOrganisation, known_organisation, restrict_to_organisation, run_check
from .render import Fragment, Rendered, RenderedDocument, render
from .resources import SCHEMA_FOLDER, TEMPLATE_FOLDER, Resources
from .validate import load_schemas

MANIFEST = ".big8-manifest.json"
# What each file of the site refers to (outputs/sitescan.py), kept so that
# the next build scans only the files that changed.
SITE_SCANS = ".big8-sitescan.json"
OUTPUT_KINDS = ("site", "word", "pdf")
# Folders of a project that hold what big8 reads: never a place to write.
PROTECTED_FOLDERS = (*SOURCE_DIRS, SCHEMA_FOLDER, TEMPLATE_FOLDER, "figuren", ".git")
FIRST_EPOCH, LAST_EPOCH = 315532800, 4102444799  # 1980-01-01 .. 2099-12-31: what zip and gzip can hold
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class Progress:
    """One line per step on a terminal; silent otherwise or with --quiet."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.done = total, 0
        self.enabled = not quiet and sys.stderr.isatty()

    def step(self, what: str) -> None:
        self.done += 1
        if self.enabled:
            print(f"[{self.done}/{self.total}] {what}", file=sys.stderr, flush=True)


class UsageProblem(Exception):
    """The command cannot run as asked (exit code 2): a message and a hint."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def run_build(root: str, output: str = "build", quiet: bool = False, only: list[str] | None = None,
              organisation: str | None = None) -> int:
    started = time.perf_counter()
    kinds = tuple(only or OUTPUT_KINDS)
    target = os.path.abspath(os.path.join(root, output))
    try:
        refuse_output_folder(root, target, output)
        date_override = source_date_epoch()
        with build_lock(target):
            remove_leftovers(target)
            return _checked_build(root, target, kinds, quiet, date_override, started, organisation)
    except UsageProblem as problem:
        print(f"big8: fout: {problem.message}\n    tip: {problem.hint}", file=sys.stderr)
        return EXIT_USAGE
    except UnknownOrganisation as unknown:
        print(f"big8: fout: onbekende organisatie '{unknown.organisation}'\n    tip: {unknown.hint}", file=sys.stderr)
        return EXIT_USAGE


def _checked_build(root: str, target: str, kinds: tuple, quiet: bool, date_override: datetime.date | None,
                   started: float, organisation: str | None = None) -> int:
    inputs = inputs_fingerprint(root, kinds, organisation, date_override)
    if _up_to_date(target, inputs):
        if not quiet:
            print(f"big8: {os.path.relpath(target, root)}/ is al actueel: geen bron, sjabloon of instelling is "
                  "veranderd sinds de vorige build", file=sys.stderr)
            print(_read_manifest(target).get(SUMMARY_KEY, ""), file=sys.stderr)
        return EXIT_OK
    result = run_check(root)
    if organisation:
        result = restrict_to_organisation(result, known_organisation(result, organisation))
    if result.has_errors or result.io_problem:
        print_check(result, show_info=False, stream=sys.stderr)
        print("big8: build afgebroken: de inhoud bevat fouten; er is niets gepubliceerd", file=sys.stderr)
        return EXIT_USAGE if result.io_problem else EXIT_CONTENT
    assert result.project is not None and result.config is not None
    resources = result.config.resources
    schemas = load_schemas(resources)
    downloads = tuple(extension for kind, extension in (("word", "docx"), ("pdf", "pdf")) if kind in kinds)
    if "site" in kinds and not downloads:
        downloads = _previous_downloads(target)
    rendered = render(result.project, result.report, result.diagnostics, schemas, resources, downloads,
                      result.figures)
    date = date_override or build_date(result.project)
    steps = len(rendered.documents) * (("word" in kinds) + ("pdf" in kinds)) + ("site" in kinds) + 1
    progress = Progress(steps, quiet)
    try:
        counts = _build_into_staging(resources, target, rendered, result, date, kinds, progress,
                                     {INPUTS_KEY: inputs, SUMMARY_KEY: build_summary(result)})
    except OutputError as error:
        print(f"big8: build mislukt: {error}\n    tip: de vorige {os.path.basename(target)}/ is ongewijzigd",
              file=sys.stderr)
        return EXIT_CONTENT
    if not quiet:
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        print(f"big8: {os.path.relpath(target, root)}/ bijgewerkt in {seconds} s: {counts['word']} Word, "
              f"{counts['pdf']} PDF, website met {counts['site']} pagina's ({counts['hergebruikt']} bestanden "
              "ongewijzigd hergebruikt)", file=sys.stderr)
        print(build_summary(result), file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- safety

def refuse_output_folder(root: str, target: str, given: str | None = None) -> None:
    """The output folder may be replaced as a whole, so it must be one that
    holds nothing but a previous build: never the project itself, a folder
    around it, a source or template folder, or a folder of someone else's."""
    project = os.path.realpath(root)
    real = os.path.realpath(target)
    shown = given or (os.path.relpath(target, root) if real.startswith(project + os.sep) else target)
    if real == project:
        raise UsageProblem(f"de uitvoermap '{shown}' is de projectmap zelf",
                           "kies een eigen map voor de uitvoer, zoals de standaard 'build'")
    if project.startswith(real + os.sep) or real == os.sep:
        raise UsageProblem(f"de uitvoermap '{shown}' bevat de projectmap",
                           "kies een map binnen het project, zoals de standaard 'build'")
    for folder in PROTECTED_FOLDERS:
        protected = os.path.realpath(os.path.join(project, folder))
        if real == protected or real.startswith(protected + os.sep):
            raise UsageProblem(f"de uitvoermap '{shown}' ligt in '{folder}/', waar big8 uit leest",
                               "kies een eigen map voor de uitvoer, zoals de standaard 'build'")
    if os.path.lexists(target) and not os.path.isdir(target):
        raise UsageProblem(f"de uitvoermap '{shown}' is een bestand", "kies een andere naam voor de uitvoermap")
    if os.path.isdir(target) and os.listdir(target) and not os.path.isfile(os.path.join(target, MANIFEST)):
        raise UsageProblem(f"de map '{shown}' bestaat al en is geen eerdere build van big8 (er staat geen "
                           f"{MANIFEST} in)", "kies een nieuwe map; big8 vervangt alleen een map die het zelf maakte")


def source_date_epoch() -> datetime.date | None:
    """The date SOURCE_DATE_EPOCH asks for, or None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return None
    if not epoch.strip().isdigit() or not FIRST_EPOCH <= int(epoch) <= LAST_EPOCH:
        raise UsageProblem(f"SOURCE_DATE_EPOCH='{epoch[:40]}' is geen geldig tijdstip",
                           "zet het aantal seconden sinds 1 januari 1970 (tussen 1980 en 2099), of haal de "
                           "variabele weg")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()


def build_date(project) -> datetime.date:
    dates = [d.data.get("vaststelling", {}).get("datum") for d in project.documents]
    dates = [d for d in dates if isinstance(d, datetime.date)]
    return max(dates) if dates else datetime.date(1980, 1, 1)


def _sibling(target: str, label: str) -> str:
    return os.path.join(os.path.dirname(target), f".{os.path.basename(target)}-{label}")


@contextlib.contextmanager
def build_lock(target: str) -> Iterator[None]:
    """Hold the output folder's lock for the whole build; a second build to
    the same folder stops with a message instead of destroying the first."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    path = _sibling(target, "slot")
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise UsageProblem(f"er draait al een build naar '{os.path.basename(target)}/'",
                                   "wacht tot die klaar is en start dan opnieuw") from error
            raise
        yield
    finally:
        os.close(descriptor)


def remove_leftovers(target: str) -> None:
    """Staging and old folders of builds that were killed or could not clean up."""
    for pattern in ("nieuw-*", "oud-*"):
        for stale in glob.glob(_sibling(target, pattern)):
            _remove_tree(stale)


def _remove_tree(path: str) -> None:
    def writable_then_retry(function, failed, _info) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(failed), stat.S_IRWXU)
            os.chmod(failed, stat.S_IRWXU)
            function(failed)

    shutil.rmtree(path, onerror=writable_then_retry)


# ---------------------------------------------------------------- staging

def _build_into_staging(resources: Resources, target: str, rendered: Rendered, result: CheckResult,
                        date: datetime.date, kinds: tuple, progress: Progress, about: dict[str, str]) -> dict:
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}-nieuw-", dir=os.path.dirname(target))
    os.chmod(staging, 0o755)  # mkdtemp makes it private; build/ is meant to be published
    try:
        counts = _write_all(resources, staging, target, rendered, result, date, kinds, progress, about)
        _swap(staging, target)
        return counts
    except BaseException:
        _remove_tree(staging)
        raise


def _swap(staging: str, target: str) -> None:
    old = None
    if os.path.exists(target):
        old = _sibling(target, f"oud-{os.getpid()}")
        os.rename(target, old)
    os.rename(staging, target)
    if old:
        _remove_tree(old)


def _write_all(resources: Resources, staging: str, previous: str, rendered: Rendered, result: CheckResult,
               date: datetime.date, kinds: tuple, progress: Progress, about: dict[str, str]) -> dict:
    old_manifest = _read_manifest(previous)
    manifest: dict[str, str] = dict(about)
    counts = {"word": 0, "pdf": 0, "site": 0, "hergebruikt": 0}
    jobs: list[tuple[str, RenderedDocument, str, str, str]] = []
    svgs: list[str] = []
    for document in rendered.documents:
        folder, document_svgs = _write_sources(staging, document)
        svgs += document_svgs
        for kind, extension in (("word", "docx"), ("pdf", "pdf")):
            relative = f"{kind}/{document.meta.slug}.{extension}"
            template = resources.template_file("word/reference.docx" if kind == "word" else "pdf/big8.typ")
            key = _key(kind, document, date, template)
            if kind not in kinds:
                if "site" in kinds and _keep_previous(previous, old_manifest, relative, staging):
                    manifest[relative] = old_manifest[relative]  # --alleen site keeps the downloads valid
                continue
            manifest[relative] = key
            counts[kind] += 1
            if _reuse(previous, old_manifest, relative, key, staging):
                counts["hergebruikt"] += 1
                progress.step(f"{'Word' if kind == 'word' else 'PDF'}: {document.meta.slug} (ongewijzigd)")
            else:
                jobs.append((kind, document, folder, os.path.join(staging, relative), template))
    site_job = None
    if "site" in kinds:
        site_job = _prepare_site(resources, staging, previous, old_manifest, rendered, date)
        manifest["site"] = site_job["sleutel"]
        manifest[SITE_FRAME_KEY] = site_job["kader"]
    # Every job runs a converter process, so one thread per core keeps the
    # cores busy. The site, the longest job, starts first; Word waits for the
    # PNG twins of the figures, which PDF and the site do not need.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        site = pool.submit(_make_site, site_job, rendered, progress) if site_job else None
        pngs = pool.submit(_make_pngs, _pngs_to_make(svgs, staging, previous))
        futures = [(pool.submit(_make, kind, document, folder, path, template, date), kind, document)
                   for kind, document, folder, path, template in jobs if kind == "pdf"]
        pngs.result()
        futures += [(pool.submit(_make, kind, document, folder, path, template, date), kind, document)
                    for kind, document, folder, path, template in jobs if kind == "word"]
        _wait(futures, progress)
        if site is not None:
            counts["hergebruikt"] += site.result()
    if site_job is not None:
        counts["site"] = len(rendered.site_pages)
        _publish_downloads(staging)
    progress.step("controleverslag")
    _write_text(os.path.join(staging, "controle.json"),
                json.dumps(check_json(result), ensure_ascii=False, indent=2, default=str) + "\n")
    _write_text(os.path.join(staging, MANIFEST), json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return counts


def _write_sources(staging: str, document: RenderedDocument) -> tuple[str, list[str]]:
    """The document's Markdown, figures (SVG) and the author's own images
    under bron/documenten/; returns the folder and the SVG files."""
    folder = os.path.join(staging, "bron", "documenten", document.meta.slug)
    os.makedirs(os.path.join(folder, "figuren"), exist_ok=True)
    _write_text(os.path.join(folder, f"{document.meta.slug}.md"), document.markdown)
    svgs = []
    for path, svg in sorted(document.figures.items()):
        _write_text(os.path.join(folder, path), svg)
        svgs.append(os.path.join(folder, path))
    for path, source in sorted(document.images.items()):
        os.makedirs(os.path.dirname(os.path.join(folder, path)), exist_ok=True)
        shutil.copyfile(source, os.path.join(folder, path))
    return folder, svgs


def _pngs_to_make(svgs: list[str], staging: str, previous: str) -> list[str]:
    """The figures whose PNG twin (for Word) must be drawn: a figure whose SVG
    is the same as in the previous build takes that build's PNG."""
    todo = []
    for svg in svgs:
        old_svg = os.path.join(previous, os.path.relpath(svg, staging))
        old_png, new_png = os.path.splitext(old_svg)[0] + ".png", os.path.splitext(svg)[0] + ".png"
        try:
            with open(svg, "rb") as current, open(old_svg, "rb") as earlier:
                same = current.read() == earlier.read()
        except OSError:
            same = False
        if same and os.path.isfile(old_png):
            _link_or_copy(old_png, new_png)
        else:
            todo.append(svg)
    return todo


def _make_pngs(svgs: list[str]) -> None:
    from .outputs.figures import svgs_to_pngs

    svgs_to_pngs(svgs)


def _wait(futures: list[tuple[Future, str, RenderedDocument]], progress: Progress) -> None:
    """Wait for every job; the first failure is raised after all have ended."""
    failure: BaseException | None = None
    for future, kind, document in futures:
        try:
            future.result()
            progress.step(f"{'Word' if kind == 'word' else 'PDF'}: {document.meta.slug}")
        except BaseException as error:  # noqa: BLE001 - re-raised below, after the others finish
            failure = failure or error
    if failure is not None:
        raise failure


def _make(kind: str, document: RenderedDocument, resources: str, target: str, template: str,
          date: datetime.date) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        if kind == "word":
            from .outputs.docx import write_docx

            write_docx(document.markdown, document.meta, resources, target, template, date)
        else:
            from .outputs.pdf import write_pdf

            write_pdf(document.markdown, document.meta, resources, target, template, date)
    except ToolLimit as limit:
        raise OutputError(_limit_message(limit, document.meta.slug, document.fragments)) from limit


def _limit_message(limit: ToolLimit, slug: str, fragments: list[Fragment]) -> str:
    from .outputs.locate import culprit

    found: Fragment | None = culprit(limit.tool, fragments)
    where = (f"; de tekst die dat veroorzaakt staat in {found.location}" if found and found.location
             else "; geen afzonderlijke tekst veroorzaakt het")
    return f"{limit.tool} {limit.what} bij het omzetten van '{slug}'{where}"


# ---------------------------------------------------------------- site

def _prepare_site(resources: Resources, staging: str, previous: str, old_manifest: dict, rendered: Rendered,
                  date: datetime.date) -> dict:
    """Write the site's Markdown sources; the job that builds them, with the
    key that decides whether the previous site can be reused."""
    source = os.path.join(staging, "bron", "site")
    for path, text in sorted(rendered.site_pages.items()):
        _write_text(os.path.join(source, path), text)
    for path, svg in sorted(rendered.site_figures.items()):
        _write_text(os.path.join(source, path), svg)
    for path, image in sorted(rendered.site_images.items()):
        os.makedirs(os.path.dirname(os.path.join(source, path)), exist_ok=True)
        shutil.copyfile(image, os.path.join(source, path))
    css = resources.template_file("site/extra.css")
    if os.path.exists(css):
        os.makedirs(os.path.join(source, "stylesheets"), exist_ok=True)
        shutil.copyfile(css, os.path.join(source, "stylesheets", "extra.css"))
    # The downloads are linked from the pages; mkdocs checks those links, so
    # the names must exist. Their bytes are copied in after the build, which
    # lets mkdocs run while pandoc and typst still work.
    downloads = os.path.join(source, "downloads")
    os.makedirs(downloads, exist_ok=True)
    pages = "".join(rendered.site_pages.values())
    for document in rendered.documents:
        for extension in ("docx", "pdf"):
            if f"downloads/{document.meta.slug}.{extension})" in pages:
                open(os.path.join(downloads, f"{document.meta.slug}.{extension}"), "wb").close()
    config = resources.site_config
    theme_dirs = resources.template_folder("site/overrides")
    key = _folder_key([source, *resources.template_folder("site"), config], date)
    # The frame of every page: the previous site can be built on only when
    # it was made with the same configuration, templates and date.
    frame = _folder_key([*resources.template_folder("site"), config], date)
    same_frame = old_manifest.get(SITE_FRAME_KEY) == frame
    return {"bron": source, "doel": os.path.join(staging, "site"), "config": config, "datum": date.isoformat(),
            "thema_mappen": theme_dirs, "sleutel": key, "kader": frame, "vorige": os.path.join(previous, "site"),
            "vorige_bron": os.path.join(previous, "bron", "site") if same_frame else "",
            "hergebruik": old_manifest.get("site") == key}


def _make_site(job: dict, rendered: Rendered, progress: Progress) -> int:
    """Build the site (or reuse the previous one) and prove it stands on its
    own. Returns the number of reused outputs (0 or 1)."""
    from .outputs.sitescan import unsafe_references
    from .outputs.tools import run_worker

    progress.step("website")
    scans = os.path.join(os.path.dirname(job["doel"]), SITE_SCANS)
    previous_scans = os.path.join(os.path.dirname(job["vorige"]), SITE_SCANS)
    if job["hergebruik"] and os.path.isdir(job["vorige"]):
        shutil.copytree(job["vorige"], job["doel"], copy_function=_link_or_copy)
        if os.path.isfile(previous_scans):
            _link_or_copy(previous_scans, scans)
        return 1
    worker_job = {key: job[key] for key in ("bron", "doel", "config", "datum", "thema_mappen")}
    if job["vorige_bron"] and os.path.isdir(job["vorige_bron"]) and os.path.isdir(job["vorige"]):
        worker_job |= {"vorige_bron": job["vorige_bron"], "vorige_site": job["vorige"]}
    try:
        run_worker({"soort": "mkdocs", **worker_job})
    except ToolLimit as limit:
        raise OutputError(_limit_message(limit, "de website", rendered.site_fragments +
                                         [f for d in rendered.documents for f in d.fragments])) from limit
    problems = unsafe_references(job["doel"], previous=previous_scans, save=scans)
    if problems:
        raise OutputError("de website verwijst naar iets buiten zichzelf:\n" +
                          "\n".join(f"- {line}" for line in problems[:20]))
    return 0


def _link_or_copy(source: str, target: str) -> str:
    """Reuse a file of the previous build: a hard link where the file system
    allows (outputs are never changed in place, only replaced), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return target


def _publish_downloads(staging: str) -> None:
    """The Word and PDF files behind the site's download links, in the site
    and in its source (so that mkdocs or zensical can rebuild it from bron/)."""
    for downloads in (os.path.join(staging, "site", "downloads"), os.path.join(staging, "bron", "site", "downloads")):
        if not os.path.isdir(downloads):
            continue
        for name in sorted(os.listdir(downloads)):
            built = os.path.join(staging, "word" if name.endswith(".docx") else "pdf", name)
            # Removed first: a reused site links its files to the previous
            # build, which must not change under it.
            os.remove(os.path.join(downloads, name))
            if os.path.isfile(built):
                _link_or_copy(built, os.path.join(downloads, name))


def _previous_downloads(target: str) -> tuple[str, ...]:
    """With --alleen site, the file types of the previous build that stay."""
    return tuple(extension for folder, extension in (("word", "docx"), ("pdf", "pdf"))
                 if glob.glob(os.path.join(target, folder, f"*.{extension}")))


def _keep_previous(previous: str, manifest: dict, relative: str, staging: str) -> bool:
    source = os.path.join(previous, relative)
    if relative not in manifest or not os.path.isfile(source):
        return False
    os.makedirs(os.path.dirname(os.path.join(staging, relative)), exist_ok=True)
    _link_or_copy(source, os.path.join(staging, relative))
    return True


# ---------------------------------------------------------------- reuse

def _folder_key(paths: list[str], date: datetime.date) -> str:
    digest = hashlib.sha256(f"{__version__}\0{date.isoformat()}\0".encode())
    for path in paths:
        files = [path] if os.path.isfile(path) else sorted(glob.glob(os.path.join(path, "**", "*"), recursive=True))
        for file in files:
            if os.path.isfile(file) and "/downloads/" not in file.replace(os.sep, "/"):
                with open(file, "rb") as handle:
                    digest.update(os.path.relpath(file, path).encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()


def _key(kind: str, document: RenderedDocument, date: datetime.date, template: str) -> str:
    digest = hashlib.sha256()
    for part in (kind, repr(document.meta), document.markdown):
        digest.update(part.encode("utf-8") + b"\0")
    for path, svg in sorted(document.figures.items()):
        digest.update(path.encode() + b"\0" + svg.encode("utf-8") + b"\0")
    for path, image in sorted(document.images.items()):
        with open(image, "rb") as handle:
            digest.update(path.encode() + b"\0" + handle.read() + b"\0")
    digest.update(_folder_key([os.path.dirname(template)], date).encode())
    return digest.hexdigest()


# In the manifest beside the files it lists: what the build was made from,
# and the findings summary it printed.
INPUTS_KEY, SUMMARY_KEY, SITE_FRAME_KEY = "_invoer", "_samenvatting", "_site_kader"


def inputs_fingerprint(root: str, kinds: tuple, organisation: str | None, date: datetime.date | None) -> str:
    """Everything a build reads: the sources, the figures, big8.yaml, the
    schemas, templates and site configuration in use (the project's own and
    the defaults), the options and big8's version. Equal fingerprints give
    equal outputs, so the build can stop at once."""
    from .load import FIGURE_DIR, discover

    files, _ = discover(root)
    resources = Resources(root)
    # big8's own code and law catalogue too: an editable install changes
    # without a new version number.
    folders = [os.path.join(root, FIGURE_DIR), os.path.join(root, SCHEMA_FOLDER),
               os.path.join(resources.defaults, SCHEMA_FOLDER), *resources.template_dirs(),
               os.path.dirname(os.path.abspath(__file__))]
    for folder in folders:
        for current, subfolders, names in os.walk(folder):
            subfolders.sort()
            files += [os.path.join(current, name) for name in sorted(names) if not name.endswith(".pyc")]
    files += [os.path.join(root, "big8.yaml"), resources.site_config]
    parts: list[bytes | str] = [",".join(kinds), organisation or "", str(date or "")]
    for path in files:
        parts.append(os.path.relpath(path, root))
        try:
            with open(path, "rb") as handle:
                parts.append(handle.read())
        except OSError:
            parts.append("ontbreekt")
    return cache.fingerprint(*parts)


def _up_to_date(target: str, inputs: str) -> bool:
    manifest = _read_manifest(target)
    if manifest.get(INPUTS_KEY) != inputs:
        return False
    # Every file the manifest lists is still there (nobody cleaned build/ by hand).
    listed = [key for key in manifest if not key.startswith("_") and key != "site"]
    return all(os.path.isfile(os.path.join(target, key)) for key in listed) and (
        "site" not in manifest or os.path.isfile(os.path.join(target, "site", "index.html")))


def _read_manifest(previous: str) -> dict:
    try:
        with open(os.path.join(previous, MANIFEST), encoding="utf-8") as handle:
            manifest = json.load(handle)
            return manifest if isinstance(manifest, dict) else {}
    except (OSError, ValueError):
        return {}


def _reuse(previous: str, manifest: dict, relative: str, key: str, staging: str) -> bool:
    source = os.path.join(previous, relative)
    if manifest.get(relative) != key or not os.path.isfile(source):
        return False
    os.makedirs(os.path.dirname(os.path.join(staging, relative)), exist_ok=True)
    _link_or_copy(source, os.path.join(staging, relative))
    return True


def _write_text(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


__all__ = ["run_build", "refuse_output_folder", "source_date_epoch", "build_lock", "Diagnostic"]
