"""Placement rounds under random sequences of what people do, with the invariants checked after
every step, on SQLite and PostgreSQL (hypothesis ``RuleBasedStateMachine``).

People: the organiser opens, closes, runs, re-runs and publishes; company and university staff
add programmes and rank (with ties, and students they would not take left out); students set and
change their lists; time moves on, past the deadline. Each step is one unit of work through the
services, with ``now`` passed in. A model predicts whether each step may happen; the database
must agree, and after every step:

- the round is in one of the five states, and it moved only along ``round_states.TRANSITIONS``
  (or, by the clock alone, from open to closed at the deadline);
- the students' lists in the database are exactly those accepted while the round was open and
  before its deadline;
- once published, the outcome never changes;
- every placed student is placed once, in a programme that listed them and they listed, within
  its places; and the outcome is stable (no student and programme would both rather have each
  other) given the lists and rankings at the time of the run.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from talentfoundry.domain.enums import UserRole
from talentfoundry.domain.errors import FoundryError
from talentfoundry.domain.round_states import TRANSITIONS, Action, State
from talentfoundry.services import accounts, events, organisations
from talentfoundry.services import placement_rounds as rounds
from talentfoundry.services.schemas import EventIn, OrganisationIn, UserIn
from talentfoundry.store.db import make_session_factory, transaction
from talentfoundry.store.models import PlacementChoice, PlacementOutcome, PlacementRound

pytestmark = pytest.mark.integration

T0 = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
DEADLINE = T0 + timedelta(days=2)
STUDENTS = 4
_EXAMPLE = itertools.count()


def _picks(shortest: int) -> st.SearchStrategy[dict[int, list[int]]]:
    """Student index -> indexes of the programmes they list (an empty list clears theirs)."""
    return st.dictionaries(
        st.integers(0, STUDENTS - 1),
        st.lists(st.integers(0, 5), min_size=shortest, max_size=4),
        min_size=1,
        max_size=STUDENTS,
    )


Lists = dict[int, list[int]]  # student -> programmes, best first
Ranks = dict[int, dict[int, int] | None]  # programme -> student -> rank (None: not ranked)


def _user(db: Session, email: str, role: UserRole, org: int | None = None) -> Any:
    return accounts.create_user(
        db,
        UserIn(
            email=email,
            password="Correct-horse-9",
            full_name=email.split("@")[0].title(),
            role=role,
            organisation_id=org,
            timezone="Europe/London",
        ),
    )


class RoundMachine(RuleBasedStateMachine):
    """One round of a small fair: 2 organisations with a staff member each, 4 students."""

    factory: sessionmaker[Session]  # set by the test, per database

    def __init__(self) -> None:
        super().__init__()
        n = next(_EXAMPLE)
        with transaction(self.factory) as db:
            admin = _user(db, f"admin{n}@example.org", UserRole.ADMIN)
            self.organiser = _user(db, f"organiser{n}@example.org", UserRole.ORGANISER)
            event = events.create_event(
                db,
                self.organiser,
                EventIn(
                    slug=f"fair-{n}",
                    kind="career_day",
                    name="Placement fair",
                    timezone="Europe/London",
                    starts_at=datetime(2027, 3, 18, 9, 0, tzinfo=UTC),
                    ends_at=datetime(2027, 3, 18, 17, 0, tzinfo=UTC),
                    status="open",
                ),
            )
            self.staff = []
            for i, kind in enumerate(("company", "university")):
                org = organisations.create_organisation(
                    db,
                    admin,
                    OrganisationIn(slug=f"org-{n}-{i}", kind=kind, name=f"Organisation {i}"),
                )
                role = UserRole.RECRUITER if kind == "company" else UserRole.UNIVERSITY_STAFF
                self.staff.append((_user(db, f"staff{n}-{i}@example.org", role, org.id), org.id))
            self.students = [
                _user(db, f"student{n}-{i}@example.org", UserRole.CANDIDATE)
                for i in range(STUDENTS)
            ]
            self.round_id = rounds.create_round(
                db, self.organiser, event.id, name="Round", deadline=DEADLINE, now=T0
            ).id
        self.now = T0
        self.stored = State.DRAFT  # the model's state, before the clock's say
        self.capacity: dict[int, int] = {}  # programme -> places, in the order added
        self.staff_of: dict[int, Any] = {}  # programme -> the staff member who ranks it
        self.lists: Lists = {}
        self.ranks: Ranks = {}
        self.at_run: tuple[Lists, Ranks] | None = None
        self.published: list[tuple[int, int | None]] | None = None
        self.moves: list[tuple[State, str, State]] = []

    # --- the model ----------------------------------------------------------------------------

    def state(self) -> State:
        if self.stored is State.OPEN and self.now >= DEADLINE:
            return State.CLOSED
        return self.stored

    def _db_state(self, db: Session) -> State:
        return rounds.state_of(db.get(PlacementRound, self.round_id), self.now)

    def _attempt(self, action: str, allowed: bool, work: Any) -> bool:
        """Run ``work(db)`` as one unit of work; it must succeed exactly when the model allows
        it, and a refusal must be a message for a person (a FoundryError), never anything else
        (the invariants then check that a refusal changed nothing). Records the state change."""
        try:
            with transaction(self.factory) as db:
                before = self._db_state(db)
                work(db)
                after = self._db_state(db)
        except FoundryError as exc:
            assert not allowed, f"{action} refused in {self.state()}: {exc.message}"
            return False
        assert allowed, f"{action} accepted in {before}"
        if after is not before:
            self.moves.append((before, action, after))
        return True

    @initialize(
        offers=st.lists(st.tuples(st.integers(0, 1), st.integers(1, 2)), min_size=2, max_size=3),
        still_draft=st.booleans(),
        picks=_picks(2),
    )
    def the_round_starts(
        self, offers: list[tuple[int, int]], still_draft: bool, picks: dict[int, list[int]]
    ) -> None:
        """Programmes come in while it is a draft; in most examples the organiser has opened it
        and students have made their first lists before the random steps begin."""
        for who, places in offers:
            self.add_programme(who, places)
        if not still_draft:
            self.open_round()
            self.students_choose(picks)

    # --- the organiser ------------------------------------------------------------------------

    @rule()
    def organiser_takes_the_next_step(self) -> None:
        """What the round page offers now (the other rules also try what it does not offer)."""
        with transaction(self.factory) as db:
            offered = rounds.status_of(rounds.get_round(db, self.round_id), self.now).actions
        if offered:
            {
                "open": self.open_round,
                "close": self.close_round,
                "run": self.run_round,
                "publish": self.publish_round,
            }[offered[-1][0]]()

    @rule()
    def open_round(self) -> None:
        allowed = self.state() is State.DRAFT and self.now < DEADLINE
        if self._attempt(
            "open",
            allowed,
            lambda db: rounds.open_round(db, self.organiser, self.round_id, now=self.now),
        ):
            self.stored = State.OPEN

    @rule()
    def close_round(self) -> None:
        if self._attempt(
            "close",
            self.state() is State.OPEN,
            lambda db: rounds.close_round(db, self.organiser, self.round_id, now=self.now),
        ):
            self.stored = State.CLOSED

    @rule()
    def run_round(self) -> None:
        if self._attempt(
            "run",
            self.state() in (State.CLOSED, State.RUN),
            lambda db: rounds.run_round(db, self.organiser, self.round_id, now=self.now),
        ):
            self.stored = State.RUN
            self.at_run = (
                {s: list(p) for s, p in self.lists.items()},
                {p: (dict(r) if r is not None else None) for p, r in self.ranks.items()},
            )

    @rule()
    def publish_round(self) -> None:
        if self._attempt(
            "publish",
            self.state() is State.RUN,
            lambda db: rounds.publish_round(db, self.organiser, self.round_id, now=self.now),
        ):
            self.stored = State.PUBLISHED
            self.published = self._publish_snapshot()

    # --- programme staff ----------------------------------------------------------------------

    @rule(who=st.integers(0, 1), places=st.integers(0, 2))
    def add_programme(self, who: int, places: int) -> None:
        staff, org = self.staff[who]
        added: list[int] = []

        def work(db: Session) -> None:
            programme = rounds.add_programme(
                db,
                staff,
                self.round_id,
                organisation_id=org,
                title=f"Programme {len(self.capacity) + 1}",
                kind="internship",
                capacity=places,
                now=self.now,
            )
            added.append(programme.id)

        if self._attempt("add programme", self.state() in (State.DRAFT, State.OPEN), work):
            self.capacity[added[0]] = places
            self.staff_of[added[0]] = staff
            self.ranks[added[0]] = None

    @precondition(lambda self: bool(self.capacity))
    @rule(
        which=st.integers(0, 5),
        ranks=st.dictionaries(st.integers(0, STUDENTS - 1), st.integers(1, 3), max_size=STUDENTS),
    )
    def rank(self, which: int, ranks: dict[int, int]) -> None:
        programme = list(self.capacity)[which % len(self.capacity)]
        staff = self.staff_of[programme]
        by_id = {self.students[i].id: r for i, r in ranks.items()}
        state = self.state()
        if self._attempt(
            "rank",
            state is not State.PUBLISHED,
            lambda db: rounds.set_ranking(db, staff, programme, by_id, now=self.now),
        ):
            self.ranks[programme] = by_id
            if state is State.RUN:  # the run is void: closed again
                self.stored = State.CLOSED

    # --- students -----------------------------------------------------------------------------

    @rule(picks=_picks(0))
    def students_choose(self, picks: dict[int, list[int]]) -> None:
        """A few students set or change their lists, each in a request of their own."""
        offered = list(self.capacity)
        for who, indexes in picks.items():
            wanted = [offered[i % len(offered)] for i in indexes] if offered else []
            wanted = list(dict.fromkeys(wanted))
            student = self.students[who]
            if self._attempt(
                "choose",
                self.state() is State.OPEN,
                lambda db, s=student, w=wanted: rounds.set_choices(
                    db, s, self.round_id, w, now=self.now
                ),
            ):
                if wanted:
                    self.lists[student.id] = wanted
                else:
                    self.lists.pop(student.id, None)

    # --- time ---------------------------------------------------------------------------------

    @rule(minutes=st.sampled_from([1, 6 * 60, 24 * 60, 2 * 24 * 60]))
    def time_passes(self, minutes: int) -> None:
        before = self.state()
        self.now += timedelta(minutes=minutes)
        if self.state() is not before:  # the invariants check the database agrees
            self.moves.append((before, "deadline", self.state()))

    # --- invariants ---------------------------------------------------------------------------

    def _outcomes(self, db: Session) -> list[tuple[int, int | None]]:
        rows = db.execute(
            select(PlacementOutcome.student_id, PlacementOutcome.programme_id)
            .where(PlacementOutcome.round_id == self.round_id)
            .order_by(PlacementOutcome.student_id)
        )
        return [(s, p) for s, p in rows]

    def _publish_snapshot(self) -> list[tuple[int, int | None]]:
        with transaction(self.factory) as db:
            return self._outcomes(db)

    @invariant()
    def invariants_hold(self) -> None:
        """Everything read in one unit of work, then checked."""
        with transaction(self.factory) as db:
            stored = db.scalar(
                select(PlacementRound.status).where(PlacementRound.id == self.round_id)
            )
            state = self._db_state(db)
            rows = db.execute(
                select(PlacementChoice.student_id, PlacementChoice.programme_id)
                .where(PlacementChoice.round_id == self.round_id)
                .order_by(PlacementChoice.student_id, PlacementChoice.rank)
            )
            lists: Lists = {}
            for student, programme in rows:
                lists.setdefault(student, []).append(programme)
            outcome = self._outcomes(db)

        # the state is one of the five, the model's, reached only by legal moves
        assert stored in {s.value for s in State}
        assert state is self.state(), (state, self.state())
        for before, action, after in self.moves:
            if action == "deadline":
                assert (before, after) == (State.OPEN, State.CLOSED)
                continue
            legal = TRANSITIONS.get((before, Action("rerank" if action == "rank" else action)))
            assert legal is after, (before, action, after)

        # lists changed only when the round was open, before the deadline
        assert lists == self.lists

        # a published outcome never changes
        if self.published is not None:
            assert outcome == self.published
        if state in (State.RUN, State.PUBLISHED):
            self._check_stable(outcome)
        else:
            assert outcome == [], "results kept from a run that no longer stands"

    def _check_stable(self, outcome: list[tuple[int, int | None]]) -> None:
        """Each placed student once, where both sides listed each other, within the places; and
        no student and programme that would both rather have each other (ties: weak stability)."""
        assert self.at_run is not None
        lists, ranks = self.at_run
        students = [s for s, _ in outcome]
        assert len(students) == len(set(students)), "a student placed twice"
        assert set(students) == set(lists), "every student with a list has an outcome"
        placed = {s: p for s, p in outcome if p is not None}
        taken: dict[int, list[int]] = {}
        for student, programme in placed.items():
            taken.setdefault(programme, []).append(student)
            assert programme in lists[student], "placed in a programme they did not list"
            ranking = ranks[programme]
            assert ranking is None or student in ranking, "placed where not acceptable"
        for programme, members in taken.items():
            assert len(members) <= self.capacity[programme], "over the programme's places"
        for student, wanted in lists.items():
            mine = placed.get(student)
            better = wanted[: wanted.index(mine)] if mine is not None else wanted
            for programme in better:
                ranking = ranks[programme]
                if ranking is not None and student not in ranking:
                    continue  # the programme would not take them
                members = taken.get(programme, [])
                if len(members) < self.capacity[programme]:
                    raise AssertionError(f"blocking pair: {student} and {programme} (free place)")
                if ranking is not None and any(ranking[student] < ranking[m] for m in members):
                    raise AssertionError(f"blocking pair: {student} and {programme} (preferred)")


def test_placement_rounds_keep_their_invariants_under_random_use(engine: Engine) -> None:
    class Machine(RoundMachine):
        factory = make_session_factory(engine)

    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=25,
            stateful_step_count=18,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
