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


REALISED_COLOUR = "#047857"
FORECAST_COLOUR = "#6d28d9"
MET_COLOUR, MISSED_COLOUR = "#065f46", "#991b1b"


def realisation_chart(rows: list[dict], title: str, forecast: bool = False) -> str:
    """Per taakveld: planned against realised hours (and the forecast).
    Each row: {"label", "gepland", "gerealiseerd", "prognose"}."""
    series = [("gepland", "gepland", PLANNED_COLOUR), ("gerealiseerd", "gerealiseerd", REALISED_COLOUR)]
    if forecast:
        series.append(("prognose", "prognose voor het jaar", FORECAST_COLOUR))
    label_width, bar_width, bar, gap = 250, 380, 18, 4
    row_height = len(series) * (bar + gap) + 14
    title_lines = _wrap(title, 70)
    top = 48 + 22 * len(title_lines)
    width, height = label_width + bar_width + 140, top + row_height * len(rows) + 10
    largest = max([max(r.get(key) or 0 for key, _, _ in series) for r in rows] + [1])
    body = [_text(10, 24 + 22 * n, line, 17, weight="bold") for n, line in enumerate(title_lines)]
    x = label_width
    for _key, name, colour in series:
        body.append(f'<rect x="{x}" y="{top - 26}" width="14" height="14" fill="{colour}"/>')
        body.append(_text(x + 20, top - 14, name, 14))
        x += 40 + 9 * len(name)
    description = []
    for number, row in enumerate(rows):
        y = top + number * row_height
        for line_number, part in enumerate(_wrap(row["label"], 26)[:3]):
            body.append(_text(10, y + 16 + line_number * 17, part, 14))
        for index, (key, _name, colour) in enumerate(series):
            value = row.get(key)
            if value is None:
                continue
            length = bar_width * value / largest
            offset = y + index * (bar + gap)
            body.append(f'<rect x="{label_width}" y="{offset}" width="{length:.1f}" height="{bar}" fill="{colour}"/>')
            body.append(_text(label_width + length + 6, offset + 14, dutch.hours(value), 14))
        description.append(f"{row['label']}: " + ", ".join(f"{name} {dutch.hours(row[key])}" for key, name, _ in series
                                                          if row.get(key) is not None))
    return _svg(width, height, title, "; ".join(description) + ".", body)


def target_chart(rows: list[dict], title: str) -> str:
    """Per indicator its measured value against its target, each on its own
    scale (percentages from 0 to 100), with "gehaald" or "niet gehaald" in
    words beside it, so the outcome is not told by colour alone.
    Each row: {"label", "waarde", "streefwaarde", "eenheid", "gehaald", "tekst"}."""
    label_width, bar_width, row_height = 330, 300, 54
    title_lines = _wrap(title, 70)
    top = 40 + 22 * len(title_lines)
    width, height = label_width + bar_width + 200, top + row_height * len(rows) + 10
    body = [_text(10, 24 + 22 * n, line, 17, weight="bold") for n, line in enumerate(title_lines)]
    description = []
    for number, row in enumerate(rows):
        y = top + number * row_height
        for line_number, part in enumerate(_wrap(row["label"], 38)[:2]):
            body.append(_text(10, y + 16 + line_number * 17, part, 14))
        value, target = row.get("waarde"), row.get("streefwaarde")
        numbers = [v for v in (value, target) if isinstance(v, (int, float)) and not isinstance(v, bool)]
        scale = 100.0 if row.get("eenheid") == "procent" else max(numbers + [1]) * 1.25
        body.append(f'<rect x="{label_width}" y="{y + 4}" width="{bar_width}" height="20" fill="#f3f4f6"/>')
        if value in numbers:
            colour = MET_COLOUR if row.get("gehaald") else MISSED_COLOUR if row.get("gehaald") is False else "#4b5563"
            body.append(f'<rect x="{label_width}" y="{y + 4}" width="{bar_width * min(value, scale) / scale:.1f}" '
                        f'height="20" fill="{colour}"/>')
        if target in numbers:
            x = label_width + bar_width * min(target, scale) / scale
            body.append(f'<path d="M {x:.1f} {y} V {y + 28}" stroke="#111827" stroke-width="3"/>')
        reached = row.get("gehaald")
        outcome = "gehaald" if reached is True else "niet gehaald" if reached is False else "niet te beoordelen"
        body.append(_text(label_width + bar_width + 10, y + 19, outcome, 14, weight="bold",
                          colour=MET_COLOUR if row.get("gehaald") else MISSED_COLOUR if row.get("gehaald") is False
                          else TEXT_COLOUR))
        body.append(_text(label_width, y + 44, f"gemeten {row.get('tekst_waarde', '')}; streefwaarde "
                                                f"{row.get('tekst', '')}", 13))
        description.append(f"{row['label']}: gemeten {row.get('tekst_waarde', '')}, streefwaarde {row.get('tekst', '')}, "
                           f"{outcome}")
    return _svg(width, height, title, "; ".join(description) + ".", body)


def indicator_series(points: list[dict], title: str, target: float | None, unit: str | None) -> str:
    """An indicator over time: each measured value (by its date) as a point
    on a line, the target as a dashed line. Each point: {"datum", "waarde", "label"}."""
    left, right, top_margin, plot_height, width = 70, 30, 60, 220, 760
    title_lines = _wrap(title, 80)
    top = top_margin + 22 * (len(title_lines) - 1)
    height = top + plot_height + 70
    values = [p["waarde"] for p in points] + ([target] if target is not None else [])
    high = 100.0 if unit == "procent" else max(values + [1]) * 1.2
    span = plot_height / high
    body = [_text(10, 24 + 22 * n, line, 17, weight="bold") for n, line in enumerate(title_lines)]
    body.append(f'<path d="M {left} {top} V {top + plot_height} H {width - right}" fill="none" stroke="#6b7280"/>')
    for step in range(5):
        value = high * step / 4
        y = top + plot_height - value * span
        body.append(_text(left - 8, y + 5, dutch.number(round(value, 1)), 12, "end"))
    if target is not None:
        y = top + plot_height - target * span
        body.append(f'<path d="M {left} {y:.1f} H {width - right}" stroke="#b45309" stroke-width="2" '
                    f'stroke-dasharray="8 5"/>')
        body.append(_text(width - right, y - 6, f"streefwaarde {dutch.number(target)}", 13, "end", colour="#92400e"))
    count = max(len(points) - 1, 1)
    coordinates = []
    for index, point in enumerate(points):
        x = left + 30 + (width - right - left - 60) * index / count
        y = top + plot_height - point["waarde"] * span
        coordinates.append((x, y))
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{AVAILABLE_COLOUR}"/>')
        body.append(_text(x, y - 12, dutch.number(point["waarde"]), 13, "middle", "bold"))
        body.append(_text(x, top + plot_height + 22, point["label"], 12, "middle"))
    if len(coordinates) > 1:
        path = " ".join(f"{'M' if n == 0 else 'L'} {x:.1f} {y:.1f}" for n, (x, y) in enumerate(coordinates))
        body.insert(len(body) - 3 * len(points), f'<path d="{path}" fill="none" stroke="{AVAILABLE_COLOUR}" '
                                                 f'stroke-width="2"/>')
    description = "; ".join(f"{p['label']}: {dutch.number(p['waarde'])}" for p in points)
    if target is not None:
        description += f"; streefwaarde {dutch.number(target)}"
    return _svg(width, height, title, description + ".", body)
