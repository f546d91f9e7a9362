"""The Dutch field reference and the list of every message code, for the site.

Generated from the same cerberus schemas as validation and the JSON Schema
(schema_export.py): every document kind with every key, its type, whether
it is required, the allowed values and its description; and every code
big8 reports, with an anchor, so that each finding on the site links to its
explanation.
"""

from __future__ import annotations

import html
from typing import Any

from .checks import RULES
from .codes import INPUT_CODES
from .resources import Resources
from .schema_export import _humanise, _raw, part_descriptions

_TYPE_NAMES = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "ja/nee",
               "date": "datum (JJJJ-MM-DD)", "list": "lijst", "dict": "groep sleutels"}
REFERENCE_FOLDER = "referentie"
CODES_PAGE = f"{REFERENCE_FOLDER}/meldingen.md"


def code_anchor(code: str) -> str:
    return code.lower()


def reference_pages(resources: Resources) -> dict[str, str]:
    """Site pages (path -> Markdown) of the field reference."""
    vocabulary, definitions, documents = _raw(resources)
    kinds = vocabulary.get("soorten", {})
    pages = {f"{REFERENCE_FOLDER}/index.md": _index(kinds, documents)}
    for kind, fields in documents.items():
        pages[f"{REFERENCE_FOLDER}/{kind}.md"] = _kind_page(kinds.get(kind, kind), kind, fields, definitions,
                                                            vocabulary)
    pages[f"{REFERENCE_FOLDER}/onderdelen.md"] = _parts_page(definitions, vocabulary, part_descriptions(resources))
    pages[CODES_PAGE] = _codes_page()
    return pages


def _front(title: str) -> str:
    return f'---\ntitle: "{title}"\n---\n'


def _index(kinds: dict, documents: dict) -> str:
    lines = [_front("Veldenreferentie"), "# Veldenreferentie", "",
             "Elk document is een YAML-bestand dat begint met `soort:`. Per soort staan hier alle sleutels die het "
             "mag bevatten, met het type, of ze verplicht zijn, de toegestane waarden en wat erin hoort. Dezelfde "
             "beschrijving krijgt een editor uit `big8 schema` (aanvullen terwijl u typt).", ""]
    for kind in documents:
        lines.append(f"- [{kinds.get(kind, kind)}]({kind}.md) (`soort: {kind}`)")
    lines += ["- [Onderdelen die in meer documenten voorkomen](onderdelen.md)",
              "- [Alle meldingen van de controle](meldingen.md)", ""]
    return "\n".join(lines)


def _kind_page(title: str, kind: str, fields: dict, definitions: dict, vocabulary: dict) -> str:
    lines = [_front(f"Veldenreferentie: {title}"), f"# {title}", "",
             f"Een bestand met `soort: {kind}`. Een sleutel met een punt (`a.b`) zit binnen `a`; `[]` staat voor "
             "elk onderdeel van een lijst.", ""]
    lines += _field_table(fields, "", definitions, vocabulary)
    return "\n".join(lines) + "\n"


def _parts_page(definitions: dict, vocabulary: dict, descriptions: dict) -> str:
    lines = [_front("Veldenreferentie: onderdelen"), "# Onderdelen", "",
             "Onderdelen met een naam, die in meer documenten voorkomen (zoals een sectie met titel en tekst).", ""]
    for name, fields in sorted(definitions.items()):
        about = descriptions.get(name) or {}
        lines += [f"## {_cell(about.get('titel') or _humanise(name.removeprefix('ze_')))} {{#{name}}}", ""]
        if about.get("omschrijving"):
            lines += [_cell(about["omschrijving"]), ""]
        lines += _field_table(fields, "", definitions, vocabulary, expand=False)
        lines.append("")
    return "\n".join(lines)


