"""New documents from existing ones: next year's programme, a monitoring
report, a jaarverslag (`big8 nieuw programma|monitoring|jaarverslag`).

The new programme is the given one, read and written with ruamel.yaml's
round-trip mode, so every comment (every `# bron:`), the key order and the
quoting survive; only what is tied to the year changes: the id, `jaar`, the
years in titles, the status (back to concept) and the adoption (cleared).
Where the given programme has a jaarverslag, its realised hours and its
recommendations are placed as YAML comments beside the lines they concern,
so the author plans with them in view. A new report lists every line of its
programme to fill in, with the planned figure as a comment. Nothing is ever
overwritten.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .dutch import one_line
from .model import Document, Project


class CannotCreate(Exception):
    """The new document cannot be made: a message and a hint."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


# ---------------------------------------------------------------- round trip

def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the author wrote
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    # An explicit null stays "null" (ruamel would write nothing).
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _indentation(text: str) -> tuple[int, int, int]:
    """The file's own indentation: (mapping, sequence, offset of the dash)."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        dash = re.match(r"^(\s*)- ", line)
        if dash and number:
            parent = next((p for p in reversed(lines[:number]) if p.strip() and not p.strip().startswith("#")), "")
            parent_indent = len(parent) - len(parent.lstrip(" "))
            offset = max(0, len(dash.group(1)) - parent_indent)
            return 2, offset + 2, offset
    return 2, 4, 2


def _load(path: str) -> tuple[YAML, Any]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    yaml = _yaml(text)
    return yaml, yaml.load(text)


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def write_new(path: str, text: str) -> None:
    """Write a file that does not exist yet (never overwrite)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as error:
        raise CannotCreate(f"'{path}' bestaat al", "big8 overschrijft nooit een bestand; verwijder of hernoem het, "
                                                   "of kies een ander jaar") from error


# ---------------------------------------------------------------- next programme

def next_programme(project: Project, programme_id: str, year: int) -> tuple[str, str]:
    """(path, text) of next year's programme made from `programme_id`."""
    programme = project.programmes.get(programme_id)
    if programme is None:
        raise CannotCreate(f"onbekend uitvoeringsprogramma '{programme_id}'",
                           "kies uit: " + ", ".join(sorted(project.programmes)) if project.programmes else
                           "het project heeft nog geen uitvoeringsprogramma")
    old_year = int(programme.data["jaar"])
    source = os.path.join(project.root, programme.file)
    yaml, data = _load(source)
    new_id = _replace_year(programme.id, old_year, year) if str(old_year) in programme.id else f"{programme.id}-{year}"
    if new_id in project.programmes or new_id in project.policies or new_id in project.reports:
        raise CannotCreate(f"er is al een document met id '{new_id}'", "kies een ander jaar, of hernoem dat document")
    data["id"] = new_id
    data["jaar"] = year
    data["status"] = "concept"
    if "vaststelling" in data:
        del data["vaststelling"]
    _update_titles(data, old_year, year)
    report = next((r for r in reversed(project.reports_of(programme)) if r.kind == "jaarverslag"), None)
    if report is not None:
        _annotate_with_report(data, report, year)
    folder, name = os.path.split(programme.file)
    new_name = _replace_year(name, old_year, year) if str(old_year) in name else f"{new_id}.yaml"
    # The file's own header comment stays; these lines go above it, below
    # an editor modeline, which only works on the first line.
    made = (f"# Uitvoeringsprogramma {year}, gemaakt met 'big8 nieuw programma' uit '{programme.id}'. Werk de "
            "cijfers bij;\n# stel daarna de status op vastgesteld en vul de vaststelling in.\n")
    text = _dump(yaml, data)
    modeline = _modeline(text)
    if modeline:
        return os.path.join(project.root, folder, new_name), modeline + made + text[len(modeline):]
    return os.path.join(project.root, folder, new_name), made + text


def _modeline(text: str) -> str:
    """The yaml-language-server line an editor reads its schema from, if the file starts with one."""
    first = text.split("\n", 1)[0]
    return first + "\n" if first.startswith("# yaml-language-server:") else ""


