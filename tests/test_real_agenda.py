"""The real agenda: only what the facts support, no day invented."""

import pytest
from icalendar import Calendar

EVENTS = {
    "lancement-batiment-totem-2014": ("jeudi 27\u00a0novembre 2014", "Thursday, 27 November 2014", True),
    "premier-appel-a-projets-2014": ("samedi 21\u00a0juin 2014", "Saturday, 21 June 2014", True),
    "culturathon-2022": ("octobre 2022", "October 2022", False),
    "salon-metiers-art-2015": ("2015", "2015", False),
}


@pytest.mark.parametrize("slug", EVENTS)
def test_event_page_in_both_languages_with_its_precision(site, slug):
    french, english, in_calendar = EVENTS[slug]
    for url, text, lang in ((f"/agenda/{slug}/", french, "fr"), (f"/en/events/{slug}/", english, "en")):
        html = site.html(url)
        assert html.html["lang"] == lang
        assert html.select_one(".event__facts time").get_text(strip=True) == text
        # every real event is past: no page offers to add it to a calendar,
        # though the calendar file of an event known to the day stays published
        assert not html.select('a[href$=".ics"]'), url
        assert (site.output / url.lstrip("/") / f"{slug}.ics").exists() == in_calendar, url


def test_with_nothing_to_come_home_and_agenda_say_so_and_show_the_latest_events(site):
    for home, agenda in (("/", "/agenda/"), ("/en/", "/en/events/")):
        for url in (home, agenda):
            html = site.html(url)
            assert len(html.select(".agenda-none")) == 1, url
            past = [a["href"] for a in html.select(".agenda-none ~ .card-list .event-card__title a")]
            assert past and all(site.exists(site.local(href)) for href in past), url
            links = html.select(".agenda-subscribe a")
            assert any(a["href"].startswith("webcal://") for a in links), url
            assert any(a["href"].endswith("atom.xml") for a in links), url
            # the empty calendar is not offered for download
            assert not [a for a in links if a.get("type") == "text/calendar"], url


def test_apply_page_says_no_call_is_open_and_shows_the_past_call(site):
    for url in ("/candidater/", "/en/apply/"):
        status = site.html(url).select_one(".call-status")
        assert status is not None and "call-status--open" not in status["class"], url
        calls = [site.local(a["href"]) for a in status.select(".event-card__title a")]
        assert any("premier-appel-a-projets-2014" in c for c in calls), url
        assert status.select('.agenda-subscribe a[href^="webcal://"]'), url


def test_past_events_are_in_the_archives(site):
    years = [a.get_text() for a in site.html("/agenda/").select(".agenda__archives a")]
    assert years == ["2022", "2015", "2014"]
    archive = site.html("/en/events/archive/2014/")
    titles = [a.get_text(strip=True) for a in archive.select(".event-card__title a")]
    assert titles == ["Launch of the flagship building project",
                      "First call for projects: six winners selected"]


def test_language_calendar_is_valid_and_holds_no_past_event(site):
    for path in ("agenda/calendar.ics", "en/events/calendar.ics"):
        calendar = Calendar.from_ical((site.output / path).read_bytes())
        assert calendar["VERSION"] == "2.0"
        assert not calendar.walk("VEVENT")  # every real event is in the past


def test_totem_launch_calendar_file(site):
    calendar = Calendar.from_ical(
        (site.output / "agenda/lancement-batiment-totem-2014/lancement-batiment-totem-2014.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "lancement-batiment-totem-2014@louvrelensvallee.com"
    assert event.decoded("DTSTART").isoformat() == "2014-11-27"
    assert str(event["LOCATION"]) == "École Paul Bert, 84 rue Paul Bert, 62300 Lens"
