"""The time windows of ``domain.windows`` and the round transitions of ``domain.round_states``:
each boundary, and the words a person is told (times on the event's clocks)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from talentfoundry.domain import windows
from talentfoundry.domain.errors import Conflict, InputError
from talentfoundry.domain.round_states import (
    TRANSITIONS,
    Action,
    State,
    actions,
    after,
    effective,
)

ZONE = "Asia/Hong_Kong"
START = datetime(2027, 3, 18, 1, 0, tzinfo=UTC)  # 09:00 on Thu 18 Mar in Hong Kong
END = START + timedelta(hours=8)
SAME_YEAR = datetime(2027, 1, 1, tzinfo=UTC)


def _refusal(call, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict) as refused:
        call(*args, **kwargs)
    return refused.value.message


def test_check_in_opens_two_hours_before_the_start_and_closes_at_the_end() -> None:
    two_hours = timedelta(hours=2)
    opens = START - two_hours
    assert (
        _refusal(
            windows.check_in_open,
            START,
            END,
            ZONE,
            opens - timedelta(seconds=1),
            opens_before=two_hours,
        )
        == "Check-in opens at 07:00 on Thu 18 Mar (Asia/Hong_Kong)."
    )
    for now in (opens, START, END - timedelta(seconds=1)):
        windows.check_in_open(START, END, ZONE, now, opens_before=two_hours)
    assert _refusal(windows.check_in_open, START, END, ZONE, END, opens_before=two_hours) == (
        "Check-in closed at 17:00 on Thu 18 Mar (Asia/Hong_Kong), when the event ended."
    )
    months_early = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert _refusal(
        windows.check_in_open, START, END, ZONE, months_early, opens_before=two_hours
    ) == ("Check-in opens at 07:00 on Thu 18 Mar 2027 (Asia/Hong_Kong).")  # another year


def test_slots_meetings_and_sessions_have_their_windows() -> None:
    windows.slot_bookable(START, ZONE, START - timedelta(seconds=1))
    assert _refusal(windows.slot_bookable, START, ZONE, START) == (
        "This slot started at 09:00 on Thu 18 Mar (Asia/Hong_Kong); choose a later one."
    )
    windows.meeting_cancellable(START, ZONE, START - timedelta(minutes=1))
    assert _refusal(windows.meeting_cancellable, START, ZONE, START + timedelta(minutes=5)) == (
        "This meeting started at 09:00 on Thu 18 Mar (Asia/Hong_Kong); "
        "it can no longer be cancelled."
    )
    windows.session_sign_up_open(END, ZONE, START)  # running, not over: waitlist still useful
    assert _refusal(windows.session_sign_up_open, END, ZONE, END) == (
        "This session ended at 17:00 on Thu 18 Mar (Asia/Hong_Kong); sign-up is closed."
    )
    assert windows.slot_refillable(START, START - timedelta(minutes=1))
    assert not windows.slot_refillable(START, START)


def test_meeting_requests_stay_open_until_the_event_ends() -> None:
    windows.meeting_requests_open(END, ZONE, SAME_YEAR)
    windows.meeting_requests_open(END, ZONE, END - timedelta(seconds=1))
    assert _refusal(windows.meeting_requests_open, END, ZONE, END) == (
        "This event ended at 17:00 on Thu 18 Mar (Asia/Hong_Kong)."
    )


def test_a_deadline_must_be_ahead_and_closes_the_lists() -> None:
    with pytest.raises(InputError) as past:
        windows.future_deadline(datetime(1970, 1, 1, tzinfo=UTC), SAME_YEAR)
    assert (past.value.field, past.value.message) == (
        "deadline",
        "The deadline must be in the future.",
    )
    with pytest.raises(InputError, match="The deadline must be in the future"):
        windows.future_deadline(SAME_YEAR, SAME_YEAR)  # "now" is not the future
    windows.choices_open(START, ZONE, START - timedelta(microseconds=1))
    assert _refusal(windows.choices_open, START, ZONE, START) == (
        "The deadline for this round passed at 09:00 on Thu 18 Mar (Asia/Hong_Kong); "
        "lists can no longer change."
    )


def test_round_transitions_follow_the_table_and_refuse_the_rest_in_words() -> None:
    every = [(s, a) for s in State for a in Action]
    for state, action in every:
        if (state, action) in TRANSITIONS:
            assert after(state, action) is TRANSITIONS[(state, action)]
        elif action is not Action.RERANK:  # rerank is the service's own move, never asked for
            assert "not possible" not in _refusal(after, state, action), (state, action)
    assert [a.value for a in actions(State.DRAFT)] == ["open"]
    assert [a.value for a in actions(State.PUBLISHED)] == []
    assert effective("open", START, START - timedelta(seconds=1)) is State.OPEN
    assert effective("open", START, START) is State.CLOSED
    assert effective("run", START, START + timedelta(days=1)) is State.RUN
