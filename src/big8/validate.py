"""Stage 2, validate: check every Document against its cerberus schema.

The schemas in `schemas/` are the single source of truth for what a valid
document is. This module loads them, fills in the controlled vocabularies,
and turns cerberus' errors (plain data) into Dutch diagnostics with the
position of the offending key or value and, for a misspelt key, the key
that was probably meant. Beyond the schema it judges what cerberus cannot:
numbers as they were typed, periods that run backwards, and what the
author Markdown in every text may do (see `prose.py`).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML

from . import cache, prose
from .diagnostics import FOUT, WAARSCHUWING, Diagnostic, suggest
from .model import Document, values
from .resources import Resources

# Each kind of document (`soort`) and the schema file that defines it.
SCHEMA_OF_KIND = {"beleid": "beleid.yaml", "uitvoeringsprogramma": "uitvoeringsprogramma.yaml",
                  "organisaties": "organisaties.yaml", "monitoring": "rapportage.yaml",
                  "jaarverslag": "rapportage.yaml", "samenwerkingsagenda": "samenwerkingsagenda.yaml",
                  "zelfevaluatie": "zelfevaluatie.yaml"}
# The key under which a kind's schema file keeps named parts of its own.
LOCAL_DEFINITIONS = "_definities"
DOCUMENT_KINDS = tuple(SCHEMA_OF_KIND)
SCHEMA_FILES = ("vocabulaire.yaml", "definities.yaml", *sorted(set(SCHEMA_OF_KIND.values())))
VOCABULARY_PREFIX = "vocabulaire:"
# Ids become file and page names; a sentence typed as an id is a mistake.
MAX_ID_LENGTH = 80
_ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"


@dataclass(frozen=True)
class Schemas:
    documents: dict[str, dict]  # by soort
    definitions: dict[str, dict]
    vocabulary: dict[str, dict[str, str]]
    trusted: bool = False  # the released defaults: validated when big8 was built

    def label(self, vocabulary: str, value: str) -> str:
        return self.vocabulary.get(vocabulary, {}).get(value, value)


def load_schemas(resources: Resources) -> Schemas:
    files = tuple(resources.schema_file(name) for name in SCHEMA_FILES)
    return _load_schemas(files, resources.schemas_are_defaults)


def read_schema_file(path: str) -> Any:
    """A schema file as plain data, a fresh copy each time (callers prepare
    it in place). Parsed once per version of the file: the parsed form is
    kept in the user's cache (cache.py), as the documents are."""
    with open(path, "rb") as handle:
        data = handle.read()
    key = cache.fingerprint("schema", data)
    parsed = cache.get(key)
    if parsed is None:
        with open(path, encoding="utf-8") as handle:  # from the file: errors then name it
            parsed = YAML(typ="safe").load(handle)
        cache.put(key, parsed)
    return parsed


@lru_cache(maxsize=4)
def _load_schemas(files: tuple[str, ...], trusted: bool) -> Schemas:
    read = read_schema_file

    vocabulary_file, definitions_file, *document_files = files
    vocabulary = {name: {str(k): str(v) for k, v in values.items()}
                  for name, values in read(vocabulary_file).items()}
    definitions = _prepare(read(definitions_file), vocabulary)
    by_file = {}
    for path in document_files:
        schema = _prepare(read(path), vocabulary)
        # A kind's own named parts (`_definities:`) join the shared ones.
        definitions.update(schema.pop(LOCAL_DEFINITIONS, {}))
        by_file[os.path.basename(path)] = schema
    documents = {kind: by_file[name] for kind, name in SCHEMA_OF_KIND.items()}
    return Schemas(documents, definitions, vocabulary, trusted)


def _prepare(schema: Any, vocabulary: dict[str, dict[str, str]]) -> Any:
    """Replace `allowed: 'vocabulaire:naam'` by the values of that vocabulary,
    and bound the length of every id and reference."""
    if isinstance(schema, dict):
        prepared: dict[str, Any] = {}
        for key, value in schema.items():
            if key == "allowed" and isinstance(value, str) and value.startswith(VOCABULARY_PREFIX):
                name = value[len(VOCABULARY_PREFIX):]
                if name not in vocabulary:
                    raise ValueError(f"onbekende vocabulaire '{name}' (niet in vocabulaire.yaml)")
                prepared[key] = list(vocabulary[name])
            else:
                prepared[key] = _prepare(value, vocabulary)
        regex = prepared.get("regex")
        if isinstance(regex, str) and regex.endswith("[a-z0-9-]*$"):
            prepared.setdefault("maxlength", MAX_ID_LENGTH)
        return prepared
    if isinstance(schema, list):
        return [_prepare(item, vocabulary) for item in schema]
    return schema


