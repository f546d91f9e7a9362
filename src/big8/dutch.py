"""Dutch number formatting: 10.230 uur, 6,6 fte, 2,1%."""

from __future__ import annotations


def number(value: float, decimals: int | None = None) -> str:
    """10230 -> '10.230'; 6.6 -> '6,6'; 1.66 -> '1,66'. Trailing zeros are
    dropped, unless the value remembers how it was written (4.40 -> '4,40')."""
    written = getattr(value, "written", None)
    if decimals is None and written and "." in written:
        decimals = len(written.split(".")[1])
        return _grouped(value, decimals, keep_zeros=True)
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    return _grouped(value, decimals, keep_zeros=False)


def _grouped(value: float, decimals: int, keep_zeros: bool) -> str:
    text = f"{abs(value):,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    if not keep_zeros:
        fraction = fraction.rstrip("0")
    sign = "-" if value < 0 and float(text.replace(",", "")) != 0 else ""
    return sign + whole + ("," + fraction if fraction else "")


def hours(value: float) -> str:
    return f"{number(round(value, 1))} uur"


def percent(share: float) -> str:
    return f"{number(round(share * 100, 1), 1)}%"


def counted(amount: int, singular: str, plural: str) -> str:
    """"1 fout", "3 fouten", "0 fouten"."""
    return f"{amount} {singular if amount == 1 else plural}"


def one_line(text: object, length: int) -> str:
    """A text for a message or a table cell: on one line, cut with "…" after
    `length` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= length else line[: length - 1] + "…"
