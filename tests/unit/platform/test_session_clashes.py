"""Sessions that cannot both happen as planned (same room, speaker or online room at overlapping
times) are found and named; parallel tracks in other rooms are not flagged."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from talentfoundry.domain.errors import InputError
from talentfoundry.domain.intervals import END_AFTER_START, require_end_after_start
from talentfoundry.domain.session_clashes import clashes, clashes_of

pytestmark = pytest.mark.unit


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, 18, hour, minute, tzinfo=UTC)


def session(
    sid: int,
    start: datetime,
    end: datetime,
    *,
    room: str | None = None,
    speaker: str = "",
    url: str | None = None,
    mode: str = "onsite",
) -> SimpleNamespace:
    return SimpleNamespace(
        id=sid,
        title=f"Session {sid}",
        starts_at=start,
        ends_at=end,
        mode=mode,
        location=room,
        speaker=speaker,
        online_url=url,
    )


def test_the_same_room_at_overlapping_times_is_a_clash_named_both_ways() -> None:
    a = session(1, at(9), at(10), room="Room 101")
    b = session(2, at(9, 30), at(11), room="room  101")
    found = clashes([b, a])
    assert [(c.other_id, c.shared) for c in found[1]] == [(2, "the same room (Room 101)")]
    assert [(c.other_id, c.other_starts_at) for c in found[2]] == [(1, at(9))]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (session(1, at(9), at(10), room="Room 101"), session(2, at(9), at(10), room="Room 102")),
        (session(1, at(9), at(10), room="Room 101"), session(2, at(10), at(11), room="Room 101")),
        (
            session(1, at(9), at(10), speaker="Ana Wu, Careers Adviser, North University"),
            session(2, at(9), at(10), speaker="Bo Li, Careers Adviser, North University"),
        ),
        (
            session(1, at(9), at(10), room="Room 101", mode="online"),
            session(2, at(9), at(10), room="Room 101", mode="online"),
        ),
    ],
    ids=["parallel tracks", "back to back", "two people with one job title", "online only"],
)
def test_sessions_that_can_both_happen_are_not_flagged(
    a: SimpleNamespace, b: SimpleNamespace
) -> None:
    assert clashes([a, b]) == {}


def test_a_speaker_on_two_stages_at_once_is_found_by_name() -> None:
    keynote = session(1, at(9), at(11), speaker="Ana Wu, CTO, Acme AI")
    panel = session(2, at(10), at(12), speaker="Bo Li and Ana Wu")
    later = session(3, at(12), at(13), speaker="Ana Wu")
    assert [c.shared for c in clashes_of(2, [keynote, panel, later])] == [
        "the same speaker (Ana Wu)"
    ]
    assert clashes_of(3, [keynote, panel, later]) == []


def test_one_online_room_for_two_sessions_at_once_is_a_clash() -> None:
    url = "https://meet.example.org/room-1"
    a = session(1, at(9), at(10), url=url, mode="online")
    b = session(2, at(9, 45), at(10, 30), url=url, mode="online")
    assert [c.shared for c in clashes_of(1, [a, b])] == ["the same online room"]


def test_an_end_at_or_before_its_start_is_refused_in_words_at_the_end() -> None:
    with pytest.raises(InputError) as caught:
        require_end_after_start(at(10), at(10))
    assert (caught.value.message, caught.value.field) == (END_AFTER_START, "ends_at")
    assert END_AFTER_START == "The end must be after the start."
    require_end_after_start(at(10), at(10, 1))  # one minute is enough
