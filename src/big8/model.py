"""The in-memory model that flows through the stages.

A Document is one YAML file as plain Python data (dicts, lists, strings,
numbers, dates) plus a map from data path to source position. The schemas in
`schemas/` define what that data may contain; the code reads it by key.
The Project is the set of documents after linking, with indexes by id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Location

Path = tuple  # a data path such as ("doelen", "beleidsdoelen", 3, "indicatoren", 0)


def taakveld_key(item: dict, default: str = "") -> str:
    """The taakveld of a capacity or hours line: its `taakveld`, or its
    `taakvelden` joined with "+" for a line that covers several."""
    if item.get("taakvelden"):
        return "+".join(item["taakvelden"])
    return str(item.get("taakveld") or default)


@dataclass
class Document:
    file: str  # path as shown to the user, relative to the project root
    data: dict
    value_positions: dict[Path, tuple[int, int]]
    key_positions: dict[Path, tuple[int, int]]
    # Where a text's characters begin: (line, column, keeps its lines), for
    # literal blocks (`|`) and one-line texts.
    text_starts: dict[Path, tuple[int, int, bool]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.data.get("soort", ""))

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    @property
    def organisation(self) -> str:
        return str(self.data.get("organisatie", ""))

    def location(self, path: Path, key: bool = False) -> Location:
        """The position of the value (or key) at `path`, else its nearest ancestor."""
        positions = self.key_positions if key else self.value_positions
        probe = tuple(path)
        while probe:
            if probe in positions:
                line, column = positions[probe]
                return Location(self.file, line, column)
            if probe in self.value_positions:
                line, column = self.value_positions[probe]
                return Location(self.file, line, column)
            probe = probe[:-1]
        return Location(self.file, 1, 1)

    def text_location(self, path: Path, line: int, column: int) -> Location:
        """A place inside the text at `path`; `line` and `column` count from 0
        within the text. Exact for literal blocks (`|`) and one-line texts;
        otherwise (folded text) the start of the value."""
        start = self.text_starts.get(path)
        if start is None or (line and not start[2]):
            return self.location(path)
        return Location(self.file, start[0] + line, start[1] + column)

    def get(self, path: Path, default: Any = None) -> Any:
        value: Any = self.data
        for step in path:
            try:
                value = value[step]
            except (KeyError, IndexError, TypeError):
                return default
        return value


@dataclass
class Entity:
    """Something with an id that other parts may refer to."""

    id: str
    kind: str  # focuspunt, doel, indicator, urenregel, organisatie, ...
    document: Document
    path: Path
    data: dict
    parent: str = ""  # id of the enclosing entity (the doel of an indicator, ...)

    @property
    def location(self) -> Location:
        return self.document.location(self.path)


@dataclass
class DocumentIndex:
    """Entities of one document by kind and id."""

    document: Document
    entities: dict[str, dict[str, Entity]] = field(default_factory=dict)

    def add(self, entity: Entity) -> None:
        self.entities.setdefault(entity.kind, {})[entity.id] = entity

    def get(self, kind: str, entity_id: str) -> Entity | None:
        return self.entities.get(kind, {}).get(entity_id)

    def all(self, kind: str) -> list[Entity]:
        return list(self.entities.get(kind, {}).values())


@dataclass
class Project:
    root: str
    documents: list[Document]
    organisations: dict[str, Entity] = field(default_factory=dict)
    policies: dict[str, Document] = field(default_factory=dict)
    programmes: dict[str, Document] = field(default_factory=dict)
    reports: dict[str, Document] = field(default_factory=dict)  # monitoring and jaarverslag
    # A region's cooperation agendas (soort: samenwerkingsagenda) and a
    # service's self-evaluations (soort: zelfevaluatie).
    agendas: dict[str, Document] = field(default_factory=dict)
    evaluations: dict[str, Document] = field(default_factory=dict)
    indexes: dict[str, DocumentIndex] = field(default_factory=dict)  # by document id
    # The controlled vocabularies with their Dutch labels (schemas/vocabulaire.yaml),
    # so that messages name a taakveld as a reader knows it.
    vocabulary: dict[str, dict[str, str]] = field(default_factory=dict)
    # With `--organisatie`: the organisations whose documents are reported
    # and published (the one asked for and the regions it belongs to).
    scope: frozenset[str] | None = None

    def in_scope(self, document: Document) -> bool:
        return self.in_scope_organisation(document.organisation)

    def in_scope_organisation(self, organisation: str) -> bool:
        return self.scope is None or organisation in self.scope

    def label(self, vocabulary: str, value: str) -> str:
        """The Dutch label of a value; "milieu+bodem" reads "Milieu en Bodem"."""
        labels = self.vocabulary.get(vocabulary, {})
        parts = [labels.get(part, part) for part in str(value).split("+")]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]

    def organisation_name(self, organisation_id: str) -> str:
        entity = self.organisations.get(organisation_id)
        return str(entity.data.get("naam", organisation_id)) if entity else organisation_id

    def index(self, document: Document) -> DocumentIndex:
        return self.indexes[document.id]

    def policy_of(self, programme: Document) -> Document | None:
        return self.policies.get(str(programme.data.get("beleid", "")))

    def programme_of(self, report: Document) -> Document | None:
        return self.programmes.get(str(report.data.get("programma", "")))

    def reports_of(self, programme: Document) -> list[Document]:
        """The monitoring reports and jaarverslag of a programme, by peildatum."""
        found = [r for r in self.reports.values() if r.data.get("programma") == programme.id]
        return sorted(found, key=lambda r: (str(r.data.get("peildatum")), r.kind, r.id))


def values(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value of a document's data with its path, the data itself first."""
    yield path, data
    if isinstance(data, dict):
        for key, child in data.items():
            yield from values(child, path + (key,))
    elif isinstance(data, list):
        for number, child in enumerate(data):
            yield from values(child, path + (number,))


def strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text of a document's data with its path, items of lists included."""
    for where, value in values(data, path):
        if isinstance(value, str):
            yield where, value
