"""Text normalisation: encodings repaired, bullets and whitespace unified, idempotent."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from talentfoundry.matching.normalize import normalize_text

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("NaÃ¯ve Bayes", "Naïve Bayes"),
        ("CafÃ© owner, rÃ©sumÃ©", "Café owner, résumé"),
        ("Microsoftâ€™s Azure", "Microsoft's Azure"),
    ],
)
def test_mojibake_is_repaired(raw, clean):
    assert normalize_text(raw) == clean


def test_mojibake_bullets_from_the_dev_corpus_become_list_items():
    raw = "SKILLS \u00e2\u0080\u00a2 Python \u00e2\u0080\u00a2 SQL"
    assert normalize_text(raw) == "SKILLS\n- Python\n- SQL"


@pytest.mark.parametrize("glyph", ["•", "●", "▪", "➢", "✓", "\uf0b7", "\uf0d8", "❖"])
def test_every_bullet_glyph_becomes_a_dash_item(glyph):
    assert normalize_text(f"Skills\n{glyph} Python\n  {glyph}  SQL") == "Skills\n- Python\n- SQL"


def test_line_start_dashes_and_stars_are_bullets_but_inner_dashes_stay():
    text = "* Python\n– SQL\nJan 2019 - Dec 2020"
    assert normalize_text(text) == "- Python\n- SQL\nJan 2019 - Dec 2020"


def test_whitespace_is_tidied_and_words_split_across_lines_are_joined():
    raw = "Data\u00a0\u00a0engineer\t at  Acme   \r\n\r\n\r\n\r\n"
    raw += "built a develop-\nment pipe\u00adline"
    assert normalize_text(raw) == "Data engineer at Acme\n\nbuilt a development pipeline"


def test_empty_and_blank_text():
    assert normalize_text("") == ""
    assert normalize_text(" \n\t ") == ""


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
@example("\xa0À\x86")  # ftfy leaves "À†" once, which is mojibake for "ˠ" the next time
def test_normalisation_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(
    st.lists(
        st.sampled_from(["Python", "•", "\uf0b7", "-", " ", "\n", "NaÃ¯ve", "a-\nb", "\t", "x"]),
        max_size=40,
    )
)
def test_normalisation_is_idempotent_on_cv_like_text(parts):
    once = normalize_text("".join(parts))
    assert normalize_text(once) == once
