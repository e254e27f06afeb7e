"""Pure helpers behind the pages: the .ics file, the QR SVG, form parsing, CSV safety."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from talentfoundry.domain.errors import InputError
from talentfoundry.services.agenda import AgendaItem, agenda_ics
from talentfoundry.services.badges import qr_svg
from talentfoundry.services.common import spreadsheet_safe
from talentfoundry.services.schemas import RegisterIn
from talentfoundry.web.pages.forms import FORM_ERROR, errors_of, split_list, strip_empty

pytestmark = pytest.mark.unit

T = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)


def _item(title: str, status: str, link: str | None = None) -> AgendaItem:
    return AgendaItem(
        uid=f"{title}@tf",
        kind="interview",
        title=title,
        starts_at=T,
        ends_at=T + timedelta(minutes=20),
        mode="online" if link else "onsite",
        where="online" if link else "Booth A-1",
        link=link,
        status=status,
        event_id=1,
        event_name="AI Day",
    )


def test_ics_has_utc_times_rooms_and_leaves_waitlist_places_out() -> None:
    from icalendar import Calendar

    items = [
        _item("On site", "booked"),
        _item("Video", "booked", "https://meet.example.org/room-1"),
        _item("Waiting", "waitlisted"),
    ]
    calendar = Calendar.from_ical(agenda_ics(items, owner="Ann"))
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"On site", "Video"}
    assert events["On site"].decoded("dtstart") == T
    assert str(events["On site"]["location"]) == "Booth A-1"
    assert str(events["Video"]["url"]) == "https://meet.example.org/room-1"


def test_qr_svg_is_inline_scalable_and_labelled() -> None:
    svg = qr_svg("TF-ABCDEFGH", label="QR code of badge TF-ABCDEFGH")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert 'aria-label="QR code of badge TF-ABCDEFGH"' in svg
    head = svg.split(">", 1)[0]
    assert "viewBox" in head and " width=" not in head  # the page decides the size
    assert qr_svg("TF-ABCDEFGH") != qr_svg("TF-ABCDEFGJ")


def test_lists_typed_in_a_text_box() -> None:
    assert split_list(" Python ,\nPyTorch,,MLOps ") == ["Python", "PyTorch", "MLOps"]
    assert split_list("  ") == []
    assert strip_empty({"a": "", "b": " ", "c": "x", "d": None}) == {"c": "x", "d": None}


def test_errors_land_on_their_field() -> None:
    with pytest.raises(ValidationError) as caught:
        RegisterIn(email="nope", password="x", full_name="A", timezone="Mars/Base")
    errors = errors_of(caught.value, ("email", "password", "full_name", "timezone"))
    assert set(errors) == {"email", "timezone"}
    assert "Mars/Base" in errors["timezone"] and not errors["timezone"].startswith("Value error")
    assert errors_of(InputError("bad", field="other"), ("email",)) == {FORM_ERROR: "bad"}
    assert errors_of(InputError("bad", field="email"), ("email",)) == {"email": "bad"}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("@x", "'@x"),
        ("fine", "fine"),
        (None, ""),
    ],
)
def test_csv_cells_cannot_become_formulas(value: object, shown: str) -> None:
    assert spreadsheet_safe(value) == shown
