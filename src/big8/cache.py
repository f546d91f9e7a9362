"""A cache of loaded and validated documents, so that checking again is fast.

`big8 check` runs on every save (editor, pre-commit hook, live preview).
Most files have not changed since the last run, so their parsed form and
their schema findings are kept in the user's cache folder
(~/.cache/big8, or $XDG_CACHE_HOME/big8; BIG8_CACHE=pad elsewhere,
BIG8_CACHE=uit none), keyed on the file's bytes, its path, the schemas, the
project's figures and big8's version. Linking and the consistency rules
always run on the whole project: they are fast, and their outcome depends
on every file. Nothing is ever written inside the project.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from typing import Any

from . import __version__

OFF = "uit"
MAX_ENTRIES = 4000  # old entries beyond this are removed now and then


def folder() -> str | None:
    setting = os.environ.get("BIG8_CACHE")
    if setting == OFF:
        return None
    if setting:
        return setting
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "big8")


def fingerprint(*parts: bytes | str) -> str:
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        digest.update(b"\0" + (part.encode("utf-8") if isinstance(part, str) else part))
    return digest.hexdigest()


def get(key: str) -> Any:
    where = folder()
    if where is None:
        return None
    try:
        with open(os.path.join(where, key[:2], key), "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def put(key: str, value: Any) -> None:
    """Store a value; a cache that cannot be written is simply not used."""
    where = folder()
    if where is None:
        return
    target = os.path.join(where, key[:2])
    try:
        os.makedirs(target, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target, prefix=".schrijven-")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, os.path.join(target, key))
    except (OSError, pickle.PicklingError, RecursionError):
        return
    if int(key[:4], 16) % 97 == 0:  # now and then, without keeping state
        _prune(where)


def _prune(where: str) -> None:
    entries = []
    for current, _, names in os.walk(where):
        for name in names:
            path = os.path.join(current, name)
            try:
                entries.append((os.path.getatime(path), path))
            except OSError:
                continue
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            os.remove(path)


def file_digest(path: str) -> str:
    """The bytes of a file as a digest (for keys built from files)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return f"geen:{path}:{time.time()}"


def template_cache() -> Any:
    """Compiled Jinja templates between runs (jinja2 checks each template's
    source against its entry, so an edited template is compiled again).
    Compiling big8's templates costs about half a second per run."""
    where = folder()
    if where is None:
        return None
    import jinja2

    path = os.path.join(where, "jinja")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(path, pattern=f"{__version__}-%s.cache")
