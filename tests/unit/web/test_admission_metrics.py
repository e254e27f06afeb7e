"""The admission gate's numbers on /metrics: requests waiting in line, requests admitted, and
requests told to try again, as they happen."""

from __future__ import annotations

import asyncio

import pytest
from prometheus_client import REGISTRY

from talentfoundry.domain.errors import Busy
from talentfoundry.web.admission import Gate

pytestmark = pytest.mark.unit


def now() -> tuple[float, float, float]:
    """What a scrape of this process would show (prometheus-client's own reading)."""
    values = [
        REGISTRY.get_sample_value(name)
        for name in (
            "talentfoundry_admission_waiting",
            "talentfoundry_admission_active",
            "talentfoundry_admission_refused_total",
        )
    ]
    assert None not in values
    return tuple(values)  # type: ignore[return-value]


def test_gate_reports_waiting_admitted_and_refused() -> None:
    gate = Gate(active=1, writers=None, wait_seconds=0.2)
    seen: dict[str, tuple[float, float, float]] = {}

    async def scenario() -> None:
        start = now()
        seen["start"] = start
        async with gate.admit(writes=False):
            seen["one in"] = now()
            second = asyncio.create_task(_second(gate))
            await asyncio.sleep(0.05)
            seen["one waiting"] = now()
            with pytest.raises(Busy):
                await second
            seen["refused"] = now()
        seen["end"] = now()

    asyncio.run(scenario())
    w, a, r = seen["start"]
    assert seen["one in"] == (w, a + 1, r)
    assert seen["one waiting"] == (w + 1, a + 1, r)
    assert seen["refused"] == (w, a + 1, r + 1)
    assert seen["end"] == (w, a, r + 1)


async def _second(gate: Gate) -> None:
    async with gate.admit(writes=False):
        pass  # pragma: no cover - the first request holds the only place
