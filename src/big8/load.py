"""Stage 1, load: read YAML files into Documents with the position of every value.

Only this module and `outputs/` touch the disk. Bad input never raises: every
problem becomes a Diagnostic with a Dutch message and a location. Text that
reaches the public site is hostile until proven otherwise, so the loader
reads only regular files, never more than the size limit, and refuses what
would expand or nest beyond sane bounds before anything is constructed.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import stat
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
# laughs"). Count values and characters as if every alias were copied out
# and stop early: what is published is the expanded document.
MAX_EXPANDED_NODES = 250_000
MAX_EXPANDED_CHARS = 4_000_000
# The longest text in the bundled documents is about 4.000 characters.
MAX_TEXT_CHARS = 50_000
MAX_DEPTH = 200
# Numbers beyond this are typing errors in a VTH document, and would
# overflow the formats downstream.
MAX_NUMBER = 1_000_000_000
FIRST_YEAR, LAST_YEAR = 1900, 2100

YAML_SUFFIXES = (".yaml", ".yml")
SOURCE_DIRS = ("policy", "programmes")
FIGURE_DIR = "figuren"
MAX_FIGURE_BYTES = 5 * 1024 * 1024
# Only raster images: an SVG can carry script, and these two every Word,
# PDF and browser shows.
_FIGURE_MAGIC = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}

_TAG = "tag:yaml.org,2002:"
_KNOWN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")}
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


@dataclass
class LoadResult:
    documents: list[Document]
    diagnostics: list[Diagnostic]


def discover(root: str, paths: list[str] | None = None) -> tuple[list[str], list[Diagnostic]]:
    """The YAML files to check: the given paths (files or folders), else
    everything under policy/ and programmes/. Sorted for determinism. A
    folder that cannot be read is a problem, never silently skipped."""
    problems: list[Diagnostic] = []
    targets = paths or [os.path.join(root, d) for d in SOURCE_DIRS]
    files: set[str] = set()

    def unreadable(error: OSError) -> None:
        problems.append(_io_problem(display_path(root, error.filename or ""), "B8-L01",
                                    f"map kan niet worden gelezen: {error.strerror}",
                                    "controleer de rechten op de map; big8 slaat geen inhoud stilzwijgend over"))

    for target in targets:
        if os.path.isdir(target):
            for folder, subfolders, names in os.walk(target, onerror=unreadable):
                subfolders[:] = sorted(s for s in subfolders if not s.startswith("."))
                files.update(os.path.abspath(os.path.join(folder, n)) for n in names
                             if n.endswith(YAML_SUFFIXES) and not n.startswith("."))
        elif os.path.lexists(target):
            files.add(os.path.abspath(target))
        elif paths:
            problems.append(_io_problem(display_path(root, target), "B8-L01",
                                        "bestand of map bestaat niet",
                                        "controleer het pad; big8 zoekt relatief aan de projectmap (-C) en anders aan de huidige map"))
    return sorted(files), problems


def discover_figures(root: str) -> tuple[dict[str, str], list[Diagnostic]]:
    """The images in the project's figuren/ folder that texts may show, as
    {"figuren/kaart.png": absolute path}: regular PNG or JPEG files of at
    most 5 MB whose bytes are what their name says."""
    folder = os.path.join(root, FIGURE_DIR)
    figures: dict[str, str] = {}
    problems: list[Diagnostic] = []
    if not os.path.isdir(folder):
        return figures, problems
    for current, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(s for s in subfolders if not s.startswith("."))
        for name in sorted(n for n in names if not n.startswith(".")):
            path = os.path.join(current, name)
            shown = display_path(root, path)
            suffix = os.path.splitext(name)[1].lower()
            if suffix not in _FIGURE_MAGIC:
                continue
            raw, problem = read_source(path, shown, MAX_FIGURE_BYTES)
            if problem is not None:
                problems.append(Diagnostic(problem.code, "waarschuwing", f"afbeelding: {problem.message}",
                                           Location(shown), problem.hint))
            elif raw is not None and not raw.startswith(_FIGURE_MAGIC[suffix]):
                problems.append(Diagnostic("B8-L11", "waarschuwing",
                                           f"afbeelding is geen echt {suffix[1:].upper()}-bestand", Location(shown),
                                           "sla de afbeelding opnieuw op als PNG of JPEG"))
            else:
                figures[shown] = os.path.abspath(path)
    return figures, problems


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
    raw, problem = read_source(path, shown)
    if problem is not None:
        return None, [problem]
    assert raw is not None
    return parse_text(raw, shown)


def read_source(path: str, shown: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a regular file of at most `limit` bytes.

    Opened without blocking and checked after opening, so a named pipe, a
    device (a link to /dev/zero) or a socket is refused instead of hanging
    or filling memory; at most limit + 1 bytes are ever read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return None, _io_problem(shown, "B8-L01", f"bestand kan niet worden gelezen: {error.strerror}",
                                 "controleer of het bestand bestaat en leesbaar is")
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None, _io_problem(shown, "B8-L10", "geen gewoon bestand (maar een apparaat, pijp of socket)",
                                     "verwijder het of vervang het door een gewoon YAML-bestand")
        try:
            raw = handle.read(limit + 1)
        except OSError as error:
            return None, _io_problem(shown, "B8-L01", f"bestand kan niet worden gelezen: {error.strerror}",
                                     "controleer of het bestand bestaat en leesbaar is")
    if len(raw) > limit:
        size = max(os.path.getsize(path), len(raw))
        megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        return None, _problem(shown, 0, 0, "B8-L02",
                              f"bestand is te groot ({megabytes} MB; maximaal {limit // 1024 // 1024} MB)",
                              "splits de inhoud over meer bestanden of verwijder wat er niet hoort")
    return raw, None


def parse_text(raw: bytes, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    text, problem = _decode(raw, shown)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [_problem(shown, 1, 1, "B8-L05", "bestand is leeg",
                               "begin met 'soort: beleid' of 'soort: uitvoeringsprogramma'")]
    try:
        node, data = _compose_and_construct(text, shown)
    except MarkedYAMLError as error:
        return None, [_syntax_problem(error, shown, text)]
    except _Refused as error:
        return None, error.problems
    except (YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
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
    text_starts: dict = {}
    _record_positions(node, (), value_positions, key_positions, text_starts, text.split("\n"))
    _keep_written_numbers(node, data)
    return Document(shown, data, value_positions, key_positions, text_starts), []


class _Refused(Exception):
    """The document breaks a bound or holds values that must not be constructed."""

    def __init__(self, problems: list[Diagnostic]):
        super().__init__(problems[0].message)
        self.problems = problems


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


def _compose_and_construct(text: str, shown: str) -> tuple[Node | None, object]:
    # libyaml through ruamel.yaml.clib when available: parsing is the
    # slowest step of `big8 check` and the C parser is ~15x faster.
    yaml = YAML(typ="safe")
    loader, _ = yaml.get_constructor_parser(io.StringIO(text))
    try:
        node = loader.get_single_node() if hasattr(loader, "get_single_node") else loader.composer.get_single_node()
        if node is None:
            return None, None
        problems = _Inspection(shown).run(node)
        if problems:
            raise _Refused(problems)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


class _Inspection:
    """One walk over the composed nodes, before anything is constructed.

    Fatal bounds (expansion through aliases, nesting depth) stop the walk at
    once; value problems (duplicate keys, odd numbers, impossible dates,
    over-long texts) are all collected so the author sees them together.
    Aliased nodes are inspected once but counted every time they occur.
    """

    def __init__(self, shown: str):
        self.shown = shown
        self.sizes: dict[int, tuple[int, int]] = {}  # node id -> (values, characters) when expanded
        self.problems: list[Diagnostic] = []

    def run(self, root: Node) -> list[Diagnostic]:
        values, characters = self.size(root, 0, "")
        if characters > MAX_EXPANDED_CHARS:
            self.fatal(root, f"bestand breidt via aliassen uit tot meer dan {_thousands(MAX_EXPANDED_CHARS)} "
                             "tekens (mogelijk een 'alias-bom')")
        return sorted(self.problems, key=lambda d: (d.location.line, d.location.column))

    def fatal(self, node: Node, message: str) -> None:
        """Stop at once, with what was found so far."""
        self.problems.append(_problem(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, "B8-L06",
                                      message, "gebruik geen ankers en aliassen (&naam, *naam) om waarden te herhalen"))
        raise _Refused(sorted(self.problems, key=lambda d: (d.location.line, d.location.column)))

    def size(self, node: Node, depth: int, key: str) -> tuple[int, int]:
        if depth > MAX_DEPTH:
            raise _Refused([_problem(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, "B8-L06",
                                     f"bestand is dieper dan {MAX_DEPTH} niveaus genest",
                                     "maak de opbouw platter; gebruik geen ankers en aliassen (&naam, *naam)")])
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        values, characters = 1, 0
        if node.tag not in _KNOWN_TAGS:
            self.value_problem(node, "B8-L03", f"YAML-tag '{node.tag}' wordt niet ondersteund",
                               "verwijder de tag (het deel dat met ! begint)")
        if isinstance(node, MappingNode):
            seen: dict[str, Node] = {}
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, ScalarNode) else ""
                if isinstance(key_node, ScalarNode):
                    if name in seen:
                        self.duplicate(name, seen[name], key_node)
                    else:
                        seen[name] = key_node
                for child, child_key in ((key_node, ""), (value_node, str(name))):
                    child_values, child_characters = self.size(child, depth + 1, child_key)
                    values += child_values
                    characters += child_characters
        elif isinstance(node, SequenceNode):
            for item in node.value:
                item_values, item_characters = self.size(item, depth + 1, key)
                values += item_values
                characters += item_characters
        elif isinstance(node, ScalarNode):
            characters = len(node.value)
            self.scalar(node, key)
        if values > MAX_EXPANDED_NODES:
            self.fatal(node, f"bestand breidt via aliassen uit tot meer dan {MAX_EXPANDED_NODES} waarden "
                             "(mogelijk een 'alias-bom')")
        if characters > MAX_EXPANDED_CHARS:
            self.fatal(node, f"bestand breidt via aliassen uit tot meer dan {_thousands(MAX_EXPANDED_CHARS)} "
                             "tekens (mogelijk een 'alias-bom')")
        self.sizes[id(node)] = (values, characters)
        return values, characters

    def duplicate(self, key: str, first: Node, again: Node) -> None:
        self.problems.append(_problem(self.shown, again.start_mark.line + 1, again.start_mark.column + 1, "B8-L08",
                                      f"sleutel '{key}' komt twee keer voor in dezelfde mapping",
                                      f"de sleutel staat al op regel {first.start_mark.line + 1}; "
                                      "voeg de waarden samen of hernoem een van beide"))

    def scalar(self, node: ScalarNode, key: str) -> None:
        written = node.value
        shown = f"'{key}: {written}'" if key else f"'{written}'"
        if node.tag == _TAG + "str" and len(written) > MAX_TEXT_CHARS:
            self.value_problem(node, "B8-L06", f"tekst is te lang ({_thousands(len(written))} tekens; maximaal "
                                               f"{_thousands(MAX_TEXT_CHARS)})",
                               "verdeel de tekst over onderdelen met elk een eigen titel")
        elif node.tag == _TAG + "int":
            self.integer(node, written, shown)
        elif node.tag == _TAG + "float":
            self.decimal(node, written, shown)
        elif node.tag == _TAG + "timestamp":
            self.date(node, written)

    def integer(self, node: ScalarNode, written: str, shown: str) -> None:
        plain = written.lstrip("+-")
        if plain[:2].lower() in ("0x", "0o", "0b"):
            notation = {"0x": "hexadecimale", "0o": "octale", "0b": "binaire"}[plain[:2].lower()]
            base = {"0x": 16, "0o": 8, "0b": 2}[plain[:2].lower()]
            try:
                hint = f"schrijf het getal gewoon decimaal: {int(plain.replace('_', ''), base)}"
            except ValueError:
                hint = "schrijf het getal gewoon decimaal"
            self.value_problem(node, "B8-S12", f"{shown} is in {notation} notatie geschreven", hint)
        elif "_" in written:
            self.value_problem(node, "B8-S12", f"{shown} bevat een liggend streepje",
                               f"schrijf het getal zonder scheidingstekens: {written.replace('_', '')}")
        elif not _DECIMAL_INT.fullmatch(written):
            self.value_problem(node, "B8-S12", f"{shown} begint met een 0",
                               f"schrijf het getal zonder voorloopnullen: {int(written)}")
        elif abs(int(written)) > MAX_NUMBER:
            self.too_large(node, shown)

    def decimal(self, node: ScalarNode, written: str, shown: str) -> None:
        lowered = written.lower().lstrip("+-")
        if lowered == ".nan":
            self.value_problem(node, "B8-S12", f"{shown} is geen getal", "vul een getal in of laat de sleutel weg")
        elif lowered == ".inf":
            self.value_problem(node, "B8-S12", f"{shown} is geen eindig getal", "vul een getal in of laat de sleutel weg")
        elif "_" in written or not _DECIMAL_FLOAT.fullmatch(written):
            self.value_problem(node, "B8-S12", f"{shown} is geen gewoon getal",
                               "schrijf het getal met cijfers en hoogstens één punt als decimaalteken")
        elif abs(float(written)) > MAX_NUMBER:
            self.too_large(node, shown)

    def too_large(self, node: ScalarNode, shown: str) -> None:
        self.value_problem(node, "B8-S12", f"{shown} is te groot (meer dan {_thousands(MAX_NUMBER)})",
                           "controleer het getal in het brondocument")

    def date(self, node: ScalarNode, written: str) -> None:
        match = _ISO_DATE.match(written)
        if not match:
            return  # a date with a time: the schema reports what it expects
        year, month, day = (int(part) for part in match.groups())
        try:
            datetime.date(year, month, day)
        except ValueError:
            self.value_problem(node, "B8-S13", f"'{written}' is geen bestaande datum",
                               "controleer dag en maand; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2023-02-28")
            return
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.value_problem(node, "B8-S13", f"datum '{written}' ligt niet tussen {FIRST_YEAR} en {LAST_YEAR}",
                               "controleer het jaartal")

    def value_problem(self, node: Node, code: str, message: str, hint: str) -> None:
        self.problems.append(_problem(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, code,
                                      message, hint))


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _record_positions(node: Node, path: tuple, values: dict, keys: dict, text_starts: dict,
                      lines: list[str]) -> None:
    values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            child = path + (_key_value(key_node),)
            keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _record_positions(value_node, child, values, keys, text_starts, lines)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, path + (index,), values, keys, text_starts, lines)
    elif isinstance(node, ScalarNode) and node.tag == _TAG + "str":
        _record_text_start(node, path, text_starts, lines)


def _record_text_start(node: ScalarNode, path: tuple, text_starts: dict, lines: list[str]) -> None:
    """Where the characters of a text begin, so that a place inside the text
    maps back to a line and column of the file: a literal block (`|`) keeps
    its lines; a text on one line keeps its columns."""
    if node.style == "|":
        for number in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
            content = lines[number]
            if content.strip():
                text_starts[path] = (number + 1, len(content) - len(content.lstrip(" ")) + 1, True)
                return
    elif node.start_mark.line == node.end_mark.line:
        quote = 1 if node.style in ('"', "'") else 0
        text_starts[path] = (node.start_mark.line + 1, node.start_mark.column + 1 + quote, False)


class WrittenFloat(float):
    """A float that remembers how it was written ("4.40"), so documents can
    show the figure with the decimals the source used (4,40, not 4,4) and the
    checks can judge the text as typed ("2.000" hours is a thousands
    separator read the wrong way, not two hours)."""

    written: str

    def __new__(cls, value: float, written: str):
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __reduce__(self):
        # Kept in the cache (cache.py) with its written form.
        return (WrittenFloat, (float(self), self.written))


def _keep_written_numbers(node: Node, data: object) -> None:
    if isinstance(node, MappingNode) and isinstance(data, dict):
        for key_node, value_node in node.value:
            key = _key_value(key_node) if isinstance(key_node, ScalarNode) else None
            if key in data:
                if _is_float(value_node) and isinstance(data[key], float):
                    data[key] = WrittenFloat(data[key], value_node.value)
                else:
                    _keep_written_numbers(value_node, data[key])
    elif isinstance(node, SequenceNode) and isinstance(data, list):
        for index, item_node in enumerate(node.value):
            if index < len(data):
                if _is_float(item_node) and isinstance(data[index], float):
                    data[index] = WrittenFloat(data[index], item_node.value)
                else:
                    _keep_written_numbers(item_node, data[index])


def _is_float(node: Node) -> bool:
    return isinstance(node, ScalarNode) and str(node.tag).endswith(":float") and "." in node.value


def _key_value(node: ScalarNode) -> object:
    # Keys are nearly always strings; integer keys (a year) keep their type
    # so that paths match the constructed data.
    if str(node.tag).endswith(":int"):
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
    ("could not determine a constructor", "onbekende YAML-tag", "verwijder de tag (het deel dat met ! begint)"),
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
