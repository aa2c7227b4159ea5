"""Legal facts: declared once, shown on the legal pages, never invented.

A fact the sources do not give stays empty in content/data/legal.yaml: the
pages show it "à compléter", the build lists it, and `make deploy` refuses to
upload while a page shows one.
"""

import io
import re
from contextlib import redirect_stderr

import yaml

from llv.legal.tests.test_legal import FILLED, LEGAL_PAGE
from llv.model.schema import fact_names, facts_to_fill
from tests.sitetools import ROOT, build_fixture_site, page
from tools import deploy

LEGAL_PAGES = {
    "legal": ("/mentions-legales/", "/en/legal-notice/"),
    "privacy": ("/donnees-personnelles/", "/en/privacy/"),
    "accessibility": ("/accessibilite/", "/en/accessibility/"),
}
PLACEHOLDER = re.compile(r"\{fact:\s*([A-Za-z_.]+)\s*\}")


def _markers(html) -> set[str]:
    return {mark["data-missing-fact"] for mark in html.select("mark[data-missing-fact]")}


def _real_facts() -> dict:
    return yaml.safe_load((ROOT / "content" / "data" / "legal.yaml").read_text(encoding="utf-8"))


def test_legal_pages_ask_for_every_fact_of_the_file():
    for key in LEGAL_PAGES:
        for lang in ("fr", "en"):
            text = (ROOT / "content" / "pages" / f"{key}.{lang}.md").read_text(encoding="utf-8")
            names = set(PLACEHOLDER.findall(text))
            assert names <= set(fact_names()), names - set(fact_names())
    shown = set()
    for key in LEGAL_PAGES:
        shown |= set(PLACEHOLDER.findall(
            (ROOT / "content" / "pages" / f"{key}.fr.md").read_text(encoding="utf-8")))
    # so that `make deploy` sees every missing fact on some page
    assert shown == set(fact_names())


def test_real_site_shows_known_facts_and_marks_the_others(site):
    facts = _real_facts()
    unknown = {name for name in facts_to_fill()
               if _value(facts, name) is None}
    assert unknown, "the sources give no host: some facts must still be à compléter"
    marked = set()
    for french, english in LEGAL_PAGES.values():
        for url in (french, english):
            html = site.html(url)
            marked |= _markers(html)
            for mark in html.select("mark[data-missing-fact]"):
                assert mark.get_text() == ("[à compléter]" if url == french else "[to be completed]")
    assert marked == unknown
    legal = site.html("/mentions-legales/").select_one(".prose").get_text()
    assert "Louvre Lens Vallée, association régie par la loi du 1er\u00a0juillet 1901" in legal
    assert "déclarée à la sous-préfecture de Lens le 2\u00a0juillet 2013" in legal
    assert "84 rue Paul Bert, 62300 Lens, France" in legal
    assert "Rédaction" not in legal  # no invented credit
    html = site.html("/mentions-legales/")
    # seed 000's number is its publisher's ("Besoin d'aide ?"), not LLV's: shown nowhere
    assert not html.select('a[href^="tel:+3332121"]')
    for path in site.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "21 21 62 16" not in text and "321216216" not in text, path
    assert "publisher.phone" in _markers(site.html("/contact/"))
    log = site.log
    assert f"{len(unknown)} legal fact(s) à compléter in content/data/legal.yaml" in log
    for name in unknown:
        assert f"\n  {name}" in log


def _value(facts: dict, name: str):
    value = facts
    for part in name.split("."):
        value = (value or {}).get(part)
    return value


def test_personal_data_page_says_who_what_where_how_long_and_how(site):
    text = site.html("/donnees-personnelles/").select_one(".prose").get_text(" ")
    for expected in ("Responsable du traitement", "Base légale", "intérêt légitime",
                     "Durée de conservation", "Destinataire", "Lieu de stockage",
                     "par courriel", "CNIL", "3 place de Fontenoy", "après votre décès",
                     "article 85"):
        assert expected in text, expected
    markers = _markers(site.html("/donnees-personnelles/"))
    assert {"data_controller", "host.name", "host.log_retention", "host.data_location",
            "publisher.email"} <= markers


def test_personal_data_page_answers_article_13(site):
    for url, expected in (
        ("/donnees-personnelles/", (
            "délégué à la protection des données", "recherche", "?q=",
            "journal du serveur", "Base légale", "Destinataires", "hors de l’Union européenne",
            "aucune décision automatisée", "obligé de fournir")),
        ("/en/privacy/", (
            "data protection officer", "search", "?q=", "server log", "Legal basis",
            "Recipients", "outside the European Union", "no automated decisions",
            "have to provide")),
    ):
        html = site.html(url)
        text = html.select_one(".prose").get_text(" ")
        for phrase in expected:
            assert phrase in text, (url, phrase)
        assert "aucun formulaire" not in text and "no forms" not in text
        assert "data_transfers" in _markers(html)
    # the forms the page speaks of: the words searched go into the address (GET, `q`)
    for url in ("/recherche/", "/start-up/"):
        form = site.html(url).select_one("form:has(input[name=q])")
        assert form and form.get("method", "get").lower() == "get", url


def test_a_missing_fact_reads_as_a_labelled_blank(site):
    """Never a word of a sentence ("dirigée par à compléter"): after a label and its
    colon, or alone under its heading."""
    pages = [path for path in site.output.rglob("*.html")
             if b"data-missing-fact" in path.read_bytes()]
    assert len(pages) >= 8
    for path in pages:
        html = site.html("/" + path.relative_to(site.output).parent.as_posix() + "/")
        for mark in html.select("mark[data-missing-fact]"):
            assert mark.get_text() in ("[à compléter]", "[to be completed]")
            before = "".join(str(s) for s in mark.previous_siblings
                             if isinstance(s, str)).rstrip(" \u00a0\u202f")
            alone = not before and not mark.parent.get_text().replace(mark.get_text(), "").strip()
            assert before.endswith(":") or alone, (path, mark.parent.get_text())


