"""The Jinja2 environment and filters shared by every page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fastapi.templating import Jinja2Templates

from talentfoundry.domain.timeutil import in_zone
from talentfoundry.web.pages.wording import people_message, people_notes, plural

templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")


def _local(value: datetime, zone: str, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    """Format a UTC instant in ``zone``, with the zone's abbreviation so nobody misreads it."""
    shown = in_zone(value, zone)
    return f"{shown.strftime(fmt)} {shown.tzname()}"


templates.env.filters["local"] = _local
templates.env.filters["label"] = lambda value: str(value).replace("_", " ")
templates.env.filters["plural"] = plural  # {{ n|plural("place") }}: "1 place", "2 places"
templates.env.filters["people_notes"] = people_notes  # engine notes retold for non-operators
templates.env.filters["people_message"] = people_message
