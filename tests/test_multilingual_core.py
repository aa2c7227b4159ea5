"""The multilingual core on tiny sites built with the real theme and plugins."""

import shutil
import subprocess
import sys

from tests.sitetools import ROOT, build_fixture_site, page

HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
}


def test_page_without_translation_switches_to_the_other_home(tmp_path):
    site = build_fixture_site(tmp_path, {
        **HOME,
        "pages/about.fr.md": page("À propos", "a-propos"),
        "pages/about.en.md": page("About", "about"),
        "pages/legal.fr.md": page("Mentions légales", "mentions-legales"),
    })
    assert site.returncode == 0, site.log
    html = site.html("/mentions-legales/")
    link = html.select_one("nav.language-switch a")
    assert link["href"] == "/en/" and link["lang"] == "en"
    assert "this page has no translation" in link.get_text()
    alternates = {l["hreflang"]: l["href"] for l in html.find_all("link", hreflang=True)}
    assert alternates == {"fr": "/mentions-legales/", "x-default": "/mentions-legales/"}
    # the translated page still links to its translation
    assert site.html("/a-propos/").select_one("nav.language-switch a")["href"] == "/en/about/"
    # the build lists what is untranslated, at the end
    assert "1 item(s) without translation" in site.log
    assert "pages/legal.fr.md: page 'legal' has no translation in en" in site.log


def test_english_only_item_has_english_url_and_french_switch_home(tmp_path):
    site = build_fixture_site(tmp_path, {
        **HOME, "pages/press.en.md": page("Press", "press"),
    })
    assert site.returncode == 0, site.log
    html = site.html("/en/press/")
    assert html.html["lang"] == "en"
    assert html.select_one("nav.language-switch a")["href"] == "/"
    x_default = html.find("link", hreflang="x-default")["href"]
    assert x_default == "/en/press/"


def _news(n, lang):
    slug = f"actu-{n}" if lang == "fr" else f"news-{n}"
    return page(f"Item {n} {lang}", slug, date=f"2020-01-{n:02d}")


def test_news_index_is_paginated_per_language(tmp_path):
    files = {**HOME}
    for n in range(1, 6):
        files[f"news/item-{n}.fr.md"] = _news(n, "fr")
    for n in range(1, 4):
        files[f"news/item-{n}.en.md"] = _news(n, "en")
    site = build_fixture_site(tmp_path, files, "NEWS_PER_PAGE = 2\n")
    assert site.returncode == 0, site.log
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


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path):
    files = {**HOME, "pages/about.fr.md": page("À propos", "a-propos")}
    site = build_fixture_site(tmp_path, files)
    assert site.returncode == 0, site.log
    about = site.path_for("/a-propos/")
    before = (about.read_bytes(), about.stat().st_mtime_ns)
    broken = {**files, "pages/about.fr.md": page("À propos", "a-propos",
                                                 body="[lien]({filename}/pages/nowhere.fr.md)")}
    shutil.rmtree(tmp_path / "content")
    failed = build_fixture_site(tmp_path, broken)
    assert failed.returncode != 0
    assert "left untouched" in failed.log
    assert (about.read_bytes(), about.stat().st_mtime_ns) == before


def test_rebuild_rewrites_only_changed_files(tmp_path):
    files = {**HOME, "pages/about.fr.md": page("À propos", "a-propos")}
    site = build_fixture_site(tmp_path, files)

    def mtimes():
        return {p.relative_to(site.output).as_posix(): p.stat().st_mtime_ns
                for p in site.output.rglob("*") if p.is_file()}

    before = mtimes()
    assert "index.html" in before
    again = build_fixture_site(tmp_path, files, "", "--force")
    assert again.returncode == 0
    assert mtimes() == before


def test_a_third_language_is_configuration_catalogue_and_content(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "theme" / "translations", translations)
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run([*pybabel, "init", "-i", str(translations / "messages.pot"),
                    "-d", str(translations), "-D", "messages", "-l", "nl"], check=True,
                   capture_output=True)
    po = translations / "nl" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text().replace(
        'msgid "Skip to content"\nmsgstr ""', 'msgid "Skip to content"\nmsgstr "Naar de inhoud"'))
    subprocess.run([*pybabel, "compile", "-d", str(translations), "-D", "messages"],
                   check=True, capture_output=True)
    site = build_fixture_site(tmp_path, {
        **HOME,
        "pages/home.nl.md": page("Welkom", "welkom", template="home"),
        "pages/about.fr.md": page("À propos", "a-propos"),
        "pages/about.nl.md": page("Over ons", "over-ons"),
        "news/item.nl.md": page("Nieuws", "nieuws-1", date="2024-05-03"),
    }, f"""
        LANGUAGES["nl"] = {{"name": "Nederlands", "locale": "nl_NL", "prefix": "nl/",
            "sections": {{"news": "nieuws", "agenda": "agenda", "startups": "start-ups",
                          "partners": "partners", "search": "zoeken"}}}}
        I18N_TRANSLATIONS_DIR = {str(translations)!r}
    """)
    assert site.returncode == 0, site.log
    html = site.html("/nl/over-ons/")
    assert html.html["lang"] == "nl"
    assert html.select_one("a.skip-link").get_text() == "Naar de inhoud"
    switch = {a["lang"]: a["href"] for a in html.select("nav.language-switch a")}
    assert switch == {"fr": "/a-propos/", "en": "/en/"}
    assert site.html("/nl/nieuws/nieuws-1/").select_one("article time").get_text() == "3 mei 2024"
    assert site.exists("/nl/nieuws/") and (site.output / "nl/nieuws/atom.xml").is_file()
