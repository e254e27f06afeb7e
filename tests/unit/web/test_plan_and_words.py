"""What people read on the plan, the charts and the counts: whole company names on the floor
plan within the 1280 px layout, numbers without exponents, singular for one, and no
configuration talk for candidates or recruiters."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from talentfoundry.services.floorplan import svg, text_width
from talentfoundry.web.pages.charts import allocation_svg, bar_label
from talentfoundry.web.pages.wording import people_message, people_notes, plural

pytestmark = pytest.mark.unit

CONTENT_COLUMN_AT_1280 = 1088  # main: 70rem wide, 1rem padding each side


def booth(code: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(location_code=code, organisation=SimpleNamespace(name=name))


def test_the_floor_plan_shows_whole_names_and_fits_the_page_at_1280_px() -> None:
    names = [
        "Harbourview Technical University",
        "Southern Lotus University of Science",
        "Fernhallow Integrated Devices",
        "Acme AI",
    ]
    booths = [booth(f"Hall A-{i + 1:02d}", name) for i, name in enumerate(names * 3)]
    plan = svg(booths)
    width = int(re.search(r'<svg[^>]* width="(\d+)"', plan).group(1))  # type: ignore[union-attr]
    assert width <= CONTENT_COLUMN_AT_1280
    shown = re.findall(r"<text[^>]*>([^<]*)</text>", plan)
    for name in names:  # every word of every name is on the plan, in order: nothing cut
        assert name in " ".join(shown), name
    assert "…" not in "".join(shown)
    assert "<title>Hall A-01: Harbourview Technical University</title>" in plan


def test_a_name_too_long_for_two_lines_is_squeezed_into_its_box_not_cut() -> None:
    plan = svg([booth("A-1", "Extraordinarily Lengthy Multinational Semiconductor Holdings")])
    lines = re.findall(r"<text([^>]*)>([^<]*)</text>", plan)
    assert " ".join(text for _, text in lines[2:]) == (  # after "Hall A" and "A-1"
        "Extraordinarily Lengthy Multinational Semiconductor Holdings"
    )
    assert 'textLength="110"' in lines[-1][0] and text_width(lines[-1][1]) > 110


def test_chart_labels_are_plain_numbers() -> None:
    assert bar_label(1710.0) == "1,710"
    assert bar_label(0.5) == "0.5"
    assert bar_label(87.5, rate=True) == "88%"
    stats = {
        "fcfs": {"candidates_with_meeting": 980, "total_weight": 1710, "meetings": 1200},
        "ours": {"candidates_with_meeting": 1450, "total_weight": 2388.5, "meetings": 1890},
    }
    stats["fcfs"]["slot_fill_rate"], stats["ours"]["slot_fill_rate"] = 0.4, 0.61
    drawn = allocation_svg(stats).decode()
    assert "e+03" not in drawn
    assert "1,710" in drawn and "2,388.5" in drawn and "61%" in drawn


def test_one_is_singular_and_thousands_are_grouped() -> None:
    assert [plural(n, "place") for n in (0, 1, 2, 1500)] == [
        "0 places",
        "1 place",
        "2 places",
        "1,500 places",
    ]
    assert plural(1, "company") == "1 company" and plural(3, "company") == "3 companies"


def test_engine_notes_reach_candidates_without_configuration_talk() -> None:
    notes = [
        "dense embeddings are off (off by default in the platform: too slow on a few CPU cores; "
        "set TALENTFOUNDRY_DENSE=auto to use it); scores use lexical and skill evidence only and "
        "are less accurate.",
        "skill extraction is not available; the skill-overlap component is off",
        "dense embeddings for 3 document(s) are still being computed; their scores use lexical "
        "and skill evidence until then",
        "2 document(s) without text were left out of the ranking",
        "an operator-only note nobody else should read",
    ]
    told = people_notes(notes)
    assert told == [
        "These matches compare skills and the words used, so a CV that says the same thing in "
        "other words may score lower.",
        "Skills are not compared for now: these matches use the words only.",
        "Some matches are still being refined and may change in the next few minutes.",
        "2 profiles or roles without any text are not ranked.",
    ]
    said = people_message("nothing to match: ... and dense embeddings are off, so ...")
    assert said is not None and "dense" not in said
