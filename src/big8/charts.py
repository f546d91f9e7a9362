"""Charts and diagrams as SVG, drawn by big8 itself.

Hand-written SVG keeps the build deterministic (no timestamps, no random
ids, no fonts fetched at run time) and accessible: every figure has a
<title> and <desc>, and the same numbers always appear in a table next to it.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from . import dutch
from .risk import RISK_CLASSES, risk_class

FONT = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\""
TEXT_COLOUR = "#1f2937"
AVAILABLE_COLOUR = "#1d4ed8"
PLANNED_COLOUR = "#b45309"
# Background per risk class (1-5) with text colour giving >= 4.5:1 contrast.
RISK_COLOURS = {1: ("#d1fae5", "#064e3b"), 2: ("#ecfccb", "#365314"), 3: ("#fef3c7", "#78350f"),
                4: ("#fed7aa", "#7c2d12"), 5: ("#fecaca", "#7f1d1d")}


def _svg(width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="titel beschrijving">\n'
            f'<title id="titel">{escape(title)}</title>\n<desc id="beschrijving">{escape(description)}</desc>\n'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n")


def _text(x: float, y: float, content: str, size: int = 12, anchor: str = "start", weight: str = "normal",
          colour: str = TEXT_COLOUR) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{colour}">{escape(content)}</text>')


def capacity_chart(rows: list[dict], title: str) -> str:
    """Horizontal bars per row: available hours against planned hours.
    Each row: {"label": str, "beschikbaar": float, "gepland": float}.
    Sized to be read at A4 width: labels wrap instead of being cut."""
    label_width, bar_width, row_height = 250, 380, 58
    width = label_width + bar_width + 140
    title_lines = _wrap(title, 70)
    top_of_rows = 48 + 22 * len(title_lines)
    height = top_of_rows + row_height * len(rows) + 16
    largest = max([max(r["beschikbaar"] or 0, r["gepland"] or 0) for r in rows] + [1])
    body = [_text(10, 24 + 22 * n, line, 17, weight="bold") for n, line in enumerate(title_lines)]
    legend = top_of_rows - 26
    body.append(f'<rect x="{label_width}" y="{legend}" width="14" height="14" fill="{AVAILABLE_COLOUR}"/>')
    body.append(_text(label_width + 20, legend + 12, "beschikbaar (formatie)", 14))
    body.append(f'<rect x="{label_width + 200}" y="{legend}" width="14" height="14" fill="{PLANNED_COLOUR}"/>')
    body.append(_text(label_width + 220, legend + 12, "gepland", 14))
    description = []
    for number, row in enumerate(rows):
        top = top_of_rows + number * row_height
        for line_number, part in enumerate(_wrap(row["label"], 26)[:3]):
            body.append(_text(10, top + 18 + line_number * 17, part, 14))
        for offset, key, colour in ((0, "beschikbaar", AVAILABLE_COLOUR), (22, "gepland", PLANNED_COLOUR)):
            value = row[key] or 0
            length = bar_width * value / largest
            body.append(f'<rect x="{label_width}" y="{top + offset + 4}" width="{length:.1f}" height="18" '
                        f'fill="{colour}"/>')
            body.append(_text(label_width + length + 6, top + offset + 18, dutch.hours(value), 14))
        description.append(f"{row['label']}: beschikbaar {dutch.hours(row['beschikbaar'] or 0)}, "
                           f"gepland {dutch.hours(row['gepland'] or 0)}")
    return _svg(width, height, title, "; ".join(description) + ".", body)


def risk_matrix(counts: dict[tuple[int, int], int], title: str) -> str:
    """A 5x5 grid, kans (rows, 5 at the top) by effect (columns), each cell
    coloured and labelled with its risk class and, if given, a count."""
    cell, left, top = 96, 110, 60
    width, height = left + cell * 5 + 20, top + cell * 5 + 60
    body = [_text(10, 22, title, 14, weight="bold"),
            _text(left + cell * 2.5, height - 12, "Effect →", 12, "middle", "bold"),
            f'<g transform="translate(22 {top + cell * 2.5}) rotate(-90)">{_text(0, 0, "Kans →", 12, "middle", "bold")}</g>']
    for effect in range(1, 6):
        body.append(_text(left + (effect - 0.5) * cell, top + cell * 5 + 18, str(effect), 12, "middle"))
    for kans in range(1, 6):
        y = top + (5 - kans) * cell
        body.append(_text(left - 12, y + cell / 2 + 4, str(kans), 12, "end"))
        for effect in range(1, 6):
            x = left + (effect - 1) * cell
            number, label = risk_class(kans, effect)
            fill, ink = RISK_COLOURS[number]
            body.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" stroke="#ffffff" '
                        f'stroke-width="2"/>')
            body.append(_text(x + cell / 2, y + 22, str(kans * effect), 13, "middle", "bold", ink))
            for line_number, part in enumerate(_wrap(label, 14)):
                body.append(_text(x + cell / 2, y + 44 + line_number * 14, part, 10, "middle", colour=ink))
            if counts.get((kans, effect)):
                body.append(_text(x + cell / 2, y + cell - 10, f"{counts[(kans, effect)]}×", 12, "middle", "bold", ink))
    classes = ", ".join(f"score tot en met {high}: {label}" for high, _, label in RISK_CLASSES)
    total = sum(counts.values())
    description = f"Risicomatrix kans maal effect op een vijfpuntsschaal; {classes}."
    if total:
        description += f" {total} activiteiten ingedeeld."
    return _svg(width, height, title, description, body)


def goal_tree(nodes: list[dict], title: str) -> str:
    """An indented tree: each node {"niveau": 0-3, "soort": str, "tekst": str},
    in depth-first order (algemeen doel, hoofddoel, beleidsdoel, indicator).
    Every text is shown whole, wrapped over as many lines as it needs, at a
    size that stays readable when the figure is printed at A4 width."""
    line_height, indent, size, gap = 19, 30, 15, 9
    width = 980
    title_lines = _wrap(title, 80)
    colours = {0: "#1e3a8a", 1: "#1d4ed8", 2: "#0f766e", 3: "#6b21a8"}
    body = [_text(10, 24 + 22 * n, line, 18, weight="bold") for n, line in enumerate(title_lines)]
    y = 30 + 22 * len(title_lines)
    last_at_level: dict[int, float] = {}
    for node in nodes:
        level = node["niveau"]
        x = 14 + level * indent
        # About 0.55 em per character at this size.
        lines = _wrap(f"{node['soort']}: {node['tekst']}", int((width - x - 40) / (size * 0.55)))
        if level and (level - 1) in last_at_level:
            parent_y = last_at_level[level - 1]
            body.append(f'<path d="M {x - indent + 7} {parent_y + 13} V {y + 7} H {x}" fill="none" '
                        f'stroke="#9ca3af" stroke-width="1.5"/>')
        body.append(f'<rect x="{x}" y="{y}" width="13" height="13" rx="2" fill="{colours.get(level, "#374151")}"/>')
        for number, line in enumerate(lines):
            body.append(_text(x + 20, y + 12 + number * line_height, line, size))
        last_at_level[level] = y
        for deeper in [k for k in last_at_level if k > level]:
            del last_at_level[deeper]
        y += line_height * len(lines) + gap
    description = "Doelenboom: " + "; ".join(f"{n['soort']}: {n['tekst']}" for n in nodes)
    return _svg(width, int(y + 10), title, description, body)


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])
