"""Time rules: everything is stored in UTC and shown in the event's or the viewer's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from talentfoundry.domain.errors import InputError


def utcnow() -> datetime:
    return datetime.now(UTC)


def validate_timezone(name: str, *, field: str = "timezone") -> str:
    """Return ``name`` if it is an IANA time zone, else raise a clear :class:`InputError`.

    >>> validate_timezone("Europe/London")
    'Europe/London'
    """
    if not isinstance(name, str) or not name or name not in _known_zones():
        raise InputError(
            f"{name!r} is not an IANA time zone (e.g. 'Asia/Taipei', 'Europe/London')", field=field
        )
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(f"{name!r} is not an IANA time zone", field=field) from exc
    return name


def to_utc(value: datetime, *, field: str = "time") -> datetime:
    """Convert an aware datetime to UTC; a naive one is refused (its zone would be a guess)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(
            "time must include a UTC offset or 'Z' (e.g. 2027-03-18T09:00:00+08:00)", field=field
        )
    return value.astimezone(UTC)


def in_zone(value: datetime, zone: str) -> datetime:
    """Show a UTC instant in the given IANA zone."""
    return value.astimezone(ZoneInfo(zone))


_ZONES: frozenset[str] | None = None


def _known_zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones()) | {"UTC"}
    return _ZONES
