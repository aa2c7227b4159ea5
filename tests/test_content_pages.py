"""The real start-up and partner pages as visitors find them, in both languages
(the directory on tiny sites: plugins/llv/model/tests/)."""


def test_startup_directory_and_pages_in_both_languages(site):
    for directory, lang in (("/start-up/", "fr"), ("/en/start-ups/", "en")):
        html = site.html(directory)
        assert html.html["lang"] == lang
        names = [a.get_text(strip=True) for a in html.select(".startup-card__title a")]
        assert names == ["Teweco", "Web Diffuz", "Wezaart"]
        for link in html.select(".startup-card__title a"):
            assert site.exists(site.local(link["href"]))


def test_startup_page_shows_facts_description_and_related_news(site):
    french, english = site.html("/start-up/wezaart/"), site.html("/en/start-ups/wezaart/")
    assert french.h1.get_text(strip=True) == "Wezaart"
    assert "Gary Lomprez" in french.select_one(".startup__facts").get_text()
    assert "premier appel à projets" in french.select_one(".startup__description").get_text()
    assert "first call for projects" in english.select_one(".startup__description").get_text()
    news = [site.local(a["href"]) for a in english.select(".startup__news a")]
    assert news == ["/en/news/first-call-for-projects-six-winners/"]
    alternates = {l["hreflang"]: site.local(l["href"])
                  for l in english.find_all("link", rel="alternate", hreflang=True)}
    assert alternates["fr"] == "/start-up/wezaart/" and alternates["en"] == "/en/start-ups/wezaart/"


def test_facet_values_are_real_pages_with_translated_labels(site):
    french = site.html("/start-up/")
    sector_links = {a.get_text(" ", strip=True): site.local(a["href"])
                    for a in french.select(".startup-facets a")}
    assert sector_links["2014 (1)"] == "/start-up/promotion/2014/"
    assert sector_links["Incubation (1)"] == "/start-up/programme/incubation/"
    english = site.html("/en/start-ups/cohort/2014/")
    assert [a.get_text(strip=True) for a in english.select(".startup-card__title a")] == ["Wezaart"]
    current = english.select_one('.startup-facets a[aria-current="page"]')
    assert "2014" in current.get_text()


def test_partners_grouped_by_kind_founding_members_first(site):
    for url, first in (("/partenaires/", "Membres fondateurs"), ("/en/partners/", "Founding members")):
        html = site.html(url)
        headings = [h.get_text(strip=True) for h in html.select(".partners__group h2")]
        assert headings[0] == first and len(headings) == 2
        founding = html.select(".partners__group--founding-member .partner-card__name")
        assert len(founding) == 7


def test_navigation_leads_to_startups_and_partners(site):
    nav = {a.get_text(strip=True): site.local(a["href"]) for a in site.html("/en/").select("nav.site-nav a")}
    assert nav["Start-ups"] == "/en/start-ups/" and nav["Partners"] == "/en/partners/"
