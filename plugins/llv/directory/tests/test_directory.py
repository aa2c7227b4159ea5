"""Typed content on tiny sites: the start-up directory and its facets, start-up
pages, the partners page, texts missing in a language."""

from llv.common.testing import HOME, build_site, page

STARTUPS = {
    "startups/lumiere.yaml": "name: Lumière\nslug: lumiere\ncohort: 2014\nprogramme: incubation\n"
                             "sectors: [heritage]\nfounders: [Ada Lovelace]\n"
                             "pitch: {fr: Une phrase., en: A sentence.}\n",
    "startups/lumiere.fr.md": "Une description.\n",
    "startups/lumiere.en.md": "A description.\n",
    "startups/atelier.yaml": "name: Atelier\nslug: atelier\npitch: {fr: Phrase., en: Sentence.}\n",
}
PARTNERS = {
    "partners/ville.yaml": "name: {fr: Ville, en: Town}\nslug: ville\nkind: institutional-partner\n"
                           "description: {fr: Une ville., en: A town.}\n",
    "partners/orange.yaml": "name: {fr: Orange}\nslug: orange\nkind: founding-member\n"
                            "description: {fr: Membre fondateur., en: Founding member.}\n",
}


def test_startups_have_a_directory_pages_and_facets_in_both_languages(tmp_path):
    site = build_site(tmp_path, STARTUPS)
    for directory, lang in (("/start-up/", "fr"), ("/en/start-ups/", "en")):
        html = site.html(directory)
        assert html.html["lang"] == lang
        links = html.select(".startup-card__title a")
        assert [a.get_text(strip=True) for a in links] == ["Atelier", "Lumière"]
        assert all(site.exists(a["href"]) for a in links)
    english = site.html("/en/start-ups/lumiere/")
    assert "Ada Lovelace" in english.select_one(".startup__facts").get_text()
    assert english.select_one(".startup__description").get_text(strip=True) == "A description."
    # each facet value is a page listing its start-ups, labelled in the page's language
    facets = {a.get_text(" ", strip=True): a["href"] for a in site.html("/start-up/").select(".startup-facets a")}
    assert facets["2014 (1)"] == "/start-up/promotion/2014/"
    assert facets["Incubation (1)"] == "/start-up/programme/incubation/"
    cohort = site.html("/en/start-ups/cohort/2014/")
    assert [a.get_text(strip=True) for a in cohort.select(".startup-card__title a")] == ["Lumière"]
    assert "2014" in cohort.select_one('.startup-facets a[aria-current="page"]').get_text()
    assert site.exists("/en/start-ups/sector/heritage-and-conservation/")
    assert site.exists("/start-up/secteur/patrimoine-et-conservation/")


def test_partners_are_grouped_by_kind_founding_members_first(tmp_path):
    site = build_site(tmp_path, {**PARTNERS, **HOME})
    for url, groups in (("/partenaires/", ["Membres fondateurs", "Partenaires institutionnels"]),
                        ("/en/partners/", ["Founding members", "Institutional partners"])):
        html = site.html(url)
        assert [h.get_text(strip=True) for h in html.select(".partners__group h2")] == groups
    english = site.html("/en/partners/")
    assert [n.get_text(strip=True) for n in english.select(".partner-card__name")] == ["Orange", "Town"]
    assert english.select_one("#partner-orange")["lang"] == "fr"
    # the home page names them as text, a name only in French marked as French
    for url, names in (("/", [("Orange", None), ("Ville", None)]),
                       ("/en/", [("Orange", "fr"), ("Town", None)])):
        links = site.html(url).select(".home__partners li a")
        assert [(a.get_text(strip=True), a.get("lang")) for a in links] == names


def test_missing_english_text_falls_back_to_french_marked_and_reported(tmp_path):
    startup = ("name: Exemple\nslug: exemple\nsectors: [heritage]\n"
               "pitch:\n  fr: Une phrase en français.\n")
    site = build_site(tmp_path, {
        "startups/exemple.yaml": startup,
        "startups/exemple.fr.md": "Une description en français.\n",
    })
    english = site.html("/en/start-ups/exemple/")
    pitch = english.select_one(".startup__pitch")
    assert pitch.get_text(strip=True) == "Une phrase en français." and pitch["lang"] == "fr"
    assert english.select_one(".startup__description")["lang"] == "fr"
    assert site.html("/start-up/exemple/").select_one(".startup__pitch").get("lang") is None
    assert "content/startups/exemple.yaml: startup 'exemple' has no translation in en" in site.log


def test_the_empty_twin_the_cms_leaves_is_no_translation(tmp_path):
    site = build_site(tmp_path, {
        "news/solo.fr.md": page("Seule", "seule", date="2026-11-20"), "news/solo.en.md": "\n"})
    assert site.exists("/actualites/seule/") and not (site.output / "en" / "news" / "seule").exists()
    assert "news/solo.fr.md: news 'solo' has no translation in en" in site.log
