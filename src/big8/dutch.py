"""Dutch number formatting: 10.230 uur, 6,6 fte, 2,1%."""

from __future__ import annotations


def number(value: float, decimals: int | None = None) -> str:
    """10230 -> '10.230'; 6.6 -> '6,6'; 1.66 -> '1,66'. Trailing zeros dropped."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{abs(value):,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    fraction = fraction.rstrip("0")
    sign = "-" if value < 0 and float(text.replace(",", "")) != 0 else ""
    return sign + whole + ("," + fraction if fraction else "")


def hours(value: float) -> str:
    return f"{number(round(value, 1))} uur"


def percent(share: float) -> str:
    return f"{number(round(share * 100, 1), 1)}%"
