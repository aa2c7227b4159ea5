"""Dates as editors write them (a day, a month or a year) and as readers see them."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date, format_skeleton

PRECISIONS = ("day", "month", "year")
_PARTIAL = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")


def parse_partial_date(value) -> tuple[dt.datetime, str]:
    """`2014-11-27`, `2022-10` or `2022` -> (datetime, precision).

    A month or a year is kept as such: the day is never invented, the datetime
    only serves for sorting (first day of the period).
    """
    if isinstance(value, dt.datetime):
        return value, "day"
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day), "day"
    text = str(value).strip()
    match = _PARTIAL.match(text)
    if match:
        year = int(match["year"])
        if match["month"]:
            return dt.datetime(year, int(match["month"]), 1), "month"
        return dt.datetime(year, 1, 1), "year"
    return dt.datetime.fromisoformat(text), "day"


def localized_date(value: dt.date, locale, precision: str = "day") -> str:
    """'27 novembre 2014' / '27 November 2014', 'octobre 2022', '2022'."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale)
    return format_date(value, format="long", locale=locale)


def iso_date(value: dt.date, precision: str = "day") -> str:
    """Machine-readable date for <time datetime>, at the known precision."""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.strftime("%Y-%m-%d")
