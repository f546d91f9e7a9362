"""Arithmetic on planned-hours tables, shared by checks and rendering."""

from __future__ import annotations


def stated_hours(line: dict) -> float | None:
    """The hours the document states for a line; for a parent line that
    states none, the sum of what its sub-lines state."""
    if "uren" in line:
        return line["uren"]
    values = [v for v in (stated_hours(child) for child in line.get("regels", [])) if v is not None]
    return sum(values) if values else None


def planned_hours(line: dict) -> float | None:
    """The hours actually planned in a line's activities: the sum of its
    leaves, so that a wrong subtotal does not hide or invent hours."""
    values = [v for v in (planned_hours(child) for child in line.get("regels", [])) if v is not None]
    if values:
        return sum(values)
    return line.get("uren")


def table_planned_hours(table: dict) -> float:
    return sum(v for v in (planned_hours(line) for line in table.get("regels", [])) if v is not None)


def counts_towards_balance(table: dict) -> bool:
    """A table that details one line of another table adds no hours of its own."""
    return "uitwerking_van" not in table
