"""Stage 4, check: consistency rules between beleid and uitvoeringsprogramma.

Each family of rules lives in its own module. `check()` runs them all on a
linked Project, applies the severities from big8.yaml, and returns the
findings plus a report (capacity balance, totals, inspection profiles,
traceability matrix) that the render stage publishes.
"""

from __future__ import annotations

from ..config import OFF, Config
from ..diagnostics import Diagnostic
from ..model import Project
from .agenda import check_agendas
from .capacity import check_capacity
from .cycle import check_cycle
from .goals import check_goals
from .ibt import check_ibt
from .inspections import check_inspections
from .region import check_region
from .reports import check_reports
from .rules import RULES, Rule, known_codes
from .totals import check_totals
from .traceability import check_traceability

__all__ = ["check", "RULES", "Rule", "known_codes"]


def check(project: Project, config: Config) -> tuple[list[Diagnostic], dict]:
    report: dict = {}
    findings: list[Diagnostic] = []
    findings += check_cycle(project)
    findings += check_goals(project)
    findings += check_capacity(project, report)
    findings += check_totals(project, report)
    findings += check_inspections(project, report)
    findings += check_traceability(project, report)
    findings += check_reports(project, report, config)
    findings += check_region(project, report)
    findings += check_agendas(project)
    findings += check_ibt(project, report, config.ibt_settings)
    return _apply_severities(findings, config), report


def _apply_severities(findings: list[Diagnostic], config: Config) -> list[Diagnostic]:
    applied = []
    for finding in findings:
        severity = config.severity(finding.code, finding.organisation, finding.severity)
        if severity != OFF:
            applied.append(finding.with_severity(severity))
    return applied
