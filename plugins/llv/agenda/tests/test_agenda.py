"""The agenda on a tiny site whose "now" is 21 November 2026, noon in Paris."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from llv.common.testing import HOME, build_site, page
from llv.search.index import write_index
from llv.typography.output import typeset_output

PARIS = ZoneInfo("Europe/Paris")
SITEURL = "https://llv.example"

PARTNER = """\
slug: call-agglo
name: Communauté d'agglomération de Lens-Liévin
kind: founding-member
website: https://example.org/call
description:
  fr: Membre fondateur.
  en: Founding member.
"""

EVENTS = {
    "afterwork-janvier": """\
slug: afterwork-janvier
kind: afterwork
title:
  fr: Afterwork de janvier
  en: January afterwork
description:
  fr: Rencontre entre start-up et partenaires.
  en: Start-ups meet partners.
start: 2027-01-14 18:30
end: 2027-01-14 21:00
place:
  name: Louvre Lens Vallée
  address: 84 rue Paul Bert, 62300 Lens
  latitude: 50.4316
  longitude: 2.8307
registration: https://example.org/inscription
price: free
languages: [fr, en]
organisers: [call-agglo]
""",
    "atelier-decembre": """\
slug: atelier-decembre
kind: workshop
title:
  fr: Atelier de décembre
  en: December workshop
start: 2026-12-03
end: 2026-12-04
place:
  name: MuséoLab
price: 12.5
""",
    "conference-annulee": """\
slug: conference-annulee
kind: conference
title:
  fr: Conférence annulée
start: 2026-12-10 14:00
status: cancelled
online: https://example.org/live
""",
    "appel-2027": """\
slug: appel-2027
kind: call-for-projects
title:
  fr: Appel à projets 2027
  en: 2027 call for projects
start: 2026-11-01
opens: 2026-11-01
closes: 2027-01-15
""",
    "culturathon-2022": """\
slug: culturathon-2022
kind: culturathon
title:
  fr: Sixième Culturathon
  en: Sixth Culturathon
start: 2022-10
""",
    "salon-2015": """\
slug: salon-2015
kind: salon
title:
  fr: Salon des métiers d'art
  en: Arts and crafts fair
