"""iCalendar files: one per event and one per language with what is coming.

Only events known to the day go into calendars (no day is invented). Times are
written with TZID=Europe/Paris and its VTIMEZONE; all-day events as dates.
The UID depends on the event's slug only and DTSTAMP on the event itself, so
the files change only when their events do.
"""

from __future__ import annotations

import datetime as dt

from functools import lru_cache

from icalendar import Calendar, Event, Timezone

from llv.agenda.timing import revision_stamp
from llv.typography.typography import typeset_text

ICS_STATUS = {
    "scheduled": "CONFIRMED",
    "postponed": "TENTATIVE",
    "moved-online": "CONFIRMED",
    "cancelled": "CANCELLED",
}


def event_uid(slug: str, domain: str) -> str:
    return f"{slug}@{domain}"


def _dates(event, zone):
    """(DTSTART, DTEND) values: dates for all-day events, aware datetimes otherwise."""
    start, end = event.start, event.end or event.start
    if start.has_time:
        begin = start.value.replace(tzinfo=zone)
        if end.has_time:
            finish = end.value.replace(tzinfo=zone)
        elif end.value.date() != start.value.date():
            finish = dt.datetime.combine(end.value.date() + dt.timedelta(days=1), dt.time(), zone)
        else:
            finish = None
        return begin, finish
    # DTEND of an all-day event is the day after its last day (exclusive)
    return start.value.date(), end.value.date() + dt.timedelta(days=1)


def vevent(view, domain: str, zone) -> Event:
    event = view.model
    component = Event()
    component.add("uid", event_uid(event.slug, domain))
    component.add("dtstamp", revision_stamp(event, zone))
    start, end = _dates(event, zone)
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    component.add("summary", typeset_text(view.title.text, view.title.lang))
    if view.summary:
        component.add("description", typeset_text(view.summary.text, view.summary.lang))
    location = view.location_text
    if location:
        component.add("location", location)
    place = event.place
    if place and place.latitude is not None and place.longitude is not None:
        component.add("geo", (place.latitude, place.longitude))
    component.add("url", view.absolute_url)
    component.add("status", ICS_STATUS[event.status])
    component.add("categories", [view.kind_label])
    return component


def calendar(views, name: str, lang: str, domain: str, zone) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{domain}//Agenda//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(zone))
    for view in views:
        cal.add_component(vevent(view, domain, zone))
    years = [when.value.year for view in views
             for when in (view.model.start, view.model.end or view.model.start)]
    for position, tzid in enumerate(sorted(cal.get_missing_tzids())):
        cal.subcomponents.insert(position, vtimezone(tzid, min(years), max(years)))
    return cal.to_ical()


@lru_cache(maxsize=None)
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone over the years of a calendar's events."""
    return Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1),
                              last_date=dt.date(last_year + 1, 1, 1))
