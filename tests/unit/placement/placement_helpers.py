"""Shared helpers for the placement tests: random instances and an independent stability check."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from matching.games import HospitalResident

from talentfoundry.placement import SCHEMA, Instance, Placement, strict_order


@st.composite
def placement_documents(draw: st.DrawFn, *, ties: bool = False) -> dict[str, Any]:
    """A valid ``talentfoundry.placement/v1`` document, small enough for the oracle.

    Lists are arbitrary subsets in arbitrary order on both sides, so one-sided listings (pairs that
    are not acceptable), empty lists and capacity 0 all occur.
    """
    n_programmes = draw(st.integers(0, 5))
    capacities = [draw(st.sampled_from((0, 1, 1, 1, 1, 2, 2, 3))) for _ in range(n_programmes)]
    places = sum(capacities)
    # Often about as many students as places: only balanced markets tend to have several stable
    # placements, which is where student- and programme-optimal differ.
    n_students = draw(
        st.one_of(st.integers(0, 9), st.integers(min(max(0, places - 1), 10), min(places + 1, 10)))
    )
    students = [f"s{i}" for i in range(n_students)]
    programmes = [f"p{j}" for j in range(n_programmes)]
    student_docs = []
    for sid in students:
        prefs = draw(st.permutations(programmes))
        # Often the whole list: long lists make the two optimal sides differ more often.
        cut = draw(st.one_of(st.just(len(prefs)), st.integers(0, len(prefs))))
        student_docs.append({"id": sid, "prefs": list(prefs[:cut])})
    applied = {pid: {s["id"] for s in student_docs if pid in s["prefs"]} for pid in programmes}
    programme_docs = []
    for j, pid in enumerate(programmes):
        order = draw(st.permutations(students))
        # Mostly the applicants (an applicant may be left out), sometimes a non-applicant.
        listed = [
            sid
            for sid in order
            if (
                draw(st.integers(0, 9)) > 0 if sid in applied[pid] else draw(st.integers(0, 4)) == 0
            )
        ]
        prefs: list[Any] = list(listed)
        if ties and len(prefs) >= 2:
            prefs = []
            i = 0
            while i < len(listed):
                size = draw(st.integers(1, 3))
                group = listed[i : i + size]
                prefs.append(group if len(group) > 1 or draw(st.booleans()) else group[0])
                i += size
        programme_docs.append({"id": pid, "capacity": capacities[j], "prefs": prefs})
    return {"schema": SCHEMA, "students": student_docs, "programmes": programme_docs}


def blocking_pairs(instance: Instance, placement: Placement) -> list[tuple[str, str]]:
    """Acceptable pairs that would both rather be together (tie-broken order), from scratch."""
    strict = {p.id: strict_order(p, instance.tie_seed) for p in instance.programmes}
    capacity = {p.id: p.capacity for p in instance.programmes}
    out = []
    for student in instance.students:
        current = placement.assignment.get(student.id)
        for pid in student.prefs:
            if pid == current:
                break  # every later programme is worse for the student
            order = strict[pid]
            if student.id not in order:
                continue
            placed = placement.matching[pid]
            if len(placed) < capacity[pid] or any(
                order.index(student.id) < order.index(other) for other in placed
            ):
                out.append((student.id, pid))
    return out


def oracle(doc: dict[str, Any], optimal: str) -> dict[str, list[str]]:
    """The package's matching: {programme: [students, programme's order]}, non-empty only."""
    listed = {p["id"]: p["prefs"] for p in doc["programmes"]}
    capacity = {p["id"]: p["capacity"] for p in doc["programmes"]}
    students: dict[str, list[str]] = {}
    for s in doc["students"]:
        kept = [p for p in s["prefs"] if s["id"] in listed[p] and capacity[p] > 0]
        if kept:
            students[s["id"]] = kept
    programmes: dict[str, list[str]] = {}
    for pid, prefs in listed.items():
        mine = [sid for sid in prefs if pid in students.get(sid, ())]
        if mine:
            programmes[pid] = mine
    game = HospitalResident.create_from_dictionaries(
        students, programmes, {pid: capacity[pid] for pid in programmes}
    )
    result = game.solve(optimal="resident" if optimal == "student" else "hospital")
    return {h.name: [r.name for r in rs] for h, rs in result.items() if rs}


@st.composite
def balanced_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Complete lists and as many students as places: the markets most likely to have several
    stable placements, so that student- and programme-optimal differ (the oracle must agree on
    both)."""
    n_programmes = draw(st.integers(2, 5))
    capacities = [draw(st.integers(1, 2)) for _ in range(n_programmes)]
    programmes = [f"p{j}" for j in range(n_programmes)]
    students = [f"s{i}" for i in range(sum(capacities))]
    return {
        "schema": SCHEMA,
        "students": [{"id": s, "prefs": list(draw(st.permutations(programmes)))} for s in students],
        "programmes": [
            {"id": p, "capacity": c, "prefs": list(draw(st.permutations(students)))}
            for p, c in zip(programmes, capacities, strict=True)
        ],
    }
