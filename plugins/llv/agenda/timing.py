"""When events happen, relative to the build's "now", and how that reads.

Times are local to Europe/Paris (naive datetimes, see llv.model.schema.When).
An event known only by its month or year keeps that precision everywhere:
its text says "octobre 2022" and it stays out of calendars.
"""

from __future__ import annotations

import calendar
import datetime as dt

from llv.i18n.core import N_
from llv.i18n.dates import clock_time, iso_date, localized_date

FROM_TO = N_("from %(start)s to %(end)s")
HOURS = N_("%(start)s–%(end)s")  # two times of one day; French: « de 18 h à 20 h »
APPLICATIONS_CLOSE = N_("applications close %(date)s")


def period_end(when) -> dt.datetime:
    """The last moment the `when` covers (a whole year, month or day)."""
    value = when.value
    if when.precision == "year":
        return dt.datetime(value.year, 12, 31, 23, 59, 59)
    if when.precision == "month":
        last = calendar.monthrange(value.year, value.month)[1]
        return dt.datetime(value.year, value.month, last, 23, 59, 59)
    if when.precision == "day":
        return dt.datetime(value.year, value.month, value.day, 23, 59, 59)
    return value


def local_now(now: dt.datetime, zone) -> dt.datetime:
    return now.astimezone(zone).replace(tzinfo=None)


def last_moment(event):
    """When an event is over: its end, a call's deadline, or its start."""
    return event.end or event.closes or event.start


def is_upcoming(event, now: dt.datetime) -> bool:
    """Not over yet: events under way and open calls count as upcoming."""
    return period_end(last_moment(event)) >= now


def is_open_call(event, now: dt.datetime) -> bool:
    return (
        event.kind == "call-for-projects"
        and event.status != "cancelled"
        and event.opens is not None
        and event.closes is not None
        and event.opens.value <= now <= period_end(event.closes)
    )


def _moment_text(when, locale, with_weekday: bool) -> str:
    return localized_date(when.value, locale, when.precision, with_weekday)


def when_text(event, language) -> str:
    """'vendredi 15 janvier 2027, de 18 h 30 à 21 h', 'du 15 janvier 2027 au 17 janvier 2027'…"""
    locale = language.babel_locale
    start, end = event.start, event.end
    if end is None or end.value == start.value:
        return _moment_text(start, locale, with_weekday=True)
    same_day = start.has_day and end.has_day and start.value.date() == end.value.date()
    if same_day and start.has_time and end.has_time:
        day = localized_date(start.value, locale, "day", with_weekday=True)
        hours = language.gettext(HOURS) % {"start": clock_time(start.value, locale),
                                           "end": clock_time(end.value, locale)}
        return f"{day}, {hours}"
    if same_day:
        return _moment_text(start, locale, with_weekday=True)
    if start.precision == end.precision == "year" and start.value.year == end.value.year:
        return str(start.value.year)
    return language.gettext(FROM_TO) % {
        "start": _moment_text(start, locale, with_weekday=False),
        "end": _moment_text(end, locale, with_weekday=False),
    }


def deadline_text(event, language) -> str:
    """'candidatures jusqu'au 15 janvier 2027' / 'applications close 15 January 2027'."""
    date = _moment_text(event.closes, language.babel_locale, with_weekday=False)
    return language.gettext(APPLICATIONS_CLOSE) % {"date": date}


def revision_stamp(event, zone) -> dt.datetime:
    """A timestamp that changes only with the event, for DTSTAMP and feed entries.

    The sources carry no revision date and the build's clock would rewrite every
    calendar on every build; the event's own start is stable and meaningful.
    """
    return event.start.value.replace(tzinfo=zone).astimezone(dt.timezone.utc)


def iso(when, zone) -> str:
    """ISO 8601 at the known precision; with the offset of `zone` when the time is known."""
    return iso_date(when.value, when.precision, zone)
