"""The cerberus schemas as one JSON Schema (draft 2020-12), for editors.

`big8 schema` prints it. Editors that speak the YAML language server (VS
Code with the YAML extension, and many others) then complete keys, show the
Dutch title and description of every field, offer the allowed values of the
vocabularies and flag mistakes while the author types. The document kind is
chosen by `soort`. The same source feeds the field reference on the website
(reference.py), so editor, website and `big8 check` never disagree.

Cerberus rules map onto JSON Schema like this: type -> type, schema of a
dict -> properties (no other keys allowed), schema of a list -> items,
allowed -> enum, regex -> pattern, min/max -> minimum/maximum, empty: false
-> minLength 1, nullable -> null allowed, required -> required, and a name
from definities.yaml -> $ref. `meta: {titel, omschrijving, voorbeeld}` on a
field gives its title, description and example.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from . import __version__
from .resources import Resources
from .validate import LOCAL_DEFINITIONS, MAX_ID_LENGTH, SCHEMA_OF_KIND, read_schema_file

SCHEMA_ID = "https://big8.nl/schema/big8.schema.json"
DESCRIPTIONS = "velden.yaml"  # titel, omschrijving and voorbeeld per field
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "list": "array",
          "dict": "object"}


@lru_cache(maxsize=4)
def _raw(resources: Resources) -> tuple[dict, dict, dict]:
    def read(name: str) -> Any:
        return read_schema_file(resources.schema_file(name))

    files = {name: read(name) for name in sorted(set(SCHEMA_OF_KIND.values()))}
    descriptions = read(DESCRIPTIONS) or {}
    definitions = read("definities.yaml")
    for name, fields in definitions.items():
        describe(fields, descriptions.get("definities.yaml", {}), f"{name}.")
    for name, schema in files.items():
        local = schema.pop(LOCAL_DEFINITIONS, {})
        for part, fields in local.items():
            describe(fields, descriptions.get(name, {}), f"{LOCAL_DEFINITIONS}.{part}.")
        definitions.update(local)
        describe(schema, descriptions.get(name, {}))
    documents = {}
    for kind, name in SCHEMA_OF_KIND.items():
        schema = dict(files[name])
        if "soort" in schema and isinstance(schema["soort"].get("allowed"), list):
            schema["soort"] = dict(schema["soort"], allowed=[kind])  # one kind per definition
        documents[kind] = schema
    return read("vocabulaire.yaml"), definitions, documents


def part_descriptions(resources: Resources) -> dict:
    """The titel and omschrijving of each named part of definities.yaml ("sectie")."""
    descriptions = (read_schema_file(resources.schema_file(DESCRIPTIONS)) or {}).get("definities.yaml", {})
    return {key: value for key, value in descriptions.items() if "." not in key}


def describe(fields: dict, descriptions: dict, prefix: str = "") -> None:
    """Give every field its `meta` (titel, omschrijving, voorbeeld) from
    schemas/velden.yaml, unless the schema itself has one. Items of a list
    count as the list ("rijen.kans", not "rijen.0.kans")."""
    for key, rules in fields.items():
        if not isinstance(rules, dict):
            continue
        path = f"{prefix}{key}"
        if "meta" not in rules and path in descriptions:
            rules["meta"] = descriptions[path]
        inner = rules.get("schema")
        if isinstance(inner, dict) and rules.get("type") == "list":
            inner = inner.get("schema") if inner.get("type") == "dict" else None
        if isinstance(inner, dict):
            describe(inner, descriptions, f"{path}.")


def undescribed(resources: Resources) -> list[str]:
    """Fields without a description, as "file: path" (for the test that keeps velden.yaml complete)."""
    _, definitions, documents = _raw(resources)
    missing: list[str] = []

    def walk(fields: dict, where: str, prefix: str = "") -> None:
        for key, rules in fields.items():
            if not isinstance(rules, dict):
                continue
            if not (rules.get("meta") or {}).get("omschrijving"):
                missing.append(f"{where}: {prefix}{key}")
            inner = rules.get("schema")
            if isinstance(inner, dict) and rules.get("type") == "list":
                inner = inner.get("schema") if inner.get("type") == "dict" else None
            if isinstance(inner, dict):
                walk(inner, where, f"{prefix}{key}.")

    for kind, fields in documents.items():
        walk(fields, SCHEMA_OF_KIND[kind])
    for name, fields in definitions.items():
        walk(fields, "definities.yaml", f"{name}.")
    return sorted(set(missing))


def json_schema(resources: Resources) -> dict:
    """One JSON Schema for every document kind, chosen by `soort`."""
    vocabulary, definitions, documents = _raw(resources)
    converter = _Converter(vocabulary)
    defs = {name: converter.mapping(fields, name) for name, fields in sorted(definitions.items())}
    kinds = list(documents)
    for kind in kinds:
        defs[f"document-{kind}"] = converter.mapping(documents[kind], kind)
        defs[f"document-{kind}"]["title"] = vocabulary.get("soorten", {}).get(kind, kind)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "big8: beleid, uitvoeringsprogramma's en organisaties (VTH)",
        "description": f"Gemaakt door big8 {__version__} uit de schema's in schemas/. Het document kiest zijn "
                       "opbouw met 'soort'.",
        "type": "object",
        "required": ["soort"],
        "properties": {"soort": {"title": "Soort document", "enum": kinds,
                                 "description": "Welk document dit is: " + ", ".join(kinds) + "."}},
        "allOf": [{"if": {"properties": {"soort": {"const": kind}}, "required": ["soort"]},
                   "then": {"$ref": f"#/$defs/document-{kind}"}} for kind in kinds],
        "$defs": defs,
    }


class _Converter:
    def __init__(self, vocabulary: dict):
        self.vocabulary = vocabulary

    def mapping(self, fields: dict, where: str) -> dict:
        properties = {key: self.field(key, rules) for key, rules in fields.items()}
        result: dict = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [key for key, rules in fields.items() if isinstance(rules, dict) and rules.get("required")]
        if required:
            result["required"] = required
        return result

    def field(self, key: str, rules: Any) -> dict:
        if not isinstance(rules, dict):
            return {}
        result = self.value(rules)
        meta = rules.get("meta") or {}
        result["title"] = meta.get("titel") or _humanise(key)
        if meta.get("omschrijving"):
            result["description"] = meta["omschrijving"]
        if "voorbeeld" in meta:
            result["examples"] = [_json_value(meta["voorbeeld"])]
        return result

    def value(self, rules: dict) -> dict:
        kind = rules.get("type")
        kinds = kind if isinstance(kind, list) else [kind] if kind else []
        result: dict = {}
        if "date" in kinds:
            result.update(type="string", format="date")
        elif kinds:
            names = sorted({_TYPES[k] for k in kinds if k in _TYPES})
            result["type"] = names[0] if len(names) == 1 else names
        if rules.get("nullable"):
            result["type"] = sorted({*([result["type"]] if isinstance(result.get("type"), str) else
                                       result.get("type", [])), "null"})
        schema = rules.get("schema")
        if "list" in kinds and schema is not None:
            result["items"] = self._inner(schema)
        elif "dict" in kinds and schema is not None:
            inner = self._inner(schema, as_mapping=True)
            result.update(inner)
        self._constraints(rules, result)
        return result

    def _inner(self, schema: Any, as_mapping: bool = False) -> dict:
        """The schema of a list's items, or of a dict's keys (as_mapping)."""
        if isinstance(schema, str):
            return {"$ref": f"#/$defs/{schema}"}
        if as_mapping:
            return self.mapping(schema, "")
        return self.value(schema) if isinstance(schema, dict) else {}

    def _constraints(self, rules: dict, result: dict) -> None:
        allowed = rules.get("allowed")
        if isinstance(allowed, str) and allowed.startswith("vocabulaire:"):
            labels = self.vocabulary.get(allowed.split(":", 1)[1], {})
            result["enum"] = [str(value) for value in labels]
            result["enumDescriptions"] = [str(label) for label in labels.values()]
        elif isinstance(allowed, list):
            result["enum"] = list(allowed)
        if "enum" in result and rules.get("nullable"):
            result["enum"].append(None)
        if isinstance(rules.get("regex"), str):
            result["pattern"] = "^(?:" + rules["regex"].removeprefix("^").removesuffix("$") + ")$"
            if rules["regex"].endswith("[a-z0-9-]*$"):
                result["maxLength"] = MAX_ID_LENGTH
        for rule, keyword in (("min", "minimum"), ("max", "maximum"), ("maxlength", "maxLength")):
            if rule in rules and result.get("type") != "array":
                result[keyword] = rules[rule]
        if "minlength" in rules:
            result["minItems" if result.get("type") == "array" else "minLength"] = rules["minlength"]
        if rules.get("empty") is False:
            result["minItems" if result.get("type") == "array" else "minLength"] = 1


def _humanise(key: str) -> str:
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]


def _json_value(value: Any) -> Any:
    """A YAML value as JSON has it (dates as text)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def as_json_data(value: Any) -> Any:
    """Loaded content as the JSON a validator sees (for tests and tools)."""
    return _json_value(value)


def modeline(relative_schema: str) -> str:
    """The first line of a YAML file that points editors at the schema."""
    return f"# yaml-language-server: $schema={relative_schema}"


def schema_path_for(file_path: str, project_root: str, name: str = "big8.schema.json") -> str:
    relative = os.path.relpath(os.path.join(project_root, name), os.path.dirname(file_path))
    return relative.replace(os.sep, "/")

