"""The build's "now", injectable so that builds are reproducible and tests exact.

Order: the BUILD_NOW setting (ISO 8601), then the SOURCE_DATE_EPOCH environment
variable (reproducible-builds.org), then the wall clock.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo


class ClockError(ValueError):
    """SOURCE_DATE_EPOCH that is not a moment: one line, no traceback."""

    shown_as_is = True  # tools.build and tools.check print the message alone


def source_date_epoch(value: str) -> dt.datetime:
    """SOURCE_DATE_EPOCH as a moment: decimal digits, seconds since 1970 (UTC)."""
    problem = ("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
               "like 1764806400, before the year 10000; unset it to build at the current time")
    if not (value.isascii() and value.isdigit()):
        raise ClockError(problem)
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ClockError(problem) from None


def build_now(settings) -> dt.datetime:
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    configured = settings.get("BUILD_NOW")
    if configured:
        value = dt.datetime.fromisoformat(str(configured))
        return value if value.tzinfo else value.replace(tzinfo=zone)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return source_date_epoch(epoch).astimezone(zone)
    return dt.datetime.now(tz=zone)


def clock_signature(settings, moments: list[str]) -> list:
    """What of the site depends on "now": the day (empty feeds are dated by it)
    and which agenda moments have passed (strictly, and counting "now" itself)."""
    now = build_now(settings)
    local = now.replace(tzinfo=None).isoformat()
    return [now.date().isoformat(), sum(1 for m in moments if m < local),
            sum(1 for m in moments if m <= local)]
