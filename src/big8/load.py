"""Stage 1, load: read YAML files into Documents with the position of every value.

Only this module and `outputs/` touch the disk. Bad input never raises: every
problem becomes a Diagnostic with a Dutch message and a location.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import FOUT, Diagnostic, Location
from .model import Document

# A policy file is a few hundred kilobytes; anything far larger is a mistake
# or an attack, and parsing it would keep a policy officer waiting.
MAX_FILE_BYTES = 2 * 1024 * 1024
# Aliases can make a small file expand into billions of values ("billion
# laughs"). Count values as if every alias were copied out and stop early.
MAX_EXPANDED_NODES = 250_000
MAX_DEPTH = 200

YAML_SUFFIXES = (".yaml", ".yml")
SOURCE_DIRS = ("policy", "programmes")


@dataclass
class LoadResult:
    documents: list[Document]
    diagnostics: list[Diagnostic]


def discover(root: str, paths: list[str] | None = None) -> tuple[list[str], list[Diagnostic]]:
    """The YAML files to check: the given paths (files or folders), else
    everything under policy/ and programmes/. Sorted for determinism."""
    problems: list[Diagnostic] = []
    targets = paths or [os.path.join(root, d) for d in SOURCE_DIRS]
    files: set[str] = set()
    for target in targets:
        if os.path.isdir(target):
            for folder, subfolders, names in os.walk(target):
                subfolders[:] = sorted(s for s in subfolders if not s.startswith("."))
                files.update(os.path.abspath(os.path.join(folder, n)) for n in names
                             if n.endswith(YAML_SUFFIXES) and not n.startswith("."))
        elif os.path.isfile(target):
            files.add(os.path.abspath(target))
        elif paths:
            problems.append(_io_problem(display_path(root, target), "B8-L01",
                                        "bestand of map bestaat niet",
                                        "controleer het pad; big8 zoekt relatief aan de huidige map"))
    return sorted(files), problems


def display_path(root: str, path: str) -> str:
    """A path relative to the project root when it lies inside it."""
    absolute = os.path.abspath(path)
    root = os.path.abspath(root)
    if absolute == root or absolute.startswith(root + os.sep):
        return os.path.relpath(absolute, root).replace(os.sep, "/")
    return path.replace(os.sep, "/")


def load_files(root: str, files: list[str]) -> LoadResult:
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    for path in files:
        document, problems = load_file(path, display_path(root, path))
        diagnostics.extend(problems)
        if document is not None:
            documents.append(document)
    return LoadResult(documents, diagnostics)


def load_file(path: str, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            return None, [_problem(shown, 0, 0, "B8-L02",
                                   f"bestand is te groot ({megabytes} MB; maximaal {MAX_FILE_BYTES // 1024 // 1024} MB)",
                                   "splits de inhoud over meer bestanden of verwijder wat er niet hoort")]
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        return None, [_io_problem(shown, "B8-L01", f"bestand kan niet worden gelezen: {error.strerror}",
                                  "controleer of het bestand bestaat en leesbaar is")]
    return parse_text(raw, shown)


def parse_text(raw: bytes, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    text, problem = _decode(raw, shown)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [_problem(shown, 1, 1, "B8-L05", "bestand is leeg",
                               "begin met 'soort: beleid' of 'soort: uitvoeringsprogramma'")]
    try:
        node, data = _compose_and_construct(text)
    except MarkedYAMLError as error:
        return None, [_syntax_problem(error, shown, text)]
    except _DuplicateKeys as error:
        return None, [_problem(shown, again.start_mark.line + 1, again.start_mark.column + 1, "B8-L08",
                               f"sleutel '{key}' komt twee keer voor in dezelfde mapping",
                               f"de sleutel staat al op regel {first.start_mark.line + 1}; "
                               "voeg de waarden samen of hernoem een van beide")
                      for key, first, again in error.found]
    except _TooLarge as error:
        return None, [_problem(shown, error.line, error.column, "B8-L06", error.message,
                               "gebruik geen ankers en aliassen (&naam, *naam) om waarden te herhalen")]
    except (YAMLError, RecursionError, ValueError, TypeError) as error:
        return None, [_problem(shown, 1, 1, "B8-L03", f"bestand is geen geldige YAML ({error})",
                               "controleer de opbouw van het bestand")]
    if node is None:
        return None, [_problem(shown, 1, 1, "B8-L05", "bestand bevat alleen commentaar",
                               "begin met 'soort: beleid' of 'soort: uitvoeringsprogramma'")]
    if not isinstance(node, MappingNode) or not isinstance(data, dict):
        return None, [_problem(shown, node.start_mark.line + 1, node.start_mark.column + 1, "B8-L07",
                               "het bestand moet met sleutels beginnen (sleutel: waarde), niet met een lijst of losse tekst",
                               "begin met 'soort: beleid' of 'soort: uitvoeringsprogramma'")]
    value_positions: dict = {}
    key_positions: dict = {}
    _record_positions(node, (), value_positions, key_positions)
    _keep_written_decimals(node, data)
    return Document(shown, data, value_positions, key_positions), []


class _TooLarge(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _decode(raw: bytes, shown: str) -> tuple[str, Diagnostic | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return "", _problem(shown, line, column, "B8-L04",
                            f"bestand is geen UTF-8 (ongeldige byte 0x{raw[error.start]:02x})",
                            "sla het bestand op als UTF-8; in Word/Kladblok: 'Opslaan als' met codering UTF-8")


def _compose_and_construct(text: str) -> tuple[Node | None, object]:
    # libyaml through ruamel.yaml.clib when available: parsing is the
    # slowest step of `big8 check` and the C parser is ~15x faster.
    yaml = YAML(typ="safe")
    loader, _ = yaml.get_constructor_parser(io.StringIO(text))
    try:
        node = loader.get_single_node() if hasattr(loader, "get_single_node") else loader.composer.get_single_node()
        if node is None:
            return None, None
        _check_expansion(node)
        duplicates = _duplicate_keys(node)
        if duplicates:
            raise _DuplicateKeys(duplicates)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


class _DuplicateKeys(Exception):
    def __init__(self, found: list[tuple[str, Node, Node]]):
        super().__init__("duplicate keys")
        self.found = found


def _duplicate_keys(root: Node) -> list[tuple[str, Node, Node]]:
    """Every key that occurs twice in one mapping, with both key nodes."""
    found: list[tuple[str, Node, Node]] = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            first: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in first:
                        found.append((key.value, first[key.value], key))
                    else:
                        first[key.value] = key
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return found


def _check_expansion(root: Node) -> None:
    """Refuse documents that expand too far through aliases or nest too deep."""
    sizes: dict[int, int] = {}

    def size(node: Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise _TooLarge(f"bestand is dieper dan {MAX_DEPTH} niveaus genest",
                            node.start_mark.line + 1, node.start_mark.column + 1)
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, MappingNode):
            for key, value in node.value:
                total += size(key, depth + 1) + size(value, depth + 1)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                total += size(item, depth + 1)
        if total > MAX_EXPANDED_NODES:
            raise _TooLarge(f"bestand breidt via aliassen uit tot meer dan {MAX_EXPANDED_NODES} waarden "
                            "(mogelijk een 'alias-bom')",
                            node.start_mark.line + 1, node.start_mark.column + 1)
        sizes[id(node)] = total
        return total

    size(root, 0)


def _record_positions(node: Node, path: tuple, values: dict, keys: dict) -> None:
    values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            child = path + (_key_value(key_node),)
            keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _record_positions(value_node, child, values, keys)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, path + (index,), values, keys)


class WrittenFloat(float):
    """A float that remembers how it was written ("4.40"), so documents can
    show the figure with the decimals the source used (4,40, not 4,4)."""

    written: str

    def __new__(cls, value: float, written: str):
        number = super().__new__(cls, value)
        number.written = written
        return number


def _keep_written_decimals(node: Node, data: object) -> None:
    if isinstance(node, MappingNode) and isinstance(data, dict):
        for key_node, value_node in node.value:
            key = _key_value(key_node) if isinstance(key_node, ScalarNode) else None
            if key in data:
                if _is_float(value_node) and isinstance(data[key], float):
                    data[key] = WrittenFloat(data[key], value_node.value)
                else:
                    _keep_written_decimals(value_node, data[key])
    elif isinstance(node, SequenceNode) and isinstance(data, list):
        for index, item_node in enumerate(node.value):
            if index < len(data):
                if _is_float(item_node) and isinstance(data[index], float):
                    data[index] = WrittenFloat(data[index], item_node.value)
                else:
                    _keep_written_decimals(item_node, data[index])


def _is_float(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":float") and "." in node.value


def _key_value(node: ScalarNode) -> object:
    # Keys are nearly always strings; integer keys (a year) keep their type
    # so that paths match the constructed data.
    if node.tag.endswith(":int"):
        try:
            return int(node.value)
        except ValueError:
            return node.value
    return node.value


# The YAML parser's messages (libyaml's and ruamel's pure-Python wording),
# translated. Matched as substrings of the problem and its context.
_SYNTAX_MESSAGES = [
    ("mapping values are not allowed", "dubbele punt op een onverwachte plek",
     "zet tekst met een dubbele punt tussen aanhalingstekens, of controleer de inspringing"),
    ("could not find expected ':'", "dubbele punt ontbreekt na een sleutel",
     "schrijf 'sleutel: waarde' of zet de tekst tussen aanhalingstekens"),
    ("did not find expected key", "inspringing klopt niet",
     "zorg dat sleutels op hetzelfde niveau even ver inspringen (met spaties)"),
    ("expected <block end>", "inspringing klopt niet",
     "zorg dat sleutels op hetzelfde niveau even ver inspringen (met spaties)"),
    ("found undefined alias", "verwijzing naar een onbekend anker (*naam)",
     "definieer het anker eerst met &naam, of verwijder de verwijzing"),
    ("found unexpected end of stream", "bestand eindigt midden in een waarde",
     "controleer of aanhalingstekens en haken gesloten zijn"),
    ("expected ',' or ']'", "lijst tussen [ ] is niet goed afgesloten", "controleer komma's en de sluitende ]"),
    ("expected ',' or '}'", "groep tussen { } is niet goed afgesloten", "controleer komma's en de sluitende }"),
    ("another document", "bestand bevat meer dan één document (---)", "zet elk document in een eigen bestand"),
    ("single document", "bestand bevat meer dan één document (---)", "zet elk document in een eigen bestand"),
    ("unknown escape character", "onbekende escape-reeks in tekst tussen dubbele aanhalingstekens",
     "gebruik enkele aanhalingstekens of verdubbel de backslash (\\\\)"),
    ("unhashable key", "ongeldige sleutel (een lijst of groep als sleutel)", "gebruik eenvoudige tekst als sleutel"),
]


def _syntax_problem(error: MarkedYAMLError, shown: str, text: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = f"{error.problem or ''} {error.context or ''}"
    if "cannot start any token" in problem or "found character" in problem:
        character = _character_at(text, line, column)
        if character == "\t":
            return _problem(shown, line, column, "B8-L03",
                            "YAML-syntaxfout: tab gevonden; YAML staat geen tabs toe voor inspringing",
                            "vervang de tab door spaties (twee spaties per niveau)")
        return _problem(shown, line, column, "B8-L03",
                        f"YAML-syntaxfout: een waarde mag niet met '{character}' beginnen",
                        "zet de waarde tussen aanhalingstekens")
    for fragment, message, hint in _SYNTAX_MESSAGES:
        if fragment in problem:
            return _problem(shown, line, column, "B8-L03", f"YAML-syntaxfout: {message}", hint)
    return _problem(shown, line, column, "B8-L03", f"YAML-syntaxfout: {problem.strip()}",
                    "controleer inspringing, dubbele punten en aanhalingstekens")


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return "?"


def _problem(file: str, line: int, column: int, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, FOUT, message, Location(file, line, column), hint)


def _io_problem(file: str, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, FOUT, message, Location(file), hint, io_problem=True)
