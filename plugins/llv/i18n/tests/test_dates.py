"""Dates as readers see them: the first of the month is '1er' in French."""

import datetime as dt

import pytest
from babel import Locale

from llv.i18n.dates import clock_time, localized_date


@pytest.mark.parametrize("value, locale, weekday, expected", [
    (dt.date(2026, 11, 1), "fr_FR", False, "1er novembre 2026"),
    (dt.date(2026, 11, 1), "fr_FR", True, "dimanche 1er novembre 2026"),
    (dt.date(2026, 11, 11), "fr_FR", False, "11 novembre 2026"),
    (dt.date(2026, 11, 21), "fr_FR", False, "21 novembre 2026"),
    (dt.date(2026, 11, 1), "en_GB", True, "Sunday, 1 November 2026"),
])
def test_a_day_in_each_language(value, locale, weekday, expected):
    assert localized_date(value, Locale.parse(locale), "day", weekday) == expected


def test_the_first_with_its_time():
    first = dt.datetime(2027, 1, 1, 18, 30)
    assert localized_date(first, Locale.parse("fr_FR"), "minute", True) == (
        "vendredi 1er janvier 2027, 18\u00a0h\u00a030")


@pytest.mark.parametrize("value, locale, expected", [
    (dt.time(18, 30), "fr_FR", "18\u00a0h\u00a030"), (dt.time(9, 5), "fr_FR", "9\u00a0h\u00a005"),
    (dt.time(18), "fr_FR", "18\u00a0h"), (dt.time(9, 5), "en_GB", "09:05"),
])
def test_hours_as_each_language_writes_them(value, locale, expected):
    assert clock_time(value, Locale.parse(locale)) == expected
