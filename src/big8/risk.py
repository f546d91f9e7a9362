"""Risk = kans x effect on the five-point scale; the class is computed, never typed.

Each of kans and effect is scored 1 (zeer klein) to 5 (zeer groot). Their
product (1-25) falls in one of five classes. The class names follow the
seed policies ("zeer klein risico" ... "mogelijk risico" ... "zeer groot
risico"); the boundaries split the possible products into five bands.
"""

from __future__ import annotations

RISK_CLASSES = [
    # (highest score in the class, class number, label)
    (3, 1, "zeer klein risico"),
    (6, 2, "klein risico"),
    (10, 3, "mogelijk risico"),
    (15, 4, "groot risico"),
    (25, 5, "zeer groot risico"),
]


def risk_score(kans: int, effect: int) -> int:
    return kans * effect


def risk_class(kans: int, effect: int) -> tuple[int, str]:
    """The class number (1-5) and label for a kans and effect score."""
    score = risk_score(kans, effect)
    for highest, number, label in RISK_CLASSES:
        if score <= highest:
            return number, label
    raise ValueError(f"kans en effect moeten tussen 1 en 5 liggen, niet {kans} en {effect}")
