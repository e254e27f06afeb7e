"""The stylesheet's text colours meet WCAG AA contrast (4.5:1) on the backgrounds they sit on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

CSS = Path(__file__).resolve().parents[3] / "src/talentfoundry/web/static/site.css"
WHITE = "#ffffff"


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _variables() -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", CSS.read_text()))


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", WHITE),  # body text
        ("muted", WHITE),  # footer, hints
        ("brand", WHITE),  # links
        ("err", WHITE),  # error messages next to fields
        ("ink", "bg-soft"),  # text on cards
        ("brand", "bg-soft"),  # links on cards
        (WHITE, "brand"),  # button labels
        (WHITE, "ink"),  # the header's links
        ("#0a3d73", "#e3ecf7"),  # .tag
        ("#1e6b30", WHITE),  # .ok messages
        ("#8a4b00", WHITE),  # .warn messages
    ],
)
def test_text_colours_meet_aa(text: str, background: str) -> None:
    colours = _variables()
    fg = colours.get(text, text)
    bg = colours.get(background, background)
    assert contrast(fg, bg) >= 4.5, f"{text} on {background}: {contrast(fg, bg):.2f}:1"
