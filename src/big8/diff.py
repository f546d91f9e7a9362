"""`big8 verschil`: what changed between two versions, by meaning, not by line.

`git diff` shows `streefwaarde: [-30-]{+25+}`; a college wants to read
"Vergunningen worden tijdig verleend: streefwaarde minstens 95% -> minstens
90%". This module compares two versions of every document (matched by id):
focuspunten, goals and indicators added, removed or reworded; targets
changed; capacity and planned hours per taakveld with the difference;
strategies and status changed. Git is read through the `git` command itself:
it is there wherever a repository is, needs no extra library, and reads
exactly what the author's own git sees (GitPython would call the same
command; dulwich reimplements git and is slower on large histories).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from typing import Any

from . import dutch
from .checks.capacity import capacity_balance
from .checks.goals import targets
from .checks.hours import table_planned_hours
from .link import index_policy
from .load import SOURCE_DIRS, YAML_SUFFIXES, parse_text, read_source
from .model import Document, taakveld_key
from .resources import Resources
from .validate import load_schemas

WORKING_TREE = None  # a revision of None means the files as they are now


class GitProblem(Exception):
    """git could not give what was asked (not a repository, unknown revision)."""


@dataclass
class Change:
    document: str  # title of the document
    what: str  # "doel", "streefwaarde", "capaciteit", ...
    text: str  # one Dutch sentence


@dataclass
class Comparison:
    old: str  # revision names as shown
    new: str
    changes: list[Change] = field(default_factory=list)


# ---------------------------------------------------------------- reading


def read_version(root: str, revision: str | None, paths: list[str] | None = None) -> dict[str, Document]:
    """The documents of one version (by id): a git revision, or the working tree."""
    folders = paths or list(SOURCE_DIRS)
    documents: dict[str, Document] = {}
    for name, raw in _files(root, revision, folders):
        document, _ = parse_text(raw, name)
        if document is not None and document.id and isinstance(document.data, dict):
            documents[document.id] = document
    return documents


def _files(root: str, revision: str | None, folders: list[str]) -> list[tuple[str, bytes]]:
    if revision is WORKING_TREE:
        found = []
        for folder in folders:
            base = os.path.join(root, folder)
            candidates = [base] if os.path.isfile(base) else [
                os.path.join(current, name) for current, _, names in os.walk(base) for name in names]
            for path in sorted(candidates):
                if path.endswith(YAML_SUFFIXES):
                    raw, problem = read_source(path, path)
                    if raw is not None and problem is None:
                        found.append((os.path.relpath(path, root).replace(os.sep, "/"), raw))
        return found
    listing = _git(root, "ls-tree", "-r", "--name-only", revision, "--", *folders).decode("utf-8").splitlines()
    return [(name, _git(root, "show", f"{revision}:{name}")) for name in sorted(listing)
            if name.endswith(YAML_SUFFIXES)]


def _git(root: str, *arguments: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", root, *arguments], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitProblem(f"git kon niet worden uitgevoerd: {error}") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitProblem(message[0] if message else f"git {' '.join(arguments)} mislukte")
    return done.stdout


def revision_name(root: str, revision: str | None) -> str:
    if revision is WORKING_TREE:
        return "werkmap"
    short = _git(root, "rev-parse", "--short", revision).decode().strip()
    return f"{revision} ({short})" if short != revision else revision


# ---------------------------------------------------------------- comparing


def compare(root: str, old_revision: str | None = "HEAD", new_revision: str | None = WORKING_TREE,
            paths: list[str] | None = None) -> Comparison:
    old, new = read_version(root, old_revision, paths), read_version(root, new_revision, paths)
    schemas = load_schemas(Resources(root))
    comparison = Comparison(revision_name(root, old_revision), revision_name(root, new_revision))
    for document_id in sorted(set(old) | set(new)):
        before, after = old.get(document_id), new.get(document_id)
        title = _title(after or before)
        if before is None:
            comparison.changes.append(Change(title, "document", f"nieuw document ({_kind(after)})"))
            continue
        if after is None:
            comparison.changes.append(Change(title, "document", f"document verwijderd ({_kind(before)})"))
            continue
        comparison.changes += _compare_document(title, before, after, schemas.label)
    return comparison


def _title(document: Document | None) -> str:
    return str(document.data.get("titel") or document.id) if document else ""


def _kind(document: Document | None) -> str:
    return str(document.data.get("soort", "")) if document else ""


def _compare_document(title: str, before: Document, after: Document, label) -> list[Change]:
    changes: list[Change] = []
    old, new = before.data, after.data
    for key, what in (("titel", "titel"), ("status", "status")):
        if old.get(key) != new.get(key):
            changes.append(Change(title, what, f"{what}: {_shown(old.get(key))} → {_shown(new.get(key))}"))
    if _period(old) != _period(new):
        changes.append(Change(title, "periode", f"periode: {_period(old)} → {_period(new)}"))
    if (old.get("vaststelling") or {}).get("datum") != (new.get("vaststelling") or {}).get("datum"):
        changes.append(Change(title, "vaststelling",
                              f"vaststellingsdatum: {_shown((old.get('vaststelling') or {}).get('datum'))} → "
                              f"{_shown((new.get('vaststelling') or {}).get('datum'))}"))
    if after.kind == "beleid":
        changes += _compare_policy(title, before, after)
    elif after.kind == "uitvoeringsprogramma":
        changes += _compare_programme(title, old, new, label)
    return changes


def _compare_policy(title: str, before: Document, after: Document) -> list[Change]:
    changes: list[Change] = []
    old_index, new_index = index_policy(before), index_policy(after)
    for kind, noun in (("focuspunt", "focuspunt"), ("doel", "doel"), ("indicator", "indicator")):
        old_items = {e.id: e for e in old_index.all(kind)}
        new_items = {e.id: e for e in new_index.all(kind)}
        for entity_id in sorted(set(old_items) | set(new_items)):
            was, now = old_items.get(entity_id), new_items.get(entity_id)
            if was is None and now is not None:
                changes.append(Change(title, noun, f"{noun} toegevoegd: {_name(now.data)}"))
            elif now is None and was is not None:
                changes.append(Change(title, noun, f"{noun} verwijderd: {_name(was.data)}"))
            elif was is not None and now is not None:
                changes += _compare_entity(title, noun, was.data, now.data, new_items, new_index)
    old_strategies = before.data.get("strategieen") or {}
    new_strategies = after.data.get("strategieen") or {}
    for strategy in sorted(set(old_strategies) | set(new_strategies)):
        was, now = old_strategies.get(strategy), new_strategies.get(strategy)
        if was != now and isinstance(was or now, (dict, list)):
            verb = "toegevoegd" if was is None else "verwijderd" if now is None else "gewijzigd"
            changes.append(Change(title, "strategie", f"{_STRATEGIES.get(strategy, strategy)} {verb}"))
    return changes


def _compare_entity(title: str, noun: str, was: dict, now: dict, items: dict, index) -> list[Change]:
    changes = []
    for key in ("tekst", "titel", "thema", "omschrijving", "probleem"):
        if key in was and key in now and _words(was[key]) != _words(now[key]):
            changes.append(Change(title, noun, f"{noun} anders geformuleerd: '{dutch.one_line(was[key], 80)}' → "
                                               f"'{dutch.one_line(now[key], 80)}'"))
    if noun == "indicator":
        old_targets, new_targets = _targets_shown(was), _targets_shown(now)
        if old_targets != new_targets:
            goal = _goal_of(index, now)
            changes.append(Change(title, "streefwaarde",
                                  f"{goal}: streefwaarde van '{dutch.one_line(now.get('omschrijving', ''), 80)}' "
                                  f"{old_targets or '(geen)'} → {new_targets or '(geen)'}"))
    return changes


_STRATEGIES = {"preventie": "preventiestrategie", "bestemmen": "strategie bestemmen",
               "vergunningen": "vergunningenstrategie", "toezicht": "toezichtstrategie", "sanctie": "sanctiestrategie",
               "gedogen": "afwegingskader gedogen", "overig": "overige strategieën"}


def _targets_shown(indicator: dict) -> str:
    parts = []
    for target in targets(indicator):
        if target["tekst"]:
            text = str(target["tekst"])
        elif target["waarde"] is not None:
            direction = {"minimaal": "minstens ", "maximaal": "hoogstens ", "kleiner-dan": "minder dan ",
                         "groter-dan": "meer dan "}.get(str(target["richting"]), "")
            unit = "%" if target["eenheid"] == "procent" else f" {target['eenheid']}" if target["eenheid"] else ""
            text = f"{direction}{_shown(target['waarde'])}{unit}"
        else:
            continue
        parts.append((f"{target['jaar']}: " if target["jaar"] else "") + dutch.one_line(text, 60))
    return "; ".join(parts)


def _goal_of(index, indicator: dict) -> str:
    for entity in index.all("indicator"):
        if entity.data is indicator:
            goal = index.get("doel", entity.parent)
            if goal is not None:
                return f"doel '{dutch.one_line(goal.data.get('tekst') or goal.data.get('thema', ''), 80)}'"
    return "indicator"


def _compare_programme(title: str, old: dict, new: dict, label) -> list[Change]:
    changes: list[Change] = []
    old_balance = {(r["discipline"], r["taakveld"]): r for r in capacity_balance(_document(old))}
    new_balance = {(r["discipline"], r["taakveld"]): r for r in capacity_balance(_document(new))}
    for key in sorted(set(old_balance) | set(new_balance)):
        was, now = old_balance.get(key), new_balance.get(key)
        where = f"{label('disciplines', key[0])} / {_taakveld(label, key[1])}"
        old_fte, new_fte = (was or {}).get("fte"), (now or {}).get("fte")
        if old_fte != new_fte:
            changes.append(Change(title, "capaciteit", f"formatie {where}: {_fte(old_fte)} → {_fte(new_fte)}"
                                  + _difference(old_fte, new_fte, "fte")))
        old_hours, new_hours = (was or {}).get("beschikbaar"), (now or {}).get("beschikbaar")
        if old_hours != new_hours and old_fte == new_fte:
            changes.append(Change(title, "capaciteit", f"beschikbare uren {where}: {_hours(old_hours)} → "
                                                       f"{_hours(new_hours)}" + _difference(old_hours, new_hours)))
    for key, (planned_before, planned_after) in sorted(_planned(old, new).items()):
        if planned_before != planned_after:
            where = f"{label('disciplines', key[0])} / {_taakveld(label, key[1])}"
            changes.append(Change(title, "uren", f"geplande uren {where}: {_hours(planned_before)} → "
                                                 f"{_hours(planned_after)}" + _difference(planned_before, planned_after)))
    old_lines, new_lines = _lines(old), _lines(new)
    for line_id in sorted(set(old_lines) | set(new_lines)):
        was, now = old_lines.get(line_id), new_lines.get(line_id)
        if was and now and was.get("uren") != now.get("uren"):
            changes.append(Change(title, "urenregel", f"urenregel '{dutch.one_line(now['product'], 80)}': "
                                                      f"{_hours(was.get('uren'))} → {_hours(now.get('uren'))}"
                                  + _difference(was.get("uren"), now.get("uren"))))
        elif was is None and now is not None:
            changes.append(Change(title, "urenregel", f"urenregel toegevoegd: '{dutch.one_line(now['product'], 80)}' "
                                                      f"({_hours(now.get('uren'))})"))
        elif now is None and was is not None:
            changes.append(Change(title, "urenregel", f"urenregel verwijderd: '{dutch.one_line(was['product'], 80)}' "
                                                      f"({_hours(was.get('uren'))})"))
    old_focus = {f.get("focuspunt"): f.get("status") for f in old.get("focuspunten") or []}
    new_focus = {f.get("focuspunt"): f.get("status") for f in new.get("focuspunten") or []}
    for focuspunt in sorted(set(old_focus) | set(new_focus)):
        if old_focus.get(focuspunt) != new_focus.get(focuspunt):
            changes.append(Change(title, "focuspunt", f"focuspunt '{focuspunt}': {_shown(old_focus.get(focuspunt))} "
                                                      f"→ {_shown(new_focus.get(focuspunt))}"))
    return changes


def _document(data: dict) -> Document:
    return Document("", data, {}, {})


def _planned(old: dict, new: dict) -> dict[tuple, tuple[float, float]]:
    def per_taakveld(data: dict) -> dict[tuple, float]:
        totals: dict[tuple, float] = {}
        for table in data.get("urentabellen") or []:
            key = (table.get("discipline", ""), taakveld_key(table))
            totals[key] = totals.get(key, 0.0) + table_planned_hours(table)
        return totals

    was, now = per_taakveld(old), per_taakveld(new)
    return {key: (was.get(key, 0.0), now.get(key, 0.0)) for key in set(was) | set(now)}


def _lines(data: dict) -> dict[str, dict]:
    found: dict[str, dict] = {}

    def walk(lines: list) -> None:
        for line in lines or []:
            if isinstance(line, dict) and "id" in line:
                if not line.get("regels"):
                    found[line["id"]] = line
                walk(line.get("regels") or [])

    for table in data.get("urentabellen") or []:
        walk(table.get("regels") or [])
    return found


def _taakveld(label, key: str) -> str:
    parts = [label("taakvelden", part) for part in key.split("+")]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _difference(was: Any, now: Any, unit: str = "uur") -> str:
    if not isinstance(was, (int, float)) or not isinstance(now, (int, float)):
        return ""
    delta = now - was
    return f" ({'+' if delta > 0 else '-'}{dutch.number(round(abs(delta), 2))} {unit})" if delta else ""


def _hours(value: Any) -> str:
    return dutch.hours(value) if isinstance(value, (int, float)) else "(geen)"


def _fte(value: Any) -> str:
    return f"{dutch.number(value)} fte" if isinstance(value, (int, float)) else "(geen)"


def _period(data: dict) -> str:
    period = data.get("periode") or {}
    return f"{period.get('van', '?')}-{period.get('tot') or ''}".rstrip("-")


def _name(data: dict) -> str:
    return "'" + dutch.one_line(data.get("titel") or data.get("tekst") or data.get("thema") or data.get("omschrijving")
                        or data.get("id", ""), 80) + "'"


def _words(text: Any) -> str:
    return " ".join(str(text).split())


def _shown(value: Any) -> str:
    if value is None:
        return "(geen)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        return dutch.number(value)
    return str(value)


# ---------------------------------------------------------------- output


def as_text(comparison: Comparison) -> str:
    if not comparison.changes:
        return f"Geen inhoudelijke wijzigingen tussen {comparison.old} en {comparison.new}."
    lines = [f"Wijzigingen van {comparison.old} naar {comparison.new}:"]
    current = None
    for change in comparison.changes:
        if change.document != current:
            current = change.document
            lines += ["", current]
        lines.append(f"  - {change.text}")
    return "\n".join(lines)


def as_markdown(comparison: Comparison) -> str:
    from .render import plain

    lines = ["# Wijzigingsoverzicht", "",
             f"Inhoudelijke wijzigingen van {plain(comparison.old)} naar {plain(comparison.new)}: doelen, "
             "indicatoren en focuspunten, streefwaarden, capaciteit en geplande uren per taakveld, strategieën en "
             "status.", ""]
    if not comparison.changes:
        return "\n".join(lines + ["Er zijn geen inhoudelijke wijzigingen.", ""])
    current = None
    for change in comparison.changes:
        if change.document != current:
            current = change.document
            lines += ["", f"## {plain(current)}", ""]
        lines.append(f"- {plain(change.text)}")
    return "\n".join(lines) + "\n"


def write_document(comparison: Comparison, kind: str, target: str, root: str) -> None:
    """The overview as a Word or PDF file that a college proposal can attach."""
    import datetime
    import tempfile

    from .outputs import DocumentMeta

    resources = Resources(root)
    meta = DocumentMeta(slug="wijzigingsoverzicht", soort="wijzigingsoverzicht", titel="Wijzigingsoverzicht",
                        organisatie=_organisation_name(root), periode=f"{comparison.old} → {comparison.new}",
                        status="vastgesteld")
    date = datetime.date.today()
    with tempfile.TemporaryDirectory(prefix="big8-verschil-") as folder:
        markdown = as_markdown(comparison)
        if kind == "word":
            from .outputs.docx import write_docx

            write_docx(markdown, meta, folder, target, resources.template_file("word/reference.docx"), date)
        else:
            from .outputs.pdf import write_pdf

            write_pdf(markdown, meta, folder, target, resources.template_file("pdf/big8.typ"), date)


def _organisation_name(root: str) -> str:
    documents = read_version(root, WORKING_TREE)
    names = sorted({str(o.get("naam")) for d in documents.values() if d.kind == "organisaties"
                    for o in d.data.get("organisaties", [])[:1] if isinstance(o, dict)})
    return names[0] if len(names) == 1 else ""