start: 2015
""",
}


def _files():
    return {**HOME, "partners/call-agglo.yaml": PARTNER,
            **{f"events/{slug}.yaml": text for slug, text in EVENTS.items()}}


def _build(folder, **settings):
    # llv.news: the home page lists the news beside the agenda
    return build_site(folder, _files(), {"SITEURL": SITEURL, **settings})


@pytest.fixture(scope="module")
def agenda_site(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("agenda"))


def _cards(site, url, selector=".agenda__upcoming .event-card__title a"):
    return [site.local(a["href"]) for a in site.html(url).select(selector)]


def test_upcoming_events_soonest_first_per_language(agenda_site):
    assert _cards(agenda_site, "/agenda/") == [
        "/agenda/appel-2027/", "/agenda/atelier-decembre/", "/agenda/conference-annulee/",
        "/agenda/afterwork-janvier/",
    ]
    english = agenda_site.html("/en/events/")
    titles = [a.get_text(strip=True) for a in english.select(".agenda__upcoming .event-card__title a")]
    assert titles == ["2027 call for projects", "December workshop", "Conférence annulée",
                      "January afterwork"]
    # the French fallback title is marked as French
    fallback = english.select(".agenda__upcoming .event-card__title a span")[2]
    assert fallback["lang"] == "fr"


def test_past_events_are_archived_by_year(agenda_site):
    links = _cards(agenda_site, "/agenda/", ".agenda__archives a")
    assert links == ["/agenda/archives/2022/", "/agenda/archives/2015/"]
    assert _cards(agenda_site, "/agenda/archives/2022/", ".event-card__title a") == [
        "/agenda/culturathon-2022/"]
    assert _cards(agenda_site, "/en/events/archive/2015/", ".event-card__title a") == [
        "/en/events/salon-2015/"]


def test_open_call_shows_its_deadline(agenda_site):
    french = agenda_site.html("/agenda/").select_one(".agenda__calls .event-card__deadline")
    english = agenda_site.html("/en/events/").select_one(".agenda__calls .event-card__deadline")
    assert french.get_text(strip=True) == "candidatures jusqu’au 15\u00a0janvier 2027"
    assert english.get_text(strip=True) == "applications close 15 January 2027"


def test_dates_read_as_precisely_as_known(agenda_site):
    def when(url):
        return agenda_site.html(url).select_one(".event__facts time").get_text(strip=True)

    assert when("/agenda/culturathon-2022/") == "octobre 2022"
    assert when("/en/events/culturathon-2022/") == "October 2022"
    assert when("/agenda/salon-2015/") == "2015"
    assert when("/agenda/afterwork-janvier/") == "jeudi 14\u00a0janvier 2027, de\u00a018\u00a0h\u00a030 à\u00a021\u00a0h"
    assert when("/en/events/afterwork-janvier/") == "Thursday, 14 January 2027, 18:30–21:00"
    assert when("/en/events/atelier-decembre/") == "from 3 December 2026 to 4 December 2026"
    assert agenda_site.html("/agenda/atelier-decembre/").select_one(
        ".event__facts").get_text(" ", strip=True).count("12,50\u00a0€") == 1


def _calendar(site, path):
    return Calendar.from_ical((site.output / path).read_bytes())


def test_every_calendar_file_parses_back(agenda_site):
    files = sorted(agenda_site.output.rglob("*.ics"))
    assert files, "no calendar written"
    for path in files:
        calendar = Calendar.from_ical(path.read_bytes())
        for event in calendar.walk("VEVENT"):
            assert event["UID"].endswith("@llv.example")
            assert event.get("DTSTART") is not None


def test_timed_event_in_paris_time_with_vtimezone(agenda_site):
    calendar = _calendar(agenda_site, "agenda/afterwork-janvier/afterwork-janvier.ics")
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2027, 1, 14, 18, 30, tzinfo=PARIS)
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(event["SUMMARY"]) == "Afterwork de janvier"
    assert str(event["URL"]) == f"{SITEURL}/agenda/afterwork-janvier/"
    assert event.decoded("GEO") is not None


def test_all_day_multi_day_event_uses_dates(agenda_site):
    (event,) = _calendar(agenda_site, "en/events/atelier-decembre/atelier-decembre.ics").walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2026, 12, 3)
    assert event.decoded("DTEND") == dt.date(2026, 12, 5)  # exclusive end
    assert str(event["SUMMARY"]) == "December workshop"


def test_language_calendar_lists_upcoming_events_known_to_the_day(agenda_site):
    calendar = _calendar(agenda_site, "agenda/calendar.ics")
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "afterwork-janvier@llv.example", "atelier-decembre@llv.example",
        "conference-annulee@llv.example", "appel-2027@llv.example",
    }
    assert str(events["conference-annulee@llv.example"]["STATUS"]) == "CANCELLED"
    assert str(events["afterwork-janvier@llv.example"]["STATUS"]) == "CONFIRMED"


def test_event_known_only_by_month_stays_out_of_calendars(agenda_site):
    assert not (agenda_site.output / "agenda/culturathon-2022/culturathon-2022.ics").exists()
    html = agenda_site.html("/agenda/culturathon-2022/")
    assert not html.select('a[href$=".ics"]')


def test_uid_and_calendar_bytes_are_stable_across_builds(agenda_site, tmp_path):
    again = _build(tmp_path)
    for path in ("agenda/calendar.ics", "en/events/afterwork-janvier/afterwork-janvier.ics"):
        assert (again.output / path).read_bytes() == (agenda_site.output / path).read_bytes()


def test_add_to_calendar_and_webcal_links(agenda_site):
    html = agenda_site.html("/agenda/afterwork-janvier/")
    add = html.select_one('.event a[href$="afterwork-janvier.ics"]')
    assert agenda_site.exists(agenda_site.local(add["href"]))
    agenda = agenda_site.html("/agenda/")
    webcal = agenda.select_one('a[href^="webcal://"]')
    assert webcal["href"] == "webcal://llv.example/agenda/calendar.ics"


def test_events_atom_feed_per_language(agenda_site):
    root = ET.parse(agenda_site.output / "en/events/atom.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    titles = [e.findtext(f"{ns}title") for e in root.findall(f"{ns}entry")]
    assert set(titles) == {"December workshop", "Conférence annulée", "2027 call for projects",
                           "January afterwork"}


def _json_ld(site, url):
    blocks = [json.loads(s.string) for s in site.html(url).find_all("script", type="application/ld+json")]
    (event,) = [b for b in blocks if b.get("@type") == "Event"]
    return event


def test_event_json_ld(agenda_site):
    data = _json_ld(agenda_site, "/en/events/afterwork-janvier/")
    assert data["@type"] == "Event" and data["name"] == "January afterwork"
    assert data["startDate"] == "2027-01-14T18:30:00+01:00"
    assert data["endDate"] == "2027-01-14T21:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == "84 rue Paul Bert, 62300 Lens"
    assert data["organizer"] == [{"@type": "Organization", "name": "Communauté d'agglomération de Lens-Liévin",
                                  "url": "https://example.org/call"}]
    assert data["offers"] == {"@type": "Offer", "price": "0", "priceCurrency": "EUR",
                              "url": "https://example.org/inscription"}


def test_cancelled_online_event_json_ld(agenda_site):
    data = _json_ld(agenda_site, "/agenda/conference-annulee/")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    status = agenda_site.html("/agenda/conference-annulee/").select_one(".event__status")
    assert status.get_text(strip=True) == "Annulé"


def test_untranslated_event_is_listed(agenda_site):
    assert "conference-annulee.yaml: event 'conference-annulee' has no translation in en" in agenda_site.log


def test_rebuild_at_another_time_of_day_rewrites_no_calendar(agenda_site, tmp_path):
    later = _build(tmp_path, BUILD_NOW="2026-11-21T23:59:00")
    for path in agenda_site.output.rglob("*"):
        if path.suffix in (".ics", ".xml") and path.is_file():
            relative = path.relative_to(agenda_site.output)
            assert (later.output / relative).read_bytes() == path.read_bytes(), relative


def test_home_shows_open_calls_with_deadline_and_the_next_three_events(agenda_site):
    french, english = agenda_site.html("/"), agenda_site.html("/en/")
    assert [d.get_text(strip=True) for d in french.select(".home__calls .event-card__deadline")] == [
        "candidatures jusqu’au 15\u00a0janvier 2027"]
    assert [d.get_text(strip=True) for d in english.select(".home__calls .event-card__deadline")] == [
        "applications close 15 January 2027"]
    events = [agenda_site.local(a["href"]) for a in english.select(".home__events .event-card__title a")]
    assert events == ["/en/events/atelier-decembre/", "/en/events/conference-annulee/",
                      "/en/events/afterwork-janvier/"]


def test_calendars_are_typeset_in_the_event_s_language(tmp_path):
    site = build_site(tmp_path, {"events/atelier.yaml": """\
