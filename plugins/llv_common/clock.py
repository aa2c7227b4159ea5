"""The build's "now", injectable so that builds are reproducible and tests exact.

Order: the BUILD_NOW setting (ISO 8601), then the SOURCE_DATE_EPOCH environment
variable (reproducible-builds.org), then the wall clock.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo


def build_now(settings) -> dt.datetime:
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    configured = settings.get("BUILD_NOW")
    if configured:
        value = dt.datetime.fromisoformat(str(configured))
        return value if value.tzinfo else value.replace(tzinfo=zone)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).astimezone(zone)
    return dt.datetime.now(tz=zone)


def clock_signature(settings, moments: list[str]) -> list:
    """What of the site depends on "now": the day (empty feeds are dated by it)
    and which agenda moments have passed (strictly, and counting "now" itself)."""
    now = build_now(settings)
    local = now.replace(tzinfo=None).isoformat()
    return [now.date().isoformat(), sum(1 for m in moments if m < local),
            sum(1 for m in moments if m <= local)]
