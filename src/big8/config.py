"""Project settings: where the project lives and how severe each rule is.

`big8.yaml` at the project root may set the severity of a consistency rule
for everyone, or per organisation:

    regels:
      B8-011: fout          # a capacity deficit fails the build
    organisaties:
      losser:
        regels:
          B8-011: waarschuwing
          B8-040: uit        # silence a rule

The file is read like content (the same loader, so duplicate keys, tabs and
alias bombs are refused) and validated key by key: an unknown key, rule,
severity or organisation is a located error with a suggestion, never
silently ignored. Input errors (codes B8-L.., B8-S.., B8-K.., B8-T..) are
always errors: content that cannot be read or linked cannot be checked or
published.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import FOUT, SEVERITIES, Diagnostic, Location, suggest
from .load import parse_text, read_source
from .model import Document
from .resources import Resources

CONFIG_FILE = "big8.yaml"
OFF = "uit"
ROOT_MARKERS = (CONFIG_FILE, "policy", "programmes", "schemas")

# The keys big8.yaml may hold, at the top and per organisation.
TOP_KEYS = ("regels", "organisaties", "drempels", "ibt")
ORGANISATION_KEYS = ("regels", "drempels", "ibt")
# Thresholds of the rules, with their defaults; big8.yaml may set them
# for everyone or per organisation:
#   drempels:
#     afwijking_procent: 10   # a deviation from the plan above this needs a toelichting
THRESHOLDS = {"afwijking_procent": 10.0}
# What the province expects (checks/ibt.py), for everyone or per organisation:
#   ibt:
#     uitvoeringsprogramma_uiterlijk: "03-01"  # adopted by 1 March of its year (default: before the year)
#     jaarverslag_uiterlijk: "07-01"           # adopted by 1 July of the next year (default: not checked)
#     beleid_actueel_jaren: 4                  # a policy older than this is not current
IBT_SETTINGS = ("uitvoeringsprogramma_uiterlijk", "jaarverslag_uiterlijk", "beleid_actueel_jaren")


@dataclass
class Config:
    root: str
    severities: dict[str, str] = field(default_factory=dict)
    per_organisation: dict[str, dict[str, str]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(THRESHOLDS))
    thresholds_per_organisation: dict[str, dict[str, float]] = field(default_factory=dict)
    ibt: dict[str, object] = field(default_factory=dict)
    ibt_per_organisation: dict[str, dict[str, object]] = field(default_factory=dict)
    # Where each organisation key of big8.yaml was written, to report an
    # unknown organisation once the content is linked.
    organisation_locations: dict[str, Location] = field(default_factory=dict)

    @property
    def resources(self) -> Resources:
        return Resources(self.root)

    def severity(self, code: str, organisation: str, default: str) -> str:
        return self.per_organisation.get(organisation, {}).get(code) or self.severities.get(code) or default

    def threshold(self, name: str, organisation: str) -> float:
        return self.thresholds_per_organisation.get(organisation, {}).get(name, self.thresholds[name])

    def ibt_settings(self, organisation: str) -> dict[str, object]:
        return {**self.ibt, **self.ibt_per_organisation.get(organisation, {})}


def find_root(start: str) -> str:
    """The nearest folder upward that looks like a project (big8.yaml,
    policy/, programmes/ or schemas/); else the folder itself."""
    folder = os.path.abspath(start)
    while True:
        if any(os.path.exists(os.path.join(folder, marker)) for marker in ROOT_MARKERS):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.abspath(start)
        folder = parent


def load_config(root: str, known_codes: set[str]) -> tuple[Config, list[Diagnostic]]:
    config = Config(root)
    path = os.path.join(root, CONFIG_FILE)
    if not os.path.lexists(path):
        return config, []
    raw, problem = read_source(path, CONFIG_FILE)
    if problem is not None:
        return config, [problem]
    assert raw is not None
    document, problems = parse_text(raw, CONFIG_FILE)
    if document is None:
        if all(p.code == "B8-L05" for p in problems):
            return config, []  # only comments: no settings, every default applies
        return config, [_as_config_problem(p) for p in problems]
    reader = _Reader(document, known_codes)
    config.severities = reader.rules(("regels",))
    config.thresholds.update(reader.thresholds(("drempels",)))
    config.ibt = reader.ibt(("ibt",))
    for organisation, settings in reader.mapping(("organisaties",)).items():
        base = ("organisaties", organisation)
        config.organisation_locations[str(organisation)] = document.location(base, key=True)
        if not isinstance(settings, dict):
            reader.problem(base, "B8-C01", f"'{organisation}' moet een groep sleutels zijn",
                           "bijvoorbeeld:\n      regels:\n        B8-011: waarschuwing")
            continue
        reader.unknown_keys(base, settings, ORGANISATION_KEYS)
        config.per_organisation[str(organisation)] = reader.rules(base + ("regels",))
        config.thresholds_per_organisation[str(organisation)] = reader.thresholds(base + ("drempels",))
        config.ibt_per_organisation[str(organisation)] = reader.ibt(base + ("ibt",))
    reader.unknown_keys((), document.data, TOP_KEYS)
    return config, reader.problems


def _is_day_of_year(value: object) -> bool:
    import datetime

    if not isinstance(value, str) or len(value) != 5 or value[2] != "-":
        return False
    try:
        datetime.date(2024, int(value[:2]), int(value[3:]))  # a leap year: 02-29 is a day
    except ValueError:
        return False
    return True


def check_organisations(config: Config, known: set[str]) -> list[Diagnostic]:
    """An organisation in big8.yaml that the content does not define (a
    misspelt id would silently leave its rules unapplied)."""
    return [Diagnostic("B8-C05", FOUT, f"onbekende organisatie '{name}' in big8.yaml", location,
                       suggest(name, known, "bekende organisaties:"))
            for name, location in sorted(config.organisation_locations.items()) if name not in known]


def _as_config_problem(problem: Diagnostic) -> Diagnostic:
    return Diagnostic(problem.code, FOUT, f"instellingenbestand: {problem.message}", problem.location, problem.hint)


class _Reader:
    def __init__(self, document: Document, known_codes: set[str]):
        self.document = document
        self.known_codes = known_codes
        self.problems: list[Diagnostic] = []

    def problem(self, path: tuple, code: str, message: str, hint: str, key: bool = False) -> None:
        self.problems.append(Diagnostic(code, FOUT, message, self.document.location(path, key=key), hint))

    def mapping(self, path: tuple) -> dict:
        value = self.document.get(path)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(path, "B8-C01", f"'{path[-1]}' moet een groep sleutels zijn, maar is {_kind(value)}",
                         "zie de README, sectie Controles, voor een voorbeeld")
            return {}
        return value

    def unknown_keys(self, path: tuple, data: dict, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.problem(path + (key,), "B8-C04", f"onbekende sleutel '{key}' in big8.yaml",
                             suggest(str(key), allowed, "toegestaan hier:"), key=True)

    def thresholds(self, path: tuple) -> dict[str, float]:
        read: dict[str, float] = {}
        for name, value in self.mapping(path).items():
            if name not in THRESHOLDS:
                self.problem(path + (name,), "B8-C04", f"onbekende drempel '{name}' in big8.yaml",
                             suggest(str(name), THRESHOLDS, "bekende drempels:"), key=True)
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1000:
                self.problem(path + (name,), "B8-C01", f"drempel '{name}' moet een getal van 0 tot 1000 zijn",
                             f"bijvoorbeeld '{name}: 10'")
            else:
                read[str(name)] = float(value)
        return read

    def ibt(self, path: tuple) -> dict[str, object]:
        read: dict[str, object] = {}
        for name, value in self.mapping(path).items():
            where = path + (name,)
            if name not in IBT_SETTINGS:
                self.problem(where, "B8-C04", f"onbekende instelling '{name}' onder ibt in big8.yaml",
                             suggest(str(name), IBT_SETTINGS, "bekende instellingen:"), key=True)
            elif name == "beleid_actueel_jaren":
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
                    self.problem(where, "B8-C01", "'beleid_actueel_jaren' moet een geheel getal van 1 tot 20 zijn",
                                 "bijvoorbeeld 'beleid_actueel_jaren: 4'")
                else:
                    read[str(name)] = value
            elif not _is_day_of_year(value):
                self.problem(where, "B8-C01", f"'{name}' moet een dag van het jaar zijn als \"MM-DD\"",
                             f"bijvoorbeeld '{name}: \"03-01\"' voor 1 maart")
            else:
                read[str(name)] = value
        return read

    def rules(self, path: tuple) -> dict[str, str]:
        read: dict[str, str] = {}
        for code, severity in self.mapping(path).items():
            where = path + (code,)
            code = str(code)
            if code not in self.known_codes:
                self.problem(where, "B8-C02", f"onbekende regel '{code}' in big8.yaml",
                             suggest(code, self.known_codes, "de regels staan in de README, sectie Controles;")
                             if code.upper().startswith("B8-") else "een regel heet B8- met drie cijfers, "
                             "zoals B8-011; zie 'big8 regels'", key=True)
            elif not isinstance(severity, str) or severity not in SEVERITIES + (OFF,):
                self.problem(where, "B8-C03", f"onbekende ernst '{severity}' voor {code}",
                             suggest(str(severity), SEVERITIES + (OFF,), "kies uit"))
            else:
                read[code] = severity
        return read


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "een getal"
    return "tekst"
