"""Server-side plots for the pages that are not dashboard figures: drawn with matplotlib's object
API (``Figure``, no pyplot), so no global state is shared between threads of the server."""

from __future__ import annotations

import io
from typing import Any

__all__ = ["ALLOCATION_FIGURES", "allocation_svg", "bar_label"]

ALLOCATION_FIGURES: tuple[tuple[str, str, bool], ...] = (
    ("candidates_with_meeting", "Candidates with a meeting", False),
    ("total_weight", "Total weight of wishes met", False),
    ("meetings", "Meetings", False),
    ("slot_fill_rate", "Slots filled", True),
)
"""(stats key, title, is a rate) for each panel of the before/after plot and row of the table."""


def bar_label(value: float, *, rate: bool = False) -> str:
    """A bar's number as people write it: whole numbers grouped in thousands, one decimal when
    the value has one, and rates as whole per cents. Matplotlib's ``%g`` wrote 1710 as
    "1.71e+03".

    >>> bar_label(1710), bar_label(12.5), bar_label(3.0), bar_label(87.6, rate=True)
    ('1,710', '12.5', '3', '88%')
    >>> bar_label(1234567.25)
    '1,234,567.2'
    """
    if rate:
        return f"{value:.0f}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def allocation_svg(stats: dict[str, dict[str, Any]]) -> bytes:
    """First come, first served against the optimal allocation, one small panel per figure (the
    figures have different units, so they do not share an axis)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 3.2), layout="constrained")
    axes = fig.subplots(1, len(ALLOCATION_FIGURES))
    grey, blue = "#6b7280", "#0b5cad"  # AA contrast on white; hatching tells them apart in print
    for ax, (key, title, rate) in zip(axes, ALLOCATION_FIGURES, strict=True):
        before = float(stats["fcfs"].get(key, 0) or 0)
        after = float(stats["ours"].get(key, 0) or 0)
        if rate:
            before, after = 100 * before, 100 * after
        bars = ax.bar(["FCFS", "optimal"], [before, after], color=[grey, blue])
        bars[0].set_hatch("//")
        ax.bar_label(
            bars, labels=[bar_label(v, rate=rate) for v in (before, after)], fontsize="small"
        )
        ax.set_title(title, fontsize="small", wrap=True)
        ax.tick_params(labelsize="small")
        ax.set_ylim(0, max(before, after, 1) * 1.2)
        ax.set_yticks([])
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    fig.suptitle("First come, first served vs optimal allocation", fontsize="medium")
    out = io.BytesIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
