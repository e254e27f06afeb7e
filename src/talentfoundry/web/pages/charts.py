"""Server-side plots for the pages that are not dashboard figures: drawn with matplotlib's object
API (``Figure``, no pyplot), so no global state is shared between threads of the server."""

from __future__ import annotations

import io
from typing import Any

__all__ = ["ALLOCATION_FIGURES", "allocation_svg"]

ALLOCATION_FIGURES: tuple[tuple[str, str, bool], ...] = (
    ("candidates_with_meeting", "Candidates with a meeting", False),
    ("total_weight", "Total weight of wishes met", False),
    ("meetings", "Meetings", False),
    ("slot_fill_rate", "Slots filled", True),
)
"""(stats key, title, is a rate) for each panel of the before/after plot and row of the table."""


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
        ax.bar_label(bars, fmt="%.0f%%" if rate else "%.3g", fontsize="small")
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