@lru_cache(maxsize=1)
def _strict_validator_class() -> type:
    """cerberus with patterns that must match the whole value: its own
    `regex` lets `re.match(...$)` accept a trailing newline ("vb-beleid\\n").
    Imported on first use: a check whose files are all in the cache
    (cache.py) needs no cerberus at all."""
    from cerberus import Validator, errors

    class StrictValidator(Validator):
        def _validate_regex(self, pattern, field, value):
            """{'type': 'string'}"""
            if isinstance(value, str) and not _compiled(pattern).fullmatch(value):
                self._error(field, errors.REGEX_MISMATCH)

    return StrictValidator


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern.removesuffix("$"))


class Validation:
    """Validates documents one by one against the schemas; the cerberus
    validators are made once, on the first document that needs one."""

    def __init__(self, schemas: Schemas, figures: frozenset[str] | None = None):
        self.schemas = schemas
        self.figures = figures
        self._registry: Any = None
        self._validators: dict[str, Any] = {}

    def document(self, document: Document) -> list[Diagnostic]:
        if self._registry is None:
            from cerberus.schema import SchemaRegistry

            self._registry = SchemaRegistry()
            for name, definition in self.schemas.definitions.items():
                self._registry.add(name, definition)
        return validate_document(document, self.schemas, self._registry, self._validators, self.figures)


def validate(documents: list[Document], schemas: Schemas,
             figures: frozenset[str] | None = None) -> tuple[list[Document], list[Diagnostic]]:
    """Return the documents that are valid, and the problems of all of them.
    `figures`: the project's figure files ("figuren/x.png") that texts may show."""
    valid: list[Document] = []
    problems: list[Diagnostic] = []
    validation = Validation(schemas, figures)
    for document in documents:
        found = validation.document(document)
        problems.extend(found)
        if not any(p.severity == FOUT for p in found):
            valid.append(document)
    return valid, problems


def validate_document(document: Document, schemas: Schemas, registry: Any,
                      validators: dict[str, Any] | None = None,
                      figures: frozenset[str] | None = None) -> list[Diagnostic]:
    from cerberus.schema import UnvalidatedSchema

    kind = document.data.get("soort")
    if kind is None:
        return [_diagnostic(document, (), "B8-S01", "sleutel 'soort' ontbreekt",
                            "begin het bestand met 'soort: beleid', 'soort: uitvoeringsprogramma' "
                            "of een andere soort: " + ", ".join(DOCUMENT_KINDS), key=False)]
    if kind not in schemas.documents:
        return [_diagnostic(document, ("soort",), "B8-S02", f"onbekende soort document '{kind}'",
                            suggest(str(kind), DOCUMENT_KINDS, "kies uit"))]
    validators = {} if validators is None else validators
    if kind not in validators:
        schema = schemas.documents[kind]
        # The released schemas were validated in big8's own tests; a
        # project's own schemas are validated here, once per run.
        validators[kind] = _strict_validator_class()(UnvalidatedSchema(schema) if schemas.trusted else schema,
                                                     schema_registry=registry)
    validator = validators[kind]
    validator.validate(document.data, normalize=False)  # no defaults or coercion: data stays as written
    translator = _Translator(document, schemas.documents[kind], schemas.definitions)
    problems = [translator.translate(error) for error in _leaf_errors(validator._errors)]
    problems += list(_reversed_periods(document))
    problems += list(_report_parts(document))
    problems += list(_one_of_each(document))
    problems += list(_numbers_as_written(document))
    problems += list(_text_problems(document, figures))
    return problems


def _leaf_errors(found) -> list:
    leaves = []
    for error in found:
        if error.is_group_error:
            leaves.extend(_leaf_errors(error.child_errors))
        else:
            leaves.append(error)
    return leaves


