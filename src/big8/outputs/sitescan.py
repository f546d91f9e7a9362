"""What a built website refers to, read from its files.

The published site is public and must stand on its own: no resource from
another host (a tracker pixel, a font, a script), no link that runs script
(`javascript:`, `data:`), and no reference to a file outside the site (an
absolute path, `file:`, or `../` past its root). `unsafe_references` lists
all of them; the build fails on any. Ordinary links (<a href>) to other
websites are fine: following one is the reader's choice.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

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


def external_references(site_dir: str, scans: dict[str, dict] | None = None) -> list[str]:
    """List every resource the built site would load from another host.

    Each entry reads "<file relative to site_dir>: <url>". Ordinary links
    (<a href>) to other sites are not resources and are not listed.
    """
    scans = scan_files(site_dir) if scans is None else scans
    found: set[tuple[str, str]] = set()
    conditions = {"never"}
    js_urls: list[tuple[str, str]] = []
    for name, scan in sorted(scans.items()):
        found.update((name, url) for url in scan["urls"])
        js_urls.extend((name, url) for url in scan["script_urls"])
        conditions |= set(scan["conditions"])
    for name, url in js_urls:
        condition = next((c for p, c in _INERT_THEME_URLS.items() if url.startswith(p)), None)
        if condition is None or (condition != "never" and condition in conditions):
            found.add((name, url))
    return [f"{name}: {url}" for name, url in sorted(found)]


# Attributes a reader follows (a link) rather than the browser loading them.
_LINK_ATTRS = {"a": ("href",), "area": ("href",), "form": ("action",), "button": ("formaction",),
               "input": ("formaction",)}
_SAFE_LINK_SCHEMES = {"http", "https", "mailto"}


def unsafe_references(site_dir: str, previous: str | None = None, save: str | None = None) -> list[str]:
    """Everything in the built site that reaches outside it or runs script:
    resources from another host (see `external_references`), links with a
    scheme other than http, https or mailto, and references to files
    outside the site folder. Each entry reads "<file>: <what>".

    A scan depends only on a file's name and bytes, so the scans of the
    previous build (`previous`, a JSON file `save` wrote) are reused for
    the files that did not change: an incremental build is checked whole,
    at the cost of reading what changed."""
    root = Path(site_dir)
    scans = scan_files(site_dir, _read_scans(previous))
    if save:
        with open(save, "w", encoding="utf-8") as handle:
            json.dump(scans, handle, sort_keys=True)
    found = [f"{entry} (bron van een andere website)" for entry in external_references(site_dir, scans)]
    for name, scan in sorted(scans.items()):
        for value, _is_link, problem in scan["problems"]:
            if name == "404.html" and _in_site_from_root(root, value):
                continue  # served for any missing path, so it must address files from the root
            found.append(f"{name}: {problem}")
    return sorted(set(found))


def scan_files(site_dir: str, previous: dict[str, dict] | None = None) -> dict[str, dict]:
    """Per file of the site what it loads, links to and runs; a file whose
    name and bytes equal one in `previous` keeps that scan."""
    root = Path(site_dir)
    scans: dict[str, dict] = {}
    for path in sorted(root.rglob("*")):
        suffix = path.suffix.lower()
        if not path.is_file() or suffix not in _SCANNED:
            continue
        name = path.relative_to(root).as_posix()
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        earlier = (previous or {}).get(name)
        # One file in memory at a time: a regional site is hundreds of megabytes.
        scans[name] = earlier if earlier and earlier.get("sha256") == digest else \
            {"sha256": digest, **_scan(name, suffix, data.decode("utf-8", errors="replace"))}
    return dict(sorted(scans.items()))


_SCANNED = {".html", ".htm", ".svg", ".css", ".js", ".mjs"}


def _scan(name: str, suffix: str, text: str) -> dict:
    """One file's remote resources and scripts' URLs, and, instead of all
    its links (a page's navigation has hundreds), only the references that
    leave the site: [value, is_link, problem]."""
    empty: dict = {"urls": [], "script_urls": [], "conditions": [], "problems": []}
    if suffix == ".css":
        return {**empty, "urls": _css_urls(text)}
    if suffix in {".js", ".mjs"}:
        return {**empty, "script_urls": _js_urls(text)}
    scan = _HtmlScan()
    scan.feed(text)
    scan.close()
    folder = posixpath.dirname(name)
    problems = [[value, is_link, problem]
                for value, is_link in [(v, True) for v in scan.followed] + [(v, False) for v in scan.loaded]
                if (problem := _outside(value, folder, is_link))]
    return {"urls": scan.urls, "script_urls": scan.script_urls, "conditions": sorted(scan.conditions),
            "problems": problems}


def _read_scans(path: str | None) -> dict[str, dict] | None:
    try:
        with open(path or "", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _in_site_from_root(root: Path, value: str) -> bool:
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return False
    normal = posixpath.normpath(unquote(parts.path)).lstrip("/")
    return not normal.startswith("..") and (root / normal).is_file()


def _outside(value: str, folder: str, is_link: bool) -> str:
    value = value.strip()
    if not value or value.startswith("#"):
        return ""
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme:
        if scheme in ("http", "https") or (is_link and scheme in _SAFE_LINK_SCHEMES):
            return ""  # remote resources are reported by external_references
        return f"{'link' if is_link else 'verwijzing'} met '{scheme}:' ({value[:60]})"
    if parts.netloc:
        return ""  # //host/...: another site, as above
    target = unquote(parts.path)
    if target.startswith("/") or "\\" in target:
        return f"verwijzing naar een bestand buiten de site ({value[:60]})"
    if not target:
        return ""
    normal = posixpath.normpath(posixpath.join(folder, target))
    if normal == ".." or normal.startswith("../"):
        return f"verwijzing naar een bestand buiten de site ({value[:60]})"
    return ""


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
        self.followed: list[str] = []  # every link target
        self.loaded: list[str] = []  # every resource the browser loads, local or not
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        self._note_conditions(values)
        for attr in _LINK_ATTRS.get(tag, ()):
            if attr in values:
                self.followed.append(values[attr])
        for attr in _RESOURCE_ATTRS.get(tag, ()):
            self._add(values.get(attr, ""), srcset=attr == "srcset")
        if tag == "link" and values.get("href"):
            self.loaded.append(values["href"])
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
        self.loaded += [c for c in candidates if c]

    def _note_conditions(self, values: dict[str, str]) -> None:
        if "mermaid" in values.get("class", "").split():
            self.conditions.add("mermaid")
        if values.get("data-md-component") == "source":
            self.conditions.add("repo")
