"""Legal facts on tiny sites: `{fact:…}` in pages, the footer's address, facts
still empty shown "à compléter" and listed, mistakes named by file and line."""

import pytest

from llv.common.testing import build_site, page

FILLED = """\
publisher:
  name: Louvre Lens Vallée
  legal_form: {fr: association loi 1901, en: non-profit association}
  declared_on: 2013-07-02
  declared_at: {fr: sous-préfecture de Lens, en: sub-prefecture of Lens}
  rna: W000000000
  registered_office: 1 rue de l'Essai, 62300 Lens
  address: {street: 84 rue Paul Bert, postcode: "62300", city: Lens, country: France}
  phone: "+33 3 00 00 00 00"
  email: contact@example.test
  website: https://example.test
publication_director:
  name: Camille Essai
  title: {fr: présidente, en: chair}
host:
  name: Hébergeur d'essai SAS
  address: 2 rue de l'Essai, 59000 Lille
  phone: "+33 3 11 11 11 11"
  data_location: {fr: France, en: France}
  log_retention: {fr: 12 mois, en: 12 months}
data_controller: Louvre Lens Vallée
data_transfers: {fr: aucun, en: none}
accessibility:
  statement_date: 2026-11-21
"""
LEGAL_PAGE = page("Mentions légales", "mentions-legales", body="""\
## Hébergeur {fact:host.name}

Éditeur : {fact:publisher.name}, RNA {fact:publisher.rna}, {fact:publisher.email}.
Hébergeur : {fact:host.name}, {fact:host.phone}. Directrice : {fact:publication_director.name}.
""")
SETTINGS = {"SITEURL": "https://example.test", "FEED_DOMAIN": "https://example.test"}


def missing_facts(html) -> set[str]:
    return {mark["data-missing-fact"] for mark in html.select("mark[data-missing-fact]")}


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("filled"), {
        "data/legal.yaml": FILLED, "pages/legal.fr.md": LEGAL_PAGE}, SETTINGS)


def test_filled_facts_are_shown_in_pages_and_the_footer(filled_site):
    html = filled_site.html("/mentions-legales/")
    assert not missing_facts(html)
    prose = html.select_one(".prose")
    assert prose.h2.get_text(" ", strip=True) == "Hébergeur Hébergeur d’essai SAS"
    assert prose.select_one('a[href="mailto:contact@example.test"]')
    assert prose.select_one('a[href="tel:+33311111111"]')
    assert "RNA W000000000" in prose.get_text()
    footer = html.select_one("footer address")
    assert footer.select_one('a[href="mailto:contact@example.test"]')
    assert "à compléter" not in filled_site.log


def test_an_empty_fact_is_shown_to_be_completed_and_listed(tmp_path):
    partial = FILLED.replace("  name: Hébergeur d'essai SAS\n", "  name:\n") \
                    .replace("  rna: W000000000\n", "")
    site = build_site(tmp_path, {"data/legal.yaml": partial,
                                              "pages/legal.fr.md": LEGAL_PAGE,
                                              "pages/legal.en.md": LEGAL_PAGE}, SETTINGS)
    assert "2 legal fact(s) à compléter in content/data/legal.yaml" in site.log
    assert site.log.endswith("\n  publisher.rna\n  host.name")
    for url, text in (("/mentions-legales/", "[à compléter]"),
                      ("/en/mentions-legales/", "[to be completed]")):
        html = site.html(url)
        assert missing_facts(html) == {"host.name", "publisher.rna"}
        assert {mark.get_text() for mark in html.select("mark[data-missing-fact]")} == {text}


def test_mistakes_in_the_facts_file_or_a_page_name_the_line(tmp_path):
    wrong = FILLED.replace("rna: W000000000", "rna: W123").replace(
        "email: contact@example.test", "email: contact")
    page_text = LEGAL_PAGE.replace("{fact:host.phone}", "{fact:host.phnoe}")
    site = build_site(tmp_path, {"data/legal.yaml": wrong,
                                              "pages/legal.fr.md": page_text}, fails=True)
    assert ("content/data/legal.yaml:6: publisher.rna: expected an RNA number (W and 9 digits) "
            "like `W623001234`, found 'W123'") in site.log
    assert "content/data/legal.yaml:10: publisher.email: expected an e-mail address" in site.log
    assert "content/pages/legal.fr.md:10: unknown fact `host.phnoe` (did you mean `host.phone`?)" \
        in site.log
