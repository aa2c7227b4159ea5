"""French typography in what the real site prints: every page, feeds, calendars
(the rules: plugins/llv_typography/tests/)."""

import xml.etree.ElementTree as ET

from icalendar import Calendar

from llv_typography.tests.mistakes import typography_mistakes

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
