"""Stage 2, validate: check every Document against its cerberus schema.

The schemas in `schemas/` are the single source of truth for what a valid
document is. This module loads them, fills in the controlled vocabularies,
and turns cerberus' errors (plain data) into Dutch diagnostics with the
position of the offending key or value and, for a misspelt key, the key
that was probably meant.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cerberus import Validator, errors
from cerberus.schema import SchemaRegistry
from ruamel.yaml import YAML

from .diagnostics import FOUT, WAARSCHUWING, Diagnostic, suggest
from .model import Document

DOCUMENT_KINDS = ("beleid", "uitvoeringsprogramma", "organisaties")
VOCABULARY_PREFIX = "vocabulaire:"


@dataclass(frozen=True)
class Schemas:
    documents: dict[str, dict]  # by soort
    definitions: dict[str, dict]
    vocabulary: dict[str, dict[str, str]]

    def label(self, vocabulary: str, value: str) -> str:
        return self.vocabulary.get(vocabulary, {}).get(value, value)


@lru_cache(maxsize=4)
def load_schemas(schema_dir: str) -> Schemas:
    yaml = YAML(typ="safe", pure=True)

    def read(name: str) -> Any:
        with open(os.path.join(schema_dir, name), encoding="utf-8") as handle:
            return yaml.load(handle)

    vocabulary = {name: {str(k): str(v) for k, v in values.items()}
                  for name, values in read("vocabulaire.yaml").items()}
    definitions = _fill_vocabulary(read("definities.yaml"), vocabulary)
    documents = {kind: _fill_vocabulary(read(f"{kind}.yaml"), vocabulary) for kind in DOCUMENT_KINDS}
    return Schemas(documents, definitions, vocabulary)


def _fill_vocabulary(schema: Any, vocabulary: dict[str, dict[str, str]]) -> Any:
    """Replace `allowed: 'vocabulaire:naam'` by the list of values of that vocabulary."""
    if isinstance(schema, dict):
        filled = {}
        for key, value in schema.items():
            if key == "allowed" and isinstance(value, str) and value.startswith(VOCABULARY_PREFIX):
                filled[key] = list(vocabulary[value[len(VOCABULARY_PREFIX):]])
            else:
                filled[key] = _fill_vocabulary(value, vocabulary)
        return filled
    if isinstance(schema, list):
        return [_fill_vocabulary(item, vocabulary) for item in schema]
    return schema


def validate(documents: list[Document], schemas: Schemas) -> tuple[list[Document], list[Diagnostic]]:
    """Return the documents that are valid, and the problems of all of them."""
    valid: list[Document] = []
    problems: list[Diagnostic] = []
    registry = SchemaRegistry()
    for name, definition in schemas.definitions.items():
        registry.add(name, definition)
    for document in documents:
        found = validate_document(document, schemas, registry)
        problems.extend(found)
        if not any(p.severity == FOUT for p in found):
            valid.append(document)
    return valid, problems


def validate_document(document: Document, schemas: Schemas, registry: SchemaRegistry) -> list[Diagnostic]:
    kind = document.data.get("soort")
    if kind is None:
        return [_diagnostic(document, (), "B8-S01", "sleutel 'soort' ontbreekt",
                            "begin het bestand met 'soort: beleid', 'soort: uitvoeringsprogramma' "
                            "of 'soort: organisaties'", key=False)]
    if kind not in schemas.documents:
        return [_diagnostic(document, ("soort",), "B8-S02", f"onbekende soort document '{kind}'",
                            suggest(str(kind), DOCUMENT_KINDS, "kies uit"))]
    validator = Validator(schemas.documents[kind], schema_registry=registry)
    validator.validate(document.data, normalize=False)  # no defaults or coercion: faster, and data stays as written
    translator = _Translator(document, schemas.documents[kind], schemas.definitions)
    problems = [translator.translate(error) for error in _leaf_errors(validator._errors)]
    problems.extend(_dutch_number_warnings(document))
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
            names = " of ".join(_TYPE_NAMES.get(w, w) for w in wanted)
            return _diagnostic(self.document, path, "B8-S05",
                               f"'{field}' moet {names} zijn, maar is {_actual_type(value)}",
                               _type_hint(wanted, value))
        if code == errors.UNALLOWED_VALUE.code:
            return _diagnostic(self.document, path, "B8-S06", f"'{value}' is geen toegestane waarde voor '{field}'",
                               suggest(str(value), error.constraint, "kies uit"))
        if code == errors.REGEX_MISMATCH.code:
            return _diagnostic(self.document, path, "B8-S07", f"'{value}' is geen geldige verwijzing of id voor '{field}'",
                               "gebruik kleine letters, cijfers en koppeltekens, bijvoorbeeld 'fp-veiligheid'")
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


def _type_hint(wanted: list[str], value: Any) -> str:
    if isinstance(value, str) and any(w in ("number", "integer", "float") for w in wanted):
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


# Dutch writes 10.013 for ten thousand and thirteen. In YAML that is a
# fraction; for hours, fte or counts a three-decimal fraction is nearly
# always a thousands separator read the wrong way.
_WHOLE_NUMBER_FIELDS = {"uren", "totaal_uren", "aantal", "normuren", "aantal_objecten"}


def _dutch_number_warnings(document: Document) -> list[Diagnostic]:
    found = []
    for path, _ in document.value_positions.items():
        if not path or path[-1] not in _WHOLE_NUMBER_FIELDS:
            continue
        value = document.get(path)
        if isinstance(value, float) and not isinstance(value, bool) and round(value * 1000) % 10 != 0 \
                and abs(value * 1000 - round(value * 1000)) < 1e-6 and value < 1000:
            fixed = round(value * 1000)
            found.append(Diagnostic("B8-S11", WAARSCHUWING,
                                    f"'{path[-1]}: {value}' lijkt een Nederlands duizendtal ({fixed})",
                                    document.location(path),
                                    f"schrijf {fixed} zonder punt; in YAML is de punt een decimaalteken",
                                    document.id, document.organisation))
    return found


def _diagnostic(document: Document, path: tuple, code: str, message: str, hint: str, key: bool = False) -> Diagnostic:
    return Diagnostic(code, FOUT, message, document.location(path, key=key), hint,
                      document.id, document.organisation)
