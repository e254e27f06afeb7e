"""The event's floor plan: booths drawn by hall and number from their location codes.

Codes such as "Hall A-12", "A12" or "B-3" place a booth in hall A (or B) at position 12 (or 3);
halls become rows and positions columns, so visitors find neighbours at a glance. Booths whose code
does not follow the pattern are listed under "Other"; online-only booths are not on the plan.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from talentfoundry.store.models import Booth

CODE = re.compile(r"^(?:hall\s*)?([a-z])\s*-?\s*(\d{1,3})$", re.IGNORECASE)
CELL_W, CELL_H, GAP, LABEL_W, PER_ROW = 120, 44, 6, 70, 10


@dataclass(frozen=True, slots=True)
class PlacedBooth:
    hall: str
    number: int
    code: str
    company: str


def place(booths: list[Booth]) -> dict[str, list[PlacedBooth]]:
    """Booths by hall (sorted), each hall's booths by number.

    >>> from types import SimpleNamespace as B
    >>> rows = place([B(location_code="Hall A-2", organisation=B(name="Acme")),
    ...               B(location_code="A-1", organisation=B(name="Beta"))])
    >>> [(b.hall, b.number, b.company) for b in rows["A"]]
    [('A', 1, 'Beta'), ('A', 2, 'Acme')]
    """
    halls: dict[str, list[PlacedBooth]] = defaultdict(list)
    for booth in booths:
        code = (booth.location_code or "").strip()
        if not code:
            continue
        match = CODE.match(code)
        hall, number = (match.group(1).upper(), int(match.group(2))) if match else ("Other", 0)
        halls[hall].append(PlacedBooth(hall, number, code, booth.organisation.name))
    return {h: sorted(halls[h], key=lambda b: (b.number, b.code)) for h in sorted(halls)}


def svg(booths: list[Booth]) -> str:
    """The plan as an SVG document; each booth has a <title> with its code and company."""
    halls = place(booths)
    rows: list[tuple[str, list[PlacedBooth]]] = []
    for hall, placed in halls.items():
        for start in range(0, len(placed), PER_ROW):
            rows.append((hall if start == 0 else "", placed[start : start + PER_ROW]))
    width = LABEL_W + PER_ROW * (CELL_W + GAP)
    height = max(1, len(rows)) * (CELL_H + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Floor plan of the booths">',
        "<style>text{font:12px system-ui,sans-serif;fill:#1b1f24}"
        "rect{fill:#f4f6f9;stroke:#4a5563}.hall{font-weight:700}</style>",
    ]
    if not rows:
        parts.append('<text x="10" y="28">No on-site booths yet.</text>')
    for r, (label, placed) in enumerate(rows):
        y = GAP + r * (CELL_H + GAP)
        if label:
            name = label if label == "Other" else f"Hall {label}"
            parts.append(f'<text class="hall" x="4" y="{y + 26}">{escape(name)}</text>')
        for c, booth in enumerate(placed):
            x = LABEL_W + c * (CELL_W + GAP)
            company = booth.company if len(booth.company) <= 17 else booth.company[:16] + "…"
            parts.append(
                f"<g><title>{escape(booth.code)}: {escape(booth.company)}</title>"
                f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" rx="4"/>'
                f'<text x="{x + 6}" y="{y + 17}">{escape(booth.code)}</text>'
                f'<text x="{x + 6}" y="{y + 34}">{escape(company)}</text></g>'
            )
    parts.append("</svg>")
    return "".join(parts)