def test_accessibility_statement_follows_the_rgaa_model(site):
    html = site.html("/accessibilite/")
    text = html.select_one(".prose").get_text(" ")
    assert "https://louvrelensvallee.com" in text
    assert "non conforme" in text and "n’est pas connu" in text
    assert "Aucun contenu non accessible n’est connu" not in text
    assert "Schéma pluriannuel de mise en accessibilité\u00a0: aucun publié à ce jour" in text
    assert "21\u00a0novembre 2026" in text
    hrefs = {a["href"] for a in html.select(".prose a")}
    assert "https://formulaire.defenseurdesdroits.fr/" in hrefs
    assert "https://www.defenseurdesdroits.fr/saisir/delegues" in hrefs
    assert "publisher.email" in _markers(html)
    for heading in ("Technologies utilisées pour réaliser le site", "Environnement de test",
                    "Pages vérifiées"):
        section = html.find("h3", string=heading).find_next(["ul", "p"]).get_text(" ")
        assert ("JavaScript" in section and "Pagefind" in section
                if heading.startswith("Technologies") else section.startswith("Sans objet")), heading
    english = site.html("/en/accessibility/").select_one(".prose").get_text(" ")
    for phrase in ("JavaScript", "Pagefind", "Test environment", "Pages checked",
                   "Not applicable"):
        assert phrase in english, phrase


def test_facts_the_sources_support(site):
    """The corrections of issue 16, as a reader of the built site sees them."""
    partners = site.html("/partenaires/")

    def card(slug):
        return partners.select_one(f"#partner-{slug}").find_parent("li")

    sources = partners.select_one("details.sources").get_text(" ")
    for slug in ("etat", "departement-pas-de-calais"):
        name = card(slug).select_one(".partner-card__name").get_text(" ", strip=True)
        assert name in sources, slug  # its roles' sources, at the end of the page
    assert "Financeur" not in card("etat").get_text(" ")
    assert "aux débuts de l’association" in card("departement-pas-de-calais").get_text(" ")
    assert not partners.select_one("#partner-union-europeenne")
    assert "Financeurs" not in partners.get_text()
    salon = site.html("/agenda/salon-metiers-art-2015/").get_text(" ")
    assert "Événement du territoire" in salon
    assert "Organisé par Louvre Lens Vallée" not in salon and "première édition" not in salon
    launch = site.html("/agenda/lancement-batiment-totem-2014/").get_text(" ")
    assert "Hauts-de-France" not in launch and "Nord-Pas-de-Calais" in launch
    culturathon = site.html("/agenda/culturathon-2022/").get_text(" ")
    assert "Organisé par Louvre Lens Vallée" in culturathon
    services = site.html("/offre-de-services/")
    events = services.find("h3", string="Événements et animations").find_next("ul").get_text()
    assert "coding" not in events.lower()
    web_diffuz = site.html("/start-up/web-diffuz/").get_text(" ")
    assert "Médiation culturelle" not in web_diffuz and "applications" not in web_diffuz
    assert "PIAC" not in site.html("/le-lieu/").get_text()
    venue = site.html("/le-lieu/").get_text(" ")
    assert "8\u00a0600\u00a0m²" in venue or "8\u202f600\u00a0m²" in venue
    assert "2016" in venue and "2019" in venue
    about = site.html("/a-propos/").get_text(" ")
    assert "2022 ou après" in about and "plus récente" not in about
    assert "arrivé à Liévin en 2018" in about
    assert "Plus de 160" in about and "Entreprises partenaires" in about
    assert "emploie" not in about and "salariés" not in about
    for url in ("/start-up/wezaart/", "/en/start-ups/wezaart/"):
        text = site.html(url).get_text(" ")
        assert "clos" not in text and "closed" not in text
    english = site.html("/en/about/").get_text(" ")
    for word in ("laureate", "endowment", "project leader"):
        assert word not in english.lower(), word
    assert "University of Artois" in site.html("/en/partners/").get_text()


PUBLISH = 'SITEURL = "https://example.test"\nFEED_DOMAIN = SITEURL\n'
HOME = {"pages/home.fr.md": page("Accueil", "accueil", template="home")}


def test_deploy_refuses_while_a_fact_is_missing(tmp_path):
    partial = FILLED.replace("  name: Hébergeur d'essai SAS\n", "  name:\n") \
                    .replace("  rna: W000000000\n", "")
    site = build_fixture_site(tmp_path, {**HOME, "data/legal.yaml": partial,
                                         "pages/legal.fr.md": LEGAL_PAGE}, PUBLISH)
    assert site.returncode == 0, site.log
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        # an endpoint where nothing listens: reaching it would fail differently
        code = deploy.main([str(site.output)], environ={
            "LLV_S3_BUCKET": "site", "LLV_S3_ENDPOINT": "http://127.0.0.1:9",
            "LLV_S3_REGION": "eu-west-3",
            "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x"})
    message = stderr.getvalue()
    assert code == 1
    assert '2 legal fact(s) are still "à compléter"' in message
    assert "content/data/legal.yaml" in message and "Nothing was sent" in message
    assert "  host.name  (shown on mentions-legales/index.html)" in message
    assert "  publisher.rna  (shown on mentions-legales/index.html)" in message
