"""Alternatives: skills a text names as a choice ("PyTorch or TensorFlow"), not as a list.

A job ad that asks for "experience with PyTorch or TensorFlow" wants one of the two. Read as two
requirements, a candidate with PyTorch would be told TensorFlow is missing and lose half the
credit for a requirement they meet. This module finds such choices among the skill mentions of a
text; the scorer then counts a choice as *one* requirement met by the best of its members
(:mod:`talentfoundry.matching.scoring`), and an explanation names it once ("PyTorch or
TensorFlow") when none is held.

The rule is about the words between mentions, nothing else. Mentions form a *run* when only list
separators stand between them (a comma, a slash, "or", "and", "and/or", "&"), on one line.

- A run that follows a cue is one choice: "one of", "at least one of", "any of", "one or more
  of", "either" ("at least one of: Java, C# and Go").
- Otherwise "and" splits the run into parts, and a part of two or more mentions is a choice when
  one of its separators is "or" or "and/or": "Java, Scala or Kotlin" is one choice, "Python, and
  PyTorch or TensorFlow" is Python plus a choice of two.

- A line that ends with such a cue ("Experience with one of the following:") makes a choice of
  the bulleted or numbered lines after it that each hold one skill and nothing else.

A plain list ("Python, SQL and Docker", "Java/Spring") is never a choice. The words are English;
other languages keep every mention a requirement.

>>> text = "Requirements: Python, and PyTorch or TensorFlow. Docker is a plus."
>>> import re
>>> spans = [m.span() for m in re.finditer(r"Python|PyTorch|TensorFlow|Docker", text)]
>>> choices(text, spans)
[[1, 2]]
>>> text = "At least one of: Java, C# , Go"
>>> choices(text, [m.span() for m in re.finditer(r"Java|C#|Go", text)])
[[0, 1, 2]]
>>> choices("Python, SQL and Docker", [(0, 6), (8, 11), (16, 22)])
[]
>>> text = "Any of the following:\\n- AWS\\n- GCP.\\nDocker"
>>> choices(text, [m.span() for m in re.finditer(r"AWS|GCP|Docker", text)])
[[0, 1]]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["choices"]

_SEPARATOR = re.compile(
    r"\s*(?:(?P<slash>/)|,?\s*(?:(?P<or>and\s*/\s*or|or)|(?P<and>and|&))?)\s*",
    re.IGNORECASE,
)
"""The words allowed between two mentions of one run, and which kind of separator they are."""

_MAX_GAP = 12
"""The longest text between two mentions that can still be a separator (", and/or  ")."""
_CUE = re.compile(
    r"\b(?:(?:at\s+least|any|only)\s+)?one\s+(?:or\s+more\s+)?of(?:\s+the\s+following)?"
    r"|\bany\s+of(?:\s+the\s+following)?|\beither\b",
    re.IGNORECASE,
)
_CUE_REACH = 40
"""How many characters before a run's first mention are searched for a cue."""


_ITEM_LINE = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]*")
"""What may come before the one skill of an item line under a cue: a bullet or a number."""
_ITEM_END = re.compile(r"[ \t]*[.,;]?[ \t]*")


def _cue_line_ends(text: str, line_end: int) -> bool:
    """Whether the line that ends at ``line_end`` ends with a cue ("one of the following:")."""
    line = text[text.rfind("\n", 0, line_end) + 1 : line_end].rstrip(" \t:-\u2013")
    match = _CUE.search(line[-_CUE_REACH:])
    return match is not None and match.end() == len(line[-_CUE_REACH:])


def _itemised(text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Choices written one skill per line under a cue line (see the module docstring)."""
    found: list[list[int]] = []
    i = 0
    while i < len(spans):
        group: list[int] = []
        previous_end = -1  # where the line of the group's last item ends
        for j in range(i, len(spans)):
            start, end = spans[j]
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            alone = _ITEM_LINE.fullmatch(text, line_start, start) and _ITEM_END.fullmatch(
                text, end, line_end
            )
            if not alone:
                break
            if group and line_start != previous_end + 1:
                break  # items follow each other, line after line
            if not group and (line_start == 0 or not _cue_line_ends(text, line_start - 1)):
                break
            group.append(j)
            previous_end = line_end
        if len(group) >= 2:
            found.append(group)
            i = group[-1] + 1
        else:
            i += 1
    return found


def _is_cued(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - _CUE_REACH) : start]
    match = _CUE.search(before)
    return match is not None and not before[match.end() :].strip(" :-\u2013\t")


def choices(text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Indices of ``spans`` (skill mentions in ``text``, in order, not overlapping) that form a
    choice, one list per choice, each of two or more mentions."""
    runs: list[list[int]] = []
    gaps: list[list[str]] = []  # gaps[r][k]: the separator between run r's mentions k and k + 1
    for i, (start, _end) in enumerate(spans):
        if runs:
            after = spans[runs[-1][-1]][1]
            between = text[after:start]
            # A separator is a few characters on one line; longer gaps are not tried (the
            # pattern's optional spaces would make a long run of blanks slow to reject).
            short = len(between) <= _MAX_GAP and "\n" not in between
            gap = _SEPARATOR.fullmatch(text, after, start) if short else None
            if gap is not None:
                runs[-1].append(i)
                gaps[-1].append(next((k for k, v in gap.groupdict().items() if v), ","))
                continue
        runs.append([i])
        gaps.append([])
    found: list[list[int]] = []
    for run, seps in zip(runs, gaps, strict=True):
        if len(run) < 2:
            continue
        if _is_cued(text, spans[run[0]][0]):
            found.append(run)
            continue
        part, kinds = [run[0]], set()
        for index, sep in zip(run[1:], seps, strict=True):
            if sep == "and":
                if len(part) >= 2 and "or" in kinds:
                    found.append(part)
                part, kinds = [index], set()
            else:
                part.append(index)
                kinds.add(sep)
        if len(part) >= 2 and "or" in kinds:
            found.append(part)
    return sorted(found + _itemised(text, spans))
