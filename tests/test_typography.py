"""French typography in what the site prints: built pages, feeds, calendars.

French text gets no-break spaces before `: ; ! ?` and inside « », digit groups
that never wrap, ’ apostrophes and raised ordinals; English keeps English rules;
nothing changes inside tags, attributes, code or JSON-LD.
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from icalendar import Calendar

from tests.sitetools import build_fixture_site, page

NBSP, NNBSP = "\u00a0", "\u202f"
SKIPPED = {"code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg", "math"}

# What French typography forbids in a text, and what it means.
FRENCH_MISTAKES = [
    (re.compile(r"[ \t\r\n][:;!?»]|«[ \t\r\n]"), "a plain space before : ; ! ? » or after «"),
    (re.compile(r"\w[;!?](?=\s|$)|\w:(?=\s|$)"), "no space before : ; ! ?"),
    (re.compile(r"['\"]"), "a straight apostrophe or quote"),
    (re.compile(r"(?<![\d,.])\d{1,3}[ \t\r\n]\d{3}(?!\d)"), "a digit group that can wrap"),
    (re.compile(r"\b\d+(?:ème|eme|ère|è)\b"), "an ordinal in a wrong form"),
    (re.compile(r"\b\d+(?:er|re|e|es)\b"), "an ordinal not raised"),
]
ENGLISH_MISTAKES = [(re.compile(r"['\"]"), "a straight apostrophe or quote")]


def texts_by_language(html: str):
    """(language, element, text) of every run of text a reader sees: not code, not
    attributes."""
    soup = BeautifulSoup(html, "html.parser")

    def walk(node, lang):
        lang = node.get("lang", lang) if hasattr(node, "get") else lang
        for child in node.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, str):
                yield lang, node.name, str(child)
            elif child.name not in SKIPPED:
                yield from walk(child, lang)

    yield from walk(soup, None)


def typography_mistakes(html: str, where: str) -> list[str]:
    found = []
    for lang, element, text in texts_by_language(html):
        rules = FRENCH_MISTAKES if (lang or "").startswith("fr") else ENGLISH_MISTAKES
        if element == "title":  # plain text: ordinals cannot be raised there
            rules = [rule for rule in rules if rule[1] != "an ordinal not raised"]
        for pattern, meaning in rules:
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 25):match.end() + 25].strip()
                found.append(f"{where}: {meaning}: {context!r}")
    return found


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


FRENCH_PAGE = page("Essai de typographie", "typographie", body="""\
Premier appel : six lauréats ; « French Touch » ! Pourquoi? l'école, "citation".

Plus de 22 000 visiteurs, 300 exposants, 350 m² et 50 %. Le 6ème Culturathon, la 1ère fois,
le 1er juillet 1901, la loi n° 2005-102. Code postal 62300, téléphone 03 21 21 62 16,
à 18:30, sur https://exemple.fr/a?b=1.

Un [lien](https://exemple.fr/l'a?b=1;c "titre : l'info") et du code `a : b 'x'`.

    bloc : de 'code'

<p lang="en">An English quote: it's "fine".</p>
""")
ENGLISH_PAGE = page("Typography test", "typography", body="""\
It's "fine": no space before colons; 22,000 visitors.
""")
EVENT = """\
slug: atelier
kind: workshop
title:
  fr: "Atelier : l'outil"
description:
  fr: "Un 2e atelier ; gratuit !"
start: 2027-01-14 18:30
"""


@pytest.fixture(scope="module")
def typeset_site(tmp_path_factory):
    site = build_fixture_site(tmp_path_factory.mktemp("typography"), {
        "pages/typographie.fr.md": FRENCH_PAGE,
        "pages/typographie.en.md": ENGLISH_PAGE,
        "news/essai.fr.md": '---\ntitle: "Essai : le flux"\nslug: essai\nsummary: Un essai.\n'
                            "date: 2026-11-01\n---\n\nUn texte d'essai ; voilà !\n",
        "events/atelier.yaml": EVENT,
    }, 'SITEURL = "https://llv.example"\n')
    assert site.returncode == 0, site.log
    return site


def _prose(site, url) -> str:
    html = site.path_for(url).read_text(encoding="utf-8")
    return html[html.index('<div class="prose">'):html.index("</article>")]


def test_french_text_is_typeset(typeset_site):
    prose = _prose(typeset_site, "/typographie/")
    for expected in (
        f"Premier appel{NBSP}: six lauréats{NNBSP}; «{NBSP}French Touch{NBSP}»{NNBSP}!",
        f"Pourquoi{NNBSP}? l’école, «{NBSP}citation{NBSP}».",
        f"22{NNBSP}000 visiteurs", f"350{NBSP}m²", f"50{NBSP}%",
        "Le 6<sup>e</sup> Culturathon, la 1<sup>re</sup> fois",
        "le 1<sup>er</sup> juillet 1901", f"loi n<sup>o</sup>{NBSP}2005-102",
        "Code postal 62300", "à 18:30, sur https://exemple.fr/a?b=1.",
    ):
        assert expected in prose, expected
    assert not typography_mistakes(prose, "/typographie/")


def test_nothing_changes_inside_urls_attributes_code_or_json_ld(typeset_site):
    prose = _prose(typeset_site, "/typographie/")
    assert '<a href="https://exemple.fr/l\'a?b=1;c" title="titre : l\'info">lien</a>' in prose
    assert "<code>a : b 'x'</code>" in prose
    assert "<pre><code>bloc : de 'code'" in prose
    html = typeset_site.html("/agenda/atelier/")
    blocks = [json.loads(script.string)
              for script in html.find_all("script", type="application/ld+json")]
    event = next(block for block in blocks if block["@type"] == "Event")
    assert event["name"] == "Atelier : l'outil"
    assert html.h1.get_text() == f"Atelier{NBSP}: l’outil"
    assert html.find("meta", property="og:title")["content"] == "Atelier : l'outil — Louvre Lens Vallée"
    assert html.title.get_text() == f"Atelier{NBSP}: l’outil — Louvre Lens Vallée"


def test_english_keeps_english_rules(typeset_site):
    french = _prose(typeset_site, "/typographie/")
    assert "An English quote: it’s “fine”." in french
    english = _prose(typeset_site, "/en/typography/")
    assert "It’s “fine”: no space before colons; 22,000 visitors." in english
    # an English page showing a French text marks it French, and types it so
    card = typeset_site.html("/en/events/atelier/")
    assert card.h1.get_text() == f"Atelier{NBSP}: l’outil"
    assert card.find("article")["lang"] == "fr"


def test_feeds_calendars_and_ui_strings_are_typeset(typeset_site):
    atom = (typeset_site.output / "actualites" / "atom.xml").read_text(encoding="utf-8")
    assert f"<title>Essai{NBSP}: le flux</title>" in atom
    assert f"Un texte d’essai{NNBSP}; voilà{NNBSP}!" in atom
    ics = Calendar.from_ical((typeset_site.output / "agenda" / "atelier" / "atelier.ics").read_bytes())
    event = next(iter(ics.walk("VEVENT")))
    assert str(event["SUMMARY"]) == f"Atelier{NBSP}: l’outil"
    assert str(event["DESCRIPTION"]) == f"Un 2e atelier{NNBSP}; gratuit{NNBSP}!"
    footer = typeset_site.html("/typographie/").select_one("footer").get_text()
    assert f"Accessibilité{NBSP}: non conforme" in footer
