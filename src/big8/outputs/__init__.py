"""Stage 6, write: turn rendered Markdown into the published files.

`site.py` builds the website with mkdocs-material, `docx.py` the Word file
with pandoc and the house-style reference document, `pdf.py` the tagged PDF
through pandoc -> Typst -> the typst package. Only this package and
`load.py` touch the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentMeta:
    """What the title page, document properties and running header need."""

    slug: str  # file name without extension, e.g. "oldenzaal-uitvoeringsprogramma-2023"
    soort: str  # "beleid", "uitvoeringsprogramma", "monitoring" or "jaarverslag"
    titel: str
    organisatie: str  # display name, e.g. "Gemeente Oldenzaal"
    periode: str  # "2025-2028", "2023", "vanaf 2018"
    status: str  # "concept", "vastgesteld", "ingetrokken"
    vastgesteld_op: str = ""  # "6 december 2022", or "" when unknown
    vastgesteld_door: str = ""
    publicatie: str = ""
    taal: str = "nl"
    trefwoorden: tuple[str, ...] = field(default_factory=tuple)
    # A fictitious organisation's document says so on every page.
    fictief: bool = False
    # Where the document stands in the cycle, for the order on the site.
    volgorde: str = ""

    @property
    def concept(self) -> bool:
        return self.status == "concept"


class OutputError(Exception):
    """The write stage failed: a bug or a missing tool, never a content error."""
