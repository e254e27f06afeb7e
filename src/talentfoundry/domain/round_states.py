"""The life of a placement round, as one table of legal transitions.

WHY a table: a round was once run and published months before its own deadline while students
could no longer change their lists, because each service function checked (or forgot) its own
idea of "open". Here every move of a round is one row; ``services.placement_rounds`` asks
:func:`after` before changing anything, and the pages ask :func:`actions` what to offer.

- draft --open--> open: students may now rank programmes, until the deadline;
- open --close (or the deadline passing)--> closed: lists are final;
- closed --run--> run, and run --run--> run: the stable matching is (re)computed;
- run --publish--> published: students see their results;
- run --rerank--> closed: see below.

``rerank``: a programme changed its ranking after a run, so that run's results are void and the
round is closed again until it is run once more. Nothing leaves ``published``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from talentfoundry.domain.errors import Conflict

__all__ = [
    "ACTIONS",
    "NEXT_STEP",
    "TRANSITIONS",
    "Action",
    "State",
    "actions",
    "after",
    "effective",
    "require_choices_may_change",
    "require_programmes_may_change",
    "require_rankings_may_change",
]


class State(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    RUN = "run"
    PUBLISHED = "published"


class Action(StrEnum):
    OPEN = "open"
    CLOSE = "close"
    RUN = "run"
    PUBLISH = "publish"
    RERANK = "rerank"


TRANSITIONS: dict[tuple[State, Action], State] = {
    (State.DRAFT, Action.OPEN): State.OPEN,
    (State.OPEN, Action.CLOSE): State.CLOSED,
    (State.CLOSED, Action.RUN): State.RUN,
    (State.RUN, Action.RUN): State.RUN,
    (State.RUN, Action.PUBLISH): State.PUBLISHED,
    (State.RUN, Action.RERANK): State.CLOSED,
}

ACTIONS: dict[Action, str] = {
    Action.OPEN: "Open for choices",
    Action.CLOSE: "Close choices",
    Action.RUN: "Run the round",
    Action.PUBLISH: "Publish the results",
}
"""The organiser's buttons (``rerank`` happens by itself when a ranking changes)."""

NEXT_STEP: dict[State, str] = {
    State.DRAFT: "Companies and universities add their programmes; the organiser opens the "
    "round for students' choices.",
    State.OPEN: "Students rank programmes until the deadline; the organiser may close choices "
    "earlier.",
    State.CLOSED: "Lists are final. Programmes may still change their rankings; the organiser "
    "runs the round.",
    State.RUN: "The organiser checks the results and publishes them (or runs again after a "
    "ranking changes). Students see nothing yet.",
    State.PUBLISHED: "Students see their results. Nothing in this round changes any more.",
}

_REFUSALS: dict[tuple[State, Action], str] = {
    (State.OPEN, Action.OPEN): "The round is already open for choices.",
    (State.CLOSED, Action.OPEN): "Choices are closed; the round cannot reopen.",
    (State.RUN, Action.OPEN): "The round has been run; it cannot reopen.",
    (State.DRAFT, Action.CLOSE): "Open the round for choices first.",
    (State.CLOSED, Action.CLOSE): "Choices are already closed.",
    (State.RUN, Action.CLOSE): "Choices are already closed.",
    (State.DRAFT, Action.RUN): "Open the round for choices, and close them, before running it.",
    (State.OPEN, Action.RUN): "Close the choices before running the round (or wait for the "
    "deadline).",
    (State.DRAFT, Action.PUBLISH): "Run the round before publishing it.",
    (State.OPEN, Action.PUBLISH): "Run the round before publishing it.",
    (State.CLOSED, Action.PUBLISH): "Run the round before publishing it.",
    (State.PUBLISHED, Action.PUBLISH): "This round is already published.",
}
_PUBLISHED = "This round is published; its results no longer change."


def effective(stored: str, deadline: datetime, now: datetime) -> State:
    """The state a round is in now: an open round whose deadline has passed counts as closed
    (nobody has to press a button at midnight for the deadline to hold)."""
    state = State(stored)
    if state is State.OPEN and now >= deadline:
        return State.CLOSED
    return state


def after(state: State, action: Action) -> State:
    """The state ``action`` leads to from ``state``, or a :class:`Conflict` saying why not."""
    target = TRANSITIONS.get((state, action))
    if target is None:
        message = _REFUSALS.get((state, action))
        if message is None:
            message = _PUBLISHED if state is State.PUBLISHED else "That is not possible now."
        raise Conflict(message)
    return target


def actions(state: State) -> list[Action]:
    """The organiser's actions possible from ``state``, in the order of a round's life.

    >>> [a.value for a in actions(State.RUN)]
    ['run', 'publish']
    """
    return [a for a in ACTIONS if (state, a) in TRANSITIONS]


# --- what people other than the organiser may do in each state ---------------------------------


def require_programmes_may_change(state: State) -> None:
    """Programmes are added while the round is a draft or open: students choose among them."""
    if state is State.PUBLISHED:
        raise Conflict(_PUBLISHED)
    if state not in (State.DRAFT, State.OPEN):
        raise Conflict("Choices are closed, so no programme can be added to this round.")


def require_choices_may_change(state: State) -> None:
    """Students' lists change only while the round is open (the deadline is checked apart,
    by ``domain.windows.choices_open``, so that its message can name the time)."""
    if state is State.DRAFT:
        raise Conflict("This round is not open for choices yet.")
    if state is not State.OPEN:
        raise Conflict("Choices for this round are closed; lists can no longer change.")


def require_rankings_may_change(state: State) -> None:
    """Programmes rank their applicants until the results are published; a change after a run
    voids that run (:data:`Action.RERANK`)."""
    if state is State.PUBLISHED:
        raise Conflict(_PUBLISHED)
