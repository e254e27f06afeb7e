"""Clean CV and job text before anything reads it.

Real CVs arrive as mojibake ("NaÃ¯ve", "â€¢" for a bullet), with word-processor bullets from
symbol fonts (U+F0B7), non-breaking spaces, soft hyphens and words split across lines by PDF
extraction. Every later step (sections, skills, evidence spans shown to people) works on the output
of :func:`normalize_text`, so that offsets stored with evidence point into one canonical string.

The function is idempotent (``normalize_text(normalize_text(t)) == normalize_text(t)``): callers may
normalise early and pass the result on, and offsets computed on either call agree.

>>> normalize_text("SKILLS â€¢ Python â€¢ NaÃ¯ve Bayes")
'SKILLS\\n- Python\\n- Naïve Bayes'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BULLET", "normalize_text"]

MAX_PASSES = 4
"""Passes of :func:`normalize_text` at most: each one can only repair more of the encoding."""
BULLET = "- "
"""What every list bullet becomes at the start of a line."""

# Glyphs used as list bullets: typographic ones, Wingdings/Symbol private-use code points that Word
# exports (U+F0B7, U+F0D8, U+F0A7, ...), and arrows or check marks people use as bullets.
_STRONG_BULLETS = "•●▪■◦○◆◇►▸▶➢➤➔→✓✔✗❖♦⁃∙⦿⚫\uf0b7\uf0d8\uf0a7\uf076\uf0fc\uf0a8\uf0e8\uf02d"
# Characters that are bullets only at the start of a line (elsewhere they are text or separators).
_LINE_START_BULLETS = "-–—*·oØ"

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\u180e\f\v]+")
_STRONG_AT_START = re.compile(f"^[ \\t]*[{re.escape(_STRONG_BULLETS)}]+", re.MULTILINE)
_STRONG_RUN = re.compile(f"[{re.escape(_STRONG_BULLETS)}]+")
_LINE_BULLET = re.compile(
    rf"^(?:[{re.escape(_STRONG_BULLETS)}]|[{re.escape(_LINE_START_BULLETS)}](?=\s))[ ]*",
    re.MULTILINE,
)
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_BLANK_LINES = re.compile(r"\n{3,}")
# ASCII control characters other than tab, newline, carriage return and form feed (ftfy removes
# them on the lines it repairs; ASCII lines skip ftfy).
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _fix_encoding(text: str) -> str:
    """Repair mojibake with ftfy, line by line and only on lines that are not plain ASCII.

    An ASCII line cannot hold mojibake, and most CV lines are ASCII: skipping them makes this
    several times faster on a typical CV (ftfy works line by line anyway).
    """
    if text.isascii():
        return _ASCII_CONTROLS.sub("", text)
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy is a declared dependency; degrade, never fail
        return unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isascii():
            lines[i] = _ASCII_CONTROLS.sub("", line)
        else:
            lines[i] = ftfy.fix_text(line)
    return "\n".join(lines)


def normalize_text(text: str) -> str:
    """Return ``text`` with encodings repaired, bullets unified and whitespace tidied.

    ftfy alone is not idempotent on every input: "\\xa0À\\x86" is left as "À†" once the space is
    tidied away, and that is mojibake for "ˠ" on the next call. So a text that is not plain ASCII
    is tidied again until nothing changes (one extra pass almost always); an ASCII text has no
    encoding to repair and is done in one pass.

    - mojibake is repaired by ftfy ("NaÃ¯ve" -> "Naïve"), then NFC-normalised;
    - every bullet glyph becomes ``"- "`` at the start of its own line (inline bullets, common in
      text pasted from PDFs, start a new line, so each list item is its own line of evidence);
    - runs of spaces/tabs/non-breaking spaces become one space, lines are stripped, more than one
      blank line in a row becomes one;
    - a word hyphenated across a line break is joined ("develop-\\nment" -> "development").
    """
    text = _normalize_once(text)
    for _ in range(MAX_PASSES - 1):
        if text.isascii():
            break
        again = _normalize_once(text)
        if again == text:
            break
        text = again
    return text


def _normalize_once(text: str) -> str:
    if not text:
        return ""
    text = _fix_encoding(text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _STRONG_AT_START.sub(BULLET, text)
    text = _STRONG_RUN.sub("\n" + BULLET, text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _LINE_BULLET.sub(BULLET, text)
    # A bullet left alone on its line (glyph followed by a newline) carries nothing.
    text = re.sub(r"^- ?$\n?", "", text, flags=re.MULTILINE)
    text = _HYPHEN_BREAK.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