def _as_written(value: float) -> str:
    """A number as it is typed in YAML (1500, 12.5): comments hold values an
    author may copy, and "1.500" would be read as one and a half."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _replace_year(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def _update_titles(value: Any, old: int, new: int) -> None:
    """Years in titles follow the programme ("Formatie 2023" -> "Formatie 2024")."""
    if isinstance(value, CommentedMap):
        for key in list(value):
            child = value[key]
            if key in ("titel", "citeertitel") and isinstance(child, str):
                value[key] = type(child)(_replace_year(child, old, new)) if type(child) is not str else \
                    _replace_year(child, old, new)
            else:
                _update_titles(child, old, new)
    elif isinstance(value, CommentedSeq):
        for item in value:
            _update_titles(item, old, new)


def _annotate_with_report(data: CommentedMap, report: Document, year: int) -> None:
    label = f"jaarverslag {report.data.get('peildatum', '')}".strip()
    realised = {item["urenregel"]: item for item in report.data.get("urenregels", [])}
    for table in data.get("urentabellen", []) or []:
        for line in _lines(table.get("regels") or []):
            item = realised.get(line.get("id"))
            if item and item.get("gerealiseerd") is not None and "uren" in line:
                note = f"{label}: gerealiseerd {_as_written(item['gerealiseerd'])} uur"
                if item.get("toelichting"):
                    note += f" ({one_line(item['toelichting'], 80)})"
                line.yaml_add_eol_comment(note, "uren")
    general = []
    for recommendation in report.data.get("aanbevelingen", []):
        text = f"aanbeveling uit het {label} ({recommendation['betreft']}): {one_line(recommendation['tekst'], 200)}"
        target = _recommendation_target(data, recommendation)
        if target is None:
            general.append(text)
        else:
            mapping, key = target
            mapping.yaml_set_comment_before_after_key(key, before=text, indent=_indent_of(mapping))
    if general and "urentabellen" in data:
        data.yaml_set_comment_before_after_key("urentabellen", before="\n".join(general))


def _recommendation_target(data: CommentedMap, recommendation: dict) -> tuple[CommentedMap, str] | None:
    """Where a recommendation belongs in the programme: beside its hours
    line, its goal's row, or its taakveld's first table."""
    if recommendation.get("urenregel"):
        for table in data.get("urentabellen", []) or []:
            for line in _lines(table.get("regels") or []):
                if line.get("id") == recommendation["urenregel"]:
                    return line, "product"
    if recommendation.get("doel"):
        for row in data.get("doelentabel", []) or []:
            if str(row.get("doel", "")).rpartition(":")[2] == str(recommendation["doel"]).rpartition(":")[2]:
                return row, "doel"
    if recommendation.get("taakveld"):
        for table in data.get("urentabellen", []) or []:
            if table.get("taakveld") == recommendation["taakveld"]:
                return table, "titel"
    return None


def _indent_of(mapping: CommentedMap) -> int:
    line = getattr(getattr(mapping, "lc", None), "col", None)
    return int(line) if isinstance(line, int) else 2


def _lines(lines: list) -> list:
    found = []
    for line in lines:
        if isinstance(line, CommentedMap):
            found.append(line)
            found += _lines(line.get("regels") or [])
    return found


# ---------------------------------------------------------------- new reports

PERIODS = ("voorjaar", "najaar", "eerste-kwartaal", "tweede-kwartaal", "derde-kwartaal", "vierde-kwartaal",
           "eerste-halfjaar", "tweede-halfjaar", "eerste-tertaal", "tweede-tertaal", "derde-tertaal")
_PEILDATUM = {"voorjaar": "05-31", "najaar": "09-30", "eerste-kwartaal": "03-31", "tweede-kwartaal": "06-30",
              "derde-kwartaal": "09-30", "vierde-kwartaal": "12-31", "eerste-halfjaar": "06-30",
              "tweede-halfjaar": "12-31", "eerste-tertaal": "04-30", "tweede-tertaal": "08-31",
              "derde-tertaal": "12-31"}


def new_report(project: Project, programme_id: str, kind: str, period: str | None = None) -> tuple[str, str]:
    """(path, text) of an empty monitoring report or jaarverslag of a
    programme: every hours line, indicator, focuspunt taken up, improvement
    point and row of the goals table to fill in, the plan as a comment."""
    from .views import ProgrammeView

    programme = project.programmes.get(programme_id)
    if programme is None:
        raise CannotCreate(f"onbekend uitvoeringsprogramma '{programme_id}'",
                           "kies uit: " + ", ".join(sorted(project.programmes)) if project.programmes else
                           "het project heeft nog geen uitvoeringsprogramma")
    if kind == "monitoring" and period not in PERIODS:
        raise CannotCreate(f"onbekende periode '{period}'", "kies uit: " + ", ".join(PERIODS))
    plan = ProgrammeView.of(project, programme)
    year = plan.year
    suffix = period if kind == "monitoring" else "jaarverslag"
    report_id = f"{programme.id}-{suffix}"
    if report_id in project.reports:
        raise CannotCreate(f"er is al een rapportage met id '{report_id}'", "vul die aan, of hernoem haar")
    name = {"monitoring": f"{dict(voorjaar='Voorjaarsrapportage', najaar='Najaarsrapportage').get(period or '', 'Monitoringsrapportage')}",
            "jaarverslag": "Jaarverslag"}[kind]
    peildatum = f"{year}-{_PEILDATUM[period or 'vierde-kwartaal']}" if kind == "monitoring" else f"{year}-12-31"
    with open(os.path.join(project.root, programme.file), encoding="utf-8") as source:
        modeline = _modeline(source.read(500))
    lines = [modeline.rstrip("\n")] if modeline else []
    lines += [f"# {name} {year} bij '{programme.data['titel']}', gemaakt met 'big8 nieuw {kind}'.",
             "# Vul bij elke regel de gerealiseerde cijfers in; het commentaar noemt wat gepland was. Een afwijking",
             "# van meer dan 10% krijgt een toelichting. Daarna: big8 check.",
             f"soort: {kind}",
             f"id: {report_id}",
             f"organisatie: {programme.organisation}",
             f"programma: {programme.id}",
             f"titel: {_quoted(f'{name} VTH {year}')}",
             "status: concept"]
    if kind == "monitoring":
        lines += ["periode:", f"  naam: {period}"]
    lines += [f"peildatum: {peildatum}", "urenregels:"]
    for line in plan.lines.values():
        planned = f"gepland: {_as_written(line.planned)} uur" if line.planned is not None else "geen uren gepland"
        if line.planned_count is not None:
            planned += f", {_as_written(line.planned_count)} stuks"
        lines += [f"  - urenregel: {line.id}  # {one_line(line.product, 60)}: {planned}",
                  "    gerealiseerd: null"]
        if line.planned_count is not None:
            lines.append("    gerealiseerd_aantal: null")
        if kind == "monitoring":
            lines.append("    prognose: null  # verwachte uren voor het hele jaar")
    if plan.indicators:
        lines.append("indicatoren:")
        for reference, row in plan.indicators.items():
            lines += [f"  - indicator: {reference}  # streefwaarde: {row.get('streefwaarde_tekst', 'zie het beleid')}",
                      "    waarde: null", "    meetdatum: null", "    bron: null"]
    if plan.focuspunten_taken_up:
        lines.append("focuspunten:")
        for reference, title in plan.focuspunten_taken_up.items():
            lines += [f"  - focuspunt: {reference}  # {one_line(title, 60)}", "    stand: op-schema"]
    if plan.improvement_points:
        lines.append("verbeterpunten:")
        for point_id, point in plan.improvement_points.items():
            lines += [f"  - verbeterpunt: {point_id}  # {one_line(point['tekst'], 60)}",
                      f"    status: {point.get('status', 'open')}"]
    if plan.goal_rows:
        lines.append("doelentabel:")
        for row_id, row in plan.goal_rows.items():
            lines += [f"  - rij: {row_id}  # doel {row['doel']}", "    stand: op-schema"]
    if kind == "jaarverslag":
        lines += ["conclusies: []  # wat leert dit jaar? (- id: c-1, tekst: ..., betreft: strategie)",
                  "aanbevelingen: []  # - id: a-1, tekst: ..., betreft: programma (of taakveld, doel, strategie)"]
    folder = os.path.dirname(programme.file)
    stem = os.path.splitext(os.path.basename(programme.file))[0]
    return os.path.join(project.root, folder, f"{stem}-{suffix}.yaml"), "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
