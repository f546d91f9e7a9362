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

Input errors (codes B8-L.., B8-S.., B8-K..) are always errors: content that
cannot be read or linked cannot be checked or published.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ruamel.yaml import YAML

from .diagnostics import SEVERITIES, Diagnostic, Location, FOUT

CONFIG_FILE = "big8.yaml"
OFF = "uit"


@dataclass
class Config:
    root: str
    severities: dict[str, str] = field(default_factory=dict)
    per_organisation: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def schema_dir(self) -> str:
        return os.path.join(self.root, "schemas")

    @property
    def template_dir(self) -> str:
        return os.path.join(self.root, "templates")

    def severity(self, code: str, organisation: str, default: str) -> str:
        return self.per_organisation.get(organisation, {}).get(code) or self.severities.get(code) or default


def find_root(start: str) -> str:
    """The nearest folder upward holding schemas/ (the project root)."""
    folder = os.path.abspath(start)
    while True:
        if os.path.isdir(os.path.join(folder, "schemas")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.abspath(start)
        folder = parent


def load_config(root: str, known_codes: set[str]) -> tuple[Config, list[Diagnostic]]:
    config = Config(root)
    path = os.path.join(root, CONFIG_FILE)
    if not os.path.exists(path):
        return config, []
    problems: list[Diagnostic] = []
    try:
        with open(path, encoding="utf-8") as handle:
            data = YAML(typ="safe", pure=True).load(handle) or {}
    except Exception as error:  # any YAML or I/O problem in the settings file
        return config, [Diagnostic("B8-C01", FOUT, f"instellingenbestand kan niet worden gelezen: {error}",
                                   Location(CONFIG_FILE), "controleer de YAML-opbouw van big8.yaml")]
    if not isinstance(data, dict):
        return config, [Diagnostic("B8-C01", FOUT, "instellingenbestand moet sleutels bevatten",
                                   Location(CONFIG_FILE), "zie de README, sectie Instellingen")]
    config.severities = _read_rules(data.get("regels", {}), known_codes, problems)
    for organisation, settings in (data.get("organisaties") or {}).items():
        rules = (settings or {}).get("regels", {}) if isinstance(settings, dict) else {}
        config.per_organisation[str(organisation)] = _read_rules(rules, known_codes, problems)
    return config, problems


def _read_rules(rules, known_codes: set[str], problems: list[Diagnostic]) -> dict[str, str]:
    read: dict[str, str] = {}
    if not isinstance(rules, dict):
        problems.append(Diagnostic("B8-C01", FOUT, "'regels' moet codes met een ernst bevatten",
                                   Location(CONFIG_FILE), "bijvoorbeeld 'B8-011: fout'"))
        return read
    for code, severity in rules.items():
        code, severity = str(code), str(severity)
        if code not in known_codes:
            problems.append(Diagnostic("B8-C02", FOUT, f"onbekende regel '{code}' in big8.yaml",
                                       Location(CONFIG_FILE), "de regels staan in de README, sectie Controles"))
        elif severity not in SEVERITIES + (OFF,):
            problems.append(Diagnostic("B8-C03", FOUT, f"onbekende ernst '{severity}' voor {code}",
                                       Location(CONFIG_FILE), "kies uit fout, waarschuwing, info, uit"))
        else:
            read[code] = severity
    return read
