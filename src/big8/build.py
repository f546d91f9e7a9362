"""`big8 build`: check, render, then write site, Word and PDF into build/.

The build is atomic: everything is written into a staging folder next to
build/ and swapped in only when all outputs succeeded, so a failed build
leaves the previous build/ as it was. It is deterministic: the date in
every output is SOURCE_DATE_EPOCH when set, otherwise the latest adoption
date of the published documents, never the clock. A rebuild with nothing
changed reuses the previous Word and PDF files (keyed on a hash of
everything that goes into them) instead of running pandoc and typst again.
"""

from __future__ import annotations

import datetime
import glob
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

from . import __version__
from .cli_output import print_check, check_json
from .outputs import OutputError
from .outputs.figures import svg_to_png
from .pipeline import run_check
from .render import Rendered, RenderedDocument, render
from .validate import load_schemas

MANIFEST = ".big8-manifest.json"
OUTPUT_KINDS = ("site", "word", "pdf")


class Progress:
    """One line per step on a terminal; silent otherwise or with --quiet."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.done = total, 0
        self.enabled = not quiet and sys.stderr.isatty()

    def step(self, what: str) -> None:
        self.done += 1
        if self.enabled:
            print(f"[{self.done}/{self.total}] {what}", file=sys.stderr, flush=True)


def run_build(root: str, output: str = "build", quiet: bool = False, only: list[str] | None = None) -> int:
    started = time.perf_counter()
    kinds = tuple(only or OUTPUT_KINDS)
    result = run_check(root)
    if result.has_errors or result.io_problem:
        print_check(result, show_info=False, stream=sys.stderr)
        print("big8: build afgebroken: de inhoud bevat fouten; er is niets gepubliceerd", file=sys.stderr)
        return 2 if result.io_problem else 1
    schemas = load_schemas(result.config.schema_dir)
    downloads = tuple(extension for kind, extension in (("word", "docx"), ("pdf", "pdf")) if kind in kinds)
    rendered = render(result.project, result.report, result.diagnostics, schemas, result.config.template_dir,
                      downloads)
    target = os.path.join(root, output) if not os.path.isabs(output) else output
    date = build_date(result.project)
    steps = len(rendered.documents) * (("word" in kinds) + ("pdf" in kinds)) + ("site" in kinds) + 1
    progress = Progress(steps, quiet)
    try:
        counts = _build_into_staging(root, target, rendered, result, date, kinds, progress)
    except OutputError as error:
        print(f"big8: build mislukt: {error}\n    tip: de vorige build/ is ongewijzigd", file=sys.stderr)
        return 1
    if not quiet:
        seconds = time.perf_counter() - started
        print(f"big8: {os.path.relpath(target, root)}/ bijgewerkt: {counts['word']} Word, {counts['pdf']} PDF, "
              f"website met {counts['site']} pagina's ({counts['hergebruikt']} bestanden ongewijzigd hergebruikt) "
              f"in {seconds:.1f} s".replace(".", ",", 1), file=sys.stderr)
    return 0


def build_date(project) -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    dates = [d.data.get("vaststelling", {}).get("datum") for d in project.documents]
    dates = [d for d in dates if isinstance(d, datetime.date)]
    return max(dates) if dates else datetime.date(1980, 1, 1)


def _build_into_staging(root: str, target: str, rendered: Rendered, result, date: datetime.date,
                        kinds: tuple, progress: Progress) -> dict:
    parent = os.path.dirname(os.path.abspath(target)) or "."
    name = os.path.basename(os.path.abspath(target))
    for stale in glob.glob(os.path.join(parent, f".{name}-nieuw-*")):
        shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
    staging = tempfile.mkdtemp(prefix=f".{name}-nieuw-", dir=parent)
    os.chmod(staging, 0o755)  # mkdtemp makes it private; build/ is meant to be published
    try:
        counts = _write_all(root, staging, target, rendered, result, date, kinds, progress)
        _swap(staging, target)
        return counts
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: str, target: str) -> None:
    old = None
    if os.path.exists(target):
        old = f"{target}.oud-{os.getpid()}"
        os.rename(target, old)
    os.rename(staging, target)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _write_all(root, staging, previous, rendered, result, date, kinds, progress) -> dict:
    template_dir = result.config.template_dir
    old_manifest = _read_manifest(previous)
    manifest: dict[str, str] = {}
    counts = {"word": 0, "pdf": 0, "site": 0, "hergebruikt": 0}
    jobs = []
    for document in rendered.documents:
        resources = _write_sources(staging, document)
        for kind, folder, extension in (("word", "word", "docx"), ("pdf", "pdf", "pdf")):
            if kind not in kinds:
                continue
            relative = f"{folder}/{document.meta.slug}.{extension}"
            key = _key(kind, document, date, template_dir)
            manifest[relative] = key
            counts[kind] += 1
            if _reuse(previous, old_manifest, relative, key, staging):
                counts["hergebruikt"] += 1
                progress.step(f"{'Word' if kind == 'word' else 'PDF'}: {document.meta.slug} (ongewijzigd)")
            else:
                jobs.append((kind, document, resources, os.path.join(staging, relative)))
    _run_parallel(jobs, template_dir, date, progress)
    if "site" in kinds:
        progress.step("website")
        counts["site"], manifest["site"], reused = _write_site(root, staging, previous, old_manifest, rendered,
                                                               template_dir, date)
        counts["hergebruikt"] += reused
    progress.step("controleverslag")
    with open(os.path.join(staging, "controle.json"), "w", encoding="utf-8") as handle:
        json.dump(check_json(result), handle, ensure_ascii=False, indent=2, default=str)
        handle.write("\n")
    with open(os.path.join(staging, MANIFEST), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.write("\n")
    return counts


def _write_sources(staging: str, document: RenderedDocument) -> str:
    """The document's Markdown and figures (SVG and PNG) under bron/documenten/."""
    folder = os.path.join(staging, "bron", "documenten", document.meta.slug)
    os.makedirs(os.path.join(folder, "figuren"), exist_ok=True)
    _write_text(os.path.join(folder, f"{document.meta.slug}.md"), document.markdown)
    for path, svg in sorted(document.figures.items()):
        _write_text(os.path.join(folder, path), svg)
        with open(os.path.join(folder, path[:-4] + ".png"), "wb") as handle:
            handle.write(svg_to_png(svg))
    return folder