slug: atelier
kind: workshop
title:
  fr: "Atelier : l'outil"
description:
  fr: "Un 2e atelier ; gratuit !"
start: 2027-01-14 18:30
"""})
    (event,) = _calendar(site, "agenda/atelier/atelier.ics").walk("VEVENT")
    assert str(event["SUMMARY"]) == "Atelier\u00a0: l’outil"
    assert str(event["DESCRIPTION"]) == "Un 2e atelier\u202f; gratuit\u202f!"


def test_the_feed_shows_an_event_s_plain_text_as_text(tmp_path):
    from bs4 import BeautifulSoup

    text = "<script>alert(1)</script> <b>gras</b> R&D &amp; co"
    event = (f"slug: atelier\nkind: workshop\ntitle:\n  fr: {text!r}\ndescription:\n  fr: {text!r}\n"
             "start: 2026-12-01\n")
    # the text as written: typography left out (its own tests)
    site = build_site(tmp_path, {**HOME, "events/atelier.yaml": event}, without={typeset_output, write_index})
    ns = "{http://www.w3.org/2005/Atom}"
    (entry,) = ET.parse(site.output / "agenda/atom.xml").getroot().findall(f"{ns}entry")
    summary = entry.find(f"{ns}summary")
    assert summary.get("type") == "html"
    shown = BeautifulSoup(summary.text, "html.parser")  # as a feed reader renders it
    assert shown.find() is None and shown.get_text().endswith(" — " + text)
    assert entry.findtext(f"{ns}title") == text


def test_apply_page_says_a_call_is_open_with_its_deadline(tmp_path):
    files = {**_files(),
             "pages/apply.fr.md": page("Candidater", "candidater"),
             "pages/apply.en.md": page("Apply", "apply")}
    site = build_site(tmp_path, files,
                      {"SITEURL": SITEURL, "APPLY_PAGE_KEY": "apply"})
    for url, deadline in (("/candidater/", "candidatures jusqu’au 15\u00a0janvier 2027"),
                          ("/en/apply/", "applications close 15 January 2027")):
        status = site.html(url).select_one(".call-status")
        assert "call-status--open" in status["class"], url
        assert [d.get_text(strip=True) for d in status.select(".event-card__deadline")] == [deadline]
    # something is to come: no "nothing scheduled" line on the home page or the agenda
    for url in ("/", "/agenda/", "/en/", "/en/events/"):
        assert not site.html(url).select(".agenda-none"), url