_TYPE_NAMES = {
    "string": "tekst", "integer": "een geheel getal", "number": "een getal", "float": "een getal",
    "boolean": "ja of nee (true/false)", "date": "een datum (JJJJ-MM-DD)", "datetime": "een datum",
    "dict": "een groep sleutels (sleutel: waarde)", "list": "een lijst (regels die met '- ' beginnen)",
}


def _actual_type(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, int):
        return "een geheel getal"
    if isinstance(value, float):
        return "een getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, datetime.date):
        return "een datum"
    if isinstance(value, dict):
        return "een groep sleutels"
    if isinstance(value, list):
        return "een lijst"
    return type(value).__name__


class _Translator:
    def __init__(self, document: Document, schema: dict, definitions: dict):
        self.document = document
        self.schema = schema
        self.definitions = definitions

    def translate(self, error) -> Diagnostic:
        from cerberus import errors

        path = tuple(error.document_path)
        field = str(path[-1]) if path else ""
        value = error.value
        code = error.code
        if code == errors.UNKNOWN_FIELD.code:
            allowed = sorted(self.fields_at(path[:-1]))
            return _diagnostic(self.document, path, "B8-S03", f"onbekende sleutel '{field}'",
                               suggest(field, allowed, "toegestaan hier:", "verwijder deze sleutel"), key=True)
        if code == errors.REQUIRED_FIELD.code:
            parent = path[:-1]
            where = f" in '{parent[-1]}'" if parent and isinstance(parent[-1], str) else ""
            return _diagnostic(self.document, parent, "B8-S04", f"verplichte sleutel '{field}' ontbreekt{where}",
                               f"voeg '{field}:' toe met een waarde", key=bool(parent))
        if code == errors.BAD_TYPE.code:
            wanted = error.constraint if isinstance(error.constraint, list) else [error.constraint]
            names = " of ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted)
            return _diagnostic(self.document, path, "B8-S05",
                               f"'{field}' moet {names} zijn, maar is {_actual_type(value)}",
                               _type_hint(wanted, value))
        if code == errors.UNALLOWED_VALUE.code:
            return _diagnostic(self.document, path, "B8-S06", f"'{value}' is geen toegestane waarde voor '{field}'",
                               suggest(str(value), error.constraint, "kies uit"))
        if code == errors.REGEX_MISMATCH.code:
            return _diagnostic(self.document, path, "B8-S07",
                               f"{_quoted(value)} is geen geldige verwijzing of id voor '{field}'",
                               "gebruik kleine letters, cijfers en koppeltekens, bijvoorbeeld 'fp-veiligheid'")
        if code == errors.MAX_LENGTH.code and isinstance(value, str):
            return _diagnostic(self.document, path, "B8-S07",
                               f"'{field}' is te lang ({len(value)} tekens; maximaal {error.constraint})",
                               "kies een kort id; het wordt de naam van bestanden en pagina's")
        if code in (errors.MIN_VALUE.code, errors.MAX_VALUE.code):
            bound = "minstens" if code == errors.MIN_VALUE.code else "hoogstens"
            return _diagnostic(self.document, path, "B8-S08",
                               f"'{field}' moet {bound} {error.constraint} zijn, maar is {value}",
                               "controleer het getal in het brondocument")
        if code == errors.EMPTY_NOT_ALLOWED.code:
            return _diagnostic(self.document, path, "B8-S09", f"'{field}' mag niet leeg zijn",
                               "vul een waarde in of verwijder de sleutel")
        if code == errors.NOT_NULLABLE.code:
            return _diagnostic(self.document, path, "B8-S09", f"'{field}' heeft geen waarde",
                               "vul een waarde in of verwijder de sleutel")
        return _diagnostic(self.document, path, "B8-S10", f"ongeldige waarde voor '{field}' (regel '{error.rule}')",
                           "vergelijk met het schema in schemas/")

    def fields_at(self, path: tuple) -> list[str]:
        """The keys the schema allows in the mapping at `path` of the document."""
        fields: Any = self.schema
        for step in path:
            if isinstance(step, int):
                continue  # list items share the rules of the list's `schema`
            rules = fields.get(step, {}) if isinstance(fields, dict) else {}
            fields = self._mapping_fields(rules)
        return list(fields) if isinstance(fields, dict) else []

    def _mapping_fields(self, rules: dict) -> dict:
        if rules.get("type") == "list":
            rules = rules.get("schema", {})
        inner = rules.get("schema", {})
        if isinstance(inner, str):
            inner = self.definitions.get(inner, {})
        return inner


