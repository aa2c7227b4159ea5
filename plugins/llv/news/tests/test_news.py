"""News in each language: the paginated index, the feeds, posts waiting for their day
(tiny sites whose "now" is 21 November 2026, noon)."""

import xml.etree.ElementTree as ET

from llv.common.testing import build_site, page
from llv.search.index import write_index
from llv.typography.output import typeset_output

ATOM = "{http://www.w3.org/2005/Atom}"


def _news(n, lang):
    slug = f"actu-{n}" if lang == "fr" else f"news-{n}"
    return page(f"Item {n} {lang}", slug, date=f"2020-01-{n:02d}")


def test_news_index_is_paginated_per_language(tmp_path):
    files = {f"news/item-{n}.fr.md": _news(n, "fr") for n in range(1, 6)}
    files |= {f"news/item-{n}.en.md": _news(n, "en") for n in range(1, 4)}
    site = build_site(tmp_path, files, {"NEWS_PER_PAGE": 2})
    assert [a.get_text() for a in site.html("/actualites/").select(".news-card a")] == [
        "Item 5 fr", "Item 4 fr"]
    assert site.exists("/actualites/page/3/") and not site.exists("/actualites/page/4/")
    assert site.exists("/en/news/page/2/") and not site.exists("/en/news/page/3/")
    page3 = site.html("/actualites/page/3/")
    assert page3.select_one('a[rel="prev"]')["href"] == "/actualites/page/2/"
    assert page3.select_one('a[rel="next"]') is None
    # page 3 has no English counterpart: its switch goes to the English home
    assert page3.select_one("nav.language-switch a")["href"] == "/en/"
    assert site.html("/actualites/page/2/").select_one("nav.language-switch a")["href"] == "/en/news/page/2/"
    # the English news are in English, the French in French
    assert {a.get_text() for a in site.html("/en/news/").select(".news-card a")} == {
        "Item 3 en", "Item 2 en"}


def test_each_language_has_its_feeds_advertised_on_its_pages(tmp_path):
    files = {"news/a.fr.md": _news(1, "fr"), "news/a.en.md": _news(1, "en"),
             "news/b.fr.md": _news(2, "fr")}
    site = build_site(tmp_path, files, {"SITEURL": "https://llv.example"})
    atom = ET.parse(site.output / "en/news/atom.xml").getroot()
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert [e.find(f"{ATOM}link").get("href") for e in atom.findall(f"{ATOM}entry")] == [
        "https://llv.example/en/news/news-1/"]
    rss = ET.parse(site.output / "actualites/rss.xml").getroot().find("channel")
    assert rss.findtext("language") == "fr"
    assert [i.findtext("title") for i in rss.findall("item")] == ["Item 2 fr", "Item 1 fr"]
    feeds = site.html("/en/news/news-1/").find_all("link", rel="alternate", type="application/atom+xml")
    assert [site.local(f["href"]) for f in feeds] == ["/en/news/atom.xml"]


def test_a_news_post_dated_tomorrow_waits_for_its_day(tmp_path):
    files = {
        "news/today.fr.md": page("Aujourd'hui", "aujourd-hui", date="2026-11-21"),
        "news/later.fr.md": page("Demain", "demain", date="2026-11-22"),
        "news/later.en.md": page("Tomorrow", "tomorrow", date="2026-11-22"),
    }
    site = build_site(tmp_path / "a", files)  # its "now": 21 November 2026, noon
    assert site.exists("/actualites/aujourd-hui/")
    assert not site.exists("/actualites/demain/") and not site.exists("/en/news/tomorrow/")
    assert "Demain" not in site.html("/actualites/").text
    assert "Demain" not in (site.output / "actualites" / "atom.xml").read_text()
    nightly = build_site(tmp_path / "b", files, {"BUILD_NOW": "2026-11-22T03:17:00"})
    assert nightly.exists("/actualites/demain/") and nightly.exists("/en/news/tomorrow/")


FEED_TEXTS = [  # plain text as an editor writes it, in a title or a summary
    "<script>alert(1)</script> en tête",
    "Du <b>gras</b> écrit en HTML",
    "R&D et Tom & Jerry",
    "L’entité &amp; écrite telle quelle",
    "Un <a href='https://elsewhere.example'>lien</a> et &lt;ceci&gt;",
]


def _as_a_reader_shows(element) -> str:
    """The text a feed reader shows for an Atom or RSS text element: HTML (Atom
    `type="html"`, RSS descriptions) is parsed as HTML; it must hold no element."""
    from bs4 import BeautifulSoup

    text = element.text or ""
    if element.get("type", "text") == "text" and element.tag != "description":
        return text
    soup = BeautifulSoup(text, "html.parser")
    assert soup.find() is None, f"markup in {element.tag}: {text!r}"
    return soup.get_text()


def test_plain_text_reaches_the_feeds_as_text(tmp_path):
    files = {f"news/n{i}.fr.md": "---\n" f"title: {text!r}\nslug: n{i}\nsummary: {text!r}\n"
             f"date: 2020-01-0{i + 1}\n---\n\nTexte.\n" for i, text in enumerate(FEED_TEXTS)}
    site = build_site(tmp_path, files, without={typeset_output, write_index})  # the text as written
    atom = ET.parse(site.output / "actualites/atom.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    rss = ET.parse(site.output / "actualites/rss.xml").getroot().find("channel").findall("item")
    expected = list(reversed(FEED_TEXTS))  # newest first
    assert [_as_a_reader_shows(e.find(f"{ATOM}summary")) for e in entries] == expected
    assert [_as_a_reader_shows(e.find(f"{ATOM}title")) for e in entries] == expected
    assert [_as_a_reader_shows(i.find("description")) for i in rss] == expected
    assert [i.findtext("title") for i in rss] == expected
