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
CELL_W, GAP, LABEL_W, PER_ROW = 122, 6, 62, 8
"""Sized so a hall's row fits the page's content column at 1280 px (62 + 8 x 128 = 1086 of
1088 px) at its natural size, so the text stays 12 px; on a phone the plan scrolls sideways."""
FONT_PX, LINE_PX, PAD = 12, 15, 6
NAME_LINES = 2
CELL_H = PAD + LINE_PX * (1 + NAME_LINES) + PAD

# Advance widths of DejaVu Sans (the widest of the usual sans fonts) in 1/2048 em: an estimate
# on the safe side of what a browser draws, used to wrap names without cutting them.
_LOWER = "1255 1300 1126 1300 1260 721 1300 1298 569 569 1186 569 1995 1298 1253 1300 1300 842 1067"
_LOWER += " 803 1298 1212 1675 1212 1212 1075"
_UPPER = "1401 1405 1430 1577 1294 1178 1587 1540 604 604 1343 1141 1767 1532 1612 1235 1612 1423"
_UPPER += " 1300 1251 1499 1401 2025 1403 1251 1403"
_WIDTHS = (
    dict(zip("abcdefghijklmnopqrstuvwxyz", map(int, _LOWER.split()), strict=True))
    | dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", map(int, _UPPER.split()), strict=True))
    | {" ": 651, "-": 739, ".": 651, ",": 651, "'": 563, "&": 1597, "(": 799, ")": 799}
)


def text_width(text: str, px: int = FONT_PX) -> float:
    """Estimated width of ``text`` in pixels at ``px`` (digits and unknown letters at 1303).

    >>> round(text_width("Acme AI"))
    49
    """
    return sum(_WIDTHS.get(ch, 1303) for ch in text) * px / 2048


def wrap(text: str, width: float, lines: int = NAME_LINES) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` px, broken between words; what does
    not fit in the last line stays on it (the drawing squeezes that line, it never cuts it).

    >>> wrap("Harbourview Technical University", 112)
    ['Harbourview', 'Technical University']
    >>> wrap("Acme AI", 112)
    ['Acme AI']
    """
    out: list[str] = []
    words = text.split()
    while words:
        line = words.pop(0)
        while words and len(out) < lines - 1 and text_width(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(out) == lines - 1:  # the last line takes the rest
            line = " ".join([line, *words])
            words = []
        out.append(line)
    return out


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


def _line(x: int, y: int, text: str, width: float, cls: str = "") -> str:
    """One line of text; squeezed to ``width`` when it would run past it (never cut)."""
    fit = f' textLength="{width:.0f}" lengthAdjust="spacingAndGlyphs"'
    squeeze = fit if text_width(text) > width else ""
    attr = f' class="{cls}"' if cls else ""
    return f'<text x="{x}" y="{y}"{attr}{squeeze}>{escape(text)}</text>'


def svg(booths: list[Booth]) -> str:
    """The plan as an SVG document; each booth shows its code and its company's whole name
    (wrapped onto two lines), with a <title> for tooltips and screen readers."""
    halls = place(booths)
    rows: list[tuple[str, list[PlacedBooth]]] = []
    for hall, placed in halls.items():
        for start in range(0, len(placed), PER_ROW):
            rows.append((hall if start == 0 else "", placed[start : start + PER_ROW]))
    width = LABEL_W + PER_ROW * (CELL_W + GAP)
    height = max(1, len(rows)) * (CELL_H + GAP) + GAP
    inner = CELL_W - 2 * PAD
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Floor plan of the booths">',
        f"<style>text{{font:{FONT_PX}px system-ui,sans-serif;fill:#1b1f24}}"
        "rect{fill:#f4f6f9;stroke:#4a5563}.hall,.code{font-weight:700}.code{fill:#4a5563}</style>",
    ]
    if not rows:
        parts.append('<text x="10" y="28">No on-site booths yet.</text>')
    for r, (label, placed) in enumerate(rows):
        y = GAP + r * (CELL_H + GAP)
        if label:
            name = label if label == "Other" else f"Hall {label}"
            parts.append(_line(4, y + PAD + FONT_PX, name, LABEL_W - 8, "hall"))
        for c, booth in enumerate(placed):
            x = LABEL_W + c * (CELL_W + GAP)
            cell = [
                f"<g><title>{escape(booth.code)}: {escape(booth.company)}</title>",
                f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" rx="4"/>',
                _line(x + PAD, y + PAD + FONT_PX, booth.code, inner, "code"),
            ]
            for i, text in enumerate(wrap(booth.company, inner)):
                cell.append(_line(x + PAD, y + PAD + FONT_PX + LINE_PX * (i + 1), text, inner))
            parts.append("".join(cell) + "</g>")
    parts.append("</svg>")
    return "".join(parts)