def _run_parallel(jobs: list[tuple], template_dir: str, date: datetime.date, progress: Progress) -> None:
    """pandoc runs as a subprocess and typst in Rust, so threads keep both
    cores busy. The first failure is raised after the others finish."""
    if not jobs:
        return
    workers = min(len(jobs), os.cpu_count() or 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_make, kind, document, resources, target, template_dir, date): (kind, document)
                   for kind, document, resources, target in jobs}
        for future in as_completed(futures):
            kind, document = futures[future]
            future.result()
            progress.step(f"{'Word' if kind == 'word' else 'PDF'}: {document.meta.slug}")


def _make(kind: str, document: RenderedDocument, resources: str, target: str, template_dir: str,
          date: datetime.date) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if kind == "word":
        from .outputs.docx import write_docx

        write_docx(document.markdown, document.meta, resources, target, template_dir, date)
    else:
        from .outputs.pdf import write_pdf

        write_pdf(document.markdown, document.meta, resources, target, template_dir, date)


def _write_site(root: str, staging: str, previous: str, old_manifest: dict, rendered: Rendered, template_dir: str,
                date: datetime.date) -> tuple[int, str, int]:
    """Write the site's Markdown sources and build the site, or reuse the
    previous site when none of its inputs changed. Returns (pages, key, reused)."""
    from .outputs.site import write_site

    source = os.path.join(staging, "bron", "site")
    for path, text in sorted(rendered.site_pages.items()):
        _write_text(os.path.join(source, path), text)
    for path, svg in sorted(rendered.site_figures.items()):
        _write_text(os.path.join(source, path), svg)
    css = os.path.join(template_dir, "site", "extra.css")
    if os.path.exists(css):
        os.makedirs(os.path.join(source, "stylesheets"), exist_ok=True)
        shutil.copyfile(css, os.path.join(source, "stylesheets", "extra.css"))
    downloads = os.path.join(source, "downloads")
    os.makedirs(downloads, exist_ok=True)
    for folder in ("word", "pdf"):
        for file in sorted(glob.glob(os.path.join(staging, folder, "*"))):
            shutil.copyfile(file, os.path.join(downloads, os.path.basename(file)))
    config = os.path.join(root, "mkdocs.yml")
    key = _folder_key([source, os.path.join(template_dir, "site"), config], date)
    old_site = os.path.join(previous, "site")
    if old_manifest.get("site") == key and os.path.isdir(old_site):
        shutil.copytree(old_site, os.path.join(staging, "site"))
        return len(rendered.site_pages), key, 1
    write_site(source, os.path.join(staging, "site"), config, date, quiet=True)
    return len(rendered.site_pages), key, 0


def _folder_key(paths: list[str], date: datetime.date) -> str:
    digest = hashlib.sha256(f"{__version__}\0{date.isoformat()}\0".encode())
    for path in paths:
        files = [path] if os.path.isfile(path) else sorted(glob.glob(os.path.join(path, "**", "*"), recursive=True))
        for file in files:
            if os.path.isfile(file):
                with open(file, "rb") as handle:
                    digest.update(os.path.relpath(file, path).encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()


def _key(kind: str, document: RenderedDocument, date: datetime.date, template_dir: str) -> str:
    digest = hashlib.sha256()
    for part in (kind, repr(document.meta), document.markdown):
        digest.update(part.encode("utf-8") + b"\0")
    for path, svg in sorted(document.figures.items()):
        digest.update(path.encode() + b"\0" + svg.encode("utf-8") + b"\0")
    templates = os.path.join(template_dir, "word" if kind == "word" else "pdf")
    digest.update(_folder_key([templates], date).encode())
    return digest.hexdigest()


def _read_manifest(previous: str) -> dict:
    try:
        with open(os.path.join(previous, MANIFEST), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}


def _reuse(previous: str, manifest: dict, relative: str, key: str, staging: str) -> bool:
    source = os.path.join(previous, relative)
    if manifest.get(relative) != key or not os.path.isfile(source):
        return False
    os.makedirs(os.path.dirname(os.path.join(staging, relative)), exist_ok=True)
    shutil.copyfile(source, os.path.join(staging, relative))
    return True


def _write_text(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
