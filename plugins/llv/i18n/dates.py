"""Dates as readers see them, at the precision they are known.

Editors give a year, a month, a day or a minute (`llv.model.schema.When`,
the one parser); a date is never shown more precisely than it is known.
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date, format_skeleton, format_time
from markupsafe import Markup, escape


def localized_date(value: dt.date, locale, precision: str = "day",
                   with_weekday: bool = False) -> str:
    """'27 novembre 2014' / '27 November 2014', 'octobre 2022', '2022';
    'vendredi 15 janvier 2027' with the weekday; ', 18 h 30' / ', 18:30' after
    the day when the minute is known. French writes the first day of a month
    '1er novembre'."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale)
    day = format_date(value, "full" if with_weekday else "long", locale=locale)
    if value.day == 1 and str(locale).startswith("fr"):
        day = re.sub(r"(?<!\d)1(?= )", "1er", day, count=1)
    if precision == "minute":
        return f"{day}, {clock_time(value, locale)}"
    return day


def clock_time(value: dt.time | dt.datetime, locale) -> str:
    """'18 h 30', '18 h' in French (the Imprimerie nationale's rule, which
    Babel's '18:30' does not follow); Babel's short time in other languages."""
    if str(locale).startswith("fr"):
        return f"{value.hour}\u00a0h" + (f"\u00a0{value.minute:02d}" if value.minute else "")
    return format_time(value, "short", locale=locale)


def iso_date(value: dt.date, precision: str = "day", zone=None) -> str:
    """ISO 8601 at the known precision (<time datetime>, JSON-LD); a minute
    gets the offset of `zone` when one is given."""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if precision != "minute":
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if zone is not None:
        return value.replace(tzinfo=zone).isoformat()
    return value.isoformat(timespec="minutes")


def published_on(value: dt.date, precision: str, language) -> Markup:
    """'Publié le 27 novembre 2014', 'Publié en octobre 2022', 'Published in 2019':
    the phrase the language uses at the date's precision, the date in a <time>."""
    when = Markup('<time datetime="{}">{}</time>').format(
        iso_date(value, precision), localized_date(value, language.babel_locale, precision))
    if precision in ("month", "year"):
        phrase = language.gettext("Published in %(date)s")
    else:
        phrase = language.gettext("Published on %(date)s")
    return escape(phrase) % {"date": when}