def _field_table(fields: dict, prefix: str, definitions: dict, vocabulary: dict, expand: bool = True) -> list[str]:
    rows = list(_rows(fields, prefix, definitions, vocabulary, expand, set()))
    lines = ["| Sleutel | Type | Verplicht | Toegestane waarden | Omschrijving |", "|---|---|---|---|---|"]
    for path, kind, required, allowed, description in rows:
        lines.append(f"| `{path}` | {kind} | {'ja' if required else ''} | {allowed} | {description} |")
    return lines


def _rows(fields: dict, prefix: str, definitions: dict, vocabulary: dict, expand: bool, seen: set):
    for key, rules in fields.items():
        if not isinstance(rules, dict):
            continue
        path = f"{prefix}{key}"
        kind = rules.get("type")
        kinds = kind if isinstance(kind, list) else [kind]
        type_name = " of ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds if k)
        schema = rules.get("schema")
        inner_path, inner = path, None
        if "list" in kinds and isinstance(schema, dict):
            inner_path = f"{path}[]"
            if schema.get("type") == "dict":
                inner = schema.get("schema")
            type_name = f"lijst van {_TYPE_NAMES.get(str(schema.get('type')), 'waarden')}"
        elif "dict" in kinds:
            inner = schema
        if isinstance(inner, str):
            type_name += f" ([{_humanise(inner).lower()}](onderdelen.md#{inner}))"
        meta = rules.get("meta") or {}
        description = _cell(meta.get("omschrijving") or meta.get("titel") or "")
        allowed = _allowed(schema if "list" in kinds and isinstance(schema, dict) else rules, vocabulary)
        yield path, type_name, bool(rules.get("required")), allowed, description
        if isinstance(inner, dict) and expand:
            yield from _rows(inner, f"{inner_path}.", definitions, vocabulary, expand, seen)
        elif isinstance(inner, dict):
            yield from _rows(inner, f"{inner_path}.", definitions, vocabulary, False, seen)


def _allowed(rules: dict, vocabulary: dict) -> str:
    allowed = rules.get("allowed")
    if isinstance(allowed, str) and allowed.startswith("vocabulaire:"):
        labels = vocabulary.get(allowed.split(":", 1)[1], {})
        return ", ".join(f"`{value}`" for value in labels)
    if isinstance(allowed, list):
        return ", ".join(f"`{value}`" for value in allowed)
    parts = []
    if "min" in rules:
        parts.append(f"minstens {rules['min']}")
    if "max" in rules:
        parts.append(f"hoogstens {rules['max']}")
    if isinstance(rules.get("regex"), str) and rules["regex"].endswith("[a-z0-9-]*$"):
        parts.append("kleine letters, cijfers en koppeltekens" + (" (met `beleid-id:` ervoor naar een ander "
                                                                  "beleid)" if ":)?" in rules["regex"] else ""))
    return "; ".join(parts)


def _cell(text: Any) -> str:
    # A project may bring its own schemas and velden.yaml: no HTML from them reaches the site.
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def _codes_page() -> str:
    lines = [_front("Meldingen van de controle"), "# Meldingen van de controle", "",
             "Elke melding heeft een vaste code. Fouten in de invoer (B8-L, B8-S, B8-K, B8-T, B8-C) zijn altijd "
             "fout: inhoud die niet te lezen of te koppelen is, kan niet worden gecontroleerd of gepubliceerd. De "
             "consistentieregels (B8-0..) hebben een standaard-ernst die per organisatie is in te stellen in "
             "big8.yaml.", "", "## Fouten in de invoer", ""]
    for code, meaning in INPUT_CODES.items():
        lines += [f"### {code} {{#{code_anchor(code)}}}", "", _cell(meaning)[:1].upper() + _cell(meaning)[1:] + ".", ""]
    lines += ["## Consistentieregels", ""]
    for rule in RULES.values():
        lines += [f"### {rule.code} {rule.name} {{#{code_anchor(rule.code)}}}", "",
                  f"Standaard: **{rule.severity}**.", "", _cell(rule.checks), "", f"Waarom: {_cell(rule.why)}", ""]
    return "\n".join(lines)