def _quoted(value: Any) -> str:
    """A value in a message, with invisible characters made visible."""
    text = str(value)
    shown = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if len(shown) > 60:
        shown = shown[:59] + "…"
    return f"'{shown}'"


_THOUSANDS_TEXT = re.compile(r"[1-9][0-9]{0,2}(\.[0-9]{3})+")


def _type_hint(wanted: list[str], value: Any) -> str:
    if isinstance(value, str) and any(w in ("number", "integer", "float") for w in wanted):
        if _THOUSANDS_TEXT.fullmatch(value.strip()):
            return f"schrijf {value.strip().replace('.', '')} zonder punten; in YAML is de punt een decimaalteken"
        if value.replace(".", "").replace(",", "").strip().isdigit() and "," in value:
            return f"gebruik een punt als decimaalteken: {value.replace('.', '').replace(',', '.')}"
        return "schrijf alleen het getal, zonder eenheid of tekst"
    if "date" in wanted:
        return "schrijf de datum als 2023-12-31"
    if "list" in wanted:
        return "begin elk onderdeel op een nieuwe regel met '- '"
    if "string" in wanted and isinstance(value, (dict, list)):
        return "staat de inspringing goed? zet lange tekst na '|' of '>-' op de volgende regels"
    if "string" in wanted:
        return "zet de waarde tussen aanhalingstekens"
    return "controleer de waarde"


# ---------------------------------------------------------------- beyond the schema

def _reversed_periods(document: Document) -> Iterator[Diagnostic]:
    for path, value in values(document.data):
        if path and path[-1] == "periode" and isinstance(value, dict):
            start, end = value.get("van"), value.get("tot")
            if isinstance(start, int) and isinstance(end, int) and not isinstance(end, bool) and end < start:
                yield _diagnostic(document, path + ("tot",), "B8-S08",
                                  f"periode loopt terug: van {start} tot {end}",
                                  f"'tot' is het laatste jaar en ligt niet voor 'van'; bedoelt u van {end} tot "
                                  f"{start}?")


# Mappings that need exactly one of two keys: (where, keys). `*` matches
# every item of a list.
_ONE_OF = [
    (("capaciteit", "formaties", "*", "regels", "*"), ("taakveld", "taakvelden")),
    (("capaciteit", "juridische_capaciteit", "*", "regels", "*"), ("taakveld", "taakvelden")),
    (("urentabellen", "*"), ("taakveld", "taakvelden")),
]
_AT_MOST_ONE_OF = ("streefwaarde", "streefwaarden")


def _one_of_each(document: Document) -> Iterator[Diagnostic]:
    if document.kind == "uitvoeringsprogramma":
        for pattern, (first, second) in _ONE_OF:
            for path, item in _matching(document.data, pattern, ()):
                if not isinstance(item, dict):
                    continue
                if first not in item and second not in item:
                    yield _diagnostic(document, path, "B8-S04", f"'{first}' (of '{second}') ontbreekt",
                                      f"voeg '{first}:' toe, of '{second}:' met een lijst voor een regel die "
                                      "meer taakvelden omvat", key=bool(path))
                elif first in item and second in item:
                    yield _diagnostic(document, path + (second,), "B8-S10", f"'{first}' en '{second}' staan er allebei",
                                      f"houd '{first}' voor één taakveld, of '{second}' voor meer", key=True)
        yield from _productive_hours(document)
    for path, value in values(document.data):
        if isinstance(value, dict) and all(key in value for key in _AT_MOST_ONE_OF) and "omschrijving" in value:
            yield _diagnostic(document, path + ("streefwaarden",), "B8-S10",
                              "'streefwaarde' en 'streefwaarden' staan er allebei",
                              "geef één streefwaarde, of zet ze alle onder 'streefwaarden'", key=True)


# Parts of a report that belong to one of its two kinds only.
_ONLY_IN = {"monitoring": (("urenregels", "*", "prognose"), ("urenregels", "*", "prognose_aantal"),
                           ("tabeltotalen", "*", "prognose")),
            "jaarverslag": (("conclusies",), ("aanbevelingen",))}


