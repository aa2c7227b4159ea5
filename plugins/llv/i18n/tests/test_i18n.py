"""Languages on tiny sites: URLs, the language switch, hreflang alternates, the
untranslated report, a third language."""

import shutil

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from pelican.settings import read_settings

from llv.common.testing import HOME, SITE_SETTINGS, build_site, page


def test_page_without_translation_switches_to_the_other_home(tmp_path):
    site = build_site(tmp_path, {
        "pages/about.fr.md": page("À propos", "a-propos"),
        "pages/about.en.md": page("About", "about"),
        "pages/legal.fr.md": page("Mentions légales", "mentions-legales"),
    })
    html = site.html("/mentions-legales/")
    link = html.select_one("nav.language-switch a")
    assert link["href"] == "/en/" and link["lang"] == "en"
    assert "this page has no translation" in link.get_text()
    alternates = {l["hreflang"]: l["href"] for l in html.find_all("link", hreflang=True)}
    assert alternates == {"fr": "/mentions-legales/", "x-default": "/mentions-legales/"}
    # the translated page links to its translation
    about = site.html("/a-propos/")
    assert about.select_one("nav.language-switch a")["href"] == "/en/about/"
    assert {l["hreflang"]: l["href"] for l in about.find_all("link", hreflang=True)} == {
        "fr": "/a-propos/", "en": "/en/about/", "x-default": "/a-propos/"}
    # the build lists what is untranslated, at the end
    assert "1 item(s) without translation" in site.log
    assert "pages/legal.fr.md: page 'legal' has no translation in en" in site.log


def test_english_only_item_has_english_url_and_french_switch_home(tmp_path):
    site = build_site(tmp_path, {"pages/press.en.md": page("Press", "press")})
    html = site.html("/en/press/")
    assert html.html["lang"] == "en"
    assert html.select_one("nav.language-switch a")["href"] == "/"
    assert html.find("link", hreflang="x-default")["href"] == "/en/press/"


def test_a_third_language_is_configuration_catalogue_and_content(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(SITE_SETTINGS.parent / "theme" / "translations", translations)
    catalogue = Catalog(locale="nl")
    catalogue.add("Skip to content", "Naar de inhoud")
    (translations / "nl" / "LC_MESSAGES").mkdir(parents=True)
    with open(translations / "nl" / "LC_MESSAGES" / "messages.mo", "wb") as compiled:
        write_mo(compiled, catalogue)
    languages = read_settings(str(SITE_SETTINGS))["LANGUAGES"]
    languages["nl"] = {"name": "Nederlands", "locale": "nl_NL", "prefix": "nl/",
                       "sections": {**languages["en"]["sections"], "news": "nieuws"}}
    site = build_site(tmp_path, {
        **HOME,
        "pages/home.nl.md": page("Welkom", "welkom", template="home"),
        "pages/about.fr.md": page("À propos", "a-propos"),
        "pages/about.nl.md": page("Over ons", "over-ons"),
        "news/item.nl.md": page("Nieuws", "nieuws-1", date="2024-05-03"),
    }, {"LANGUAGES": languages, "I18N_TRANSLATIONS_DIR": str(translations)})
    html = site.html("/nl/over-ons/")
    assert html.html["lang"] == "nl"
    assert html.select_one("a.skip-link").get_text() == "Naar de inhoud"
    switch = {a["lang"]: a["href"] for a in html.select("nav.language-switch a")}
    assert switch == {"fr": "/a-propos/", "en": "/en/"}
    assert site.html("/nl/nieuws/nieuws-1/").select_one("article time").get_text() == "3 mei 2024"
    assert site.exists("/nl/nieuws/") and (site.output / "nl/nieuws/atom.xml").is_file()
