"""Workshop seats: capacity per mode, waitlist in sign-up order, promotion, no double-booking."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from talentfoundry.domain.errors import Conflict, InputError
from talentfoundry.scheduling.seats import (
    CONFIRMED,
    WAITLISTED,
    Roster,
    Session,
    cancel,
    free_seats,
    set_capacity,
    sign_up,
    waitlist_position,
)

pytestmark = pytest.mark.unit


def t(hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, 18, hour, minute, tzinfo=UTC)


def session(onsite: int | None = 2, online: int | None = None) -> Roster:
    return Roster(Session("w1", t(10), t(11), {"onsite": onsite, "online": online}))


def status(roster: Roster) -> dict[str, str]:
    return {s.person: s.status for s in roster.seats}


def test_full_room_sends_people_to_the_waitlist_in_order() -> None:
    r = session(onsite=2)
    for person in ["ana", "ben", "cai", "dan"]:
        r, _ = sign_up(r, person, "onsite", interviews=[])
    assert status(r) == {"ana": CONFIRMED, "ben": CONFIRMED, "cai": WAITLISTED, "dan": WAITLISTED}
    assert waitlist_position(r, "dan") == 2
    assert free_seats(r, "onsite") == 0


def test_a_freed_seat_goes_to_the_first_waiting_person() -> None:
    r = session(onsite=1)
    for person in ["ana", "ben", "cai"]:
        r, _ = sign_up(r, person, "onsite", interviews=[])
    r, changes = cancel(r, "ana", interviews_of={})
    assert [(c.person, c.status) for c in changes] == [("ana", "cancelled"), ("ben", CONFIRMED)]
    assert status(r) == {"ben": CONFIRMED, "cai": WAITLISTED}
    assert waitlist_position(r, "cai") == 1


def test_promotion_skips_someone_now_in_an_interview() -> None:
    r = session(onsite=1)
    for person in ["ana", "ben", "cai"]:
        r, _ = sign_up(r, person, "onsite", interviews=[])
    r, changes = cancel(r, "ana", interviews_of={"ben": [(t(10, 30), t(10, 50))]})
    assert status(r) == {"ben": WAITLISTED, "cai": CONFIRMED}
    assert changes[-1].person == "cai"


def test_sign_up_refused_when_it_overlaps_an_interview() -> None:
    with pytest.raises(Conflict, match="overlaps 'ana'"):
        sign_up(session(), "ana", "onsite", interviews=[(t(9, 45), t(10, 5))])
    # back-to-back is fine
    r, _ = sign_up(session(), "ana", "onsite", interviews=[(t(9, 40), t(10))])
    assert status(r) == {"ana": CONFIRMED}


def test_online_seats_are_a_separate_pool_and_may_be_unlimited() -> None:
    r = session(onsite=1, online=None)
    r, _ = sign_up(r, "ana", "onsite", interviews=[])
    for n in range(50):
        r, _ = sign_up(r, f"viewer{n}", "online", interviews=[])
    assert all(s.status == CONFIRMED for s in r.seats)
    assert free_seats(r, "online") is None
    r, _ = sign_up(r, "ben", "onsite", interviews=[])
    assert status(r)["ben"] == WAITLISTED


def test_more_capacity_promotes_and_less_never_unseats() -> None:
    r = session(onsite=1)
    for person in ["ana", "ben", "cai"]:
        r, _ = sign_up(r, person, "onsite", interviews=[])
    r, changes = set_capacity(r, "onsite", 2, interviews_of={})
    assert [c.person for c in changes] == ["ben"]
    r, changes = set_capacity(r, "onsite", 0, interviews_of={})
    assert changes == []
    assert status(r) == {"ana": CONFIRMED, "ben": CONFIRMED, "cai": WAITLISTED}


def test_registration_errors() -> None:
    r, _ = sign_up(session(), "ana", "onsite", interviews=[])
    with pytest.raises(Conflict, match="already registered"):
        sign_up(r, "ana", "online", interviews=[])
    with pytest.raises(InputError, match="no 'vr' seats"):
        sign_up(r, "ben", "vr", interviews=[])
    with pytest.raises(Conflict, match="not registered"):
        cancel(r, "zed", interviews_of={})
