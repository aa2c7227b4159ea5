"""French typography in what the real site prints: every page, feeds, calendars
(the rules: plugins/llv/typography/tests/)."""

import json
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from icalendar import Calendar

from llv.typography.tests.mistakes import ENGLISH_MISTAKES, FRENCH_MISTAKES, typography_mistakes

NBSP = "\u00a0"


def test_no_french_text_on_the_site_breaks_french_typography(site):
    mistakes = []
    pages = sorted(site.output.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        mistakes += typography_mistakes(path.read_text(encoding="utf-8"),
                                        path.relative_to(site.output).as_posix())
    assert not mistakes, "\n".join(mistakes[:40])


def test_feeds_and_calendars_of_the_real_site_are_typeset(site):
    atom = (site.output / "actualites" / "atom.xml").read_text(encoding="utf-8")
    assert f"Premier appel à projets{NBSP}: six lauréats retenus" in atom
    for feed in ("actualites/atom.xml", "actualites/rss.xml"):
        root = ET.fromstring((site.output / feed).read_bytes())
        texts = [element.text for element in root.iter()
                 if element.tag.rsplit("}", 1)[-1] in ("title", "summary", "content",
                                                      "description") and element.text]
        assert len(texts) > 5
        for text in texts:
            assert not typography_mistakes(f'<div lang="fr">{text}</div>', feed), text
    calendar = Calendar.from_ical((site.output / "agenda" / "lancement-batiment-totem-2014"
                                   / "lancement-batiment-totem-2014.ics").read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert "l’ancienne école" in str(event["DESCRIPTION"])


METADATA = ('meta[name="description"], meta[property="og:title"], '
            'meta[property="og:description"], meta[property="og:image:alt"]')


def _json_ld_texts(node, key=None):
    """The names and descriptions a JSON-LD block gives, at any depth."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _json_ld_texts(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from _json_ld_texts(value, key)
    elif isinstance(node, str) and key in ("name", "description"):
        yield node


def test_metadata_is_typeset_like_the_text(site):
    """What search engines and social networks show: meta description, Open Graph
    title, description and image alt, names in structured data."""
    mistakes, seen = [], 0
    for path in sorted(site.output.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lang = soup.html.get("lang", "")
        texts = [meta["content"] for meta in soup.select(METADATA)]
        for script in soup.select('script[type="application/ld+json"]'):
            texts += _json_ld_texts(json.loads(script.string))
        rules = [rule for rule in (FRENCH_MISTAKES if lang.startswith("fr") else ENGLISH_MISTAKES)
                 if rule[1] != "an ordinal not raised"]  # plain text: no <sup>
        for text in texts:
            seen += 1
            mistakes += [f"{path.relative_to(site.output)}: {meaning}: {text[:80]!r}"
                         for pattern, meaning in rules if pattern.search(text)]
    assert seen > 300
    assert not mistakes, "\n".join(mistakes[:40])
    about = site.html("/a-propos/").select_one('meta[property="og:image:alt"]')["content"]
    assert about.startswith(f"Page{NBSP}: À propos")
    touch = site.html("/actualites/label-french-touch/")
    assert f"«{NBSP}French Touch{NBSP}»" in touch.select_one('meta[property="og:title"]')["content"]


def test_dates_and_filters_read_as_the_language_says_them(site):
    dates = {url: site.html(url).select_one(".article__date").get_text(" ", strip=True)
             for url in ("/actualites/sixieme-culturathon/", "/actualites/label-french-tech/",
                         "/actualites/lancement-du-batiment-totem/", "/en/news/french-tech-label/",
                         "/en/news/launch-of-the-totem-building/")}
    assert list(dates.values()) == ["Publié en octobre 2022", "Publié en 2019",
                                    "Publié le 27\u00a0novembre 2014", "Published in 2019",
                                    "Published on 27 November 2014"]
    for url in ("/start-up/", "/recherche/"):
        anys = {select["name"]: select.option.get_text()
                for select in site.html(url).select("form select")}
        assert anys["cohort"] == "Toutes les promotions", url
        assert anys["programme"] == "Tous les programmes", url
