"""Reasons shown to unplaced students."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from placement_helpers import placement_documents

from talentfoundry.placement import (
    SCHEMA,
    ProgrammeReason,
    explain_unplaced,
    parse_instance,
    solve,
)

pytestmark = pytest.mark.unit

ROUND = {
    "schema": SCHEMA,
    "students": [
        {"id": "ana", "prefs": ["acme", "bolt", "cove", "dune"]},
        {"id": "ben", "prefs": ["acme", "bolt"]},
        {"id": "cai", "prefs": ["bolt"]},
        {"id": "dee", "prefs": []},
    ],
    "programmes": [
        {"id": "acme", "capacity": 1, "prefs": ["ben", "ana"]},
        {"id": "bolt", "capacity": 1, "prefs": [["ana", "cai"]]},
        {"id": "cove", "capacity": 2, "prefs": ["ben"]},
        {"id": "dune", "capacity": 0, "prefs": ["ana"]},
    ],
}


def test_each_listed_programme_gets_its_reason() -> None:
    # tie_seed chosen so that cai wins the ana/cai tie at bolt (see test_placement_ties).
    from talentfoundry.placement import lottery

    seed = next(s for s in range(100) if lottery(s, "cai") < lottery(s, "ana"))
    instance = parse_instance({**ROUND, "tie_seed": seed})
    placement = solve(instance)
    assert placement.matching == {"acme": ["ben"], "bolt": ["cai"], "cove": [], "dune": []}
    reports = explain_unplaced(instance, placement)
    assert list(reports) == ["ana", "dee"]
    assert reports["ana"].reasons == (
        ProgrammeReason("acme", "full", ranked_higher=1, tied_ahead=0),
        ProgrammeReason("bolt", "full", ranked_higher=0, tied_ahead=1),
        ProgrammeReason("cove", "not_listed"),
        ProgrammeReason("dune", "no_places"),
    )
    assert reports["ana"].summary == (
        "acme: filled its 1 place with students it ranks higher; "
        "bolt: filled its 1 place: 0 with students it ranks higher, 1 with students it ranks "
        "equal to you who won the tie-break lottery; "
        "cove: did not list you; dune: has no places"
    )
    assert reports["dee"].summary == "you listed no programmes"


@settings(max_examples=100, deadline=None)
@given(doc=placement_documents(ties=True))
def test_every_unplaced_student_gets_a_consistent_reason_per_listed_programme(
    doc: dict[str, Any],
) -> None:
    instance = parse_instance(doc)
    for side in ("student", "programme"):
        placement = solve(instance, side)  # type: ignore[arg-type]
        reports = explain_unplaced(instance, placement)
        assert list(reports) == placement.unmatched
        programmes = {p.id: p for p in instance.programmes}
        for student in instance.students:
            if student.id not in reports:
                continue
            reasons = reports[student.id].reasons
            assert [r.programme for r in reasons] == list(student.prefs)
            for reason in reasons:
                programme = programmes[reason.programme]
                listed = student.id in programme.flat_prefs()
                assert (reason.kind == "not_listed") == (not listed)
                if reason.kind == "full":
                    assert reason.ranked_higher + reason.tied_ahead == programme.capacity > 0
                    assert len(placement.matching[programme.id]) == programme.capacity