def _report_parts(document: Document) -> Iterator[Diagnostic]:
    for kind, patterns in _ONLY_IN.items():
        if document.kind not in ("monitoring", "jaarverslag") or document.kind == kind:
            continue
        for pattern in patterns:
            for path, _ in _matching(document.data, pattern, ()):
                yield _diagnostic(document, path, "B8-S03",
                                  f"'{path[-1]}' hoort niet in een {document.kind}, alleen in een {kind}",
                                  "een prognose staat in een monitoringsrapportage; conclusies en aanbevelingen "
                                  "in het jaarverslag", key=True)


def _productive_hours(document: Document) -> Iterator[Diagnostic]:
    capacity = document.data.get("capaciteit")
    if not isinstance(capacity, dict) or "productieve_uren_per_fte" in capacity:
        return
    for number, formation in enumerate(capacity.get("formaties") or []):
        if isinstance(formation, dict) and "productieve_uren_per_fte" not in formation:
            yield _diagnostic(document, ("capaciteit", "formaties", number), "B8-S04",
                              "'productieve_uren_per_fte' ontbreekt (in 'capaciteit' of in deze formatie)",
                              "zet het aantal productieve uren per fte in 'capaciteit:', of per formatie als het per "
                              "discipline verschilt", key=True)


def _matching(value: Any, pattern: tuple, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if not pattern:
        yield path, value
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        if isinstance(value, list):
            for number, item in enumerate(value):
                yield from _matching(item, rest, path + (number,))
    elif isinstance(value, dict) and step in value:
        yield from _matching(value[step], rest, path + (step,))


# Dutch writes 2.000 for two thousand. In YAML that is the fraction 2.0:
# the text as typed decides, because the float has forgotten it. In fields
# that hold whole numbers a point followed by exactly three digits is a
# thousands separator; in decimal fields (fte) it is ambiguous.
WHOLE_NUMBER_FIELDS = {"uren", "totaal_uren", "aantal", "normuren", "aantal_objecten", "gerealiseerd",
                       "gerealiseerd_aantal", "gepland", "prognose", "aantal_gerealiseerd"}
_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")


def _numbers_as_written(document: Document) -> Iterator[Diagnostic]:
    for path, value in values(document.data):
        written = getattr(value, "written", None)
        if not written or not path or not isinstance(path[-1], str) or not _THOUSANDS.fullmatch(written):
            continue
        field, meant = path[-1], written.replace(".", "")
        if field in WHOLE_NUMBER_FIELDS:
            yield Diagnostic("B8-S11", FOUT,
                             f"'{field}: {written}' lijkt een Nederlands duizendtal ({meant}), maar YAML leest "
                             f"{_plain_number(value)}",
                             document.location(path),
                             f"schrijf {meant} zonder punt; in YAML is de punt een decimaalteken",
                             document.id, document.organisation)
        else:
            yield Diagnostic("B8-S14", WAARSCHUWING,
                             f"'{field}: {written}' is dubbelzinnig: {_plain_number(value)} of {meant}",
                             document.location(path),
                             f"schrijf {_plain_number(value).replace(',', '.')} zonder nullen achteraan als u dat "
                             f"bedoelt, of {meant} zonder punt",
                             document.id, document.organisation)


def _plain_number(value: float) -> str:
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _text_problems(document: Document, figures: frozenset[str] | None) -> Iterator[Diagnostic]:
    """What every text may not do as author Markdown (`prose.problems`), at
    its line and column inside the text where the file keeps them."""
    for path, value in values(document.data):
        if not isinstance(value, str) or not _may_hold_markup(value):
            continue
        for problem in prose.problems(value, figures):
            line, column = prose.line_and_column(value, problem.offset)
            yield Diagnostic(problem.code, FOUT, problem.message, document.text_location(path, line, column),
                             problem.hint, document.id, document.organisation)


def _may_hold_markup(text: str) -> bool:
    # Most texts hold no bracket at all and no list: skip them quickly.
    return "[" in text or "\n" in text




def _diagnostic(document: Document, path: tuple, code: str, message: str, hint: str, key: bool = False) -> Diagnostic:
    return Diagnostic(code, FOUT, message, document.location(path, key=key), hint,
                      document.id, document.organisation)
