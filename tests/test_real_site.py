"""The real site, as a visitor in French or English would find it."""

import xml.etree.ElementTree as ET

import pytest

from tests.sitetools import PRODUCTION_URL

# key: (French URL, English URL)
PAGES = {
    "home": ("/", "/en/"),
    "about": ("/a-propos/", "/en/about/"),
    "services": ("/offre-de-services/", "/en/services/"),
    "place": ("/le-lieu/", "/en/the-place/"),
    "apply": ("/candidater/", "/en/apply/"),
    "contact": ("/contact/", "/en/contact/"),
    "legal": ("/mentions-legales/", "/en/legal-notice/"),
    "accessibility": ("/accessibilite/", "/en/accessibility/"),
    "privacy": ("/donnees-personnelles/", "/en/privacy/"),
    "news index": ("/actualites/", "/en/news/"),
}
NEWS = {
    "first call": ("/actualites/premier-appel-a-projets-six-laureats/",
                   "/en/news/first-call-for-projects-six-winners/"),
    "totem launch": ("/actualites/lancement-du-batiment-totem/",
                     "/en/news/launch-of-the-totem-building/"),
    "french tech": ("/actualites/label-french-tech/", "/en/news/french-tech-label/"),
    "french touch": ("/actualites/label-french-touch/", "/en/news/french-touch-label/"),
    "culturathon": ("/actualites/sixieme-culturathon/", "/en/news/sixth-culturathon/"),
}
ALL = {**PAGES, **NEWS}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("key", ALL)
def test_language_and_hreflang_alternates(site, key):
    french, english = ALL[key]
    for url, lang in ((french, "fr"), (english, "en")):
        html = site.html(url)
        assert html.html["lang"] == lang
        alternates = {
            link["hreflang"]: site.local(link["href"])
            for link in html.find_all("link", rel="alternate", hreflang=True)
        }
        assert alternates == {"fr": french, "en": english, "x-default": french}, url
        canonical = html.find("link", rel="canonical")["href"]
        assert canonical == PRODUCTION_URL + url


@pytest.mark.parametrize("key", ALL)
def test_language_switch_leads_to_the_translation(site, key):
    french, english = ALL[key]
    for url, other_url, other_lang in ((french, english, "en"), (english, french, "fr")):
        switch = site.html(url).select_one("nav.language-switch")
        links = switch.find_all("a")
        assert len(links) == 1
        assert site.local(links[0]["href"]) == other_url
        assert links[0]["lang"] == other_lang and links[0]["hreflang"] == other_lang


def test_ui_strings_are_translated(site):
    french, english = site.html("/a-propos/"), site.html("/en/about/")
    assert french.select_one("a.skip-link").get_text(strip=True) == "Aller au contenu"
    assert english.select_one("a.skip-link").get_text(strip=True) == "Skip to content"
    assert french.select_one("nav.site-nav")["aria-label"] == "Menu principal"
    assert english.select_one("nav.site-nav")["aria-label"] == "Main menu"
    english_nav = [a.get_text(strip=True) for a in english.select("nav.site-nav a")]
    assert "News" in english_nav and "Actualités" not in english_nav
    assert "Accessibility: non-compliant" in english.select_one("footer").get_text(" ", strip=True)
    assert "Accessibilité\u00a0: non conforme" in french.select_one("footer").get_text(" ", strip=True)


def test_dates_are_localized(site):
    french_url, english_url = NEWS["totem launch"]
    french_time = site.html(french_url).select_one("article time")
    english_time = site.html(english_url).select_one("article time")
    assert french_time.get_text() == "27\u00a0novembre 2014"
    assert english_time.get_text() == "27 November 2014"
    assert french_time["datetime"] == english_time["datetime"] == "2014-11-27"


def test_a_month_is_shown_as_a_month(site):
    french_url, english_url = NEWS["culturathon"]
    assert site.html(french_url).select_one("article time").get_text() == "octobre 2022"
    assert site.html(english_url).select_one("article time").get_text() == "October 2022"
    assert site.html(french_url).select_one("article time")["datetime"] == "2022-10"


def test_navigation_stays_in_the_page_language(site):
    nav = site.html("/en/").select("nav.site-nav a")
    assert nav, "no navigation"
    for link in nav:
        assert site.local(link["href"]).startswith("/en/"), link
    for link in site.html("/").select("nav.site-nav a"):
        assert not site.local(link["href"]).startswith("/en/"), link


def test_current_page_is_marked_in_the_navigation(site):
    current = site.html("/a-propos/").select('nav.site-nav a[aria-current="page"]')
    assert [site.local(a["href"]) for a in current] == ["/a-propos/"]


def test_footer_has_address_legal_links_and_skip_target(site):
    for url in ("/", "/en/"):
        html = site.html(url)
        footer = html.select_one("footer")
        assert "84 rue Paul Bert" in footer.address.get_text()
        assert not footer.select_one('a[href^="tel:"]')  # LLV's number: not known yet
        hrefs = {site.local(a["href"]) for a in footer.select("nav a")}
        expected = {PAGES[k][0 if url == "/" else 1] for k in ("legal", "accessibility", "privacy")}
        assert expected <= hrefs
        assert html.select_one("a.skip-link")["href"] == "#content"
        assert html.select_one("main#content")
        assert len(html.find_all("h1")) == 1


def test_contact_links_to_openstreetmap_without_embed(site):
    for url in PAGES["contact"]:
        html = site.html(url)
        assert html.select('a[href^="https://www.openstreetmap.org/"]'), url
        assert not html.find("iframe")


def _feed_entries(site, path, kind):
    tree = ET.parse(site.output / path)
    if kind == "atom":
        root = tree.getroot()
        return root, [
            (e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href"))
            for e in root.findall(f"{ATOM}entry")
        ]
    channel = tree.getroot().find("channel")
    return channel, [(i.findtext("title"), i.findtext("link")) for i in channel.findall("item")]


@pytest.mark.parametrize("kind", ["atom", "rss"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_feeds_list_the_posts_of_their_language(site, lang, kind):
    folder = "actualites" if lang == "fr" else "en/news"
    _, entries = _feed_entries(site, f"{folder}/{'atom' if kind == 'atom' else 'rss'}.xml", kind)
    links = {site.local(link) for _, link in entries}
    expected = {urls[0 if lang == "fr" else 1] for urls in NEWS.values()}
    assert links == expected
    for title, link in entries:
        assert title == site.html(site.local(link)).h1.get_text(strip=True)


def test_news_index_lists_the_posts_newest_first(site):
    for index, lang in (("/actualites/", 0), ("/en/news/", 1)):
        links = [site.local(a["href"]) for a in site.html(index).select(".news-card a")]
        assert set(links) == {urls[lang] for urls in NEWS.values()}
        dates = [t["datetime"] for t in site.html(index).select(".news-card time")]
        assert dates == sorted(dates, reverse=True)


def test_home_shows_latest_news(site):
    cards = site.html("/en/").select(".news-card a")
    assert len(cards) == 3
    assert all(site.local(a["href"]).startswith("/en/news/") for a in cards)


def test_every_internal_link_resolves(site):
    broken = []
    for html_file in site.output.rglob("*.html"):
        html = site.html("/" + str(html_file.relative_to(site.output)))
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in html.find_all(tag):
                target = element.get(attribute)
                if not target or target.startswith(("#", "tel:", "mailto:", "webcal:")):
                    continue
                local = site.local(target)
                if local.startswith(("http:", "https:")):
                    continue
                if not site.exists(local.split("#")[0]):
                    broken.append(f"{html_file.relative_to(site.output)} -> {target}")
    assert not broken, "\n".join(broken)


def test_build_reports_no_untranslated_item(site):
    assert "without translation" not in site.log
